"""Strict, safe, bounded YAML loading that keeps the line and column of every value.

Modders write scenarios by hand and share them, so the loader refuses everything YAML allows
but a scenario never needs and that could surprise or hurt a player: anchors and aliases (a
"billion laughs" file must fail at once, not expand), tags (no object construction, and no
`!!str` or `!` either, so a file never means two things), merge keys, duplicate keys,
non-string keys, several documents, files over a size limit and nesting over a depth limit.

Scalars resolve without PyYAML's YAML 1.1 surprises: only true/false are booleans, `no`, `on`,
`010`, `0x1F`, `1_000`, `1:30` and `1958-08-23` stay strings, a quoted scalar is always a
string, and a float needs its dot (`1.5`, `2.0e3`; `2e3` stays a string), because PyYAML's
dumper writes `2e3` unquoted when it means the string. A float that overflows is an error, not
`inf`: no scenario number is meant to be infinite and a silent `inf` would poison arithmetic
later (`.inf` and `.nan` stay strings). Integers over 30 digits are refused, so a hostile file
cannot make later arithmetic slow.

The tree is built from PyYAML's event stream, never from its composer or constructor, so that
aliases, tags, keys, depth and marks are decided in one place (`_build`) and the same way for
both back-ends: libyaml's C parser (`yaml._yaml.CParser`) and the pure-Python parser.

Marks are built lazily. With libyaml they nearly double the load (a path tuple and a `Mark`
per key and value) and are only read when something is wrong, so a load builds the data alone
and keeps the text; the first read of `marks`, `key_marks` or `mark()` parses the text again
with marks (same parser, same data). Errors found while loading never need that: they take
their mark from the event at fault (a duplicate key, to name the first one's line, builds
again with marks at once).

Measured with `benchmark()`: a 200 KB scenario-like file (about 30,000 events), each figure
the median of 7 loads, ms, on a shared 2-core VM (Python 3.11, PyYAML 6.0.3). Other jobs kept
the VM busy, so the wall clock varied 2.5-fold between runs; CPU time varied less:

                              data only (the default)       data and marks in one parse
    load average ~2.7         libyaml 74 (fastest run 48)   libyaml 115 (fastest run 87)
    load average 5-9, 19 runs libyaml 67-232, CPU 49-96     libyaml 151-388, CPU 88-166
                              pure 1,092-2,831, CPU 676-998 pure 1,123-2,661, CPU 742-1,166

so `use_libyaml=None` picks libyaml whenever PyYAML has it: about 15 times faster. The pure
parser is the fall-back and a cross-check; it cannot load 200 KB in 100 ms, as PyYAML's
Python scanner alone takes most of its time.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from game.safeio import ReadRefused, read_regular

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

__all__ = [
    "HAVE_LIBYAML",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "LoadedYaml",
    "Mark",
    "YamlLoadError",
    "YamlPath",
    "benchmark",
    "load_yaml_file",
    "load_yaml_text",
]

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_INT_DIGITS = 30
#: keys and values in one file; the 1958 scenario has about 60,000
MAX_NODES = 400_000

HAVE_LIBYAML = CParser is not None and bool(getattr(yaml, "__with_libyaml__", False))

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


class YamlLoadError(Exception):
    """One problem that stops the file from loading at all.

    `path` is the YAML path of the offending key or value when the loader knows it (a
    duplicate key, a bad number, a tag), else (); it lets a caller name the place in the tree.
    """

    def __init__(self, file: str, line: int, col: int, message: str, path: YamlPath = ()):
        super().__init__(f"{file}:{line}:{col}: error: {message}")
        self.file = file
        self.line = line
        self.col = col
        self.message = message
        self.path = path

    def __reduce__(self) -> Any:
        # Exception pickles its args (the formatted text), not the fields; this keeps them, so
        # an error survives pickling (multiprocessing, a cache) whole.
        return (type(self), (self.file, self.line, self.col, self.message, self.path))


_ORIGIN = Mark(1, 1)
_MARK_LINE: Any = vars(Mark)["line"]  # the slots' descriptors, for _build
_MARK_COL: Any = vars(Mark)["col"]


@dataclass(init=False, eq=False)
class LoadedYaml:
    """The data, and where each value (and each mapping key) starts in the file.

    Paths use str for mapping keys and int for sequence indexes; () is the root. `marks` and
    `key_marks` may be given, or left out with `_source` (the text the data came from, e.g.
    for data read back from a cache): they are then built from it on first use. `_source` may
    also be the file's UTF-8 bytes, decoded only then: most loads never need the marks.
    """

    file: str
    data: Any
    _marks: dict[YamlPath, Mark] | None = field(default=None, repr=False)
    _key_marks: dict[YamlPath, Mark] | None = field(default=None, repr=False)
    _source: str | bytes | None = field(default=None, repr=False)
    _use_libyaml: bool | None = field(default=None, repr=False)

    def __init__(
        self,
        file: str,
        data: Any,
        marks: dict[YamlPath, Mark] | None = None,
        key_marks: dict[YamlPath, Mark] | None = None,
        *,
        _source: str | bytes | None = None,
        _use_libyaml: bool | None = None,
    ) -> None:
        self.file = file
        self.data = data
        lazy = _source is not None and marks is None and key_marks is None
        self._marks = None if lazy else dict(marks or {})
        self._key_marks = None if lazy else dict(key_marks or {})
        self._source = _source if lazy else None
        self._use_libyaml = _use_libyaml

    @property
    def marks(self) -> dict[YamlPath, Mark]:
        if self._marks is None:
            self._build_marks()
        return self._marks  # type: ignore[return-value]

    @marks.setter
    def marks(self, value: dict[YamlPath, Mark]) -> None:
        if self._key_marks is None:
            self._build_marks()
        self._marks = value

    @property
    def key_marks(self) -> dict[YamlPath, Mark]:
        if self._key_marks is None:
            self._build_marks()
        return self._key_marks  # type: ignore[return-value]

    @key_marks.setter
    def key_marks(self, value: dict[YamlPath, Mark]) -> None:
        if self._marks is None:
            self._build_marks()
        self._key_marks = value

    def _build_marks(self) -> None:
        # The text loaded once, so it loads again; the depth limit is lifted because the data
        # already passed whatever limit the first load had. Never raise: marks are read while
        # reporting some other problem.
        marks: dict[YamlPath, Mark] = {}
        key_marks: dict[YamlPath, Mark] = {}
        if self._source is not None:
            try:
                source = self._source
                if isinstance(source, bytes):
                    source = source.decode("utf-8-sig")
                text = source.lstrip("\ufeff")
                full = _load_str(text, self.file, 10**9, self._use_libyaml, True)
                marks, key_marks = full._marks or {}, full._key_marks or {}
            except (YamlLoadError, UnicodeDecodeError):
                pass
        self._marks, self._key_marks, self._source = marks, key_marks, None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LoadedYaml):
            return NotImplemented
        return (self.file, self.data, self.marks, self.key_marks) == (
            other.file,
            other.data,
            other.marks,
            other.key_marks,
        )

    __hash__ = None  # type: ignore[assignment]

    def mark(self, path: Any) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one (the root: 1:1).

        Never raises, because it is called while reporting another problem, often with a path
        that the data does not have (a missing key, an index past the end).
        """
        marks = self.marks
        try:
            path = tuple(path)
            while path:
                m = marks.get(path)
                if m is not None:
                    return m
                path = path[:-1]
        except TypeError:  # not iterable, or holds something unhashable
            pass
        return marks.get((), _ORIGIN)


