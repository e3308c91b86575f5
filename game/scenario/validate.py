"""Cross-checks that need the whole scenario: ids, references, dates, variables, rules, quotes.

`schema.Reader` has already checked each value's type and bounds; what remains are the
relations between entries, which is where modders' mistakes usually are (a renamed place, a
date outside the campaign, an effect on a variable that does not exist).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.safeio import is_reserved_name
from game.scenario import catalogue, partial
from game.scenario.checks import (
    check_gameplay,
    check_provenance,
    raw_at,
)
from game.scenario.errors import YamlPath, did_you_mean
from game.scenario.model import (
    FORMAT_VERSION,
    SIDES,
    Condition,
    Effect,
    Scenario,
)
from game.scenario.orders import Convoy, Fire, NavalSortie, hour_ok
from game.scenario.schema import Assumptions, Reader, _show
from game.scenario.sources import ARTICLE_ID, docs_for

#: longest game a scenario may describe, in days (saves, replays and reports grow with it)
MAX_GAME_DAYS = 1000

_GENERIC = re.compile(r"^\s*(assumed|assumption|guess|tbd|todo|unknown|n/?a)\.?\s*$", re.I)


#: what an id may be: ids become file names (saves) and map keys, and are printed
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None: letters, digits, `_` and `-`, 1-64 of them, and
    not a name Windows reserves for a device (CON, NUL, AUX, COM1...)."""
    if not _SAFE_ID.fullmatch(value):
        return f"id {_show(value)} may hold only ASCII letters, digits, '_' and '-' (at most 64)"
    if is_reserved_name(value):
        return f"id '{value}' is a name Windows reserves for a device; choose another"
    return None


