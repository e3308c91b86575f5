"""Load a scenario file into a validated `Scenario`, or every problem with its line.

This is the only entry point other packages use; it never lets an exception other than
`ScenarioError` escape for bad input, so the command line and the game's mod checker can show
problems instead of tracebacks. A scenario may `extends:` another (game/scenario/extends.py):
the bases are read through the same bounded reader and parser as the file itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from game.paths import scenarios_dir
from game.safeio import ReadRefused, read_regular
from game.scenario import parse_cache, translations
from game.scenario.errors import Problem, ScenarioError, suggestion_budget
from game.scenario.extends import Derived, derive
from game.scenario.model import FORMAT_1_ROLES, FlagRole, Roles, Scenario, Visibility
from game.scenario.orders import ORDER_TYPES, Order
from game.scenario.schema import Reader
from game.scenario.validate import validate, validate_partial
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml_text

#: problems reported for one file; the rest are counted in one more line
MAX_PROBLEMS = 100


def read_scenario(
    path: str | os.PathLike[str], *, use_cache: bool = True, warnings: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and its warnings (usually none), or None and every problem found.

    `warnings=False` (what `load_scenario` uses to play) skips the checks that can only warn:
    a warning costs the file's line marks and the map's coastline tests, and changes nothing
    about whether the scenario loads."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except ReadRefused as exc:
        return None, [Problem(name, 1, 1, (), exc.reason)]
    return read_scenario_bytes(raw, name, use_cache=use_cache, warnings=warnings)


def read_scenario_bytes(
    raw: bytes, name: str, *, use_cache: bool = True, warnings: bool = True, sources: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """`read_scenario` on bytes already read; `name` is the file named in problems. Without
    `sources`, quotes are not checked against their texts (for a copy away from its folder,
    whose source files are not beside it, already checked where they are).

    Bounded for any input: the YAML layer limits bytes, depth and nodes, "did you mean" work
    has one budget per load, and at most `MAX_PROBLEMS` problems are returned (the last one
    saying how many more there were). The parse is cached only for a file that validates.
    """
    loaded, sha, problems, cached = _parse(raw, name, use_cache=use_cache)
    if loaded is None:
        return None, problems
    with suggestion_budget():
        sc, problems, dropped = _build(loaded, sha, warnings, sources)
    if sc is not None and use_cache and not cached and len(raw) >= parse_cache.MIN_BYTES:
        parse_cache.put(sha, loaded.data)
    if sc is None:
        return None, _capped(problems, name, dropped)
    return sc, problems


def _parse(
    raw: bytes, name: str, *, use_cache: bool = True
) -> tuple[LoadedYaml | None, str, list[Problem], bool]:
    """The parsed file, its SHA-256, its syntax problems and whether it came from the cache."""
    sha = hashlib.sha256(raw).hexdigest()
    use_cache = use_cache and len(raw) >= parse_cache.MIN_BYTES
    cached = parse_cache.get(sha) if use_cache else None
    if cached is not None:
        # The bytes parsed once, so they are valid UTF-8; decoded only if marks are needed.
        return LoadedYaml(name, cached, _source=raw), sha, [], True
    try:
        loaded = load_yaml_text(raw, name)
    except YamlLoadError as exc:
        return None, sha, [Problem(exc.file, exc.line, exc.col, exc.path, exc.message)], False
    return loaded, sha, [], False


def _load_base(path: Path) -> tuple[LoadedYaml | None, str, list[Problem]]:
    """A file `extends:` names (or the rule defaults), parsed but not yet read as a scenario."""
    name = _display(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except ReadRefused as exc:
        return None, "", [Problem(name, 1, 1, (), exc.reason)]
    loaded, sha, problems, _ = _parse(raw, name)  # read from the cache, never written
    return loaded, sha, problems


def _display(path: Path) -> str:
    """A base's name in messages: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _build(
    loaded: LoadedYaml, sha: str, warnings: bool = True, sources: bool = True
) -> tuple[Scenario | None, list[Problem], int]:
    """The scenario and its warnings, or None with the problems found (sorted) and how many
    more were not kept."""
    derived = derive(loaded, sha, _load_base, scenarios_dir())
    notes = derived.problems
    merge_failed = any(p.severity == "error" for p in notes)
    # a base that could not be read leaves nothing to check the mod against; a merge with
    # errors (a misspelt id, a second change of one entry) still gives a merged tree, whose
    # other mistakes are reported in the same run (a modder's file with six mistakes shows six)
    if merge_failed and (derived.loaded is loaded or not isinstance(derived.loaded.data, dict)):
        return None, _sorted(notes), 0
    loaded, sha = derived.loaded, derived.sha256
    # warnings wait until the file has no errors (they would crowd the errors out)
    rd = Reader(loaded, warnings=warnings and not merge_failed, sources=sources)
    rd.unions[Order] = ("type", dict(ORDER_TYPES))
    if not isinstance(loaded.data, dict):
        rd.error((), "a scenario file must be a mapping of sections (format:, id:, meta:, ...)")
        return None, rd.problems, 0
    sc = rd.read_dataclass(loaded.data, Scenario, ())
    # The cross-checks run on whatever could be read, so a file's mistakes all show in one
    # run: an entry with an unreadable value is left out of the lists (and references to it
    # are not reported again); a broken top-level section leaves the entry-local checks and
    # the references into the sections that were read.
    if isinstance(sc, Scenario):
        sc = dataclasses.replace(
            sc,
            roles=sc.roles if sc.roles is not None else format_1_roles(sc),
            visibility=sc.visibility if sc.visibility is not None else Visibility(),
        )
        validate(sc, rd)
    elif rd.partial and rd.partial[-1][0] == () and isinstance(rd.partial[-1][1], Scenario):
        validate_partial(rd.partial[-1][1], rd)  # a section could not be read: the rest can
    errors = any(p.severity == "error" for p in rd.problems)
    if merge_failed or errors or not isinstance(sc, Scenario):
        found = _explain_removed(rd.problems, derived) + notes
        return None, _collapse(_sorted(found)), rd.dropped
    tr: dict[str, dict[str, str]] = {}
    if sources:  # a save's copy travels without its folder: no catalogue beside it
        files = derived.files or (loaded.file,)
        tr, more = translations.load(files, sc, warnings=warnings and not merge_failed)
        if any(p.severity == "error" for p in more):
            # warnings wait until the errors are fixed, as for the scenario itself
            return None, _sorted([p for p in more if p.severity == "error"]), 0
        notes = notes + more
    found = _collapse(_sorted(rd.problems + notes))
    return dataclasses.replace(sc, file=loaded.file, sha256=sha, translations=tr), found, 0


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


def _capped(problems: list[Problem], name: str, dropped: int = 0) -> list[Problem]:
    """The first `MAX_PROBLEMS` problems, and one line counting the rest: a file with a million
    mistakes must not print a million lines (a 2 MB file gave 989,745)."""
    if len(problems) <= MAX_PROBLEMS and not dropped:
        return problems
    more = max(0, len(problems) - MAX_PROBLEMS) + dropped
    last = problems[min(len(problems), MAX_PROBLEMS) - 1]
    note = Problem(name, last.line, last.col, (), f"{more:,} more problems not shown")
    return [*problems[:MAX_PROBLEMS], note]


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
    unique = {(p.file, p.line, p.col, str(p)): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def load_scenario(path: str | os.PathLike[str], *, use_cache: bool = True) -> Scenario:
    """Load and validate; raise `ScenarioError` listing every problem."""
    sc, problems = read_scenario(path, use_cache=use_cache, warnings=False)
    if sc is None:
        raise ScenarioError(problems)
    return sc
