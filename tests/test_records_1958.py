"""Whose record says what (issue 14): the 1958 scenario's claims against the article.

Each claim's value, and each number in its text and in every quote's English, must be a number
of the sentence it cites, read as the article writes it (5.7萬餘 is 57,000, 12萬8千 is 128,000,
兩 is 2); claims of one figure that disagree carry one `disagreement` id; two claims of one side
about one figure and day are told apart by `variant`; every quote has a whole-sentence English
rendering with the fragment marked «…».
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from functools import cache

import pytest

from game.history.citations import figure_map
from game.paths import default_scenario
from game.scenario.article import sentence_containing
from game.scenario.loader import load_scenario
from game.scenario.model import Scenario, Source

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "萬": 10_000, "万": 10_000}
CN_RUN = re.compile(r"[〇零一二两兩三四五六七八九十百千萬万]+")
AR_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[十百千萬万]\d*(?:\.\d+)?)*")


def _cn(run: str) -> int:
    """A Chinese numeral run: 二十 20, 一百 100, 九二四 924 (digits only), 十八 18."""
    if not any(ch in UNITS for ch in run):
        return int("".join(str(DIGITS[ch]) for ch in run))
    total, section, digit = 0, 0, 0
    for ch in run:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in ("萬", "万"):
            total += (section + digit) * 10_000
            section, digit = 0, 0
        else:
            section += (digit or 1) * UNITS[ch]
            digit = 0
    return total + section + digit


def _ar(run: str) -> int | float:
    """Arabic digits with Chinese units: 31,757; 5.7萬 57,000; 12萬8千 128,000; 2百 200."""
    parts = re.findall(r"(\d[\d,]*(?:\.\d+)?)([十百千萬万]?)", run)
    total, section = 0.0, 0.0
    for num, unit in parts:
        x = float(num.replace(",", ""))
        if unit in ("萬", "万"):
            total += (section + x) * 10_000
            section = 0.0
        elif unit:
            section += x * UNITS[unit]
        else:
            section += x
    v = total + section
    return int(v) if v == int(v) else v


def zh_numbers(text: str) -> set[float]:
    """Every number a Chinese sentence gives, in both readings where a run is ambiguous."""
    out: set[float] = set()
    for m in AR_RUN.finditer(text):
        out.add(_ar(m.group()))
        out.update(float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", m.group()))
    for m in CN_RUN.finditer(text):
        run = m.group()
        out.add(_cn(run))
        out.update(DIGITS[ch] for ch in run if ch in DIGITS)
    for h, mi in re.findall(r"(\d+)時(\d+)分", text):
        out.add(int(h) + int(mi) / 60 + (12 if "下午" in text and int(h) < 12 else 0))
    for m in re.finditer(r"([〇零一二两兩三四五六七八九十]+|\d+)(?:週|星期)", text):
        run = m.group(1)
        out.add(7 * (int(run) if run.isdigit() else _cn(run)))
    # clock times: 下午四時 is 16:00 and "4 pm"
    if "下午" in text:
        out.update(x + 12 for x in list(out) if 1 <= x <= 11)
    return out


EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip
EN_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(EN_WORDS) + r")\b", re.I)
#: numbers in English that are names, not figures: model designations and years
EN_NAMES = re.compile(
    r"\b\d{1,2}-\d{2}\b"  # battle names: 9-18, 9-24
    r"|\b(?:F|MiG|J|C|B|AIM|LSM|LST|M|SA|A|W)-?\d+\w*|No\. ?\d+"
    r"|\b19[5-7]\d\b|\d+(?:st|nd|rd|th)\b"
)


def en_numbers(text: str) -> list[float]:
    text = EN_NAMES.sub(" ", text.replace("«", "").replace("»", ""))
    text = re.sub(r"\b(\w+)-odd\b", r"\1", text)
    out: list[float] = []
    for m in EN_NUM.finditer(text):
        w = m.group().lower()
        out.append(float(EN_WORDS[w]) if w in EN_WORDS else float(w.replace(",", "")))
    return out


@cache
def scenario() -> Scenario:
    return load_scenario(default_scenario(), use_cache=False)


def _all_sources(sc: Scenario) -> list[tuple[str, Source]]:
    """Every `source` entry of the scenario, wherever it stands (days, claims, events, units,
    rules, moves, score items...), with a path saying where."""
    out: list[tuple[str, Source]] = []

    def walk(x: object, where: str) -> None:
        if isinstance(x, Source):
            out.append((where, x))
        elif isinstance(x, (list, tuple)):
            for i, v in enumerate(x):
                walk(v, f"{where}[{getattr(v, 'id', None) or getattr(v, 'date', None) or i}]")
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{where}.{k}")
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name), f"{where}.{f.name}" if where else f.name)

    walk(sc, "")
    return out


def _sentence(quote: str) -> str:
    sent = sentence_containing(quote)
    assert sent is not None, quote
    return sent.text


def test_numeral_reader() -> None:
    assert _ar("5.7萬") == 57_000
    assert _ar("12萬8千") == 128_000
    assert _ar("31,757") == 31_757
    assert _ar("2百") == 200
    assert _cn("二十") == 20 and _cn("一百") == 100 and _cn("十八") == 18 and _cn("兩") == 2
    assert 15_000 in zh_numbers("1万5千吨当量") and 40 in zh_numbers("40幾處")
    assert en_numbers("Over 57,000 rounds, 200-odd casualties, F-86s and No. 355") == [57000, 200]


def claims() -> list[tuple[str, object]]:
    return [(f"{d.date} {c.figure} {c.side}", c) for d in scenario().history for c in d.claims]


@pytest.mark.parametrize("cid,claim", claims(), ids=[c[0] for c in claims()])
def test_claim_figures_are_in_the_cited_sentence(cid: str, claim: object) -> None:
    """The value (or, for 未及卸载 and the like, an assumption that says how it was read) and
    every number of the claim's English are numbers of the cited sentences."""
    from game.scenario.model import Claim

    assert isinstance(claim, Claim)
    nums: set[float] = set()
    for s in claim.source:
        nums |= zh_numbers(_sentence(s.quote))
    sums = {a + b for a in nums for b in nums} | {
        a + b + c for a in nums for b in nums for c in nums
    }
    reading = (claim.assumption or {}).get("value") if isinstance(claim.assumption, dict) else None
    # a count the sentence gives in words ("the Taisheng", "the No. 2 aircraft", 未及卸载)
    named = claim.value in (0, 1)
    if reading and ":" in reading:
        # a count of the people the assumption names ("趙家驤、章傑 + 胡璉: 3")
        names = [n for n in re.split(r"[、+]", reading.rsplit(":", 1)[0]) if n.strip()]
        named = named or len(names) == claim.value == float(reading.rsplit(":", 1)[1])
    assert claim.value in nums or (reading and (claim.value in sums or named)), (
        f"{cid}: value {claim.value} is not in the cited sentence"
    )
    texts = [claim.text.en] if claim.text else []
    for t in texts + [s.en for s in claim.source]:
        for n in en_numbers(t):
            ok = n in nums or (reading and n in sums | {claim.value})
            assert ok, f"{cid}: {n} in {t!r} is not in the cited sentence"


