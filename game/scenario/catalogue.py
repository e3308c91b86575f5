"""Names the scenario format lets data address: engine rules and state variables.

The engine reads every number of its rules from the scenario's `rules:` section by these names
(no constants in code), and conditions and effects address state through these variable names.
Keeping the catalogue here, below the engine, lets the validator point at a misspelt rule or
variable with a "did you mean" before the engine ever runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from game.scenario.model import TargetKind


@dataclass(frozen=True)
class RuleSpec:
    min: float
    max: float
    doc: str


def _r(lo: float, hi: float, doc: str) -> RuleSpec:
    return RuleSpec(lo, hi, doc)


#: The kinds a target may be (`model.TargetKind`, the one list; a rule `hit_chance_<kind>` each).
TARGET_KINDS: tuple[str, ...] = get_args(TargetKind)

RULES: dict[str, RuleSpec] = {
    # bombardment and counter-battery
    **{
        f"hit_chance_{k}": _r(0, 1, f"chance one round aimed at a {k.replace('_', ' ')} hits it")
        for k in TARGET_KINDS
    },
    "hit_chance_battery": _r(0, 1, "chance one counter-battery round hits a spotted gun position"),
    "unspotted_factor": _r(0, 1, "accuracy against an enemy group not spotted (fire at a guess)"),
    "morale_accuracy_weight": _r(0, 1, "how much low morale lowers accuracy (0 = not at all)"),
    "casualties_per_t_military": _r(0, 100, "military casualties per ton of shells that hit"),
    "civilian_share_town": _r(0, 1, "share of casualties from hits on towns that are civilians"),
    "suppression_kg_per_gun": _r(1, 100000, "kg of hits per gun that silence a group next day"),
    "suppression_factor": _r(0, 1, "share of a silenced group's fire lost the next day"),
    "gun_repair_per_day": _r(0, 1, "share of a group's destroyed guns replaced each day"),
    "killed_share_bombardment": _r(0, 1, "share of casualties from shellfire that are killed"),
    "meal_hour_from": _r(
        0, 23.5, "first hour of the meal window (fire opening in it can surprise)"
    ),
    "meal_hour_to": _r(0, 24, "end of the meal window (an opening hour before it can surprise)"),
    "surprise_casualty_factor": _r(
        1, 10, "casualties of a side's fire that opens in the meal window on an unalerted enemy"
    ),
    "surprise_quiet_days": _r(
        1, 60, "days without enemy fire after which a garrison is no longer on alert"
    ),
    "counter_bombardment_min_rounds": _r(
        1, 1_000_000, "rounds a day on the batteries at one place that make a counter-bombardment"
    ),
    # spotting
    "spot_days": _r(1, 60, "days a spotted group stays spotted"),
    "fire_reveal_per_1000_rounds": _r(
        0, 1, "chance per 1,000 rounds fired that the group is spotted"
    ),
    "recon_spot_chance": _r(0, 1, "chance one recon sortie spots a given enemy group"),
    "recon_loss_chance": _r(
        0, 1, "chance a recon sortie is lost to enemy patrols, per patrol share"
    ),
    # command
    "commander_hit_per_integrity": _r(
        0, 1, "chance per integrity point a post loses in a day that each commander there is hit"
    ),
    "commander_kill_share": _r(0, 1, "share of commander hits that kill"),
    "commander_accuracy_loss": _r(0, 1, "accuracy lost by the side per commander hit"),
    "commander_recovery_days": _r(
        1, 100, "days for fire control to recover from a commander's loss"
    ),
    "commander_morale_loss": _r(0, 100, "morale lost per commander hit"),
    "command_post_accuracy_weight": _r(
        0, 1, "how much a damaged command post lowers its side's accuracy"
    ),
    # convoys and unloading
    "ship_hit_per_round": _r(
        0, 1, "chance one round on a beach hits a given ship unloading there (day)"
    ),
    "night_fire_factor": _r(0, 1, "accuracy of fire at ships unloading at night relative to day"),
    "ship_sink_share": _r(0, 1, "share of hit transports that sink (at sea or at the beach)"),
    "escort_sink_share": _r(0, 1, "share of hit escorts that sink"),
    "ship_wreck_share": _r(
        0, 1, "share of hit ships not sunk that are damaged beyond repair (written off)"
    ),
    "ship_repair_days": _r(1, 365, "days a damaged ship is out of service"),
    "crew_casualties_per_ship": _r(0, 1000, "people aboard a ship whose class gives no `aboard`"),
    "sunk_at_sea_killed_share": _r(0, 1, "share of those aboard killed when a ship sinks at sea"),
    "sunk_at_sea_wounded_share": _r(0, 1, "share of those aboard wounded when a ship sinks at sea"),
    "hit_killed_share": _r(
        0, 1, "share of those aboard killed on a ship hit and not sunk at sea (or sunk alongside)"
    ),
    "hit_wounded_share": _r(
        0, 1, "share of those aboard wounded on a ship hit and not sunk at sea (or sunk alongside)"
    ),
    "boat_crew_casualties": _r(0, 100, "casualties when an attack boat is sunk"),
    "boat_crew_killed_share": _r(0, 1, "share of a sunk attack boat's casualties killed"),
    "turn_back_escorts_hit_share": _r(
        0, 1, "share of its escorts hit at sea that turns a convoy back without unloading"
    ),
    "amtrac_exposure": _r(0, 1, "amphibious tractors' exposure to fire relative to a ship"),
    # naval
    "boat_day_factor": _r(0, 1, "attack craft effectiveness by day relative to night"),
    "us_escort_exposure": _r(
        0, 1, "share of an attack that still lands when US ships escort to 3 nm"
    ),
    "boat_loss_to_convoy": _r(
        0, 1, "chance an attacking boat is sunk by an unescorted convoy's guns"
    ),
    "coastal_fire_ship_factor": _r(
        0, 10, "coastal guns' accuracy against ships relative to field guns"
    ),
    # air
    "sorties_per_aircraft": _r(0, 10, "sorties one aircraft can fly in a day"),
    "air_engage_chance": _r(0, 1, "chance opposing fighter patrols meet on a day"),
    "transport_loss_per_patrol": _r(
        0, 1, "transport loss chance per enemy patrol sortie (unescorted)"
    ),
    "escort_cover_per_sortie": _r(0, 10, "how much each friendly patrol sortie covers transports"),
    "airdrop_recovery": _r(0, 1, "share of dropped cargo that reaches the garrison"),
    "airfield_min_integrity": _r(0, 100, "airfield integrity needed to land transports"),
    # supply
    "ammo_t_per_t_shell": _r(0, 10, "tons of ammunition supply used per ton of shell fired"),
    "shortage_morale_per_day": _r(0, 100, "morale lost per day a supply kind is exhausted"),
    # morale
    "morale_per_1000_casualties": _r(0, 100, "morale lost per 1,000 casualties in a day"),
    "morale_recovery_per_day": _r(0, 100, "morale regained each day toward the side's base"),
    "morale_per_100t_landed": _r(0, 100, "ROC morale gained per 100 tons landed"),
    "morale_per_gun_destroyed": _r(0, 100, "morale a side loses per gun of its own destroyed"),
    # tension and the US
    "tension_per_10000_rounds": _r(0, 100, "international tension added per 10,000 rounds fired"),
    "tension_decay_per_day": _r(0, 100, "tension that ebbs away each day"),
    "tension_per_ship_sunk": _r(0, 100, "tension added per ship sunk"),
    "tension_us_escort": _r(0, 100, "tension added per US-escorted convoy"),
    "tension_us_escort_declared_waters": _r(
        0, 100, "tension added per US-escorted convoy once the besieger has declared its waters"
    ),
    "tension_break_halt": _r(
        0, 100, "tension added when a side fires in breach of a declared halt"
    ),
    "commitment_per_1000_roc_casualties": _r(
        0, 100, "US commitment gained per 1,000 ROC casualties"
    ),
    "commitment_break_halt": _r(0, 100, "US commitment gained when the PLA breaks its own halt"),
}

#: The `state:` section: each starting variable a file must give, with its bounds and meaning.
INITIAL_STATE: dict[str, RuleSpec] = {
    "tension": _r(0, 100, "international tension at the start (the powers' alarm)"),
    "us_commitment": _r(0, 100, "how far the US stands behind the ROC at the start"),
}

#: Flags the engine itself gives meaning to (a scenario may declare more for its events).
ENGINE_FLAGS = {
    "us_escort": "US ships may escort convoys (to 3 nautical miles)",
    "twelve_mile": "the PRC has declared 12-mile territorial waters",
    "odd_day_only": "the PLA has declared it shells only on odd days",
    "sidewinder": "ROC fighters carry Sidewinder missiles (see AirUnit.missiles_from)",
}

#: Running totals only the rules write (the state's `totals`, all starting at 0), in the
#: order the state keeps them (its hash follows this order).
#: totals added after saves were made; a state hashes without one while it is 0
#: (`state.canonical_json`), so the states of an older save, which lack it, keep their hashes
LATE_TOTALS = (
    # tons a convoy that turned back took home (shipped = landed + lost + returned)
    "tons.returned",
    # ships hit and not sunk: damaged (out for repairs) or written off
    "ships_damaged.prc",
    "ships_damaged.roc",
    "ships_wrecked.prc",
    "ships_wrecked.roc",
    # killed among the casualties (casualties.* count killed and wounded together)
    "killed.prc.military",
    "killed.prc.civilian",
    "killed.roc.military",
    "killed.roc.civilian",
)

TOTALS = (
    "casualties.prc.military",
    "casualties.prc.civilian",
    "casualties.roc.military",
    "casualties.roc.civilian",
    "shells.prc",
    "shells.roc",
    "tons.shipped",
    "tons.landed",
    "tons.lost",
    "ships_lost.prc",
    "ships_lost.roc",
    "aircraft_lost.prc",
    "aircraft_lost.roc",
    "guns_lost.prc",
    "guns_lost.roc",
    "commanders_lost.prc",
    "commanders_lost.roc",
    *LATE_TOTALS,
)

#: Every variable name that does not depend on a scenario's ids (see `variable_names`).
STATIC_VARIABLES = (
    "day",
    "tension",
    "us_commitment",
    "morale.prc",
    "morale.roc",
    "halt_days",
    "supply_days",
    *TOTALS,
)

#: Variables an effect may change; the rest are running totals only the rules write.
SETTABLE_PREFIXES = ("tension", "us_commitment", "morale.", "halt_days", "flag.", "supply.")


def variable_names(
    supply_kinds: list[str],
    flags: list[str],
    targets: list[str],
    groups: list[str],
    commanders: Sequence[str] = (),
) -> list[str]:
    """Every variable name a scenario with these ids can address."""
    names = list(STATIC_VARIABLES)
    names += [f"commander.{c}" for c in commanders]
    names += [f"supply.{k}" for k in supply_kinds] + [f"supply_days.{k}" for k in supply_kinds]
    names += [f"flag.{f}" for f in flags]
    names += [f"integrity.{t}" for t in targets] + [f"guns.{g}" for g in groups]
    return names


def settable(name: str) -> bool:
    return any(name == p or (p.endswith(".") and name.startswith(p)) for p in SETTABLE_PREFIXES)
