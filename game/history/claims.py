"""The historical record beside the engine: what each side's record says, what the engine did.

Shared by `replay --headless`, `calibrate` and `report`:

- `LABELS` and `label()`: headings and labels in English and Traditional Chinese. Every claim
  is shown with the record it comes from ("PRC record", "ROC record", "neutral", "US record");
  no side's claim is ever shown as plain fact.
- `MEASURES`: the engine measurements a claim can be compared with, each computed for one day
  from the turn's report, its orders and the totals before and after (`measure_day`).
- `FIGURES`: each claim `figure:` name used by scenarios -> the measurement it is compared with,
  or the reason the engine does not model it.
- `CAMPAIGN` and `EXTRA_DAY_CLAIMS`: figures the article gives that are not day claims of the
  scenario (campaign totals, 23 August's fallen commanders...), each with its quote.
- `article_day()`: a day's record as plain data: quotes (with the whole sentence each comes
  from), claims grouped by measurement, the day's events, silence and assumption.
- `history_days()` and `record_days()`: the days of a game as `DayRun`s, both through
  the turn driver `game.engine.run`, the one play uses.

Stdlib only (no pygame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from game.ai.players import HistoryPlayer
from game.engine.legality import today
from game.engine.report import Report
from game.engine.run import play, replay
from game.engine.state import State, get_var, new_game, supply_days
from game.scenario.article import sentence_containing
from game.scenario.model import SIDES, HistoryDay, Scenario, Source
from game.scenario.orders import Fire, Order

LANGS = ("en", "zh-Hant")

#: every heading and label the history commands print, in both languages
LABELS: dict[str, dict[str, str]] = {
    "record.prc": {"en": "PRC record", "zh-Hant": "中共方面紀錄"},
    "record.roc": {"en": "ROC record", "zh-Hant": "中華民國方面紀錄"},
    "record.neutral": {"en": "neutral", "zh-Hant": "中立敘述"},
    "record.us": {"en": "US record", "zh-Hant": "美方紀錄"},
    "day": {"en": "day", "zh-Hant": "第{n}天"},
    "article": {"en": "Article", "zh-Hant": "條目紀錄"},
    "claims": {"en": "Claims (each labelled with its record)", "zh-Hant": "各方說法（標明出處）"},
    "events": {"en": "Events", "zh-Hant": "事件"},
    "engine": {"en": "Engine", "zh-Hant": "引擎結果"},
    "engine_inline": {"en": "engine", "zh-Hant": "引擎"},
    "totals": {"en": "Running totals (engine | article)", "zh-Hant": "累計（引擎｜條目）"},
    "divergence": {"en": "Divergence", "zh-Hant": "差異"},
    "silent": {
        "en": "The article is silent on this day. Assumption: {why}",
        "zh-Hant": "條目未記載此日。假設：{why}",
    },
    "records_differ": {"en": "records differ", "zh-Hant": "雙方紀錄不一"},
    "within": {"en": "within tolerance", "zh-Hant": "在容差內"},
    "outside": {"en": "outside tolerance", "zh-Hant": "超出容差"},
    "not_modelled": {"en": "not modelled", "zh-Hant": "引擎未模擬"},
    "campaign": {"en": "whole campaign", "zh-Hant": "整場戰役"},
    "dated": {"en": "dated claims so far", "zh-Hant": "至今有日期的說法"},
    "none": {"en": "none", "zh-Hant": "無"},
    "quiet": {"en": "no fire, no convoy, no battle", "zh-Hant": "無砲擊、無運補、無交戰"},
    "ending": {
        "en": "The game ends: {name} (winner: {winner}); score against history {score}",
        "zh-Hant": "遊戲結束：{name}（勝方：{winner}）；與歷史相比得分 {score}",
    },
    "fired": {
        "en": "{side} fired {rounds:,} rounds ({missions} missions, {hits:,} hits)",
        "zh-Hant": "{side}發射 {rounds:,} 發（{missions} 次射擊，命中 {hits:,} 發）",
    },
    "guns_destroyed": {"en": "{side} guns destroyed {n}", "zh-Hant": "{side}火砲被毀 {n} 門"},
    "casualties": {
        "en": "casualties: ROC {roc:,} (civilian {civ:,}), PLA {prc:,}",
        "zh-Hant": "傷亡：國軍 {roc:,}（平民 {civ:,}），解放軍 {prc:,}",
    },
    "convoy": {
        "en": "convoy of {ships} {cls} to {beach} ({when}): {landed:,.0f} of "
        "{shipped:,.0f} t landed, {lost} ships lost",
        "zh-Hant": "{cls}{ships}艘運補至{beach}（{when}）：{shipped:,.0f}噸中登陸"
        "{landed:,.0f}噸，損失{lost}艘",
    },
    "night": {"en": "night", "zh-Hant": "夜間"},
    "daytime": {"en": "day", "zh-Hant": "白天"},
    "airlift": {
        "en": "airlift of {sorties} sorties: {landed:,.0f} of {shipped:,.0f} t, "
        "{lost} transports lost",
        "zh-Hant": "空運{sorties}架次：{shipped:,.0f}噸中送達{landed:,.0f}噸，損失運輸機{lost}架",
    },
    "naval": {
        "en": "{boats} attack craft struck the convoy: {sunk} ships sunk, {lost} boats lost",
        "zh-Hant": "攻擊艇{boats}艘出擊：擊沉{sunk}艘，損失{lost}艘",
    },
    "naval_none": {
        "en": "Attack craft went out and found no convoy",
        "zh-Hant": "攻擊艇出擊，未遇船團",
    },
    "air_battle": {
        "en": "air battle: PLA lost {prc}, ROC lost {roc}",
        "zh-Hant": "空戰：解放軍損失{prc}架，國軍損失{roc}架",
    },
    "air_none": {"en": "fighter patrols did not meet", "zh-Hant": "雙方巡邏戰鬥機未接觸"},
    "recon": {
        "en": "{side} reconnaissance: {n} batteries spotted, {lost} aircraft lost",
        "zh-Hant": "{side}偵察：發現砲兵陣地{n}處，損失飛機{lost}架",
    },
    "commander": {"en": "{name}: {fate}", "zh-Hant": "{name}：{fate}"},
    "fate.killed": {"en": "killed", "zh-Hant": "陣亡"},
    "fate.wounded": {"en": "wounded", "zh-Hant": "負傷"},
    "move": {"en": "{side} move: {name}", "zh-Hant": "{side}行動：{name}"},
    "halt_broken": {"en": "{side} broke the declared halt", "zh-Hant": "{side}打破已宣布的停火"},
    "shortage": {"en": "Kinmen short of {kinds}", "zh-Hant": "金門缺乏{kinds}"},
    "side.prc": {"en": "PLA", "zh-Hant": "解放軍"},
    "side.roc": {"en": "ROC", "zh-Hant": "國軍"},
    "side.none": {"en": "no one", "zh-Hant": "無一方"},
    "side.draw": {"en": "draw", "zh-Hant": "和局"},
    "target": {"en": "target", "zh-Hant": "目標"},
    "see": {"en": "see", "zh-Hant": "見"},
}


def label(key: str, lang: str = "en", **fields: Any) -> str:
    """The label `key` in `lang` (English when missing), with `{fields}` filled."""
    entry = LABELS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**fields) if fields else text


def record_label(side: str, lang: str = "en", variant: str | None = None) -> str:
    """ "PRC record", "ROC record", "neutral" or "US record" (or their Chinese), with the
    claim's variant when one side's record gives a figure twice ("neutral (narrative A)")."""
    base = label(f"record.{side}", lang)
    return f"{base} ({variant})" if variant else base


def side_name(side: str | None, lang: str = "en") -> str:
    return label(f"side.{side or 'none'}", lang)


def fmt_num(x: float) -> str:
    """Whole numbers without decimals, others with one: 1,234 or 12.5."""
    if abs(x - round(x)) < 0.05:
        return f"{round(x):,}"
    return f"{x:,.1f}"


# ------------------------------------------------------------------------------------------
# Measurements
# ------------------------------------------------------------------------------------------

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


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("shells.prc", "PLA rounds fired", "解放軍發射砲彈", "input", "rounds"),
        Measure("shells.roc", "ROC rounds fired", "國軍發射砲彈", "input", "rounds"),
        Measure("rounds.8inch", "ROC 8-inch rounds fired", "國軍八吋砲發射砲彈", "input", "rounds"),
        Measure("tons.landed", "tons landed (sea and air)", "登陸物資噸數（海空）", "outcome", "t"),
        Measure("tons.landed_sea", "tons landed by sea", "海運登陸噸數", "outcome", "t"),
        Measure("tons.shipped", "tons shipped", "運出噸數", "input", "t"),
        Measure("ships_sunk.roc", "ROC vessels sunk", "國軍船艦被擊沉", "outcome"),
        Measure("amtracs_lost.roc", "ROC amtracs lost", "國軍兩棲登陸車損失", "outcome"),
        Measure("boats_lost.prc", "PLA boats lost", "解放軍艇隻損失", "outcome"),
        Measure("aircraft_lost.prc", "PLA aircraft lost", "解放軍飛機損失", "outcome"),
        Measure("aircraft_lost.roc", "ROC aircraft lost", "國軍飛機損失", "outcome"),
        Measure("casualties.roc", "ROC casualties (all)", "國軍方面傷亡（全部）", "outcome"),
        Measure("casualties.roc.military", "ROC military casualties", "國軍官兵傷亡", "outcome"),
        Measure("casualties.roc.civilian", "Kinmen civilian casualties", "金門平民傷亡", "outcome"),
        Measure("casualties.prc.military", "PLA military casualties", "解放軍官兵傷亡", "outcome"),
        Measure("guns_lost.prc", "PLA guns destroyed", "解放軍火砲被毀", "outcome"),
        Measure("guns_lost.roc", "ROC guns destroyed", "國軍火砲被毀", "outcome"),
        Measure(
            "commanders_hit.roc", "ROC commanders killed or wounded", "國軍將領傷亡", "outcome"
        ),
    )
}

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
    "guns_lost.prc",
    "guns_lost.roc",
)


def measure_day(
    sc: Scenario, before: State, after: State, report: Report, orders: Mapping[str, Sequence[Order]]
) -> dict[str, float]:
    """Every `MEASURES` figure for one resolved day (plus a few extras the replay prints)."""
    t, b = after.totals, before.totals

    def diff(name: str) -> float:
        return float(t[name] - b[name])

    amtracs = {s: 0.0 for s in SIDES}
    sea = {s: 0.0 for s in SIDES}
    air = {s: 0.0 for s in SIDES}
    boats = {s: 0.0 for s in SIDES}
    for e in report.entries:
        if e.kind == "convoy":
            amtracs[e.side] += e.data.get("amtracs_lost", 0)
            sea[e.side] += e.data.get("landed", 0.0)
        elif e.kind == "airlift":
            air[e.side] += e.data.get("landed", 0.0)
        elif e.kind == "naval":
            boats[e.side] += e.data.get("boats_lost", 0)
    eight = 0
    missions = {s: 0 for s in SIDES}
    for side in SIDES:
        for o in orders.get(side, ()):
            if isinstance(o, Fire):
                missions[side] += 1
                if side == "roc" and sc.group(o.group).calibre_mm >= 203:
                    eight += o.rounds
    hits = {s: 0 for s in SIDES}
    for e in report.entries:
        if e.kind in ("fire", "counter_battery") and e.side in hits:
            hits[e.side] += int(e.data.get("hits", 0))
    return {
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
        "tons.airlift": air["roc"],
        "ships_sunk.roc": diff("ships_lost.roc") - amtracs["roc"],
        "amtracs_lost.roc": amtracs["roc"],
        "boats_lost.prc": boats["prc"],
        "aircraft_lost.prc": diff("aircraft_lost.prc"),
        "aircraft_lost.roc": diff("aircraft_lost.roc"),
        "casualties.roc": diff("casualties.roc.military") + diff("casualties.roc.civilian"),
        "casualties.roc.military": diff("casualties.roc.military"),
        "casualties.roc.civilian": diff("casualties.roc.civilian"),
        "casualties.prc.military": diff("casualties.prc.military"),
        "guns_lost.prc": diff("guns_lost.prc"),
        "guns_lost.roc": diff("guns_lost.roc"),
        "commanders_hit.roc": diff("commanders_lost.roc"),
    }


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


# ------------------------------------------------------------------------------------------
# Claim figure names -> measurements
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureMap:
    """How a claim `figure:` is compared with the engine: a measurement, or why not."""

    measure: str | None
    reason: str = ""


FIGURES: dict[str, FigureMap] = {
    "shells.prc": FigureMap("shells.prc"),
    "shells.roc": FigureMap("shells.roc"),
    "rounds.8inch": FigureMap("rounds.8inch"),
    "tons.landed": FigureMap("tons.landed_sea"),
    "tons.shipped": FigureMap("tons.shipped"),
    # the article's casualty figures are 官兵 (officers and men): military casualties
    "casualties.roc": FigureMap("casualties.roc.military"),
    "casualties.roc.military": FigureMap("casualties.roc.military"),
    "casualties.prc": FigureMap("casualties.prc.military"),
    "casualties.prc.military": FigureMap("casualties.prc.military"),
    "ships_sunk.roc": FigureMap("ships_sunk.roc"),
    "ships_lost.roc": FigureMap("ships_sunk.roc"),
    "amtracs_lost.roc": FigureMap("amtracs_lost.roc"),
    "boats_lost.prc": FigureMap("boats_lost.prc"),
    "boats_sunk.prc": FigureMap("boats_lost.prc"),
    "ships_lost.prc": FigureMap("boats_lost.prc"),
    "aircraft_lost.prc": FigureMap("aircraft_lost.prc"),
    "aircraft_downed.prc": FigureMap("aircraft_lost.prc"),
    "aircraft_lost.roc": FigureMap("aircraft_lost.roc"),
    "aircraft_downed.roc": FigureMap("aircraft_lost.roc"),
    "guns_lost.prc": FigureMap("guns_lost.prc"),
    "guns_lost.roc": FigureMap("guns_lost.roc"),
    "commanders_hit.roc": FigureMap("commanders_hit.roc"),
    "ships_destroyed.roc": FigureMap(
        None,
        "escorts are never sunk or damaged in the engine's naval phase (the Tuojiang was an "
        "escort; scenario notes section 5)",
    ),
    "dead.taisheng": FigureMap(
        None,
        "the engine counts casualties (killed and wounded together), not deaths aboard "
        "one named ship",
    ),
    "dead.meile": FigureMap(
        None,
        "the engine counts casualties (killed and wounded together), not deaths aboard "
        "one named ship",
    ),
    "targets_destroyed.prc": FigureMap(
        None,
        "the engine has no count of 'targets destroyed': it tracks guns destroyed and "
        "the integrity of target areas",
    ),
    "roc.battalions": FigureMap(
        None,
        "the engine's fire unit is the artillery group (guns of one calibre at one "
        "place), not the battalion",
    ),
    "casualties.prc.civilian": FigureMap(
        None,
        "no PRC town is a target in the scenario, so PRC militia and civilian "
        "casualties cannot occur (scenario notes section 5)",
    ),
    "works_destroyed.roc": FigureMap(
        None, "ROC fortifications are target areas with integrity, not a count of works"
    ),
    "start.hour": FigureMap(None, "the engine's day has no clock: a day's fire is resolved as one"),
    "shells.prc.first_2h": FigureMap(
        None, "the engine's day has no hours: a day's fire is resolved as one"
    ),
    "guns.prc": FigureMap(
        None,
        "the order of battle is fixed data (439 guns, the PRC record), not an outcome; the "
        "narrative's 319 (before the battle) and 600-odd are shown beside it",
    ),
    "casualties.meile": FigureMap(
        None,
        "the engine counts casualties by side, not aboard one named ship",
    ),
    "guns_lost.roc.8inch": FigureMap(
        None,
        "the engine's ROC guns destroyed are counted for all groups together",
    ),
    "halt.days": FigureMap(
        None,
        "a halt's length is an input of the historical orders (the halt_days variable), "
        "not an outcome",
    ),
    "counter_bombardments.roc": FigureMap(
        None,
        "the engine has no unit 'a counter-bombardment': the ROC gives one fire mission "
        "per group and target each day",
    ),
}

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


#: single day claims whose figure is modelled but whose event is not: (date, figure) -> why
NOT_MODELLED_CLAIMS: dict[tuple[dt.date, str], str] = {
    (dt.date(1958, 9, 2), "tons.landed"): (
        "a convoy turning back at sea before unloading is not modelled: ships not sunk at sea "
        "reach the beach and unload (the article: 未及卸载货物即返航; scenario notes section 5)"
    ),
}


def figure_map(figure: str, date: dt.date | None = None) -> FigureMap:
    """The measurement a claim of `figure` (made for `date`) is compared with, or why not."""
    if date is not None and (date, figure) in NOT_MODELLED_CLAIMS:
        return FigureMap(None, NOT_MODELLED_CLAIMS[(date, figure)])
    return FIGURES.get(
        figure, FigureMap(None, f"no engine measurement is mapped to the figure '{figure}'")
    )


# ------------------------------------------------------------------------------------------
# Figures the article gives beyond the scenario's day claims
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cited:
    """One side's figure with the article's words for it (quote: exact display-text string)."""

    side: str
    figure: str
    value: float
    quote: str
    en: str
    date: dt.date | None = None
    note: str = ""
    zh: str = ""


#: campaign totals by each side's record (quotes checked against the article in the tests)
CAMPAIGN: tuple[Cited, ...] = (
    Cited(
        "roc",
        "shells.prc",
        470_000,
        "其所用的鋼材就來自當年中华人民共和国方面打來的47萬枚砲彈",
        "The steel comes from the 470,000 shells the PRC side fired in those days.",
        note="當年: the article gives no period; used as the campaign total by assumption",
    ),
    Cited(
        "roc",
        "shells.roc",
        128_000,
        "實施反砲擊82次，射擊砲彈12萬8千發",
        "82 counter-bombardments, 128,000 rounds fired.",
    ),
    Cited(
        "prc",
        "guns_lost.prc",
        32,
        "被击毁火炮32门、汽车8辆，伤亡官兵460余员、民兵群众218名",
        "Lost 32 guns and 8 vehicles; 460-odd soldiers and 218 militia and civilians hit.",
    ),
    Cited(
        "roc",
        "guns_lost.prc",
        221,
        "解放軍被擊毀野（高）炮221門",
        "The PLA lost 221 field (AA) guns destroyed.",
    ),
    Cited(
        "roc",
        "guns_lost.roc",
        14,
        "國軍只損野（高）炮14門、油彈庫1處、碼頭棧埠2處",
        "The ROC lost only 14 field (AA) guns, 1 fuel/ammunition store and 2 piers.",
    ),
    Cited(
        "prc",
        "guns_lost.roc",
        30,
        "雷达、电台7部，各种火炮30余门",
        "[Destroyed] 7 radars and radio sets, 30-odd guns of all kinds.",
        note="30余门: 30-odd, counted as 30",
    ),
    Cited(
        "prc",
        "boats_lost.prc",
        3,
        "解放军海军被击沉鱼雷艇3艘、伤1艘",
        "The PLA Navy lost 3 torpedo boats sunk, 1 damaged.",
    ),
    Cited(
        "prc",
        "boats_lost.prc",
        2,
        "沉失鱼雷艇2艘、伤1艘",
        "Lost 2 torpedo boats, 1 damaged (the PRC's other count).",
    ),
    Cited(
        "roc",
        "boats_lost.prc",
        22,
        "国军海军共击沉敌鱼雷快艇二十余艘，击伤4艘；击沉共军大型炮艇两艘",
        "The ROC Navy sank twenty-odd torpedo boats (4 damaged) and two large gunboats.",
        note="二十余艘 + 两艘: counted as 22",
    ),
    Cited(
        "prc",
        "ships_sunk.roc",
        7,
        "解放军海军击沉国军海军大小舰艇7艘、击伤17艘",
        "The PLA Navy sank 7 ROC vessels large and small and damaged 17.",
    ),
    Cited(
        "roc",
        "ships_sunk.roc",
        2,
        "2艘登陸艦沉沒（台生、美樂）",
        "2 landing ships sunk (Taisheng, Meile).",
    ),
    Cited(
        "prc",
        "amtracs_lost.roc",
        14,
        "击毁敌水陆两用输送车14辆、缴获1辆",
        "Destroyed 14 enemy amphibious carriers, captured 1.",
    ),
    Cited(
        "prc",
        "aircraft_lost.prc",
        11,
        "解放军被击落、击伤飞机11架",
        "The PLA had 11 aircraft shot down or damaged.",
    ),
    Cited("roc", "aircraft_lost.prc", 32, "击落共军米格十七型机32架", "Shot down 32 MiG-17s."),
    Cited(
        "prc",
        "aircraft_lost.roc",
        18,
        "击落国軍空军战斗机18架、击伤19架",
        "Shot down 18 ROC fighters, damaged 19.",
    ),
    Cited(
        "prc",
        "casualties.roc.military",
        1000,
        "毙伤国军中将以下官兵千余人",
        "Killed or wounded over a thousand ROC officers and men up to lieutenant general.",
        note="千余人: over a thousand, counted as 1,000",
    ),
    Cited(
        "prc",
        "casualties.prc.military",
        460,
        "伤亡官兵460余员、民兵群众218名",
        "460-odd officers and men killed or wounded.",
    ),
    Cited(
        "prc",
        "casualties.prc.civilian",
        218,
        "被击毁火炮32门、汽车8辆，伤亡官兵460余员、民兵群众218名",
        "218 militia and civilians killed or wounded.",
    ),
    Cited("prc", "works_destroyed.roc", 327, "摧毁敌各种阵地工事327处", "Destroyed 327 works."),
    Cited(
        "roc",
        "counter_bombardments.roc",
        82,
        "實施反砲擊82次，射擊砲彈12萬8千發",
        "82 counter-bombardments.",
    ),
)

#: dated figures of the article that the scenario's day claims do not carry
EXTRA_DAY_CLAIMS: tuple[Cited, ...] = (
    Cited(
        "neutral",
        "commanders_hit.roc",
        6,
        "金门防衛司令部司令官胡璉、參謀長劉明奎與在金門視察的中華民國國防部部長俞大維均負傷",
        "Zhao Jiaxiang and Zhang Jie killed, Ji Xingwen mortally wounded; Hu Lian, Liu Mingkui "
        "and Yu Ta-wei wounded: six hit.",
        date=dt.date(1958, 8, 23),
        note="趙家驤、章傑、吉星文 + 胡璉、劉明奎、俞大維: 6",
        zh="條目敘述：趙家驤、章傑陣亡，吉星文重傷不治，胡璉、劉明奎、俞大維負傷：共六人。",
    ),
    Cited(
        "roc",
        "ships_sunk.roc",
        1,
        "國軍台生輪沉沒，中海艦尾重傷",
        "[ROC record:] the Taisheng sank, the Zhonghai was badly damaged astern.",
        date=dt.date(1958, 8, 24),
        zh="國軍方面：台生輪沉沒，中海艦尾重傷。",
    ),
    Cited(
        "prc",
        "ships_sunk.roc",
        1,
        "解放军海岸炮兵第150连击沉敌运输舰“美乐”号",
        "Coastal battery company 150 sank the transport Meile.",
        date=dt.date(1958, 9, 8),
        zh="中共方面：海岸砲兵第150連擊沉美樂號。",
    ),
)

#: claims about one incident that the records date differently: one target over the window
SAME_INCIDENT: tuple[tuple[str, dt.date, dt.date, str], ...] = (
    (
        "boats_lost.prc",
        dt.date(1958, 9, 1),
        dt.date(1958, 9, 2),
        "the PRC list dates the loss of boats 174 and 180 to 1 Sep, the narrative to the "
        "2 Sep battle: one target over both days",
    ),
)


# ------------------------------------------------------------------------------------------
# A day's record as plain data
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    quote: str
    #: the whole sentence of the article's display text the quote comes from
    sentence: str
    en: str
    #: the whole sentence in English, the quoted fragment marked «…» (empty when not given)
    sentence_en: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"quote": self.quote, "sentence": self.sentence, "en": self.en}
        if self.sentence_en:
            out["sentence_en"] = self.sentence_en
        return out


def quote_of(src: Source | Cited) -> Quote:
    sent = sentence_containing(src.quote)
    whole = getattr(src, "sentence_en", None) or ""
    return Quote(src.quote, sent.text if sent is not None else src.quote, src.en, whole)


@dataclass
class ClaimView:
    side: str
    figure: str
    value: float
    text_en: str
    text_zh: str
    quotes: list[Quote]
    assumption: str = ""
    #: "narrative A" / "narrative B" when one record gives the figure twice
    variant: str = ""
    #: the id shared by the claims that disagree about one figure
    disagreement: str = ""

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "side": self.side,
            "label": record_label(self.side, lang, self.variant),
            "figure": self.figure,
            "value": self.value,
            "text": self.text_zh if lang == "zh-Hant" else self.text_en,
            "quotes": [q.to_dict() for q in self.quotes],
            **({"assumption": self.assumption} if self.assumption else {}),
            **({"disagreement": self.disagreement} if self.disagreement else {}),
        }


@dataclass
class ArticleDay:
    date: dt.date
    summary_en: str = ""
    summary_zh: str = ""
    silent: bool = False
    assumption: str = ""
    quotes: list[Quote] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        return self.summary_zh if lang == "zh-Hant" else self.summary_en

    def by_measure(self) -> dict[str, list[ClaimView]]:
        """Modelled claims grouped by the engine measurement they are compared with."""
        out: dict[str, list[ClaimView]] = {}
        for c in self.claims:
            m = figure_map(c.figure, self.date).measure
            if m is not None:
                out.setdefault(m, []).append(c)
        return out

    def not_modelled(self) -> list[ClaimView]:
        return [c for c in self.claims if figure_map(c.figure, self.date).measure is None]


def _assumption_text(a: Mapping[str, str] | None) -> str:
    if not a:
        return ""
    return "; ".join(v if not k else f"{k}: {v}" for k, v in a.items())


def history_by_date(sc: Scenario) -> dict[dt.date, HistoryDay]:
    cache = sc.__dict__.get("_claims_history_by_date")
    if cache is None:
        cache = sc.__dict__["_claims_history_by_date"] = {d.date: d for d in sc.history}
    return cache


def article_day(sc: Scenario, date: dt.date) -> ArticleDay:
    """The record of one day: quotes, both sides' claims, silence and assumption."""
    hd = history_by_date(sc).get(date)
    out = ArticleDay(date)
    if hd is not None:
        out.summary_en, out.summary_zh = hd.summary.en, hd.summary.zh
        out.silent = hd.article_silent
        out.assumption = _assumption_text(hd.assumption)
        out.quotes = [quote_of(s) for s in hd.source]
        for c in hd.claims:
            out.claims.append(
                ClaimView(
                    c.side,
                    c.figure,
                    float(c.value),
                    c.text.en if c.text else "",
                    c.text.zh if c.text else "",
                    [quote_of(s) for s in c.source],
                    _assumption_text(c.assumption),
                    c.variant or "",
                    c.disagreement or "",
                )
            )
    if sc.id == "kinmen_1958":
        for x in EXTRA_DAY_CLAIMS:
            if x.date == date:
                out.claims.append(
                    ClaimView(x.side, x.figure, x.value, x.en, x.zh or x.en, [quote_of(x)], x.note)
                )
    return out


