"""The `kinmen-1958` command (also `python -m game`): one parser, one module a subcommand.

Without a command the game window starts. Every command but `play` and `screenshot` works
without a display, and only those two import the window's modules (inside the command), so
`validate`, `simulate` and the rest never load pygame.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from game.cli import (
    bench,
    calibrate,
    play,
    replay,
    report,
    schema,
    screenshot,
    simulate,
    sweep,
    validate,
)

#: the subcommands, in the order `--help` lists them
COMMANDS = (validate, schema, simulate, sweep, bench, replay, calibrate, report, play, screenshot)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinmen-1958",
        description="Kinmen 1958: a strategy game of the 1958 Kinmen artillery crisis.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return play.run_game([])
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # the reader went away (`simulate | head`): stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
