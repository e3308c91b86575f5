"""The AI's figures for `python -m game bench --only ai`: decision time, mass play, strength.

`ai_bench(path)` returns `(measure, median, goal)` rows of strings. By default it is quicker (a
few minutes): the 1,000-game run is measured on `games` games and extrapolated, and strength
is measured on `strength_games` games a side. `ai_bench(path, full=True)` plays the real 1,000
games and at least 100 games a side for strength (about 40 minutes on two cores: hard is slow).

"Beats" is `tournament.beats`: the ending's winner, or, when nobody wins, the side ahead on the
garrison's position. Strength games use seeds 1..N with the AI on one side and its opponent
on the other, then the sides swapped.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from game.ai.players import make_player
from game.ai.tournament import beats, play_many
from game.engine.run import ask_orders, play
from game.engine.state import State, new_game
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES, Scenario

GOALS_MS = {"easy": 2.0, "normal": 100.0, "hard": 500.0}


def sample_states(sc: Scenario, games: int = 2, seed: int = 1) -> list[tuple[State, str]]:
    """Mornings of easy-vs-easy games, each with the side to decide for."""
    out: list[tuple[State, str]] = []
    for g in range(games):
        players = {
            "prc": make_player("ai:easy", seed + g),
            "roc": make_player("ai:easy", seed + g + 1),
        }
        for turn in play(sc, new_game(sc, seed + g), players):
            out.extend((turn.before, side) for side in SIDES)
    return out


def decision_ms(sc: Scenario, level: str, states: list[tuple[State, str]], limit: int) -> float:
    """Median milliseconds of one `orders()` call over up to `limit` spread-out mornings."""
    step = max(1, len(states) // limit)
    picked = states[::step][:limit]
    player = make_player(f"ai:{level}", 7)
    times = []
    for state, side in picked:
        t0 = time.perf_counter()
        ask_orders(sc, state, side, player)
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def outcome(result: dict, side: str) -> tuple[int, float]:
    """A game's result for `side`, comparable between games: the ending (win 1, draw or runaway
    0, loss -1), then the garrison's position at the end, oriented to the side."""
    w = result["winner"]
    u = 0 if w not in ("prc", "roc") else (1 if w == side else -1)
    pos = result["position"] if side == result["besieged"] else -result["position"]
    return u, pos


def strength(
    path: str | Path, ai: str, opponent: str, games: int, jobs: int, seed: int = 1
) -> dict[str, float]:
    """`ai` against `opponent` on seeds seed..seed+games-1, once in each seat.

    `prc`/`roc`: share of games `ai` beats its opponent in that seat (`tournament.beats`).
    `dup_prc`/`dup_roc`: share of seeds on which `ai` ends the game better for its seat than
    `opponent` itself does in the same seat against the same opponent and seed (duplicate
    format, as in duplicate bridge: it compares players of an asymmetric game without the
    scenario's own bias).
    """
    _, as_prc = play_many(path, seed, ai, opponent, games, jobs)
    _, as_roc = play_many(path, seed, opponent, ai, games, jobs)
    _, ref = play_many(path, seed, opponent, opponent, games, jobs)
    n = max(1, games)
    pairs_prc = zip(as_prc, ref, strict=True)
    pairs_roc = zip(as_roc, ref, strict=True)
    return {
        "prc": sum(beats(r, "prc") for r in as_prc) / n,
        "roc": sum(beats(r, "roc") for r in as_roc) / n,
        "dup_prc": sum(outcome(a, "prc") > outcome(r, "prc") for a, r in pairs_prc) / n,
        "dup_roc": sum(outcome(a, "roc") > outcome(r, "roc") for a, r in pairs_roc) / n,
    }


def ai_bench(
    path: str | Path,
    *,
    games: int = 100,
    strength_games: int = 20,
    jobs: int = 2,
    full: bool = False,
) -> list[tuple[str, str, str]]:
    """Rows of (measure, median or figure, goal) for the bench table."""
    if full:
        games, strength_games = 1000, max(100, strength_games)
    sc = load_scenario(path)
    states = sample_states(sc)
    rows: list[tuple[str, str, str]] = []
    for level, limit in (("easy", 200), ("normal", 24), ("hard", 8)):
        ms = decision_ms(sc, level, states, limit)
        rows.append(
            (
                f"AI decision per turn, {level}",
                f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms",
                f"<= {GOALS_MS[level]:g} ms",
            )
        )
    t0 = time.perf_counter()
    play_many(path, 1, "ai:easy", "ai:easy", games, jobs)
    elapsed = time.perf_counter() - t0
    if games >= 1000:
        rows.append((f"{games} easy-vs-easy games, jobs={jobs}", f"{elapsed:.1f} s", "<= 60 s"))
    else:
        est = elapsed * 1000.0 / max(1, games)
        rows.append(
            (f"1000 easy-vs-easy games, jobs={jobs} (from {games})", f"{est:.1f} s", "<= 60 s")
        )
    n = strength_games
    for ai, opponent, goal in (("normal", "random", 0.9), ("hard", "easy", 0.7)):
        st = strength(
            path, f"ai:{ai}", opponent if opponent == "random" else f"ai:{opponent}", n, jobs
        )
        rows.append(
            (
                f"{ai} beats {opponent}, as PLA / as ROC ({n} games each)",
                f"{st['prc']:.0%} / {st['roc']:.0%}",
                f">= {goal:.0%} each",
            )
        )
        rows.append(
            (
                f"  {ai} plays a seat better than {opponent} (same seeds)",
                f"{st['dup_prc']:.0%} / {st['dup_roc']:.0%}",
                "duplicate format",
            )
        )
    return rows