def validate(sc: Scenario, rd: Reader) -> None:
    """Append every cross-reference problem of `sc` to `rd.problems`."""
    path_of = rd.paths

    def at(obj: Any, *rest: str | int) -> YamlPath:
        return (*path_of.get(id(obj), ()), *rest)

    if sc.format > FORMAT_VERSION:
        rd.error(
            ("format",),
            f"format {sc.format} is newer than this game reads ({FORMAT_VERSION}); update the game",
        )
    for side in SIDES:
        if side not in sc.sides and side not in rd.unreadable:
            rd.error(("sides",), f"missing side '{side}'")

    # -- ids --------------------------------------------------------------------------------
    tables: dict[str, dict[str, Any]] = {}
    # entries read in part: their ids are checked too, but never enter a table
    partial_ids = partial.by_section(rd) if rd.partial else {}

    def index(name: str, items: Iterable[Any], section: str) -> None:
        table: dict[str, Any] = {}
        seen: dict[str, Any] = {}  # the table and the partial entries with ids
        folded: dict[str, Any] = {}
        parts = partial_ids.get(section)
        if parts:  # in file order, so "first at line" names the first
            merged = [(rd.paths.get(id(x), (0,))[-1], x, at(x)) for x in items] + parts
            merged.sort(key=lambda m: m[0] if isinstance(m[0], int) else 0)
            listed = [(x, p) for _i, x, p in merged]
            whole = {id(x) for x in items}
        else:
            listed = [(x, at(x)) for x in items]
            whole = None
        for item, path in listed:
            if item.id in seen:
                first = rd.loaded.mark(seen[item.id][1])
                rd.error((*path, "id"), f"duplicate id '{item.id}' (first at line {first.line})")
                continue
            bad = id_problem(item.id)
            if bad:
                rd.error((*path, "id"), bad)
            elif item.id.casefold() in folded:
                other, other_at = folded[item.id.casefold()]
                first = rd.loaded.mark(other_at)
                rd.error(
                    (*path, "id"),
                    f"id '{item.id}' differs from '{other.id}' (line {first.line}) only in case",
                )
            folded.setdefault(item.id.casefold(), (item, path))
            seen[item.id] = (item, path)
            if whole is None or id(item) in whole:
                table[item.id] = item
        tables[name] = table

    bad_id = id_problem(sc.id)
    if bad_id:
        rd.error(("id",), bad_id)

    index("places", sc.places, "places")
    index("artillery", sc.artillery, "artillery")
    index("targets", sc.targets, "targets")
    index("commanders", sc.commanders, "commanders")
    index("ships", sc.ships, "ships")
    index("air", sc.air, "air")
    index("supply_kinds", sc.supply.kinds, "supply.kinds")
    index("lanes", sc.supply.lanes, "supply.lanes")
    index("flags", sc.flags, "flags")
    index("events", sc.events, "events")
    index("moves", sc.moves, "moves")
    index("endings", sc.victory.endings, "victory.endings")
    index("prologue", sc.prologue, "prologue")
    index("epilogue", sc.epilogue, "epilogue")
    index("sources", sc.sources, "sources")
    tables["sources"].setdefault(ARTICLE_ID, None)
    index("campaign_claims", sc.campaign_claims, "campaign_claims")
    index("calibration_checks", sc.calibration.checks, "calibration.checks")
    index("calibration_windows", sc.calibration.windows, "calibration.windows")
    index("calibration_not_modelled", sc.calibration.not_modelled, "calibration.not_modelled")
    index("calibration_inputs", sc.calibration.inputs, "calibration.inputs")
    index("calibration_follows", sc.calibration.follows, "calibration.follows")
    index("historian_check", sc.historian_check, "historian_check")
    index("map_regions", sc.map.regions, "map.regions")
    index("map_decorations", sc.map.decorations, "map.decorations")
    for gid in tables["artillery"]:
        if gid in tables["targets"]:
            g = tables["artillery"][gid]
            rd.error(at(g, "id"), f"id '{gid}' is also a target id; fire orders need them apart")

    unreadable = rd.unreadable
    for ref in rd.refs:
        table = tables.get(ref.table, {})
        if ref.value not in table and ref.value not in unreadable:
            hint = did_you_mean(ref.value, table)
            rd.error(
                ref.path, f"no {ref.table.replace('_', ' ')} entry with id '{ref.value}'{hint}"
            )

    # -- roles and visibility -------------------------------------------------------------------
    roles = sc.cast
    if roles.besieged == roles.besieger:
        rd.error(at(roles, "besieger"), f"'{roles.besieger}' cannot besiege itself")
    for g in sc.artillery:
        if g.ammo is not None:
            continue
        if g.side != roles.besieged:
            rd.error(
                at(g, "ammo"),
                f"{g.side}'s guns have no ammunition source: only the besieged side "
                f"('{roles.besieged}') holds supply stocks; give the group its own dump (ammo: N)",
            )
        elif roles.ammo is None:
            rd.error(
                at(g, "ammo"),
                "the group draws on its side's ammunition supply, but no supply kind is named "
                "for it (roles: ammo: KIND, and a supply kind 'ammo' for a file without roles:)",
            )
    for name in (
        "ships",
        "aircraft",
        "supply",
        "morale",
        "fire_control",
        "integrity",
        "commanders",
    ):
        if getattr(sc.sight, name) == "sighted":
            rd.error(
                at(sc.sight, name),
                "only artillery groups can be sighted; use public or hidden",
            )

    # -- dates --------------------------------------------------------------------------------
    start, end = sc.meta.start, sc.meta.end
    if end < start:
        rd.error(("meta", "end"), f"end {end} is before start {start}")
    elif (end - start).days + 1 > MAX_GAME_DAYS:
        rd.error(
            ("meta", "end"),
            f"the game would last {(end - start).days + 1:,} days; the limit is {MAX_GAME_DAYS:,}",
        )

    def in_range(day: Any, path: YamlPath) -> None:
        if end < start:
            return  # already reported; every date would look out of range
        if day is not None and not (start <= day <= end):
            rd.error(path, f"date {day} is outside the scenario's range {start} to {end}")

    for g in sc.artillery:
        in_range(g.available_from, at(g, "available_from"))
    for a in sc.air:
        in_range(a.missiles_from, at(a, "missiles_from"))
    for m in sc.moves:
        in_range(m.available_from, at(m, "available_from"))
    for e in sc.events:
        in_range(e.date, at(e, "date"))
        if (e.date is None) == (e.trigger is None):
            rd.error(at(e), "an event needs exactly one of 'date' or 'trigger'")
        if e.trigger is not None:
            in_range(e.trigger.after, at(e.trigger, "after"))
            in_range(e.trigger.before, at(e.trigger, "before"))
            trig = e.trigger
            if trig.after is not None and trig.before is not None and trig.before < trig.after:
                rd.error(
                    at(trig, "before"),
                    f"before {trig.before} is earlier than after {trig.after}: "
                    "the event could never fire",
                )
    for when, path in partial.dates(rd):
        in_range(when, path)
    for path, e in partial.events(rd):
        if (e.date is None) == (e.trigger is None):
            rd.error(path, "an event needs exactly one of 'date' or 'trigger'")
    for ms in sc.prologue:
        if ms.date >= start:
            rd.error(at(ms, "date"), f"prologue date {ms.date} is not before the playable range")
    for ms in sc.epilogue:
        if start <= ms.date <= end:
            rd.error(at(ms, "date"), f"epilogue date {ms.date} is inside the playable range")
    seen_days: dict[Any, Any] = {}
    named = {n.id: cls for cls in sc.ships for n in cls.named_ships}
    for day in sc.history:
        in_range(day.date, at(day, "date"))
        for o in day.outcomes:
            _check_outcome(rd, o, named, at)
        if day.date in seen_days:
            first = rd.loaded.mark(at(seen_days[day.date]))
            rd.error(at(day, "date"), f"second entry for {day.date} (first at line {first.line})")
        seen_days[day.date] = day

    # -- variables, conditions and effects ----------------------------------------------------
    known_vars = catalogue.variable_names(
        list(tables["supply_kinds"]),
        list(tables["flags"]),
        list(tables["targets"]),
        list(tables["artillery"]),
        list(tables["commanders"]),
    )
    var_set = set(known_vars)

    def unread(name: str) -> bool:
        """The variable names an entry that was left out (its problem is reported)."""
        return any(part in rd.unreadable for part in name.split("."))

    def check_condition(c: Condition) -> None:
        if c.var not in var_set and not unread(c.var):
            rd.error(at(c, "var"), f"unknown variable '{c.var}'{did_you_mean(c.var, known_vars)}")

    def check_effect(e: Effect) -> None:
        if (e.set is None) == (e.add is None):
            rd.error(at(e), "an effect needs exactly one of 'set' or 'add'")
            return
        name = e.set if e.set is not None else e.add
        assert name is not None
        key = "set" if e.set is not None else "add"
        if name not in var_set:
            if unread(name):
                return
            rd.error(at(e, key), f"unknown variable '{name}'{did_you_mean(name, known_vars)}")
        elif not catalogue.settable(name):
            rd.error(at(e, key), f"'{name}' is a running total; effects cannot change it")
        elif e.add is not None and isinstance(e.value, bool):
            rd.error(at(e, "value"), "'add' needs a number, not true/false")
        elif isinstance(e.value, bool) and not name.startswith("flag."):
            rd.error(at(e, "value"), f"'{name}' is a number; true/false only suits flags")

    def check_outcome(c: Condition) -> None:
        """An event's `happened` condition: a variable, or "today." and a number's name."""
        name = c.var.removeprefix("today.")
        if name.startswith("flag.") and name != c.var:
            rd.error(at(c, "var"), f"'{name}' is true or false; it has no change today")
        elif name not in var_set and not unread(name):
            rd.error(at(c, "var"), f"unknown variable '{c.var}'{did_you_mean(name, known_vars)}")

    for e in sc.events:
        for eff in e.effects:
            check_effect(eff)
        for c in e.happened:
            check_outcome(c)
        if e.trigger:
            for c in e.trigger.when:
                check_condition(c)
    for m in sc.moves:
        for c in m.requires:
            check_condition(c)
        for eff in m.effects:
            check_effect(eff)
    # the conditions and effects read inside entries that could not be read in full
    part_conditions, part_effects, part_outcomes = partial.logic(rd)
    for c in part_conditions:
        check_condition(c)
    for eff in part_effects:
        check_effect(eff)
    for c in part_outcomes:
        check_outcome(c)
    for end_ in sc.victory.endings:
        for c in end_.when:
            check_condition(c)
        if not end_.when and not end_.at_end:
            rd.error(
                at(end_),
                "an ending with no conditions would end the game on the first day; "
                "give it 'when:' or 'at_end: true'",
            )
    for item in sc.victory.score:
        if item.var not in var_set and not unread(item.var):
            rd.error(
                at(item, "var"),
                f"unknown variable '{item.var}'{did_you_mean(item.var, known_vars)}",
            )
    state_keys = catalogue.INITIAL_STATE
    for key in sc.state:
        if key not in state_keys:
            rd.error(
                ("state", key),
                f"unknown state key '{key}'{did_you_mean(key, state_keys)}",
                at_key=True,
            )
    for key, bounds in state_keys.items():
        if key in rd.unreadable:
            continue
        if key not in sc.state:
            rd.error(("state",), f"missing required key '{key}'")
        elif not bounds.min <= sc.state[key] <= bounds.max:
            rd.error(
                ("state", key),
                f"must be between {bounds.min:g} and {bounds.max:g}, got {sc.state[key]}",
            )

    # -- rules ---------------------------------------------------------------------------------
    for name, rule in sc.rules.items():
        spec_ = catalogue.RULES.get(name)
        if spec_ is None:
            rd.error(
                ("rules", name),
                f"unknown rule '{name}'{did_you_mean(name, catalogue.RULES)}",
                at_key=True,
            )
        elif not spec_.min <= rule.value <= spec_.max:
            rd.error(
                ("rules", name, "value"),
                f"must be between {spec_.min:g} and {spec_.max:g}, got {rule.value:g}",
            )
    missing = [n for n in catalogue.RULES if n not in sc.rules and n not in rd.unreadable]
    if missing:
        rd.error(("rules",), "missing rules: " + ", ".join(missing))

    # -- sides of things -------------------------------------------------------------------------
    for lane in sc.supply.lanes:
        for i, b in enumerate(lane.beaches):
            t = tables["targets"].get(b)
            if t is not None and t.kind not in ("pier", "beach"):
                rd.error(at(lane, "beaches", i), f"'{b}' is a {t.kind}, not a pier or beach")
    for cmd in sc.commanders:
        post = tables["targets"].get(cmd.post)
        if post is not None and post.side != cmd.side:
            rd.error(
                at(cmd, "post"), f"commander of side {cmd.side} placed at a {post.side} target"
            )
    for day in sc.history:
        for side, orders in day.orders.items():
            base = at(day, "orders", side)
            for i, order in enumerate(orders):
                _check_history_order(rd, tables, side, order, base, i)

    check_gameplay(sc, rd, tables, part_conditions)
    _check_annotations(sc, rd)
    if rd.sources:
        _check_sources(sc, rd)
    # a number without a reason matters once the file loads: before that, up to a hundred of
    # these warnings would crowd the errors out of the capped list
    if rd.warnings and not any(p.severity == "error" for p in rd.problems):
        check_provenance(rd, _annotated(sc, rd))


