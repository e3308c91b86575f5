"""The AI's figures for `python -m game bench`: decision time, mass play, strength.

`ai_bench(path)` returns `(measure, median, goal)` rows of strings. By default it is quick (a
minute or two): the 1,000-game run is measured on `games` games and extrapolated, and strength
is measured on `strength_games` games a side. `ai_bench(path, full=True)` plays the real 1,000
games and at least 100 games a side for strength (about an hour on two cores: hard is slow).

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
from game.engine.resolve import resolve
from game.engine.state import State, new_game
from game.scenario.loader import load_scenario
from game.scenario.model import Scenario

GOALS_MS = {"easy": 2.0, "normal": 100.0, "hard": 500.0}


def sample_states(sc: Scenario, games: int = 2, seed: int = 1) -> list[tuple[State, str]]:
    """Mornings of easy-vs-easy games, each with the side to decide for."""
    out = []
    for g in range(games):
        players = {
            "prc": make_player("ai:easy", seed + g),
            "roc": make_player("ai:easy", seed + g + 1),
        }
        state = new_game(sc, seed + g)
        while not state.over:
            for side in ("prc", "roc"):
                out.append((state, side))
            orders = {s: players[s].orders(sc, state, s) for s in ("prc", "roc")}
            state, _ = resolve(sc, state, orders)
    return out


def decision_ms(sc: Scenario, level: str, states: list[tuple[State, str]], limit: int) -> float:
    """Median milliseconds of one `orders()` call over up to `limit` spread-out mornings."""
    step = max(1, len(states) // limit)
    picked = states[::step][:limit]
    player = make_player(f"ai:{level}", 7)
    times = []
    for state, side in picked:
        t0 = time.perf_counter()
        player.orders(sc, state, side)
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def strength(
    path: str | Path, ai: str, opponent: str, games: int, jobs: int, seed: int = 1
) -> tuple[float, float]:
    """Share of games `ai` beats `opponent` as the PLA, and as the ROC."""
    _, as_prc = play_many(path, seed, ai, opponent, games, jobs)
    _, as_roc = play_many(path, seed, opponent, ai, games, jobs)
    prc = sum(beats(r, "prc") for r in as_prc) / max(1, len(as_prc))
    roc = sum(beats(r, "roc") for r in as_roc) / max(1, len(as_roc))
    return prc, roc


def outcome(result: dict, side: str) -> tuple[int, float]:
    """A game's result for `side`, comparable between games: the ending (win 1, draw or runaway
    0, loss -1), then the garrison's position at the end, oriented to the side."""
    w = result["winner"]
    u = 0 if w not in ("prc", "roc") else (1 if w == side else -1)
    pos = result["position"] if side == "roc" else -result["position"]
    return u, pos


def duplicate(
    path: str | Path, ai: str, base: str, games: int, jobs: int, seed: int = 1
) -> tuple[float, float]:
    """Share of seeds on which `ai`, seated as the PLA (then the ROC) against `base`, ends the
    game better for its side than `base` itself does in the same seat, same seed and opponent
    (the duplicate-bridge way to compare players of an asymmetric game)."""
    _, ref = play_many(path, seed, base, base, games, jobs)
    _, as_prc = play_many(path, seed, ai, base, games, jobs)
    _, as_roc = play_many(path, seed, base, ai, games, jobs)
    prc = sum(outcome(a, "prc") > outcome(r, "prc") for a, r in zip(as_prc, ref, strict=True))
    roc = sum(outcome(a, "roc") > outcome(r, "roc") for a, r in zip(as_roc, ref, strict=True))
    n = max(1, len(ref))
    return prc / n, roc / n


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
    prc, roc = strength(path, "ai:normal", "random", n, jobs)
    rows.append(
        (
            f"normal beats random, as PLA / as ROC ({n} games each)",
            f"{prc:.0%} / {roc:.0%}",
            ">= 90% each",
        )
    )
    prc, roc = strength(path, "ai:hard", "ai:easy", n, jobs)
    rows.append(
        (
            f"hard beats easy, as PLA / as ROC ({n} games each)",
            f"{prc:.0%} / {roc:.0%}",
            ">= 70% each",
        )
    )
    prc, roc = duplicate(path, "ai:hard", "ai:easy", n, jobs)
    rows.append(
        (
            f"hard plays a seat better than easy, PLA / ROC ({n} seeds)",
            f"{prc:.0%} / {roc:.0%}",
            "(duplicate format)",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    """`python -m game.ai.bench [SCENARIO] [--full]`: print the rows."""
    import sys

    from game.paths import default_scenario

    args = list(sys.argv[1:] if argv is None else argv)
    full = "--full" in args
    args = [a for a in args if a != "--full"]
    path = Path(args[0]) if args else default_scenario()
    rows = ai_bench(path, full=full)
    print(f"{'measure':<58} {'median':>12}  goal")
    for name, value, goal in rows:
        print(f"{name:<58} {value:>12}  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
