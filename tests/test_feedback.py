"""Feedback with causes (issue 17, item 4): the report's one-line summary, the causes under
report entries, the status tab's change since yesterday and trends, and the forces tab.

The summary's figures must be the report's and the observation's own; nothing the table hides
from a side may reach the summary, the trends or the forces tab (twin states that differ only
in hidden figures give the same text); the words are the locale's in both languages.
"""

from __future__ import annotations

import pytest

from game.ai.players import make_player
from game.engine.observe import observe, visible_entries
from game.engine.run import ask_orders
from game.history.game import Game
from game.paths import default_scenario
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES
from game.ui import trends
from game.ui.i18n import Locale
from game.ui.screens.day_summary import summarize, summary_text
from game.ui.screens.forces_panel import force_lines
from game.ui.screens.report_text import causes, report_items
from tests.test_observe import hidden_twin
from tests.test_ui_texts import _check

#: 8 September 1958 is day 17; the 2 September convoy turned back on day 11
DAYS = 17


@pytest.fixture(scope="module")
def history():
    """The 1958 scenario played by the historical record for `DAYS` days, each day's report."""
    sc = load_scenario(default_scenario())
    game = Game(sc, 1958)
    hist = make_player("history")
    reports = []
    for _ in range(DAYS):
        orders = {s: ask_orders(sc, game.state, s, hist) for s in SIDES}
        reports.append(game.play_turn(orders))
    return sc, game, reports


def test_summary_figures_are_the_reports_and_the_observations(history):
    sc, game, reports = history
    for side in SIDES:
        days = trends.observations(game, sc, side)
        assert len(days) == DAYS + 1
        for d, rep in enumerate(reports, 1):
            entries = visible_entries(sc, rep, side)
            s = summarize(sc, days[d - 1], days[d], entries)
            landed = sum(e.data["landed"] for e in entries if e.kind in ("convoy", "airlift"))
            assert s.landed == pytest.approx(landed, abs=1e-6)
            for who in SIDES:
                grown = (
                    days[d].totals[f"ships_lost.{who}"] - days[d - 1].totals[f"ships_lost.{who}"]
                )
                assert s.losses[who]["ships"] == grown
            assert s.tension == days[d].tension
            assert s.us_change == pytest.approx(days[d].us_commitment - days[d - 1].us_commitment)
            events = [e.data["id"] for e in entries if e.key == "entry.event"]
            assert list(s.events) == events
            if side == sc.cast.besieged:  # its own stocks: landed minus what they grew
                before, after = trends.stock_total(days[d - 1]), trends.stock_total(days[d])
                assert s.used == pytest.approx(max(0.0, landed - (after - before)))
            else:
                assert s.used is None and s.stock_change is None
    # the besieger's summary says the stocks are unknown, the besieged's gives them
    prc = summary_text(Locale("en"), sc, summarize(sc, days[0], days[1], []))
    assert "stocks unknown" not in prc  # `days` is the last side's (the ROC's)


def test_the_observations_are_the_sides_own(history):
    sc, game, _ = history
    for side in SIDES:
        days = trends.observations(game, sc, side)
        for d in (0, 5, DAYS):
            assert days[d] == observe(sc, game.state_at(d), side)