def test_every_source_english_has_only_the_sentence_numbers() -> None:
    bad = []
    for where, s in _all_sources(scenario()):
        nums = zh_numbers(_sentence(s.quote))
        for t in (s.en, s.sentence_en or ""):
            for n in en_numbers(t):
                if n not in nums:
                    bad.append(f"{where}: {n} in {t!r}")
    assert not bad, "\n".join(bad)


def test_every_quote_has_a_whole_sentence_rendering() -> None:
    """The replay shows the whole sentence; its English must be there, fragment marked."""
    missing = [
        f"{where}: {s.quote}"
        for where, s in _all_sources(scenario())
        if not s.sentence_en or "«" not in s.sentence_en or "»" not in s.sentence_en
    ]
    assert not missing, f"{len(missing)} quotes without sentence_en:\n" + "\n".join(missing[:20])


def test_one_sentence_has_one_rendering() -> None:
    """A sentence quoted in many places reads the same in English everywhere: its renderings
    differ only in which fragment is marked, and one quote is always marked the same way."""
    by_sentence: dict[str, set[str]] = defaultdict(set)
    by_quote: dict[str, set[str]] = defaultdict(set)
    for _, s in _all_sources(scenario()):
        if s.sentence_en:
            plain = s.sentence_en.replace("«", "").replace("»", "")
            by_sentence[_sentence(s.quote)].add(plain)
            by_quote[s.quote].add(s.sentence_en)
    assert by_sentence, "no sentence_en at all"
    split = {k: v for k, v in by_sentence.items() if len(v) > 1}
    assert not split, "\n".join(f"{k}: {sorted(v)}" for k, v in split.items())
    assert not {k: v for k, v in by_quote.items() if len(v) > 1}


def test_two_claims_of_one_side_are_told_apart() -> None:
    seen: dict[tuple[object, str, str, str | None], int] = defaultdict(int)
    for d in scenario().history:
        for c in d.claims:
            seen[(d.date, c.figure, c.side, c.variant)] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def test_disagreements_are_flagged() -> None:
    """Two claims of one figure and day with different values share a disagreement id, and an
    id is never used alone."""
    groups: dict[str, list[float]] = defaultdict(list)
    sc = scenario()
    for d in sc.history:
        by_fig: dict[str, list[object]] = defaultdict(list)
        for c in d.claims:
            by_fig[figure_map(sc, c.figure).measure or c.figure].append(c)
            if c.disagreement:
                groups[c.disagreement].append(c.value)
        for fig, cs in by_fig.items():
            if len({c.value for c in cs}) > 1:  # type: ignore[attr-defined]
                ids = {c.disagreement for c in cs}  # type: ignore[attr-defined]
                assert len(ids) == 1 and None not in ids, f"{d.date} {fig}: not flagged"
    assert all(len(v) >= 2 for v in groups.values()), groups


