"""A scenario's sources (issue 13): a mod quotes its own text files, each checked against the
text it names, footnotes included; paths stay inside the mod's folder; the history tools and
the credits read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.history.citations import article_day, quote_of
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.sources import entries

NOTES = "Notes of a what-if.\nThe fleet stayed in port all summer.[3] Nobody sailed.\n"

MOD = """format: 1
id: notes_mod
extends: kinmen_1958
sources:
  - {{id: notes, title: "My notes", licence: "CC0", file: {file}}}
history:
  - date: 1958-08-23
    source:
      - {{quote: "{quote}", en: "The fleet stayed in port.", from: notes{extra}}}
"""


def mod(
    tmp_path: Path,
    file: str = "notes.txt",
    quote: str = "The fleet stayed in port all",
    extra: str = ", footnote: 3",
) -> Path:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    path = tmp_path / "notes_mod.yaml"
    path.write_text(MOD.format(file=file, quote=quote, extra=extra), encoding="utf-8")
    return path


def test_a_mod_quotes_its_own_text_with_its_footnote(tmp_path: Path) -> None:
    sc = load_scenario(mod(tmp_path), use_cache=False)
    assert [s.id for s in entries(sc)] == ["article", "notes"]
    day = article_day(sc, sc.meta.start)
    q = quote_of(sc.history[0].source[-1], sc)
    assert q.sentence == "The fleet stayed in port all summer."
    assert q.to_dict()["footnote"] == 3 and q.to_dict()["from"] == "notes"
    assert q in day.quotes


@pytest.mark.parametrize(
    "kw,message",
    [
        ({"quote": "The fleet sailed at dawn"}, "quote not found within one sentence of 'notes'"),
        ({"extra": ", footnote: 4"}, "'notes' has no footnote [4]"),
        ({"file": "../outside.txt"}, "must be inside the scenario's folder"),
        ({"file": "missing.txt"}, "missing.txt"),
        ({"extra": ", from: diary"}, "no sources entry with id 'diary'"),
    ],
)
def test_bad_sources_are_errors_at_their_line(tmp_path: Path, kw: dict, message: str) -> None:
    if "from: diary" in kw.get("extra", ""):
        kw = {"extra": ""}
        path = mod(tmp_path, **kw)
        path.write_text(path.read_text().replace("from: notes", "from: diary"), encoding="utf-8")
    else:
        path = mod(tmp_path, **kw)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path, use_cache=False)
    text = str(err.value)
    assert message in text and "notes_mod.yaml:" in text
