"""One day of the crisis: `resolve(scenario, state, orders) -> (new_state, report)`.

The phases run in the fixed order of `report.PHASES` (documented in docs/rules.md); every
number comes from the scenario's `rules:` and order-of-battle entries, and every chance draw
comes from the state's generator, in a fixed order, so the same inputs give the same day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from game.engine.capacity import beach_capacity
from game.engine.legality import (
    IllegalOrders,
    ammo_tons,
    check_orders,
    fire_target,
    shelling_restricted,
    today,
)
from game.engine.observe import entry_visible_to
from game.engine.report import Report, msg
from game.engine.rng import Rng
from game.engine.state import State, apply_effect, compare, get_var
from game.scenario.model import SIDES, ArtilleryGroup, Scenario, Target, other
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order

Orders = Mapping[str, Sequence[Order]]


def resolve(sc: Scenario, state: State, orders: Orders) -> tuple[State, Report]:
    """Check both sides' orders, then resolve the day on a copy; `state` is never changed."""
    problems = []
    for side in SIDES:
        for i, why in check_orders(sc, state, side, orders.get(side, ())):
            problems.append((side, i, why))
    if problems:
        raise IllegalOrders(problems)
    return resolve_checked(sc, state, orders)


def resolve_checked(sc: Scenario, state: State, orders: Orders) -> tuple[State, Report]:
    """Resolve orders already known to be legal (previews and look-ahead skip the re-check)."""
    if state.over:
        raise IllegalOrders([("none", 0, msg("refuse.game_over"))])
    day = _Day(sc, state.clone(), orders)
    day.run()
    return day.st, day.report


#: the phases that read the day's outcomes (tons landed, casualties, guns lost, stocks): a
#: replay that sets the recorded outcomes runs them on the amended state
LATE_PHASES = ("supply", "morale", "victory")

#: (state before the late phases, report so far) -> the state they run on
Amend = Callable[[State, Report], State]


def resolve_amended(
    sc: Scenario, state: State, orders: Orders, amend: Amend
) -> tuple[State, Report]:
    """`resolve_checked`, with `amend` changing the state between the outcome phases and
    `LATE_PHASES`, which then read the amended figures (tons landed, casualties and guns lost
    today are taken from the change `amend` makes to the totals). `amend` gets a copy and
    returns the state to go on with; an `amend` that changes nothing gives `resolve_checked`."""
    if state.over:
        raise IllegalOrders([("none", 0, msg("refuse.game_over"))])
    day = _Day(sc, state.clone(), orders)
    day.run(amend)
    return day.st, day.report


@dataclass
class _ConvoyRun:
    side: str
    index: int
    order: Convoy
    ships: int
    sunk_at_sea: int = 0
    boats_lost: int = 0


