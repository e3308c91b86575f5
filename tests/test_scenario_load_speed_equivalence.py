"""The fast scenario loader decides exactly what the plain one it replaced decided.

For speed, `schema` converts values with converters built once per field, builds most
instances without calling their class and resolves type hints itself, and `article` skips
substitutions that cannot match. Each test pits one of these against a plain reference (the
former code, kept here for that purpose) on the shipped scenario and on random variations of
it: same objects (types, values, attribute order), same problems in the same order, same
reference checks and the same recorded paths.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import math
import re
import types
import typing
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.paths import default_scenario
from game.scenario import (
    article,
    loader,
    model,
    model_calibration,
    model_map,
    model_text,
    orders,
    schema,
)
from game.scenario.errors import YamlPath, did_you_mean
from game.scenario.model import Scenario, Text
from game.scenario.orders import ORDER_TYPES, Order
from game.scenario.schema import Assumptions, Reader, RefCheck
from game.scenario.yamlsafe import LoadedYaml, load_yaml_text

TINY_TEXT = (Path(__file__).resolve().parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
TINY_DATA = load_yaml_text(TINY_TEXT, "tiny.yaml").data
BIG_TEXT = default_scenario().read_text(encoding="utf-8")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MODEL_CLASSES = [
    c
    for m in (model, model_text, model_calibration, model_map, orders)
    for c in vars(m).values()
    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == m.__name__
]

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the reference: the generic reader as it was -------------------------------------------


class ReferenceReader(Reader):
    """Asks every question about a field's type again for every value; calls every class."""

    def read(self, value: Any, tp: Any, path: YamlPath, meta: dict[str, Any] | None = None) -> Any:
        meta = meta or {}
        if (
            tp is str
            and isinstance(value, str)
            and not meta.get("ref")
            and not meta.get("nonempty")
        ):
            return value
        if tp is Any:
            return value
        origin, targs = get_origin(tp), get_args(tp)
        if origin is Union or origin is types.UnionType:
            args = [a for a in targs if a is not type(None)]
            # null only where the type allows it (`float | bool` once read null as None, and
            # the rules crashed on it: tests/test_mutations.py found that)
            if value is None and type(None) in targs:
                return None
            if len(args) == 1:
                return self.read(value, args[0], path, meta)
            return self._read_union(value, args, path, meta)
        if origin is Literal:
            choices = targs
            if value in choices and type(value) is type(choices[0]):
                return value
            hint = did_you_mean(str(value), [str(c) for c in choices])
            listed = ", ".join(str(c) for c in choices)
            self.error(path, f"must be one of {listed}, got {schema._show(value)}{hint}")
            return schema._INVALID
        if origin is list:
            (item_tp,) = targs
            if meta.get("many") and isinstance(value, dict):
                value = [value]
                single = True
            else:
                single = False
            if not isinstance(value, list):
                self.error(path, f"expected a list, got {schema._kind(value)}")
                return schema._INVALID
            if meta.get("nonempty") and not value:
                self.error(path, "must not be empty")
            out = []
            item_meta = {"ref": meta.get("ref"), "min": meta.get("min"), "max": meta.get("max")}
            for i, item in enumerate(value):
                got = self.read(item, item_tp, path if single else (*path, i), item_meta)
                if got is not schema._INVALID:
                    out.append(got)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.unreadable.add(item["id"])
            return out
        if origin is dict:
            key_tp, val_tp = targs
            if not isinstance(value, dict):
                self.error(path, f"expected a mapping, got {schema._kind(value)}")
                return schema._INVALID
            out_d: dict[str, Any] = {}
            val_meta = {"min": meta.get("min"), "max": meta.get("max")}
            for k, v in value.items():
                if get_origin(key_tp) is Literal:
                    if k not in get_args(key_tp):
                        names = [str(c) for c in get_args(key_tp)]
                        self.error(
                            (*path, k), f"unknown key '{k}'{did_you_mean(k, names)}", at_key=True
                        )
                        continue
                elif meta.get("ref"):
                    self.refs.append(RefCheck(meta["ref"], k, (*path, k)))
                got = self.read(v, val_tp, (*path, k), val_meta)
                if got is not schema._INVALID:
                    out_d[k] = got
                elif isinstance(k, str):
                    self.unreadable.add(k)
            return out_d
        if tp is Assumptions:
            return self._read_assumptions(value, path)
        if isinstance(tp, type) and tp in self.unions:
            return self._read_tagged(value, tp, path)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.read_dataclass(value, tp, path)
        if tp is str:
            if not isinstance(value, str):
                self.error(path, f"expected a string, got {schema._kind(value)}")
                return schema._INVALID
            if meta.get("nonempty") and not value.strip():
                self.error(path, "must not be empty")
            if meta.get("ref"):
                self.refs.append(RefCheck(meta["ref"], value, path))
            return value
        if tp is bool:
            if not isinstance(value, bool):
                self.error(path, f"expected true or false, got {schema._show(value)}")
                return schema._INVALID
            return value
        if tp is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(path, f"expected an integer, got {schema._show(value)}")
                return schema._INVALID
            return self._bounded(value, path, meta)
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                hint = ""
                if isinstance(value, str) and re.fullmatch(r"[-+]?\d+[eE][-+]?\d+", value):
                    hint = " (a number with an exponent needs a dot: write 2.0e3, or 2000)"
                self.error(path, f"expected a number, got {schema._show(value)}{hint}")
                return schema._INVALID
            if isinstance(value, int) and abs(value) > 1e300:  # float() of it would overflow
                self.error(path, "number out of range")
                return schema._INVALID
            if not math.isfinite(value):
                self.error(path, f"must be a finite number, got {value}")
                return schema._INVALID
            return self._bounded(float(value), path, meta)
        if tp is dt.date:
            return self._read_date(value, path)
        raise TypeError(f"schema has an unsupported type {tp!r} at {path}")

    def _bounded(self, value: float, path: YamlPath, meta: dict[str, Any]) -> Any:
        if abs(value) > 1e300:
            self.error(path, "number out of range")
            return schema._INVALID
        lo = meta.get("min")
        hi = meta.get("max")
        lo = -schema.DEFAULT_MAX if lo is None else lo
        hi = schema.DEFAULT_MAX if hi is None else hi
        if value < lo:
            self.error(path, f"must be at least {schema._num(lo)}, got {schema._num(value)}")
            return schema._INVALID
        if value > hi:
            self.error(path, f"must be at most {schema._num(hi)}, got {schema._num(value)}")
            return schema._INVALID
        return value

    def _read_union(self, value: Any, args: list[Any], path: YamlPath, meta: dict) -> Any:
        for a in args:
            if a is bool and isinstance(value, bool):
                return value
            if a in (int, float) and isinstance(value, int | float) and not isinstance(value, bool):
                return self.read(value, a, path, meta)
            if a is str and isinstance(value, str):
                return self.read(value, a, path, meta)
        names = " or ".join(schema._TYPE_NAMES.get(a, getattr(a, "__name__", str(a))) for a in args)
        self.error(path, f"expected {names}, got {schema._show(value)}")
        return schema._INVALID

    def _read_tagged(self, value: Any, base: type, path: YamlPath) -> Any:
        tag_key, table = self.unions[base]
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping with '{tag_key}:', got {schema._kind(value)}")
            return schema._INVALID
        tag = value.get(tag_key)
        if not isinstance(tag, str) or tag not in table:
            hint = did_you_mean(str(tag), table) if tag is not None else ""
            where = (*path, tag_key) if tag_key in value else path
            known = ", ".join(table)
            self.error(where, f"unknown {tag_key} {schema._show(tag)}{hint}; known: {known}")
            return schema._INVALID
        rest = {k: v for k, v in value.items() if k != tag_key}
        return self.read_dataclass(rest, table[tag], path)

    def read_dataclass(self, value: Any, cls: type, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {schema._kind(value)}")
            return schema._INVALID
        by_key = _reference_plan(cls)
        kwargs: dict[str, Any] = {}
        ok = True
        for k in value:
            if k not in by_key:
                self.error((*path, k), f"unknown key '{k}'{did_you_mean(k, by_key)}", at_key=True)
                ok = False
        for k, (name, hint, meta, required) in by_key.items():
            if k in value:
                got = self.read(value[k], hint, (*path, k), meta)
                if got is schema._INVALID:
                    ok = False
                else:
                    kwargs[name] = got
            elif required:
                self.error(path, f"missing required key '{k}'")
                ok = False
        if not ok:
            schema._keep_partial(self, cls, kwargs, value, path)
            return schema._INVALID
        obj = cls(**kwargs)
        self.paths[id(obj)] = path
        return obj


_REFERENCE_PLANS: dict[type, dict[str, tuple[str, Any, dict[str, Any], bool]]] = {}


def _reference_plan(cls: type) -> dict[str, tuple[str, Any, dict[str, Any], bool]]:
    plan = _REFERENCE_PLANS.get(cls)
    if plan is None:
        module = __import__(cls.__module__, fromlist=["*"])
        hints = typing.get_type_hints(cls, globalns=vars(module))
        plan = _REFERENCE_PLANS[cls] = {
            f.metadata.get("key") or f.name: (
                f.name,
                hints[f.name],
                dict(f.metadata),
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(cls)
            if f.init
        }
    return plan


# --- comparing two conversions ---------------------------------------------------------------


def canon(x: Any) -> Any:
    """Everything that tells two results apart: types, values, and attribute order."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x), tuple((k, canon(v)) for k, v in vars(x).items()))
    if isinstance(x, dict):
        return (type(x), tuple((k, canon(v)) for k, v in x.items()))
    if isinstance(x, list | tuple):
        return (type(x), tuple(canon(v) for v in x))
    if x is schema._INVALID:
        return "<invalid>"
    return (type(x), repr(x))


def live_paths(x: Any, paths: dict[int, YamlPath], out: list[Any]) -> list[Any]:
    """The recorded path of every instance in the result, in traversal order."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        out.append(paths.get(id(x)))
        for v in vars(x).values():
            live_paths(v, paths, out)
    elif isinstance(x, dict):
        for v in x.values():
            live_paths(v, paths, out)
    elif isinstance(x, list):
        for v in x:
            live_paths(v, paths, out)
    return out


def convert(reader_cls: type[Reader], data: Any, loaded: LoadedYaml) -> Any:
    rd = reader_cls(loaded)
    rd.unions[Order] = ("type", dict(ORDER_TYPES))
    out = rd.read_dataclass(data, Scenario, ())
    return (
        canon(out),
        [(p.file, p.line, p.col, p.path, p.message) for p in rd.problems],
        [(r.table, r.value, r.path) for r in rd.refs],
        [(d.value, d.path) for d in rd.dates],
        live_paths(out, rd.paths, []),
        [(path, canon(obj)) for path, obj in rd.partial],
    )


def assert_same_conversion(data: Any, loaded: LoadedYaml | None = None) -> None:
    loaded = loaded or LoadedYaml("x.yaml", data, marks={}, key_marks={})
    assert convert(Reader, data, loaded) == convert(ReferenceReader, data, loaded)


# --- random variations of the data -----------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the data, the root excluded."""
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return []
    out = []
    for k, v in items:
        out.append((*path, k))
        out.extend(_paths(v, (*path, k)))
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


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(min_value=10**9, max_value=10**320),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, -0.0, 1e9, 1e9 + 1, 1000000001, 2**53 + 1, 1e301, 5000, 5001]),
    st.text(max_size=12),
    st.sampled_from(["", " ", "prc", "roc", "none", "fire", "convoy", "2e3", "-3E+4", "type"]),
    st.sampled_from(["1958-08-23", "1958-02-30", "1958-8-23", "island", "ammo", "tension"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)


def mutated(base: Any, paths: list[tuple[Any, ...]]) -> st.SearchStrategy[Any]:
    @st.composite
    def build(draw: st.DrawFn) -> Any:
        data = _copy(base)
        for _ in range(draw(st.integers(1, 4))):
            path = draw(st.sampled_from(paths))
            try:
                parent = _get(data, path[:-1])
                old = parent[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            op = draw(st.sampled_from(["replace", "delete", "add", "rename", "copy"]))
            if op == "replace":
                parent[path[-1]] = draw(values)
            elif op == "delete":
                del parent[path[-1]]
            elif op == "add" and isinstance(old, dict):
                old[draw(st.sampled_from(["gunz", "id", "value", "type", "x", "\x00file"]))] = draw(
                    values
                )
            elif op == "rename" and isinstance(parent, dict):
                parent[str(path[-1]) + draw(st.sampled_from(["", "_", "s"]))] = parent.pop(path[-1])
            elif op == "copy" and isinstance(parent, list):
                parent.append(_copy(old))
        return data

    return build()


TINY_PATHS = _paths(TINY_DATA)
BIG_DATA = load_yaml_text(BIG_TEXT, "big.yaml").data
BIG_PATHS = _paths(BIG_DATA)


# --- the tests -----------------------------------------------------------------------------------


def test_the_shipped_scenario_converts_the_same_with_its_marks() -> None:
    loaded = load_yaml_text(BIG_TEXT, "kinmen_1958.yaml")
    assert_same_conversion(loaded.data, loaded)


@SETTINGS
@given(mutated(TINY_DATA, TINY_PATHS))
def test_variations_of_tiny_convert_the_same(data: Any) -> None:
    assert_same_conversion(data)


@settings(SETTINGS, max_examples=25)
@given(mutated(BIG_DATA, BIG_PATHS))
def test_variations_of_the_shipped_scenario_convert_the_same(data: Any) -> None:
    assert_same_conversion(data)


@settings(SETTINGS, max_examples=60)
@given(mutated(TINY_DATA, TINY_PATHS))
def test_whole_load_reports_the_same_problems_at_the_same_places(data: Any) -> None:
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    raw = text.encode("utf-8", errors="surrogatepass")
    fast = loader.read_scenario_bytes(raw, "v.yaml", use_cache=False)
    loader.Reader = ReferenceReader  # type: ignore[misc]
    try:
        plain = loader.read_scenario_bytes(raw, "v.yaml", use_cache=False)
    finally:
        loader.Reader = Reader  # type: ignore[misc]
    assert [str(p) for p in fast[1]] == [str(p) for p in plain[1]]
    assert [p.path for p in fast[1]] == [p.path for p in plain[1]]
    assert canon(fast[0]) == canon(plain[0])


def edge_values(meta: dict[str, Any]) -> list[Any]:
    """Values at and around a field's bounds, and values of every other kind."""
    out: list[Any] = [None, True, False, 0, -0.0, 1, -1, 0.5, 2**53 + 1, 10**301, -(10**301)]
    out += [1e300, -1e300, 1e301, -1e301, math.inf, -math.inf, math.nan, 1e9, 1e9 + 1, 10**9 + 1]
    out += ["", " ", "\t\u3000", "x", "prc", "2e3", "-3E+4", "1958-08-23", "1958-02-30"]
    out += [[], [1], ["x"], {}, {"a": 1}, {"prc": []}, {"en": "a", "zh": "b"}, dt.date(1958, 8, 23)]
    for bound in (meta.get("min"), meta.get("max")):
        if bound is not None:
            for b in (bound, float(bound), int(bound)):
                out += [b, b + 1, b - 1, b + 0.5, b - 0.5]
                out += [math.nextafter(float(b), math.inf), math.nextafter(float(b), -math.inf)]
    return out


FIELDS = [
    (cls, key, hint, meta)
    for cls in MODEL_CLASSES
    for key, (_name, hint, meta, _required) in schema._plan_of(cls).items()
]


@pytest.mark.parametrize(("cls", "key", "hint", "meta"), FIELDS, ids=lambda x: str(x)[:40])
def test_every_field_converts_edge_values_the_same(
    cls: type, key: str, hint: Any, meta: dict[str, Any]
) -> None:
    for value in edge_values(meta):
        results = []
        for reader_cls in (Reader, ReferenceReader):
            rd = reader_cls(LoadedYaml("x.yaml", {}, marks={}, key_marks={}))
            rd.unions[Order] = ("type", dict(ORDER_TYPES))
            got = rd.read(value, hint, ("f", key), meta)
            problems = [(p.path, p.message) for p in rd.problems]
            refs = [(r.table, r.value, r.path) for r in rd.refs]
            results.append((canon(got), problems, refs, [(d.value, d.path) for d in rd.dates]))
        assert results[0] == results[1], (cls.__name__, key, value)


def test_instances_built_without_calling_their_class_equal_called_ones() -> None:
    sc = loader.load_scenario(default_scenario())
    seen = 0

    def check(x: Any) -> None:
        nonlocal seen
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            kwargs = {f.name: getattr(x, f.name) for f in dataclasses.fields(x) if f.init}
            called = type(x)(**kwargs)
            assert called == x and list(vars(called).items()) == list(vars(x).items())
            seen += 1
            for v in vars(x).values():
                check(v)
        elif isinstance(x, dict):
            for v in x.values():
                check(v)
        elif isinstance(x, list):
            for v in x:
                check(v)

    check(sc)
    assert seen > 2000
    assert all(schema._builds_directly(c) for c in MODEL_CLASSES)


# Classes whose __init__ does more than store its fields: they must be called.


@dataclass(frozen=True)
class _PostInit:
    a: int
    b: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "b", self.a * 2)


@dataclass
class _WithInitVar:
    a: int
    scale: InitVar[int] = 3

    def __post_init__(self, scale: int) -> None:
        self.a *= scale


@dataclass
class _NotInInit:
    a: int
    seen: list[int] = field(init=False, default_factory=lambda: [7])


@dataclass
class _OwnFactory:
    a: int
    extra: list[int] = field(default_factory=lambda: [1, 2])


@dataclass(slots=True)
class _Slots:
    a: int


@dataclass
class _OwnInit:
    a: int

    def __init__(self, a: int) -> None:
        self.a = a + 100


class _Setter:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = "_" + name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        return 5 if obj is None else getattr(obj, self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        object.__setattr__(obj, self.name, value * 10)


@dataclass
class _Descriptor:
    a: int = _Setter()  # type: ignore[assignment]


@pytest.mark.parametrize(
    "cls", [_PostInit, _WithInitVar, _NotInInit, _OwnFactory, _Slots, _OwnInit, _Descriptor]
)
def test_classes_with_more_to_their_init_are_called(cls: type) -> None:
    assert not schema._builds_directly(cls)
    rd = Reader(LoadedYaml("x.yaml", {"a": 4}, marks={}, key_marks={}))
    got = rd.read_dataclass({"a": 4}, cls, ())
    want = cls(a=4)
    assert got == want and type(got) is cls
    if hasattr(want, "__dict__"):
        assert list(vars(got).items()) == list(vars(want).items())


# Type hints: the model's, and shapes that `_type_hints` leaves to `typing.get_type_hints`.


@dataclass
class _Shadowed:
    Text = int  # a class attribute: annotations see it before the module's Text
    name: Text = 0
    other: Annotated[int, "note"] = 0
    late: list[Text] = field(default_factory=list)
    kind: ClassVar[str] = "k"
    maybe: Text | None = None


@dataclass
class _NestedString:
    items: list[Text] = field(default_factory=list)
    quoted: list["Text"] = field(default_factory=list)  # noqa: UP037 - a nested string, on purpose


@pytest.mark.parametrize("cls", [*MODEL_CLASSES, _Shadowed, _NestedString, _PostInit, Order])
def test_type_hints_are_those_of_typing(cls: type) -> None:
    schema._HINTS.pop(cls, None)
    ours = schema._type_hints(cls)
    module = __import__(cls.__module__, fromlist=["*"])
    theirs = typing.get_type_hints(cls, globalns=vars(module))
    assert ours == theirs
    assert repr(ours) == repr(theirs)  # Literal and union equality ignore the order of members
    assert list(ours) == list(theirs)


def test_type_hints_that_typing_rejects_are_rejected_the_same_way() -> None:
    @dataclass
    class Broken:
        a: Nowhere  # type: ignore[name-defined]  # noqa: F821

    module = __import__(Broken.__module__, fromlist=["*"])
    with pytest.raises(NameError) as theirs:
        typing.get_type_hints(Broken, globalns=vars(module))
    with pytest.raises(NameError) as ours:
        schema._type_hints(Broken)
    assert str(ours.value) == str(theirs.value)


# The article: substitutions skipped when they cannot match.


def reference_display_text_of(raw: str) -> str:
    def clean(line: str) -> str:
        line = article._IMAGE.sub("", line)
        line = article._CATEGORY_LINK.sub("", line)
        line = article._LINK.sub(r"\1", line)
        line = article._FOOTNOTE.sub("", line)
        line = article._CLEAR_TEMPLATE.sub("", line)
        line = article._BOLD.sub(r"\1", line)
        heading = article._HEADING.match(line)
        if heading:
            line = heading.group(2)
        line = article._LIST_MARKER.sub("", line)
        line = article._ESCAPE.sub(r"\1", line)
        return line.rstrip()

    def drop_sections(lines: list[str]) -> list[str]:
        kept, dropping = [], False
        for line in lines:
            heading = article._HEADING.match(line)
            if heading:
                dropping = heading.group(2).strip() in article.DROPPED_SECTIONS
            if not dropping:
                kept.append(line)
        return kept

    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = article._HTML_COMMENT.sub("", text)
    text = article._CONVERSION_NOTE.sub("", text)
    text = article._LANG_CONVERSION.sub(article._convert_language, text)
    lines = [clean(line) for line in drop_sections(text.split("\n"))]
    return article._BLANK_RUN.sub("\n\n", "\n".join(lines).strip("\n"))


ARTICLE_RAW = article.raw_text()
ARTICLE_LINES = ARTICLE_RAW.split("\n")
FRAGMENTS = [
    *"[]()\\#-*+ \t\n\r。١２9",
    "](",
    "\\[",
    "\\]",
    "\\[12\\]",
    "## ",
    "###### ",
    "1. ",
    "１２. ",
    "٣. ",
    "**",
    "**b**",
    "{{-}}",
    "-{zh-hans:炮; zh-hant:砲;}-",
    "<!--",
    "-->",
    "File:",
    '"fig:x"',
    "[a](b)",
    '[a](b "t")',
    "[Category:c](d)",
    '[p](File:x.jpg "fig:y")cap\\]\\]',
    "\\_",
    "\\(",
    "參考文獻",
    "外部链接",
    "> 本文内容由x转换而来。",
    "\n>本文内容由转换而来",
    "\n>\t本文内容由x转换而来。\n",
    ">  本文内容由转换而来 ",
    "金門",
]


@st.composite
def article_like(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=40)))
    lines = draw(st.lists(st.sampled_from(ARTICLE_LINES), min_size=1, max_size=6))
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
    return text


