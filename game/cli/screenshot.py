"""`screenshot --screen NAME --out FILE.png`: render any screen headless (SDL's dummy driver).

The screens and their sample content are `game.ui.screenshots`; this module checks the
arguments and reports. A screen name is checked against `game.ui.screenshots.SCREENS`, the one
list the window knows, when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.args import add_mods, add_scenario, check_outputs, fail, int_in, mods_folder, size

#: UI scale in percent, as the Settings screen offers it
SCALE_MIN, SCALE_MAX = 100, 200


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "screenshot",
        help="render a screen to a PNG without a window",
        description="Render one screen headless (SDL dummy driver). Screens: menu, new_game, "
        "settings, credits, load, strait, kinmen, orders, status, forces, report, event, pass, "
        "replay, end, legend, guide, encyclopedia.",
    )
    p.add_argument("--screen", required=True, metavar="NAME", help="the screen to render")
    p.add_argument("--out", type=Path, required=True, help="PNG file to write")
    p.add_argument("--size", type=size, default=(1280, 720), help="WIDTHxHEIGHT (1280x720)")
    p.add_argument("--lang", choices=("en", "zh-Hant"), default="en")
    add_scenario(p)
    p.add_argument(
        "--scale",
        type=int_in(SCALE_MIN, SCALE_MAX),
        default=100,
        help=f"UI scale in percent ({SCALE_MIN}-{SCALE_MAX})",
    )
    p.add_argument(
        "--side",
        choices=("prc", "roc"),
        default="roc",
        help="the side the game is played and seen as (roc)",
    )
    p.add_argument(
        "--day",
        type=int_in(1, 1000),
        default=2,
        help="the day shown, history played until then (2: after the first day)",
    )
    add_mods(p)
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    # Only the window and this command need pygame: the UI is imported here, inside the
    # command, so every other command (and `--help`) runs without loading pygame or SDL.
    from game.ui.screenshots import SCREENS, write_screenshot

    if args.screen not in SCREENS:
        fail(args, f"unknown screen {args.screen!r}; one of: {', '.join(SCREENS)}")
    check_outputs(args, [("--out", args.out)], [("--scenario", args.scenario)])
    if args.out.suffix.lower() != ".png":
        fail(args, f"--out {args.out}: the file name must end in .png")
    try:
        write_screenshot(
            args.screen,
            args.out,
            args.size,
            args.lang,
            args.scenario,
            args.scale,
            args.side,
            args.day,
            mods_folder(args),
        )
    except ValueError as exc:
        print(f"kinmen-1958 screenshot: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kinmen-1958 screenshot: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0
