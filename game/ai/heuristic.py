"""The easy AI, and the plans the look-ahead levels choose between.

A side's day is decided in two steps. A *posture* is the day's intention in a few numbers
(how hard to shell, which beach to watch, how many ships sail and when, how much to fly, which
diplomatic move to make). `realize` turns a posture into concrete orders for the situation the
side observes (`game.engine.observe`: players never see the `State`), keeps only orders the
engine's legality check accepts on the side's belief, and writes a one-line intent. The easy
level picks its posture by rules (`prc_posture` for the besieger, `roc_posture` for the
besieged: the scenario's `roles:` say which side is which, so a mod may swap them); normal and
hard (`game.ai.search`) try several postures in look-ahead on the real engine. Tension
thresholds are set below the scenario's brink (`brink`), not at fixed numbers.

In 1958 the PLA besieges: it shells the beaches, piers and airfield to blockade the island,
sends torpedo boats against convoys, flies reconnaissance before counter-battery and eases off
(halts, odd days, diplomacy) when tension runs high; the ROC runs convoys at night to several
beaches with escorts and amphibious tractors, asks for US escorts when it can, keeps ships in
reserve, airlifts when the sea is shut, and fires counter-battery, the 8-inch guns
above all, at batteries it has spotted (and hides them after losses).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from game.engine.belief import belief, estimate_supply, known_var
from game.engine.geo import distance_km
from game.engine.legality import Checker, shelling_restricted
from game.engine.observe import Observation
from game.engine.rng import Rng, seed_state
from game.engine.state import State, compare
from game.scenario.model import (
    SIDES,
    AirUnit,
    ArtilleryGroup,
    Move,
    Scenario,
    ShipClass,
    Target,
    other,
)
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order

# -- what the scenario offers each side (computed once per scenario) ------------------------------


@dataclass
class Theatre:
    groups: dict[str, list[ArtilleryGroup]]
    #: group id -> ids of enemy targets and groups in range
    reach: dict[str, list[str]]
    landings: dict[str, list[Target]]
    airfield: dict[str, Target | None]
    posts: dict[str, list[Target]]
    transports: dict[str, list[ShipClass]]
    escorts: dict[str, list[ShipClass]]
    amtrac: dict[str, ShipClass | None]
    craft: dict[str, list[ShipClass]]
    fighters: dict[str, list[AirUnit]]
    recon: dict[str, list[AirUnit]]
    lifters: dict[str, list[AirUnit]]
    moves: dict[str, list[Move]]
    use_t: dict[str, float]
    #: groups that can reach one of the enemy's landing beaches
    beach_guns: dict[str, set[str]] = field(default_factory=dict)
    #: scripted tension added on each date (known from the scenario, as history)
    tension_on: dict[dt.date, float] = field(default_factory=dict)
    group_ids: set[str] = field(default_factory=set)
    #: (event, tension level, tension added) for triggered events set off by high tension
    tension_triggers: list[tuple[str, float, float]] = field(default_factory=list)
    grp: dict[str, ArtilleryGroup] = field(default_factory=dict)
    tgt: dict[str, Target] = field(default_factory=dict)
    #: group id -> enemy targets / enemy groups in range
    reach_t: dict[str, list[Target]] = field(default_factory=dict)
    reach_g: dict[str, list[ArtilleryGroup]] = field(default_factory=dict)
    #: move id -> kind (see `move_kind`) and its `add` effects by variable
    mkind: dict[str, str] = field(default_factory=dict)
    madd: dict[str, dict[str, float]] = field(default_factory=dict)


def theatre(sc: Scenario) -> Theatre:
    cached = sc.__dict__.get("_ai_theatre")
    if cached is not None:
        return cached
    sides = SIDES
    groups = {s: [g for g in sc.artillery if g.side == s] for s in sides}
    reach: dict[str, list[str]] = {}
    for g in sc.artillery:
        a = sc.place(g.place)
        ids = [t.id for t in sc.targets if t.side != g.side]
        ids += [h.id for h in sc.artillery if h.side != g.side]
        ok = []
        for tid in ids:
            obj: Target | ArtilleryGroup = (
                sc.target(tid) if tid in sc._index("targets") else sc.group(tid)
            )
            b = sc.place(obj.place)
            if distance_km(a.lon, a.lat, b.lon, b.lat) <= g.range_km:
                ok.append(tid)
        reach[g.id] = ok
    landings = {
        s: [t for t in sc.targets if t.side == s and t.kind in sc.cast.kinds("landing")]
        for s in sides
    }
    th = Theatre(
        groups=groups,
        reach=reach,
        landings=landings,
        airfield={
            s: next(
                (t for t in sc.targets if t.side == s and t.kind in sc.cast.kinds("airfield")), None
            )
            for s in sides
        },
        posts={
            s: [t for t in sc.targets if t.side == s and t.kind in sc.cast.kinds("command")]
            for s in sides
        },
        transports={
            s: sorted(
                (c for c in sc.ships if c.side == s and c.role == "transport"),
                key=lambda c: -c.cargo_t,
            )
            for s in sides
        },
        escorts={s: [c for c in sc.ships if c.side == s and c.role == "escort"] for s in sides},
        amtrac={
            s: next((c for c in sc.ships if c.side == s and c.role == "amtrac"), None)
            for s in sides
        },
        craft={
            s: [c for c in sc.ships if c.side == s and c.role in ("torpedo_boat", "gunboat")]
            for s in sides
        },
        fighters={
            s: sorted(
                (a for a in sc.air if a.side == s and a.role == "fighter"),
                key=lambda a: -a.kill_rate,
            )
            for s in sides
        },
        recon={
            s: [a for a in sc.air if a.side == s and a.role == "recon"]
            + [a for a in sc.air if a.side == s and a.role == "fighter"][::-1]
            for s in sides
        },
        lifters={s: [a for a in sc.air if a.side == s and a.role == "transport"] for s in sides},
        moves={s: [m for m in sc.moves if m.side == s] for s in sides},
        use_t={k.id: k.daily_use_t for k in sc.supply.kinds},
    )
    for s in sides:
        beaches = {t.id for t in landings[other(s)]}
        th.beach_guns[s] = {g.id for g in groups[s] if beaches & set(reach[g.id])}
    for ev in sc.events:
        if ev.date is not None:
            add = sum(
                float(e.value)
                for e in ev.effects
                if e.add == "tension" and not isinstance(e.value, bool)
            )
            th.tension_on[ev.date] = th.tension_on.get(ev.date, 0.0) + add
    th.group_ids = {g.id for g in sc.artillery}
    for ev in sc.events:
        if ev.trigger is None:
            continue
        for c in ev.trigger.when:
            if c.var == "tension" and c.op in (">", ">=") and not isinstance(c.value, bool):
                add = sum(
                    float(e.value)
                    for e in ev.effects
                    if e.add == "tension" and not isinstance(e.value, bool)
                )
                if add > 0:
                    th.tension_triggers.append((ev.id, float(c.value), add))
    th.grp = {g.id: g for g in sc.artillery}
    th.tgt = {t.id: t for t in sc.targets}
    for g in sc.artillery:
        th.reach_t[g.id] = [th.tgt[x] for x in reach[g.id] if x in th.tgt]
        th.reach_g[g.id] = [th.grp[x] for x in reach[g.id] if x in th.grp]
    for m in sc.moves:
        th.mkind[m.id] = move_kind(sc, m)
        adds: dict[str, float] = {}
        for e in m.effects:
            if e.add and not isinstance(e.value, bool):
                adds[e.add] = adds.get(e.add, 0.0) + float(e.value)
        th.madd[m.id] = adds
    sc.__dict__["_ai_theatre"] = th
    return th


# -- postures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrcPosture:
    """The besieger's day in a few numbers (the PLA's in 1958)."""

    #: multiple of the sustainable daily fire (ammunition coming in plus a share of the dumps)
    fire: float = 1.0
    #: shares of the fire plan: beaches and piers, airfield, counter-battery, command posts
    beach: float = 0.6
    airfield: float = 0.2
    cb: float = 0.3
    post: float = 0.1
    #: a beach or pier to weight three times (a guess at where tonight's convoy lands)
    focus: str | None = None
    boats: float = 1.0
    patrol: float = 0.2
    recon: int = 0
    moves: tuple[str, ...] = ()
    break_halt: bool = False
    #: tension the fire plan stays under
    tension_cap: float = 90.0


@dataclass(frozen=True)
class RocPosture:
    """The besieged side's day in a few numbers (the ROC's in 1958)."""

    #: days of every supply kind the garrison aims to hold
    stock_days: float = 30.0
    #: share of the gap to that stock shipped today (the rest waits for later convoys)
    effort: float = 0.5
    night: bool = True
    #: beaches used today
    spread: int = 2
    escort: float = 1.0
    us_escort: bool = True
    amtracs: float = 1.0
    #: share of transports kept in port
    reserve: float = 0.25
    airlift: float = 0.0
    patrol: float = 0.15
    #: share of the guns' daily fire used on spotted batteries
    cb: float = 0.35
    hide_heavy: bool = False
    recon: int = 0
    moves: tuple[str, ...] = ()


Posture = PrcPosture | RocPosture

#: the smallest PLA fire mission worth ordering (the ROC's: a fifth of it)
MIN_MISSION = 150

#: tons of ammunition the garrison keeps for its guns (counter-battery draws on what is above half)
AMMO_RESERVE_T = 1000.0


# -- small helpers ------------------------------------------------------------------------------


def today(sc: Scenario, day: int) -> dt.date:
    return sc.meta.start + dt.timedelta(days=day)


def days_left(sc: Scenario, day: int) -> int:
    return max(1, sc.days - day)


def expected_tension(sc: Scenario, v: Observation) -> float:
    """Tension tonight before anyone's orders: today's ebb, the scripted events of the date,
    and any triggered event a rise past its threshold would set off (all public)."""
    th = theatre(sc)
    t = v.tension - sc.rule("tension_decay_per_day") + th.tension_on.get(today(sc, v.day), 0.0)
    fired = v.events_fired
    for ev_id, level, add in th.tension_triggers:
        if ev_id not in fired and t + 8.0 >= level:
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


#: a repeatable move is made at most once in this many days on average: the world stops
#: listening to the same demand, and a player who spams it is not playing 1958
REPEAT_DAYS = 4


def move_fresh(move: Move, day: int, made: Sequence[str]) -> bool:
    """Whether a repeatable move is not worn out (stateless: counts it against days played)."""
    return move.once or made.count(move.id) * REPEAT_DAYS <= day


def _sets(move: Move, var: str) -> float | bool | None:
    for e in move.effects:
        if e.set == var:
            return e.value
    return None


def move_kind(sc: Scenario, move: Move) -> str:
    """halt, extend, resume, odd_days, escort or plain (judged by `move_value`); the odd-day
    and escort flags are the ones the scenario's roles name."""
    halt = _sets(move, "halt_days")
    if halt is not None and not isinstance(halt, bool):
        if halt <= 0:
            return "resume"
        if any(c.var == "halt_days" and c.op == "==" for c in move.requires) or not move.requires:
            return "halt"
        return "extend"
    odd, esc = sc.cast.odd_days, sc.cast.us_escort
    if odd is not None and _sets(move, f"flag.{odd.flag}") is True:
        return "odd_days"
    if esc is not None and _sets(move, f"flag.{esc.flag}") is True:
        return "escort"
    return "plain"


