"""Derive a scenario from another (`extends:`) instead of copying it, and fill rule defaults.

A what-if of the 1958 scenario used to mean copying 6,000 lines and editing a hundred; a mod
now names its base and lists only what differs. The merge works on the loaded YAML trees,
before the schema reads them, so a derived scenario is checked exactly like a written-out one
and the engine never knows it was derived. The rules are in docs/scenario-format.md
("Deriving a scenario: extends"); in short:

- mappings merge key by key (recursively); a list whose entries all have an `id` (or, for
  `history`, a `date`) merges entry by entry: a partial entry for an existing id changes only
  the keys it gives, `{id: X, remove: true}` removes X, a new id is added at the end; any other
  list (effects, conditions, orders of a side on a day, `source`) is replaced whole;
- `scale:` multiplies numeric fields of the entries a `where:` selects;
- inherited entries dated outside a changed `meta.start`/`meta.end` are dropped, and so are the
  historical orders that name a removed entry (they could not be given);
- a changed value loses the base entry's `source` and that field's `assumption` (they cited
  the old value): the mod should say why (a warning when it does not);
- every rule a scenario leaves out takes its value from `scenarios/base/rules.yaml`.

Every merged node keeps where it came from (`MergedYaml`: merged path -> file and path there),
so a problem is reported at the line of the file that wrote the value, mod or base.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import typing
from pathlib import Path
from typing import Any

from game.safeio import ReadRefused, read_regular
from game.scenario import catalogue
from game.scenario.errors import Problem, YamlPath, did_you_mean
from game.scenario.merged import Derived, Loader, MergedYaml, as_merged
from game.scenario.merged import problem as _problem
from game.scenario.merged import warning as _warning
from game.scenario.model import Event, Milestone, Move
from game.scenario.scale import SCALABLE, fill_rule_defaults, scale
from game.scenario.translations import scenario_files
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml

#: keys this module consumes: the schema never sees them
OWN_KEYS = ("extends", "scale")
#: how deep `extends` may chain (a → b → c ...) before it is refused
MAX_CHAIN = 8
#: the list sections `remove: true` and the date trimming know (section -> entry class)
ENTRY_CLASSES: dict[str, type] = {
    **SCALABLE,
    "events": Event,
    "moves": Move,
    "prologue": Milestone,
    "epilogue": Milestone,
}
#: sections whose ids historical orders name: removing one drops the orders naming it
ORDER_REFS = ("artillery", "targets", "ships", "air", "moves")
#: keys never merged: a mod's value replaces the base's whole
_REPLACED = frozenset({"source", "assumption"})

_HEX = re.compile(r"^[0-9a-f]{12,64}$")


# -- the entry point ------------------------------------------------------------------------------


def derive(
    loaded: LoadedYaml,
    sha: str,
    load: Loader,
    scenarios_dir: Path,
    *,
    chain: tuple[str, ...] = (),
    top: bool = True,
) -> Derived:
    """Resolve `extends:` (recursively), apply `scale:` and the rule defaults.

    Without `extends`, `scale` or a missing rule the file's own LoadedYaml and hash come back
    untouched, so a written-out scenario (the 1958 one) loads exactly as before.
    """
    data = loaded.data
    if not isinstance(data, dict):
        return Derived(loaded, sha, [])
    problems: list[Problem] = []
    removed: dict[str, tuple[str, str, int]] = {}
    base_sha = ""
    files: tuple[str, ...] = ()
    result: LoadedYaml = loaded
    if "extends" in data:
        base = _load_base(loaded, data["extends"], load, scenarios_dir, chain, problems)
        if base is None:
            return Derived(loaded, sha, problems)
        base_sha = base.sha256
        files = (*(base.files or (base.loaded.file,)), loaded.file)
        problems += base.problems
        removed.update(base.removed)
        if any(p.severity == "error" for p in base.problems):
            return Derived(loaded, sha, problems, removed)
        m = _Merger(base.loaded, loaded, problems, removed)
        result = MergedYaml(loaded.file, m.merge_root(), m.origins)
        if top:
            _check_own_id(result, loaded, sha, scenarios_dir, problems)
    if isinstance(result.data, dict) and "scale" in result.data:
        result = as_merged(result)
        scale(typing.cast(MergedYaml, result), loaded, problems)
    rules_sha = ""
    if top and isinstance(result.data, dict):
        data = result.data
        rules = data.get("rules", {})
        if isinstance(rules, dict) and any(n not in rules for n in catalogue.RULES):
            result = as_merged(result)
            rules_sha, more = fill_rule_defaults(
                typing.cast(MergedYaml, result), load, scenarios_dir
            )
            problems += more
    if isinstance(result.data, dict) and any(k in result.data for k in OWN_KEYS):
        result = as_merged(result)
        result.data = {k: v for k, v in result.data.items() if k not in OWN_KEYS}
    if result is loaded:
        return Derived(loaded, sha, problems, removed, files)
    combined = hashlib.sha256(f"kinmen-1958-derived\n{sha}\n{base_sha}\n{rules_sha}".encode())
    return Derived(result, combined.hexdigest(), problems, removed, files)


# -- finding the base -----------------------------------------------------------------------------


def shipped_ids(scenarios_dir: Path) -> dict[str, Path]:
    """Shipped scenario id -> file: each file in `scenarios/` and `scenarios/mods/` is named
    after its id (a test keeps it so), which lets `extends: ID` find one without parsing all."""
    files = scenario_files(scenarios_dir) + scenario_files(scenarios_dir / "mods")
    return {f.stem: f for f in files}


def _load_base(
    loaded: LoadedYaml,
    spec: Any,
    load: Loader,
    scenarios_dir: Path,
    chain: tuple[str, ...],
    problems: list[Problem],
) -> Derived | None:
    here: YamlPath = ("extends",)
    name_path: YamlPath
    want_sha: str | None = None
    if isinstance(spec, dict):
        unknown = [k for k in spec if k not in ("id", "path", "sha256")]
        for k in unknown:
            hint = did_you_mean(k, ("id", "path", "sha256"))
            problems.append(_problem(loaded, (*here, k), f"unknown key '{k}'{hint}", key=True))
        if unknown:
            return None
        if ("id" in spec) == ("path" in spec):
            problems.append(_problem(loaded, here, "extends needs exactly one of 'id' or 'path'"))
            return None
        which = "id" if "id" in spec else "path"
        name = spec[which]
        name_path = (*here, which)
        if "sha256" in spec:
            want_sha = spec["sha256"]
            if not isinstance(want_sha, str) or not _HEX.match(want_sha):
                problems.append(
                    _problem(
                        loaded,
                        (*here, "sha256"),
                        "expected the base's sha256: 12 to 64 lowercase hex digits",
                    )
                )
                return None
        by_path = which == "path"
    else:
        name, name_path = spec, here
        by_path = isinstance(name, str) and ("/" in name or name.endswith((".yaml", ".yml")))
    if not isinstance(name, str) or not name.strip():
        problems.append(
            _problem(loaded, name_path, "expected a scenario id or a path inside the mod's folder")
        )
        return None
    if by_path:
        path = _inside_folder(loaded, name, name_path, problems)
        if path is None:
            return None
    else:
        ids = shipped_ids(scenarios_dir)
        if name not in ids:
            hint = did_you_mean(name, ids)
            problems.append(
                _problem(loaded, name_path, f"no shipped scenario with id '{name}'{hint}")
            )
            return None
        path = ids[name]
    key = str(path.resolve())
    own = str(Path(loaded.file).resolve())
    if key in (*chain, own):
        names = [Path(p).name for p in (*chain, own)] + [path.name]
        problems.append(_problem(loaded, name_path, "extends cycle: " + " -> ".join(names)))
        return None
    if len(chain) >= MAX_CHAIN:
        problems.append(
            _problem(loaded, name_path, f"extends chains more than {MAX_CHAIN} files deep")
        )
        return None
    base_loaded, base_sha, base_problems = load(path)
    if base_loaded is None:
        problems.extend(base_problems)
        return None
    base = derive(base_loaded, base_sha, load, scenarios_dir, chain=(*chain, own), top=False)
    if want_sha is not None and not base.sha256.startswith(want_sha):
        problems.append(
            _warning(
                loaded,
                (*here, "sha256"),
                f"the base has changed since this was written (sha256 {want_sha[:12]}..., now "
                f"{base.sha256[:12]}...): check that the changes still fit, then update sha256",
            )
        )
    return base


def _inside_folder(
    loaded: LoadedYaml, name: str, where: YamlPath, problems: list[Problem]
) -> Path | None:
    """`name` as a file in the mod's own folder, or None (and why) when it leaves it."""
    folder = Path(loaded.file).resolve().parent
    rel = Path(name)
    if rel.is_absolute() or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        problems.append(_problem(loaded, where, f"'{name}': use a path inside the mod's folder"))
        return None
    if ".." in re.split(r"[/\\]", name):
        problems.append(
            _problem(loaded, where, f"'{name}': '..' would leave the mod's folder; not allowed")
        )
        return None
    path = (folder / rel).resolve()
    if not path.is_relative_to(folder):
        problems.append(
            _problem(loaded, where, f"'{name}' is a link out of the mod's folder; not allowed")
        )
        return None
    if not path.is_file():
        problems.append(_problem(loaded, where, f"no file '{name}' in the mod's folder"))
        return None
    return path