# -- scalars ----------------------------------------------------------------------------------

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?")
#: plain scalars that are not strings, besides numbers
_WORDS: dict[str, Any] = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    "null": None,
    "Null": None,
    "NULL": None,
    "~": None,
    "": None,
}
_NUMBER_START = frozenset("0123456789+-.")
_INF = float("inf")


class _ScalarError(Exception):
    """A plain scalar that looks like a number but cannot be one; the builder adds the mark."""


def _resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar."""
    if value in _WORDS:
        return _WORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.fullmatch(value):
        digits = len(value) - (value[0] in "+-")
        if digits > MAX_INT_DIGITS:
            raise _ScalarError(
                f"number too long ({digits} digits; the limit is {MAX_INT_DIGITS}): "
                "quote it if it is meant as text"
            )
        return int(value)
    if "." in value and _FLOAT.fullmatch(value):
        number = float(value)
        if number == _INF or number == -_INF:
            raise _ScalarError(f"number out of range: {value}")
        return number
    return value


def _show_tag(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag


# -- text -------------------------------------------------------------------------------------

_BREAK = re.compile("\r\n|[\r\n]")
#: What the YAML reader refuses (the same set in PyYAML's Reader and in libyaml), and three
#: more that the two parsers read differently: NEL, LS and PS (line breaks in YAML 1.1, which
#: libyaml does not always honour, and not in YAML 1.2 or most editors) and U+FEFF past the
#: start (invisible; libyaml skips it at the start of a line, PyYAML keeps it).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)


#: What a string may not hold once YAML escapes are undone ("\0", "\e", "\x9b", "\ud800"):
#: the raw text is checked before parsing, but a double-quoted escape makes any character.
#: Tab and line feed stay allowed in values (block text has them); keys allow neither.
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_KEY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _control_message(text: str, what: str, pattern: re.Pattern[str]) -> str:
    m = pattern.search(text)
    code = ord(m.group()) if m else 0
    return f"{what} holds control character U+{code:04X} (written as an escape); remove it"


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, like the parsers' marks) of text[index].

    CR LF, CR and LF are line breaks, as for the parsers (the other breaks YAML 1.1 knows are
    refused before parsing), so errors found before parsing agree with theirs on lines.
    """
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line += 1
        start = m.end()
    return line, index - start + 1


