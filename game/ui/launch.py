"""Open the game window and run it until the player quits.

`open_window(...)` is what `kinmen-1958` and `kinmen-1958 play` call (through
`game/cli/play.py`, which parses the arguments and prints the messages). When SDL cannot show a
window it raises `NoDisplay` instead of running unseen: the command line turns that into a
short message and exit status 1.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pygame

from game.ui.app import App
from game.ui.settings import load_settings


class NoDisplay(Exception):
    """No window can be shown here; the message says why."""


def open_window(
    size: tuple[int, int],
    *,
    lang: str | None = None,
    scenario: Path | None = None,
    side: str | None = None,
    ai: str = "normal",
    mods: Path | None = None,
    watch: bool = False,
) -> None:
    """Run the game window: the main menu, or with `side` a new game against the AI at once.
    `mods` is a mods folder listed beside the player's own (`--mods DIR`); `watch` watches the
    scenario files for changes (`--watch`, `game.ui.watch`)."""
    settings = load_settings()
    if lang:
        settings.lang = lang
    try:
        app = App(size, settings, scenario_path=scenario, mods=mods, watch=watch, ai_process=True)
    except pygame.error as exc:
        raise NoDisplay(str(exc)) from exc
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get(
        "SDL_VIDEODRIVER"
    ):
        # SDL fell back to a driver nobody can see: a window would run unseen forever.
        app.quit()
        raise NoDisplay("SDL found no visible display")
    app.settle()
    app.start(_first_screen(app, scenario, side, ai))
    app.run()


def _first_screen(app: Any, scenario: Path | None, side: str | None, ai: str) -> Any:
    from game.ui.screens.game import GameScreen
    from game.ui.screens.menus import MainMenu
    from game.ui.session import Mode, Session

    if side is None:
        return MainMenu(app)
    sc, err = app.try_scenario(scenario)
    if sc is None:
        app.message = err.splitlines()[0] if err else ""
        return MainMenu(app)
    return GameScreen.begin(
        app, Session.new(sc, Mode("ai", side, ai), random.randrange(1, 1_000_000))
    )
