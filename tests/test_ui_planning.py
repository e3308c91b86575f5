"""Planning in the orders tab: odds through the session see only what the side sees; yesterday's
orders come back exactly when still legal; a fire plan for several batteries is legal and
shares the rounds chosen; the map draws one item per planned order."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.players import make_player
from game.engine import check_order
from game.engine.legality import check_orders
from game.engine.observe import observe
from game.engine.state import State
from game.scenario.model import SIDES
from game.scenario.orders import AirSortie, Convoy, Fire, MakeMove, Order
from game.ui.map.plans import plan_items
from game.ui.planning import batteries_in_reach, repeat, split_rounds
from game.ui.session import Mode, Session
from tests.builder import shipped_scenario, tiny
from tests.test_observe import hidden_twin, reachable


@dataclasses.dataclass
class FixedGame:
    """A game standing still on one state, with a record of one turn of given orders."""

    state: State
    seed: int = 1
    record: object = None


def _session(sc, state: State, side: str) -> Session:
    s = Session(sc, FixedGame(state), Mode("ai", side, "normal"))
    s.side = side
    return s


def _figures(s: Session, plan: list[Order]) -> dict:
    odds = s.preview(plan)
    return {
        name: {i: {k: (v.mean, v.p10, v.p90) for k, v in f.items()} for i, f in p.orders.items()}
        for name, p in (("likely", odds.likely), ("idle", odds.idle))
    }


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), days=st.integers(0, 8), k=st.integers(1, 1000))
def test_session_odds_never_read_the_true_state(seed, days, k):
    """The order panel's odds (against the likely enemy and if it does nothing) are the same
    for two states the side cannot tell apart."""
    sc = tiny()
    state = reachable(sc, seed, days, ("ai:easy", "random"))
    if state.over:
        return
    for side in SIDES:
        plan = make_player("ai:easy", seed).orders(sc, observe(sc, state, side))
        if not plan:
            continue
        twin = hidden_twin(sc, state, side, k)
        assert _figures(_session(sc, state, side), plan) == _figures(_session(sc, twin, side), plan)


def test_every_order_kind_of_the_1958_plan_has_odds_or_words():
    """Air and naval orders get figures too; a move (no dice) is the only kind without."""
    sc = shipped_scenario()
    for side in SIDES:
        state = reachable(sc, 4, 3, ("ai:easy", "ai:easy"))
        s = _session(sc, state, side)
        plan = make_player("ai:easy", 4).orders(sc, observe(sc, state, side))
        odds = s.preview(plan)
        for i, o in enumerate(plan):
            if isinstance(o, MakeMove):
                continue
            assert odds.likely.orders.get(i), (side, o)
            assert odds.idle.orders.get(i), (side, o)
        assert odds.answers >= 1 and odds.indices == tuple(range(len(plan)))


class _Record:
    def __init__(self, turns: list[dict[str, list[Order]]]) -> None:
        self.turns = turns

    def orders(self, turn: int) -> dict[str, list[Order]]:
        return self.turns[turn]


def test_repeat_yesterday_adds_exactly_the_legal_orders():
    sc = shipped_scenario()
    state = reachable(sc, 2, 2, ("ai:easy", "ai:easy"))
    side = "roc"
    obs = observe(sc, state, side)
    plan = make_player("ai:easy", 2).orders(sc, obs)
    assert plan
    # yesterday: today's legal plan, an order twice over (the second exceeds the guns or the
    # ships) and one that can never be given (a battery of the enemy)
    enemy_group = next(g.id for g in sc.artillery if g.side != side)
    target = next(t.id for t in sc.targets if t.side != side)
    bad = Fire(group=enemy_group, target=target, rounds=10)
    yesterday = [*plan, *plan, bad]
    s = _session(sc, state, side)
    s.game.record = _Record([{side: yesterday, "prc": []}])
    today = [plan[0]]
    s.planned[side] = list(today)
    dropped = s.repeat_yesterday()
    expected, expected_dropped = [], []
    for o in yesterday:
        if check_order(sc, state, side, o, [*today, *expected]) is None:
            expected.append(o)
        else:
            expected_dropped.append(o)
    assert s.orders() == [*today, *expected]
    assert [o for o, _ in dropped] == expected_dropped
    assert bad in expected_dropped and all(why.key.startswith("refuse.") for _, why in dropped)
    assert not check_orders(sc, state, side, s.orders())  # the whole list is legal
    # the helper agrees, and an empty yesterday adds nothing
    assert repeat(sc, state, side, [], []) == ([], [])


@pytest.mark.parametrize("side", SIDES)
def test_fire_plan_for_several_batteries_is_legal_and_sums(side):
    sc = shipped_scenario()
    state = reachable(sc, 5, 2, ("ai:easy", "ai:easy"))
    s = _session(sc, state, side)
    best = None
    for t in [*sc.targets, *sc.artillery]:
        if t.side == side:
            continue
        reach = batteries_in_reach(sc, state, side, t.id)
        if best is None or len(reach) > len(best[1]):
            best = (t.id, reach)
    assert best is not None and len(best[1]) >= 2, best
    target, groups = best
    for total in (1, 37, 400):
        plan = s.fire_plan(groups, target, total)
        assert sum(o.rounds for o in plan) == total
        assert all(o.target == target and o.group in groups for o in plan)
        assert not check_orders(sc, state, side, plan)
        for o in plan:
            assert s.add(o) is None
        s.planned[side] = []


def test_split_rounds_follows_capacity():
    assert split_rounds(10, [30, 10]) == [8, 2]
    assert split_rounds(100, [30, 10]) == [30, 10]  # no more than the caps allow
    assert sum(split_rounds(7, [1, 1, 1])) == 3
    assert split_rounds(5, [0, 0]) == [0, 0]


def test_planned_orders_on_the_map_one_item_per_order():
    sc = shipped_scenario()
    for side in SIDES:
        state = reachable(sc, 6, 3, ("ai:easy", "ai:easy"))
        plan = make_player("ai:easy", 6).orders(sc, observe(sc, state, side))
        items = plan_items(sc, side, plan)
        assert len(items) == len(plan)
        assert [i.number for i in items] == list(range(1, len(plan) + 1))
        for item, o in zip(items, plan, strict=True):
            if isinstance(o, MakeMove):
                assert item.points == ()
            else:
                assert len(item.points) >= 2, o  # every other kind draws a line
            if isinstance(o, Fire):
                g = next(x for x in sc.artillery if x.id == o.group)
                p = next(x for x in sc.places if x.id == g.place)
                assert item.points[0] == (p.lon, p.lat) and item.kind == "fire"
            if isinstance(o, Convoy):
                assert item.kind == "convoy" and len(item.points) >= 2
            if isinstance(o, AirSortie):
                assert item.kind == ("patrol" if o.mission == "patrol" else "recon")
