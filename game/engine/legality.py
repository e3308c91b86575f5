"""Which orders a side may give today, and why not: the reasons are shown to the player.

A reason is a `Msg`: a `refuse.*` locale key and its figures (ids, numbers), rendered into
the player's language by `game.words.render`; the engine writes no sentences.

Checks are cumulative over a side's order list (two fire missions share one group's guns and
ammunition), and never change the state: an illegal order is refused, nothing else happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.engine.capacity import fire_capacity, sortie_limit
from game.engine.geo import distance_km
from game.engine.report import Msg, msg
from game.engine.state import State, compare, get_var
from game.scenario.memo import per_scenario
from game.scenario.model import ArtilleryGroup, Scenario, Target
from game.scenario.orders import (
    Airlift,
    AirSortie,
    Convoy,
    Fire,
    MakeMove,
    NavalSortie,
    Order,
    hour_ok,
)


class IllegalOrders(Exception):
    """Raised by `resolve` when given orders that `check_orders` refuses."""

    def __init__(self, problems: Sequence[tuple[str, int, Msg | str]]):
        super().__init__("; ".join(f"{side} order {i + 1}: {why}" for side, i, why in problems))
        self.problems = problems


def today(sc: Scenario, state: State) -> dt.date:
    return sc.meta.start + dt.timedelta(days=state.day)


def fire_target(sc: Scenario, tid: str) -> Target | ArtilleryGroup | None:
    try:
        return sc.target(tid)
    except KeyError:
        pass
    try:
        return sc.group(tid)
    except KeyError:
        return None


@per_scenario
def _fire_distances(sc: Scenario) -> dict[tuple[str, str], float]:
    """(group, target) -> km, filled as `fire_distance` is asked (places never move)."""
    return {}


def fire_distance(sc: Scenario, group: ArtilleryGroup, tid: str) -> float:
    """Kilometres from a group to what it fires at (cached: places never move)."""
    cache = _fire_distances(sc)
    key = (group.id, tid)
    dist = cache.get(key)
    if dist is None:
        target = fire_target(sc, tid)
        assert target is not None
        a, b = sc.place(group.place), sc.place(target.place)
        dist = cache[key] = distance_km(a.lon, a.lat, b.lon, b.lat)
    return dist


def group_available(sc: Scenario, state: State, group: ArtilleryGroup) -> bool:
    return group.available_from is None or group.available_from <= today(sc, state)


def shelling_restricted(sc: Scenario, state: State, side: str) -> Msg | None:
    """Why the side's own declarations forbid shelling today, or None: declared halts bind
    the besieger, odd-day shelling the side the roles name (`roles:` in the scenario)."""
    roles = sc.cast
    if side == roles.besieger and state.halt_days > 0:
        return msg("refuse.halt_declared", side=side, days=state.halt_days)
    odd = roles.odd_days
    if (
        odd is not None
        and odd.side == side
        and state.flags.get(odd.flag)
        and today(sc, state).day % 2 == 0
    ):
        return msg("refuse.odd_days", side=side)
    return None


def ammo_tons(sc: Scenario, group: ArtilleryGroup, rounds: int) -> float:
    return rounds * group.shell_kg / 1000.0 * sc.rule("ammo_t_per_t_shell")


@dataclass
class _Use:
    """What a side's earlier orders in the list already use."""

    rounds: dict[str, int] = field(default_factory=dict)
    ammo_t: float = 0.0
    ships: dict[str, int] = field(default_factory=dict)
    sorties: dict[str, int] = field(default_factory=dict)
    moves: set[str] = field(default_factory=set)


class Checker:
    """Judges one side's orders in turn, each against what the earlier legal ones use up.

    `offer(order)` returns the reason an order is refused, or None and counts what it uses;
    a refused order uses nothing. One pass over a list gives the same verdicts as checking
    each order against all the earlier ones, in linear time.
    """

    def __init__(self, sc: Scenario, state: State, side: str) -> None:
        self.sc, self.state, self.side = sc, state, side
        self.use = _Use()
        self.accepted: list[Order] = []

    def offer(self, order: Order) -> Msg | None:
        # every _check_* function returns before it counts anything, so a refused order
        # leaves `use` as it was without the cost of a trial copy per order
        why = _check(self.sc, self.state, self.side, order, self.use)
        if why is None:
            self.accepted.append(order)
        return why


def check_orders(
    sc: Scenario, state: State, side: str, orders: Sequence[Order]
) -> list[tuple[int, Msg]]:
    """(index, reason) for every refused order, judged in list order."""
    checker = Checker(sc, state, side)
    out = []
    for i, order in enumerate(orders):
        why = checker.offer(order)
        if why:
            out.append((i, why))
    return out


