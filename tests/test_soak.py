"""Long soaks, run on demand (`python -m pytest -m slow`): many whole random games on both
scenarios keep the invariants, and the rule checks hold over ten times more seeds."""

from __future__ import annotations

import pytest

from game.ai.players import RandomPlayer
from game.engine.resolve import resolve
from game.engine.state import new_game
from game.scenario.orders import Fire
from tests.builder import shipped_scenario, tiny
from tests.rules.expect import assert_mean, binomial_var, days, entry
from tests.test_engine_properties import _check_invariants

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("which", ["tiny", "kinmen_1958"])
def test_many_random_games_keep_the_invariants(which):
    sc = tiny() if which == "tiny" else shipped_scenario()
    for seed in range(1000 if which == "tiny" else 100):
        state = new_game(sc, seed)
        players = {"prc": RandomPlayer(seed), "roc": RandomPlayer(seed + 10_000)}
        while not state.over:
            orders = {s: players[s].orders(sc, state, s) for s in ("prc", "roc")}
            state, _ = resolve(sc, state, orders)
            _check_invariants(state)


def test_hit_chance_over_twenty_thousand_seeds():
    sc = tiny()
    acc = 1 - sc.rule("morale_accuracy_weight") * (1 - sc.side("prc").morale / 100)
    p = sc.rule("hit_chance_airfield") * acc
    fire = [Fire(group="prc_guns", target="island_airfield", rounds=1000)]
    hits = [entry(rep, "fire")["hits"] for _, rep in days(sc, fire, seeds=range(20_000))]
    assert_mean(hits, 1000 * p, binomial_var(1000, p), "hits")