def brink(sc: Scenario) -> float:
    """The tension at which the scenario ends the game (its lowest `tension >=` ending; 100
    if none): the AI's tension thresholds are set below it, so a mod with a lower or higher
    brink gets an AI that eases off in time."""
    cached = sc.__dict__.get("_ai_brink")
    if cached is None:
        levels = [
            float(c.value)
            for e in sc.victory.endings
            for c in e.when
            if c.var == "tension" and c.op in (">=", ">") and not isinstance(c.value, bool)
        ]
        cached = sc.__dict__["_ai_brink"] = min(levels, default=100.0)
    return cached


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
    """A plain move's worth today, in rough points (> 0.6 is worth making); a move made often
    before is worth less (the world stops listening to the same demand)."""
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


# -- the besieger (the PLA in 1958) --------------------------------------------------------------


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


def prc_posture(sc: Scenario, state: State, v: Observation, rng: Rng) -> PrcPosture:
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
            # a halt gives the garrison a free week: only at the brink, after the cheaper
            # de-escalations (diplomatic moves, holding fire) are used up
            if hot + calming >= top - 7 and not restricted:
                moves.append(m.id)
        elif kind == "extend":
            if v.halt_days <= 1 and hot >= top - 12:
                moves.append(m.id)
        elif kind == "resume":
            if hot < top - 30 and v.halt_days > 2:
                moves.append(m.id)
        elif kind == "odd_days":
            if hot >= top - 10 and halt_declared(sc, v) and v.halt_days == 0:
                moves.append(m.id)
        elif not move_fresh(m, v.day, v.moves_made):
            continue
        elif move_value(sc, m, side, hot, 70.0, pressure, v.moves_made) + 0.1 * rng.normal() > 0.6:
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
        weights = [t.capacity_night_t * (0.2 + v.integrity[t.id] / 100.0) + 1.0 for t in beaches]
        focus = beaches[_pick(weights, rng)].id
    us = escort_on(sc, v, foe)
    spotted = any(v.groups[g.id].spotted and (v.groups[g.id].guns or 0) > 0 for g in th.groups[foe])
    recon = 0
    if fire > 0 and not spotted and (v.day % 3 == 1 or v.day >= 30):
        recon = 4
    airfield = th.airfield[foe]
    air_share = 0.2
    if airfield is not None and v.integrity[airfield.id] < sc.rule("airfield_min_integrity") - 20:
        air_share = 0.08
    return PrcPosture(
        fire=fire,
        airfield=air_share,
        focus=focus,
        boats=0.6 if us else 1.0,
        # fighters over the strait to catch the transports once the garrison needs them
        patrol=0.7 if fdays < 30 and th.lifters[foe] else 0.3,
        recon=recon,
        moves=tuple(moves),
        tension_cap=top - 20 if halting else top - 10,
    )


