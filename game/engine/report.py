"""What happened in a turn, as structured entries the UI, replay and tests can read.

Each entry carries an English sentence for logs and the figures (and chance outcomes) that
decided it in `data`, so a localised UI can rebuild the sentence and a tooltip can say why.
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


def count(n: int, one: str, many: str | None = None) -> str:
    """`n` with the noun in the right number for the English log ("1 hit", "3 hits")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass
class Entry:
    phase: str
    side: str
    kind: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    #: sides that see this entry (hidden information: a convoy's cargo is not the PLA's to know)
    visible_to: tuple[str, ...] = ("prc", "roc")


@dataclass
class Report:
    date: str
    day: int
    entries: list[Entry] = field(default_factory=list)

    def add(self, phase: str, side: str, kind: str, text: str, **data: Any) -> Entry:
        entry = Entry(phase, side, kind, text, data)
        self.entries.append(entry)
        return entry

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def visible(self, side: str) -> list[Entry]:
        return [e for e in self.entries if side in e.visible_to]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
