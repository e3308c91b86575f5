"""The balance report: who wins, how often the besieger halts, and how many real choices a side
has in its first days.

Issue 17 asks of normal against normal, seeds 1-200: each side wins at least 35% of all games,
draws at most 20%, the besieger declares a halt in at least 10% of games, and games in which it
halts end no worse for it than games in which it does not. `report` reads one setting of a
`sweep` summary (`game.history.sweep`: wins with 95% intervals, the halt summary, one short
result per game) and checks those targets, so the measure is rerun with one command after any
change to the engine's numbers or the AI (`tools/balance.py`).

`first_day_choices` counts the distinct orders the AI gives in each side's first days: a side
that gives the same orders on every seed has no real choice however long its order list is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from game.engine.run import play
from game.engine.state import new_game
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order

#: issue 17's targets: least share of all games each side wins, most share of draws, least
#: share of games with a halt
TARGETS = {"side_wins": 0.35, "draws": 0.20, "halts": 0.10}

_Z95 = 1.959963984540054


def choice(o: Order) -> str:
    """What an order chooses, without its sizes: which guns at which target, which ships to
    which beach by day or night, which aircraft on which mission, which move. Two orders that
    differ only in rounds or tons are the same choice made more or less strongly."""
    if isinstance(o, Fire):
        return f"fire {o.group} -> {o.target}"
    if isinstance(o, Convoy):
        esc = " escorted" if o.escorts else ""
        us = " +US" if o.us_escort else ""
        return f"convoy {o.ship_class} -> {o.beach} {'night' if o.night else 'day'}{esc}{us}"
    if isinstance(o, Airlift):
        return f"airlift {o.air_unit}"
    if isinstance(o, AirSortie):
        return f"sortie {o.air_unit} {o.mission}"
    if isinstance(o, NavalSortie):
        return f"sail {o.ship_class}"
    if isinstance(o, MakeMove):
        return f"move {o.move}"
    return o.type


def first_day_choices(
    sc: Scenario,
    seeds: Iterable[int],
    days: int = 3,
    prc: str = "ai:normal",
    roc: str = "ai:normal",
) -> dict[str, dict[str, int]]:
    """Per side: the distinct orders (`orders`, sizes included), the distinct choices
    (`choices`, `choice`) and the distinct whole days' plans (`plans`: the set of choices a
    day, per day index) the players give on the first `days` days over `seeds`."""
    from game.ai.players import make_player

    exact: dict[str, set[str]] = {s: set() for s in SIDES}
    kinds: dict[str, set[str]] = {s: set() for s in SIDES}
    plans: dict[str, set[tuple[int, frozenset[str]]]] = {s: set() for s in SIDES}
    for seed in seeds:
        players = {"prc": make_player(prc, seed), "roc": make_player(roc, seed + 1)}
        for turn in play(sc, new_game(sc, seed), players, days=days):
            for side in SIDES:
                given = turn.orders.get(side, [])
                exact[side].update(json.dumps(o.to_dict(), sort_keys=True) for o in given)
                kinds[side].update(choice(o) for o in given)
                plans[side].add((turn.before.day, frozenset(choice(o) for o in given)))
    return {
        s: {"orders": len(exact[s]), "choices": len(kinds[s]), "plans": len(plans[s])}
        for s in SIDES
    }


def besieger_result(game: dict[str, Any], besieger: str) -> int:
    """A game's ending for the besieger: 1 won, 0 drawn, -1 lost (runaway tension, which
    nobody wins, counts as lost: the AI's evaluation scores it so for both sides)."""
    if game["winner"] == besieger:
        return 1
    return 0 if game["winner"] == "draw" else -1


def _mean_ci(xs: list[float]) -> tuple[float, float, float]:
    """Mean and its 95% normal interval (the interval is the mean itself for fewer than 2)."""
    n = len(xs)
    if n == 0:
        return 0.0, 0.0, 0.0
    m = sum(xs) / n
    if n < 2:
        return m, m, m
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    half = _Z95 * sd / math.sqrt(n)
    return m, m - half, m + half


