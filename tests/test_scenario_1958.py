"""The 1958 scenario is the article as data: every quote real, every number sourced or reasoned,
every dated mention of the crisis cited, one historical entry per day."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import pytest

from game.paths import default_scenario
from game.scenario.article import check_quote, dated_mentions, display_text
from game.scenario.loader import read_scenario
from game.scenario.yamlsafe import load_yaml_file

PATH = default_scenario()
FIRST, LAST_CITED = dt.date(1958, 8, 23), dt.date(1958, 10, 25)


@cache
def raw() -> dict[str, Any]:
    return load_yaml_file(PATH).data


@cache
def scenario():
    sc, problems = read_scenario(PATH)
    return sc, problems


def test_scenario_validates_with_zero_errors():
    sc, problems = scenario()
    # warnings load; the one known is a data question for the 1958 scenario's authors
    # (tests/test_extends.py says which)
    problems = [p for p in problems if "'prc_aotou_105' can reach no enemy" not in p.message]
    assert problems == [], "\n".join(map(str, problems[:30]))
    assert sc is not None and sc.id == "kinmen_1958"


def _walk(node: Any, path: tuple = ()):
    """Every mapping in the file with its path."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _sources(entry: dict) -> list[dict]:
    src = entry.get("source")
    if isinstance(src, dict):
        return [src]
    return [s for s in src or [] if isinstance(s, dict)]


def all_quotes() -> list[tuple[tuple, str]]:
    return [(p, s["quote"]) for p, e in _walk(raw()) for s in _sources(e)]


def test_every_quote_follows_the_citation_rule():
    quotes = all_quotes()
    assert len(quotes) > 100
    bad = [(p, q, check_quote(q)) for p, q in quotes if check_quote(q)]
    assert not bad, bad[:10]
    for p, e in _walk(raw()):
        for s in _sources(e):
            assert isinstance(s.get("en"), str) and s["en"].strip(), p


# -- numbers ------------------------------------------------------------------------------------

_CN = {
    "零": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _cn_small(s: str) -> int | None:
    """Chinese numerals up to 99 (八, 十八, 二十, 三十二)."""
    if not s:
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN.get(a, 1) if a else 1
        ones = _CN.get(b, 0) if b else 0
        return tens * 10 + ones
    return _CN.get(s) if len(s) == 1 else None


def numbers_in(text: str) -> set[float]:
    """The numbers a quote states, in the forms the article uses: 31,757; 5.7萬; 12萬8千; 八艘."""
    out: set[float] = set()
    t = text.replace(",", "").replace("，", "，")
    for m in re.finditer(r"(\d+(?:\.\d+)?)萬(?:(\d+)千)?", t):
        out.add(float(m.group(1)) * 10000 + (float(m.group(2)) * 1000 if m.group(2) else 0))
    for m in re.finditer(r"(\d+(?:\.\d+)?)千", t):
        out.add(float(m.group(1)) * 1000)
    for m in re.finditer(r"\d+(?:\.\d+)?", t):
        out.add(float(m.group()))
    for m in re.finditer(r"[零一二兩两三四五六七八九十]+", t):
        v = _cn_small(m.group())
        if v is not None:
            out.add(float(v))
    return out


NUMERIC_SECTIONS = ("artillery", "ships", "air", "events", "history", "commanders")
SKIP_FIELDS = {"lon", "lat", "format"}


def _numeric_fields(entry: dict) -> dict[str, float]:
    out = {}
    for k, v in entry.items():
        if k in SKIP_FIELDS or k in ("source", "assumption"):
            continue
        if isinstance(v, int | float) and not isinstance(v, bool):
            out[k] = float(v)
    return out


def _entries_to_check():
    data = raw()
    for section in NUMERIC_SECTIONS:
        for i, entry in enumerate(data.get(section) or []):
            yield (section, i), entry
    for i, entry in enumerate((data.get("supply") or {}).get("kinds") or []):
        yield ("supply", "kinds", i), entry
    for i, day in enumerate(data.get("history") or []):
        for j, claim in enumerate(day.get("claims") or []):
            yield ("history", i, "claims", j), claim


def _history_numbers(day: dict) -> dict[str, float]:
    """Numbers inside a day's orders, named by where they are (orders.prc[0].rounds)."""
    out = {}
    for side, orders in (day.get("orders") or {}).items():
        for j, order in enumerate(orders or []):
            for path, node in _walk(order):
                for k, v in node.items():
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        out[f"orders.{side}[{j}]{''.join(f'.{p}' for p in path)}.{k}"] = v
    return out


def test_each_number_has_a_source_or_an_assumption():
    missing = []
    for path, entry in _entries_to_check():
        fields = _numeric_fields(entry)
        if path[0] == "history" and len(path) == 2:
            fields.update(_history_numbers(entry))
        if not fields:
            continue
        assumption = entry.get("assumption")
        if isinstance(assumption, str) and assumption.strip():
            continue
        named = set(assumption) if isinstance(assumption, dict) else set()
        stated = set()
        for s in _sources(entry):
            stated |= numbers_in(s["quote"])
        for name, value in fields.items():
            short = name.rsplit(".", 1)[-1]
            in_orders = name.startswith("orders.") and "orders" in named
            if name in named or short in named or in_orders or value in stated:
                continue
            missing.append((path, name, value))
    assert not missing, missing[:20]


def test_dates_of_the_history_appear_in_their_quotes():
    bad = []
    for day in raw().get("history") or []:
        if day.get("article_silent"):
            assert day.get("assumption"), day["date"]
            continue
        d = dt.date.fromisoformat(day["date"])
        mark = f"{d.month}月{d.day}日"
        quotes = [s["quote"] for s in _sources(day)]
        bare = f"{d.day}日"
        if not any(mark in q or bare in q for q in quotes):
            bad.append(day["date"])
    assert not bad, bad


def test_history_has_exactly_one_entry_per_day():
    sc, _ = scenario()
    assert sc is not None
    days = [d.date for d in sc.history]
    want = [sc.meta.start + dt.timedelta(days=i) for i in range(sc.days)]
    assert days == want
    assert sc.meta.start == FIRST and sc.meta.end >= dt.date(1958, 10, 31)


# Dates of 1954 and other years are out of scope; the allow-list names the mentions that
# dated_mentions places in 1958 but that concern another year's events, if any.
ALLOW = {"1954-09-03", "1954-09-22"}


def test_every_dated_mention_of_the_crisis_is_cited():
    text = display_text()
    spans = []
    for _, q in all_quotes():
        at = text.find(q)
        while at >= 0:
            spans.append((at, at + len(q)))
            at = text.find(q, at + 1)
    uncited = []
    for m in dated_mentions(text):
        if m.year != 1958 or m.iso in ALLOW or not (FIRST <= m.date <= LAST_CITED):
            continue
        if not any(a <= m.offset and m.end <= b for a, b in spans):
            uncited.append((m.iso, text[max(0, m.offset - 15) : m.end + 15]))
    assert not uncited, uncited


@pytest.mark.parametrize(
    "text,expected",
    [
        ("落彈近31,757發", 31757),
        ("是日落彈數更達5.7萬餘發", 57000),
        ("射擊砲彈12萬8千發", 128000),
        ("擊沉解放军意圖攻擊運補船艦的魚雷快艇八艘", 8),
        ("共計308門", 308),
    ],
)
def test_numbers_in_quotes(text, expected):
    assert expected in numbers_in(text)
