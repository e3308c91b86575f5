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

from game.scenario import parse_cache
from game.scenario.errors import Problem, ScenarioError
from game.scenario.model import (
    FORMAT_1_ROLES,
    FlagRole,
    Roles,
    Scenario,
    Visibility,
)
from game.scenario.orders import ORDER_TYPES, Order
from game.scenario.schema import Reader
from game.scenario.validate import validate
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml_text


def read_scenario(
    path: str | os.PathLike[str], *, use_cache: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and an empty list, or None and every problem found."""
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
        if use_cache:
            parse_cache.put(sha, loaded.data)
    return _build(loaded, sha)


def _build(loaded: LoadedYaml, sha: str) -> tuple[Scenario | None, list[Problem]]:
    rd = Reader(loaded)
    rd.unions[Order] = ("type", dict(ORDER_TYPES))
    if not isinstance(loaded.data, dict):
        rd.error((), "a scenario file must be a mapping of sections (format:, id:, meta:, ...)")
        return None, rd.problems
    sc = rd.read_dataclass(loaded.data, Scenario, ())
    if rd.problems or not isinstance(sc, Scenario):
        return None, _sorted(rd.problems)
    sc = dataclasses.replace(
        sc,
        roles=sc.roles if sc.roles is not None else format_1_roles(sc),
        visibility=sc.visibility if sc.visibility is not None else Visibility(),
    )
    validate(sc, rd)
    if rd.problems:
        return None, _sorted(rd.problems)
    return dataclasses.replace(sc, file=loaded.file, sha256=sha), []


def format_1_roles(sc: Scenario) -> Roles:
    """The roles a format-1 file without `roles:` means: the 1958 crisis's, limited to the
    supply kinds and flags the file declares (a gun that then lacks its ammunition source is
    reported by the validator at the gun's line)."""
    kinds = {k.id for k in sc.supply.kinds}
    flags = {f.id for f in sc.flags}
    d = FORMAT_1_ROLES
    esc, odd = d["us_escort"], d["odd_days"]
    return Roles(
        besieged=d["besieged"],
        besieger=d["besieger"],
        ammo=d["ammo"] if d["ammo"] in kinds else None,
        food=d["food"] if d["food"] in kinds else None,
        us_escort=FlagRole(**esc) if esc["flag"] in flags else None,
        odd_days=FlagRole(**odd) if odd["flag"] in flags else None,
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = {(p.line, p.col, str(p)): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def load_scenario(path: str | os.PathLike[str], *, use_cache: bool = True) -> Scenario:
    """Load and validate; raise `ScenarioError` listing every problem."""
    sc, problems = read_scenario(path, use_cache=use_cache)
    if sc is None:
        raise ScenarioError(problems)
    return sc
