"""`simulate`: a whole game headless, one line (or one JSON object) per turn; with `--runs N`,
N games (seeds seed..seed+N-1, at most `tournament.MAX_RUNS`) and a summary table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.ai.players import make_player
from game.ai.tournament import MAX_RUNS, format_summary, run_many
from game.cli.args import MAX_JOBS, add_scenario, fail, int_in, seed, seed_range
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.words import render


def add_parser(sub: Any) -> None:
    p = sub.add_parser("simulate", help="play a game headless and print each turn")
    add_scenario(p)
    p.add_argument("--seed", type=seed, default=1, help="random seed (default 1)")
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
        type=int_in(1, MAX_RUNS),
        default=None,
        metavar="N",
        help=f"play N games (seeds seed..seed+N-1, N from 1 to {MAX_RUNS:,}) and print a summary",
    )
    p.add_argument(
        "--jobs",
        type=int_in(1, MAX_JOBS),
        default=1,
        metavar="J",
        help=f"processes for --runs (1 to {MAX_JOBS})",
    )
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    path = args.scenario or default_scenario()
    if args.runs is None:
        if args.format == "json":
            fail(args, "--format json is the summary of --runs; one game prints text or jsonl")
        if args.jobs != 1:
            fail(args, "--jobs needs --runs (one game is one process)")
        return run_simulate(path, args.seed, args.prc, args.roc, args.format)
    if args.format == "jsonl":
        fail(args, "--format jsonl prints the turns of one game; with --runs use text or json")
    seed_range(args, args.seed, args.runs)
    return run_many_games(path, args.seed, args.prc, args.roc, args.format, args.runs, args.jobs)


def run_many_games(
    path: str | Path, seed: int, prc: str, roc: str, fmt: str, runs: int, jobs: int
) -> int:
    """`simulate --runs N [--jobs J] [--format json]`: print the summary; 0 on success."""
    try:
        summary = run_many(path, seed, prc, roc, runs, jobs)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if fmt == "json":
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    else:
        print(format_summary(summary))
    return 0


def run_simulate(path: Path, seed: int, prc: str, roc: str, fmt: str) -> int:
    try:
        sc = load_scenario(path)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        players = {"prc": make_player(prc, seed), "roc": make_player(roc, seed + 1)}
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    state = new_game(sc, seed)
    for turn in play(sc, state, players):
        s = turn.after
        if fmt == "jsonl":
            print(json.dumps(turn_summary(sc, turn), ensure_ascii=False, sort_keys=True))
        else:
            print(text_line(sc, turn))
    if fmt == "text":
        print(f"Ending: {s.ending} (winner: {s.winner}); score against history: {s.score}")
    return 0


def turn_summary(sc, turn) -> dict:
    s = turn.after
    t = s.totals
    return {
        "date": turn.report.date,
        "state_hash": state_hash(s),
        "shells_prc": t["shells.prc"],
        "shells_roc": t["shells.roc"],
        "tons_landed": round(t["tons.landed"], 1),
        "tons_lost": round(t["tons.lost"], 1),
        "supply": {k: round(v, 1) for k, v in s.supply.items()},
        "morale": {k: round(v, 1) for k, v in s.morale.items()},
        "tension": round(s.tension, 1),
        "us_commitment": round(s.us_commitment, 1),
        "ending": s.ending,
        "winner": s.winner,
    }


def text_line(sc: Any, turn: Any) -> str:
    """One day in a line, with the day's events, moves and ending as English sentences."""
    s, b = turn.after, turn.before
    t, tb = s.totals, b.totals
    fired_p = int(t["shells.prc"] - tb["shells.prc"])
    fired_r = int(t["shells.roc"] - tb["shells.roc"])
    landed = t["tons.landed"] - tb["tons.landed"]
    events = [
        render(e, "en", sc) for e in turn.report.entries if e.kind in ("event", "move", "ending")
    ]
    supply = " ".join(f"{k} {v:.0f}t" for k, v in s.supply.items())
    line = (
        f"{turn.report.date}  PLA fired {fired_p:>6}  ROC fired {fired_r:>5}  "
        f"landed {landed:>5.0f}t  "
        f"{supply}  morale {s.morale['roc']:.0f}/{s.morale['prc']:.0f}  tension {s.tension:.0f}"
    )
    if events:
        line += "\n            " + "; ".join(events)
    return line
