"""The encyclopedia, the objectives and the first-day guide (game/history/encyclopedia.py and
guide.py): generated from the scenario's data, in both languages, each article with what it
rests on, and never a figure of the game's hidden state.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.observe import observe
from game.history.encyclopedia import CATEGORIES, articles, fact_text, find, shown
from game.history.guide import guide, objectives
from game.scenario.catalogue import RULES
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Text
from game.scenario.orders import ORDER_TYPES
from game.words.strings import LANGS, strings, words
from tests.builder import replace_item, shipped_scenario, tiny, variant
from tests.test_observe import hidden_twin, reachable

#: what may not show in an article's own lines (its quotes and reasons are the data's text)
BAD = {
    "placeholder": re.compile(r"\{[^}]*\}"),
    "snake_case id": re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b"),
    "message key": re.compile(r"\b(cyclo|rule|rule_name|guide|goals|legend|target|side)\.[a-z_]+"),
    "Python value": re.compile(r"\b(None|True|False)\b|\[\]|\{\}|<[a-z]+ object"),
}

SCENARIOS = {"1958": shipped_scenario, "tiny": tiny}


def _bad(texts: list[str]) -> list[str]:
    return [f"{what}: {t!r}" for t in texts for what, pat in BAD.items() if pat.search(t)]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_unit_target_rule_move_and_event_has_an_article(name):
    sc = SCENARIOS[name]()
    ids = {a.id for a in articles(sc)}
    expected = (
        [f"artillery.{g.id}" for g in sc.artillery]
        + [f"target.{t.id}" for t in sc.targets]
        + [f"ship.{c.id}" for c in sc.ships]
        + [f"air.{u.id}" for u in sc.air]
        + [f"commander.{c.id}" for c in sc.commanders]
        + [f"move.{m.id}" for m in sc.moves]
        + [f"event.{e.id}" for e in sc.events]
        + [f"rule.{r}" for r in sc.rules]
        + [f"ending.{e.id}" for e in sc.victory.endings]
        + [f"supply.{k.id}" for k in sc.supply.kinds]
        + [f"order.{o}" for o in ORDER_TYPES]
    )
    assert sorted(set(expected) - ids) == []
    assert len(ids) == len(articles(sc)), "article ids are unique"
    assert {a.category for a in articles(sc)} <= set(CATEGORIES)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_article_of_the_data_has_a_source_or_an_assumption(name):
    sc = SCENARIOS[name]()
    bare = [
        a.id
        for a in articles(sc)
        # an order kind is the game's own vocabulary, the same in every scenario: no source
        if a.category != "orders" and not a.sources and not a.assumptions
    ]
    if name == "1958":
        assert bare == []
    for a in articles(sc):
        for s in a.sources:
            assert s.quote and (s.sentence_en or s.en)
        for _, reason in a.assumptions:
            assert reason.strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_articles_read_in_both_languages_without_ids_or_keys(name, lang):
    sc = SCENARIOS[name]()
    bad = []
    for a in articles(sc):
        s = shown(a, lang, sc)
        assert s.title and s.chapter and s.lines, a.id
        bad += [f"{a.id}: {b}" for b in _bad([s.title, s.chapter, *s.lines])]
    assert not bad, "\n".join(bad[:20])


def test_the_1958_quotes_are_shown_chinese_and_english():
    sc = shipped_scenario()
    a = find(sc, "ending.blockade")
    assert a is not None
    s = shown(a, "zh-Hant", sc)
    assert s.quotes[0][0] == "後期著重封鎖海運線，以圍困金門"
    assert "blockading the sea lanes" in s.quotes[0][1]
    assert any("5 days" in line for line in shown(a, "en", sc).lines)


def test_every_rule_has_player_words_in_both_languages():
    """Not the English fallback: each language file has its own words for every rule."""
    for lang in LANGS:
        own = strings(lang)
        missing = [r for r in RULES if f"rule.{r}" not in own or f"rule_name.{r}" not in own]
        assert missing == [], (lang, missing)
    en, zh = strings("en"), strings("zh-Hant")
    assert all(en[f"rule.{r}"] != zh[f"rule.{r}"] for r in RULES)


def test_a_rule_article_shows_the_scenarios_value_and_reason():
    sc = shipped_scenario()
    a = find(sc, "rule.spot_days")
    assert a is not None
    s = shown(a, "en", sc)
    assert s.title == "How long a battery stays spotted"
    assert f"{sc.rule('spot_days'):g}" in s.lines[-1]
    rule = sc.rules["spot_days"]
    assert len(s.quotes) == len(rule.source)
    assert len(s.assumptions) == len(rule.assumption or {})


def test_a_mod_gets_its_own_articles():
    base = tiny()
    cls = base.ships[0]
    renamed = Text(en="Modded freighter", zh="改裝貨輪")
    mod = variant(base, ships=replace_item(base.ships, cls.id, name=renamed, cargo_t=777.0))
    a = find(mod, f"ship.{cls.id}")
    assert a is not None
    s = shown(a, "en", mod)
    assert s.title == "Modded freighter"
    assert any("777" in line for line in s.lines)
    assert shown(a, "zh-Hant", mod).title == "改裝貨輪"
    # the shipped what-if without the 8-inch guns has no article about them
    no8 = load_scenario("scenarios/mods/no_8inch_guns.yaml")
    full = {a.id for a in articles(shipped_scenario()) if a.category == "artillery"}
    cut = {a.id for a in articles(no8) if a.category == "artillery"}
    assert cut < full
    assert full - cut == {
        "artillery.roc_8in_m55_a",
        "artillery.roc_8in_m55_b",
        "artillery.roc_8in_m2",
    }


def test_find_takes_an_article_id_or_a_bare_scenario_id():
    sc = tiny()
    g = sc.artillery[0]
    assert find(sc, f"artillery.{g.id}") is find(sc, g.id)
    assert find(sc, g.id).category == "artillery"
    assert find(sc, "no_such_thing") is None


def test_an_enemy_battery_not_yet_arrived_is_left_out_for_the_other_side():
    sc = shipped_scenario()
    late = [
        g for g in sc.artillery if g.available_from is not None and g.available_from > sc.meta.start
    ]
    assert late, "the 1958 scenario has batteries that arrive later"
    from game.engine.state import new_game

    state = new_game(sc, 1)
    for side in SIDES:
        ids = {a.id for a in articles(sc, observe(sc, state, side))}
        for g in late:
            assert (f"artillery.{g.id}" in ids) == (g.side == side)
    assert {f"artillery.{g.id}" for g in late} <= {a.id for a in articles(sc)}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), days=st.integers(0, 10), k=st.integers(1, 1000))
def test_the_encyclopedia_never_shows_hidden_state(seed, days, k):
    """The leak test: two states that differ only in what the visibility table hides from a
    side give that side the same articles, word for word (gun counts are the file's)."""
    sc = tiny()
    state = reachable(sc, seed, days, ("ai:easy", "random"))
    for side in SIDES:
        twin = hidden_twin(sc, state, side, k)
        a = articles(sc, observe(sc, state, side))
        b = articles(sc, observe(sc, twin, side))
        assert a == b
        for lang in LANGS:
            assert [shown(x, lang, sc) for x in a] == [shown(x, lang, sc) for x in b]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_objectives_follow_the_scenarios_endings(name):
    sc = SCENARIOS[name]()
    parts = objectives(sc)
    listed = sum(len(lines) for _, lines in parts)
    assert listed == len(sc.victory.endings)
    (_, besieged), (_, besieger) = parts[0], parts[1]
    assert len(besieged) == sum(e.winner == sc.cast.besieged for e in sc.victory.endings)
    assert len(besieger) == sum(e.winner == sc.cast.besieger for e in sc.victory.endings)
    for lang in LANGS:
        w = words(lang)
        texts = [fact_text(h, w, sc) for h, _ in parts]
        texts += [fact_text(f, w, sc) for _, lines in parts for f in lines]
        assert not _bad(texts), _bad(texts)
        for e in sc.victory.endings:
            assert any(w.text(e.name) in t for t in texts)


def test_a_mod_that_changes_how_a_side_wins_shows_it():
    sc = tiny()
    endings = [
        dataclasses.replace(e, name=Text(en="Starved out", zh="斷糧"))
        if e.winner == sc.cast.besieger
        else e
        for e in sc.victory.endings
    ]
    mod = variant(sc, victory=dataclasses.replace(sc.victory, endings=endings))
    text = " ".join(fact_text(f, words("en"), mod) for _, lines in objectives(mod) for f in lines)
    assert "Starved out" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_first_day_guide_of_each_side(name, lang):
    sc = SCENARIOS[name]()
    w = words(lang)
    food = next(k for k in sc.supply.kinds if k.id == sc.cast.food)
    days = round(food.stock_t / food.daily_use_t)
    for side in SIDES:
        lines = [fact_text(f, w, sc) for f in guide(sc, side)]
        assert len(lines) >= 5
        assert not _bad(lines), _bad(lines)
        assert w.side(side) in lines[0]
        assert any(str(days) in line for line in lines)
    roc_en = [fact_text(f, words("en"), sc) for f in guide(sc, sc.cast.besieged)]
    assert any("Send convoys" in line for line in roc_en)