def _same_bytes(shipped: Path, own_sha: str) -> bool:
    """Whether the file with SHA-256 `own_sha` is a byte-for-byte copy of the shipped file."""
    try:
        return hashlib.sha256(read_regular(shipped, MAX_BYTES)).hexdigest() == own_sha
    except ReadRefused:
        return False


def _check_own_id(
    merged: LoadedYaml, own: LoadedYaml, own_sha: str, scenarios_dir: Path, problems: list[Problem]
) -> None:
    """A derived scenario must not pass for a shipped one: saves tell scenarios apart by id."""
    sid = merged.data.get("id")
    ids = shipped_ids(scenarios_dir)
    if not isinstance(sid, str) or sid not in ids:
        return
    if ids[sid].resolve() == Path(own.file).resolve() or _same_bytes(ids[sid], own_sha):
        return  # the shipped file itself (or a copy of it, e.g. the source tree's)
    where = ("id",) if "id" in own.data else ("extends",)
    problems.append(
        _problem(
            own,
            where,
            f"id '{sid}' is the shipped scenario {ids[sid].name}'s; give this scenario its own id",
        )
    )


# -- merging --------------------------------------------------------------------------------------


def _natural_key(items: list[Any]) -> str | None:
    """'id' (or 'date') when every entry of a list is a mapping with one: such lists merge."""
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    for key in ("id", "date"):
        if all(key in x for x in items):
            return key
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"en", "zh"}


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class _Merger:
    def __init__(
        self,
        base: LoadedYaml,
        mod: LoadedYaml,
        problems: list[Problem],
        removed: dict[str, tuple[str, str, int]],
    ) -> None:
        self.base = base
        self.mod = mod
        self.problems = problems
        self.removed = removed
        self.origins: dict[YamlPath, tuple[LoadedYaml, YamlPath]] = {(): (mod, ())}
        self.range: tuple[dt.date, dt.date] | None = None
        self.base_range: tuple[dt.date, dt.date] | None = None

    def origin(self, out: YamlPath, src: LoadedYaml, path: YamlPath) -> None:
        self.origins[out] = (src, path)

    # The top level: sections in the base's order, then the mod's new ones; history last, so
    # that the ids every other section removed are known when its orders are filtered.
    def merge_root(self) -> dict[str, Any]:
        b, m = self.base.data, self.mod.data
        self.base_range = _range(b.get("meta"))
        self.range = _range({**_dict(b.get("meta")), **_dict(m.get("meta"))})
        out: dict[str, Any] = {}
        keys = [k for k in b if k not in OWN_KEYS] + [k for k in m if k not in b]
        keys.sort(key=lambda k: k == "history")
        for k in keys:
            if k in m and k in b and k not in OWN_KEYS:
                out[k] = self.node(b[k], (k,), m[k], (k,), (k,), section=k)
            elif k in m:
                out[k] = m[k]
                self.origin((k,), self.mod, (k,))
            else:
                out[k] = self.inherit(b[k], (k,), (k,), section=k)
        order = [k for k in b if k in out] + [k for k in m if k not in b]
        return {k: out[k] for k in order}

    def inherit(self, value: Any, bp: YamlPath, out: YamlPath, *, section: str) -> Any:
        """A base subtree the mod does not touch: kept, but trimmed to a changed date range."""
        self.origin(out, self.base, bp)
        if isinstance(value, list) and _natural_key(value) is not None:
            return self.merge_list(value, bp, [], (), out, section)
        if section == "supply" and isinstance(value, dict):
            return {
                k: self.inherit(v, (*bp, k), (*out, k), section=f"supply.{k}")
                for k, v in value.items()
            }
        if section == "victory" and isinstance(value, dict):
            return dict(value)
        return value

    def node(
        self, b: Any, bp: YamlPath, m: Any, mp: YamlPath, out: YamlPath, *, section: str = ""
    ) -> Any:
        if isinstance(b, dict) and isinstance(m, dict):
            self.origin(out, self.base, bp)
            merged = dict(b)
            for k, v in m.items():
                sub = f"{section}.{k}" if section in ("supply", "victory") else ""
                if k in b and k not in _REPLACED:
                    merged[k] = self.node(b[k], (*bp, k), v, (*mp, k), (*out, k), section=sub)
                else:
                    merged[k] = v
                    self.origin((*out, k), self.mod, (*mp, k))
            for k in b:
                if k not in m and section in ("supply", "victory"):
                    merged[k] = self.inherit(b[k], (*bp, k), (*out, k), section=f"{section}.{k}")
            if section in ("sides", "rules"):
                for k, v in m.items():
                    if k in b and isinstance(b[k], dict) and isinstance(v, dict):
                        self.annotate(b[k], merged[k], v, (*mp, k))
            elif section == "meta":
                self.annotate(b, merged, m, mp)
            return merged
        if isinstance(b, list) and isinstance(m, list) and _natural_key(b) is not None:
            return self.merge_list(b, bp, m, mp, out, section)
        self.origin(out, self.mod, mp)
        return m

    def merge_list(
        self, b: list[Any], bp: YamlPath, m: list[Any], mp: YamlPath, out: YamlPath, section: str
    ) -> list[Any]:
        nk = _natural_key(b)
        assert nk is not None
        pos = {x[nk]: j for j, x in enumerate(b)}
        changes: dict[Any, tuple[int, dict[str, Any]]] = {}
        gone: set[Any] = set()
        added: list[tuple[int, Any]] = []
        seen: dict[Any, int] = {}
        for i, e in enumerate(m):
            ep = (*mp, i)
            if not isinstance(e, dict) or nk not in e or not isinstance(e[nk], str | int):
                added.append((i, e))  # the schema says what is wrong with it
                continue
            k = e[nk]
            if k in seen:
                first = self.mod.mark((*mp, seen[k], nk)).line
                self.problems.append(
                    _problem(
                        self.mod,
                        (*ep, nk),
                        f"second entry for '{k}' (first at line {first}); give each change once",
                    )
                )
                continue
            seen[k] = i
            if "remove" in e:
                if e["remove"] is not True or set(e) - {nk, "remove"}:
                    self.problems.append(
                        _problem(
                            self.mod,
                            (*ep, "remove"),
                            f"a removal is just {{{nk}: {k}, remove: true}}",
                        )
                    )
                elif k not in pos:
                    hint = did_you_mean(str(k), [str(x) for x in pos])
                    self.problems.append(
                        _problem(self.mod, (*ep, nk), f"no entry '{k}' in the base to remove{hint}")
                    )
                else:
                    gone.add(k)
                    if nk == "id":
                        mark = self.mod.mark((*ep, nk))
                        self.removed[str(k)] = (section, self.mod.file, mark.line)
                continue
            if k in pos:
                changes[k] = (i, e)
            elif not self.misspelt(e, ep, nk, section, pos):
                added.append((i, e))
        result: list[Any] = []
        for j, x in enumerate(b):
            k = x[nk]
            if k in gone:
                continue
            if k not in changes and self.out_of_range(x, section):
                if nk == "id":
                    self.removed[str(k)] = (section, self.mod.file, 0)
                continue
            o = (*out, len(result))
            if k in changes:
                i, e = changes[k]
                merged = self.node(x, (*bp, j), e, (*mp, i), o)
                self.annotate(x, merged, e, (*mp, i))
            else:
                self.origin(o, self.base, (*bp, j))
                merged = self.clear_dates(x, section)
            if section == "history":
                merged = self.drop_orders(merged, o)
            result.append(merged)
        for i, e in added:
            self.origin((*out, len(result)), self.mod, (*mp, i))
            result.append(e)
        return result

    def misspelt(
        self, e: dict[str, Any], ep: YamlPath, nk: str, section: str, pos: dict[Any, int]
    ) -> bool:
        """A new id close to a base id and giving few of the keys a new entry needs is most
        likely a misspelt id meant to change one: reported here (True), and the entry left out
        so that its missing keys are not reported too. One giving at least half of them is a
        new entry: its missing or misspelt keys are the checker's to report, each at its line
        (a new battery with `rnage_km` is told about `range_km`, not about a base battery)."""
        cls = ENTRY_CLASSES.get(section)
        hint = did_you_mean(str(e[nk]), [str(x) for x in pos])
        if cls is None or not hint:
            return False
        required = [
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        given = sum(r in e for r in required)
        if 2 * given >= len(required):
            return False
        self.problems.append(
            _problem(
                self.mod,
                (*ep, nk),
                f"no {section} entry '{e[nk]}' in the base to "
                f"change{hint}; a new entry needs {', '.join(required)}",
            )
        )
        return True

    def annotate(
        self, b: dict[str, Any], merged: dict[str, Any], m: dict[str, Any], mp: YamlPath
    ) -> None:
        """A changed value drops the base's citation of it; the mod should give its reason."""
        changed = [
            k
            for k, v in m.items()
            if k in b and k not in _REPLACED and not _is_text(b[k]) and b[k] != merged[k]
        ]
        if not changed:
            return
        if "source" not in m:
            merged.pop("source", None)
        if "assumption" not in m:
            old = merged.get("assumption")
            if isinstance(old, dict):
                kept = {k: v for k, v in old.items() if k not in changed}
                if kept:
                    merged["assumption"] = kept
                else:
                    merged.pop("assumption", None)
            else:
                merged.pop("assumption", None)
        said = m.get("assumption")
        for k in changed:
            if isinstance(said, str) or (isinstance(said, dict) and k in said):
                continue
            self.problems.append(
                _warning(
                    self.mod,
                    (*mp, k),
                    f"changes '{k}' without saying why: give "
                    f"'assumption: {{{k}: ...}}' (the base's citation no longer applies)",
                    key=True,
                )
            )

    def out_of_range(self, x: dict[str, Any], section: str) -> bool:
        """Whether an inherited entry falls outside a changed date range (then it is dropped)."""
        if self.range is None or self.range == self.base_range:
            return False
        start, end = self.range
        if section == "epilogue":
            d = _parse_date(x.get("date"))
            return d is not None and start <= d <= end
        if section == "prologue":
            d = _parse_date(x.get("date"))
            return d is not None and d >= start
        dates: list[Any] = []
        if section in ("events", "history"):
            dates.append(x.get("date"))
            trig = x.get("trigger")
            if isinstance(trig, dict):
                dates += [trig.get("after"), trig.get("before")]
        elif section in ("moves", "artillery"):
            dates.append(x.get("available_from"))
        for value in dates:
            d = _parse_date(value)
            if d is not None and not start <= d <= end:
                return True
        return False

    def clear_dates(self, x: dict[str, Any], section: str) -> dict[str, Any]:
        """An inherited air unit keeps flying in a shorter range, without missiles it would
        only get after the end."""
        if section != "air" or self.range is None or self.range == self.base_range:
            return x
        d = _parse_date(x.get("missiles_from"))
        if d is None or self.range[0] <= d <= self.range[1]:
            return x
        return {k: v for k, v in x.items() if k != "missiles_from"}

    def drop_orders(self, day: Any, out: YamlPath) -> Any:
        """A historical day without the orders that name a removed entry."""
        orders = day.get("orders") if isinstance(day, dict) else None
        if not isinstance(orders, dict) or not self.removed:
            return day
        dead = {k for k, v in self.removed.items() if v[0] in ORDER_REFS}
        new_orders: dict[str, Any] = {}
        changed = False
        for side, items in orders.items():
            if not isinstance(items, list):
                new_orders[side] = items
                continue
            kept: list[Any] = []
            src, sp = self._source_of((*out, "orders", side))
            for j, o in enumerate(items):
                if isinstance(o, dict) and any(v in dead for v in o.values() if isinstance(v, str)):
                    changed = True
                    continue
                self.origin((*out, "orders", side, len(kept)), src, (*sp, j))
                kept.append(o)
            new_orders[side] = kept
        if not changed:
            return day
        return {**day, "orders": new_orders}

    def _source_of(self, path: YamlPath) -> tuple[LoadedYaml, YamlPath]:
        p = path
        while p not in self.origins:
            p = p[:-1]
        src, sp = self.origins[p]
        return src, sp + path[len(p) :]


def _dict(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _range(meta: Any) -> tuple[dt.date, dt.date] | None:
    meta = _dict(meta)
    start, end = _parse_date(meta.get("start")), _parse_date(meta.get("end"))
    return (start, end) if start and end else None
