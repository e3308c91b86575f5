"""The screen router: builds the screen that a `Go` names.

Screens ask for screens of other modules by name (`Go("pause", game_screen=self)`); this is the
one module that knows every screen class, and the window (`game.ui.app.App`) asks it whenever a
screen hands over a `Go`. The sequence that follows a resolved turn (reports, event pop-ups,
hot-seat pass screens, the next day's game screen) is put together here too, since it strings
screens of three modules together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.report import Report
from game.ui.screens.base import Go, Screen
from game.ui.screens.encyclopedia import EncyclopediaScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.guide import GuideScreen
from game.ui.screens.legend import LegendScreen
from game.ui.screens.menus import MainMenu, PassScreen, PauseMenu
from game.ui.screens.reload import reload_screen
from game.ui.screens.replay import ReplayScreen
from game.ui.screens.report import ReportScreen, final_screen
from game.ui.session import Session


def after_turn(app: Any, session: Session, report: Report) -> Screen:
    """The screens that follow a resolved turn, for every human side (hot-seat: both)."""
    sides = list(session.mode.human_sides()) or ["roc"]

    def chain(i: int) -> Screen:
        if i >= len(sides):
            nxt = GameScreen(app, session)
            if session.mode.kind == "hotseat":
                return PassScreen(app, nxt, session.side)
            return nxt
        rep = ReportScreen(app, session, report, sides[i], lambda: chain(i + 1))
        if session.mode.kind == "hotseat":
            return PassScreen(app, rep, sides[i])
        return rep

    return chain(0)


def final(app: Any, session: Session) -> Screen:
    """The last day's report, then the end screen (who won, why, the score, the charts)."""
    rep = final_screen(app, session)
    if isinstance(rep, ReportScreen):
        rep.then = lambda: EndScreen(app, session)
    return rep


#: every name a `Go` may carry, and what builds it from the app and the request's arguments
ROUTES: dict[str, Callable[..., Screen | Go]] = {
    "main_menu": MainMenu,
    "game": GameScreen.begin,
    "pause": PauseMenu,
    "pass": PassScreen,
    "after_turn": after_turn,
    "final": final,
    "replay": ReplayScreen,
    "end": EndScreen,
    "encyclopedia": EncyclopediaScreen,
    "legend": LegendScreen,
    "guide": GuideScreen,
    "reload": reload_screen,
}


def route(app: Any, nxt: Screen | Go) -> Screen:
    """`nxt` itself when it is a screen, else the screen it names (a route may name another,
    as a hot-seat game opens behind its pass screen)."""
    while isinstance(nxt, Go):
        nxt = ROUTES[nxt.name](app, **nxt.args)
    return nxt