def _decode(raw: bytes, file: str) -> str:
    while raw.startswith(b"\xef\xbb\xbf"):  # so columns on the first line skip it
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8")
        line, col = _line_col(prefix, len(prefix))
        hint = ""
        if exc.start == 0 and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "; the file looks like UTF-16, save it as UTF-8"
        message = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}){hint}"
        raise YamlLoadError(file, line, col, message) from None


def _check_characters(text: str, file: str) -> None:
    m = _NON_PRINTABLE.search(text)
    if m is None:
        return
    code = ord(m.group())
    line, col = _line_col(text, m.start())
    if 0xD800 <= code <= 0xDFFF:
        what = f"lone surrogate U+{code:04X} is not valid text"
    elif code == 0xFEFF:
        what = "byte-order mark (U+FEFF, invisible) is only allowed at the start of the file"
    elif code in (0x85, 0x2028, 0x2029):
        what = f"unusual line break U+{code:04X} is not allowed: use a plain line break"
    elif code < 0x20 or 0x7F <= code < 0xA0:
        what = f"control character U+{code:04X} is not allowed in YAML"
        if code == 0:
            what += " (is the file UTF-16? save it as UTF-8)"
    else:
        what = f"character U+{code:04X} is not allowed in YAML"
    raise YamlLoadError(file, line, col, what)


# -- parsing ----------------------------------------------------------------------------------


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python event parser without the composer, resolver and constructor."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


class _Refused(Exception):
    """A rule broken at `event` (None: the whole file); turned into YamlLoadError."""

    def __init__(self, event: Any, message: str, path: YamlPath = ()) -> None:
        super().__init__(message)
        self.event = event
        self.message = message
        self.path = path


def _position(mark: Any, text: str) -> tuple[int, int]:
    """1-based line and column of a parser mark.

    At the very end of a text without a final line break libyaml puts the mark at column 1
    of a line that does not exist, PyYAML just after the last character; both report the
    latter, which is also where an editor can put the cursor.
    """
    if mark.index >= len(text):
        return _line_col(text, len(text))
    return mark.line + 1, mark.column + 1


