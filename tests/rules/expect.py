"""Helpers for rule tests: many seeded runs of one day, and tolerances derived from the rule.

A chance rule is checked as a mean over `SEEDS` fixed seeds against the mean the rule's
formula gives, within `Z` standard errors computed from the rule's own variance. The seeds
are fixed, so a run passes or fails the same way every time; `Z` = 4.5 makes a correct
engine fail for a new seed set about once in 150,000 checks, while a wrong factor in a
formula (a rule read twice, a factor left out) moves the mean by many standard errors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

from game.engine.report import Report
from game.engine.rng import seed_state
from game.engine.state import State
from game.scenario.model import Scenario
from game.scenario.orders import Order
from tests.builder import run_day, start

SEEDS = range(2000)
Z = 4.5


def reseed(state: State, seed: int) -> State:
    """A copy of `state` whose generator starts from `seed`."""
    s = state.clone()
    s.rng = seed_state(seed)
    return s


def days(
    sc: Scenario,
    prc: list[Order] | None = None,
    roc: list[Order] | None = None,
    state: State | None = None,
    seeds: Iterable[int] = SEEDS,
) -> Iterator[tuple[State, Report]]:
    """(state after, report) of one day from `state` (default: the first morning), per seed."""
    base = state if state is not None else start(sc)
    for seed in seeds:
        yield run_day(sc, reseed(base, seed), prc, roc)


def assert_mean(values: Sequence[float], mean: float, var: float, what: str = "") -> None:
    """The sample mean of `values` lies within Z standard errors of `mean` (`var`: one draw's)."""
    n = len(values)
    got = sum(values) / n
    tol = Z * math.sqrt(var / n) + 1e-9
    assert abs(got - mean) <= tol, f"{what}: mean {got:.4f}, rule says {mean:.4f} +- {tol:.4f}"


def assert_count(successes: int, n: int, p: float, what: str = "") -> None:
    """`successes` out of `n` independent trials of chance `p` (a binomial count)."""
    assert_mean([1.0] * successes + [0.0] * (n - successes), p, p * (1 - p), what)


def assert_sum_of_chances(successes: int, chances: Sequence[float], what: str = "") -> None:
    """`successes` out of trials with different chances (a Poisson-binomial count)."""
    mean = sum(chances)
    tol = Z * math.sqrt(sum(p * (1 - p) for p in chances)) + 1e-9
    assert abs(successes - mean) <= tol, f"{what}: {successes}, rule says {mean:.2f} +- {tol:.2f}"


def binomial_var(n: int, p: float) -> float:
    """Variance of Binomial(n, p); plus 1/12 for the rounding of the engine's normal
    approximation above 40 trials (harmless when exact)."""
    return n * p * (1 - p) + (1 / 12 if n > 40 else 0.0)


def drift(m: float, base: float, step: float) -> float:
    """Morale after the day's drift toward `base` by at most `step` (docs/rules.md, phase 10)."""
    if m < base:
        return m + min(step, base - m)
    return m - min(step, m - base)


def entry(report: Report, kind: str, **match: object) -> dict:
    """The data of the one report entry of `kind` whose data has the given values."""
    found = [
        e.data for e in report.of_kind(kind) if all(e.data.get(k) == v for k, v in match.items())
    ]
    assert len(found) == 1, (kind, match, [e.data for e in report.entries])
    return found[0]
