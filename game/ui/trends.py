"""A side's observations of every morning so far: the status panel's change since yesterday and
trend lines, and the report's one-line summary, all from what the side saw.

Each day's figures come from `observe(sc, state_of_that_day, side)`, never from the true
state, so a figure hidden from the side is None on every day of its trend as it is today.
The past states are replayed once from the game's record (`Game.advance`) and the
observations kept per game, side and table (a spectator's all-public table is another view),
so opening the status tab every day costs one replayed day, not the whole game. No pygame.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from game.engine.observe import Observation, observe
from game.engine.state import State
from game.history.series import Chart, ChartLine
from game.scenario.model import Scenario


@dataclass
class _Seen:
    """The observations of one game by one side under one table: `obs[d]` is day d's morning."""

    obs: list[Observation] = field(default_factory=list)
    last: State | None = None


#: game -> (side, all public) -> its observations; dropped with the game
_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[str, bool], _Seen]] = weakref.WeakKeyDictionary()


def observations(game: Any, sc: Scenario, side: str, *, public: bool = False) -> list[Observation]:
    """`side`'s observation of every morning from the first to today (`game.day`), under
    `sc`'s visibility table (`public`: `sc` is the all-public table of a spectator)."""
    seen = _CACHE.setdefault(game, {}).setdefault((side, public), _Seen())
    if len(seen.obs) > game.day + 1:  # the game was cut back (never in play): start again
        seen.obs, seen.last = [], None
    while len(seen.obs) <= game.day:
        d = len(seen.obs)
        if d == game.day:
            state = game.state
        elif seen.last is None:
            state = game.state_at(d)
        else:
            state, _ = game.advance(seen.last)
        seen.last = state
        seen.obs.append(observe(sc, state, side))
    return seen.obs


# -- the figures a trend follows ------------------------------------------------------------


def stock_total(obs: Observation) -> float | None:
    """All the stocks on hand together, or None when the side may not see them."""
    vals = list(obs.supply.values())
    if not vals or any(v is None for v in vals):
        return None
    return float(sum(v for v in vals if v is not None))


def food_days(sc: Scenario, obs: Observation) -> float | None:
    """Days the scarcest eaten stock lasts (the roles' food kind first), None when hidden."""
    food = sc.cast.food
    kinds = [k for k in sc.supply.kinds if k.daily_use_t > 0]
    kinds = [k for k in kinds if k.id == food] or kinds
    best: float | None = None
    for k in kinds:
        tons = obs.supply.get(k.id)
        if tons is None:
            return None
        days = tons / k.daily_use_t
        best = days if best is None else min(best, days)
    # a minute daily use (a mod may set one) makes the days endless: no figure to draw
    return best if best is None or math.isfinite(best) else None


def tons_landed(obs: Observation) -> float:
    return float(obs.totals.get("tons.landed", 0.0))


#: trend key -> the figure of one morning (None: hidden from the side, or none)
def figure(sc: Scenario, obs: Observation, key: str) -> float | None:
    if key == "food_days":
        return food_days(sc, obs)
    if key == "morale":
        return obs.morale.get(obs.side)
    if key == "morale_enemy":
        return obs.morale.get(obs.enemy)
    if key == "tension":
        return obs.tension
    if key == "us_commitment":
        return obs.us_commitment
    if key == "tons_landed":
        return tons_landed(obs)
    raise KeyError(key)


#: the trend lines of the status tab, in order: (key, colour side of the line)
TRENDS = (
    ("food_days", "roc"),
    ("morale", "own"),
    ("tension", "neutral"),
    ("us_commitment", "us"),
    ("tons_landed", "roc"),
)


def series(sc: Scenario, days: Sequence[Observation], key: str) -> tuple[float | None, ...]:
    """The figure `key` of every morning; tons landed as each day's tons, not the running sum."""
    if key == "tons_landed":
        tot = [tons_landed(o) for o in days]
        return tuple(b - a for a, b in pairwise(tot))
    return tuple(figure(sc, o, key) for o in days)


def trend_chart(sc: Scenario, days: Sequence[Observation], key: str, side: str) -> Chart:
    """A one-line `Chart` of `key` (for `game.ui.charts.draw_chart`'s sparkline mode)."""
    return Chart(key, "", (ChartLine(key, side, series(sc, days, key)),))


def change(today: float | None, yesterday: float | None) -> float | None:
    """Today's figure minus yesterday's, None when either is not known."""
    if today is None or yesterday is None:
        return None
    return today - yesterday


def seen_var(sc: Any, obs: Observation, var: str) -> float | bool | str | None:
    """A condition variable as `obs` gives it, or None when it reads a figure the observation
    hides (or "?" for a name it does not know). Its readers (the status panel's conditions,
    a refused move's "now 40") decide nothing about visibility: they write what the
    observation holds."""
    if var in obs.totals:
        return obs.totals[var]
    head, _, rest = var.partition(".")
    simple = {"tension": obs.tension, "us_commitment": obs.us_commitment}
    if head == "day":
        return obs.day + 1
    if head in simple:
        return simple[head]
    if head == "halt_days":
        return obs.halt_days
    table: Any = {
        "morale": obs.morale,
        "supply": obs.supply,
        "flag": obs.flags,
        "integrity": obs.integrity,
    }.get(head)
    if table is not None:
        return table.get(rest, "?")
    if head == "guns":
        g = obs.groups.get(rest)
        return "?" if g is None else g.guns if g.known else None
    if head == "supply_days":
        best = 999.0
        for k in sc.supply.kinds:
            if k.daily_use_t > 0 and (not rest or k.id == rest):
                tons = obs.supply.get(k.id)
                if tons is None:
                    return None
                best = min(best, tons / k.daily_use_t)
        return best
    return "?"


__all__ = [
    "TRENDS",
    "change",
    "figure",
    "food_days",
    "observations",
    "seen_var",
    "series",
    "stock_total",
    "trend_chart",
]
