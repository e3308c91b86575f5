"""The map view's camera: which view, zoom level and centre, the projection to the window,
and the mouse and keys that move them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.ui.map.geo import geo
from game.ui.map.geometry import VIEWS, Point
from game.ui.map.parts import MapParts

ZOOM_STEP = 2.0**0.25
MIN_LEVEL = -3
MAX_ZOOM = {"strait": 6.0, "kinmen": 8.0}  # times the scale that fits the box
LAYER_MAX_PIXELS = 16_000_000


@dataclass
class _ViewState:
    level: int = 0
    cx: float = 0.0
    cy: float = 0.0


class Camera(MapParts):
    """The zoom, pan and event handling part of `MapView` (a mixin: it works on the state
    that `MapView.__init__` sets up, as the other parts do)."""

    _views: dict[str, _ViewState]
    _vs: _ViewState

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
            at = self._mouse
            if at is None and pygame.display.get_init() and pygame.mouse.get_focused():
                at = self._local(pygame.mouse.get_pos())
            if at is None or not self._inside(at):
                at = (self.size[0] // 2, self.size[1] // 2)
                if self._mouse is not None and not self._inside(self._mouse):
                    return False
            dy = getattr(event, "y", 0)
            if not dy:
                return False
            steps = max(-3, min(3, int(dy)))
            self.zoom_by(steps, at)
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