def _pick(weights: Sequence[float], rng: Rng) -> int:
    total = sum(weights)
    x = rng.random() * total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(weights) - 1


def _group_rounds(
    sc: Scenario, v: Observation, g: ArtilleryGroup, supply_t: float | None, fire: float
) -> int:
    """Rounds the group can fire today at `fire` times its sustainable rate."""
    d = v.groups[g.id]
    cap = int(d.guns * g.rounds_per_gun * (1.0 - d.suppressed))
    if cap <= 0:
        return 0
    if d.ammo >= 0:
        stock = d.ammo
        rate = g.ammo_per_day + max(0.0, stock - 2 * g.ammo_per_day) / 8.0
        return max(0, min(cap, stock, int(rate * fire)))
    return int(cap * fire)


def realize_prc(
    sc: Scenario, state: State, v: Observation, p: PrcPosture, rng: Rng, explain: bool = True
) -> tuple[list[Order], str]:
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
                n = min(p.recon, int(have * sc.rule("sorties_per_aircraft")))
                if n > 0:
                    orders.append(AirSortie(air_unit=unit.id, sorties=n, mission="recon"))
                    notes.append("photo-reconnaissance")
                break
    if p.fire > 0 and (not restricted or p.break_halt or resuming):
        brk = bool(restricted and (p.break_halt or resuming))
        for gid, tid, k in _prc_fire_plan(sc, v, p):
            orders.append(Fire(group=gid, target=tid, rounds=k, break_halt=brk))
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
            n = int(have * sc.rule("sorties_per_aircraft") * p.patrol)
            if n > 0:
                orders.append(AirSortie(air_unit=unit.id, sorties=n))
                patrol += n
    legal = legal_only(sc, state, side, orders)
    return legal, _prc_intent(sc, legal, notes) if explain else ""


