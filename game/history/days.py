"""The days of a game as `DayRun`s: the historical record played by the turn driver, or the
recorded days of a saved game, both through `game.engine.run`, the one play uses.

Stdlib only (no pygame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from game.ai.players import HistoryPlayer, Refusal
from game.engine.legality import IllegalOrders, today
from game.engine.report import Report
from game.engine.run import AfterResolve, play
from game.engine.state import State, new_game
from game.history.measures import measure_day
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order


@dataclass
class DayRun:
    """One resolved day: its orders, the states before and after, and the report."""

    date: dt.date
    orders: dict[str, list[Order]]
    before: State
    after: State
    report: Report
    _figures: dict[str, float] | None = None
    #: historical orders the rules refused on this day (`HistoryPlayer.refused`)
    refused: tuple[Refusal, ...] = ()

    @property
    def day(self) -> int:
        """0 for the first day."""
        return self.before.day

    def figures(self, sc: Scenario) -> dict[str, float]:
        if self._figures is None:
            self._figures = measure_day(sc, self.before, self.after, self.report, self.orders)
        return self._figures


def _days_until(sc: Scenario, until: dt.date | None) -> int:
    """Turns from the first day up to `until` (inclusive), at most the scenario's days."""
    return sc.days if until is None else max(0, min(sc.days, (until - sc.meta.start).days + 1))


def history_days(
    sc: Scenario,
    seed: int,
    *,
    until: dt.date | None = None,
    after_resolve: Sequence[AfterResolve] = (),
) -> Iterator[DayRun]:
    """The historical record played by the turn driver (`HistoryPlayer` on both sides).

    As in `game.history.replayfile.play_history`: each day both sides give the record's
    orders (an order the game no longer allows is dropped) and `resolve` decides.
    `after_resolve` hooks amend each day's outcomes (a replay that follows the record);
    without them the days are exactly the engine's.
    """
    players = {side: HistoryPlayer() for side in SIDES}
    days = _days_until(sc, until)
    for t in play(sc, new_game(sc, seed), players, days=days, after_resolve=after_resolve):
        date = today(sc, t.before)
        refused = tuple(r for side in SIDES for r in players[side].refused if r.date == date)
        yield DayRun(date, t.orders, t.before, t.after, t.report, refused=refused)


def record_days(game: Any, *, until: dt.date | None = None) -> Iterator[DayRun]:
    """The recorded days of a `game.history.game.Game`, replayed from its first day.

    A game loaded from a save that continued from its stored state (the rules changed since,
    or its orders no longer replay) has days the rules now refuse: the days stop at the first
    such day instead of raising, and the report covers the days that still replay."""
    sc = game.scenario
    n = min(len(game.record.turns), _days_until(sc, until))
    turns = game.replay_turns(n)
    while True:
        try:
            t = next(turns)
        except (StopIteration, IllegalOrders):
            return
        yield DayRun(today(sc, t.before), t.orders, t.before, t.after, t.report)
