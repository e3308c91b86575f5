"""`calibrate`: the tolerance rules, the targets, and the CI check of the 1958 scenario."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest

from game.cli.main import main
from game.history.calibrate import (
    REQUIRED_SHARE,
    RUN_TESTS,
    Target,
    TargetClaim,
    build_targets,
    calibrate,
    count_band,
    count_holds,
    date_holds,
    evaluate,
    event_holds,
    median_date,
    summarise,
)
from game.history.citations import figure_map
from game.history.measures import MEASURES, SCORE_VARS
from game.scenario.article import check_quote
from tests.builder import shipped_scenario

#: rule and order-of-battle values proposed for the 1958 scenario (see docs/history-replay.md)
PROPOSED_RULES = {
    "hit_chance_battery": 0.08,
    "hit_chance_battery_area": 0.06,
    "hit_chance_command_post": 0.04,
    "hit_chance_pier": 0.016,
    "hit_chance_beach": 0.012,
    "hit_chance_airfield": 0.02,
    "amtrac_exposure": 0.8,
    "transport_loss_per_patrol": 0.007,
    "morale_per_gun_destroyed": 0.1,
}
PROPOSED_ENTRIES = {
    ("ships", "roc_patrol"): {"defence": 0.75},
    ("air", "prc_mig17"): {"kill_rate": 0.11},
    ("air", "prc_navy_mig"): {"kill_rate": 0.08},
    # softer interdiction targets keep the damage per round as it was with the old hit chances
    ("targets", "roc_shangyi_airfield"): {"hardness_kg": 80.0},
    ("targets", "roc_liaoluo_beach"): {"hardness_kg": 120.0},
    ("targets", "roc_xintou_pier"): {"hardness_kg": 60.0},
    ("targets", "roc_shuitou_pier"): {"hardness_kg": 60.0},
}


kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


@cache
def calibrated(proposed: bool = False):
    sc = kinmen()
    if proposed:
        sc = with_values(sc, PROPOSED_RULES, PROPOSED_ENTRIES)
    return calibrate(sc, 20)


def with_values(sc, rules, entries):
    """A copy of the scenario with some rule and entry values changed (in memory)."""
    new_rules = dict(sc.rules)
    for name, value in rules.items():
        new_rules[name] = dataclasses.replace(new_rules[name], value=value)
    changes = {"rules": new_rules}
    for (section, eid), fields in entries.items():
        items = changes.get(section, list(getattr(sc, section)))
        changes[section] = [dataclasses.replace(x, **fields) if x.id == eid else x for x in items]
    return dataclasses.replace(sc, **changes)


# -- the tolerance rules -----------------------------------------------------------------------


def test_band_is_the_records_range_widened_25_percent():
    assert count_band([1, 8]) == (0.75, 10.0)
    assert count_band([8, 1, 3]) == (0.75, 10.0)
    assert count_band([470_000]) == (352_500.0, 587_500.0)
    assert count_band([0]) == (0.0, 0.0)
    with pytest.raises(ValueError):
        count_band([])


def test_count_holds_at_the_band_ends_only():
    assert count_holds(10, [1, 8]) and count_holds(0.75, [1, 8]) and count_holds(4, [1, 8])
    assert not count_holds(10.01, [1, 8]) and not count_holds(0.7, [1, 8])
    # one record: +-25% around it; a whole count of 1 must be exactly 1
    assert count_holds(1, [1]) and not count_holds(2, [1]) and not count_holds(0, [1])
    # a zero claim allows only zero
    assert count_holds(0, [0]) and not count_holds(0.5, [0])


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


def test_evaluate_uses_the_median_of_the_runs():
    t = Target(
        "x",
        "count",
        "boats_lost.prc",
        "PLA boats lost",
        "",
        "outcome",
        claims=[TargetClaim("prc", 1, "", "", ""), TargetClaim("roc", 8, "", "", "")],
    )
    assert evaluate(t, [0, 0, 0, 1, 2]).holds is False  # median 0 < 0.75
    r = evaluate(t, [0, 1, 1, 2, 20])
    assert r.holds is True and r.median == 1
    d = Target("d", "date", "d", "", "", "input", expected=dt.date(1958, 9, 26))
    r = evaluate(d, [dt.date(1958, 9, 26)] * 3 + [dt.date(1958, 9, 27)])
    assert r.holds is True and r.share_true == 0.75
    e = Target("e", "event", "e", "", "", "outcome", expected=True)
    assert evaluate(e, [True, False, False]).holds is False
    assert evaluate(e, [True, True, False]).holds is True


# -- the targets -------------------------------------------------------------------------------


def test_every_campaign_claim_and_dated_check_quotes_the_article():
    sc = kinmen()
    assert len(sc.campaign_claims) == 20 and len(sc.calibration.checks) == 5
    for c in sc.campaign_claims:
        assert check_quote(c.source[0].quote) is None, c.id
    for ck in sc.calibration.checks:
        assert check_quote(ck.source[0].quote) is None, ck.id
        assert ck.test in RUN_TESTS


def test_every_mapped_figure_is_an_engine_measurement():
    for name, spec in kinmen().figures.items():
        assert (spec.measure in MEASURES) != bool(spec.not_modelled), name


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


def test_targets_hold_both_records():
    targets = {t.id: t for t in build_targets(kinmen())}
    guns = targets["campaign guns_lost.prc"]
    assert sorted(guns.values) == [32, 221] and guns.band() == (24.0, 276.25)
    assert {c.side for c in guns.claims} == {"prc", "roc"}
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
    assert targets["1958-09-08 casualties_aboard.meile"].values == [11]
    assert all(t.reason for t in targets.values() if t.role == "not_modelled")
    roles = {t.id: t.role for t in targets.values()}
    assert roles["event:resumption_20_oct"] == "input"
    assert roles["event:kinmen_holds"] == "outcome"


def test_input_targets_hold_and_events_happen_on_their_dates():
    cal = calibrated()
    for r in cal.of_role("input"):
        assert r.holds, (r.target.id, r.median)
    res = {r.target.id: r for r in cal.results}
    assert res["event:first_8inch_fire"].median == dt.date(1958, 9, 26)
    assert res["event:resumption_20_oct"].median == dt.date(1958, 10, 20)
    assert res["event:no_shelling_6_19_oct"].share_true == 1.0
    assert res["event:odd_days_from_25_oct"].share_true == 1.0


def test_json_and_text_output(capsys):
    code = main(["calibrate", "--runs", "2", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["runs"] == 2 and data["tolerance"] == 0.25
    assert {"outcome", "input", "not_modelled"} <= set(data["summary"])
    t = next(x for x in data["targets"] if x["id"] == "campaign guns_lost.prc")
    assert {c["label"] for c in t["claims"]} == {"PRC record", "ROC record"}
    assert {"median", "p10", "p90", "holds", "band", "role"} <= set(t)
    code = main(["calibrate", "--runs", "2"])
    out = capsys.readouterr().out
    assert code == 0 and "Outcome targets held:" in out and "not modelled:" in out


# -- the CI check ------------------------------------------------------------------------------


def test_outcome_targets_hold_over_20_seeds():
    """At least 80% of the outcome targets hold (median of seeds 1-20 within tolerance).

    Fails with the scenario as first written (17 of 31); holds (27 of 31) once the values in
    PROPOSED_RULES / PROPOSED_ENTRIES are applied to scenarios/kinmen_1958.yaml.
    """
    cal = calibrated()
    missed = [(r.target.id, r.median) for r in cal.of_role("outcome") if not r.holds]
    assert cal.share("outcome") >= REQUIRED_SHARE, missed


def test_proposed_values_reach_the_required_share():
    cal = calibrated(proposed=True)
    missed = [(r.target.id, r.median) for r in cal.of_role("outcome") if not r.holds]
    assert cal.share("outcome") >= REQUIRED_SHARE, missed
    assert all(r.holds for r in cal.of_role("input"))


def test_the_1958_calibration_is_the_one_fixed_before_its_facts_moved_to_data():
    """The calibration's targets, medians and 10-90% ranges over seeds 1-20, as computed when
    its tables and dated checks were code (issue 13): moving them into the scenario's
    `figures`, `campaign_claims` and `calibration` sections changed none of them."""
    want = json.loads(
        (Path(__file__).parent / "fixtures" / "calibrate_1958_summary.json").read_text("utf-8")
    )
    got = calibrated().to_dict()
    assert got["summary"] == want["summary"]
    assert {
        t["id"]: {k: t[k] for k in ("median", "p10", "p90", "holds", "article", "role")}
        for t in got["targets"]
    } == want["targets"]