def own_accuracy(sc: Scenario, v: Observation, side: str) -> float:
    """The side's accuracy as the engine computes it, from what the side knows of itself."""
    th = theatre(sc)
    m = 1.0 - sc.rule("morale_accuracy_weight") * (1.0 - (v.morale[side] or 0.0) / 100.0)
    posts = [v.integrity[t.id] for t in th.posts[side]]
    cp = sum(posts) / len(posts) if posts else 100.0
    cpf = 1.0 - sc.rule("command_post_accuracy_weight") * (1.0 - cp / 100.0)
    return max(0.05, m * cpf * (1.0 - (v.fire_control_loss[side] or 0.0)))


def _prc_fire_plan(sc: Scenario, v: Observation, p: PrcPosture) -> list[tuple[str, str, int]]:
    """(group, target, rounds): knock the landing beaches (and the airfield) down to nothing
    each day, mass the rest of the coastal and beach guns on the beach where tonight's convoy
    is expected, then counter-battery on spotted guns and the command post, within the
    tension budget and each group's sustainable ammunition."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    date = today(sc, v.day)
    acc = own_accuracy(sc, v, side)
    integ = v.integrity
    room = p.tension_cap - expected_tension(sc, v)
    per = sc.rule("tension_per_10000_rounds")
    budget = int(max(0.0, room) / per * 10000) if per > 0 else 10**9
    left: dict[str, int] = {}
    for g in th.groups[side]:
        d = v.groups[g.id]
        if not d.guns or (g.available_from and g.available_from > date):
            continue
        n = _group_rounds(sc, v, g, None, p.fire)
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
        need_kg = max(0.0, integ[t.id] - floor) * t.hardness_kg * share
        p_hit = sc.rule(f"hit_chance_{t.kind}") * acc
        for g in sorted(reaching(t.id), key=lambda g: (g.coastal, -g.shell_kg)):
            if need_kg <= 0:
                break
            per_round = g.shell_kg * p_hit
            if per_round <= 0:
                continue
            got = give(g, t.id, math.ceil(need_kg / per_round))
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
                    w = d.guns * tg.shell_kg * (2.0 if tg.shell_kg >= 80 else 1.0)
                    if w > best_w:
                        best, best_w = tg.id, w
            if best is not None:
                give(g, best, int(left[gid] * min(1.0, p.cb * p.fire)))
    if p.post > 0:
        for t in th.posts[foe]:
            for g in reaching(t.id):
                give(g, t.id, int(left[g.id] * min(1.0, p.post * p.fire)))
    # a handful of rounds is not worth an order (each costs the engine and the reader)
    return [(gid, tid, n) for (gid, tid), n in plan.items() if n >= MIN_MISSION]


def _name(obj: Any) -> str:
    return obj.name.en


def _short(sc: Scenario, tid: str) -> str:
    """A target's or group's name as a line of intent uses it ("Liaoluo Bay", "Weitou 152 mm")."""
    try:
        t = sc.target(tid)
    except KeyError:
        name = sc.group(tid).name.en
        for cut in (" gun-howitzers", " howitzers", " guns", " coastal"):
            name = name.split(cut)[0] if cut in name else name
        return name.replace(" (calibre lost)", "")
    name = t.name.en
    if t.kind == "command_post" and ", " in name:
        return name.rsplit(", ", 1)[1] + " command post"
    return name.replace(" beaches and pier", "")


def _prc_intent(sc: Scenario, orders: list[Order], notes: list[str]) -> str:
    th = theatre(sc)
    parts: list[str] = []
    moves = [sc.move(o.move).name.en for o in orders if isinstance(o, MakeMove)]
    if moves:
        parts.append("; ".join(moves))
    fires = [o for o in orders if isinstance(o, Fire)]
    if fires:
        by: dict[str, int] = {}
        cb: dict[str, int] = {}
        for o in fires:
            table = cb if o.target in th.group_ids else by
            table[o.target] = table.get(o.target, 0) + o.rounds
        total = sum(o.rounds for o in fires)
        top = sorted(by, key=lambda k: -by[k])[:3]
        line = f"Shell {', '.join(_short(sc, t) for t in top)} ({total:,} rounds)"
        if any(o.break_halt for o in fires):
            line += ", breaking the halt"
        parts.append(line)
        if cb:
            parts.append("counter-battery on " + ", ".join(_short(sc, t) for t in list(cb)[:2]))
    else:
        parts.append("Hold fire")
    if notes:
        parts.append(notes[0] + " first")
    boats = sum(o.boats for o in orders if isinstance(o, NavalSortie))
    if boats:
        parts.append(f"{boats} boats hunt convoys")
    patrol = sum(o.sorties for o in orders if isinstance(o, AirSortie) and o.mission == "patrol")
    if patrol:
        parts.append(f"{patrol} fighter sorties")
    return "; ".join(parts)


# -- the besieged (the ROC in 1958) --------------------------------------------------------------


def roc_posture(sc: Scenario, state: State, v: Observation, rng: Rng) -> RocPosture:
    """The besieged side's posture by rule (`state`: its belief, for the legality checks)."""
    th = theatre(sc)
    side = v.side
    foe = other(side)
    ammo = sc.cast.ammo
    morale = v.morale[side]
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
            wanted = hot + th.madd[m.id].get("tension", 0.0) < brink(sc) - 18
        elif kind == "plain" and move_fresh(m, v.day, v.moves_made):
            value = move_value(sc, m, side, hot, morale, 0.3, v.moves_made)
            wanted = value + 0.1 * rng.normal() > 0.6
        else:
            wanted = False
        if wanted:
            moves.append(m.id)
    us = escort_on(sc, v, side) or any(th.mkind[m] == "escort" for m in moves)
    # night convoys once the guns are known to be laid on the beaches; by day when they cannot
    # fire (a declared halt, an even date under odd-day shelling) or on the first morning
    night = not restricted and v.day > 0
    transports_home = sum((v.ships[c.id] or 0) for c in th.transports[side])
    ship_total = sum(c.count for c in th.transports[side]) or 1
    sea_shut = transports_home <= 0 or (
        all(v.integrity[t.id] < 15 for t in th.landings[side]) and th.amtrac[side] is None
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
        g.shell_kg >= 80
        and (v.groups[g.id].destroyed or 0) > 0
        and v.groups[g.id].spotted_until >= v.day
        for g in th.groups[side]
    )
    foe_spotted = sum(1 for g in th.groups[foe] if v.groups[g.id].spotted)
    boats0 = sum(c.count for c in th.craft[foe])
    boats_left = 1.0 - v.totals[f"ships_lost.{foe}"] / boats0 if boats0 else 0.0
    recon = 2 if foe_spotted < len(th.groups[foe]) // 2 and not restricted else 0
    return RocPosture(
        night=night,
        spread=2 if rng.chance(0.6) else 1,
        # US ships blunt the torpedo boats; with few boats left they only add tension
        us_escort=us and hot < brink(sc) - 15 and boats_left > 0.25,
        airlift=airlift,
        # a standing patrol keeps the MiGs thin (the Sabres trade better); more over the C-46s
        patrol=0.5 if airlift > 0 else 0.12,
        cb=0.0 if restricted else cb,
        hide_heavy=heavy_lost,
        recon=recon,
        moves=tuple(moves),
        effort=0.8 if fdays < 15 else 0.5,
    )


