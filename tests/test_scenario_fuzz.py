"""Fuzzing the scenario loader: any input gives a Scenario or located problems, never a crash.

(a) mutations of tiny.yaml's text, (b) mutations of its parsed data dumped back to YAML, and
(c) every problem's line and column lie within the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.loader import read_scenario_bytes
from game.scenario.model import Scenario

TINY_PATH = Path(__file__).resolve().parent / "data" / "tiny.yaml"
TINY_TEXT = TINY_PATH.read_text(encoding="utf-8")
TINY_DATA = yaml.safe_load(TINY_TEXT)
NAME = "fuzz.yaml"
PROBLEM_RE = re.compile(r"^.+:\d+:\d+: (error|warning): .+", re.DOTALL)

#: libyaml's emitter when PyYAML has it: the pure-Python one takes ~100 ms for tiny.yaml
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Fragments that stress the YAML layer: structure, anchors, tags, directives, quotes.
TOKENS = [
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system [echo hi]",
    "!!binary ",
    "!!set ",
    "<<: *a",
    "\t",
    "{",
    "}",
    "[",
    "]",
    "#",
    "'",
    '"',
    "? ",
    "|",
    ">",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\n",
    "\r",
    "\x00",
    "\ufeff",
    "\u2028",
    "0x1F",
    "1e400",
    "-.inf",
    ".nan",
    "~",
    "null",
    "yes",
    "on",
    "1958-02-30",
    "9" * 60,
]


def check_result(raw: bytes, result: tuple[Scenario | None, list[Any]]) -> None:
    """The loader's answer is a scenario or well-formed problems inside the file."""
    sc, problems = result
    if sc is not None:
        assert isinstance(sc, Scenario)
        # a scenario that loads may come with warnings (tiny.yaml's numbers have no reasons)
        for p in problems:
            assert p.severity == "warning", str(p)
            assert str(p).startswith(f"{NAME}:{p.line}:{p.col}: warning: "), str(p)
        return
    assert any(p.severity == "error" for p in problems), "no scenario and no error"
    text = raw.decode("utf-8", errors="replace")
    last_line = len(text.splitlines()) + 1
    # Columns count characters; the longest line in bytes is a bound that also holds for the
    # byte-counted column of a bad UTF-8 byte (tests/broken/non_utf8_after_cjk.yaml shows that).
    longest = max((len(line) for line in raw.splitlines()), default=0)
    for p in problems:
        shown = str(p)
        assert PROBLEM_RE.match(shown), shown
        assert shown.startswith(f"{NAME}:{p.line}:{p.col}: {p.severity}: "), shown
        assert 1 <= p.line <= last_line, f"line outside the file ({last_line - 1} lines): {shown}"
        assert 1 <= p.col <= longest + 1, f"column outside the file: {shown}"


def load(raw: bytes) -> tuple[Scenario | None, list[Any]]:
    result = read_scenario_bytes(raw, NAME)
    check_result(raw, result)
    return result


# --- (a) mutations of the text -------------------------------------------------------------------


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    lines = TINY_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        op = draw(
            st.sampled_from(["delete", "duplicate", "swap", "char", "insert", "unicode", "cut"])
        )
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op in ("char", "insert", "unicode"):
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            if op == "char":
                new = draw(st.characters(codec="utf-8"))
                lines[i] = line[:at] + new + line[at + 1 :]
            elif op == "insert":
                lines[i] = line[:at] + draw(st.sampled_from(TOKENS)) + line[at:]
            else:
                lines[i] = line[:at] + draw(st.text(min_size=1, max_size=8)) + line[at:]
        else:
            text = "".join(lines)
            text = text[: draw(st.integers(0, len(text)))]
            lines = text.splitlines(keepends=True)
    return "".join(lines)


@FUZZ
@given(mutated_text())
def test_text_mutations_give_a_scenario_or_located_problems(text: str) -> None:
    load(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.binary(max_size=300), st.integers(0, len(TINY_TEXT)))
def test_bytes_spliced_into_tiny_give_located_problems(junk: bytes, at: int) -> None:
    raw = TINY_TEXT.encode("utf-8")
    load(raw[:at] + junk + raw[at:])


# --- (b) mutations of the parsed data ---------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the data, the root excluded."""
    out = []
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return out
    for k, v in items:
        out.append((*path, k))
        out.extend(_paths(v, (*path, k)))
    return out


def _containers(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if isinstance(node, dict) else []
    if isinstance(node, dict | list):
        for k, v in node.items() if isinstance(node, dict) else enumerate(node):
            out.extend(_containers(v, (*path, k)))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


LEAF_PATHS = [p for p in _paths(TINY_DATA) if not isinstance(_get(TINY_DATA, p), dict | list)]
ALL_PATHS = _paths(TINY_DATA)
MAPPINGS = _containers(TINY_DATA)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "island", "prc", "roc", "island_cp", "1958-08-30", "yes", "no"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=6,
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["gunz", "calibre", "id", "side", "place", "value", "type", "date"]),
    st.integers(-5, 3000),
    st.booleans(),
    st.none(),
)


def _type_name(value: Any) -> str:
    return type(value).__name__


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    data = _copy(TINY_DATA)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if op == "replace":
            path = draw(st.sampled_from(LEAF_PATHS + ALL_PATHS))
            try:
                old = _get(data, path)
            except (KeyError, IndexError, TypeError):
                continue
            new = draw(values.filter(lambda v, old=old: _type_name(v) != _type_name(old)))
            _get(data, path[:-1])[path[-1]] = new
        elif op == "delete":
            path = draw(st.sampled_from(ALL_PATHS))
            try:
                del _get(data, path[:-1])[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
        else:
            path = draw(st.sampled_from(MAPPINGS))
            try:
                parent = _get(data, path)
            except (KeyError, IndexError, TypeError):
                continue
            if isinstance(parent, dict):
                parent[draw(keys)] = draw(values)
    return data


@FUZZ
@given(mutated_data())
def test_data_mutations_give_a_scenario_or_located_problems(data: Any) -> None:
    load(dump(data).encode("utf-8", errors="surrogatepass"))


# --- (c) positions -----------------------------------------------------------------------------


@FUZZ
@given(st.one_of(mutated_text(), mutated_data().map(dump)))
def test_every_problem_lies_within_the_file(text: str) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    _, problems = read_scenario_bytes(raw, NAME)
    last_line = len(raw.decode("utf-8", errors="replace").splitlines()) + 1
    for p in problems:
        assert 1 <= p.line <= last_line, str(p)
        assert p.col >= 1, str(p)


def test_tiny_itself_loads() -> None:
    sc, problems = load(TINY_TEXT.encode("utf-8"))
    assert [p for p in problems if "neither a source nor an assumption" not in p.message] == []
    assert sc is not None and sc.id == "tiny"
