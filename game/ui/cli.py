"""Window commands: `play` (the game window) and `screenshot` (any screen to a PNG, headless).

`add_commands(subparsers)` registers both on the main parser; `run_game(argv)` is what
`kinmen-1958` without a command calls. Without a display the window cannot open: a short
message points to the headless commands and the exit code is 1 (no traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
    "report",
    "event",
    "pass",
)

NO_DISPLAY = """kinmen-1958: cannot open the game window ({error}).
No display was found. Run the game on a desktop, or use the commands that need no window:
  kinmen-1958 simulate --prc history --roc ai:normal   play a game in the terminal
  kinmen-1958 validate scenarios/*.yaml                 check scenario files
  kinmen-1958 screenshot --screen menu --out menu.png   render a screen to a PNG
"""


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, not {text!r}") from None
    if not (320 <= w <= 10000 and 240 <= h <= 10000):
        raise argparse.ArgumentTypeError("size must be between 320x240 and 10000x10000")
    return w, h


def _play_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", type=Path, default=None, help="scenario file")
    p.add_argument(
        "--side",
        choices=("prc", "roc"),
        default=None,
        help="start a game at once, playing this side",
    )
    p.add_argument(
        "--ai",
        choices=("easy", "normal", "hard"),
        default="normal",
        help="strength of the computer opponent",
    )
    p.add_argument("--lang", choices=("en", "zh-Hant"), default=None, help="interface language")
    p.add_argument("--size", type=_size, default=(1280, 720), help="window size, e.g. 1280x720")


def add_commands(subparsers: Any) -> None:
    p = subparsers.add_parser("play", help="open the game window")
    _play_args(p)
    p.set_defaults(func=play_command)
    p = subparsers.add_parser(
        "screenshot",
        help="render a screen to a PNG without a window",
        description="Render one screen headless (SDL dummy driver). Screens: "
        + ", ".join(SCREENS)
        + ".",
    )
    p.add_argument(
        "--screen",
        choices=SCREENS,
        required=True,
        metavar="NAME",
        help="one of: " + ", ".join(SCREENS),
    )
    p.add_argument("--out", type=Path, required=True, help="PNG file to write")
    p.add_argument("--size", type=_size, default=(1280, 720))
    p.add_argument("--lang", choices=("en", "zh-Hant"), default="en")
    p.add_argument("--scenario", type=Path, default=None)
    p.add_argument("--scale", type=int, default=100, help="UI scale in percent (100-200)")
    p.set_defaults(func=screenshot_command)


def no_display_reason(env: Any = None) -> str | None:
    """Why no window can be shown here (Linux/BSD without X11 or Wayland), or None.

    Without this check SDL may fall back to an invisible driver and the game would run, unseen
    and forever, on a headless machine. Setting SDL_VIDEODRIVER explicitly skips the check.
    """
    env = os.environ if env is None else env
    if env.get("SDL_VIDEODRIVER"):
        return None
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return "no DISPLAY or WAYLAND_DISPLAY is set"


def play_command(args: argparse.Namespace) -> int:
    return _run(args)


def run_game(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kinmen-1958 play")
    _play_args(parser)
    return _run(parser.parse_args(list(argv or [])))


def _run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App
    from game.ui.settings import load_settings

    settings = load_settings()
    if args.lang:
        settings.lang = args.lang
    why = no_display_reason()
    if why:
        print(NO_DISPLAY.format(error=why), file=sys.stderr, end="")
        return 1
    try:
        app = App(tuple(args.size), settings, scenario_path=args.scenario)
    except pygame.error as exc:
        print(NO_DISPLAY.format(error=exc), file=sys.stderr, end="")
        return 1
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get(
        "SDL_VIDEODRIVER"
    ):
        # SDL fell back to a driver nobody can see: a window would run unseen forever.
        app.quit()
        print(NO_DISPLAY.format(error="SDL found no visible display"), file=sys.stderr, end="")
        return 1
    app.start(_first_screen(app, args))
    app.run()
    return 0


def _first_screen(app: Any, args: argparse.Namespace) -> Any:
    from game.ui.screens.game import GameScreen
    from game.ui.screens.menus import MainMenu
    from game.ui.session import Mode, Session

    if args.side is None:
        return MainMenu(app)
    sc, err = app.try_scenario(args.scenario)
    if sc is None:
        app.message = err.splitlines()[0] if err else ""
        return MainMenu(app)
    import random

    return GameScreen.begin(
        app, Session.new(sc, Mode("ai", args.side, args.ai), random.randrange(1, 1_000_000))
    )


# -- screenshots ---------------------------------------------------------------------------------


def screenshot_command(args: argparse.Namespace) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    try:
        surface = render_screen(args.screen, tuple(args.size), args.lang, args.scenario, args.scale)
    except ValueError as exc:
        print(f"kinmen-1958 screenshot: {exc}", file=sys.stderr)
        return 1
    import pygame

    args.out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(args.out))
    print(f"wrote {args.out}")
    return 0


def demo_session(app: Any, sc: Any, side: str = "roc", turns: int = 0) -> Any:
    """A game against the history player, with `turns` days of history already played."""
    from game.ai.players import make_player
    from game.engine.observe import observe
    from game.ui.session import Mode, Session

    session = Session.new(sc, Mode("ai", side, "normal"), seed=1958, opponent="history")
    session.autosaves = False  # a sample: never touch the player's autosaves
    hist = make_player("history")
    for _ in range(turns):
        if session.over:
            break
        session.planned[side] = hist.orders(sc, observe(sc, session.state, side))
        session.resolve()
    return session


def build_screen(app: Any, name: str) -> Any:
    """The screen called `name`, set up with sample content (also used by the tests)."""
    from game.ui.screens.game import GameScreen

    if name in ("strait", "kinmen", "orders", "status"):
        return _game_screen(app, name, GameScreen)
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
    session = demo_session(app, sc, turns=1)
    report = session.last_report
    scr = ReportScreen(app, session, report, "roc", lambda: menu)
    if name == "report":
        return scr
    events = [e for e in sc.events if e.source] or list(sc.events)
    if not events:
        raise ValueError("the scenario has no events")
    app.start(scr)
    app.step(0.05)
    return EventPopup(app, session, events[:1], lambda: menu, scr)


def _game_screen(app: Any, name: str, game_screen: Any) -> Any:
    """The game screen after one day of history, on the map or tab `name` (with the orders
    form open and previewed for "orders")."""
    sc, err = app.try_scenario()
    if sc is None:
        raise ValueError(f"the scenario does not load:\n{err}")
    session = demo_session(app, sc, turns=1)
    scr = game_screen(app, session)
    scr.map_which = "strait" if name == "strait" else "kinmen"
    if name == "status":
        scr.tab = "status"
    if name == "orders":
        from game.ai.players import make_player
        from game.engine.observe import observe

        for o in make_player("history").orders(sc, observe(sc, session.state, "roc")):
            session.add(o)
        scr.form = _sample_form(session, app.loc)
        scr.compute_preview()
    return scr


def _sample_form(session: Any, loc: Any) -> Any:
    from game.ui.orderforms import FORMS

    for kind in ("convoy", "fire", "counter"):
        form = FORMS[kind](session, loc)
        order = form.order()
        if order is not None and session.check(order) is None:
            return form
    return FORMS["fire"](session, loc)


def render_screen(
    name: str,
    size: tuple[int, int],
    lang: str = "en",
    scenario: Path | None = None,
    scale: int = 100,
) -> Any:
    """Render one screen and return the surface (the app stays open for the caller)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import App
    from game.ui.settings import Settings

    settings = Settings(lang=lang, ui_scale=scale, sound=False).clean()
    app = App(size, settings, persist=False, scenario_path=scenario)
    screen = build_screen(app, name)
    app.start(screen)
    # a report is shown a second and a half into its animation: shells bursting, ships sailing
    for _ in range(30 if name == "report" else 3):
        app.step(0.05)
    if hasattr(screen, "compute_preview") and getattr(screen, "form", None) is not None:
        screen.compute_preview()
    return app.draw()
