"""Phase 4, air: patrols of both sides meet with `air_engage_chance`; each sortie downs an
enemy with its unit's `kill_rate` (times `missile_factor` from `missiles_from`)."""

from __future__ import annotations

import pytest

from game.scenario.orders import AirSortie
from tests.builder import run_day, start, tiny
from tests.rules.expect import SEEDS, assert_count, assert_mean, days

MIGS, SABRES = 20, 20


def _battles(sc, day):
    prc = [AirSortie(air_unit="prc_mig", sorties=MIGS)]
    roc = [AirSortie(air_unit="roc_f86", sorties=SABRES)]
    out = []
    for after, report in days(sc, prc, roc, state=start(sc, day=day)):
        battles = report.of_kind("air_battle")
        data = battles[0].data if battles else None
        if data:  # the totals are the battle's losses: nothing else loses aircraft here
            assert after.totals["aircraft_lost.prc"] == data["prc_lost"]
            assert after.totals["aircraft_lost.roc"] == data["roc_lost"]
        else:
            assert after.totals["aircraft_lost.prc"] == after.totals["aircraft_lost.roc"] == 0
        out.append(data)
    return out


@pytest.mark.parametrize("day", [8, 9])  # 31 August, then 1 September: the Sidewinders
def test_patrols_meet_at_the_engage_chance_and_kill_at_the_kill_rate(day):
    sc = tiny()
    battles = _battles(sc, day)
    met = [b for b in battles if b]
    assert_count(len(met), len(SEEDS), sc.rule("air_engage_chance"), "patrols met")
    f86, mig = sc.air_unit("roc_f86"), sc.air_unit("prc_mig")
    date = sc.meta.start.toordinal() + day
    rate = f86.kill_rate * (f86.missile_factor if date >= f86.missiles_from.toordinal() else 1)
    prc_lost = [b["prc_lost"] for b in met]  # downed by the F-86s
    assert_mean(prc_lost, SABRES * rate, SABRES * rate * (1 - rate), "MiGs downed")
    p = mig.kill_rate
    roc_lost = [b["roc_lost"] for b in met]
    assert_mean(roc_lost, MIGS * p, MIGS * p * (1 - p), "F-86s downed")


def test_no_battle_unless_both_sides_patrol():
    sc = tiny()
    for seed in range(50):
        after, report = run_day(sc, start(sc, seed), [AirSortie(air_unit="prc_mig", sorties=40)])
        assert not report.of_kind("air_battle") and not report.of_kind("air")
        assert after.totals["aircraft_lost.prc"] == 0


def test_a_units_own_sorties_per_day_sets_its_limit():
    """A unit's `sorties_per_day` replaces the rule `sorties_per_aircraft` for that unit only:
    the legality check, the capacity function and the forms share one limit."""
    import dataclasses

    from game.engine.capacity import sortie_limit
    from game.engine.legality import check_order
    from game.scenario.orders import Airlift
    from tests.builder import replace_item, variant

    base = tiny()
    c46 = base.air_unit("roc_c46")
    assert c46.sorties_per_day is None
    per_rule = sortie_limit(base, c46, 20)
    assert per_rule == int(20 * base.rule("sorties_per_aircraft"))
    sc = variant(base, air=replace_item(list(base.air), "roc_c46", sorties_per_day=0.5))
    slow = sc.air_unit("roc_c46")
    assert sortie_limit(sc, slow, 20) == 10
    # fighters keep the rule's rate
    assert sortie_limit(sc, sc.air_unit("roc_f86"), 20) == per_rule
    st = start(sc)
    ok = Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 40})
    over = dataclasses.replace(ok, sorties=11)
    assert check_order(sc, st, "roc", ok) is None
    why = check_order(sc, st, "roc", over)
    assert why is not None and why.key == "refuse.sortie_capacity" and why.data["left"] == 10
