"""A side's belief: possible true states sampled from its `Observation`.

`belief(sc, obs, rng_state)` is the one place hidden figures are guessed. It serves the AI's
look-ahead (its rollouts play on a belief, never on the true state) and the UI's previews (the
odds shown for an order cannot betray an unspotted battery). Each hidden value is filled with
an estimate made only from public figures (running totals, events fired, moves made, targets'
damage) and the scenario file, which both sides know; so two true states that differ only in
what the side cannot see give the same belief. The game's own generator is never read: the
belief carries the generator state it is given.
"""

from __future__ import annotations

from typing import Any

from game.engine.observe import Observation, hidden_var, sees_stocks
from game.engine.state import GroupState, State, compare, get_var, named_ships_start
from game.scenario.memo import per_scenario
from game.scenario.model import SIDES, Scenario

# -- estimates of hidden figures, from public ones -----------------------------------------------


@per_scenario
def _tables(sc: Scenario) -> dict[str, Any]:
    """Per-scenario constants the estimates use, computed once."""
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
    guns = [g for g in sc.artillery if g.side == sc.cast.besieged and g.ammo is None]
    weight = sum(g.guns * g.rounds_per_gun for g in guns)
    kg = sum(g.guns * g.rounds_per_gun * g.shell_kg for g in guns) / weight if weight else 0.0
    out = {
        "event_adds": adds,
        "move_adds": move_adds,
        "t_per_round": kg / 1000.0 * sc.rule("ammo_t_per_t_shell"),
    }
    return out


def _effects_on(sc: Scenario, obs: Observation, var: str) -> float:
    """Sum of `add` effects on `var` from events fired and moves made (both public)."""
    tb = _tables(sc)
    total = 0.0
    ev = tb["event_adds"].get(var)
    if ev:
        total += sum(ev.get(e, 0.0) for e in obs.events_fired)
    mv = tb["move_adds"].get(var)
    if mv:
        total += sum(mv.get(m, 0.0) for m in obs.moves_made)
    return total


def shell_tons(sc: Scenario, rounds: float) -> float:
    """Tons of the ammunition supply a number of the besieged side's rounds costs, at its
    guns' average shell."""
    return rounds * _tables(sc)["t_per_round"]


def estimate_supply(sc: Scenario, obs: Observation) -> dict[str, float]:
    """The besieged side's stocks as its enemy can reckon them: start, plus tons landed
    (shared out as the garrison uses them), minus daily use and the ammunition its guns
    have fired."""
    days = obs.day
    ammo = sc.cast.ammo
    used: dict[str, float] = {}
    for k in sc.supply.kinds:
        used[k.id] = k.daily_use_t * days
    if ammo is not None and ammo in used:
        used[ammo] += shell_tons(sc, obs.totals[f"shells.{sc.cast.besieged}"])
    total_used = sum(used.values()) or 1.0
    landed = obs.totals["tons.landed"]
    out = {}
    for k in sc.supply.kinds:
        est = k.stock_t + landed * used[k.id] / total_used - used[k.id]
        est += _effects_on(sc, obs, f"supply.{k.id}")
        out[k.id] = max(0.0, est)
    return out


def known_supply(sc: Scenario, obs: Observation) -> dict[str, float]:
    """The stocks as the side knows them: the figures if it sees them, else the estimate."""
    if all(x is not None for x in obs.supply.values()):
        return dict(obs.supply)  # type: ignore[arg-type]
    return estimate_supply(sc, obs)


def estimate_morale(sc: Scenario, obs: Observation, side: str) -> float:
    """A side's morale: the figure if seen, else its base less the shortage the observer can
    reckon (scripted and ordered effects fade by `morale_recovery_per_day`)."""
    seen = obs.morale[side]
    if seen is not None:
        return float(seen)
    est = sc.side(side).morale
    if side == sc.cast.besieged:
        food = estimate_supply(sc, obs)
        short = sum(1 for k in sc.supply.kinds if food[k.id] < k.daily_use_t)
        est -= 2.0 * short * sc.rule("shortage_morale_per_day")
    return max(0.0, min(100.0, est))


