"""Phase 7, convoys and airlift: ships are hit at 1 - exp(-rounds x accuracy x
ship_hit_per_round x night and coastal factors); `ship_sink_share` of hit ships sink; the rest
unload up to the beach's capacity times its integrity plus amtracs' loads; airlift loses
`transport_loss_per_patrol` per enemy patrol sortie (covered by escorts) and recovers dropped
cargo at `airdrop_recovery`. Always: tons shipped = tons landed + tons lost + tons returned
(cargo a convoy brings home unlanded, naval phase). Those aboard a ship hit at the beach, sunk
or not, are killed and wounded at the `hit_*` shares (men get ashore)."""

from __future__ import annotations

import math

import pytest

from game.scenario.orders import Airlift, AirSortie, Convoy, Fire
from tests.builder import run_day, start, tiny
from tests.rules.expect import assert_mean, binomial_var, days, entry


def _convoy(ships=2, cargo=None, beach="island_pier", **kw) -> Convoy:
    return Convoy(
        ship_class="roc_lst",
        ships=ships,
        cargo=cargo or {"food": 300, "ammo": 200},
        beach=beach,
        **kw,
    )


@pytest.mark.parametrize(
    ("night", "integrity", "cargo"),
    [(False, 100, 500), (True, 100, 500), (False, 50, 500), (False, 100, 300), (True, 100, 200)],
)
def test_an_unopposed_convoy_lands_up_to_capacity_times_integrity(night, integrity, cargo):
    sc = tiny()
    pier = sc.target("island_pier")
    morning = start(sc)
    morning.integrity["island_pier"] = float(integrity)
    order = _convoy(cargo={"food": cargo * 0.6, "ammo": cargo * 0.4}, night=night)
    after, report = run_day(sc, morning, [], [order])
    capacity = (pier.capacity_night_t if night else pier.capacity_day_t) * integrity / 100
    landed = min(cargo, capacity)
    assert after.totals["tons.landed"] == pytest.approx(landed)
    assert after.totals["tons.lost"] == pytest.approx(cargo - landed)
    assert after.totals["tons.shipped"] == cargo
    # each kind lands in proportion, then the day's use is drawn
    for k in sc.supply.kinds:
        share = order.cargo[k.id] / cargo
        assert after.supply[k.id] == pytest.approx(k.stock_t + landed * share - k.daily_use_t)
    assert entry(report, "convoy")["capacity"] == pytest.approx(capacity)


def test_convoys_to_one_beach_share_its_capacity_and_amtracs_add_theirs(new_state):
    sc = tiny()
    cap = sc.target("island_pier").capacity_day_t
    amtrac = sc.ship_class("roc_lvt")
    after, report = run_day(
        sc, new_state, [], [_convoy(cargo={"food": 300}), _convoy(cargo={"food": 300}, amtracs=5)]
    )
    first, second = (entry(report, "convoy", order=i)["landed"] for i in (0, 1))
    assert first == 300
    assert second == pytest.approx(min(300, cap - first + 5 * amtrac.cargo_t))
    assert after.ships["roc_lvt"] == amtrac.count  # amtracs are back the next morning


def test_transports_turn_around(new_state):
    sc = tiny()
    lst = sc.ship_class("roc_lst")
    after, _ = run_day(sc, new_state, [], [_convoy(ships=2)])
    assert after.ships["roc_lst"] == lst.count - 2
    for _ in range(lst.turnaround_days - 1):
        after, _ = run_day(sc, after)
    assert after.ships["roc_lst"] == lst.count


