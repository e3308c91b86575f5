"""A pannable, zoomable map of the Taiwan Strait or of Kinmen with the game drawn on it.

    view = MapView(scenario, "kinmen", size=(960, 720), lang="en", palette="default")
    view.handle_event(event)     # wheel zoom at the cursor, left-drag pan, arrows/WASD, +/-, Home
    view.update(dt)              # animations: shells, bursts fading, convoys sailing
    view.draw(screen, state, report, hover_pos=mouse, selected="roc_8in_m2")
    view.thing_at(mouse)         # id of the battery, target or place under the mouse
    view.play_report(report)     # animate a turn's report

Interface beyond the agreed one: `which`, `zoom` (pixels per km), `level` and
`level_range()`, `set_level`, `zoom_by`, `pan`, `centre_on`, `reset_view`, `map_rect()`,
`shown_places()`, `placed_labels()`, `thing_screen_pos(id)`, `territory()`, `animating`,
`dragging`, and the attributes `ui_scale` (labels and symbols, default 1.0), `layers` (a set
of "base", "coast", "overlays", "symbols", "labels", "animations"; `{"base"}` draws only sea
and land fills), `offset` (top-left of the map on the window, default (0, 0)) and `viewer`
(None, or the side whose knowledge is shown: unspotted enemy batteries then show "?").
Module helpers: `demo_report`, `render_png`, `bench_frames` (for `python -m game bench`).

How it is drawn
- Projection: equirectangular, longitude scaled by cos(mid-latitude of the view), in km
  ("world" coordinates: x east and y south from the north-west corner of the view's box).
- Zoom goes in steps of 2**(1/4) from the scale that fits the box in the window (level 0),
  three steps out and up to 6x (strait) or 8x (Kinmen) in. For each (view, zoom, palette,
  layer set, margins) the base map is rendered once into a cached Surface that covers the
  whole box: sea, a light band of shallow water, the 3 and 12 nautical mile lines (Kinmen
  view), land, lakes as water, and the coastline smoothed by two passes of Chaikin corner
  cutting and stroked anti-aliased. Edges that the map extract made along the box border are
  filled but never stroked. Around the Kinmen box the layer also holds as much of the
  surroundings (from the coarser strait map) as panning can show, so the map does not end in
  a grey band. Panning only blits; the highest zoom is capped so that a layer stays under
  `LAYER_MAX_PIXELS`, and a few layers are kept (least recently used dropped first).
- Lanes, craters, the selected battery's range ring, symbols and labels are drawn once onto a
  copy of the base layer (the "scene", kept until the state's guns or integrity, the
  selection, the viewer, the layers or the report change; up to `SCENE_MAX_PIXELS`), so
  panning is one blit; each frame adds only the animations, the hover ring and highlights and
  the scale bar. The base layer's geometry (smoothed coasts, the 3/12 nm lines) is kept in a
  disk cache (see `_cache_read`). Sprites come from `game.ui.symbols`; the layout is cached
  per zoom: the symbols of a place sit
  in a small grid (moved aside with a leader line when they would cover another place's),
  then labels are placed greedily by priority (places with batteries or targets, lane
  waypoints, other places, then names of seas and lands); a label that would overlap an
  earlier one or a symbol is skipped.

Who holds which coast (the 3 and 12 nautical mile lines)
- A land ring is ROC-held when it contains a place of the scenario with `side: roc` (a coast
  or sea place counts for the ring whose shore is nearest, within 2.5 km); it is PRC-held when
  it contains a `side: prc` place. An islet under 2 km2 with no place of its own takes the
  side of the nearest ring that has a place or is larger. Every other land ring is PRC coast.
  With the 1958 scenario that makes Greater Kinmen, Lieyu, Dadan and Erdan (and the rocks
  beside them) ROC, and the mainland, Xiamen, Gulangyu and Dadeng PRC.
- The lines are the outline of the PRC land mask dilated by 5.556 km and 22.224 km (a disc
  stamped with `pygame.mask` at every PRC shore vertex, on a 100 m grid), using the Kinmen
  map inside its box and the strait map for the shore just outside it. They are drawn over
  the sea only (land is filled over them). This approximates the 1958 declaration, which
  measured from straight baselines between headlands. US escorts in the convoy animation
  turn back 3 nm off Kinmen's shore (or off the PRC's, whichever comes first).

Positions given to `handle_event`, `draw(hover_pos=...)` and `thing_at` are window positions;
set `offset` when the map does not start at (0, 0) of the window. A click (press and release
without dragging) is not consumed by `handle_event`, so the caller sees the MOUSEBUTTONUP and
can ask `thing_at(event.pos)`. `draw` adapts to the size of the surface it is given.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import marshal
import math
import os
import random
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pygame

from game.mapdata import MapData, Ring, load_map, map_path, point_on_land
from game.paths import assets_dir, cache_dir
from game.ui import symbols
from game.ui.palette import Colour, get_palette, mix, side_colour

Point = tuple[float, float]

KM_PER_DEG = 111.32
NM_KM = 1.852
VIEWS: dict[str, tuple[float, float, float, float]] = {
    "strait": (117.0, 22.3, 122.2, 26.6),
    "kinmen": (118.05, 24.30, 118.65, 24.65),
}
ZOOM_STEP = 2.0**0.25
MIN_LEVEL = -3
MAX_ZOOM = {"strait": 6.0, "kinmen": 8.0}  # times the scale that fits the box
LAYER_MAX_PIXELS = 16_000_000
LAYER_CACHE_PIXELS = 30_000_000
#: the base layer with the symbols and labels drawn on it is kept up to this size
SCENE_MAX_PIXELS = 8_000_000
ALL_LAYERS = frozenset({"base", "coast", "overlays", "symbols", "labels", "animations"})
_BAKED = ("base", "coast", "overlays")  # parts rendered into the cached base layer
TERRITORIAL_NM = (3, 12)
TERRITORY_RES_KM = 0.1
SMOOTH_PASSES = 2
FONT_FILE = "wqy-microhei.ttc"
BURST_LIFE = 2.0

_TEXT = {
    "en": {
        3: "3 nm",
        12: "12 nm",
        "km": "km",
        "us_fleet": "US 7th Fleet",
    },
    "zh-Hant": {
        3: "三海浬",
        12: "十二海浬",
        "km": "公里",
        "us_fleet": "美國第七艦隊",
    },
}

# Names of seas and lands that no scenario place covers: (lon, lat, en, zh, style, major).
# Major names are placed before the scenario's places, the others only where room is left.
_REGIONS: dict[str, list[tuple[float, float, str, str, str, bool]]] = {
    "strait": [
        (119.45, 24.75, "Taiwan Strait", "臺灣海峽", "water", False),
        (117.85, 25.55, "Fujian", "福建", "region", True),
        (120.95, 23.65, "Taiwan", "臺灣", "region", True),
        (119.55, 23.42, "Penghu", "澎湖", "region", True),
        (118.38, 24.27, "Kinmen", "金門", "region", True),
        (119.95, 26.05, "Matsu", "馬祖", "region", True),
        (121.75, 22.75, "Pacific Ocean", "太平洋", "water", False),
        (117.75, 22.9, "South China Sea", "南海", "water", False),
    ],
    "kinmen": [
        (118.375, 24.455, "Greater Kinmen", "大金門", "region", False),
        (118.13, 24.50, "Xiamen Island", "廈門島", "region", False),
        (118.50, 24.56, "Weitou Bay", "圍頭灣", "water", False),
        (118.50, 24.335, "Taiwan Strait", "臺灣海峽", "water", False),
        (118.36, 24.625, "Fujian", "福建", "region", False),
    ],
}

# The US 7th Fleet carrier group, east of the convoy lane in the strait view (decoration).
_US_GROUP: list[tuple[float, float, str, int]] = [
    (119.80, 24.16, "carrier", 26),
    (119.70, 24.25, "escort", 15),
    (119.92, 24.26, "escort", 15),
    (119.84, 24.04, "escort", 15),
]


# -- geometry --------------------------------------------------------------------------------


def chaikin_closed(pts: list[Point], passes: int = SMOOTH_PASSES) -> list[Point]:
    """Chaikin corner cutting of a closed ring given without its repeated last point."""
    for _ in range(passes):
        n = len(pts)
        out: list[Point] = []
        for i in range(n):
            x0, y0 = pts[i]
            x1, y1 = pts[(i + 1) % n]
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        pts = out
    return pts


def chaikin_open(pts: list[Point], passes: int = SMOOTH_PASSES) -> list[Point]:
    """Chaikin corner cutting of an open polyline; its two end points stay where they are."""
    for _ in range(passes):
        n = len(pts)
        if n < 3:
            return pts
        out: list[Point] = [pts[0]]
        for i in range(n - 1):
            x0, y0 = pts[i]
            x1, y1 = pts[i + 1]
            if i > 0:
                out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            if i < n - 2:
                out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out.append(pts[-1])
        pts = out
    return pts


def smooth_ring(
    pts: list[Point], border_edges: frozenset[int], passes: int = SMOOTH_PASSES
) -> tuple[list[Point], list[tuple[list[Point], bool]]]:
    """(fill polygon, coast runs as (points, closed)) of a closed ring (last == first).

    Shore runs are smoothed; edges on the box border are kept as they are (so the fill still
    meets the border exactly) and left out of the runs. Rings of fewer than 5 points (rocks)
    are not smoothed, which would shrink them to nothing.
    """
    n = len(pts) - 1
    if not border_edges:
        core = pts[:-1]
        sm = chaikin_closed(core, passes) if n >= 5 else list(core)
        return sm, [(sm, True)]
    start = min(border_edges)
    fill: list[Point] = []
    runs: list[tuple[list[Point], bool]] = []
    run: list[Point] = []

    def flush() -> None:
        if len(run) >= 2:
            sm = chaikin_open(run, passes)
            runs.append((sm, False))
            fill.extend(sm)

    for k in range(n):
        i = (start + k) % n
        if i in border_edges:
            flush()
            run = []
            fill.append(pts[i])
            fill.append(pts[i + 1])
        else:
            if not run:
                run.append(pts[i])
            run.append(pts[i + 1])
    flush()
    dedup: list[Point] = []
    for p in fill:
        if not dedup or dedup[-1] != p:
            dedup.append(p)
    if len(dedup) > 1 and dedup[0] == dedup[-1]:
        dedup.pop()
    return dedup, runs


def _bbox(pts: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


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
        self._territory: dict[Any, Territory] = {}
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

    def territory(self, places: tuple[tuple[float, float, str, str], ...]) -> Territory:
        key = places
        terr = self._territory.get(key)
        if terr is None:
            terr = Territory(self, places)
            self._territory = {key: terr}
        return terr


_GEO: dict[str, Geo] = {}
_DATA: dict[str, MapData] = {}

# -- the geometry cache ------------------------------------------------------------------------
#
# Smoothing the coastlines and working out the 3 and 12 nm lines takes a few tenths of a second
# of pure Python at every start. The results are kept in `<cache>/map/` (the user cache folder,
# or `$KINMEN1958_CACHE_DIR/map`, as the parsed-YAML cache does), in `marshal` format, under a
# hash of everything they depend on: the coastline files' bytes, the scenario's places, the
# constants below and this version. A cache that cannot be read or written is ignored.

GEO_CACHE_VERSION = 1


def _cache_dir() -> Path:
    return cache_dir("map")


def _map_files(name: str) -> tuple[bytes, ...]:
    """The coastline files a view's geometry is made from (Kinmen borrows the strait's)."""
    names = (name,) if name == "strait" else (name, "strait")
    try:
        return tuple(map_path(n).read_bytes() for n in names)
    except OSError:
        return ()


def _cache_key(kind: str, *parts: Any) -> str | None:
    """The cache's name for `kind` made of `parts` (the last one: the files' bytes)."""
    if not parts or not parts[-1]:
        return None  # the files could not be read: no caching
    h = hashlib.sha256()
    head = (
        kind,
        GEO_CACHE_VERSION,
        marshal.version,
        VIEWS,
        SMOOTH_PASSES,
        TERRITORIAL_NM,
        TERRITORY_RES_KM,
        NM_KM,
    )
    h.update(repr(head).encode())
    for part in parts[:-1]:
        h.update(repr(part).encode())
    for data in parts[-1]:
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:40]


def _cache_read(key: str | None) -> Any:
    if key is None:
        return None
    try:
        return marshal.loads((_cache_dir() / f"{key}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _cache_write(key: str | None, value: Any) -> None:
    if key is None:
        return
    folder = _cache_dir()
    tmp = folder / f"{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, folder / f"{key}.marshal")
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _mask_bytes(m: pygame.mask.Mask) -> bytes:
    surf = pygame.Surface(m.get_size(), depth=8)
    m.to_surface(surface=surf, setcolor=(255, 255, 255), unsetcolor=(0, 0, 0))
    return zlib.compress(pygame.image.tobytes(surf, "P"), 1)


def _mask_from(data: bytes, size: tuple[int, int]) -> pygame.mask.Mask:
    surf = pygame.image.frombytes(zlib.decompress(data), size, "P")
    surf.set_palette([(0, 0, 0)] + [(255, 255, 255)] * 255)
    surf.set_colorkey((0, 0, 0))
    return pygame.mask.from_surface(surf)


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
    """The 3 and 12 nautical mile lines off the PRC coast, in a view's world km."""

    def __init__(self, g: Geo, places: tuple[tuple[float, float, str, str], ...]):
        self.geo = g
        res = TERRITORY_RES_KM
        margin = 1.0
        self.res = res
        self.x0 = self.y0 = -margin
        gw = math.ceil((g.width_km + 2 * margin) / res)
        gh = math.ceil((g.height_km + 2 * margin) / res)
        self.grid = (gw, gh)
        self.lines: dict[int, list[list[Point]]] = {}
        self.masks: dict[int, pygame.mask.Mask] = {}
        #: places for each line's label, best first
        self.labels: dict[int, list[Point]] = {}
        key = _cache_key("territory", g.name, places, _map_files(g.name))
        cached = _cache_read(key)
        if cached is not None:
            try:
                self.sides, self.lines, self.labels, masks, roc = cached
                self.masks = {nm: _mask_from(masks[nm], self.grid) for nm in TERRITORIAL_NM}
                self.roc_3nm = _mask_from(roc, self.grid)
                return
            except (TypeError, ValueError, KeyError, zlib.error, pygame.error):
                self.lines, self.labels, self.masks = {}, {}, {}
        self._compute(g, places)
        masks = {nm: _mask_bytes(self.masks[nm]) for nm in TERRITORIAL_NM}
        _cache_write(key, (self.sides, self.lines, self.labels, masks, _mask_bytes(self.roc_3nm)))

    def _compute(self, g: Geo, places: tuple[tuple[float, float, str, str], ...]) -> None:
        self.sides = ring_sides(g.data, places)
        land, coast = self._land_and_coast(g, "prc")
        coast.extend(self._outside_coast(g, places))
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
        self, g: Geo, places: tuple[tuple[float, float, str, str], ...]
    ) -> list[list[Point]]:
        """PRC shore just outside the box, from the strait map, so the lines near the box
        border count the coast beyond it."""
        if g.name == "strait":
            return []
        strait = map_data("strait")
        w, s, e, n = g.bbox
        pad = 0.25
        box = (w - pad, s - pad, e + pad, n + pad)
        sides = ring_sides(strait, places, box)
        out: list[list[Point]] = []
        for ring, side in zip(strait.rings, sides, strict=True):
            if side != "prc":
                continue
            rw, rs, re_, rn = ring.bbox
            if rw > box[2] or re_ < box[0] or rs > box[3] or rn < box[1]:
                continue
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
            km = [(self.x0 + (x + 0.5) * res, self.y0 + (y + 0.5) * res) for x, y in pts]
            if km[0] == km[-1]:
                km.pop()
            lines.append(chaikin_closed(km, 2))
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
        return self._get(self.masks[nm], x, y)

    def near_roc(self, x: float, y: float) -> bool:
        """Whether the world point (km) lies within 3 nautical miles of the ROC-held shore."""
        return self._get(self.roc_3nm, x, y)

    def _get(self, m: pygame.mask.Mask, x: float, y: float) -> bool:
        gx = int((x - self.x0) / self.res)
        gy = int((y - self.y0) / self.res)
        gw, gh = self.grid
        if not (0 <= gx < gw and 0 <= gy < gh):
            return False
        return bool(m.get_at((gx, gy)))


