"""The game state as plain data: what changes from day to day, never the scenario itself.

A state refers to scenario entries by id, so a save is small and a scenario can be fixed
without breaking saves of other scenarios. `state_hash` is a SHA-256 of a canonical JSON
form: same scenario, seed and orders give the same hash in any process.

The state carries `rules_sha256(scenario)`, a hash of what the rules read from the scenario
(ids, numbers, dates, rules, triggers, effects, the history's orders) and never of its text
(names, texts, quotes, citations, reasons, comments, key order): fixing an English rendering or
a citation changes no state hash and breaks no save, while changing a number the rules use does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

from game.engine.rng import seed_state
from game.scenario.catalogue import LATE_TOTALS, TOTALS
from game.scenario.memo import per_scenario
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order


@dataclass
class GroupState:
    guns: int
    destroyed: int
    #: rounds in the group's own dump; -1 when it draws on its side's ammo supply
    ammo: int
    #: last day index (inclusive) on which the enemy has this group spotted; -1 never
    spotted_until: int = -1
    #: share of its fire the group loses today (silenced by yesterday's counter-battery)
    suppressed: float = 0.0


@dataclass
class State:
    scenario_id: str
    #: `rules_sha256(scenario)`: the scenario's rules, not its file (the name is the old one)
    scenario_sha256: str
    seed: int
    day: int
    rng: int
    groups: dict[str, GroupState]
    integrity: dict[str, float]
    supply: dict[str, float]
    ships: dict[str, int]
    #: ships at sea or in turnaround: [return_day, class_id, count]
    ships_away: list[list[Any]]
    aircraft: dict[str, float]
    #: "ok", "wounded" or "killed" for each named commander
    commanders: dict[str, str]
    #: accuracy each side has lost to commander casualties, recovering day by day
    fire_control_loss: dict[str, float]
    morale: dict[str, float]
    tension: float
    us_commitment: float
    halt_days: int
    flags: dict[str, float | bool]
    totals: dict[str, float]
    events_fired: list[str]
    moves_made: list[str]
    #: consecutive days each ending's conditions have held
    streaks: dict[str, int]
    #: each named ship (scenario order): "fate" afloat, sunk or wrecked; "until" the first day
    #: index it is back in port; "damaged" times hit and repaired; "killed" and "wounded" aboard
    named_ships: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    #: the last day index each side came under enemy fire (a side never fired on is absent):
    #: a garrison not under fire the days before can be caught at a meal (`surprise_*` rules)
    under_fire: dict[str, int] = dataclasses.field(default_factory=dict)
    ending: str | None = None
    winner: str | None = None
    score: float | None = None

    # -- copying and hashing --------------------------------------------------------------

    def clone(self) -> State:
        """A deep copy, written out by hand because `copy.deepcopy` costs a third of a turn."""
        return State(
            scenario_id=self.scenario_id,
            scenario_sha256=self.scenario_sha256,
            seed=self.seed,
            day=self.day,
            rng=self.rng,
            groups={
                k: GroupState(g.guns, g.destroyed, g.ammo, g.spotted_until, g.suppressed)
                for k, g in self.groups.items()
            },
            integrity=dict(self.integrity),
            supply=dict(self.supply),
            ships=dict(self.ships),
            ships_away=[list(x) for x in self.ships_away],
            aircraft=dict(self.aircraft),
            commanders=dict(self.commanders),
            fire_control_loss=dict(self.fire_control_loss),
            morale=dict(self.morale),
            tension=self.tension,
            us_commitment=self.us_commitment,
            halt_days=self.halt_days,
            flags=dict(self.flags),
            totals=dict(self.totals),
            events_fired=list(self.events_fired),
            moves_made=list(self.moves_made),
            streaks=dict(self.streaks),
            named_ships={k: dict(v) for k, v in self.named_ships.items()},
            under_fire=dict(self.under_fire),
            ending=self.ending,
            winner=self.winner,
            score=self.score,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (what `asdict` gives), written out by hand: it runs on every hash."""
        return {
            "scenario_id": self.scenario_id,
            "scenario_sha256": self.scenario_sha256,
            "seed": self.seed,
            "day": self.day,
            "rng": self.rng,
            "groups": {
                k: {
                    "guns": g.guns,
                    "destroyed": g.destroyed,
                    "ammo": g.ammo,
                    "spotted_until": g.spotted_until,
                    "suppressed": g.suppressed,
                }
                for k, g in self.groups.items()
            },
            "integrity": dict(self.integrity),
            "supply": dict(self.supply),
            "ships": dict(self.ships),
            "ships_away": [list(x) for x in self.ships_away],
            "aircraft": dict(self.aircraft),
            "commanders": dict(self.commanders),
            "fire_control_loss": dict(self.fire_control_loss),
            "morale": dict(self.morale),
            "tension": self.tension,
            "us_commitment": self.us_commitment,
            "halt_days": self.halt_days,
            "flags": dict(self.flags),
            # a total added after older saves were written is left out while it is 0, so their
            # states (which lack it: it was 0) keep their hashes and load as they were written
            "totals": {k: v for k, v in self.totals.items() if v or k not in LATE_TOTALS},
            "events_fired": list(self.events_fired),
            "moves_made": list(self.moves_made),
            "streaks": dict(self.streaks),
            # left out while empty, as in states written before named ships were tracked
            **(
                {"named_ships": {k: dict(v) for k, v in self.named_ships.items()}}
                if self.named_ships
                else {}
            ),
            # left out while empty, as in states written before fire had an hour
            **({"under_fire": dict(self.under_fire)} if self.under_fire else {}),
            "ending": self.ending,
            "winner": self.winner,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        data = dict(data)
        data["groups"] = {k: GroupState(**v) for k, v in data["groups"].items()}
        # a state written before a late total existed lacks it: it was 0 then
        data["totals"] = {**dict.fromkeys(LATE_TOTALS, 0.0), **data["totals"]}
        return cls(**data)

    @property
    def over(self) -> bool:
        return self.ending is not None


def canonical_json(state: State) -> str:
    """Sorted keys, no spaces, floats as repr: the same text for the same state, always."""
    data = state.to_dict()
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)


