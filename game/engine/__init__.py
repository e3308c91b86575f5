"""The turn engine: pure rules, no pygame, no clock, no global random.

Public entry points: `new_game`, `resolve`, `check_orders`/`check_order`, `preview`, `view`,
`state_hash`.
"""

from game.engine.legality import IllegalOrders, check_order, check_orders
from game.engine.resolve import resolve
from game.engine.state import State, new_game, state_hash

__all__ = [
    "IllegalOrders",
    "State",
    "check_order",
    "check_orders",
    "new_game",
    "resolve",
    "state_hash",
]
