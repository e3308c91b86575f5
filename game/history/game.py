"""A game as its record: scenario, seed and each turn's orders, plus the state they lead to.

The rules are pure and deterministic, so a `GameRecord` (scenario id and rules hash, seed,
and the orders both sides gave each turn) is the whole game; every state is recomputed from
it through the turn driver (`game.engine.run`), the same path interactive play, `simulate` and
the tests use. A `Game` keeps the current state and, every `snapshot_every` turns, a snapshot
(`state.to_dict()`), so `state_at(day)` replays at most `snapshot_every - 1` turns instead of
the whole game.

Days count turns: `state_at(0)` is the morning of the first day, `state_at(n)` the state after
`n` turns, and `record.turns[n]` the orders that lead from day `n` to day `n + 1`.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.legality import IllegalOrders
from game.engine.report import Msg, Report
from game.engine.run import AfterResolve, Player, Turn, play, take_turn
from game.engine.state import State, new_game, rules_sha256
from game.history.record import FollowRecord
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order, order_from_dict

#: how often a game keeps a snapshot of its state, in turns
SNAPSHOT_EVERY = 10

#: the orders of one turn as plain data: {"prc": [order dicts], "roc": [order dicts]}
TurnOrders = dict[str, list[dict[str, Any]]]


def plain(data: Any) -> Any:
    """A deep copy through JSON: exactly what a save stores and gives back (no NaN allowed)."""
    return json.loads(json.dumps(data, allow_nan=False))


@dataclass
class GameRecord:
    """Everything that decides a game: scenario (by id and rules hash), seed, orders.

    `rules_sha256` is `rules_sha256(scenario)`: what the rules read, so a record survives a
    fixed translation or citation in the scenario, and not a changed number.
    """

    scenario_id: str
    rules_sha256: str
    seed: int
    turns: list[TurnOrders] = field(default_factory=list)
    #: a game taken over from the replay that follows the record: the record it followed
    #: (`game.history.record.Choice`) and for how many turns; its first `follow_days` turns
    #: replay with that record's outcomes applied, as the replay showed them
    follow: str | None = None
    follow_days: int = 0

    def orders(self, turn: int) -> dict[str, list[Order]]:
        """The orders of turn `turn` (from day `turn` to `turn + 1`) as order objects."""
        t = self.turns[turn]
        return {side: [order_from_dict(d) for d in t.get(side, [])] for side in SIDES}

    def truncated(self, days: int, *, follow: bool = False) -> GameRecord:
        """A copy holding only the first `days` turns. A game that goes its own way from
        there follows the record no further; with `follow`, a game that replays the rest of
        this record (a save checked from a snapshot) still does."""
        kept = self.follow_days if follow else min(self.follow_days, days)
        return GameRecord(
            self.scenario_id,
            self.rules_sha256,
            self.seed,
            plain(self.turns[:days]),
            self.follow,
            kept,
        )

    def to_dict(self) -> dict[str, Any]:
        out = {
            "scenario_id": self.scenario_id,
            "rules_sha256": self.rules_sha256,
            "seed": self.seed,
            "turns": plain(self.turns),
        }
        if self.follow is not None:
            out["follow"] = {"record": self.follow, "days": self.follow_days}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GameRecord:
        follow = data.get("follow") or {}
        return cls(
            data["scenario_id"],
            data["rules_sha256"],
            data["seed"],
            plain(data["turns"]),
            follow.get("record"),
            int(follow.get("days", 0)),
        )


def _record_orders(orders_by_side: Mapping[str, Sequence[Order | Mapping[str, Any]]]) -> TurnOrders:
    """Orders (objects or dicts) as the plain dicts a record keeps; refuses unknown sides."""
    unknown = set(orders_by_side) - set(SIDES)
    if unknown:
        raise ValueError(f"orders for unknown sides {sorted(unknown)} (sides are {SIDES})")
    turn: TurnOrders = {}
    problems: list[tuple[str, int, Msg | str]] = []
    for side in SIDES:
        turn[side] = []
        for i, o in enumerate(orders_by_side.get(side, ())):
            try:
                d = o.to_dict() if isinstance(o, Order) else dict(o)
                turn[side].append(plain(d))
                order_from_dict(turn[side][-1])
            except (TypeError, ValueError) as exc:
                problems.append((side, i, f"cannot be recorded: {exc}"))
    if problems:
        raise IllegalOrders(problems)
    return turn


@dataclass(frozen=True)
class LoadNotice:
    """What a player should be told about a save just loaded; the UI and the CLI show it.

    `kind` is "old_format" (an older save format, converted in memory), "older_scenario"
    (the scenario has changed since; the game goes on with the copy the save carries) or
    "older_rules" (the orders no longer replay to the saved state; the game goes on from the
    saved state). `text` is the English sentence, for a UI without its own wording.
    """

    kind: str
    text: str


class Game:
    """A scenario, the record of the turns played so far, and the state they lead to.

    `state` is the current state; treat it as read-only (use `state_at` for a copy).
    """

    def __init__(
        self, scenario: Scenario, seed: int = 1, *, snapshot_every: int = SNAPSHOT_EVERY
    ) -> None:
        if snapshot_every < 1:
            raise ValueError("snapshot_every must be at least 1")
        self.scenario = scenario
        self.record = GameRecord(scenario.id, rules_sha256(scenario), seed, [])
        self.snapshot_every = snapshot_every
        self._state = new_game(scenario, seed)
        #: day -> state.to_dict(), never changed once taken
        self._snapshots: dict[int, dict[str, Any]] = {}
        self.last_report: Report | None = None
        #: set by loading a save (`game.history.saves`): what the player should be told
        self.notices: list[LoadNotice] = []

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def from_record(
        cls,
        scenario: Scenario,
        record: GameRecord,
        *,
        snapshot_every: int = SNAPSHOT_EVERY,
        on_turn: Callable[[int, State], None] | None = None,
    ) -> Game:
        """Replay `record` from the first day; `on_turn(day, state)` sees each day reached.

        Raises ValueError when the record is for another scenario (id or rules), and
        whatever the engine raises (`IllegalOrders`) when a recorded turn cannot be replayed.
        """
        _check_same_scenario(scenario, record)
        game = cls(scenario, record.seed, snapshot_every=snapshot_every)
        game.record.follow, game.record.follow_days = record.follow, record.follow_days
        game.extend(record.turns, on_turn=on_turn)
        return game

    @classmethod
    def taken_over(
        cls, scenario: Scenario, seed: int, follow: str, turns: Iterable[TurnOrders]
    ) -> Game:
        """A game taken over from the replay that follows `follow`'s record: `turns` (the
        record's orders up to the day taken over) replay with its outcomes applied, and the
        game goes on from there under the rules alone."""
        recorded = [plain(t) for t in turns]
        game = cls(scenario, seed)
        game.record.follow, game.record.follow_days = follow, len(recorded)
        game.extend(recorded)
        return game

    @classmethod
    def assemble(
        cls,
        scenario: Scenario,
        record: GameRecord,
        state: State,
        snapshots: Mapping[int, dict[str, Any]],
        *,
        snapshot_every: int = SNAPSHOT_EVERY,
    ) -> Game:
        """A game from parts already known to agree (a branch, or a save checked on loading)."""
        _check_same_scenario(scenario, record)
        if state.day != len(record.turns):
            raise ValueError(f"state is on day {state.day}, record has {len(record.turns)} turns")
        game = cls(scenario, record.seed, snapshot_every=snapshot_every)
        game.record = record
        game._state = state
        game._snapshots = {d: s for d, s in snapshots.items() if 0 < d <= state.day}
        return game

    # -- playing -------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def day(self) -> int:
        """Turns played so far (the state's day index)."""
        return self._state.day

    @property
    def over(self) -> bool:
        return self._state.over

    @property
    def seed(self) -> int:
        return self.record.seed

    @property
    def snapshots(self) -> Mapping[int, dict[str, Any]]:
        """day -> `state.to_dict()` kept every `snapshot_every` turns (read-only)."""
        return dict(self._snapshots)

    def play_turn(
        self, orders_by_side: Mapping[str, Sequence[Order | Mapping[str, Any]]]
    ) -> Report:
        """Resolve one turn with these orders (objects or their dicts) and record it.

        The orders resolved are the ones rebuilt from the recorded dicts, so replaying the
        record gives this exact turn. Raises `IllegalOrders` (nothing recorded) if refused.
        """
        turn = _record_orders(orders_by_side)
        orders = {side: [order_from_dict(d) for d in turn[side]] for side in SIDES}
        new_state, report = take_turn(
            self.scenario, self._state, orders, after_resolve=self.hooks(self._state.day)
        )
        self._append(turn, new_state, report)
        return report

    def play(self, players: Mapping[str, Player], *, days: int | None = None) -> Iterator[Turn]:
        """Play on with `players` (the driver's `play`), recording each turn as it is taken,
        until the game ends or `days` turns from the first day have been played."""
        for turn in play(self.scenario, self._state, players, days=days):
            self._append(_record_orders(turn.orders), turn.after, turn.report)
            yield turn

    def extend(
        self,
        turns: Iterable[TurnOrders],
        *,
        on_turn: Callable[[int, State], None] | None = None,
    ) -> None:
        """Play recorded turns (plain dicts) on from the current state; `on_turn(day, state)`
        sees each day reached. Raises what the engine raises for a turn it refuses."""
        recorded = [plain(t) for t in turns]
        for t in recorded:
            orders = {side: [order_from_dict(d) for d in t.get(side, [])] for side in SIDES}
            after, report = take_turn(
                self.scenario, self._state, orders, after_resolve=self.hooks(self._state.day)
            )
            self._append(t, after, report)
            if on_turn is not None:
                on_turn(self.day, self._state)

    def hooks(self, day: int) -> list[AfterResolve]:
        """The `after_resolve` hooks of the turn from day `day`: the followed record's
        outcomes for the turns taken over from the replay, none after."""
        if self.record.follow is None or day >= self.record.follow_days:
            return []
        return [FollowRecord(self.scenario, self.record.follow)]

    def replay_turns(self, n: int) -> Iterator[Turn]:
        """The first `n` recorded turns replayed from the first day, as the driver's `Turn`s
        (with the followed record's outcomes where the game took over from the replay)."""
        state = self.state_at(0)
        for i in range(n):
            orders = self.record.orders(i)
            after, report = take_turn(self.scenario, state, orders, after_resolve=self.hooks(i))
            yield Turn(orders, state, after, report)
            state = after

    def advance(
        self, state: State, record: GameRecord | None = None, turn: int | None = None
    ) -> tuple[State, Report]:
        """Replay recorded turn `turn` (default `state.day`) from `state`; `state` is kept."""
        record = record or self.record
        turn = state.day if turn is None else turn
        return take_turn(
            self.scenario, state, record.orders(turn), after_resolve=self.hooks(state.day)
        )

    def _append(self, turn: TurnOrders, state: State, report: Report) -> None:
        self._state = state
        self.record.turns.append(turn)
        self.last_report = report
        self._keep_snapshot()

    def _keep_snapshot(self) -> None:
        day = self._state.day
        if day % self.snapshot_every == 0:
            self._snapshots[day] = self._state.to_dict()

    # -- looking back --------------------------------------------------------------------------

    def nearest_snapshot(self, day: int) -> tuple[int, State]:
        """The latest kept state on or before `day` (day 0 is always known), as a copy."""
        self._check_day(day)
        days = sorted(self._snapshots)
        i = bisect_right(days, day)
        if i == 0:
            return 0, new_game(self.scenario, self.record.seed)
        d = days[i - 1]
        return d, State.from_dict(self._snapshots[d]).clone()

    def state_at(self, day: int) -> State:
        """A copy of the state after `day` turns, replayed from the nearest snapshot."""
        self._check_day(day)
        if day == self.day:
            return self._state.clone()
        _, state = self.nearest_snapshot(day)
        while state.day < day:
            state, _ = self.advance(state)
        return state

    def branch(self, day: int) -> Game:
        """A new game that shares this one's first `day` turns and goes its own way after."""
        state = self.state_at(day)
        snaps = {d: s for d, s in self._snapshots.items() if d <= day}
        return Game.assemble(
            self.scenario,
            self.record.truncated(day),
            state,
            snaps,
            snapshot_every=self.snapshot_every,
        )

    def _check_day(self, day: int) -> None:
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= self.day:
            raise ValueError(f"day must be between 0 and {self.day}, not {day!r}")


def _check_same_scenario(scenario: Scenario, record: GameRecord) -> None:
    if record.scenario_id != scenario.id:
        raise ValueError(f"record is for scenario '{record.scenario_id}', not '{scenario.id}'")
    if record.rules_sha256 != rules_sha256(scenario):
        raise ValueError(
            f"record was made with another version of scenario '{scenario.id}' (other rules)"
        )
