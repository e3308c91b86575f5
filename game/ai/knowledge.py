"""What an AI side knows, and its guesses at what it does not.

`seen` is `game.engine.view.view` built by hand (no `dataclasses.asdict`, so an easy turn costs
well under a millisecond); tests check the two agree. Everything the AI decides goes through
`seen`, never through the state's hidden fields. `determinize` turns a side's view into a full
`State` for look-ahead by filling each hidden value with an estimate made only from public
figures (running totals, events fired, targets' damage) and the scenario file, which both sides
know. The game's own generator is never read: the determinized state gets the AI's seed.
"""

from __future__ import annotations

from typing import Any

from game.engine.state import GroupState, State, compare, get_var
from game.scenario.model import SIDES, Scenario, other


def seen(sc: Scenario, state: State, side: str) -> dict[str, Any]:
    """The same dict as `view(sc, state, side)`, built quickly."""
    enemy = other(side)
    day = state.day
    groups: dict[str, dict[str, Any]] = {}
    for g in sc.artillery:
        gs = state.groups[g.id]
        d: dict[str, Any] = {
            "guns": gs.guns,
            "destroyed": gs.destroyed,
            "ammo": gs.ammo,
            "spotted_until": gs.spotted_until,
            "suppressed": gs.suppressed,
        }
        if g.side == enemy:
            known = gs.spotted_until >= day
            d["spotted"] = known
            if not known:
                d["guns"] = d["ammo"] = d["destroyed"] = d["suppressed"] = None
        groups[g.id] = d
    own_ships = {s.id for s in sc.ships if s.side == side}
    own_air = {a.id for a in sc.air if a.side == side}
    supply = dict(state.supply)
    if side == "prc":
        supply = dict.fromkeys(supply)
    return {
        "scenario_id": state.scenario_id,
        "scenario_sha256": state.scenario_sha256,
        "day": day,
        "groups": groups,
        "integrity": dict(state.integrity),
        "supply": supply,
        "ships": {k: (v if k in own_ships else None) for k, v in state.ships.items()},
        "ships_away": [list(x) for x in state.ships_away if x[1] in own_ships],
        "aircraft": {k: (v if k in own_air else None) for k, v in state.aircraft.items()},
        "commanders": dict(state.commanders),
        "fire_control_loss": {
            s: (v if s == side else None) for s, v in state.fire_control_loss.items()
        },
        "morale": {s: (v if s == side else None) for s, v in state.morale.items()},
        "tension": state.tension,
        "us_commitment": state.us_commitment,
        "halt_days": state.halt_days,
        "flags": dict(state.flags),
        "totals": dict(state.totals),
        "events_fired": list(state.events_fired),
        "moves_made": list(state.moves_made),
        "streaks": dict(state.streaks),
        "ending": state.ending,
        "winner": state.winner,
        "score": state.score,
    }


# -- estimates of hidden figures, from public ones -----------------------------------------------


def _tables(sc: Scenario) -> dict[str, Any]:
    """Per-scenario constants the estimates use, computed once."""
    cached = sc.__dict__.get("_ai_knowledge")
    if cached is not None:
        return cached
    adds: dict[str, dict[str, float]] = {}
    for ev in sc.events:
        for eff in ev.effects:
            if eff.add and not isinstance(eff.value, bool):
                table = adds.setdefault(eff.add, {})
                table[ev.id] = table.get(ev.id, 0.0) + float(eff.value)
    move_adds: dict[str, dict[str, float]] = {}
    for m in sc.moves:
        for eff in m.effects:
            if eff.add and not isinstance(eff.value, bool):
                table = move_adds.setdefault(eff.add, {})
                table[m.id] = table.get(m.id, 0.0) + float(eff.value)
    guns = [g for g in sc.artillery if g.side == "roc" and g.ammo is None]
    weight = sum(g.guns * g.rounds_per_gun for g in guns)
    kg = sum(g.guns * g.rounds_per_gun * g.shell_kg for g in guns) / weight if weight else 0.0
    out = {
        "event_adds": adds,
        "move_adds": move_adds,
        "roc_t_per_round": kg / 1000.0 * sc.rule("ammo_t_per_t_shell"),
    }
    sc.__dict__["_ai_knowledge"] = out
    return out


def _effects_on(sc: Scenario, v: dict[str, Any], var: str) -> float:
    """Sum of `add` effects on `var` from events fired and moves made (both public)."""
    tb = _tables(sc)
    total = 0.0
    ev = tb["event_adds"].get(var)
    if ev:
        total += sum(ev.get(e, 0.0) for e in v["events_fired"])
    mv = tb["move_adds"].get(var)
    if mv:
        total += sum(mv.get(m, 0.0) for m in v["moves_made"])
    return total


def roc_shell_tons(sc: Scenario, rounds: float) -> float:
    """Tons of the `ammo` supply a number of ROC rounds costs, at the guns' average shell."""
    return rounds * _tables(sc)["roc_t_per_round"]


def estimate_supply(sc: Scenario, v: dict[str, Any]) -> dict[str, float]:
    """Kinmen's stocks as the PLA can reckon them: start, plus tons landed (shared out as the
    garrison uses them), minus daily use and the ammunition its guns have fired."""
    days = v["day"]
    used: dict[str, float] = {}
    for k in sc.supply.kinds:
        used[k.id] = k.daily_use_t * days
    if "ammo" in used:
        used["ammo"] += roc_shell_tons(sc, v["totals"]["shells.roc"])
    total_used = sum(used.values()) or 1.0
    landed = v["totals"]["tons.landed"]
    out = {}
    for k in sc.supply.kinds:
        est = k.stock_t + landed * used[k.id] / total_used - used[k.id]
        est += _effects_on(sc, v, f"supply.{k.id}")
        out[k.id] = max(0.0, est)
    return out


