"""Scenario problems, collected rather than raised one at a time.

Modders fix files faster when they see every problem at once, each pointing at its line, so
validation appends to a `Problems` list and only the caller decides to stop.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint for a misspelt key or id, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
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
        return (
            f"{self.file}:{self.line}:{self.col}: {self.severity}: "
            f"{format_path(self.path)}: {self.message}"
        )


@dataclass
class ScenarioError(Exception):
    """Raised once, after validation, carrying every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
