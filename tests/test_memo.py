"""Per-scenario caches (`game.scenario.memo.per_scenario`): one value per scenario object,
kept outside the frozen scenario, gone with it."""

from __future__ import annotations

import dataclasses
import gc
import pickle

from game.scenario.memo import per_scenario
from game.scenario.model import Scenario
from tests.builder import tiny


def test_built_once_per_scenario_object_and_kept_out_of_it():
    calls: list[str] = []

    @per_scenario
    def places(sc: Scenario) -> list[str]:
        calls.append(sc.id)
        return [p.id for p in sc.places]

    sc = tiny()
    before = dict(vars(sc))
    first = places(sc)
    assert places(sc) is first
    assert calls == [sc.id]
    assert vars(sc).keys() == before.keys()  # nothing written into the frozen scenario
    twin = dataclasses.replace(sc)
    assert places(twin) == first and places(twin) is not first
    assert len(calls) == 2
    # a pickled copy (as a worker process gets) carries no cache with it
    assert pickle.loads(pickle.dumps(sc)) == sc


def test_an_entry_goes_with_its_scenario():
    @per_scenario
    def size(sc: Scenario) -> int:
        return len(sc.places)

    twin = dataclasses.replace(tiny())
    size(twin)
    cache = size.__closure__  # the wrapper's cell holding the cache dict
    assert cache is not None
    entries = next(c.cell_contents for c in cache if isinstance(c.cell_contents, dict))
    assert len(entries) == 1
    del twin
    gc.collect()
    assert entries == {}
