"""The historical game's state hashes are pinned: a change that should not move outcomes doesn't.

The fixture holds every day's hash of `simulate --prc history --roc history` for seeds 1-20
(tools/pin_history_hashes.py writes it). A change meant to change outcomes regenerates it once
and says so in its commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "history_hashes.json").read_text("utf-8"))

sys.path.insert(0, str(ROOT / "tools"))
from pin_history_hashes import history_hashes  # noqa: E402


@pytest.mark.parametrize("seed", sorted(int(s) for s in FIXTURE["seeds"]))
def test_historical_hashes_are_pinned(seed: int) -> None:
    assert history_hashes(seed) == FIXTURE["seeds"][str(seed)]


def test_simulate_command_gives_the_pinned_hashes() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "simulate",
            "--prc",
            "history",
            "--roc",
            "history",
            "--seed",
            "7",
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    hashes = [json.loads(line)["state_hash"] for line in out.splitlines()]
    assert hashes == FIXTURE["seeds"]["7"]
