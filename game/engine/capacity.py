"""How much a unit can do in a day: the one definition of each limit the rules enforce.

The legality check refuses orders beyond these limits, the resolution unloads convoys within
them, and the players (the AI, random orders) and the order forms size their orders by them:
all call these functions, so that what a form offers, what an AI plans and what the engine
accepts cannot drift apart.

The `*_rate` functions give the unrounded figure for callers that plan a share of it (an AI
firing 35% of its guns' capacity rounds the share, not the capacity); the limits are their
whole part.
"""

from __future__ import annotations

from game.scenario.model import AirUnit, ArtilleryGroup, Scenario, Target


def fire_rate(group: ArtilleryGroup, guns: float, suppressed: float) -> float:
    """Rounds `guns` of the group could fire today, before rounding: each gun's daily rate,
    less the share lost to suppression (yesterday's counter-battery)."""
    return guns * group.rounds_per_gun * (1.0 - suppressed)


def fire_capacity(group: ArtilleryGroup, guns: float, suppressed: float) -> int:
    """Rounds the group may fire today (its own dump, if it has one, is a separate limit)."""
    return int(fire_rate(group, guns, suppressed))


def sortie_rate(sc: Scenario, unit: AirUnit, aircraft: float) -> float:
    """Sorties `aircraft` of `unit` can fly today, before rounding: the unit's own
    `sorties_per_day` (a transport on a long run flies fewer than a fighter on patrol), else
    the scenario's `sorties_per_aircraft`."""
    per = unit.sorties_per_day
    return aircraft * (sc.rule("sorties_per_aircraft") if per is None else per)


def sortie_limit(sc: Scenario, unit: AirUnit, aircraft: float) -> int:
    """Sorties (patrol, reconnaissance or airlift, together) a unit may fly today."""
    return int(sortie_rate(sc, unit, aircraft))


def beach_capacity(beach: Target, night: bool, integrity: float) -> float:
    """Tons a beach or pier can unload in one run (night or day) at `integrity` (0-100): its
    full capacity, less the share its damage takes away. Convoys to the same beach on the
    same day share it."""
    full = beach.capacity_night_t if night else beach.capacity_day_t
    return full * integrity / 100.0
