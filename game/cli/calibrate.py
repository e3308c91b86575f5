"""`calibrate`: replay the historical record under N seeds and check the engine's figures
against the article's (the rules are in `game.history.calibrate`); `--window N` adds the share
of each window of N seeds; `--require SHARE` turns the table into a check with exit status 1."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.cli.args import add_scenario, int_in, seed, seed_range, share
from game.history.calibrate import DEFAULT_RUNS, MAX_RUNS, calibrate
from game.history.calibrate_format import format_markdown, format_text
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "calibrate", help="check the engine against the article's figures over N seeds"
    )
    add_scenario(p)
    p.add_argument(
        "--runs",
        type=int_in(1, MAX_RUNS),
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"seeds to replay, 1 to {MAX_RUNS:,} (default {DEFAULT_RUNS})",
    )
    p.add_argument("--seed", type=seed, default=1, help="first seed (default 1)")
    p.add_argument(
        "--window",
        type=int_in(1, MAX_RUNS),
        default=0,
        metavar="N",
        help="also give the outcome share of each window of N consecutive seeds and the worst "
        "(e.g. --runs 200 --window 20)",
    )
    p.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="output format"
    )
    p.add_argument(
        "--require",
        type=share,
        default=None,
        metavar="SHARE",
        help="exit with status 1 when fewer than SHARE (0-1) of the outcome targets hold",
    )
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    seed_range(args, args.seed, args.runs)
    try:
        sc = load_scenario(args.scenario or default_scenario())
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    cal = calibrate(sc, args.runs, args.seed, args.window)
    if args.format == "json":
        print(json.dumps(cal.to_dict(), ensure_ascii=False, indent=1))
    elif args.format == "markdown":
        print(format_markdown(cal))
    else:
        print(format_text(cal))
    if args.require is not None and cal.share("outcome") < args.require:
        return 1
    return 0