def _build(
    get_event: Any, text: str, max_depth: int, with_marks: bool
) -> tuple[Any, dict[YamlPath, Mark], dict[YamlPath, Mark]]:
    """Turn one document's events into plain data (and marks), refusing what is not allowed.

    Iterative rather than recursive, so depth is bounded by `max_depth` alone and not by the
    interpreter's recursion limit, and because one loop over local names is the fastest way
    to walk tens of thousands of events in Python. Without marks no paths are built either;
    a refusal then carries no path, and the caller builds again with marks to get it.
    """
    marks: dict[YamlPath, Mark] = {}
    key_marks: dict[YamlPath, Mark] = {}
    get_event()  # StreamStart
    ev = get_event()
    if type(ev) is StreamEndEvent:
        raise _Refused(None, "file is empty")
    ev = get_event()
    if (
        type(ev) is ScalarEvent
        and ev.value == ""
        and not ev.style
        and ev.tag is None
        and ev.anchor is None
    ):  # nothing but `---` or `...`
        raise _Refused(None, "file is empty")

    stack: list[tuple[Any, YamlPath, bool]] = []
    nodes = 0
    key_control = _KEY_CONTROL.search
    value_control = _VALUE_CONTROL.search
    depth = 0  # how many collections are open: the depth of the next node (the root's is 0)
    cont: Any = None  # the innermost open collection; None at the top level
    cpath: YamlPath = ()  # its path (only kept with marks)
    is_map = False
    key: str | None = None  # in a mapping: the key awaiting its value; None when a key is due
    vpath: YamlPath = ()
    root: Any = None
    words = _WORDS
    number_start = _NUMBER_START
    text_len = len(text)
    # Mark is frozen, so its __init__ goes through object.__setattr__; filling the slots
    # directly makes the same objects in half the time, and there is one per key and value.
    new_mark = object.__new__
    set_line = _MARK_LINE.__set__
    set_col = _MARK_COL.__set__
    while True:
        t = type(ev)
        if t is MappingEndEvent or t is SequenceEndEvent:
            if not stack:
                break
            cont, cpath, is_map = stack.pop()
            depth -= 1
            key = None
            ev = get_event()
            continue
        if with_marks:
            if not is_map:
                vpath = (*cpath, len(cont)) if cont is not None else ()
            elif key is not None:
                vpath = (*cpath, key)
            else:
                vpath = (*cpath, ev.value) if t is ScalarEvent else cpath
        if depth > max_depth:
            raise _Refused(ev, f"nested deeper than {max_depth} levels", vpath)
        nodes += 1
        if nodes > MAX_NODES:
            raise _Refused(ev, f"more than {MAX_NODES:,} keys and values in one file", vpath)
        if t is AliasEvent:
            raise _Refused(ev, f"anchors and aliases are not allowed (found *{ev.anchor})", vpath)
        if ev.anchor is not None:
            raise _Refused(ev, f"anchors and aliases are not allowed (found &{ev.anchor})", vpath)
        if ev.tag is not None:
            raise _Refused(ev, f"tags are not allowed (found {_show_tag(ev.tag)})", vpath)
        if is_map and key is None:  # a mapping key
            if t is not ScalarEvent:
                kind = "mapping" if t is MappingStartEvent else "sequence"
                raise _Refused(ev, f"mapping keys must be plain strings, got a {kind}", cpath)
            k = ev.value
            if ev.style == '"' and key_control(k):  # other styles hold only checked text
                raise _Refused(ev, _control_message(k, "key", _KEY_CONTROL), cpath)
            if not ev.style:
                if k == "<<":
                    raise _Refused(ev, "merge keys (<<) are not allowed", cpath)
                if k in words or k[0] in number_start:
                    try:
                        is_str = type(_resolve_plain(k)) is str
                    except _ScalarError:
                        is_str = False
                    if not is_str:
                        what = repr(k) if k else "an empty key (null)"
                        raise _Refused(ev, f"mapping keys must be strings, got {what}", cpath)
            if k in cont:
                if not with_marks:
                    raise _Refused(ev, "duplicate key")  # the caller builds again, with marks
                first = key_marks[vpath].line
                raise _Refused(ev, f"duplicate key {k!r} (first at line {first})", vpath)
            if with_marks:
                sm = ev.start_mark
                key_marks[vpath] = m = new_mark(Mark)
                set_line(m, sm.line + 1)
                set_col(m, sm.column + 1)
            key = k
            ev = get_event()
            continue
        if with_marks:  # a value
            sm = ev.start_mark
            marks[vpath] = m = new_mark(Mark)
            if sm.index < text_len:
                set_line(m, sm.line + 1)
                set_col(m, sm.column + 1)
            else:  # an empty value at the very end
                line, col = _position(sm, text)
                set_line(m, line)
                set_col(m, col)
        if t is ScalarEvent:
            value = ev.value
            if ev.style == '"' and value_control(value):
                raise _Refused(ev, _control_message(value, "text", _VALUE_CONTROL), vpath)
            if not ev.style and (value in words or value[0] in number_start):
                try:
                    value = _resolve_plain(value)
                except _ScalarError as exc:
                    raise _Refused(ev, str(exc), vpath) from None
            if is_map:
                cont[key] = value
                key = None
            elif cont is not None:
                cont.append(value)
            else:
                root = value
                break
        elif t is MappingStartEvent or t is SequenceStartEvent:
            new: Any = {} if t is MappingStartEvent else []
            if cont is None:
                root = new
            else:
                if is_map:
                    cont[key] = new
                else:
                    cont.append(new)
                stack.append((cont, cpath, is_map))
            cont, cpath, is_map, key = new, vpath, t is MappingStartEvent, None
            depth += 1
        else:  # pragma: no cover - nothing else comes inside a document
            raise _Refused(ev, f"unexpected YAML event {t.__name__}", vpath)
        ev = get_event()
    ev = get_event()
    if type(ev) is not DocumentEndEvent:  # pragma: no cover - the parsers guarantee it
        raise _Refused(ev, "expected the end of the document")
    ev = get_event()
    if type(ev) is DocumentStartEvent:
        raise _Refused(ev, "only one YAML document per file is allowed; a second one starts here")
    return root, marks, key_marks


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str, max_depth: int) -> YamlLoadError:
    """The parser's problem at its problem mark, naming its context (and where that is).

    One exception: a flow collection that wants a ',' or its closing bracket is reported at
    its opening bracket. The parser only notices at the next line's ':' (or at the end of the
    file), a place with nothing wrong; the fix goes at or after the bracket.
    """
    mark = exc.problem_mark or exc.context_mark
    line, col = _position(mark, text) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        # Some libyaml builds (PyPI's wheels) stop deep flow nesting in their scanner, before
        # our own depth check sees the events: the same refusal, worded as ours.
        return YamlLoadError(file, line, col, f"nested deeper than {max_depth} levels")
    cm = exc.context_mark
    if exc.context and exc.problem and cm is not None:
        cline, ccol = _position(cm, text)
        if exc.context in _FLOW_CONTEXTS and "expected ','" in exc.problem:
            bracket = _FLOW_CONTEXTS[exc.context]
            problem = (
                f"the '{bracket}' here is never closed, or an entry in it lacks a ',' "
                f"({exc.problem} at line {line}, column {col})"
            )
            line, col = cline, ccol
        else:
            problem += f" ({exc.context} at line {cline}, column {ccol})"
    return YamlLoadError(file, line, col, f"YAML syntax error: {problem}")