def _check_history_order(
    rd: Reader,
    tables: dict[str, dict[str, Any]],
    side: str,
    order: Any,
    base: YamlPath,
    i: int,
) -> None:
    """Check the order at `(*base, i)`; the path is only built for a problem (~1,500 orders)."""
    if isinstance(order, Fire):
        _owner(rd, tables, side, "artillery", order.group, base, i, "group")
        tgt = tables["targets"].get(order.target) or tables["artillery"].get(order.target)
        if tgt is None and order.target not in rd.unreadable:
            choices = list(tables["targets"]) + list(tables["artillery"])
            rd.error(
                (*base, i, "target"),
                f"no target or artillery group '{order.target}'"
                + did_you_mean(order.target, choices),
            )
        elif tgt is not None and tgt.side == side:
            rd.error((*base, i, "target"), f"'{order.target}' is {side}'s own; fire at the enemy")
        if not hour_ok(order.hour):
            rd.error((*base, i, "hour"), f"must be a whole or half hour, got {order.hour:g}")
    elif isinstance(order, Convoy):
        _owner(rd, tables, side, "ships", order.ship_class, base, i, "ship_class")
        cls = tables["ships"].get(order.ship_class)
        if cls is not None and cls.role != "transport":
            rd.error(
                (*base, i, "ship_class"), f"'{order.ship_class}' is a {cls.role}, not a transport"
            )
        if order.escort_class:
            _owner(rd, tables, side, "ships", order.escort_class, base, i, "escort_class")
        t = tables["targets"].get(order.beach)
        if t is not None and t.kind not in ("pier", "beach"):
            rd.error((*base, i, "beach"), f"'{order.beach}' is a {t.kind}, not a pier or beach")
    elif isinstance(order, NavalSortie):
        _owner(rd, tables, side, "ships", order.ship_class, base, i, "ship_class")
    else:
        for field in ("air_unit", "move"):
            key = getattr(order, field, None)
            if key is not None:
                table = "air" if field == "air_unit" else "moves"
                _owner(rd, tables, side, table, key, base, i, field)