def report(setting: dict[str, Any], besieger: str) -> dict[str, Any]:
    """The balance figures of one `sweep` setting and whether each target is met.

    The besieger's result in a game is 1 won, 0 drawn, -1 lost or runaway tension
    (`besieger_result`); halting games are compared with the others by
    mean result with 95% intervals.
    """
    n = setting["games"]
    w = setting["wins"]
    games = setting["results"]
    halted = [float(besieger_result(g, besieger)) for g in games if g["halts"] > 0]
    rest = [float(besieger_result(g, besieger)) for g in games if g["halts"] == 0]
    h_mean, h_lo, h_hi = _mean_ci(halted)
    r_mean, r_lo, r_hi = _mean_ci(rest)
    h = setting["halts"]
    checks = {
        "prc_wins": w["prc"]["share"] >= TARGETS["side_wins"],
        "roc_wins": w["roc"]["share"] >= TARGETS["side_wins"],
        "draws": w["draw"]["share"] <= TARGETS["draws"],
        "halts": h["share"] >= TARGETS["halts"],
        "halts_worth_it": bool(halted) and h_mean >= r_mean,
    }
    return {
        "games": n,
        "wins": w,
        "halts": h,
        "besieger_result": {
            "halted": {"games": len(halted), "mean": h_mean, "low": h_lo, "high": h_hi},
            "not": {"games": len(rest), "mean": r_mean, "low": r_lo, "high": r_hi},
        },
        "endings": setting["endings"],
        "checks": checks,
    }


def format_report(r: dict[str, Any], choices: dict[str, dict[str, int]] | None = None) -> str:
    """The report as the table the notes and docs/ai.md quote."""
    n = r["games"]
    lines = [f"{n} games", "", "outcome        games   share   95% interval      target"]
    marks = {True: "met", False: "NOT met"}
    rows = (
        ("PLA wins", "prc", f">= {TARGETS['side_wins']:.0%}", "prc_wins"),
        ("ROC wins", "roc", f">= {TARGETS['side_wins']:.0%}", "roc_wins"),
        ("draws", "draw", f"<= {TARGETS['draws']:.0%}", "draws"),
        ("no winner", "none", "", ""),
    )
    for label, k, target, check in rows:
        w = r["wins"][k]
        mark = f"{target} {marks[r['checks'][check]]}" if check else ""
        line = (
            f"{label:<13} {w['games']:>6}  {w['share']:6.1%}   {w['low']:5.1%} to {w['high']:5.1%}"
        )
        lines.append(f"{line}   {mark}".rstrip())
    h = r["halts"]
    lines.append(
        f"{'halts':<13} {h['games']:>6}  {h['share']:6.1%}   {h['low']:5.1%} to {h['high']:5.1%}"
        f"   >= {TARGETS['halts']:.0%} {marks[r['checks']['halts']]}"
    )
    lines.append("")
    lines.append("besieger's mean result (1 won, 0 drawn, -1 lost)")
    for label, k in (("games with a halt", "halted"), ("games without", "not")):
        b = r["besieger_result"][k]
        lines.append(
            f"  {label:<18} {b['games']:>4} games  {b['mean']:+.2f}  "
            f"(95%: {b['low']:+.2f} to {b['high']:+.2f})"
        )
    lines.append(f"  halting no worse: {marks[r['checks']['halts_worth_it']]}")
    lines.append("endings: " + ", ".join(f"{e} {c}" for e, c in r["endings"].items()))
    if choices:
        lines += ["", "distinct orders in the first days (orders / choices / day plans)"]
        for side, c in choices.items():
            lines.append(f"  {side}: {c['orders']} / {c['choices']} / {c['plans']}")
    return "\n".join(lines)
