"""Gameplay checks: what is legal in the format but breaks or probably spoils play.

`validate.py` checks the relations between entries; these checks look at what the entries
mean on the map and in the rules, where a modder's mistakes pass every type check and then
show up only in play (a battery 1 km out of range of everything it was meant to shell, a lane
over a mountain, an ending on `tension >= 150` when tension stops at 100). Each is an error
when the game could not honour the file (a historical order the rules would refuse whatever
the dice: a target out of range, a group not yet arrived), and a warning (printed; the file
loads) when the file is legal but probably wrong, or a number has no reason given.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.mapdata import MapData, distance_to_coast_km, load_map, point_on_land
from game.paths import scenarios_dir
from game.scenario.errors import YamlPath
from game.scenario.geo import distance_km
from game.scenario.model import Condition, Scenario
from game.scenario.orders import Fire
from game.scenario.scale import rules_file
from game.scenario.schema import Reader

#: how far (km) a land place may stand off the coastline, or a sea place inland, before it is
#: reported: the maps' shorelines are generalised, and piers and coastal guns sit on the shore
SHORE_KM = 1.0
#: the same for a place marked `terrain: coast` (a beach, a pier, a coastal battery)
COAST_KM = 3.0
#: points sampled along each leg of a lane when looking for land under it (per km, and at
#: most per leg: an island narrower than the spacing can slip through, a peninsula cannot)
LANE_SAMPLES_PER_KM = 1
MAX_LANE_SAMPLES = 64

#: (lowest, highest) each kind of variable can take: the engine clamps effects to these
_PERCENT = (0.0, 100.0)
_COUNT = (0.0, math.inf)


def variable_bounds(name: str) -> tuple[float, float] | None:
    """The bounds of a state variable, or None for a flag (any number or true/false)."""
    if name in ("tension", "us_commitment") or name.startswith(("morale.", "integrity.")):
        return _PERCENT
    if name.startswith("flag."):
        return None
    return _COUNT


@functools.cache
def _maps() -> tuple[MapData, MapData]:
    """(the strait, the Kinmen close-up): the game's two maps, read once."""
    return load_map("strait"), load_map("kinmen")


@functools.lru_cache(maxsize=4096)
def _off_surface_km(lon: float, lat: float, *, land: bool) -> float:
    """How far (km) the point is inside the wrong surface (0 when it is on `land` or at sea
    as asked), from the finest map that covers it. The distance, the costly part, is
    measured only for a point on the wrong side of the coastline; kept per point, as the maps
    never change while the game runs and a file's places are checked on every validation."""
    strait, kinmen = _maps()
    data = kinmen if kinmen.contains_point(lon, lat) else strait
    if point_on_land(data, lon, lat) == land:
        return 0.0
    return distance_to_coast_km(data, lon, lat)


