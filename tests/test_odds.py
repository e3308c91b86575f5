"""Odds against the likely enemy (`game.ai.odds`): previews a player can trust.

The calibration test plays 100 seeds of the 1958 scenario to a day between the first and the
twelfth (easy AI on both sides), lets one side give the orders the easy AI would, previews
them against the normal AI's likely answers from that side's observation, then resolves the
real day with the enemy played by the normal AI from its own observation. For the main figure
of each order kind (hits, tons landed, ships or aircraft lost...), the resolved figure must
fall inside the previewed 10th-90th percentile range (inclusive) in at least 75% of cases.
"""

from __future__ import annotations

import multiprocessing
import os
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.odds import likely_enemy, odds
from game.ai.players import make_player
from game.ai.search import SearchAI
from game.engine.observe import observe
from game.engine.preview import MAIN, _figures
from game.engine.resolve import resolve
from game.engine.state import State, new_game
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Scenario, other
from game.scenario.orders import AirSortie, Order
from tests.builder import tiny
from tests.test_observe import hidden_twin, reachable

#: 100 seeds give about 1,000 cases (1,030 on 7 December 2026: 85% inside; the kind nearest
#: the bar, counter-battery fire, 214/261 = 82%). That keeps the test's power: were a kind's
#: true coverage 70%, 5 points under the bar, 261 cases would show 75% or more with
#: probability under 5% (binomial sd 2.8 points: 1.8 sd), all ~1,000 cases together under
#: 0.1% (3.5 sd). 200 seeds (2,070 cases, the same 85%) took twice the time for a margin the
#: bar does not need; the order kinds are all there, each with at least 32 cases.
SEEDS = range(1, 101)
#: share of cases whose resolved figure lies in the previewed 10-90% range
BAR = 0.75
#: an order kind is judged on its own once it has this many cases
MIN_CASES = 15


@cache
def _sc() -> Scenario:
    return load_scenario(Path(__file__).resolve().parent.parent / "scenarios" / "kinmen_1958.yaml")


def _kind(order: Order, kinds: list[str]) -> str | None:
    if isinstance(order, AirSortie) and order.mission == "patrol":
        return "patrol"
    return kinds[0] if kinds else None


def _case(seed: int) -> list[tuple[str, bool]]:
    """(order kind, resolved figure inside the previewed 10-90% range) for one seed's orders."""
    sc = _sc()
    state = reachable(sc, seed, seed % 12, ("ai:easy", "ai:easy"))
    if state.over:
        return []
    side = SIDES[seed % 2]
    obs = observe(sc, state, side)
    plan = make_player("ai:easy", seed).orders(sc, obs)
    if not plan:
        return []
    pv = odds(sc, obs, plan, likely_enemy(sc, obs, seed=seed), seed=seed)
    enemy = SearchAI("normal", seed + 777).orders(sc, observe(sc, state, other(side)))
    after, report = resolve(sc, state, {side: plan, other(side): enemy})
    real = _figures(sc, side, plan, after, report)
    out = []
    for i, order in enumerate(plan):
        kinds = [e.kind for e in report.entries if e.side == side and e.data.get("order") == i]
        kind = _kind(order, kinds)
        figure = MAIN.get(kind or "")
        stat = pv.orders.get(i, {}).get(figure or "")
        value = real.get(i, {}).get(figure or "")
        if kind is None or stat is None or value is None:
            continue
        out.append((kind, stat.p10 - 1e-9 <= value <= stat.p90 + 1e-9))
    return out


@cache
def _coverage() -> dict[str, tuple[int, int]]:
    """The seeds' cases tallied by order kind. The seeds are independent games, so they are
    shared out among forked workers, one per core (up to 4): the suite runs on one core, and
    this test is its longest. A forked worker starts from this process's memory, and a
    seed's cases depend on nothing but the seed, so the tally is one process's (the game's
    tournaments share out games the same way, tests/test_ai.py checks they agree)."""
    _sc()  # loaded before the fork: the workers inherit it
    jobs = max(1, min(4, os.cpu_count() or 1))
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():  # Windows: here
        cases = [_case(seed) for seed in SEEDS]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            cases = pool.map(_case, SEEDS, chunksize=1)
    tally: dict[str, tuple[int, int]] = {}
    for seed_cases in cases:
        for kind, inside in seed_cases:
            hit, total = tally.get(kind, (0, 0))
            tally[kind] = (hit + inside, total + 1)
    return tally


def test_previews_against_the_likely_enemy_cover_what_happens():
    tally = _coverage()
    table = {k: f"{h}/{n} ({h / n:.0%})" for k, (h, n) in sorted(tally.items())}
    hit = sum(h for h, _ in tally.values())
    total = sum(n for _, n in tally.values())
    assert total >= 400, table
    assert hit / total >= BAR, table
    for kind, (h, n) in tally.items():
        if n >= MIN_CASES:
            assert h / n >= BAR, (kind, table)
    # every order kind the easy AI gives in these games is covered: fire, counter-battery,
    # convoys, airlifts, naval sorties, air patrols
    assert {"fire", "counter_battery", "convoy", "airlift", "naval", "patrol"} <= set(tally)


def _odds_figures(sc: Scenario, state: State, side: str, plan: list[Order], seed: int) -> dict:
    obs = observe(sc, state, side)
    pv = odds(sc, obs, plan, likely_enemy(sc, obs, answers=2, seed=seed), samples=12, seed=seed)
    return {i: {k: (s.mean, s.p10, s.p90) for k, s in f.items()} for i, f in pv.orders.items()}


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), days=st.integers(0, 10), k=st.integers(1, 1000))
def test_the_odds_see_only_what_the_side_sees(seed, days, k):
    """The leak test covers the previews: states that differ only in what a side cannot see
    give that side the same odds."""
    sc = tiny()
    state = reachable(sc, seed, days, ("ai:easy", "random"))
    if state.over:
        return
    for side in SIDES:
        plan = make_player("ai:easy", seed).orders(sc, observe(sc, state, side))
        twin = hidden_twin(sc, state, side, k)
        assert _odds_figures(sc, state, side, plan, seed) == _odds_figures(
            sc, twin, side, plan, seed
        )


def test_odds_are_a_function_of_the_observation_and_the_seed():
    sc = _sc()
    state = new_game(sc, 3)
    obs = observe(sc, state, "roc")
    plan = make_player("ai:easy", 3).orders(sc, obs)
    a = odds(sc, obs, plan, likely_enemy(sc, obs, answers=2, seed=9), samples=10, seed=9)
    b = odds(sc, obs, plan, likely_enemy(sc, obs, answers=2, seed=9), samples=10, seed=9)
    assert a == b


def test_a_firing_battery_sees_its_exposure_and_losses():
    """Fire orders carry their costs: guns lost to the enemy's counter-battery fire that day
    and whether the battery is left spotted."""
    sc = _sc()
    state = new_game(sc, 5)
    obs = observe(sc, state, "prc")
    plan = make_player("ai:easy", 5).orders(sc, obs)
    pv = odds(sc, obs, plan, likely_enemy(sc, obs, answers=2, seed=5), samples=10, seed=5)
    fires = [i for i, o in enumerate(plan) if type(o).__name__ == "Fire"]
    assert fires
    for i in fires:
        assert {"hits", "guns_lost", "exposed"} <= set(pv.orders[i])
        assert 0.0 <= pv.orders[i]["exposed"].mean <= 1.0
