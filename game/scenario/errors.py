"""Scenario problems, collected rather than raised one at a time.

Modders fix files faster when they see every problem at once, each pointing at its line, so
validation appends to a `Problems` list and only the caller decides to stop.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from game.safeio import terminal_safe

YamlPath = tuple[str | int, ...]


def format_path(path: YamlPath) -> str:
    """`('groups', 3, 'guns')` -> `groups[3].guns`: the spelling used in every message."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "<root>"


#: longest word given a suggestion: a close match to a long string is no help, and comparing
#: long strings is quadratic
MAX_SUGGEST_LEN = 64
#: candidates compared with one word at most (those nearest in length)
MAX_SUGGEST_CHOICES = 400
#: character comparisons one load may spend on suggestions in all, after which unknown names
#: are reported without one; set per load by `suggestion_budget`
SUGGEST_BUDGET = 2_000_000

_budget: ContextVar[list[int] | None] = ContextVar("suggestion_budget", default=None)


@contextmanager
def suggestion_budget(units: int = SUGGEST_BUDGET) -> Iterator[None]:
    """Bound the "did you mean" work of everything inside (one load of one file).

    Without a bound, every unknown reference is compared with every id: the product of two
    numbers a file controls (100 unknown references among 100 long ids took 34 s).
    """
    token = _budget.set([units])
    try:
        yield
    finally:
        _budget.reset(token)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint for a misspelt key or id, or an empty string when nothing is close.

    Bounded: long words get no hint, only the `MAX_SUGGEST_CHOICES` candidates nearest in
    length (ties by name) are compared, and inside `suggestion_budget` the comparisons stop
    once the load's budget is spent. The result depends only on the inputs and the budget left.
    """
    if not isinstance(word, str) or not word or len(word) > MAX_SUGGEST_LEN:
        return ""
    budget = _budget.get()
    if budget is not None and budget[0] <= 0:
        return ""
    n = len(word)
    # difflib's ratio is 2*M/(n+m), so a candidate more than ~2.3 times longer or shorter can
    # never reach the 0.6 cutoff: skip it without comparing.
    lo, hi = 0.43 * n, 2.34 * n + 1
    seen = 0
    candidates = set()
    for c in choices:
        seen += 1
        if isinstance(c, str) and lo <= len(c) <= hi:
            candidates.add(c)
    if budget is not None:
        budget[0] -= seen  # the scan itself is work: 41,000 unknown names x every id
    pool = sorted(candidates)
    if len(pool) > MAX_SUGGEST_CHOICES:
        pool = sorted(pool, key=lambda c: (abs(len(c) - n), c))[:MAX_SUGGEST_CHOICES]
        pool.sort()
    if budget is not None:
        cost = len(pool) + sum(n * len(c) for c in pool)
        if cost > budget[0]:
            budget[0] = 0
            return ""
        budget[0] -= cost
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    path: YamlPath
    message: str
    #: "error" stops the scenario from loading; a "warning" (e.g. a mod's change without a
    #: reason) is printed and the scenario loads
    severity: str = "error"

    def __str__(self) -> str:
        # Escaped: the file name, the path and the message all carry text from the file, and
        # this line goes to a terminal (a newline in an id must not forge a second error).
        return terminal_safe(
            f"{self.file}:{self.line}:{self.col}: {self.severity}: "
            f"{format_path(self.path)}: {self.message}"
        )


@dataclass
class ScenarioError(Exception):
    """Raised once, after validation, carrying every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