def _disc_mask(r: int) -> pygame.mask.Mask:
    surf = pygame.Surface((2 * r + 1, 2 * r + 1))
    surf.fill((0, 0, 0))
    surf.set_colorkey((0, 0, 0))
    pygame.draw.circle(surf, (255, 255, 255), (r, r), r + 0.5)
    return pygame.mask.from_surface(surf)


def _densify(pts: list[Point], step: float) -> list[Point]:
    out: list[Point] = []
    for i, (x1, y1) in enumerate(pts):
        if i:
            x0, y0 = pts[i - 1]
            d = math.hypot(x1 - x0, y1 - y0)
            if d > step:
                k = math.ceil(d / step)
                for j in range(1, k):
                    out.append((x0 + (x1 - x0) * j / k, y0 + (y1 - y0) * j / k))
        out.append((x1, y1))
    return out


# -- drawing helpers -------------------------------------------------------------------------


def _dashed(
    surf: pygame.Surface,
    colour: Colour,
    pts: list[Point],
    dash: float,
    gap: float,
    closed: bool = False,
    width: int = 1,
) -> None:
    """A dashed polyline (anti-aliased when width is 1)."""
    if len(pts) < 2:
        return
    seq = [*pts, pts[0]] if closed else pts
    on = True
    left = dash
    for i in range(len(seq) - 1):
        x0, y0 = seq[i]
        x1, y1 = seq[i + 1]
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while seg - pos > 1e-9:
            step = min(left, seg - pos)
            if on:
                a = (x0 + (x1 - x0) * pos / seg, y0 + (y1 - y0) * pos / seg)
                b = (x0 + (x1 - x0) * (pos + step) / seg, y0 + (y1 - y0) * (pos + step) / seg)
                if width <= 1:
                    pygame.draw.aaline(surf, colour, a, b)
                else:
                    pygame.draw.line(surf, colour, a, b, width)
            pos += step
            left -= step
            if left <= 1e-9:
                on = not on
                left = dash if on else gap


def _thin(pts: list[Point], min_step: float) -> list[Point]:
    """Drop points closer than `min_step` pixels to the last one kept."""
    if len(pts) < 3:
        return pts
    out = [pts[0]]
    lx, ly = pts[0]
    d2 = min_step * min_step
    for x, y in pts[1:]:
        if (x - lx) * (x - lx) + (y - ly) * (y - ly) >= d2:
            out.append((x, y))
            lx, ly = x, y
    return out


def _clip_polygon(pts: list[Point], rect: pygame.Rect) -> list[Point]:
    """Sutherland-Hodgman clipping of a polygon to a rectangle (fills stay right)."""
    x0, y0, x1, y1 = rect.left, rect.top, rect.right, rect.bottom
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    out = pts
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        prev_in = inside(prev)
        for cur in src:
            cur_in = inside(cur)
            if cur_in:
                if not prev_in:
                    out.append(cross(prev, cur))
                out.append(cur)
            elif prev_in:
                out.append(cross(prev, cur))
            prev, prev_in = cur, cur_in
    return out


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + (b[1] - a[1]) * t)


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + (b[0] - a[0]) * t, y)


