"""English typography the bundled font can draw, and alternatives as one sentence (issue 16's
leftovers).

The game has one face for Latin and CJK (WenQuanYi Micro Hei), which draws curly quotes, the
em dash and the ellipsis at CJK full width: in an English sentence “Break the halt” took the
room of two Chinese characters per mark. English text gets Latin-width marks instead; Chinese
keeps its own. The guide's "You lose: ..." joined the endings' titles with ", ", keeping each
title's capital ("..., The blockade has won"): alternatives are now one sentence."""

from __future__ import annotations

import pytest

from game.history.encyclopedia import articles, fact_text, shown
from game.history.guide import guide
from game.scenario.model_text import Text
from game.words.strings import Words, strings, words
from tests.builder import shipped_scenario

pygame = pytest.importorskip("pygame")


@pytest.fixture(scope="module")
def font():
    from game.ui.theme import font_path

    pygame.font.init()
    return pygame.font.Font(str(font_path()), 30)


def _wide(font, text: str) -> list[str]:
    """The punctuation of `text` outside CJK that the bundled font draws as wide as an
    ideograph (arrows are symbols, drawn wide in either language)."""
    from game.ui.text import is_cjk

    full = font.size("中")[0]
    return sorted(
        {
            ch
            for ch in text
            if not is_cjk(ch) and not 0x2190 <= ord(ch) <= 0x21FF and font.size(ch)[0] >= full
        }
    )


def test_the_font_draws_curly_quotes_full_width(font):
    """Why the fix is needed: in this face a curly quote is as wide as a Chinese character."""
    assert _wide(font, "“”‘’—…") == sorted("“”‘’—…")


def test_english_strings_have_no_full_width_marks(font):
    w = Words("en")
    bad = {k: _wide(font, w.t(k)) for k in strings("en")}
    assert {k: v for k, v in bad.items() if v} == {}
    # "tick “Break the halt” to fire anyway" reads with straight quotes
    assert w.t("refuse.halt_declared", side="PLA", days=2).count('"') == 2


def test_english_scenario_texts_have_no_full_width_marks(font):
    """Every article of the 1958 scenario's encyclopedia in English (its names, facts,
    sources' English and the guide) is drawn with Latin-width marks."""
    sc = shipped_scenario()
    w = words("en")
    bad = []
    for a in articles(sc):
        s = shown(a, "en", sc)
        for text in (s.title, *s.lines, *s.assumptions):
            if _wide(font, text):
                bad.append(text)
        for _zh, en in s.quotes:
            if _wide(font, w.typeset(en)):
                bad.append(en)
    for side in ("roc", "prc"):
        bad += [t for f in guide(sc, side) if _wide(font, t := fact_text(f, w, sc))]
    assert bad == []


def test_chinese_keeps_its_full_width_marks():
    zh = Words("zh-Hant")
    assert zh.typeset("他說“停火”…") == "他說“停火”…"
    assert zh.text(Text(en="“Hold”", zh="「堅守」")) == "「堅守」"
    assert Words("en").text(Text(en="“Hold” — now…", zh="「堅守」")) == '"Hold" – now...'


def test_guide_lists_endings_as_one_sentence():
    """ "You lose: The blockade succeeds (...); the garrison breaks (...); or the blockade has
    won (...)": later titles lower-case their article, a proper noun keeps its capital, the
    conditions' commas do not run into the list's separators."""
    sc = shipped_scenario()
    en = {side: [fact_text(f, words("en"), sc) for f in guide(sc, side)] for side in ("roc", "prc")}
    lose = next(t for t in en["roc"] if t.startswith("You lose: "))
    assert lose.startswith("You lose: The blockade succeeds (")
    assert "); the garrison breaks (" in lose and "); or the blockade has won (" in lose
    assert ", The " not in lose and "; The " not in lose
    win = next(t for t in en["prc"] if t.startswith("You win: "))
    assert win[len("You win: ") :] == lose[len("You lose: ") :]
    assert next(t for t in en["prc"] if t.startswith("You lose: ")).startswith(
        "You lose: Kinmen holds ("
    )
    zh = [fact_text(f, words("zh-Hant"), sc) for f in guide(sc, "roc")]
    lose_zh = next(t for t in zh if t.startswith("你落敗："))
    assert "）；守軍崩潰（" in lose_zh and "）；或封鎖已成（" in lose_zh


@pytest.mark.parametrize(
    ("lang", "items", "expected"),
    [
        ("en", ["The A", "The B"], "The A, or the B"),
        ("en", ["Kinmen holds", "The US", "An end"], "Kinmen holds, the US, or an end"),
        ("en", ["Only one"], "Only one"),
        ("zh-Hant", ["甲", "乙", "丙"], "甲、乙或丙"),
        ("zh-Hant", ["甲（一、二）", "乙"], "甲（一、二）；或乙"),
    ],
)
def test_either(lang, items, expected):
    assert Words(lang).either(items) == expected
