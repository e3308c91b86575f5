"""Strict, safe, bounded YAML loading that keeps the line and column of every value.

Modders write scenarios by hand, so the loader refuses what YAML allows but a scenario never
needs (anchors, aliases, tags, duplicate keys, several documents) and resolves scalars without
YAML 1.1 surprises: only true/false are booleans, `010`, `1:30`, `no` and `on` stay strings;
integers are plain decimals and floats need a dot.
The tree is built from PyYAML's event stream (libyaml's C parser when present, which is several
times faster; the pure-Python parser otherwise), so aliases are refused as events, never
expanded, and a "billion laughs" file fails at its first alias.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_INT_DIGITS = 30

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
#: a float needs its dot, as in YAML 1.1 and PyYAML's dumper (so `2e3` stays a string)
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?\Z")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"null", "Null", "NULL", "~", ""}
#: tags the parser reports for untagged content: the non-specific "!" and none at all
_ALLOWED_TAGS = {"!"}


@dataclass(frozen=True, slots=True)
class Mark:
    line: int
    col: int


class YamlLoadError(Exception):
    """One problem that stops the file from loading at all; `path` is where, when known."""

    def __init__(
        self, file: str, line: int, col: int, message: str, path: tuple[str | int, ...] = ()
    ):
        super().__init__(f"{file}:{line}:{col}: error: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message
        self.path = path


YamlPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """The data, and where each value (and each mapping key) starts in the file.

    Marks cost as much to build as the data and are only read when something is wrong, so a
    loader may leave them out and give `_source` instead: they are then built on first use by
    parsing the text again (same parser, same result).
    """

    file: str
    data: Any
    _marks: dict[YamlPath, Mark] | None = None
    _key_marks: dict[YamlPath, Mark] | None = None
    _source: str | None = None
    _use_libyaml: bool = True

    @property
    def marks(self) -> dict[YamlPath, Mark]:
        if self._marks is None:
            self._build_marks()
        assert self._marks is not None
        return self._marks

    @property
    def key_marks(self) -> dict[YamlPath, Mark]:
        if self._key_marks is None:
            self._build_marks()
        assert self._key_marks is not None
        return self._key_marks

    def _build_marks(self) -> None:
        if self._source is None:
            self._marks, self._key_marks = {}, {}
            return
        full = _parse(self._source, self.file, MAX_DEPTH, self._use_libyaml, with_marks=True)
        self._marks, self._key_marks = full._marks, full._key_marks

    def mark(self, path: YamlPath) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one (root: 1:1)."""
        path = tuple(path)
        while path:
            m = self.marks.get(path)
            if m is not None:
                return m
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1  # in characters, like every mark
        raise YamlLoadError(
            file, line, col, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
        ) from None
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        before = text[: bad.start()]
        line = before.count("\n") + 1
        col = bad.start() - (before.rfind("\n") + 1) + 1
        raise YamlLoadError(
            file, line, col, f"control character U+{ord(bad.group()):04X} is not allowed"
        )
    return text


#: characters YAML does not allow in a document (YAML 1.1 printable set); checked up front so
#: the error has a line and column in one line of text
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


_NUMERIC_START = frozenset("0123456789+-.")


def _scalar(ev: Any, file: str) -> Any:
    value = ev.value
    if ev.style:  # quoted or block scalar (plain is None or ""): always a string
        return value
    if not value:
        return None
    if value[0] not in _NUMERIC_START:
        if value in _BOOLS:
            return _BOOLS[value]
        if value in _NULLS:
            return None
        return value
    if _INT.match(value):
        digits = value.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            m = _mark(ev.start_mark)
            raise YamlLoadError(file, m.line, m.col, f"number too long ({len(digits)} digits)")
        return int(value)
    if "." in value and _FLOAT.match(value):
        f = float(value)
        if f in (float("inf"), float("-inf")):
            m = _mark(ev.start_mark)
            raise YamlLoadError(file, m.line, m.col, f"number out of range: {value}")
        return f
    return value


