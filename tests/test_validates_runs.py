"""If it validates, it runs (issue 20): any scenario the loader accepts can be played by every
player kind, saved, loaded, replayed, reported and drawn without an exception.

The strategy starts from tests/data/tiny.yaml (or its copy with the sides' roles swapped) and
varies what a modder can: the dates and length (1 to 5 days, anywhere in the calendar), counts
from 0 to huge, names in any Unicode, rules at their catalogue bounds, optional sections left
out. Only files `read_scenario_bytes` accepts are kept: the claim is about valid files.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.ai.players import make_player
from game.history.game import Game
from game.history.replayfile import Replay
from game.history.report_md import build_report
from game.history.saves import load_save, save_game
from game.scenario.catalogue import RULES, TARGET_KINDS
from game.scenario.loader import read_scenario_bytes
from game.scenario.model import (
    SIDES,
    AirUnit,
    ArtilleryGroup,
    Scenario,
    ShipClass,
    SupplyKind,
    Target,
)
from game.scenario.orders import Fire
from game.scenario.schema import MAX_DATE, MIN_DATE
from tests.builder import replace_item, tiny, variant

TINY_TEXT = (Path(__file__).parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
#: a side's id as a word of its own (as in tests/test_observe.py's `swapped()`)
_SIDE = re.compile(r"(?<![A-Za-z0-9_])(prc|roc)(?![a-z])")
SWAPPED_TEXT = _SIDE.sub(lambda m: "roc" if m.group(1) == "prc" else "prc", TINY_TEXT)
BASES = {"tiny": yaml.safe_load(TINY_TEXT), "swapped": yaml.safe_load(SWAPPED_TEXT)}

#: libyaml's emitter when PyYAML has it (the pure-Python one is slow)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: the player kinds every case is played with (both sides the same kind, then mixed)
CHEAP_KINDS = ("history", "hold", "random", "ai:easy")

#: any text a name may hold: every Unicode character but control characters (and surrogates
#: and line/paragraph separators, which the validator refuses as controls)
NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
)
#: optional top-level sections a scenario may leave out
OPTIONAL = ("events", "moves", "air", "ships", "commanders", "history")


def number(lo: float, hi: float, whole: bool) -> st.SearchStrategy[float]:
    """A value between a field's bounds, the bounds themselves often."""
    if whole:
        lo, hi = int(lo), int(hi)
        between = st.integers(min_value=lo, max_value=hi)
    else:
        between = st.floats(min_value=lo, max_value=hi, allow_nan=False)
    return st.one_of(st.sampled_from([lo, hi]), between)


def _bounds(cls: type) -> dict[str, tuple[float, float, bool]]:
    """The numeric fields of a model class with the bounds `schema.spec` gives them."""
    out = {}
    for f in dataclasses.fields(cls):
        lo, hi = f.metadata.get("min"), f.metadata.get("max")
        if lo is not None and hi is not None:
            out[f.name] = (lo, hi, "int" in str(f.type))
    return out


#: the lists of numbered things in a file and the model class each entry becomes
NUMBERED = (
    (lambda d: d["artillery"], ArtilleryGroup),
    (lambda d: d["targets"], Target),
    (lambda d: d.get("ships", []), ShipClass),
    (lambda d: d.get("air", []), AirUnit),
    (lambda d: d["supply"]["kinds"], SupplyKind),
)


def _shift_dates(node: Any, days: int, lo: dt.date, hi: dt.date) -> Any:
    """Every date moved by `days`, then held between `lo` and `hi` (0001-01-01 and 9999-12-31
    where the move would leave the calendar)."""
    if isinstance(node, dt.date):
        ordinal = min(max(node.toordinal() + days, lo.toordinal()), hi.toordinal())
        return dt.date.fromordinal(ordinal)
    if isinstance(node, dict):
        return {k: _shift_dates(v, days, lo, hi) for k, v in node.items()}
    if isinstance(node, list):
        return [_shift_dates(v, days, lo, hi) for v in node]
    return node


