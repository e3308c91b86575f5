"""The wheel carries every subpackage and the data the game needs at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_wheel():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(conf["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "game").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
    for name, folder in conf["package-dir"].items():
        assert name in listed and (ROOT / folder).is_dir()


def test_data_folders_hold_what_the_game_loads():
    from game.paths import assets_dir, default_scenario, seeds_dir

    assert default_scenario().is_file()
    assert (assets_dir() / "fonts" / "wqy-microhei.ttc").is_file()
    assert (assets_dir() / "map" / "kinmen.json").is_file()
    assert (seeds_dir() / "000_b00820f1e7fe4852.txt").is_file()


def test_nothing_outside_ui_imports_pygame():
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "game").parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        if "import pygame" in text or "from pygame" in text:
            offenders.append(str(path))
    assert not offenders
