"""Invariants over random legal play (hypothesis): nothing negative, tons add up, time moves on,
and nothing but `resolve` changes a state."""

from __future__ import annotations

import contextlib
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.ai.players import RandomPlayer
from game.engine.legality import IllegalOrders, check_orders
from game.engine.observe import observe
from game.engine.preview import preview
from game.engine.resolve import resolve
from game.engine.state import State, state_hash
from game.scenario.catalogue import LATE_TOTALS
from game.scenario.orders import Fire
from tests.builder import start, tiny


def _check_invariants(s: State) -> None:
    for name, v in s.totals.items():
        assert v >= 0, name
    for k, v in s.supply.items():
        assert v >= 0, k
    for gid, g in s.groups.items():
        assert g.guns >= 0 and g.destroyed >= 0, gid
        assert g.ammo >= -1, gid
    for k, v in s.ships.items():
        assert v >= 0, k
    for k, v in s.aircraft.items():
        assert v >= 0, k
    for k, v in s.integrity.items():
        assert 0 <= v <= 100, k
    for side in ("prc", "roc"):
        assert 0 <= s.morale[side] <= 100
    assert 0 <= s.tension <= 100 and 0 <= s.us_commitment <= 100
    assert s.halt_days >= 0
    t = s.totals
    assert math.isclose(
        t["tons.shipped"], t["tons.landed"] + t["tons.lost"] + t["tons.returned"], abs_tol=1e-6
    )
    assert min(t["tons.lost"], t["tons.returned"]) >= 0
    for side in ("prc", "roc"):
        for kind in ("military", "civilian"):
            assert 0 <= t[f"killed.{side}.{kind}"] <= t[f"casualties.{side}.{kind}"] + 1e-9
        assert t[f"ships_wrecked.{side}"] <= t[f"ships_damaged.{side}"]


def _check_ships_accounted(sc, s: State) -> None:
    """Every ship of a side is in port, away (unloading or under repair), or counted lost: the
    status tab's "Sunk" total (amtracs included) and its per-class counts agree (issue 16's
    playtest asked)."""
    for side in ("prc", "roc"):
        classes = [c for c in sc.ships if c.side == side]
        short = sum(c.count - s.ships[c.id] for c in classes)
        away = sum(n for _, cls, n in s.ships_away if cls in {c.id for c in classes})
        lost = s.totals[f"ships_lost.{side}"] + s.totals[f"ships_wrecked.{side}"]
        assert short == away + lost, (side, short, away, lost)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), p1=st.integers(0, 10**6), p2=st.integers(0, 10**6))
# a convoy that unloaded a rounding error more than it shipped left tons.lost at -5.7e-14
@example(seed=0, p1=1, p2=106834)
def test_random_legal_play_keeps_invariants(seed, p1, p2):
    sc = tiny()
    state = start(sc, seed)
    players = {"prc": RandomPlayer(p1), "roc": RandomPlayer(p2)}
    while not state.over:
        orders = {s: players[s].orders(sc, observe(sc, state, s)) for s in ("prc", "roc")}
        for s in ("prc", "roc"):
            assert check_orders(sc, state, s, orders[s]) == []
        before = state_hash(state)
        nxt, _ = resolve(sc, state, orders)
        assert state_hash(state) == before  # resolve never touches its input
        assert nxt.day == state.day + 1
        _check_invariants(nxt)
        _check_ships_accounted(sc, nxt)
        state = nxt
    assert state.ending is not None and state.score is not None


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), rounds=st.integers(1, 10**7))
def test_illegal_orders_and_previews_leave_the_hash_unchanged(seed, rounds):
    sc = tiny()
    state = start(sc, seed)
    h = state_hash(state)
    order = Fire(group="prc_guns", target="island_cp", rounds=rounds)
    with contextlib.suppress(IllegalOrders):  # either way the input must be intact
        resolve(sc, state, {"prc": [order], "roc": []})
    preview(sc, state, "prc", [order], samples=3, seed=seed)
    assert state_hash(state) == h


def test_same_seed_same_game():
    sc = tiny()

    def hashes(seed):
        s = start(sc, seed)
        players = {"prc": RandomPlayer(5), "roc": RandomPlayer(6)}
        out = []
        while not s.over:
            s, _ = resolve(
                sc, s, {k: players[k].orders(sc, observe(sc, s, k)) for k in ("prc", "roc")}
            )
            out.append(state_hash(s))
        return out

    assert hashes(3) == hashes(3)
    assert hashes(3) != hashes(4)


def test_hand_written_to_dict_matches_asdict():
    """`State.to_dict` is written out for speed; it must stay what `asdict` would give."""
    from dataclasses import asdict

    sc = tiny()
    state = start(sc, 3)
    players = {"prc": RandomPlayer(1), "roc": RandomPlayer(2)}
    for _ in range(4):
        state, _ = resolve(
            sc, state, {s: players[s].orders(sc, observe(sc, state, s)) for s in players}
        )
    plain = asdict(state)
    # a total added after older saves (LATE_TOTALS) is left out while it is 0 (state.py)
    plain["totals"] = {k: v for k, v in plain["totals"].items() if v or k not in LATE_TOTALS}
    if not plain["named_ships"]:  # as are the named ships while there are none
        del plain["named_ships"]
    assert state.to_dict() == plain
    back = State.from_dict(state.to_dict())
    assert back.to_dict() == state.to_dict() and state_hash(back) == state_hash(state)


def test_ships_accounted_in_the_1958_scenario():
    """The 1958 record (convoys sunk, amtracs lost, ships repaired) and one easy AI game: every
    ship every day is in port, away or counted lost."""
    from game.ai.players import make_player
    from game.engine.run import play
    from tests.builder import shipped_scenario

    sc = shipped_scenario()
    for prc, roc in (("history", "history"), ("ai:easy", "ai:easy")):
        days = 0
        for turn in play(sc, start(sc, 3), {"prc": make_player(prc), "roc": make_player(roc)}):
            _check_ships_accounted(sc, turn.after)
            days += 1
        assert days > 30
    assert turn.after.totals["ships_lost.roc"] > 0  # the check met a sinking
