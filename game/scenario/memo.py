"""Values derived from a scenario, computed once per scenario object.

A loaded `Scenario` is frozen and never changes, so anything computed from it alone (the rules'
hash, distances between places, the AI's table of what each side can reach) can be kept as
long as the scenario lives. The cache is kept here, keyed by the scenario object, rather than
written into the frozen object's `__dict__`: the scenario stays plain data (what a copy, a
pickle or an equality check sees is what the file said), each cached value has one owner, and
the entry goes when the scenario is collected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from game.scenario.model import Scenario

T = TypeVar("T")


def per_scenario(build: Callable[[Scenario], T]) -> Callable[[Scenario], T]:
    """`build(sc)`, computed on the first call for each scenario object and then returned
    as is (callers must not change a returned value, except caches meant to fill up).

    Keyed by the object's identity (a scenario holds lists and dicts, so it has no hash),
    with a weak reference so that a collected scenario's entry goes with it and a later
    object given the same id never sees it. Two threads asking at once may both build the
    value; either result is the same, so no lock is taken.
    """
    cache: dict[int, tuple[weakref.ref[Scenario], T]] = {}

    @wraps(build)
    def get(sc: Scenario) -> T:
        key = id(sc)
        hit = cache.get(key)
        if hit is not None and hit[0]() is sc:
            return hit[1]
        value = build(sc)

        def drop(ref: weakref.ref[Scenario], key: int = key) -> None:
            # only this scenario's entry: a newer object may have been given the same id
            entry = cache.get(key)
            if entry is not None and entry[0] is ref:
                cache.pop(key, None)

        cache[key] = (weakref.ref(sc, drop), value)
        return value

    return get
