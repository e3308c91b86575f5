"""One view's box, projection and smoothed rings (`Geo`), shared by all map views, and the
process-wide caches of coastline files and views (`map_data`, `geo`).
"""

from __future__ import annotations

import math
from typing import Any

from game.mapdata import MapData, load_map
from game.ui.map.cache import _cache_key, _cache_read, _cache_write, _map_files
from game.ui.map.geometry import KM_PER_DEG, VIEWS, Point, _bbox, smooth_ring


class Geo:
    """One view's box, projection and smoothed rings in world km (shared by all MapViews).

    The smoothed rings are kept in the geometry cache (see `_cache_read`), so a later start
    neither parses the coastline file nor smooths its rings; `data` is read when needed."""

    def __init__(self, name: str, data: MapData | None = None):
        self.name = name
        self._data = data
        w, s, e, n = VIEWS[name]
        self.bbox = (w, s, e, n)
        self.k = math.cos(math.radians((s + n) / 2.0))
        self.width_km = (e - w) * self.k * KM_PER_DEG
        self.height_km = (n - s) * KM_PER_DEG
        #: (is water, polygon km, bbox km) in drawing order: land first, then lakes
        self.fills: list[tuple[bool, list[Point], tuple[float, float, float, float]]] = []
        #: (polyline km, closed, bbox km) of the shore (box-border edges left out)
        self.coasts: list[tuple[list[Point], bool, tuple[float, float, float, float]]] = []
        #: the land around the box, from the strait map, drawn beyond the box's edges
        self.outer_fills: list[tuple[bool, list[Point], tuple[float, float, float, float]]] = []
        self.outer_coasts: list[tuple[list[Point], bool, tuple[float, float, float, float]]] = []
        #: the 3/12 nm lines of the last scenario's places (kept by `territory.territory_of`)
        self._territory: dict[Any, Any] = {}
        key = _cache_key("geo", name, _map_files(name)) if data is None else None
        cached = _cache_read(key)
        if cached is not None:
            try:
                self.fills, self.coasts, self.outer_fills, self.outer_coasts = cached
                return
            except (TypeError, ValueError):
                pass
        self._build(self.data.rings, self.fills, self.coasts)
        if name != "strait":
            self._build_outer()
        _cache_write(key, (self.fills, self.coasts, self.outer_fills, self.outer_coasts))

    @property
    def data(self) -> MapData:
        """The view's coastline file (read on first use)."""
        if self._data is None:
            self._data = map_data(self.name)
        return self._data

    def _build(self, rings, fills: list, coasts: list) -> None:
        for ring in rings:
            km = [self.xy(lon, lat) for lon, lat in ring.points]
            fill, runs = smooth_ring(km, ring.border_edges)
            if len(fill) < 3:
                continue
            fills.append((not ring.is_land, fill, _bbox(fill)))
            for run, closed in runs:
                coasts.append((run, closed, _bbox(run)))

    def _build_outer(self, pad_lon: float = 1.3, pad_lat: float = 1.1) -> None:
        w, s, e, n = self.bbox
        region = (w - pad_lon, s - pad_lat, e + pad_lon, n + pad_lat)
        near = [
            ring
            for ring in map_data("strait").rings
            if not (
                ring.bbox[0] > region[2]
                or ring.bbox[2] < region[0]
                or ring.bbox[1] > region[3]
                or ring.bbox[3] < region[1]
            )
        ]
        self._build(near, self.outer_fills, self.outer_coasts)

    def xy(self, lon: float, lat: float) -> Point:
        w, _s, _e, n = self.bbox
        return ((lon - w) * self.k * KM_PER_DEG, (n - lat) * KM_PER_DEG)

    def lonlat(self, x: float, y: float) -> Point:
        w, _s, _e, n = self.bbox
        return (w + x / (self.k * KM_PER_DEG), n - y / KM_PER_DEG)

    def contains(self, lon: float, lat: float) -> bool:
        w, s, e, n = self.bbox
        return w <= lon <= e and s <= lat <= n


_GEO: dict[str, Geo] = {}
_DATA: dict[str, MapData] = {}


def map_data(name: str) -> MapData:
    """The coastline file of view `name`, read once per process."""
    d = _DATA.get(name)
    if d is None:
        d = _DATA[name] = load_map(name)
    return d


def geo(name: str) -> Geo:
    """The cached geometry of the view `name` ("strait" or "kinmen")."""
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}: choose strait or kinmen")
    g = _GEO.get(name)
    if g is None:
        g = _GEO[name] = Geo(name)
    return g
