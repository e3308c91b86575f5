"""`bench`: the figures the issues set goals for, as medians of several runs.

Timing lives here, not in tests: the machine is shared and noisy, so goals are checked by a
person reading medians, never by a test that fails on a slow day. Sections whose modules are
missing (AI, window) are skipped with a note.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from game.ai.players import HistoryPlayer
from game.engine.preview import preview
from game.engine.run import play
from game.engine.state import new_game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.orders import Fire

Row = tuple[str, str, str]

_COLD_LOAD = """
import time, sys
from game.scenario.loader import load_scenario
t0 = time.perf_counter(); load_scenario(sys.argv[1]); print(time.perf_counter() - t0)
"""


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):.1f} ms"


def engine_rows(path: Path, runs: int) -> list[Row]:
    sc = load_scenario(path)
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        load_scenario(path)
        warm.append((time.perf_counter() - t0) * 1000)
    cold = []
    for _ in range(max(3, runs // 2)):
        out = subprocess.run(
            [sys.executable, "-c", _COLD_LOAD, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        cold.append(float(out.stdout.strip()) * 1000)
    turn_ms: list[float] = []
    game_ms = []
    players = {"prc": HistoryPlayer(), "roc": HistoryPlayer()}
    for seed in range(runs):
        t0 = time.perf_counter()
        turns = sum(1 for _ in play(sc, new_game(sc, seed), players))
        elapsed = (time.perf_counter() - t0) * 1000
        game_ms.append(elapsed)
        turn_ms.append(elapsed / max(1, turns))
    st = new_game(sc, 0)
    group = next(g for g in sc.artillery if g.side == "prc" and g.available_from is None)
    target = next(t for t in sc.targets if t.side == "roc")
    order = Fire(group=group.id, target=target.id, rounds=100)
    prev = []
    for _ in range(runs):
        t0 = time.perf_counter()
        preview(sc, st, "prc", [order], samples=100)
        prev.append((time.perf_counter() - t0) * 1000)
    size_kb = path.stat().st_size / 1024
    return [
        (
            "scenario load + validation (warm process)",
            _median_ms(warm),
            f"<= 100 ms ({size_kb:.0f} KB file)",
        ),
        ("scenario load + validation (fresh process)", _median_ms(cold), "<= 100 ms"),
        (
            "turn, historical orders (incl. order checks)",
            f"{statistics.median(turn_ms):.3f} ms",
            "<= 1 ms",
        ),
        ("whole historical game (70 turns)", _median_ms(game_ms), ""),
        ("preview of one fire order (100 samples)", _median_ms(prev), ""),
    ]


def ai_rows(path: Path, full: bool = False) -> list[Row]:
    if importlib.util.find_spec("game.ai.bench") is None:
        return [("AI", "skipped", "game.ai.bench not present")]
    from game.ai.bench import ai_bench

    return [tuple(map(str, row)) for row in ai_bench(path, full=full)]  # type: ignore[misc]


def ui_rows(runs: int) -> list[Row]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.bench import first_frame_s, frame_times

    p50, p95 = [], []
    for _ in range(max(1, runs // 2)):
        ft = frame_times(300)
        p50.append(ft["p50_ms"])
        p95.append(ft["p95_ms"])
    first = first_frame_s(3)
    return [
        ("game screen frame 1280x720, panning + animating: p50", _median_ms(p50), ""),
        ("game screen frame 1280x720, panning + animating: p95", _median_ms(p95), "<= 8 ms"),
        ("launch to first frame (fresh process)", f"{first:.2f} s", "<= 1.5 s"),
    ]


def run_bench(
    path: Path,
    runs: int,
    sections: tuple[str, ...] = ("engine", "ai", "ui"),
    *,
    full: bool = False,
) -> int:
    try:
        load_scenario(path)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    runs = max(1, runs)
    print(f"Benchmark: {path.name}, medians of {runs} runs (machine: {os.cpu_count()} cores)")
    print(f"{'measure':<56} {'median':>12}  goal")
    makers = {
        "engine": lambda: engine_rows(path, runs),
        "ai": lambda: ai_rows(path, full),
        "ui": lambda: ui_rows(runs),
    }
    for name in sections:
        for measure, value, goal in makers[name]():
            print(f"{measure:<56} {value:>12}  {goal}", flush=True)
    return 0