def realize_roc(
    sc: Scenario, state: State, v: Observation, p: RocPosture, rng: Rng, explain: bool = True
) -> tuple[list[Order], str]:
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
            want = max(want, AMMO_RESERVE_T)
        gap[k.id] = max(0.0, want - sup[k.id]) * p.effort + k.daily_use_t * 2
    need = sum(gap.values())
    notes: list[str] = []
    # recon before counter-battery
    if p.recon:
        for unit in th.recon[side]:
            have = v.aircraft[unit.id] or 0
            if have >= 1:
                n = min(p.recon, int(have * sc.rule("sorties_per_aircraft")))
                if n:
                    orders.append(AirSortie(air_unit=unit.id, sorties=n, mission="recon"))
                break
    # air cover and airlift
    lifted = 0.0
    if p.airlift > 0 and th.lifters[side]:
        airfield = th.airfield[side]
        land = airfield is not None and (
            v.integrity[airfield.id] >= sc.rule("airfield_min_integrity")
        )
        for unit in th.lifters[side]:
            have = v.aircraft[unit.id] or 0
            n = int(have * sc.rule("sorties_per_aircraft") * p.airlift)
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
            n = int(have * sc.rule("sorties_per_aircraft") * p.patrol)
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
    cb_note = _roc_fire(sc, v, p, orders)
    legal = legal_only(sc, state, side, orders)
    if not explain:
        return legal, ""
    parts = []
    moves = [sc.move(o.move).name.en for o in legal if isinstance(o, MakeMove)]
    if moves:
        parts.append("; ".join(moves))
    if convoy_note and any(isinstance(o, Convoy) for o in legal):
        parts.append(convoy_note)
    parts.extend(notes)
    if cb_note and any(isinstance(o, Fire) for o in legal):
        parts.append(cb_note)
    if p.hide_heavy:
        parts.append("8-inch guns hidden")
    if patrol:
        parts.append(f"{patrol} fighter sorties")
    return legal, "; ".join(parts) if parts else "Hold and wait"


