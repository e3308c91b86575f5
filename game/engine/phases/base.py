"""The state one day's phases share (`DayBase`) and the small steps several phases take
(spotting a battery, losing aircraft, sinking ships, sending ships away, applying an effect).

Each phase lives in its own module as a mixin of `DayBase`; `game.engine.resolve._Day` joins
them and runs them in the order of `report.PHASES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from game.engine.legality import (
    today,
)
from game.engine.report import Report
from game.engine.rng import Rng
from game.engine.state import State, apply_effect
from game.scenario.model import Scenario
from game.scenario.orders import Convoy, Order

Orders = Mapping[str, Sequence[Order]]


@dataclass
class ConvoyRun:
    side: str
    index: int
    order: Convoy
    ships: int
    sunk_at_sea: int = 0
    boats_lost: int = 0


@dataclass
class DayBase:
    sc: Scenario
    st: State
    orders: Orders
    rng: Rng = field(init=False)
    date: dt.date = field(init=False)
    report: Report = field(init=False)
    casualties: dict[str, float] = field(default_factory=lambda: {"prc": 0.0, "roc": 0.0})
    guns_lost: dict[str, int] = field(default_factory=lambda: {"prc": 0, "roc": 0})
    landed: float = 0.0
    beach_fire: dict[str, float] = field(default_factory=dict)
    patrol: dict[str, float] = field(default_factory=lambda: {"prc": 0.0, "roc": 0.0})
    convoys: list[ConvoyRun] = field(default_factory=list)
    suppress_next: dict[str, float] = field(default_factory=dict)
    #: tons already unloaded at each beach today: convoys to one beach share its capacity
    unloaded: dict[str, float] = field(default_factory=dict)
    halted_today: bool = False

    def __post_init__(self) -> None:
        self.rng = Rng(self.st.rng)
        self.date = today(self.sc, self.st)
        self.report = Report(self.date.isoformat(), self.st.day)
        self.halted_today = self.st.halt_days > 0
        self.rule = self.sc.rule

    def mine(self, side: str, kind: type) -> list[tuple[int, Order]]:
        return [(i, o) for i, o in enumerate(self.orders.get(side, ())) if isinstance(o, kind)]

    def _effect(self, var: str, value: float | bool, add: bool) -> None:
        apply_effect(self.st, var, value, add)

    def _spot(self, gid: str) -> None:
        gs = self.st.groups[gid]
        gs.spotted_until = max(gs.spotted_until, self.st.day + int(self.sc.rule("spot_days")) - 1)

    def _lose_aircraft(self, side: str, unit: str, n: float) -> int:
        """Take up to `n` aircraft from `unit`; returns how many there were to lose (an
        aircraft flies several sorties, so sorties lost can outnumber the fleet)."""
        if n <= 0:
            return 0
        n = min(n, self.st.aircraft[unit])
        self.st.aircraft[unit] -= n
        self.st.totals[f"aircraft_lost.{side}"] += n
        return round(n)

    def _ships_sunk(self, side: str, cls: str, n: int) -> None:
        if n <= 0:
            return
        st, sc = self.st, self.sc
        st.ships[cls] -= n
        st.totals[f"ships_lost.{side}"] += n
        cas = n * sc.rule("crew_casualties_per_ship")
        st.totals[f"casualties.{side}.military"] += cas
        self.casualties[side] += cas
        st.tension = min(100.0, st.tension + n * sc.rule("tension_per_ship_sunk"))

    def _away(self, cls: str, n: int, days: int) -> None:
        if n <= 0:
            return
        self.st.ships[cls] -= n
        self.st.ships_away.append([self.st.day + days, cls, n])
