"""The scenario format, version 1, as typed dataclasses.

These classes are the format's definition: `schema.Reader` builds them from YAML using the
type hints and `spec(...)` metadata below, so the docs in `docs/scenario-format.md` and the
validator cannot drift apart. Ids are plain strings; objects refer to each other by id, which
keeps a scenario one flat, moddable file and a saved game free of object graphs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from game.scenario.model_calibration import (
    Calibration,
    CampaignClaim,
    CountWindow,
    DatedCheck,
    FigureSpec,
    FollowsRecord,
    HistorianCheck,
    HistoricalEnding,
    InputClaim,
    NotModelledClaim,
)
from game.scenario.model_map import Decoration, MapData, MapRegion, MapShip
from game.scenario.model_text import SideId, Source, Text
from game.scenario.orders import Order
from game.scenario.schema import Assumptions, spec

FORMAT_VERSION = 1

#: the parts of the format kept in modules of their own, re-exported here as the one place
#: the format is read from
__all__ = [
    "Calibration",
    "CampaignClaim",
    "CountWindow",
    "DatedCheck",
    "Decoration",
    "FigureSpec",
    "FollowsRecord",
    "HistorianCheck",
    "HistoricalEnding",
    "InputClaim",
    "MapData",
    "MapRegion",
    "MapShip",
    "NotModelledClaim",
    "SideId",
    "Source",
    "Text",
]

SIDES: tuple[str, str] = ("prc", "roc")


def other(side: str) -> str:
    """The opposing side: every rule, player and screen asks this one function."""
    return SIDES[1] if side == SIDES[0] else SIDES[0]


Owner = Literal["prc", "roc", "none"]
Op = Literal["<", "<=", ">", ">=", "==", "!="]


@dataclass(frozen=True, kw_only=True)
class Place:
    id: str = spec(nonempty=True)
    name: Text = spec()
    lon: float = spec(min=-180, max=180)
    lat: float = spec(min=-90, max=90)
    terrain: Literal["land", "sea", "coast"] = spec()
    view: Literal["kinmen", "strait", "both"] = "both"
    side: Owner = "none"
    #: militia and villagers hit for each soldier hit by fire that lands here (0: soldiers
    #: only): the people of a village beside a battery are under its counter-battery fire too
    civilians_per_soldier: float = spec(0.0, min=0, max=10)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Side:
    name: Text = spec()
    morale: float = spec(min=0, max=100)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class ArtilleryGroup:
    """Guns of one calibre at one position: the unit a fire mission is given to."""

    id: str = spec(nonempty=True)
    side: SideId = spec()
    name: Text = spec()
    place: str = spec(ref="places")
    guns: int = spec(min=0, max=5000)
    calibre_mm: int = spec(min=20, max=460)
    weapon: str = spec(nonempty=True)
    shell_kg: float = spec(min=0.5, max=1000)
    range_km: float = spec(min=0.5, max=100)
    rounds_per_gun: int = spec(min=1, max=1000)
    #: rounds in the group's own dump; None means it draws on its side's `ammo` supply
    ammo: int | None = spec(None, min=0, max=10_000_000)
    ammo_per_day: int = spec(0, min=0, max=1_000_000)
    #: kilograms of shell hits that destroy one gun in its emplacement
    protection_kg: float = spec(min=1, max=100_000)
    available_from: dt.date | None = None
    self_propelled: bool = False
    coastal: bool = False
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


TargetKind = Literal[
    "command_post", "airfield", "pier", "beach", "battery_area", "town", "observation_post"
]


@dataclass(frozen=True, kw_only=True)
class Target:
    """A place that can be shelled; its integrity (0-100) drives what it still does."""

    id: str = spec(nonempty=True)
    side: SideId = spec()
    name: Text = spec()
    place: str = spec(ref="places")
    kind: TargetKind = spec()
    #: kilograms of shell hits that take one point of integrity
    hardness_kg: float = spec(min=1, max=100_000)
    repair_per_day: float = spec(0.0, min=0, max=100)
    #: for piers and beaches: tons a day that can be unloaded at full integrity
    capacity_day_t: float = spec(0.0, min=0, max=100_000)
    capacity_night_t: float = spec(0.0, min=0, max=100_000)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class CommanderRecord:
    """A named officer's fate on one day as the record gives it."""

    date: dt.date = spec()
    fate: Literal["killed", "wounded"] = spec()


