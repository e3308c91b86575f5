"""Distances on the strait: equirectangular scaled by cos(latitude), accurate to well under 1%
over the 100 km that matter here (see shared/reference/map-data.md).

Here, below the engine, so the checker measures a historical order's range exactly as the
rules will (`game.engine.geo` re-exports it)."""

from __future__ import annotations

import math

KM_PER_DEG = 111.32


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    k = math.cos(math.radians((lat1 + lat2) / 2.0))
    return math.hypot((lon2 - lon1) * k, lat2 - lat1) * KM_PER_DEG