def check_gameplay(
    sc: Scenario,
    rd: Reader,
    tables: dict[str, dict[str, Any]],
    more_conditions: Sequence[Condition] = (),
) -> None:
    """Append the gameplay problems of `sc` (errors and warnings) to `rd.problems`;
    `more_conditions` are those read inside entries that could not be read in full."""

    def at(obj: Any, *rest: str | int) -> YamlPath:
        return (*rd.paths.get(id(obj), ()), *rest)

    places = tables["places"]
    strait, _ = _maps()
    west, south, east, north = strait.bbox
    # -- places on the map, on the right surface -------------------------------------------
    # (a place nothing stands on may lie off the map: events and texts name far places)
    users: dict[str, str] = {}
    for g in sc.artillery:
        users.setdefault(g.place, f"artillery group '{g.id}'")
    for t in sc.targets:
        users.setdefault(t.place, f"target '{t.id}'")
    for lane in sc.supply.lanes:
        for w in lane.waypoints:
            users.setdefault(w, f"lane '{lane.id}'")
    for pid, who in users.items():
        p = places.get(pid)
        if p is None:
            continue
        if not (west <= p.lon <= east and south <= p.lat <= north):
            rd.error(
                at(p, "lon"),
                f"'{p.id}' ({who} uses it) at {p.lon:g}, {p.lat:g} is outside the map "
                f"(longitude {west:g} to {east:g}, latitude {south:g} to {north:g})",
            )
            continue
        if who.startswith("lane") or not rd.warnings:
            continue
        coast_km = _off_surface_km(p.lon, p.lat, land=True)
        if coast_km > (COAST_KM if p.terrain == "coast" else SHORE_KM):
            rd.warn(
                at(p, "lon"),
                f"'{pid}' ({who} stands there) is at sea, {coast_km:.1f} km from the coast",
            )
    # -- lanes over water (a warning: skipped when warnings are not wanted) ----------------
    for lane in sc.supply.lanes if rd.warnings else ():
        route = [places[w] for w in lane.waypoints if w in places]
        for i, (a, b) in enumerate(itertools.pairwise(route)):
            if _leg_crosses_land(a.lon, a.lat, b.lon, b.lat):
                rd.warn(
                    at(lane, "waypoints", i + 1),
                    f"the leg from '{a.id}' to '{b.id}' crosses land",
                )
        for w in lane.waypoints:
            p = places.get(w)
            if p is not None and p.terrain == "land":
                rd.warn(at(lane, "waypoints"), f"waypoint '{w}' is a land place; ships sail at sea")
    # -- batteries that can reach nothing ----------------------------------------------------
    for g in sc.artillery:
        here = places.get(g.place)
        if here is None:
            continue
        aims = [t.place for t in sc.targets if t.side != g.side]
        aims += [o.place for o in sc.artillery if o.side != g.side]
        dists = [
            distance_km(here.lon, here.lat, places[a].lon, places[a].lat)
            for a in aims
            if a in places
        ]
        if dists and min(dists) > g.range_km:
            rd.warn(
                at(g, "range_km"),
                f"'{g.id}' can reach no enemy target or group: the nearest is "
                f"{min(dists):.1f} km away, its range {g.range_km:g} km",
            )
    # -- historical orders the rules would refuse whatever the dice -------------------------
    # Errors for the modder (`validate`, the New game list: checks with warnings wanted), not
    # checked when a scenario is loaded to play: a save or replay of a file written before this
    # check must still load, and the replay prints such an order's refusal on its day.
    for day in sc.history if rd.warnings else ():
        for side, orders in day.orders.items():
            for i, order in enumerate(orders):
                if isinstance(order, Fire):
                    _check_fire(sc, rd, tables, day, order, at(day, "orders", side, i))
    # -- conditions under the variables' bounds ------------------------------------------
    conditions: list[Condition] = []
    for e in sc.events:
        if e.trigger is not None:
            conditions += e.trigger.when
    for m in sc.moves:
        conditions += m.requires
    for end in sc.victory.endings:
        conditions += end.when
    for c in [*conditions, *more_conditions]:
        _check_condition(rd, c, at(c, "value"))


@functools.lru_cache(maxsize=4096)
def _leg_crosses_land(lon1: float, lat1: float, lon2: float, lat2: float) -> bool:
    """Whether a straight leg passes over land farther than `SHORE_KM` from any coast.

    Kept per leg (the maps never change while the game runs): up to 64 points' distances to
    the coast make a leg the costliest check of a load, and the same lanes are checked again
    on every validation of the file or of a mod of it (the New game list, `validate`)."""
    n = max(
        2, min(MAX_LANE_SAMPLES, int(distance_km(lon1, lat1, lon2, lat2) * LANE_SAMPLES_PER_KM))
    )
    for k in range(1, n):
        f = k / n
        if _off_surface_km(lon1 + (lon2 - lon1) * f, lat1 + (lat2 - lat1) * f, land=False) > (
            SHORE_KM
        ):
            return True
    return False


def _check_fire(
    sc: Scenario,
    rd: Reader,
    tables: dict[str, dict[str, Any]],
    day: Any,
    order: Fire,
    path: YamlPath,
) -> None:
    group = tables["artillery"].get(order.group)
    target = tables["targets"].get(order.target) or tables["artillery"].get(order.target)
    if group is None or target is None:
        return  # reported by validate.py
    a, b = tables["places"].get(group.place), tables["places"].get(target.place)
    if a is not None and b is not None:
        dist = distance_km(a.lon, a.lat, b.lon, b.lat)
        if dist > group.range_km:
            # an error: the rules refuse this order whatever the dice, so the replay would
            # silently differ from the record the file states (issue 19)
            rd.error(
                (*path, "target"),
                f"'{order.target}' is {dist:.1f} km from '{order.group}', beyond its range "
                f"of {group.range_km:g} km: the rules would refuse this order on {day.date}",
            )
    if group.available_from is not None and day.date < group.available_from:
        rd.error(
            (*path, "group"),
            f"'{order.group}' is available from {group.available_from}, not on {day.date}: "
            "the rules would refuse this order",
        )


