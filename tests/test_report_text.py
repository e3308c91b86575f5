"""The report screen reads like a report (issue 16): events listed under their heading without
an "Event:" prefix on each, a side's fire told once per target with the figures added up, and
no line given twice, in both languages."""

from __future__ import annotations

from functools import cache

import pytest

from game.ai.players import make_player
from game.engine import new_game, resolve
from game.engine.report import Entry
from game.engine.run import ask_orders
from game.scenario.model import SIDES
from game.ui.screens.report_text import report_items
from game.words import LANGS, words
from tests.builder import shipped_scenario


@cache
def first_day():
    """The report of 23 August 1958, both sides giving the historical orders."""
    sc = shipped_scenario()
    st = new_game(sc, 1958)
    hist = make_player("history")
    orders = {s: ask_orders(sc, st, s, hist) for s in SIDES}
    return sc, resolve(sc, st, orders)[1]


@pytest.mark.parametrize("lang", LANGS)
def test_first_day_reads_like_a_report(lang):
    sc, report = first_day()
    w = words(lang)
    items = report_items(w, sc, report.entries)
    texts = [i.text for i in items]
    # events: under one heading, each by its title alone
    events = [e for e in report.entries if e.kind == "event"]
    assert events
    assert texts[0] == w.t("phase.events")
    prefix = w.t("entry.event", event="\0").split("\0")[0]
    assert prefix.strip()
    for i, e in enumerate(events, 1):
        title = next(ev.title for ev in sc.events if ev.id == e.data["id"])
        if e.key == "entry.event":
            assert texts[i] == w.t("listed.event", event=w.text(title))
        else:  # an outcome that did not happen in this game: told as the record's
            assert texts[i] == w.t("entry.in_history", event=w.text(title))
        assert not texts[i].startswith(prefix)
    # each side's fire on a target in one line, hits and casualties added up, its integrity
    # from before the first battery's fire to after the last's
    fire = [e for e in report.entries if e.kind == "fire"]
    targets = {(e.side, e.data["target"]) for e in fire}
    lines = [i for i in items if i.depth == 2]
    assert len(
        [
            i
            for i in lines
            if i.text.startswith(tuple(w.text(sc.target(t).name) for _, t in targets))
        ]
    ) == len(targets)
    assert len(targets) < len(fire)
    for side, tid in targets:
        on = [e for e in fire if (e.side, e.data["target"]) == (side, tid)]
        name = w.text(sc.target(tid).name)
        heads = (name + ":", name + "：")
        mine = [i for i in lines if i.side == side and i.text.startswith(heads)]
        assert len(mine) == 1, (side, tid)
        # English groups thousands (1,261), Chinese does not (1261)
        assert str(sum(e.data["hits"] for e in on)) in mine[0].text.replace(",", "")
        before, after = round(on[0].data["before"]), round(on[-1].data["after"])
        if before != after:
            assert f"{before} → {after}" in mine[0].text
    # a side's subheading once per side; no line twice
    assert sum(i.depth == 1 for i in items) == len({e.side for e in fire})
    keyed = [(i.text, i.side, i.depth) for i in items]
    assert len(keyed) == len(set(keyed))


def test_identical_lines_merge_with_a_count():
    sc = shipped_scenario()
    w = words("en")
    quiet = [Entry("air", "none", "air", "entry.air_none") for _ in range(3)]
    items = report_items(w, sc, quiet)
    assert [i.text for i in items] == [
        w.t("phase.air"),
        w.t("listed.repeated", line=w.t("entry.air_none"), n=3),
    ]
    assert "(×3)" in items[1].text
