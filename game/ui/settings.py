"""Player settings, kept as JSON in the user's config folder.

The folder is `game.paths.user_config_dir()` (`$KINMEN1958_CONFIG_DIR` when set; tests use
it). The file may be hand-edited or damaged, and the game must still start: a
missing, unreadable, oversized, deeply nested or non-JSON file gives the defaults, a value of
the wrong kind gives that setting's default, and each problem is one line on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

# the saves folder is re-exported for the screens that list and write saves: one folder, decided
# in game.paths, for the Load screen and the saves module alike
from game.paths import saves_dir as saves_dir
from game.paths import settings_path, user_config_dir
from game.safeio import ReadRefused, clean_partial_writes, loads_json, read_regular, terminal_safe
from game.ui.i18n import LANGS

#: a settings file is a few hundred bytes; anything much larger is not one
MAX_SETTINGS_BYTES = 64 * 1024

SCALES = (100, 125, 150, 175, 200)
PALETTES = ("default", "colorblind")


@dataclass
class Settings:
    lang: str = "en"
    ui_scale: int = 100
    palette: str = "default"
    sound: bool = True
    fullscreen: bool = False
    #: the first-day guide on the first morning of a new game
    guide: bool = True

    def clean(self) -> Settings:
        if self.lang not in LANGS:
            self.lang = "en"
        if not isinstance(self.ui_scale, int) or isinstance(self.ui_scale, bool):
            self.ui_scale = 100
        self.ui_scale = min(200, max(100, self.ui_scale))
        if self.palette == "colourblind":
            self.palette = "colorblind"
        if self.palette not in PALETTES:
            self.palette = "default"
        self.sound = self.sound if isinstance(self.sound, bool) else True
        self.fullscreen = self.fullscreen if isinstance(self.fullscreen, bool) else False
        self.guide = self.guide if isinstance(self.guide, bool) else True
        return self

    @property
    def scale(self) -> float:
        return self.ui_scale / 100.0


def _warn(path: Path, message: str) -> None:
    print(terminal_safe(f"{path}: {message}"), file=sys.stderr)


def _bool(value: Any) -> bool | None:
    """JSON true/false, or the strings "true"/"false" a hand edit may leave (`"false"` must
    not turn sound on); None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def load_settings(path: Path | None = None, *, warn: bool = True) -> Settings:
    """The settings in `path`, or the defaults for whatever is missing or wrong (never raises)."""
    path = path or settings_path()
    try:
        data = loads_json(read_regular(path, MAX_SETTINGS_BYTES))
    except ReadRefused as exc:
        if warn and exc.kind != "missing":
            _warn(path, f"{exc.reason}; using the default settings")
        return Settings()
    except ValueError as exc:
        if warn:
            _warn(path, f"not valid settings ({exc}); using the default settings")
        return Settings()
    if not isinstance(data, dict):
        if warn:
            _warn(path, "not a JSON object; using the default settings")
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if isinstance(getattr(defaults, f.name), bool):
            value = _bool(value)
            if value is None:
                if warn:
                    _warn(path, f"'{f.name}' must be true or false; using the default")
                continue
        values[f.name] = value
    return Settings(**values).clean()


def startup_cleanup() -> None:
    """Remove partial writes a killed process left behind (saves, settings): at start, and
    only files old enough that no live process can still be writing them."""
    clean_partial_writes(user_config_dir())
    clean_partial_writes(saves_dir())


def save_settings(settings: Settings, path: Path | None = None) -> Path | None:
    """Write the settings; returns the path, or None if the folder is not writable."""
    path = path or settings_path()
    data = (json.dumps(asdict(settings), indent=2) + "\n").encode("utf-8")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # written beside and renamed over: a kill mid-write leaves the old file whole and a
        # stale .tmp that `startup_cleanup` removes
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None
    return path
