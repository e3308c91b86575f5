"""The turn driver: one place a turn is taken, and the hook a replay of the record uses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.players import RandomPlayer
from game.engine.legality import IllegalOrders
from game.engine.report import Report
from game.engine.resolve import resolve
from game.engine.run import play, replay, take_turn
from game.engine.state import State, new_game, state_hash
from game.history.game import Game
from game.scenario.orders import Fire
from tests.builder import start, tiny

NONE: dict[str, list] = {"prc": [], "roc": []}


def landed(tons_by_day: dict[int, float]):
    """A recorded outcome: on each listed day `tons` of food landed (as a replay of the record
    would set it), whatever the engine's convoys did."""

    def hook(before: State, state: State, report: Report) -> State:
        tons = tons_by_day.get(before.day, 0.0)
        state.supply["food"] += tons
        state.totals["tons.landed"] += tons
        state.totals["tons.shipped"] += tons
        return state

    return hook


def test_recorded_tons_landed_feed_the_next_supply_morale_and_victory():
    """Food 50 t against a daily use of 100 t: the island runs short, unless the record says
    300 t landed that day; then supply, morale and victory all read the 300 t."""
    sc = tiny()
    morning = start(sc)
    morning.supply["food"] = 50.0
    plain, plain_report = take_turn(sc, morning, NONE)
    after, report = take_turn(sc, morning, NONE, after_resolve=[landed({0: 300.0})])
    # without the record: 50 - 100 -> 0 t, a shortage (-3 morale), morale recovers 1 toward 60
    assert plain.supply["food"] == 0.0
    assert [e.kind for e in plain_report.entries] == ["shortage"]
    assert plain.morale["roc"] == 58.0
    assert plain.streaks["blockade"] == 1
    # with it: 50 + 300 - 100 = 250 t, no shortage, +300/100 * 0.5 morale then -1 toward 60
    assert after.supply["food"] == 250.0
    assert after.supply["ammo"] == plain.supply["ammo"] == 1480.0
    assert after.totals["tons.landed"] == 300.0
    assert report.of_kind("shortage") == []
    assert after.morale["roc"] == 60.5
    assert after.streaks["blockade"] == 0
    # the late phases drew the same numbers: the day ends on the same generator state
    assert (after.day, after.rng) == (plain.day, plain.rng)
    assert morning.supply["food"] == 50.0 and morning.day == 0  # the morning is never changed


def test_recorded_casualties_and_guns_lost_reach_morale_and_commitment():
    sc = tiny()
    morning = start(sc)

    def losses(before: State, state: State, report: Report) -> State:
        state.totals["casualties.roc.military"] += 600.0
        state.totals["casualties.roc.civilian"] += 400.0
        state.totals["guns_lost.prc"] += 5
        return state

    plain, _ = take_turn(sc, morning, NONE)
    after, _ = take_turn(sc, morning, NONE, after_resolve=[losses])
    per_1000 = sc.rule("morale_per_1000_casualties")
    assert after.morale["roc"] == pytest.approx(
        60.0 - per_1000 + sc.rule("morale_recovery_per_day")
    )
    assert after.us_commitment == pytest.approx(
        plain.us_commitment + sc.rule("commitment_per_1000_roc_casualties")
    )
    prc_drop = 5 * sc.rule("morale_per_gun_destroyed")
    assert after.morale["prc"] == pytest.approx(70.0 - prc_drop + min(1.0, prc_drop))


def test_hooks_run_in_order_on_the_day_before_its_late_phases():
    sc = tiny()
    seen: list[tuple[str, int, int, int]] = []

    def first(before: State, state: State, report: Report) -> State:
        seen.append(("first", before.day, state.day, len(report.entries)))
        state.supply["food"] = 10.0
        return state

    def second(before: State, state: State, report: Report) -> State:
        seen.append(("second", before.day, state.day, int(state.supply["food"])))
        return state

    after, _ = take_turn(sc, start(sc, day=3), NONE, after_resolve=[first, second])
    assert seen == [("first", 3, 3, 0), ("second", 3, 3, 10)]
    assert after.day == 4 and after.supply["food"] == 0.0


def test_a_hook_may_not_move_the_day():
    def skip(before: State, state: State, report: Report) -> State:
        state.day += 1
        return state

    with pytest.raises(ValueError, match="moved the day"):
        take_turn(tiny(), start(), NONE, after_resolve=[skip])


def test_take_turn_refuses_what_resolve_refuses():
    sc = tiny()
    bad = {"prc": [Fire(group="roc_guns", target="prc_cp", rounds=10)], "roc": []}
    with pytest.raises(IllegalOrders) as driver_says:
        take_turn(sc, start(sc), bad)
    with pytest.raises(IllegalOrders) as resolve_says:
        resolve(sc, start(sc), bad)
    assert driver_says.value.problems == resolve_says.value.problems


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_no_hook_identity_hook_and_replay_agree(seed):
    """A whole random game: the driver gives `resolve`'s states; a hook that changes nothing
    gives the same states; replaying the recorded orders gives them again."""
    sc = tiny()

    def players():
        return {"prc": RandomPlayer(seed), "roc": RandomPlayer(seed + 1)}

    turns = list(play(sc, new_game(sc, seed), players()))
    assert turns and turns[-1].after.over
    by_resolve = new_game(sc, seed)
    for t in turns:
        by_resolve, _ = resolve(sc, by_resolve, t.orders)
        assert state_hash(by_resolve) == state_hash(t.after)
    same = list(play(sc, new_game(sc, seed), players(), after_resolve=[lambda b, s, r: s]))
    assert [state_hash(t.after) for t in same] == [state_hash(t.after) for t in turns]
    again = list(replay(sc, new_game(sc, seed), [t.orders for t in turns]))
    assert [state_hash(t.after) for t in again] == [state_hash(t.after) for t in turns]
    game = Game(sc, seed)
    list(game.play(players()))
    assert state_hash(game.state) == state_hash(turns[-1].after)
    assert state_hash(Game.from_record(sc, game.record).state) == state_hash(game.state)


def test_play_stops_after_days():
    sc = tiny()
    turns = list(
        play(sc, new_game(sc, 1), {"prc": RandomPlayer(1), "roc": RandomPlayer(2)}, days=3)
    )
    assert [t.before.day for t in turns] == [0, 1, 2]
