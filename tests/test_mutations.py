"""Mutated scenarios (issue 19): every mutation of the tiny scenario, of the shipped mods and of
the 1958 scenario either fails with clean FILE:LINE:COL errors, or loads and plays.

The mutations are a modder's: a value of another type or out of its bounds, another entry's id
(a wrong reference or a duplicate), a key left out or misspelt, an entry duplicated or dropped,
and in a mod an override of any 1958 entry (a changed number, a removal, an unknown id).

The normal suite runs 2,000 cases, as issue 19 asks of CI: 1,600 of the tiny scenario, 320 of
the shipped mods and 80 of the 1958 scenario. Measured on the shared 2-core VM: 71 s of CPU,
101 s wall at load average 7-8 (the same 2,000 cases took 91 s of CPU, 186 s wall, before the
cases got cheaper, with every mod case then refused at once for its id; see `dumped` and
`_own_id`). A case copies only what it changes and writes a base's unchanged parts from
lines kept once (`_writable`, `emit`): the same cases' bytes, measured one family at a time
in CPU seconds, tiny 24.8 -> 17.4, the 1958 scenario 22.0 -> 13.5. `-m slow` runs five
times as many.
"""

from __future__ import annotations

import datetime as dt
import json
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


def _own_id(data: Any, sid: str) -> Any:
    """A shipped mod under an id of its own: read as the shipped file's id, a copy is refused
    at once ("give this scenario its own id"), and no mutation of it would ever play."""
    return {**data, "id": sid}


BASES = {
    "tiny": _read(TINY),
    **{p.stem: _own_id(_read(p), f"mutant_{p.stem}") for p in MODS},
    "kinmen_1958": _read(FULL),
}
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


def _ids(node: Any, out: set[int]) -> set[int]:
    if isinstance(node, dict | list):
        out.add(id(node))
        for v in node.values() if isinstance(node, dict) else node:
            _ids(v, out)
    return out


#: the id of every mapping and list of the bases. A case changes only copies (`_own`), so a
#: collection with one of these ids is a base's, unchanged: `emit` writes its lines once.
BASE_IDS = frozenset(_ids(BASES, set()))


def _own(node: Any) -> Any:
    """`node` itself if a case made it, else a shallow copy of the base's collection."""
    if id(node) not in BASE_IDS:
        return node
    return dict(node) if isinstance(node, dict) else list(node)


def _writable(data: Any, path: tuple[Any, ...]) -> Any:
    """The collection at `path` in `data` (a case's own root), copied from the base on the way
    down wherever it is still the base's: copy on write, where each case once copied the
    whole base (4,000 collections for the 1958 scenario) to change one to three of them."""
    node = data
    for part in path:
        child = _own(node[part])
        node[part] = child
        node = child
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
    data = _own(BASES[name])
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
                _writable(data, (section,)).append(entry)
            continue
        path = draw(st.sampled_from(PATHS[name]))
        try:
            old = _get(data, path)
        except (KeyError, IndexError, TypeError):
            continue
        parent = _writable(data, path[:-1])
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
            # a base's collection is shared (a later change copies what it changes); one of
            # the case's own is copied, so that changing one twin leaves the other as it was
            parent.insert(path[-1], old if id(old) in BASE_IDS else _copy(old))
    return name, data


#: plain scalars that would not read back as the string they are: quoted
SPECIAL = {"true", "false", "null", "Null", "NULL", "~", "yes", "no", "on", "off", "y", "n"}
PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def scalar(value: Any) -> str:
    """One scalar as PyYAML's dumper spells it (floats with their dot, `.nan`, dates plain),
    strings double-quoted unless they are plain words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if PLAIN.fullmatch(value) and value.lower() not in SPECIAL:
        return value
    return json.dumps(value, ensure_ascii=False)


#: the lines `emit` wrote for a base's unchanged collection, by (id, indent): a case changes
#: one to three places, and writing the other 7,000 lines of the 1958 scenario anew each time
#: was half of what a case of it cost
_EMITTED: dict[tuple[int, str], tuple[str, ...]] = {}


def emit(node: Any, out: list[str], indent: str = "", memo: bool = True) -> None:
    """`node` in block style, one key or item a line: what `yaml.dump` writes, at a tenth of
    its cost (its representer is pure Python, and most of a case's time went to it)."""
    if memo and id(node) in BASE_IDS:
        key = (id(node), indent)
        lines = _EMITTED.get(key)
        if lines is None:
            start = len(out)
            _emit(node, out, indent, memo)
            _EMITTED[key] = tuple(out[start:])
        else:
            out.extend(lines)
        return
    _emit(node, out, indent, memo)


def _emit(node: Any, out: list[str], indent: str, memo: bool) -> None:
    items = node.items() if isinstance(node, dict) else ((None, v) for v in node)
    for key, value in items:
        head = f"{indent}{scalar(key)}:" if isinstance(node, dict) else f"{indent}-"
        if isinstance(value, dict | list) and value:
            if isinstance(node, list) and isinstance(value, dict):
                first = len(out)
                emit(value, out, indent + "  ", memo)
                out[first] = f"{indent}- {out[first][len(indent) + 2 :]}"
            else:
                out.append(head)
                emit(value, out, indent + "  ", memo)
        elif isinstance(value, dict | list):
            out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
        else:
            out.append(f"{head} {scalar(value)}")


def dumped(data: Any, memo: bool = True) -> bytes:
    """The mutated tree as a file's bytes (lone surrogates kept: invalid UTF-8 to refuse)."""
    if not isinstance(data, dict | list) or not data:
        text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True)
    else:
        lines: list[str] = []
        emit(data, lines, memo=memo)
        text = "\n".join(lines) + "\n"
    return text.encode("utf-8", errors="surrogatepass")


