"""What the scenario offers each side, as the AI reads it: computed once per scenario.

`theatre(sc)` sorts the scenario's units and targets by side and by what they do (guns and
what each reaches, landing beaches, transports, escorts, attack craft, fighters, movers of
supply) and reads the scripted tension of each date and the diplomatic moves' kinds and
effects, so that the rules and the look-ahead never search the scenario lists in a turn.
`brink(sc)` is the tension at which the scenario ends the game, the level the AI's tension
thresholds (`game.ai.tuning`) are set below. Nothing here depends on the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from game.engine.geo import distance_km
from game.scenario.memo import per_scenario
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


@per_scenario
def theatre(sc: Scenario) -> Theatre:
    """The scenario's units and targets sorted for the AI, once per scenario."""
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
    return th


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


@per_scenario
def brink(sc: Scenario) -> float:
    """The tension at which the scenario ends the game (its lowest `tension >=` ending; 100
    if none): the AI's tension thresholds are set below it, so a mod with a lower or higher
    brink gets an AI that eases off in time."""
    levels = [
        float(c.value)
        for e in sc.victory.endings
        for c in e.when
        if c.var == "tension" and c.op in (">=", ">") and not isinstance(c.value, bool)
    ]
    return min(levels, default=100.0)
