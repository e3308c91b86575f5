"""The New game screen: which scenario, who plays, how hard, which seed.

The scenario list is the window's catalogue (`App.scenario_list`, built by
`game.scenario.modfolder`): the shipped scenarios, the example mods, then every scenario of the
mods folders, each with its state (ok, N warnings, error). A modder keeps this screen open while
editing: F5 (or the Reload button) reads the mods folders again and checks every file anew. A
broken mod stays in the list with its first problems, at their file and line, and cannot be
started; nothing a mod holds can stop the screen from drawing.

The list opens as a `Chooser` over the window (not a drop-down: with a dozen mods a drop-down
ran off the bottom of a small window), one row a scenario with its state in words.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.history.encyclopedia import fact_text
from game.history.guide import objectives
from game.safeio import terminal_safe
from game.scenario.modfolder import ModEntry
from game.ui.chooser import Chooser
from game.ui.screens.base import Go, Screen, open_encyclopedia
from game.ui.screens.common import BACKDROP, button, dropdown, dropdown_id, label
from game.ui.session import LEVELS, Mode, Session
from game.ui.text import ellipsize
from game.ui.theme import BASE_FONT, item_height
from game.ui.widgets import DIM, GOLD, INK, Line, ScrollText, panel, rendered, wrapped
from game.words.strings import words

#: problems shown under a scenario that has them (the rest are counted)
SHOWN_PROBLEMS = 4
ERROR_RED = (255, 154, 128)
WARNING_AMBER = (240, 200, 110)


class NewGame(Screen):
    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.path: Path = app.default_scenario_path()
        self.mode = Mode("ai", "roc", "normal")
        self.seed = random.randrange(1, 1_000_000)  # the UI picks the seed; the engine never
        self.error = ""
        self.chooser: Chooser | None = None
        #: the chosen scenario's description and how each side wins, scrolled with the wheel
        self.about = ScrollText()

    # -- the list ---------------------------------------------------------------------------

    def entries(self) -> list[ModEntry]:
        """The catalogue, with the scenario given by `--scenario` (or chosen before) first
        when it is not one of the folders' files."""
        entries = list(self.app.scenario_list())
        known = {_key(e.path) for e in entries}
        for path in (self.app.scenario_path, self.path):
            if path is not None and _key(path) not in known:
                sc, problems = self.app.check_scenario(path)
                entries.insert(0, ModEntry(path, "file", sc, tuple(problems)))
                known.add(_key(path))
        return entries

    def selected(self) -> ModEntry | None:
        key = _key(self.path)
        return next((e for e in self.items if _key(e.path) == key), None)

    def row(self, entry: ModEntry) -> str:
        """A list row: the title in the player's language, where it comes from, its state."""
        sc = entry.scenario
        title = self.app.loc.text(sc.meta.title) if sc is not None else entry.name
        first = entry.first_error
        if first is not None:
            # a broken file has no title to show: where its first error is, and what it says
            title = terminal_safe(f"{entry.name}:{first.line}:{first.col}")
        parts = [title]
        if entry.origin in ("example", "mods"):
            parts.append(self.t(f"new.origin_{entry.origin}"))
        if entry.origin != "shipped" or entry.state != "ok":
            parts.append(self.state_text(entry))
        return "  ·  ".join(parts)

    def state_text(self, entry: ModEntry) -> str:
        first = entry.first_error
        if first is not None:
            return self.t("new.state_error_msg", message=terminal_safe(first.message))
        if entry.state == "error":
            return self.t("new.state_error")
        n = len(entry.warnings)
        if n:
            return self.t("new.state_warning_one" if n == 1 else "new.state_warnings", n=n)
        return self.t("new.state_ok")

    # -- widgets ----------------------------------------------------------------------------

    def build(self) -> None:
        self.chooser = None
        self.items = self.entries()
        if self.selected() is None and self.items:
            self.path = self.items[0].path
        w, h = self.app.size
        pw = min(w - self.s(40), self.s(760))
        x0 = (w - pw) // 2
        y = self.s(80)
        row = self.s(36)
        lw = self.s(200)
        self.box = pygame.Rect(x0 - self.s(20), y - self.s(60), pw + self.s(40), 0)
        label(self, (x0, y, lw, row), self.t("new.scenario"))
        rw = self.s(150)
        self.b_scenario = self.scenario_button(
            pygame.Rect(x0 + lw, y, pw - lw - rw - self.s(8), row)
        )
        self.b_reload = button(self, (x0 + pw - rw, y, rw, row), "new.reload", "new.reload_tip")
        y += row + self.s(10)
        label(self, (x0, y, lw, row), self.t("new.mode"))
        self.mode_buttons: dict[tuple[str, str], Any] = {}
        choices = [("ai", "prc"), ("ai", "roc"), ("hotseat", ""), ("watch", "")]
        bw = (pw - lw - self.s(8) * 3) // 4
        for i, (kind, side) in enumerate(choices):
            key = f"new.play_{side}" if kind == "ai" else f"new.{kind}"
            sel = self.mode.kind == kind and (kind != "ai" or self.mode.human == side)
            b = button(
                self,
                (x0 + lw + i * (bw + self.s(8)), y, bw, row),
                key,
                key + "_tip",
                cls="@tab_on" if sel else None,
            )
            self.mode_buttons[(kind, side)] = b
        y += row + self.s(10)
        label(self, (x0, y, lw, row), self.t("new.level"))
        self.dd_level = dropdown(
            self,
            (x0 + lw, y, self.s(220), row),
            [(self.t(f"level.{lv}"), lv) for lv in LEVELS],
            self.mode.level,
        )
        if self.mode.kind == "hotseat":
            self.dd_level.disable()
        y += row + self.s(10)
        label(self, (x0, y, lw, row), self.t("new.seed"))
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x0 + lw, y, self.s(220), row), self.ui
        )
        self.seed_entry.set_text(str(self.seed))
        self.seed_entry.set_allowed_characters("numbers")
        y += row + self.s(16)
        by = h - self.s(70)
        foot = self.app.fonts.get(13).get_linesize() * 2 + self.s(8)
        self.desc_rect = pygame.Rect(x0, y, pw, max(0, by - y - foot - self.s(6)))
        self.foot_rect = pygame.Rect(x0, by - foot, pw, foot)
        self.b_back = button(self, (x0, by, self.s(160), self.s(44)), "common.back")
        self.b_start = button(
            self,
            (x0 + pw - self.s(220), by, self.s(220), self.s(44)),
            "new.start",
            "new.start_tip",
            cls="@primary",
        )
        # how each side wins, in the encyclopedia (all of it, when the window leaves no room
        # for the objectives under the description)
        gw = min(self.s(260), pw - self.s(400))
        self.b_goals = button(
            self, ((x0 + self.s(160) + x0 + pw - self.s(220) - gw) // 2, by, gw, self.s(44)),
            "goals.title", "cyclo.open_tip",
        )  # fmt: skip
        entry = self.selected()
        if entry is None or entry.scenario is None:
            self.b_goals.disable()
        if entry is None or not entry.playable:
            self.b_start.disable()
            self.b_start.set_tooltip(self.t("new.start_blocked"))
        self.box.height = by + self.s(64) - self.box.top

    def scenario_button(self, rect: pygame.Rect) -> Any:
        """The chosen scenario, cut with "…" to the button (the whole row in its tooltip),
        which opens the list."""
        entry = self.selected()
        text = self.row(entry) if entry is not None else "-"
        font = self.app.fonts.get(BASE_FONT)
        arrow = " ▼"
        shown = ellipsize(font, text, rect.width - self.s(14) - font.size(arrow)[0])
        return pygame_gui.elements.UIButton(
            rect,
            shown + arrow,
            self.ui,
            tool_tip_text=text if shown != text else None,
            object_id=pygame_gui.core.ObjectID(class_id="@choice"),
        )

    def open_list(self) -> None:
        self.close_list()
        options = [(self.row(e), f"#{i}") for i, e in enumerate(self.items)]
        current = next((f"#{i}" for i, e in enumerate(self.items) if e is self.selected()), "")
        self.chooser = Chooser(
            self.ui,
            "scenario",
            self.b_scenario.rect,
            options,
            current,
            item_height(self.app.scale),
            self.app.fonts.get(BASE_FONT),
        )

    def close_list(self) -> bool:
        if self.chooser is None:
            return False
        self.chooser.close()
        self.chooser = None
        return True

    def choose(self, index: int) -> None:
        self.path = self.items[index].path
        self.error = ""
        self.app.rebuild()

    def reload(self) -> Screen | Go:
        """F5: read the mods folders again and check every file anew, keeping the chosen
        scenario when it is still there."""
        self.app.rescan_mods()
        self.error = ""
        self.app.rebuild()
        return self

    def disk_changed(self, paths: list[Path]) -> None:
        """`--watch` saw files change: the list is read again at once (the window has
        already dropped its catalogue), as F5 would."""
        self.error = ""
        self.app.rebuild()

    # -- events -----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.chooser is not None:
            picked = self.chooser.chosen(event)
            if picked is not None:
                self.close_list()
                self.choose(int(picked[1:]))
                return self
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.close_list()
                return self
            if event.type == pygame.MOUSEBUTTONDOWN and not self.chooser.rect.collidepoint(
                event.pos
            ):
                self.close_list()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_back:
                return Go("main_menu")
            if event.ui_element is self.b_start:
                return self.start()
            if event.ui_element is self.b_scenario:
                self.open_list()
                return self
            if event.ui_element is self.b_reload:
                return self.reload()
            if event.ui_element is self.b_goals:
                return self.goals()
            for (kind, side), b in self.mode_buttons.items():
                if event.ui_element is b:
                    self.mode.kind = kind
                    if side:
                        self.mode.human = side
                    self.app.rebuild()
                    return self
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.dd_level:
            self.mode.level = dropdown_id(self.dd_level)
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            txt = self.seed_entry.get_text()
            self.seed = int(txt) if txt.isdigit() else 1
        if event.type == pygame.MOUSEWHEEL:
            self.about.handle_event(event)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return Go("main_menu")
            if event.key == pygame.K_F5:
                return self.reload()
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.start()
        return self

    def goals(self) -> Screen | Go:
        """The encyclopedia at the chosen scenario's first ending (its chapter lists them all)."""
        entry = self.selected()
        if entry is None or entry.scenario is None:
            return self
        sc = entry.scenario
        return open_encyclopedia(self, sc, f"ending.{sc.victory.endings[0].id}")

    def start(self) -> Screen | Go:
        entry = self.selected()
        if entry is None or entry.scenario is None or not entry.playable:
            self.error = "\n".join(str(p) for p in (entry.errors if entry else [])[:1])
            return self
        mode = Mode(self.mode.kind, self.mode.human, self.mode.level)
        return Go("game", session=Session.new(entry.scenario, mode, self.seed))

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        panel(surface, self.box, colour=(24, 30, 26))
        f = self.app.fonts.get(24)
        surface.blit(
            rendered(f, self.t("menu.new_game"), GOLD),
            (self.box.left + self.s(20), self.box.top + self.s(14)),
        )
        self.draw_footer(surface)
        entry = self.selected()
        if entry is None:
            return
        if not entry.playable:
            self.draw_problems(surface, entry, self.desc_rect)
            return
        sc = entry.scenario
        assert sc is not None
        loc = self.app.loc
        head = f"{loc.text(sc.meta.title)}  ({sc.meta.start} – {sc.meta.end})"
        r = self.desc_rect.copy()
        used = wrapped(surface, self.app.fonts.get(18), head, r, GOLD)
        r.top += used + self.s(6)
        r.height -= used + self.s(6)
        if entry.warnings:
            # the warnings first: a modder reloading after an edit looks for them
            used = self.draw_problems(surface, entry, r, limit=2)
            r.top += used + self.s(6)
            r.height -= used + self.s(6)
        mode_key = {
            "ai": f"new.mode_ai_{self.mode.human}",
            "hotseat": "new.mode_hotseat",
            "watch": "new.mode_watch",
        }[self.mode.kind]
        lines = [
            Line(loc.text(sc.meta.description), INK, 15),
            Line(self.t(mode_key, level=self.t(f"level.{self.mode.level}")), DIM, 15, gap_before=6),
            *self.objective_lines(sc),
        ]
        if [ln.text for ln in lines] != [ln.text for ln in self.about.lines]:
            self.about.lines, self.about.scroll = lines, 0
        if r.height >= self.app.fonts.get(15).get_linesize():  # else: the button shows it all
            self.about.draw(surface, r, self.app.fonts)

    def objective_lines(self, sc: Any) -> list[Line]:
        """How each side wins, from the scenario's endings and roles (a mod shows its own)."""
        w = words(self.app.settings.lang)
        out = [Line(self.t("goals.title"), GOLD, 16, gap_before=12)]
        for head, endings in objectives(sc):
            out.append(Line(fact_text(head, w, sc), INK, 15, gap_before=6))
            out += [Line("• " + fact_text(f, w, sc), DIM, 13, indent=12) for f in endings]
        return out

    def draw_problems(
        self, surface: pygame.Surface, entry: ModEntry, rect: pygame.Rect, limit: int = 0
    ) -> int:
        """The entry's problems at their file and line, errors first; the height used."""
        errors, warnings = entry.errors, entry.warnings
        if errors:
            head, shown, colour = self.t("new.invalid"), errors, ERROR_RED
        else:
            n = len(warnings)
            key = "new.warnings_head_one" if n == 1 else "new.warnings_head"
            head, shown, colour = self.t(key, n=n), warnings, WARNING_AMBER
        limit = limit or SHOWN_PROBLEMS
        lines = [head, *(str(p) for p in shown[:limit])]
        if len(shown) > limit:
            lines.append(self.t("new.more_problems", n=len(shown) - limit))
        if entry.origin == "mods" and errors:
            lines.append(self.t("new.fix_then_reload"))
        return wrapped(surface, self.app.fonts.get(13), "\n".join(lines), rect, colour)

    def draw_footer(self, surface: pygame.Surface) -> None:
        """Where the mods folders are, and the key that reads them again."""
        folders = "; ".join(str(p) for p in self.app.mods_dirs)
        text = self.t("new.mods_folder", path=folders)
        if self.error:
            text = self.error
        wrapped(surface, self.app.fonts.get(13), text, self.foot_rect, DIM)


def _key(path: Path) -> str:
    """A path compared as the loader caches it (resolved), or as given when it cannot be."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError, ValueError):
        return str(path)
