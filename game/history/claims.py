"""The history commands' headings and labels, and how a claim's record is named.

Shared by `replay --headless`, `calibrate` and `report`: `LABELS` and `label()` give every
heading and label in English and Traditional Chinese. Every claim is shown with the record it
comes from ("PRC record", "ROC record", "neutral", "US record"); no side's claim is ever shown
as plain fact.

The rest of the history tools' vocabulary lives beside this module: `measures` (what the
engine is measured on), `citations` (the scenario's claims, quotes and figure mapping) and
`days` (the days of a game through the turn driver).

Stdlib only (no pygame).
"""

from __future__ import annotations

from typing import Any

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
