"""Play a game turn by turn with any players: the one loop simulate, bench and tests share."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from game.engine.observe import observe
from game.engine.report import Report
from game.engine.resolve import resolve
from game.engine.state import State
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order


@dataclass
class Turn:
    orders: dict[str, list[Order]]
    before: State
    after: State
    report: Report


def play(sc: Scenario, state: State, players: Mapping[str, object]) -> Iterator[Turn]:
    """Yield each turn until the game ends; players see the state before the turn."""
    while not state.over:
        orders: dict[str, list[Order]] = {
            side: players[side].orders(sc, observe(sc, state, side))  # type: ignore[attr-defined]
            for side in SIDES
        }
        after, report = resolve(sc, state, orders)
        yield Turn(orders, state, after, report)
        state = after