def known_supply(sc: Scenario, v: dict[str, Any]) -> dict[str, float]:
    """The side's own figure if it has one, else the estimate."""
    if all(x is not None for x in v["supply"].values()):
        return dict(v["supply"])
    return estimate_supply(sc, v)


def estimate_morale(sc: Scenario, v: dict[str, Any], side: str) -> float:
    if v["morale"][side] is not None:
        return float(v["morale"][side])
    base = sc.sides[side].morale  # type: ignore[index]
    # Scripted and ordered morale effects fade by `morale_recovery_per_day`; count recent ones
    # only through the shortage the PLA can reckon.
    est = base
    if side == "roc":
        food = estimate_supply(sc, v)
        short = sum(1 for k in sc.supply.kinds if food[k.id] < k.daily_use_t)
        est -= 2.0 * short * sc.rule("shortage_morale_per_day")
    return max(0.0, min(100.0, est))


def determinize(sc: Scenario, v: dict[str, Any], side: str, rng_state: int) -> State:
    """A full state built from the side's view, hidden values replaced by estimates."""
    enemy = other(side)
    day = v["day"]
    t = v["totals"]
    # enemy guns: start strength less the public count of guns lost, shared over unseen groups
    unseen = [g for g in sc.artillery if g.side == enemy and not v["groups"][g.id]["spotted"]]
    lost_known = sum(
        v["groups"][g.id]["destroyed"] or 0
        for g in sc.artillery
        if g.side == enemy and v["groups"][g.id]["spotted"]
    )
    lost_unseen = max(0.0, t[f"guns_lost.{enemy}"] - lost_known)
    unseen_guns = sum(g.guns for g in unseen) or 1
    dumps = [g for g in sc.artillery if g.side == enemy and g.ammo is not None]
    dump_total = sum((g.ammo or 0) + g.ammo_per_day * day for g in dumps) or 1
    fired = t[f"shells.{enemy}"]
    groups = {}
    for g in sc.artillery:
        d = v["groups"][g.id]
        if g.side == enemy and not d["spotted"]:
            lost = round(lost_unseen * g.guns / unseen_guns)
            guns = max(0, g.guns - lost)
            if g.ammo is None:
                ammo = -1
            else:
                have = g.ammo + g.ammo_per_day * day
                ammo = max(0, int(have - fired * have / dump_total))
            groups[g.id] = GroupState(guns, g.guns - guns, ammo, d["spotted_until"], 0.0)
        else:
            groups[g.id] = GroupState(
                d["guns"], d["destroyed"], d["ammo"], d["spotted_until"], d["suppressed"]
            )
    supply = known_supply(sc, v)
    ships = {}
    lost_ships = t[f"ships_lost.{enemy}"]
    enemy_ships = [s for s in sc.ships if s.side == enemy]
    enemy_count = sum(s.count for s in enemy_ships) or 1
    for s in sc.ships:
        if s.side == side:
            ships[s.id] = v["ships"][s.id]
        else:
            ships[s.id] = max(0, s.count - round(lost_ships * s.count / enemy_count))
    aircraft = {}
    lost_air = t[f"aircraft_lost.{enemy}"]
    enemy_air = sum(a.count for a in sc.air if a.side == enemy) or 1
    for a in sc.air:
        if a.side == side:
            aircraft[a.id] = v["aircraft"][a.id]
        else:
            est = a.count - lost_air * a.count / enemy_air + a.replacements_per_day * day
            aircraft[a.id] = float(max(0.0, min(float(a.count), est)))
    fcl = {s: (v["fire_control_loss"][s] if s == side else 0.0) for s in SIDES}
    morale = {s: estimate_morale(sc, v, s) for s in SIDES}
    st = State(
        scenario_id=v["scenario_id"],
        scenario_sha256=v["scenario_sha256"],
        seed=0,
        day=day,
        rng=rng_state,
        groups=groups,
        integrity=dict(v["integrity"]),
        supply=supply,
        ships=ships,
        ships_away=[list(x) for x in v["ships_away"]],
        aircraft=aircraft,
        commanders=dict(v["commanders"]),
        fire_control_loss=fcl,
        morale=morale,
        tension=v["tension"],
        us_commitment=v["us_commitment"],
        halt_days=v["halt_days"],
        flags=dict(v["flags"]),
        totals=dict(t),
        events_fired=list(v["events_fired"]),
        moves_made=list(v["moves_made"]),
        streaks=dict(v["streaks"]),
        ending=v["ending"],
        winner=v["winner"],
        score=v["score"],
    )
    # A streak on a condition the side cannot see would leak the hidden figure: recount it
    # from the estimates instead (one day, if the condition holds on them).
    for e in sc.victory.endings:
        if any(_hidden_var(c.var, side) for c in e.when):
            holds = all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when)
            st.streaks[e.id] = 1 if holds else 0
    return st


def _hidden_var(var: str, side: str) -> bool:
    head, _, rest = var.partition(".")
    if head in ("supply", "supply_days"):
        return side == "prc"
    if head == "morale":
        return rest != side
    return False
