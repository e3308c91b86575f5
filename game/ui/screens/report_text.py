"""The report screen's text: a day's entries as a report a player reads, not the engine's log.

Under each phase's heading, the entries are put together the way a staff report would:
- events are listed by title (the heading already says they are events);
- the bombardment is told per target, each side's fire under its own subheading: all the
  batteries that fired on a target in one line, with the hits and casualties added up and the
  target's integrity from before the first to after the last (not a line per battery, each
  repeating "integrity 0 → 0"); a commander hit at his post follows his post's line;
- identical lines (two fighter patrols that did not meet) are given once, with a count.

No pygame here: the screen colours and draws the items; tests read them directly. The words
are the locale's (`listed.*` in report.yaml), the figures the entries' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.report import PHASES, Entry
from game.words import render
from game.words.render import fields

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
            out += _merged([Item(_listed(loc, sc, e), e.side, 2) for e in items], loc)
    return out


def _listed(loc: Any, sc: Any, e: Entry) -> str:
    """An entry as a line under its heading: the `listed.*` wording where the heading makes
    part of the sentence redundant, else the entry's own sentence."""
    key = "listed." + e.key.removeprefix("entry.")
    if loc.has(key):
        return loc.t(key, **fields(e, loc, sc))
    return render(e, loc.lang, sc)


def _bombardment(loc: Any, sc: Any, items: list[Entry]) -> list[Item]:
    """Each side's fire by target (in the order the targets were first hit), what followed
    a hit (a commander falling) under its target, then the phase's other entries."""
    groups: dict[tuple[str, str, str], list[Entry]] = {}
    after: dict[tuple[str, str, str], list[Entry]] = {}
    rest: list[Entry] = []
    last: tuple[str, str, str] | None = None
    for e in items:
        if e.kind in BY_TARGET:
            last = (e.side, e.kind, str(e.data.get("target")))
            groups.setdefault(last, []).append(e)
        elif last is not None:
            after.setdefault(last, []).append(e)
        else:
            rest.append(e)
    out: list[Item] = []
    for side in dict.fromkeys(k[0] for k in groups):
        out.append(Item(loc.t("listed.fire_by", side=loc.side(side)), side, 1))
        for key, fire in groups.items():
            if key[0] != side:
                continue
            out.append(Item(_target_line(loc, sc, fire), side, 2))
            details = [Item(_listed(loc, sc, e), e.side, 3) for e in after.get(key, [])]
            out += _merged(details, loc)
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


__all__ = ["Item", "report_items"]
