"""Phase 10, morale and tension: morale falls with casualties and guns lost, rises for the ROC
with tons landed, and drifts back toward each side's base; US commitment grows with ROC
casualties; tension stays within 0-100."""

from __future__ import annotations

import pytest

from game.scenario.orders import Convoy, Fire, MakeMove
from tests.builder import run_day, start, tiny
from tests.rules.expect import days, drift


@pytest.mark.parametrize("roc", [50.0, 59.5, 60.0, 60.4, 65.0])
def test_morale_drifts_back_toward_the_base(roc):
    sc = tiny()
    st = start(sc)
    st.morale["roc"], st.morale["prc"] = roc, 69.5
    after, _ = run_day(sc, st)
    step = sc.rule("morale_recovery_per_day")
    assert after.morale["roc"] == pytest.approx(drift(roc, sc.side("roc").morale, step))
    assert after.morale["prc"] == pytest.approx(sc.side("prc").morale)  # 69.5 -> 70


def test_tons_landed_raise_roc_morale(new_state):
    sc = tiny()
    order = Convoy(ship_class="roc_lst", ships=2, cargo={"food": 500}, beach="island_pier")
    after, _ = run_day(sc, new_state, [], [order])
    landed = after.totals["tons.landed"]
    assert landed == sc.target("island_pier").capacity_day_t
    base = sc.side("roc").morale
    raised = base + landed / 100 * sc.rule("morale_per_100t_landed")
    assert after.morale["roc"] == pytest.approx(
        drift(raised, base, sc.rule("morale_recovery_per_day"))
    )


def test_casualties_and_guns_lost_cost_morale_and_raise_us_commitment():
    sc = tiny()
    base = {s: sc.side(s).morale for s in ("prc", "roc")}
    step = sc.rule("morale_recovery_per_day")
    prc = [
        Fire(group="prc_guns", target="island_town", rounds=4000),
        Fire(group="prc_coastal", target="roc_guns", rounds=320),
    ]
    roc = [Fire(group="roc_guns", target="prc_guns", rounds=1200)]
    for after, _ in days(sc, prc, roc, seeds=range(200)):
        t = after.totals
        for side in ("prc", "roc"):
            casualties = t[f"casualties.{side}.military"] + t[f"casualties.{side}.civilian"]
            m = base[side] - casualties / 1000 * sc.rule("morale_per_1000_casualties")
            m -= t[f"guns_lost.{side}"] * sc.rule("morale_per_gun_destroyed")
            assert after.morale[side] == pytest.approx(
                min(100.0, max(0.0, drift(m, base[side], step)))
            )
            if side == "roc":
                commitment = sc.state["us_commitment"] + casualties / 1000 * sc.rule(
                    "commitment_per_1000_roc_casualties"
                )
                assert after.us_commitment == pytest.approx(commitment)


def test_tension_stays_within_bounds(new_state):
    sc = tiny()
    halted, _ = run_day(sc, new_state, [MakeMove(move="prc_halt")])
    halted.tension = 99.9
    broken = Fire(group="prc_guns", target="island_airfield", rounds=100, break_halt=True)
    after, _ = run_day(sc, halted, [broken])  # 99.4 + 0.01 + 8 -> 100, not 107.41
    assert after.tension == 100.0
    calm = start(sc)
    calm.tension = 4.0
    after, _ = run_day(sc, calm, [MakeMove(move="prc_halt")])  # 3.5 - 10 -> 0
    assert after.tension == 0.0
