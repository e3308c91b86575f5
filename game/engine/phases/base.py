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
from game.engine.state import State, apply_effect, new_named_record
from game.scenario.model import Scenario
from game.scenario.orders import Convoy, Order

Orders = Mapping[str, Sequence[Order]]


@dataclass
class ConvoyRun:
    side: str
    index: int
    order: Convoy
    #: transports still on their way to the beach
    ships: int
    sunk_at_sea: int = 0
    #: transports hit at sea and not sunk: they go home with their cargo
    hit_at_sea: int = 0
    boats_lost: int = 0
    escorts_hit: int = 0
    #: the attack craft classes that struck it at sea (report data: the cause of its losses)
    attackers: list[str] = field(default_factory=list)
    #: the escorts' screen broke (`turn_back_escorts_hit_share`): nobody unloads
    turned_back: bool = False
    #: named transports and escorts aboard, in the class's order, not yet hit
    named: list[str] = field(default_factory=list)
    named_escorts: list[str] = field(default_factory=list)


@dataclass
class Fates:
    """What became of `hit` ships of one class: sunk, wrecked (written off) or damaged."""

    sunk: int = 0
    wrecked: int = 0
    damaged: int = 0
    killed: float = 0.0
    wounded: float = 0.0

    @property
    def hit(self) -> int:
        return self.sunk + self.wrecked + self.damaged


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
    #: the groups that fired on each landing place today, in fire order (report data: what
    #: hit the ships at the beach)
    beach_shooters: dict[str, list[str]] = field(default_factory=dict)
    patrol: dict[str, float] = field(default_factory=lambda: {"prc": 0.0, "roc": 0.0})
    convoys: list[ConvoyRun] = field(default_factory=list)
    suppress_next: dict[str, float] = field(default_factory=dict)
    #: tons already unloaded at each beach today: convoys to one beach share its capacity
    unloaded: dict[str, float] = field(default_factory=dict)
    halted_today: bool = False
    #: each side's casualty factor for its hour-carrying fire today (`engine.surprise`)
    surprise_of: dict[str, float] = field(default_factory=lambda: {"prc": 1.0, "roc": 1.0})

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

    def _sail_named(self, cls_id: str, n: int) -> list[str]:
        """The named ships of `cls_id` in port that sail with a convoy of `n`: its first ships.
        They are out for the class's turnaround (longer if they are hit)."""
        cls = self.sc.ship_class(cls_id)
        out: list[str] = []
        for ship in cls.named_ships:
            # a state from a save made before named ships were tracked has none: in port
            rec = self.st.named_ships.setdefault(ship.id, new_named_record())
            if len(out) < n and rec["fate"] == "afloat" and rec["until"] <= self.st.day:
                rec["until"] = self.st.day + cls.turnaround_days
                out.append(ship.id)
        return out

    def _hit_ships(
        self, side: str, cls_id: str, hit: int, sink_share: float, at_sea: bool, named: list[str]
    ) -> Fates:
        """`hit` ships of `cls_id` are hit: `sink_share` of them sink, `ship_wreck_share` of
        the rest are written off, the others are out for `ship_repair_days`. Those aboard are
        killed and wounded by the shares for a ship sunk at sea (no shore to reach) or for any
        other hit. The convoy's named ships (`named`, consumed in order) meet the worst fates
        first: the record names the ships that were hit."""
        if hit <= 0:
            return Fates()
        sc, st, rule = self.sc, self.st, self.sc.rule
        sunk = self.rng.binomial(hit, sink_share)
        wrecked = self.rng.binomial(hit - sunk, rule("ship_wreck_share"))
        f = Fates(sunk, wrecked, hit - sunk - wrecked)
        cls = sc.ship_class(cls_id)
        aboard = float(cls.aboard) if cls.aboard else rule("crew_casualties_per_ship")
        if at_sea:
            sunk_k, sunk_w = rule("sunk_at_sea_killed_share"), rule("sunk_at_sea_wounded_share")
        else:
            sunk_k, sunk_w = rule("hit_killed_share"), rule("hit_wounded_share")
        hit_k, hit_w = rule("hit_killed_share"), rule("hit_wounded_share")
        fates = ["sunk"] * f.sunk + ["wrecked"] * f.wrecked + ["damaged"] * f.damaged
        for fate in fates:
            k, w = (sunk_k, sunk_w) if fate == "sunk" else (hit_k, hit_w)
            f.killed += aboard * k
            f.wounded += aboard * w
            if named:
                rec = st.named_ships[named.pop(0)]
                rec["killed"] += aboard * k
                rec["wounded"] += aboard * w
                if fate == "damaged":
                    rec["damaged"] += 1
                    rec["until"] = st.day + int(rule("ship_repair_days"))
                else:
                    rec["fate"] = fate
        st.ships[cls_id] -= f.hit
        st.totals[f"ships_lost.{side}"] += f.sunk
        st.totals[f"ships_damaged.{side}"] += f.wrecked + f.damaged
        st.totals[f"ships_wrecked.{side}"] += f.wrecked
        st.totals[f"killed.{side}.military"] += f.killed
        st.totals[f"casualties.{side}.military"] += f.killed + f.wounded
        self.casualties[side] += f.killed + f.wounded
        st.tension = min(100.0, st.tension + f.sunk * rule("tension_per_ship_sunk"))
        if f.damaged:
            st.ships_away.append([st.day + int(rule("ship_repair_days")), cls_id, f.damaged])
        return f

    def _away(self, cls: str, n: int, days: int) -> None:
        if n <= 0:
            return
        self.st.ships[cls] -= n
        self.st.ships_away.append([self.st.day + days, cls, n])
