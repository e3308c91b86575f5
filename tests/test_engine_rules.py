"""Each phase of the turn on the tiny scenario: the rules do what their docs say."""

from __future__ import annotations

import statistics

import pytest

from game.engine.legality import check_order
from game.engine.preview import preview
from game.engine.state import state_hash
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie
from tests.builder import replace_item, run_day, start, tiny, variant

CONVOY = Convoy(
    ship_class="roc_lst",
    ships=2,
    cargo={"food": 300, "ammo": 200},
    beach="island_pier",
    night=False,
)


def landed(sc, prc_orders, roc_orders, seeds=range(40)):
    out = []
    for seed in seeds:
        st, _ = run_day(sc, start(sc, seed), prc_orders, roc_orders)
        out.append(st.totals["tons.landed"])
    return statistics.mean(out)


def test_more_fire_on_the_beach_lands_fewer_tons():
    sc = tiny()
    light = landed(sc, [Fire(group="prc_guns", target="island_pier", rounds=300)], [CONVOY])
    heavy = landed(sc, [Fire(group="prc_guns", target="island_pier", rounds=3000)], [CONVOY])
    assert heavy < light


def test_escorts_save_ships_from_torpedo_boats():
    sc = variant(ships=replace_item(tiny().ships, "prc_torpedo", attack=0.3))
    boats = [NavalSortie(ship_class="prc_torpedo", boats=12)]
    bare = Convoy(
        ship_class="roc_lst", ships=4, cargo={"food": 800}, beach="island_pier", night=True
    )
    escorted = Convoy(
        ship_class="roc_lst",
        ships=4,
        cargo={"food": 800},
        beach="island_pier",
        night=True,
        escort_class="roc_patrol",
        escorts=4,
    )

    def lost(order):
        return statistics.mean(
            run_day(sc, start(sc, s), boats, [order])[0].totals["ships_lost.roc"] for s in range(60)
        )

    assert lost(escorted) < lost(bare)


def test_a_declared_halt_stops_shelling_unless_broken():
    sc = tiny()
    st, _ = run_day(sc, start(sc), [MakeMove(move="prc_halt")])
    fire = Fire(group="prc_guns", target="island_cp", rounds=100)
    why = check_order(sc, st, "prc", fire)
    assert why is not None and why.key == "refuse.halt_declared"
    assert why.data == {"side": "prc", "days": st.halt_days}
    h = state_hash(st)
    with pytest.raises(Exception, match="halt"):
        run_day(sc, st, [fire])
    assert state_hash(st) == h
    broken = Fire(group="prc_guns", target="island_cp", rounds=100, break_halt=True)
    after, rep = run_day(sc, st, [broken])
    assert rep.of_kind("halt_broken")
    assert after.halt_days == 0
    assert after.tension > st.tension


def test_halt_lasts_its_days_then_lapses():
    sc = tiny()
    st, _ = run_day(sc, start(sc), [MakeMove(move="prc_halt")])
    fire = Fire(group="prc_guns", target="island_cp", rounds=100)
    for _ in range(7):
        assert check_order(sc, st, "prc", fire) is not None
        st, _ = run_day(sc, st)
    assert check_order(sc, st, "prc", fire) is None


def test_odd_day_shelling():
    sc = tiny()
    st, _ = run_day(sc, start(sc), [MakeMove(move="prc_odd_days")])  # 23 Aug, declared
    fire = Fire(group="prc_guns", target="island_cp", rounds=100)
    assert st.day == 1  # 24 Aug: even
    assert _key(check_order(sc, st, "prc", fire)) == "refuse.odd_days"
    st, _ = run_day(sc, st)
    assert check_order(sc, st, "prc", fire) is None  # 25 Aug


def test_eight_inch_guns_fire_only_after_they_arrive():
    sc = tiny()
    order = Fire(group="roc_8inch", target="prc_guns", rounds=40)
    early = start(sc, day=6)  # 29 Aug
    assert _key(check_order(sc, early, "roc", order)) == "refuse.group_not_arrived"
    on_time = start(sc, day=7)  # 30 Aug
    assert check_order(sc, on_time, "roc", order) is None
    hit = Fire(group="prc_guns", target="roc_8inch", rounds=100)
    assert _key(check_order(sc, early, "prc", hit)) == "refuse.target_not_arrived"


