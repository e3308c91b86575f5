"""Translation catalogues (game/scenario/translations.py): every English-only text a player of
the Chinese interface reads has its translation, a mod brings its own catalogue and inherits its
base's, a broken catalogue is an error at its line, a stale entry is a warning."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from game.__main__ import main
from game.history import encyclopedia
from game.history.days import history_days
from game.history.replay import RunningRecord, day_payload
from game.scenario import translations
from game.scenario.loader import read_scenario
from game.scenario.modfolder import find
from game.scenario.translations import catalogue_path, is_catalogue, msgids, untranslated
from game.words.strings import words

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "scenarios" / "kinmen_1958.yaml", ROOT / "scenarios" / "tutorial.yaml"]
EXAMPLES = sorted((ROOT / "scenarios" / "mods").glob("*.yaml"))
TINY = ROOT / "tests" / "data" / "tiny.yaml"
MARK = "（英文原文）"


def _load(path: Path):
    sc, problems = read_scenario(path)
    assert sc is not None, "\n".join(map(str, problems))
    return sc, problems


@pytest.mark.parametrize("path", SHIPPED + EXAMPLES, ids=lambda p: p.name)
def test_every_shipped_text_has_a_translation(path):
    sc, _ = _load(path)
    missing = untranslated(sc, "zh-Hant")
    listed = "\n".join(f"  {m.where}: {m.text[:100]}" for m in missing)
    assert not missing, f"{len(missing)} texts of {path.name} lack a zh-Hant translation:\n{listed}"


def test_the_1958_catalogue_covers_every_kind_of_text():
    """The catalogue is keyed by the English, so it covers the assumption reasons, the weapons
    and aircraft, and the record notes alike; and none of its entries is stale."""
    sc, problems = _load(SHIPPED[0])
    assert not [p for p in problems if "stale" in p.message]
    kinds = {m.where.rpartition(".")[2] if "assumption" not in m.where else "assumption"
             for m in msgids(sc)}  # fmt: skip
    assert {"assumption", "weapon", "aircraft", "not_modelled", "reason"} <= kinds
    texts = {m.text for m in msgids(sc)}
    assert len(texts) > 600 and texts <= set(sc.translations["zh-Hant"])


#: a run of Chinese in an English text: a quotation of the article (with its digits and marks)
CJK_RUN = re.compile(
    r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef…“”\d.,×]*[\u4e00-\u9fff]"
    r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef…“”\d.,×]*"
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_articles_chinese_quotations_are_kept_verbatim(path):
    """A reason that quotes the article keeps the quotation, character for character, in its
    translation (the player can find it in the article)."""
    sc, _ = _load(path)
    for en, zh in sc.translations["zh-Hant"].items():
        for run in CJK_RUN.findall(en):
            assert run.strip(".,") in zh, (run, en[:80])


def test_the_chinese_encyclopedia_shows_no_english_reason():
    sc, _ = _load(SHIPPED[0])
    for a in encyclopedia.articles(sc):
        s = encyclopedia.shown(a, "zh-Hant", sc)
        for text in (*s.assumptions, *s.lines):
            assert MARK not in text, (a.id, text)
        assert len(s.assumptions) == len(a.assumptions)
    shown = encyclopedia.shown(encyclopedia.find(sc, "artillery.prc_dadeng_105"), "zh-Hant", sc)
    assert any("擄獲的美製M101" in line for line in shown.lines)  # the weapon, translated
    english = encyclopedia.shown(encyclopedia.find(sc, "artillery.prc_dadeng_105"), "en", sc)
    assert any("captured" in line for line in english.lines)  # English is the scenario's own


def test_the_chinese_replay_day_shows_the_translated_assumption():
    sc, _ = _load(SHIPPED[0])
    until = dt.date(1958, 8, 30)  # a day the article is silent on
    payload = {}
    for lang in ("zh-Hant", "en"):
        record = RunningRecord(sc)
        for run in history_days(sc, 1, until=until):
            payload[lang] = day_payload(sc, run, record, lang)
    assert payload["zh-Hant"]["date"] == "1958-08-30"
    assert payload["zh-Hant"]["article"]["silent"]
    assert "文章對8月30日隻字未提" in payload["zh-Hant"]["article"]["assumption"]
    assert "The article says nothing of 30 August" in payload["en"]["article"]["assumption"]


# -- a mod's own catalogue ------------------------------------------------------------------------

BASE_CAT = """language: zh-Hant
strings:
  - en: "152 mm gun-howitzer"
    zh: "152公釐加農榴彈砲"
  - en: "M59 155 mm gun"
    zh: "M59 155公釐加農砲"
"""

MOD = """format: 1
id: tiny_mod
extends: base.yaml
meta:
  title: {{en: "Tiny mod", zh: "小模組"}}
artillery:
  - id: {gid}
    weapon: "M59 155 mm gun"
    assumption: {{guns: "Twice the guns, to see what happens."}}
"""

MOD_CAT = """language: zh-Hant
strings:
  - en: "Twice the guns, to see what happens."
    zh: "火砲加倍，看看會怎樣。"
  - en: "152 mm gun-howitzer"
    zh: "一五二加榴砲"
