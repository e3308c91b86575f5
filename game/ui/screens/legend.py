"""The map legend: every symbol the map draws, drawn by the map's own symbol functions
(`game.ui.symbols`) in the chosen palette, with what it means.

It opens over the game screen (F2 or the map's legend button) and returns to it; the screen
behind stays visible, darkened. Because the icons come from the functions the map uses, a
change of a symbol's shape or of the palette shows here without a second drawing to keep in
step. When the window is too small for every row (a large interface size), the legend
scrolls with the wheel or the arrow keys.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from game.scenario.catalogue import TARGET_KINDS
from game.scenario.model import other
from game.ui import symbols
from game.ui.map.drawing import _dashed
from game.ui.map.plans import stroke_plan
from game.ui.palette import get_palette, mix, side_colour
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.widgets import GOLD, INK, lines_of, panel, rendered, shade

Icon = Callable[[pygame.Surface, pygame.Rect, dict[str, Any]], None]

#: ship roles shown (the carrier only appears as a US decoration, drawn hollow below)
SHIP_ROLES = tuple(r for r in symbols.SHIP_ROLES if r != "carrier")


def _blit(surface: pygame.Surface, spr: pygame.Surface, rect: pygame.Rect) -> None:
    surface.blit(spr, spr.get_rect(center=rect.center))


class LegendScreen(Screen):
    def __init__(self, app: Any, back: Screen) -> None:
        super().__init__(app)
        self.back = back
        self.scroll = 0
        self.content_h = 0

    # -- what is shown ----------------------------------------------------------------------------

    def enemy(self) -> str:
        """The side whose unspotted batteries the map marks with "?": the viewer's enemy (the
        legend drew a PLA triangle with "?" for a PLA player, whose map shows ROC squares)."""
        session = getattr(self.back, "session", None)
        return other(session.viewer) if session is not None else "prc"

    def sections(self) -> list[tuple[str, list[tuple[Icon, str]]]]:
        """(heading, [(icon, words)]) in the order the legend lists them."""
        z = self.app.map_scale()
        bat = round(symbols.battery_size(40, z))
        tgt = round(15 * z)
        ship = round(28 * z)

        def battery(side: str, hollow: bool = False, text: str = "") -> Icon:
            def draw(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
                base = side_colour(pal, side)
                spr = symbols.battery_sprite(
                    side, bat, base, base if hollow else pal["outline"], hollow
                )
                if not text:
                    _blit(s, spr, r)
                    return
                # the count beside the symbol (on the map it stands under it)
                font = self.app.fonts.get(11 * z / self.app.scale)
                lab = rendered(font, text, pal["text"])
                left = r.centerx - (spr.get_width() + lab.get_width()) // 2
                s.blit(spr, spr.get_rect(midleft=(left, r.centery)))
                s.blit(lab, lab.get_rect(midleft=(left + spr.get_width(), r.centery)))

            return draw

        def target(kind: str) -> Icon:
            return lambda s, r, pal: _blit(
                s, symbols.target_sprite(kind, tgt, pal["roc"], pal["outline"]), r
            )

        def hull(role: str, us: bool = False) -> Icon:
            def draw(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
                b = symbols.heading_bucket(0.0)
                if us:
                    spr = symbols.ship_sprite("carrier", ship, b, pal["halo"], pal["us"], True)
                else:
                    spr = symbols.ship_sprite(role, ship, b, pal["roc"], pal["outline"])
                _blit(s, spr, r)

            return draw

        def plane(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            b = symbols.heading_bucket(-math.pi / 4)
            _blit(s, symbols.aircraft_sprite(round(14 * z), b, pal["prc"], pal["outline"]), r)

        def dashed(key: str, dash: float, gap: float, width: int) -> Icon:
            def draw(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
                colour = pal[key] if key != "lane" else mix(pal["lane"], pal["sea"], 0.35)
                y = r.centery
                _dashed(s, colour, [(r.left + 3, y), (r.right - 3, y)], dash, gap, width=width)

            return draw

        def ring(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            clip = s.get_clip()
            s.set_clip(r.clip(clip))
            pygame.draw.circle(s, pal["prc"], (r.left + 4, r.bottom + r.height), r.height * 1.6, 2)
            s.set_clip(clip)

        def bar(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            back = pygame.Rect(0, 0, r.width - 10, max(4, round(4 * z)))
            back.center = r.center
            pygame.draw.rect(s, pal["bar_back"], back)
            inner = back.inflate(-2, -2)
            inner.width = round(inner.width * 0.45)
            pygame.draw.rect(s, pal["bar_mid"], inner)

        def burst(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            frames = symbols.burst_frames(
                round(5 * z), pal["burst"], pal["burst_core"], pal["smoke"]
            )
            _blit(s, frames[1], r)

        def crater(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            for dx, dy in ((-6, -2), (0, 3), (5, -3), (8, 2), (-3, 4)):
                pygame.draw.circle(
                    s, pal["crater"], (r.centerx + dx * z, r.centery + dy * z), 2 * z
                )

        def plan(kind: str, number: int) -> Icon:
            def draw(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
                px = [(r.left + 3, r.centery), (r.right - 3, r.centery)]
                stroke_plan(s, kind, px, number, z)

            return draw

        def dot(s: pygame.Surface, r: pygame.Rect, pal: dict[str, Any]) -> None:
            pygame.draw.circle(s, pal["halo"], r.center, 3.5 * self.app.scale)
            pygame.draw.circle(s, pal["dot"], r.center, 2.5 * self.app.scale)

        return [
            (
                "legend.sides",
                [
                    (battery("prc"), "legend.prc_battery"),
                    (battery("roc"), "legend.roc_battery"),
                    (battery("prc", hollow=True), "legend.waiting"),
                    (battery(self.enemy(), text="?"), "legend.unknown"),
                    (battery("roc", text="12/20"), "legend.damaged"),
                ],
            ),
            ("legend.targets", [(target(k), f"target.{k}") for k in TARGET_KINDS]),
            (
                "legend.ships",
                [(hull(r), f"legend.ship_{r}") for r in SHIP_ROLES]
                + [(hull("carrier", us=True), "legend.ship_us"), (plane, "legend.aircraft")],
            ),
            (
                "legend.lines",
                [
                    (ring, "legend.range"),
                    (dashed("territorial_3", 5.0, 4.0, 2), "legend.nm3"),
                    (dashed("territorial_12", 9.0, 5.0, 2), "legend.nm12"),
                    (dashed("lane", 7.0, 5.0, 2), "legend.lane"),
                    (bar, "legend.bar"),
                    (burst, "legend.burst"),
                    (crater, "legend.crater"),
                    (dot, "legend.place"),
                ],
            ),
            (
                "legend.plans",
                [
                    (plan("fire", 1), "legend.plan_fire"),
                    (plan("convoy", 2), "legend.plan_convoy"),
                    (plan("airlift", 3), "legend.plan_airlift"),
                    (plan("patrol", 4), "legend.plan_patrol"),
                    (plan("recon", 5), "legend.plan_recon"),
                    (plan("naval", 6), "legend.plan_naval"),
                    (plan("fire", 0), "legend.plan_open"),
                ],
            ),
        ]

    # -- widgets and events -----------------------------------------------------------------------

    def build(self) -> None:
        w, h = self.app.size
        m = self.s(24)
        self.box = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        self.b_close = button(
            self,
            (
                self.box.right - self.s(16) - self.s(140),
                self.box.bottom - self.s(52),
                self.s(140),
                self.s(40),
            ),
            "cyclo.close",
        )
        self.area = pygame.Rect(
            self.box.left + self.s(16), self.box.top + self.s(52),
            self.box.width - self.s(32), self.box.height - self.s(52) - self.s(60),
        )  # fmt: skip

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.b_close:
            return self.back
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_F2, pygame.K_RETURN):
                return self.back
            if event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
                self.scroll_by(self.s(60))
            if event.key in (pygame.K_UP, pygame.K_PAGEUP):
                self.scroll_by(-self.s(60))
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.s(40))
        return self

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.scroll + dy, max(0, self.content_h - self.area.height)))

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        self.back.draw(surface)
        shade(surface, alpha=150)
        panel(surface, self.box, colour=(24, 30, 26))
        surface.blit(
            rendered(self.app.fonts.get(24), self.t("legend.title"), GOLD),
            (self.box.left + self.s(16), self.box.top + self.s(12)),
        )
        pal = get_palette(self.app.settings.palette)
        area = self.area
        clip = surface.get_clip()
        surface.set_clip(area)
        col_w = self.s(280)
        cols = max(1, area.width // col_w)
        col_w = area.width // cols
        icon_w = self.s(56)
        row_h = self.s(28)
        head = self.app.fonts.get(16)
        font = self.app.fonts.get(14)
        col, y = 0, 0
        tallest = 0
        sections = self.sections()
        own_columns = cols >= len(sections)  # room for one column a section
        for i, (key, items) in enumerate(sections):
            ground = pal["land"] if key in ("legend.sides", "legend.targets") else pal["sea"]
            need = head.get_linesize() + self.s(6) + len(items) * row_h
            overflow = y and y + need > area.height and col + 1 < cols
            if (i and own_columns) or overflow:
                col, y = col + 1, 0
            x = area.left + col * col_w
            surface.blit(rendered(head, self.t(key), GOLD), (x, area.top + y - self.scroll))
            y += head.get_linesize() + self.s(6)
            for icon, words in items:
                top = area.top + y - self.scroll
                cell = pygame.Rect(x, top, icon_w, row_h - self.s(4))
                pygame.draw.rect(surface, ground, cell)
                icon(surface, cell, pal)
                lines = lines_of(font, self.t(words), col_w - icon_w - self.s(14))
                ty = cell.centery - len(lines) * font.get_linesize() // 2
                for ln in lines:
                    surface.blit(rendered(font, ln, INK), (x + icon_w + self.s(8), ty))
                    ty += font.get_linesize()
                y += max(row_h, len(lines) * font.get_linesize() + self.s(4))
            y += self.s(10)
            tallest = max(tallest, y)
        self.content_h = tallest
        surface.set_clip(clip)
        if self.content_h > area.height:  # more below: a thin scroll indicator, as in lists
            frac = area.height / self.content_h
            top = area.top + int(area.height * self.scroll / self.content_h)
            bar = (area.right - 5, top, 3, max(12, int(area.height * frac)))
            pygame.draw.rect(surface, GOLD, bar)


__all__ = ["LegendScreen"]