def test_a_command_post_hit_costs_commanders_and_accuracy():
    sc = variant(rules={"commander_hit_per_integrity": 1.0, "commander_kill_share": 1.0})
    st, rep = run_day(sc, start(sc), [Fire(group="prc_guns", target="island_cp", rounds=4000)])
    assert st.commanders["deputy"] == "killed"
    assert st.totals["commanders_lost.roc"] == 1
    assert st.fire_control_loss["roc"] > 0
    assert st.integrity["island_cp"] < 100
    assert rep.of_kind("commander")
    # lower ROC accuracy: the same counter-battery scores fewer hits on average
    cb = [Fire(group="roc_guns", target="prc_guns", rounds=1200)]

    def hits(state):
        return statistics.mean(
            run_day(sc, _reseed(state, s), [], cb)[1].of_kind("counter_battery")[0].data["hits"]
            for s in range(40)
        )

    unhurt = st.clone()
    unhurt.fire_control_loss["roc"] = 0.0
    unhurt.integrity["island_cp"] = 100.0
    assert hits(st) < hits(unhurt)


def _reseed(state, seed):
    from game.engine.rng import seed_state

    s = state.clone()
    s.rng = seed_state(seed)
    return s


def _key(why):
    return why.key if why is not None else None


def test_range_ammo_and_ownership_are_checked():
    """Each refusal says why as a key and the figures behind it (ids, not names)."""
    sc = tiny()
    st = start(sc)
    far = variant(artillery=replace_item(tiny().artillery, "prc_guns", range_km=3))
    why = check_order(far, start(far), "prc", Fire(group="prc_guns", target="island_cp", rounds=10))
    assert why is not None and why.key == "refuse.out_of_range"
    assert why.data["target"] == "island_cp" and why.data["range_km"] == 3
    assert why.data["km"] > 3
    fire_own = Fire(group="prc_guns", target="prc_cp", rounds=10)
    assert _key(check_order(sc, st, "prc", fire_own)) == "refuse.target_own"
    theirs = Fire(group="prc_guns", target="island_cp", rounds=10)
    assert _key(check_order(sc, st, "roc", theirs)) == "refuse.group_not_yours"
    why = check_order(sc, st, "prc", Fire(group="prc_guns", target="island_cp", rounds=4001))
    assert _key(why) == "refuse.fire_capacity" and why.data["left"] < 4001
    dry = variant(artillery=replace_item(tiny().artillery, "prc_guns", ammo=50))
    why = check_order(dry, start(dry), "prc", Fire(group="prc_guns", target="island_cp", rounds=60))
    assert _key(why) == "refuse.rounds_left" and why.data["left"] == 50
    escorted = Convoy(
        ship_class="roc_lst", ships=1, cargo={"food": 10}, beach="island_pier", us_escort=True
    )
    assert _key(check_order(sc, st, "roc", escorted)) == "refuse.us_escort_not_agreed"
    many = Convoy(ship_class="roc_lst", ships=7, cargo={"food": 10}, beach="island_pier")
    why = check_order(sc, st, "roc", many)
    assert _key(why) == "refuse.ships_ready" and why.data["cls"] == "roc_lst"
    assert why.data["n"] == st.ships["roc_lst"]


def test_us_escorts_stop_at_three_miles_but_blunt_boat_attacks():
    sc = variant(
        ships=replace_item(tiny().ships, "prc_torpedo", attack=0.3),
        rules={"us_escort_exposure": 0.2},
    )
    st0 = start(sc, day=5)  # 28 Aug: the US agrees on that day's events
    st0.flags["us_escort"] = True
    boats = [NavalSortie(ship_class="prc_torpedo", boats=12)]
    plain = Convoy(
        ship_class="roc_lst", ships=4, cargo={"food": 800}, beach="island_pier", night=True
    )
    us = Convoy(
        ship_class="roc_lst",
        ships=4,
        cargo={"food": 800},
        beach="island_pier",
        night=True,
        us_escort=True,
    )

    def lost(o):
        return statistics.mean(
            run_day(sc, _reseed(st0, s), boats, [o])[0].totals["ships_lost.roc"] for s in range(60)
        )

    assert lost(us) < lost(plain)
    # but shore fire at the beach still reaches the ships: US ships do not enter 3 nm
    fire = [Fire(group="prc_guns", target="island_pier", rounds=4000)]
    hit = statistics.mean(
        run_day(sc, _reseed(st0, s), fire, [us])[1].of_kind("convoy")[0].data["hit"]
        for s in range(30)
    )
    assert hit > 0


