"""What one side knows: the state with the enemy's hidden figures removed.

Hidden from a side (see docs/hidden-information.md): the guns and ammunition of enemy
batteries it has not spotted (reconnaissance and their own firing reveal them), the enemy's
supply stocks, ships in turnaround, aircraft counts, morale and fire control. Public: the
date, targets' visible damage, declared halts and other flags, tension and US commitment,
named commanders' fates (announced), and running totals of shells, tons and losses.
"""

from __future__ import annotations

from typing import Any

from game.engine.state import State
from game.scenario.model import Scenario, other


def view(sc: Scenario, state: State, side: str) -> dict[str, Any]:
    data = state.to_dict()
    data.pop("rng")
    data.pop("seed")
    enemy = other(side)
    for g in sc.artillery:
        if g.side == enemy:
            gs = data["groups"][g.id]
            known = gs["spotted_until"] >= state.day
            gs["spotted"] = known
            if not known:
                gs["guns"] = gs["ammo"] = gs["destroyed"] = None
                gs["suppressed"] = None
    data["ships"] = {
        k: (v if sc.ship_class(k).side == side else None) for k, v in data["ships"].items()
    }
    data["ships_away"] = [x for x in data["ships_away"] if sc.ship_class(x[1]).side == side]
    data["aircraft"] = {
        k: (v if sc.air_unit(k).side == side else None) for k, v in data["aircraft"].items()
    }
    data["morale"] = {s: (v if s == side else None) for s, v in data["morale"].items()}
    data["fire_control_loss"] = {
        s: (v if s == side else None) for s, v in data["fire_control_loss"].items()
    }
    if side == "prc":
        data["supply"] = {k: None for k in data["supply"]}
    return data
