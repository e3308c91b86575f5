"""A cache of parsed scenario YAML, keyed by the file's SHA-256, like Python's .pyc files.

libyaml's event stream costs ~50-90 ms for the 356 KB 1958 scenario on this machine, more than
the rest of loading and validation together; the same data as JSON loads in a few ms. Only the
parse is cached: validation always runs, the marks for error messages are rebuilt from the
text when a problem needs them, and an edited file has a new hash, so a stale entry can never
be used. A cache that cannot be read or written is ignored. `KINMEN1958_CACHE_DIR` moves it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: smaller files parse in a few ms: caching them would only fill the folder
MIN_BYTES = 64 * 1024

#: bump when the YAML layer resolves scalars differently, so old entries are not reused
CACHE_VERSION = 3


def cache_dir() -> Path:
    env = os.environ.get("KINMEN1958_CACHE_DIR")
    if env:
        return Path(env) / "yaml"
    import platformdirs

    return Path(platformdirs.user_cache_dir("kinmen-1958")) / "yaml"


def _path(sha256: str) -> Path:
    return cache_dir() / f"v{CACHE_VERSION}-{sha256}.json"


def get(sha256: str) -> Any | None:
    try:
        with open(_path(sha256), "rb") as fh:
            raw = fh.read()
        # Decoded in one go: a text-mode read would also scan the ~370 KB for newlines to
        # translate, and `put` never writes one (a raw CR or LF is not valid inside a JSON
        # string, and is whitespace to the parser either way).
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None


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
