"""Checks in one pass: every mistake of a file in one run, and the gameplay checks (places on
the map and the right surface, lanes over water, batteries that reach nothing, conditions the
variables' bounds make impossible, historical orders the rules would refuse), each at its
line; a historical order refused on its day is data the replay prints, never silent."""

from __future__ import annotations

from pathlib import Path

from game.ai.players import HistoryPlayer
from game.engine.observe import observe
from game.engine.state import new_game
from game.scenario.loader import read_scenario_bytes
from tests.builder import replace_item, tiny, variant

TINY = (Path(__file__).parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
UNEXPLAINED = "has neither a source nor an assumption"


def check(*edits: tuple[str, str]) -> tuple[object, list[str]]:
    text = TINY
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    sc, problems = read_scenario_bytes(text.encode("utf-8"), "t.yaml", use_cache=False)
    # tiny.yaml's numbers have no reasons (tests/test_provenance.py checks those warnings)
    return sc, [str(p) for p in problems if UNEXPLAINED not in p.message]


def test_six_mistakes_show_in_one_run() -> None:
    sc, problems = check(
        ("guns: 40,", "guns: forty,"),
        ("terrain: land, side: roc}", "terrain: lnd, side: roc}"),
        ("available_from: 1958-08-30", "available_from: 1958-12-30"),
        ("post: island_cp}", "post: island_cpp}"),
        ('{var: tension, op: ">=", value: 60}', '{var: tensoin, op: ">=", value: 60}'),
        ("hit_chance_town: {value: 0.08}", "hit_chance_town: {value: 1.08}"),
    )
    assert sc is None
    assert [p.split(": error: ")[1].split(":")[0] for p in problems] == [
        "places[0].terrain",
        "artillery[0].guns",
        "artillery[3].available_from",
        "commanders[0].post",
        "rules.hit_chance_town.value",
        "events[1].trigger.when[0].var",
    ]
    # prc_guns could not be read: the history order naming it is not reported again
    assert not any("prc_guns" in p for p in problems)


def test_impossible_condition_is_an_error_and_an_always_true_one_a_warning() -> None:
    sc, problems = check(("value: 60}]}", "value: 150}]}"))
    assert sc is None
    assert problems == [
        "t.yaml:150:54: error: events[1].trigger.when[0].value: 'tension >= 150' can never "
        "hold: tension stays 0 to 100"
    ]
    sc, problems = check(("value: 60}]}", "value: 0}]}"))
    assert sc is not None
    assert problems == [
        "t.yaml:150:54: warning: events[1].trigger.when[0].value: 'tension >= 0' always "
        "holds: tension stays 0 to 100"
    ]


def test_a_used_place_off_the_map_is_an_error() -> None:
    sc, problems = check(("lon: 118.32, lat: 24.56", "lon: 140.0, lat: 24.56"))
    assert sc is None
    assert problems[0].startswith("t.yaml:17:66: error: places[2].lon: 'mainland' (artillery")
    assert "is outside the map" in problems[0]


def test_a_battery_at_sea_and_a_lane_over_land_are_warnings() -> None:
    # the island's place moved into open water east of Kinmen; Penghu moved onto Taiwan
    sc, problems = check(
        ("lon: 118.38, lat: 24.45", "lon: 118.60, lat: 24.30"),
        ("lon: 119.57, lat: 23.57", "lon: 120.90, lat: 23.80"),
    )
    # (moving the island 40 km also puts the historical orders out of range: those are errors)
    assert sc is None
    shown = "\n".join(problems)
    assert "warning: places[0].lon: 'island' (artillery group 'roc_guns'" in shown
    assert "warning: supply.lanes[0].waypoints[1]: the leg from 'penghu'" in shown


def test_a_battery_that_reaches_nothing_and_an_order_out_of_range_are_reported() -> None:
    # the battery is a warning (legal, probably wrong); the historical order out of range is
    # an error: the rules would refuse it whatever the dice
    sc, problems = check(("range_km: 22,", "range_km: 5,"))
    assert sc is None
    assert any(
        "warning: artillery[0].range_km: 'prc_guns' can reach no enemy target" in p
        for p in problems
    )
    assert (
        "t.yaml:199:51: error: history[0].orders.prc[0].target: 'island_cp' is 13.7 km from "
        "'prc_guns', beyond its range of 5 km: the rules would refuse this order on 1958-08-23"
    ) in problems
    assert len([p for p in problems if ": error: " in p]) == 2  # and the order of 24 August


def test_a_historical_order_before_the_group_arrives_is_an_error() -> None:
    sc, problems = check(
        (
            "{type: fire, group: roc_guns, target: prc_guns",
            "{type: fire, group: roc_8inch, target: prc_guns",
        )
    )
    assert sc is None
    assert any(
        "error: history[0].orders.roc[0].group: 'roc_8inch' is available from 1958-08-30, "
        "not on 1958-08-23" in p
        for p in problems
    ), problems


def test_history_player_keeps_refused_orders_as_data() -> None:
    # the validator refuses such a file; a scenario built in memory (or a save's copy of one
    # written before the check) can still hold the order, and the replay must say so
    sc = variant(**groups_range(tiny(), "prc_guns", 5.0))
    player = HistoryPlayer()
    state = new_game(sc, 1)
    assert player.orders(sc, observe(sc, state, "prc")) == []
    (r,) = player.refused
    assert (str(r.date), r.side, r.index, r.order.type) == ("1958-08-23", "prc", 0, "fire")
    assert r.reason


def groups_range(sc, gid: str, km: float) -> dict:
    return {"artillery": replace_item(sc.artillery, gid, range_km=km)}
