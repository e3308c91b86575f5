"""A cache of parsed scenario YAML, keyed by the file's SHA-256, like Python's .pyc files.

libyaml's event stream costs ~50-90 ms for the 356 KB 1958 scenario on this machine, more than
the rest of loading and validation together; the same data as JSON loads in a few ms. Only the
parse is cached: validation always runs, the marks for error messages are rebuilt from the
text when a problem needs them, and an edited file has a new hash, so a stale entry can never
be used. A cache that cannot be read or written is ignored. `KINMEN1958_CACHE_DIR` moves it.

Bounded: only a file that validated is cached (the loader calls `put` after validation, so a
fuzzing run or a modder's hundred broken drafts leave nothing), each write prunes entries
unused for `MAX_AGE_DAYS`, then the least recently used beyond `MAX_ENTRIES` or
`MAX_TOTAL_BYTES`, and partial writes a killed process left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from game import paths
from game.safeio import ReadRefused, clean_partial_writes, read_regular

#: smaller files parse in a few ms: caching them would only fill the folder
MIN_BYTES = 64 * 1024

#: bump when the YAML layer resolves scalars differently, so old entries are not reused
CACHE_VERSION = 3

#: entries kept (a player has a few scenarios; each entry is about the size of its file)
MAX_ENTRIES = 16
#: bytes kept in all
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: an entry not used for this long is removed
MAX_AGE_DAYS = 30
#: an entry larger than this is not read (the YAML limit is 2 MB; JSON of it is smaller)
MAX_ENTRY_BYTES = 8 * 1024 * 1024


def cache_dir() -> Path:
    return paths.cache_dir("yaml")


def _path(sha256: str) -> Path:
    return cache_dir() / f"v{CACHE_VERSION}-{sha256}.json"


def get(sha256: str) -> Any | None:
    path = _path(sha256)
    try:
        raw = read_regular(path, MAX_ENTRY_BYTES)
        # Decoded in one go: a text-mode read would also scan the ~370 KB for newlines to
        # translate, and `put` never writes one (a raw CR or LF is not valid inside a JSON
        # string, and is whitespace to the parser either way).
        data = json.loads(raw.decode("utf-8"))
    except (ReadRefused, ValueError, RecursionError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # the age limit counts from the last use
    return data


def put(sha256: str, data: Any) -> None:
    path = _path(sha256)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        return
    prune(path.parent)


def prune(folder: Path | None = None, *, now: float | None = None) -> list[Path]:
    """Apply the age, count and size limits to the cache folder; return what was removed."""
    folder = folder or cache_dir()
    now = time.time() if now is None else now
    removed = clean_partial_writes(folder, now=now)
    entries: list[tuple[float, int, Path]] = []
    try:
        scan = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in scan:
        if not (entry.name.startswith("v") and entry.name.endswith(".json")):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        entries.append((st.st_mtime, st.st_size, Path(entry.path)))
    entries.sort(key=lambda e: (-e[0], e[2].name))  # most recently used first
    kept = total = 0
    for mtime, size, path in entries:
        stale = not path.name.startswith(f"v{CACHE_VERSION}-")
        old = now - mtime > MAX_AGE_DAYS * 86400
        if stale or old or kept >= MAX_ENTRIES or total + size > MAX_TOTAL_BYTES:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
            continue
        kept += 1
        total += size
    return removed
