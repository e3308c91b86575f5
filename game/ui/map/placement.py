"""The geometry of the map's label placement (see `labels`): candidate spots around a place,
distances between rectangles and points, whether a label reads as its own place's, and
whether a leader line is clear. Plain functions, apart from the `Labels` mixin, so that the
rules are read and tested on their own."""

from __future__ import annotations

import math

import pygame

#: a neighbouring place this near a label (pixels) must not be nearer it than its own place
LABEL_NEAR = 14
#: another place's symbols or dot must be this much farther from a label (pixels) than its
#: own place's: else the label would seem to name them
LABEL_CLEAR = 8
#: a neighbouring place may be this much nearer a label (pixels) before it takes the label
LABEL_TIE = 2


def spiral_offsets(cell: int, rings: int = 3):
    """Offsets to try for a cluster of symbols: the place itself, then rings around it."""
    yield (0, 0)
    for ring in range(1, rings + 1):
        d = cell * ring
        for k in range(8 * ring):
            a = 2 * math.pi * k / (8 * ring)
            yield (d * math.cos(a), d * math.sin(a))


def overlap_area(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


def rect_distance(r: pygame.Rect, p: tuple[float, float]) -> float:
    x = min(max(p[0], r.left), r.right)
    y = min(max(p[1], r.top), r.bottom)
    return math.hypot(x - p[0], y - p[1])


def owns(
    r: pygame.Rect,
    pid: str,
    points: dict[str, tuple[float, float]],
    anchors: dict[str, pygame.Rect],
    reach: float,
    scale: float = 1.0,
) -> bool:
    """Whether a label at `r` reads as the name of place `pid`: within `reach` pixels of
    it, no other place both close to the label and nearer it than `pid`, and no other
    place's symbols right beside it (the label would then name the neighbour)."""
    own = rect_distance(r, points[pid])
    if own > reach:
        return False
    for q, pt in points.items():
        if q != pid:
            d = rect_distance(r, pt)
            if d < LABEL_NEAR * scale and d < own - LABEL_TIE * scale:
                return False
    mine = rect_gap(r, anchors[pid]) if pid in anchors else own
    for q, rect in anchors.items():
        if q != pid and rect_gap(r, rect) < mine + LABEL_CLEAR * scale:
            return False
    return True


def rect_gap(a: pygame.Rect, b: pygame.Rect) -> float:
    """Pixels between two rectangles (0 when they touch or overlap)."""
    dx = max(b.left - a.right, a.left - b.right, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return math.hypot(dx, dy)


def grown_below(r: pygame.Rect, extra: int, side: int) -> pygame.Rect:
    """`r` grown downwards by `extra` pixels and sideways by `side` (room for gun counts
    such as "59/64" and damage bars under the symbols)."""
    return pygame.Rect(r.x - side, r.y, r.w + 2 * side, r.h + extra)


def label_candidates(
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


def nearest_point(r: pygame.Rect, p: tuple[float, float]) -> tuple[float, float]:
    return (min(max(p[0], r.left), r.right - 1), min(max(p[1], r.top), r.bottom - 1))


def exit_point(anchor: pygame.Rect, end: tuple[float, float]) -> tuple[float, float] | None:
    """Where the line from the anchor's centre to `end` leaves the anchor (None: `end` is in
    it)."""
    if anchor.collidepoint(end):
        return None
    cx, cy = anchor.center
    dx, dy = end[0] - cx, end[1] - cy
    t = min(
        (anchor.w / 2 + 1) / abs(dx) if dx else math.inf,
        (anchor.h / 2 + 1) / abs(dy) if dy else math.inf,
    )
    return (cx + dx * t, cy + dy * t)


def line_blocked(line, occupied, callouts, own: pygame.Rect) -> bool:
    """Whether a leader line would cross a symbol, a label or another leader line, or another
    leader line would run under its label `own`."""
    a, b = (line[0], line[1]), (line[2], line[3])
    for r in occupied:
        if r.clipline(a, b):
            return True
    for other in callouts:
        c, d = (other[0], other[1]), (other[2], other[3])
        if own.clipline(c, d) or crosses(a, b, c, d):
            return True
    return False


def crosses(a, b, c, d) -> bool:
    def turn(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


def worse_labelling(a, b) -> bool:
    """Whether labelling `a` is worse than `b` (each: labels, occupied, leader lines, places
    unnamed, lands unnamed): more places unnamed, then more lands, then longer leader lines."""

    def score(t) -> tuple[int, int, float]:
        length = sum(math.hypot(x1 - x0, y1 - y0) for x0, y0, x1, y1 in t[2].values())
        return (len(t[3]), t[4], length)

    return score(b) < score(a)