def _clip_segment(
    p: Point, q: Point, rect: tuple[float, float, float, float]
) -> tuple[Point, Point] | None:
    """Liang-Barsky clipping of the segment p-q to (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pp, qq in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pp == 0:
            if qq < 0:
                return None
            continue
        t = qq / pp
        if pp < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return ((p[0] + t0 * dx, p[1] + t0 * dy), (p[0] + t1 * dx, p[1] + t1 * dy))


_FONTS: dict[int, pygame.font.Font] = {}


def _forget_fonts() -> None:
    _FONTS.clear()


def font(size: int) -> pygame.font.Font:
    """The bundled WenQuanYi Micro Hei (Latin and CJK) at `size` pixels, cached.

    Fonts die with `pygame.quit()`: the cache is emptied then (a quit hook, registered again
    whenever the cache starts filling, since pygame forgets its hooks when it quits), so a
    second window in the same process gets fresh fonts."""
    f = _FONTS.get(size)
    if f is None:
        if not pygame.font.get_init():
            pygame.font.init()
        if not _FONTS:
            pygame.register_quit(_forget_fonts)
        f = _FONTS[size] = pygame.font.Font(str(assets_dir() / "fonts" / FONT_FILE), size)
    return f


def _has_display() -> bool:
    return pygame.display.get_init() and pygame.display.get_surface() is not None


# -- layout records --------------------------------------------------------------------------


@dataclass
class _Thing:
    id: str
    kind: str  # "battery" or "target"
    side: str
    sub: str  # target kind, or "battery"
    place: str
    size: int
    x: float  # symbol centre, layer pixels
    y: float
    ax: float  # the place itself, layer pixels
    ay: float
    rect: pygame.Rect = field(default_factory=pygame.Rect)
    #: width a gun count under the symbol may take without running into a neighbour's
    room: int = 10_000


@dataclass
class _Label:
    surf: pygame.Surface
    x: int
    y: int
    kind: str  # "place", "region", "territorial", "us"
    ref: str | None = None  # place id
    text: str = ""


@dataclass
class _Layout:
    things: list[_Thing]
    labels: list[_Label]
    dots: list[tuple[float, float, str]]
    leaders: list[tuple[float, float, float, float]]
    us: list[tuple[float, float, str, int]]
    place_rects: list[tuple[pygame.Rect, str]]


@dataclass
class _ViewState:
    level: int = 0
    cx: float = 0.0
    cy: float = 0.0


# -- animation records -----------------------------------------------------------------------


@dataclass
class _Burst:
    lon: float
    lat: float
    dx: float
    dy: float
    sigma_km: float
    t0: float
    life: float
    radius: int
    view: str = ""  # the view x, y were computed for
    x: float = 0.0
    y: float = 0.0
    zkey: tuple = ()  # the (view, zoom, scale) px, py and size were computed for
    px: float = 0.0  # pixels from the box's corner, spread included
    py: float = 0.0
    size: int = 0


@dataclass
class _Shell:
    lon0: float
    lat0: float
    lon1: float
    lat1: float
    t0: float
    life: float
    side: str
    zkey: tuple = ()  # the (view, zoom) the pixel positions below were computed for
    ax: float = 0.0  # start, end and height of the arc, pixels from the box's corner
    ay: float = 0.0
    bx: float = 0.0
    by: float = 0.0
    lift: float = 0.0


@dataclass
class _Mover:
    paths: dict[str, list[Point]]  # view -> lon/lat path
    t0: float
    duration: float
    role: str  # ship role or "aircraft"
    side: str
    size: int
    hollow: bool = False
    lateral: float = 0.0  # pixels to starboard
    sink_at: float | None = None  # fraction of the path where it is lost
    hold: float = 0.0  # seconds it stays at the end
    air: bool = False
    km: dict[str, list[Point]] = field(default_factory=dict)  # view -> path in world km

    @property
    def end(self) -> float:
        return self.t0 + self.duration + max(self.hold, 0.8)


@dataclass
class _Flash:
    thing: str
    t0: float
    life: float


# -- the view --------------------------------------------------------------------------------


class MapView:
    """A pannable, zoomable map of the strait or of Kinmen with the game drawn on it."""

    def __init__(
        self,
        scenario,
        which: str = "kinmen",
        size: tuple[int, int] = (960, 720),
        lang: str = "en",
        palette: str = "default",
    ):
        if not pygame.font.get_init():
            pygame.font.init()
        self.scenario = scenario
        self.size = (max(1, int(size[0])), max(1, int(size[1])))
        self.lang = "zh-Hant" if lang.startswith("zh") else "en"
        self.palette_name = palette
        self.colours = get_palette(palette)
        #: scale of labels and symbols (1.0 = default); changing it re-lays out labels
        self.ui_scale = 1.0
        #: parts drawn: base, coast, overlays, symbols, labels, animations
        self.layers: set[str] = set(ALL_LAYERS)
        #: top-left of the map on the window, for mouse positions
        self.offset: tuple[int, int] = (0, 0)
        #: the side whose knowledge is shown ("prc"/"roc"), or None for everything
        self.viewer: str | None = None
        self._views: dict[str, _ViewState] = {}
        self._layers: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._layouts: OrderedDict[tuple, _Layout] = OrderedDict()
        self._scalebars: dict[tuple, pygame.Surface] = {}
        self._texts: dict[tuple, pygame.Surface] = {}
        self._craters: tuple[Any, list[tuple[float, float, pygame.Surface, int]]] | None = None
        self._scene_cache: tuple[Any, ...] | None = None
        self._press: tuple[int, int] | None = None
        self._press_centre: Point = (0.0, 0.0)
        self._dragging = False
        self._mouse: tuple[int, int] | None = None
        self._clock = 0.0
        self._bursts: list[_Burst] = []
        self._shells: list[_Shell] = []
        self._movers: list[_Mover] = []
        self._flashes: list[_Flash] = []
        self._last_state = None
        self._index_scenario()
        self.set_view(which)

    # -- palette colours for tests ------------------------------------------------------------

    @property
    def LAND(self) -> Colour:
        return self.colours["land"]

    @property
    def SEA(self) -> Colour:
        return self.colours["sea"]

    # -- scenario lookups -------------------------------------------------------------------

    def _index_scenario(self) -> None:
        sc = self.scenario
        self._places = {p.id: p for p in sc.places} if sc is not None else {}
        self._groups = {g.id: g for g in sc.artillery} if sc is not None else {}
        self._targets = {t.id: t for t in sc.targets} if sc is not None else {}
        sig = tuple(
            (p.lon, p.lat, p.side, p.terrain) for p in (sc.places if sc is not None else [])
        )
        self._place_sig = sig
        self._lane_places: set[str] = set()
        if sc is not None:
            for lane in sc.supply.lanes:
                self._lane_places.update(lane.waypoints)

    def _shown(self, place) -> bool:
        return place.view in (self.which, "both") and self._geo.contains(place.lon, place.lat)

    def shown_places(self) -> list:
        """The scenario's places shown in the current view (its `view` and box)."""
        return [p for p in self._places.values() if self._shown(p)]

    def placed_labels(self) -> list[tuple[str, str, pygame.Surface]]:
        """(kind, text, surface) of every label the current zoom has room for."""
        return [(lab.kind, lab.text, lab.surf) for lab in self._layout().labels]

    # -- view, zoom, pan ----------------------------------------------------------------------

    @property
    def which(self) -> str:
        return self._which

    def set_view(self, which: str) -> None:
        if which not in VIEWS:
            raise ValueError(f"unknown view {which!r}: choose strait or kinmen")
        self._which = which
        self._geo = geo(which)
        if which not in self._views:
            self._views[which] = _ViewState(0, self._geo.width_km / 2, self._geo.height_km / 2)
        self._vs = self._views[which]
        self._press = None
        self._dragging = False
        self._clamp()

    def set_lang(self, lang: str) -> None:
        self.lang = "zh-Hant" if lang.startswith("zh") else "en"

    def set_palette(self, palette: str) -> None:
        self.colours = get_palette(palette)
        self.palette_name = palette

    def resize(self, size: tuple[int, int]) -> None:
        """Cheap: layers for the new size are rendered when first drawn."""
        self.size = (max(1, int(size[0])), max(1, int(size[1])))
        self._press = None
        self._dragging = False
        lo, hi = self.level_range()
        self._vs.level = max(lo, min(hi, self._vs.level))
        self._clamp()

    @property
    def level(self) -> int:
        return self._vs.level

    @property
    def fit_zoom(self) -> float:
        """Pixels per km at zoom level 0 (the box fits the window)."""
        w, h = self.size
        return min(w / self._geo.width_km, h / self._geo.height_km)

    @property
    def zoom(self) -> float:
        """Pixels per km now."""
        return self.fit_zoom * ZOOM_STEP**self._vs.level

    def level_range(self) -> tuple[int, int]:
        """Lowest and highest zoom level: from a little smaller than the box up to
        `MAX_ZOOM` times it, as long as the cached layer stays under `LAYER_MAX_PIXELS`."""
        g = self._geo
        fit = self.fit_zoom
        hi = math.floor(math.log(MAX_ZOOM[self.which]) / math.log(ZOOM_STEP) + 1e-9)
        while hi > 0:
            z = fit * ZOOM_STEP**hi
            mx, my = self._margins(z)
            w = math.ceil(g.width_km * z) + 2 * mx
            h = math.ceil(g.height_km * z) + 2 * my
            if w * h <= LAYER_MAX_PIXELS:
                break
            hi -= 1
        return min(MIN_LEVEL, hi), hi

    def _margins(self, z: float) -> tuple[int, int]:
        """Pixels of surroundings the layer holds beyond the box on each side: as much as
        panning can show (see `_clamp_axis`), when the view has surroundings at all."""
        g = self._geo
        if not g.outer_fills:
            return (0, 0)
        w, h = self.size
        mx = math.ceil(max(0.3 * w, 0.7 * w - g.width_km * z)) + 2
        my = math.ceil(max(0.3 * h, 0.7 * h - g.height_km * z)) + 2
        return (mx, my)

    def set_level(self, level: int, at: tuple[float, float] | None = None) -> bool:
        """Zoom to `level`, keeping the world point under `at` (map pixels) in place."""
        lo, hi = self.level_range()
        level = max(lo, min(hi, int(level)))
        if level == self._vs.level:
            return False
        w, h = self.size
        ax, ay = at if at is not None else (w / 2, h / 2)
        wx, wy = self._to_world_km(ax, ay)
        self._vs.level = level
        z = self.zoom
        self._vs.cx = wx - (ax - w / 2) / z
        self._vs.cy = wy - (ay - h / 2) / z
        self._clamp()
        if self._press is not None:
            self._press = None
            self._dragging = False
        return True

    def zoom_by(self, steps: int, at: tuple[float, float] | None = None) -> bool:
        return self.set_level(self._vs.level + steps, at)

    def pan(self, dx: float, dy: float) -> None:
        """Move the map content by (dx, dy) pixels (as a drag does)."""
        z = self.zoom
        self._vs.cx -= dx / z
        self._vs.cy -= dy / z
        self._clamp()

    def centre_on(self, lon: float, lat: float) -> None:
        self._vs.cx, self._vs.cy = self._geo.xy(lon, lat)
        self._clamp()

    def reset_view(self) -> None:
        self._vs.level = 0
        self._vs.cx = self._geo.width_km / 2
        self._vs.cy = self._geo.height_km / 2
        self._clamp()

    def _clamp(self) -> None:
        z = self.zoom
        w, h = self.size
        vs = self._vs
        vs.cx = self._clamp_axis(vs.cx, w / z, self._geo.width_km)
        vs.cy = self._clamp_axis(vs.cy, h / z, self._geo.height_km)

    @staticmethod
    def _clamp_axis(c: float, screen_km: float, map_km: float) -> float:
        """Keep at least 30 % of the screen (or the whole map, if smaller) showing the map."""
        margin = 0.3 * screen_km
        a = screen_km / 2 - margin
        b = map_km - screen_km / 2 + margin
        lo, hi = min(a, b), max(a, b)
        if math.isnan(c):
            return map_km / 2
        return lo if c < lo else hi if c > hi else c

    def _origin(self) -> tuple[int, int]:
        """Screen position of the box's north-west corner."""
        z = self.zoom
        w, h = self.size
        return (round(w / 2 - self._vs.cx * z), round(h / 2 - self._vs.cy * z))

    def _to_world_km(self, x: float, y: float) -> Point:
        ox, oy = self._origin()
        z = self.zoom
        return ((x - ox) / z, (y - oy) / z)

    def world_to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        """Map-surface pixel position of a lon/lat point."""
        x, y = self._geo.xy(lon, lat)
        ox, oy = self._origin()
        z = self.zoom
        return (ox + x * z, oy + y * z)

    def screen_to_world(self, x: float, y: float) -> tuple[float, float]:
        """Lon/lat of a map-surface pixel position."""
        return self._geo.lonlat(*self._to_world_km(x, y))

    def map_rect(self) -> pygame.Rect:
        """Where the view's box lies on the map surface now."""
        ox, oy = self._origin()
        z = self.zoom
        g = self._geo
        return pygame.Rect(ox, oy, math.ceil(g.width_km * z), math.ceil(g.height_km * z))

    # -- events -------------------------------------------------------------------------------

    def _local(self, pos) -> tuple[int, int]:
        return (int(pos[0]) - self.offset[0], int(pos[1]) - self.offset[1])

    def _inside(self, p: tuple[int, int]) -> bool:
        return 0 <= p[0] < self.size[0] and 0 <= p[1] < self.size[1]

    def handle_event(self, event) -> bool:
        """Wheel zoom at the cursor, left-drag pan, arrows/WASD pan, +/- zoom, Home resets."""
        et = event.type
        if et == pygame.MOUSEMOTION:
            pos = self._local(getattr(event, "pos", (0, 0)))
            self._mouse = pos
            buttons = getattr(event, "buttons", (0, 0, 0))
            if self._press is None or not (buttons and buttons[0]):
                return False
            if not self._dragging:
                if abs(pos[0] - self._press[0]) + abs(pos[1] - self._press[1]) < 4:
                    return False
                self._dragging = True
            z = self.zoom
            self._vs.cx = self._press_centre[0] - (pos[0] - self._press[0]) / z
            self._vs.cy = self._press_centre[1] - (pos[1] - self._press[1]) / z
            self._clamp()
            return True
        if et == pygame.MOUSEWHEEL:
            pos = self._mouse
            if pos is None and pygame.display.get_init() and pygame.mouse.get_focused():
                pos = self._local(pygame.mouse.get_pos())
            if pos is None or not self._inside(pos):
                pos = (self.size[0] // 2, self.size[1] // 2)
                if self._mouse is not None and not self._inside(self._mouse):
                    return False
            dy = getattr(event, "y", 0)
            if not dy:
                return False
            steps = max(-3, min(3, int(dy)))
            self.zoom_by(steps, pos)
            return True
        if et == pygame.MOUSEBUTTONDOWN:
            pos = self._local(getattr(event, "pos", (0, 0)))
            self._mouse = pos
            if getattr(event, "button", 0) == 1 and self._inside(pos):
                self._press = pos
                self._press_centre = (self._vs.cx, self._vs.cy)
                self._dragging = False
            return False
        if et == pygame.MOUSEBUTTONUP:
            if getattr(event, "button", 0) != 1:
                return False
            was = self._dragging
            self._press = None
            self._dragging = False
            return was
        if et == pygame.KEYDOWN:
            return self._key(event)
        return False

    def _key(self, event) -> bool:
        mods = getattr(event, "mod", 0)
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return False
        key = getattr(event, "key", 0)
        w, h = self.size
        step_x, step_y = w * 0.15, h * 0.15
        moves = {
            pygame.K_LEFT: (step_x, 0),
            pygame.K_a: (step_x, 0),
            pygame.K_RIGHT: (-step_x, 0),
            pygame.K_d: (-step_x, 0),
            pygame.K_UP: (0, step_y),
            pygame.K_w: (0, step_y),
            pygame.K_DOWN: (0, -step_y),
            pygame.K_s: (0, -step_y),
        }
        if key in moves:
            self.pan(*moves[key])
            return True
        if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.zoom_by(1)
            return True
        if key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom_by(-1)
            return True
        if key == pygame.K_HOME:
            self.reset_view()
            return True
        return False

    @property
    def dragging(self) -> bool:
        return self._dragging

    # -- cached base layer --------------------------------------------------------------------

    def _baked(self) -> tuple[str, ...]:
        return tuple(p for p in _BAKED if p in self.layers)

    def territory(self) -> Territory | None:
        """The 3/12 nm lines of the Kinmen view (None in the strait view)."""
        if self.which != "kinmen":
            return None
        return self._geo.territory(self._place_sig)

    def _layer(self) -> tuple[pygame.Surface, int, int]:
        """The cached base layer at the current zoom and its margins (pixels beyond the box)."""
        z = self.zoom
        mx, my = self._margins(z)
        key = (self.which, round(z, 6), self.palette_name, self._baked(), mx, my)
        entry = self._layers.get(key)
        if entry is not None:
            self._layers.move_to_end(key)
            return entry
        entry = (self._render_layer(z, mx, my), mx, my)
        self._layers[key] = entry
        total = sum(e[0].get_width() * e[0].get_height() for e in self._layers.values())
        while len(self._layers) > 1 and (total > LAYER_CACHE_PIXELS or len(self._layers) > 4):
            _k, old = self._layers.popitem(last=False)
            total -= old[0].get_width() * old[0].get_height()
        return entry

    def _render_layer(self, z: float, mx: int = 0, my: int = 0) -> pygame.Surface:
        g = self._geo
        pal = self.colours
        parts = self._baked()
        bw = max(1, math.ceil(g.width_km * z))
        bh = max(1, math.ceil(g.height_km * z))
        surf = pygame.Surface((bw + 2 * mx, bh + 2 * my))
        if _has_display():
            surf = surf.convert()
        surf.fill(pal["sea"])
        box = pygame.Rect(mx, my, bw, bh)
        if mx or my:
            # the surroundings, from the coarser strait map
            self._draw_geometry(surf, g.outer_fills, g.outer_coasts, z, mx, my, parts)
            surf.fill(pal["sea"], box)
        surf.set_clip(box)
        coast = "coast" in parts
        if coast:
            self._draw_band(surf, g.coasts, z, mx, my)
        if "overlays" in parts and self.which == "kinmen":
            terr = self.territory()
            if terr is not None:
                for nm, dash, gap in ((12, 9.0, 5.0), (3, 5.0, 4.0)):
                    colour = pal[f"territorial_{nm}"]
                    width = 2 if z > 40 else 1
                    for line in terr.lines[nm]:
                        px = _thin([(mx + x * z, my + y * z) for x, y in line], 2.0)
                        _dashed(surf, colour, px, dash, gap, closed=True, width=width)
        self._draw_geometry(surf, g.fills, g.coasts, z, mx, my, parts, band=False)
        surf.set_clip(None)
        return surf

    def _draw_band(self, surf, coasts, z: float, mx: int, my: int) -> None:
        """A light band of shallow water along the shore."""
        band = max(3, min(9, round(0.3 * z)))
        colour = self.colours["shallow"]
        for pts, closed, bb in coasts:
            if max(bb[2] - bb[0], bb[3] - bb[1]) * z < 3.0:
                continue
            px = [(mx + x * z, my + y * z) for x, y in pts]
            pygame.draw.lines(surf, colour, closed, px, band)

    def _draw_geometry(
        self, surf, fills, coasts, z: float, mx: int, my: int, parts, band: bool = True
    ) -> None:
        """Land and lakes filled, then the smoothed shore stroked anti-aliased."""
        pal = self.colours
        coast = "coast" in parts
        if coast and band:
            self._draw_band(surf, coasts, z, mx, my)
        clip = surf.get_clip()
        for water, pts, bb in fills:
            if (
                mx + bb[2] * z < clip.left
                or mx + bb[0] * z > clip.right
                or my + bb[3] * z < clip.top
                or my + bb[1] * z > clip.bottom
            ):
                continue
            size = max(bb[2] - bb[0], bb[3] - bb[1]) * z
            colour = pal["sea"] if water else pal["land"]
            if size < 0.6:
                if size > 0.25 and not water:
                    at = (int(mx + bb[0] * z), int(my + bb[1] * z))
                    if clip.collidepoint(at):
                        surf.set_at(at, mix(pal["sea"], colour, 0.6))
                continue
            px = [(mx + x * z, my + y * z) for x, y in pts]
            if (bb[2] - bb[0]) * z > 2 * clip.width or (bb[3] - bb[1]) * z > 2 * clip.height:
                # a huge ring (the mainland of the strait map): clip it first, since filling
                # costs every scan line of the polygon, on the surface or not
                px = _clip_polygon(px, clip.inflate(8, 8))
                if len(px) < 3:
                    continue
            pygame.draw.polygon(surf, colour, px)
        if coast:
            col = pal["coast"]
            for pts, closed, bb in coasts:
                if max(bb[2] - bb[0], bb[3] - bb[1]) * z < 1.2:
                    continue
                if (
                    mx + bb[2] * z < clip.left
                    or mx + bb[0] * z > clip.right
                    or my + bb[3] * z < clip.top
                    or my + bb[1] * z > clip.bottom
                ):
                    continue
                px = [(mx + x * z, my + y * z) for x, y in pts]
                pygame.draw.aalines(surf, col, closed, px)

    # -- text ----------------------------------------------------------------------------------

    def _text(self, text: str, size: int, colour: Colour, halo: Colour | None) -> pygame.Surface:
        key = (text, size, colour, halo)
        surf = self._texts.get(key)
        if surf is not None:
            return surf
        f = font(size)
        body = f.render(text, True, colour)
        if halo is None:
            surf = body
        else:
            f.outline = 2
            back = f.render(text, True, halo)
            f.outline = 0
            surf = pygame.Surface(back.get_size(), pygame.SRCALPHA)
            surf.blit(back, (0, 0))
            surf.blit(body, (2, 2))
        if _has_display():
            surf = surf.convert_alpha()
        if len(self._texts) > 2000:
            self._texts.clear()
        self._texts[key] = surf
        return surf

    def label_surface(self, text: str, kind: str = "place") -> pygame.Surface:
        """A label as the map draws it (kind: place, region, water, small)."""
        pal = self.colours
        s = self.ui_scale
        if kind == "region":
            return self._text(text, round(15 * s), pal["text_muted"], pal["halo"])
        if kind == "water":
            return self._text(text, round(13 * s), pal["water_text"], None)
        if kind == "small":
            return self._text(text, round(11 * s), pal["text"], pal["halo"])
        return self._text(text, round(13 * s), pal["text"], pal["halo"])

    def _name(self, text) -> str:
        return text.zh if self.lang == "zh-Hant" else text.en

    # -- layout of symbols and labels ------------------------------------------------------

    def _layout(self) -> _Layout:
        z = self.zoom
        key = (
            self.which,
            round(z, 6),
            self.lang,
            self.ui_scale,
            self.palette_name,
            "overlays" in self.layers,
        )
        lay = self._layouts.get(key)
        if lay is None:
            lay = self._build_layout(z)
            self._layouts[key] = lay
            while len(self._layouts) > 8:
                self._layouts.popitem(last=False)
        return lay

    def _build_layout(self, z: float) -> _Layout:
        g = self._geo
        s = self.ui_scale
        shown = [p for p in self._places.values() if self._shown(p)]
        shown_ids = {p.id for p in shown}
        by_place: dict[str, list[tuple[str, str, str, str, int]]] = {}
        for grp in self._groups.values():
            if grp.place in shown_ids:
                size = symbols.battery_size(grp.guns, s)
                by_place.setdefault(grp.place, []).append(
                    (grp.id, "battery", grp.side, "battery", size)
                )
        for t in self._targets.values():
            if t.place in shown_ids:
                by_place.setdefault(t.place, []).append(
                    (t.id, "target", t.side, t.kind, round(15 * s))
                )
        occupied: list[pygame.Rect] = []
        things: list[_Thing] = []
        leaders: list[tuple[float, float, float, float]] = []
        cluster_rect: dict[str, pygame.Rect] = {}
        order = sorted(by_place, key=lambda pid: -len(by_place[pid]))
        bounds = pygame.Rect(0, 0, math.ceil(g.width_km * z), math.ceil(g.height_km * z))
        for pid in order:
            p = self._places[pid]
            ax, ay = g.xy(p.lon, p.lat)
            ax, ay = ax * z, ay * z
            items = sorted(by_place[pid], key=lambda it: (it[1] != "battery", it[2], it[0]))
            n = len(items)
            cols = n if n <= 3 else math.ceil(math.sqrt(n))
            rows = math.ceil(n / cols)
            cell = max(it[4] for it in items) + round(5 * s)
            cw, ch = cols * cell, rows * cell
            best = None
            for dx, dy in _spiral(cell):
                r = pygame.Rect(0, 0, cw, ch)
                r.center = (round(ax + dx), round(ay + dy))
                if _below(r, round(12 * s)).collidelist(occupied) < 0:
                    best = r
                    break
            if best is None:
                best = pygame.Rect(0, 0, cw, ch)
                best.center = (round(ax), round(ay))
            # room under the symbols for gun counts and damage bars
            occupied.append(_below(best, round(12 * s)))
            cluster_rect[pid] = best
            if abs(best.centerx - ax) > cell * 0.6 or abs(best.centery - ay) > cell * 0.6:
                leaders.append((ax, ay, best.centerx, best.centery))
            for i, (tid, kind, side, sub, size) in enumerate(items):
                row, col = divmod(i, cols)
                in_row = min(cols, n - row * cols)
                x = best.centerx + (col - (in_row - 1) / 2) * cell
                y = best.centery + (row - (rows - 1) / 2) * cell
                rect = pygame.Rect(0, 0, size + 2, size + 2)
                rect.center = (round(x), round(y))
                room = cell + round(2 * s) if in_row > 1 else 10_000
                things.append(_Thing(tid, kind, side, sub, pid, size, x, y, ax, ay, rect, room))
        dots: list[tuple[float, float, str]] = []
        place_rects: list[tuple[pygame.Rect, str]] = []
        for p in shown:
            if p.id in by_place:
                place_rects.append((cluster_rect[p.id], p.id))
                continue
            if p.terrain == "sea":
                continue
            x, y = g.xy(p.lon, p.lat)
            dots.append((x * z, y * z, p.id))
            r = pygame.Rect(0, 0, round(7 * s), round(7 * s))
            r.center = (round(x * z), round(y * z))
            occupied.append(r)
            place_rects.append((r, p.id))
        us: list[tuple[float, float, str, int]] = []
        if self.which == "strait":
            for lon, lat, role, length in _US_GROUP:
                x, y = g.xy(lon, lat)
                us.append((x * z, y * z, role, round(length * s)))
                r = pygame.Rect(0, 0, round(length * s), round(length * s * 0.5))
                r.center = (round(x * z), round(y * z))
                occupied.append(r)
        labels: list[_Label] = []
        # Fixed labels first: the territorial lines.
        terr = self.territory()
        if terr is not None and "overlays" in self.layers:
            for nm in TERRITORIAL_NM:
                surf = self._text(
                    _TEXT[self.lang][nm],
                    round(12 * s),
                    self.colours[f"territorial_{nm}"],
                    self.colours["halo"],
                )
                for x, y in terr.labels[nm]:
                    r = surf.get_rect(center=(round(x * z), round(y * z)))
                    if bounds.contains(r) and r.collidelist(occupied) < 0:
                        labels.append(
                            _Label(surf, r.x, r.y, "territorial", None, _TEXT[self.lang][nm])
                        )
                        occupied.append(r.inflate(8, 2))  # keep labels apart
                        break

        self._place_regions(
            labels, occupied, bounds, {self._name(p.name) for p in shown}, z, major=True
        )

        def priority(p) -> tuple:
            has = len(by_place.get(p.id, ()))
            rank = 0 if has else 1 if p.id in self._lane_places else 2 if p.terrain != "sea" else 3
            return (rank, -has)

        for p in sorted(shown, key=priority):
            kind = "water" if p.terrain == "sea" and p.id not in by_place else "place"
            surf = self.label_surface(self._name(p.name), kind)
            bottom = None
            if p.id in cluster_rect:
                # beside the symbols and clear of the gun counts and bars under them
                room = _below(cluster_rect[p.id], round(12 * s))
                anchor = pygame.Rect(room.x, cluster_rect[p.id].y, room.w, cluster_rect[p.id].h)
                bottom = room.bottom
            else:
                x, y = g.xy(p.lon, p.lat)
                anchor = pygame.Rect(0, 0, round(7 * s), round(7 * s))
                anchor.center = (round(x * z), round(y * z))
            cands = _label_candidates(
                anchor, surf.get_size(), centred=(kind == "water"), bottom=bottom
            )
            for r in cands:
                if bounds.contains(r) and r.collidelist(occupied) < 0:
                    labels.append(_Label(surf, r.x, r.y, "place", p.id, self._name(p.name)))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    place_rects.append((r, p.id))
                    break
        if us:
            surf = self.label_surface(_TEXT[self.lang]["us_fleet"], "small")
            x, y = us[0][0], us[0][1]
            anchor = pygame.Rect(0, 0, round(30 * s), round(30 * s))
            anchor.center = (round(x), round(y))
            for r in _label_candidates(anchor, surf.get_size(), centred=False):
                if bounds.contains(r) and r.collidelist(occupied) < 0:
                    labels.append(_Label(surf, r.x, r.y, "us", None, _TEXT[self.lang]["us_fleet"]))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    break
        names = {self._name(p.name) for p in shown}
        self._place_regions(labels, occupied, bounds, names, z, major=False)
        return _Layout(things, labels, dots, leaders, us, place_rects)

    def _place_regions(self, labels, occupied, bounds, names, z: float, major: bool) -> None:
        g = self._geo
        for lon, lat, en, zh, style, is_major in _REGIONS[self.which]:
            if is_major != major:
                continue
            text = zh if self.lang == "zh-Hant" else en
            if text in names:
                continue
            surf = self.label_surface(text, style)
            x, y = g.xy(lon, lat)
            r = surf.get_rect(center=(round(x * z), round(y * z)))
            if bounds.contains(r) and r.collidelist(occupied) < 0:
                labels.append(_Label(surf, r.x, r.y, "region", None, text))
                occupied.append(r.inflate(8, 2))  # keep labels apart

    # -- hit testing -------------------------------------------------------------------------

    def thing_at(self, pos) -> str | None:
        """Id of the battery, target or place under `pos` (window pixels), or None."""
        if pos is None:
            return None
        x, y = self._local(pos)
        if not self._inside((x, y)):
            return None
        lay = self._layout()
        ox, oy = self._origin()
        lx, ly = x - ox, y - oy
        for t in reversed(lay.things):
            if t.rect.inflate(4, 4).collidepoint(lx, ly):
                return t.id
        for rect, pid in lay.place_rects:
            if rect.collidepoint(lx, ly):
                return pid
        return None

    def thing_screen_pos(self, thing_id: str) -> tuple[float, float] | None:
        """Where the symbol (or place) `thing_id` is drawn now, in map pixels."""
        lay = self._layout()
        ox, oy = self._origin()
        for t in lay.things:
            if t.id == thing_id:
                return (ox + t.x, oy + t.y)
        p = self._places.get(thing_id)
        if p is not None:
            return self.world_to_screen(p.lon, p.lat)
        return None

    # -- drawing ------------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        state=None,
        report=None,
        hover_pos=None,
        selected: str | None = None,
    ) -> None:
        """Draw the map with the game on `surface` (its top-left is the map's top-left)."""
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        if state is not None:
            self._last_state = state
        pal = self.colours
        layers = self.layers
        layer, mx, my = self._layer()
        ox, oy = self._origin()
        w, h = self.size
        lw, lh = layer.get_size()
        decorated = bool(layers & {"overlays", "symbols", "labels", "animations"})
        z = self.zoom
        lay = self._layout() if decorated else None
        scene = None
        if lay is not None and lw * lh <= SCENE_MAX_PIXELS:
            scene = self._scene(layer, mx, my, z, lay, state, report, selected)
        if ox - mx > 0 or oy - my > 0 or ox - mx + lw < w or oy - my + lh < h:
            surface.fill(pal["offmap"])
        surface.blit(scene or layer, (ox - mx, oy - my))
        if lay is None:
            return
        hover = self.thing_at(hover_pos) if hover_pos is not None else None
        if scene is None:
            ranges = [selected] if selected else []
            self._decorate(surface, z, ox, oy, lay, state, report, ranges)
        if "overlays" in layers:  # one pixel outside the box: not in the layer
            pygame.draw.rect(
                surface,
                pal["view_box"],
                pygame.Rect(ox - 1, oy - 1, lw - 2 * mx + 2, lh - 2 * my + 2),
                1,
            )
        if hover and hover != selected and "symbols" in layers:
            self._draw_range(surface, hover, z, ox, oy)  # over the symbols
        if "animations" in layers:
            self._draw_animations(surface, z)
        if "symbols" in layers:
            for tid, colour, grow in ((selected, pal["selected"], 3), (hover, pal["highlight"], 1)):
                if not tid:
                    continue
                for t in lay.things:
                    if t.id == tid:
                        r = t.rect.move(ox, oy).inflate(6 + grow * 2, 6 + grow * 2)
                        pygame.draw.rect(surface, colour, r, 2, border_radius=4)
        if "overlays" in layers:
            self._draw_scale_bar(surface, z)

    def _scene(
        self, layer, mx: int, my: int, z: float, lay: _Layout, state, report, selected
    ) -> pygame.Surface:
        """The base layer with everything that stays put drawn on it (lanes, craters, the
        selected battery's range, symbols with their gun counts and bars, labels), kept until
        one of those changes: panning then costs one blit, and only animations, the hover
        highlight and the scale bar are drawn each frame."""
        craters = None
        if report is not None and "animations" in self.layers and z >= 4.0:
            craters = self._crater_key(report, z)
        key = (
            mx,
            my,
            frozenset(self.layers),
            self.viewer,
            selected,
            craters,
            self._things_sig(lay, state),
        )
        cached = self._scene_cache
        if cached is not None and cached[0] is layer and cached[1] is lay and cached[2] == key:
            return cached[3]
        surf = layer.copy()
        ranges = [selected] if selected else []
        self._decorate(surf, z, mx, my, lay, state, report if craters else None, ranges)
        # keep the layer, layout and report alive with the key (the key compares identities)
        self._scene_cache = (layer, lay, key, surf, report)
        return surf

    def _things_sig(self, lay: _Layout, state) -> tuple | None:
        """What the symbols show of `state`: guns and spotting of batteries, targets' state."""
        if state is None:
            return None
        groups = state.groups
        integrity = state.integrity
        out: list[Any] = []
        for t in lay.things:
            if t.kind == "battery":
                gs = groups.get(t.id)
                out.append((gs.guns, gs.spotted_until) if gs is not None else None)
            else:
                out.append(integrity.get(t.id))
        return (getattr(state, "day", 0), tuple(out))

    def _decorate(
        self, surface, z: float, ox: int, oy: int, lay: _Layout, state, report, ranges
    ) -> None:
        """Lanes, craters, range rings, symbols and labels, with the box's north-west corner
        at (ox, oy) of `surface`; whatever lies outside `surface` is skipped."""
        pal = self.colours
        layers = self.layers
        w, h = surface.get_size()
        if "overlays" in layers:
            self._draw_lanes(surface, z, ox, oy)
            if self.which == "strait":
                k = geo("kinmen").bbox
                g = self._geo
                x0, y0 = g.xy(k[0], k[3])
                x1, y1 = g.xy(k[2], k[1])
                x0, y0, x1, y1 = ox + x0 * z, oy + y0 * z, ox + x1 * z, oy + y1 * z
                pygame.draw.rect(
                    surface, pal["view_box"], pygame.Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1), 1
                )
        if report is not None and "animations" in layers:
            self._draw_craters(surface, report, z, ox, oy)
        if "symbols" in layers:
            for rid in ranges:
                self._draw_range(surface, rid, z, ox, oy)
            self._draw_things(surface, lay, state, ox, oy, surface.get_rect())
        if "labels" in layers:
            blits = []
            for lab in lay.labels:
                if lab.kind == "territorial" and "overlays" not in layers:
                    continue
                x, y = ox + lab.x, oy + lab.y
                if x > w or y > h or x + lab.surf.get_width() < 0 or y + lab.surf.get_height() < 0:
                    continue
                blits.append((lab.surf, (x, y)))
            surface.blits(blits, doreturn=False)

    def _draw_lanes(self, surface: pygame.Surface, z: float, ox: int, oy: int) -> None:
        if self.scenario is None:
            return
        g = self._geo
        w, h = surface.get_size()
        clip = (-10.0, -10.0, w + 10.0, h + 10.0)
        colour = mix(self.colours["lane"], self.colours["sea"], 0.35)
        for lane in self.scenario.supply.lanes:
            pts = []
            for pid in lane.waypoints:
                p = self._places.get(pid)
                if p is None:
                    continue
                x, y = g.xy(p.lon, p.lat)
                pts.append((ox + x * z, oy + y * z))
            for a, b in itertools.pairwise(pts):
                seg = _clip_segment(a, b, clip)
                if seg is not None:
                    _dashed(surface, colour, [seg[0], seg[1]], 7.0, 5.0, width=2)

    def _draw_range(
        self, surface: pygame.Surface, thing_id: str, z: float, ox: int, oy: int
    ) -> None:
        grp = self._groups.get(thing_id)
        if grp is None:
            return
        p = self._places.get(grp.place)
        if p is None:
            return
        x, y = self._geo.xy(p.lon, p.lat)
        x, y = ox + x * z, oy + y * z
        r = grp.range_km * z
        if r < 2 or r > 20000:
            return
        colour = side_colour(self.colours, grp.side)
        pygame.draw.circle(surface, colour, (x, y), r, 2)
        label = self._text(
            f"{grp.range_km:g} {_TEXT[self.lang]['km']}",
            round(11 * self.ui_scale),
            colour,
            self.colours["halo"],
        )
        surface.blit(label, label.get_rect(midbottom=(x, y - r - 1)))

    def _draw_things(self, surface, lay: _Layout, state, ox: int, oy: int, screen) -> None:
        pal = self.colours
        s = self.ui_scale
        sw, sh = screen.size
        for ax, ay, bx, by in lay.leaders:
            pygame.draw.aaline(surface, pal["dot"], (ox + ax, oy + ay), (ox + bx, oy + by))
            pygame.draw.circle(surface, pal["dot"], (ox + ax, oy + ay), 2)
        for x, y, _pid in lay.dots:
            sx, sy = ox + x, oy + y
            if -10 < sx < sw + 10 and -10 < sy < sh + 10:
                pygame.draw.circle(surface, pal["halo"], (sx, sy), 3.5 * s)
                pygame.draw.circle(surface, pal["dot"], (sx, sy), 2.5 * s)
        for x, y, role, length in lay.us:
            spr = symbols.ship_sprite(
                role, length, symbols.heading_bucket(-math.pi / 2.4), pal["halo"], pal["us"], True
            )
            surface.blit(spr, spr.get_rect(center=(ox + x, oy + y)))
        day = getattr(state, "day", 0) if state is not None else 0
        date = None
        if state is not None and self.scenario is not None:
            date = self.scenario.meta.start + timedelta(days=day)
        for t in lay.things:
            cx, cy = ox + t.x, oy + t.y
            if not (-30 < cx < sw + 30 and -30 < cy < sh + 30):
                continue
            base = side_colour(pal, t.side)
            outline = pal["outline"]
            if t.kind == "battery":
                grp = self._groups[t.id]
                gs = state.groups.get(t.id) if state is not None else None
                guns0 = grp.guns
                guns = gs.guns if gs is not None else guns0
                hidden = (
                    self.viewer is not None
                    and gs is not None
                    and grp.side != self.viewer
                    and gs.spotted_until < day
                )
                waiting = bool(
                    date is not None and grp.available_from and date < grp.available_from
                )
                damage = 0.0 if hidden or guns0 <= 0 else 1.0 - guns / guns0
                fill = mix(base, (24, 24, 24), round(damage * 10) / 10 * 0.7)
                spr = symbols.battery_sprite(
                    t.side, t.size, fill, base if waiting else outline, waiting
                )
                surface.blit(spr, spr.get_rect(center=(cx, cy)))
                text = "?" if hidden else f"{guns}/{guns0}" if guns < guns0 else ""
                if text:
                    lab = self._text(text, round(11 * s), pal["text"], pal["halo"])
                    if lab.get_width() > t.room and "/" in text:
                        # wider than the symbol's cell: neighbours' counts would overlap,
                        # so only the guns left (the tooltip has the rest)
                        lab = self._text(str(guns), round(11 * s), pal["text"], pal["halo"])
                    surface.blit(lab, lab.get_rect(midtop=(cx, cy + t.size / 2)))
            else:
                integ = 100.0
                if state is not None:
                    integ = float(state.integrity.get(t.id, 100.0))
                damage = max(0.0, min(1.0, (100.0 - integ) / 100.0))
                fill = mix(base, (24, 24, 24), round(damage * 10) / 10 * 0.7)
                spr = symbols.target_sprite(t.sub, t.size, fill, outline)
                surface.blit(spr, spr.get_rect(center=(cx, cy)))
                if integ < 99.5:
                    self._bar(surface, cx, cy + t.size / 2 + 2, t.size + 4, integ / 100.0)

    def _bar(self, surface, cx: float, top: float, width: int, frac: float) -> None:
        pal = self.colours
        h = max(3, round(3 * self.ui_scale))
        back = pygame.Rect(0, 0, width, h + 2)
        back.midtop = (round(cx), round(top))
        pygame.draw.rect(surface, pal["bar_back"], back)
        colour = (
            pal["bar_good"] if frac > 0.66 else pal["bar_mid"] if frac > 0.33 else pal["bar_bad"]
        )
        inner = pygame.Rect(back.x + 1, back.y + 1, round((width - 2) * max(0.0, frac)), h)
        if inner.width > 0:
            pygame.draw.rect(surface, colour, inner)

    def _draw_scale_bar(self, surface: pygame.Surface, z: float) -> None:
        key = (round(z, 6), self.lang, self.palette_name, self.ui_scale)
        bar = self._scalebars.get(key)
        if bar is None:
            bar = self._scalebars[key] = self._render_scale_bar(z)
            if len(self._scalebars) > 16:
                self._scalebars.pop(next(iter(self._scalebars)))
        surface.blit(bar, (10, self.size[1] - bar.get_height() - 10))

    def _render_scale_bar(self, z: float) -> pygame.Surface:
        pal = self.colours
        s = self.ui_scale
        target = 130 * s
        km = 0.1
        for cand in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500):
            if cand * z <= target:
                km = cand
        length = max(4, round(km * z))
        label = self._text(f"{km:g} {_TEXT[self.lang]['km']}", round(12 * s), pal["scale_fg"], None)
        bh = max(4, round(5 * s))
        pad = round(5 * s)
        w = length + label.get_width() + pad * 3 + 2
        h = max(label.get_height(), bh + 6) + pad
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        surf.fill((*pal["scale_bg"], 200))
        y = (h - bh) // 2
        x0 = pad
        half = length // 2
        pygame.draw.rect(surf, pal["scale_fg"], pygame.Rect(x0, y, length, bh), 1)
        pygame.draw.rect(surf, pal["scale_fg"], pygame.Rect(x0, y, half, bh))
        surf.blit(label, (x0 + length + pad, (h - label.get_height()) // 2))
        return surf

    def _crater_key(self, report, z: float) -> tuple:
        return (
            id(report),
            getattr(report, "day", 0),
            len(getattr(report, "entries", ())),
            round(z, 6),
            self.palette_name,
        )

    def _draw_craters(self, surface, report, z: float, ox: int, oy: int) -> None:
        """The day's shelling where it fell: dark specks around each target hit, one cached
        sprite per target and zoom."""
        if z < 4.0:
            return  # a blot at strait scale, not information
        key = self._crater_key(report, z)
        if self._craters is None or self._craters[0] != key:
            hits_at: dict[Point, list[tuple[float, float]]] = {}
            for e in getattr(report, "entries", ()):
                if e.kind not in ("fire", "counter_battery"):
                    continue
                where = self._entity_lonlat(e.data.get("target"))
                hits = int(e.data.get("hits", 0) or 0)
                if where is None or hits <= 0:
                    continue
                rng = random.Random(f"{report.day}:{e.data.get('target')}:{e.data.get('group')}")
                pts = hits_at.setdefault(where, [])
                pts.extend((rng.gauss(0, 1), rng.gauss(0, 1)) for _ in range(min(40, hits)))
            spread = max(3.0, min(40.0, 0.5 * z))
            half = math.ceil(spread * 2.5) + 2
            r = 1.5 if z > 30 else 1.0
            colour = (*self.colours["crater"], 200)
            sprites = []
            for (lon, lat), pts in hits_at.items():
                spr = pygame.Surface((2 * half, 2 * half), pygame.SRCALPHA)
                for dx, dy in pts:
                    x = half + max(-2.5, min(2.5, dx)) * spread
                    y = half + max(-2.5, min(2.5, dy)) * spread
                    pygame.draw.circle(spr, colour, (x, y), r)
                sprites.append((lon, lat, spr, half))
            self._craters = (key, sprites)
        g = self._geo
        w, h = surface.get_size()
        for lon, lat, spr, half in self._craters[1]:
            x, y = g.xy(lon, lat)
            sx, sy = round(ox + x * z) - half, round(oy + y * z) - half
            if sx < w and sy < h and sx + 2 * half > 0 and sy + 2 * half > 0:
                surface.blit(spr, (sx, sy))

    # -- animations ----------------------------------------------------------------------------

    @property
    def animating(self) -> bool:
        return bool(self._bursts or self._shells or self._movers or self._flashes)

    def update(self, dt: float) -> None:
        """Advance animations by `dt` seconds (convoys moving, shells flying, bursts fading)."""
        if not dt or dt < 0 or math.isnan(dt):
            return
        self._clock += min(dt, 0.25)
        now = self._clock
        if self._bursts:
            self._bursts = [b for b in self._bursts if b.t0 + b.life > now]
        if self._shells:
            self._shells = [s for s in self._shells if s.t0 + s.life > now]
        if self._movers:
            self._movers = [m for m in self._movers if m.end > now]
        if self._flashes:
            self._flashes = [f for f in self._flashes if f.t0 + f.life > now]

    def _entity_lonlat(self, eid) -> Point | None:
        if eid is None:
            return None
        if eid in self._targets:
            p = self._places.get(self._targets[eid].place)
        elif eid in self._groups:
            p = self._places.get(self._groups[eid].place)
        else:
            p = self._places.get(eid)
        return (p.lon, p.lat) if p is not None else None

    def play_report(self, report) -> None:
        """Start the animation of a turn's report: shells flying and bursting where they fell,
        convoys sailing their lane (US escorts stopping at 3 nm), attack craft, air battles."""
        self._bursts, self._shells, self._movers, self._flashes = [], [], [], []
        if report is None:
            return
        t = self._clock
        rng = random.Random(f"anim:{getattr(report, 'day', 0)}")
        entries = list(getattr(report, "entries", ()))
        fires = [e for e in entries if e.kind in ("fire", "counter_battery")]
        budget = 240
        per = max(4, min(16, budget // max(1, len(fires))))
        for i, e in enumerate(fires):
            start = t + min(1.6, 0.12 * i)
            self._animate_fire(e, start, per, rng)
        convoy_start = t + 0.3
        convoys = [e for e in entries if e.kind == "convoy"]
        lane_of: dict[int, list[Point]] = {}
        for i, e in enumerate(convoys):
            path = self._lane_path(e.data.get("beach"))
            if path:
                lane_of[e.data.get("order", i)] = path
                self._animate_convoy(e, path, convoy_start + 0.4 * i, rng)
        for e in entries:
            if e.kind == "naval" and "sunk" in e.data:
                path = lane_of.get(e.data.get("convoy")) or next(iter(lane_of.values()), None)
                if path is None:
                    path = self._lane_path(None)
                if path:
                    self._animate_boats(e, path, convoy_start, rng)
            elif e.kind == "air_battle":
                self._animate_air_battle(e, t + 0.2, rng)
            elif e.kind == "airlift":
                self._animate_airlift(e, t + 0.5, rng)

    def _animate_fire(self, e, start: float, cap: int, rng: random.Random) -> None:
        src = self._entity_lonlat(e.data.get("group"))
        dst = self._entity_lonlat(e.data.get("target"))
        if dst is None:
            return
        side = e.side if e.side in ("prc", "roc") else "none"
        hits = int(e.data.get("hits", 0) or 0)
        flight = 0.6
        if src is not None:
            for k in range(3):
                self._shells.append(_Shell(*src, *dst, start + 0.12 * k, flight, side))
        n = min(cap, max(2, round(2.2 * math.sqrt(hits)))) if hits > 0 else 3
        sigma = 0.45 if hits > 0 else 1.2
        for _ in range(n):
            self._bursts.append(
                _Burst(
                    dst[0],
                    dst[1],
                    rng.gauss(0, 1),
                    rng.gauss(0, 1),
                    sigma,
                    start + flight + rng.uniform(0.0, 0.9),
                    BURST_LIFE,
                    6 if hits > 0 else 4,
                )
            )
        target = e.data.get("target")
        if target and hits > 0:
            self._flashes.append(_Flash(target, start + flight, 1.6))

    def _lane_path(self, beach: str | None) -> list[Point]:
        if self.scenario is None or not self.scenario.supply.lanes:
            return []
        lanes = self.scenario.supply.lanes
        lane = next((ln for ln in lanes if beach in ln.beaches), lanes[0])
        pts = [
            (self._places[pid].lon, self._places[pid].lat)
            for pid in lane.waypoints
            if pid in self._places
        ]
        if beach in self._targets:
            bp = self._places.get(self._targets[beach].place)
            if bp is not None and (bp.lon, bp.lat) != (pts[-1] if pts else None):
                pts.append((bp.lon, bp.lat))
        return pts

    def _view_paths(self, path: list[Point], crop_km: float = 38.0) -> dict[str, list[Point]]:
        """The lane for each view: whole in the strait view, its last `crop_km` for Kinmen."""
        k = geo("kinmen")
        km = [k.xy(*p) for p in path]
        total = 0.0
        cropped: list[Point] = [path[-1]]
        for i in range(len(km) - 1, 0, -1):
            seg = math.dist(km[i], km[i - 1])
            if total + seg >= crop_km:
                f = (crop_km - total) / seg if seg else 0.0
                lon = path[i][0] + (path[i - 1][0] - path[i][0]) * f
                lat = path[i][1] + (path[i - 1][1] - path[i][1]) * f
                cropped.append((lon, lat))
                break
            total += seg
            cropped.append(path[i - 1])
        cropped.reverse()
        return {"strait": list(path), "kinmen": cropped}

    def _animate_convoy(self, e, path: list[Point], start: float, rng: random.Random) -> None:
        paths = self._view_paths(path)
        side = e.side if e.side in ("prc", "roc") else "roc"
        duration = 4.2
        sunk = int(e.data.get("sunk_at_sea", 0) or 0) + int(e.data.get("sunk_at_beach", 0) or 0)
        ships = 3
        for i in range(ships):
            sink = None
            if i >= ships - min(sunk, ships):
                sink = rng.uniform(0.7, 0.97)
            self._movers.append(
                _Mover(paths, start + 0.35 * i, duration, "transport", side, 17, sink_at=sink)
            )
        self._movers.append(_Mover(paths, start + 0.2, duration, "escort", side, 14, lateral=13.0))
        state = self._last_state
        us = bool(state is not None and getattr(state, "flags", {}).get("us_escort"))
        if us:
            stop = self._stop_at_3nm(paths)
            for j, lat_off in enumerate((-16.0, 16.0)):
                self._movers.append(
                    _Mover(
                        stop,
                        start + 0.1 * j,
                        duration * 0.75,
                        "escort",
                        "us",
                        16,
                        hollow=True,
                        lateral=lat_off,
                        hold=duration * 0.5,
                    )
                )
        if sunk:
            pass  # sinking ships spawn splashes when they reach sink_at (see _draw_movers)

    def _stop_at_3nm(self, paths: dict[str, list[Point]]) -> dict[str, list[Point]]:
        """Cut each view's path where it first comes within 3 nm of Kinmen or the PRC coast
        (US escorts stayed outside three miles)."""
        k = geo("kinmen")
        terr = k.territory(self._place_sig)
        out: dict[str, list[Point]] = {}
        for view, path in paths.items():
            cut: list[Point] = [path[0]]
            done = False
            for a, b in itertools.pairwise(path):
                steps = 60
                for j in range(1, steps + 1):
                    lon = a[0] + (b[0] - a[0]) * j / steps
                    lat = a[1] + (b[1] - a[1]) * j / steps
                    xy = k.xy(lon, lat)
                    if k.contains(lon, lat) and (terr.within(3, *xy) or terr.near_roc(*xy)):
                        cut.append((lon, lat))
                        done = True
                        break
                if done:
                    break
                cut.append(b)
            out[view] = cut
        return out

    def _prc_origin(self, near: Point) -> Point:
        best, best_d = None, math.inf
        for p in self._places.values():
            if p.side == "prc" and p.terrain != "land":
                d = math.hypot(p.lon - near[0], p.lat - near[1])
                if d < best_d:
                    best, best_d = (p.lon, p.lat), d
        if best is None:
            for p in self._places.values():
                if p.side == "prc":
                    d = math.hypot(p.lon - near[0], p.lat - near[1])
                    if d < best_d:
                        best, best_d = (p.lon, p.lat), d
        return best if best is not None else (near[0] - 0.1, near[1] + 0.15)

    def _animate_boats(self, e, path: list[Point], start: float, rng: random.Random) -> None:
        paths = self._view_paths(path)
        crop = paths["kinmen"]
        meet = _along(crop, 0.6)
        origin = self._prc_origin(meet)
        boats = max(1, min(6, int(e.data.get("boats", 4) or 4)))
        lost = min(boats, int(e.data.get("boats_lost", 0) or 0))
        side = e.side if e.side in ("prc", "roc") else "prc"
        for i in range(boats):
            jitter = (rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01))
            dest = (meet[0] + jitter[0], meet[1] + jitter[1])
            route = [origin, dest]
            mv = _Mover(
                {"strait": route, "kinmen": route},
                start + 0.6 + 0.15 * i,
                2.4,
                "torpedo_boat",
                side,
                11,
                lateral=(i - boats / 2) * 6.0,
                sink_at=rng.uniform(0.85, 1.0) if i < lost else None,
                hold=0.6,
            )
            self._movers.append(mv)

    def _base_of(self, side: str) -> Point | None:
        if self.scenario is None:
            return None
        for unit in self.scenario.air:
            if unit.side == side and unit.base and unit.base in self._places:
                p = self._places[unit.base]
                return (p.lon, p.lat)
        return None

    def _animate_air_battle(self, e, start: float, rng: random.Random) -> None:
        meet = (119.0, 24.5) if self.which == "strait" else (118.42, 24.36)
        prc_from = self._base_of("prc") or (meet[0] - 0.6, meet[1] + 0.5)
        roc_from = self._base_of("roc") or (meet[0] + 0.9, meet[1] - 0.6)
        for side, origin, lost in (
            ("prc", prc_from, int(e.data.get("prc_lost", 0) or 0)),
            ("roc", roc_from, int(e.data.get("roc_lost", 0) or 0)),
        ):
            for i in range(4):
                beyond = (
                    meet[0] + (meet[0] - origin[0]) * 0.15 + rng.uniform(-0.05, 0.05),
                    meet[1] + (meet[1] - origin[1]) * 0.15 + rng.uniform(-0.05, 0.05),
                )
                route = [origin, meet, beyond]
                self._movers.append(
                    _Mover(
                        {"strait": route, "kinmen": route},
                        start + 0.1 * i,
                        3.0,
                        "aircraft",
                        side,
                        12,
                        lateral=(i - 1.5) * 8.0,
                        sink_at=rng.uniform(0.55, 0.7) if i < min(lost, 4) else None,
                        air=True,
                    )
                )

    def _animate_airlift(self, e, start: float, rng: random.Random) -> None:
        dest = None
        for t in self._targets.values():
            if t.side == e.side and t.kind == "airfield" and t.place in self._places:
                p = self._places[t.place]
                dest = (p.lon, p.lat)
                break
        if dest is None:
            return
        origin = self._base_of(e.side) or (dest[0] + 0.9, dest[1] - 0.7)
        for i in range(3):
            route = [origin, dest]
            self._movers.append(
                _Mover(
                    {"strait": route, "kinmen": route},
                    start + 0.3 * i,
                    3.2,
                    "aircraft",
                    e.side if e.side in ("prc", "roc") else "roc",
                    14,
                    lateral=(i - 1) * 10.0,
                    air=True,
                )
            )
            self._bursts.append(
                _Burst(dest[0], dest[1], rng.gauss(0, 1), rng.gauss(0, 1), 0.3, start + 3.4, 1.2, 3)
            )

    def _draw_animations(self, surface: pygame.Surface, z: float) -> None:
        now = self._clock
        g = self._geo
        pal = self.colours
        w, h = self.size
        ox, oy = self._origin()
        s = self.ui_scale
        which = self.which
        zkey = (which, z, s)
        blits = []
        dots: dict[str, tuple[pygame.Surface, int]] = {}
        for sh in self._shells:
            age = now - sh.t0
            if age < 0 or age > sh.life:
                continue
            if sh.zkey != zkey:
                sh.zkey = zkey
                x0, y0 = g.xy(sh.lon0, sh.lat0)
                x1, y1 = g.xy(sh.lon1, sh.lat1)
                sh.ax, sh.ay, sh.bx, sh.by = x0 * z, y0 * z, x1 * z, y1 * z
                sh.lift = min(120.0, math.hypot(sh.bx - sh.ax, sh.by - sh.ay) * 0.25)
            f = age / sh.life
            px = ox + sh.ax + (sh.bx - sh.ax) * f
            py = oy + sh.ay + (sh.by - sh.ay) * f - sh.lift * 4 * f * (1 - f)
            if -5 < px < w + 5 and -5 < py < h + 5:
                dot = dots.get(sh.side)
                if dot is None:
                    dot = dots[sh.side] = _shell_sprite(
                        tuple(side_colour(pal, sh.side, "dark")), tuple(pal["halo"]), s
                    )
                blits.append((dot[0], (round(px) - dot[1], round(py) - dot[1])))
        frames_cache: dict[int, tuple[pygame.Surface, ...]] = {}
        small = z < 4.0  # strait scale: a third of the bursts, smaller
        for i, b in enumerate(self._bursts):
            age = now - b.t0
            if age < 0 or age >= b.life or (small and i % 3):
                continue
            if b.zkey != zkey:
                b.zkey = zkey
                b.view = which
                b.x, b.y = g.xy(b.lon, b.lat)
                spread = max(3.0, min(40.0, b.sigma_km * z))
                b.px = b.x * z + b.dx * spread
                b.py = b.y * z + b.dy * spread
                b.size = max(2, round(b.radius * s * (0.6 if small else 1.0)))
            sx = ox + b.px
            sy = oy + b.py
            if not (-20 < sx < w + 20 and -20 < sy < h + 20):
                continue
            frames = frames_cache.get(b.size)
            if frames is None:
                frames = frames_cache[b.size] = symbols.burst_frames(
                    b.size, pal["burst"], pal["burst_core"], pal["smoke"]
                )
            spr = frames[min(len(frames) - 1, int(age / b.life * len(frames)))]
            half = spr.get_width() // 2
            blits.append((spr, (round(sx) - half, round(sy) - half)))
        if blits:
            surface.blits(blits, doreturn=False)
        lay = self._layout()
        for fl in self._flashes:
            age = now - fl.t0
            if age < 0 or age > fl.life:
                continue
            for t in lay.things:
                if t.id == fl.thing:
                    k = age / fl.life
                    r = t.size * (0.7 + 1.3 * k)
                    width = max(1, round(3 * (1 - k)))
                    pygame.draw.circle(surface, pal["splash"], (ox + t.x, oy + t.y), r, width)
        for m in self._movers:
            self._draw_mover(surface, m, now, z, ox, oy)

    def _draw_mover(self, surface, m: _Mover, now: float, z: float, ox: int, oy: int) -> None:
        age = now - m.t0
        if age < 0:
            return
        path = m.paths.get(self.which)
        if not path or len(path) < 2:
            return
        g = self._geo
        pal = self.colours
        f = min(1.0, age / m.duration)
        f = f * f * (3 - 2 * f)  # ease in and out
        alpha = 255
        if m.sink_at is not None and f >= m.sink_at:
            f = m.sink_at
            t_sink = _ease_inverse(m.sink_at) * m.duration
            gone = (age - t_sink) / 0.8
            if gone >= 1.0:
                return
            alpha = round(255 * (1 - gone))
        elif age > m.duration + m.hold:
            gone = (age - m.duration - m.hold) / 0.8
            if gone >= 1.0:
                return
            alpha = round(255 * (1 - gone))
        pts = m.km.get(self.which)
        if pts is None:
            pts = m.km[self.which] = [g.xy(lon, lat) for lon, lat in path]
        (x, y), heading = _point_along(pts, f)
        sx, sy = ox + x * z, oy + y * z
        if m.lateral:
            sx += -math.sin(heading) * m.lateral * self.ui_scale
            sy += math.cos(heading) * m.lateral * self.ui_scale
        w, h = self.size
        if not (-30 < sx < w + 30 and -30 < sy < h + 30):
            return
        size = max(6, round(m.size * self.ui_scale))
        bucket = symbols.heading_bucket(heading)
        if m.air:
            spr = symbols.aircraft_sprite(size, bucket, side_colour(pal, m.side), pal["outline"])
        elif m.hollow or m.side == "us":
            spr = symbols.ship_sprite(m.role, size, bucket, pal["halo"], pal["us"], True)
        else:
            spr = symbols.ship_sprite(
                m.role, size, bucket, side_colour(pal, m.side), pal["outline"]
            )
        moving = 0.0 < age < m.duration and (m.sink_at is None or f < m.sink_at)
        if moving and not m.air:  # a wake: long for fast attack craft
            k = size * (1.6 if m.role == "torpedo_boat" else 0.9)
            bx, by = sx - math.cos(heading) * size * 0.5, sy - math.sin(heading) * size * 0.5
            for side in (-0.35, 0.35):
                ex = bx - math.cos(heading + side) * k
                ey = by - math.sin(heading + side) * k
                pygame.draw.aaline(surface, pal["splash"], (bx, by), (ex, ey))
        if alpha < 255:
            spr = spr.copy()
            spr.set_alpha(alpha)
            if m.sink_at is not None:
                ring = round(size * 0.6 + (255 - alpha) / 255 * size)
                pygame.draw.circle(surface, pal["splash"], (sx, sy), ring, 2)
        surface.blit(spr, spr.get_rect(center=(round(sx), round(sy))))


# -- small helpers ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _shell_sprite(colour: Colour, halo: Colour, scale: float) -> tuple[pygame.Surface, int]:
    """A shell in flight: a dark dot with a light halo; (sprite, half its width)."""
    half = math.ceil(2.5 * scale) + 1
    spr = pygame.Surface((2 * half + 1, 2 * half + 1), pygame.SRCALPHA)
    pygame.draw.circle(spr, halo, (half, half), 2.5 * scale)
    pygame.draw.circle(spr, colour, (half, half), 1.6 * scale)
    return spr, half


def _spiral(cell: int):
    """Offsets to try for a cluster of symbols: the place itself, then rings around it."""
    yield (0, 0)
    for ring in range(1, 4):
        d = cell * ring
        for k in range(8 * ring):
            a = 2 * math.pi * k / (8 * ring)
            yield (d * math.cos(a), d * math.sin(a))


def _below(r: pygame.Rect, extra: int) -> pygame.Rect:
    """`r` grown downwards by `extra` pixels and sideways by half that (room for gun counts
    such as "59/64" and damage bars under the symbols)."""
    side = extra // 2
    return pygame.Rect(r.x - side, r.y, r.w + 2 * side, r.h + extra)


def _label_candidates(
    anchor: pygame.Rect, size: tuple[int, int], centred: bool, bottom: int | None = None
):
    """Where a label of `size` may go around `anchor`, best first (`bottom`: where the room
    under the anchor ends, if lower than the anchor)."""
    w, h = size
    gap = 3
    low = anchor.bottom if bottom is None else bottom
    out = []
    if centred:
        out.append(pygame.Rect(anchor.centerx - w // 2, anchor.centery - h // 2, w, h))
    out += [
        pygame.Rect(anchor.right + gap, anchor.centery - h // 2, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.centery - h // 2, w, h),
        pygame.Rect(anchor.centerx - w // 2, anchor.top - gap - h, w, h),
        pygame.Rect(anchor.centerx - w // 2, low + gap, w, h),
        pygame.Rect(anchor.right + gap, anchor.top - h + 4, w, h),
        pygame.Rect(anchor.right + gap, anchor.bottom - 4, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.top - h + 4, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.bottom - 4, w, h),
    ]
    return out


def _point_along(pts: list[Point], f: float) -> tuple[Point, float]:
    """The point at fraction f of the polyline's length and the heading there (radians)."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
    total = sum(lengths)
    if total <= 0:
        return pts[0], 0.0
    goal = f * total
    for i, seg in enumerate(lengths):
        if goal <= seg or i == len(lengths) - 1:
            a, b = pts[i], pts[i + 1]
            k = goal / seg if seg else 0.0
            k = min(1.0, max(0.0, k))
            return (a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k), math.atan2(
                b[1] - a[1], b[0] - a[0]
            )
        goal -= seg
    return pts[-1], 0.0


def _along(path: list[Point], f: float) -> Point:
    """Point at fraction f along a lon/lat path (measured in degrees; fine for short paths)."""
    return _point_along(path, f)[0]


def _ease_inverse(y: float) -> float:
    """Inverse of smoothstep on [0, 1] (by bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(30):
        mid = (lo + hi) / 2
        if mid * mid * (3 - 2 * mid) < y:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# -- demo report, screenshots and benchmark -------------------------------------------------


def demo_report(scenario, day: int = 0):
    """A made-up report of a busy day (every battery firing, a convoy, boats, an air battle),
    for benchmarks, screenshots and trying the animations."""
    from game.engine.report import Report

    rep = Report(date=str(scenario.meta.start + timedelta(days=day)), day=day)
    places = {p.id: p for p in scenario.places}
    rng = random.Random(day)

    def dist(a: str, b: str) -> float:
        pa, pb = places[a], places[b]
        k = math.cos(math.radians((pa.lat + pb.lat) / 2))
        return math.hypot((pa.lon - pb.lon) * k, pa.lat - pb.lat) * KM_PER_DEG

    for i, g in enumerate(scenario.artillery):
        enemy_targets = [t for t in scenario.targets if t.side != g.side]
        in_range = [t for t in enemy_targets if dist(g.place, t.place) <= g.range_km]
        enemy_groups = [x for x in scenario.artillery if x.side != g.side]
        groups_in_range = [x for x in enemy_groups if dist(g.place, x.place) <= g.range_km]
        if g.side == "roc" and groups_in_range:
            tg = groups_in_range[i % len(groups_in_range)]
            rep.add(
                "bombardment",
                g.side,
                "counter_battery",
                f"{g.id} -> {tg.id}",
                order=i,
                group=g.id,
                target=tg.id,
                hits=rng.randint(5, 40),
                destroyed=1,
            )
        elif in_range:
            t = in_range[i % len(in_range)]
            rep.add(
                "bombardment",
                g.side,
                "fire",
                f"{g.id} -> {t.id}",
                order=i,
                group=g.id,
                target=t.id,
                hits=rng.randint(10, 120),
            )
    beaches = [t for t in scenario.targets if t.kind in ("beach", "pier") and t.side == "roc"]
    if scenario.supply.lanes and beaches:
        beach = scenario.supply.lanes[0].beaches[0]
        rep.add("naval", "prc", "naval", "boats", order=0, convoy=0, sunk=1, boats=6, boats_lost=2)
        rep.add(
            "convoys",
            "roc",
            "convoy",
            "convoy",
            order=0,
            beach=beach,
            landed=300.0,
            sunk_at_sea=1,
            sunk_at_beach=0,
            night=True,
        )
    rep.add("air", "none", "air_battle", "air battle", prc_lost=2, roc_lost=0)
    return rep


def load_default_scenario():
    """The 1958 scenario if present and valid, else the tiny test scenario, else None."""
    from game.paths import default_scenario
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    candidates = [default_scenario(), assets_dir().parent / "tests" / "data" / "tiny.yaml"]
    for path in candidates:
        if path.is_file():
            try:
                return load_scenario(path)
            except ScenarioError:
                continue
    return None


def render_png(
    path: str,
    scenario=None,
    which: str = "kinmen",
    lang: str = "en",
    palette: str = "default",
    size: tuple[int, int] = (1280, 720),
    level: int = 0,
    state=None,
    animate: float | None = 1.0,
) -> str:
    """Save a picture of the map (with a demo report animated for `animate` seconds)."""
    if scenario is None:
        scenario = load_default_scenario()
    view = MapView(scenario, which, size, lang, palette)
    view.set_level(level)
    surf = pygame.Surface(size)
    report = demo_report(scenario) if scenario is not None and animate is not None else None
    if report is not None:
        view.play_report(report)
        view.update(animate or 0.0)
    view.draw(surf, state, report)
    pygame.image.save(surf, path)
    return path


def bench_frames(n: int = 300) -> dict[str, float]:
    """Time `draw` of the Kinmen view at 1280x720 while panning with animations running.

    Uses the 1958 scenario (or the tiny test scenario). Returns milliseconds: the first frame
    (geometry, territorial lines, layer and labels built), and p50/p95/max of the next n.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1280, 720))
    sc = load_default_scenario()
    state = None
    if sc is not None:
        from game.engine.state import new_game

        state = new_game(sc, 1)
        for k in list(state.integrity)[::2]:
            state.integrity[k] = 55.0
        for gid, gs in list(state.groups.items())[::3]:
            gs.guns = max(0, gs.guns - 3)
            gs.destroyed = 3
            del gid
    t0 = time.perf_counter()
    view = MapView(sc, "kinmen", (1280, 720))
    view.set_level(2)
    view.draw(screen, state)
    first = (time.perf_counter() - t0) * 1000.0
    report = demo_report(sc) if sc is not None else None
    hover = None
    if sc is not None and sc.artillery:
        hover = view.thing_screen_pos(sc.artillery[0].id)
    times: list[float] = []
    cpu: list[float] = []
    for i in range(n):
        if report is not None and i % 150 == 0:
            view.play_report(report)
        view.update(1 / 60)
        view.pan(7.0 * math.cos(i / 35.0), 4.0 * math.sin(i / 23.0))
        t = time.perf_counter()
        c = time.process_time()
        view.draw(screen, state, report, hover_pos=hover)
        cpu.append((time.process_time() - c) * 1000.0)
        times.append((time.perf_counter() - t) * 1000.0)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 3)

    return {
        "frames": float(n),
        "first_ms": round(first, 2),
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "max_ms": pct(times, 1.0),
        #: CPU time of the process per frame: the same without other programs' noise
        "cpu_p50_ms": pct(cpu, 0.5),
        "cpu_p95_ms": pct(cpu, 0.95),
    }
