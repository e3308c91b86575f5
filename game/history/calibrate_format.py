"""The calibration as a text table, as Markdown (for docs/history-replay.md), and the windows.

Columns: target, when, the records (each with its +-25% band), the engine's median and
10-90% range, the role, and the result naming the record the median holds to (or the
nearest one it misses). Inputs and not-modelled figures are listed with their reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.history.calibrate import (
    FIRST_WINDOW_BAR,
    REQUIRED_SHARE,
    TOLERANCE,
    WINDOW_BAR,
    Calibration,
    Result,
    record_band,
    tolerance_of,
    within_record,
)
from game.words.history import fmt_num

HEADER = ["Target", "When", "Records (+-25% band)", "Median", "10-90%", "Role", "Result"]


def _cell(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, float | int):
        return fmt_num(float(x))
    return str(x)


def _records(r: Result) -> str:
    t = r.target
    if t.kind != "count":
        return t.article_text() + " (exact)"
    if t.role == "not_modelled":
        return t.article_text()
    parts: list[str] = []
    for c in t.claims:
        lo, hi = record_band(c.value, tolerance_of(t))
        band = "exactly 0" if c.value == 0 else f"{fmt_num(lo)}-{fmt_num(hi)}"
        if t.exact:
            band = "exact"
        part = f"{c.tag} {fmt_num(c.value)} ({band})"
        if part not in parts:
            parts.append(part)
    return " / ".join(parts)


def _result(r: Result) -> str:
    t = r.target
    if t.role == "not_modelled":
        return "not modelled: " + t.reason
    if r.holds is None:
        return "not measured" + (f" (input: {t.reason})" if t.reason else "")
    if t.kind == "count":
        follows = " (the record it follows)" if t.follows else ""
        if r.holds and r.matched is not None:
            missed = sorted({c.tag for c in t.claims if not _within(r, c.value)})
            out = f"holds: {r.matched.tag} {fmt_num(r.matched.value)}{follows}"
            if missed:
                out += "; misses " + ", ".join(missed)
        else:
            near = r.nearest
            out = "OUTSIDE" + (f" (nearest: {near.tag} {fmt_num(near.value)})" if near else "")
    else:
        out = "holds" if r.holds else "OUTSIDE"
    if t.role == "input" and t.reason:
        out += f" [input: {t.reason}]"
    elif t.reason:
        out += f" [{t.reason}]"
    return out


def _within(r: Result, figure: float) -> bool:
    return r.median is not None and within_record(r.median, figure, tolerance_of(r.target))


def table_rows(cal: Calibration) -> list[list[str]]:
    """One row per target: name, when, records, median, 10-90%, role, result."""
    rows = []
    for r in cal.results:
        t = r.target
        if t.role == "not_modelled" or r.holds is None:
            med = rng = "-"
        else:
            med = _cell(r.median)
            if t.kind == "event":
                rng = f"{(r.share_true or 0.0) * len(r.values):.0f}/{len(r.values)} runs"
            else:
                rng = f"{_cell(r.p10)}..{_cell(r.p90)}"
        rows.append([t.en, t.when, _records(r), med, rng, t.role, _result(r)])
    return rows


def summary_lines(cal: Calibration) -> list[str]:
    s = cal.summary()
    o, i = s["outcome"], s["input"]
    unmeasured = f" ({i['not_measured']} not measured)" if i["not_measured"] else ""
    return [
        f"Outcome targets held: {o['held']} of {o['total']} ({(o['share'] or 0):.0%}; "
        f"CI bar {REQUIRED_SHARE:.0%}, issue 15's bar {FIRST_WINDOW_BAR:.0%}).",
        f"Input targets (fixed by the orders, or thresholds out of reach) held: "
        f"{i['held']} of {i['total']}{unmeasured}.",
        f"Not modelled (not targets): {s['not_modelled']}.",
    ]


def window_lines(cal: Calibration) -> list[str]:
    wins = cal.windows()
    if not wins:
        return []
    lines = [f"Outcome targets held in each window of {cal.window} seeds:"]
    for w in wins:
        lines.append(
            f"  seeds {w.first_seed}-{w.last_seed}: {w.held} of {w.total} ({w.share:.0%})"
            + (f"; misses {', '.join(w.missed)}" if w.missed else "")
        )
    worst = min(wins, key=lambda w: (w.share, w.first_seed))
    first_ok = wins[0].share >= FIRST_WINDOW_BAR
    every_ok = all(w.share >= WINDOW_BAR for w in wins)
    lines += [
        f"Worst window: seeds {worst.first_seed}-{worst.last_seed}, {worst.held} of "
        f"{worst.total} ({worst.share:.0%}).",
        f"Bar: first window >= {FIRST_WINDOW_BAR:.0%} ({'met' if first_ok else 'NOT met'}), "
        f"every window >= {WINDOW_BAR:.0%} ({'met' if every_ok else 'NOT met'}).",
    ]
    return lines


def format_text(cal: Calibration) -> str:
    rows = table_rows(cal)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADER[:-1])]
    lines = [
        f"Calibration of {cal.scenario.id} against the article: {len(cal.seeds)} runs "
        f"(seeds {cal.seeds[0]}-{cal.seeds[-1]}), historical orders on both sides.",
        f"A count holds when the median of the runs is within +-{TOLERANCE:.0%} of one "
        "record's figure (0: exactly 0; the record named, or the one the scenario says the "
        "target follows); dates and events: exact.",
        "",
        "  ".join(h.ljust(w) for h, w in zip(HEADER[:-1], widths, strict=True)) + "  Result",
    ]
    for r in rows:
        lines.append(
            "  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        )
    lines += ["", *summary_lines(cal)]
    wl = window_lines(cal)
    if wl:
        lines += ["", *wl]
    if cal.refused:  # never silent: a refused order changes what the runs measured
        lines += ["", f"Historical orders refused on their day: {len(cal.refused)}"]
        lines += [f"  {why} (in {n} of {len(cal.seeds)} runs)" for why, n in cal.refused.items()]
    return "\n".join(lines)


def format_markdown(cal: Calibration) -> str:
    """The table as Markdown (for docs/history-replay.md)."""
    rows = table_rows(cal)
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        out.append("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
    out += ["", *summary_lines(cal)]
    wl = window_lines(cal)
    if wl:
        out += ["", *(f"- {x.strip()}" if x.startswith("  ") else x for x in wl)]
    return "\n".join(out)
