"""Reports as data, words at the edge (issue 12): every message the engine can emit (report
entries, refusals of orders) has a sentence in both languages, and no rendered sentence
shows a player an id, a variable name or an unfilled `{placeholder}`; the Chinese ones carry
no English beyond the scenario's own unit names (F-86, C-46...)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from game.ai.players import HistoryPlayer, make_player
from game.engine.legality import check_order
from game.engine.report import Msg
from game.engine.run import play
from game.engine.state import new_game
from game.scenario.model import Scenario
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie
from game.words import LANGS, render, strings
from tests.builder import replace_item, shipped_scenario, start, tiny, variant

ENGINE = Path(__file__).resolve().parents[1] / "game" / "engine"

#: a key literal in the engine: `"entry.fire"` or `msg("refuse.no_guns", ...)`
KEY_LITERAL = re.compile(r"""["']((?:entry|refuse)\.[a-z_]+(?:\.[a-z_]+)?)["']""")


def code_keys() -> set[str]:
    keys: set[str] = set()
    for path in sorted(ENGINE.glob("*.py")):
        keys |= set(KEY_LITERAL.findall(path.read_text(encoding="utf-8")))
    return keys


def _games(sc: Scenario, plan: list[tuple[str, int]]):
    """Every report entry of the games `plan` lists (player kind, seed)."""
    for kind, seed in plan:
        players = {"prc": make_player(kind, seed), "roc": make_player(kind, seed + 100)}
        for turn in play(sc, new_game(sc, seed), players):
            yield from turn.report.entries


# 20 games: random and AI players on both scenarios, plus the historical orders of 1958
PLANS = {
    "1958": [("random", s) for s in range(1, 8)] + [("ai:easy", s) for s in range(1, 4)],
    "tiny": [("random", s) for s in range(1, 6)]
    + [("ai:easy", s) for s in range(1, 5)]
    + [("ai", 1)],
}


def _scenario(name: str) -> Scenario:
    return shipped_scenario() if name == "1958" else tiny()


@pytest.fixture(scope="module")
def entries() -> dict[str, list]:
    out = {name: list(_games(_scenario(name), plan)) for name, plan in PLANS.items()}
    sc = shipped_scenario()
    history = {"prc": HistoryPlayer(), "roc": HistoryPlayer()}
    out["1958"] += [e for t in play(sc, new_game(sc, 1), history) for e in t.report.entries]
    return out


def refusal_battery() -> list[tuple[Scenario, Msg]]:
    """One illegal order (or more) for every refusal the engine knows, on the tiny island."""
    sc = tiny()
    st = start(sc)
    out: list[tuple[Scenario, Msg | None]] = []

    def no(order, side="prc", state=None, scen=None, earlier=()):
        scen = scen or sc
        out.append((scen, check_order(scen, state or st, side, order, earlier)))

    cp, food = "island_cp", {"food": 10.0}
    over = start(sc)
    over.ending = "stalemate"
    no(Fire(group="prc_guns", target=cp, rounds=10), state=over)
    no("not an order")  # type: ignore[arg-type]
    no(Fire(group="nosuch", target=cp, rounds=10))
    no(Fire(group="prc_guns", target=cp, rounds=10), side="roc")
    no(Fire(group="roc_8inch", target="prc_guns", rounds=10), side="roc")
    no(Fire(group="prc_guns", target="nosuch", rounds=10))
    no(Fire(group="prc_guns", target="prc_cp", rounds=10))
    no(Fire(group="prc_guns", target="roc_8inch", rounds=10))
    no(Fire(group="prc_guns", target=cp, rounds=0))
    no(Fire(group="prc_guns", target=cp, rounds=10, hour=17.25))
    gunless = start(sc)
    gunless.groups["prc_guns"].guns = 0
    no(Fire(group="prc_guns", target=cp, rounds=10), state=gunless)
    far = variant(artillery=replace_item(sc.artillery, "prc_guns", range_km=3))
    no(Fire(group="prc_guns", target=cp, rounds=10), state=start(far), scen=far)
    no(Fire(group="prc_guns", target=cp, rounds=100_000))
    dry = variant(artillery=replace_item(sc.artillery, "prc_guns", ammo=50))
    no(Fire(group="prc_guns", target=cp, rounds=60), state=start(dry), scen=dry)
    empty = start(sc)
    empty.supply["ammo"] = 0.0
    no(Fire(group="roc_guns", target="prc_guns", rounds=10), side="roc", state=empty)
    halted = start(sc)
    halted.halt_days = 3
    no(Fire(group="prc_guns", target=cp, rounds=10), state=halted)
    odd = start(sc, day=1)
    odd.flags["odd_day_only"] = True
    no(Fire(group="prc_guns", target=cp, rounds=10), state=odd)

    def convoy(**kw):
        args = {"ship_class": "roc_lst", "ships": 1, "cargo": food, "beach": "island_pier"}
        return Convoy(**{**args, **kw})

    for kw in (
        {"ship_class": "nosuch"},
        {"ship_class": "roc_patrol"},
        {"beach": cp},
        {"ships": 7},
        {"cargo": {"gold": 1.0}},
        {"cargo": {"food": -1.0}},
        {"cargo": {"food": 0.0}},
        {"cargo": {"food": 1000.0}},
        {"escorts": 1},
        {"escorts": 1, "escort_class": "nosuch"},
        {"escorts": 1, "escort_class": "roc_lst"},
        {"escorts": 9, "escort_class": "roc_patrol"},
        {"us_escort": True},
        {"amtracs": 11},
    ):
        no(convoy(**kw), side="roc")
    lone = variant(roles=dataclasses.replace(sc.cast, us_escort=None))
    no(convoy(us_escort=True), side="roc", state=start(lone), scen=lone)
    bare = variant(ships=[s for s in sc.ships if s.role != "amtrac"])
    no(convoy(amtracs=1), side="roc", state=start(bare), scen=bare)
    no(AirSortie(air_unit="nosuch", sorties=1), side="roc")
    no(AirSortie(air_unit="prc_mig", sorties=1), side="roc")
    no(AirSortie(air_unit="roc_f86", sorties=10_000), side="roc")
    no(Airlift(air_unit="roc_f86", sorties=1, cargo=food), side="roc")
    no(Airlift(air_unit="roc_c46", sorties=1, cargo={"gold": 1.0}), side="roc")
    no(Airlift(air_unit="roc_c46", sorties=1, cargo={"food": 0.0}), side="roc")
    no(Airlift(air_unit="roc_c46", sorties=1, cargo={"food": 100.0}), side="roc")
    wrecked = start(sc)
    wrecked.integrity["island_airfield"] = 0.0
    lift = Airlift(air_unit="roc_c46", sorties=1, cargo={"food": 4.0}, land=True)
    no(lift, side="roc", state=wrecked)
    no(AirSortie(air_unit="roc_c46", sorties=1), side="roc")
    no(AirSortie(air_unit="roc_c46", sorties=1, mission="recon"), side="roc")
    no(NavalSortie(ship_class="nosuch", boats=1))
    no(NavalSortie(ship_class="roc_lst", boats=1), side="roc")
    no(NavalSortie(ship_class="prc_torpedo", boats=13))
    no(MakeMove(move="nosuch"))
    no(MakeMove(move="roc_ask_escort"))
    no(MakeMove(move="prc_halt"), earlier=[MakeMove(move="prc_halt")])
    no(MakeMove(move="roc_ask_escort"), side="roc")
    made = start(sc)
    made.us_commitment = 80.0
    made.moves_made.append("roc_ask_escort")
    no(MakeMove(move="roc_ask_escort"), side="roc", state=made)
    late = variant(moves=replace_item(sc.moves, "prc_broadcast", available_from=sc.meta.end))
    no(MakeMove(move="prc_broadcast"), state=start(late), scen=late)
    # the shipped scenario's moves on its first day: conditions on flags and figures
    big = shipped_scenario()
    first = new_game(big, 1)
    for m in big.moves:
        out.append((big, check_order(big, first, m.side, MakeMove(move=m.id))))
    return [(s, why) for s, why in out if why is not None]


def test_every_engine_key_has_words_in_both_languages(entries):
    seen = {e.key for es in entries.values() for e in es}
    seen |= {why.key for _, why in refusal_battery()}
    keys = seen | code_keys()
    assert len(seen) > 40, sorted(seen)
    for lang in LANGS:
        missing = sorted(k for k in keys if k not in strings(lang))
        assert not missing, (lang, missing)


def test_the_battery_meets_every_refusal_in_the_code():
    refused = {why.key for _, why in refusal_battery()}
    in_code = {k for k in code_keys() if k.startswith("refuse.")}
    assert in_code - refused == set()


def test_the_engine_writes_no_sentences():
    """No English in the engine's messages: the keys and figures are all there is."""
    for path in sorted(ENGINE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert ".name.en" not in text and ".title.en" not in text, path.name


def _ids(sc: Scenario) -> set[str]:
    out: set[str] = set()
    for section in ("artillery", "targets", "ships", "air", "moves", "events", "commanders"):
        out |= {x.id for x in getattr(sc, section)}
    out |= {x.id for x in sc.flags} | {e.id for e in sc.victory.endings}
    return out


def _names(sc: Scenario) -> list[str]:
    """The scenario's own Chinese names, longest first: the allowed English in Chinese text
    (unit designations such as F-86 or MiG-17 are part of them)."""
    names = set()
    for section in ("artillery", "targets", "ships", "air", "moves", "commanders", "flags"):
        names |= {x.name.zh for x in getattr(sc, section)}
    names |= {e.title.zh for e in sc.events} | {e.name.zh for e in sc.victory.endings}
    names |= {k.name.zh for k in sc.supply.kinds}
    return sorted(names, key=len, reverse=True)


SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
ASCII_RUN = re.compile(r"[A-Za-z][\w'-]*(?:[ ,;:]+[A-Za-z][\w'-]*){2,}")


def _problems(text: str, sc: Scenario, lang: str) -> list[str]:
    out = []
    if "{" in text or "}" in text:
        out.append("placeholder")
    if SNAKE.search(text):
        out.append(f"variable or id {SNAKE.search(text).group()}")  # type: ignore[union-attr]
    words = set(re.findall(r"[A-Za-z0-9_]+", text))
    # in English an id without "_" may be a plain word ("food"); in Chinese any is a leak
    leaked = {i for i in _ids(sc) & words if "_" in i or lang != "en"}
    if leaked:
        out.append(f"ids {sorted(leaked)}")
    if lang == "zh-Hant":
        rest = text
        for name in _names(sc):
            rest = rest.replace(name, "名")
        run = ASCII_RUN.search(rest)
        if run:
            out.append(f"English in Chinese: {run.group()!r}")
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_rendered_entries_name_things_in_player_words(entries, lang):
    bad = {}
    for name, es in entries.items():
        sc = _scenario(name)
        for e in es:
            text = render(e, lang, sc)
            problems = _problems(text, sc, lang)
            if problems:
                bad.setdefault(e.key, (text, problems))
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_rendered_refusals_name_things_in_player_words(lang):
    bad = {}
    for sc, why in refusal_battery():
        text = render(why, lang, sc)
        # a name the scenario lacks is quoted as the order gave it
        text = text.replace("nosuch", "X").replace("gold", "X")
        problems = _problems(text, sc, lang)
        if problems:
            bad.setdefault(why.key, (text, problems))
    assert not bad, bad


def test_a_refusal_reads_the_same_in_every_window():
    """The issue's two examples: a variable and a move's name, now in words."""
    sc = shipped_scenario()
    st = new_game(sc, 1)
    move = next(m for m in sc.moves if any(c.var == "us_commitment" for c in m.requires))
    why = check_order(sc, st, move.side, MakeMove(move=move.id))
    assert why is not None and why.key == "refuse.move_needs"
    assert why.data["move"] == move.id and why.data["var"] == "us_commitment"
    en, zh = render(why, "en", sc), render(why, "zh-Hant", sc)
    assert move.name.en in en and "US commitment ≥ 60" in en
    assert move.name.zh in zh and "美國承諾" in zh
