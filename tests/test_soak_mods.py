"""The soak's hostile mods folders (`game.bench.soak_mods`): every ingredient is scanned and
listed without raising, and the read-outside check does catch a read outside."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import game.scenario.modfolder as modfolder
from game.bench.soak import mutate_bytes
from game.bench.soak_mods import BAIT_ID, ModsSoak

TINY = Path(__file__).resolve().parent / "data" / "tiny.yaml"


@pytest.fixture
def soak(tmp_path):
    return ModsSoak(tmp_path / "soak", TINY.read_bytes(), mutate_bytes)


def only(soak: ModsSoak, *kinds: str, seed: int = 1) -> None:
    soak.build(random.Random(seed))  # a fresh folder
    for path in soak.mods.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    soak.made = list(kinds)
    table = soak._ingredients()
    for kind in kinds:
        if kind == "many":
            soak._many()
        else:
            table[kind](random.Random(seed))


@pytest.mark.parametrize(
    "kind",
    [
        "mutated",
        "folder_mod",
        "huge",
        "binary",
        "link_out",
        "fifo",
        "dangling",
        "loop",
        "escape",
        "odd_name",
        "deep",
        "same_id",
        "many",
    ],
)
def test_each_ingredient_is_listed_without_reading_outside(soak, kind):
    for seed in range(3):
        only(soak, kind, seed=seed)
        assert soak.run() in ("listed, some playable", "listed, none playable", "nothing listed")


def test_random_cases_end_in_a_listing(soak):
    rng = random.Random(20)
    for _ in range(15):
        soak.build(random.Random(rng.random()))
        assert soak.run().startswith(("listed", "nothing"))


def test_the_check_catches_a_link_followed_out_of_the_folder(soak, monkeypatch):
    monkeypatch.setattr(modfolder, "_inside", lambda path, root: True)
    only(soak, "link_out")
    (soak.mods / "out.yaml").symlink_to(soak.outside / "secret.yaml")
    with pytest.raises(AssertionError, match="read outside the mods folder"):
        soak.run()


def test_the_bait_is_a_valid_scenario(soak):
    """Were it invalid, a read of it could go unnoticed by the id check."""
    from game.scenario.loader import read_scenario

    sc, _ = read_scenario(soak.outside / "secret.yaml")
    assert sc is not None and sc.id == BAIT_ID
