"""`scale:` (multiply numeric fields of selected entries) and the rule defaults of a scenario.

Both run on the merged tree after `extends` (see `extends.py` and docs/scenario-format.md):
a scaled value's marks point at the mod's factor, a defaulted rule's at the defaults file.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import typing
from pathlib import Path
from typing import Any

from game.scenario import catalogue
from game.scenario.errors import Problem, YamlPath, did_you_mean
from game.scenario.merged import Loader, MergedYaml
from game.scenario.merged import problem as _problem
from game.scenario.merged import warning as _warning
from game.scenario.model import AirUnit, ArtilleryGroup, Place, ShipClass, SupplyKind, Target
from game.scenario.yamlsafe import LoadedYaml

#: list sections whose entries can be scaled, and the class that says which fields are numbers
SCALABLE: dict[str, type] = {
    "artillery": ArtilleryGroup,
    "targets": Target,
    "ships": ShipClass,
    "air": AirUnit,
    "places": Place,
    "supply.kinds": SupplyKind,
}


# -- scale ----------------------------------------------------------------------------------------


def _numeric_kind(cls: type, name: str) -> type | None:
    """int or float for a numeric field of `cls`, else None (the hint may be `int | None`)."""
    hint = typing.get_type_hints(cls).get(name)
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    if len(args) == 1 and args[0] in (int, float):
        return typing.cast(type, args[0])
    return None


def scaled(value: int | float, factor: float, kind: type) -> int | float:
    """`value * factor`; a count is rounded half up (3 guns x 1.2 = 3.6 -> 4, x 1.1 = 3.3 -> 3),
    a measure keeps 9 decimals (so 0.3 x 1.2 is 0.36, not 0.35999999999999999)."""
    if kind is int:
        return math.floor(value * factor + 0.5)
    return round(value * factor, 9)


def _matches(value: Any, want: Any) -> bool:
    return value in want if isinstance(want, list) else value == want


def scale(merged: MergedYaml, own: LoadedYaml, problems: list[Problem]) -> None:
    spec = merged.data["scale"]
    here: YamlPath = ("scale",)
    if not isinstance(spec, dict):
        problems.append(_problem(own, here, "expected a mapping: SECTION: {where: ..., FIELD: x}"))
        return
    for section, rules in spec.items():
        sp = (*here, section)
        if section not in SCALABLE:
            hint = did_you_mean(section, SCALABLE)
            known = ", ".join(SCALABLE)
            problems.append(
                _problem(own, sp, f"cannot scale '{section}'{hint}; known: {known}", key=True)
            )
            continue
        listed = isinstance(rules, list)
        for i, rule in enumerate(rules if listed else [rules]):
            rp = (*sp, i) if listed else sp
            _scale_one(merged, own, section, rule, rp, problems)


def _scale_one(
    merged: MergedYaml,
    own: LoadedYaml,
    section: str,
    rule: Any,
    rp: YamlPath,
    problems: list[Problem],
) -> None:
    cls = SCALABLE[section]
    names = [f.name for f in dataclasses.fields(cls)]
    if not isinstance(rule, dict):
        problems.append(_problem(own, rp, "expected a mapping: {where: {...}, FIELD: factor}"))
        return
    where = rule.get("where", {})
    bad = False
    if not isinstance(where, dict):
        problems.append(_problem(own, (*rp, "where"), "expected a mapping FIELD: value"))
        return
    for k in where:
        if k not in names:
            hint = did_you_mean(k, names)
            problems.append(_problem(own, (*rp, "where", k), f"unknown key '{k}'{hint}", key=True))
            bad = True
    factors: dict[str, tuple[float, type]] = {}
    for k, f in rule.items():
        if k in ("where", "assumption"):
            continue
        kind = _numeric_kind(cls, k) if k in names else None
        if k not in names:
            hint = did_you_mean(k, [*names, "where", "assumption"])
            problems.append(_problem(own, (*rp, k), f"unknown key '{k}'{hint}", key=True))
        elif kind is None:
            problems.append(_problem(own, (*rp, k), f"'{k}' is not a number; it cannot scale"))
        elif isinstance(f, bool) or not isinstance(f, int | float) or not 0 <= f <= 1000:
            problems.append(
                _problem(own, (*rp, k), f"a factor is a number from 0 to 1000, got {f!r}")
            )
        else:
            factors[k] = (float(f), kind)
            continue
        bad = True
    if bad or not factors:
        if not bad:
            problems.append(_problem(own, rp, "name a field to scale, e.g. guns: 1.2"))
        return
    container, base_path = _section(merged.data, section)
    if container is None:
        return
    items = list(container)
    matched = 0
    for i, entry in enumerate(items):
        if not isinstance(entry, dict) or not all(
            _matches(entry.get(k), v) for k, v in where.items()
        ):
            continue
        matched += 1
        new = dict(entry)
        for k, (f, kind) in factors.items():
            v = new.get(k)
            if isinstance(v, int | float) and not isinstance(v, bool):
                new[k] = scaled(v, f, kind)
                merged.origins[(*base_path, i, k)] = (own, (*rp, k))
        new.pop("source", None)
        old = new.get("assumption")
        if isinstance(old, dict) and set(old) - set(factors):
            new["assumption"] = {a: r for a, r in old.items() if a not in factors}
        else:
            new.pop("assumption", None)
        items[i] = new
    _store_section(merged.data, section, items)
    if not matched:
        problems.append(_warning(own, (*rp, "where"), f"matches no entry of {section}"))
    if "assumption" not in rule:
        problems.append(
            _warning(own, rp, "scales values without saying why: give 'assumption: ...'", key=True)
        )


def _section(data: dict[str, Any], section: str) -> tuple[list[Any] | None, YamlPath]:
    path = tuple(section.split("."))
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return (node if isinstance(node, list) else None), path


def _store_section(data: dict[str, Any], section: str, items: list[Any]) -> None:
    path = section.split(".")
    node = data
    for part in path[:-1]:
        node[part] = dict(node[part])  # copied on the way down: the base's tree is shared
        node = node[part]
    node[path[-1]] = items


# -- rule defaults --------------------------------------------------------------------------------


def rules_file(scenarios_dir: Path) -> Path:
    return scenarios_dir / "base" / "rules.yaml"


def fill_rule_defaults(
    merged: MergedYaml, load: Loader, scenarios_dir: Path
) -> tuple[str, list[Problem]]:
    """Add every rule the scenario leaves out, from the defaults file; its sha256."""
    defaults, sha, problems = load(rules_file(scenarios_dir))
    if defaults is None:
        return "", problems
    table = defaults.data.get("rules") if isinstance(defaults.data, dict) else None
    if not isinstance(table, dict):
        return sha, [
            _problem(defaults, ("rules",), "expected 'rules:' mapping rule names to {value: ...}")
        ]
    data = merged.data
    rules = data.get("rules")
    if rules is None:
        rules = {}
        merged.origins[("rules",)] = (defaults, ("rules",))
    if not isinstance(rules, dict):
        return sha, problems
    rules = dict(rules)
    for name in catalogue.RULES:
        if name not in rules and name in table:
            rules[name] = copy.deepcopy(table[name])
            merged.origins[("rules", name)] = (defaults, ("rules", name))
    data["rules"] = rules
    return sha, problems