def belief(sc: Scenario, obs: Observation, rng_state: int) -> State:
    """A full state consistent with `obs`: what it shows as shown, each hidden figure replaced
    by its estimate, and the generator state `rng_state` (the caller's, never the game's)."""
    side = obs.side
    enemy = obs.enemy
    day = obs.day
    t = obs.totals
    groups_seen = obs.groups
    # enemy guns: start strength less the public count of guns lost, shared over unseen groups
    unseen = [g for g in sc.artillery if g.side == enemy and not groups_seen[g.id].known]
    lost_known = sum(
        groups_seen[g.id].destroyed or 0
        for g in sc.artillery
        if g.side == enemy and groups_seen[g.id].known
    )
    lost_unseen = max(0.0, t[f"guns_lost.{enemy}"] - lost_known)
    unseen_guns = sum(g.guns for g in unseen) or 1
    dumps = [g for g in sc.artillery if g.side == enemy and g.ammo is not None]
    dump_total = sum((g.ammo or 0) + g.ammo_per_day * day for g in dumps) or 1
    fired = t[f"shells.{enemy}"]
    groups = {}
    for g in sc.artillery:
        d = groups_seen[g.id]
        if not d.known:
            lost = round(lost_unseen * g.guns / unseen_guns)
            guns = max(0, g.guns - lost)
            if g.ammo is None:
                ammo = -1
            else:
                have = g.ammo + g.ammo_per_day * day
                ammo = max(0, int(have - fired * have / dump_total))
            groups[g.id] = GroupState(guns, g.guns - guns, ammo, d.spotted_until, 0.0)
        else:
            groups[g.id] = GroupState(
                d.guns,  # type: ignore[arg-type]
                d.destroyed,  # type: ignore[arg-type]
                d.ammo,  # type: ignore[arg-type]
                d.spotted_until,
                d.suppressed,  # type: ignore[arg-type]
            )
    supply = known_supply(sc, obs)
    ships: dict[str, int] = {}
    lost_ships = t[f"ships_lost.{enemy}"]
    enemy_ships = [s for s in sc.ships if s.side == enemy]
    enemy_count = sum(s.count for s in enemy_ships) or 1
    for s in sc.ships:
        seen_n = obs.ships[s.id]
        if seen_n is not None:
            ships[s.id] = seen_n
        else:
            ships[s.id] = max(0, s.count - round(lost_ships * s.count / enemy_count))
    aircraft: dict[str, float] = {}
    lost_air = t[f"aircraft_lost.{enemy}"]
    enemy_air = sum(a.count for a in sc.air if a.side == enemy) or 1
    for a in sc.air:
        seen_a = obs.aircraft[a.id]
        if seen_a is not None:
            aircraft[a.id] = seen_a
        else:
            est = a.count - lost_air * a.count / enemy_air + a.replacements_per_day * day
            aircraft[a.id] = float(max(0.0, min(float(a.count), est)))
    fcl = {s: (obs.fire_control_loss[s] or 0.0) for s in SIDES}
    morale = {s: estimate_morale(sc, obs, s) for s in SIDES}
    integrity = {k: (100.0 if v is None else v) for k, v in obs.integrity.items()}
    commanders = {k: ("ok" if v is None else v) for k, v in obs.commanders.items()}
    st = State(
        scenario_id=obs.scenario_id,
        scenario_sha256=sc.sha256,
        seed=0,
        day=day,
        rng=rng_state,
        groups=groups,
        integrity=integrity,
        supply=supply,
        ships=ships,
        ships_away=[list(x) for x in obs.ships_away],
        aircraft=aircraft,
        commanders=commanders,
        fire_control_loss=fcl,
        morale=morale,
        tension=obs.tension,
        us_commitment=obs.us_commitment,
        halt_days=obs.halt_days,
        flags=dict(obs.flags),
        totals=dict(t),
        events_fired=list(obs.events_fired),
        moves_made=list(obs.moves_made),
        streaks={k: (v or 0) for k, v in obs.streaks.items()},
        # which named ships sail and how they fared is not observed: all in port, unhit
        named_ships=named_ships_start(sc),
        under_fire=dict(obs.under_fire),
        ending=obs.ending,
        winner=obs.winner,
        score=obs.score,
    )
    # A streak on a condition the side cannot see would leak the hidden figure (observe hides
    # it): recount it from the estimates instead (one day, if the condition holds on them).
    for e in sc.victory.endings:
        if any(hidden_var(sc, c.var, side) for c in e.when):
            holds = all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when)
            st.streaks[e.id] = 1 if holds else 0
    return st


def known_var(sc: Scenario, obs: Observation, name: str) -> float | bool:
    """A condition variable as the side knows it (`get_var` on its observation; a hidden one
    estimated: a group's guns at its scenario strength, morale at its base, stocks reckoned)."""
    head, _, rest = name.partition(".")
    if name in obs.totals:
        return obs.totals[name]
    if head == "day":
        return obs.day + 1
    if head == "tension":
        return obs.tension
    if head == "us_commitment":
        return obs.us_commitment
    if head == "halt_days":
        return obs.halt_days
    if head == "flag":
        return obs.flags[rest]
    if head == "integrity":
        got = obs.integrity[rest]
        return 100.0 if got is None else got
    if head == "morale":
        m = obs.morale[rest]
        return m if m is not None else sc.side(rest).morale
    if head == "guns":
        guns = obs.groups[rest].guns
        return guns if guns is not None else sc.group(rest).guns
    sup: Any = obs.supply
    if any(x is None for x in sup.values()):
        sup = estimate_supply(sc, obs)
    if head == "supply":
        return sup[rest]
    if head == "supply_days":
        best = 999.0
        for k in sc.supply.kinds:
            if k.daily_use_t > 0 and (not rest or k.id == rest):
                best = min(best, sup[k.id] / k.daily_use_t)
        return best
    raise KeyError(name)


__all__ = [
    "belief",
    "estimate_morale",
    "estimate_supply",
    "known_supply",
    "known_var",
    "sees_stocks",
]
