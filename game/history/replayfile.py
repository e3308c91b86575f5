"""Replays: a save of a finished or unfinished game, watched day by day.

A replay file is an ordinary save (see `game.history.saves`); `Replay` wraps the loaded `Game`
without changing it and keeps a cursor on one day. Stepping forward replays one recorded turn
from the cursor; stepping back and seeking start from the nearest snapshot at or before the
day wanted, never from the first day. `branch(day)` hands over a new `Game` holding the first
`day` turns, to be played on with different orders by either side.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from game.ai.players import HistoryPlayer
from game.engine.observe import observe
from game.engine.report import Report
from game.engine.state import State, state_hash
from game.history.game import SNAPSHOT_EVERY, Game
from game.history.saves import load_save, save_game
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order


class Replay:
    """A recorded game and a cursor on one of its days (0 to `last_day`)."""

    def __init__(self, game: Game, day: int = 0) -> None:
        self.game = game
        self._day = day
        self._state = game.state_at(day)
        self._report: Report | None = None
        self._report_day = -1

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        scenario: Scenario,
        *,
        verify: Literal["full", "fast"] = "full",
    ) -> Replay:
        """Open a save as a replay at its first day; raises `SaveError` like `load_save`."""
        return cls(load_save(path, scenario, verify=verify))

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        return save_game(self.game, path)

    # -- where the cursor is -------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def day(self) -> int:
        return self._day

    @property
    def last_day(self) -> int:
        return self.game.day

    @property
    def state(self) -> State:
        """The state at the cursor (read-only)."""
        return self._state

    def hash(self) -> str:
        return state_hash(self._state)

    @property
    def at_start(self) -> bool:
        return self._day == 0

    @property
    def at_end(self) -> bool:
        return self._day == self.last_day

    def orders(self, day: int | None = None) -> dict[str, list[Order]]:
        """The orders given on `day` (default: the cursor), which lead to `day + 1`."""
        day = self._day if day is None else day
        if not 0 <= day < self.last_day:
            raise ValueError(f"no orders recorded for day {day} (0 to {self.last_day - 1})")
        return self.game.record.orders(day)

    def report(self) -> Report | None:
        """What happened in the turn that led to the cursor's day; None on the first day."""
        if self._day == 0:
            return None
        if self._report_day != self._day:
            before = self.game.state_at(self._day - 1)
            _, self._report = self.game.advance(before)
            self._report_day = self._day
        return self._report

    # -- moving --------------------------------------------------------------------------------

    def step_forward(self) -> Report | None:
        """Replay the next recorded turn; its report, or None when already at the end."""
        if self.at_end:
            return None
        self._state, self._report = self.game.advance(self._state)
        self._day += 1
        self._report_day = self._day
        return self._report

    def step_back(self) -> bool:
        """Go back one day (from the nearest snapshot); False when already at the start."""
        if self.at_start:
            return False
        self.seek(self._day - 1)
        return True

    def seek(self, day: int) -> State:
        """Put the cursor on `day`, replaying from the nearest snapshot; the state there."""
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= self.last_day:
            raise ValueError(f"day must be between 0 and {self.last_day}, not {day!r}")
        if day == self._day + 1:
            self.step_forward()
        elif day != self._day:
            self._state = self.game.state_at(day)
            self._day = day
        return self._state

    def branch(self, day: int | None = None) -> Game:
        """A new game of the first `day` turns (default: the cursor) to play on from there.

        Either side (or both) may then be played by a person or an AI: the game takes both
        sides' orders each turn, whoever gives them. This replay is not changed.
        """
        return self.game.branch(self._day if day is None else day)


def play_history(
    scenario: Scenario, seed: int = 1, *, snapshot_every: int = SNAPSHOT_EVERY
) -> Game:
    """The scenario played to its end with its historical record on both sides."""
    game = Game(scenario, seed, snapshot_every=snapshot_every)
    players = {side: HistoryPlayer() for side in SIDES}
    limit = (scenario.meta.end - scenario.meta.start).days + 1
    while not game.over and game.day < limit:
        game.play_turn(
            {
                side: players[side].orders(scenario, observe(scenario, game.state, side))
                for side in SIDES
            }
        )
    return game


def historical_replay(scenario: Scenario, seed: int = 1) -> Replay:
    """The replay of the scenario's historical record (`HistoryPlayer` on both sides)."""
    return Replay(play_history(scenario, seed))


__all__ = ["Replay", "historical_replay", "play_history"]
