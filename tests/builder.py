"""Scenarios for tests: the one-island file (any number changed in memory) and the shipped one.

`shipped_scenario()` fails the calling test, never skips it, when scenarios/kinmen_1958.yaml is
missing or does not validate: a broken shipped scenario is a broken game.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from game.engine.state import State, new_game
from game.paths import default_scenario
from game.scenario.loader import load_scenario, read_scenario
from game.scenario.model import Rule, Scenario
from game.scenario.orders import Order

TINY = Path(__file__).parent / "data" / "tiny.yaml"


@cache
def tiny() -> Scenario:
    return load_scenario(TINY)


@cache
def shipped_scenario() -> Scenario:
    """The 1958 scenario the game ships; the test fails, naming the problems, if it is broken."""
    path = default_scenario()
    if not path.is_file():
        pytest.fail(f"the shipped scenario {path} is missing")
    sc, problems = read_scenario(path)
    problems = [p for p in problems if p.severity == "error"]  # warnings still load
    if sc is None or problems:
        pytest.fail(
            f"the shipped scenario does not validate ({len(problems)} problems):\n"
            + "\n".join(map(str, problems[:10]))
        )
    return sc


def variant(
    sc: Scenario | None = None, *, rules: dict[str, float] | None = None, **sections: Any
) -> Scenario:
    """A copy of `sc` (default: tiny) with rule values and whole sections replaced."""
    sc = sc or tiny()
    if rules:
        new_rules = dict(sc.rules)
        for name, value in rules.items():
            new_rules[name] = dataclasses.replace(new_rules[name], value=value)
        sections["rules"] = new_rules
    return dataclasses.replace(sc, **sections)


def replace_item(items: list, item_id: str, **changes: Any) -> list:
    """The list with the entry `item_id` changed (for artillery, targets, ships, ...)."""
    return [dataclasses.replace(x, **changes) if x.id == item_id else x for x in items]


def start(sc: Scenario | None = None, seed: int = 1, day: int = 0) -> State:
    st = new_game(sc or tiny(), seed)
    st.day = day
    return st


def run_day(
    sc: Scenario, st: State, prc: list[Order] | None = None, roc: list[Order] | None = None
):
    from game.engine.resolve import resolve

    return resolve(sc, st, {"prc": prc or [], "roc": roc or []})


__all__ = ["Rule", "replace_item", "run_day", "shipped_scenario", "start", "tiny", "variant"]
