"""Phase 6, bombardment and counter-battery: hits ~ Binomial(rounds, p x accuracy); hits x
shell weight take integrity (`hardness_kg` per point), destroy guns (`protection_kg` per gun),
silence batteries, cause casualties, may fell commanders, reveal the battery and add tension."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from game.engine.geo import distance_km
from game.history.measures import measure_day
from game.scenario.model import SIDES, CommanderRecord
from game.scenario.orders import Fire
from tests.builder import replace_item, run_day, shipped_scenario, start, tiny, variant
from tests.rules.expect import (
    SEEDS,
    assert_count,
    assert_mean,
    assert_sum_of_chances,
    binomial_var,
    days,
    drift,
    entry,
)

ROUNDS = 1000
KINDS = ("military", "civilian")


def _accuracy(sc, morale: float, post: float = 100.0, lost: float = 0.0) -> float:
    """docs/rules.md: low morale, a damaged command post and fallen commanders cut accuracy."""
    m = 1 - sc.rule("morale_accuracy_weight") * (1 - morale / 100)
    cp = 1 - sc.rule("command_post_accuracy_weight") * (1 - post / 100)
    return m * cp * (1 - lost)


@pytest.mark.parametrize("target", ["island_airfield", "island_town", "island_cp"])
def test_hits_integrity_and_repair_follow_the_formula(target):
    sc = tiny()
    t, g = sc.target(target), sc.group("prc_guns")
    p = sc.rule(f"hit_chance_{t.kind}") * _accuracy(sc, sc.side("prc").morale)
    hits = []
    for after, report in days(sc, [Fire(group="prc_guns", target=target, rounds=ROUNDS)]):
        data = entry(report, "fire")
        n = data["hits"]
        hits.append(n)
        assert data["kg"] == pytest.approx(n * g.shell_kg)
        assert data["after"] == pytest.approx(max(0.0, 100 - n * g.shell_kg / t.hardness_kg))
        # the evening's repair comes after the fire
        assert after.integrity[target] == pytest.approx(
            min(100.0, data["after"] + t.repair_per_day)
        )
    assert_mean(hits, ROUNDS * p, binomial_var(ROUNDS, p), f"hits on {target}")


def test_accuracy_falls_with_morale_command_post_and_commanders():
    sc = tiny()
    morning = start(sc)
    morning.morale["prc"], morning.integrity["prc_cp"], morning.fire_control_loss["prc"] = (
        40.0,
        50.0,
        0.1,
    )
    p = sc.rule("hit_chance_airfield") * _accuracy(sc, 40.0, 50.0, 0.1)  # 0.05 x 0.76 x 0.85 x 0.9
    fire = [Fire(group="prc_guns", target="island_airfield", rounds=ROUNDS)]
    hits = [entry(rep, "fire")["hits"] for _, rep in days(sc, fire, state=morning)]
    assert_mean(hits, ROUNDS * p, binomial_var(ROUNDS, p), "hits at reduced accuracy")


def test_casualties_follow_the_tons_that_hit_and_towns_lose_civilians():
    sc = tiny()
    per_t = sc.rule("casualties_per_t_military")
    share = sc.rule("civilian_share_town")
    lam, total, civilians = [], [], []
    for after, report in days(sc, [Fire(group="prc_guns", target="island_town", rounds=ROUNDS)]):
        kg = entry(report, "fire")["kg"]
        lam.append(kg / 1000 * per_t)  # Poisson mean of the day's casualties
        mil, civ = after.totals["casualties.roc.military"], after.totals["casualties.roc.civilian"]
        total.append(mil + civ)
        civilians.append(civ)
    n = len(total)
    # given each day's hits, the total is Poisson(lam): mean and variance both sum(lam)
    assert_mean([t - m for t, m in zip(total, lam, strict=True)], 0.0, sum(lam) / n, "casualties")
    # given the total, civilians are Binomial(total, civilian_share_town)
    assert_mean(
        [c - share * t for c, t in zip(civilians, total, strict=True)],
        0.0,
        sum(total) * share * (1 - share) / n,
        "civilians",
    )


@pytest.mark.parametrize("spotted", [True, False])
def test_counter_battery_destroys_guns_by_protection_and_needs_spotting(spotted):
    sc = tiny()
    morning = start(sc)
    morning.groups["prc_guns"].spotted_until = 0 if spotted else -1
    rounds = 1200
    p = sc.rule("hit_chance_battery") * _accuracy(sc, sc.side("roc").morale)
    p *= 1.0 if spotted else sc.rule("unspotted_factor")
    g, target = sc.group("roc_guns"), sc.group("prc_guns")
    hits, destroyed, expected = [], [], []
    for after, report in days(
        sc, [], [Fire(group="roc_guns", target="prc_guns", rounds=rounds)], state=morning
    ):
        data = entry(report, "counter_battery")
        x = data["hits"] * g.shell_kg / target.protection_kg  # guns' worth of hits
        assert data["destroyed"] in (math.floor(x), math.ceil(x))
        assert after.totals["guns_lost.prc"] == data["destroyed"]
        hits.append(data["hits"])
        destroyed.append(data["destroyed"])
        expected.append(x)
    assert_mean(hits, rounds * p, binomial_var(rounds, p), "counter-battery hits")
    # rounding at random keeps the expectation: mean destroyed = mean guns' worth of hits
    assert_mean(
        [d - x for d, x in zip(destroyed, expected, strict=True)],
        0.0,
        0.25,
        "guns destroyed",
    )


def test_a_battery_hit_with_enough_shell_weight_is_silenced_next_day():
    sc = variant(rules={"suppression_kg_per_gun": 10})
    g, target = sc.group("roc_guns"), sc.group("prc_guns")
    silenced = 0
    for after, report in days(
        sc, [], [Fire(group="roc_guns", target="prc_guns", rounds=600)], seeds=range(300)
    ):
        data = entry(report, "counter_battery")
        want = data["hits"] * g.shell_kg >= sc.rule("suppression_kg_per_gun") * target.guns
        assert data["silenced"] == want
        assert after.groups["prc_guns"].suppressed == (sc.rule("suppression_factor") if want else 0)
        silenced += want
    assert 0 < silenced < 300


def test_firing_reveals_the_battery_at_its_rate():
    sc = tiny()
    rounds = 3000  # a high chance, so a rate 10% off is many standard errors away
    p = rounds / 1000 * sc.rule("fire_reveal_per_1000_rounds")
    fire = [Fire(group="prc_guns", target="island_airfield", rounds=rounds)]
    last = int(sc.rule("spot_days")) - 1
    revealed = [after.groups["prc_guns"].spotted_until for after, _ in days(sc, fire)]
    assert set(revealed) <= {-1, last}
    assert_count(revealed.count(last), len(SEEDS), p, "batteries revealed")
    big = [Fire(group="prc_guns", target="island_airfield", rounds=4000)]  # chance capped at 1
    assert all(
        a.groups["prc_guns"].spotted_until == last for a, _ in days(sc, big, seeds=range(20))
    )


def test_rounds_add_tension_and_use_ammunition(new_state):
    sc = tiny()
    prc, roc = 3000, 600
    after, _ = run_day(
        sc,
        new_state,
        [Fire(group="prc_guns", target="island_airfield", rounds=prc)],
        [Fire(group="roc_guns", target="prc_guns", rounds=roc)],
    )
    per = sc.rule("tension_per_10000_rounds") / 10000
    assert after.tension == pytest.approx(
        sc.state["tension"] - sc.rule("tension_decay_per_day") + (prc + roc) * per
    )
    g = sc.group("prc_guns")  # its own dump, refilled in the evening
    assert after.groups["prc_guns"].ammo == g.ammo - prc + g.ammo_per_day
    shell_t = roc * sc.group("roc_guns").shell_kg / 1000  # ROC guns draw on the ammo supply
    ammo = next(k for k in sc.supply.kinds if k.id == "ammo")
    assert after.supply["ammo"] == pytest.approx(
        ammo.stock_t - shell_t * sc.rule("ammo_t_per_t_shell") - ammo.daily_use_t
    )
    assert (after.totals["shells.prc"], after.totals["shells.roc"]) == (prc, roc)


def test_command_post_hits_fell_commanders_at_their_rate():
    sc = tiny()
    chances, fallen, killed = [], 0, 0
    fire = [Fire(group="prc_guns", target="island_cp", rounds=4000)]  # chances near 0.6
    for after, report in days(sc, fire):
        data = entry(report, "fire")
        chances.append(
            min(1.0, sc.rule("commander_hit_per_integrity") * (data["before"] - data["after"]))
        )
        fate = after.commanders["deputy"]
        fallen += fate != "ok"
        killed += fate == "killed"
    assert_sum_of_chances(fallen, chances, "commanders hit")
    assert_count(killed, fallen, sc.rule("commander_kill_share"), "killed among those hit")


def test_a_fallen_commander_costs_accuracy_and_morale_exactly(new_state):
    sc = variant(rules={"commander_hit_per_integrity": 1.0, "commander_kill_share": 1.0})
    after, report = run_day(
        sc, new_state, [Fire(group="prc_guns", target="island_cp", rounds=4000)]
    )
    assert after.commanders["deputy"] == "killed" and after.totals["commanders_lost.roc"] == 1
    loss = sc.rule("commander_accuracy_loss")
    assert after.fire_control_loss["roc"] == pytest.approx(
        loss - loss / sc.rule("commander_recovery_days")
    )
    casualties = after.totals["casualties.roc.military"] + after.totals["casualties.roc.civilian"]
    morale = sc.side("roc").morale - sc.rule("commander_morale_loss")
    morale -= casualties / 1000 * sc.rule("morale_per_1000_casualties")
    want = drift(morale, sc.side("roc").morale, sc.rule("morale_recovery_per_day"))
    assert after.morale["roc"] == pytest.approx(want)
    assert [e.data["fate"] for e in report.of_kind("commander")] == ["killed"]


# -- killed and wounded, civilians at the batteries, counter-bombardments, named men (issue 15)


def test_killed_are_a_binomial_share_of_the_days_casualties():
    """docs/rules.md: of the day's bombardment casualties of each side and kind,
    Binomial(n, killed_share_bombardment) are killed; casualties.* still count both."""
    sc = variant(rules={"killed_share_bombardment": 0.3})  # tiny, like old saves, kills no one
    share = sc.rule("killed_share_bombardment")
    fire = [Fire(group="prc_guns", target="island_town", rounds=ROUNDS)]
    for kind in ("military", "civilian"):
        gaps, var = [], 0.0
        for after, _ in days(sc, fire):
            n = after.totals[f"casualties.roc.{kind}"]
            k = after.totals[f"killed.roc.{kind}"]
            assert 0 <= k <= n and k == int(k)
            gaps.append(k - share * n)
            var += n * share * (1 - share)
        assert_mean(gaps, 0.0, var / len(gaps), f"killed among {kind} casualties")


def test_a_mission_without_casualties_kills_no_one(new_state):
    sc = variant(rules={"casualties_per_t_military": 0.0, "killed_share_bombardment": 1.0})
    after, _ = run_day(sc, new_state, [Fire(group="prc_guns", target="island_cp", rounds=500)])
    assert all(after.totals[f"killed.{s}.{k}"] == 0 for s in SIDES for k in KINDS)


def _villages(sc, ratio: float):
    """tiny with `ratio` militia and villagers hit per soldier at the mainland battery."""
    return variant(sc, places=replace_item(sc.places, "mainland", civilians_per_soldier=ratio))


def test_counter_battery_fire_hits_the_villagers_at_the_battery_too():
    """Fire landing at a place with `civilians_per_soldier` r adds Poisson(r x the soldiers'
    mean) civilians on top of the soldiers, whose law stays as it was."""
    ratio = 0.5
    sc = _villages(tiny(), ratio)
    per_t = sc.rule("casualties_per_t_military")
    morning = start(sc)
    morning.groups["prc_guns"].spotted_until = 0
    fire = [Fire(group="roc_guns", target="prc_guns", rounds=1200)]
    mil_gap, civ_gap, lam_sum = [], [], 0.0
    for after, report in days(sc, [], fire, state=morning):
        data = entry(report, "counter_battery")
        lam = data["kg"] / 1000 * per_t
        lam_sum += lam
        assert after.totals["casualties.prc.military"] == data["military"]
        assert after.totals["casualties.prc.civilian"] == data["civilian"]
        mil_gap.append(data["military"] - lam)
        civ_gap.append(data["civilian"] - ratio * lam)
    n = len(mil_gap)
    assert_mean(mil_gap, 0.0, lam_sum / n, "soldiers")
    assert_mean(civ_gap, 0.0, ratio * lam_sum / n, "militia and villagers")


def test_no_villagers_no_civilians_from_counter_battery_fire():
    sc = tiny()  # the mainland battery's place has no civilians_per_soldier
    fire = [Fire(group="roc_guns", target="prc_guns", rounds=1200)]
    assert all(
        a.totals["casualties.prc.civilian"] == 0 for a, _ in days(sc, [], fire, seeds=range(50))
    )


@pytest.mark.parametrize(
    ("orders", "least", "count"),
    [
        # one place's batteries: the day's rounds there are summed over groups and orders
        ([("roc_guns", "prc_guns", 600)], 500, 1),
        ([("roc_guns", "prc_guns", 400)], 500, 0),
        ([("roc_guns", "prc_guns", 300), ("roc_guns", "prc_coastal", 300)], 500, 1),
        ([("roc_guns", "prc_guns", 300), ("roc_8inch", "prc_coastal", 200)], 500, 1),
        ([("roc_guns", "prc_guns", 300), ("roc_guns", "prc_coastal", 300)], 601, 0),
        # fire at a command post is not fire on the batteries
        ([("roc_guns", "prc_cp", 1000)], 500, 0),
    ],
)
def test_counter_bombardments_count_places_whose_batteries_got_enough_rounds(orders, least, count):
    sc = variant(rules={"counter_bombardment_min_rounds": least})
    morning = start(sc, day=10)  # the 8-inch guns have arrived
    roc = [Fire(group=g, target=t, rounds=r) for g, t, r in orders]
    after, report = run_day(sc, morning, [], roc)
    got = measure_day(sc, morning, after, report, {"prc": [], "roc": roc})
    assert (got["counter_bombardments.roc"], got["counter_bombardments.prc"]) == (count, 0)
    assert after.totals["shells.roc"] == sum(r for *_, r in orders)


def _commander(sc, **changes):
    return variant(sc, commanders=replace_item(sc.commanders, "deputy", **changes))


def test_a_commanders_exposure_scales_his_chance_of_being_hit():
    exposure = 0.5
    sc = _commander(tiny(), exposure=exposure)
    chances, fallen = [], 0
    fire = [Fire(group="prc_guns", target="island_cp", rounds=4000)]
    for after, report in days(sc, fire):
        data = entry(report, "fire")
        lost = data["before"] - data["after"]
        chances.append(min(1.0, sc.rule("commander_hit_per_integrity") * lost * exposure))
        fallen += after.commanders["deputy"] != "ok"
    assert_sum_of_chances(fallen, chances, "commanders hit at half exposure")


@pytest.mark.parametrize("kill_share", [0.0, 1.0])
def test_a_commanders_own_kill_share_decides_his_fate(new_state, kill_share):
    sc = variant(
        _commander(tiny(), kill_share=kill_share), rules={"commander_hit_per_integrity": 1.0}
    )
    after, _ = run_day(sc, new_state, [Fire(group="prc_guns", target="island_cp", rounds=4000)])
    assert after.commanders["deputy"] == ("killed" if kill_share else "wounded")


def test_a_visitor_who_has_left_cannot_be_hit(new_state):
    sc = variant(
        _commander(tiny(), at_post_until=dt.date(1958, 8, 23)),
        rules={"commander_hit_per_integrity": 1.0},
    )
    fire = [Fire(group="prc_guns", target="island_cp", rounds=4000)]
    second = start(sc, day=1)  # 24 August: he has gone home
    after, report = run_day(sc, second, fire)
    assert after.commanders["deputy"] == "ok" and not report.of_kind("commander")
    after, _ = run_day(sc, new_state, fire)  # 23 August: he is there
    assert after.commanders["deputy"] != "ok"


@pytest.mark.parametrize(
    ("fate", "record", "killed", "wounded"),
    [
        ("killed", ("1958-08-23", "killed"), 1, 0),
        ("wounded", ("1958-08-23", "wounded"), 0, 1),
        ("killed", ("1958-08-23", "wounded"), 0, 0),  # the right man, the wrong fate
        ("wounded", ("1958-08-24", "wounded"), 0, 0),  # the right fate, another day
        ("killed", None, 0, 0),  # a man the record does not name as hit
    ],
)
def test_named_men_are_measured_by_person_and_fate(new_state, fate, record, killed, wounded):
    rec = CommanderRecord(date=dt.date.fromisoformat(record[0]), fate=record[1]) if record else None
    sc = variant(
        _commander(tiny(), record=rec, kill_share=1.0 if fate == "killed" else 0.0),
        rules={"commander_hit_per_integrity": 1.0},
    )
    orders = {"prc": [Fire(group="prc_guns", target="island_cp", rounds=4000)], "roc": []}
    after, report = run_day(sc, new_state, orders["prc"])
    assert after.commanders["deputy"] == fate
    got = measure_day(sc, new_state, after, report, orders)
    assert (got["named_killed.roc"], got["named_wounded.roc"]) == (killed, wounded)
    assert got["commanders_hit.roc"] == 1


def test_eight_inch_guns_destroyed_are_measured_apart(new_state):
    """guns_lost.roc.8inch counts the destroyed guns of ROC groups of 203 mm and more."""
    sc = variant(rules={"hit_chance_battery": 1.0})
    morning = start(sc, day=10)
    morning.groups["roc_8inch"].spotted_until = 10
    morning.groups["roc_guns"].spotted_until = 10
    orders = {
        "prc": [
            Fire(group="prc_guns", target="roc_8inch", rounds=100),  # 4,360 kg: 2.9 guns
            Fire(group="prc_guns", target="roc_guns", rounds=100),
        ],
        "roc": [],
    }
    after, report = run_day(sc, morning, orders["prc"])
    got = measure_day(sc, morning, after, report, orders)
    eight = entry(report, "counter_battery", target="roc_8inch")["destroyed"]
    other = entry(report, "counter_battery", target="roc_guns")["destroyed"]
    assert eight in (2, 3) and other > 0
    assert got["guns_lost.roc.8inch"] == eight
    assert got["guns_lost.roc"] == eight + other


def test_every_shipped_battery_reaches_an_enemy_target():
    """The Aotou 105 mm howitzers stood 11.4 km from Guningtou with an 11.2 km range until
    the Aotou place moved onto the shore the article says was fortified (issue 15)."""
    sc = shipped_scenario()
    for g in sc.artillery:
        here = sc.place(g.place)
        places = [sc.place(t.place) for t in sc.targets if t.side != g.side]
        places += [sc.place(o.place) for o in sc.artillery if o.side != g.side]
        nearest = min(distance_km(here.lon, here.lat, p.lon, p.lat) for p in places)
        assert nearest <= g.range_km, (g.id, round(nearest, 2))
