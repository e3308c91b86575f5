"""Load a scenario file into a validated `Scenario`, or every problem with its line.

This is the only entry point other packages use; it never lets an exception other than
`ScenarioError` escape for bad input, so the command line and the game's mod checker can show
problems instead of tracebacks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from game.paths import scenarios_dir
from game.scenario import parse_cache
from game.scenario.errors import Problem, ScenarioError
from game.scenario.extends import Derived, derive
from game.scenario.model import Scenario
from game.scenario.orders import ORDER_TYPES, Order
from game.scenario.schema import Reader
from game.scenario.validate import validate
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml_text


def read_scenario(
    path: str | os.PathLike[str], *, use_cache: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and its warnings (usually none), or None and every problem found."""
    name = str(path)
    try:
        if os.path.getsize(name) > MAX_BYTES:
            size = os.path.getsize(name)
            return None, [
                Problem(name, 1, 1, (), f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
            ]
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, (), f"cannot read file: {exc.strerror or exc}")]
    return read_scenario_bytes(raw, name, use_cache=use_cache)


def read_scenario_bytes(
    raw: bytes, name: str, *, use_cache: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    loaded, sha, problems = _parse(raw, name, use_cache=use_cache)
    if loaded is None:
        return None, problems
    return _build(loaded, sha)


def _parse(
    raw: bytes, name: str, *, use_cache: bool = True
) -> tuple[LoadedYaml | None, str, list[Problem]]:
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
            return None, sha, [Problem(exc.file, exc.line, exc.col, exc.path, exc.message)]
        if use_cache:
            parse_cache.put(sha, loaded.data)
    return loaded, sha, []


def _load_base(path: Path) -> tuple[LoadedYaml | None, str, list[Problem]]:
    """A file `extends:` names (or the rule defaults), parsed but not yet read as a scenario."""
    name = _display(path)
    try:
        if os.path.getsize(path) > MAX_BYTES:
            size = os.path.getsize(path)
            message = f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"
            return None, "", [Problem(name, 1, 1, (), message)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, "", [Problem(name, 1, 1, (), f"cannot read file: {exc.strerror or exc}")]
    return _parse(raw, name)


def _display(path: Path) -> str:
    """A base's name in messages: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _build(loaded: LoadedYaml, sha: str) -> tuple[Scenario | None, list[Problem]]:
    derived = derive(loaded, sha, _load_base, scenarios_dir())
    notes = derived.problems
    if any(p.severity == "error" for p in notes):
        return None, _sorted(notes)
    loaded, sha = derived.loaded, derived.sha256
    rd = Reader(loaded)
    rd.unions[Order] = ("type", dict(ORDER_TYPES))
    if not isinstance(loaded.data, dict):
        rd.error((), "a scenario file must be a mapping of sections (format:, id:, meta:, ...)")
        return None, rd.problems
    sc = rd.read_dataclass(loaded.data, Scenario, ())
    if rd.problems or not isinstance(sc, Scenario):
        return None, _collapse(_sorted(_explain_removed(rd.problems, derived) + notes))
    validate(sc, rd)
    if rd.problems:
        return None, _collapse(_sorted(_explain_removed(rd.problems, derived) + notes))
    return dataclasses.replace(sc, file=loaded.file, sha256=sha), _sorted(notes)


def _explain_removed(problems: list[Problem], derived: Derived) -> list[Problem]:
    """A reference to an entry a mod removed says where it was removed."""
    if not derived.removed:
        return problems
    out = []
    for p in problems:
        for rid, (_section, file, line) in derived.removed.items():
            if f"'{rid}'" in p.message:
                why = f"removed by {file}:{line}" if line else f"dropped: outside {file}'s dates"
                p = dataclasses.replace(p, message=f"{p.message} ({why})")
                break
        out.append(p)
    return out


def _collapse(problems: list[Problem]) -> list[Problem]:
    """One message for one line: a `scale:` factor that puts ten entries out of bounds is one
    mistake at one place, reported once with how many entries it hit."""
    groups: dict[tuple[Any, ...], list[Problem]] = {}
    for p in problems:
        shape = tuple("#" if isinstance(x, int) else x for x in p.path)
        groups.setdefault((p.file, p.line, p.col, p.severity, shape), []).append(p)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) > 1:
            more = f" (and {len(same) - 1} more entries)"
            first = dataclasses.replace(first, message=first.message + more)
        out.append(first)
    return out


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = {(p.file, p.line, p.col, str(p)): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def load_scenario(path: str | os.PathLike[str], *, use_cache: bool = True) -> Scenario:
    """Load and validate; raise `ScenarioError` listing every problem."""
    sc, problems = read_scenario(path, use_cache=use_cache)
    if sc is None:
        raise ScenarioError(problems)
    return sc
