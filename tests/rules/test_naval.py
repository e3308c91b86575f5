"""Phase 5, naval: attack craft strike the largest enemy convoy; expected transports hit =
boats x attack x boat_day_factor (by day) x (1 - screen)^escorts x us_escort_exposure, and
expected escorts hit = boats x attack_escort x boat_day_factor x us_escort_exposure; of the hit
ships `ship_sink_share` (transports) or `escort_sink_share` (escorts) sink, `ship_wreck_share`
of the rest are written off, the others are out for `ship_repair_days`. Those aboard a ship sunk
at sea are killed and wounded at the `sunk_at_sea_*` shares, on any other hit ship at the
`hit_*` shares. Transports hit at sea take their cargo home (`tons.returned`); a convoy whose
escorts are hit in the share `turn_back_escorts_hit_share` turns back without unloading.
Boats are lost at boat_loss_to_convoy + escorts' defence / boats."""

from __future__ import annotations

import pytest

from game.scenario.orders import Convoy, NavalSortie
from tests.builder import replace_item, run_day, start, tiny, variant
from tests.rules.expect import assert_mean, binomial_var, days, entry

BOATS, SHIPS, CARGO = 6, 4, 800


def _convoy(**kw) -> Convoy:
    return Convoy(
        ship_class="roc_lst", ships=SHIPS, cargo={"food": CARGO}, beach="island_pier", **kw
    )


CASES = {
    "night, bare": dict(night=True),
    "day, bare": dict(night=False),
    "night, two escorts": dict(night=True, escort_class="roc_patrol", escorts=2),
    "night, US escort": dict(night=True, us_escort=True),
}


def _aboard(sc, cls_id: str) -> float:
    cls = sc.ship_class(cls_id)
    return float(cls.aboard) if cls.aboard else sc.rule("crew_casualties_per_ship")


@pytest.mark.parametrize("case", list(CASES))
def test_hits_sinkings_and_boat_losses_follow_the_formula(case):
    sc = tiny()
    kw = CASES[case]
    boat = sc.ship_class("prc_torpedo")
    escort = sc.ship_class("roc_patrol")
    escorts = kw.get("escorts", 0)
    expected = (
        BOATS
        * boat.attack
        * (1.0 if kw["night"] else sc.rule("boat_day_factor"))
        * (1 - escort.screen) ** escorts
        * (sc.rule("us_escort_exposure") if kw.get("us_escort") else 1.0)
    )
    p_hit = min(1.0, expected / SHIPS)
    p_boat = min(0.95, sc.rule("boat_loss_to_convoy") + escort.defence * escorts / BOATS)
    sink = sc.rule("ship_sink_share")
    aboard = _aboard(sc, "roc_lst")
    morning = start(sc)
    morning.flags["us_escort"] = True
    hits, sunk, boats_lost = [], [], []
    for after, report in days(
        sc, [NavalSortie(ship_class="prc_torpedo", boats=BOATS)], [_convoy(**kw)], state=morning
    ):
        data = entry(report, "naval")
        assert data["chance"] == round(p_hit, 3)
        assert data["escorts_hit"] == 0  # torpedo boats have no attack_escort in tiny
        n, damaged, lost = data["sunk"], data["damaged"], data["boats_lost"]
        hits.append(n + damaged)
        sunk.append(n)
        boats_lost.append(lost)
        # exact bookkeeping, seed by seed (no fire on the beach: nothing else is lost)
        t = after.totals
        assert t["ships_lost.roc"] == n
        assert t["ships_damaged.roc"] == damaged
        assert t["ships_lost.prc"] == lost
        killed = aboard * (
            n * sc.rule("sunk_at_sea_killed_share") + damaged * sc.rule("hit_killed_share")
        )
        wounded = aboard * (
            n * sc.rule("sunk_at_sea_wounded_share") + damaged * sc.rule("hit_wounded_share")
        )
        assert t["killed.roc.military"] == pytest.approx(killed)
        assert t["casualties.roc.military"] == pytest.approx(killed + wounded)
        crew = lost * sc.rule("boat_crew_casualties")
        assert t["casualties.prc.military"] == crew
        assert t["killed.prc.military"] == pytest.approx(crew * sc.rule("boat_crew_killed_share"))
        tension = sc.state["tension"] - sc.rule("tension_decay_per_day")
        tension += n * sc.rule("tension_per_ship_sunk")
        tension += sc.rule("tension_us_escort") if kw.get("us_escort") else 0.0
        assert after.tension == pytest.approx(tension)
        pier = sc.target("island_pier")
        capacity = pier.capacity_night_t if kw["night"] else pier.capacity_day_t
        # the ships hit at sea take their cargo home; the others unload
        assert t["tons.returned"] == pytest.approx(damaged * CARGO / SHIPS)
        assert t["tons.landed"] == pytest.approx(
            min((SHIPS - n - damaged) * CARGO / SHIPS, capacity)
        )
        assert t["tons.shipped"] == pytest.approx(
            t["tons.landed"] + t["tons.lost"] + t["tons.returned"]
        )
    assert_mean(hits, SHIPS * p_hit, binomial_var(SHIPS, p_hit), "ships hit")
    assert_mean(sunk, SHIPS * p_hit * sink, binomial_var(SHIPS, p_hit * sink), "ships sunk")
    assert_mean(boats_lost, BOATS * p_boat, binomial_var(BOATS, p_boat), "boats lost")


