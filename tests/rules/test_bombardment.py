"""Phase 6, bombardment and counter-battery: hits ~ Binomial(rounds, p x accuracy); hits x
shell weight take integrity (`hardness_kg` per point), destroy guns (`protection_kg` per gun),
silence batteries, cause casualties, may fell commanders, reveal the battery and add tension."""

from __future__ import annotations

import math

import pytest

from game.scenario.orders import Fire
from tests.builder import run_day, start, tiny, variant
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
