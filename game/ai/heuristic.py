"""The easy AI, and `decide`: a side's day by rule, whichever role it plays.

A side's day is decided in two steps. A *posture* (`game.ai.posture`) is the day's intention
in a few numbers; `realize` turns a posture into concrete orders for the situation the side
observes (`game.engine.observe`: players never see the `State`), keeps only orders the
engine's legality check accepts on the side's belief, and writes a one-line intent. The easy
level picks its posture by rules; normal and hard (`game.ai.search`) try several postures in
look-ahead on the real engine, and play the enemy and later days by these same rules.

The rules are by role, never by side: the scenario's `roles:` say who besieges
(`game.ai.besieger`: shell the landings, hunt convoys, ease off near the brink) and who is
besieged (`game.ai.besieged`: convoys, airlift, counter-battery), so a mod may swap them. What
they read of the scenario is in `game.ai.theatre`, what they reckon of the day in
`game.ai.reckon`, the words of the intent in `game.ai.intent`, and every number they are tuned
by in `game.ai.tuning` (tension thresholds are margins below the scenario's brink).

In 1958 the PLA besieges and the ROC is besieged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from game.ai import tuning
from game.ai.besieged import besieged_posture, realize_besieged
from game.ai.besieger import besieger_posture, realize_besieger
from game.ai.posture import BesiegedPosture, BesiegerPosture, Posture
from game.ai.reckon import legal_only
from game.ai.theatre import Theatre, theatre
from game.engine.belief import belief
from game.engine.observe import Observation
from game.engine.rng import Rng, seed_state
from game.scenario.model import Scenario
from game.scenario.orders import Order


def decide(
    sc: Scenario,
    v: Observation,
    rng: Rng,
    posture: Posture | None = None,
    explain: bool = True,
    besieger_adjust: Callable[[BesiegerPosture], BesiegerPosture] | None = None,
) -> tuple[list[Order], str, Posture]:
    """The observing side's orders, intent and posture for the day (posture chosen by rule if
    None; `besieger_adjust` then reshapes a besieger posture the rules chose, as easy's handicap
    does). The side plays the rules of the role the scenario's `roles:` give it."""
    besieger = v.side == sc.cast.besieger
    if v.over:
        idle = BesiegerPosture() if besieger else BesiegedPosture()
        return [], "The game is over", posture or idle
    # legality and declared restrictions are judged on the side's belief: its own figures
    # are exact there, and nothing hidden from it is read
    known = belief(sc, v, 0)
    if besieger:
        if isinstance(posture, BesiegerPosture):
            pp = posture
        else:
            pp = besieger_posture(sc, known, v, rng)
            if besieger_adjust is not None:
                pp = besieger_adjust(pp)
        orders, intent = realize_besieger(sc, known, v, pp, rng, explain)
        return orders, intent, pp
    rp = posture if isinstance(posture, BesiegedPosture) else besieged_posture(sc, known, v, rng)
    orders, intent = realize_besieged(sc, known, v, rp, rng, explain)
    return orders, intent, rp


class EasyAI:
    """Rules only, no look-ahead: a few tenths of a millisecond a turn.

    As the besieger it also holds its guns back to `tuning.EASY_BESIEGER_FIRE` of what the
    rules would fire: the full rules' fire plan (knock every beach down before the night's
    convoy) beats the besieged side's rules in three games of four, which makes a poor first
    opponent for a new player. The look-ahead levels still model their enemy with the full
    rules.
    """

    level = "easy"

    def __init__(self, seed: int = 0) -> None:
        self.rng = Rng(seed_state(seed ^ 0xEA5E))
        self.intent = ""
        self.posture: Posture | None = None

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        orders, self.intent, self.posture = decide(
            sc, obs, self.rng, besieger_adjust=self._hold_back
        )
        return orders

    def _hold_back(self, p: BesiegerPosture) -> BesiegerPosture:
        return replace(p, fire=p.fire * tuning.EASY_BESIEGER_FIRE)


__all__ = [
    "BesiegedPosture",
    "BesiegerPosture",
    "EasyAI",
    "Posture",
    "Theatre",
    "decide",
    "legal_only",
    "realize_besieged",
    "realize_besieger",
    "theatre",
]