@dataclass
class _Day:
    sc: Scenario
    st: State
    orders: Orders
    rng: Rng = field(init=False)
    date: dt.date = field(init=False)
    report: Report = field(init=False)
    casualties: dict[str, float] = field(default_factory=lambda: {"prc": 0.0, "roc": 0.0})
    guns_lost: dict[str, int] = field(default_factory=lambda: {"prc": 0, "roc": 0})
    landed: float = 0.0
    beach_fire: dict[str, float] = field(default_factory=dict)
    patrol: dict[str, float] = field(default_factory=lambda: {"prc": 0.0, "roc": 0.0})
    convoys: list[_ConvoyRun] = field(default_factory=list)
    suppress_next: dict[str, float] = field(default_factory=dict)
    #: tons already unloaded at each beach today: convoys to one beach share its capacity
    unloaded: dict[str, float] = field(default_factory=dict)
    halted_today: bool = False

    def __post_init__(self) -> None:
        self.rng = Rng(self.st.rng)
        self.date = today(self.sc, self.st)
        self.report = Report(self.date.isoformat(), self.st.day)
        self.halted_today = self.st.halt_days > 0
        self.rule = self.sc.rule

    def mine(self, side: str, kind: type) -> list[tuple[int, Order]]:
        return [(i, o) for i, o in enumerate(self.orders.get(side, ())) if isinstance(o, kind)]

    def run(self, amend: Amend | None = None) -> None:
        self.phase_events()
        self.phase_moves("diplomacy")
        self.phase_recon()
        self.phase_air()
        self.phase_naval()
        self.phase_bombardment()
        self.phase_convoys()
        self.phase_moves("propaganda")
        if amend is not None:
            self.amend(amend)
        self.phase_supply()
        self.phase_morale()
        self.phase_victory()
        # who may read each entry: decided by the visibility table, as for the state
        for entry in self.report.entries:
            entry.visible_to = entry_visible_to(self.sc, entry)
        st = self.st
        if self.halted_today and st.halt_days > 0:
            st.halt_days -= 1
        st.day += 1
        st.rng = self.rng.state

    def amend(self, amend: Amend) -> None:
        """Go on from `amend`'s state, carrying its change of today's outcomes to morale."""
        old, new = self.st, amend(self.st.clone(), self.report)
        if new.day != old.day:
            raise ValueError(f"an amendment moved the day from {old.day} to {new.day}")
        t0, t1 = old.totals, new.totals
        self.landed += t1["tons.landed"] - t0["tons.landed"]
        for s in SIDES:
            for kind in ("military", "civilian"):
                key = f"casualties.{s}.{kind}"
                self.casualties[s] += t1[key] - t0[key]
            self.guns_lost[s] += round(t1[f"guns_lost.{s}"] - t0[f"guns_lost.{s}"])
        self.st = new

    # -- events and moves ----------------------------------------------------------------------

    def phase_events(self) -> None:
        sc, st = self.sc, self.st
        # Yesterday's tension ebbs first, so the day's own escalation is what victory sees.
        st.tension = max(0.0, st.tension - sc.rule("tension_decay_per_day"))
        fired = set(st.events_fired)
        for ev in sc.events:
            if ev.id in fired:
                continue
            if ev.date is not None:
                due = ev.date == self.date
            else:
                t = ev.trigger
                assert t is not None
                due = (t.after is None or self.date >= t.after) and (
                    t.before is None or self.date <= t.before
                )
                due = due and all(compare(get_var(sc, st, c.var), c.op, c.value) for c in t.when)
            if not due:
                continue
            st.events_fired.append(ev.id)
            for eff in ev.effects:
                self._effect(eff.set or eff.add or "", eff.value, eff.add is not None)
            self.report.add("events", "none", "event", "entry.event", id=ev.id, record=ev.record)

    def _effect(self, var: str, value: float | bool, add: bool) -> None:
        apply_effect(self.st, var, value, add)

    def phase_moves(self, kind: str) -> None:
        for side in SIDES:
            for i, o in self.mine(side, MakeMove):
                assert isinstance(o, MakeMove)
                move = self.sc.move(o.move)
                if move.kind != kind:
                    continue
                self.st.moves_made.append(move.id)
                for eff in move.effects:
                    self._effect(eff.set or eff.add or "", eff.value, eff.add is not None)
                self.report.add(kind, side, "move", "entry.move", id=move.id, order=i)

    # -- reconnaissance and air ----------------------------------------------------------------

    def _sorties(self, side: str, mission: str) -> list[tuple[int, AirSortie]]:
        out = []
        for i, o in self.mine(side, AirSortie):
            assert isinstance(o, AirSortie)
            if o.mission == mission:
                out.append((i, o))
        return out

    def phase_recon(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        patrols = {s: sum(o.sorties for _, o in self._sorties(s, "patrol")) for s in SIDES}
        for side in SIDES:
            enemy = other(side)
            for i, o in self._sorties(side, "recon"):
                share = patrols[enemy] / (patrols[enemy] + patrols[side] + 1.0)
                lost = rng.binomial(o.sorties, sc.rule("recon_loss_chance") * share)
                self._lose_aircraft(side, o.air_unit, lost)
                flown = o.sorties - lost
                p = 1.0 - (1.0 - sc.rule("recon_spot_chance")) ** flown
                spotted = []
                for g in sc.artillery:
                    if g.side != enemy or st.groups[g.id].guns <= 0:
                        continue
                    if rng.chance(p):
                        self._spot(g.id)
                        spotted.append(g.id)
                self.report.add(
                    "reconnaissance",
                    side,
                    "recon",
                    "entry.recon",
                    order=i,
                    unit=o.air_unit,
                    flown=flown,
                    spotted=spotted,
                    lost=lost,
                    chance=round(p, 3),
                )

    def _spot(self, gid: str) -> None:
        gs = self.st.groups[gid]
        gs.spotted_until = max(gs.spotted_until, self.st.day + int(self.sc.rule("spot_days")) - 1)

    def _lose_aircraft(self, side: str, unit: str, n: float) -> int:
        """Take up to `n` aircraft from `unit`; returns how many there were to lose (an
        aircraft flies several sorties, so sorties lost can outnumber the fleet)."""
        if n <= 0:
            return 0
        n = min(n, self.st.aircraft[unit])
        self.st.aircraft[unit] -= n
        self.st.totals[f"aircraft_lost.{side}"] += n
        return round(n)

    def phase_air(self) -> None:
        sc, rng = self.sc, self.rng
        flights = {s: self._sorties(s, "patrol") for s in SIDES}
        for s in SIDES:
            self.patrol[s] = float(sum(o.sorties for _, o in flights[s]))
        if not (self.patrol["prc"] and self.patrol["roc"]):
            return
        engaged = rng.chance(sc.rule("air_engage_chance"))
        if not engaged:
            self.report.add("air", "none", "air", "entry.air_none")
            return
        kills = {}
        for s in SIDES:
            k = 0
            for _, o in flights[s]:
                unit = sc.air_unit(o.air_unit)
                rate = unit.kill_rate
                if unit.missiles_from is not None and self.date >= unit.missiles_from:
                    rate *= unit.missile_factor
                k += rng.binomial(o.sorties, min(1.0, rate))
            kills[s] = min(k, self.patrol[other(s)])
        for s in SIDES:
            lost = kills[other(s)]
            total = self.patrol[s]
            left = lost
            for _, o in flights[s]:
                share = min(left, round(lost * o.sorties / total)) if total else 0
                self._lose_aircraft(s, o.air_unit, share)
                left -= share
            if left > 0 and flights[s]:
                self._lose_aircraft(s, flights[s][0][1].air_unit, left)
            self.patrol[s] = max(0.0, total - lost)
        self.report.add(
            "air",
            "none",
            "air_battle",
            "entry.air_battle",
            prc_lost=kills["roc"],
            roc_lost=kills["prc"],
        )

    # -- naval -----------------------------------------------------------------------------------

    def phase_naval(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        for side in SIDES:
            for i, o in self.mine(side, Convoy):
                assert isinstance(o, Convoy)
                self.convoys.append(_ConvoyRun(side, i, o, o.ships))
        for side in SIDES:
            sorties = self.mine(side, NavalSortie)
            if not sorties:
                continue
            targets = [c for c in self.convoys if c.side != side]
            if not targets:
                for i, _ in sorties:
                    self.report.add("naval", side, "naval", "entry.naval_none", order=i)
                continue
            convoy = max(targets, key=lambda c: c.ships)  # first largest: stable order
            o_c = convoy.order
            esc = sc.ship_class(o_c.escort_class) if o_c.escort_class and o_c.escorts else None
            screen = (1.0 - esc.screen) ** o_c.escorts if esc else 1.0
            exposure = sc.rule("us_escort_exposure") if o_c.us_escort else 1.0
            light = 1.0 if o_c.night else sc.rule("boat_day_factor")
            expected = 0.0
            boats = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                cls = sc.ship_class(o.ship_class)
                expected += o.boats * cls.attack * light * screen * exposure
                boats += o.boats
            p_sink = min(1.0, expected / convoy.ships) if convoy.ships else 0.0
            sunk = rng.binomial(convoy.ships, p_sink)
            defence = (esc.defence * o_c.escorts) if esc else 0.0
            p_loss = min(0.95, sc.rule("boat_loss_to_convoy") + defence / max(1, boats))
            lost_total = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                lost = rng.binomial(o.boats, p_loss)
                st.ships[o.ship_class] -= lost
                st.totals[f"ships_lost.{side}"] += lost
                crew = lost * sc.rule("boat_crew_casualties")
                st.totals[f"casualties.{side}.military"] += crew
                self.casualties[side] += crew
                lost_total += lost
            convoy.sunk_at_sea = sunk
            convoy.ships -= sunk
            convoy.boats_lost = lost_total
            self._ships_sunk(convoy.side, o_c.ship_class, sunk)
            self.report.add(
                "naval",
                side,
                "naval",
                "entry.naval",
                order=sorties[0][0],
                convoy=convoy.index,
                sunk=sunk,
                boats=boats,
                boats_lost=lost_total,
                chance=round(p_sink, 3),
            )

    def _ships_sunk(self, side: str, cls: str, n: int) -> None:
        if n <= 0:
            return
        st, sc = self.st, self.sc
        st.ships[cls] -= n
        st.totals[f"ships_lost.{side}"] += n
        cas = n * sc.rule("crew_casualties_per_ship")
        st.totals[f"casualties.{side}.military"] += cas
        self.casualties[side] += cas
        st.tension = min(100.0, st.tension + n * sc.rule("tension_per_ship_sunk"))

    # -- bombardment and counter-battery --------------------------------------------------------

    def accuracy(self, side: str) -> float:
        sc, st = self.sc, self.st
        m = 1.0 - sc.rule("morale_accuracy_weight") * (1.0 - st.morale[side] / 100.0)
        posts = [
            st.integrity[t.id]
            for t in sc.targets
            if t.side == side and t.kind in sc.cast.kinds("command")
        ]
        cp = sum(posts) / len(posts) if posts else 100.0
        cpf = 1.0 - sc.rule("command_post_accuracy_weight") * (1.0 - cp / 100.0)
        return max(0.0, m * cpf * (1.0 - st.fire_control_loss[side]))

    def phase_bombardment(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        hits: list[tuple[str, int, ArtilleryGroup, Target | ArtilleryGroup, float, int]] = []
        for side in SIDES:
            fires = self.mine(side, Fire)
            if not fires:
                continue
            acc = self.accuracy(side)
            broke = False
            for i, o in fires:
                assert isinstance(o, Fire)
                g = sc.group(o.group)
                gs = st.groups[g.id]
                target = fire_target(sc, o.target)
                assert target is not None
                if isinstance(target, ArtilleryGroup):
                    spotted = st.groups[target.id].spotted_until >= st.day
                    p = sc.rule("hit_chance_battery") * (
                        1.0 if spotted else sc.rule("unspotted_factor")
                    )
                else:
                    p = sc.rule(f"hit_chance_{target.kind}")
                    if target.kind in sc.cast.kinds("landing"):
                        ship_factor = sc.rule("coastal_fire_ship_factor") if g.coastal else 1.0
                        self.beach_fire[target.id] = (
                            self.beach_fire.get(target.id, 0.0) + o.rounds * acc * ship_factor
                        )
                n_hits = rng.binomial(o.rounds, min(1.0, p * acc))
                if gs.ammo >= 0:
                    gs.ammo -= o.rounds
                else:
                    # the validator makes sure such a group is the besieged side's and that
                    # the roles name its ammunition kind
                    kind = sc.cast.ammo
                    assert kind is not None
                    st.supply[kind] = max(0.0, st.supply[kind] - ammo_tons(sc, g, o.rounds))
                st.totals[f"shells.{side}"] += o.rounds
                st.tension = min(
                    100.0, st.tension + o.rounds / 10000.0 * sc.rule("tension_per_10000_rounds")
                )
                if rng.chance(min(1.0, o.rounds / 1000.0 * sc.rule("fire_reveal_per_1000_rounds"))):
                    self._spot(g.id)
                if o.break_halt and not broke and shelling_restricted(sc, st, side):
                    broke = True
                    self._break_halt(side)
                hits.append((side, i, g, target, n_hits * g.shell_kg, n_hits))
        for side, i, g, target, kg, n_hits in hits:
            if isinstance(target, ArtilleryGroup):
                self._hit_group(side, i, g, target, kg, n_hits)
            else:
                self._hit_target(side, i, g, target, kg, n_hits)

    def _break_halt(self, side: str) -> None:
        sc, st = self.sc, self.st
        st.tension = min(100.0, st.tension + sc.rule("tension_break_halt"))
        if side == sc.cast.besieger:
            st.us_commitment = min(100.0, st.us_commitment + sc.rule("commitment_break_halt"))
        st.halt_days = 0
        self.halted_today = False
        self.report.add("bombardment", side, "halt_broken", "entry.halt_broken")

    def _casualties(self, side: str, kg: float, civilian_share: float) -> tuple[int, int]:
        total = self.rng.poisson(kg / 1000.0 * self.sc.rule("casualties_per_t_military"))
        civ = self.rng.binomial(total, civilian_share) if civilian_share > 0 else 0
        mil = total - civ
        self.st.totals[f"casualties.{side}.military"] += mil
        self.st.totals[f"casualties.{side}.civilian"] += civ
        self.casualties[side] += total
        return mil, civ

    def _hit_target(
        self, side: str, i: int, g: ArtilleryGroup, t: Target, kg: float, n_hits: int
    ) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        before = st.integrity[t.id]
        after = max(0.0, before - kg / t.hardness_kg)
        st.integrity[t.id] = after
        share = sc.rule("civilian_share_town") if t.kind == "town" else 0.0
        mil, civ = self._casualties(t.side, kg, share)
        fallen = []
        for c in sc.commanders:
            if c.post != t.id or st.commanders[c.id] != "ok":
                continue
            if rng.chance(min(1.0, sc.rule("commander_hit_per_integrity") * (before - after))):
                killed = rng.chance(sc.rule("commander_kill_share"))
                st.commanders[c.id] = "killed" if killed else "wounded"
                st.totals[f"commanders_lost.{c.side}"] += 1
                st.fire_control_loss[c.side] = min(
                    0.9, st.fire_control_loss[c.side] + sc.rule("commander_accuracy_loss")
                )
                st.morale[c.side] = max(0.0, st.morale[c.side] - sc.rule("commander_morale_loss"))
                fallen.append((c.id, st.commanders[c.id]))
        self.report.add(
            "bombardment",
            side,
            "fire",
            "entry.fire",
            order=i,
            group=g.id,
            target=t.id,
            hits=n_hits,
            kg=kg,
            before=before,
            after=after,
            military=mil,
            civilian=civ,
            commanders=fallen,
        )
        for cid, fate in fallen:
            c = next(x for x in sc.commanders if x.id == cid)
            self.report.add(
                "bombardment",
                c.side,
                "commander",
                "entry.commander.killed" if fate == "killed" else "entry.commander.wounded",
                id=cid,
                fate=fate,
            )

    def _hit_group(
        self, side: str, i: int, g: ArtilleryGroup, tg: ArtilleryGroup, kg: float, n_hits: int
    ) -> None:
        sc, st = self.sc, self.st
        gs = st.groups[tg.id]
        guns_before = gs.guns
        destroyed = min(gs.guns, self.rng.fraction_round(kg / tg.protection_kg))
        gs.guns -= destroyed
        gs.destroyed += destroyed
        st.totals[f"guns_lost.{tg.side}"] += destroyed
        self.guns_lost[tg.side] += destroyed
        mil, _ = self._casualties(tg.side, kg, 0.0)
        silenced = guns_before > 0 and kg >= sc.rule("suppression_kg_per_gun") * guns_before
        if silenced:
            self.suppress_next[tg.id] = sc.rule("suppression_factor")
        self.report.add(
            "bombardment",
            side,
            "counter_battery",
            "entry.counter_battery.silenced" if silenced else "entry.counter_battery",
            order=i,
            group=g.id,
            target=tg.id,
            hits=n_hits,
            kg=kg,
            destroyed=destroyed,
            silenced=silenced,
            military=mil,
        )

    # -- convoys and airlift --------------------------------------------------------------------

    def phase_convoys(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        for run in self.convoys:
            o = run.order
            cls = sc.ship_class(o.ship_class)
            beach = sc.target(o.beach)
            shipped = sum(o.cargo.values())
            per_ship = shipped / o.ships
            weight = self.beach_fire.get(beach.id, 0.0)
            night = sc.rule("night_fire_factor") if o.night else 1.0
            p_hit = 1.0 - math.exp(-weight * sc.rule("ship_hit_per_round") * night)
            hit = rng.binomial(run.ships, p_hit)
            sunk = rng.binomial(hit, sc.rule("ship_sink_share"))
            self._ships_sunk(run.side, cls.id, sunk)
            unloading = run.ships - hit
            capacity = max(
                0.0,
                beach_capacity(beach, o.night, st.integrity[beach.id])
                - self.unloaded.get(beach.id, 0.0),
            )
            am_lost = 0
            am_id = None
            if o.amtracs:
                am_id = next(s.id for s in sc.ships if s.side == run.side and s.role == "amtrac")
                am = sc.ship_class(am_id)
                am_lost = rng.binomial(o.amtracs, min(1.0, p_hit * sc.rule("amtrac_exposure")))
                capacity += (o.amtracs - am_lost) * am.cargo_t
                if am_lost:
                    st.ships[am_id] -= am_lost
                    st.totals[f"ships_lost.{run.side}"] += am_lost
            # never more than was shipped: unloading x per_ship can exceed it by a rounding error
            landed = min(unloading * per_ship, capacity, shipped) if unloading > 0 else 0.0
            self.unloaded[beach.id] = self.unloaded.get(beach.id, 0.0) + landed
            lost = shipped - landed
            for kind, tons in o.cargo.items():
                if shipped > 0:
                    st.supply[kind] += tons * landed / shipped
            st.totals["tons.shipped"] += shipped
            st.totals["tons.landed"] += landed
            st.totals["tons.lost"] += lost
            self.landed += landed
            back = o.ships - run.sunk_at_sea - sunk
            self._away(cls.id, back, cls.turnaround_days)
            if o.escorts and o.escort_class:
                esc = sc.ship_class(o.escort_class)
                self._away(esc.id, o.escorts, esc.turnaround_days)
            if am_id is not None:
                self._away(am_id, o.amtracs - am_lost, 1)
            if o.us_escort:
                st.tension = min(100.0, st.tension + sc.rule("tension_us_escort"))
            self.report.add(
                "convoys",
                run.side,
                "convoy",
                "entry.convoy.night" if o.night else "entry.convoy.day",
                order=run.index,
                ships=o.ships,
                cls=cls.id,
                shipped=shipped,
                landed=landed,
                lost=lost,
                sunk_at_sea=run.sunk_at_sea,
                sunk_at_beach=sunk,
                hit=hit,
                capacity=capacity,
                chance=round(p_hit, 3),
                night=o.night,
                beach=beach.id,
                amtracs_lost=am_lost,
            )
        for side in SIDES:
            for i, lift in self.mine(side, Airlift):
                assert isinstance(lift, Airlift)
                self._airlift(side, i, lift)

    def _away(self, cls: str, n: int, days: int) -> None:
        if n <= 0:
            return
        self.st.ships[cls] -= n
        self.st.ships_away.append([self.st.day + days, cls, n])

    def _airlift(self, side: str, i: int, o: Airlift) -> None:
        sc, st = self.sc, self.st
        enemy = self.patrol[other(side)]
        cover = 1.0 + sc.rule("escort_cover_per_sortie") * self.patrol[side]
        p_loss = min(0.9, sc.rule("transport_loss_per_patrol") * enemy / cover)
        sorties_lost = self.rng.binomial(o.sorties, p_loss)
        lost = self._lose_aircraft(side, o.air_unit, sorties_lost)
        shipped = sum(o.cargo.values())
        share = (o.sorties - sorties_lost) / o.sorties
        landed = shipped * share * (1.0 if o.land else sc.rule("airdrop_recovery"))
        for kind, tons in o.cargo.items():
            st.supply[kind] += tons * landed / shipped
        st.totals["tons.shipped"] += shipped
        st.totals["tons.landed"] += landed
        st.totals["tons.lost"] += shipped - landed
        self.landed += landed
        self.report.add(
            "convoys",
            side,
            "airlift",
            "entry.airlift" if o.land else "entry.airlift.drop",
            order=i,
            unit=o.air_unit,
            sorties=o.sorties,
            shipped=shipped,
            landed=landed,
            lost=shipped - landed,
            aircraft_lost=lost,
            chance=round(p_loss, 3),
        )

    # -- supply, repair, morale, tension ---------------------------------------------------------

    def phase_supply(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        short = []
        for k in sc.supply.kinds:
            if st.supply[k.id] < k.daily_use_t:
                short.append(k.id)
            st.supply[k.id] = max(0.0, st.supply[k.id] - k.daily_use_t)
        if short:
            held = sc.cast.besieged
            st.morale[held] = max(
                0.0, st.morale[held] - len(short) * sc.rule("shortage_morale_per_day")
            )
            self.report.add(
                "supply",
                held,
                "shortage",
                "entry.shortage",
                kinds=short,
            )
        for t in sc.targets:
            if t.repair_per_day:
                st.integrity[t.id] = min(100.0, st.integrity[t.id] + t.repair_per_day)
        rate = sc.rule("gun_repair_per_day")
        for g in sc.artillery:
            gs = st.groups[g.id]
            if gs.destroyed and rate:
                back = min(gs.destroyed, rng.fraction_round(gs.destroyed * rate))
                gs.guns += back
                gs.destroyed -= back
            if gs.ammo >= 0:
                gs.ammo += g.ammo_per_day
            gs.suppressed = self.suppress_next.get(g.id, 0.0)
        for a in sc.air:
            st.aircraft[a.id] = min(float(a.count), st.aircraft[a.id] + a.replacements_per_day)
        tomorrow = st.day + 1
        keep = []
        for ret, cls, n in st.ships_away:
            if ret <= tomorrow:
                st.ships[cls] += n
            else:
                keep.append([ret, cls, n])
        st.ships_away = keep
        fade = sc.rule("commander_accuracy_loss") / sc.rule("commander_recovery_days")
        for s in SIDES:
            st.fire_control_loss[s] = max(0.0, st.fire_control_loss[s] - fade)

    def phase_morale(self) -> None:
        sc, st = self.sc, self.st
        for s in SIDES:
            m = st.morale[s]
            m -= self.casualties[s] / 1000.0 * sc.rule("morale_per_1000_casualties")
            m -= self.guns_lost[s] * sc.rule("morale_per_gun_destroyed")
            if s == sc.cast.besieged:
                m += self.landed / 100.0 * sc.rule("morale_per_100t_landed")
            base = sc.side(s).morale
            rec = sc.rule("morale_recovery_per_day")
            m = m + min(rec, base - m) if m < base else m - min(rec, m - base)
            st.morale[s] = min(100.0, max(0.0, m))
        st.us_commitment = min(
            100.0,
            st.us_commitment
            + self.casualties[sc.cast.besieged]
            / 1000.0
            * sc.rule("commitment_per_1000_roc_casualties"),
        )

    # -- victory ---------------------------------------------------------------------------------

    def phase_victory(self) -> None:
        sc, st = self.sc, self.st
        for e in sc.victory.endings:
            if e.at_end:
                continue
            holds = all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when)
            st.streaks[e.id] = st.streaks[e.id] + 1 if holds else 0
            if holds and st.streaks[e.id] >= e.for_days and st.ending is None:
                st.ending, st.winner = e.id, e.winner
        if st.ending is None and st.day >= sc.days - 1:
            for e in sc.victory.endings:
                if e.at_end and all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when):
                    st.ending, st.winner = e.id, e.winner
                    break
            else:
                st.ending, st.winner = "time_up", "draw"
        if st.ending is not None:
            st.score = history_score(sc, st)
            self.report.add(
                "victory",
                "none",
                "ending",
                "entry.ending",
                ending=st.ending,
                winner=st.winner,
                score=st.score,
            )


def history_score(sc: Scenario, st: State) -> float:
    """100 minus the weighted relative misses of each scored figure against history."""
    miss = 0.0
    for item in sc.victory.score:
        actual = float(get_var(sc, st, item.var))
        scale = max(abs(item.historical), 1.0)
        miss += item.weight * min(1.0, abs(actual - item.historical) / scale)
    return round(max(0.0, 100.0 - miss), 2)
