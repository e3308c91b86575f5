"""Which of the scenario's `map:` decorations (territorial lines, fleets) the map draws on a
given day, read from what the viewing side knows.

The scenario's data says when each decoration exists (`event`, `move`, `flag`); nothing here
knows a scenario. The map passes the viewing side's `Observation` (or a `State`, which the demo
and the map tests use), so a line appears on the morning after the move or event that makes
it, as every other change the side sees does.
"""

from __future__ import annotations

from typing import Any


def decoration_on(sc: Any, deco: Any, state: Any) -> bool:
    """Whether `deco` is drawn in `state` (an `Observation` or a `State`; None: the first
    morning, before any event or move, every flag at its initial value)."""
    if state is None:
        if deco.event is not None or deco.move is not None:
            return False
        if deco.flag is not None:
            return any(f.id == deco.flag and bool(f.initial) for f in sc.flags)
        return True
    if deco.event is not None and deco.event not in state.events_fired:
        return False
    if deco.move is not None and deco.move not in state.moves_made:
        return False
    return deco.flag is None or bool(state.flags.get(deco.flag, False))


def shown_decorations(sc: Any, which: str, state: Any) -> tuple[Any, ...]:
    """The decorations of view `which` drawn in `state`, in the scenario's order."""
    if sc is None:
        return ()
    return tuple(d for d in sc.map.decorations if d.view == which and decoration_on(sc, d, state))


def regions_of(sc: Any, which: str) -> tuple[Any, ...]:
    """The scenario's names of seas and lands for view `which` (none without a `map:`)."""
    if sc is None:
        return ()
    return tuple(r for r in sc.map.regions if r.view == which)