@dataclass(frozen=True, kw_only=True)
class Commander:
    """A named officer whose loss in a command post hit costs his side fire control and morale."""

    id: str = spec(nonempty=True)
    side: SideId = spec()
    name: Text = spec()
    role: Text = spec()
    post: str = spec(ref="targets")
    #: how exposed he is at his post, against an officer under its usual cover (1): multiplies
    #: the chance that a hit on the post fells him
    exposure: float = spec(1.0, min=0, max=10)
    #: chance that a hit kills him rather than wounds him (absent: `commander_kill_share`)
    kill_share: float | None = spec(None, min=0, max=1)
    #: the last day he is at his post (a visitor leaves); absent: the whole game
    at_post_until: dt.date | None = None
    #: what befell him by the record, for the history tools and the replay (never the rules)
    record: CommanderRecord | None = None
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


ShipRole = Literal["transport", "escort", "torpedo_boat", "gunboat", "amtrac"]


@dataclass(frozen=True, kw_only=True)
class NamedShip:
    """One ship of a class that the record names: the engine gives a convoy's losses to its
    named ships first, so the record's figures aboard that ship can be measured."""

    id: str = spec(nonempty=True)
    name: Text = spec()


@dataclass(frozen=True, kw_only=True)
class ShipClass:
    id: str = spec(nonempty=True)
    side: SideId = spec()
    name: Text = spec()
    role: ShipRole = spec()
    count: int = spec(min=0, max=10_000)
    cargo_t: float = spec(0.0, min=0, max=100_000)
    #: expected ships sunk by one unit attacking an unescorted convoy (attack craft)
    attack: float = spec(0.0, min=0, max=5)
    #: expected escorts hit by one unit attacking an escorted convoy (attack craft with guns)
    attack_escort: float = spec(0.0, min=0, max=5)
    #: expected attack craft sunk by one escort in an engagement (escorts)
    defence: float = spec(0.0, min=0, max=5)
    #: fraction of an attack each escort turns away (escorts), combined multiplicatively
    screen: float = spec(0.0, min=0, max=1)
    turnaround_days: int = spec(1, min=1, max=30)
    #: people aboard one ship (crew and passengers); 0: the rule crew_casualties_per_ship
    aboard: int = spec(0, min=0, max=100_000)
    named_ships: list[NamedShip] = spec(factory=list)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


AirRole = Literal["fighter", "transport", "recon"]


@dataclass(frozen=True, kw_only=True)
class AirUnit:
    id: str = spec(nonempty=True)
    side: SideId = spec()
    name: Text = spec()
    aircraft: str = spec(nonempty=True)
    role: AirRole = spec()
    count: int = spec(min=0, max=10_000)
    #: expected enemy fighters downed per sortie that meets them
    kill_rate: float = spec(0.0, min=0, max=5)
    cargo_t: float = spec(0.0, min=0, max=1000)
    replacements_per_day: float = spec(0.0, min=0, max=1000)
    #: sorties each aircraft flies a day; unset, the scenario's `sorties_per_aircraft` rule
    sorties_per_day: float | None = spec(None, min=0, max=10)
    #: from this date the unit carries missiles and its kill_rate is multiplied by missile_factor
    missiles_from: dt.date | None = None
    missile_factor: float = spec(1.0, min=0, max=20)
    base: str | None = spec(None, ref="places")
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class SupplyKind:
    id: str = spec(nonempty=True)
    name: Text = spec()
    stock_t: float = spec(min=0, max=10_000_000)
    daily_use_t: float = spec(min=0, max=100_000)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Lane:
    """The sea route convoys sail, as places in order, ending at the landing beaches."""

    id: str = spec(nonempty=True)
    name: Text = spec()
    waypoints: list[str] = spec(ref="places", nonempty=True)
    beaches: list[str] = spec(ref="targets", nonempty=True)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Supply:
    kinds: list[SupplyKind] = spec(nonempty=True)
    lanes: list[Lane] = spec(factory=list)


@dataclass(frozen=True, kw_only=True)
class Flag:
    """A named on/off (or counter) state that events, moves and rules read and change."""

    id: str = spec(nonempty=True)
    name: Text = spec()
    initial: float | bool = spec()
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Condition:
    var: str = spec(nonempty=True)
    op: Op = spec()
    value: float | bool = spec()