def check_order(
    sc: Scenario, state: State, side: str, order: Order, earlier: Sequence[Order] = ()
) -> Msg | None:
    """Why `order` is refused after the `earlier` orders of the same side, or None if legal."""
    checker = Checker(sc, state, side)
    for o in earlier:
        checker.offer(o)
    return checker.offer(order)


def _check(sc: Scenario, state: State, side: str, order: Order, use: _Use) -> Msg | None:
    if state.over:
        return msg("refuse.game_over")
    if isinstance(order, Fire):
        return _check_fire(sc, state, side, order, use)
    if isinstance(order, Convoy):
        return _check_convoy(sc, state, side, order, use)
    if isinstance(order, AirSortie | Airlift):
        return _check_air(sc, state, side, order, use)
    if isinstance(order, NavalSortie):
        return _check_naval(sc, state, side, order, use)
    if isinstance(order, MakeMove):
        return _check_move(sc, state, side, order, use)
    return msg("refuse.unknown_order")


def _check_fire(sc: Scenario, state: State, side: str, o: Fire, use: _Use) -> Msg | None:
    try:
        g = sc.group(o.group)
    except KeyError:
        return msg("refuse.no_such_group", given=o.group)
    if g.side != side:
        return msg("refuse.group_not_yours", group=g.id)
    if not group_available(sc, state, g):
        return msg("refuse.group_not_arrived", group=g.id, date=str(g.available_from))
    target = fire_target(sc, o.target)
    if target is None:
        return msg("refuse.no_such_target", given=o.target)
    if target.side == side:
        return msg("refuse.target_own", target=target.id)
    if isinstance(target, ArtilleryGroup) and not group_available(sc, state, target):
        return msg("refuse.target_not_arrived", target=target.id)
    if o.rounds <= 0:
        return msg("refuse.no_rounds")
    if not hour_ok(o.hour):
        return msg("refuse.bad_hour", hour=o.hour)
    gs = state.groups[g.id]
    if gs.guns <= 0:
        return msg("refuse.no_guns", group=g.id)
    dist = fire_distance(sc, g, o.target)
    if dist > g.range_km:
        return msg("refuse.out_of_range", target=target.id, km=dist, range_km=g.range_km)
    cap = fire_capacity(g, gs.guns, gs.suppressed)
    used = use.rounds.get(g.id, 0)
    if used + o.rounds > cap:
        left = max(0, cap - used)
        return msg("refuse.fire_capacity", group=g.id, left=left, guns=gs.guns)
    need = 0.0
    if gs.ammo >= 0:
        if used + o.rounds > gs.ammo:
            return msg("refuse.rounds_left", group=g.id, left=max(0, gs.ammo - used))
    else:
        need = ammo_tons(sc, g, o.rounds)
        ammo = sc.cast.ammo
        have = (state.supply.get(ammo, 0.0) if ammo is not None else 0.0) - use.ammo_t
        if need > have + 1e-9:
            return msg("refuse.ammo_short", need=need, have=max(0.0, have))
    restriction = shelling_restricted(sc, state, side)
    if restriction and not o.break_halt:
        return restriction
    use.ammo_t += need
    use.rounds[g.id] = used + o.rounds
    return None


def _ships_free(state: State, use: _Use, cls: str) -> int:
    return state.ships.get(cls, 0) - use.ships.get(cls, 0)


def _check_convoy(sc: Scenario, state: State, side: str, o: Convoy, use: _Use) -> Msg | None:
    try:
        cls = sc.ship_class(o.ship_class)
        beach = sc.target(o.beach)
    except KeyError as exc:
        return msg("refuse.no_such_class_or_beach", given=str(exc.args[0]) if exc.args else "")
    if cls.side != side or cls.role != "transport":
        return msg("refuse.not_transport_class", cls=cls.id)
    if beach.side != side or beach.kind not in sc.cast.kinds("landing"):
        return msg("refuse.not_landing", beach=beach.id)
    if o.ships > _ships_free(state, use, cls.id):
        return msg("refuse.ships_ready", cls=cls.id, n=max(0, _ships_free(state, use, cls.id)))
    total = 0.0
    for kind, tons in o.cargo.items():
        if kind not in state.supply:
            return msg("refuse.no_such_cargo", given=kind)
        if tons < 0:
            return msg("refuse.negative_cargo")
        total += tons
    if total <= 0:
        return msg("refuse.convoy_no_cargo")
    if total > o.ships * cls.cargo_t + 1e-9:
        return msg("refuse.convoy_overload", cls=cls.id, ships=o.ships, tons=o.ships * cls.cargo_t)
    if o.escorts:
        if not o.escort_class:
            return msg("refuse.escort_class_missing")
        try:
            esc = sc.ship_class(o.escort_class)
        except KeyError:
            return msg("refuse.no_such_escort_class", given=o.escort_class)
        if esc.side != side or esc.role != "escort":
            return msg("refuse.not_escort_class", cls=esc.id)
        if o.escorts > _ships_free(state, use, esc.id):
            return msg("refuse.ships_ready", cls=esc.id, n=max(0, _ships_free(state, use, esc.id)))
    if o.us_escort:
        us = sc.cast.us_escort
        if us is None or us.side != side:
            return msg("refuse.no_us_escort")
        if not state.flags.get(us.flag):
            return msg("refuse.us_escort_not_agreed", flag=us.flag)
    if o.amtracs:
        am = _amtrac_class(sc, side)
        if am is None:
            return msg("refuse.no_amtracs")
        if o.amtracs > _ships_free(state, use, am):
            return msg("refuse.ships_ready", cls=am, n=max(0, _ships_free(state, use, am)))
        use.ships[am] = use.ships.get(am, 0) + o.amtracs
    use.ships[cls.id] = use.ships.get(cls.id, 0) + o.ships
    if o.escorts and o.escort_class:
        use.ships[o.escort_class] = use.ships.get(o.escort_class, 0) + o.escorts
    return None


