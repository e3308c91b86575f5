"""Fire at a meal hour: the day's opening hour of fire and the surprise it can bring.

The article gives the hour the barrage opened (17:30 by one record, 18:30 by another) and why
it mattered: 由於當時正值晚餐時間，突發砲火造成国军官兵死傷440餘人 («because it was dinner
time, the sudden fire killed or wounded more than 440 ROC officers and men»). A fire order may
carry an hour; a side's opening hour of fire is the earliest hour among its day's missions.
When it falls in the meal window (`meal_hour_from` <= hour < `meal_hour_to`) and the enemy was
not under fire for `surprise_quiet_days` days (the first day, or after a lull or a halt), the
side's missions that carry an hour cause `surprise_casualty_factor` times the casualties.
Missions without an hour get no surprise, so a scenario or save written before fire had an
hour replays as it did. Shared by the fire phase, the preview and the AI (pure functions of
the scenario, the morning's state and the orders: no draw).
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.observe import Observation
from game.engine.state import State
from game.scenario.model import Scenario, other
from game.scenario.orders import Fire, Order


def opening_hour(orders: Iterable[Order]) -> float | None:
    """The earliest hour among the fire missions of `orders` that carry one (None: none do)."""
    hours = [o.hour for o in orders if isinstance(o, Fire) and o.hour is not None]
    return min(hours) if hours else None


def at_meal(sc: Scenario, hour: float | None) -> bool:
    """Whether fire opening at `hour` falls in the scenario's meal window."""
    return hour is not None and sc.rule("meal_hour_from") <= hour < sc.rule("meal_hour_to")


def alerted(sc: Scenario, state: State | Observation, side: str) -> bool:
    """Whether `side` came under enemy fire within the last `surprise_quiet_days` days (a
    side never fired on is not: the first day's garrison is at its dinner)."""
    last = state.under_fire.get(side)
    return last is not None and state.day - last <= sc.rule("surprise_quiet_days")


def surprise_factor(sc: Scenario, state: State, side: str, orders: Iterable[Order]) -> float:
    """The casualty factor of `side`'s hour-carrying missions today: the scenario's
    `surprise_casualty_factor` when its fire opens at a meal on an enemy not on alert, else 1."""
    if at_meal(sc, opening_hour(orders)) and not alerted(sc, state, other(side)):
        return sc.rule("surprise_casualty_factor")
    return 1.0


def surprise_hour(sc: Scenario, state: State | Observation, side: str) -> float | None:
    """The hour a player seeking the surprise gives its fire today: the meal hour while the
    enemy is off its guard and the scenario makes a surprise worth anything; otherwise no
    hour (an hour outside the meal window would gain nothing and tell the enemy when)."""
    if sc.rule("surprise_casualty_factor") <= 1.0 or alerted(sc, state, other(side)):
        return None
    return meal_hour(sc)


def meal_hour(sc: Scenario) -> float:
    """The hour a side that wants the surprise opens at: the start of the meal window, on a
    whole or half hour."""
    return min(23.5, round(sc.rule("meal_hour_from") * 2) / 2)


__all__ = [
    "alerted",
    "at_meal",
    "meal_hour",
    "opening_hour",
    "surprise_factor",
    "surprise_hour",
]
