"""Odds before an order is given, from the same `resolve` code that will decide it.

A preview replays the day many times on copies of the state with its own generators (never
the game's) and summarises what the report says about each order: a player sees the spread
the dice will really have, and the AI's look-ahead cannot drift from the rules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.legality import check_orders
from game.engine.report import Msg
from game.engine.resolve import resolve_checked
from game.engine.rng import seed_state
from game.engine.state import State
from game.scenario.model import Scenario, other
from game.scenario.orders import Order

#: Figures each report entry kind carries for previews, in display order.
FIGURES = {
    "fire": ("hits", "kg", "after", "military", "civilian"),
    "counter_battery": ("hits", "destroyed"),
    "convoy": ("landed", "lost", "sunk_at_sea", "sunk_at_beach"),
    "airlift": ("landed", "aircraft_lost"),
    "naval": ("sunk", "boats_lost"),
    "recon": ("lost",),
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
) -> Preview:
    """Resolve the day `samples` times and summarise each order's outcome."""
    reasons = dict(check_orders(sc, state, side, orders))
    legal = [o for i, o in enumerate(orders) if i not in reasons]
    index = [i for i in range(len(orders)) if i not in reasons]
    enemy_ok = [
        o
        for j, o in enumerate(enemy_orders)
        if j not in dict(check_orders(sc, state, other(side), enemy_orders))
    ]
    values: dict[int, dict[str, list[float]]] = {}
    if state.over:
        return Preview(side, {}, reasons)
    for k in range(samples):
        trial = state.clone()
        trial.rng = seed_state((seed << 20) ^ (k * 7919 + 1))
        _, report = resolve_checked(sc, trial, {side: legal, other(side): enemy_ok})
        for entry in report.entries:
            if entry.side != side:
                continue
            j = entry.data.get("order")
            if not isinstance(j, int) or j >= len(index) or entry.kind not in FIGURES:
                continue
            slot = values.setdefault(index[j], {})
            for name in FIGURES[entry.kind]:
                v = entry.data.get(name)
                if isinstance(v, int | float) and not isinstance(v, bool):
                    slot.setdefault(name, []).append(float(v))
    stats = {i: {name: _stat(vs) for name, vs in figs.items()} for i, figs in values.items()}
    return Preview(side, stats, reasons)


def _stat(vs: list[float]) -> Stat:
    n = len(vs)
    mean = sum(vs) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in vs) / (n - 1)) if n > 1 else 0.0
    s = sorted(vs)
    return Stat(mean, sd, s[int(0.1 * (n - 1))], s[int(0.9 * (n - 1))], n)
