"""What a side reckons about its day, from its observation: the judgements both roles share.

The date, tonight's expected tension, how many days of food the garrison holds, whether US
escorts are on offer, what a diplomatic move is worth and whether it may be made, the side's
own accuracy, and the engine's legality check over a list of orders. Each reads only the
side's `Observation` (and its belief, for legality) and the scenario: never the `State`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from game.ai import tuning
from game.ai.theatre import brink, theatre
from game.engine.belief import estimate_supply, known_var
from game.engine.legality import Checker
from game.engine.observe import Observation
from game.engine.rng import Rng
from game.engine.state import State, compare
from game.scenario.model import Move, Scenario, other
from game.scenario.orders import Order

T = TypeVar("T")


def known(value: T | None) -> T:
    """A value of an `Observation` the AI relies on seeing (its own side's, or one the rules
    make public): the observation types it as maybe hidden (None), and None here would be a
    bug in what the side is shown, so it fails loudly rather than being read as zero."""
    if value is None:
        raise ValueError("the AI read a value its observation hides")
    return value


def today(sc: Scenario, day: int) -> dt.date:
    """The date of day index `day` (0 is the scenario's first day)."""
    return sc.meta.start + dt.timedelta(days=day)


def expected_tension(sc: Scenario, v: Observation) -> float:
    """Tension tonight before anyone's orders: today's ebb, the scripted events of the date,
    and any triggered event a rise past its threshold would set off (all public)."""
    th = theatre(sc)
    t = v.tension - sc.rule("tension_decay_per_day") + th.tension_on.get(today(sc, v.day), 0.0)
    fired = v.events_fired
    for ev_id, level, add in th.tension_triggers:
        if ev_id not in fired and t + tuning.TRIGGER_MARGIN >= level:
            t += add
    return t


def legal_only(sc: Scenario, state: State, side: str, orders: Sequence[Order]) -> list[Order]:
    """The orders the engine accepts, each checked after the ones kept before it (a refused
    order is dropped and uses nothing), as `check_order` judges them, in one linear pass."""
    checker = Checker(sc, state, side)
    for o in orders:
        checker.offer(o)
    return checker.accepted


def move_legal(sc: Scenario, v: Observation, side: str, move: Move) -> bool:
    """Whether the side may make `move` today, judged on its view `v` (a requirement on a
    figure it cannot see is judged on its estimate; the engine has the last word)."""
    if move.side != side:
        return False
    if move.available_from and today(sc, v.day) < move.available_from:
        return False
    if move.once and move.id in v.moves_made:
        return False
    return all(compare(known_var(sc, v, c.var), c.op, c.value) for c in move.requires)


def move_fresh(move: Move, day: int, made: Sequence[str]) -> bool:
    """Whether a repeatable move is not worn out (stateless: counts it against days played)."""
    return move.once or made.count(move.id) * tuning.REPEAT_DAYS <= day


def tension_weight(tension: float, top: float = 100.0) -> float:
    """How much one point of tension matters: little when calm, a lot near the brink `top`."""
    return 0.05 + 0.95 * min(1.0, max(0.0, (tension - (top - 55.0)) / 40.0)) ** 2


def move_value(
    sc: Scenario,
    move: Move,
    side: str,
    tension: float,
    own_morale: float,
    enemy_pressure: float,
    made: Sequence[str] = (),
) -> float:
    """A plain move's worth today, in rough points (above `tuning.MOVE_WORTH` is worth
    making); a move made often before is worth less (the world stops listening to the same
    demand)."""
    enemy = other(side)
    base = sc.sides[side].morale  # type: ignore[index]
    adds = theatre(sc).madd[move.id]
    v = -tension_weight(tension, brink(sc)) * adds.get("tension", 0.0)
    commit = adds.get("us_commitment", 0.0)
    v += 0.05 * commit if side == sc.cast.besieged else -0.05 * commit
    own = adds.get(f"morale.{side}", 0.0)
    v += own * (0.35 if own_morale < base - 8 else 0.08)
    v -= adds.get(f"morale.{enemy}", 0.0) * (0.1 + 0.4 * enemy_pressure)
    return v - 0.12 * made.count(move.id)


def food_days(sc: Scenario, v: Observation) -> float:
    """Days of food (the roles' `food` kind; without one, the scarcest kind with daily use)
    the besieged garrison holds, as the side reckons them."""
    sup: Any = v.supply
    if any(x is None for x in sup.values()):
        sup = estimate_supply(sc, v)
    food = sc.cast.food
    best = 999.0
    for k in sc.supply.kinds:
        if k.daily_use_t > 0 and (k.id == food or food is None):
            best = min(best, sup[k.id] / k.daily_use_t)
    return best


def escort_on(sc: Scenario, v: Observation, side: str) -> bool:
    """Whether US escorts are on offer to `side`'s convoys (the roles name the flag and the
    side it serves; a mod may have none)."""
    role = sc.cast.us_escort
    return role is not None and role.side == side and bool(v.flags.get(role.flag))


def halt_declared(sc: Scenario, v: Observation) -> bool:
    """Whether the besieger has declared a halt before, by the flag its halt move sets (True
    when its halt move sets none: nothing then stops odd-day shelling coming first)."""
    flags = [
        e.set[5:]
        for m in theatre(sc).moves[sc.cast.besieger]
        if theatre(sc).mkind[m.id] == "halt"
        for e in m.effects
        if e.set and e.set.startswith("flag.") and e.value is True
    ]
    return all(bool(v.flags.get(f, True)) for f in flags[:1])


def own_accuracy(sc: Scenario, v: Observation, side: str) -> float:
    """The side's accuracy as the engine computes it, from what the side knows of itself."""
    th = theatre(sc)
    m = 1.0 - sc.rule("morale_accuracy_weight") * (1.0 - (v.morale[side] or 0.0) / 100.0)
    posts = [known(v.integrity[t.id]) for t in th.posts[side]]
    cp = sum(posts) / len(posts) if posts else 100.0
    cpf = 1.0 - sc.rule("command_post_accuracy_weight") * (1.0 - cp / 100.0)
    return max(0.05, m * cpf * (1.0 - (v.fire_control_loss[side] or 0.0)))


def pick(weights: Sequence[float], rng: Rng) -> int:
    """An index drawn with chance proportional to its weight (one draw from the side's own
    generator, so the enemy cannot count on the likeliest choice)."""
    total = sum(weights)
    x = rng.random() * total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(weights) - 1
