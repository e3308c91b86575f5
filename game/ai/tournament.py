"""Many games between two players: the balance table and the historian's check.

`run_many` plays `runs` games, seeds `seed .. seed+runs-1` (PLA player seeded with the game
seed, ROC player with seed+1, as `simulate` does), in `jobs` worker processes. Each game depends
on its seed alone and results are gathered in seed order, so the summary is the same whatever
`jobs` is, and at most `MAX_RUNS` games are played at once. `format_summary` gives the table
`simulate --runs` prints (`game/cli/simulate.py`).

The historian's check (`game.history.historian`, the scenario's `historian_check:`) compares
how the players behaved with the sources' account: each turn is tallied into the game's result
and the counts are summed over the games.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.ai.search import besieged_position
from game.engine.legality import today
from game.engine.run import play
from game.engine.state import new_game
from game.history.historian import format_rows, tally_turn
from game.history.historian import results as historian_rows
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Scenario

LOSSES = (
    "ships_lost.roc",
    "ships_lost.prc",
    "aircraft_lost.roc",
    "aircraft_lost.prc",
    "guns_lost.roc",
    "guns_lost.prc",
    "casualties.roc.military",
    "casualties.roc.civilian",
    "casualties.prc.military",
    "shells.prc",
    "shells.roc",
    "tons.landed",
    "tons.lost",
)

#: the most games one call plays (each result is kept for the summary: about 7 KB a game)
MAX_RUNS = 10_000

_SCENARIO: Scenario | None = None
_PATH: str = ""


def _init(path: str) -> None:
    global _SCENARIO, _PATH
    if _SCENARIO is None or path != _PATH:
        _SCENARIO = load_scenario(path)
        _PATH = path


def play_one(sc: Scenario, seed: int, prc_spec: str, roc_spec: str) -> dict[str, Any]:
    """One game: its ending and the figures the summary needs.

    The specs are by side id (`--prc`, `--roc`); what the historian's check counts is by
    role (`roles:` in the scenario): the besieged side's convoys and counter-battery, the
    besieger's halts. `position` is the besieged side's (`search.besieged_position`), and
    `besieged` says which side that is, for `beats`.
    """
    from game.ai.players import make_player

    players = {"prc": make_player(prc_spec, seed), "roc": make_player(roc_spec, seed + 1)}
    besieged = sc.cast.besieged
    h: Counter[str] = Counter()
    max_tension = 0.0
    state = new_game(sc, seed)
    last = state
    for turn in play(sc, state, players):
        tally_turn(sc, turn, today(sc, turn.before), h)
        max_tension = max(max_tension, turn.after.tension)
        last = turn.after
    return {
        "seed": seed,
        "ending": last.ending,
        "winner": last.winner,
        "score": last.score,
        "days": last.day,
        "supply": dict(last.supply),
        "tension": last.tension,
        "max_tension": max_tension,
        "morale_roc": last.morale["roc"],
        "besieged": besieged,
        "position": besieged_position(sc, last),
        "totals": {k: last.totals[k] for k in LOSSES},
        "historian": dict(h),
    }


def _worker(args: tuple[str, int, str, str]) -> dict[str, Any]:
    path, seed, prc, roc = args
    _init(path)
    assert _SCENARIO is not None
    return play_one(_SCENARIO, seed, prc, roc)


def run_many(
    path: str | Path, seed: int, prc_spec: str, roc_spec: str, runs: int, jobs: int = 1
) -> dict[str, Any]:
    """Play `runs` games and summarise them (deterministic for any `jobs`)."""
    sc, results = play_many(path, seed, prc_spec, roc_spec, runs, jobs)
    return summarise(sc, results, seed, prc_spec, roc_spec)


def play_many(
    path: str | Path, seed: int, prc_spec: str, roc_spec: str, runs: int, jobs: int = 1
) -> tuple[Scenario, list[dict[str, Any]]]:
    """The scenario and one result per game, in seed order, whatever `jobs` is.

    At most `MAX_RUNS` games (a result is about 7 KB, so the bound keeps the results under
    100 MB). Tasks are made as they are handed out, a batch at a time, never all at once.
    """
    from game.ai.players import make_player

    if not 0 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be from 0 to {MAX_RUNS:,}, not {runs:,}")
    make_player(prc_spec, 0)  # raise ValueError early on a bad spec
    make_player(roc_spec, 0)
    path = str(path)
    sc = load_scenario(path)
    jobs = max(1, min(jobs, runs or 1))
    if jobs == 1:
        return sc, [play_one(sc, seed + i, prc_spec, roc_spec) for i in range(runs)]
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    global _SCENARIO, _PATH
    _SCENARIO, _PATH = sc, path  # forked workers inherit the loaded scenario
    results: list[dict[str, Any]] = []
    with ctx.Pool(jobs, initializer=_init, initargs=(path,)) as pool:
        chunk = max(1, min(20, runs // (jobs * 8) or 1))
        # Pool.imap reads its whole iterable into the task queue at once: feed it batches
        tasks = ((path, seed + i, prc_spec, roc_spec) for i in range(runs))
        while batch := list(itertools.islice(tasks, jobs * chunk * 8)):
            results.extend(pool.imap(_worker, batch, chunksize=chunk))
    return sc, results


def beats(result: dict[str, Any], side: str) -> bool:
    """Whether `side` beat its opponent in a game: the ending's winner decides; when nobody
    wins (a draw, or runaway tension) the side ahead on the garrison's position at the end
    (`search.besieged_position`: food, morale, the means to supply the besieged side) is the
    better, whichever side the scenario's roles make the besieged one."""
    if result["winner"] in SIDES:
        return result["winner"] == side
    ahead = result["position"] > 0
    return ahead if side == result["besieged"] else not ahead


