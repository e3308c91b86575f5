"""Odds before an order is given, from the same `resolve` code that will decide it.

A preview replays the day many times on copies of the state with its own generators (never
the game's) and summarises what the report says about each order: a player sees the spread
the dice will really have, and the AI's look-ahead cannot drift from the rules.

The enemy's side of the day is given as plans (lists of orders), used in turn, one per trial:
`game.ai.odds` passes the answers the normal AI would give on the side's belief, so the odds
are against the likely enemy; no plan at all means "if the enemy does nothing". Besides what
the report says of each order, a preview measures its costs from the day's outcome: the guns
a firing battery lost to the enemy's counter-battery fire and whether it was left spotted,
and the aircraft a patrol lost and shot down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.legality import check_orders
from game.engine.report import Msg, Report
from game.engine.resolve import resolve_checked
from game.engine.rng import seed_state
from game.engine.state import State
from game.scenario.model import Scenario, other
from game.scenario.orders import AirSortie, Fire, Order

#: Figures each report entry kind carries for previews, in display order.
FIGURES = {
    "fire": ("hits", "kg", "after", "military", "civilian"),
    "counter_battery": ("hits", "destroyed"),
    # what a convoy shipped is landed, lost or brought back: without "returned" the preview
    # left a turned-back convoy's cargo unaccounted for (2.9 t landed, 155 t lost of 288 t)
    "convoy": ("landed", "lost", "returned", "sunk_at_sea", "sunk_at_beach"),
    # the enemy's patrol sorties left after the air battle: what the transports' losses
    # hang on (a patrol of one's own, given after the airlift, changes it; issue 16)
    "airlift": ("landed", "aircraft_lost", "enemy_patrols"),
    "naval": ("sunk", "boats_lost"),
    "recon": ("lost", "spotted"),
}

#: each order kind's main figure: what "the order did" means (the preview test's measure)
MAIN = {
    "fire": "hits",
    "counter_battery": "hits",
    "convoy": "landed",
    "airlift": "landed",
    "naval": "sunk",
    "recon": "lost",
    "patrol": "aircraft_lost",
}


@dataclass(frozen=True)
class Stat:
    mean: float
    sd: float
    p10: float
    p90: float
    n: int

    @property
    def ci99(self) -> tuple[float, float]:
        """Where the true mean lies (about 99.7%): mean +- 3 standard errors."""
        half = 3.0 * self.sd / math.sqrt(self.n) if self.n > 1 else 0.0
        return (self.mean - half, self.mean + half)


@dataclass(frozen=True)
class Preview:
    """For each order index of the side: figure name -> Stat."""

    side: str
    orders: dict[int, dict[str, Stat]]
    #: why each refused order is refused (a `refuse.*` message, see `game.words.render`)
    reasons: dict[int, Msg]


def preview(
    sc: Scenario,
    state: State,
    side: str,
    orders: Sequence[Order],
    enemy_orders: Sequence[Order] = (),
    samples: int = 100,
    seed: int = 0,
    enemy_plans: Sequence[Sequence[Order]] = (),
) -> Preview:
    """Resolve the day `samples` times and summarise each order's outcome and costs.

    The enemy gives `enemy_plans[k % len(enemy_plans)]` in trial k (its refused orders left
    out), or `enemy_orders` in every trial when no plans are given."""
    reasons = dict(check_orders(sc, state, side, orders))
    legal = [o for i, o in enumerate(orders) if i not in reasons]
    index = [i for i in range(len(orders)) if i not in reasons]
    plans = [list(p) for p in enemy_plans] or [list(enemy_orders)]
    plans = [_legal(sc, state, other(side), p) for p in plans]
    values: dict[int, dict[str, list[float]]] = {}
    if state.over:
        return Preview(side, {}, reasons)
    for k in range(samples):
        trial = state.clone()
        trial.rng = seed_state((seed << 20) ^ (k * 7919 + 1))
        after, report = resolve_checked(
            sc, trial, {side: legal, other(side): plans[k % len(plans)]}
        )
        for j, figs in _figures(sc, side, legal, after, report).items():
            slot = values.setdefault(index[j], {})
            for name, v in figs.items():
                slot.setdefault(name, []).append(v)
    stats = {i: {name: _stat(vs) for name, vs in figs.items()} for i, figs in values.items()}
    return Preview(side, stats, reasons)


def _legal(sc: Scenario, state: State, side: str, orders: list[Order]) -> list[Order]:
    refused = dict(check_orders(sc, state, side, orders))
    return [o for j, o in enumerate(orders) if j not in refused]


def _figures(
    sc: Scenario, side: str, legal: Sequence[Order], after: State, report: Report
) -> dict[int, dict[str, float]]:
    """Each legal order's figures in one trial (index into `legal`): what the report says of
    it, and its costs read from the day's outcome."""
    out: dict[int, dict[str, float]] = {}
    for entry in report.entries:
        if entry.side != side or entry.kind not in FIGURES:
            continue
        j = entry.data.get("order")
        if not isinstance(j, int) or j >= len(legal):
            continue
        slot = out.setdefault(j, {})
        for name in FIGURES[entry.kind]:
            v = entry.data.get(name)
            if isinstance(v, list):
                v = len(v)
            if isinstance(v, int | float) and not isinstance(v, bool):
                slot[name] = slot.get(name, 0.0) + float(v)
    enemy = other(side)
    lost_to_fire: dict[str, float] = {}
    air = {"own": 0.0, "enemy": 0.0}
    for entry in report.entries:
        if entry.kind == "counter_battery" and entry.side == enemy:
            tgt = str(entry.data.get("target"))
            lost_to_fire[tgt] = lost_to_fire.get(tgt, 0.0) + float(entry.data.get("destroyed", 0))
        elif entry.kind == "air_battle":
            air["own"] += float(entry.data.get(f"{side}_lost", 0))
            air["enemy"] += float(entry.data.get(f"{enemy}_lost", 0))
    for j, o in enumerate(legal):
        if isinstance(o, Fire):
            slot = out.setdefault(j, {})
            slot["guns_lost"] = lost_to_fire.get(o.group, 0.0)
            slot["exposed"] = 1.0 if after.groups[o.group].spotted_until >= after.day else 0.0
        elif isinstance(o, AirSortie) and o.mission == "patrol":
            # the engine reports one air battle for all patrols: a second patrol order shows
            # the same totals
            out.setdefault(j, {}).update(aircraft_lost=air["own"], enemy_lost=air["enemy"])
    return out


def _stat(vs: list[float]) -> Stat:
    n = len(vs)
    mean = sum(vs) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in vs) / (n - 1)) if n > 1 else 0.0
    s = sorted(vs)
    return Stat(mean, sd, s[int(0.1 * (n - 1))], s[int(0.9 * (n - 1))], n)