@dataclass(frozen=True, kw_only=True)
class Effect:
    """`{set: VAR, value: X}` or `{add: VAR, value: X}`: the one way data changes state."""

    set: str | None = None
    add: str | None = None
    value: float | bool = spec()


@dataclass(frozen=True, kw_only=True)
class Trigger:
    """An event without a fixed date fires on the first day in [after, before] when all hold."""

    after: dt.date | None = None
    before: dt.date | None = None
    when: list[Condition] = spec(factory=list)


EventKind = Literal["military", "naval", "air", "diplomatic", "political", "supply"]


@dataclass(frozen=True, kw_only=True)
class Event:
    id: str = spec(nonempty=True)
    kind: EventKind = spec()
    title: Text = spec()
    text: Text = spec()
    date: dt.date | None = None
    trigger: Trigger | None = None
    effects: list[Effect] = spec(factory=list)
    #: an event that tells an outcome (a ship sunk, men killed) holds in this game only when
    #: these conditions hold at the end of the day's fighting ("today.X": X's change today);
    #: otherwise it is shown as "In history: ..." and has no effects
    happened: list[Condition] = spec(factory=list)
    #: which side's record the event comes from, when it is one side's claim
    record: Literal["prc", "roc", "neutral", "us"] = "neutral"
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """A dated entry before the playable range (`prologue:`, the background the replay opens
    with) or after it (`epilogue:`, shown at its end): shown, never resolved."""

    id: str = spec(nonempty=True)
    date: dt.date = spec()
    title: Text = spec()
    text: Text = spec()
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Move:
    """A diplomatic or propaganda move a side may order: requirements and effects as data."""

    id: str = spec(nonempty=True)
    side: SideId = spec()
    kind: Literal["diplomacy", "propaganda"] = spec()
    name: Text = spec()
    text: Text = spec()
    requires: list[Condition] = spec(factory=list)
    effects: list[Effect] = spec(factory=list)
    available_from: dt.date | None = None
    once: bool = False
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Rule:
    value: float = spec()
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Ending:
    """Ends the game when every condition holds for `for_days` days (or on the last day)."""

    id: str = spec(nonempty=True)
    winner: Literal["prc", "roc", "none", "draw"] = spec()
    name: Text = spec()
    text: Text = spec()
    when: list[Condition] = spec(factory=list)
    for_days: int = spec(1, min=1, max=1000)
    at_end: bool = False
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class ScoreItem:
    """One figure compared with history; the score is 100 minus the weighted misses."""

    id: str = spec(nonempty=True)
    name: Text = spec()
    var: str = spec(nonempty=True)
    historical: float = spec()
    weight: float = spec(min=0, max=100)
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Victory:
    endings: list[Ending] = spec(nonempty=True)
    score: list[ScoreItem] = spec(factory=list)


@dataclass(frozen=True, kw_only=True)
class Claim:
    """What one side's record says about a figure; both sides' claims are kept."""

    side: Literal["prc", "roc", "neutral", "us"] = spec()
    figure: str = spec(nonempty=True)
    value: float = spec(min=0)
    #: tells two claims of one side apart (two neutral narratives: "narrative A", "narrative B")
    variant: str | None = None
    #: the id shared by the claims of one figure the article gives twice or more, so the
    #: calibration and the replay can show them as one disagreement
    disagreement: str | None = None
    text: Text | None = None
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What one record says happened on a historical day, as data the replay that follows the
    record applies after the engine resolves the day (never read by the rules).

    Exactly one subject: a running total's change that day (`total` and `value`: tons landed,
    casualties, aircraft or ships lost), a named officer's fate (`commander` and `fate`) or a
    named ship's (`ship` and `fate`, with `killed` aboard when the record counts them)."""

    record: Literal["prc", "roc", "neutral", "us"] = "neutral"
    #: tells two accounts of one record apart ("narrative A", "narrative B")
    variant: str | None = None
    total: str | None = None
    value: float | None = spec(None, min=0, max=10_000_000)
    commander: str | None = spec(None, ref="commanders")
    ship: str | None = None
    fate: Literal["ok", "wounded", "killed", "afloat", "damaged", "sunk", "turned_back"] | None = (
        None
    )
    killed: float | None = spec(None, min=0, max=100_000)
    text: Text | None = None
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


