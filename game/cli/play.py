"""`play` (and `kinmen-1958` with no command): open the game window.

Without a display the window cannot open: a short message points to the headless commands and
the exit status is 1 (no traceback). The window's modules are imported inside `open_game`, not
at the top: they load pygame and SDL, which every other command (and `--help`) does without.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from game.cli.args import add_mods, add_scenario, add_watch, mods_folder, size

NO_DISPLAY = """kinmen-1958: cannot open the game window ({error}).
No display was found. Run the game on a desktop, or use the commands that need no window:
  kinmen-1958 simulate --prc history --roc ai:normal   play a game in the terminal
  kinmen-1958 validate scenarios/*.yaml                 check scenario files
  kinmen-1958 screenshot --screen menu --out menu.png   render a screen to a PNG
"""


def play_arguments(p: argparse.ArgumentParser) -> None:
    add_scenario(p)
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
    p.add_argument("--size", type=size, default=(1280, 720), help="window size, e.g. 1280x720")
    add_mods(p)
    add_watch(p)


#: `--watch` without the `watch` extra: one line, exit status 2 (no window without the
#: watching the player asked for)
NO_WATCH_EXTRA = (
    'kinmen-1958: --watch needs the watch extra (watchfiles): pip install "kinmen-1958[watch]"'
)


def watch_missing() -> str | None:
    """Why `--watch` cannot work here (the `watch` extra is not installed), or None.
    Imported here, where the option is used: nothing else in the game needs watchfiles."""
    try:
        import watchfiles  # noqa: F401 - only whether it imports
    except ImportError:
        return NO_WATCH_EXTRA
    return None


def add_parser(sub: Any) -> None:
    p = sub.add_parser("play", help="open the game window")
    play_arguments(p)
    p.set_defaults(func=run, parser=p)


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


def run_game(argv: Sequence[str] | None = None) -> int:
    """`kinmen-1958` without a command: the window with the `play` defaults."""
    parser = argparse.ArgumentParser(prog="kinmen-1958 play")
    play_arguments(parser)
    parser.set_defaults(parser=parser)
    return run(parser.parse_args(list(argv or [])))


def run(args: argparse.Namespace) -> int:
    mods = mods_folder(args)
    watch = bool(getattr(args, "watch", False))
    if watch:
        missing = watch_missing()
        if missing:
            print(missing, file=sys.stderr)
            return 2
    why = no_display_reason()
    if why:
        print(NO_DISPLAY.format(error=why), file=sys.stderr, end="")
        return 1
    # Only the window needs pygame: imported here so no other command loads it.
    from game.ui.launch import NoDisplay, open_window

    try:
        open_window(
            args.size,
            lang=args.lang,
            scenario=args.scenario,
            side=args.side,
            ai=args.ai,
            mods=mods,
            watch=watch,
        )
    except NoDisplay as exc:
        print(NO_DISPLAY.format(error=exc), file=sys.stderr, end="")
        return 1
    return 0
