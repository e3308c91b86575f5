"""`replay --headless`: the days of 1958, the article's record beside the engine's, printed day
by day (text or `--format jsonl`); `--save FILE` also writes the replayed game as a save.

The days themselves come from `game.history.replay`; this module parses and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.cli.args import add_scenario, check_outputs, date, fail, seed
from game.engine.state import new_game
from game.history.days import DayRun
from game.history.record import RECORDS, FollowRecord, choices
from game.history.replay import format_day, replay_payloads
from game.history.replayfile import play_history
from game.history.saves import SaveError, save_game
from game.history.series import ReplayDays, take_control
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.words.strings import LANGS


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "replay",
        help="replay the 1958 record day by day beside the article (--headless)",
        description=__doc__,
    )
    p.add_argument(
        "--headless",
        action="store_true",
        help="print the replay (the only mode of this command; the window has its own replay)",
    )
    add_scenario(p)
    p.add_argument("--seed", type=seed, default=1, help="random seed (default 1)")
    p.add_argument(
        "--from",
        dest="start",
        type=date,
        default=None,
        metavar="DATE",
        help="first day printed (YYYY-MM-DD)",
    )
    p.add_argument(
        "--until",
        type=date,
        default=None,
        metavar="DATE",
        help="last day played and printed (YYYY-MM-DD)",
    )
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument(
        "--record",
        default=None,
        metavar="RECORD",
        help="follow this record's outcomes after the engine resolves each day (prc, roc, us, "
        "neutral or neutral:<narrative>; the scenario's choices are listed on a bad value); "
        "without it, the engine's own days",
    )
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="headings and labels in English or Traditional Chinese",
    )
    p.add_argument(
        "--save",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the replayed game as a save (for `report`)",
    )
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    scenario = args.scenario or default_scenario()
    check_outputs(args, [("--save", args.save)], [("--scenario", scenario)])
    if args.start and args.until and args.start > args.until:
        fail(args, "--from is after --until")
    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    for name, d in (("--from", args.start), ("--until", args.until)):
        if d is not None and not sc.meta.start <= d <= sc.meta.end:
            fail(args, f"{name} {d} is outside the scenario ({sc.meta.start} to {sc.meta.end})")
    follow = None
    if args.record is not None:
        known = [*choices(sc), *RECORDS]
        if args.record not in known:
            fail(args, f"--record {args.record!r} is not one of {', '.join(known)}")
        follow = FollowRecord(sc, args.record)
    runs: list[DayRun] = []
    for payload in replay_payloads(
        sc,
        args.seed,
        start=args.start,
        until=args.until,
        lang=args.lang,
        runs_out=runs,
        follow=follow,
    ):
        if args.format == "jsonl":
            print(json.dumps(payload, ensure_ascii=False, sort_keys=True))
        else:
            print(format_day(payload, args.lang, sc))
            print()
    if args.save is not None:
        game = (
            play_history(sc, args.seed, days=len(runs))
            if follow is None
            else take_control(ReplayDays(sc, new_game(sc, args.seed), runs, follow), len(runs))
        )
        try:
            path = save_game(game, args.save)
        except SaveError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"saved {len(runs)} days to {path}", file=sys.stderr)
    return 0
