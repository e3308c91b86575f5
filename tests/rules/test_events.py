"""Phase 1, events: tension ebbs first; scripted events on their date, triggered events in their
window when their conditions hold, each once, applying `set`/`add` effects in file order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from game.scenario.model import Condition, Effect
from tests.builder import run_day, shipped_scenario, start, tiny, variant


def _event(template_id: str, new_id: str, **changes):
    ev = next(e for e in tiny().events if e.id == template_id)
    return dataclasses.replace(ev, id=new_id, **changes)


def test_tension_ebbs_by_the_decay_before_the_day(new_state):
    sc = tiny()
    decay = sc.rule("tension_decay_per_day")
    after, _ = run_day(sc, new_state)
    assert after.tension == pytest.approx(sc.state["tension"] - decay)
    low = start(sc)
    low.tension = decay / 2
    assert run_day(sc, low)[0].tension == 0.0  # never below zero


def test_a_scripted_event_fires_on_its_date_and_only_then():
    sc = tiny()  # us_escort_agreed: 1958-08-28, sets flag.us_escort, adds 10 to us_commitment
    ev = next(e for e in sc.events if e.id == "us_escort_agreed")
    day = (ev.date - sc.meta.start).days
    before, _ = run_day(sc, start(sc, day=day - 1))
    assert before.events_fired == [] and before.flags["us_escort"] is False
    on, report = run_day(sc, start(sc, day=day))
    assert on.events_fired == ["us_escort_agreed"]
    assert on.flags["us_escort"] is True
    assert on.us_commitment == sc.state["us_commitment"] + 10
    assert [e.data["id"] for e in report.of_kind("event")] == ["us_escort_agreed"]
    again, report = run_day(sc, on)
    assert again.us_commitment == on.us_commitment and not report.of_kind("event")


def test_a_triggered_event_sees_the_ebbed_tension_and_fires_once():
    sc = tiny()  # crisis_mounts: when tension >= 60, adds 5 to us_commitment
    decay = sc.rule("tension_decay_per_day")
    base = sc.state["us_commitment"]
    above = start(sc)
    above.tension = 60 + decay + 0.1  # still >= 60 after the ebb: fires
    fired, _ = run_day(sc, above)
    assert fired.events_fired == ["crisis_mounts"] and fired.us_commitment == base + 5
    below = start(sc)
    below.tension = 60 + decay - 0.1  # the ebb comes first: it does not fire
    quiet, _ = run_day(sc, below)
    assert quiet.events_fired == [] and quiet.us_commitment == base
    fired.tension = 90.0
    again, _ = run_day(sc, fired)  # conditions still hold, but each event fires once
    assert again.events_fired == ["crisis_mounts"] and again.us_commitment == base + 5


def test_a_trigger_fires_only_inside_its_window():
    crisis = next(e for e in tiny().events if e.id == "crisis_mounts")
    window = dataclasses.replace(
        crisis.trigger, after=dt.date(1958, 8, 25), before=dt.date(1958, 8, 26)
    )
    sc = variant(events=[dataclasses.replace(crisis, trigger=window)])
    fired_on = []
    for day in range(6):
        st = start(sc, day=day)
        st.tension = 80.0
        if run_day(sc, st)[0].events_fired:
            fired_on.append(day)
    assert fired_on == [2, 3]  # 25 and 26 August, both ends included


@pytest.mark.parametrize("order", [("set", "add"), ("add", "set")])
def test_events_of_one_day_apply_in_file_order(order):
    date = dt.date(1958, 8, 24)
    effects = {
        "set": [Effect(set="us_commitment", value=30)],
        "add": [Effect(add="us_commitment", value=5)],
    }
    events = [
        _event("us_escort_agreed", f"e_{kind}", date=date, effects=effects[kind]) for kind in order
    ]
    sc = variant(events=events)
    after, _ = run_day(sc, start(sc, day=1))
    assert after.events_fired == [f"e_{kind}" for kind in order]
    assert after.us_commitment == (35 if order == ("set", "add") else 30)


def test_scripted_events_come_before_triggered_ones():
    crisis = next(e for e in tiny().events if e.id == "crisis_mounts")  # when tension >= 60
    raise_tension = _event(
        "us_escort_agreed",
        "tension_jumps",
        date=dt.date(1958, 8, 24),
        effects=[Effect(set="tension", value=80)],
    )
    sc = variant(events=[crisis, raise_tension])  # the triggered one first in the file
    after, _ = run_day(sc, start(sc, day=1))
    assert after.events_fired == ["tension_jumps", "crisis_mounts"]


# -- events that tell an outcome ("happened") ------------------------------------------------


def _outcome_event(**changes):
    """A scripted event on 24 August that tells "the ROC lost a ship today" and costs morale."""
    return _event(
        "us_escort_agreed",
        "ship_sunk",
        date=dt.date(1958, 8, 24),
        effects=[Effect(add="morale.roc", value=-7)],
        happened=[Condition(var="today.ships_lost.roc", op=">=", value=1)],
        **changes,
    )


def test_an_outcome_event_takes_effect_when_its_outcome_happened():
    sc = variant(events=[_outcome_event()])
    st = start(sc, day=1)
    st.totals["ships_lost.roc"] = 3.0  # earlier losses do not count: only today's change
    quiet, report = run_day(sc, st)
    assert quiet.events_fired == []
    assert [e.key for e in report.of_kind("event")] == ["entry.in_history"]
    assert report.of_kind("event")[0].data == {
        "id": "ship_sunk",
        "record": "neutral",
        "happened": False,
    }
    assert quiet.morale["roc"] == run_day(variant(events=[]), st)[0].morale["roc"]


def test_an_outcome_event_fires_with_its_effects_when_the_day_bears_it_out():
    sc = variant(events=[_outcome_event()])
    st = start(sc, day=1)

    def sink_one(morning, state, report):
        state.totals["ships_lost.roc"] += 1  # as a recorded outcome would (the replay's hook)
        return state

    from game.engine.resolve import resolve_amended

    fired, report = resolve_amended(sc, st, {}, lambda s, r: sink_one(None, s, r))
    assert fired.events_fired == ["ship_sunk"]
    assert [e.key for e in report.of_kind("event")] == ["entry.event"]
    base, _ = resolve_amended(variant(events=[]), st, {}, lambda s, r: sink_one(None, s, r))
    # the effect comes before the day's recovery toward the side's base morale
    rec = min(sc.rule("morale_recovery_per_day"), 7)
    assert fired.morale["roc"] == pytest.approx(base.morale["roc"] - 7 + rec)


def test_a_commander_variable_reads_his_fate():
    from game.engine.state import get_var

    sc = tiny()
    st = start(sc)
    cid = sc.commanders[0].id
    assert get_var(sc, st, f"commander.{cid}") == 0
    st.commanders[cid] = "wounded"
    assert get_var(sc, st, f"commander.{cid}") == 1
    st.commanders[cid] = "killed"
    assert get_var(sc, st, f"commander.{cid}") == 2


def test_the_1958_outcome_events_follow_the_game():
    """The 23 August deputies' event fires only in a game where ROC commanders were hit."""
    from game.engine.resolve import resolve

    sc = shipped_scenario()
    st = start(sc)
    quiet, report = resolve(sc, st, {"prc": [], "roc": []})
    keys = {e.data["id"]: e.key for e in report.of_kind("event")}
    assert keys["e0823_deputies"] == "entry.in_history"
    assert keys["e0823_barrage"] == "entry.event"
    assert "e0823_deputies" not in quiet.events_fired
