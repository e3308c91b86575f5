"""Phase 6, fire at a meal hour: a fire order's hour, the day's opening hour of fire, and the
surprise of fire that opens in the meal window on a garrison not under fire the day before
(`game.engine.surprise`; the 1958 scenario grounds it in 由於當時正值晚餐時間，突發砲火造成
国军官兵死傷440餘人). Values pinned on the one-island scenario with the factor set in memory."""

from __future__ import annotations

import pytest

from game.engine.legality import check_order
from game.engine.surprise import (
    alerted,
    at_meal,
    opening_hour,
    surprise_factor,
    surprise_hour,
)
from game.history.measures import measure_day
from game.scenario.orders import Fire, order_from_dict
from tests.builder import run_day, start, tiny, variant
from tests.rules.expect import assert_mean, days, entry

FACTOR = 2.5
ROUNDS = 1000


def _sc(factor: float = FACTOR):
    return variant(
        rules={
            "surprise_casualty_factor": factor,
            "meal_hour_from": 17.0,
            "meal_hour_to": 19.0,
            "surprise_quiet_days": 1.0,
        }
    )


def _fire(hour: float | None = None, target: str = "island_airfield") -> Fire:
    return Fire(group="prc_guns", target=target, rounds=ROUNDS, hour=hour)


def test_the_opening_hour_is_the_earliest_hour_given():
    orders = [_fire(18.5), _fire(None), _fire(17.5)]
    assert opening_hour(orders) == 17.5
    assert opening_hour([_fire(None)]) is None
    assert opening_hour([]) is None


@pytest.mark.parametrize(
    ("hour", "meal"),
    [(16.5, False), (17.0, True), (17.5, True), (18.5, True), (19.0, False), (None, False)],
)
def test_the_meal_window_includes_its_start_and_not_its_end(hour, meal):
    assert at_meal(_sc(), hour) is meal


@pytest.mark.parametrize(
    ("hour", "fired_on", "factor"),
    [
        (17.5, None, FACTOR),  # first day, at dinner: surprise
        (None, None, 1.0),  # no hour: no surprise
        (12.0, None, 1.0),  # out of the window
        (19.0, None, 1.0),  # the window's end is out
        (17.5, 4, 1.0),  # garrison shelled yesterday (day 5 now): on alert
        (17.5, 3, FACTOR),  # one quiet day: off its guard again
    ],
)
def test_the_surprise_factor_by_hour_and_alert(hour, fired_on, factor):
    sc = _sc()
    st = start(sc, day=5)
    if fired_on is not None:
        st.under_fire["roc"] = fired_on
    assert surprise_factor(sc, st, "prc", [_fire(hour)]) == factor
    assert alerted(sc, st, "roc") is (fired_on == 4)


def test_a_longer_alert_keeps_the_garrison_on_guard():
    sc = variant(_sc(), rules={"surprise_quiet_days": 3.0})
    st = start(sc, day=5)
    st.under_fire["roc"] = 2
    assert surprise_factor(sc, st, "prc", [_fire(17.5)]) == 1.0
    st.under_fire["roc"] = 1
    assert surprise_factor(sc, st, "prc", [_fire(17.5)]) == FACTOR


@pytest.mark.parametrize("hour", [17.5, None, 12.0])
def test_casualties_are_multiplied_only_for_fire_opening_at_a_meal(hour):
    """Given each day's hits, casualties are Poisson(kg/1000 x rate x factor)."""
    sc = _sc()
    factor = FACTOR if hour == 17.5 else 1.0
    per_t = sc.rule("casualties_per_t_military")
    diffs, lam = [], []
    for after, report in days(sc, [_fire(hour)], seeds=range(600)):
        kg = entry(report, "fire")["kg"]
        mean = kg / 1000 * per_t * factor
        lam.append(mean)
        diffs.append(after.totals["casualties.roc.military"] - mean)
        openings = report.of_kind("opening")
        if hour is None:
            assert openings == []
        else:
            assert [(e.side, e.data["hour"], e.data["factor"]) for e in openings] == [
                ("prc", hour, factor)
            ]
            assert openings[0].key == ("entry.opening.surprise" if factor > 1 else "entry.opening")
    assert_mean(diffs, 0.0, sum(lam) / len(lam), f"casualties at hour {hour}")