def _named(node: Any) -> list[dict]:
    """Every mapping with a bilingual `name` (places, groups, ships, kinds, moves...)."""
    out: list[dict] = []
    if isinstance(node, dict):
        if isinstance(node.get("name"), dict) and "en" in node["name"]:
            out.append(node)
        for v in node.values():
            out.extend(_named(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_named(v))
    return out


def _drop_kind(data: dict, kind: str) -> None:
    """`kind` taken out of the supply, with the roles, cargoes and endings that name it."""
    data["supply"]["kinds"] = [k for k in data["supply"]["kinds"] if k["id"] != kind]
    for role in ("ammo", "food"):
        if data["roles"].get(role) == kind:
            del data["roles"][role]
    for h in data.get("history", []):
        for orders in h["orders"].values():
            for o in orders:
                if kind in o.get("cargo", {}):
                    del o["cargo"][kind]
    victory = data["victory"]
    victory["endings"] = [e for e in victory["endings"] if kind not in repr(e.get("when"))]


@st.composite
def scenario_texts(draw: st.DrawFn) -> str:
    """The YAML text of a varied tiny scenario (not yet known to validate)."""
    data = copy.deepcopy(BASES[draw(st.sampled_from(sorted(BASES)))])
    # dates: the whole file moved anywhere in the years the format allows, 1 to 5 days long;
    # dates inside the game (events, arrivals) kept inside it, history days past its end dropped
    start: dt.date = data["meta"]["start"]
    length = draw(st.integers(min_value=1, max_value=5))
    last_start = MAX_DATE - dt.timedelta(days=length - 1)
    new_start = draw(
        st.one_of(
            st.dates(min_value=MIN_DATE, max_value=last_start),
            st.sampled_from([MIN_DATE, last_start, dt.date(2000, 2, 27)]),
        )
    )
    new_end = new_start + dt.timedelta(days=length - 1)
    data["history"] = [h for h in data["history"] if (h["date"] - start).days < length]
    data = _shift_dates(data, (new_start - start).days, new_start, new_end)
    data["meta"]["start"], data["meta"]["end"] = new_start, new_end
    # counts and other numbers, from their least to the most the format allows
    for section, cls in NUMBERED:
        for item in section(data):
            for name, (lo, hi, whole) in _bounds(cls).items():
                if draw(st.integers(min_value=0, max_value=2 if name in item else 5)) == 0:
                    item[name] = draw(number(lo, hi, whole))
    # the starting state at its bounds, flags either way
    for var in ("tension", "us_commitment"):
        data["state"][var] = draw(st.sampled_from([0, data["state"][var], 100]))
    for side in data["sides"].values():
        side["morale"] = draw(st.sampled_from([0, side["morale"], 100]))
    for flag in data["flags"]:
        flag["initial"] = draw(st.booleans())
    # who sees what
    for key in data["visibility"]:
        levels = ["public", "sighted", "hidden"] if key == "artillery" else ["public", "hidden"]
        data["visibility"][key] = draw(st.sampled_from(levels))
    # optional roles left out, target roles narrowed (or emptied)
    for role in ("ammo", "food", "us_escort", "odd_days"):
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            data["roles"].pop(role, None)
    for role in ("landing", "airfield", "command"):
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            data["roles"][role] = draw(st.lists(st.sampled_from(TARGET_KINDS), unique=True))
    # a supply kind left out (the file must then not name it)
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        gone = draw(st.sampled_from([k["id"] for k in data["supply"]["kinds"]]))
        _drop_kind(data, gone)
    if "ammo" not in data["roles"]:  # then every group needs a dump of its own
        for g in data["artillery"]:
            g.setdefault("ammo", draw(number(0, 10_000_000, True)))
    # names in any Unicode
    for item in _named(data):
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            item["name"] = {"en": draw(NAME), "zh": draw(NAME)}
    if draw(st.booleans()):
        data["meta"]["title"] = {"en": draw(NAME), "zh": draw(NAME)}
    # rules at their bounds or anywhere between (minute floats too)
    for name, spec in RULES.items():
        choice = draw(st.integers(min_value=0, max_value=5))
        if choice == 0:
            data["rules"][name] = {"value": spec.min}
        elif choice == 1:
            data["rules"][name] = {"value": spec.max}
        elif choice == 2:
            data["rules"][name] = {"value": draw(number(spec.min, spec.max, False))}
    # optional sections left out
    for section in OPTIONAL:
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            data.pop(section, None)
    if "ships" not in data:  # the record's convoys and sorties name ship classes
        for h in data.get("history", []):
            h["orders"] = {
                side: [o for o in orders if "ship_class" not in o]
                for side, orders in h["orders"].items()
            }
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)


def valid(text: str) -> Scenario:
    sc, _ = read_scenario_bytes(text.encode("utf-8"), "gen.yaml", use_cache=False)
    assume(sc is not None)
    assert sc is not None
    return sc


def play_game(sc: Scenario, kinds: tuple[str, str], seed: int) -> Game:
    game = Game(sc, seed)
    players = {
        side: make_player(kind, seed + i)
        for i, (side, kind) in enumerate(zip(SIDES, kinds, strict=True))
    }
    for _ in game.play(players):
        pass
    assert game.over
    assert game.day <= sc.days
    return game