def test_boats_strike_the_largest_convoy_only():
    sc = tiny()
    small = Convoy(ship_class="roc_lst", ships=1, cargo={"food": 100}, beach="island_pier")
    large = Convoy(ship_class="roc_lst", ships=3, cargo={"food": 300}, beach="island_beach_south")
    struck = 0
    for _, report in days(
        sc, [NavalSortie(ship_class="prc_torpedo", boats=12)], [small, large], seeds=range(200)
    ):
        assert entry(report, "naval")["convoy"] == 1  # the second order: three ships
        assert entry(report, "convoy", order=0)["sunk_at_sea"] == 0
        struck += entry(report, "convoy", order=1)["sunk_at_sea"]
    assert struck > 0


def _gunboats(attack_escort: float, rules: dict | None = None):
    """tiny with its torpedo boats firing at escorts only (attack 0, `attack_escort`)."""
    sc = tiny()
    ships = replace_item(sc.ships, "prc_torpedo", attack=0.0, attack_escort=attack_escort)
    return variant(sc, rules=rules, ships=ships)


@pytest.mark.parametrize("escorts", [1, 2, 3])
def test_escorts_are_hit_at_the_gun_rate_and_half_hit_turns_the_convoy_back(escorts):
    sc = _gunboats(0.2, rules={"escort_sink_share": 0.25})
    boats = 5
    p = min(1.0, boats * 0.2 / escorts)
    share = sc.rule("turn_back_escorts_hit_share")
    aboard = _aboard(sc, "roc_patrol")
    hit, sunk, back = [], [], 0
    order = _convoy(night=True, escort_class="roc_patrol", escorts=escorts)
    for after, report in days(sc, [NavalSortie(ship_class="prc_torpedo", boats=boats)], [order]):
        data = entry(report, "naval")
        assert data["escort_chance"] == round(p, 3)
        assert data["sunk"] == data["damaged"] == 0  # no attack on the transports
        n, n_sunk = data["escorts_hit"], data["escorts_sunk"]
        hit.append(n)
        sunk.append(n_sunk)
        turned = n > 0 and n >= share * escorts
        assert data["turned_back"] is turned
        convoy = entry(report, "convoy")
        t = after.totals
        assert t["ships_lost.roc"] == n_sunk
        assert t["ships_damaged.roc"] == n - n_sunk
        assert t["killed.roc.military"] == pytest.approx(
            aboard
            * (
                n_sunk * sc.rule("sunk_at_sea_killed_share")
                + (n - n_sunk) * sc.rule("hit_killed_share")
            )
        )
        if turned:
            back += 1
            # nothing lands; the whole cargo comes back, none of it lost
            assert convoy["landed"] == 0 and t["tons.landed"] == 0
            assert t["tons.returned"] == CARGO and t["tons.lost"] == 0
            assert after.supply["food"] == start(sc).supply["food"] - sc.supply.kinds[0].daily_use_t
        else:
            assert t["tons.returned"] == 0 and t["tons.landed"] > 0
        # escorts not hit are home (one-day turnaround); hit ones are gone or in repair
        assert after.ships["roc_patrol"] == sc.ship_class("roc_patrol").count - n
    assert_mean(hit, escorts * p, binomial_var(escorts, p), "escorts hit")
    q = 0.25
    assert_mean(
        [s - q * h for s, h in zip(sunk, hit, strict=True)], 0.0, sum(hit) * q * (1 - q) / len(hit)
    )
    assert back > 0


