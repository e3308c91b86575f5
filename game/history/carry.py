"""Going on from today with a new version of the scenario (F5 in a game, issue 19 part 4).

A modder edits the scenario while a game runs and wants to see the edit at work without
playing the first days again. `carry_over(game, new)` gives the game that goes on from
today's state under `new`, or says in a `Msg` why today's state does not fit it.

Today's state is adapted, not replayed:
- what the rules read from the scenario (hit chances, ranges, rules, triggers) simply takes
  effect from the next turn;
- a starting number that changed (a battery's guns or ammunition, a supply stock, a ship
  class's or air unit's count, a side's morale, tension, US commitment) moves today's number by
  the same amount (never below zero; morale, tension and US commitment within 0-100): 30 guns
  made 50 give a battery that has lost 5 guns 45. A flag still at its old starting value takes
  the new one;
- what the new version adds (a battery, a target, a ship class, a commander, an ending) joins
  the game as a new game of the new version would have it;
- what it removes must not be in today's state (a battery, target, ship class, air unit,
  commander, supply kind, flag or ending it still holds; an event already fired; a move made;
  ships at sea of a removed class): such a state does not fit, and the player is told which.

The game's record stays honest: it carries the new scenario's rules hash, and today's state
(relabelled with that hash) is kept as a snapshot, so a save made later replays exactly from
there. Its earlier orders were played under the old version, so replaying them from the first
day under the new one need not reach today: loading such a save goes on from its stored state
with the "older rules" notice (`game.history.saves`), as any save that no longer replays.
"""

from __future__ import annotations

from typing import Any

from game.engine.report import Msg, msg
from game.engine.state import State, new_game, rules_sha256
from game.history.embedded import state_problem
from game.history.game import Game, GameRecord, plain
from game.scenario.checks import variable_bounds
from game.scenario.model import Scenario

#: state tables keyed by a scenario's ids: table -> the render figure that names one of its ids
#: (`game.words.render.IDS`), for the player's words when the id was removed
TABLES = {
    "groups": "group",
    "integrity": "target",
    "supply": "kinds",
    "ships": "cls",
    "aircraft": "unit",
    "commanders": "commander",
    "flags": "flag",
    "streaks": "ending",
}
#: state tables whose numbers move with the scenario's starting number, and their bounds
COUNTS = {"supply": (0.0, None), "ships": (0, None), "aircraft": (0.0, None)}


class CarryError(ValueError):
    """Today's state does not fit the new version; `why` is a `Msg` for the player."""

    def __init__(self, why: Msg) -> None:
        super().__init__(str(why))
        self.why = why


def carry_over(game: Game, new: Scenario) -> Game:
    """The game going on from today under `new`; `CarryError` when today's state does not fit.

    The old game is left as it was (the player may still choose it)."""
    data, why = carried_state(game.scenario, new, game.state)
    if why is not None or data is None:
        raise CarryError(why or msg("carry.other", why="-"))
    state = State.from_dict(data)
    old = game.record
    record = GameRecord(
        new.id, rules_sha256(new), old.seed, plain(old.turns), old.follow, old.follow_days
    )
    # today's state is where the new version's game begins: a snapshot a save replays from
    snaps = {state.day: plain(data)} if state.day > 0 else {}
    carried = Game.assemble(new, record, state, snaps, snapshot_every=game.snapshot_every)
    carried.last_report = game.last_report
    return carried


def carry_problem(game: Game, new: Scenario) -> Msg | None:
    """Why the game cannot go on from today under `new`, or None when it can."""
    return carried_state(game.scenario, new, game.state)[1]