def _owner(
    rd: Reader,
    tables: dict[str, dict[str, Any]],
    side: str,
    table: str,
    key: str,
    base: YamlPath,
    i: int,
    field: str,
) -> None:
    """The entry `key` of `table`, if it exists, must belong to the ordering side."""
    obj = tables[table].get(key)
    if obj is not None and obj.side != side:
        rd.error((*base, i, field), f"'{key}' belongs to {obj.side}, not {side}")


def _check_annotations(sc: Scenario, rd: Reader) -> None:
    """Assumptions must give a specific reason, never a placeholder or a copy of another."""
    seen: dict[str, YamlPath] = {}
    for obj, path in _annotated(sc, rd) + partial.annotated(rd):
        assumption: Assumptions | None = partial.read(obj, "assumption")
        if not assumption:
            continue
        for key, reason in assumption.items():
            p = (*path, "assumption", key) if key else (*path, "assumption")
            if _GENERIC.match(reason):
                rd.error(p, "an assumption must give its specific reason, not a placeholder")
            elif len(reason.strip()) < 12:
                rd.error(
                    p,
                    f"an assumption must give its specific reason in at least 12 characters "
                    f"(this one has {len(reason.strip())})",
                )
            norm = " ".join(reason.split()).lower()
            if norm in seen:
                first = rd.loaded.mark(seen[norm])
                rd.error(
                    p, f"same assumption text as line {first.line}; give this entry its own reason"
                )
            else:
                seen[norm] = p


