"""The historical record, replayed by the engine, tells the article's story."""

from __future__ import annotations

import datetime as dt
from functools import cache

from game.engine.legality import check_orders
from game.engine.resolve import resolve
from game.engine.state import new_game
from tests.builder import shipped_scenario


@cache
def played(seed: int = 1):
    sc = shipped_scenario()
    by_date = {d.date: d for d in sc.history}
    state = new_game(sc, seed)
    days = []
    while not state.over:
        date = sc.meta.start + dt.timedelta(days=state.day)
        orders = {s: list(by_date[date].orders.get(s, [])) for s in ("prc", "roc")}
        refused = {s: check_orders(sc, state, s, orders[s]) for s in orders}
        after, report = (
            resolve(sc, state, {s: o for s, o in orders.items()})
            if not any(refused.values())
            else (None, None)
        )
        days.append((date, orders, refused, state, after, report))
        if after is None:
            break
        state = after
    return sc, days


def test_every_historical_order_is_legal_on_its_day():
    _, days = played()
    bad = [(d, r) for d, _, r, *_ in days if any(r.values())]
    assert not bad, bad[:5]


def test_kinmen_holds():
    sc, days = played()
    final = days[-1][4]
    assert final is not None and final.over
    assert final.winner == "roc", final.ending
    assert days[-1][0] == sc.meta.end


def _prc_rounds(day) -> int:
    return sum(getattr(o, "rounds", 0) for o in day[1]["prc"] if o.type == "fire")


def test_no_shelling_during_the_october_halt_then_resumption():
    _, days = played()
    by = {d[0]: d for d in days}
    for n in range(6, 20):
        assert _prc_rounds(by[dt.date(1958, 10, n)]) == 0, f"PLA fired on 10-{n}"
    assert _prc_rounds(by[dt.date(1958, 10, 20)]) > 0


def test_only_odd_days_from_25_october():
    _, days = played()
    for d in days:
        if d[0] >= dt.date(1958, 10, 25) and d[0].day % 2 == 0:
            assert _prc_rounds(d) == 0, d[0]


def test_no_eight_inch_fire_before_26_september():
    sc, days = played()
    big = {g.id for g in sc.artillery if g.calibre_mm >= 203}
    assert big
    for d in days:
        fired = [o for o in d[1]["roc"] if o.type == "fire" and o.group in big]
        if d[0] < dt.date(1958, 9, 26):
            assert not fired, d[0]
    assert any(
        o.type == "fire" and o.group in big
        for d in days
        if d[0] == dt.date(1958, 9, 26)
        for o in d[1]["roc"]
    )
