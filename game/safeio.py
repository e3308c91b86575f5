"""Reading untrusted files and printing untrusted text without surprises.

Every file the game reads may come from a stranger (a shared mod, a save from a forum) or be
damaged, and its name and contents end up on a terminal or in a file name. The helpers here
keep that bounded and inert: only regular files are read, and never more than a limit (a FIFO
would block forever, `/dev/zero` never ends, and both report a size of 0); text for a
terminal has its control characters escaped, so a name cannot clear the screen, retitle the
window or forge a second error line; a file name built from data stays inside its folder.
See docs/limits.md for every limit.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
import unicodedata
from pathlib import Path
from typing import Any

__all__ = [
    "ReadRefused",
    "clean_partial_writes",
    "display_name",
    "loads_json",
    "read_regular",
    "safe_file_stem",
    "same_file",
    "terminal_safe",
]


class ReadRefused(Exception):
    """A file that is not read: not a regular file, too large, or unreadable (`reason`)."""

    def __init__(self, path: str | os.PathLike[str], reason: str, kind: str) -> None:
        self.path = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
        self.reason = reason
        #: "missing", "not_regular", "too_large" or "unreadable"
        self.kind = kind
        super().__init__(f"{terminal_safe(self.path)}: {reason}")


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file `path`, refusing anything else and anything over `limit`.

    Opened without blocking (a FIFO would otherwise wait for a writer), checked with fstat on
    the open descriptor (so a swap between a check and the open cannot fool it), and read up
    to `limit + 1` bytes whatever size the file claims: a file that grows, or a special file
    that reports 0, still stops at the limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise ReadRefused(path, f"cannot read file: {exc.strerror}", "missing") from None
    except IsADirectoryError:
        raise ReadRefused(path, "cannot read file: is a folder", "not_regular") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        why = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        raise ReadRefused(path, f"cannot read file: {why}", "unreadable") from None
    try:
        st = os.fstat(fd)
        mode = st.st_mode
        if not stat.S_ISREG(mode):
            what = f"cannot read file: it is {_kind_of(mode)}, not a regular file"
            raise ReadRefused(path, what, "not_regular")
        if st.st_size > limit:  # refused without reading a byte
            what = f"file is {st.st_size:,} bytes; the limit is {limit:,}"
            raise ReadRefused(path, what, "too_large")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            what = f"file is larger than the limit of {limit:,} bytes"
            raise ReadRefused(path, what, "too_large")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused(path, f"cannot read file: {exc.strerror or exc}", "unreadable") from None
    finally:
        os.close(fd)


def _depth_ok(text: str | bytes, limit: int) -> bool:
    """False if brackets nest deeper than `limit` (strings ignored): before json.loads, whose
    C scanner recurses and would raise RecursionError (or worse) on a deep enough file."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


#: deepest nesting accepted in a small JSON file (settings, side files); saves have their own
MAX_JSON_DEPTH = 64


def loads_json(raw: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse small JSON, raising ValueError (never RecursionError) for anything wrong."""
    if not _depth_ok(raw, max_depth):
        raise ValueError(f"nested deeper than {max_depth} levels")
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError(f"nested deeper than {max_depth} levels") from None


# -- text for a terminal ----------------------------------------------------------------------

#: C0, DEL, C1, and the Unicode line/paragraph separators and bidirectional controls (which
#: can make a line read differently from what it holds)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every control character escaped (`\\x1b`, `\\n`, ...) and every lone
    surrogate (a file name that is not UTF-8) shown as U+FFFD: one printable line."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def display_name(path: str | os.PathLike[str]) -> str:
    """A file's name as a UI can draw it: undecodable bytes as U+FFFD, controls escaped."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return terminal_safe(os.path.basename(name) or name)


# -- file names from data -----------------------------------------------------------------------

_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in range(10)]
    + [f"LPT{i}" for i in range(10)]
    + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"]
)
_STEM_BAD = re.compile(r"[^A-Za-z0-9_-]+")
MAX_STEM = 64


def is_reserved_name(name: str) -> bool:
    """A name Windows reserves for a device whatever its extension (CON, nul.txt, COM1...)."""
    return name.split(".", 1)[0].upper().rstrip(" ") in _RESERVED


def safe_file_stem(text: str, fallback: str = "game") -> str:
    """`text` made into a file name stem: ASCII letters, digits, `_` and `-` only, at most
    `MAX_STEM` characters, never empty, never a device name; `../x` becomes `x`."""
    text = unicodedata.normalize("NFKC", text)
    stem = _STEM_BAD.sub("_", text).strip("_-")[:MAX_STEM].strip("_-")
    if not stem:
        stem = fallback
    if is_reserved_name(stem):
        stem = f"_{stem}"
    return stem


def confined(folder: str | os.PathLike[str], name: str) -> Path:
    """`folder / name`, refusing (ValueError) any name that would leave the folder."""
    base = Path(folder)
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ValueError(f"not a plain file name: {terminal_safe(name)!r}")
    path = base / name
    if Path(os.path.abspath(path)).parent != Path(os.path.abspath(base)):
        raise ValueError(f"not a plain file name: {terminal_safe(name)!r}")
    return path


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True if `a` and `b` name one file (the same path, or links to one inode)."""
    try:
        if os.path.samefile(a, b):
            return True
    except (OSError, ValueError):
        pass
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


#: a partial write older than this is from a process that died (a live write takes seconds)
STALE_PARTIAL_S = 3600.0


def clean_partial_writes(
    folder: str | os.PathLike[str], *, max_age_s: float = STALE_PARTIAL_S, now: float | None = None
) -> list[Path]:
    """Remove the `.tmp` files an interrupted atomic write left in `folder` (not below it).

    Only files older than `max_age_s`, so a write still in progress in another process is
    left alone. Returns what was removed; a folder that cannot be listed is skipped.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except (OSError, ValueError):
        return removed
    for entry in entries:
        try:
            if not entry.name.endswith(".tmp") or not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < max_age_s:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
