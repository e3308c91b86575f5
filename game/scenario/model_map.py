"""The scenario format's map section: region names, territorial lines and fleets, each
gated by the event, move or flag that brings it. Part of the format defined in `model` (which
re-exports every name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.scenario.model_text import Text
from game.scenario.schema import spec


@dataclass(frozen=True, kw_only=True)
class MapRegion:
    """A name of a sea or land that no place covers; `major` names are placed first."""

    id: str = spec(nonempty=True)
    view: Literal["kinmen", "strait"] = spec()
    lon: float = spec(min=-180, max=180)
    lat: float = spec(min=-90, max=90)
    name: Text = spec()
    style: Literal["region", "water"] = "region"
    major: bool = False


@dataclass(frozen=True, kw_only=True)
class MapShip:
    lon: float = spec(min=-180, max=180)
    lat: float = spec(min=-90, max=90)
    role: Literal["carrier", "escort"] = "escort"
    size: int = spec(15, min=4, max=80)


@dataclass(frozen=True, kw_only=True)
class Decoration:
    """Something the map draws that is not a unit: a territorial-sea line around the
    besieged side's shore (`nm`), or a fleet (`ships`, labelled `name`).

    Shown once `event` has fired, `move` has been made and `flag` is set (each optional: none
    given means from the first day), so a declaration's line appears on the day it is made.
    """

    id: str = spec(nonempty=True)
    kind: Literal["territorial_line", "fleet"] = spec()
    view: Literal["kinmen", "strait"] = spec()
    nm: Literal[3, 12] | None = None
    name: Text | None = None
    ships: list[MapShip] = spec(factory=list)
    event: str | None = spec(None, ref="events")
    move: str | None = spec(None, ref="moves")
    flag: str | None = spec(None, ref="flags")


@dataclass(frozen=True, kw_only=True)
class MapData:
    regions: list[MapRegion] = spec(factory=list)
    decorations: list[Decoration] = spec(factory=list)
