"""Who holds which coast, and the 3 and 12 nautical mile lines off the PRC's (see the
package's docstring for the rules).
"""

from __future__ import annotations

import math
import zlib
from typing import Any

import pygame

from game.mapdata import MapData, Ring, point_on_land
from game.ui.map.cache import (
    _cache_key,
    _cache_read,
    _cache_write,
    _map_files,
    _mask_bytes,
    _mask_from,
)
from game.ui.map.geo import Geo, map_data
from game.ui.map.geometry import (
    KM_PER_DEG,
    NM_KM,
    TERRITORIAL_NM,
    TERRITORY_RES_KM,
    Point,
    _densify,
    chaikin_closed,
    chaikin_open,
)

#: how far beyond the Kinmen box the 3/12 nm lines are traced (km): past the widest margin
#: the layer shows at the smallest window, with the 12 nm line's 22 km on top
OUTSIDE_KM = 40.0


def _vertex_distance_km(ring: Ring, lon: float, lat: float, step: int = 1) -> float:
    kx = KM_PER_DEG * math.cos(math.radians(lat))
    best = math.inf
    for x, y in ring.points[::step]:
        d = (x - lon) * (x - lon) * kx * kx + (y - lat) * (y - lat) * KM_PER_DEG * KM_PER_DEG
        if d < best:
            best = d
    return math.sqrt(best)


def ring_sides(
    data: MapData,
    places: tuple[tuple[float, float, str, str], ...],
    region: tuple[float, float, float, float] | None = None,
) -> list[str]:
    """ "roc" or "prc" for every land ring of `data`, "" for water rings (see module doc).

    `places` holds (lon, lat, side, terrain) of the scenario's places. With `region`
    (west, south, east, north), only rings meeting it are classified (the others get "").
    """
    rings = data.rings
    sides = ["" for _ in rings]
    land = [i for i, r in enumerate(rings) if r.is_land]
    if region is not None:
        w, s, e, n = region
        land = [
            i
            for i in land
            if not (
                rings[i].bbox[0] > e
                or rings[i].bbox[2] < w
                or rings[i].bbox[1] > n
                or rings[i].bbox[3] < s
            )
        ]
    explicit: dict[int, str] = {}
    by_area = sorted(land, key=lambda i: rings[i].area_km2)  # stable: ties keep ring order
    for lon, lat, side, _terrain in places:
        if side not in ("roc", "prc") or not data.contains_point(lon, lat):
            continue
        # the smallest ring holding the place (found before testing the mainland's)
        inside = next((i for i in by_area if rings[i].contains(lon, lat)), None)
        if inside is not None:
            idx = inside
        else:
            near = [
                (i, _vertex_distance_km(rings[i], lon, lat))
                for i in land
                if _bbox_gap_km(rings[i], lon, lat) < 2.5
            ]
            near = [(i, d) for i, d in near if d < 2.5]
            if not near:
                continue
            idx = min(near, key=lambda t: t[1])[0]
        if explicit.get(idx) != "roc":  # a ring holding an ROC place is ROC-held
            explicit[idx] = side
    anchors = [i for i in land if i in explicit or rings[i].area_km2 >= 2.0]
    index: _NearestRing | None = None
    for i in land:
        if i in explicit:
            sides[i] = explicit[i]
        elif rings[i].area_km2 >= 2.0 or not anchors:
            sides[i] = "prc"
        else:
            if index is None:
                index = _NearestRing(rings, anchors)
            best = index.nearest(*rings[i].points[0])
            sides[i] = explicit.get(best, "prc") if best is not None else "prc"
    return sides


