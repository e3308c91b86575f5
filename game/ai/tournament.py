"""Many games between two players: the balance table and the historian's check.

`run_many` plays `runs` games, seeds `seed .. seed+runs-1` (PLA player seeded with the game
seed, ROC player with seed+1, as `simulate` does), in `jobs` worker processes. Each game depends
on its seed alone and results are gathered in seed order, so the summary is the same whatever
`jobs` is, and at most `MAX_RUNS` games are played at once. `format_summary` gives the table
`simulate --runs` prints (`game/cli/simulate.py`).

The historian's check compares how the players behaved with the article's account:
- convoys at night: the ROC ran its convoys at night from 26 August (until the US escorts of
  7 September); the share of ROC convoys sailed at night between those dates;
- halts kept: the PLA kept its declared halt of 6-19 October; the share of days under the
  PLA's own halt (or odd-day restriction) on which it did not fire;
- counter-battery: the 8-inch guns that arrived in late September were used against the
  PLA's batteries; the share of ROC rounds (and of 8-inch rounds) aimed at enemy batteries
  from the day the first 8-inch group can fire, and ROC rounds on batteries a day before and
  after that day (the article: counter-battery massed once they arrived).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import multiprocessing
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.ai.search import besieged_position
from game.engine.legality import shelling_restricted, today
from game.engine.run import play
from game.engine.state import new_game
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Convoy, Fire, MakeMove

#: The article's dates the historian's check uses (1958 calendar; other scenarios report n/a).
NIGHT_FROM = dt.date(1958, 8, 26)
ESCORTS_FROM = dt.date(1958, 9, 7)
HALT_RECORD = "kept 6-19 Oct (no PLA fire during its declared halt)"
NIGHT_RECORD = "night convoys from 26 Aug until the US escorts of 7 Sep"
CB_RECORD = "8-inch guns fired counter-battery (Weitou, 26 Sep onward)"

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
    besieged, besieger = sc.cast.besieged, sc.cast.besieger
    heavy = [g for g in sc.artillery if g.side == besieged and g.calibre_mm >= 200]
    heavy_ids = {g.id for g in heavy}
    heavy_from = min((g.available_from or sc.meta.start for g in heavy), default=None)
    groups = {g.id for g in sc.artillery}
    h = Counter()
    max_tension = 0.0
    state = new_game(sc, seed)
    last = state
    for turn in play(sc, state, players):
        before = turn.before
        date = today(sc, before)
        for o in turn.orders[besieged]:
            if isinstance(o, Convoy):
                if NIGHT_FROM <= date < ESCORTS_FROM:
                    h["convoys_window"] += 1
                    h["night_window"] += o.night
                h["convoys"] += 1
                h["night"] += o.night
            elif isinstance(o, Fire) and heavy_from is not None and date < heavy_from:
                if o.target in groups:
                    h["roc_cb_before"] += o.rounds
            elif isinstance(o, Fire) and heavy_from is not None and date >= heavy_from:
                h["roc_rounds_after"] += o.rounds
                if o.target in groups:
                    h["roc_cb_after"] += o.rounds
                if o.group in heavy_ids:
                    h["heavy_rounds"] += o.rounds
                    if o.target in groups:
                        h["heavy_cb"] += o.rounds
        if heavy_from is not None:
            h["days_after_8inch" if date >= heavy_from else "days_before_8inch"] += 1
        if shelling_restricted(sc, before, besieger):
            h["restricted_days"] += 1
            resumed = any(
                isinstance(o, MakeMove) and _is_resume(sc, o.move) for o in turn.orders[besieger]
            )
            if not resumed and any(isinstance(o, Fire) for o in turn.orders[besieger]):
                h["restricted_fired"] += 1
        h["halts"] += sum(
            1 for o in turn.orders[besieger] if isinstance(o, MakeMove) and _is_halt(sc, o.move)
        )
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


def _is_halt(sc: Scenario, move_id: str) -> bool:
    m = sc.move(move_id)
    return any(
        e.set == "halt_days" and not isinstance(e.value, bool) and e.value > 0 for e in m.effects
    )


def _is_resume(sc: Scenario, move_id: str) -> bool:
    """A move that ends a halt by declaration (the day's fire then breaks no promise)."""
    m = sc.move(move_id)
    return any(
        e.set == "halt_days" and not isinstance(e.value, bool) and e.value <= 0 for e in m.effects
    )


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
        "historian": {
            "night_convoys_26aug_6sep": _share(h["night_window"], h["convoys_window"]),
            "night_convoys_all": _share(h["night"], h["convoys"]),
            "convoys_per_game": round(h["convoys"] / n, 1) if n else 0.0,
            "halt_declarations_per_game": round(h["halts"] / n, 2) if n else 0.0,
            "restricted_days_per_game": round(h["restricted_days"] / n, 1) if n else 0.0,
            "halts_kept": (
                None
                if not h["restricted_days"]
                else round(1.0 - h["restricted_fired"] / h["restricted_days"], 3)
            ),
            "cb_share_after_8inch": _share(h["roc_cb_after"], h["roc_rounds_after"]),
            "cb_share_8inch_guns": _share(h["heavy_cb"], h["heavy_rounds"]),
            "cb_rounds_a_day_before_8inch": _per_day(h["roc_cb_before"], h["days_before_8inch"]),
            "cb_rounds_a_day_after_8inch": _per_day(h["roc_cb_after"], h["days_after_8inch"]),
            "record": {"night": NIGHT_RECORD, "halts": HALT_RECORD, "counter_battery": CB_RECORD},
        },
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
    hist = s["historian"]

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.0%}"

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:,.0f}"

    lines += [
        "",
        "Historian's check                         games    the article",
        f"  ROC convoys at night, 26 Aug-6 Sep     {pct(hist['night_convoys_26aug_6sep']):>6}   "
        f"{NIGHT_RECORD}",
        f"  ROC convoys at night, whole game       {pct(hist['night_convoys_all']):>6}   "
        f"({hist['convoys_per_game']} convoys a game)",
        f"  days of PLA halt/odd-day kept          {pct(hist['halts_kept']):>6}   {HALT_RECORD}"
        f" ({hist['restricted_days_per_game']} such days, "
        f"{hist['halt_declarations_per_game']} halts declared a game)",
        f"  ROC fire on batteries after 8-inch     {pct(hist['cb_share_after_8inch']):>6}   "
        f"{CB_RECORD}",
        f"  8-inch rounds on batteries             {pct(hist['cb_share_8inch_guns']):>6}",
        f"  ROC rounds on batteries a day, before / after the 8-inch guns: "
        f"{num(hist['cb_rounds_a_day_before_8inch'])} / {num(hist['cb_rounds_a_day_after_8inch'])}"
        f" (the article: counter-battery massed once they arrived)",
    ]
    return "\n".join(lines)