@dataclass(frozen=True, kw_only=True)
class HistoryDay:
    date: dt.date = spec()
    summary: Text = spec()
    orders: dict[SideId, list[Order]] = spec(factory=dict)
    claims: list[Claim] = spec(factory=list)
    #: what the records say happened that day, for the replay that follows the record
    outcomes: list[Outcome] = spec(factory=list)
    article_silent: bool = False
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


Level = Literal["public", "sighted", "hidden"]


@dataclass(frozen=True, kw_only=True)
class Visibility:
    """How much a side sees of the enemy's figures of each kind (its own it always sees).

    `public`: always known; `sighted`: known while the side has the unit spotted (only
    artillery groups can be spotted); `hidden`: never known. Existence and place of every
    unit are public (the scenario file lists them) once it has arrived (an enemy battery
    before its `available_from` does not exist for the side unless artillery is public);
    what this table governs is strength:
    guns, ammunition, losses and suppression of a group, ships in port and at sea, aircraft,
    the stocks of the side that holds them, morale and fire control. `observe` is the one
    function that reads it, for the state and for the report entries alike.
    """

    artillery: Level = "sighted"
    ships: Level = "hidden"
    aircraft: Level = "hidden"
    supply: Level = "hidden"
    morale: Level = "hidden"
    fire_control: Level = "hidden"
    integrity: Level = "public"
    commanders: Level = "public"


@dataclass(frozen=True, kw_only=True)
class FlagRole:
    """An engine flag: which scenario flag turns it on, and which side it binds or helps."""

    flag: str = spec(ref="flags")
    side: SideId = spec()


@dataclass(frozen=True, kw_only=True)
class Roles:
    """Who is besieged and who besieges: what the engine and the AI used to assume in code.

    `besieged` holds the supply stocks, runs short (shortage morale), gains morale from tons
    landed, and its casualties raise US commitment; `besieger` is bound by declared halts
    (`halt_days`) and, with `odd_days`, by odd-day shelling, and breaking its own halt raises
    US commitment. Guns without their own dump draw on the besieged side's `ammo` kind.
    """

    besieged: SideId = spec()
    besieger: SideId = spec()
    #: the supply kind guns without a dump fire from
    ammo: str | None = spec(None, ref="supply_kinds")
    #: the supply kind the garrison's days are counted by (the AI's first worry)
    food: str | None = spec(None, ref="supply_kinds")
    #: target kinds where convoys unload, where transports land, whose hits cost fire control
    #: (an omitted list means `TARGET_ROLES`; read them through `kinds`)
    landing: list[TargetKind] | None = None
    airfield: list[TargetKind] | None = None
    command: list[TargetKind] | None = None
    #: when the flag is set, the side's convoys may sail with US escorts
    us_escort: FlagRole | None = None
    #: when the flag is set, the side may shell only on odd dates
    odd_days: FlagRole | None = None
    #: when the flag is set, the side has declared territorial waters that the other side's
    #: US-escorted convoys enter (rule `tension_us_escort_declared_waters` per such convoy)
    declared_waters: FlagRole | None = None

    def kinds(self, role: str) -> list[str]:
        """The target kinds of `role` (landing, airfield, command), defaults filled in."""
        got = getattr(self, role)
        return list(got) if got is not None else TARGET_ROLES[role]


#: The target kinds each role list means when a file leaves it out.
TARGET_ROLES: dict[str, list[str]] = {
    "landing": ["pier", "beach"],
    "airfield": ["airfield"],
    "command": ["command_post"],
}

#: What a format-1 file written before `roles:` existed means (the 1958 crisis's roles).
#: Only the loader's default; the engine and the AI read `Scenario.roles`, never this.
FORMAT_1_ROLES: dict[str, Any] = {
    "besieged": "roc",
    "besieger": "prc",
    "ammo": "ammo",
    "food": "food",
    "us_escort": {"flag": "us_escort", "side": "roc"},
    "odd_days": {"flag": "odd_day_only", "side": "prc"},
}


@dataclass(frozen=True, kw_only=True)
class Meta:
    title: Text = spec()
    description: Text = spec()
    start: dt.date = spec()
    end: dt.date = spec()
    source: list[Source] = spec(many=True, factory=list)
    assumption: Assumptions | None = None


