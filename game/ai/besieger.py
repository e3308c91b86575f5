"""The besieger's rules (the PLA's in 1958): its posture for the day, and the orders for it.

It shells the garrison's beaches, piers and airfield to blockade the island, sends torpedo
boats against convoys, flies reconnaissance before counter-battery, and eases off (halts,
odd days, diplomacy) as tension nears the scenario's brink. `besieger_posture` chooses the day's
posture by rule; `realize_besieger` turns any posture (the rules' or a look-ahead variation)
into legal orders and a line of intent.
"""

from __future__ import annotations

import math

from game.ai import tuning
from game.ai.intent import besieger_intent
from game.ai.posture import BesiegerPosture
from game.ai.reckon import (
    escort_on,
    expected_tension,
    food_days,
    halt_declared,
    known,
    legal_only,
    move_fresh,
    move_legal,
    move_value,
    own_accuracy,
    pick,
    today,
)
from game.ai.theatre import brink, theatre
from game.engine.capacity import fire_capacity, sortie_limit, sortie_rate
from game.engine.legality import shelling_restricted
from game.engine.observe import Observation
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.surprise import surprise_hour
from game.scenario.memo import per_scenario
from game.scenario.model import ArtilleryGroup, Move, Scenario, Target, other
from game.scenario.orders import AirSortie, Fire, MakeMove, NavalSortie, Order


