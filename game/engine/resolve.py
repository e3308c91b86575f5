"""One day of the crisis: `resolve(scenario, state, orders) -> (new_state, report)`.

The phases run in the fixed order of `report.PHASES` (documented in docs/rules.md); every
number comes from the scenario's `rules:` and order-of-battle entries, and every chance draw
comes from the state's generator, in a fixed order, so the same inputs give the same day.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from game.engine.legality import (
    IllegalOrders,
    check_orders,
)
from game.engine.observe import entry_visible_to
from game.engine.phases.air import AirPhases
from game.engine.phases.convoys import ConvoyPhases
from game.engine.phases.fire import FirePhases
from game.engine.phases.naval import NavalPhases
from game.engine.phases.upkeep import UpkeepPhases, history_score
from game.engine.report import Report, msg
from game.engine.state import State, compare, get_var
from game.scenario.model import SIDES, Event, Scenario
from game.scenario.orders import MakeMove, Order

Orders = Mapping[str, Sequence[Order]]

__all__ = ["LATE_PHASES", "history_score", "resolve", "resolve_amended", "resolve_checked"]


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


class _Day(AirPhases, NavalPhases, FirePhases, ConvoyPhases, UpkeepPhases):
    """One day's resolution: the phases (one mixin module each) in the order of `report.PHASES`."""

    #: events due today that tell an outcome, with the morning values their conditions need
    outcome_events: list[tuple[Event, dict[str, float]]]

    def __post_init__(self) -> None:
        super().__post_init__()
        self.outcome_events = []

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
        self.phase_outcome_events()
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
        # scripted events first (docs/rules.md), so a trigger sees what today's script did
        scripted = [ev for ev in sc.events if ev.date is not None]
        triggered = [ev for ev in sc.events if ev.date is None]
        for ev in scripted + triggered:
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
            if ev.happened:
                # it tells an outcome of today: judged once the day's fighting is done
                morning = {
                    c.var: float(get_var(sc, st, c.var.removeprefix("today.")))
                    for c in ev.happened
                    if c.var.startswith("today.")
                }
                self.outcome_events.append((ev, morning))
                continue
            self._fire_event(ev)

    def _fire_event(self, ev: Event) -> None:
        self.st.events_fired.append(ev.id)
        for eff in ev.effects:
            self._effect(eff.set or eff.add or "", eff.value, eff.add is not None)
        self.report.add("events", "none", "event", "entry.event", id=ev.id, record=ev.record)

    def phase_outcome_events(self) -> None:
        """Events that tell an outcome of today take effect only if it happened in this game;
        otherwise they are reported as the record ("In history: ..."), without effects."""
        sc, st = self.sc, self.st
        for ev, morning in self.outcome_events:
            holds = True
            for c in ev.happened:
                value = float(get_var(sc, st, c.var.removeprefix("today.")))
                if c.var in morning:
                    value -= morning[c.var]
                holds = holds and compare(value, c.op, c.value)
            if holds:
                self._fire_event(ev)
            elif ev.date is not None:
                self.report.add(
                    "events", "none", "event", "entry.in_history", id=ev.id, record=ev.record,
                    happened=False,
                )  # fmt: skip

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