class _NearestRing:
    """Which of some rings has the vertex nearest a point (each ring's vertices thinned to
    about 400, as `_vertex_distance_km(ring, lon, lat, 1 + len // 400)` does; ties go to the
    lower ring index). The vertices sit in a grid of `CELL`-degree cells searched outwards,
    so a query looks at a few cells instead of every vertex of the mainland."""

    CELL = 0.02

    def __init__(self, rings: list[Ring], which: list[int]) -> None:
        c = self.CELL
        self.cells: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
        for j in which:
            pts = rings[j].points
            for x, y in pts[:: 1 + len(pts) // 400]:
                self.cells.setdefault((math.floor(x / c), math.floor(y / c)), []).append((x, y, j))
        keys = list(self.cells) or [(0, 0)]
        self.span = (
            min(k[0] for k in keys),
            min(k[1] for k in keys),
            max(k[0] for k in keys),
            max(k[1] for k in keys),
        )

    def nearest(self, lon: float, lat: float) -> int | None:
        c = self.CELL
        kx = KM_PER_DEG * math.cos(math.radians(lat))
        kx2, ky2 = kx * kx, KM_PER_DEG * KM_PER_DEG
        cx, cy = math.floor(lon / c), math.floor(lat / c)
        x0, y0, x1, y1 = self.span
        last = max(cx - x0, x1 - cx, cy - y0, y1 - cy, 0)
        kmin = c * min(kx, KM_PER_DEG)
        best_d2, best = math.inf, None
        cells = self.cells
        for r in range(last + 1):
            if r == 0:
                ring = [(cx, cy)]
            else:
                ring = [(cx + d, cy - r) for d in range(-r, r + 1)]
                ring += [(cx + d, cy + r) for d in range(-r, r + 1)]
                ring += [(cx - r, cy + d) for d in range(-r + 1, r)]
                ring += [(cx + r, cy + d) for d in range(-r + 1, r)]
            for key in ring:
                for x, y, j in cells.get(key, ()):
                    d2 = (x - lon) * (x - lon) * kx2 + (y - lat) * (y - lat) * ky2
                    if d2 < best_d2 or (d2 == best_d2 and best is not None and j < best):
                        best_d2, best = d2, j
            # every vertex in a farther cell is at least r cells away on one axis
            if best_d2 < (r * kmin) ** 2:
                break
        return best


def _bbox_gap_km(ring: Ring, lon: float, lat: float) -> float:
    w, s, e, n = ring.bbox
    kx = KM_PER_DEG * math.cos(math.radians(lat))
    gx = max(w - lon, 0.0, lon - e) * kx
    gy = max(s - lat, 0.0, lat - n) * KM_PER_DEG
    return math.hypot(gx, gy)


class Territory:
    """The 3 and 12 nautical mile lines off the PRC coast, in a view's world km.

    `lines[nm]` are polylines; a closed one repeats its first point at the end. Lines that
    reach the edge of the traced area are left open there (no stroke along it)."""

    def __init__(self, g: Geo, places: tuple[tuple[float, float, str, str], ...]):
        self.geo = g
        res = TERRITORY_RES_KM
        # the layer shows the surroundings beyond the box (see `Camera._margins`): the lines
        # are traced that far too, so they run on past the box's edges instead of stopping
        margin = 1.0 if g.name == "strait" else OUTSIDE_KM
        self.res = res
        self.x0 = self.y0 = -margin
        gw = math.ceil((g.width_km + 2 * margin) / res)
        gh = math.ceil((g.height_km + 2 * margin) / res)
        self.grid = (gw, gh)
        self.lines: dict[int, list[list[Point]]] = {}
        self.masks: dict[int, pygame.mask.Mask] = {}
        #: places for each line's label, best first
        self.labels: dict[int, list[Point]] = {}
        #: the cache's masks, decoded on first use (see `_unpack`)
        self._packed: tuple[Any, Any] | None = None
        self._places = places
        key = _cache_key("territory-open", g.name, places, _map_files(g.name))
        cached = _cache_read(key)
        if cached is not None:
            try:
                self.sides, self.lines, self.labels, masks, roc = cached
                self._packed = ({nm: masks[nm] for nm in TERRITORIAL_NM}, roc)
                return
            except (TypeError, ValueError, KeyError):
                self.lines, self.labels, self.masks = {}, {}, {}
        self._compute(g, places)
        masks = {nm: _mask_bytes(self.masks[nm]) for nm in TERRITORIAL_NM}
        _cache_write(key, (self.sides, self.lines, self.labels, masks, _mask_bytes(self.roc_3nm)))

    def _compute(self, g: Geo, places: tuple[tuple[float, float, str, str], ...]) -> None:
        self.sides = ring_sides(g.data, places)
        land, coast = self._land_and_coast(g, "prc")
        coast.extend(self._outside_coast(g, places, land))
        ref = self._reference(g, places)
        for nm in TERRITORIAL_NM:
            self.masks[nm] = self._dilate(land, coast, nm * NM_KM)
            self.lines[nm] = self._outlines(self.masks[nm])
            self.labels[nm] = self._label_points(g, self.lines[nm], ref)
        # 3 nm off the ROC-held shore: where US escorts turned back in 1958
        roc_land, roc_coast = self._land_and_coast(g, "roc")
        self.roc_3nm = self._dilate(roc_land, roc_coast, 3 * NM_KM)

    def _to_grid(self, p: Point) -> Point:
        return ((p[0] - self.x0) / self.res, (p[1] - self.y0) / self.res)

    def _land_and_coast(self, g: Geo, side: str) -> tuple[pygame.mask.Mask, list[list[Point]]]:
        """The mask of one side's land on the grid and its shore as polylines (km)."""
        surf = pygame.Surface(self.grid)
        surf.fill((0, 0, 0))
        coast: list[list[Point]] = []
        for ring, ring_side in zip(g.data.rings, self.sides, strict=True):
            if ring_side != side:
                continue
            km = [g.xy(lon, lat) for lon, lat in ring.points]
            pygame.draw.polygon(surf, (255, 255, 255), [self._to_grid(p) for p in km])
            for run in ring.coast_runs():
                coast.append([g.xy(lon, lat) for lon, lat in run])
        surf.set_colorkey((0, 0, 0))
        return pygame.mask.from_surface(surf), coast

    def _dilate(
        self, land: pygame.mask.Mask, coast: list[list[Point]], r_km: float
    ) -> pygame.mask.Mask:
        """`land` grown by `r_km`: a disc stamped at every shore vertex (densified)."""
        rr = round(r_km / self.res)
        disc = _disc_mask(rr)
        m = land.copy()
        for run in coast:
            for x, y in _densify(run, r_km / 4.0):
                gx, gy = self._to_grid((x, y))
                m.draw(disc, (round(gx) - rr, round(gy) - rr))
        return m

    def _outside_coast(
        self,
        g: Geo,
        places: tuple[tuple[float, float, str, str], ...],
        land: pygame.mask.Mask,
    ) -> list[list[Point]]:
        """PRC shore outside the box, from the strait map, so the lines near the box border
        count the coast beyond it; that shore's land is added to `land`, so the lines traced
        beyond the box go round the mainland instead of along its shore."""
        if g.name == "strait":
            return []
        strait = map_data("strait")
        w, s, e, n = g.bbox
        pad = 0.5
        box = (w - pad, s - pad, e + pad, n + pad)
        sides = ring_sides(strait, places, box)
        out: list[list[Point]] = []
        for ring, side in zip(strait.rings, sides, strict=True):
            if side != "prc":
                continue
            rw, rs, re_, rn = ring.bbox
            if rw > box[2] or re_ < box[0] or rs > box[3] or rn < box[1]:
                continue
            surf = pygame.Surface(self.grid)
            surf.fill((0, 0, 0))
            surf.set_colorkey((0, 0, 0))
            grid_pts = [self._to_grid(g.xy(lon, lat)) for lon, lat in ring.points]
            pygame.draw.polygon(surf, (255, 255, 255), grid_pts)
            land.draw(pygame.mask.from_surface(surf), (0, 0))
            for run in ring.coast_runs():
                part: list[Point] = []
                for lon, lat in run:
                    inside_big = box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
                    if inside_big and not g.contains(lon, lat):
                        part.append(g.xy(lon, lat))
                    elif part:
                        out.append(part)
                        part = []
                if part:
                    out.append(part)
        return out

    def _outlines(self, m: pygame.mask.Mask) -> list[list[Point]]:
        gw, gh = self.grid
        shapes: list[list[tuple[int, int]]] = []
        for comp in m.connected_components():
            pts = comp.outline(3)
            if len(pts) >= 6:
                shapes.append(pts)
        holes = m.copy()
        holes.invert()
        for comp in holes.connected_components():
            rects = comp.get_bounding_rects()
            if not rects:
                continue
            r = rects[0]
            if r.left <= 0 or r.top <= 0 or r.right >= gw or r.bottom >= gh:
                continue  # the open sea around the mask, not a hole
            pts = comp.outline(3)
            if len(pts) >= 6:
                shapes.append(pts)
        res = self.res
        lines = []
        for pts in shapes:
            if pts[0] == pts[-1]:
                pts = pts[:-1]
            for run, closed in _open_at_edge(pts, gw, gh):
                km = [(self.x0 + (x + 0.5) * res, self.y0 + (y + 0.5) * res) for x, y in run]
                if closed:
                    sm = chaikin_closed(km, 2)
                    lines.append([*sm, sm[0]])
                else:
                    lines.append(chaikin_open(km, 2))
        return lines

    @staticmethod
    def _reference(g: Geo, places: tuple[tuple[float, float, str, str], ...]) -> Point:
        for lon, lat, side, terrain in places:
            if side == "roc" and terrain == "land" and g.contains(lon, lat):
                return g.xy(lon, lat)
        return (g.width_km / 2, g.height_km / 2)

    @staticmethod
    def _label_points(g: Geo, lines: list[list[Point]], ref: Point) -> list[Point]:
        """Points of the line over the sea, nearest `ref` first, at least 2 km apart."""
        cands = []
        for line in lines:
            for x, y in line[::3]:
                if 2.0 < x < g.width_km - 2.0 and 2.0 < y < g.height_km - 2.0:
                    cands.append((math.hypot(x - ref[0], y - ref[1]), x, y))
        cands.sort()
        out: list[Point] = []
        for _d, x, y in cands:
            if any(math.hypot(x - a, y - b) < 2.0 for a, b in out):
                continue
            lon, lat = g.lonlat(x, y)
            if not point_on_land(g.data, lon, lat):
                out.append((x, y))
                if len(out) >= 12:
                    break
        return out

    def within(self, nm: int, x: float, y: float) -> bool:
        """Whether the world point (km) lies within `nm` (3 or 12) nautical miles of the PRC
        coast."""
        self._unpack()
        return self._get(self.masks[nm], x, y)

    def near_roc(self, x: float, y: float) -> bool:
        """Whether the world point (km) lies within 3 nautical miles of the ROC-held shore."""
        self._unpack()
        return self._get(self.roc_3nm, x, y)

    def _unpack(self) -> None:
        """The cached masks decoded, on first use: only a report's convoy paths ask for them,
        and decoding them cost 50-80 ms of every launch before its first frame. A cache
        that does not decode is worked out again."""
        if self._packed is None:
            return
        masks, roc = self._packed
        self._packed = None
        try:
            self.masks = {nm: _mask_from(masks[nm], self.grid) for nm in TERRITORIAL_NM}
            self.roc_3nm = _mask_from(roc, self.grid)
        except (TypeError, ValueError, KeyError, zlib.error, pygame.error):
            self._compute(self.geo, self._places)

    def _get(self, m: pygame.mask.Mask, x: float, y: float) -> bool:
        gx = int((x - self.x0) / self.res)
        gy = int((y - self.y0) / self.res)
        gw, gh = self.grid
        if not (0 <= gx < gw and 0 <= gy < gh):
            return False
        return bool(m.get_at((gx, gy)))


def _open_at_edge(
    pts: list[tuple[int, int]], gw: int, gh: int
) -> list[tuple[list[tuple[int, int]], bool]]:
    """A mask outline (closed, no repeated point) cut where it runs along the grid's edge:
    that is where the grid ends, not a line at sea. Gives (points, closed) runs."""

    def edge(p: tuple[int, int]) -> bool:
        return p[0] <= 0 or p[1] <= 0 or p[0] >= gw - 1 or p[1] >= gh - 1

    n = len(pts)
    first = next((i for i in range(n) if edge(pts[i])), None)
    if first is None:
        return [(pts, True)]
    runs: list[tuple[list[tuple[int, int]], bool]] = []
    run: list[tuple[int, int]] = []
    for k in range(1, n + 1):
        p = pts[(first + k) % n]
        if edge(p):
            if len(run) >= 2:
                runs.append((run, False))
            run = []
        else:
            run.append(p)
    if len(run) >= 2:
        runs.append((run, False))
    return runs


def _disc_mask(r: int) -> pygame.mask.Mask:
    surf = pygame.Surface((2 * r + 1, 2 * r + 1))
    surf.fill((0, 0, 0))
    surf.set_colorkey((0, 0, 0))
    pygame.draw.circle(surf, (255, 255, 255), (r, r), r + 0.5)
    return pygame.mask.from_surface(surf)


def territory_of(g: Geo, places: tuple[tuple[float, float, str, str], ...]) -> Territory:
    """The 3/12 nm lines of view `g` for a scenario's `places`, kept on the view (the last
    scenario's only)."""
    key = places
    terr = g._territory.get(key)
    if terr is None:
        terr = Territory(g, places)
        g._territory = {key: terr}
    return terr
