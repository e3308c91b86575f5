"""Phase 2, diplomacy: moves ordered today apply their effects, PRC first then ROC; a halt
covers `halt_days` days from the next one, and breaking it costs tension and commitment."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine.legality import check_order
from game.scenario.model import Effect
from game.scenario.orders import Fire, MakeMove
from tests.builder import run_day, start, tiny, variant


def test_the_halt_move_sets_its_days_and_lowers_tension(new_state):
    sc = tiny()  # prc_halt: set halt_days 7, add -10 to tension
    after, report = run_day(sc, new_state, [MakeMove(move="prc_halt")])
    assert after.halt_days == 7  # the day of the declaration does not count
    assert after.tension == pytest.approx(
        sc.state["tension"] - sc.rule("tension_decay_per_day") - 10
    )
    assert after.moves_made == ["prc_halt"]
    assert [e.data["id"] for e in report.of_kind("move")] == ["prc_halt"]
    left = []
    for _ in range(8):
        after, _ = run_day(sc, after)
        left.append(after.halt_days)
    assert left == [6, 5, 4, 3, 2, 1, 0, 0]


def test_breaking_the_halt_costs_exactly_its_rule_numbers(new_state):
    sc = tiny()
    halted, _ = run_day(sc, new_state, [MakeMove(move="prc_halt")])
    rounds = 100
    fire = Fire(group="prc_guns", target="island_airfield", rounds=rounds, break_halt=True)
    after, report = run_day(sc, halted, [fire])
    assert report.of_kind("halt_broken") and after.halt_days == 0
    tension = (
        halted.tension
        - sc.rule("tension_decay_per_day")
        + rounds / 10000 * sc.rule("tension_per_10000_rounds")
        + sc.rule("tension_break_halt")
    )
    assert after.tension == pytest.approx(tension)
    roc_casualties = (
        after.totals["casualties.roc.military"] + after.totals["casualties.roc.civilian"]
    )
    commitment = (
        halted.us_commitment
        + sc.rule("commitment_break_halt")
        + roc_casualties / 1000 * sc.rule("commitment_per_1000_roc_casualties")
    )
    assert after.us_commitment == pytest.approx(commitment)
    # the halt is over: the next day's fire needs no break_halt
    assert check_order(sc, after, "prc", dataclasses.replace(fire, break_halt=False)) is None


def test_odd_day_shelling_sets_its_flag_and_lowers_tension(new_state):
    sc = tiny()  # prc_odd_days: set flag.odd_day_only, add -5 to tension
    after, _ = run_day(sc, new_state, [MakeMove(move="prc_odd_days")])
    assert after.flags["odd_day_only"] is True
    assert after.tension == pytest.approx(
        sc.state["tension"] - sc.rule("tension_decay_per_day") - 5
    )


def test_moves_apply_prc_first_then_roc():
    halt = next(m for m in tiny().moves if m.id == "prc_halt")
    ask = next(m for m in tiny().moves if m.id == "roc_ask_escort")
    prc = dataclasses.replace(halt, effects=[Effect(set="us_commitment", value=30)])
    roc = dataclasses.replace(ask, requires=[], effects=[Effect(set="us_commitment", value=40)])
    sc = variant(moves=[prc, roc])
    after, report = run_day(sc, start(sc), [MakeMove(move=prc.id)], [MakeMove(move=roc.id)])
    assert after.us_commitment == 40  # the ROC's set came last
    assert [e.side for e in report.of_kind("move")] == ["prc", "roc"]
