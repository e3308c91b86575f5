"""Phase 5, naval: attack craft strike the largest enemy convoy; expected ships sunk =
boats x attack x boat_day_factor (by day) x (1 - screen)^escorts x us_escort_exposure;
boats are lost at boat_loss_to_convoy + escorts' defence / boats."""

from __future__ import annotations

import pytest

from game.scenario.orders import Convoy, NavalSortie
from tests.builder import start, tiny
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


@pytest.mark.parametrize("case", list(CASES))
def test_sinkings_and_boat_losses_follow_the_formula(case):
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
    p_sink = min(1.0, expected / SHIPS)
    p_boat = min(0.95, sc.rule("boat_loss_to_convoy") + escort.defence * escorts / BOATS)
    morning = start(sc)
    morning.flags["us_escort"] = True
    sunk, boats_lost = [], []
    for after, report in days(
        sc, [NavalSortie(ship_class="prc_torpedo", boats=BOATS)], [_convoy(**kw)], state=morning
    ):
        data = entry(report, "naval")
        assert data["chance"] == round(p_sink, 3)
        n, lost = data["sunk"], data["boats_lost"]
        sunk.append(n)
        boats_lost.append(lost)
        # exact bookkeeping, seed by seed (no fire on the beach: nothing else is lost)
        assert after.totals["ships_lost.roc"] == n
        assert after.totals["ships_lost.prc"] == lost
        assert after.totals["casualties.roc.military"] == n * sc.rule("crew_casualties_per_ship")
        assert after.totals["casualties.prc.military"] == lost * sc.rule("boat_crew_casualties")
        tension = sc.state["tension"] - sc.rule("tension_decay_per_day")
        tension += n * sc.rule("tension_per_ship_sunk")
        tension += sc.rule("tension_us_escort") if kw.get("us_escort") else 0.0
        assert after.tension == pytest.approx(tension)
        pier = sc.target("island_pier")
        capacity = pier.capacity_night_t if kw["night"] else pier.capacity_day_t
        assert after.totals["tons.landed"] == pytest.approx(
            min((SHIPS - n) * CARGO / SHIPS, capacity)
        )
    assert_mean(sunk, SHIPS * p_sink, binomial_var(SHIPS, p_sink), "ships sunk")
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
