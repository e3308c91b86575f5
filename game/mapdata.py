"""Coastline data of the game's maps (`assets/map/<name>.json`), without pygame.

The files are made by `tools/build_map.py` from GSHHG 2.3.6 (see `assets/map/README.md` for the
format and licence). Each map is a lon/lat box with rings; a ring is a closed polygon of a GSHHG
level (1 land, 2 lake, 3 island in a lake, 4 pond on such an island). Rings cut by the box are
closed along the box border; those border edges are listed in `Ring.border_edges` so a renderer
fills with them but strokes only `Ring.coast_runs()`.

    from game.mapdata import load_map, point_on_land, distance_to_coast_km
    kinmen = load_map("kinmen")
    point_on_land(kinmen, 118.41, 24.46)        # True (Mount Taiwu)
    distance_to_coast_km(kinmen, 118.40, 24.41) # km from Liaoluo Bay to the nearest shore
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from game.paths import assets_dir

FORMAT = 1
KM_PER_DEGREE = 6371.0088 * math.pi / 180.0  # along a meridian (mean Earth radius)

Point = tuple[float, float]
BBox = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Ring:
    """One closed polygon: `points[0] == points[-1]`.

    `border_edges` holds the indices i of the edges points[i] -> points[i + 1] that lie on the
    map box border (made by clipping): fill with them, never stroke them.
    """

    level: int
    points: list[Point]
    border_edges: frozenset[int] = frozenset()
    area_km2: float = 0.0
    bbox: BBox = field(default=(0.0, 0.0, 0.0, 0.0))

    @property
    def is_land(self) -> bool:
        """Land (level 1) or island in a lake (level 3); lakes and ponds are water."""
        return self.level % 2 == 1

    @property
    def clipped(self) -> bool:
        return bool(self.border_edges)

    def is_border_edge(self, index: int) -> bool:
        return index in self.border_edges

    def coast_runs(self) -> list[list[Point]]:
        """The real shoreline as polylines (border edges left out), for stroking.

        A ring not cut by the box gives one closed run (first point == last point).
        """
        n = len(self.points) - 1  # number of edges
        if not self.border_edges:
            return [list(self.points)]
        start = next(i for i in range(n) if i in self.border_edges)
        runs: list[list[Point]] = []
        run: list[Point] = []
        for k in range(1, n + 1):
            i = (start + k) % n  # edge i goes from points[i] to points[i + 1]
            if i in self.border_edges:
                if len(run) >= 2:
                    runs.append(run)
                run = []
                continue
            if not run:
                run.append(self.points[i])
            run.append(self.points[i + 1])
        if len(run) >= 2:
            runs.append(run)
        return runs

    def contains(self, lon: float, lat: float) -> bool:
        """Even-odd point-in-polygon test."""
        west, south, east, north = self.bbox
        if not (west <= lon <= east and south <= lat <= north):
            return False
        inside = False
        pts = self.points
        x0, y0 = pts[0]
        for x1, y1 in pts[1:]:
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
            x0, y0 = x1, y1
        return inside


@dataclass(frozen=True)
class MapData:
    name: str
    bbox: BBox
    resolution: str
    rings: list[Ring]
    source: str = ""

    def contains_point(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bbox
        return west <= lon <= east and south <= lat <= north


def _ring_bbox(points: list[Point]) -> BBox:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats))


def load_map_file(path: str | Path) -> MapData:
    """Read one map JSON file (format 1)."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise ValueError(f"{path}: unsupported map format {doc.get('format')!r}")
    rings = []
    for raw in doc["rings"]:
        points = [(float(p[0]), float(p[1])) for p in raw["points"]]
        if len(points) < 4 or points[0] != points[-1]:
            raise ValueError(f"{path}: ring is not closed")
        rings.append(
            Ring(
                level=int(raw["level"]),
                points=points,
                border_edges=frozenset(int(i) for i in raw.get("border_edges", ())),
                area_km2=float(raw.get("area_km2", 0.0)),
                bbox=_ring_bbox(points),
            )
        )
    w, s, e, n = (float(v) for v in doc["bbox"])
    return MapData(
        name=str(doc["name"]),
        bbox=(w, s, e, n),
        resolution=str(doc["resolution"]),
        rings=rings,
        source=str(doc.get("source", "")),
    )


def map_path(name: str) -> Path:
    return assets_dir() / "map" / f"{name}.json"


def load_map(name: str) -> MapData:
    """Load `assets/map/<name>.json` ("kinmen" or "strait")."""
    return load_map_file(map_path(name))


def containing_level(data: MapData, lon: float, lat: float) -> int:
    """The deepest GSHHG level whose ring contains the point (0 = open sea)."""
    level = 0
    for ring in data.rings:
        if ring.level > level and ring.contains(lon, lat):
            level = ring.level
    return level


def point_on_land(data: MapData, lon: float, lat: float) -> bool:
    """True on land: inside a land ring and not in a lake (islands in lakes count as land)."""
    return containing_level(data, lon, lat) % 2 == 1


def land_ring(data: MapData, lon: float, lat: float) -> Ring | None:
    """The land (an island, a mainland) the point lies on, or None at sea: a name
    placed for a land must stay on it, not drift onto a neighbouring island."""
    for ring in data.rings:
        if ring.level == 1 and ring.contains(lon, lat):
            return ring
    return None


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def distance_to_coast_km(data: MapData, lon: float, lat: float) -> float:
    """Distance in km to the nearest shoreline edge (lake shores included, box border not).

    Uses an equirectangular projection around the point (longitude scaled by cos(latitude)),
    accurate to well under 1 % at these distances. Returns `math.inf` if there is no shore.
    """
    kx = KM_PER_DEGREE * math.cos(math.radians(lat))
    ky = KM_PER_DEGREE
    best = math.inf
    for ring in data.rings:
        west, south, east, north = ring.bbox
        gap_x = max(west - lon, 0.0, lon - east) * kx
        gap_y = max(south - lat, 0.0, lat - north) * ky
        if math.hypot(gap_x, gap_y) >= best:
            continue
        pts = ring.points
        border = ring.border_edges
        for i in range(len(pts) - 1):
            if i in border:
                continue
            (ax, ay), (bx, by) = pts[i], pts[i + 1]
            d = _segment_distance(
                0.0, 0.0, (ax - lon) * kx, (ay - lat) * ky, (bx - lon) * kx, (by - lat) * ky
            )
            if d < best:
                best = d
    return best