@pytest.mark.parametrize("night", [False, True])
@pytest.mark.parametrize("coastal", [0, 300])
def test_shore_fire_hits_and_sinks_ships_by_the_exponential_formula(night, coastal):
    sc = tiny()
    ships, cargo, rounds = 4, 800, 2000
    acc = 1 - sc.rule("morale_accuracy_weight") * (1 - sc.side("prc").morale / 100)
    weight = rounds * acc + coastal * acc * sc.rule("coastal_fire_ship_factor")
    night_factor = sc.rule("night_fire_factor") if night else 1.0
    p_hit = 1 - math.exp(-weight * sc.rule("ship_hit_per_round") * night_factor)
    sink = sc.rule("ship_sink_share")
    fire = [Fire(group="prc_guns", target="island_pier", rounds=rounds)]
    if coastal:
        fire.append(Fire(group="prc_coastal", target="island_pier", rounds=coastal))
    pier = sc.target("island_pier")
    capacity = pier.capacity_night_t if night else pier.capacity_day_t
    hit, sunk = [], []
    order = _convoy(ships=ships, cargo={"food": cargo}, night=night)
    for after, report in days(sc, fire, [order]):
        data = entry(report, "convoy")
        assert data["chance"] == round(p_hit, 3)
        hit.append(data["hit"])
        sunk.append(data["sunk_at_beach"])
        assert after.totals["ships_lost.roc"] == data["sunk_at_beach"]
        # ships not hit unload, up to the capacity the morning's fire left the pier
        integrity = min(f.data["after"] for f in report.of_kind("fire"))
        want = min((ships - data["hit"]) * cargo / ships, capacity * integrity / 100)
        assert data["landed"] == pytest.approx(want)
        t = after.totals
        assert t["tons.shipped"] == pytest.approx(
            t["tons.landed"] + t["tons.lost"] + t["tons.returned"]
        )
        assert t["tons.returned"] == 0  # nothing turns back at the beach
        # everyone hit at the beach, sunk or not, at the hit shares (men get ashore)
        aboard = sc.rule("crew_casualties_per_ship")  # tiny's LST gives no `aboard`
        assert t["killed.roc.military"] == pytest.approx(
            data["hit"] * aboard * sc.rule("hit_killed_share")
        )
        assert t["ships_damaged.roc"] == data["hit"] - data["sunk_at_beach"]
    assert_mean(hit, ships * p_hit, binomial_var(ships, p_hit), "ships hit")
    # sunk | hit ~ Binomial(hit, share): check the sinkings against the day's hits
    assert_mean(
        [s - sink * h for s, h in zip(sunk, hit, strict=True)],
        0.0,
        sum(hit) * sink * (1 - sink) / len(hit),
        "ships sunk",
    )


@pytest.mark.parametrize("land", [False, True])
def test_an_unopposed_airlift_lands_or_drops_its_cargo(new_state, land):
    sc = tiny()
    after, _ = run_day(
        sc, new_state, [], [Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 40}, land=land)]
    )
    landed = 40 * (1.0 if land else sc.rule("airdrop_recovery"))
    assert after.totals["tons.landed"] == pytest.approx(landed)
    assert after.totals["tons.lost"] == pytest.approx(40 - landed)


@pytest.mark.parametrize("escort", [0, 10])
def test_airlift_losses_follow_enemy_patrols_thinned_by_the_air_battle(escort):
    sc = tiny()
    sorties, cargo, migs = 10, 40, 30
    roc = [Airlift(air_unit="roc_c46", sorties=sorties, cargo={"food": cargo})]
    if escort:
        roc.insert(0, AirSortie(air_unit="roc_f86", sorties=escort))
    chances, lost = [], []
    for _, report in days(sc, [AirSortie(air_unit="prc_mig", sorties=migs)], roc):
        battle = report.of_kind("air_battle")
        prc_lost = battle[0].data["prc_lost"] if battle else 0
        roc_lost = battle[0].data["roc_lost"] if battle else 0
        enemy = migs - prc_lost
        cover = 1 + sc.rule("escort_cover_per_sortie") * (escort - roc_lost)
        p = min(0.9, sc.rule("transport_loss_per_patrol") * enemy / cover)
        data = entry(report, "airlift")
        assert data["chance"] == round(p, 3)
        n = data["aircraft_lost"]
        assert data["landed"] == pytest.approx(
            cargo * (sorties - n) / sorties * sc.rule("airdrop_recovery")
        )
        chances.append(p)
        lost.append(n - sorties * p)
    var = sum(sorties * p * (1 - p) for p in chances) / len(chances)
    assert_mean(lost, 0.0, var, "transports lost")
