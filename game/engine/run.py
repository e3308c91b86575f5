"""The turn driver: the one place a turn of a game is taken.

Play, `simulate`, tournaments, benches, replay files, the historical replay, the save's replay
check and `Game.from_record` all take their turns here, so they cannot drift apart:

- `ask_orders` is the only call that asks a player for its orders;
- `take_turn(sc, state, orders)` checks both sides' orders and resolves the day, returning
  `(new state, report)`; `state` is never changed;
- `play` asks players turn after turn, `replay` feeds recorded orders; both yield `Turn`s.

`after_resolve` hooks let a replay that follows the historical record set the day's recorded
outcomes (tons landed, casualties, ships lost...): each hook is `hook(before, state, report) ->
state`, called once the day's outcome phases have run, on a copy of the state as they left it;
the phases that depend on the outcomes (`LATE_PHASES`: supply, morale, victory) then run on the
state the hooks return. Without hooks a turn is exactly `resolve`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from game.engine.legality import IllegalOrders, check_orders
from game.engine.observe import Observation, observe
from game.engine.report import Report
from game.engine.resolve import LATE_PHASES, resolve_amended, resolve_checked
from game.engine.state import State
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order

__all__ = [
    "LATE_PHASES",
    "AfterResolve",
    "Orders",
    "Player",
    "Turn",
    "ask_all",
    "ask_orders",
    "play",
    "replay",
    "take_turn",
]

#: both sides' orders for one turn
Orders = Mapping[str, Sequence[Order]]


class Player(Protocol):
    """Anything that gives a side's orders for a day (AI levels, history, random, a person)."""

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]: ...


class AfterResolve(Protocol):
    """Changes the day's outcomes before `LATE_PHASES` read them: (morning, state, report) ->
    the state to go on with. It gets a copy it may change and return."""

    def __call__(self, before: State, state: State, report: Report) -> State: ...


@dataclass
class Turn:
    orders: dict[str, list[Order]]
    before: State
    after: State
    report: Report


def ask_orders(sc: Scenario, state: State, side: str, player: Player) -> list[Order]:
    """The one call that asks a player for its orders: it sees only its side's observation."""
    return list(player.orders(sc, observe(sc, state, side)))


def ask_all(sc: Scenario, state: State, players: Mapping[str, Player]) -> dict[str, list[Order]]:
    """Both sides' orders for the day, asked in the fixed order of `SIDES`."""
    return {side: ask_orders(sc, state, side, players[side]) for side in SIDES}


def take_turn(
    sc: Scenario, state: State, orders: Orders, *, after_resolve: Sequence[AfterResolve] = ()
) -> tuple[State, Report]:
    """Check both sides' orders and resolve the day: `(new state, report)`.

    Raises `IllegalOrders` (listing every refused order of both sides) before anything is
    resolved, and when the game is already over.
    """
    problems = [
        (side, i, why)
        for side in SIDES
        for i, why in check_orders(sc, state, side, orders.get(side, ()))
    ]
    if problems:
        raise IllegalOrders(problems)
    if not after_resolve:
        return resolve_checked(sc, state, orders)

    def amend(mid: State, report: Report) -> State:
        for hook in after_resolve:
            mid = hook(state, mid, report)
        return mid

    return resolve_amended(sc, state, orders, amend)


def play(
    sc: Scenario,
    state: State,
    players: Mapping[str, Player],
    *,
    days: int | None = None,
    after_resolve: Sequence[AfterResolve] = (),
) -> Iterator[Turn]:
    """Each turn until the game ends (or `days` turns from the first day have been played);
    players are asked on the state before the turn."""
    while not state.over and (days is None or state.day < days):
        orders = ask_all(sc, state, players)
        after, report = take_turn(sc, state, orders, after_resolve=after_resolve)
        yield Turn(orders, state, after, report)
        state = after


def replay(
    sc: Scenario,
    state: State,
    turns: Iterable[Orders],
    *,
    after_resolve: Sequence[AfterResolve] = (),
) -> Iterator[Turn]:
    """Recorded orders, one turn each, from `state`: the turns they lead to."""
    for orders in turns:
        after, report = take_turn(sc, state, orders, after_resolve=after_resolve)
        yield Turn({side: list(orders.get(side, ())) for side in SIDES}, state, after, report)
        state = after
