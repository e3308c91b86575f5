"""What the checks can still use of entries that could not be read in full.

An entry with an unreadable value (a wrong type, a number out of range, an unknown key) is left
out of the scenario, and references to it are not reported again. Its other mistakes (a quote
not in its text, a reason too short, a duplicate id, an unknown variable in an effect) do not
depend on the unreadable value, so they are checked on the partial entry `schema.Reader` keeps
(`Reader.partial`): a modder sees all of an entry's mistakes in one run. Each check here uses
only the fields that were read (`UNREAD` marks the others).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.scenario.errors import YamlPath
from game.scenario.model import (
    AirUnit,
    ArtilleryGroup,
    Claim,
    Commander,
    Condition,
    Effect,
    Ending,
    Event,
    Flag,
    HistoryDay,
    Lane,
    Meta,
    Milestone,
    Move,
    Place,
    Rule,
    ScoreItem,
    ShipClass,
    Side,
    Source,
    SupplyKind,
    Target,
    Trigger,
)
from game.scenario.model_calibration import CampaignClaim, DatedCheck
from game.scenario.schema import UNREAD, Reader

#: the kinds of entry whose quotes and reasons are checked (those `validate._annotated` walks)
ANNOTATED_KINDS = (
    Meta,
    Side,
    Place,
    ArtilleryGroup,
    Target,
    Commander,
    ShipClass,
    AirUnit,
    SupplyKind,
    Lane,
    Flag,
    Rule,
    Event,
    Move,
    Ending,
    ScoreItem,
    HistoryDay,
    Milestone,
    CampaignClaim,
    DatedCheck,
    Claim,
)

#: where the entries whose quotes and reasons are checked stand, in the order they are checked
#: (the first of two equal reasons is the one named)
ANNOTATED_AT: tuple[tuple[str, ...], ...] = (
    ("meta",),
    ("sides",),
    ("places",),
    ("artillery",),
    ("targets",),
    ("commanders",),
    ("ships",),
    ("air",),
    ("supply", "kinds"),
    ("supply", "lanes"),
    ("flags",),
    ("rules",),
    ("events",),
    ("moves",),
    ("victory", "endings"),
    ("victory", "score"),
    ("history",),
    ("prologue",),
    ("epilogue",),
    ("campaign_claims",),
    ("calibration", "checks"),
)

#: id table -> where its entries stand in a scenario (`validate` indexes the same lists)
TABLES: dict[str, tuple[str, ...]] = {
    "places": ("places",),
    "artillery": ("artillery",),
    "targets": ("targets",),
    "commanders": ("commanders",),
    "ships": ("ships",),
    "air": ("air",),
    "supply_kinds": ("supply", "kinds"),
    "lanes": ("supply", "lanes"),
    "flags": ("flags",),
    "events": ("events",),
    "moves": ("moves",),
    "endings": ("victory", "endings"),
    "prologue": ("prologue",),
    "epilogue": ("epilogue",),
    "sources": ("sources",),
    "campaign_claims": ("campaign_claims",),
    "calibration_checks": ("calibration", "checks"),
    "calibration_windows": ("calibration", "windows"),
    "calibration_not_modelled": ("calibration", "not_modelled"),
    "calibration_inputs": ("calibration", "inputs"),
    "calibration_follows": ("calibration", "follows"),
    "historian_check": ("historian_check",),
    "map_regions": ("map", "regions"),
    "map_decorations": ("map", "decorations"),
}


def section(sc: Any, rd: Reader, names: tuple[str, ...]) -> list[Any] | None:
    """The entries at `names` (a list's items, a mapping's values, or the one entry), or None
    when that section could not be read. A container read in part (`supply:` with a bad value)
    still gives its lists that were read."""
    obj: Any = sc
    path: YamlPath = ()
    for n, name in enumerate(names):
        path = (*path, name)
        obj = getattr(obj, name, UNREAD)
        if obj is UNREAD and n < len(names) - 1:  # a container: its partial copy
            obj = next((o for p, o in rd.partial if p == path), UNREAD)
        if obj is UNREAD or obj is None:
            return None
    if isinstance(obj, dict):
        return list(obj.values())
    return list(obj) if isinstance(obj, list) else [obj]


#: dated fields checked against the scenario's range, by kind of entry
_DATED = {
    ArtilleryGroup: ("available_from",),
    AirUnit: ("missiles_from",),
    Move: ("available_from",),
    Event: ("date",),
    Trigger: ("after", "before"),
}


def read(obj: Any, name: str) -> Any:
    """The field `name` of a (possibly partial) entry, or None when it was not read."""
    got = getattr(obj, name, None)
    return None if got is UNREAD else got


def annotated(rd: Reader) -> list[tuple[Any, YamlPath]]:
    """The partial entries whose quotes and reasons are checked, with their paths."""
    return [(obj, path) for path, obj in rd.partial if isinstance(obj, ANNOTATED_KINDS)]


def by_section(rd: Reader) -> dict[str, list[tuple[int, Any, YamlPath]]]:
    """Partial list entries with a readable id, by section ("supply.kinds"), with their index."""
    out: dict[str, list[tuple[int, Any, YamlPath]]] = {}
    for path, obj in rd.partial:
        if path and isinstance(path[-1], int) and isinstance(read(obj, "id"), str):
            section = ".".join(str(p) for p in path[:-1])
            out.setdefault(section, []).append((path[-1], obj, path))
    return out


def sources(rd: Reader) -> list[tuple[YamlPath, Source]]:
    """Quotes that could not be read in full whose text and `from:` were read: the quote is
    checked against its text all the same."""
    return [
        (path, obj)
        for path, obj in rd.partial
        if isinstance(obj, Source) and isinstance(obj.quote, str) and obj.origin is not UNREAD
    ]


def dates(rd: Reader) -> list[tuple[dt.date, YamlPath]]:
    """The readable dates of partial entries that must lie in the scenario's range."""
    out = []
    for path, obj in rd.partial:
        for name in _DATED.get(type(obj), ()):
            day = read(obj, name)
            if isinstance(day, dt.date):
                out.append((day, (*path, name)))
    return out


def events(rd: Reader) -> list[tuple[YamlPath, Event]]:
    """Partial events whose `date` and `trigger` were both read (or left out)."""
    return [
        (path, obj)
        for path, obj in rd.partial
        if isinstance(obj, Event) and obj.date is not UNREAD and obj.trigger is not UNREAD
    ]


def logic(rd: Reader) -> tuple[list[Condition], list[Effect], list[Condition]]:
    """(conditions, effects, outcome conditions) read inside partial events, moves, endings
    and triggers: their variables are checked like those of whole entries."""
    conditions: list[Condition] = []
    effects: list[Effect] = []
    outcomes: list[Condition] = []
    for _path, obj in rd.partial:
        if isinstance(obj, Event):
            effects += read(obj, "effects") or []
            outcomes += read(obj, "happened") or []
            trigger = read(obj, "trigger")
            if isinstance(trigger, Trigger):  # a whole trigger; a partial one comes below
                conditions += trigger.when
        elif isinstance(obj, Move):
            conditions += read(obj, "requires") or []
            effects += read(obj, "effects") or []
        elif isinstance(obj, Ending | Trigger):
            conditions += read(obj, "when") or []
    return conditions, effects, outcomes
