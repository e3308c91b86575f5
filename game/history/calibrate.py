"""`calibrate`: does the engine, fed the historical orders, give the figures the article gives?

The historical record is replayed under N seeds (`HistoryPlayer` on both sides, the same
`resolve` as play). Every figure the article gives for 1958 becomes a target:

- the scenario's day claims (`history[].claims`), through its `figures:` (claim figure name
  -> engine measurement of that day; `calibration.windows` joins the days of one incident,
  `calibration.not_modelled` sets a day's claim aside);
- campaign totals: the scenario's `campaign_claims` and its `victory.score` items;
- dates and whether events happened: `calibration.checks`, each a generic test as data
  (`RUN_TESTS`: the first day a figure is above zero, no fire between two dates, fire on odd
  days only, the ending reached). For 1958: the 8-inch guns' first fire, the silence of 6-19
  October, the 20 October resumption, odd days only from 25 October, Kinmen holding.

Fixed rules (`count_band`, `date_holds`, `event_holds`):

- where the records disagree the target is the range their figures span;
- counts and tonnages hold within +-25% of the range's ends (`TOLERANCE`);
- dates and whether an event happened are exact;
- a target holds when the engine's median over the runs is within tolerance;
- a figure the engine does not model is listed as "not modelled" with the reason and is not a
  target; a figure fixed by the orders alone (rounds fired = rounds ordered) is an "input"
  target, counted apart from the outcome targets.

Nothing here sets a figure: the targets only read what `resolve` produced. The command line
(`game/cli/calibrate.py`) parses the arguments and prints `format_text`, `format_markdown` or
the JSON of `Calibration.to_dict`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from game.history.citations import Cited, article_day, campaign_claims, figure_map, quote_of
from game.history.days import DayRun, history_days
from game.history.measures import MEASURES
from game.scenario.model import DatedCheck, Scenario
from game.words import render
from game.words.history import fmt_num, record_label, side_name

#: relative tolerance for counts and tonnages, applied to the ends of the records' range
TOLERANCE = 0.25
#: share of outcome targets that must hold (the CI test and `--require` default)
REQUIRED_SHARE = 0.8
DEFAULT_RUNS = 20
#: the most seeds one calibration replays (each run is a whole historical game, ~0.1 s)
MAX_RUNS = 10_000

Kind = Literal["count", "date", "event"]
TargetRole = Literal["input", "outcome", "not_modelled"]


# ------------------------------------------------------------------------------------------
# The tolerance rules (pure functions)
# ------------------------------------------------------------------------------------------


def count_band(values: Sequence[float], tolerance: float = TOLERANCE) -> tuple[float, float]:
    """The range the records' values span, widened by `tolerance` at both ends."""
    if not values:
        raise ValueError("a target needs at least one value")
    lo, hi = min(values), max(values)
    return lo * (1.0 - tolerance), hi * (1.0 + tolerance)


def count_holds(value: float, values: Sequence[float], tolerance: float = TOLERANCE) -> bool:
    lo, hi = count_band(values, tolerance)
    return lo - 1e-9 <= value <= hi + 1e-9


def date_holds(value: dt.date | None, expected: dt.date | None) -> bool:
    """Dates are exact: the engine's date equals the article's (None: did not happen)."""
    return value == expected


def event_holds(value: bool, expected: bool) -> bool:
    return bool(value) == bool(expected)


def summarise(values: Sequence[float]) -> tuple[float, float, float]:
    """Median, 10th and 90th percentile (inclusive method) of the runs' values."""
    if not values:
        raise ValueError("no runs")
    vals = sorted(float(v) for v in values)
    med = statistics.median(vals)
    if len(vals) < 2:
        return med, vals[0], vals[0]
    cuts = statistics.quantiles(vals, n=10, method="inclusive")
    return med, cuts[0], cuts[-1]


def median_date(values: Sequence[dt.date | None]) -> dt.date | None:
    """The median date (the lower one of an even count); a run where it never happened is
    later than every date."""
    far = dt.date.max.toordinal()
    ords = sorted(v.toordinal() if v else far for v in values)
    mid = ords[(len(ords) - 1) // 2]
    return None if mid == far else dt.date.fromordinal(mid)


# ------------------------------------------------------------------------------------------
# Targets
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetClaim:
    side: str
    value: float
    quote: str
    sentence: str
    en: str
    date: dt.date | None = None
    #: "narrative A" / "narrative B": tells apart two figures of one record
    variant: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "label": record_label(self.side, variant=self.variant or None),
            "value": self.value,
            "quote": self.quote,
            "sentence": self.sentence,
            "en": self.en,
            **({"date": self.date.isoformat()} if self.date else {}),
        }


RunCheck = Callable[[Scenario, list[DayRun]], Any]


