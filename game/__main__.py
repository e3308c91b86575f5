"""Command line: `python -m game COMMAND` (also installed as `kinmen-1958`).

Without a command the game window starts; every other command except `play` and `screenshot`
works without a display. Subcommands live in `game/cli/` (headless) and `game/ui/cli.py`
(window and screenshots), imported lazily so `validate` never loads pygame.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path


def _scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario", type=Path, default=None, help="scenario file (default: the 1958 scenario)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinmen-1958",
        description="Kinmen 1958: a strategy game of the 1958 Kinmen artillery crisis.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL errors")
    p.add_argument("paths", nargs="+", type=Path)
    p.set_defaults(func=_validate)

    p = sub.add_parser("simulate", help="play a game headless and print each turn")
    _scenario_arg(p)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--prc", default="history", help="history, hold, random or ai[:LEVEL]")
    p.add_argument("--roc", default="history", help="history, hold, random or ai[:LEVEL]")
    p.add_argument(
        "--format",
        choices=("text", "jsonl", "json"),
        default="text",
        help="text or jsonl per turn; with --runs, text or json summary",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=None,
        help="play N games (seeds seed..seed+N-1) and print a summary",
    )
    p.add_argument("--jobs", type=int, default=1, help="processes for --runs")
    p.set_defaults(func=_simulate)

    p = sub.add_parser("bench", help="measure turn time, scenario load time and more")
    _scenario_arg(p)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument(
        "--only",
        choices=("engine", "ai", "ui"),
        action="append",
        help="measure only this part (repeatable)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="AI: play the real 1,000 easy games and 100 strength games a seat (about 40 minutes) "
        "instead of extrapolating from a sample",
    )
    p.set_defaults(func=_bench)

    from game.history import calibrate, replay_cli, report_md

    for name, mod, text in (
        ("replay", replay_cli, "replay the 1958 record day by day beside the article (--headless)"),
        ("calibrate", calibrate, "check the engine against the article's figures over N seeds"),
        ("report", report_md, "after-action report (Markdown + CSV) of a saved game"),
    ):
        p = sub.add_parser(name, help=text)
        mod.add_arguments(p)
        p.set_defaults(func=mod.run)

    if importlib.util.find_spec("game.ui.cli") is not None:
        from game.ui.cli import add_commands

        add_commands(sub)
    return parser


def _validate(args: argparse.Namespace) -> int:
    from game.cli.validate import run_validate

    return run_validate(args.paths)


def _simulate(args: argparse.Namespace) -> int:
    from game.cli.simulate import run_simulate
    from game.paths import default_scenario

    return run_simulate(
        args.scenario or default_scenario(),
        args.seed,
        args.prc,
        args.roc,
        args.format,
        runs=args.runs,
        jobs=args.jobs,
    )


def _bench(args: argparse.Namespace) -> int:
    from game.cli.bench import run_bench
    from game.paths import default_scenario

    sections = tuple(args.only) if args.only else ("engine", "ai", "ui")
    return run_bench(args.scenario or default_scenario(), args.runs, sections, full=args.full)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if importlib.util.find_spec("game.ui.cli") is not None:
            from game.ui.cli import run_game

            return run_game([])
        parser.print_help()
        return 0
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