def test_the_shipped_article_has_the_same_display_text() -> None:
    assert article.display_text_of(ARTICLE_RAW) == reference_display_text_of(ARTICLE_RAW)


@settings(max_examples=400, deadline=None)
@given(article_like())
def test_article_like_text_has_the_same_display_text(raw: str) -> None:
    assert article.display_text_of(raw) == reference_display_text_of(raw)


# Validation: each check of a day's orders reports at the order's own field.


def test_history_order_problems_name_the_order_and_field() -> None:
    data = _copy(TINY_DATA)
    data["history"][1]["orders"] = {
        "prc": [
            {"type": "fire", "group": "roc_guns", "target": "prc_cp", "rounds": 10},
            {"type": "fire", "group": "prc_guns", "target": "nowhere", "rounds": 10},
            {"type": "naval_sortie", "ship_class": "roc_patrol", "boats": 1},
            {"type": "air_sortie", "air_unit": "roc_f86", "sorties": 1},
            {"type": "move", "move": "roc_ask_escort"},
        ],
        "roc": [
            {"type": "convoy", "ship_class": "roc_patrol", "ships": 1, "cargo": {"food": 1}}
            | {"beach": "island_cp", "escort_class": "prc_torpedo"},
            {"type": "airlift", "air_unit": "prc_mig", "sorties": 1, "cargo": {"food": 1}},
        ],
    }
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    sc, problems = loader.read_scenario_bytes(text.encode(), "orders.yaml", use_cache=False)
    at = ("history", 1, "orders")
    expected = [
        ((*at, "prc", 0, "group"), "'roc_guns' belongs to roc, not prc"),
        ((*at, "prc", 0, "target"), "'prc_cp' is prc's own; fire at the enemy"),
        ((*at, "prc", 1, "target"), "no target or artillery group 'nowhere'"),
        ((*at, "prc", 2, "ship_class"), "'roc_patrol' belongs to roc, not prc"),
        ((*at, "prc", 3, "air_unit"), "'roc_f86' belongs to roc, not prc"),
        ((*at, "prc", 4, "move"), "'roc_ask_escort' belongs to roc, not prc"),
        ((*at, "roc", 0, "ship_class"), "'roc_patrol' is a escort, not a transport"),
        ((*at, "roc", 0, "escort_class"), "'prc_torpedo' belongs to prc, not roc"),
        ((*at, "roc", 0, "beach"), "'island_cp' is a command_post, not a pier or beach"),
        ((*at, "roc", 1, "air_unit"), "'prc_mig' belongs to prc, not roc"),
    ]
    assert sc is None
    assert sorted((p.path, p.message) for p in problems) == sorted(expected)