def check_case(name: str, data: Any) -> None:
    """Clean located errors, or a scenario that plays two days with two kinds of player."""
    raw = dumped(data)
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


# -- the normal suite: 2,000 cases ----------------------------------------------------------

#: cases per family in the normal suite (`-m slow`: five times as many)
CASES = {"tiny": 1600, "mods": 320, "kinmen_1958": 80}


def test_the_quick_dump_reads_back_as_yaml_dump_does() -> None:
    """`dumped` is a faster `yaml.dump`: every base reads back to the same scenario, and
    scalars of every kind to the same values."""
    from game.history.embedded import scenario_tree

    for name, data in BASES.items():
        slow = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False).encode()
        a, pa = read_scenario_bytes(slow, f"{name}.yaml", use_cache=False, warnings=False)
        b, pb = read_scenario_bytes(dumped(data), f"{name}.yaml", use_cache=False, warnings=False)
        assert pa == pb == [] and a is not None and b is not None, name
        assert scenario_tree(a) == scenario_tree(b), name
    odd = [1e-9, -0.0, float("nan"), float("inf"), "yes", "on", "True", "1958-09-01", "a: b"]
    odd += ["", "x\ny", "'", '"', 10**20, None, False, dt.date(1958, 9, 1), [], {}]
    data = {"k": odd, "nested": [{"a": 1, "b": [1, {"c": "d"}]}, [2, 3]]}
    assert yaml.load(dumped(data), Loader=LOADER) == yaml.load(
        yaml.dump(data, Dumper=DUMPER), Loader=LOADER
    )


@_settings(CASES["tiny"])
@given(mutated(("tiny",)))
def test_mutated_tiny_fails_cleanly_or_plays(case: tuple[str, Any]) -> None:
    check_case(*case)


@_settings(CASES["mods"])
@given(mutated(MOD_NAMES))
def test_mutated_mods_fail_cleanly_or_play(case: tuple[str, Any]) -> None:
    check_case(*case)


@_settings(CASES["kinmen_1958"])
@given(mutated(("kinmen_1958",)))
def test_mutated_1958_fails_cleanly_or_plays(case: tuple[str, Any]) -> None:
    check_case(*case)


# -- `-m slow`: 10,000 cases ---------------------------------------------------------------------


@pytest.mark.slow
@_settings(5 * CASES["tiny"])
@given(mutated(("tiny",)))
def test_many_mutated_tiny(case: tuple[str, Any]) -> None:
    check_case(*case)


@pytest.mark.slow
@_settings(5 * CASES["mods"])
@given(mutated(MOD_NAMES))
def test_many_mutated_mods(case: tuple[str, Any]) -> None:
    check_case(*case)


@pytest.mark.slow
@_settings(5 * CASES["kinmen_1958"])
@given(mutated(("kinmen_1958",)))
def test_many_mutated_1958(case: tuple[str, Any]) -> None:
    check_case(*case)


@_settings(25)
@given(mutated((*BASES,)))
def test_a_case_copies_what_it_changes_and_leaves_its_base_alone(case: tuple[str, Any]) -> None:
    """`mutated` copies on write and `emit` reuses a base's lines: the bytes are those of the
    whole tree written afresh, and the base is what its file reads as."""
    name, data = case
    assert dumped(data) == dumped(data, memo=False)
    assert dumped(BASES[name], memo=False) == _PRISTINE[name]


_PRISTINE = {name: dumped(_copy(data), memo=False) for name, data in BASES.items()}