def carried_state(
    old: Scenario, new: Scenario, state: State
) -> tuple[dict[str, Any] | None, Msg | None]:
    """Today's `state` (of `old`) adapted to `new` as plain data, or None and why not."""
    if new.id != old.id:
        return None, msg("carry.other_id")
    if new.meta.start != old.meta.start:
        return None, msg(
            "carry.start_moved", before=old.meta.start.isoformat(), after=new.meta.start.isoformat()
        )
    if not state.over and state.day >= new.days:
        return None, msg("carry.past_end", end=new.meta.end.isoformat())
    cur = state.to_dict()
    was = new_game(old, state.seed).to_dict()
    start = new_game(new, state.seed).to_dict()
    why = _removed(cur, start, new)
    if why is not None:
        return None, why
    out = dict(cur)
    out["scenario_sha256"] = start["scenario_sha256"]
    # a named ship the new version leaves out only loses its record of hits; the rules count
    # ships by class
    for table in (*TABLES, "named_ships"):
        if table not in cur:
            continue
        out[table] = {k: cur[table][k] for k in start[table] if k in cur[table]}
        for k, v in start[table].items():
            out[table].setdefault(k, v)  # added by the new version: as a new game has it
    for gid, g in out["groups"].items():
        if gid in was["groups"]:
            out["groups"][gid] = _group(g, was["groups"][gid], start["groups"][gid])
    for table, (low, high) in COUNTS.items():
        for k in out[table]:
            if k in was[table]:
                out[table][k] = _moved(out[table][k], was[table][k], start[table][k], low, high)
    # morale, tension and US commitment within the bounds the rules keep them in
    out["morale"] = {
        side: _moved(v, was["morale"][side], start["morale"][side], *_bounds(f"morale.{side}"))
        for side, v in cur["morale"].items()
    }
    for var in ("tension", "us_commitment"):
        out[var] = _moved(cur[var], was[var], start[var], *_bounds(var))
    for fid, value in cur["flags"].items():
        if fid in start["flags"] and fid in was["flags"] and value == was["flags"][fid]:
            out["flags"][fid] = start["flags"][fid]
    problem = state_problem(out, new, state.seed, state.day)
    if problem is not None:
        return None, msg("carry.other", why=problem)
    return out, None


def _removed(cur: dict[str, Any], start: dict[str, Any], new: Scenario) -> Msg | None:
    """The first thing today's state holds that `new` has removed, as the player's words."""
    for table, figure in TABLES.items():
        for k in cur.get(table, {}):
            if k not in start[table]:
                value = [k] if figure == "kinds" else k
                return msg(f"carry.removed_{figure}", **{figure: value})
    classes = {s.id for s in new.ships}
    for _, cls, _ in cur["ships_away"]:
        if cls not in classes:
            return msg("carry.removed_cls", cls=cls)
    events = {e.id for e in new.events}
    for eid in cur["events_fired"]:
        if eid not in events:
            return msg("carry.removed_event", event=eid)
    moves = {m.id for m in new.moves}
    for mid in cur["moves_made"]:
        if mid not in moves:
            return msg("carry.removed_move", move=mid)
    endings = {e.id for e in new.victory.endings}
    if cur["ending"] is not None and cur["ending"] not in endings:
        return msg("carry.removed_ending", ending=cur["ending"])
    return None


def _bounds(var: str) -> tuple[float, float | None]:
    lo, hi = variable_bounds(var) or (0.0, None)
    return lo, hi


def _group(g: dict[str, Any], was: dict[str, Any], start: dict[str, Any]) -> dict[str, Any]:
    """A battery today, moved by what its starting guns and ammunition changed by."""
    out = dict(g)
    out["guns"] = _moved(g["guns"], was["guns"], start["guns"], 0, None)
    if start["ammo"] < 0:  # the new version has it draw on its side's supply
        out["ammo"] = -1
    elif was["ammo"] < 0:  # it had no dump of its own: it starts with the new one
        out["ammo"] = start["ammo"]
    else:
        out["ammo"] = _moved(g["ammo"], was["ammo"], start["ammo"], 0, None)
    return out


def _moved(now: Any, was: Any, start: Any, low: float, high: float | None) -> Any:
    """`now` moved by what the starting value changed by (`start - was`), within bounds,
    keeping the table's number type (counts stay integers)."""
    if start == was:
        return now
    value = now + (start - was)
    value = max(low, value) if high is None else min(high, max(low, value))
    return type(now)(value)
