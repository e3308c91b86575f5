"""Odds against the likely enemy: what an order is expected to do when the enemy answers as the
normal AI would, judged only from what the side observes.

A preview "if the enemy does nothing" promised a first convoy 300 t ashore and no ship lost; it
landed nothing and lost both ships. So the odds a player sees are taken against the enemy's
likely answer: from the side's `Observation`, the engine's belief (`game.engine.belief`: hidden
figures estimated from public ones) gives a world the side thinks possible; the enemy's view
of that world is taken with `observe`, and the normal AI is asked for its orders, once per
seed. Orders are simultaneous, so these answers do not depend on the order being previewed:
they are worked out once a day (`likely_enemy`) and every preview of the day reuses them.

The true state is never read: two states the side cannot tell apart give the same odds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.ai.search import SearchAI
from game.engine.belief import belief
from game.engine.observe import Observation, observe
from game.engine.preview import Preview, preview
from game.engine.rng import seed_state
from game.scenario.model import Scenario, other
from game.scenario.orders import Order

#: answers of the normal AI sampled per day: each costs one normal-AI decision (tens of ms),
#: and previews cycle through them, so a few spread the odds as a real opponent's choice would
ANSWERS = 4
#: trials per preview: the 10-90% range of a figure settles within a few per cent by 40
SAMPLES = 40


@dataclass(frozen=True)
class LikelyEnemy:
    """The enemy's likely orders for one day, as the side can foresee them."""

    side: str
    day: int
    plans: tuple[tuple[Order, ...], ...]


def likely_enemy(
    sc: Scenario, obs: Observation, answers: int = ANSWERS, level: str = "normal", seed: int = 0
) -> LikelyEnemy:
    """The normal AI's answers on the side's belief, one per seed (`answers` of them)."""
    enemy = other(obs.side)
    guess = belief(sc, obs, seed_state(seed ^ 0x0DD5))
    seen = observe(sc, guess, enemy)
    plans = []
    for k in range(answers):
        ai = SearchAI(level, seed * 1009 + k)
        plans.append(tuple(ai.orders(sc, seen)))
    return LikelyEnemy(enemy, obs.day, tuple(plans))


def odds(
    sc: Scenario,
    obs: Observation,
    orders: Sequence[Order],
    enemy: LikelyEnemy | None,
    samples: int = SAMPLES,
    seed: int = 0,
) -> Preview:
    """The side's `orders` resolved `samples` times on its belief, the enemy giving its likely
    answers in turn (`enemy` None: the enemy does nothing)."""
    guess = belief(sc, obs, seed_state(seed ^ 0x0DD5))
    plans = enemy.plans if enemy is not None else ((),)
    return preview(sc, guess, obs.side, orders, samples=samples, seed=seed, enemy_plans=plans)
