"""Regenerate tests/fixtures/history_hashes.json: every day's state hash of the historical game.

The fixture pins `simulate --prc history --roc history --seed N` for seeds 1-20, so a change
that should not move outcomes (a restructuring, a new label, a fixed translation) is proved not
to. Run this only for a change that is meant to change outcomes, and say so in the commit.

    python tools/pin_history_hashes.py
"""

from __future__ import annotations

import json
from pathlib import Path

from game.ai.players import make_player
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "kinmen_1958.yaml"
OUT = ROOT / "tests" / "fixtures" / "history_hashes.json"
SEEDS = range(1, 21)


def history_hashes(seed: int) -> list[str]:
    sc = load_scenario(SCENARIO)
    players = {"prc": make_player("history", seed), "roc": make_player("history", seed + 1)}
    return [state_hash(t.after) for t in play(sc, new_game(sc, seed), players)]


def main() -> None:
    data = {
        "scenario": "scenarios/kinmen_1958.yaml",
        "command": "simulate --prc history --roc history --seed N",
        "seeds": {str(seed): history_hashes(seed) for seed in SEEDS},
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(SEEDS)} seeds)")


if __name__ == "__main__":
    main()