def _daily(sc: Scenario, days: list[DayRun], figure: str) -> dict[dt.date, float]:
    return {d.date: d.figures(sc).get(figure, 0.0) for d in days}


def _first_day(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> dt.date | None:
    """The first day on or after `from` with the figure above zero (None: never)."""
    fire = _daily(sc, days, check.figure or "")
    start = check.start or dt.date.min
    return next((d for d in sorted(fire) if d >= start and fire[d] > 0), None)


def _none_between(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """Every day from `from` to `to` was played and the figure is zero on each."""
    fire = _daily(sc, days, check.figure or "")
    start = check.start or sc.meta.start
    end = check.end or sc.meta.end
    window = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    return all(d in fire for d in window) and all(fire[d] == 0 for d in window)


def _odd_days_only(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """Some day from `from` (to `to`) was played and the figure is zero on its even dates."""
    fire = _daily(sc, days, check.figure or "")
    start, end = check.start or dt.date.min, check.end or dt.date.max
    late = [d for d in fire if start <= d <= end]
    return bool(late) and all(fire[d] == 0 for d in late if d.day % 2 == 0)


def _ending(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """The game reached the scenario's last day with one of the endings named."""
    if not days:
        return False
    last = days[-1]
    return last.after.ending in check.endings and last.date == sc.meta.end


#: each `calibration.checks` test: how one run is measured, and whether its target is a date
RUN_TESTS: dict[str, tuple[Callable[[Scenario, DatedCheck, list[DayRun]], Any], Kind]] = {
    "first_day": (_first_day, "date"),
    "none_between": (_none_between, "event"),
    "odd_days_only": (_odd_days_only, "event"),
    "ending": (_ending, "event"),
}


def _run_check(check: DatedCheck) -> RunCheck:
    test = RUN_TESTS[check.test][0]
    return lambda sc, days: test(sc, check, days)


@dataclass
class Target:
    id: str
    kind: Kind
    measure: str
    en: str
    zh: str
    role: TargetRole
    start: dt.date | None = None
    end: dt.date | None = None
    claims: list[TargetClaim] = field(default_factory=list)
    expected: dt.date | bool | None = None
    reason: str = ""
    note: str = ""
    check: RunCheck | None = None

    @property
    def values(self) -> list[float]:
        return [c.value for c in self.claims]

    @property
    def when(self) -> str:
        if self.kind != "count":
            return "-"
        if self.start is None or self.end is None:
            return "campaign"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def band(self, tolerance: float = TOLERANCE) -> tuple[float, float] | None:
        if self.kind != "count" or not self.claims:
            return None
        return count_band(self.values, tolerance)

    def measure_run(self, sc: Scenario, days: list[DayRun]) -> Any:
        if self.check is not None:
            return self.check(sc, days)
        return sum(
            d.figures(sc).get(self.measure, 0.0)
            for d in days
            if (self.start is None or d.date >= self.start)
            and (self.end is None or d.date <= self.end)
        )

    def article_text(self) -> str:
        if self.kind == "date":
            return str(self.expected)
        if self.kind == "event":
            return "yes" if self.expected else "no"
        parts: list[str] = []
        for c in self.claims:
            tag = {"prc": "PRC", "roc": "ROC", "neutral": "neutral", "us": "US"}.get(c.side, c.side)
            if c.variant:
                tag = f"{tag} ({c.variant})"
            part = f"{tag} {fmt_num(c.value)}"
            if part not in parts:
                parts.append(part)
        return " / ".join(parts)


def _target_claim(
    sc: Scenario, side: str, value: float, src: Any, date: dt.date | None, variant: str = ""
) -> TargetClaim:
    q = quote_of(src, sc)
    return TargetClaim(side, value, q.quote, q.sentence, q.en, date, variant)


def _window(sc: Scenario, measure: str, date: dt.date) -> tuple[dt.date, dt.date, str]:
    """The days of the incident a claim of `date` belongs to (`calibration.windows`)."""
    for w in sc.calibration.windows:
        if w.measure == measure and w.start <= date <= w.end:
            return w.start, w.end, w.reason
    return date, date, ""


def build_targets(sc: Scenario) -> list[Target]:
    """Every figure of the article as a target (or as "not modelled"), in date order."""
    day_targets: dict[tuple[str, dt.date], Target] = {}
    unmodelled: list[Target] = []
    for hd in sc.history:
        day = article_day(sc, hd.date)
        for c in day.claims:
            fm = figure_map(sc, c.figure, hd.date)
            tc = TargetClaim(
                c.side,
                c.value,
                c.quotes[0].quote if c.quotes else "",
                c.quotes[0].sentence if c.quotes else "",
                c.text_en or (c.quotes[0].en if c.quotes else ""),
                hd.date,
                c.variant,
            )
            if fm.measure is None:
                unmodelled.append(
                    Target(
                        f"{hd.date.isoformat()} {c.figure}",
                        "count",
                        c.figure,
                        c.figure,
                        c.figure,
                        "not_modelled",
                        hd.date,
                        hd.date,
                        [tc],
                        reason=fm.reason,
                    )
                )
                continue
            start, end, why = _window(sc, fm.measure, hd.date)
            key = (fm.measure, start)
            if key not in day_targets:
                m = MEASURES[fm.measure]
                tid = f"{start.isoformat()} {fm.measure}"
                if end != start:
                    tid = f"{start.isoformat()}..{end.isoformat()} {fm.measure}"
                day_targets[key] = Target(
                    tid, "count", fm.measure, m.en, m.zh, m.role, start, end, note=why
                )
            day_targets[key].claims.append(tc)
    targets = sorted(day_targets.values(), key=lambda t: (t.start or dt.date.min, t.measure))
    by_measure: dict[str, Target] = {}
    campaign_unmodelled: list[Target] = []
    for cc in campaign_claims(sc):
        fm = figure_map(sc, cc.figure)
        tc = (
            _target_claim(sc, cc.side, cc.value, cc, None, cc.variant)
            if cc.quote
            else TargetClaim(cc.side, cc.value, "", "", cc.en)
        )
        if fm.measure is None:
            campaign_unmodelled.append(
                Target(
                    f"campaign {cc.figure}",
                    "count",
                    cc.figure,
                    cc.figure,
                    cc.figure,
                    "not_modelled",
                    claims=[tc],
                    reason=fm.reason,
                    note=cc.en,
                )
            )
            continue
        if fm.measure not in by_measure:
            m = MEASURES[fm.measure]
            by_measure[fm.measure] = Target(
                f"campaign {fm.measure}", "count", fm.measure, m.en, m.zh, m.role
            )
        by_measure[fm.measure].claims.append(tc)
        if isinstance(cc, Cited) and cc.note:
            t = by_measure[fm.measure]
            t.note = "; ".join(x for x in (t.note, cc.note) if x)
    targets += list(by_measure.values())
    for ck in sc.calibration.checks:
        q = quote_of(ck.source[0], sc)
        kind = RUN_TESTS[ck.test][1]
        targets.append(
            Target(
                f"event:{ck.id}",
                kind,
                f"event:{ck.id}",
                ck.name.en,
                ck.name.zh,
                ck.role,
                claims=[TargetClaim("neutral", 0.0, q.quote, q.sentence, q.en)],
                expected=ck.date if kind == "date" else ck.expected,
                check=_run_check(ck),
            )
        )
    return targets + unmodelled + campaign_unmodelled


# ------------------------------------------------------------------------------------------
# Running the calibration
# ------------------------------------------------------------------------------------------


@dataclass
class Result:
    target: Target
    values: list[Any]
    median: Any = None
    p10: Any = None
    p90: Any = None
    share_true: float | None = None
    holds: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        t = self.target
        band = t.band()

        def plain(x: Any) -> Any:
            if isinstance(x, dt.date):
                return x.isoformat()
            if isinstance(x, float):
                return round(x, 2)
            return x

        return {
            "id": t.id,
            "name": t.en,
            "name_zh": t.zh,
            "kind": t.kind,
            "role": t.role,
            "when": t.when,
            "article": t.article_text(),
            "claims": [c.to_dict() for c in t.claims],
            "band": [round(band[0], 2), round(band[1], 2)] if band else None,
            "expected": plain(t.expected),
            "median": plain(self.median),
            "p10": plain(self.p10),
            "p90": plain(self.p90),
            "share_true": self.share_true,
            "holds": self.holds,
            "reason": t.reason,
            "note": t.note,
        }


def evaluate(target: Target, values: list[Any]) -> Result:
    """Median, 10-90% range and whether the target holds, from one value per run."""
    r = Result(target, values)
    if target.role == "not_modelled" or not values:
        return r
    if target.kind == "count":
        r.median, r.p10, r.p90 = summarise(values)
        r.holds = count_holds(r.median, target.values)
    elif target.kind == "date":
        ordered = sorted(values, key=lambda v: v or dt.date.max)
        r.median = median_date(values)
        r.p10 = ordered[int(0.1 * (len(ordered) - 1))]
        r.p90 = ordered[round(0.9 * (len(ordered) - 1))]
        r.share_true = sum(1 for v in values if v == target.expected) / len(values)
        r.holds = date_holds(r.median, target.expected)  # type: ignore[arg-type]
    else:
        share = sum(1 for v in values if v) / len(values)
        r.share_true = share
        r.median = share > 0.5
        r.holds = event_holds(r.median, bool(target.expected))
    return r


@dataclass
class Calibration:
    scenario: Scenario
    seeds: list[int]
    results: list[Result]
    #: historical orders the rules refused on their day, with how many runs refused each
    refused: dict[str, int] = field(default_factory=dict)

    def of_role(self, role: str) -> list[Result]:
        return [r for r in self.results if r.target.role == role]

    def share(self, role: str = "outcome") -> float:
        rs = self.of_role(role)
        return sum(1 for r in rs if r.holds) / len(rs) if rs else 1.0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for role in ("outcome", "input"):
            rs = self.of_role(role)
            held = sum(1 for r in rs if r.holds)
            out[role] = {
                "held": held,
                "total": len(rs),
                "share": round(held / len(rs), 3) if rs else None,
            }
        out["not_modelled"] = len(self.of_role("not_modelled"))
        out["required_outcome_share"] = REQUIRED_SHARE
        return out

    def to_dict(self) -> dict[str, Any]:
        sc = self.scenario
        return {
            "scenario": sc.id,
            "scenario_sha256": sc.sha256,
            "runs": len(self.seeds),
            "seeds": self.seeds,
            "tolerance": TOLERANCE,
            "rules": {
                "range": "where the records disagree the target is the range their figures span",
                "counts": f"+-{TOLERANCE:.0%} of the range's ends",
                "dates_events": "exact",
                "holds": "the engine's median over the runs is within tolerance",
            },
            "summary": self.summary(),
            "refused_orders": dict(self.refused),
            "targets": [r.to_dict() for r in self.results],
        }


def calibrate(sc: Scenario, runs: int = DEFAULT_RUNS, first_seed: int = 1) -> Calibration:
    """Replay the historical record under `runs` seeds and evaluate every target."""
    targets = build_targets(sc)
    seeds = list(range(first_seed, first_seed + runs))
    values: dict[str, list[Any]] = {t.id: [] for t in targets}
    refused: dict[str, int] = {}
    for seed in seeds:
        days = list(history_days(sc, seed))
        for d in days:
            for r in d.refused:
                why = (
                    f"{r.date} {side_name(r.side)} order {r.index + 1} ({r.order.type}): "
                    + render(r.reason, "en", sc)
                )
                refused[why] = refused.get(why, 0) + 1
        for t in targets:
            if t.role != "not_modelled":
                values[t.id].append(t.measure_run(sc, days))
    return Calibration(sc, seeds, [evaluate(t, values[t.id]) for t in targets], refused)


# ------------------------------------------------------------------------------------------
# Output
# ------------------------------------------------------------------------------------------


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


def table_rows(cal: Calibration) -> list[list[str]]:
    """One row per target: name, when, article, band, median, 10-90%, role, result."""
    rows = []
    for r in cal.results:
        t = r.target
        band = t.band()
        if t.role == "not_modelled":
            result = "not modelled: " + t.reason
            med = rng = band_s = "-"
        else:
            band_s = f"{fmt_num(band[0])}-{fmt_num(band[1])}" if band else "exact"
            med = _cell(r.median)
            if t.kind == "event":
                rng = f"{(r.share_true or 0.0) * len(r.values):.0f}/{len(r.values)} runs"
            else:
                rng = f"{_cell(r.p10)}..{_cell(r.p90)}"
            result = "within" if r.holds else "OUTSIDE"
        rows.append([t.en, t.when, t.article_text(), band_s, med, rng, t.role, result])
    return rows


HEADER = ["Target", "When", "Article", "Tolerance band", "Median", "10-90%", "Role", "Result"]


def format_text(cal: Calibration) -> str:
    rows = table_rows(cal)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADER[:-1])]
    lines = [
        f"Calibration of {cal.scenario.id} against the article: {len(cal.seeds)} runs "
        f"(seeds {cal.seeds[0]}-{cal.seeds[-1]}), historical orders on both sides.",
        f"Counts and tonnages: within +-{TOLERANCE:.0%} of the range the records span; dates "
        "and events: exact; a target holds when the median of the runs does.",
        "",
        "  ".join(h.ljust(w) for h, w in zip(HEADER[:-1], widths, strict=True)) + "  Result",
    ]
    for r in rows:
        lines.append(
            "  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        )
    s = cal.summary()
    o, i = s["outcome"], s["input"]
    lines += [
        "",
        f"Outcome targets held: {o['held']} of {o['total']} ({(o['share'] or 0):.0%}; "
        f"required {REQUIRED_SHARE:.0%}).",
        f"Input targets (fixed by the orders) held: {i['held']} of {i['total']}.",
        f"Not modelled (not targets): {s['not_modelled']}.",
    ]
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
    s = cal.summary()
    o, i = s["outcome"], s["input"]
    out += [
        "",
        f"Outcome targets held: **{o['held']} of {o['total']} ({(o['share'] or 0):.0%})**; "
        f"input targets held: {i['held']} of {i['total']}; not modelled: {s['not_modelled']}.",
    ]
    return "\n".join(out)
