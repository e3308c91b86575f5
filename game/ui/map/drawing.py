"""Pixel-space drawing helpers of the map: dashed lines, clipping, the bundled font."""

from __future__ import annotations

import math

import pygame

from game.paths import assets_dir
from game.ui.map.geometry import Point
from game.ui.palette import Colour

FONT_FILE = "wqy-microhei.ttc"


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