def sentences_of_day(day: ArticleDay) -> list[Quote]:
    """The day's quotes and its claims' quotes, one per sentence, in order."""
    seen: set[str] = set()
    out = []
    for q in [*day.quotes, *(q for c in day.claims for q in c.quotes)]:
        if q.sentence not in seen:
            seen.add(q.sentence)
            out.append(q)
    return out


def campaign_claims(sc: Scenario) -> list[Cited]:
    """Campaign totals: the code table (for the 1958 scenario) and the scenario's score items.

    A score item whose measurement and value are already in the table is not repeated; one
    that is not (another scenario, or a changed figure) is added as a neutral figure.
    """
    table = list(CAMPAIGN) if sc.id == "kinmen_1958" else []
    for item in sc.victory.score:
        measure = SCORE_VARS.get(item.var)
        if measure is None:
            continue
        if any(
            figure_map(c.figure).measure == measure and c.value == item.historical for c in table
        ):
            continue
        src = item.source[0] if item.source else None
        table.append(
            Cited(
                "neutral",
                item.var,
                item.historical,
                src.quote if src else "",
                src.en if src else item.name.en,
            )
        )
    return table


# ------------------------------------------------------------------------------------------
# The days of a game
# ------------------------------------------------------------------------------------------


@dataclass
class DayRun:
    """One resolved day: its orders, the states before and after, and the report."""

    date: dt.date
    orders: dict[str, list[Order]]
    before: State
    after: State
    report: Report
    _figures: dict[str, float] | None = None
    #: historical orders the rules refused on this day (`HistoryPlayer.refused`), as text
    refused: tuple[str, ...] = ()

    @property
    def day(self) -> int:
        """0 for the first day."""
        return self.before.day

    def figures(self, sc: Scenario) -> dict[str, float]:
        if self._figures is None:
            self._figures = measure_day(sc, self.before, self.after, self.report, self.orders)
        return self._figures


