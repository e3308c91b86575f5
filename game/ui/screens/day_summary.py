"""The report's one-line summary of a day: supply, losses, what changed in the world.

Built from two of the reader's observations (the morning before the day and the morning
after it) and the entries it may read, never from the true state: the tons landed and the
losses are the public totals' growth, the stocks used only when the side sees the stocks
(`None` otherwise: the line then says they are unknown), the tension and US commitment with
their change, a halt declared or ended, and the events the reader saw. No pygame: tests read
the figures and the text directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.observe import Observation
from game.engine.report import Entry
from game.scenario.model import SIDES, Scenario
from game.ui.trends import stock_total, tons_landed

#: the losses a summary counts: (its key, the total it grows)
LOSSES = (
    ("casualties", ("casualties.{side}.military", "casualties.{side}.civilian")),
    ("ships", ("ships_lost.{side}",)),
    ("aircraft", ("aircraft_lost.{side}",)),
    ("guns", ("guns_lost.{side}",)),
)


@dataclass(frozen=True)
class DaySummary:
    """What one day changed, as the reader saw it."""

    #: tons landed on the island today (sea and air)
    landed: float
    #: tons of stocks used today (eaten, fired): landed minus the stocks' growth; None when
    #: the reader may not see the stocks
    used: float | None
    #: the stocks' change today (None: hidden)
    stock_change: float | None
    #: side -> loss key -> today's losses
    losses: dict[str, dict[str, float]]
    tension: float
    tension_change: float
    us: float
    us_change: float
    #: "declared", "ended" or None
    halt: str | None
    #: the events of the day the reader saw (ids, in the report's order)
    events: tuple[str, ...]
    #: the events the report lists as the record only (`entry.in_history`: what they tell
    #: did not happen here); counted with `events`, since the report lists both under the
    #: events' heading (the count said 3 over 4 lines)
    in_history: tuple[str, ...] = ()


def summarize(
    sc: Scenario, before: Observation, after: Observation, entries: list[Entry]
) -> DaySummary:
    """The summary of the day between `before` and `after` (one side's observations)."""
    landed = tons_landed(after) - tons_landed(before)
    a, b = stock_total(before), stock_total(after)
    change = None if a is None or b is None else b - a
    used = None if change is None else max(0.0, landed - change)
    losses = {
        side: {
            key: sum(
                after.totals.get(t.format(side=side), 0.0)
                - before.totals.get(t.format(side=side), 0.0)
                for t in totals
            )
            for key, totals in LOSSES
        }
        for side in SIDES
    }
    halt = None
    if before.halt_days == 0 and after.halt_days > 0:
        halt = "declared"
    elif before.halt_days > 0 and after.halt_days == 0:
        halt = "ended"
    events = tuple(
        str(e.data.get("id")) for e in entries if e.kind == "event" and e.key == "entry.event"
    )
    history = tuple(
        str(e.data.get("id")) for e in entries if e.kind == "event" and e.key == "entry.in_history"
    )
    return DaySummary(
        landed=landed,
        used=used,
        stock_change=change,
        losses=losses,
        tension=after.tension,
        tension_change=after.tension - before.tension,
        us=after.us_commitment,
        us_change=after.us_commitment - before.us_commitment,
        halt=halt,
        events=events,
        in_history=history,
    )


def signed(loc: Any, x: float) -> str:
    """A change as "+3" / "−2" / "±0" (rounded to whole numbers)."""
    n = round(x)
    if n == 0:
        return "±0"
    return f"+{loc.num(n)}" if n > 0 else f"−{loc.num(-n)}"


def summary_text(loc: Any, sc: Scenario, s: DaySummary) -> str:
    """The summary in a line (it wraps in a narrow panel): parts joined by " · "."""
    parts = []
    if s.used is None:
        parts.append(loc.t("summary.supply_unseen", landed=loc.num(s.landed)))
    else:
        change = s.stock_change or 0.0
        parts.append(
            loc.t(
                "summary.supply",
                landed=loc.num(s.landed),
                used=loc.num(s.used),
                change=signed(loc, change),
            )
        )
    sides = []
    for side in SIDES:
        items = [
            loc.t(f"summary.loss_{key}", n=round(n))
            for key, n in s.losses[side].items()
            if round(n) > 0
        ]
        if items:
            sides.append(loc.t("summary.side_losses", side=loc.side(side), items=loc.join(items)))
    parts.append(
        loc.t("summary.losses", losses=loc.t("summary.side_sep").join(sides))
        if sides
        else loc.t("summary.no_losses")
    )
    parts.append(
        loc.t(
            "summary.world",
            tension=loc.num(s.tension),
            dt=signed(loc, s.tension_change),
            us=loc.num(s.us),
            du=signed(loc, s.us_change),
        )
    )
    if s.halt is not None:
        parts.append(loc.t(f"summary.halt_{s.halt}"))
    if s.events or s.in_history:
        by_id = {e.id: e for e in sc.events}
        titles = [loc.text(by_id[i].title) for i in s.events if i in by_id]
        titles += [
            loc.t("summary.in_history", event=loc.text(by_id[i].title))
            for i in s.in_history
            if i in by_id
        ]
        parts.append(loc.t("summary.events", n=len(titles), titles=loc.join(titles)))
    return loc.t("summary.sep").join(parts)


__all__ = ["LOSSES", "DaySummary", "signed", "summarize", "summary_text"]