class _Builder:
    def __init__(self, file: str, max_depth: int, with_marks: bool) -> None:
        self.file = file
        self.max_depth = max_depth
        self.with_marks = with_marks
        self.marks: dict[YamlPath, Mark] = {}
        self.key_marks: dict[YamlPath, Mark] = {}

    def fail(self, ev: Any, message: str, path: YamlPath = ()) -> None:
        m = _mark(ev.start_mark)
        raise YamlLoadError(self.file, m.line, m.col, message, path)

    def node(self, events: Any, ev: Any, path: YamlPath, depth: int) -> Any:
        if depth > self.max_depth:
            self.fail(ev, f"nested deeper than {self.max_depth} levels", path)
        cls = type(ev)
        if cls is yaml.AliasEvent:
            self.fail(ev, "anchors and aliases are not allowed", path)
        if getattr(ev, "anchor", None) is not None:
            self.fail(ev, "anchors and aliases are not allowed", path)
        tag = getattr(ev, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            self.fail(ev, "tags are not allowed", path)
        if self.with_marks:
            self.marks[path] = _mark(ev.start_mark)
        if cls is yaml.ScalarEvent:
            try:
                return _scalar(ev, self.file)
            except YamlLoadError as exc:
                exc.path = path
                raise
        if cls is yaml.SequenceStartEvent:
            out: list[Any] = []
            i = 0
            while True:
                child = next(events)
                if type(child) is yaml.SequenceEndEvent:
                    return out
                out.append(self.node(events, child, (*path, i), depth + 1))
                i += 1
        if cls is yaml.MappingStartEvent:
            d: dict[str, Any] = {}
            while True:
                kev = next(events)
                if type(kev) is yaml.MappingEndEvent:
                    return d
                if type(kev) is not yaml.ScalarEvent:
                    if type(kev) is yaml.AliasEvent or getattr(kev, "anchor", None):
                        self.fail(kev, "anchors and aliases are not allowed", path)
                    self.fail(kev, "mapping keys must be plain strings", path)
                if kev.anchor is not None:
                    self.fail(kev, "anchors and aliases are not allowed", path)
                if kev.tag is not None and kev.tag != "!":
                    self.fail(kev, "tags are not allowed", path)
                key = kev.value
                if not kev.style and key == "<<":
                    self.fail(kev, "merge keys (<<) are not allowed", path)
                if not kev.style and not isinstance(_scalar(kev, self.file), str):
                    self.fail(kev, f"mapping keys must be strings, got {key!r}", path)
                kpath = (*path, key)
                if key in d:
                    first = self.key_marks.get(kpath)
                    where = f" (first at line {first.line})" if first else ""
                    if first is None and not self.with_marks:
                        raise _NeedMarks
                    self.fail(kev, f"duplicate key '{key}'{where}", kpath)
                if self.with_marks:
                    self.key_marks[kpath] = _mark(kev.start_mark)
                d[key] = self.node(events, next(events), kpath, depth + 1)
        self.fail(ev, "unexpected YAML content")
        return None


def _fast(events: Any, ev: Any, b: _Builder, depth: int) -> Any:
    """The builder without marks or paths: the common case of a file that is fine."""
    cls = type(ev)
    if cls is yaml.ScalarEvent:
        if ev.anchor is not None or (ev.tag is not None and ev.tag not in _ALLOWED_TAGS):
            raise _NeedMarks
        try:
            return _scalar(ev, b.file)
        except YamlLoadError:
            raise _NeedMarks from None
    if depth > b.max_depth or cls is yaml.AliasEvent:
        raise _NeedMarks
    if ev.anchor is not None or (ev.tag is not None and ev.tag not in _ALLOWED_TAGS):
        raise _NeedMarks
    if cls is yaml.SequenceStartEvent:
        out: list[Any] = []
        for child in events:
            if type(child) is yaml.SequenceEndEvent:
                return out
            out.append(_fast(events, child, b, depth + 1))
    elif cls is yaml.MappingStartEvent:
        d: dict[str, Any] = {}
        for kev in events:
            if type(kev) is yaml.MappingEndEvent:
                return d
            if type(kev) is not yaml.ScalarEvent or kev.anchor is not None:
                raise _NeedMarks
            if kev.tag is not None and kev.tag not in _ALLOWED_TAGS:
                raise _NeedMarks
            key = kev.value
            try:
                plain = _scalar(kev, b.file) if not kev.style else key
            except YamlLoadError:
                raise _NeedMarks from None
            if not kev.style and (key == "<<" or not isinstance(plain, str)):
                raise _NeedMarks
            if key in d:
                raise _NeedMarks
            d[key] = _fast(events, next(events), b, depth + 1)
    raise _NeedMarks


class _NeedMarks(Exception):
    """A problem whose message needs marks: parse again with them."""


def load_yaml_text(
    text: str | bytes,
    file: str = "<string>",
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    use_libyaml: bool | None = None,
) -> LoadedYaml:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > max_bytes:
        raise YamlLoadError(file, 1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")
    source = _decode(raw, file)
    if use_libyaml is None:
        use_libyaml = bool(getattr(yaml, "__with_libyaml__", False))
    try:
        return _parse(source, file, max_depth, use_libyaml, with_marks=False)
    except _NeedMarks:
        return _parse(source, file, max_depth, use_libyaml, with_marks=True)


def _parse(
    source: str, file: str, max_depth: int, use_libyaml: bool, *, with_marks: bool
) -> LoadedYaml:
    loader = yaml.CSafeLoader if use_libyaml else yaml.SafeLoader
    b = _Builder(file, max_depth, with_marks)
    try:
        events = iter(yaml.parse(source, Loader=loader))
        next(events)  # StreamStart
        ev = next(events)
        if type(ev) is yaml.StreamEndEvent:
            raise YamlLoadError(file, 1, 1, "file is empty")
        root = next(events)
        data = b.node(events, root, (), 0) if with_marks else _fast(events, root, b, 0)
        next(events)  # DocumentEnd
        ev = next(events)
        if type(ev) is yaml.DocumentStartEvent:
            b.fail(ev, "only one YAML document per file is allowed")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "YAML syntax error"
        cm = exc.context_mark
        if exc.context and exc.problem and cm is not None and "flow" in exc.context:
            # an unclosed [ or {: point at where it opened, which is where the fix goes
            problem = f"{exc.context} here was never closed ({exc.problem})"
            mark = cm
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlLoadError(file, line, col, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlLoadError(file, 1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlLoadError(file, 1, 1, "document nested too deeply") from None
    if with_marks:
        return LoadedYaml(file, data, b.marks, b.key_marks, source, use_libyaml)
    return LoadedYaml(file, data, None, None, source, use_libyaml)


def load_yaml_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    use_libyaml: bool | None = None,
) -> LoadedYaml:
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise YamlLoadError(name, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,}")
        with open(name, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise YamlLoadError(name, 1, 1, f"cannot read file: {exc.strerror or exc}") from None
    return load_yaml_text(
        raw, name, max_bytes=max_bytes, max_depth=max_depth, use_libyaml=use_libyaml
    )
