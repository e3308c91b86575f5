"""Simple players every mode can use: hold fire, random legal orders, and the historical record.

A player is anything with `orders(scenario, observation) -> list[Order]`: it decides from what
its side observes (`game.engine.observe.observe`), never from the `State`, and checks its
orders on its belief (`game.engine.belief.belief`), where its own figures are exact.
Randomness comes from the player's own generator, never the game's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from game.engine.belief import belief
from game.engine.capacity import fire_capacity
from game.engine.legality import Checker, check_orders, fire_distance, group_available, today
from game.engine.observe import Observation
from game.engine.report import Msg
from game.engine.rng import Rng, seed_state
from game.scenario.memo import per_scenario
from game.scenario.model import HistoryDay, Scenario
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order


class Player(Protocol):
    def orders(self, sc: Scenario, obs: Observation) -> list[Order]: ...


class HoldPlayer:
    """Gives no orders: the baseline every real strategy must beat."""

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        return []


@dataclass(frozen=True)
class Refusal:
    """A historical order the rules refused on its day: kept as data so the replay and the
    calibration can say so (a silently vanished convoy looks like history)."""

    date: dt.date
    side: str
    index: int
    order: Order
    #: the rules' reason, as data (`game.words.render` words it)
    reason: Msg


class HistoryPlayer:
    """Plays the scenario's historical record; an order the game no longer allows on its day
    (after a mod's change, or what the dice did) is left out and listed in `refused`."""

    def __init__(self) -> None:
        self.refused: list[Refusal] = []

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        known = belief(sc, obs, 0)
        date = today(sc, known)
        day = _history_by_date(sc).get(date)
        if day is None:
            return []
        orders = list(day.orders.get(obs.side, []))  # type: ignore[call-overload]
        refused = dict(check_orders(sc, known, obs.side, orders))
        for i, why in refused.items():
            self.refused.append(Refusal(date, obs.side, i, orders[i], why))
        return [o for i, o in enumerate(orders) if i not in refused]


@per_scenario
def _history_by_date(sc: Scenario) -> dict[dt.date, HistoryDay]:
    """The historical record's days by date, built once per scenario."""
    return {d.date: d for d in sc.history}


class RandomPlayer:
    """Random legal orders from its own seeded generator (for tests and as a strength floor)."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = Rng(seed_state(seed ^ 0x5EED))

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        rng = self.rng
        side = obs.side
        state = belief(sc, obs, 0)
        checker = Checker(sc, state, side)
        out = checker.accepted
        offer = checker.offer

        enemy_targets = [t.id for t in sc.targets if t.side != side]
        enemy_groups = [g.id for g in sc.artillery if g.side != side]
        for g in sc.artillery:
            gs = state.groups[g.id]
            if g.side != side or gs.guns <= 0 or not group_available(sc, state, g):
                continue
            if not rng.chance(0.6):
                continue
            choices = [
                t for t in enemy_targets + enemy_groups if fire_distance(sc, g, t) <= g.range_km
            ]
            if not choices:
                continue
            target = choices[int(rng.random() * len(choices))]
            cap = fire_capacity(g, gs.guns, gs.suppressed)
            rounds = max(1, int(cap * (0.1 + 0.9 * rng.random())))
            if gs.ammo >= 0:
                rounds = min(rounds, gs.ammo)
            if rounds > 0:
                offer(Fire(group=g.id, target=target, rounds=rounds, break_halt=rng.chance(0.05)))
        beaches = [
            t.id for t in sc.targets if t.side == side and t.kind in sc.cast.kinds("landing")
        ]
        kinds = [k.id for k in sc.supply.kinds]
        for cls in sc.ships:
            free = state.ships.get(cls.id, 0)
            if cls.side != side or free <= 0:
                continue
            if cls.role == "transport" and beaches and rng.chance(0.5):
                ships = 1 + int(rng.random() * free)
                total = ships * cls.cargo_t * (0.3 + 0.7 * rng.random())
                cargo = {k: round(total / len(kinds), 1) for k in kinds}
                escorts = [e for e in sc.ships if e.side == side and e.role == "escort"]
                esc = escorts[0] if escorts and rng.chance(0.5) else None
                n_esc = min(state.ships.get(esc.id, 0), 1 + int(rng.random() * 3)) if esc else 0
                offer(
                    Convoy(
                        ship_class=cls.id,
                        ships=ships,
                        cargo=cargo,
                        beach=beaches[int(rng.random() * len(beaches))],
                        night=rng.chance(0.6),
                        escort_class=esc.id if esc and n_esc else None,
                        escorts=n_esc,
                        us_escort=_escort_on(sc, obs) and rng.chance(0.5),
                    )
                )
            elif cls.role in ("torpedo_boat", "gunboat") and rng.chance(0.4):
                offer(NavalSortie(ship_class=cls.id, boats=1 + int(rng.random() * free)))
        for unit in sc.air:
            if unit.side != side or state.aircraft[unit.id] < 1:
                continue
            most = int(state.aircraft[unit.id])
            if unit.role == "fighter" and rng.chance(0.5):
                offer(AirSortie(air_unit=unit.id, sorties=1 + int(rng.random() * most)))
            elif unit.role == "transport" and rng.chance(0.3):
                sorties = 1 + int(rng.random() * most)
                cargo = {kinds[0]: round(sorties * unit.cargo_t * 0.9, 1)}
                offer(Airlift(air_unit=unit.id, sorties=sorties, cargo=cargo))
            if unit.role in ("fighter", "recon") and rng.chance(0.1):
                offer(
                    AirSortie(air_unit=unit.id, sorties=1 + int(rng.random() * 4), mission="recon")
                )
        moves = [m.id for m in sc.moves if m.side == side]
        if moves and rng.chance(0.05):
            offer(MakeMove(move=moves[int(rng.random() * len(moves))]))
        return out


def _escort_on(sc: Scenario, obs: Observation) -> bool:
    role = sc.cast.us_escort
    return role is not None and role.side == obs.side and bool(obs.flags.get(role.flag))


def make_player(spec: str, seed: int = 0) -> Player:
    """`history`, `hold`, `random`, `ai` (normal), `ai:easy`, `ai:normal`, `ai:hard`."""
    name, _, level = spec.partition(":")
    if name == "history":
        return HistoryPlayer()
    if name == "hold":
        return HoldPlayer()
    if name == "random":
        return RandomPlayer(seed)
    if name == "ai":
        level = level or "normal"
        if level == "easy":
            from game.ai.heuristic import EasyAI

            return EasyAI(seed)
        if level in ("normal", "hard"):
            from game.ai.search import SearchAI

            return SearchAI(level, seed)
        raise ValueError(f"unknown AI level '{level}' (easy, normal, hard)")
    raise ValueError(
        f"unknown player '{spec}' (history, hold, random, ai, ai:easy, ai:normal, ai:hard)"
    )
