"""Turn loaded YAML into typed dataclasses, collecting every problem with its line and column.

One generic reader walks a dataclass's fields (their type hints and `spec` metadata) instead of
hand-written checks per section: every section gets the same unknown-key hints, type messages,
number bounds and cross-reference bookkeeping, and a new field costs one line in `model.py`.

Speed: the 1958 scenario converts ~12,000 values into ~2,700 objects, and asking "what is this
type?" for every value (a long if-chain, `get_origin`, `is_dataclass`, metadata lookups) cost
more than everything else the loader does. So the questions are answered once per field: each
field gets a *converter*, a small function built from its type and metadata (`_converter`),
and each dataclass a reader running its fields' converters (`_reader_of`). The converters make
the same checks in the same order with the same messages as the generic reader they replace;
only the decisions that depend on the type alone moved out of the per-value path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import math
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

from game.scenario.errors import Problem, YamlPath, did_you_mean
from game.scenario.yamlsafe import LoadedYaml

#: Bounds for numbers whose field sets none: keeps a typo like 1e300 from reaching the rules.
DEFAULT_MAX = 1e9

# ASCII digits only: `\d` would also take full-width (１９５８) and Arabic-Indic digits.
_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
#: the earliest and latest date a scenario may name (see docs/limits.md)
MIN_DATE = dt.date(1000, 1, 1)
MAX_DATE = dt.date(8999, 12, 31)
#: problems one Reader keeps; the loader reports the first 100 of them and counts the rest
MAX_KEPT_PROBLEMS = 10_000


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


class RefCheck(NamedTuple):
    """A reference to check once every id table is known (a named tuple: ~2,000 per load)."""

    table: str
    value: str
    path: YamlPath


@dataclass(frozen=True)
class DateCheck:
    value: dt.date
    path: YamlPath


#: Converts one YAML value: (reader, value, path) -> the typed value, or `_INVALID` after
#: recording the problem on the reader. Paths are tuples; the converters extend them with
#: `path + (key,)`, which is ~40% cheaper than `(*path, key)` (hence the `noqa: RUF005`).
Converter = Callable[["Reader", Any, YamlPath], Any]


@dataclass
class Reader:
    """State of one conversion: the loaded file, problems found, and checks left for later."""

    loaded: LoadedYaml
    problems: list[Problem] = field(default_factory=list)
    refs: list[RefCheck] = field(default_factory=list)
    dates: list[DateCheck] = field(default_factory=list)
    #: path of every converted dataclass instance, for later cross-checks (keyed by id()).
    paths: dict[int, YamlPath] = field(default_factory=dict)
    #: registry for tagged unions: base class -> (tag key, {tag: class}). A base is a dataclass
    #: (or another class the schema has no converter for), never str, bool, int, float or date:
    #: their converters do not look here.
    unions: dict[type, tuple[str, dict[str, type]]] = field(default_factory=dict)
    #: problems past `MAX_KEPT_PROBLEMS`, counted but not kept (memory stays bounded)
    dropped: int = 0
    #: ids of list entries and keys of mapping entries left out because a value in them could
    #: not be read: the cross-checks still run on the rest, and do not report a reference to
    #: one of these as unknown (its own problem is already reported)
    unreadable: set[str] = field(default_factory=set)
    #: entries that could not be read in full, as partial instances (path, object): the
    #: fields read are set, the others hold `UNREAD`. They stay out of the scenario; the
    #: checks that need only some fields (quotes, reasons, ids, variables) run on them too,
    #: so an entry's other mistakes show in the same run as its unreadable value
    partial: list[tuple[YamlPath, Any]] = field(default_factory=list)
    #: whether warnings are wanted: `validate` and the mod checker want them; loading a
    #: scenario to play does not (a warning would only cost the marks and the map checks)
    warnings: bool = True
    #: whether the quotes are checked against their source texts: a copy read away from its
    #: folder (a sweep's setting on a worker, checked in full before the sweep) has no files
    sources: bool = True

    def error(self, path: YamlPath, message: str, *, at_key: bool = False) -> None:
        if len(self.problems) >= MAX_KEPT_PROBLEMS:
            self.dropped += 1
            return
        mark = None
        if at_key:
            mark = self.loaded.key_marks.get(path)
        if mark is None:
            mark = self.loaded.mark(path)
        # a merged (derived) scenario's marks name the file each value came from
        file = getattr(mark, "file", self.loaded.file)
        self.problems.append(Problem(file, mark.line, mark.col, path, message))

    def warn(self, path: YamlPath, message: str) -> None:
        """A problem that does not stop the file from loading: legal but probably wrong."""
        if not self.warnings:
            return
        self.error(path, message)
        if self.problems:
            self.problems[-1] = dataclasses.replace(self.problems[-1], severity="warning")

    # -- conversion -------------------------------------------------------------------------

    def read(self, value: Any, tp: Any, path: YamlPath, meta: dict[str, Any] | None = None) -> Any:
        """Convert `value` to `tp`; on a problem record it and return `_INVALID`.

        Builds the converter on each call: the loader goes through `read_dataclass`, whose
        readers keep their fields' converters.
        """
        return _converter(tp, meta or _NO_META)(self, value, path)

    def read_dataclass(self, value: Any, cls: type, path: YamlPath) -> Any:
        """Convert a mapping to the dataclass `cls` (tagged unions are not looked up here)."""
        return _reader_of(cls)(self, value, path)

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
        if not MIN_DATE <= day <= MAX_DATE:
            # the rules and saves count days past the end (and before the start): near the
            # ends of the calendar that arithmetic would overflow after the file validated
            self.error(path, f"date {value} is outside the years {MIN_DATE.year}-{MAX_DATE.year}")
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
        rest = dict(value)  # the mapping without its tag, in the same order
        del rest[tag_key]
        return _reader_of(table[tag])(self, rest, path)


class _Invalid:
    def __repr__(self) -> str:
        return "<invalid>"


_INVALID: Any = _Invalid()
#: the value of a field that could not be read (or is missing) in a partial entry
UNREAD: Any = _INVALID


def _keep_partial(
    rd: Reader, cls: type, attrs: dict[str, Any], value: dict[str, Any], path: YamlPath
) -> None:
    """Record a partial instance of `cls`: the fields in `attrs`, the defaults of those not
    written, `UNREAD` for the rest (unreadable, or required and missing).

    Only on the failure path, so loading a valid file costs nothing more."""
    obj: Any = object.__new__(cls)
    for f in dataclasses.fields(cls):
        got = attrs.get(f.name, UNREAD)
        if got is UNREAD and (f.metadata.get("key") or f.name) not in value:
            if f.default is not MISSING:
                got = f.default
            elif f.default_factory is not MISSING:
                got = f.default_factory()
        object.__setattr__(obj, f.name, got)
    rd.partial.append((path, obj))


_TYPE_NAMES = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}
_NO_META: dict[str, Any] = {}
_NONE_TYPE = type(None)


# -- converters ------------------------------------------------------------------------------


def _converter(tp: Any, meta: dict[str, Any]) -> Converter:
    """The converter for values of type `tp` in a field with `spec` metadata `meta`.

    The cases are tried in the order the generic reader tried them on every value, so each
    value meets the same checks with the same messages. A type the schema cannot convert is a
    bug in `model.py`: like before, it raises when a value of it is read, not when the
    converter is built.
    """
    try:
        return _build_converter(tp, meta)
    except Exception as exc:  # noqa: BLE001 - a bad type in model.py: raise it when read
        error = exc

        def read_broken(rd: Reader, value: Any, path: YamlPath) -> Any:
            raise error

        return read_broken


def _build_converter(tp: Any, meta: dict[str, Any]) -> Converter:
    ref = meta.get("ref")
    nonempty = meta.get("nonempty")
    if tp is str and not ref and not nonempty:
        return _read_plain_str
    if tp is Any:
        return _read_any
    origin, targs = get_origin(tp), get_args(tp)
    if origin is Union or origin is types.UnionType:
        return _union_converter(targs, meta)
    if origin is Literal:
        return _literal_converter(targs)
    if origin is list:
        return _list_converter(targs, meta)
    if origin is dict:
        return _dict_converter(targs, meta)
    if tp is Assumptions:
        return Reader._read_assumptions
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    if tp is str:
        return _str_converter(ref, nonempty)
    if tp is bool:
        return _read_bool
    if tp is int:
        return _int_converter(meta.get("min"), meta.get("max"))
    if tp is float:
        return _float_converter(meta.get("min"), meta.get("max"))
    if tp is dt.date:
        return Reader._read_date
    return _unsupported_converter(tp)


def _read_any(rd: Reader, value: Any, path: YamlPath) -> Any:
    return value


def _read_plain_str(rd: Reader, value: Any, path: YamlPath) -> Any:
    if isinstance(value, str):
        return value
    rd.error(path, f"expected a string, got {_kind(value)}")
    return _INVALID


def _str_converter(ref: Any, nonempty: Any) -> Converter:
    def read_str(rd: Reader, value: Any, path: YamlPath) -> Any:
        if not isinstance(value, str):
            rd.error(path, f"expected a string, got {_kind(value)}")
            return _INVALID
        if nonempty and not value.strip():
            rd.error(path, "must not be empty")
        if ref:
            rd.refs.append(RefCheck(ref, value, path))
        return value

    return read_str


def _read_bool(rd: Reader, value: Any, path: YamlPath) -> Any:
    if isinstance(value, bool):
        return value
    rd.error(path, f"expected true or false, got {_show(value)}")
    return _INVALID


def _union_converter(targs: tuple[Any, ...], meta: dict[str, Any]) -> Converter:
    args = [a for a in targs if a is not _NONE_TYPE]
    if len(args) == 1:
        inner = _converter(args[0], meta)

        def read_optional(rd: Reader, value: Any, path: YamlPath) -> Any:
            if value is None:
                return None
            return inner(rd, value, path)

        return read_optional
    # Only simple scalar unions appear in the model (e.g. float | bool): pick by Python type,
    # trying the members in the order written. Members of other types never match.
    options: list[tuple[str, Converter]] = []
    for a in args:
        if a is bool:
            options.append(("bool", _read_bool))  # (taken as it is below)
        elif a in (int, float):
            options.append(("number", _converter(a, meta)))
        elif a is str:
            options.append(("str", _converter(a, meta)))
    names = " or ".join(_TYPE_NAMES.get(a, getattr(a, "__name__", str(a))) for a in args)

    optional = _NONE_TYPE in targs

    def read_union(rd: Reader, value: Any, path: YamlPath) -> Any:
        if value is None and optional:
            return None
        for kind, conv in options:
            if kind == "bool":
                if isinstance(value, bool):
                    return value
            elif kind == "number":
                if isinstance(value, int | float) and not isinstance(value, bool):
                    return conv(rd, value, path)
            elif isinstance(value, str):
                return conv(rd, value, path)
        rd.error(path, f"expected {names}, got {_show(value)}")
        return _INVALID

    return read_union


def _literal_converter(choices: tuple[Any, ...]) -> Converter:
    first_type = type(choices[0])
    names = [str(c) for c in choices]
    listed = ", ".join(names)

    def read_literal(rd: Reader, value: Any, path: YamlPath) -> Any:
        if value in choices and type(value) is first_type:
            return value
        hint = did_you_mean(str(value), names)
        rd.error(path, f"must be one of {listed}, got {_show(value)}{hint}")
        return _INVALID

    return read_literal


def _list_converter(targs: tuple[Any, ...], meta: dict[str, Any]) -> Converter:
    (item_tp,) = targs
    item_meta = {"ref": meta.get("ref"), "min": meta.get("min"), "max": meta.get("max")}
    read_item = _converter(item_tp, item_meta)
    many = meta.get("many")
    nonempty = meta.get("nonempty")

    def read_list(rd: Reader, value: Any, path: YamlPath) -> Any:
        if many and isinstance(value, dict):
            value = [value]
            single = True
        else:
            single = False
        if not isinstance(value, list):
            rd.error(path, f"expected a list, got {_kind(value)}")
            return _INVALID
        if nonempty and not value:
            rd.error(path, "must not be empty")
        out = []
        for i, item in enumerate(value):
            got = read_item(rd, item, path if single else path + (i,))  # noqa: RUF005
            if got is not _INVALID:
                out.append(got)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                rd.unreadable.add(item["id"])
        return out

    return read_list


def _dict_converter(targs: tuple[Any, ...], meta: dict[str, Any]) -> Converter:
    key_tp, val_tp = targs
    key_choices = get_args(key_tp) if get_origin(key_tp) is Literal else None
    key_names = [str(c) for c in key_choices or ()]
    ref = meta.get("ref")
    read_val = _converter(val_tp, {"min": meta.get("min"), "max": meta.get("max")})

    def read_dict(rd: Reader, value: Any, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            rd.error(path, f"expected a mapping, got {_kind(value)}")
            return _INVALID
        out: dict[str, Any] = {}
        for k, v in value.items():
            if key_choices is not None:
                if k not in key_choices:
                    hint = did_you_mean(k, key_names)
                    rd.error((*path, k), f"unknown key '{k}'{hint}", at_key=True)
                    continue
            elif ref:
                rd.refs.append(RefCheck(ref, k, path + (k,)))  # noqa: RUF005
            got = read_val(rd, v, path + (k,))  # noqa: RUF005
            if got is not _INVALID:
                out[k] = got
            elif isinstance(k, str):
                rd.unreadable.add(k)
        return out

    return read_dict


def _dataclass_converter(cls: type) -> Converter:
    reader: Converter | None = None

    def read_dataclass_value(rd: Reader, value: Any, path: YamlPath) -> Any:
        nonlocal reader
        if cls in rd.unions:
            return rd._read_tagged(value, cls, path)
        if reader is None:  # built on first use: a class may (indirectly) contain itself
            reader = _reader_of(cls)
        return reader(rd, value, path)

    return read_dataclass_value


def _unsupported_converter(tp: Any) -> Converter:
    def read_unsupported(rd: Reader, value: Any, path: YamlPath) -> Any:
        if isinstance(tp, type) and tp in rd.unions:
            return rd._read_tagged(value, tp, path)
        raise TypeError(f"schema has an unsupported type {tp!r} at {path}")  # a bug in model.py

    return read_unsupported


def _bounds(lo: Any, hi: Any) -> tuple[Any, Any, float, float]:
    """(lowest, highest, fast_lo, fast_hi): the field's bounds with the defaults filled in,
    and a range inside which a number passes every check of `_bounded` (empty if unsure)."""
    lo = -DEFAULT_MAX if lo is None else lo
    hi = DEFAULT_MAX if hi is None else hi
    if all(type(b) in (int, float) and b == b for b in (lo, hi)):  # b == b: not NaN
        return lo, hi, max(lo, -1e300), min(hi, 1e300)
    return lo, hi, 1.0, 0.0


def _bounded(rd: Reader, value: float, path: YamlPath, lo: Any, hi: Any) -> Any:
    if abs(value) > 1e300:  # a huge int would overflow float() below
        rd.error(path, "number out of range")
        return _INVALID
    if value < lo:
        rd.error(path, f"must be at least {_num(lo)}, got {_num(value)}")
        return _INVALID
    if value > hi:
        rd.error(path, f"must be at most {_num(hi)}, got {_num(value)}")
        return _INVALID
    return value


def _int_converter(lo: Any, hi: Any) -> Converter:
    lo, hi, fast_lo, fast_hi = _bounds(lo, hi)

    def read_int(rd: Reader, value: Any, path: YamlPath) -> Any:
        if type(value) is int and fast_lo <= value <= fast_hi:
            return value  # the common case: passes every check below
        if isinstance(value, bool) or not isinstance(value, int):
            rd.error(path, f"expected an integer, got {_show(value)}")
            return _INVALID
        return _bounded(rd, value, path, lo, hi)

    return read_int


def _float_converter(lo: Any, hi: Any) -> Converter:
    lo, hi, fast_lo, fast_hi = _bounds(lo, hi)

    def read_float(rd: Reader, value: Any, path: YamlPath) -> Any:
        # The common cases first: a finite number in range passes every check below.
        kind = type(value)
        if kind is float:
            if fast_lo <= value <= fast_hi:
                return value
        elif kind is int and fast_lo <= value <= fast_hi:
            number = float(value)
            if fast_lo <= number <= fast_hi:
                return number
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = ""
            if isinstance(value, str) and re.fullmatch(r"[-+]?\d+[eE][-+]?\d+", value):
                hint = " (a number with an exponent needs a dot: write 2.0e3, or 2000)"
            rd.error(path, f"expected a number, got {_show(value)}{hint}")
            return _INVALID
        if isinstance(value, int) and abs(value) > 1e300:  # float() of it would overflow
            rd.error(path, "number out of range")
            return _INVALID
        if not math.isfinite(value):
            rd.error(path, f"must be a finite number, got {value}")
            return _INVALID
        return _bounded(rd, float(value), path, lo, hi)

    return read_float


# -- dataclasses -----------------------------------------------------------------------------

#: YAML key -> (field name, type, metadata, required), per dataclass
Plan = dict[str, tuple[str, Any, dict[str, Any], bool]]

_PLANS: dict[type, Plan] = {}
_READERS: dict[type, Converter] = {}
_HINTS: dict[type, dict[str, Any]] = {}
#: compiled string annotations: most of them ("str", "Text", "list[Source]") recur in many
#: classes, and compiling is most of what `typing.get_type_hints` spends
_ANNOTATION_CODE: dict[str, types.CodeType] = {}


def _reader_of(cls: type) -> Converter:
    """The reader of dataclass `cls`: a mapping in, an instance (or `_INVALID`) out."""
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = _dataclass_reader(cls)
    return reader


def _dataclass_reader(cls: type) -> Converter:
    plan = _plan_of(cls)
    keys = plan.keys()
    if not _builds_directly(cls):
        return _calling_reader(cls, plan)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    steps = [
        (
            k,
            name,
            _converter(hint, meta or _NO_META),
            required,
            fields[name].default,
            fields[name].default_factory,
        )
        for k, (name, hint, meta, required) in plan.items()
    ]
    new = object.__new__

    def read_dataclass(rd: Reader, value: Any, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            rd.error(path, f"expected a mapping, got {_kind(value)}")
            return _INVALID
        ok = keys >= value.keys() or _no_unknown_keys(rd, value, plan, path)
        # Every field, in field order, as the generated __init__ would store them.
        attrs: dict[str, Any] = {}
        for k, name, conv, required, default, factory in steps:
            if k in value:
                got = conv(rd, value[k], path + (k,))  # noqa: RUF005
                if got is _INVALID:
                    ok = False
                else:
                    attrs[name] = got
            elif required:
                rd.error(path, f"missing required key '{k}'")
                ok = False
            elif factory is MISSING:
                attrs[name] = default
            else:
                attrs[name] = factory()  # list or dict: a fresh empty one, nothing else
        if not ok:
            _keep_partial(rd, cls, attrs, value, path)
            return _INVALID
        obj: Any = new(cls)
        obj.__dict__.update(attrs)
        rd.paths[id(obj)] = path
        return obj

    return read_dataclass


def _no_unknown_keys(rd: Reader, value: dict[str, Any], plan: Plan, path: YamlPath) -> bool:
    """Report each key of `value` the dataclass does not have; False if there was one."""
    ok = True
    for k in value:
        if k not in plan:
            rd.error((*path, k), f"unknown key '{k}'{did_you_mean(k, plan)}", at_key=True)
            ok = False
    return ok


def _calling_reader(cls: type, plan: Plan) -> Converter:
    """The reader for a dataclass whose instances must come from calling the class."""
    keys = plan.keys()
    steps = [
        (k, name, _converter(hint, meta or _NO_META), required)
        for k, (name, hint, meta, required) in plan.items()
    ]

    def read_dataclass(rd: Reader, value: Any, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            rd.error(path, f"expected a mapping, got {_kind(value)}")
            return _INVALID
        ok = keys >= value.keys() or _no_unknown_keys(rd, value, plan, path)
        kwargs: dict[str, Any] = {}
        for k, name, conv, required in steps:
            if k in value:
                got = conv(rd, value[k], path + (k,))  # noqa: RUF005
                if got is _INVALID:
                    ok = False
                else:
                    kwargs[name] = got
            elif required:
                rd.error(path, f"missing required key '{k}'")
                ok = False
        if not ok:
            _keep_partial(rd, cls, kwargs, value, path)
            return _INVALID
        obj = cls(**kwargs)
        rd.paths[id(obj)] = path
        return obj

    return read_dataclass


def _builds_directly(cls: type) -> bool:
    """Whether `cls(**kwargs)` does nothing but store every field, in field order.

    Then the reader builds that same instance dict itself and skips the call, which for
    frozen dataclasses (an `object.__setattr__` per field) is ~1/5 of converting the 1958
    scenario. Anything else the generated `__init__` could do (a `__post_init__`, an
    `InitVar`, a field left out of `__init__`, a factory other than list or dict, slots, a
    descriptor for a field, a custom `__new__` or `__setattr__`) means: call the class.
    """
    params = getattr(cls, "__dataclass_params__", None)
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if params is None or not params.init or code is None or code.co_filename != "<string>":
        return False  # no __init__ generated by dataclasses (e.g. one written in the class)
    if hasattr(cls, "__post_init__") or cls.__new__ is not object.__new__:
        return False
    if any("__slots__" in vars(base) for base in cls.__mro__):
        return False
    if not params.frozen and cls.__setattr__ is not object.__setattr__:
        return False
    fields = dataclasses.fields(cls)
    if any(not f.init or f.default_factory not in (MISSING, list, dict) for f in fields):
        return False
    # The parameters are exactly the fields: an InitVar would be one more.
    n_params = code.co_argcount + code.co_kwonlyargcount
    if sorted(code.co_varnames[1:n_params]) != sorted(f.name for f in fields):
        return False
    for f in fields:  # a data descriptor on the class would take the field's store
        for base in cls.__mro__:
            if f.name in vars(base):
                kind = type(vars(base)[f.name])
                if hasattr(kind, "__set__") or hasattr(kind, "__delete__"):
                    return False
                break
    return True


def _plan_of(cls: type) -> Plan:
    """YAML key -> (field name, type, metadata, required) for a dataclass, computed once."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _type_hints(cls)
        plan = {}
        for f in dataclasses.fields(cls):
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


