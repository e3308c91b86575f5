"""Turn loaded YAML into typed dataclasses, collecting every problem with its line and column.

One generic reader walks a dataclass's fields (their type hints and `spec` metadata) instead of
hand-written checks per section: every section gets the same unknown-key hints, type messages,
number bounds and cross-reference bookkeeping, and a new field costs one line in `model.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

from game.scenario.errors import Problem, YamlPath, did_you_mean
from game.scenario.yamlsafe import LoadedYaml

#: Bounds for numbers whose field sets none: keeps a typo like 1e300 from reaching the rules.
DEFAULT_MAX = 1e9

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def spec(
    default: Any = MISSING,
    *,
    min: float | None = None,
    max: float | None = None,
    ref: str | None = None,
    many: bool = False,
    key: str | None = None,
    factory: Callable[[], Any] | None = None,
    nonempty: bool = False,
) -> Any:
    """A dataclass field with validation metadata.

    `ref` names the id table a string (or each string of a list/dict key) must exist in;
    `many` lets a single mapping stand for a one-element list (as in `source:`);
    `key` is the YAML spelling when it differs from the Python name (e.g. `from`).
    """
    meta = {"min": min, "max": max, "ref": ref, "many": many, "key": key, "nonempty": nonempty}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


class Assumptions(dict[str, str]):
    """`assumption:` as written: one reason for the whole entry ("" key) or one per field."""


@dataclass(frozen=True)
class RefCheck:
    table: str
    value: str
    path: YamlPath


@dataclass(frozen=True)
class DateCheck:
    value: dt.date
    path: YamlPath


@dataclass
class Reader:
    """State of one conversion: the loaded file, problems found, and checks left for later."""

    loaded: LoadedYaml
    problems: list[Problem] = field(default_factory=list)
    refs: list[RefCheck] = field(default_factory=list)
    dates: list[DateCheck] = field(default_factory=list)
    #: path of every converted dataclass instance, for later cross-checks (keyed by id()).
    paths: dict[int, YamlPath] = field(default_factory=dict)
    #: registry for tagged unions: base class -> (tag key, {tag: class})
    unions: dict[type, tuple[str, dict[str, type]]] = field(default_factory=dict)

    def error(self, path: YamlPath, message: str, *, at_key: bool = False) -> None:
        mark = None
        if at_key:
            mark = self.loaded.key_marks.get(path)
        if mark is None:
            mark = self.loaded.mark(path)
        self.problems.append(Problem(self.loaded.file, mark.line, mark.col, path, message))

    # -- conversion -------------------------------------------------------------------------

    def read(self, value: Any, tp: Any, path: YamlPath, meta: dict[str, Any] | None = None) -> Any:
        """Convert `value` to `tp`; on a problem record it and return `_INVALID`."""
        meta = meta or _NO_META
        if (
            tp is str
            and isinstance(value, str)
            and not meta.get("ref")
            and not meta.get("nonempty")
        ):
            return value  # the commonest case, kept off the slow path below
        if tp is Any:
            return value
        shape = _SHAPES.get(tp)
        if shape is None:
            shape = _SHAPES[tp] = (get_origin(tp), get_args(tp))
        origin, targs = shape
        if origin is Union or origin is types.UnionType:
            args = [a for a in targs if a is not type(None)]
            if value is None:
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
            self.error(path, f"must be one of {listed}, got {_show(value)}{hint}")
            return _INVALID
        if origin is list:
            (item_tp,) = targs
            if meta.get("many") and isinstance(value, dict):
                value = [value]
                single = True
            else:
                single = False
            if not isinstance(value, list):
                self.error(path, f"expected a list, got {_kind(value)}")
                return _INVALID
            if meta.get("nonempty") and not value:
                self.error(path, "must not be empty")
            out = []
            item_meta = {"ref": meta.get("ref"), "min": meta.get("min"), "max": meta.get("max")}
            for i, item in enumerate(value):
                sub = path if single else (*path, i)
                got = self.read(item, item_tp, sub, item_meta)
                if got is not _INVALID:
                    out.append(got)
            return out
        if origin is dict:
            key_tp, val_tp = targs
            if not isinstance(value, dict):
                self.error(path, f"expected a mapping, got {_kind(value)}")
                return _INVALID
            out_d: dict[str, Any] = {}
            val_meta = {"min": meta.get("min"), "max": meta.get("max")}
            for k, v in value.items():
                if get_origin(key_tp) is Literal:
                    if k not in get_args(key_tp):
                        names = [str(c) for c in get_args(key_tp)]
                        hint = did_you_mean(k, names)
                        self.error((*path, k), f"unknown key '{k}'{hint}", at_key=True)
                        continue
                elif meta.get("ref"):
                    self.refs.append(RefCheck(meta["ref"], k, (*path, k)))
                got = self.read(v, val_tp, (*path, k), val_meta)
                if got is not _INVALID:
                    out_d[k] = got
            return out_d
        if tp is Assumptions:
            return self._read_assumptions(value, path)
        if isinstance(tp, type) and tp in self.unions:
            return self._read_tagged(value, tp, path)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.read_dataclass(value, tp, path)
        if tp is str:
            if not isinstance(value, str):
                self.error(path, f"expected a string, got {_kind(value)}")
                return _INVALID
            if meta.get("nonempty") and not value.strip():
                self.error(path, "must not be empty")
            if meta.get("ref"):
                self.refs.append(RefCheck(meta["ref"], value, path))
            return value
        if tp is bool:
            if not isinstance(value, bool):
                self.error(path, f"expected true or false, got {_show(value)}")
                return _INVALID
            return value
        if tp is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(path, f"expected an integer, got {_show(value)}")
                return _INVALID
            return self._bounded(value, path, meta)
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                hint = ""
                if isinstance(value, str) and re.fullmatch(r"[-+]?\d+[eE][-+]?\d+", value):
                    hint = " (a number with an exponent needs a dot: write 2.0e3, or 2000)"
                self.error(path, f"expected a number, got {_show(value)}{hint}")
                return _INVALID
            if not math.isfinite(value):
                self.error(path, f"must be a finite number, got {value}")
                return _INVALID
            return self._bounded(float(value), path, meta)
        if tp is dt.date:
            return self._read_date(value, path)
        raise TypeError(f"schema has an unsupported type {tp!r} at {path}")  # a bug in model.py

    def _bounded(self, value: float, path: YamlPath, meta: dict[str, Any]) -> Any:
        if abs(value) > 1e300:  # a huge int would overflow float() below
            self.error(path, "number out of range")
            return _INVALID
        lo = meta.get("min")
        hi = meta.get("max")
        lo = -DEFAULT_MAX if lo is None else lo
        hi = DEFAULT_MAX if hi is None else hi
        if value < lo:
            self.error(path, f"must be at least {_num(lo)}, got {_num(value)}")
            return _INVALID
        if value > hi:
            self.error(path, f"must be at most {_num(hi)}, got {_num(value)}")
            return _INVALID
        return value

    def _read_date(self, value: Any, path: YamlPath) -> Any:
        m = _DATE_RE.match(value) if isinstance(value, str) else None
        if not m:
            self.error(path, f"expected a date written YYYY-MM-DD, got {_show(value)}")
            return _INVALID
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            self.error(path, f"not a real date: {value} ({exc})")
            return _INVALID
        self.dates.append(DateCheck(day, path))
        return day

    def _read_assumptions(self, value: Any, path: YamlPath) -> Any:
        if isinstance(value, str):
            if not value.strip():
                self.error(path, "an assumption needs a reason")
                return _INVALID
            return Assumptions({"": value})
        if isinstance(value, dict):
            out = Assumptions()
            for k, v in value.items():
                if not isinstance(v, str) or not v.strip():
                    self.error((*path, k), "an assumption needs a reason (a string)")
                    continue
                out[k] = v
            return out
        self.error(path, f"expected a reason (string) or field: reason mapping, got {_kind(value)}")
        return _INVALID

    def _read_union(self, value: Any, args: list[Any], path: YamlPath, meta: dict) -> Any:
        # Only simple scalar unions appear in the model (e.g. float | bool): pick by Python type.
        for a in args:
            if a is bool and isinstance(value, bool):
                return value
            if a in (int, float) and isinstance(value, int | float) and not isinstance(value, bool):
                return self.read(value, a, path, meta)
            if a is str and isinstance(value, str):
                return self.read(value, a, path, meta)
        names = " or ".join(_TYPE_NAMES.get(a, getattr(a, "__name__", str(a))) for a in args)
        self.error(path, f"expected {names}, got {_show(value)}")
        return _INVALID

    def _read_tagged(self, value: Any, base: type, path: YamlPath) -> Any:
        tag_key, table = self.unions[base]
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping with '{tag_key}:', got {_kind(value)}")
            return _INVALID
        tag = value.get(tag_key)
        if not isinstance(tag, str) or tag not in table:
            hint = did_you_mean(str(tag), table) if tag is not None else ""
            known = ", ".join(table)
            where = (*path, tag_key) if tag_key in value else path
            self.error(where, f"unknown {tag_key} {_show(tag)}{hint}; known: {known}")
            return _INVALID
        rest = {k: v for k, v in value.items() if k != tag_key}
        return self.read_dataclass(rest, table[tag], path)

    def read_dataclass(self, value: Any, cls: type, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {_kind(value)}")
            return _INVALID
        by_key = _plan_of(cls)
        kwargs: dict[str, Any] = {}
        ok = True
        for k in value:
            if k not in by_key:
                self.error((*path, k), f"unknown key '{k}'{did_you_mean(k, by_key)}", at_key=True)
                ok = False
        for k, (name, hint, meta, required) in by_key.items():
            if k in value:
                got = self.read(value[k], hint, (*path, k), meta)
                if got is _INVALID:
                    ok = False
                else:
                    kwargs[name] = got
            elif required:
                self.error(path, f"missing required key '{k}'")
                ok = False
        if not ok:
            return _INVALID
        obj = cls(**kwargs)
        self.paths[id(obj)] = path
        return obj


class _Invalid:
    def __repr__(self) -> str:
        return "<invalid>"


_INVALID: Any = _Invalid()

_TYPE_NAMES = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}


def _fields_of(cls: type) -> tuple[tuple[dataclasses.Field, ...], dict[str, Any]]:
    cached = _FIELD_CACHE.get(cls)
    if cached is None:
        module = __import__(cls.__module__, fromlist=["*"])
        hints = typing.get_type_hints(cls, globalns=vars(module))
        cached = (dataclasses.fields(cls), hints)
        _FIELD_CACHE[cls] = cached
    return cached


_FIELD_CACHE: dict[type, tuple[tuple[dataclasses.Field, ...], dict[str, Any]]] = {}
_PLANS: dict[type, dict[str, tuple[str, Any, dict[str, Any], bool]]] = {}
_SHAPES: dict[Any, tuple[Any, tuple[Any, ...]]] = {}
_NO_META: dict[str, Any] = {}


def _plan_of(cls: type) -> dict[str, tuple[str, Any, dict[str, Any], bool]]:
    """YAML key -> (field name, type, metadata, required) for a dataclass, computed once."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields, hints = _fields_of(cls)
        plan = {}
        for f in fields:
            if not f.init:
                continue
            required = f.default is MISSING and f.default_factory is MISSING
            plan[f.metadata.get("key") or f.name] = (
                f.name,
                hints[f.name],
                dict(f.metadata),
                required,
            )
        _PLANS[cls] = plan
    return plan


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"string {_show(value)}"
    return f"{type(value).__name__} {value!r}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    if isinstance(value, dict | list) or value is None:
        return _kind(value)
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(x)
