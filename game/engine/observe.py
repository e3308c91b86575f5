"""What one side may see: `observe(scenario, state, side) -> Observation`.

This is the only function that decides it. Players (the AI, the random and historical players,
the UI) decide from an `Observation`, never from the `State`, so a figure hidden from a side
cannot reach its decisions by accident. What is hidden comes from the scenario's
`visibility:` table (docs/hidden-information.md) and its `roles:` (whose stocks they are):
a side always sees its own figures; of the enemy's it sees the `public` ones, the `sighted`
ones while it has the unit spotted, and never the `hidden` ones. Report entries follow the
same table (`entry_visible_to`): a shortage entry tells the stocks, so a side that may not
see the stocks does not read it.

Built by hand (no `asdict`): the AI observes twice per rollout day, so this must stay cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Any

from game.engine.report import Entry, Report
from game.engine.state import State
from game.scenario.memo import per_scenario
from game.scenario.model import SIDES, Scenario, other


@dataclass(frozen=True, slots=True)
class GroupView:
    """An artillery group as the observing side knows it; None is "not known"."""

    side: str
    #: True for the side's own groups, and for enemy groups it has in sight (or sees anyway)
    known: bool
    #: for an enemy group: spotted by the observer today (its figures are then known)
    spotted: bool
    guns: int | None
    destroyed: int | None
    #: rounds in its own dump; -1 when it draws on its side's ammunition supply
    ammo: int | None
    suppressed: float | None
    #: last day the *enemy of the group* has it spotted: the observer's own spotting for an
    #: enemy group; for its own group, known because firing and recon are announced
    spotted_until: int
    #: the observer knows the group is in the battle: its own always (waiting ones too), an
    #: enemy group once it has arrived (`available_from`), or always when `artillery` is
    #: public. A screen draws no enemy group that does not exist for the side.
    exists: bool = True


@dataclass(frozen=True, slots=True)
class Observation:
    """A side's view of the game on one morning (frozen: players cannot write back).

    Figures hidden from the side are None: enemy groups not in sight (`GroupView`), enemy
    ships and aircraft, the stocks when they are not the side's and not public, the enemy's
    morale and fire-control loss, and the streak of an ending whose conditions read a hidden
    figure (it would tell the figure). `ships_away` lists only the side's own ships.
    """

    side: str
    scenario_id: str
    day: int
    groups: Mapping[str, GroupView]
    integrity: Mapping[str, float | None]
    supply: Mapping[str, float | None]
    ships: Mapping[str, int | None]
    ships_away: tuple[tuple[int, str, int], ...]
    aircraft: Mapping[str, float | None]
    commanders: Mapping[str, str | None]
    fire_control_loss: Mapping[str, float | None]
    morale: Mapping[str, float | None]
    tension: float
    us_commitment: float
    halt_days: int
    flags: Mapping[str, float | bool]
    totals: Mapping[str, float]
    events_fired: tuple[str, ...]
    moves_made: tuple[str, ...]
    streaks: Mapping[str, int | None]
    ending: str | None
    winner: str | None
    score: float | None
    #: the report entries of the day before that the side may read (empty without a report)
    entries: tuple[Entry, ...] = ()
    #: the last day each side came under fire (`State.under_fire`): shells are heard by both
    under_fire: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def enemy(self) -> str:
        return other(self.side)


def _proxy(d: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(d)


def sees_stocks(sc: Scenario, side: str) -> bool:
    """Whether `side` knows the supply stocks (they are its own, or the table makes them public)."""
    return side == sc.cast.besieged or sc.sight.supply == "public"


def hidden_var(sc: Scenario, var: str, side: str) -> bool:
    """Whether a condition variable reads a figure `observe` hides from `side`."""
    head, _, rest = var.partition(".")
    if head in ("supply", "supply_days"):
        return not sees_stocks(sc, side)
    if head == "morale":
        return rest != side and sc.sight.morale != "public"
    if head == "guns":
        try:
            g = sc.group(rest)
        except KeyError:
            return False
        return g.side != side and sc.sight.artillery != "public"
    return False


@per_scenario
def _streak_cache(sc: Scenario) -> dict[str, frozenset[str]]:
    """side -> endings whose streak it may not see, filled as `_hidden_streaks` is asked."""
    return {}


def _hidden_streaks(sc: Scenario, side: str) -> frozenset[str]:
    cache = _streak_cache(sc)
    got = cache.get(side)
    if got is None:
        got = cache[side] = frozenset(
            e.id for e in sc.victory.endings if any(hidden_var(sc, c.var, side) for c in e.when)
        )
    return got


def observe(sc: Scenario, state: State, side: str, report: Report | None = None) -> Observation:
    """What `side` sees of `state` (and of `report`, the day that led to it)."""
    vis = sc.sight
    day = state.day
    date = sc.meta.start + timedelta(days=day)
    groups: dict[str, GroupView] = {}
    sighted = vis.artillery == "sighted"
    public_guns = vis.artillery == "public"
    for g in sc.artillery:
        gs = state.groups[g.id]
        if g.side == side:
            groups[g.id] = GroupView(
                g.side, True, False, gs.guns, gs.destroyed, gs.ammo, gs.suppressed,
                gs.spotted_until,
            )  # fmt: skip
            continue
        spotted = gs.spotted_until >= day
        exists = public_guns or g.available_from is None or g.available_from <= date
        if public_guns or (sighted and spotted):
            groups[g.id] = GroupView(
                g.side, True, spotted, gs.guns, gs.destroyed, gs.ammo, gs.suppressed,
                gs.spotted_until, exists,
            )  # fmt: skip
        else:
            groups[g.id] = GroupView(
                g.side, False, spotted, None, None, None, None, gs.spotted_until, exists
            )
    own_ships, own_air = _own_units(sc, side)
    ships_public = vis.ships == "public"
    air_public = vis.aircraft == "public"
    if sees_stocks(sc, side):
        supply: dict[str, float | None] = dict(state.supply)
    else:
        supply = dict.fromkeys(state.supply)
    hidden_streaks = _hidden_streaks(sc, side)
    return Observation(
        side=side,
        scenario_id=state.scenario_id,
        day=day,
        groups=_proxy(groups),
        integrity=_proxy(
            dict(state.integrity)
            if vis.integrity != "hidden"
            else {k: (v if sc.target(k).side == side else None) for k, v in state.integrity.items()}
        ),
        supply=_proxy(supply),
        ships=_proxy(
            {k: (v if ships_public or k in own_ships else None) for k, v in state.ships.items()}
        ),
        ships_away=tuple(
            (x[0], x[1], x[2]) for x in state.ships_away if ships_public or x[1] in own_ships
        ),
        aircraft=_proxy(
            {k: (v if air_public or k in own_air else None) for k, v in state.aircraft.items()}
        ),
        commanders=_proxy(
            dict(state.commanders)
            if vis.commanders != "hidden"
            else {
                k: (v if _commander_side(sc, k) == side else None)
                for k, v in state.commanders.items()
            }
        ),
        fire_control_loss=_proxy(
            {
                s: (v if s == side or vis.fire_control == "public" else None)
                for s, v in state.fire_control_loss.items()
            }
        ),
        morale=_proxy(
            {
                s: (v if s == side or vis.morale == "public" else None)
                for s, v in state.morale.items()
            }
        ),
        tension=state.tension,
        us_commitment=state.us_commitment,
        halt_days=state.halt_days,
        flags=_proxy(dict(state.flags)),
        totals=_proxy(dict(state.totals)),
        events_fired=tuple(state.events_fired),
        moves_made=tuple(state.moves_made),
        streaks=_proxy({k: (None if k in hidden_streaks else v) for k, v in state.streaks.items()}),
        ending=state.ending,
        winner=state.winner,
        score=state.score,
        entries=tuple(visible_entries(sc, report, side)) if report is not None else (),
        under_fire=_proxy(dict(state.under_fire)),
    )


@per_scenario
def _units_cache(sc: Scenario) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """side -> (its ship classes, its air units), filled as `_own_units` is asked."""
    return {}


def _own_units(sc: Scenario, side: str) -> tuple[frozenset[str], frozenset[str]]:
    cache = _units_cache(sc)
    got = cache.get(side)
    if got is None:
        got = cache[side] = (
            frozenset(s.id for s in sc.ships if s.side == side),
            frozenset(a.id for a in sc.air if a.side == side),
        )
    return got


def _commander_side(sc: Scenario, cid: str) -> str:
    return next(c.side for c in sc.commanders if c.id == cid)


# -- report entries ----------------------------------------------------------------------------

#: the figure each kind of report entry discloses about the side that owns the entry
_ENTRY_FIGURE = {"shortage": "supply"}


def entry_visible_to(sc: Scenario, entry: Entry) -> tuple[str, ...]:
    """The sides that may read `entry`: its own side always; the other if the figure it tells
    is one the visibility table lets the other side see."""
    figure = _ENTRY_FIGURE.get(entry.kind)
    if figure is None or entry.side not in SIDES:
        return SIDES
    if figure == "supply":
        return tuple(s for s in SIDES if sees_stocks(sc, s))
    return SIDES if getattr(sc.sight, figure) == "public" else (entry.side,)


def visible_entries(sc: Scenario, report: Report, side: str) -> list[Entry]:
    return [e for e in report.entries if side in entry_visible_to(sc, e)]
