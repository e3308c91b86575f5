"""Every interface string exists in English and Traditional Chinese, and the code uses no
key that the files lack."""

from __future__ import annotations

import re
from pathlib import Path

from game.ui.i18n import LANGS, Locale, strings
from game.ui.text import has_cjk

UI = Path(__file__).resolve().parents[1] / "game" / "ui"


def test_same_keys_in_both_languages():
    en, zh = strings("en"), strings("zh-Hant")
    assert set(en) == set(zh), sorted(set(en) ^ set(zh))


def test_chinese_values_are_chinese_and_differ():
    en, zh = strings("en"), strings("zh-Hant")
    not_cjk = [k for k in en if not has_cjk(zh[k])]
    same = [k for k in en if zh[k] == en[k]]
    assert not not_cjk, not_cjk
    assert not same, same


def test_placeholders_match():
    en, zh = strings("en"), strings("zh-Hant")
    field = re.compile(r"\{(\w+)(?::[^}]*)?\}")  # a name, then maybe a spec such as :hit|hits
    bad = [k for k in en if set(field.findall(en[k])) != set(field.findall(zh[k]))]
    assert not bad, bad


def test_every_key_used_in_code_exists():
    en = strings("en")
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]*[a-zA-Z0-9])["']""")
    missing = set()
    for path in UI.rglob("*.py"):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in en:
                missing.add((path.name, key))
    assert not missing, sorted(missing)


def test_locale_lookup_and_fallback():
    zh = Locale("zh-Hant")
    assert zh.t("menu.new_game") == "新遊戲"
    assert zh.t("pass.title", side=zh.side("roc")) == "請把電腦交給國軍玩家"
    assert Locale("xx").lang == "en"
    assert Locale("en").t("no.such.key") == "no.such.key"
    assert set(LANGS) == {"en", "zh-Hant"}


def test_english_plural_forms():
    """`{n:one|many}` in a template puts the noun in the right number; Chinese has no such
    forms and its templates just write the number."""
    en, zh = Locale("en"), Locale("zh-Hant")
    one = en.t("entry.counter_battery", group="A", target="B", hits=1, destroyed=1)
    many = en.t("entry.counter_battery", group="A", target="B", hits=3, destroyed=0)
    assert "1 hit," in one and "1 gun destroyed" in one
    assert "3 hits," in many and "0 guns destroyed" in many
    assert "命中1發" in zh.t("entry.counter_battery", group="A", target="B", hits=1, destroyed=1)
