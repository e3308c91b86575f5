"""Sample screens with content, rendered headless: for `kinmen-1958 screenshot`, the tests and
the frame-time bench.

`build_screen(app, name)` sets up the screen called `name` (one of `SCREENS`) with a sample
game; `render_screen(...)` draws it on SDL's dummy driver and `write_screenshot(...)` saves the
picture. The command line (`game/cli/screenshot.py`) only parses arguments and reports.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pygame

from game.ui.screens.base import Go

#: every screen `build_screen` knows, in the order the help lists them
SCREENS = (
    "menu",
    "new_game",
    "settings",
    "credits",
    "load",
    "strait",
    "kinmen",
    "orders",
    "status",
    "forces",
    "report",
    "event",
    "pass",
    "replay",
    "end",
    "legend",
    "guide",
    "encyclopedia",
)


def demo_session(app: Any, sc: Any, side: str = "roc", turns: int = 0) -> Any:
    """A game against the history player, with `turns` days of history already played."""
    from game.ai.players import make_player
    from game.engine.run import ask_orders
    from game.ui.session import Mode, Session

    session = Session.new(sc, Mode("ai", side, "normal"), seed=1958, opponent="history")
    session.autosaves = False  # a sample: never touch the player's autosaves
    hist = make_player("history")
    for _ in range(turns):
        if session.over:
            break
        session.planned[side] = ask_orders(sc, session.state, side, hist)
        session.resolve()
    return session


def build_screen(app: Any, name: str, side: str = "roc", day: int = 2) -> Any:
    """The screen called `name`, set up with sample content (also used by the tests): a game
    played as `side`, shown on day `day` (1: the first morning; its report is the day before)."""
    if name not in SCREENS:
        raise ValueError(f"unknown screen {name!r}; one of: {', '.join(SCREENS)}")
    from game.ui.screens.game import GameScreen

    if name in ("strait", "kinmen", "orders", "status", "forces"):
        return _game_screen(app, name, GameScreen, side, day)
    if name in ("legend", "guide", "encyclopedia"):
        return _help_screen(app, name, GameScreen, side, day)
    from game.ui.screens.menus import (
        CreditsScreen,
        LoadScreen,
        MainMenu,
        NewGame,
        PassScreen,
        SettingsScreen,
    )
    from game.ui.screens.report import EventPopup, ReportScreen

    menu = MainMenu(app)
    simple = {
        "menu": lambda: menu,
        "new_game": lambda: NewGame(app),
        "settings": lambda: SettingsScreen(app, menu),
        "credits": lambda: CreditsScreen(app, menu),
        "load": lambda: LoadScreen(app, menu),
    }
    if name in simple:
        return simple[name]()
    sc, err = app.try_scenario()
    if sc is None:
        raise ValueError(f"the scenario does not load:\n{err}")
    if name == "pass":
        return PassScreen(app, menu, "prc")
    if name in ("replay", "end"):
        return _history_screen(app, sc, name, side, day)
    session = demo_session(app, sc, side, turns=max(1, day - 1))
    report = session.last_report
    scr = ReportScreen(app, session, report, side, lambda: menu)
    if name == "report":
        return scr
    events = [e for e in sc.events if e.source] or list(sc.events)
    if not events:
        raise ValueError("the scenario has no events")
    app.start(scr)
    app.step(0.05)
    return EventPopup(app, session, events[:1], lambda: menu, scr)


def _history_screen(app: Any, sc: Any, name: str, side: str, day: int) -> Any:
    """The replay on day `day` (its days prepared), or the end screen of a game played by the
    historical record on both sides to its end."""
    if name == "replay":
        from game.ui.screens.replay import ReplayScreen

        replay = ReplayScreen(app, sc, day=day)
        replay.wait()
        return replay
    from game.ui.screens.end import EndScreen

    end = EndScreen(app, demo_session(app, sc, side, turns=sc.days))
    end.wait()
    return end


def _game_screen(app: Any, name: str, game_screen: Any, side: str, day: int) -> Any:
    """The game screen as `side` on day `day` (history played until then), on the map or tab
    `name` (with the orders form open and previewed for "orders")."""
    sc, err = app.try_scenario()
    if sc is None:
        raise ValueError(f"the scenario does not load:\n{err}")
    session = demo_session(app, sc, side, turns=max(0, day - 1))
    scr = game_screen(app, session)
    scr.map_which = "strait" if name == "strait" else "kinmen"
    if name in ("status", "forces"):
        scr.tab = name
    if name == "orders":
        from game.ai.players import make_player
        from game.engine.run import ask_orders

        for o in ask_orders(sc, session.state, side, make_player("history")):
            session.add(o)
        scr.form = _sample_form(session, app.loc)
        scr.compute_preview(wait=True)
    return scr


def _help_screen(app: Any, name: str, game_screen: Any, side: str, day: int) -> Any:
    """The legend, the first-day guide or the encyclopedia (at `side`'s largest battery) over
    the game screen as `side` on day `day`."""
    from game.ui.screens.router import route

    scr = _game_screen(app, "kinmen", game_screen, side, day)
    app.start(scr)
    app.step(0.05)
    if name == "legend":
        return route(app, Go("legend", back=scr))
    if name == "guide":
        return route(app, Go("guide", back=scr, sc=scr.sc, side=side))
    own = max((g for g in scr.sc.artillery if g.side == side), key=lambda g: g.guns, default=None)
    return route(app, scr.open_encyclopedia(f"artillery.{own.id}" if own else None))


def _sample_form(session: Any, loc: Any) -> Any:
    """The first order form a player could give as it opens, filled as a player would have
    filled it: every choice set to the option its button shows (a new fire form has no
    target until its widgets are built, so the docs' screenshot said "not complete")."""
    from game.ui.orderforms import FORMS

    for kind in ("convoy", "fire", "counter"):
        form = FORMS[kind](session, loc)
        form.fit()
        order = form.order()
        if order is not None and session.check(order) is None:
            return form
    form = FORMS["fire"](session, loc)
    form.fit()
    return form


def render_screen(
    name: str,
    size: tuple[int, int],
    lang: str = "en",
    scenario: Path | None = None,
    scale: int = 100,
    side: str = "roc",
    day: int = 2,
    mods: Path | None = None,
) -> Any:
    """Render one screen and return the surface (the app stays open for the caller)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import App
    from game.ui.settings import Settings

    settings = Settings(lang=lang, ui_scale=scale, sound=False).clean()
    app = App(size, settings, persist=False, scenario_path=scenario, mods=mods)
    screen = build_screen(app, name, side, day)
    app.start(screen)
    # a report is shown a second and a half into its animation: shells bursting, ships sailing
    for _ in range(30 if name == "report" else 3):
        app.step(0.05)
    if hasattr(screen, "compute_preview") and getattr(screen, "form", None) is not None:
        screen.compute_preview(wait=True)
    return app.draw()


def write_screenshot(
    name: str,
    out: Path,
    size: tuple[int, int],
    lang: str = "en",
    scenario: Path | None = None,
    scale: int = 100,
    side: str = "roc",
    day: int = 2,
    mods: Path | None = None,
) -> None:
    """Render screen `name` headless and save it as an image at `out` (PNG by its suffix).

    Raises ValueError when the screen cannot be built (a scenario that does not load) and
    OSError when the file cannot be written; the caller decides how to report them.
    """
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    surface = render_screen(name, size, lang, scenario, scale, side, day, mods)
    try:
        pygame.image.save(surface, str(out))
    except pygame.error as exc:  # pygame reports a failed write as its own error type
        raise OSError(str(exc)) from exc


def enter_key() -> Any:
    """An Enter key press, for the bench to read through reports and events."""
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)


class MapDrag:
    """A player dragging the map back and forth, as posted mouse events.

    The frame-time bench (`game/bench/ui.py`) drives the game screen with it, so the bench
    measures what a player feels without importing pygame itself.
    """

    def __init__(self, screen: Any) -> None:
        self.pos = screen.map_rect.center if hasattr(screen, "map_rect") else (400, 360)

    def press(self) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=self.pos))

    def move(self, frame: int) -> None:
        """Frame `frame` of the pan: 3 px a frame, turning round every 60 frames."""
        cx, cy = self.pos
        dx = 3 if (frame // 60) % 2 == 0 else -3
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=(cx + dx, cy), rel=(dx, 0), buttons=(1, 0, 0)
            )
        )

    def release(self) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=self.pos))