def _cargo(gap: dict[str, float], tons: float) -> dict[str, float]:
    total = sum(gap.values())
    if total <= 0 or tons <= 0:
        return {}
    out = {k: round(tons * g / total, 1) for k, g in gap.items() if g > 0}
    return {k: x for k, x in out.items() if x > 0}


def _plan_convoys(
    sc: Scenario,
    v: Observation,
    p: RocPosture,
    gap: dict[str, float],
    need: float,
    us_flag: bool,
    rng: Rng,
) -> tuple[list[Order], str]:
    th = theatre(sc)
    side = v.side
    night = p.night
    beaches = list(th.landings[side])
    if not beaches:
        return [], ""
    cap = {
        t.id: (t.capacity_night_t if night else t.capacity_day_t) * v.integrity[t.id] / 100.0
        for t in beaches
    }
    am = th.amtrac[side]
    am_free = int((v.ships[am.id] or 0) * p.amtracs) if am else 0
    # choose beaches: the most capacity, with some chance so the enemy cannot count on one
    chosen: list[Target] = []
    pool = list(beaches)
    for _ in range(min(p.spread, len(pool))):
        weights = [cap[t.id] + (40.0 if am_free else 5.0) for t in pool]
        chosen.append(pool.pop(_pick(weights, rng)))
    # ships ready, keeping a reserve in port
    fleet = []
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
            ships = max(1, min(free, math.ceil(room / c.cargo_t)))
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
        notes.append(f"{ships} {_ship_word(c, ships)} to {_short(sc, t.id)}")
    when = "Night" if night else "Day"
    text = f"{when} convoy{'s' if len(notes) > 1 else ''}: " + ", ".join(notes)
    if any(isinstance(o, Convoy) and o.us_escort for o in orders):
        text += " (US escort)"
    return orders, text


