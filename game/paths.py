"""Where the game's files live: its own data (read only) and the player's folders.

The game's data: in a checkout the data folders (`scenarios/`, `assets/`, `seeds/`) sit beside
the package; a wheel carries the same folders inside the package as `game/resources/<name>`
(see `pyproject.toml`). Looking in both places keeps `pip install .` and `pip install -e .`
working.

The player's folders are decided here and nowhere else, so the saves the Load screen lists are
the saves the game writes, whichever module asks:

| folder                    | default (platformdirs, app "kinmen-1958") | override               |
|---------------------------|-------------------------------------------|------------------------|
| data: saves, autosaves    | `user_data_dir`                           | `$KINMEN1958_DATA_DIR`   |
| mods (New game list)      | `user_data_dir` / `mods`                  | `$KINMEN1958_DATA_DIR`   |
| config: `settings.json`   | `user_config_dir`                         | `$KINMEN1958_CONFIG_DIR` |
| cache: parsed YAML, map   | `user_cache_dir`                          | `$KINMEN1958_CACHE_DIR`  |

The tests set all three variables (see `tests/conftest.py`) so they never touch the real home
folder. Nothing here creates a folder: the code that writes a file creates what it needs.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

#: the application name the platform folders are named after
APP_NAME = "kinmen-1958"
DATA_DIR_ENV = "KINMEN1958_DATA_DIR"
CONFIG_DIR_ENV = "KINMEN1958_CONFIG_DIR"
CACHE_DIR_ENV = "KINMEN1958_CACHE_DIR"


# -- the game's own data -------------------------------------------------------------------------


def data_dir(name: str) -> Path:
    """The folder `name` (one of scenarios, assets, seeds) for this installation."""
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE_DIR / "resources" / name


def scenarios_dir() -> Path:
    return data_dir("scenarios")


def assets_dir() -> Path:
    return data_dir("assets")


def seeds_dir() -> Path:
    return data_dir("seeds")


def default_scenario() -> Path:
    return scenarios_dir() / "kinmen_1958.yaml"


# -- the player's folders ------------------------------------------------------------------------


def _user_dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    # imported here, not at the top: this module is on the path of every scenario load, and
    # platformdirs costs ~10 ms to import, which only the first call to a user folder pays
    import platformdirs

    finder = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(finder(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    """The player's data folder (saves, mods), or `$KINMEN1958_DATA_DIR` when set."""
    return _user_dir(DATA_DIR_ENV, "data")


def user_config_dir() -> Path:
    """The player's config folder (settings), or `$KINMEN1958_CONFIG_DIR` when set."""
    return _user_dir(CONFIG_DIR_ENV, "config")


def user_cache_dir() -> Path:
    """The cache folder (safe to delete), or `$KINMEN1958_CACHE_DIR` when set."""
    return _user_dir(CACHE_DIR_ENV, "cache")


def saves_dir() -> Path:
    """Manual saves and autosaves (`autosave-<turn>.json`) share this folder."""
    return user_data_dir() / "saves"


def mods_dir() -> Path:
    """The player's mods folder: the New game list shows every scenario in it (see
    `game.scenario.modfolder`); `--mods DIR` adds another."""
    return user_data_dir() / "mods"


def settings_path() -> Path:
    return user_config_dir() / "settings.json"


def cache_dir(kind: str) -> Path:
    """The cache subfolder for one kind of entry: `yaml` (parsed scenarios), `map` (geometry)."""
    return user_cache_dir() / kind
