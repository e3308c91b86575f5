"""Gameplay checks: what is legal in the format but breaks or probably spoils play.

`validate.py` checks the relations between entries; these checks look at what the entries
mean on the map and in the rules, where a modder's mistakes pass every type check and then
show up only in play (a battery 1 km out of range of everything it was meant to shell, a lane
over a mountain, an ending on `tension >= 150` when tension stops at 100). Each is an error
when the game could not honour the file (an order the rules would refuse whatever the dice),
and a warning (printed; the file loads) when the file is legal but probably wrong.
"""

from __future__ import annotations

import functools
import itertools
import math
from pathlib import Path
from typing import Any

from game.mapdata import MapData, distance_to_coast_km, load_map, point_on_land
from game.paths import scenarios_dir
from game.scenario.errors import YamlPath
from game.scenario.geo import distance_km
from game.scenario.model import Condition, Scenario
from game.scenario.orders import Fire
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


def _off_surface_km(lon: float, lat: float, *, land: bool) -> float:
    """How far (km) the point is inside the wrong surface (0 when it is on `land` or at sea
    as asked), from the finest map that covers it. The distance, the costly part, is
    measured only for a point on the wrong side of the coastline."""
    strait, kinmen = _maps()
    data = kinmen if kinmen.contains_point(lon, lat) else strait
    if point_on_land(data, lon, lat) == land:
        return 0.0
    return distance_to_coast_km(data, lon, lat)


def check_gameplay(sc: Scenario, rd: Reader, tables: dict[str, dict[str, Any]]) -> None:
    """Append the gameplay problems of `sc` (errors and warnings) to `rd.problems`."""

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
    for day in sc.history:
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
    for c in conditions:
        _check_condition(rd, c, at(c, "value"))


def _leg_crosses_land(lon1: float, lat1: float, lon2: float, lat2: float) -> bool:
    """Whether a straight leg passes over land farther than `SHORE_KM` from any coast."""
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
            # a warning, not an error: saves made with files written before this check must
            # still load; the replay and `calibrate` print the refusal on its day
            rd.warn(
                (*path, "target"),
                f"'{order.target}' is {dist:.1f} km from '{order.group}', beyond its range "
                f"of {group.range_km:g} km: the rules would refuse this order on {day.date}",
            )
    if group.available_from is not None and day.date < group.available_from:
        rd.warn(
            (*path, "group"),
            f"'{order.group}' is available from {group.available_from}, not on {day.date}",
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