def test_a_convoy_is_never_turned_back_by_hits_on_its_transports():
    sc = tiny()  # torpedo boats: attack only
    order = _convoy(night=True, escort_class="roc_patrol", escorts=2)
    for _, report in days(
        sc, [NavalSortie(ship_class="prc_torpedo", boats=12)], [order], seeds=range(100)
    ):
        assert entry(report, "naval")["turned_back"] is False


def test_wrecked_ships_are_gone_and_damaged_ships_return_after_the_repair_time():
    sc = variant(
        tiny(), rules={"ship_sink_share": 0.0, "ship_wreck_share": 0.5, "ship_repair_days": 5}
    )
    lst = sc.ship_class("roc_lst")
    wrecked, damaged = [], []
    for after, report in days(
        sc,
        [NavalSortie(ship_class="prc_torpedo", boats=12)],
        [_convoy(night=True)],
        seeds=range(300),
    ):
        n = entry(report, "naval")["damaged"]
        w = after.totals["ships_wrecked.roc"]
        wrecked.append(w)
        damaged.append(n)
        assert after.totals["ships_damaged.roc"] == n  # written-off ships count as damaged
        # the repaired ones are back after ship_repair_days; the others after turnaround
        st = after
        for _ in range(5 - 1):
            st, _ = run_day(sc, st)
        assert st.ships["roc_lst"] == lst.count - w
    hits = sum(damaged)
    assert hits > 0
    assert_mean(
        [w - 0.5 * d for w, d in zip(wrecked, damaged, strict=True)], 0.0, hits * 0.25 / 300
    )


def test_named_ships_sail_first_and_meet_the_worst_fates_first():
    """The ships the record names are a convoy's first ships and the first to be hit: the
    killed and wounded aboard each are kept by id."""
    sc = variant(tiny(), rules={"ship_sink_share": 1.0})
    names = [
        {"id": "first", "name": {"en": "First", "zh": "一號"}},
        {"id": "second", "name": {"en": "Second", "zh": "二號"}},
    ]
    from game.scenario.model import NamedShip, Text

    named = [NamedShip(id=n["id"], name=Text(**n["name"])) for n in names]
    sc = variant(sc, ships=replace_item(sc.ships, "roc_lst", named_ships=named, aboard=100))
    morning = start(sc)
    assert list(morning.named_ships) == ["first", "second"]
    seen_one = False
    for after, report in days(
        sc, [NavalSortie(ship_class="prc_torpedo", boats=6)], [_convoy(night=True)], state=morning
    ):
        n = entry(report, "naval")["sunk"]
        first, second = after.named_ships["first"], after.named_ships["second"]
        assert [first["fate"], second["fate"]] == (["sunk"] * min(n, 2) + ["afloat"] * 2)[:2]
        for rec, i in ((first, 0), (second, 1)):
            if i < n:
                assert rec["killed"] == pytest.approx(100 * sc.rule("sunk_at_sea_killed_share"))
                assert rec["wounded"] == pytest.approx(100 * sc.rule("sunk_at_sea_wounded_share"))
            else:
                assert rec["killed"] == rec["wounded"] == 0
                # afloat, at sea until the turnaround is over
                assert rec["until"] == morning.day + sc.ship_class("roc_lst").turnaround_days
        seen_one = seen_one or n == 1
    assert seen_one


@pytest.mark.parametrize("declared", [False, True])
def test_us_escorts_raise_more_tension_inside_declared_waters(declared):
    """The roles' `declared_waters` flag (the 12-mile declaration in 1958) adds
    `tension_us_escort_declared_waters` to each US-escorted convoy of the other side."""
    from game.scenario.model import FlagRole

    sc = tiny()
    sc = variant(
        sc,
        roles=__import__("dataclasses").replace(
            sc.roles, declared_waters=FlagRole(flag="twelve_mile", side="prc")
        ),
    )
    morning = start(sc)
    morning.flags["us_escort"] = True
    morning.flags["twelve_mile"] = declared
    after, _ = run_day(sc, morning, [], [_convoy(night=True, us_escort=True)])
    want = sc.state["tension"] - sc.rule("tension_decay_per_day") + sc.rule("tension_us_escort")
    if declared:
        want += sc.rule("tension_us_escort_declared_waters")
    assert after.tension == pytest.approx(want)
