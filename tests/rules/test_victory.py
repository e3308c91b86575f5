"""Phase 11, victory: an ending whose conditions hold `for_days` days in a row ends the game;
on the last day the `at_end` endings are tried in order; the score against history is 100
minus the weighted relative misses of the `score` items."""

from __future__ import annotations

import pytest

from tests.builder import run_day, start, tiny


def test_a_blockade_must_hold_for_its_days_in_a_row():
    sc = tiny()  # blockade: supply_days.food < 2 for 3 days
    food = next(k for k in sc.supply.kinds if k.id == "food")
    st = start(sc)
    st.supply["food"] = 1.5 * food.daily_use_t  # 0.5 days left tonight, then none
    streaks = []
    while not st.over:
        st, _ = run_day(sc, st)
        streaks.append(st.streaks["blockade"])
    assert streaks == [1, 2, 3]
    assert (st.ending, st.winner, st.day) == ("blockade", "prc", 3)


def test_a_broken_streak_starts_again():
    sc = tiny()
    st = start(sc)
    st.supply["food"] = 150.0
    st, _ = run_day(sc, st)
    assert st.streaks["blockade"] == 1
    st.supply["food"] = 1000.0
    st, _ = run_day(sc, st)
    assert st.streaks["blockade"] == 0 and not st.over


def test_a_one_day_ending_ends_the_game_that_day(new_state):
    sc = tiny()  # garrison_breaks: morale.roc <= 10 (checked after the day's drift)
    new_state.morale["roc"] = 10.0 - sc.rule("morale_recovery_per_day") - 0.5
    after, report = run_day(sc, new_state)
    assert (after.ending, after.winner) == ("garrison_breaks", "prc")
    assert report.of_kind("ending")[0].data["winner"] == "prc"
    with pytest.raises(Exception, match="over"):
        run_day(sc, after)


def test_the_first_ending_in_file_order_wins(new_state):
    sc = tiny()
    new_state.morale["roc"] = 0.0  # garrison_breaks holds today
    new_state.streaks["blockade"] = 2  # and the blockade reaches its third day
    new_state.supply["food"] = 0.0
    after, _ = run_day(sc, new_state)
    assert after.streaks["garrison_breaks"] == 1
    assert after.ending == "blockade"  # listed first


@pytest.mark.parametrize(
    ("food_days", "ending", "winner"), [(10, "island_holds", "roc"), (3, "stalemate", "draw")]
)
def test_at_end_endings_are_tried_in_order_on_the_last_day(food_days, ending, winner):
    sc = tiny()
    food = next(k for k in sc.supply.kinds if k.id == "food")
    st = start(sc, day=sc.days - 2)
    st.supply["food"] = (food_days + 2) * food.daily_use_t
    st, _ = run_day(sc, st)
    assert not st.over
    st, _ = run_day(sc, st)  # the last day: food_days left tonight
    assert (st.ending, st.winner) == (ending, winner)


def test_the_score_is_100_minus_the_weighted_relative_misses():
    sc = tiny()
    st = start(sc, day=sc.days - 1)
    st.totals["shells.prc"], st.totals["tons.landed"] = 30000.0, 1000.0
    st, _ = run_day(sc, st)
    want = 100.0
    for item in sc.victory.score:
        actual = st.totals[item.var]
        want -= item.weight * min(1.0, abs(actual - item.historical) / max(abs(item.historical), 1))
    assert (
        st.score
        == round(want, 2)
        == pytest.approx(100 - 50 * 20000 / 50000 - 50 * 2000 / 3000, abs=0.01)
    )