"""


def _tiny_gid() -> str:
    import yaml

    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    return next(g["id"] for g in data["artillery"] if g["weapon"] == "152 mm gun-howitzer")


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    shutil.copy(TINY, tmp_path / "base.yaml")
    (tmp_path / "base.zh-Hant.yaml").write_text(BASE_CAT, encoding="utf-8")
    path = tmp_path / "mod.yaml"
    path.write_text(MOD.format(gid=_tiny_gid()), encoding="utf-8")
    (tmp_path / "mod.zh-Hant.yaml").write_text(MOD_CAT, encoding="utf-8")
    return path


def test_a_mod_inherits_its_bases_catalogue_and_its_own_wins(mod):
    sc, problems = _load(mod)
    assert not [p for p in problems if p.severity == "error"]
    tr = sc.translations["zh-Hant"]
    assert tr["Twice the guns, to see what happens."] == "火砲加倍，看看會怎樣。"
    assert tr["M59 155 mm gun"] == "M59 155公釐加農砲"  # from the base's catalogue
    assert tr["152 mm gun-howitzer"] == "一五二加榴砲"  # the mod's own entry wins
    art = encyclopedia.find(sc, f"artillery.{_tiny_gid()}")
    assert encyclopedia.shown(art, "zh-Hant", sc).assumptions == ("火砲加倍，看看會怎樣。",)


def test_a_missing_translation_shows_the_english_marked(mod):
    (mod.parent / "mod.zh-Hant.yaml").unlink()
    sc, _ = _load(mod)
    art = encyclopedia.find(sc, f"artillery.{_tiny_gid()}")
    reasons = encyclopedia.shown(art, "zh-Hant", sc).assumptions
    assert reasons == ("Twice the guns, to see what happens." + MARK,)
    assert words("en").english(sc, "Twice the guns, to see what happens.") == (
        "Twice the guns, to see what happens."
    )


@pytest.mark.parametrize(
    "text, line, col, message",
    [
        ("language: zh-Hant\nstrings:\n  - en: x\n    zhh: y\n", 4, 5, "unknown key 'zhh'"),
        ("language: zh-Hant\nstrings:\n  - {en: a, zh: b}\n  - {en: a, zh: c}\n", 4, 10, "line 3"),
        ("language: en\nstrings: []\n", 1, 11, "language: zh-Hant"),
        ("language: zh-Hant\nstrings: {en: a}\n", 2, 10, "list"),
        ("language: zh-Hant\nstrings:\n  - en: [a\n", 3, 9, "never closed"),
    ],
    ids=["unknown-key", "twice", "language", "not-a-list", "yaml-syntax"],
)
def test_a_broken_catalogue_is_an_error_at_its_line(mod, text, line, col, message):
    cat = mod.parent / "mod.zh-Hant.yaml"
    cat.write_text(text, encoding="utf-8")
    sc, problems = read_scenario(mod)
    assert sc is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, problems
    (p,) = errors
    assert (Path(p.file).name, p.line, p.col) == (cat.name, line, col), str(p)
    assert message in p.message
    assert str(p).startswith(f"{p.file}:{line}:{col}: error: ")


def test_an_empty_translation_is_still_to_write_not_an_error(mod):
    cat = mod.parent / "mod.zh-Hant.yaml"
    cat.write_text(MOD_CAT.replace("火砲加倍，看看會怎樣。", ""), encoding="utf-8")
    sc, _ = _load(mod)
    missing = [m.text for m in untranslated(sc, "zh-Hant")]
    assert "Twice the guns, to see what happens." in missing
    assert "152 mm gun-howitzer" not in missing  # the base's translation is still used


def test_validate_warns_of_a_stale_entry(mod, capsys):
    cat = mod.parent / "mod.zh-Hant.yaml"
    cat.write_text(MOD_CAT.replace("Twice the guns, to", "Twice the guns to"), encoding="utf-8")
    assert main(["validate", str(mod)]) == 0  # a warning, the mod still loads
    err = capsys.readouterr().err
    assert f"{cat}:3:9: warning: strings[0].en: no text of the scenario reads so (stale?)" in err
    assert "the nearest text of the scenario: 'Twice the guns, to see what happens.'" in err


def test_validate_lists_the_untranslated_texts_for_a_modder(mod, capsys):
    (mod.parent / "mod.zh-Hant.yaml").unlink()
    assert main(["validate", str(mod), "--untranslated", "zh-Hant"]) == 1
    out = capsys.readouterr().out
    sc, _ = _load(mod)
    assert f"{len(untranslated(sc, 'zh-Hant'))} texts without a zh-Hant translation" in out
    assert '  - en: "Twice the guns, to see what happens."  # artillery[' in out
    assert str(catalogue_path(mod, "zh-Hant")) in out
    assert main(["validate", str(SHIPPED[0]), "--untranslated", "zh-Hant"]) == 0
    assert "every text has a zh-Hant translation" in capsys.readouterr().out


def test_a_catalogue_is_not_listed_as_a_scenario(mod):
    assert is_catalogue(mod.parent / "mod.zh-Hant.yaml")
    assert not is_catalogue(mod) and not is_catalogue(mod.parent / "my.mod.yaml")
    files, bad = find(mod.parent)
    assert sorted(p.name for p in files) == ["base.yaml", "mod.yaml"] and not bad
    assert all(not is_catalogue(p) for p in translations.scenario_files(ROOT / "scenarios"))