def test_night_convoys_suffer_less_shore_fire():
    sc = tiny()
    fire = [Fire(group="prc_guns", target="island_pier", rounds=3000)]
    day = Convoy(ship_class="roc_lst", ships=3, cargo={"food": 600}, beach="island_pier")
    night = Convoy(
        ship_class="roc_lst", ships=3, cargo={"food": 600}, beach="island_pier", night=True
    )

    def hits(o):
        return statistics.mean(
            run_day(sc, start(sc, s), fire, [o])[1].of_kind("convoy")[0].data["hit"]
            for s in range(40)
        )

    assert hits(night) < hits(day)


def test_airlift_and_air_battle():
    sc = tiny()
    lift = Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 40})
    st, _ = run_day(sc, start(sc), [], [lift])
    assert st.totals["tons.shipped"] == 40
    assert st.totals["tons.landed"] == pytest.approx(40 * 0.8)
    pat = [AirSortie(air_unit="prc_mig", sorties=30)]
    lost = statistics.mean(
        run_day(sc, start(sc, s), pat, [lift])[0].totals["aircraft_lost.roc"] for s in range(40)
    )
    assert lost > 0


def test_preview_agrees_with_resolution():
    sc = tiny()
    st = start(sc)
    cases = [
        ("prc", [Fire(group="prc_guns", target="island_airfield", rounds=1500)], "hits"),
        ("prc", [Fire(group="prc_guns", target="roc_guns", rounds=1500)], "destroyed"),
        ("roc", [CONVOY], "landed"),
    ]
    for side, orders, figure in cases:
        enemy = [Fire(group="prc_guns", target="island_pier", rounds=2000)] if side == "roc" else []
        pv = preview(sc, st, side, orders, enemy_orders=enemy, samples=400, seed=3)
        lo, hi = pv.orders[0][figure].ci99
        values = []
        for s in range(1000):
            o = {side: orders, ("roc" if side == "prc" else "prc"): enemy}
            _, rep = run_day(sc, _reseed(st, 10_000 + s), o.get("prc"), o.get("roc"))
            entry = next(e for e in rep.entries if e.side == side and e.data.get("order") == 0)
            values.append(entry.data[figure])
        mean = statistics.mean(values)
        assert lo <= mean <= hi, (figure, lo, mean, hi)


def test_preview_and_illegal_orders_leave_the_state_alone():
    sc = tiny()
    st = start(sc)
    h = state_hash(st)
    preview(sc, st, "prc", [Fire(group="prc_guns", target="island_cp", rounds=100)], samples=5)
    pv = preview(sc, st, "prc", [Fire(group="prc_guns", target="island_cp", rounds=10**6)])
    assert pv.reasons
    assert state_hash(st) == h


def test_orders_round_trip_through_json_and_yaml():
    import json

    import yaml

    from game.scenario.orders import ORDER_TYPES, order_from_dict

    samples = [
        Fire(group="prc_guns", target="island_cp", rounds=10, break_halt=True),
        CONVOY,
        Convoy(
            ship_class="roc_lst",
            ships=1,
            cargo={"food": 5.5},
            beach="island_pier",
            night=True,
            escort_class="roc_patrol",
            escorts=2,
            us_escort=True,
            amtracs=3,
        ),
        Airlift(air_unit="roc_c46", sorties=3, cargo={"ammo": 9.0}, land=True),
        AirSortie(air_unit="prc_mig", sorties=4, mission="recon"),
        NavalSortie(ship_class="prc_torpedo", boats=2),
        MakeMove(move="prc_halt"),
    ]
    assert {type(o).type for o in samples} == set(ORDER_TYPES)
    for o in samples:
        assert order_from_dict(json.loads(json.dumps(o.to_dict()))) == o
        assert order_from_dict(yaml.safe_load(yaml.safe_dump(o.to_dict()))) == o
    with pytest.raises(ValueError):
        order_from_dict({"type": "fire", "group": "g", "target": "t", "rounds": 1, "oops": 1})
    with pytest.raises(ValueError):
        order_from_dict({"type": "nuke"})
