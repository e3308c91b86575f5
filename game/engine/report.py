"""What happened in a turn, as structured entries the UI, replay and tests can read.

Each entry carries a message key (`entry.fire`) and the figures (and chance outcomes) that
decided it in `data`: ids of groups, targets, events as ids, numbers as numbers. The engine
writes no sentences; `game.words.render` turns an entry (or a refusal, a `Msg`) into English
or Chinese at the edge, so every reader (UI, replay, after-action report, CLI) says the same.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PHASES = (
    "events",
    "diplomacy",
    "reconnaissance",
    "air",
    "naval",
    "bombardment",
    "convoys",
    "propaganda",
    "supply",
    "morale",
    "victory",
)


@dataclass(frozen=True)
class Msg:
    """Something the engine tells a player, as data: a locale key (`refuse.out_of_range`) and
    its figures (ids, numbers, dates as ISO strings). Truthy, so `if why:` still reads."""

    key: str
    data: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        """A developer's form for logs and exceptions (players get `game.words.render`)."""
        args = ", ".join(f"{k}={v!r}" for k, v in self.data.items())
        return f"{self.key}({args})"


def msg(key: str, **data: Any) -> Msg:
    return Msg(key, data)


@dataclass
class Entry:
    phase: str
    side: str
    kind: str
    #: the locale key of the sentence (`entry.<kind>` or a variant of it)
    key: str
    data: dict[str, Any] = field(default_factory=dict)
    #: sides that see this entry (hidden information: a convoy's cargo is not the PLA's to know)
    visible_to: tuple[str, ...] = ("prc", "roc")


@dataclass
class Report:
    date: str
    day: int
    entries: list[Entry] = field(default_factory=list)

    def add(self, phase: str, side: str, kind: str, key: str, **data: Any) -> Entry:
        entry = Entry(phase, side, kind, key, data)
        self.entries.append(entry)
        return entry

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def visible(self, side: str) -> list[Entry]:
        return [e for e in self.entries if side in e.visible_to]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