def _days_until(sc: Scenario, until: dt.date | None) -> int:
    """Turns from the first day up to `until` (inclusive), at most the scenario's days."""
    return sc.days if until is None else max(0, min(sc.days, (until - sc.meta.start).days + 1))


def history_days(sc: Scenario, seed: int, *, until: dt.date | None = None) -> Iterator[DayRun]:
    """The historical record played by the turn driver (`HistoryPlayer` on both sides).

    As in `game.history.replayfile.play_history`: each day both sides give the record's
    orders (an order the game no longer allows is dropped) and `resolve` decides.
    """
    players = {side: HistoryPlayer() for side in SIDES}
    for t in play(sc, new_game(sc, seed), players, days=_days_until(sc, until)):
        date = today(sc, t.before)
        refused = tuple(str(r) for side in SIDES for r in players[side].refused if r.date == date)
        yield DayRun(date, t.orders, t.before, t.after, t.report, refused=refused)


def record_days(game: Any, *, until: dt.date | None = None) -> Iterator[DayRun]:
    """The recorded days of a `game.history.game.Game`, replayed from its first day."""
    sc = game.scenario
    n = min(len(game.record.turns), _days_until(sc, until))
    for t in replay(sc, game.state_at(0), map(game.record.orders, range(n))):
        yield DayRun(today(sc, t.before), t.orders, t.before, t.after, t.report)


def var_or_none(sc: Scenario, state: State, name: str) -> float | None:
    try:
        return float(get_var(sc, state, name))
    except (KeyError, TypeError, ValueError):
        return None
