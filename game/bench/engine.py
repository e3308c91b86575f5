"""The engine's figures: scenario load and validation, a turn, a whole game, a preview."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from game.ai.odds import likely_enemy
from game.ai.players import HistoryPlayer, make_player
from game.engine.observe import observe
from game.engine.preview import preview
from game.engine.run import play
from game.engine.state import new_game
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Fire
from game.ui.planning import work_out

Row = tuple[str, str, str]

_COLD_LOAD = """
import time, sys
from game.scenario.loader import load_scenario
t0 = time.perf_counter(); load_scenario(sys.argv[1]); print(time.perf_counter() - t0)
"""


def median_ms(samples: list[float]) -> str:
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
    answers_ms, odds_ms = odds_times(sc, runs)
    size_kb = path.stat().st_size / 1024
    return [
        (
            "scenario load + validation (warm process)",
            median_ms(warm),
            f"<= 100 ms ({size_kb:.0f} KB file)",
        ),
        ("scenario load + validation (fresh process)", median_ms(cold), "<= 100 ms"),
        (
            "turn, historical orders (incl. order checks)",
            f"{statistics.median(turn_ms):.3f} ms",
            "<= 1 ms",
        ),
        ("whole historical game (70 turns)", median_ms(game_ms), ""),
        ("preview of one fire order (100 samples)", median_ms(prev), ""),
        ("the enemy's likely answers (once a day, in a job)", median_ms(answers_ms), ""),
        (
            "odds of one order, answers known (the panel's preview)",
            f"{median_ms(odds_ms)}, worst {max(odds_ms):.0f} ms",
            "<= 300 ms",
        ),
    ]


def odds_times(sc: Scenario, runs: int) -> tuple[list[float], list[float]]:
    """The order panel's preview: the day's likely enemy answers, then each order the easy AI
    would give on the first days of both sides, previewed after the ones before it (against
    the answers and if the enemy does nothing, as `Session.preview` does)."""
    answers: list[float] = []
    each: list[float] = []
    for day in range(min(3, max(1, runs))):
        st = new_game(sc, day)
        for side in SIDES:
            obs = observe(sc, st, side)
            t0 = time.perf_counter()
            enemy = likely_enemy(sc, obs, seed=day + 1)
            answers.append((time.perf_counter() - t0) * 1000)
            plan = make_player("ai:easy", day).orders(sc, obs)
            for i, order in enumerate(plan):
                t0 = time.perf_counter()
                work_out(sc, obs, plan[:i], [order], enemy, day + 1)
                each.append((time.perf_counter() - t0) * 1000)
    return answers, each