#: words that carry no argument in a reason: articles, the scales' own names, verbs of change
_FILLER_TEXT = """
    a an the and or of to in on at by for from with as is are be it its this that than then so
    per each one two three four five six seven eight nine ten half third fifth tenth quarter
    us roc prc pla tension commitment morale rounds round gun guns day days adds add costs cost
    raise raises lower lowers lost loses lose gives give set sets"""
_FILLER = frozenset(_FILLER_TEXT.split())
#: a reason says it is a design choice in one of these words ...
_DESIGN = re.compile(r"game-design|calibrat|chosen", re.I)
#: ... or argues from the article, which it quotes in Chinese
_CJK = re.compile(r"[\u4e00-\u9fff]")


def argument_words(reason: str, field: str, title: str = "") -> list[str]:
    """The reason's words once numbers, signs, Chinese quotes, filler, the field's own name and
    the object's title are gone: what is left is the argument."""
    t = re.sub(r"[\u3000-\u9fff\uff00-\uffef「」“”‘’…]+", " ", reason.lower())
    t = re.sub(r"[+\-−]?\d[\d,.]*%?", " ", t)
    own = set(re.split(r"[_.\s]+", field.lower())) | set(re.findall(r"[a-z]+", title.lower()))
    words = re.findall(r"[a-z][a-z'-]+", t)
    return [w for w in words if len(w) > 2 and w not in _FILLER and w not in own]


def _value_reasons(sc: Scenario) -> list[tuple[str, str, str, str]]:
    """(where, field, reason, title) for every reason the issue asks to argue: event and move
    effects, every rule, and each PLA dump's stock and daily supply."""
    out: list[tuple[str, str, str, str]] = []
    for e in sc.events:
        if e.assumption and "effects" in e.assumption:
            out.append((f"event {e.id}", "effects", e.assumption["effects"], e.title.en))
    for m in sc.moves:
        if m.assumption and "effects" in m.assumption:
            out.append((f"move {m.id}", "effects", m.assumption["effects"], m.name.en))
    for name, r in sc.rules.items():
        why = "; ".join((r.assumption or {}).values())
        out.append((f"rule {name}", name, why, ""))
    for g in sc.artillery:
        for f in ("ammo", "ammo_per_day"):
            if g.assumption and f in g.assumption:
                out.append((f"artillery {g.id}", f, g.assumption[f], g.name.en))
    return out


def test_restatement_is_caught() -> None:
    """The check itself: the old reasons that only restated the value fail it, an argued one
    passes."""
    assert len(argument_words("Dulles warns Beijing: +4 US commitment, +3 tension.", "effects",
                              "Dulles warns Beijing")) < 5  # fmt: skip
    assert len(argument_words("1 tension per ship sunk.", "tension_per_ship_sunk")) < 5
    assert len(argument_words("Ji Xingwen dies: -2 ROC morale.", "effects", "Ji Xingwen dies")) < 5
    good = (
        "Game-design rate: a ship sunk under fire is news abroad (the Taisheng, the Meile), "
        "a third of a public warning."
    )
    assert len(argument_words(good, "tension_per_ship_sunk")) >= 5 and _DESIGN.search(good)


def test_reasons_argue_rather_than_restate() -> None:
    """Issue 14 item 3: a value's reason never just restates it. It keeps at least five words
    of argument beyond the value, the field's name and the object's title, and it either quotes
    the article (Chinese) or says plainly that the value is a game-design choice."""
    bad = []
    for where, field, why, title in _value_reasons(scenario()):
        words = argument_words(why, field, title)
        if len(words) < 5 or not (_CJK.search(why) or _DESIGN.search(why)):
            bad.append(f"{where}: {why!r}")
    assert not bad, f"{len(bad)} reasons only restate their value:\n" + "\n".join(bad)


def test_campaign_totals_that_disagree_are_flagged() -> None:
    """The campaign totals (the scenario's campaign_claims and its score items) follow the day
    claims' rule:
    totals of one measurement with different values share one disagreement id, and two totals
    of one side (the PRC's 3 and 2 torpedo boats) are told apart by variant."""
    from game.history.citations import campaign_claims

    sc = scenario()
    by_measure: dict[str, list[object]] = defaultdict(list)
    for c in campaign_claims(sc):
        by_measure[figure_map(sc, c.figure).measure or c.figure].append(c)
    flagged = set()
    for measure, cs in by_measure.items():
        if len({c.value for c in cs}) > 1:  # type: ignore[attr-defined]
            ids = {c.disagreement for c in cs}  # type: ignore[attr-defined]
            assert len(ids) == 1 and "" not in ids, f"{measure}: not flagged ({ids})"
            flagged |= ids
        sides = [(c.side, c.variant) for c in cs]  # type: ignore[attr-defined]
        assert len(sides) == len(set(sides)), f"{measure}: two totals of one side, no variant"
    assert "campaign_pla_boats_lost" in flagged