def besieger_posture(sc: Scenario, state: State, v: Observation, rng: Rng) -> BesiegerPosture:
    """The besieger's posture by rule (`state`: the side's belief, for the legality checks)."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    top = brink(sc)
    fdays = food_days(sc, v)
    restricted = shelling_restricted(sc, state, side) is not None
    moves: list[str] = []
    pressure = 1.0 if fdays < 8 else 0.3
    hot = expected_tension(sc, v)
    # what the plain moves available today could take off tension
    calming = sum(
        min(0.0, th.madd[m.id].get("tension", 0.0))
        for m in th.moves[side]
        if th.mkind[m.id] == "plain"
        and move_legal(sc, v, side, m)
        and move_fresh(m, v.day, v.moves_made)
    )
    for m in th.moves[side]:
        if not move_legal(sc, v, side, m):
            continue
        kind = th.mkind[m.id]
        if kind == "halt":
            # a halt gives the garrison free days of landings: declared at the brink, after
            # the cheaper de-escalations are used up, or whenever those days cannot undo the
            # blockade (the political lever of 1958, pulled when it costs the siege nothing)
            near = hot + calming >= top - tuning.HALT_MARGIN
            if not restricted and (near or halt_affordable(sc, state, v, halt_length(m))):
                moves.append(m.id)
        elif kind == "extend":
            if v.halt_days <= 1 and (
                hot >= top - tuning.EXTEND_MARGIN
                or halt_affordable(sc, state, v, halt_length(m) + v.halt_days)
            ):
                moves.append(m.id)
        elif kind == "resume":
            if v.halt_days > 2 and (
                hot < top - tuning.RESUME_MARGIN and not halt_affordable(sc, state, v, v.halt_days)
            ):
                moves.append(m.id)
        elif kind == "odd_days":
            if hot >= top - tuning.ODD_DAYS_MARGIN and halt_declared(sc, v) and v.halt_days == 0:
                moves.append(m.id)
        elif not move_fresh(m, v.day, v.moves_made):
            continue
        else:
            value = move_value(sc, m, side, hot, 70.0, pressure, v.moves_made)
            if value + tuning.MOVE_NOISE * rng.normal() > tuning.MOVE_WORTH:
                moves.append(m.id)
    halting = any(th.mkind[m] in ("halt", "extend") for m in moves)
    if any(th.mkind[m] == "resume" for m in moves):
        restricted = False
    fire = 1.0
    if v.day == 0:
        fire = 2.5  # the opening barrage
    elif fdays < 10:
        fire = 1.3
    if restricted:
        fire = 0.0
    beaches = [t for t in th.landings[foe]]
    focus = None
    if beaches and rng.chance(0.6):
        integ = state.integrity  # the belief's: an enemy's hidden integrity reads as intact
        weights = [t.capacity_night_t * (0.2 + integ[t.id] / 100.0) + 1.0 for t in beaches]
        focus = beaches[pick(weights, rng)].id
    us = escort_on(sc, v, foe)
    spotted = any(v.groups[g.id].spotted and (v.groups[g.id].guns or 0) > 0 for g in th.groups[foe])
    recon = 0
    if fire > 0 and not spotted and (v.day % 3 == 1 or v.day >= 30):
        recon = 4
    airfield = th.airfield[foe]
    air_share = 0.2
    if (
        airfield is not None
        and state.integrity[airfield.id] < sc.rule("airfield_min_integrity") - 20
    ):
        air_share = 0.08
    return BesiegerPosture(
        fire=fire,
        airfield=air_share,
        focus=focus,
        boats=0.6 if us else 1.0,
        # fighters over the strait to catch the transports once the garrison needs them
        patrol=0.7 if fdays < 30 and th.lifters[foe] else 0.3,
        recon=recon,
        moves=tuple(moves),
        tension_cap=top - tuning.HALTING_CAP_MARGIN if halting else top - tuning.FIRE_CAP_MARGIN,
    )


def halt_length(m: Move) -> int:
    """Days of halt the move declares (its `set: halt_days`)."""
    return max((int(e.value) for e in m.effects if e.set == "halt_days" and e.value), default=0)


def halt_affordable(sc: Scenario, state: State, v: Observation, days: int) -> bool:
    """Whether `days` of halt leave the blockade still able to win before the end.

    What the garrison could land in those days by day, unshelled, is reckoned from the
    transports the besieger believes it has (`state`: its belief), each making a trip every
    `turnaround_days`, within the beaches' day capacity as they are repaired, plus the
    transport aircraft's lift. The blockade must then bring the food back under the line of
    the scenario's blockade ending and hold it there for its days, all before the last day,
    with `tuning.HALT_SPARE_DAYS` to spare. A halt the blockade can afford costs the siege
    nothing and lowers tension (the halts were the PRC's main political lever in 1958)."""
    th = theatre(sc)
    foe = other(v.side)
    line = blockade_line(sc)
    food = sc.cast.food
    use = th.use_t.get(food, 0.0) if food is not None else 0.0
    if line is None or use <= 0 or days <= 0:
        return False
    away: dict[str, int] = {}
    for _ret, cls, n in state.ships_away:
        away[cls] = away.get(cls, 0) + n
    lift = sum(
        (state.ships[c.id] + away.get(c.id, 0)) * c.cargo_t * days / c.turnaround_days
        for c in th.transports[foe]
    )
    am = th.amtrac[foe]
    room = 0.0
    for t in th.landings[foe]:
        i = state.integrity[t.id]
        room += sum(t.capacity_day_t * min(100.0, i + t.repair_per_day * d) for d in range(days))
    room /= 100.0
    if am is not None:
        room += (state.ships[am.id] + away.get(am.id, 0)) * am.cargo_t * days
    air = sum(sortie_rate(sc, a, state.aircraft[a.id]) * a.cargo_t for a in th.lifters[foe]) * days
    landed = min(lift, room) + air
    after = food_days(sc, v) - days + landed / use
    level, streak = line
    needed = days + max(0.0, after - level) + streak + tuning.HALT_SPARE_DAYS
    return needed <= sc.days - v.day


@per_scenario
def blockade_line(sc: Scenario) -> tuple[float, int] | None:
    """(days of food, days running) of the besieger's blockade ending: its win on the
    besieged side's food falling under a line (an ending on the last day needs one day
    under it); None when the scenario has no such ending."""
    food = sc.cast.food
    found: list[tuple[float, int]] = []
    for e in sc.victory.endings:
        if e.winner != sc.cast.besieger:
            continue
        for c in e.when:
            if c.var == f"supply_days.{food}" and c.op in ("<", "<="):
                found.append((float(c.value), 1 if e.at_end else max(1, e.for_days)))
    return min(found, key=lambda x: (x[1], -x[0])) if found else None


def _group_rounds(v: Observation, g: ArtilleryGroup, fire: float) -> int:
    """Rounds the group can fire today at `fire` times its sustainable rate: what comes into
    its own dump a day plus an eighth of the stock above two days' worth, within its guns'
    capacity (a group without a dump: `fire` times its capacity)."""
    d = v.groups[g.id]
    cap = fire_capacity(g, known(d.guns), known(d.suppressed))
    if cap <= 0:
        return 0
    ammo = known(d.ammo)
    if ammo >= 0:
        stock = ammo
        rate = g.ammo_per_day + max(0.0, stock - 2 * g.ammo_per_day) / 8.0
        return max(0, min(cap, stock, int(rate * fire)))
    return int(cap * fire)


def realize_besieger(
    sc: Scenario, state: State, v: Observation, p: BesiegerPosture, rng: Rng, explain: bool = True
) -> tuple[list[Order], str]:
    """The posture's orders for what the side sees (reconnaissance, the fire plan, boats,
    fighter patrols), only those the engine accepts on its belief `state`, and their intent
    (`explain=False` skips writing it, for the look-ahead's rollouts)."""
    th = theatre(sc)
    side = v.side
    orders: list[Order] = [MakeMove(move=m) for m in p.moves]
    notes: list[str] = []
    restricted = shelling_restricted(sc, state, side) is not None
    resuming = any(th.mkind[m] == "resume" for m in p.moves)
    # reconnaissance first: it flies before the guns and spots for today's counter-battery
    if p.recon:
        for unit in th.recon[side]:
            have = v.aircraft[unit.id]
            if have and have >= 1:
                n = min(p.recon, sortie_limit(sc, unit, have))
                if n > 0:
                    orders.append(AirSortie(air_unit=unit.id, sorties=n, mission="recon"))
                    notes.append("photo-reconnaissance")
                break
    if p.fire > 0 and (not restricted or p.break_halt or resuming):
        brk = bool(restricted and (p.break_halt or resuming))
        hour = surprise_hour(sc, state, side)
        if hour is not None and explain:
            notes.append("opening at the enemy's meal hour")
        for gid, tid, k in _fire_plan(sc, v, p):
            orders.append(Fire(group=gid, target=tid, rounds=k, break_halt=brk, hour=hour))
    # torpedo boats and gunboats: they only fight if a convoy sails
    boats = 0
    if p.boats > 0:
        for c in th.craft[side]:
            n = round((v.ships[c.id] or 0) * p.boats)
            if n > 0:
                orders.append(NavalSortie(ship_class=c.id, boats=n))
                boats += n
    patrol = 0
    if p.patrol > 0:
        for unit in th.fighters[side]:
            have = v.aircraft[unit.id] or 0
            n = int(sortie_rate(sc, unit, have) * p.patrol)
            if n > 0:
                orders.append(AirSortie(air_unit=unit.id, sorties=n))
                patrol += n
    legal = legal_only(sc, state, side, orders)
    return legal, besieger_intent(sc, legal, notes) if explain else ""


def _fire_plan(sc: Scenario, v: Observation, p: BesiegerPosture) -> list[tuple[str, str, int]]:
    """(group, target, rounds): knock the landing beaches (and the airfield) down to nothing
    each day, mass the rest of the coastal and beach guns on the beach where tonight's convoy
    is expected, then counter-battery on spotted guns and the command post, within the
    tension budget and each group's sustainable ammunition."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    date = today(sc, v.day)
    acc = own_accuracy(sc, v, side)
    # the scenario may hide enemy integrity (`visibility: integrity: hidden`): unknown reads as
    # intact, as in the side's belief, so the beaches are still knocked down
    integ = {k: (100.0 if x is None else x) for k, x in v.integrity.items()}
    room = p.tension_cap - expected_tension(sc, v)
    per = sc.rule("tension_per_10000_rounds")
    # at most the 10**9 rounds that stand for no limit: a minute rule (5e-324) makes it inf
    budget = int(min(max(0.0, room) / per * 10000, 10**9)) if per > 0 else 10**9
    left: dict[str, int] = {}
    for g in th.groups[side]:
        d = v.groups[g.id]
        if not d.guns or (g.available_from and g.available_from > date):
            continue
        n = _group_rounds(v, g, p.fire)
        if n > 0:
            left[g.id] = n
    plan: dict[tuple[str, str], int] = {}

    def give(g: ArtilleryGroup, tid: str, n: int) -> int:
        nonlocal budget
        n = min(n, left.get(g.id, 0), budget)
        if n <= 0:
            return 0
        left[g.id] -= n
        budget -= n
        plan[(g.id, tid)] = plan.get((g.id, tid), 0) + n
        return n

    def reaching(tid: str) -> list[ArtilleryGroup]:
        return [th.grp[gid] for gid in left if tid in th.reach[gid]]

    def knock_down(t: Target, floor: float, share: float) -> None:
        need_kg = max(0.0, known(integ[t.id]) - floor) * t.hardness_kg * share
        p_hit = sc.rule(f"hit_chance_{t.kind}") * acc
        for g in sorted(reaching(t.id), key=lambda g: (g.coastal, -g.shell_kg)):
            if need_kg <= 0:
                break
            per_round = g.shell_kg * p_hit
            if per_round <= 0:
                continue
            # capped at what the group has left before rounding (`give` caps there anyway): a
            # minute hit chance or shell weight makes the ratio inf, which `ceil` refuses
            got = give(g, t.id, math.ceil(min(need_kg / per_round, left.get(g.id, 0))))
            need_kg -= got * per_round

    landings = sorted(th.landings[foe], key=lambda t: -t.capacity_night_t)
    if p.beach > 0:
        for t in landings:
            knock_down(t, 0.0, min(1.0, p.beach / 0.6))
    airfield = th.airfield[foe]
    if airfield is not None and p.airfield > 0:
        knock_down(airfield, sc.rule("airfield_min_integrity") - 15, min(1.0, p.airfield / 0.2))
    # the ships: coastal guns (and a share of the rest) on tonight's likely beach
    if p.beach > 0 and landings:
        focus = next((t for t in landings if t.id == p.focus), None)
        for g in sorted((th.grp[gid] for gid in left), key=lambda g: not g.coastal):
            beaches = [t for t in landings if t.id in th.reach[g.id]]
            if not beaches:
                continue
            share = 1.0 if g.coastal else min(1.0, 0.5 * p.beach * p.fire)
            n = int(left[g.id] * share)
            if focus is not None and focus in beaches:
                give(g, focus.id, n)
            else:
                total = sum(t.capacity_night_t for t in beaches) or 1.0
                for t in beaches:
                    give(g, t.id, int(n * t.capacity_night_t / total))
    if p.cb > 0:
        for gid in list(left):
            g = th.grp[gid]
            best, best_w = None, 0.0
            for tg in th.reach_g[gid]:
                d = v.groups[tg.id]
                if d.spotted and d.guns:
                    w = (
                        d.guns
                        * tg.shell_kg
                        * (2.0 if tg.shell_kg >= tuning.HEAVY_SHELL_KG else 1.0)
                    )
                    if w > best_w:
                        best, best_w = tg.id, w
            if best is not None:
                give(g, best, int(left[gid] * min(1.0, p.cb * p.fire)))
    if p.post > 0:
        for t in th.posts[foe]:
            for g in reaching(t.id):
                give(g, t.id, int(left[g.id] * min(1.0, p.post * p.fire)))
    # a handful of rounds is not worth an order (each costs the engine and the reader)
    return [(gid, tid, n) for (gid, tid), n in plan.items() if n >= tuning.MIN_MISSION]
