"""`bench`: the figures the issues set goals for, as medians of several runs.

Timing lives here, not in tests: the machine is shared and noisy, so goals are checked by a
person reading medians, never by a test that fails on a slow day.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from game.ai.players import HistoryPlayer
from game.engine.run import play
from game.engine.state import new_game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario


def run_bench(path: Path, runs: int) -> int:
    try:
        sc = load_scenario(path)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    runs = max(1, runs)
    load_ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        load_scenario(path)
        load_ms.append((time.perf_counter() - t0) * 1000)
    turn_ms: list[float] = []
    game_ms = []
    players = {"prc": HistoryPlayer(), "roc": HistoryPlayer()}
    for seed in range(runs):
        t0 = time.perf_counter()
        turns = 0
        for _ in play(sc, new_game(sc, seed), players):
            turns += 1
        elapsed = (time.perf_counter() - t0) * 1000
        game_ms.append(elapsed)
        turn_ms.append(elapsed / max(1, turns))
    size_kb = path.stat().st_size / 1024
    rows = [
        (
            "scenario load + validation",
            f"{statistics.median(load_ms):.1f} ms",
            f"<= 100 ms ({size_kb:.0f} KB file)",
        ),
        (
            "turn, historical orders (incl. order checks)",
            f"{statistics.median(turn_ms):.3f} ms",
            "<= 1 ms",
        ),
        ("whole historical game", f"{statistics.median(game_ms):.1f} ms", ""),
    ]
    print(f"Benchmark: {path.name}, median of {runs} runs")
    print(f"{'measure':<48} {'median':>12}  goal")
    for name, value, goal in rows:
        print(f"{name:<48} {value:>12}  {goal}")
    return 0