def test_missions_without_an_hour_get_no_surprise_on_a_surprise_day():
    """On a day whose fire opens at dinner, the hour-less mission's casualties stay at the
    plain rate while the timed mission's are multiplied."""
    sc = _sc()
    per_t = sc.rule("casualties_per_t_military")
    plain = Fire(group="prc_guns", target="island_cp", rounds=ROUNDS)
    timed, untimed = [], []
    for _, report in days(sc, [_fire(17.5), plain], seeds=range(600)):
        assert entry(report, "opening")["factor"] == FACTOR
        for tid, factor, out in (("island_airfield", FACTOR, timed), ("island_cp", 1.0, untimed)):
            d = entry(report, "fire", target=tid)
            out.append((d["military"] + d["civilian"], d["kg"] / 1000 * per_t * factor))
    for what, pairs in (("timed", timed), ("untimed", untimed)):
        lam = [m for _, m in pairs]
        assert_mean([c - m for c, m in pairs], 0.0, sum(lam) / len(lam), what)


def test_an_alerted_garrison_is_not_surprised_the_next_day():
    sc = _sc()
    st = start(sc)
    after, report = run_day(sc, st, [_fire(17.5)])
    assert entry(report, "opening")["factor"] == FACTOR
    assert after.under_fire == {"roc": 0}
    after2, report2 = run_day(sc, after, [_fire(17.5)])
    assert entry(report2, "opening")["factor"] == 1.0
    assert after2.under_fire == {"roc": 1}
    # a quiet day, then fire at dinner: a surprise again
    after3, _ = run_day(sc, after2, [])
    _, report4 = run_day(sc, after3, [_fire(17.5)])
    assert entry(report4, "opening")["factor"] == FACTOR


def test_the_factor_one_changes_nothing_and_the_draws_stay_in_order():
    """With the factor at 1 an hour changes no figure (the same draws in the same order)."""
    sc = _sc(1.0)
    st = start(sc)
    a, _ = run_day(sc, st, [_fire(17.5)])
    b, _ = run_day(sc, st, [_fire(None)])
    assert a.rng == b.rng
    assert a.totals == b.totals
    assert a.integrity == b.integrity


def test_the_opening_hour_is_measured_from_the_report():
    sc = _sc()
    st = start(sc)
    orders = {"prc": [_fire(18.0), _fire(17.5)], "roc": []}
    after, report = run_day(sc, st, orders["prc"])
    figures = measure_day(sc, st, after, report, orders)
    assert figures["start.hour.prc"] == 17.5
    assert "start.hour.roc" not in figures


@pytest.mark.parametrize("hour", [17.25, -0.5, 24.0])
def test_an_hour_off_the_half_hours_is_refused(hour):
    sc = tiny()
    why = check_order(sc, start(sc), "prc", _fire(hour))
    assert why is not None and why.key == "refuse.bad_hour"


def test_an_hour_survives_the_dict_form_and_is_left_out_when_none():
    assert order_from_dict(_fire(17.5).to_dict()) == _fire(17.5)
    assert "hour" not in _fire(None).to_dict()


def test_the_ai_opens_at_the_meal_hour_only_on_an_unalerted_enemy():
    sc = _sc()
    st = start(sc, day=3)
    assert surprise_hour(sc, st, "prc") == 17.0
    st.under_fire["roc"] = 2
    assert surprise_hour(sc, st, "prc") is None
    # a scenario without a surprise gives no reason to tell the enemy the hour
    assert surprise_hour(_sc(1.0), start(_sc(1.0)), "prc") is None
