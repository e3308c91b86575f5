"""The planning side's orders drawn on the map: shooter to target, convoy routes to the beach,
sorties from their base, so a player sees the day's plan at a glance instead of reading the
list.

`plan_items` turns orders into lines (pure, longitude/latitude, one item per order, a move
has no line); `draw_plans` strokes them over the map each frame (they change as orders are
given, so they are not part of the cached scene). The open form's order is drawn dashed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.scenario.model import Scenario, other
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, NavalSortie, Order
from game.ui.map.drawing import _dashed, font
from game.ui.map.geometry import Point

#: line colours by kind (readable on sea and land, in both palettes)
COLOURS = {
    "fire": (235, 90, 60),
    "convoy": (90, 170, 255),
    "airlift": (150, 210, 255),
    "patrol": (250, 220, 90),
    "recon": (200, 160, 255),
    "naval": (255, 140, 200),
    "move": (200, 200, 200),
}


@dataclass(frozen=True)
class PlanItem:
    """One order on the map: its number in today's list (from 1; 0 for the open form's),
    kind, and the line from where it starts to where it goes (lon, lat; empty: no line)."""

    number: int
    kind: str
    points: tuple[Point, ...]
    #: ids of the things the line starts and ends at (a battery, a target), or None: the map
    #: fans a crowded place's symbols out around it, and a line must meet the symbol the
    #: player clicked, not the bare place between the symbols
    ends: tuple[str | None, str | None] = (None, None)


def plan_items(sc: Scenario, side: str, orders: Sequence[Order], first: int = 1) -> list[PlanItem]:
    """One item per order, numbered from `first` as the order list numbers them."""
    return [_item(sc, side, o, first + i) for i, o in enumerate(orders)]


def _where(sc: Scenario, thing: str | None) -> Point | None:
    places = {p.id: p for p in sc.places}
    pid = None
    for t in sc.targets:
        if t.id == thing:
            pid = t.place
    for g in sc.artillery:
        if g.id == thing:
            pid = g.place
    if thing in places:
        pid = thing
    p = places.get(pid) if pid else None
    return (p.lon, p.lat) if p is not None else None


def _base(sc: Scenario, unit_id: str) -> Point | None:
    """Where a unit flies from: its base, or (none given) its side's first air base."""
    unit = next((u for u in sc.air if u.id == unit_id), None)
    if unit is None:
        return None
    return _where(sc, unit.base) if unit.base else _air_base(sc, unit.side)


def _air_base(sc: Scenario, side: str) -> Point | None:
    return next((_where(sc, u.base) for u in sc.air if u.side == side and u.base), None)


def lane_path(sc: Scenario, beach: str, lane_id: str | None = None) -> list[Point]:
    """A convoy's route: its lane's waypoints (the lane named, or the first serving the
    beach), then the beach."""
    lanes = sc.supply.lanes
    lane = next((ln for ln in lanes if ln.id == lane_id), None)
    lane = lane or next((ln for ln in lanes if beach in ln.beaches), lanes[0] if lanes else None)
    pts = [p for p in (_where(sc, w) for w in (lane.waypoints if lane else [])) if p]
    end = _where(sc, beach)
    if end is not None and (not pts or pts[-1] != end):
        pts.append(end)
    return pts


def _centre(points: list[Point]) -> Point | None:
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _item(sc: Scenario, side: str, o: Order, n: int) -> PlanItem:
    pts: list[Point | None] = []
    kind = "move"
    at: tuple[str | None, str | None] = (None, None)
    if isinstance(o, Fire):
        kind, pts = "fire", [_where(sc, o.group), _where(sc, o.target)]
        at = (o.group, o.target)
    elif isinstance(o, Convoy):
        kind, pts = "convoy", list(lane_path(sc, o.beach, o.lane))
        at = (None, o.beach)
    elif isinstance(o, Airlift):
        home = _where(sc, next((t.id for t in sc.targets if t.side == side), None))
        field = next((t.id for t in sc.targets if t.side == side and t.kind == "airfield"), None)
        kind, pts = "airlift", [_base(sc, o.air_unit), _where(sc, field) or home]
        at = (None, field if _where(sc, field) else None)
    elif isinstance(o, AirSortie) and o.mission == "recon":
        enemy = [_where(sc, g.id) for g in sc.artillery if g.side == other(side)]
        kind, pts = "recon", [_base(sc, o.air_unit), _centre([p for p in enemy if p])]
    elif isinstance(o, AirSortie):
        start, theirs = _base(sc, o.air_unit), _air_base(sc, other(side))
        mid = _centre([start, theirs]) if start and theirs else None
        kind, pts = "patrol", [start, mid]
    elif isinstance(o, NavalSortie):
        # the boats go for the enemy's convoys where their lanes end, from the nearest own shore
        ends = [_where(sc, ln.beaches[0]) for ln in sc.supply.lanes if ln.beaches]
        goal = next((p for p in ends if p), None)
        own = [(p.lon, p.lat) for p in sc.places if p.side == side and p.terrain != "sea"]
        start = min(own, key=lambda p: math.dist(p, goal)) if goal and own else None
        kind, pts = "naval", [start, goal]
    line = tuple(p for p in pts if p is not None)
    return PlanItem(n, kind, line if len(line) >= 2 else (), at)


