"""Replays: the recorded game comes back exactly, day by day, and can be branched from."""

from __future__ import annotations

from functools import cache

import pytest

from game.ai.players import HistoryPlayer, HoldPlayer, RandomPlayer
from game.engine.observe import observe
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.history import saves
from game.history.game import Game
from game.history.replayfile import Replay, historical_replay
from game.scenario.model import SIDES
from tests.builder import shipped_scenario, tiny


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))


kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


@cache
def recorded(seed: int = 4, every: int = 3) -> tuple[Game, tuple[str, ...], tuple[dict, ...]]:
    """A random game on tiny with the hash of every day and every turn's report as played."""
    sc = tiny()
    game = Game(sc, seed, snapshot_every=every)
    players = {"prc": RandomPlayer(seed), "roc": RandomPlayer(seed + 1)}
    hashes = [state_hash(game.state)]
    reports = []
    while not game.over:
        report = game.play_turn(
            {s: players[s].orders(sc, observe(sc, game.state, s)) for s in SIDES}
        )
        hashes.append(state_hash(game.state))
        reports.append(report.to_dict())
    return game, tuple(hashes), tuple(reports)


def loaded_replay(tmp_path, seed: int = 4) -> Replay:
    game, _, _ = recorded(seed)
    return Replay.load(saves.save_game(game, tmp_path / "replay.json"), tiny())


def test_replay_reproduces_the_recorded_game(tmp_path):
    _, hashes, reports = recorded()
    replay = loaded_replay(tmp_path)
    assert replay.day == 0 and replay.at_start and replay.last_day == len(hashes) - 1
    assert replay.hash() == hashes[0] and replay.report() is None
    for day in range(1, len(hashes)):
        report = replay.step_forward()
        assert report is not None and report.to_dict() == reports[day - 1]
        assert replay.hash() == hashes[day]
    assert replay.at_end and replay.step_forward() is None
    assert replay.state.ending is not None


@pytest.mark.parametrize("seed", [4, 11])
def test_seek_matches_playing_to_that_day(tmp_path, seed):
    _, hashes, reports = recorded(seed)
    replay = loaded_replay(tmp_path, seed)
    days = list(range(len(hashes)))
    for day in [*reversed(days), *days[::3], 0, len(hashes) - 1, 5, 5, 2]:
        replay.seek(day)
        assert replay.day == day and replay.hash() == hashes[day]
        assert (replay.report().to_dict() if day else None) == (reports[day - 1] if day else None)
    for bad in (-1, len(hashes), True, "3"):
        with pytest.raises(ValueError):
            replay.seek(bad)  # type: ignore[arg-type]


def test_seek_starts_from_the_nearest_snapshot(tmp_path, monkeypatch):
    replay = loaded_replay(tmp_path)
    game = replay.game
    assert sorted(game.snapshots) == [3, 6, 9, 12]
    calls = []
    original = game.advance
    monkeypatch.setattr(game, "advance", lambda st, *a: calls.append(st.day) or original(st, *a))
    replay.seek(11)
    assert calls == [9, 10]
    calls.clear()
    replay.seek(2)
    assert calls == [0, 1]
    calls.clear()
    replay.seek(3)
    assert calls == [2]  # one step forward from the cursor


def test_step_back_then_forward_is_consistent(tmp_path):
    _, hashes, reports = recorded()
    replay = loaded_replay(tmp_path)
    assert replay.step_back() is False
    replay.seek(replay.last_day)
    for day in range(replay.last_day, 0, -1):
        assert replay.step_back() is True
        assert replay.hash() == hashes[day - 1]
        assert replay.step_forward().to_dict() == reports[day - 1]  # type: ignore[union-attr]
        assert replay.hash() == hashes[day]
        assert replay.step_back() is True
        assert replay.hash() == hashes[day - 1]
        replay.seek(day - 1)
    assert replay.at_start


@pytest.mark.parametrize("day", [0, 4, 7, 13])
def test_branch_starts_from_that_day_and_goes_its_own_way(tmp_path, day):
    game, hashes, _ = recorded()
    replay = loaded_replay(tmp_path)
    branch = replay.branch(day)
    assert branch.day == day and state_hash(branch.state) == hashes[day]
    assert branch.record.turns == game.record.turns[:day]
    # The ROC side is taken over by a player who holds fire; the PLA keeps playing at random.
    sc = branch.scenario
    players = {"prc": RandomPlayer(99), "roc": HoldPlayer()}
    while not branch.over:
        branch.play_turn({s: players[s].orders(sc, observe(sc, branch.state, s)) for s in SIDES})
    assert branch.day > day
    assert [state_hash(branch.state_at(d)) for d in range(day + 1)] == list(hashes[: day + 1])
    assert state_hash(branch.state_at(day + 1)) != hashes[day + 1]
    # The replay it came from is unchanged, and the branch saves and loads like any game.
    assert replay.last_day == len(hashes) - 1 and replay.game.record.turns == game.record.turns
    again = saves.load_save(saves.save_game(branch, tmp_path / "branch.json"), sc)
    assert state_hash(again.state) == state_hash(branch.state)


def test_branch_at_the_cursor(tmp_path):
    _, hashes, _ = recorded()
    replay = loaded_replay(tmp_path)
    replay.seek(6)
    branch = replay.branch()
    assert branch.day == 6 and state_hash(branch.state) == hashes[6]
    branch.play_turn({})
    assert replay.day == 6 and replay.hash() == hashes[6]


def test_historical_replay_is_the_simulated_history():
    sc = tiny()
    replay = historical_replay(sc, seed=3)
    turns = list(play(sc, new_game(sc, 3), {s: HistoryPlayer() for s in SIDES}))
    assert replay.last_day == len(turns)
    assert state_hash(replay.game.state) == state_hash(turns[-1].after)
    replay.seek(1)
    assert replay.hash() == state_hash(turns[0].after)
    assert replay.orders(0) == turns[0].orders


def test_historical_replay_1958(tmp_path):
    sc = kinmen()
    replay = historical_replay(sc, seed=1)
    turns = list(play(sc, new_game(sc, 1), {s: HistoryPlayer() for s in SIDES}))
    assert replay.last_day == len(turns) >= 60
    for day in (replay.last_day, 1, 37, 14, 15):
        replay.seek(day)
        assert replay.hash() == state_hash(turns[day - 1].after)
    loaded = Replay.load(replay.save(tmp_path / "history.json"), sc)
    loaded.seek(loaded.last_day)
    assert loaded.hash() == state_hash(turns[-1].after)
