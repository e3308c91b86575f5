"""Reading the running scenario's file again (F5 in a game), and what changed in it.

A modder edits a scenario while the game runs; a key reads the file again. The outcome is
data (`Reloaded`), no pygame: the reload screen (`game.ui.screens.reload`) shows it, and tests
read it directly. Four outcomes:

- `missing`: the game's scenario has no file to read (nor any loaded scenario with its id);
- `errors`: the file no longer validates; its problems, at FILE:LINE:COL, are shown and the
  game goes on with the version it was started with;
- `same`: the merged scenario is what the game already plays (the file was saved unchanged,
  or only its comments and layout changed);
- `changed`: it validates and differs; `changes` says where, and the player chooses between
  starting again from day 1 with the new version and going on with the old one. A game in
  progress is never changed under the player: its saves carry the scenario it was played with.

The comparison is between the merged scenarios (`embedded.scenario_tree`), so an edit of a
base the file `extends:` counts, and a comment does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.history.embedded import scenario_tree
from game.safeio import terminal_safe
from game.scenario.errors import Problem
from game.scenario.loader import read_scenario
from game.scenario.model import Scenario

#: changes listed one by one; the rest are counted
MAX_CHANGES = 12
#: characters of a text value shown in a change line
VALUE_CHARS = 40


@dataclass(frozen=True)
class Change:
    """One difference between two scenarios: where (`path`, keys and ids), and the values."""

    path: tuple[str, ...]
    #: "changed", "added" or "removed"
    kind: str
    before: Any = None
    after: Any = None

    def where(self) -> str:
        return " › ".join(terminal_safe(p) for p in self.path) or "-"


@dataclass(frozen=True)
class Reloaded:
    """What reading the scenario's file again gave (see the module's docstring)."""

    kind: str
    path: Path | None
    scenario: Scenario | None = None
    problems: tuple[Problem, ...] = ()
    changes: tuple[Change, ...] = ()
    #: changes found beyond the `MAX_CHANGES` listed
    more: int = 0
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def reread(path: Path | None, running: Scenario) -> Reloaded:
    """Read `path` again (validated with its warnings) and compare it with `running`."""
    if path is None:
        return Reloaded("missing", None)
    sc, problems = read_scenario(path, warnings=True)
    if sc is None or any(p.severity == "error" for p in problems):
        return Reloaded("errors", path, None, tuple(problems))
    warnings = tuple(problems)
    changes, total = diff(scenario_tree(running), scenario_tree(sc))
    if not total:
        return Reloaded("same", path, sc, warnings=warnings)
    return Reloaded("changed", path, sc, (), tuple(changes), total - len(changes), warnings)


def diff(
    old: Any, new: Any, path: tuple[str, ...] = (), limit: int = MAX_CHANGES
) -> tuple[list[Change], int]:
    """The first `limit` differences between two scenario trees, and how many there are.

    Lists of items with ids are matched by id (a moved item is not a change; an item added or
    removed is one change, not one per field); other lists by position. The work is one walk
    of both trees, which the loader has already bounded."""
    out: list[Change] = []
    count = 0

    def note(change: Change) -> None:
        nonlocal count
        count += 1
        if len(out) < limit:
            out.append(change)

    def walk(a: Any, b: Any, where: tuple[str, ...]) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in a:
                if key not in b:
                    note(Change((*where, str(key)), "removed", a[key]))
                else:
                    walk(a[key], b[key], (*where, str(key)))
            for key in b:
                if key not in a:
                    note(Change((*where, str(key)), "added", None, b[key]))
            return
        if isinstance(a, list) and isinstance(b, list):
            ids_a, ids_b = _by_id(a), _by_id(b)
            if ids_a is not None and ids_b is not None:
                walk(ids_a, ids_b, where)
                return
            if len(a) != len(b):
                note(Change(where, "changed", a, b))
                return
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, (*where, str(i + 1)))
            return
        if a != b or type(a) is not type(b):
            note(Change(where, "changed", a, b))

    walk(old, new, path)
    return out, count


def _by_id(items: list[Any]) -> dict[str, Any] | None:
    """A list of items that all have distinct ids, as a mapping by id; else None."""
    out: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return None
        if item["id"] in out:
            return None
        out[item["id"]] = item
    return out


def shown(value: Any) -> str:
    """A value for one change line: numbers and short texts as they are, the rest summed up."""
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, list):
        return f"[{len(value)}]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = terminal_safe(str(value))
    if len(text) > VALUE_CHARS:
        text = text[: VALUE_CHARS - 1] + "…"
    return repr(text) if isinstance(value, str) else text
