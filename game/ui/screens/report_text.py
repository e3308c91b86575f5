"""The report screen's text: a day's entries as a report a player reads, not the engine's log.

Under each phase's heading, the entries are put together the way a staff report would:
- events are listed by title (the heading already says they are events);
- the bombardment is told per target, each side's fire under its own subheading: all the
  batteries that fired on a target in one line, with the hits and casualties added up and the
  target's integrity from before the first to after the last (not a line per battery, each
  repeating "integrity 0 → 0"); a commander hit at his post follows his post's line;
- what caused a loss is named under its entry (`cause.*`): the batteries whose fire hit a
  convoy's ships at the beach, the attack craft that sank ships at sea or turned a convoy
  back, each side's aircraft lost in an air battle by unit, transports shot down by patrols;
- identical lines (two fighter patrols that did not meet) are given once, with a count, each
  with its causes.

The causes are figures of the entries themselves (the engine records them with the entry), so
they tell the reader nothing the entry it may read does not: the batteries named are those
whose fire on the beach the same report tells.

No pygame here: the screen colours and draws the items; tests read them directly. The words
are the locale's (`listed.*` in report.yaml), the figures the entries' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.report import PHASES, Entry
from game.words import render
from game.words.render import IDS, fields

#: entries told per target: all of a side's fire on one target in a line
BY_TARGET = ("fire", "counter_battery")


@dataclass
class Item:
    """One line of the report: a phase heading (`depth` 0), a side's subheading (1), an
    entry (2) or a detail under an entry (3); `side` colours it (own or enemy)."""

    text: str
    side: str
    depth: int


def report_items(loc: Any, sc: Any, entries: list[Entry]) -> list[Item]:
    """The report of `entries` (those the reader may see), in phase order."""
    out: list[Item] = []
    for phase in PHASES:
        items = [e for e in entries if e.phase == phase]
        if not items:
            continue
        out.append(Item(loc.t(f"phase.{phase}"), "none", 0))
        if any(e.kind in BY_TARGET for e in items):
            out += _bombardment(loc, sc, items)
        else:
            out += _merged_with_causes(
                [(Item(_listed(loc, sc, e), e.side, 2), causes(loc, sc, e)) for e in items], loc
            )
    return out


def _names(loc: Any, sc: Any, kind: str, ids: Any) -> str:
    """Ids of one kind (`group`, `cls`, `unit`) as the scenario's names, in a list."""
    word = IDS[kind]
    return loc.join([word(sc, loc, i) for i in dict.fromkeys(ids or ())])


def causes(loc: Any, sc: Any, e: Entry) -> list[Item]:
    """The lines under entry `e` naming what caused its losses (none for other entries, or
    for an entry written before the engine recorded its causes)."""
    d = e.data
    out: list[str] = []
    by_side: list[Item] = []
    if e.kind == "convoy":
        attackers = _names(loc, sc, "cls", d.get("attackers"))
        at_sea_hit = max(0, int(d.get("damaged", 0)) - int(d.get("hit", 0)))
        if "attackers" in d and attackers:
            if d.get("sunk_at_sea"):
                out.append(loc.t("cause.sea_sunk", n=int(d["sunk_at_sea"]), attackers=attackers))
            if e.key.endswith("turned_back"):
                at_sea_hit = int(d.get("damaged", 0))
            if at_sea_hit:
                out.append(loc.t("cause.sea_hit", n=at_sea_hit, attackers=attackers))
            if e.key.endswith("turned_back") and d.get("escorts_hit"):
                out.append(loc.t("cause.turned_back", n=int(d["escorts_hit"]), attackers=attackers))
        if "fired_by" in d:
            groups = _names(loc, sc, "group", d.get("fired_by"))
            sunk = int(d.get("sunk_at_beach", 0))
            hit = int(d.get("hit", 0)) - sunk
            key = "beach_both" if sunk and hit > 0 else "beach_sunk" if sunk else "beach_hit"
            if sunk or hit > 0:
                key = key if groups else key + "_unknown"
                out.append(loc.t(f"cause.{key}", n=sunk or hit, m=hit, groups=groups))
            if d.get("amtracs_lost"):
                out.append(loc.t("cause.amtracs", n=int(d["amtracs_lost"])))
    elif e.kind == "airlift" and "enemy_patrols" in d and d.get("aircraft_lost"):
        out.append(loc.t("cause.airlift", n=int(d["aircraft_lost"])))
    elif e.kind == "air_battle" and "lost_by_unit" in d:
        for s, lost in d["lost_by_unit"].items():
            units = [
                loc.t("cause.air_unit", n=int(n), unit=IDS["unit"](sc, loc, u))
                for u, n in lost.items()
                if n
            ]
            if units:
                names = [IDS["unit"](sc, loc, u) for u, n in lost.items() if n]
                key = "cause.air_lost_named" if _says_side(loc, s, names) else "cause.air_lost"
                line = loc.t(key, side=loc.side(s), units=loc.join(units))
                by_side.append(Item(line, s, 3))
    return [Item(t, e.side, 3) for t in out] + by_side