_FLOW_CONTEXTS = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}


def _load_str(
    text: str, file: str, max_depth: int, use_libyaml: bool | None, with_marks: bool
) -> LoadedYaml:
    lib = HAVE_LIBYAML if use_libyaml is None else (use_libyaml and HAVE_LIBYAML)
    parser = CParser(text) if lib else _PyParser(text)
    refused: _Refused | None = None
    try:
        data, marks, key_marks = _build(parser.get_event, text, max_depth, with_marks)
    except _Refused as exc:
        refused = exc
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, file, max_depth) from None
    except yaml.YAMLError as exc:  # a ReaderError: characters are checked before, so rare
        message = " ".join(str(exc).split())
        raise YamlLoadError(file, 1, 1, f"YAML error: {message}") from None
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, RecursionError) as exc:
        # PyYAML is not meant to fail like this on any input, but the promise to callers is
        # that nothing but YamlLoadError escapes: say what happened rather than crash.
        message = f"YAML parser failed: {type(exc).__name__}: {exc}"
        raise YamlLoadError(file, 1, 1, message) from None
    if refused is not None:
        if not with_marks and refused.event is not None:
            # the message may need marks (the line of a duplicate's first key) and the path
            return _load_str(text, file, max_depth, use_libyaml, True)
        line, col = 1, 1
        if refused.event is not None:
            line, col = _position(refused.event.start_mark, text)
        raise YamlLoadError(file, line, col, refused.message, path=refused.path)
    if with_marks:
        return LoadedYaml(file, data, marks, key_marks)
    return LoadedYaml(file, data, _source=text, _use_libyaml=use_libyaml)


def load_yaml_text(
    text: str | bytes,
    file: str = "<string>",
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    use_libyaml: bool | None = None,
) -> LoadedYaml:
    """Load one YAML document under the strict rules; raise YamlLoadError on any problem.

    `use_libyaml=None` picks libyaml when PyYAML has it (it is the faster); True without
    libyaml falls back to the pure-Python parser, which gives the same data and marks.
    """
    if isinstance(text, str):
        # surrogatepass: a lone surrogate is reported with its line below, not as a crash here
        size = len(text.encode("utf-8", "surrogatepass"))
    elif isinstance(text, bytes | bytearray | memoryview):
        text = bytes(text)
        size = len(text)
    else:
        raise TypeError(f"load_yaml_text() needs str or bytes, not {type(text).__name__}")
    if size > max_bytes:
        raise YamlLoadError(file, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,}")
    source = text if isinstance(text, str) else _decode(text, file)
    # A byte-order mark is not content (and past the first one, libyaml and PyYAML would
    # disagree on the column of what follows).
    source = source.lstrip("\ufeff")
    _check_characters(source, file)
    return _load_str(source, file, max_depth, use_libyaml, False)


