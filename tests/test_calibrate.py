"""`calibrate`: the one-record hold rule, the targets and their reclassification as inputs,
the seed windows, and the CI check of the 1958 scenario."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.cli.main import main
from game.history.calibrate import (
    FIRST_WINDOW_BAR,
    REQUIRED_SHARE,
    WINDOW_BAR,
    Calibration,
    count_band,
    date_holds,
    evaluate,
    event_holds,
    match_record,
    median_date,
    nearest_record,
    record_band,
    summarise,
    window_bounds,
    within_record,
)
from game.history.calibrate import calibrate as run_calibration
from game.history.calibrate_format import format_text, table_rows
from game.history.calibrate_targets import (
    RUN_TESTS,
    Target,
    TargetClaim,
    build_targets,
    known_measure,
    measure_window,
)
from game.history.citations import figure_map
from game.history.days import history_days
from game.history.measures import MEASURES, SCORE_VARS
from game.scenario.article import check_quote
from tests.builder import shipped_scenario

kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


@cache
def calibrated():
    return run_calibration(kinmen(), 20)


#: what the fixture pins of each target
FIXTURE_KEYS = ("median", "p10", "p90", "holds", "article", "role", "held_to")
FIXTURE = Path(__file__).parent / "fixtures" / "calibrate_1958_summary.json"


def fixture_data(cal) -> dict:
    got = cal.to_dict()
    return {
        "runs": got["runs"],
        "seeds": [got["seeds"][0], got["seeds"][-1]],
        "summary": got["summary"],
        "targets": {t["id"]: {k: t[k] for k in FIXTURE_KEYS} for t in got["targets"]},
    }


# -- the hold rule (fixed before any tuning) ------------------------------------------------


def test_a_count_holds_within_25_percent_of_one_record():
    assert record_band(8) == (6.0, 10.0) and record_band(0) == (0.0, 0.0)
    assert within_record(10, 8) and within_record(6, 8) and not within_record(10.01, 8)
    # a figure of 0 means exactly 0
    assert within_record(0, 0) and not within_record(0.5, 0)
    # one record of 1: a whole count must be exactly 1
    assert within_record(1, 1) and not within_record(2, 1) and not within_record(0, 1)


def test_the_band_no_longer_spans_the_records():
    """PRC 32 / ROC 221 PLA guns destroyed: 58 was "within" the old 24-276 band; it is within
    neither record now. The records' span survives only for the replay's day view."""
    assert count_band([32, 221]) == (24.0, 276.25)
    assert match_record(58, [32, 221]) is None
    assert nearest_record(58, [32, 221]) == 1  # 58/221 is nearer than 58/32 in relative terms
    assert match_record(38, [32, 221]) == 0 and match_record(200, [32, 221]) == 1


def test_the_record_matched_is_the_nearest_of_those_held():
    # 2.5 is within 2 (1.5-2.5) and 3 (2.25-3.75): 3 is nearer relative to its figure
    assert match_record(2.5, [2, 3]) == 1
    # 2.4 is 20% from either: a tie goes to the first record
    assert match_record(2.4, [2, 3]) == 0
    assert match_record(2.2, [2, 3]) == 0
    # a tie goes to the first record
    assert match_record(1, [1, 1]) == 0
    with pytest.raises(ValueError):
        nearest_record(1, [])


counts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
records = st.lists(st.integers(min_value=0, max_value=100_000).map(float), min_size=1, max_size=4)


@given(counts, records)
def test_match_record_holds_exactly_when_one_record_is_within(value, figures):
    i = match_record(value, figures)
    assert (i is not None) == any(within_record(value, f) for f in figures)
    if i is not None:
        assert within_record(value, figures[i])
        # no record held is nearer, relative to its figure, than the one named
        dist = [abs(value - f) / f if f else 0.0 for f in figures]
        assert all(dist[i] <= dist[j] for j, f in enumerate(figures) if within_record(value, f))


@given(records)
def test_every_record_holds_its_own_figure_and_the_order_does_not_matter(figures):
    for f in figures:
        i = match_record(f, figures)
        assert i is not None and figures[i] == f
    assert [figures[i] for i in [match_record(f, figures) for f in figures]] == [
        list(reversed(figures))[match_record(f, list(reversed(figures)))] for f in figures
    ]


@given(counts, st.floats(min_value=1, max_value=1e5))
def test_the_band_is_25_percent_each_side(value, figure):
    assert within_record(value, figure) == (abs(value - figure) <= 0.25 * figure + 1e-9)


def test_dates_and_events_are_exact():
    d = dt.date(1958, 10, 20)
    assert date_holds(d, d)
    assert not date_holds(dt.date(1958, 10, 21), d)
    assert not date_holds(None, d)
    assert event_holds(True, True) and event_holds(False, False)
    assert not event_holds(False, True)


def test_summary_statistics():
    med, p10, p90 = summarise(list(range(1, 21)))
    assert med == 10.5
    assert p10 == pytest.approx(2.9) and p90 == pytest.approx(18.1)
    assert summarise([5]) == (5.0, 5.0, 5.0)
    a, b = dt.date(1958, 9, 26), dt.date(1958, 9, 29)
    assert median_date([a, a, b]) == a
    assert median_date([a, None, None]) is None


def _boats(**kw):
    return Target(
        "x",
        "count",
        "boats_lost.prc",
        "PLA boats lost",
        "",
        "outcome",
        claims=[TargetClaim("prc", 1, "", "", ""), TargetClaim("roc", 8, "", "", "")],
        **kw,
    )


def test_evaluate_names_the_record_held_and_the_nearest_missed():
    r = evaluate(_boats(), [0, 1, 1, 2, 20])
    assert r.holds is True and r.median == 1 and r.matched.side == "prc"
    r = evaluate(_boats(), [6, 7, 8, 9, 30])
    assert r.holds is True and r.matched.side == "roc"
    # 3 is within neither 1 (0.75-1.25) nor 8 (6-10): the old band 0.75-10 held it
    r = evaluate(_boats(), [2, 3, 3, 4, 5])
    assert r.holds is False and r.matched is None and r.nearest.side == "roc"
    d = r.to_dict()
    assert d["held_to"] is None and d["nearest"]["record"] == "ROC"
    assert [c["median_within"] for c in d["claims"]] == [False, False]


def test_a_target_that_follows_one_record_is_held_to_it_alone():
    t = _boats(follows=("roc", ""), follows_reason="the engine's boats are the ROC's count")
    assert evaluate(t, [1, 1, 1]).holds is False
    r = evaluate(t, [8, 8, 9])
    assert r.holds is True and r.matched.side == "roc"
    assert r.to_dict()["follows"]["record"] == "roc"


def test_evaluate_dates_and_events():
    d = Target("d", "date", "d", "", "", "input", expected=dt.date(1958, 9, 26))
    r = evaluate(d, [dt.date(1958, 9, 26)] * 3 + [dt.date(1958, 9, 27)])
    assert r.holds is True and r.share_true == 0.75
    e = Target("e", "event", "e", "", "", "outcome", expected=True)
    assert evaluate(e, [True, False, False]).holds is False
    assert evaluate(e, [True, True, False]).holds is True


# -- the windows -------------------------------------------------------------------------------


def test_window_bounds_cover_every_run_once():
    assert window_bounds(200, 20) == [(i, i + 20) for i in range(0, 200, 20)]
    assert window_bounds(5, 2) == [(0, 2), (2, 4), (4, 5)]
    with pytest.raises(ValueError):
        window_bounds(5, 0)


@given(st.integers(1, 60), st.integers(1, 25))
def test_windows_partition_the_runs(runs, size):
    bounds = window_bounds(runs, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == runs
    assert all(b[1] == c[0] for b, c in itertools.pairwise(bounds))
    assert all(0 < b - a <= size for a, b in bounds)


def test_each_window_evaluates_its_own_seeds():
    """A target that holds on seeds 1-3 and misses on 4-6 holds in one window only."""
    sc = kinmen()
    t = _boats()
    values = [1, 1, 1, 3, 3, 3]
    cal = Calibration(sc, list(range(1, 7)), [evaluate(t, values)], window=3)
    wins = cal.windows()
    assert [(w.first_seed, w.last_seed, w.held, w.total) for w in wins] == [
        (1, 3, 1, 1),
        (4, 6, 0, 1),
    ]
    assert wins[1].missed == ("x",)
    data = cal.to_dict()["windows"]
    assert data["worst"]["seeds"] == [4, 6] and data["every_meets_bar"] is False
    assert data["bars"] == {"first": FIRST_WINDOW_BAR, "every": WINDOW_BAR}
    text = format_text(cal)
    assert "seeds 4-6: 0 of 1 (0%)" in text and "Worst window: seeds 4-6" in text


def test_cli_windows(capsys):
    code = main(["calibrate", "--runs", "4", "--window", "2", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [w["seeds"] for w in data["windows"]["each"]] == [[1, 2], [3, 4]]
    assert all(w["total"] == data["summary"]["outcome"]["total"] for w in data["windows"]["each"])


# -- the targets -------------------------------------------------------------------------------


def test_every_campaign_claim_and_dated_check_quotes_the_article():
    sc = kinmen()
    assert len(sc.campaign_claims) == 20 and len(sc.calibration.checks) == 7
    for c in sc.campaign_claims:
        assert check_quote(c.source[0].quote) is None, c.id
    for ck in sc.calibration.checks:
        assert check_quote(ck.source[0].quote) is None, ck.id
        assert ck.test in RUN_TESTS


def test_every_mapped_figure_is_an_engine_measurement():
    sc = kinmen()
    for name, spec in sc.figures.items():
        assert (spec.measure in MEASURES) != bool(spec.not_modelled), name
    for ic in sc.calibration.inputs:
        assert ic.measure is None or known_measure(ic.measure), ic.id


def test_every_figure_and_score_item_is_mapped():
    sc = kinmen()
    for day in sc.history:
        for c in day.claims:
            fm = figure_map(sc, c.figure, day.date)
            assert fm.measure in MEASURES or (fm.measure is None and fm.reason), c.figure
    targets = build_targets(sc)
    campaign = {t.measure: t for t in targets if t.id.startswith("campaign ")}
    for item in sc.victory.score:
        measure = SCORE_VARS[item.var]
        assert item.historical in campaign[measure].values, item.id


def test_targets_keep_every_record():
    targets = {t.id: t for t in build_targets(kinmen())}
    guns = targets["campaign guns_lost.prc"]
    assert sorted(guns.values) == [32, 221] and {c.side for c in guns.claims} == {"prc", "roc"}
    boats = targets["1958-09-01..1958-09-02 boats_lost.prc"]
    assert sorted(boats.values) == [2, 2, 10] and boats.note
    shells = targets["1958-08-23 shells.prc"]
    assert shells.role == "input" and sorted(shells.values) == [31757, 57000]
    assert targets["campaign shells.roc"].values == [128_000]
    assert targets["campaign shells.prc"].values == [470_000]
    # the convoy that turned back without unloading (issue 15): now an outcome the engine meets
    turned_back = targets["1958-09-02 tons.landed_sea"]
    assert turned_back.role == "outcome" and turned_back.values == [0]
    tuojiang = targets["1958-09-01..1958-09-02 ships_destroyed.roc"]
    assert tuojiang.role == "outcome" and tuojiang.values == [1]
    assert targets["1958-08-24 killed_aboard.taisheng"].values == [200]
    # the Meile's casualties: the narrative's 11 killed or wounded and the PRC's 91 killed, one
    # target (both records count the same men); the 24 August 220 are those aboard at sea
    assert sorted(targets["1958-09-08 casualties_aboard.meile"].values) == [11, 91]
    assert targets["1958-08-24 casualties.roc.at_sea"].values == [220]
    assert "1958-09-08 casualties.roc.military_ashore" not in targets
    assert all(t.reason for t in targets.values() if t.role in ("not_modelled", "input"))
    roles = {t.id: t.role for t in targets.values()}
    assert roles["event:resumption_20_oct"] == "input"


#: the reclassifications issue 15 asks for: target id -> a word its reason must give
RECLASSIFIED = {
    "1958-09-07 tons.landed_sea": "272 t",
    "event:kinmen_holds": "thresholds",
    "1958-08-23 guns.prc": "order of battle",
    "1958-10-05..1958-10-06 var:halt_days": "halt",
    "1958-10-13 var:halt_days": "halt",
    "1958-10-20 groups_firing.roc": "group",
    "1958-10-25 fires_after.prc": "both ways",
    "1958-08-23 start.hour.prc": "17:30",
}

#: what is still not modelled: the engine-side items issue 15's engine work maps
STILL_NOT_MODELLED = {
    "shells.prc.first_2h",
    "targets_destroyed.prc",
    "works_destroyed.roc",
}


def test_reclassified_targets_are_inputs_with_their_reason():
    targets = {t.id: t for t in build_targets(kinmen())}
    for tid, word in RECLASSIFIED.items():
        assert targets[tid].role == "input", tid
        assert word in targets[tid].reason, (tid, targets[tid].reason)
    assert {t.measure for t in targets.values() if t.role == "not_modelled"} == STILL_NOT_MODELLED
    # the 7 September target holds the tonnage the orders ship: an input, not an outcome
    assert targets["1958-09-07 tons.landed_sea"].values == [272]
    assert targets["1958-10-25 fires_after.prc"].values == [0, 1]


def test_not_modelled_figures_are_counted_once_with_every_record():
    """Issue 15's bar counts figures: the first two hours' two records are one target."""
    targets = [t for t in build_targets(kinmen()) if t.role == "not_modelled"]
    assert len(targets) == 3
    first = next(t for t in targets if t.measure == "shells.prc.first_2h")
    assert sorted(c.value for c in first.claims) == [40000, 57000]


def test_the_opening_hour_is_an_exact_input_holding_one_record():
    """23 August's orders open at 17:30 (narrative A); narrative B's 18:30 is kept and missed:
    an hour is a time of day, held exactly (17:30 is within 25% of 18:30, and must not hold)."""
    target = next(t for t in build_targets(kinmen()) if t.id == "1958-08-23 start.hour.prc")
    assert target.exact and target.role == "input"
    assert sorted(c.value for c in target.claims) == [17.5, 18.5]
    r = evaluate(target, [17.5] * 5)
    assert r.holds and r.matched is not None and r.matched.value == 17.5
    assert not evaluate(target, [18.0] * 5).holds
    row = next(
        x for x in table_rows(run_calibration(kinmen(), 2)) if x[0] == "PLA fire opened (hour)"
    )
    assert "holds: neutral (narrative A) 17.5; misses neutral (narrative B)" in row[-1]


def test_the_october_halt_is_one_target_with_both_records():
    """The PRC's seven days (5 October) and the narrative's two weeks (6 October) are one
    halt: one target over both days, read on the evening of the first, when the declared halt
    begins its count; it holds to the PRC record the orders follow and keeps the narrative's
    figure beside it (read on the 6th, the count was 6 and the 14 was compared with it)."""
    targets = {t.id: t for t in build_targets(kinmen())}
    assert "1958-10-06 var:halt_days" not in targets
    halt = targets["1958-10-05..1958-10-06 var:halt_days"]
    assert [(c.side, c.value) for c in halt.claims] == [("prc", 7), ("neutral", 14)]
    res = {r.target.id: r for r in calibrated().results}
    r = res[halt.id]
    assert set(r.values) == {7.0} and r.holds and r.matched.side == "prc"


def test_a_variable_over_a_window_is_read_on_its_first_evening():
    sc = kinmen()
    days = list(history_days(sc, 1))
    by = {d.date: d for d in days}
    oct5, oct6 = by[dt.date(1958, 10, 5)], by[dt.date(1958, 10, 6)]
    assert measure_window(sc, "var:halt_days", [oct5, oct6], days) == 7.0
    assert measure_window(sc, "var:halt_days", [oct6], days) == 6.0


def test_the_commanders_target_checks_the_named_men():
    """The count of six (which held at seven with the wrong men hit) is replaced by a check
    that the six named men, and no other, are hit; the count's claim goes with it."""
    targets = {t.id: t for t in build_targets(kinmen())}
    assert not any(t.measure == "commanders_hit.roc" for t in targets.values())
    named = targets["event:commanders_hit_0823"]
    assert named.role == "outcome" and named.kind == "event" and named.expected is True
    assert [c.value for c in named.claims if c.date] == [6]
    assert "wrong men" in named.reason
    ck = next(c for c in kinmen().calibration.checks if c.id == "commanders_hit_0823")
    assert "ko_yuanfen" not in ck.commanders and len(ck.commanders) == 6