def _ship_word(c: ShipClass, n: int) -> str:
    name = c.name.en
    if "(" in name and name.endswith(")"):
        name = name[name.rindex("(") + 1 : -1]
    return name + ("s" if n > 1 and not name.endswith("s") else "")


def _roc_fire(sc: Scenario, v: Observation, p: RocPosture, orders: list[Order]) -> str:
    th = theatre(sc)
    side = v.side
    foe = other(side)
    date = today(sc, v.day)
    if p.cb <= 0:
        return ""
    targets: list[str] = []
    sup = v.supply.get(sc.cast.ammo) if sc.cast.ammo is not None else None
    ammo_t = sup if sup is not None else 0.0
    budget_t = max(0.0, ammo_t - 0.5 * AMMO_RESERVE_T) / 20.0
    # heavy guns still to come (the 8-inch of late September): save shells to mass fire with
    # them, as the garrison did, instead of spending the dumps in the first weeks
    coming = any(
        g.shell_kg >= 80 and g.available_from is not None and g.available_from > date
        for g in th.groups[side]
    )
    if coming:
        budget_t = max(0.0, ammo_t - 2.0 * AMMO_RESERVE_T) / 40.0
    plenty = ammo_t > 3 * AMMO_RESERVE_T
    used_t = 0.0
    for g in sorted(th.groups[side], key=lambda g: -g.shell_kg):
        d = v.groups[g.id]
        if not d.guns or (g.available_from and g.available_from > date):
            continue
        heavy = g.shell_kg >= 80
        if heavy and p.hide_heavy:
            continue
        if g.shell_kg < 40 and not plenty:
            continue  # light howitzers barely scratch a battery: keep their shells
        best, best_w = None, 0.0
        for tid in th.reach[g.id]:
            if tid not in th.group_ids:
                continue
            e = v.groups[tid]
            if not e.spotted or not e.guns:
                continue
            tg = th.grp[tid]
            w = e.guns * tg.shell_kg * (2.0 if tid in th.beach_guns[foe] else 1.0)
            if w > best_w:
                best, best_w = tid, w
        if best is None:
            continue
        share = min(1.0, p.cb * (2.0 if heavy else 1.0))
        rounds = int(d.guns * g.rounds_per_gun * (1.0 - d.suppressed) * share)
        if g.ammo is None:
            per_t = g.shell_kg / 1000.0 * sc.rule("ammo_t_per_t_shell")
            rounds = min(rounds, int(max(0.0, budget_t - used_t) / per_t)) if per_t else rounds
            used_t += rounds * per_t
        if rounds >= MIN_MISSION // 5:
            orders.append(Fire(group=g.id, target=best, rounds=rounds))
            targets.append(best)
    if not targets:
        return ""
    uniq = list(dict.fromkeys(targets))
    return "counter-battery on " + ", ".join(_short(sc, t) for t in uniq[:3])