def _annotated(sc: Scenario, rd: Reader) -> list[tuple[Any, YamlPath]]:
    """The entries whose quotes and reasons are checked, with their paths (of a scenario read
    in part: those of the sections that were read)."""
    objs: list[Any] = []
    for names in partial.ANNOTATED_AT:
        objs += partial.section(sc, rd, names) or []
    for day in partial.section(sc, rd, ("history",)) or []:
        objs += day.claims
    return [(obj, rd.paths.get(id(obj), ())) for obj in objs]


def validate_partial(sc: Scenario, rd: Reader) -> None:
    """The checks that still make sense when a whole section could not be read (a bad
    `meta: start:`, an unknown key in `roles:`): the scenario is not built, but the entries of
    the other sections are checked for what they say on their own (quotes, reasons) and for
    references into sections that were read, so the file's other mistakes come in this run."""
    for ref in rd.refs:
        entries = partial.section(sc, rd, partial.TABLES.get(ref.table, ("?",)))
        if entries is None:
            continue  # the section was not read: its ids are unknown, not missing
        ids = {x.id for x in entries}
        if ref.table == "sources":
            ids.add(ARTICLE_ID)
        if ref.value not in ids and ref.value not in rd.unreadable:
            hint = did_you_mean(ref.value, sorted(ids))
            rd.error(
                ref.path, f"no {ref.table.replace('_', ' ')} entry with id '{ref.value}'{hint}"
            )
    _check_annotations(sc, rd)
    if rd.sources:
        _check_sources(sc, rd)