def test_new_article_figures_are_targets():
    targets = {t.id: t for t in build_targets(kinmen())}
    # the 220 of 24 August are all aboard the Taisheng and the Zhonghai: casualties at sea
    aug24 = targets["1958-08-24 casualties.roc.at_sea"]
    assert aug24.role == "outcome" and aug24.values == [220]
    assert "1958-08-24 casualties.roc.military_ashore" not in targets
    sep8 = targets["1958-09-08 casualties_aboard.meile"]
    assert sep8.role == "outcome" and sorted(sep8.values) == [11, 91]
    second = targets["event:second_8inch_fire"]
    assert second.kind == "date" and second.expected == dt.date(1958, 9, 29)
    assert second.role == "input"


def test_events_happen_on_their_dates():
    cal = calibrated()
    res = {r.target.id: r for r in cal.results}
    assert res["event:first_8inch_fire"].median == dt.date(1958, 9, 26)
    assert res["event:resumption_20_oct"].median == dt.date(1958, 10, 20)
    assert res["event:no_shelling_6_19_oct"].share_true == 1.0
    assert res["event:odd_days_from_25_oct"].share_true == 1.0
    # the orders fire the second M55 battery on 29 September, as the article says
    assert res["event:second_8inch_fire"].median == dt.date(1958, 9, 29)
    assert res["event:second_8inch_fire"].holds is True
    # fixed by the orders: every run gives the same value
    for tid in ("1958-09-07 tons.landed_sea", "1958-08-23 guns.prc"):
        assert len(set(res[tid].values)) == 1, tid
    assert res["1958-08-23 guns.prc"].matched.value == 439


