"""What a save keeps beside the game's record (`Session.side_data`): a game loaded goes on
exactly as the game saved would have (the computer's own generator included), the morning's
planned orders come back, and a side file edited by hand never breaks a load."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.players import make_player
from game.engine.run import ask_orders
from game.engine.state import state_hash
from game.ui.session import Mode, Session, load_session, mode_file

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _human_orders(session: Session) -> list:
    """The human side's orders for the day: the historical record's, as a player might."""
    return ask_orders(session.sc, session.state, session.side, make_player("history"))


def _play(session: Session, days: int) -> list[str]:
    hashes = []
    for _ in range(days):
        for o in _human_orders(session):
            session.add(o)
        assert session.end_planning()
        session.resolve()
        hashes.append(state_hash(session.state))
    return hashes


@pytest.mark.parametrize("level", ["easy", "normal"])
def test_a_loaded_game_goes_on_as_the_saved_one_would(kinmen_1958, tmp_path, level):
    """The computer draws from a generator of its own, whose position is not in the game's
    record: a game loaded after two days went on otherwise than the one saved (a playtest
    saw 258 t landed on day 3, and 0 t after loading). The save keeps the position."""
    straight = Session.new(kinmen_1958, Mode("ai", "roc", level), 11)
    straight.autosaves = False
    saved = Session.new(kinmen_1958, Mode("ai", "roc", level), 11)
    saved.autosaves = False
    _play(straight, 2)
    _play(saved, 2)
    path = tmp_path / "two-days.json"
    assert saved.save(path) is None
    loaded = load_session(path, kinmen_1958)
    loaded.autosaves = False
    assert state_hash(loaded.state) == state_hash(straight.state)
    assert _play(loaded, 3) == _play(straight, 3)


def test_without_the_generator_the_game_would_differ(kinmen_1958, tmp_path):
    """The test above means something: a side file without the computer's generator (as
    saves before this session wrote) loads, and its game goes on otherwise."""
    straight = Session.new(kinmen_1958, Mode("ai", "roc", "normal"), 11)
    straight.autosaves = False
    saved = Session.new(kinmen_1958, Mode("ai", "roc", "normal"), 11)
    saved.autosaves = False
    _play(straight, 2)
    _play(saved, 2)
    path = tmp_path / "old.json"
    assert saved.save(path) is None
    mode_file(path).write_text(json.dumps(saved.mode.to_dict()), encoding="utf-8")
    loaded = load_session(path, kinmen_1958)
    loaded.autosaves = False
    assert loaded.mode == saved.mode
    assert _play(loaded, 3) != _play(straight, 3)


def test_the_mornings_planned_orders_come_back(kinmen_1958, tmp_path):
    session = Session.new(kinmen_1958, Mode("ai", "roc", "easy"), 4)
    session.autosaves = False
    planned = _human_orders(session)
    assert len(planned) >= 2
    for o in planned:
        assert session.add(o) is None
    path = tmp_path / "planning.json"
    assert session.save(path) is None
    loaded = load_session(path, kinmen_1958)
    assert loaded.orders("roc") == planned
    assert loaded.side == "roc" and loaded.notes == []


def test_a_hotseat_save_keeps_both_sides_plans_and_whose_turn(kinmen_1958, tmp_path):
    session = Session.new(kinmen_1958, Mode("hotseat", "roc", "normal"), 4)
    session.autosaves = False
    first = session.side
    mine = _human_orders(session)
    for o in mine:
        session.add(o)
    assert not session.end_planning()
    second = session.side
    assert second != first
    theirs = _human_orders(session)[:1]
    for o in theirs:
        session.add(o)
    path = tmp_path / "hotseat.json"
    assert session.save(path) is None
    loaded = load_session(path, kinmen_1958)
    assert loaded.orders(first) == mine and loaded.orders(second) == theirs
    assert loaded.done == {first} and loaded.side == second


def test_plans_of_another_morning_or_refused_now_are_left_out(kinmen_1958, tmp_path):
    session = Session.new(kinmen_1958, Mode("ai", "roc", "easy"), 4)
    session.autosaves = False
    for o in _human_orders(session):
        session.add(o)
    path = tmp_path / "s.json"
    assert session.save(path) is None
    data = json.loads(mode_file(path).read_text(encoding="utf-8"))
    # another day's plan: not given
    mode_file(path).write_text(json.dumps({**data, "day": 5}), encoding="utf-8")
    assert load_session(path, kinmen_1958).orders("roc") == []
    # one order the rules refuse (a convoy of ships the side does not have): the rest given
    bad = {**data["planned"]["roc"][0]}
    refused = {**data, "planned": {"roc": [bad | {"type": "nonsense"}, *data["planned"]["roc"]]}}
    mode_file(path).write_text(json.dumps(refused), encoding="utf-8")
    loaded = load_session(path, kinmen_1958)
    assert len(loaded.orders("roc")) == len(data["planned"]["roc"])
    assert loaded.notes == ["planned_dropped"]


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ai=_JSONISH,
    planned=_JSONISH | st.fixed_dictionaries({"roc": st.lists(_JSONISH, max_size=4)}),
    done=_JSONISH,
    day=st.integers(-1, 2) | _JSONISH,
)
def test_an_edited_side_file_never_breaks_a_load(kinmen_1958, tmp_path, ai, planned, done, day):
    session = Session.new(kinmen_1958, Mode("ai", "roc", "hard"), 4)
    session.autosaves = False
    path = tmp_path / "edited.json"
    assert session.save(path) is None
    data = {**session.side_data(), "ai": ai, "planned": planned, "done": done, "day": day}
    mode_file(path).write_text(json.dumps(data), encoding="utf-8")
    loaded = load_session(path, kinmen_1958)
    assert loaded.side == "roc" and loaded.mode == session.mode
    for o in loaded.orders("roc"):  # what came back is what the rules allow
        assert loaded.check(o, loaded.orders("roc").index(o)) is None
    assert loaded.done <= {"roc"}