def _stats(xs: Iterable[float]) -> dict[str, float]:
    v = [float(x) for x in xs]
    if not v:
        return {"mean": 0.0, "sd": 0.0, "min": 0.0, "max": 0.0}
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0
    return {
        "mean": round(m, 2),
        "sd": round(sd, 2),
        "min": round(min(v), 2),
        "max": round(max(v), 2),
    }


def _share(num: float, den: float) -> float | None:
    return round(num / den, 3) if den else None


def _per_day(rounds: float, days: float) -> float | None:
    return None if not days else round(rounds / days, 1)


def summarise(
    sc: Scenario, results: list[dict[str, Any]], seed: int, prc: str, roc: str
) -> dict[str, Any]:
    wins = {"prc": 0, "roc": 0, "draw": 0, "none": 0}
    endings: Counter[str] = Counter()
    for r in results:
        wins[r["winner"] if r["winner"] in wins else "draw"] += 1
        endings[r["ending"]] += 1
    h: Counter[str] = Counter()
    for r in results:
        h.update(r["historian"])
    n = len(results)
    decisive = wins["prc"] + wins["roc"]
    return {
        "scenario": sc.id,
        "prc": prc,
        "roc": roc,
        "seed": seed,
        "runs": n,
        "wins": wins,
        "win_share": {k: _share(v, n) for k, v in wins.items()},
        "decisive_share": {
            "prc": _share(wins["prc"], decisive),
            "roc": _share(wins["roc"], decisive),
        },
        "endings": dict(sorted(endings.items(), key=lambda kv: (-kv[1], kv[0]))),
        "supply": {k.id: _stats(r["supply"][k.id] for r in results) for k in sc.supply.kinds},
        "losses": {k: _stats(r["totals"][k] for r in results) for k in LOSSES},
        "tension": _stats(r["tension"] for r in results),
        "max_tension": _stats(r["max_tension"] for r in results),
        "morale_roc": _stats(r["morale_roc"] for r in results),
        "days": _stats(r["days"] for r in results),
        "score": _stats(r["score"] or 0.0 for r in results),
        "historian": historian_rows(sc, h, n),
    }


def format_summary(s: dict[str, Any]) -> str:
    n = s["runs"]
    w = s["wins"]
    lines = [
        f"{s['scenario']}: {n} games, PLA {s['prc']} vs ROC {s['roc']}, seeds "
        f"{s['seed']}..{s['seed'] + n - 1}",
        "",
        "Wins        games   share",
    ]
    for k, label in (("prc", "PLA"), ("roc", "ROC"), ("draw", "draw"), ("none", "none")):
        share = w[k] / n if n else 0.0
        lines.append(f"  {label:<8} {w[k]:>6}   {share:6.1%}")
    dec = s["decisive_share"]
    if dec["prc"] is not None:
        lines.append(f"  of games with a winner: PLA {dec['prc']:.0%}, ROC {dec['roc']:.0%}")
    lines.append("Endings")
    for k, v in s["endings"].items():
        lines.append(f"  {k:<22} {v:>6}   {v / n:6.1%}")
    lines.append("")
    lines.append(f"{'figure':<28} {'mean':>10} {'sd':>9} {'min':>9} {'max':>9}")

    def row(name: str, st: dict[str, float]) -> None:
        lines.append(
            f"{name:<28} {st['mean']:>10.1f} {st['sd']:>9.1f} {st['min']:>9.1f} {st['max']:>9.1f}"
        )

    for k, st in s["supply"].items():
        row(f"final supply {k} (t)", st)
    row("final ROC morale", s["morale_roc"])
    row("final tension", s["tension"])
    row("highest tension", s["max_tension"])
    for k, st in s["losses"].items():
        row(k, st)
    row("days played", s["days"])
    row("score against history", s["score"])
    lines += ["", *format_rows(s["historian"])]
    return "\n".join(lines)