# Marks from the file's bytes, decoded only when needed.


def test_marks_from_bytes_are_those_from_text() -> None:
    raw = ("\ufeff" + TINY_TEXT).encode("utf-8")
    data = load_yaml_text(raw, "tiny.yaml").data
    from_bytes = LoadedYaml("tiny.yaml", data, _source=raw)
    from_text = LoadedYaml("tiny.yaml", data, _source=raw.decode("utf-8-sig"))
    assert from_bytes.marks == from_text.marks
    assert from_bytes.key_marks == from_text.key_marks
    assert from_bytes.marks  # built, not empty


def test_text_is_a_model_class() -> None:
    # guards the imports above against the model being renamed
    assert Text in MODEL_CLASSES


def test_a_huge_integer_for_a_number_is_an_error_not_a_crash():
    """Found by the variations above: an int beyond float range (possible in data that did not
    come through the YAML loader, which caps digits) is reported, not an OverflowError."""
    data = copy.deepcopy(TINY_DATA)
    data["artillery"][0]["protection_kg"] = 10**400
    loaded = LoadedYaml("x.yaml", data, marks={}, key_marks={})
    rd = Reader(loaded)
    rd.read_dataclass(data, Scenario, ())
    found = [(p.path, p.message) for p in rd.problems if p.path[0] == "artillery"]
    assert found == [(("artillery", 0, "protection_kg"), "number out of range")]
