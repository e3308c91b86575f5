"""What the engine can be measured on, day by day: the figures claims are compared with.

- `MEASURES`: each measurement with its names and role ("input" when the historical orders
  alone fix it, as rounds fired = rounds ordered; "outcome" otherwise);
- `measure_day`: every measurement for one resolved day, from the turn's report, its orders and
  the totals before and after; `state_figures`: what the garrison and the crisis stand at;
- `SCORE_VARS`: what each engine variable a `victory.score` item names measures.

Engine vocabulary only: which claim figure of a scenario maps to which measurement is the
scenario's `figures:` section (`citations.figure_map`). Stdlib only (no pygame).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from game.engine.legality import fire_target
from game.engine.report import Report
from game.engine.state import State, get_var, new_named_record, supply_days
from game.scenario.model import SIDES, ArtilleryGroup, Scenario, other
from game.scenario.orders import Fire, Order

Role = Literal["input", "outcome"]


@dataclass(frozen=True)
class Measure:
    """One thing the engine can be measured on, for a day (summed over a window) or a game."""

    key: str
    en: str
    zh: str
    #: "input" when the historical orders alone fix it (rounds fired = rounds ordered)
    role: Role
    unit: str = "count"

    def name(self, lang: str = "en") -> str:
        return self.zh if lang == "zh-Hant" else self.en


#: measures of one named ship (`State.named_ships`): "<prefix><ship id>"
ABOARD = {
    "killed_aboard.": ("killed aboard {}", "{}艦上陣亡"),
    "casualties_aboard.": ("killed or wounded aboard {}", "{}艦上傷亡"),
}


class _Measures(dict[str, Measure]):
    """The measures, with one pair per named ship made on demand: a scenario names its ships
    ("killed_aboard.taisheng"), so their keys cannot be listed here."""

    def _named(self, key: object) -> Measure | None:
        if not isinstance(key, str):
            return None
        for prefix, (en, zh) in ABOARD.items():
            ship = key[len(prefix) :]
            if key.startswith(prefix) and ship:
                return Measure(key, en.format(ship), zh.format(ship), "outcome")
        return None

    def __missing__(self, key: str) -> Measure:
        m = self._named(key)
        if m is None:
            raise KeyError(key)
        return m

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or self._named(key) is not None


MEASURES: dict[str, Measure] = _Measures(
    (m.key, m)
    for m in (
        Measure("shells.prc", "PLA rounds fired", "解放軍發射砲彈", "input", "rounds"),
        Measure("shells.roc", "ROC rounds fired", "國軍發射砲彈", "input", "rounds"),
        Measure("rounds.8inch", "ROC 8-inch rounds fired", "國軍八吋砲發射砲彈", "input", "rounds"),
        Measure("tons.landed", "tons landed (sea and air)", "登陸物資噸數（海空）", "outcome", "t"),
        Measure("tons.landed_sea", "tons landed by sea", "海運登陸噸數", "outcome", "t"),
        Measure("tons.shipped", "tons shipped", "運出噸數", "input", "t"),
        Measure("tons.returned", "tons brought back unlanded", "未卸載運回噸數", "outcome", "t"),
        Measure("ships_sunk.roc", "ROC vessels sunk", "國軍船艦被擊沉", "outcome"),
        Measure("ships_damaged.roc", "ROC vessels damaged", "國軍船艦受損", "outcome"),
        Measure(
            "ships_destroyed.roc",
            "ROC vessels sunk or written off",
            "國軍船艦被擊沉或報廢",
            "outcome",
        ),
        Measure("amtracs_lost.roc", "ROC amtracs lost", "國軍兩棲登陸車損失", "outcome"),
        Measure("boats_lost.prc", "PLA boats lost", "解放軍艇隻損失", "outcome"),
        Measure("aircraft_lost.prc", "PLA aircraft lost", "解放軍飛機損失", "outcome"),
        Measure("aircraft_lost.roc", "ROC aircraft lost", "國軍飛機損失", "outcome"),
        Measure("casualties.roc", "ROC casualties (all)", "國軍方面傷亡（全部）", "outcome"),
        Measure("casualties.roc.military", "ROC military casualties", "國軍官兵傷亡", "outcome"),
        Measure(
            "casualties.roc.military_ashore",
            "ROC military casualties, not at sea",
            "國軍官兵傷亡（海上除外）",
            "outcome",
        ),
        # the records count those aboard ships sunk or hit at sea (the Taisheng, the Zhonghai) apart
        Measure(
            "casualties.roc.at_sea",
            "ROC killed and wounded aboard ships hit at sea",
            "國軍海上船艦傷亡",
            "outcome",
        ),
        Measure("casualties.roc.civilian", "Kinmen civilian casualties", "金門平民傷亡", "outcome"),
        Measure("casualties.prc.military", "PLA military casualties", "解放軍官兵傷亡", "outcome"),
        Measure(
            "casualties.prc.civilian",
            "PRC militia and civilian casualties",
            "民兵群眾傷亡",
            "outcome",
        ),
        Measure("killed.roc.military", "ROC military killed", "國軍官兵陣亡", "outcome"),
        Measure("killed.roc.civilian", "Kinmen civilians killed", "金門平民死亡", "outcome"),
        Measure("killed.prc.military", "PLA military killed", "解放軍官兵陣亡", "outcome"),
        Measure("killed.prc.civilian", "PRC militia, civilians killed", "民兵群眾死亡", "outcome"),
        # a count of the orders' shoots (rounds on one place's batteries in a day): an input
        Measure("counter_bombardments.roc", "ROC counter-bombardments", "國軍反砲擊次數", "input"),
        Measure(
            "counter_bombardments.prc", "PLA counter-bombardments", "解放軍反砲擊次數", "input"
        ),
        # the hour a side's fire opened (the earliest hour its orders give): an input, as the
        # orders give it; a day whose orders give no hour has no figure
        *(
            Measure(f"start.hour.{s}", f"{n} fire opened (hour)", f"{z}開砲時刻", "input", "hour")
            for s, n, z in (("prc", "PLA", "解放軍"), ("roc", "ROC", "國軍"))
        ),
        Measure("guns_lost.roc.8inch", "ROC 8-inch guns destroyed", "國軍八吋砲被毀", "outcome"),
        Measure("guns_lost.prc", "PLA guns destroyed", "解放軍火砲被毀", "outcome"),
        Measure("guns_lost.roc", "ROC guns destroyed", "國軍火砲被毀", "outcome"),
        Measure(
            "commanders_hit.roc", "ROC commanders killed or wounded", "國軍將領傷亡", "outcome"
        ),
        # the named men the record has killed (wounded) that day whom the engine killed
        # (wounded) that day: the right men, not a count that a wrong man can fill
        Measure(
            "named_killed.roc",
            "named ROC officers killed, as recorded",
            "國軍將領陣亡（與記載同人）",
            "outcome",
        ),
        Measure(
            "named_wounded.roc",
            "named ROC officers wounded, as recorded",
            "國軍將領負傷（與記載同人）",
            "outcome",
        ),
    )
)

#: the running totals the replay prints each day, in order
TOTALS_SHOWN = (
    "shells.prc",
    "shells.roc",
    "tons.landed",
    "tons.landed_sea",
    "ships_sunk.roc",
    "amtracs_lost.roc",
    "boats_lost.prc",
    "aircraft_lost.prc",
    "aircraft_lost.roc",
    "casualties.roc.military",
    "casualties.roc.civilian",
    "casualties.prc.military",
    "casualties.prc.civilian",
    "guns_lost.prc",
    "guns_lost.roc",
    "counter_bombardments.roc",
)


def measure_day(
    sc: Scenario, before: State, after: State, report: Report, orders: Mapping[str, Sequence[Order]]
) -> dict[str, float]:
    """Every `MEASURES` figure for one resolved day (plus a few extras the replay prints)."""
    t, b = after.totals, before.totals

    def diff(name: str) -> float:
        # a state saved before a total existed lacks it: it was 0
        return float(t.get(name, 0.0) - b.get(name, 0.0))

    amtracs = {s: 0.0 for s in SIDES}
    sea = {s: 0.0 for s in SIDES}
    air = {s: 0.0 for s in SIDES}
    boats = {s: 0.0 for s in SIDES}
    #: killed and wounded aboard each side's ships hit at sea (by the other side's craft)
    at_sea = {s: 0.0 for s in SIDES}
    for e in report.entries:
        if e.kind == "convoy":
            amtracs[e.side] += e.data.get("amtracs_lost", 0)
            sea[e.side] += e.data.get("landed", 0.0)
        elif e.kind == "airlift":
            air[e.side] += e.data.get("landed", 0.0)
        elif e.kind == "naval":
            boats[e.side] += e.data.get("boats_lost", 0)
            if e.side in SIDES:
                at_sea[other(e.side)] += e.data.get("killed", 0.0) + e.data.get("wounded", 0.0)
    eight = 0
    missions = {s: 0 for s in SIDES}
    for side in SIDES:
        for o in orders.get(side, ()):
            if isinstance(o, Fire):
                missions[side] += 1
                if side == "roc" and sc.group(o.group).calibre_mm >= 203:
                    eight += o.rounds
    hits = {s: 0 for s in SIDES}
    eight_lost = 0
    for e in report.entries:
        if e.kind in ("fire", "counter_battery") and e.side in hits:
            hits[e.side] += int(e.data.get("hits", 0))
        if e.kind == "counter_battery":
            tg = sc.group(e.data["target"])
            if tg.side == "roc" and tg.calibre_mm >= 203:
                eight_lost += int(e.data.get("destroyed", 0))
    named = _named_as_recorded(sc, report)
    opened = {f"start.hour.{e.side}": float(e.data["hour"]) for e in report.of_kind("opening")}
    return {
        **opened,
        "shells.prc": diff("shells.prc"),
        "shells.roc": diff("shells.roc"),
        "rounds.8inch": float(eight),
        "missions.prc": float(missions["prc"]),
        "missions.roc": float(missions["roc"]),
        "hits.prc": float(hits["prc"]),
        "hits.roc": float(hits["roc"]),
        "tons.shipped": diff("tons.shipped"),
        "tons.landed": diff("tons.landed"),
        "tons.landed_sea": sea["roc"],
        "tons.returned": diff("tons.returned"),
        "tons.airlift": air["roc"],
        "ships_sunk.roc": diff("ships_lost.roc") - amtracs["roc"],
        "ships_damaged.roc": diff("ships_damaged.roc"),
        "ships_destroyed.roc": diff("ships_lost.roc") - amtracs["roc"] + diff("ships_wrecked.roc"),
        "amtracs_lost.roc": amtracs["roc"],
        "boats_lost.prc": boats["prc"],
        "aircraft_lost.prc": diff("aircraft_lost.prc"),
        "aircraft_lost.roc": diff("aircraft_lost.roc"),
        "casualties.roc": diff("casualties.roc.military") + diff("casualties.roc.civilian"),
        "casualties.roc.military": diff("casualties.roc.military"),
        "casualties.roc.military_ashore": diff("casualties.roc.military") - at_sea["roc"],
        "casualties.roc.at_sea": at_sea["roc"],
        "casualties.roc.civilian": diff("casualties.roc.civilian"),
        "casualties.prc.military": diff("casualties.prc.military"),
        "casualties.prc.civilian": diff("casualties.prc.civilian"),
        **{f"killed.{s}.{k}": diff(f"killed.{s}.{k}") for s in SIDES for k in KINDS},
        **{f"counter_bombardments.{s}": float(counter_bombardments(sc, orders, s)) for s in SIDES},
        "guns_lost.prc": diff("guns_lost.prc"),
        "guns_lost.roc": diff("guns_lost.roc"),
        "guns_lost.roc.8inch": float(eight_lost),
        "commanders_hit.roc": diff("commanders_lost.roc"),
        **aboard_day(before, after),
        "named_killed.roc": float(named["killed"]),
        "named_wounded.roc": float(named["wounded"]),
    }


def aboard_day(before: State, after: State) -> dict[str, float]:
    """Killed, and killed or wounded, aboard each named ship on the day (`ABOARD`)."""
    out: dict[str, float] = {}
    for ship, rec in after.named_ships.items():
        old = before.named_ships.get(ship) or new_named_record()
        killed = float(rec["killed"] - old["killed"])
        out[f"killed_aboard.{ship}"] = killed
        out[f"casualties_aboard.{ship}"] = killed + float(rec["wounded"] - old["wounded"])
    return out


KINDS = ("military", "civilian")


def counter_bombardments(sc: Scenario, orders: Mapping[str, Sequence[Order]], side: str) -> int:
    """The day's counter-bombardments by `side`: places whose batteries (enemy groups and
    battery areas) its orders give at least `counter_bombardment_min_rounds` rounds (the
    scenario's `rules:` gives why); a count of the orders' shoots, so an input measure."""
    at: dict[str, int] = {}
    for o in orders.get(side, ()):
        if not isinstance(o, Fire):
            continue
        target = fire_target(sc, o.target)
        if isinstance(target, ArtilleryGroup) or (
            target is not None and target.kind == "battery_area"
        ):
            at[target.place] = at.get(target.place, 0) + o.rounds
    least = sc.rule("counter_bombardment_min_rounds")
    return sum(1 for rounds in at.values() if rounds >= least)


def _named_as_recorded(sc: Scenario, report: Report) -> dict[str, int]:
    """How many ROC officers fell today with the fate the record gives them for today."""
    out = {"killed": 0, "wounded": 0}
    for e in report.entries:
        if e.kind != "commander" or e.side != "roc":
            continue
        c = next(x for x in sc.commanders if x.id == e.data["id"])
        fate = e.data["fate"]
        rec = c.record
        if rec is not None and rec.fate == fate and rec.date.isoformat() == report.date:
            out[fate] += 1
    return out


def state_figures(sc: Scenario, state: State) -> dict[str, float]:
    """What the garrison and the crisis stand at on the evening of a day."""
    out: dict[str, float] = {
        "morale.roc": round(state.morale["roc"], 1),
        "morale.prc": round(state.morale["prc"], 1),
        "tension": round(state.tension, 1),
        "us_commitment": round(state.us_commitment, 1),
    }
    for k in sc.supply.kinds:
        out[f"supply.{k.id}"] = round(state.supply[k.id], 1)
    food = supply_days(sc, state, "food") if any(k.id == "food" for k in sc.supply.kinds) else None
    if food is not None:
        out["supply_days.food"] = round(food, 1)
    return out


#: what victory.score variables measure (an engine variable may count more than the article)
SCORE_VARS: dict[str, str] = {
    "shells.prc": "shells.prc",
    "shells.roc": "shells.roc",
    "guns_lost.prc": "guns_lost.prc",
    "guns_lost.roc": "guns_lost.roc",
    "ships_lost.prc": "boats_lost.prc",
    # the engine's ships_lost.roc counts amtracs; the article counts vessels and amtracs apart
    "ships_lost.roc": "ships_sunk.roc",
    "casualties.prc.military": "casualties.prc.military",
    "casualties.roc.military": "casualties.roc.military",
    "aircraft_lost.prc": "aircraft_lost.prc",
    "aircraft_lost.roc": "aircraft_lost.roc",
}


def var_or_none(sc: Scenario, state: State, name: str) -> float | None:
    try:
        return float(get_var(sc, state, name))
    except (KeyError, TypeError, ValueError):
        return None