def state_hash(state: State) -> str:
    return hashlib.sha256(canonical_json(state).encode()).hexdigest()


# -- what the rules read from a scenario -----------------------------------------------------

#: fields that speak only to people, or that only the history tools and the window read (a
#: claim's figure, an event's record label, a place's map view); with every field typed as
#: text (`Text`), a citation (`Source`) or a reason (`Assumptions`), never hashed
_NOT_RULES = frozenset(
    {
        "source",
        "assumption",
        "weapon",
        "aircraft",
        "claims",
        # recorded outcomes: applied by the replay that follows the record, never by the rules
        "outcomes",
        "article_silent",
        "record",
        "view",
        "prologue",
        "epilogue",
        # the history tools' and the map's facts (calibration, citations, decorations)
        "sources",
        "figures",
        "campaign_claims",
        "calibration",
        "historian_check",
        "map",
        "file",
        "sha256",
        "translations",
    }
)
_TEXT_TYPES = ("Text", "Source", "Assumptions")


def _rules_fields(cls: type) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in dataclasses.fields(cls)
        if f.name not in _NOT_RULES and not any(t in str(f.type) for t in _TEXT_TYPES)
    )


_FIELDS: dict[type, tuple[str, ...]] = {}


def rules_content(value: Any) -> Any:
    """What the rules read of a scenario (or any part of it), as plain data.

    Numbers are floats (`2000` and `2000.0` are the same rule), dates ISO strings, orders
    their dicts; dicts are sorted when hashed, lists keep their order (it decides the order of
    events and of chance draws).
    """
    if isinstance(value, Order):
        return rules_content(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = _rules_fields(cls)
        return {name: rules_content(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): rules_content(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rules_content(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


@per_scenario
def rules_sha256(sc: Scenario) -> str:
    """SHA-256 of the canonical JSON of `rules_content(sc)`: the scenario as the rules see it.

    Computed once per scenario object (`per_scenario`).
    """
    content = rules_content(sc)
    _drop_late_defaults(content)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


#: rules and fields added after saves were made, with the value that leaves the game as it was:
#: at that value they are left out of `rules_sha256`, so an older save's rules hash still holds
_LATE_RULES: dict[str, float] = {
    "killed_share_bombardment": 0.0,
    "counter_bombardment_min_rounds": 500.0,
}
_LATE_FIELDS: dict[str, dict[str, Any]] = {
    "places": {"civilians_per_soldier": 0.0},
    "commanders": {"exposure": 1.0, "kill_share": None, "at_post_until": None},
}


def _drop_late_defaults(content: dict[str, Any]) -> None:
    rules = content.get("rules", {})
    for name, default in _LATE_RULES.items():
        if name in rules and rules[name].get("value") == default:
            del rules[name]
    for section, fields in _LATE_FIELDS.items():
        for item in content.get(section, []):
            for name, default in fields.items():
                if name in item and item[name] == default:
                    del item[name]


def new_game(sc: Scenario, seed: int) -> State:
    """The state on the morning of the scenario's first day."""
    groups = {}
    for g in sc.artillery:
        groups[g.id] = GroupState(guns=g.guns, destroyed=0, ammo=-1 if g.ammo is None else g.ammo)
    return State(
        scenario_id=sc.id,
        scenario_sha256=rules_sha256(sc),
        seed=seed,
        day=0,
        rng=seed_state(seed),
        groups=groups,
        integrity={t.id: 100.0 for t in sc.targets},
        supply={k.id: float(k.stock_t) for k in sc.supply.kinds},
        ships={s.id: s.count for s in sc.ships},
        ships_away=[],
        aircraft={a.id: float(a.count) for a in sc.air},
        commanders={c.id: "ok" for c in sc.commanders},
        fire_control_loss={s: 0.0 for s in SIDES},
        morale={s: float(sc.side(s).morale) for s in SIDES},
        tension=float(sc.state["tension"]),
        us_commitment=float(sc.state["us_commitment"]),
        halt_days=0,
        flags={f.id: f.initial for f in sc.flags},
        totals=dict.fromkeys(TOTALS, 0.0),
        events_fired=[],
        moves_made=[],
        streaks={e.id: 0 for e in sc.victory.endings},
        named_ships=named_ships_start(sc),
    )


def new_named_record() -> dict[str, Any]:
    """A named ship in port, never hit (`State.named_ships`)."""
    return {"fate": "afloat", "until": 0, "damaged": 0, "killed": 0.0, "wounded": 0.0}


def named_ships_start(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Every named ship in port, never hit (`State.named_ships`), in the scenario's order."""
    return {n.id: new_named_record() for cls in sc.ships for n in cls.named_ships}


# -- variables addressed by name from conditions, effects and scores -------------------------


def supply_days(sc: Scenario, state: State, kind: str | None = None) -> float:
    """Days of reserve: for one kind, or the shortest over all kinds. 999 means no daily use."""
    kinds = sc.supply.kinds if kind is None else [k for k in sc.supply.kinds if k.id == kind]
    best = 999.0
    for k in kinds:
        if k.daily_use_t > 0:
            best = min(best, state.supply[k.id] / k.daily_use_t)
    return best


#: a commander's fate as a number ("commander.ID"): 0 unhurt, 1 wounded, 2 killed
COMMANDER_FATES = ("ok", "wounded", "killed")


def get_var(sc: Scenario, state: State, name: str) -> float | bool:
    if name in state.totals:
        return state.totals[name]
    if name in LATE_TOTALS:  # a state from before the total existed: it was 0
        return 0.0
    head, _, rest = name.partition(".")
    if head == "day":
        return state.day + 1
    if head == "tension":
        return state.tension
    if head == "us_commitment":
        return state.us_commitment
    if head == "halt_days":
        return state.halt_days
    if head == "morale":
        return state.morale[rest]
    if head == "supply":
        return state.supply[rest]
    if head == "supply_days":
        return supply_days(sc, state, rest or None)
    if head == "flag":
        return state.flags[rest]
    if head == "integrity":
        return state.integrity[rest]
    if head == "guns":
        return state.groups[rest].guns
    if head == "commander":
        return COMMANDER_FATES.index(state.commanders[rest])
    raise KeyError(name)


def apply_effect(state: State, name: str, value: float | bool, add: bool) -> None:
    """Change one settable variable, keeping bounded ones in range."""
    head, _, rest = name.partition(".")
    if head == "flag":
        state.flags[rest] = (state.flags[rest] + value) if add else value  # type: ignore[operator]
        return
    v = float(value)
    if head == "tension":
        state.tension = _clamp((state.tension + v) if add else v, 0.0, 100.0)
    elif head == "us_commitment":
        state.us_commitment = _clamp((state.us_commitment + v) if add else v, 0.0, 100.0)
    elif head == "morale":
        state.morale[rest] = _clamp((state.morale[rest] + v) if add else v, 0.0, 100.0)
    elif head == "halt_days":
        state.halt_days = max(0, int((state.halt_days + v) if add else v))
    elif head == "supply":
        state.supply[rest] = max(0.0, (state.supply[rest] + v) if add else v)
    else:
        raise KeyError(name)


def compare(a: float | bool, op: str, b: float | bool) -> bool:
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "==":
        return a == b
    return a != b


def _clamp(x: float, lo: float, hi: float) -> float:
    if math.isnan(x):
        return lo
    return lo if x < lo else hi if x > hi else x
