"""The besieged side's rules (the ROC's in 1958): its posture for the day, and the orders.

It runs convoys at night to several beaches with escorts and amphibious tractors, asks for US
escorts when they are on offer, keeps ships in reserve, airlifts when the sea is shut, and
fires counter-battery, its heaviest guns above all, at batteries it has spotted (and hides
them after losses). `besieged_posture` chooses the day's posture by rule; `realize_besieged`
turns any posture into legal orders and a line of intent.
"""

from __future__ import annotations

import math
from typing import Any

from game.ai import tuning
from game.ai.intent import besieged_intent, ship_word, short_name
from game.ai.posture import BesiegedPosture
from game.ai.reckon import (
    escort_on,
    expected_tension,
    food_days,
    known,
    legal_only,
    move_fresh,
    move_legal,
    move_value,
    pick,
    today,
)
from game.ai.theatre import brink, theatre
from game.engine.capacity import beach_capacity, fire_rate, sortie_limit, sortie_rate
from game.engine.legality import shelling_restricted
from game.engine.observe import Observation
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.surprise import surprise_hour
from game.scenario.model import Scenario, ShipClass, Target, other
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, Order


def besieged_posture(sc: Scenario, state: State, v: Observation, rng: Rng) -> BesiegedPosture:
    """The besieged side's posture by rule (`state`: its belief, for the legality checks)."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    ammo = sc.cast.ammo
    morale = known(v.morale[side])
    sup = v.supply
    fdays = food_days(sc, v)
    hot = expected_tension(sc, v)
    restricted = shelling_restricted(sc, state, foe) is not None
    moves: list[str] = []
    for m in th.moves[side]:
        if not move_legal(sc, v, side, m):
            continue
        kind = th.mkind[m.id]
        if kind == "escort":
            wanted = hot + th.madd[m.id].get("tension", 0.0) < brink(sc) - tuning.ESCORT_MOVE_MARGIN
        elif kind == "plain" and move_fresh(m, v.day, v.moves_made):
            value = move_value(sc, m, side, hot, morale, 0.3, v.moves_made)
            wanted = value + tuning.MOVE_NOISE * rng.normal() > tuning.MOVE_WORTH
        else:
            wanted = False
        if wanted:
            moves.append(m.id)
    us = escort_on(sc, v, side) or any(th.mkind[m] == "escort" for m in moves)
    # night convoys once the guns are known to be laid on the beaches; by day when they cannot
    # fire (a declared halt, an even date under odd-day shelling) or on the first morning. A
    # halt can be declared void the same morning (1958's 20 October): once the besieger has
    # voided one, its halts are sailed through by night
    night = (not restricted or _halt_untrusted(sc, v)) and v.day > 0
    transports_home = sum((v.ships[c.id] or 0) for c in th.transports[side])
    ship_total = sum(c.count for c in th.transports[side]) or 1
    sea_shut = transports_home <= 0 or (
        all(known(v.integrity[t.id]) < 15 for t in th.landings[side]) and th.amtrac[side] is None
    )
    # the C-46s fly under a strong fighter umbrella whenever stocks are below a month
    airlift = 0.0
    if fdays < 12 or sea_shut:
        airlift = 1.0
    elif fdays < 30 or transports_home < 0.25 * ship_total:
        airlift = 0.5
    ammo_days = 999.0
    if ammo is not None and ammo in sup and th.use_t.get(ammo, 0) > 0:
        ammo_days = sup[ammo] / th.use_t[ammo]  # type: ignore[operator]
    cb = 0.3 if ammo_days > 60 else 0.1
    if v.day == 0:
        cb = 0.6  # answer the opening barrage
    heavy_lost = any(
        g.shell_kg >= tuning.HEAVY_SHELL_KG
        and (v.groups[g.id].destroyed or 0) > 0
        and v.groups[g.id].spotted_until >= v.day
        for g in th.groups[side]
    )
    foe_spotted = sum(1 for g in th.groups[foe] if v.groups[g.id].spotted)
    boats0 = sum(c.count for c in th.craft[foe])
    boats_left = 1.0 - v.totals[f"ships_lost.{foe}"] / boats0 if boats0 else 0.0
    recon = 2 if foe_spotted < len(th.groups[foe]) // 2 and not restricted else 0
    return BesiegedPosture(
        night=night,
        spread=2 if rng.chance(0.6) else 1,
        # US ships blunt the torpedo boats; with few boats left they only add tension
        us_escort=us and hot < brink(sc) - tuning.US_ESCORT_MARGIN and boats_left > 0.25,
        airlift=airlift,
        # a standing patrol keeps the MiGs thin (the Sabres trade better); more over the C-46s
        patrol=0.5 if airlift > 0 else 0.12,
        cb=0.0 if restricted else cb,
        hide_heavy=heavy_lost,
        recon=recon,
        moves=tuple(moves),
        effort=0.8 if fdays < 15 else 0.5,
    )


def _halt_untrusted(sc: Scenario, v: Observation) -> bool:
    """Whether a halt now in force may be voided today by a besieger that has voided one
    before (a declared halt binds only as long as the besieger keeps its word)."""
    if v.halt_days <= 0:
        return False
    th = theatre(sc)
    return any(th.mkind.get(m) == "resume" for m in v.moves_made)


def realize_besieged(
    sc: Scenario, state: State, v: Observation, p: BesiegedPosture, rng: Rng, explain: bool = True
) -> tuple[list[Order], str]:
    """The posture's orders for what the side sees (reconnaissance, airlift and fighter cover,
    convoys for what the garrison lacks, counter-battery), only those the engine accepts on
    its belief `state`, and their intent (`explain=False` skips writing it)."""
    th = theatre(sc)
    side = v.side
    orders: list[Order] = [MakeMove(move=m) for m in p.moves]
    us_flag = escort_on(sc, v, side) or any(th.mkind[m] == "escort" for m in p.moves)
    sup = v.supply
    # what the garrison needs, kind by kind
    gap: dict[str, float] = {}
    for k in sc.supply.kinds:
        want = p.stock_days * k.daily_use_t
        if k.id == sc.cast.ammo:
            want = max(want, tuning.AMMO_RESERVE_T)
        gap[k.id] = max(0.0, want - known(sup[k.id])) * p.effort + k.daily_use_t * 2
    need = sum(gap.values())
    notes: list[str] = []
    # recon before counter-battery
    if p.recon:
        for unit in th.recon[side]:
            have = v.aircraft[unit.id] or 0
            if have >= 1:
                n = min(p.recon, sortie_limit(sc, unit, have))
                if n:
                    orders.append(AirSortie(air_unit=unit.id, sorties=n, mission="recon"))
                break
    # air cover and airlift
    lifted = 0.0
    if p.airlift > 0 and th.lifters[side]:
        airfield = th.airfield[side]
        land = airfield is not None and (
            known(v.integrity[airfield.id]) >= sc.rule("airfield_min_integrity")
        )
        for unit in th.lifters[side]:
            have = v.aircraft[unit.id] or 0
            n = int(sortie_rate(sc, unit, have) * p.airlift)
            if n <= 0 or unit.cargo_t <= 0:
                continue
            tons = n * unit.cargo_t
            cargo = _cargo(gap, tons)
            if cargo:
                orders.append(Airlift(air_unit=unit.id, sorties=n, cargo=cargo, land=land))
                lifted += tons
        if lifted:
            notes.append(f"airlift {lifted:.0f} t" + ("" if land else " (dropped)"))
    patrol = 0
    if p.patrol > 0:
        for unit in th.fighters[side]:
            have = v.aircraft[unit.id] or 0
            n = int(sortie_rate(sc, unit, have) * p.patrol)
            if n > 0:
                orders.append(AirSortie(air_unit=unit.id, sorties=n))
                patrol += n
    # convoys
    convoy_note = ""
    sea_need = need - lifted * 0.8
    if sea_need > 20 and th.transports[side]:
        orders_c, convoy_note = _plan_convoys(sc, v, p, gap, sea_need, us_flag, rng)
        orders.extend(orders_c)
    # counter-battery
    cb_note = _counter_battery(sc, v, p, orders, rng)
    legal = legal_only(sc, state, side, orders)
    if not explain:
        return legal, ""
    return legal, besieged_intent(sc, legal, convoy_note, notes, cb_note, p.hide_heavy, patrol)


def _cargo(gap: dict[str, float], tons: float) -> dict[str, float]:
    """`tons` split over the supply kinds in proportion to what each lacks (`gap`)."""
    total = sum(gap.values())
    if total <= 0 or tons <= 0:
        return {}
    out = {k: round(tons * g / total, 1) for k, g in gap.items() if g > 0}
    return {k: x for k, x in out.items() if x > 0}


def _plan_convoys(
    sc: Scenario,
    v: Observation,
    p: BesiegedPosture,
    gap: dict[str, float],
    need: float,
    us_flag: bool,
    rng: Rng,
) -> tuple[list[Order], str]:
    """Convoys carrying `need` tons to `p.spread` beaches chosen at random by capacity, with
    the escorts, tractors and US escort the posture allows, and the line that describes them."""
    th = theatre(sc)
    side = v.side
    night = p.night
    beaches = list(th.landings[side])
    if not beaches:
        return [], ""
    cap = {t.id: beach_capacity(t, night, known(v.integrity[t.id])) for t in beaches}
    am = th.amtrac[side]
    am_free = int((v.ships[am.id] or 0) * p.amtracs) if am else 0
    # choose beaches: the most capacity, with some chance so the enemy cannot count on one
    chosen: list[Target] = []
    pool = list(beaches)
    for _ in range(min(p.spread, len(pool))):
        weights = [cap[t.id] + (40.0 if am_free else 5.0) for t in pool]
        chosen.append(pool.pop(pick(weights, rng)))
    # ships ready, keeping a reserve in port
    fleet: list[list[Any]] = []
    for c in th.transports[side]:
        free = v.ships[c.id] or 0
        keep = math.ceil(c.count * p.reserve) if free > 1 else 0
        fleet.append([c, max(0, free - keep)])
    orders: list[Order] = []
    notes = []
    left = need
    share_am = am_free // max(1, len(chosen))
    convoys: list[tuple[ShipClass, int, Target, float, int]] = []
    for t in chosen:
        if left <= 10:
            break
        room = cap[t.id] + share_am * (am.cargo_t if am else 0)
        room = min(room, left * 1.1)
        if room < 20:
            continue
        for entry in fleet:
            c, free = entry
            if free <= 0 or c.cargo_t <= 0:
                continue
            # capped before rounding: a minute cargo_t (1e-313 validates) makes the ratio inf
            ships = max(1, math.ceil(min(room / c.cargo_t, free)))
            load = min(ships * c.cargo_t, room * 1.05)
            entry[1] -= ships
            convoys.append((c, ships, t, load, share_am))
            left -= load
            break
    if not convoys:
        return [], ""
    escorts = th.escorts[side]
    esc_free = {e.id: int((v.ships[e.id] or 0) * p.escort) for e in escorts}
    convoys.sort(key=lambda x: -x[1])
    per = max(1, len(convoys))
    for i, (c, ships, t, load, n_am) in enumerate(convoys):
        esc_id, n_esc = None, 0
        for e in escorts:
            n = esc_free[e.id] // (per - i) if per - i > 0 else 0
            if n > 0:
                esc_id, n_esc = e.id, n
                esc_free[e.id] -= n
                break
        cargo = _cargo(gap, load)
        if not cargo:
            continue
        orders.append(
            Convoy(
                ship_class=c.id,
                ships=ships,
                cargo=cargo,
                beach=t.id,
                night=night,
                escort_class=esc_id,
                escorts=n_esc,
                us_escort=bool(us_flag and p.us_escort),
                amtracs=n_am if am else 0,
            )
        )
        notes.append(f"{ships} {ship_word(c, ships)} to {short_name(sc, t.id)}")
    when = "Night" if night else "Day"
    text = f"{when} convoy{'s' if len(notes) > 1 else ''}: " + ", ".join(notes)
    if any(isinstance(o, Convoy) and o.us_escort for o in orders):
        text += " (US escort)"
    return orders, text


def _counter_battery(
    sc: Scenario, v: Observation, p: BesiegedPosture, orders: list[Order], rng: Rng
) -> str:
    """Adds fire on the spotted batteries that matter most (those reaching the landing beaches
    twice over) to `orders`, heaviest guns first, within the ammunition the garrison can
    spare; returns the note for the intent.

    Each of its batteries picks its target among the spotted batteries in reach with a chance
    that grows with the square of the target's weight (guns times shell, doubled for those
    that reach the beaches): the best target most often, but not always, so the garrison
    spreads its suppression and its choices are not one fixed answer (with the argmax, every
    seed's first day fired at the same battery)."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    # open at the enemy gunners' meal while they are off their guard (`engine.surprise`)
    hour = surprise_hour(sc, v, side)
    date = today(sc, v.day)
    if p.cb <= 0:
        return ""
    targets: list[str] = []
    sup = v.supply.get(sc.cast.ammo) if sc.cast.ammo is not None else None
    ammo_t = sup if sup is not None else 0.0
    budget_t = max(0.0, ammo_t - 0.5 * tuning.AMMO_RESERVE_T) / 20.0
    # heavy guns still to come (the 8-inch of late September): save shells to mass fire with
    # them, as the garrison did, instead of spending the dumps in the first weeks
    coming = any(
        g.shell_kg >= tuning.HEAVY_SHELL_KG
        and g.available_from is not None
        and g.available_from > date
        for g in th.groups[side]
    )
    if coming:
        budget_t = max(0.0, ammo_t - 2.0 * tuning.AMMO_RESERVE_T) / 40.0
    plenty = ammo_t > 3 * tuning.AMMO_RESERVE_T
    used_t = 0.0
    for g in sorted(th.groups[side], key=lambda g: -g.shell_kg):
        d = v.groups[g.id]
        if not d.guns or (g.available_from and g.available_from > date):
            continue
        heavy = g.shell_kg >= tuning.HEAVY_SHELL_KG
        if heavy and p.hide_heavy:
            continue
        if g.shell_kg < tuning.LIGHT_SHELL_KG and not plenty:
            continue  # light howitzers barely scratch a battery: keep their shells
        cands: list[str] = []
        weights: list[float] = []
        for tid in th.reach[g.id]:
            if tid not in th.group_ids:
                continue
            e = v.groups[tid]
            if not e.spotted or not e.guns:
                continue
            tg = th.grp[tid]
            w = known(e.guns) * tg.shell_kg * (2.0 if tid in th.beach_guns[foe] else 1.0)
            if w > 0:
                cands.append(tid)
                weights.append(w * w)
        if not cands:
            continue
        best = cands[pick(weights, rng)] if len(cands) > 1 else cands[0]
        share = min(1.0, p.cb * (2.0 if heavy else 1.0))
        rounds = int(fire_rate(g, known(d.guns), known(d.suppressed)) * share)
        if g.ammo is None:
            per_t = g.shell_kg / 1000.0 * sc.rule("ammo_t_per_t_shell")
            rounds = min(rounds, int(max(0.0, budget_t - used_t) / per_t)) if per_t else rounds
            used_t += rounds * per_t
        if rounds >= tuning.MIN_MISSION // 5:
            orders.append(Fire(group=g.id, target=best, rounds=rounds, hour=hour))
            targets.append(best)
    if not targets:
        return ""
    uniq = list(dict.fromkeys(targets))
    return "counter-battery on " + ", ".join(short_name(sc, t) for t in uniq[:3])