def _check_condition(rd: Reader, c: Condition, path: YamlPath) -> None:
    bounds = variable_bounds(c.var)
    if bounds is None or isinstance(c.value, bool):
        return
    lo, hi = bounds
    v = float(c.value)
    never = {
        ">=": v > hi,
        ">": v >= hi,
        "<=": v < lo,
        "<": v <= lo,
        "==": not lo <= v <= hi,
        "!=": False,
    }[c.op]
    always = {
        ">=": v <= lo,
        ">": v < lo,
        "<=": v >= hi,
        "<": v > hi,
        "==": False,
        "!=": not lo <= v <= hi,
    }[c.op]
    span = f"{lo:g} to {hi:g}" if hi != math.inf else f"at least {lo:g}"
    if never:
        rd.error(path, f"'{c.var} {c.op} {c.value:g}' can never hold: {c.var} stays {span}")
    elif always:
        rd.warn(path, f"'{c.var} {c.op} {c.value:g}' always holds: {c.var} stays {span}")


def shipped(file: str) -> bool:
    """Whether `file` is a shipped scenario: under the game's own `scenarios/` folder."""
    try:
        Path(file).resolve().relative_to(scenarios_dir().resolve())
    except (ValueError, OSError):
        return False
    return True


# -- numbers without a reason -----------------------------------------------------------------

#: keys of an entry that are not figures of the entry: its id, its reasons, and the claims of a
#: history day (entries of their own, checked on their own)
_NOT_FIGURES = frozenset({"id", "source", "assumption", "claims"})
#: fields that are one figure: a reason for either covers both (a position is lon and lat)
_PAIRED = {"lon": "lat", "lat": "lon"}


def check_provenance(rd: Reader, annotated: list[tuple[Any, YamlPath]]) -> int:
    """Warn about every number written with neither a `source:` nor an `assumption:` for it;
    return how many were found.

    The figures that need a reason are the numbers an annotated entry writes (orders of
    battle, ranges, cargo, stocks, rules, the values of effects and conditions, scores); a
    field holding a list or a mapping counts when any number is inside it. A field is covered
    by its entry's `source:` (a quote vouches for the entry's figures), a whole-entry
    `assumption: "..."`, or `assumption: {field: "..."}` (for lon or lat, either one).

    A derived scenario is judged where each value was written: an entry inherited from a base
    by the base's reasons, a mod's new entry by its own. A value a mod changed in a base entry
    is left to `extends` and `scale`, which already warn when the mod does not say why. Defaults
    need no reason from the modder: the model's are not written at all, and the rules taken
    from `scenarios/base/rules.yaml` are the 1958 scenario's, explained there.
    """
    defaults = rules_file(scenarios_dir()).resolve()
    is_default: dict[int, bool] = {}
    count = 0
    for _obj, path in annotated:
        if not path:
            continue
        raw = raw_at(rd.loaded.data, path)
        if not isinstance(raw, dict):
            continue
        src, written = _origin(rd, path)
        entry = raw_at(src.data, written)
        if not isinstance(entry, dict):
            continue
        for key, value in raw.items():
            if key in _NOT_FIGURES or not _has_number(value):
                continue
            field_src, field_at = _origin(rd, (*path, key))
            if field_src is not src or field_at[:-1] != written:
                continue  # a mod's change of a base value: `extends` and `scale` judge those
            if _covered(entry, str(field_at[-1])):
                continue
            if id(src) not in is_default:
                is_default[id(src)] = Path(src.file).resolve() == defaults
            if is_default[id(src)]:
                continue
            count += 1
            rd.warn(
                (*path, key),
                f"'{key}' has neither a source nor an assumption: give "
                f"'assumption: {{{key}: ...}}' saying why it has this value, or a 'source:'",
            )
    return count


def _has_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, dict):
        return any(_has_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_number(v) for v in value)
    return False


def _origin(rd: Reader, path: YamlPath) -> tuple[Any, YamlPath]:
    """The file that wrote the value at `path`, and its path there.

    A merged tree records where each subtree came from (`MergedYaml.origins`, on the nearest
    recorded ancestor); a plain file wrote everything itself."""
    loaded: Any = rd.loaded
    origins = getattr(loaded, "origins", None)
    if origins:
        p = path
        while p not in origins and p:
            p = p[:-1]
        if p in origins:
            src, sp = origins[p]
            return src, (*sp, *path[len(p) :])
    return loaded, path


def _covered(entry: dict[str, Any], field: str) -> bool:
    if entry.get("source"):
        return True
    said = entry.get("assumption")
    if isinstance(said, str):
        return bool(said.strip())
    if isinstance(said, dict):
        return field in said or _PAIRED.get(field) in said
    return False


def raw_at(data: Any, path: YamlPath) -> Any:
    """The loaded YAML value at `path`, or None (to tell how a modder wrote an entry)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
