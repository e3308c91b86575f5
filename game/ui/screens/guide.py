"""The first-day guide: what the viewing side should do first and why, over the game screen.

The words are `game.history.guide.guide(sc, side)`, generated from the scenario's data. The
game screen shows it on the first morning of a game for each human side (`Settings.guide`
switches it off; the "Don't show again" button does so and saves the settings).
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from game.history.encyclopedia import fact_text
from game.history.guide import guide
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.settings import Settings
from game.ui.widgets import GOLD, INK, Line, ScrollText, panel, rendered, shade
from game.words.strings import words


class GuideScreen(Screen):
    def __init__(self, app: Any, back: Screen, sc: Any, side: str) -> None:
        super().__init__(app)
        self.back = back
        self.sc = sc
        self.side = side
        self.text = ScrollText()

    def build(self) -> None:
        w, h = self.app.size
        pw = min(w - self.s(40), self.s(760))
        ph = min(h - self.s(40), self.s(600))
        self.box = pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)
        by = self.box.bottom - self.s(56)
        bw = min(self.s(240), (pw - self.s(48)) // 2)
        self.b_never = button(
            self, (self.box.left + self.s(16), by, bw, self.s(40)), "guide.dont_show",
            "guide.dont_show_tip",
        )  # fmt: skip
        self.b_ok = button(
            self, (self.box.right - self.s(16) - bw, by, bw, self.s(40)), "guide.ok",
            "guide.ok_tip", cls="@primary",
        )  # fmt: skip
        self.text_rect = pygame.Rect(
            self.box.left + self.s(20), self.box.top + self.s(56),
            pw - self.s(40), by - self.s(12) - (self.box.top + self.s(56)),
        )  # fmt: skip
        w_ = words(self.app.settings.lang)
        self.text.lines = [
            Line("• " + fact_text(f, w_, self.sc), INK, 15, gap_before=6)
            for f in guide(self.sc, self.side)
        ]

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_ok:
                return self.back
            if event.ui_element is self.b_never:
                self.app.apply_settings(Settings(**{**vars(self.app.settings), "guide": False}))
                return self.back
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            return self.back
        self.text.handle_event(event)
        return self

    def draw(self, surface: pygame.Surface) -> None:
        self.back.draw(surface)
        shade(surface, alpha=150)
        panel(surface, self.box, colour=(24, 30, 26))
        title = self.t("guide.title", side=self.t(f"side.{self.side}"))
        surface.blit(
            rendered(self.app.fonts.get(24), title, GOLD),
            (self.box.left + self.s(20), self.box.top + self.s(14)),
        )
        self.text.draw(surface, self.text_rect, self.app.fonts)


__all__ = ["GuideScreen"]
