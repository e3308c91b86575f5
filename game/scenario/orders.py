"""The order vocabulary: what a side can tell its forces to do in one day.

Orders live with the scenario format, not the engine, because the historical record in a
scenario file is written in them; the engine imports them to validate and resolve. Each order
type is registered once by name in `ORDER_TYPES`, and its docstring shows its YAML form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar, Literal

from game.scenario.schema import spec


@dataclass(frozen=True, kw_only=True)
class Order:
    """Base of all orders; `type` is the YAML tag naming the subclass."""

    type: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for f in fields(self):
            value = getattr(self, f.name)
            if value != f.default or f.name in _ALWAYS:
                out[f.name] = value
        return out


_ALWAYS = {"group", "target", "rounds"}

#: the latest hour a fire mission may open at (hours go in halves: 0, 0.5, ... 23.5)
LAST_HOUR = 23.5


def hour_ok(hour: float | None) -> bool:
    """Whether `hour` is a fire mission's hour: none, or a whole or half hour of the day."""
    return hour is None or (0 <= hour <= LAST_HOUR and float(hour * 2).is_integer())


@dataclass(frozen=True, kw_only=True)
class Fire(Order):
    """Fire mission or counter-battery fire: a group fires rounds at a target or enemy group.

    ```yaml
    - {type: fire, group: prc_dadeng_152, target: liaoluo_beach, rounds: 2000}
    - {type: fire, group: roc_8inch_sp, target: prc_weitou_130, rounds: 120, break_halt: false}
    - {type: fire, group: prc_dadeng_152, target: roc_taiwu_cp, rounds: 4944, hour: 17.5}
    ```
    `break_halt: true` fires during a declared halt or on a non-firing day, at a diplomatic cost.
    `hour` (0-23.5, whole or half hours) is when the mission opens; the day's earliest is its
    opening hour of fire, which can catch the enemy at a meal (rules `meal_hour_from`, `_to`,
    `surprise_casualty_factor`). Without an hour a mission is resolved as the day's fire has
    always been, with no surprise.
    """

    type: ClassVar[str] = "fire"
    group: str = spec(ref="artillery")
    target: str = spec(nonempty=True)
    rounds: int = spec(min=1, max=1_000_000)
    break_halt: bool = False
    hour: float | None = spec(None, min=0, max=LAST_HOUR)


@dataclass(frozen=True, kw_only=True)
class Convoy(Order):
    """A supply run by sea to a landing beach, by day or night, with escorts.

    ```yaml
    - {type: convoy, ship_class: roc_lst, ships: 2, cargo: {ammo: 300, food: 200},
       beach: liaoluo_beach, night: true, escort_class: roc_patrol, escorts: 3, us_escort: false}
    ```
    """

    type: ClassVar[str] = "convoy"
    ship_class: str = spec(ref="ships")
    ships: int = spec(min=1, max=1000)
    cargo: dict[str, float] = spec(ref="supply_kinds", min=0, max=1_000_000)
    beach: str = spec(ref="targets")
    night: bool = False
    escort_class: str | None = spec(None, ref="ships")
    escorts: int = spec(0, min=0, max=1000)
    us_escort: bool = False
    #: amphibious tractors (a ship class with role amtrac) that carry cargo over the beach
    amtracs: int = spec(0, min=0, max=1000)
    lane: str | None = spec(None, ref="lanes")


@dataclass(frozen=True, kw_only=True)
class Airlift(Order):
    """Transport sorties dropping (or, with the airfield open, landing) supplies on Kinmen.

    ```yaml
    - {type: airlift, air_unit: roc_c46, sorties: 12, cargo: {food: 20, ammo: 10}, land: false}
    ```
    """

    type: ClassVar[str] = "airlift"
    air_unit: str = spec(ref="air")
    sorties: int = spec(min=1, max=10_000)
    cargo: dict[str, float] = spec(ref="supply_kinds", min=0, max=1_000_000)
    land: bool = False


@dataclass(frozen=True, kw_only=True)
class AirSortie(Order):
    """Fighters on patrol over the strait, or a photo-reconnaissance flight.

    ```yaml
    - {type: air_sortie, air_unit: prc_mig17, sorties: 16, mission: patrol}
    - {type: air_sortie, air_unit: prc_mig17, sorties: 4, mission: recon}
    ```
    """

    type: ClassVar[str] = "air_sortie"
    air_unit: str = spec(ref="air")
    sorties: int = spec(min=1, max=10_000)
    mission: Literal["patrol", "recon"] = "patrol"


@dataclass(frozen=True, kw_only=True)
class NavalSortie(Order):
    """Torpedo boats or gunboats sent against the day's convoys to Kinmen.

    ```yaml
    - {type: naval_sortie, ship_class: prc_torpedo_boat, boats: 12}
    ```
    """

    type: ClassVar[str] = "naval_sortie"
    ship_class: str = spec(ref="ships")
    boats: int = spec(min=1, max=1000)


@dataclass(frozen=True, kw_only=True)
class MakeMove(Order):
    """A diplomatic or propaganda move defined in the scenario's `moves:` list.

    ```yaml
    - {type: move, move: prc_declare_halt}
    ```
    """

    type: ClassVar[str] = "move"
    move: str = spec(ref="moves")


def _registry(*classes: type[Order]) -> dict[str, type[Order]]:
    table: dict[str, type[Order]] = {}
    for cls in classes:
        if cls.type in table:
            raise ValueError(f"order type {cls.type!r} registered twice")
        table[cls.type] = cls
    return table


ORDER_TYPES: dict[str, type[Order]] = _registry(
    Fire, Convoy, Airlift, AirSortie, NavalSortie, MakeMove
)


def order_from_dict(data: dict[str, Any]) -> Order:
    """Build an order from its dict form (saves, replays); raises ValueError when malformed."""
    if not isinstance(data, dict) or data.get("type") not in ORDER_TYPES:
        raise ValueError(f"not an order: {data!r}")
    cls = ORDER_TYPES[data["type"]]
    kwargs = {k: v for k, v in data.items() if k != "type"}
    names = {f.name for f in fields(cls)}
    unknown = set(kwargs) - names
    if unknown:
        raise ValueError(f"{cls.type} order has unknown keys {sorted(unknown)}")
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ValueError(f"{cls.type} order: {exc}") from None


def order_to_dict(order: Order) -> dict[str, Any]:
    return order.to_dict()


__all__ = [
    "LAST_HOUR",
    "ORDER_TYPES",
    "Order",
    "asdict",
    "hour_ok",
    "order_from_dict",
    "order_to_dict",
]
