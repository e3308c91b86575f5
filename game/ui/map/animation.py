"""A turn's report played on the map: shells flying and bursting, convoys sailing their lane
(US escorts stopping at 3 nm), attack craft and air battles.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from dataclasses import dataclass, field

import pygame

from game.ui import symbols
from game.ui.map.geo import geo
from game.ui.map.geometry import Point
from game.ui.map.parts import MapParts
from game.ui.map.territory import territory_of
from game.ui.palette import Colour, side_colour

BURST_LIFE = 2.0


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


class Animation(MapParts):
    """The animation part of `MapView` (a mixin, see `Camera`)."""

    _bursts: list[_Burst]
    _shells: list[_Shell]
    _movers: list[_Mover]
    _flashes: list[_Flash]

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
            path: list[Point] | None = self._lane_path(e.data.get("beach"))
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
        terr = territory_of(k, self._place_sig)
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
        hit = [pygame.Rect(pos, spr.get_size()) for spr, pos in blits]
        for fl in self._flashes:
            age = now - fl.t0
            if age < 0 or age > fl.life:
                continue
            for t in lay.things:
                if t.id == fl.thing:
                    k = age / fl.life
                    r = t.size * (0.7 + 1.3 * k)
                    width = max(1, round(3 * (1 - k)))
                    hit.append(
                        pygame.draw.circle(surface, pal["splash"], (ox + t.x, oy + t.y), r, width)
                    )
        if hit and "labels" in self.layers:
            self._labels_over(surface, lay, hit, ox, oy)
        for m in self._movers:
            self._draw_mover(surface, m, now, z, ox, oy)

    def _labels_over(self, surface, lay, hit: list[pygame.Rect], ox: int, oy: int) -> None:
        """The names under this frame's bursts, shells and splashes (`hit`, window pixels)
        drawn again over them: a day's shelling of Mount Taiwu must not blot out the name of
        the place it falls on."""
        again = []
        for lab in lay.labels:
            if lab.kind == "territorial" and "overlays" not in self.layers:
                continue
            r = pygame.Rect(ox + lab.x, oy + lab.y, lab.surf.get_width(), lab.surf.get_height())
            if r.collidelist(hit) >= 0:
                again.append((lab.surf, r.topleft))
        if again:
            surface.blits(again, doreturn=False)

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
