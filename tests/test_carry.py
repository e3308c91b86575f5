"""Going on from today with a new version of the scenario (`game.history.carry`, issue 19).

A mod of the 1958 scenario, a few days played by the historical orders; the new version gives
a battery more guns and makes command posts easy to hit. The carried-over game keeps today's
state with the guns moved by the change, carries the new rules hash, resolves its next turn
under the new version, and its save loads and goes on. A new version without a battery the
game holds does not fit, and says which.
"""

from __future__ import annotations

import pytest

from game.ai.players import make_player
from game.engine.run import ask_orders, take_turn
from game.engine.state import rules_sha256, state_hash
from game.history import saves
from game.history.carry import CarryError, carried_state, carry_over, carry_problem
from game.history.embedded import state_problem
from game.history.game import Game
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES
from game.words.render import render
from tests.test_mods_folder import derived

GROUP = "prc_dadeng_152"


def _mod(folder, extra=""):
    path = folder / "carry_mod.yaml"
    path.write_text(derived("carry_mod", "Carry mod") + extra, encoding="utf-8")
    return load_scenario(path)


@pytest.fixture
def versions(tmp_path):
    old = _mod(tmp_path)
    guns = old.group(GROUP).guns
    new = _mod(
        tmp_path,
        f"artillery:\n  - {{id: {GROUP}, guns: {guns + 20}, "
        "assumption: {guns: a what-if with more guns}}\n"
        "rules:\n  hit_chance_command_post: {value: 0.5, assumption: a what-if with deadly fire}\n",
    )
    return old, new


def _played(sc, days=4):
    game = Game(sc, 3)
    players = {side: make_player("history") for side in SIDES}
    for _ in game.play(players, days=days):
        pass
    return game, players


def test_today_goes_on_under_the_new_version(versions):
    old, new = versions
    game, players = _played(old)
    before = game.state.clone()
    carried = carry_over(game, new)
    assert game.state.to_dict() == before.to_dict()  # the old game is untouched
    st = carried.state
    assert carried.scenario is new and st.day == game.day == 4
    assert st.scenario_sha256 == rules_sha256(new) == carried.record.rules_sha256
    assert st.scenario_sha256 != before.scenario_sha256
    assert carried.record.turns == game.record.turns
    # the guns moved by the change; every other number as it was today
    assert st.groups[GROUP].guns == before.groups[GROUP].guns + 20
    assert st.groups[GROUP].destroyed == before.groups[GROUP].destroyed
    assert st.rng == before.rng and st.totals == before.totals and st.supply == before.supply
    assert state_problem(st.to_dict(), new, 3, 4) is None
    # the next turn resolves with the new numbers: the new scenario and the moved guns
    orders = {s: ask_orders(new, st, s, players[s]) for s in SIDES}
    expected, _ = take_turn(new, st.clone(), orders)
    carried.play_turn(orders)
    assert state_hash(carried.state) == state_hash(expected)
    under_old, _ = take_turn(old, before.clone(), orders)
    assert state_hash(carried.state) != state_hash(under_old)
    assert carried.state.scenario_sha256 == rules_sha256(new)


def test_its_save_loads_and_goes_on(versions, tmp_path):
    old, new = versions
    game, players = _played(old, days=3)
    carried = carry_over(game, new)
    for _ in carried.play(players, days=5):
        pass
    assert carried.day == 5
    path = saves.save_game(carried, tmp_path / "carried.json")
    # replayed from the first day, the old orders under the new rules need not reach today:
    # the game goes on from its stored state, and says so
    full = saves.load_save(path, new)
    assert state_hash(full.state) == state_hash(carried.state)
    assert [n.kind for n in full.notices] == ["older_rules"]
    # from the snapshot of the day it was carried over, the replay is exact
    fast = saves.load_save(path, new, verify="fast")
    assert state_hash(fast.state) == state_hash(carried.state) and fast.notices == []
    # and it goes on
    for loaded in (full, fast):
        for _ in loaded.play(players, days=6):
            pass
        assert loaded.day == 6 and loaded.state.scenario_sha256 == rules_sha256(new)
    assert state_hash(full.state) == state_hash(fast.state)


def test_a_removed_battery_in_the_game_does_not_fit(versions, tmp_path):
    old, _ = versions
    new = _mod(tmp_path, f"artillery:\n  - {{id: {GROUP}, remove: true}}\n")
    game, _ = _played(old, days=2)
    why = carry_problem(game, new)
    assert why is not None and why.key == "carry.removed_group"
    with pytest.raises(CarryError) as err:
        carry_over(game, new)
    assert err.value.why == why
    name = old.group(GROUP).name
    for lang, text in (("en", name.en), ("zh-Hant", name.zh)):
        line = render(why, lang, old)
        assert text in line and GROUP not in line


def test_an_unchanged_version_carries_today_as_it_is(versions):
    old, _ = versions
    game, _ = _played(old, days=2)
    data, why = carried_state(old, old, game.state)
    assert why is None and data == game.state.to_dict()
