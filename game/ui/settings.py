"""Player settings, kept as JSON in the user's config folder.

The folder is `game.paths.user_config_dir()` (`$KINMEN1958_CONFIG_DIR` when set; tests use
it). A missing or unreadable file gives the defaults; bad values are clamped.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

# the saves folder is re-exported for the screens that list and write saves: one folder, decided
# in game.paths, for the Load screen and the saves module alike
from game.paths import saves_dir as saves_dir
from game.paths import settings_path
from game.ui.i18n import LANGS

SCALES = (100, 125, 150, 175, 200)
PALETTES = ("default", "colorblind")


@dataclass
class Settings:
    lang: str = "en"
    ui_scale: int = 100
    palette: str = "default"
    sound: bool = True
    fullscreen: bool = False

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
        self.sound = bool(self.sound)
        self.fullscreen = bool(self.fullscreen)
        return self

    @property
    def scale(self) -> float:
        return self.ui_scale / 100.0


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    names = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in names}).clean()


def save_settings(settings: Settings, path: Path | None = None) -> Path | None:
    """Write the settings; returns the path, or None if the folder is not writable."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    except OSError:
        return None
    return path