def draw_plans(view, surface: pygame.Surface, items: Sequence[PlanItem], scale: float) -> None:
    """Stroke `items` on `surface` (the map's), with an arrowhead, then every order's number
    over all the lines, each disc where it overlaps no other (`number_spots`): several
    orders from one battery at nearby targets put their discs on one spot."""
    legs: list[tuple[Point, Point]] = []
    discs: list[pygame.Surface] = []
    for item in items:
        if not item.points:
            continue
        px = [view.world_to_screen(lon, lat) for lon, lat in item.points]
        for i, thing in ((0, item.ends[0]), (-1, item.ends[1])):
            at = view.thing_screen_pos(thing) if thing else None
            if at is not None:
                px[i] = at
        stroke_plan(surface, item.kind, px, item.number, scale, numbered=False)
        if item.number:
            legs.append((px[-2], px[-1]))
            discs.append(number_disc(item.kind, item.number, scale))
    radii = [d.get_width() / 2 for d in discs]
    for disc, (x, y) in zip(discs, number_spots(legs, radii), strict=True):
        surface.blit(disc, disc.get_rect(center=(round(x), round(y))))


def stroke_plan(
    surface: pygame.Surface,
    kind: str,
    px: list,
    number: int,
    scale: float,
    numbered: bool = True,
) -> None:
    """One order's line through the pixels `px`: dashed for the open form's (`number` 0),
    else solid with its number in a disc halfway along the last leg (`numbered`: the map
    places its discs itself, clear of each other). The map legend draws its samples with it,
    so the two never differ."""
    w = max(2, round(2 * scale))
    colour = COLOURS.get(kind, COLOURS["move"])
    if number == 0:
        _dashed(surface, colour, px, 8, 6, width=w)
    else:
        pygame.draw.lines(surface, (20, 20, 20), False, px, w + 2)
        pygame.draw.lines(surface, colour, False, px, w)
    _arrow(surface, colour, px[-2], px[-1], 7 * scale + 3)
    if number and numbered:
        (ax, ay), (bx, by) = px[-2], px[-1]
        disc = number_disc(kind, number, scale)
        surface.blit(disc, disc.get_rect(center=(round((ax + bx) / 2), round((ay + by) / 2))))


def number_disc(kind: str, number: int, scale: float) -> pygame.Surface:
    """An order's number on a disc of its line's colour, ringed dark so that discs next to
    each other and the line under them stay apart."""
    label = font(max(10, round(11 * scale))).render(str(number), True, (20, 20, 20))
    r = max(label.get_width(), label.get_height()) // 2 + 3
    out = pygame.Surface((2 * r + 2, 2 * r + 2), pygame.SRCALPHA)
    c = (r + 1, r + 1)
    pygame.draw.circle(out, (20, 20, 20), c, r + 1)
    pygame.draw.circle(out, COLOURS.get(kind, COLOURS["move"]), c, r)
    out.blit(label, label.get_rect(center=c))
    return out


#: where along its last leg an order's number may sit, best first (halfway: near the
#: target, in view, and clear of the battery's symbol)
_ALONG = (0.5, 0.38, 0.62, 0.26, 0.74, 0.14, 0.86)


def number_spots(legs: Sequence[tuple[Point, Point]], radii: Sequence[float]) -> list[Point]:
    """Centres for the orders' number discs (pixels), one per last leg `legs[i]` with radius
    `radii[i]`, no two overlapping: each in turn takes the first free spot along its leg
    (halfway first), else the nearest free spot on rings around its halfway point (orders
    from one battery at one target share a leg).
    The first orders keep the best spots, so the numbers read in the list's order."""
    placed: list[tuple[float, float, float]] = []
    out: list[Point] = []
    for (a, b), r in zip(legs, radii, strict=True):
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        spots = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for t in _ALONG]
        for ring in range(1, 6):
            dist, n = ring * (2 * r + 2), 6 * ring
            spots += [
                (
                    mid[0] + dist * math.cos(2 * math.pi * k / n),
                    mid[1] + dist * math.sin(2 * math.pi * k / n),
                )
                for k in range(n)
            ]

        def free(p: Point, r: float = r) -> bool:
            return all(math.dist(p, (x, y)) >= r + q + 1 for x, y, q in placed)

        spot = next((p for p in spots if free(p)), mid)
        placed.append((spot[0], spot[1], r))
        out.append(spot)
    return out


def _arrow(surface: pygame.Surface, colour, a, b, size: float) -> None:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    pts = [
        b,
        (b[0] - size * math.cos(ang - 0.45), b[1] - size * math.sin(ang - 0.45)),
        (b[0] - size * math.cos(ang + 0.45), b[1] - size * math.sin(ang + 0.45)),
    ]
    pygame.draw.polygon(surface, colour, pts)