def round_trip(sc: Scenario, game: Game, folder: Path) -> None:
    """Saved, loaded (both checks), replayed back and forth, reported."""
    path = save_game(game, folder / "gen.json")
    loaded = load_save(path, sc)
    assert loaded.day == game.day
    assert load_save(path, sc, verify="fast").day == game.day
    replay = Replay.load(path, sc)
    while replay.step_forward() is not None:
        pass
    assert replay.at_end
    assert replay.hash() == Replay(game, game.day).hash()
    if replay.last_day:
        replay.seek(0)
        replay.seek(replay.last_day)
        assert replay.step_back()
        replay.report()
    md, csv = build_report(sc, loaded, path.name)
    assert md.startswith("# After-action report")
    assert csv


def draw_screens(text: str, folder: Path, lang: str) -> None:
    """The game's screens on the scenario (maps, status, orders, report, an event), each drawn
    once on SDL's dummy drivers, as tests/test_ui_app.py draws the tiny scenario's."""
    pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.screenshots import build_screen
    from game.ui.settings import Settings

    path = folder / "gen.yaml"
    path.write_text(text, encoding="utf-8")
    app = App((960, 600), Settings(lang=lang, sound=False), persist=False, scenario_path=path)
    try:
        sc, err = app.try_scenario()
        assert sc is not None, err
        names = ["kinmen", "strait", "status", "orders", "report"]
        if sc.events:
            names.append("event")
        for name in names:
            app.switch(build_screen(app, name))
            app.step(0.05)
            assert app.draw().get_size() == (960, 600)
    finally:
        app.quit()


def check_runs(text: str, folder: Path, *, normal: bool, hard: bool, drawn: bool) -> None:
    sc = valid(text)
    kinds = list(CHEAP_KINDS) + (["ai:normal"] if normal else []) + (["ai:hard"] if hard else [])
    games = [play_game(sc, (k, k), seed) for seed, k in enumerate(kinds, start=1)]
    games.append(play_game(sc, ("random", "ai:easy"), 11))
    games.append(play_game(sc, ("history", "random"), 12))
    for i, game in enumerate(games):
        sub = folder / str(i)
        sub.mkdir(parents=True, exist_ok=True)
        round_trip(sc, game, sub)
    if drawn:
        draw_screens(text, folder, "en" if len(text) % 2 else "zh-Hant")


SETTINGS = dict(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


@settings(max_examples=40, **SETTINGS)
@given(text=scenario_texts(), extra=st.integers(min_value=0, max_value=7))
def test_a_valid_scenario_runs(text, extra, tmp_path_factory):
    """Every kind on each case; the normal AI on a quarter, drawing on an eighth, hard on none
    (the slow run below plays it)."""
    check_runs(
        text,
        tmp_path_factory.mktemp("case"),
        normal=extra % 4 == 0,
        hard=False,
        drawn=extra == 0,
    )


@pytest.mark.slow
@settings(max_examples=300, **SETTINGS)
@given(text=scenario_texts(), extra=st.integers(min_value=0, max_value=7))
def test_a_valid_scenario_runs_many(text, extra, tmp_path_factory):
    check_runs(
        text,
        tmp_path_factory.mktemp("case"),
        normal=True,
        hard=extra == 0,
        drawn=extra % 4 == 0,
    )


# -- what the property found, pinned ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ai:easy", "ai:normal"])
def test_the_besieger_ai_plays_when_enemy_integrity_is_hidden(kind):
    """`visibility: integrity: hidden` gave the besieger AI None for the enemy's beaches and
    airfield (TypeError in `besieger_posture` and `_fire_plan`): unknown now reads as intact,
    as in the side's belief, and it still shells the beaches."""
    sc = variant(visibility=dataclasses.replace(tiny().visibility, integrity="hidden"))
    game = play_game(sc, (kind, kind), 5)
    fired = {o.target for o in game.record.orders(0)[sc.cast.besieger] if isinstance(o, Fire)}
    assert fired & {t.id for t in sc.targets if t.kind in sc.cast.kinds("landing")}


def test_the_ais_plan_with_minute_cargoes_and_hit_chances():
    """A cargo of 1e-313 t a ship, a hit chance of 1e-320 or 5e-324 tension a round validates
    (each is within its bounds); the AIs divided by them and rounded infinity (OverflowError)."""
    sc = tiny()
    sc = variant(
        sc,
        rules={
            "hit_chance_pier": 1e-320,
            "hit_chance_beach": 1e-320,
            "tension_per_10000_rounds": 5e-324,
        },
        ships=replace_item(sc.ships, "roc_lst", cargo_t=2.2250738585e-313, count=10_000),
    )
    for seed in range(1, 6):
        for kinds in (("ai:easy", "ai:easy"), ("ai:normal", "random")):
            assert play_game(sc, kinds, seed).over