# -- the easy player -------------------------------------------------------------------------------


def decide(
    sc: Scenario,
    v: Observation,
    rng: Rng,
    posture: Posture | None = None,
    explain: bool = True,
    pla_adjust: Callable[[PrcPosture], PrcPosture] | None = None,
) -> tuple[list[Order], str, Posture]:
    """The observing side's orders, intent and posture for the day (posture chosen by rule if
    None; `pla_adjust` then reshapes a besieger posture the rules chose, as easy's handicap
    does). The besieger plays the PLA's rules, the besieged the ROC's (`roles:`)."""
    besieger = v.side == sc.cast.besieger
    if v.over:
        return [], "The game is over", posture or (PrcPosture() if besieger else RocPosture())
    # legality and declared restrictions are judged on the side's belief: its own figures
    # are exact there, and nothing hidden from it is read
    known = belief(sc, v, 0)
    if besieger:
        if isinstance(posture, PrcPosture):
            pp = posture
        else:
            pp = prc_posture(sc, known, v, rng)
            if pla_adjust is not None:
                pp = pla_adjust(pp)
        orders, intent = realize_prc(sc, known, v, pp, rng, explain)
        return orders, intent, pp
    rp = posture if isinstance(posture, RocPosture) else roc_posture(sc, known, v, rng)
    orders, intent = realize_roc(sc, known, v, rp, rng, explain)
    return orders, intent, rp


class EasyAI:
    """Rules only, no look-ahead: a few tenths of a millisecond a turn.

    As the PLA it also holds its guns back to `PLA_FIRE` of what the rules would fire. The
    full rules' fire plan (knock every beach down before the night's convoy) beats the ROC's
    rules in three games of four, which makes a poor first opponent for a new ROC player;
    at 0.6 easy against easy is as even as normal against normal (docs/ai.md, Balance). The
    look-ahead levels still model their enemy with the full rules.
    """

    level = "easy"
    PLA_FIRE = 0.6

    def __init__(self, seed: int = 0) -> None:
        self.rng = Rng(seed_state(seed ^ 0xEA5E))
        self.intent = ""
        self.posture: Posture | None = None

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        orders, self.intent, self.posture = decide(sc, obs, self.rng, pla_adjust=self._hold_back)
        return orders

    def _hold_back(self, p: PrcPosture) -> PrcPosture:
        return replace(p, fire=p.fire * self.PLA_FIRE)


__all__ = [
    "EasyAI",
    "PrcPosture",
    "RocPosture",
    "Theatre",
    "decide",
    "legal_only",
    "realize_prc",
    "realize_roc",
    "replace",
    "theatre",
]