def _amtrac_class(sc: Scenario, side: str) -> str | None:
    for s in sc.ships:
        if s.side == side and s.role == "amtrac":
            return s.id
    return None


def _check_air(
    sc: Scenario, state: State, side: str, o: AirSortie | Airlift, use: _Use
) -> Msg | None:
    try:
        unit = sc.air_unit(o.air_unit)
    except KeyError:
        return msg("refuse.no_such_air_unit", given=o.air_unit)
    if unit.side != side:
        return msg("refuse.air_unit_not_yours", unit=unit.id)
    cap = sortie_limit(sc, unit, state.aircraft[unit.id])
    used = use.sorties.get(unit.id, 0)
    if used + o.sorties > cap:
        return msg("refuse.sortie_capacity", unit=unit.id, left=max(0, cap - used))
    if isinstance(o, Airlift):
        if unit.role != "transport":
            return msg("refuse.not_transports", unit=unit.id)
        total = sum(o.cargo.values())
        unknown = [k for k in o.cargo if k not in state.supply]
        if unknown:
            return msg("refuse.no_such_cargo", given=unknown[0])
        if total <= 0 or any(v < 0 for v in o.cargo.values()):
            return msg("refuse.airlift_no_cargo")
        if total > o.sorties * unit.cargo_t + 1e-9:
            return msg("refuse.airlift_overload", sorties=o.sorties, tons=o.sorties * unit.cargo_t)
        if o.land:
            field_ = _airfield(sc, side)
            need = sc.rule("airfield_min_integrity")
            if field_ is None or state.integrity[field_] < need:
                return msg("refuse.airfield_damaged", target=field_)
    else:
        if o.mission == "patrol" and unit.role != "fighter":
            return msg("refuse.not_fighters", unit=unit.id)
        if o.mission == "recon" and unit.role == "transport":
            return msg("refuse.no_recon", unit=unit.id)
    use.sorties[unit.id] = used + o.sorties
    return None


def _airfield(sc: Scenario, side: str) -> str | None:
    for t in sc.targets:
        if t.side == side and t.kind in sc.cast.kinds("airfield"):
            return t.id
    return None


def _check_naval(sc: Scenario, state: State, side: str, o: NavalSortie, use: _Use) -> Msg | None:
    try:
        cls = sc.ship_class(o.ship_class)
    except KeyError:
        return msg("refuse.no_such_ship_class", given=o.ship_class)
    if cls.side != side or cls.role not in ("torpedo_boat", "gunboat"):
        return msg("refuse.not_attack_craft", cls=cls.id)
    if o.boats > _ships_free(state, use, cls.id):
        return msg("refuse.ships_ready", cls=cls.id, n=max(0, _ships_free(state, use, cls.id)))
    use.ships[cls.id] = use.ships.get(cls.id, 0) + o.boats
    return None


def _check_move(sc: Scenario, state: State, side: str, o: MakeMove, use: _Use) -> Msg | None:
    try:
        move = sc.move(o.move)
    except KeyError:
        return msg("refuse.no_such_move", given=o.move)
    if move.side != side:
        return msg("refuse.move_not_yours", move=move.id)
    if move.id in use.moves:
        return msg("refuse.move_ordered", move=move.id)
    if move.available_from and today(sc, state) < move.available_from:
        return msg("refuse.move_not_yet", move=move.id, date=str(move.available_from))
    if move.once and move.id in state.moves_made:
        return msg("refuse.move_made", move=move.id)
    for c in move.requires:
        if not compare(get_var(sc, state, c.var), c.op, c.value):
            return msg("refuse.move_needs", move=move.id, var=c.var, op=c.op, value=c.value)
    use.moves.add(move.id)
    return None
