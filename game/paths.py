"""Where the game's data lives, both in a source checkout and in an installed wheel.

In a checkout the data folders (`scenarios/`, `assets/`, `seeds/`) sit beside the package; a
wheel carries the same folders inside the package as `game/resources/<name>` (see
`pyproject.toml`). Looking in both places keeps `pip install .` and `pip install -e .` working.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


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
