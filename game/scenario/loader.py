"""Load a scenario file into a validated `Scenario`, or every problem with its line.

This is the only entry point other packages use; it never lets an exception other than
`ScenarioError` escape for bad input, so the command line and the game's mod checker can show
problems instead of tracebacks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os

from game.safeio import ReadRefused, read_regular
from game.scenario import parse_cache
from game.scenario.errors import Problem, ScenarioError, suggestion_budget
from game.scenario.model import Scenario
from game.scenario.orders import ORDER_TYPES, Order
from game.scenario.schema import Reader
from game.scenario.validate import validate
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml_text

#: problems reported for one file; the rest are counted in one more line
MAX_PROBLEMS = 100


def read_scenario(
    path: str | os.PathLike[str], *, use_cache: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and an empty list, or None and every problem found."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except ReadRefused as exc:
        return None, [Problem(name, 1, 1, (), exc.reason)]
    return read_scenario_bytes(raw, name, use_cache=use_cache)


def read_scenario_bytes(
    raw: bytes, name: str, *, use_cache: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """`read_scenario` on bytes already read; `name` is the file named in problems.

    Bounded for any input: the YAML layer limits bytes, depth and nodes, "did you mean" work
    has one budget per load, and at most `MAX_PROBLEMS` problems are returned (the last one
    saying how many more there were). The parse is cached only for a file that validates.
    """
    sha = hashlib.sha256(raw).hexdigest()
    use_cache = use_cache and len(raw) >= parse_cache.MIN_BYTES
    cached = parse_cache.get(sha) if use_cache else None
    if cached is not None:
        # The bytes parsed once, so they are valid UTF-8; decoded only if marks are needed.
        loaded = LoadedYaml(name, cached, _source=raw)
    else:
        try:
            loaded = load_yaml_text(raw, name)
        except YamlLoadError as exc:
            return None, [Problem(exc.file, exc.line, exc.col, exc.path, exc.message)]
    with suggestion_budget():
        sc, problems, dropped = _build(loaded, sha)
    if sc is not None and use_cache and cached is None:
        parse_cache.put(sha, loaded.data)
    return sc, _capped(problems, name, dropped)


def _build(loaded: LoadedYaml, sha: str) -> tuple[Scenario | None, list[Problem], int]:
    """The scenario, or None with the problems found (sorted) and how many more were not kept."""
    rd = Reader(loaded)
    rd.unions[Order] = ("type", dict(ORDER_TYPES))
    if not isinstance(loaded.data, dict):
        rd.error((), "a scenario file must be a mapping of sections (format:, id:, meta:, ...)")
        return None, rd.problems, 0
    sc = rd.read_dataclass(loaded.data, Scenario, ())
    if rd.problems or not isinstance(sc, Scenario):
        return None, _sorted(rd.problems), rd.dropped
    validate(sc, rd)
    if rd.problems:
        return None, _sorted(rd.problems), rd.dropped
    return dataclasses.replace(sc, file=loaded.file, sha256=sha), [], 0


def _capped(problems: list[Problem], name: str, dropped: int = 0) -> list[Problem]:
    """The first `MAX_PROBLEMS` problems, and one line counting the rest: a file with a million
    mistakes must not print a million lines (a 2 MB file gave 989,745)."""
    if len(problems) <= MAX_PROBLEMS and not dropped:
        return problems
    more = max(0, len(problems) - MAX_PROBLEMS) + dropped
    last = problems[min(len(problems), MAX_PROBLEMS) - 1]
    note = Problem(name, last.line, last.col, (), f"{more:,} more problems not shown")
    return [*problems[:MAX_PROBLEMS], note]


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = {(p.line, p.col, str(p)): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def load_scenario(path: str | os.PathLike[str], *, use_cache: bool = True) -> Scenario:
    """Load and validate; raise `ScenarioError` listing every problem."""
    sc, problems = read_scenario(path, use_cache=use_cache)
    if sc is None:
        raise ScenarioError(problems)
    return sc
