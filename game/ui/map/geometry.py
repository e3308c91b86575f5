"""World geometry of the map: the two views' boxes and the equirectangular projection's
constants, and the corner cutting that smooths coastlines (pure functions on km points).
"""

from __future__ import annotations

import math

Point = tuple[float, float]

KM_PER_DEG = 111.32
NM_KM = 1.852
VIEWS: dict[str, tuple[float, float, float, float]] = {
    "strait": (117.0, 22.3, 122.2, 26.6),
    "kinmen": (118.05, 24.30, 118.65, 24.65),
}
TERRITORIAL_NM = (3, 12)
TERRITORY_RES_KM = 0.1
SMOOTH_PASSES = 2


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
