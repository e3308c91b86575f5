"""F5 in a game: read the scenario's file again and say what came of it (`game.ui.reload`).

Over the shaded game, one panel:
- the file no longer validates: its errors at FILE:LINE:COL, and one button back to the game,
  which goes on with the version it was started with;
- the file validates and differs: what changed, and three buttons: go on from today with the
  new version (`game.history.carry`: today's state under the new rules, its changed starting
  numbers applied), start again from day 1 with the new version (same players and seed), or go
  on with this game and its old version. Going on from today is offered only when today's
  state fits the new version; otherwise the button is disabled, and the panel and its tooltip
  say why in the player's words.

Nothing changes the game in progress without the player's choice: a game's saves carry the
scenario it is played with (a game gone on from today carries the new one, and its save goes
on from its stored state when its earlier orders no longer replay under the new rules). A file
read unchanged (or with no file to read) only puts a note on the game screen.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pygame
import pygame_gui

from game.engine.report import Msg
from game.history.carry import carry_over, carry_problem
from game.ui.reload import Change, Reloaded, shown
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.session import Mode, Session
from game.ui.widgets import GOLD, INK, fitted, panel, rendered, shade, wrapped
from game.words.render import render

#: errors listed in the panel (the rest are counted; `validate` lists them all)
SHOWN_ERRORS = 8
ERROR_RED = (255, 154, 128)


def reload_screen(app: Any, game_screen: Any) -> Screen | Go:
    """What F5 opens: the panel, or the game screen again with a note."""
    outcome = app.reload_scenario(game_screen.sc)
    if outcome.kind == "missing":
        game_screen.note = game_screen.t("reload.no_file")
        return game_screen
    if outcome.kind == "same":
        game_screen.note = game_screen.t("reload.same", file=_file(outcome))
        return game_screen
    return ReloadScreen(app, game_screen, outcome)


def _file(outcome: Reloaded) -> str:
    return str(outcome.path) if outcome.path is not None else "-"


def change_line(scr: Screen, change: Change) -> str:
    """One change as a line: where, then the old and new values (or added / removed)."""
    if change.kind == "added":
        return scr.t("reload.added", where=change.where(), value=shown(change.after))
    if change.kind == "removed":
        return scr.t("reload.removed", where=change.where(), value=shown(change.before))
    return scr.t(
        "reload.changed_value",
        where=change.where(),
        before=shown(change.before),
        after=shown(change.after),
    )


class ReloadScreen(Screen):
    def __init__(self, app: Any, game_screen: Any, outcome: Reloaded) -> None:
        super().__init__(app)
        self.game_screen = game_screen
        self.outcome = outcome
        #: a broken file has only the back button; a changed one go on, restart and continue
        self.b_back: Any = None
        self.b_go_on: Any = None
        self.b_restart: Any = None
        self.b_continue: Any = None
        #: why the game cannot go on from today with the new version (None: it can)
        self.misfit: Msg | None = None
        if outcome.scenario is not None and not self.broken:
            self.misfit = carry_problem(game_screen.session.game, outcome.scenario)

    def why_not(self) -> str:
        """Why going on from today is refused, in the player's words (names, not ids: the
        removed things are named as the running version has them)."""
        assert self.misfit is not None
        why = render(self.misfit, self.app.loc.lang, self.game_screen.session.sc)
        return self.t("reload.go_on_no", why=why)

    @property
    def broken(self) -> bool:
        return self.outcome.kind == "errors"

    def lines(self) -> list[str]:
        """The panel's text below its title."""
        o = self.outcome
        if self.broken:
            errors = o.errors or list(o.problems)
            out = [str(p) for p in errors[:SHOWN_ERRORS]]
            if len(errors) > SHOWN_ERRORS:
                out.append(self.t("reload.more_errors", n=len(errors) - SHOWN_ERRORS))
            return [*out, "", self.t("reload.kept_old")]
        out = [change_line(self, c) for c in o.changes]
        if o.more:
            out.append(self.t("reload.more_changes", n=o.more))
        if o.warnings:
            out.append(self.t("reload.warnings", n=len(o.warnings)))
        out = [*out, "", self.t("reload.choose")]
        return [*out, "", self.why_not()] if self.misfit is not None else out

    def build(self) -> None:
        w, h = self.app.size
        pw = min(w - self.s(40), self.s(820))
        self.box = pygame.Rect((w - pw) // 2, self.s(40), pw, h - self.s(80))
        bh, pad = self.s(44), self.s(20)
        by = self.box.bottom - bh - pad
        inner = pw - 2 * pad
        if self.broken:
            self.b_back = button(
                self,
                (self.box.left + pad, by, inner, bh),
                "reload.back",
                "reload.back_tip",
                cls="@primary",
            )
            self.b_restart = self.b_continue = self.b_go_on = None
        else:
            # two rows: going on from today above, restart | continue with the old version below
            half, row = (inner - self.s(10)) // 2, by
            by -= bh + self.s(10)
            self.b_go_on = button(self, (self.box.left + pad, by, inner, bh), "reload.go_on")
            self.b_go_on.set_tooltip(
                self.why_not() if self.misfit is not None else self.t("reload.go_on_tip")
            )
            if self.misfit is not None:
                self.b_go_on.disable()
            self.b_restart = button(
                self,
                (self.box.left + pad, row, half, bh),
                "reload.restart",
                "reload.restart_tip",
                cls="@primary",
            )
            self.b_continue = button(
                self,
                (self.box.left + pad + half + self.s(10), row, half, bh),
                "reload.continue",
                "reload.continue_tip",
            )
            self.b_back = None
        self.text_rect = pygame.Rect(
            self.box.left + pad, self.box.top + self.s(60), inner, by - self.box.top - self.s(70)
        )

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.keep_old()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.keep_old() if self.broken else self.restart()
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return self
        if event.ui_element is self.b_restart and self.b_restart is not None:
            return self.restart()
        if event.ui_element is self.b_go_on and self.b_go_on is not None:
            return self.go_on() if self.misfit is None else self
        if event.ui_element in (self.b_back, self.b_continue):
            return self.keep_old()
        return self

    def keep_old(self) -> Screen | Go:
        """Back to the game as it was: its scenario, state and planned orders untouched."""
        self.game_screen.note = self.t(
            "reload.kept_old_note" if self.broken else "reload.continued_note"
        )
        return self.game_screen

    def restart(self) -> Screen | Go:
        """A new game of the new version: the same players, level and seed, from day 1."""
        sc = self.outcome.scenario
        assert sc is not None, "restart offered only for a scenario that validates"
        old = self.game_screen.session
        mode = Mode(old.mode.kind, old.mode.human, old.mode.level)
        session = Session.new(sc, mode, old.game.seed)
        return Go("game", session=session, note=self.t("reload.restarted"))

    def go_on(self) -> Screen | Go:
        """This game, from today, under the new version: the same players, level and seed,
        today's orders planned afresh (the new version may refuse them)."""
        sc = self.outcome.scenario
        assert sc is not None and self.misfit is None, "offered only when today's state fits"
        old = self.game_screen.session
        game = carry_over(old.game, sc)
        session = dataclasses.replace(
            old,
            sc=sc,
            game=game,
            planned={side: [] for side in old.planned},
            done=set(),
            notes=[],
            _observed={},
            _enemy=None,
        )
        return Go("game", session=session, note=self.t("reload.went_on"))

    def draw(self, surface: pygame.Surface) -> None:
        self.game_screen.draw(surface)
        shade(surface, alpha=200)
        panel(surface, self.box, colour=(24, 30, 26))
        title = "reload.title_errors" if self.broken else "reload.title_changed"
        f = self.app.fonts.get(22)
        text = fitted(f, self.t(title, file=_file(self.outcome)), self.box.width - self.s(40))
        head = rendered(f, text, GOLD)
        surface.blit(head, (self.box.left + self.s(20), self.box.top + self.s(18)))
        colour = ERROR_RED if self.broken else INK
        wrapped(surface, self.app.fonts.get(14), "\n".join(self.lines()), self.text_rect, colour)
