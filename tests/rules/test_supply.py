"""Phase 9, supply and repair (no chance except gun repair's rounding): daily use, shortage
morale, target repair, gun repair, PLA dumps, aircraft replacements, ships coming back."""

from __future__ import annotations

import pytest

from tests.builder import run_day, start, tiny
from tests.rules.expect import assert_mean, drift


def test_kinmen_uses_each_kind_every_day(new_state):
    sc = tiny()
    st = new_state
    for n in range(1, 4):
        st, report = run_day(sc, st)
        for k in sc.supply.kinds:
            assert st.supply[k.id] == k.stock_t - n * k.daily_use_t
        assert not report.of_kind("shortage")


@pytest.mark.parametrize("short", [["food"], ["food", "ammo"]])
def test_each_exhausted_kind_costs_morale(short):
    sc = tiny()
    morning = start(sc)
    for kind in short:
        morning.supply[kind] = 1.0  # less than a day's use
    after, report = run_day(sc, morning)
    assert all(after.supply[k] == 0.0 for k in short)
    base = sc.side("roc").morale
    morale = base - len(short) * sc.rule("shortage_morale_per_day")
    assert after.morale["roc"] == drift(morale, base, sc.rule("morale_recovery_per_day"))
    assert report.of_kind("shortage")[0].data["kinds"] == short


def test_targets_repair_their_rate_up_to_full(new_state):
    sc = tiny()
    for t in sc.targets:
        new_state.integrity[t.id] = 50.0
    new_state.integrity["island_pier"] = 98.0
    after, _ = run_day(sc, new_state)
    for t in sc.targets:
        start_ = 98.0 if t.id == "island_pier" else 50.0
        assert after.integrity[t.id] == min(100.0, start_ + t.repair_per_day), t.id


def test_destroyed_guns_come_back_at_the_repair_rate():
    sc = tiny()
    rate = sc.rule("gun_repair_per_day")
    exact = start(sc)
    exact.groups["roc_guns"].guns, exact.groups["roc_guns"].destroyed = 10, 10
    after, _ = run_day(sc, exact)
    assert (after.groups["roc_guns"].guns, after.groups["roc_guns"].destroyed) == (
        11,
        9,
    )  # 10 x 0.1
    back = []
    for seed in range(2000):  # 15 x 0.1 = 1.5: one or two, one and a half on average
        st = start(sc, seed)
        st.groups["roc_guns"].guns, st.groups["roc_guns"].destroyed = 5, 15
        g = run_day(sc, st)[0].groups["roc_guns"]
        assert g.guns + g.destroyed == 20 and g.guns - 5 in (1, 2)
        back.append(g.guns - 5)
    assert_mean(back, 15 * rate, 0.25, "guns repaired")


def test_dumps_aircraft_ships_and_fire_control_recover(new_state):
    sc = tiny()
    new_state.aircraft["prc_mig"] = 30.0
    new_state.ships["roc_lst"] = 4
    new_state.ships_away = [[1, "roc_lst", 2], [3, "roc_patrol", 1]]
    new_state.ships["roc_patrol"] -= 1
    new_state.fire_control_loss["roc"] = 0.1
    after, _ = run_day(sc, new_state)
    for g in sc.artillery:
        if g.ammo is not None:  # the PLA's dumps fill by ammo_per_day
            assert after.groups[g.id].ammo == g.ammo + g.ammo_per_day
        else:
            assert after.groups[g.id].ammo == -1
    mig, f86 = sc.air_unit("prc_mig"), sc.air_unit("roc_f86")
    assert after.aircraft["prc_mig"] == 30 + mig.replacements_per_day
    assert after.aircraft["roc_f86"] == f86.count  # never above the unit's strength
    assert after.ships["roc_lst"] == 6 and after.ships_away == [[3, "roc_patrol", 1]]
    fade = sc.rule("commander_accuracy_loss") / sc.rule("commander_recovery_days")
    assert after.fire_control_loss["roc"] == pytest.approx(0.1 - fade)
    assert after.fire_control_loss["prc"] == 0.0