def _says_side(loc: Any, side: str, names: list[str]) -> bool:
    """Whether every one of `names` says `side` already (the scenario's "PLA Air Force
    MiG-17 regiments"): the line then leaves the side out rather than name it twice ("PLA
    lost 1 aircraft of PLA Air Force …")."""
    word = loc.side(side)
    return bool(names) and all(word in n for n in names)


def _merged_with_causes(pairs: list[tuple[Item, list[Item]]], loc: Any) -> list[Item]:
    """Identical entries (with the same causes) once, with a count, each followed by its
    causes."""
    counts: dict[tuple[str, str, tuple[str, ...]], int] = {}
    under: dict[tuple[str, str, tuple[str, ...]], list[Item]] = {}
    for it, below in pairs:
        k = (it.text, it.side, tuple(b.text for b in below))
        counts[k] = counts.get(k, 0) + 1
        under.setdefault(k, below)
    out = []
    for k, n in counts.items():
        text = loc.t("listed.repeated", line=k[0], n=n) if n > 1 else k[0]
        out.append(Item(text, k[1], 2))
        out += under[k]
    return out


def _listed(loc: Any, sc: Any, e: Entry) -> str:
    """An entry as a line under its heading: the `listed.*` wording where the heading makes
    part of the sentence redundant, else the entry's own sentence."""
    key = "listed." + e.key.removeprefix("entry.")
    if e.key == "entry.recon":
        said = fields(e, loc, sc)
        if _says_side(loc, e.side, [said.get("unit", "")]):
            return loc.t("listed.recon_named", **said)
    if e.kind == "naval" and e.data.get("attackers"):
        extra = {
            "attackers": _names(loc, sc, "cls", e.data["attackers"]),
            "cls": IDS["cls"](sc, loc, e.data.get("target_cls")),
        }
        return loc.t(key, **{**fields(e, loc, sc), **extra})
    if loc.has(key) and e.kind != "naval":
        return loc.t(key, **fields(e, loc, sc))
    return render(e, loc.lang, sc)


def _bombardment(loc: Any, sc: Any, items: list[Entry]) -> list[Item]:
    """Each side's fire by target (in the order the targets were first hit), what followed
    a hit (a commander falling) under its target, then the phase's other entries. A side's
    opening hour of fire (and a surprise at a meal) comes first under its heading."""
    groups: dict[tuple[str, str, str], list[Entry]] = {}
    after: dict[tuple[str, str, str], list[Entry]] = {}
    rest: list[Entry] = []
    openings: dict[str, list[Entry]] = {}
    last: tuple[str, str, str] | None = None
    for e in items:
        if e.kind == "opening":
            openings.setdefault(e.side, []).append(e)
        elif e.kind in BY_TARGET:
            last = (e.side, e.kind, str(e.data.get("target")))
            groups.setdefault(last, []).append(e)
        elif last is not None:
            after.setdefault(last, []).append(e)
        else:
            rest.append(e)
    out: list[Item] = []
    for side in dict.fromkeys(k[0] for k in groups):
        out.append(Item(loc.t("listed.fire_by", side=loc.side(side)), side, 1))
        out += [Item(_listed(loc, sc, e), e.side, 2) for e in openings.pop(side, [])]
        for key, fire in groups.items():
            if key[0] != side:
                continue
            out.append(Item(_target_line(loc, sc, fire), side, 2))
            details = [Item(_listed(loc, sc, e), e.side, 3) for e in after.get(key, [])]
            out += _merged(details, loc)
    rest = [e for es in openings.values() for e in es] + rest
    return out + _merged([Item(_listed(loc, sc, e), e.side, 2) for e in rest], loc)


def _target_line(loc: Any, sc: Any, fire: list[Entry]) -> str:
    """All of one side's fire on one target today, in a line."""
    first = fields(fire[0], loc, sc)
    groups = [fields(e, loc, sc)["group"] for e in fire]
    figures = dict(first)
    figures["groups"] = loc.join(list(dict.fromkeys(groups)))
    figures["hits"] = sum(int(e.data.get("hits", 0)) for e in fire)
    if fire[0].kind == "fire":
        figures["cas"] = sum(int(fields(e, loc, sc)["cas"]) for e in fire)
        figures["after"] = fire[-1].data["after"]
        same = round(figures["before"]) == round(figures["after"])
        return loc.t("listed.target_same" if same else "listed.target", **figures)
    figures["destroyed"] = sum(int(e.data.get("destroyed", 0)) for e in fire)
    silenced = any(e.data.get("silenced") for e in fire)
    return loc.t("listed.battery_silenced" if silenced else "listed.battery", **figures)


def _merged(items: list[Item], loc: Any) -> list[Item]:
    """Identical lines once, at the first one's place, with how many there were."""
    counts: dict[tuple[str, str, int], int] = {}
    for it in items:
        k = (it.text, it.side, it.depth)
        counts[k] = counts.get(k, 0) + 1
    out = []
    for k, n in counts.items():
        text = loc.t("listed.repeated", line=k[0], n=n) if n > 1 else k[0]
        out.append(Item(text, k[1], k[2]))
    return out


__all__ = ["Item", "causes", "report_items"]