# -- facts about the history, the calibration and the map (read by history/ and ui/, never
# -- by the rules: `engine.state._NOT_RULES` keeps them out of the rules hash)


@dataclass(frozen=True, kw_only=True)
class SourceText:
    """A text the scenario quotes: the bundled article, or a mod's own file in its folder.

    Quotes name it with `from:`; a scenario without `sources:` quotes the bundled article
    (id `article`), and a `sources:` entry without `file:` is that article too.
    """

    id: str = spec(nonempty=True)
    title: str = spec(nonempty=True)
    licence: str = spec(nonempty=True)
    #: a UTF-8 text file inside the scenario's folder (absent: the bundled article)
    file: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Scenario:
    format: int = spec(min=1, max=1000)
    id: str = spec(nonempty=True)
    meta: Meta = spec()
    sides: dict[SideId, Side] = spec()
    places: list[Place] = spec(nonempty=True)
    artillery: list[ArtilleryGroup] = spec(factory=list)
    targets: list[Target] = spec(factory=list)
    commanders: list[Commander] = spec(factory=list)
    ships: list[ShipClass] = spec(factory=list)
    air: list[AirUnit] = spec(factory=list)
    supply: Supply = spec()
    state: dict[str, float] = spec(factory=dict)
    flags: list[Flag] = spec(factory=list)
    rules: dict[str, Rule] = spec(factory=dict)
    events: list[Event] = spec(factory=list)
    moves: list[Move] = spec(factory=list)
    victory: Victory = spec()
    history: list[HistoryDay] = spec(factory=list)
    prologue: list[Milestone] = spec(factory=list)
    epilogue: list[Milestone] = spec(factory=list)
    roles: Roles | None = None
    visibility: Visibility | None = None
    sources: list[SourceText] = spec(factory=list)
    figures: dict[str, FigureSpec] = spec(factory=dict)
    campaign_claims: list[CampaignClaim] = spec(factory=list)
    calibration: Calibration = spec(Calibration())
    historian_check: list[HistorianCheck] = spec(factory=list)
    map: MapData = spec(MapData())
    #: filled by the loader, not read from YAML: where the file came from and its content hash
    file: str = field(default="", metadata={"key": "\x00file"})
    sha256: str = field(default="", metadata={"key": "\x00sha256"})
    #: filled by the loader from the catalogues beside the file (`translations`): language ->
    #: English text -> its translation, for the texts the scenario writes in English only
    translations: dict[str, dict[str, str]] = field(
        default_factory=dict, metadata={"key": "\x00translations"}
    )

    @property
    def sight(self) -> Visibility:
        """The visibility table (the loader fills `visibility` when a file leaves it out)."""
        assert self.visibility is not None, "a loaded scenario always has a visibility table"
        return self.visibility

    @property
    def cast(self) -> Roles:
        """The side roles (the loader fills `roles` for a format-1 file without the section)."""
        assert self.roles is not None, "a loaded scenario always has roles"
        return self.roles

    # Lookups by id, built once on first use; the dataclass stays frozen and plain.
    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        sections = ("places", "artillery", "targets", "ships", "air", "moves", "commanders")
        return {name: {item.id: item for item in getattr(self, name)} for name in sections}

    def place(self, pid: str) -> Place:
        return self.by_id["places"][pid]

    def group(self, gid: str) -> ArtilleryGroup:
        return self.by_id["artillery"][gid]

    def target(self, tid: str) -> Target:
        return self.by_id["targets"][tid]

    def ship_class(self, sid: str) -> ShipClass:
        return self.by_id["ships"][sid]

    def air_unit(self, aid: str) -> AirUnit:
        return self.by_id["air"][aid]

    def move(self, mid: str) -> Move:
        return self.by_id["moves"][mid]

    def rule(self, name: str) -> float:
        return self.rule_values[name]

    def side(self, side: str) -> Side:
        return self.sides[side]  # type: ignore[index]

    def _index(self, section: str) -> dict[str, Any]:
        return self.by_id[section]

    @cached_property
    def rule_values(self) -> dict[str, float]:
        return {name: rule.value for name, rule in self.rules.items()}

    @property
    def days(self) -> int:
        """Number of turns from start to end, both included."""
        return (self.meta.end - self.meta.start).days + 1