def _type_hints(cls: type) -> dict[str, Any]:
    """`typing.get_type_hints(cls, globalns=<cls's module>)`, compiling each annotation once.

    Evaluated the way `get_type_hints` evaluates them (each base's annotations with the class
    namespace as locals, the module as globals). Whenever a result is anything but a plain
    class or a list/dict/Literal/union/ClassVar of such (a nested string, `Annotated`, ...),
    or evaluating fails, `get_type_hints` itself decides, so the answer never differs.
    """
    hints = _HINTS.get(cls)
    if hints is not None:
        return hints
    module = __import__(cls.__module__, fromlist=["*"])
    globalns = vars(module)
    hints = {}
    try:
        for base in reversed(cls.__mro__):
            ann = inspect.get_annotations(base)  # base's own, as get_type_hints reads them
            localns = dict(vars(base))
            for name, value in ann.items():
                if isinstance(value, str):
                    code = _ANNOTATION_CODE.get(value)
                    if code is None:
                        code = _ANNOTATION_CODE[value] = compile(value, "<string>", "eval")
                    value = eval(code, globalns, localns)
                if value is None:
                    value = _NONE_TYPE
                if not _plain_hint(value):
                    raise _NotPlain
                hints[name] = value
    except Exception:  # noqa: BLE001 - whatever went wrong, get_type_hints has the answer
        hints = typing.get_type_hints(cls, globalns=globalns)
    _HINTS[cls] = hints
    return hints


class _NotPlain(Exception):
    """An annotation `_type_hints` leaves to `typing.get_type_hints`."""


_GENERIC_ORIGINS = (list, dict, Union, types.UnionType, typing.ClassVar)


def _plain_hint(tp: Any) -> bool:
    if tp is Any:
        return True
    origin = get_origin(tp)
    if origin is None:
        return isinstance(tp, type) and not isinstance(tp, types.GenericAlias)
    if origin is Literal:
        return True
    if origin not in _GENERIC_ORIGINS:
        return False
    args = get_args(tp)
    return bool(args) and all(_plain_hint(a) for a in args)


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
