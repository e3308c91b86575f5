"""Map symbols as small anti-aliased sprites, drawn at 4x and scaled down once, then cached.

The sides differ by shape as well as colour, so the map reads without colour vision:

- batteries: PLA (``prc``) a filled triangle, ROC (``roc``) a filled square; the size grows
  with the number of guns (`battery_size`), a hollow shape is a group not yet arrived;
- targets by kind: command post a star, airfield a plane-like cross, pier an anchor, beach a
  bar over a wave, town a disc, battery area a crossed circle, observation post a diamond;
- ships as hulls seen from above: transports broad and blunt, escorts slim and pointed,
  torpedo boats small wedges, gunboats short hulls, amphibious tractors rounded boxes,
  carriers long flat decks; US ships are drawn hollow (outline only);
- aircraft as small arrows pointing where they fly;
- shell bursts as a short flash that turns to fading smoke (`burst_frames`).

Every sprite function is cached on its arguments: callers must not draw on the result.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pygame

Colour = tuple[int, int, int]
Point = tuple[float, float]

SS = 4  # supersampling factor
HEADING_STEPS = 36  # ships and aircraft are cached every 10 degrees

SHIP_ROLES = ("transport", "escort", "torpedo_boat", "gunboat", "amtrac", "carrier")


def battery_size(guns: int, scale: float = 1.0) -> int:
    """Side in pixels of a battery symbol: 11 px for a handful of guns, 22 px for 150 or more."""
    g = max(0, guns)
    size = 10.0 + 2.2 * math.log2(1.0 + g / 2.0)
    return max(8, round(min(size, 22.0) * scale))


def heading_bucket(heading: float) -> int:
    """Heading in radians (0 = east, pi/2 = south, screen y down) to a cached step."""
    return round(heading / (2 * math.pi) * HEADING_STEPS) % HEADING_STEPS


# -- shapes in unit coordinates (about -1..1, y down) ------------------------------------------

_TRIANGLE: list[Point] = [(0.0, -1.0), (1.0, 0.78), (-1.0, 0.78)]
_SQUARE: list[Point] = [(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)]
_DIAMOND: list[Point] = [(0.0, -1.0), (0.8, 0.0), (0.0, 1.0), (-0.8, 0.0)]
_PLANE: list[Point] = [
    (0.0, -1.0),
    (0.15, -0.8),
    (0.15, -0.22),
    (1.0, 0.08),
    (1.0, 0.3),
    (0.15, 0.14),
    (0.12, 0.62),
    (0.46, 0.82),
    (0.46, 0.98),
    (0.0, 0.88),
    (-0.46, 0.98),
    (-0.46, 0.82),
    (-0.12, 0.62),
    (-0.15, 0.14),
    (-1.0, 0.3),
    (-1.0, 0.08),
    (-0.15, -0.22),
    (-0.15, -0.8),
]


def _star(points: int = 5, inner: float = 0.42) -> list[Point]:
    out = []
    for i in range(points * 2):
        r = 1.0 if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / points
        out.append((r * math.cos(a), r * math.sin(a) + 0.08))
    return out


_STAR = _star()

# Hulls: x forward (bow at +0.5), y to starboard, in units of the ship's length.
_HULLS: dict[str, list[Point]] = {
    "transport": [
        (-0.5, -0.2),
        (0.32, -0.2),
        (0.5, -0.1),
        (0.5, 0.1),
        (0.32, 0.2),
        (-0.5, 0.2),
    ],
    "escort": [(-0.5, -0.11), (0.15, -0.12), (0.5, 0.0), (0.15, 0.12), (-0.5, 0.11)],
    "torpedo_boat": [(-0.5, -0.16), (0.05, -0.17), (0.5, 0.0), (0.05, 0.17), (-0.5, 0.16)],
    "gunboat": [(-0.5, -0.16), (0.2, -0.16), (0.5, 0.0), (0.2, 0.16), (-0.5, 0.16)],
    "amtrac": [
        (-0.5, -0.22),
        (0.38, -0.3),
        (0.5, -0.16),
        (0.5, 0.16),
        (0.38, 0.3),
        (-0.5, 0.22),
    ],
    "carrier": [
        (-0.5, -0.12),
        (0.36, -0.16),
        (0.5, -0.08),
        (0.5, 0.06),
        (0.3, 0.14),
        (-0.5, 0.12),
    ],
}
_ARROW: list[Point] = [(0.5, 0.0), (-0.5, -0.38), (-0.22, 0.0), (-0.5, 0.38)]


# -- drawing helpers -------------------------------------------------------------------------


def _fat_polygon(surf: pygame.Surface, colour, pts: list[Point], width: float) -> None:
    """Fill the polygon grown by `width` pixels (a halo): fill, thick edges, round joins."""
    pygame.draw.polygon(surf, colour, pts)
    w = max(1, round(width))
    for i, a in enumerate(pts):
        b = pts[(i + 1) % len(pts)]
        pygame.draw.line(surf, colour, a, b, w * 2)
        pygame.draw.circle(surf, colour, a, w)


def _outlined(
    surf: pygame.Surface,
    pts: list[Point],
    fill,
    outline,
    line: float,
    halo=None,
    halo_w: float = 0.0,
    hollow: bool = False,
) -> None:
    if halo is not None and halo_w > 0:
        _fat_polygon(surf, halo, pts, halo_w + line)
    if hollow:
        _fat_polygon(surf, outline, pts, line)
        inner = _shrink(pts, line * 2.2)
        pygame.draw.polygon(surf, halo if halo is not None else (255, 255, 255), inner)
        return
    _fat_polygon(surf, outline, pts, line * 0.5)
    pygame.draw.polygon(surf, fill, _shrink(pts, line * 0.5))


def _shrink(pts: list[Point], d: float) -> list[Point]:
    """Move each vertex `d` pixels towards the centroid (good enough for convex-ish icons)."""
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    out = []
    for x, y in pts:
        dx, dy = x - cx, y - cy
        r = math.hypot(dx, dy) or 1.0
        k = max(0.0, (r - d) / r)
        out.append((cx + dx * k, cy + dy * k))
    return out


def _finish(big: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    small = pygame.transform.smoothscale(big, size)
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        small = small.convert_alpha()
    return small


def _canvas(w: int, h: int) -> pygame.Surface:
    surf = pygame.Surface((w * SS, h * SS), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    return surf


def _place(unit: list[Point], cx: float, cy: float, r: float) -> list[Point]:
    return [(cx + x * r, cy + y * r) for x, y in unit]


# -- sprites ---------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def battery_sprite(
    side: str, size: int, fill: Colour, outline: Colour, hollow: bool = False
) -> pygame.Surface:
    """PLA: triangle; ROC: square; others: diamond. `size` is the side in pixels."""
    pad = 3
    w = size + 2 * pad
    big = _canvas(w, w)
    c = w * SS / 2
    r = size * SS / 2
    shape = _TRIANGLE if side == "prc" else _SQUARE if side == "roc" else _DIAMOND
    pts = _place(shape, c, c + (r * 0.1 if side == "prc" else 0.0), r)
    _outlined(big, pts, fill, outline, 1.3 * SS, (255, 255, 255), 1.0 * SS, hollow)
    return _finish(big, (w, w))


@lru_cache(maxsize=1024)
def target_sprite(
    kind: str, size: int, fill: Colour, outline: Colour, halo: Colour = (255, 255, 255)
) -> pygame.Surface:
    """A target of `kind` (`game.scenario.catalogue.TARGET_KINDS`) in its owner's colour with a
    light halo."""
    pad = 3
    w = size + 2 * pad
    big = _canvas(w, w)
    c = w * SS / 2
    r = size * SS / 2
    line = 1.2 * SS
    halo_w = 1.3 * SS
    if kind == "command_post":
        _outlined(big, _place(_STAR, c, c, r * 1.08), fill, outline, line, halo, halo_w)
    elif kind == "airfield":
        _outlined(big, _place(_PLANE, c, c, r), fill, outline, line, halo, halo_w)
    elif kind == "pier":
        _anchor(big, c, c, r, fill, outline, halo)
    elif kind == "beach":
        _beach(big, c, c, r, fill, outline, halo)
    elif kind == "town":
        pygame.draw.circle(big, halo, (c, c), r * 0.78 + halo_w + line)
        pygame.draw.circle(big, outline, (c, c), r * 0.78 + line * 0.5)
        pygame.draw.circle(big, fill, (c, c), r * 0.78 - line * 0.5)
        pygame.draw.circle(big, halo, (c, c), r * 0.26)
    elif kind == "battery_area":
        pygame.draw.circle(big, halo, (c, c), r * 0.85 + halo_w + line)
        pygame.draw.circle(big, outline, (c, c), r * 0.85 + line * 0.5)
        pygame.draw.circle(big, fill, (c, c), r * 0.85 - line * 0.5)
        k = r * 0.5
        lw = max(1, round(r * 0.22))
        pygame.draw.line(big, halo, (c - k, c - k), (c + k, c + k), lw)
        pygame.draw.line(big, halo, (c - k, c + k), (c + k, c - k), lw)
    else:  # observation_post and anything new
        _outlined(big, _place(_DIAMOND, c, c, r), fill, outline, line, halo, halo_w)
        pygame.draw.circle(big, halo, (c, c), r * 0.28)
    return _finish(big, (w, w))


def _thick_lines(surf, colour, segments, width: float, arcs=()) -> None:
    w = max(1, round(width))
    for a, b in segments:
        pygame.draw.line(surf, colour, a, b, w)
        pygame.draw.circle(surf, colour, a, w / 2)
        pygame.draw.circle(surf, colour, b, w / 2)
    for centre, radius in arcs:
        pygame.draw.circle(surf, colour, centre, radius + w / 2, w)


def _anchor(surf, cx, cy, r, fill, outline, halo) -> None:
    shank = ((cx, cy - r * 0.55), (cx, cy + r * 0.85))
    bar = ((cx - r * 0.5, cy - r * 0.28), (cx + r * 0.5, cy - r * 0.28))
    ring = ((cx, cy - r * 0.75), r * 0.2)
    arm_pts = [
        (cx + r * 0.8 * math.cos(a), cy + r * 0.15 + r * 0.7 * math.sin(a))
        for a in [math.radians(d) for d in range(10, 171, 20)]
    ]
    arms = list(itertools.pairwise(arm_pts))
    segs = [shank, bar, *arms]
    base_w = r * 0.26
    _thick_lines(surf, halo, segs, base_w + 2.6 * SS, [ring])
    pygame.draw.circle(surf, halo, ring[0], ring[1] + base_w + 1.3 * SS)
    _thick_lines(surf, outline, segs, base_w + 1.2 * SS, [ring])
    pygame.draw.circle(surf, outline, ring[0], ring[1] + base_w * 0.5 + 0.6 * SS, round(base_w))
    _thick_lines(surf, fill, segs, base_w)
    pygame.draw.circle(surf, fill, ring[0], ring[1] + base_w * 0.5, max(1, round(base_w * 0.7)))


def _beach(surf, cx, cy, r, fill, outline, halo) -> None:
    bar = [(cx - r, cy - r * 0.5), (cx + r, cy - r * 0.5), (cx + r, cy), (cx - r, cy)]
    _outlined(surf, bar, fill, outline, 1.2 * SS, halo, 1.3 * SS)
    wave = [
        (cx + r * t, cy + r * (0.5 + 0.2 * math.sin(t * math.pi * 2.0)))
        for t in [i / 8 - 1.0 for i in range(17)]
    ]
    segs = list(itertools.pairwise(wave))
    _thick_lines(surf, halo, segs, r * 0.2 + 2.6 * SS)
    _thick_lines(surf, outline, segs, r * 0.2 + 1.0 * SS)
    _thick_lines(surf, fill, segs, r * 0.2)


def _rotated(unit: list[Point], cx: float, cy: float, length: float, heading: float):
    ca, sa = math.cos(heading), math.sin(heading)
    return [(cx + (x * ca - y * sa) * length, cy + (x * sa + y * ca) * length) for x, y in unit]


@lru_cache(maxsize=2048)
def ship_sprite(
    role: str, length: int, bucket: int, fill: Colour, outline: Colour, hollow: bool = False
) -> pygame.Surface:
    """A hull of `role` (see SHIP_ROLES), `length` px long, heading `bucket` (heading_bucket)."""
    heading = bucket * 2 * math.pi / HEADING_STEPS
    w = length + 6
    big = _canvas(w, w)
    c = w * SS / 2
    hull = _HULLS.get(role, _HULLS["escort"])
    pts = _rotated(hull, c, c, length * SS, heading)
    _outlined(big, pts, fill, outline, 1.1 * SS, (255, 255, 255), 0.9 * SS, hollow)
    if role == "transport" and not hollow:  # bridge aft
        box = [(-0.42, -0.12), (-0.22, -0.12), (-0.22, 0.12), (-0.42, 0.12)]
        pygame.draw.polygon(big, outline, _rotated(box, c, c, length * SS, heading))
    elif role == "carrier":  # island on the starboard side
        box = [(0.0, 0.07), (0.18, 0.07), (0.18, 0.13), (0.0, 0.13)]
        pygame.draw.polygon(big, outline, _rotated(box, c, c, length * SS, heading))
    elif role in ("escort", "gunboat") and not hollow:  # gun forward
        gx = c + math.cos(heading) * length * SS * 0.22
        gy = c + math.sin(heading) * length * SS * 0.22
        pygame.draw.circle(big, outline, (gx, gy), length * SS * 0.06)
    return _finish(big, (w, w))


@lru_cache(maxsize=1024)
def aircraft_sprite(size: int, bucket: int, fill: Colour, outline: Colour) -> pygame.Surface:
    """A small arrow pointing along heading `bucket`."""
    heading = bucket * 2 * math.pi / HEADING_STEPS
    w = size + 6
    big = _canvas(w, w)
    c = w * SS / 2
    pts = _rotated(_ARROW, c, c, size * SS, heading)
    _outlined(big, pts, fill, outline, 1.0 * SS, (255, 255, 255), 0.8 * SS)
    return _finish(big, (w, w))


@lru_cache(maxsize=64)
def burst_frames(
    radius: int, burst: Colour, core: Colour, smoke: Colour, frames: int = 16
) -> tuple[pygame.Surface, ...]:
    """A shell burst: a flash that grows for the first eighth, then smoke that swells and fades.

    Frame i shows the burst at age i / frames of its life. Each frame is the same size, so the
    caller centres it with `frame.get_rect(center=...)`.
    """
    out = []
    w = radius * 4 + 2
    for i in range(frames):
        t = i / max(1, frames - 1)
        big = _canvas(w, w)
        c = w * SS / 2
        if t < 0.15:
            k = t / 0.15
            r = radius * SS * (0.5 + 0.7 * k)
            pygame.draw.circle(big, (*burst, 235), (c, c), r)
            pygame.draw.circle(big, (*core, 255), (c, c), r * 0.55)
        else:
            k = (t - 0.15) / 0.85
            r = radius * SS * (1.0 + 0.6 * k)
            col = _mix(burst, smoke, min(1.0, k * 5.0))
            alpha = round(190 * (1.0 - k) ** 1.5)
            pygame.draw.circle(big, (*col, alpha), (c, c), r)
            if k < 0.15:
                pygame.draw.circle(big, (*burst, round(220 * (1 - k / 0.15))), (c, c), r * 0.45)
        out.append(_finish(big, (w, w)))
    return tuple(out)


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def clear_caches() -> None:
    """Drop every cached sprite (after a palette or display change)."""
    for fn in (battery_sprite, target_sprite, ship_sprite, aircraft_sprite, burst_frames):
        fn.cache_clear()