def test_causes_name_the_batteries_and_the_boats(history):
    sc, _, reports = history
    loc = Locale("en")
    lines = {
        d: [c.text for e in r.entries for c in causes(loc, sc, e)] for d, r in enumerate(reports, 1)
    }
    # 2 September: the convoy turned back, its escorts hit by the torpedo boats
    assert any("Turned back because 2 escorts were hit by Torpedo boat" in t for t in lines[11])
    # 8 September: ships sunk at Xintou by the batteries that fired on it that day
    sept8 = reports[DAYS - 1]
    convoy = next(e for e in sept8.entries if e.kind == "convoy")
    fired = [
        e.data["group"]
        for e in sept8.entries
        if e.kind == "fire" and e.data["target"] == convoy.data["beach"]
    ]
    assert convoy.data["fired_by"] == list(dict.fromkeys(fired))
    sunk, damaged = convoy.data["sunk_at_beach"], convoy.data["damaged"]
    assert sunk + damaged >= 1  # the Meile's day: ships were hit at the pier
    if sunk:
        head = f"{sunk} ship{'s' if sunk > 1 else ''} sunk" + (
            f" and {damaged} damaged" if damaged else ""
        )
    else:
        head = f"{damaged} ship{'s' if damaged > 1 else ''} damaged"
    assert any(
        t.startswith(f"{head} at the beach by fire from Weitou 130 mm") for t in lines[DAYS]
    ), lines[DAYS]
    # every naval entry names its attackers; every air battle its losses by unit
    for r in reports:
        for e in r.entries:
            if e.key == "entry.naval":
                assert e.data["attackers"] and e.data["target_cls"]
            if e.kind == "air_battle":
                for s in SIDES:
                    assert sum(e.data["lost_by_unit"][s].values()) == e.data[f"{s}_lost"]


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_feedback_texts_have_no_ids_or_keys(history, lang):
    sc, game, reports = history
    loc = Locale(lang)
    texts: list[str] = []
    for side in SIDES:
        days = trends.observations(game, sc, side)
        for d, rep in enumerate(reports, 1):
            entries = visible_entries(sc, rep, side)
            texts.append(summary_text(loc, sc, summarize(sc, days[d - 1], days[d], entries)))
            texts += [it.text for it in report_items(loc, sc, entries)]
        texts += [ln.text for ln in force_lines(loc, sc, days[-1])]
    assert not _check(lang, texts)
    assert "?" in " ".join(
        ln.text for ln in force_lines(loc, sc, trends.observations(game, sc, "roc")[-1])
    )


def test_nothing_hidden_reaches_the_summary_or_the_forces(history):
    sc, game, reports = history
    loc = Locale("en")
    for side in SIDES:
        for d in (1, 11, DAYS):
            before, after = game.state_at(d - 1), game.state_at(d)
            entries = visible_entries(sc, reports[d - 1], side)
            for k in (3, 101):
                tb, ta = hidden_twin(sc, before, side, k), hidden_twin(sc, after, side, k + 1)

                def seen(b, a, _side=side, _entries=entries):
                    ob, oa = observe(sc, b, _side), observe(sc, a, _side)
                    return (
                        summary_text(loc, sc, summarize(sc, ob, oa, _entries)),
                        [ln.text for ln in force_lines(loc, sc, oa)],
                        [
                            trends.figure(sc, oa, key)
                            for key, _ in trends.TRENDS
                            if key != "tons_landed"
                        ],
                    )

                assert seen(before, after) == seen(tb, ta)


def test_a_minute_daily_use_gives_no_endless_days():
    """A mod may set a stock's daily use to a minute number (validated, it runs): its days
    are then endless, and the status panel's trend and change since yesterday show no
    figure rather than fail (found by tests/test_validates_runs.py: NaN in the chart)."""
    import dataclasses

    from tests.builder import start, tiny, variant

    sc = tiny()
    kinds = [
        dataclasses.replace(k, daily_use_t=2.2e-311) if k.id == sc.cast.food else k
        for k in sc.supply.kinds
    ]
    sc = variant(sc, supply=dataclasses.replace(sc.supply, kinds=kinds))
    obs = observe(sc, start(sc), sc.cast.besieged)
    assert trends.food_days(sc, obs) is None


def test_forces_tab_says_amtracs_apart_from_ships_sunk(history):
    """The ROC's "Sunk" total counts the amtracs lost on the beaches: the tab gives them apart,
    so the total and the classes' counts agree for a player (issue 16's playtest)."""
    sc, game, _ = history
    obs = observe(sc, game.state, "roc")
    am = next(c for c in sc.ships if c.side == "roc" and c.role == "amtrac")
    lost_am = am.count - obs.ships[am.id]
    assert lost_am > 0  # the record loses amtracs by 8 September
    sunk = obs.totals["ships_lost.roc"] - lost_am
    for lang, want in (
        ("en", f"Sunk {sunk:g}, amtracs lost {lost_am:g}"),
        ("zh-Hant", f"沉沒{sunk:g}，兩棲登陸車損失{lost_am:g}"),
    ):
        texts = [ln.text for ln in force_lines(Locale(lang), sc, obs)]
        assert any(want in t for t in texts), texts
