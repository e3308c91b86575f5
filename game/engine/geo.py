"""Distances on the strait (the one function lives with the scenario format, so the checker
and the rules measure alike)."""

from __future__ import annotations

from game.scenario.geo import KM_PER_DEG, distance_km

__all__ = ["KM_PER_DEG", "distance_km"]
