"""`simulate`: a whole game headless, one line (or one JSON object) per turn."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.ai.players import make_player
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario


def run_simulate(
    path: Path, seed: int, prc: str, roc: str, fmt: str, runs: int | None = None, jobs: int = 1
) -> int:
    if runs is not None:
        from game.ai.tournament import run_many_cli

        return run_many_cli(path, seed, prc, roc, fmt, runs, jobs)
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
            print(text_line(turn))
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


def text_line(turn) -> str:
    s, b = turn.after, turn.before
    t, tb = s.totals, b.totals
    fired_p = int(t["shells.prc"] - tb["shells.prc"])
    fired_r = int(t["shells.roc"] - tb["shells.roc"])
    landed = t["tons.landed"] - tb["tons.landed"]
    events = [e.text for e in turn.report.entries if e.kind in ("event", "move", "ending")]
    supply = " ".join(f"{k} {v:.0f}t" for k, v in s.supply.items())
    line = (
        f"{turn.report.date}  PLA fired {fired_p:>6}  ROC fired {fired_r:>5}  "
        f"landed {landed:>5.0f}t  "
        f"{supply}  morale {s.morale['roc']:.0f}/{s.morale['prc']:.0f}  tension {s.tension:.0f}"
    )
    if events:
        line += "\n            " + "; ".join(events)
    return line
