"""The encyclopedia window: every article of the scenario (`game.history.encyclopedia`), by
chapter and searchable, with each article's source quotes or assumptions.

It opens over another screen and returns to it (Esc or Close), from the game screen (F1 or
its button; F1 over a map symbol opens that thing's article: "Why?") and from any screen that
asks for `base.open_encyclopedia(back, sc, entry_id, obs)`. Given the viewing side's
observation, it lists what that side may know (an enemy battery not yet arrived is left out).
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from game.engine.observe import Observation
from game.history.encyclopedia import CATEGORIES, Article, articles, find, shown
from game.scenario.model import Scenario
from game.ui.chooser import Chooser
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.text import ellipsize
from game.ui.theme import BASE_FONT, item_height
from game.ui.widgets import DIM, GOLD, INK, Line, ScrollText, gui_items, panel, rendered, shade

#: the colour of a source's Chinese sentence and of an assumption
QUOTE = (214, 206, 176)
ASSUMED = (240, 200, 110)


class EncyclopediaScreen(Screen):
    def __init__(
        self,
        app: Any,
        back: Screen,
        sc: Scenario,
        entry_id: str | None = None,
        obs: Observation | None = None,
    ) -> None:
        super().__init__(app)
        self.back = back
        self.sc = sc
        self.all: tuple[Article, ...] = articles(sc, obs)
        self.category = ""
        self.query = ""
        first = find(sc, entry_id, obs) if entry_id else None
        self.current: Article | None = first or (self.all[0] if self.all else None)
        if first is not None:
            self.category = first.category
        self.text = ScrollText()
        self.chooser: Chooser | None = None

    # -- what is listed ---------------------------------------------------------------------------

    def listed(self) -> list[Article]:
        """The articles of the chosen chapter whose title or lines hold the search words."""
        lang = self.app.settings.lang
        words = self.query.casefold().split()
        out = []
        for a in self.all:
            if self.category and a.category != self.category:
                continue
            if words:
                s = shown(a, lang, self.sc)
                hay = " ".join((s.title, *s.lines)).casefold()
                if not all(wd in hay for wd in words):
                    continue
            out.append(a)
        return out

    def chapter_name(self, cat: str) -> str:
        return self.t(f"cyclo.cat_{cat}") if cat else self.t("cyclo.all")

    # -- widgets ----------------------------------------------------------------------------------

    def build(self) -> None:
        self.chooser = None
        w, h = self.app.size
        m = self.s(16)
        self.box = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        x0, y = self.box.left + m, self.box.top + self.s(56)
        lw = min(self.s(340), int(self.box.width * 0.38))
        row = self.s(32)
        self.search = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x0, y, lw, row), self.ui, placeholder_text=self.t("cyclo.search")
        )
        self.search.set_tooltip(self.t("cyclo.search_tip"))
        if self.query:
            self.search.set_text(self.query)
        y += row + self.s(6)
        font = self.app.fonts.get(BASE_FONT)
        name = self.chapter_name(self.category)
        self.b_chapter = pygame_gui.elements.UIButton(
            pygame.Rect(x0, y, lw, row),
            ellipsize(font, name, lw - self.s(30)) + " ▼",
            self.ui,
            object_id=pygame_gui.core.ObjectID(class_id="@choice"),
        )
        y += row + self.s(6)
        bottom = self.box.bottom - m
        self.b_close = button(
            self, (self.box.right - m - self.s(160), bottom - self.s(40), self.s(160), self.s(40)),
            "cyclo.close",
        )  # fmt: skip
        self.rows = self.listed()
        items = [
            (ellipsize(font, self.title_of(a), lw - self.s(40)), f"#{i}")
            for i, a in enumerate(self.rows)
        ]
        chosen = next((f"#{i}" for i, a in enumerate(self.rows) if a is self.current), None)
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x0, y, lw, bottom - y),
            gui_items(items),
            self.ui,
            default_selection=next((it for it in items if it[1] == chosen), None),
        )
        self.article_rect = pygame.Rect(
            x0 + lw + m, self.box.top + self.s(56), self.box.right - m - (x0 + lw + m),
            bottom - self.s(48) - (self.box.top + self.s(56)),
        )  # fmt: skip
        self.fill_text()

    def title_of(self, a: Article) -> str:
        return shown(a, self.app.settings.lang, self.sc).title

    def fill_text(self) -> None:
        """The current article as lines: title, chapter, facts, then sources or assumptions."""
        self.text.scroll = 0
        a = self.current
        if a is None:
            self.text.lines = [Line(self.t("cyclo.none_found"), DIM)]
            return
        s = shown(a, self.app.settings.lang, self.sc)
        lines = [Line(s.title, GOLD, 22), Line(s.chapter, DIM, 13)]
        lines += [Line(t, INK, 15, gap_before=4) for t in s.lines]
        if s.quotes:
            lines.append(Line(self.t("cyclo.source"), GOLD, 15, gap_before=14))
            english = self.app.settings.lang == "en"  # as the event pop-ups: the rendering
            for zh, en in s.quotes:  # only in the English interface
                lines.append(Line(f"「{zh}」", QUOTE, 15, indent=8, gap_before=6))
                if english:
                    lines.append(Line(self.app.loc.typeset(en), DIM, 13, indent=8))
        if s.assumptions:
            lines.append(Line(self.t("cyclo.assumption"), ASSUMED, 15, gap_before=14))
            lines += [Line(r, DIM, 13, indent=8, gap_before=4) for r in s.assumptions]
        if not s.quotes and not s.assumptions and a.category not in ("orders",):
            lines.append(Line(self.t("cyclo.no_source"), DIM, 13, gap_before=14))
        self.text.lines = lines

    # -- events -----------------------------------------------------------------------------------

    def open_chapters(self) -> None:
        options = [(self.chapter_name(c), f"#{i}") for i, c in enumerate(("", *CATEGORIES))]
        current = f"#{('', *CATEGORIES).index(self.category)}"
        self.chooser = Chooser(
            self.ui, "chapter", self.b_chapter.rect, options, current,
            item_height(self.app.scale), self.app.fonts.get(BASE_FONT),
        )  # fmt: skip

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.chooser is not None:
            picked = self.chooser.chosen(event)
            if picked is not None or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
            ):
                self.chooser.close()
                self.chooser = None
                if picked is not None:
                    self.category = ("", *CATEGORIES)[int(picked[1:])]
                    rows = self.listed()
                    self.current = rows[0] if rows else None
                    self.app.rebuild()
                return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_close:
                return self.back
            if event.ui_element is self.b_chapter:
                self.open_chapters()
                return self
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            picked = self.list.get_single_selection(include_object_id=True)
            if isinstance(picked, tuple):
                self.current = self.rows[int(picked[1][1:])]
                self.fill_text()
            return self
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search:
            self.query = self.search.get_text()
            rows = self.listed()
            if self.current not in rows:
                self.current = rows[0] if rows else None
            self.app.rebuild()
            self.search.focus()
            self.search.edit_position = len(self.query)
            return self
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return self.back
        if self.text.handle_event(event):
            return self
        return self

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((20, 26, 22))
        shade(surface, alpha=120)
        panel(surface, self.box, colour=(24, 30, 26))
        f = self.app.fonts.get(24)
        surface.blit(
            rendered(f, self.t("cyclo.title"), GOLD),
            (self.box.left + self.s(16), self.box.top + self.s(14)),
        )
        self.text.draw(surface, self.article_rect, self.app.fonts)


__all__ = ["EncyclopediaScreen"]