def load_yaml_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    use_libyaml: bool | None = None,
) -> LoadedYaml:
    """Read and load a regular file of at most `max_bytes` (a FIFO or device is refused)."""
    name = os.fspath(path)
    try:
        raw = read_regular(name, max_bytes)
    except ReadRefused as exc:
        raise YamlLoadError(name, 1, 1, exc.reason) from None
    return load_yaml_text(
        raw, name, max_bytes=max_bytes, max_depth=max_depth, use_libyaml=use_libyaml
    )


# -- benchmark --------------------------------------------------------------------------------


def scenario_like_text(size_kb: int = 200) -> str:
    """A deterministic file shaped like a scenario: many small mappings, short lists, Chinese."""
    rng = _TextRng(1958)
    words = ["shell", "convoy", "beach", "battery", "sortie", "junk", "LST", "Sabre", "MiG"]
    zh = ["金門", "廈門", "料羅灣", "砲戰", "補給", "大膽島", "太武山", "國軍", "解放軍"]
    parts = ["# scenario-like benchmark file\nformat: 1\nid: bench\nunits:\n"]
    size = len(parts[0])
    i = 0
    while size < size_kb * 1024:
        w = rng.sample(words, 3)
        entry = (
            f"  - id: unit_{i}\n"
            f'    name: {{en: "{w[0]} {i}", zh: "{rng.choice(zh)}{rng.choice(zh)}"}}\n'
            f"    strength: {rng.randint(0, 5000)}\n"
            f"    morale: {rng.random() * 100:.2f}\n"
            f"    active: {rng.choice(['true', 'false'])}\n"
            f"    tags: [{', '.join(w)}]\n"
            f"    orders:\n"
            f"      - {{type: move, to: {rng.choice(words)}, turn: {rng.randint(1, 70)}}}\n"
            f"      - {{type: fire, target: '{rng.choice(zh)}', rounds: {rng.randint(1, 900)}}}\n"
            f"    note: {rng.choice(zh)}{rng.choice(zh)}，{w[1]} {w[2]}。\n"
        )
        parts.append(entry)
        size += len(entry.encode("utf-8"))
        i += 1
    return "".join(parts)


class _TextRng:
    """A small fixed generator for the benchmark text (a 64-bit LCG): the text must be the same
    everywhere, and the game's rules keep `random` out of the scenario, engine and AI code."""

    def __init__(self, seed: int) -> None:
        self.x = seed

    def _next(self) -> int:
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        return self.x >> 33

    def random(self) -> float:
        return self._next() / 2**31

    def randint(self, lo: int, hi: int) -> int:
        return lo + self._next() % (hi - lo + 1)

    def choice(self, seq: list[str]) -> str:
        return seq[self._next() % len(seq)]

    def sample(self, seq: list[str], k: int) -> list[str]:
        pool = list(seq)
        return [pool.pop(self._next() % len(pool)) for _ in range(k)]


def benchmark(size_kb: int = 200, repeats: int = 7) -> dict[str, Any]:
    """Median milliseconds to load a scenario-like file of `size_kb` KB with each back-end.

    Medians, because the machines this runs on are shared and one run says little; CPU time
    too, because on a busy machine the wall clock mostly measures the wait for a core.
    "libyaml_ms"/"pure_ms" time a load as `load_yaml_text` does it (the data; marks are left
    for later), "*_marks_ms" a load that builds the marks as well, as reading `marks` later
    does; "*_cpu_ms" are the same two loads in process CPU time. A back-end that is not
    available gives None.
    """
    raw = scenario_like_text(size_kb).encode("utf-8")
    result: dict[str, Any] = {"bytes": len(raw), "default": "libyaml" if HAVE_LIBYAML else "pure"}
    for name, lib in (("libyaml", True), ("pure", False)):
        for kind, with_marks in (("", False), ("_marks", True)):
            if lib and not HAVE_LIBYAML:
                result[f"{name}{kind}_ms"] = result[f"{name}{kind}_cpu_ms"] = None
                continue
            wall, cpu = [], []
            for _ in range(max(1, repeats)):
                t0, c0 = time.perf_counter(), time.process_time()
                if with_marks:
                    text = raw.decode("utf-8")
                    _check_characters(text, "bench.yaml")
                    _load_str(text, "bench.yaml", MAX_DEPTH, lib, True)
                else:
                    load_yaml_text(raw, "bench.yaml", use_libyaml=lib)
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            result[f"{name}{kind}_ms"] = round(statistics.median(wall), 1)
            result[f"{name}{kind}_cpu_ms"] = round(statistics.median(cpu), 1)
    return result


if __name__ == "__main__":  # pragma: no cover
    print(benchmark())
