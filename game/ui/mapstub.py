"""A plain stand-in for `game.ui.mapview.MapView`, used only while that module is missing.

Same interface (resize, set_view, set_lang, set_palette, handle_event, update, draw,
world_to_screen, screen_to_world, thing_at, play_report, ui_scale); draws the coastline and a
dot per battery and target. The real map view replaces it as soon as it exists.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.mapdata import load_map


class StubMapView:
    def __init__(
        self,
        scenario: Any,
        which: str = "kinmen",
        size: tuple[int, int] = (960, 720),
        lang: str = "en",
        palette: str = "default",
    ) -> None:
        self.sc = scenario
        self.which = which
        self.size = size
        self.lang = lang
        self.palette = palette
        self.ui_scale = 1.0
        self._maps = {n: load_map(n) for n in ("kinmen", "strait")}
        self._flash = 0.0
        self._font: pygame.font.Font | None = None

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size

    def set_view(self, which: str) -> None:
        self.which = which

    def set_lang(self, lang: str) -> None:
        self.lang = lang

    def set_palette(self, p: str) -> None:
        self.palette = p

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, dt: float) -> None:
        self._flash = max(0.0, self._flash - dt)

    def play_report(self, report: Any) -> None:
        self._flash = 2.0

    def _box(self) -> tuple[float, float, float, float]:
        return self._maps[self.which].bbox

    def world_to_screen(self, lon: float, lat: float) -> tuple[int, int]:
        w, s, e, n = self._box()
        W, H = self.size
        k = math.cos(math.radians((s + n) / 2))
        scale = min(W / ((e - w) * k), H / (n - s))
        ox = (W - (e - w) * k * scale) / 2
        oy = (H - (n - s) * scale) / 2
        return int(ox + (lon - w) * k * scale), int(oy + (n - lat) * scale)

    def screen_to_world(self, x: float, y: float) -> tuple[float, float]:
        w, s, e, n = self._box()
        W, H = self.size
        k = math.cos(math.radians((s + n) / 2))
        scale = min(W / ((e - w) * k), H / (n - s))
        ox = (W - (e - w) * k * scale) / 2
        oy = (H - (n - s) * scale) / 2
        return w + (x - ox) / (k * scale), n - (y - oy) / scale

    def _things(self) -> list[tuple[str, str, Any]]:
        out = []
        for g in self.sc.artillery:
            out.append((g.id, g.side, self.sc.place(g.place)))
        for t in self.sc.targets:
            out.append((t.id, t.side, self.sc.place(t.place)))
        return out

    def thing_at(self, pos: tuple[int, int]) -> str | None:
        best, best_d = None, 14.0
        for tid, _side, place in self._things():
            x, y = self.world_to_screen(place.lon, place.lat)
            d = math.hypot(x - pos[0], y - pos[1])
            if d < best_d:
                best, best_d = tid, d
        return best

    def draw(
        self,
        surface: pygame.Surface,
        state: Any = None,
        report: Any = None,
        hover_pos: Any = None,
        selected: Any = None,
    ) -> None:
        surface.fill((38, 66, 92))
        for ring in self._maps[self.which].rings:
            pts = [self.world_to_screen(lon, lat) for lon, lat in ring.points]
            if len(pts) >= 3:
                colour = (150, 160, 120) if ring.is_land else (38, 66, 92)
                pygame.draw.polygon(surface, colour, pts)
        if self._font is None:
            from game.ui.theme import font_path

            self._font = pygame.font.Font(str(font_path()), 12)
        for tid, side, place in self._things():
            x, y = self.world_to_screen(place.lon, place.lat)
            colour = (200, 40, 40) if side == "prc" else (40, 80, 200)
            r = 7 if tid == selected else 5
            pygame.draw.circle(surface, colour, (x, y), r)
            if tid == selected:
                pygame.draw.circle(surface, (255, 230, 120), (x, y), r + 3, 2)