def _check_sources(sc: Scenario, rd: Reader) -> None:
    """Every source file must be readable inside the scenario's folder; every quote must be in
    the text it names (`from:`, default the bundled article), within one sentence, >= 10
    characters, and a footnote it gives must be one of that text's."""
    found, broken = docs_for(partial.read(sc, "sources") or [], Path(rd.loaded.file).parent)
    for i, why in broken.items():
        rd.error(("sources", i, "file"), why)
    annotated = _annotated(sc, rd) + partial.annotated(rd)
    for obj, path in annotated:
        sources = partial.read(obj, "source") or ()
        if not sources:
            continue  # most entries cite nothing: no need to look at how they were written
        as_list = isinstance(raw_at(rd.loaded.data, (*path, "source")), list)
        for i, src in enumerate(sources):
            p = (*path, "source", i) if as_list else (*path, "source")
            p = rd.paths.get(id(src), p)  # its own index, when an unreadable one was left out
            doc = found.get(src.origin or ARTICLE_ID)
            if doc is None:
                continue  # an unknown or unreadable source is reported once, above
            problem = doc.problem(src.quote, src.footnote)
            if problem is not None:
                rd.error((*p, "footnote" if "footnote" in problem else "quote"), problem)
    # a quote left out of its entry's list (a key missing, a value unreadable) whose text was
    # read: checked all the same, if its entry is one whose quotes are checked
    entries = {path for _obj, path in annotated}
    for p, src in partial.sources(rd):
        if p[:-1] not in entries and p[:-2] not in entries:
            continue
        doc = found.get(src.origin or ARTICLE_ID)
        footnote = src.footnote if isinstance(src.footnote, int) else None
        problem = doc.problem(src.quote, footnote) if doc is not None else None
        if problem is not None:
            rd.error((*p, "footnote" if "footnote" in problem else "quote"), problem)


#: the fates an outcome may give an officer and a ship
_OFFICER_FATES = ("ok", "wounded", "killed")
_SHIP_FATES = ("afloat", "damaged", "sunk", "turned_back")


def _check_outcome(rd: Any, o: Any, named: dict[str, Any], at: Any) -> None:
    """A recorded outcome speaks of exactly one thing: a total (with its value), an officer or
    a named ship (with a fate that fits it)."""
    subjects = [k for k in ("total", "commander", "ship") if getattr(o, k) is not None]
    if len(subjects) != 1:
        rd.error(at(o), "an outcome gives exactly one of total, commander or ship")
        return
    kind = subjects[0]
    if kind == "total":
        if o.total not in catalogue.TOTALS:
            rd.error(at(o, "total"), f"unknown total '{o.total}'")
        if o.value is None:
            rd.error(at(o), "an outcome with a total gives its value")
    elif kind == "commander" and o.fate not in _OFFICER_FATES:
        rd.error(at(o, "fate"), f"an officer's fate is one of {', '.join(_OFFICER_FATES)}")
    elif kind == "ship":
        if o.ship not in named:
            rd.error(at(o, "ship"), f"unknown named ship '{o.ship}'")
        if o.fate not in _SHIP_FATES:
            rd.error(at(o, "fate"), f"a ship's fate is one of {', '.join(_SHIP_FATES)}")