def test_json_and_text_output(capsys):
    code = main(["calibrate", "--runs", "2", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["runs"] == 2 and data["tolerance"] == 0.25
    assert {"outcome", "input", "not_modelled"} <= set(data["summary"])
    assert "windows" not in data
    t = next(x for x in data["targets"] if x["id"] == "campaign guns_lost.prc")
    assert {c["label"] for c in t["claims"]} == {"PRC record", "ROC record"}
    assert {"median", "p10", "p90", "holds", "held_to", "nearest", "role"} <= set(t)
    assert [c["band"] for c in t["claims"]] == [[24.0, 40.0], [165.75, 276.25]]
    tons = next(x for x in data["targets"] if x["id"] == "1958-09-07 tons.landed_sea")
    assert tons["role"] == "input" and "272 t" in tons["reason"]
    code = main(["calibrate", "--runs", "2"])
    out = capsys.readouterr().out
    assert code == 0 and "Outcome targets held:" in out and "not modelled:" in out
    assert "one record's figure" in out


# -- the CI check ------------------------------------------------------------------------------


def test_outcome_targets_hold_over_20_seeds():
    """The CI bar: issue 15's 90% of the outcome targets over seeds 1-20 under the
    one-record rule (35 of 38 after the tuning of session 5)."""
    cal = calibrated()
    missed = [(r.target.id, r.median) for r in cal.of_role("outcome") if not r.holds]
    assert cal.share("outcome") >= REQUIRED_SHARE, missed


def test_the_1958_calibration_summary_is_pinned():
    """The calibration's targets, medians, 10-90% ranges and records held over seeds 1-20: a
    change to the rules, the scenario or the targets shows here (regenerate the fixture with
    `python -m tests.test_calibrate` and say why)."""
    want = json.loads(FIXTURE.read_text("utf-8"))
    got = fixture_data(calibrated())
    assert got["summary"] == want["summary"]
    assert got["targets"] == want["targets"]


if __name__ == "__main__":
    FIXTURE.write_text(
        json.dumps(fixture_data(calibrated()), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        "utf-8",
    )
