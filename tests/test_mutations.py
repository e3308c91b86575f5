"""Mutated scenarios (issue 19): every mutation of the tiny scenario, of the shipped mods and of
the 1958 scenario either fails with clean FILE:LINE:COL errors, or loads and plays.

The mutations are a modder's: a value of another type or out of its bounds, another entry's id
(a wrong reference or a duplicate), a key left out or misspelt, an entry duplicated or dropped,
and in a mod an override of any 1958 entry (a changed number, a removal, an unknown id). The
normal suite runs 200 cases; `-m slow` runs 2,000.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.players import make_player
from game.engine.run import play
from game.engine.state import new_game
from game.paths import scenarios_dir
from game.scenario.loader import read_scenario_bytes

ROOT = scenarios_dir()
TINY = Path(__file__).parent / "data" / "tiny.yaml"
MODS = sorted((ROOT / "mods").glob("*.yaml"))
FULL = ROOT / "kinmen_1958.yaml"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PROBLEM = re.compile(r"^(?P<file>[^\n]+):(?P<line>\d+):(?P<col>\d+): (error|warning): [^\n]+$")


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


BASES = {"tiny": _read(TINY), **{p.stem: _read(p) for p in MODS}, "kinmen_1958": _read(FULL)}
FULL_DATA = BASES["kinmen_1958"]
#: every id of the 1958 scenario by section (what a mod's override names)
SECTIONS = ("artillery", "targets", "ships", "air", "events", "moves", "places", "commanders")
FULL_IDS = {s: [e["id"] for e in FULL_DATA.get(s, []) if "id" in e] for s in SECTIONS}


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if not isinstance(node, dict | list):
        return out
    items: Any = node.items() if isinstance(node, dict) else enumerate(node)
    for k, v in items:
        out.append((*path, k))
        out.extend(_paths(v, (*path, k)))
    return out


#: every path of each base (for the 1958 scenario, only down to entries' fields: 40,000 paths
#: would make each draw slow and the mutations no more varied)
PATHS = {
    name: [p for p in _paths(data) if name != "kinmen_1958" or len(p) <= 4]
    for name, data in BASES.items()
}
IDS = sorted({x for ids in FULL_IDS.values() for x in ids} | {"island", "prc_guns", "island_cp"})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(IDS),
    st.sampled_from(["prc", "roc", "none", "land", "sea", "fire", "convoy", "1958-09-01"]),
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=5,
)


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _nearby(draw: st.DrawFn, old: Any) -> Any:
    """A value of the same type: a number scaled or pushed past a bound, another id."""
    if isinstance(old, bool):
        return not old
    if isinstance(old, int | float):
        return draw(st.sampled_from([0, -1, old * 2, old * 1000, -old, old + 0.5, 10**9, 1e-9]))
    if isinstance(old, str):
        return draw(st.sampled_from([*IDS[:50], old + "x", old.upper(), ""]))
    return draw(values)


@st.composite
def mutated(draw: st.DrawFn, names: tuple[str, ...]) -> tuple[str, Any]:
    name = draw(st.sampled_from(names))
    data = _copy(BASES[name])
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["nearby", "retype", "delete", "add", "duplicate", "override"]))
        if op == "override":
            if "extends" not in data:
                continue
            section = draw(st.sampled_from(SECTIONS))
            entry: dict[str, Any] = {"id": draw(st.sampled_from([*FULL_IDS[section], "nobody"]))}
            if draw(st.booleans()):
                entry["remove"] = True
            else:
                key = draw(st.sampled_from(["guns", "count", "range_km", "side", "place", "date"]))
                entry[key] = draw(values)
            data.setdefault(section, [])
            if isinstance(data[section], list):
                data[section].append(entry)
            continue
        path = draw(st.sampled_from(PATHS[name]))
        try:
            parent = _get(data, path[:-1])
            old = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if op == "nearby":
            parent[path[-1]] = _nearby(draw, old)
        elif op == "retype":
            parent[path[-1]] = draw(values)
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["gunz", "rnage_km", "remove", "extends", "scale"]))] = (
                draw(values)
            )
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(path[-1], _copy(old))
    return name, data


def check_case(name: str, data: Any) -> None:
    """Clean located errors, or a scenario that plays two days with two kinds of player."""
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    raw = text.encode("utf-8", errors="surrogatepass")
    file = f"{name}.yaml"
    sc, problems = read_scenario_bytes(raw, file, use_cache=False, warnings=False)
    if sc is None:
        assert any(p.severity == "error" for p in problems)
        lines = len(raw.splitlines()) + 1
        for p in problems:
            shown = str(p)
            m = PROBLEM.match(shown)
            assert m, shown
            assert p.line >= 1 and p.col >= 1, shown
            if m["file"] == file:
                assert p.line <= lines, shown
            else:  # a base the mod extends: a shipped file
                assert Path(m["file"]).name.endswith(".yaml"), shown
        return
    state = new_game(sc, 1)
    players = {"prc": make_player("random", 1), "roc": make_player("history", 2)}
    for _ in play(sc, state, players, days=2):
        pass
    state = new_game(sc, 2)
    players = {"prc": make_player("history", 2), "roc": make_player("ai:easy", 3)}
    for _ in play(sc, state, players, days=1):
        pass


def _settings(n: int) -> Any:
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


MOD_NAMES = tuple(p.stem for p in MODS)


# -- the normal suite: 200 cases ------------------------------------------------------------


@_settings(160)
@given(mutated(("tiny",)))
def test_mutated_tiny_fails_cleanly_or_plays(case: tuple[str, Any]) -> None:
    check_case(*case)


@_settings(32)
@given(mutated(MOD_NAMES))
def test_mutated_mods_fail_cleanly_or_play(case: tuple[str, Any]) -> None:
    check_case(*case)


@_settings(8)
@given(mutated(("kinmen_1958",)))
def test_mutated_1958_fails_cleanly_or_plays(case: tuple[str, Any]) -> None:
    check_case(*case)


# -- `-m slow`: 2,000 cases -------------------------------------------------------------------


@pytest.mark.slow
@_settings(1600)
@given(mutated(("tiny",)))
def test_many_mutated_tiny(case: tuple[str, Any]) -> None:
    check_case(*case)


@pytest.mark.slow
@_settings(320)
@given(mutated(MOD_NAMES))
def test_many_mutated_mods(case: tuple[str, Any]) -> None:
    check_case(*case)


@pytest.mark.slow
@_settings(80)
@given(mutated(("kinmen_1958",)))
def test_many_mutated_1958(case: tuple[str, Any]) -> None:
    check_case(*case)
