"""The calibration's targets: every figure the sources give, as data read from the scenario.

- the scenario's day claims (`history[].claims`), through its `figures:` (claim figure name
  -> engine measurement of that day; `calibration.windows` joins the days of one incident,
  `calibration.not_modelled` sets a day's claim aside);
- campaign totals: the scenario's `campaign_claims` and its `victory.score` items;
- dates and whether events happened: `calibration.checks`, each a generic test as data
  (`RUN_TESTS`: the first day a figure or a group's fire is above zero, no fire between two
  dates, fire on odd days only, the ending reached, the named commanders hit);
- `calibration.inputs`: claims the orders fix, or that meet thresholds the game cannot
  approach, are input targets with the reason (an outcome that cannot fail proves nothing);
- `calibration.follows`: a target held to one named record rather than any record.

Each target is an outcome (judged by the calibration), an input (fixed by the orders: it
shows the orders say what the record says) or not modelled (with the reason). Nothing here
judges: `game.history.calibrate` applies the fixed rules to the runs' values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from game.engine.state import get_var
from game.history.citations import Cited, article_day, campaign_claims, figure_map, quote_of
from game.history.days import DayRun
from game.history.measures import MEASURES
from game.scenario.model import DatedCheck, InputClaim, Scenario
from game.scenario.orders import Fire
from game.words.history import fmt_num, record_label

Kind = Literal["count", "date", "event"]
TargetRole = Literal["input", "outcome", "not_modelled"]

#: why a measurement of `MEASURES` with role "input" is one
INPUT_MEASURE_REASON = (
    "fixed by the historical orders (what is fired or shipped is what is ordered)"
)


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

    @property
    def tag(self) -> str:
        """The record in a table cell: "PRC", "neutral (narrative A)"."""
        tag = {"prc": "PRC", "roc": "ROC", "neutral": "neutral", "us": "US"}.get(
            self.side, self.side
        )
        return f"{tag} ({self.variant})" if self.variant else tag

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


# ------------------------------------------------------------------------------------------
# Measurements of one run
# ------------------------------------------------------------------------------------------

#: (days of the target's window, every day of the run) -> the run's value
WindowMeasure = Callable[[Scenario, list[DayRun], list[DayRun]], float]


def _guns_of(side: str) -> WindowMeasure:
    def guns(sc: Scenario, window: list[DayRun], _all: list[DayRun]) -> float:
        """Guns of the side's groups on the morning of the window's first day."""
        if not window:
            return 0.0
        st = window[0].before
        return float(sum(g.guns for gid, g in st.groups.items() if sc.group(gid).side == side))

    return guns


def _groups_firing(side: str) -> WindowMeasure:
    def firing(_sc: Scenario, window: list[DayRun], _all: list[DayRun]) -> float:
        """Artillery groups given a fire mission, counted once a day."""
        return float(
            sum(
                len({o.group for o in d.orders.get(side, ()) if isinstance(o, Fire)})
                for d in window
            )
        )

    return firing


def _fires_after(side: str) -> WindowMeasure:
    def after(sc: Scenario, window: list[DayRun], every: list[DayRun]) -> float:
        """1 when the side fires on some day after the window, else 0."""
        if not window:
            return 0.0
        end = window[-1].date
        return float(any(d.figures(sc)[f"shells.{side}"] > 0 for d in every if d.date > end))

    return after


#: measurements of a run that `measures.MEASURES` (the engine's day figures) does not hold:
#: key -> (English, Chinese, how it is read). `var:NAME` reads an engine variable on the
#: evening of the window's first day (see `measure_window`).
RUN_MEASURES: dict[str, tuple[str, str, WindowMeasure]] = {
    "guns.prc": ("PLA guns in the order of battle", "解放軍火砲編制數", _guns_of("prc")),
    "guns.roc": ("ROC guns in the order of battle", "國軍火砲編制數", _guns_of("roc")),
    "groups_firing.roc": ("ROC artillery groups firing", "國軍射擊砲兵群數", _groups_firing("roc")),
    "groups_firing.prc": (
        "PLA artillery groups firing",
        "解放軍射擊砲兵群數",
        _groups_firing("prc"),
    ),
    "fires_after.prc": ("PLA fires after the day", "解放軍其後仍砲擊", _fires_after("prc")),
}


def known_measure(key: str) -> bool:
    return key in MEASURES or key in RUN_MEASURES or key.startswith("var:")


def measure_names(key: str) -> tuple[str, str]:
    if key in MEASURES:
        return MEASURES[key].en, MEASURES[key].zh
    if key in RUN_MEASURES:
        return RUN_MEASURES[key][0], RUN_MEASURES[key][1]
    name = key.removeprefix("var:")
    return f"{name} (evening)", f"{name}（當晚）"


def measure_window(sc: Scenario, key: str, window: list[DayRun], every: list[DayRun]) -> float:
    """A run's value of `key` over the days of a target: engine day figures are summed; an
    engine variable is read on the evening of the window's first day, the day the incident
    set it (a halt declared on 5 October runs 7 days from the 6th: a window of 5-6 October
    reads 7, where the evening of the 6th has already counted one day off). A one-day window
    reads that day's evening either way."""
    if key in RUN_MEASURES:
        return RUN_MEASURES[key][2](sc, window, every)
    if key.startswith("var:"):
        return float(get_var(sc, window[0].after, key[4:])) if window else 0.0
    return sum(d.figures(sc).get(key, 0.0) for d in window)


# ------------------------------------------------------------------------------------------
# The dated checks (`calibration.checks`)
# ------------------------------------------------------------------------------------------

RunCheck = Callable[[Scenario, list[DayRun]], Any]


def _group_rounds(d: DayRun, group: str) -> float:
    return float(
        sum(
            o.rounds
            for s in d.orders.values()
            for o in s
            if isinstance(o, Fire) and o.group == group
        )
    )


def _daily(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> dict[dt.date, float]:
    if check.group:
        return {d.date: _group_rounds(d, check.group) for d in days}
    return {d.date: d.figures(sc).get(check.figure or "", 0.0) for d in days}


def _first_day(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> dt.date | None:
    """The first day on or after `from` with the figure (or the group's fire) above zero."""
    fire = _daily(sc, check, days)
    start = check.start or dt.date.min
    return next((d for d in sorted(fire) if d >= start and fire[d] > 0), None)


def _none_between(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """Every day from `from` to `to` was played and the figure is zero on each."""
    fire = _daily(sc, check, days)
    start = check.start or sc.meta.start
    end = check.end or sc.meta.end
    window = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    return all(d in fire for d in window) and all(fire[d] == 0 for d in window)


def _odd_days_only(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """Some day from `from` (to `to`) was played and the figure is zero on its even dates."""
    fire = _daily(sc, check, days)
    start, end = check.start or dt.date.min, check.end or dt.date.max
    late = [d for d in fire if start <= d <= end]
    return bool(late) and all(fire[d] == 0 for d in late if d.day % 2 == 0)


def _ending(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """The game reached the scenario's last day with one of the endings named."""
    if not days:
        return False
    last = days[-1]
    return last.after.ending in check.endings and last.date == sc.meta.end


def _named_hit(sc: Scenario, check: DatedCheck, days: list[DayRun]) -> bool:
    """On `date` exactly the named commanders were hit: a count of men hit can hold with the
    wrong men hit, this cannot."""
    day = next((d for d in days if d.date == check.date), None)
    if day is None:
        return False
    hit = {
        cid
        for cid, fate in day.after.commanders.items()
        if fate != "ok" and day.before.commanders.get(cid) == "ok"
    }
    return hit == set(check.commanders)


#: each `calibration.checks` test: how one run is measured, and whether its target is a date
RUN_TESTS: dict[str, tuple[Callable[[Scenario, DatedCheck, list[DayRun]], Any], Kind]] = {
    "first_day": (_first_day, "date"),
    "none_between": (_none_between, "event"),
    "odd_days_only": (_odd_days_only, "event"),
    "ending": (_ending, "event"),
    "named_hit": (_named_hit, "event"),
}


def _run_check(check: DatedCheck) -> RunCheck:
    test = RUN_TESTS[check.test][0]
    return lambda sc, days: test(sc, check, days)


# ------------------------------------------------------------------------------------------
# Targets
# ------------------------------------------------------------------------------------------


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
    #: why not modelled, or why an input
    reason: str = ""
    note: str = ""
    check: RunCheck | None = None
    #: the record the target is held to ((side, variant), `calibration.follows`), and why
    follows: tuple[str, str] | None = None
    follows_reason: str = ""
    #: held exactly, not within the tolerance: a time of day (a measure in hours), which
    #: like a date is either the record's or not (17:30 is not "within 25%" of 18:30)
    exact: bool = False

    @property
    def values(self) -> list[float]:
        return [c.value for c in self.claims]

    @property
    def measured(self) -> bool:
        """Whether the runs give this target a value (a not-modelled figure has none)."""
        return self.check is not None or known_measure(self.measure)

    @property
    def when(self) -> str:
        if self.kind != "count":
            return "-"
        if self.start is None or self.end is None:
            return "campaign"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def records(self) -> list[TargetClaim]:
        """The records the target may be held to: the one it follows, or every claim."""
        if self.follows is None:
            return list(self.claims)
        return [c for c in self.claims if (c.side, c.variant) == self.follows]

    def measure_run(self, sc: Scenario, days: list[DayRun]) -> Any:
        if self.check is not None:
            return self.check(sc, days)
        window = [
            d
            for d in days
            if (self.start is None or d.date >= self.start)
            and (self.end is None or d.date <= self.end)
        ]
        return measure_window(sc, self.measure, window, days)

    def article_text(self) -> str:
        if self.kind == "date":
            return str(self.expected)
        if self.kind == "event":
            return "yes" if self.expected else "no"
        parts: list[str] = []
        for c in self.claims:
            part = f"{c.tag} {fmt_num(c.value)}"
            if part not in parts:
                parts.append(part)
        return " / ".join(parts)


def _window(sc: Scenario, measure: str, date: dt.date) -> tuple[dt.date, dt.date, str]:
    """The days of the incident a claim of `date` belongs to (`calibration.windows`)."""
    for w in sc.calibration.windows:
        if w.measure == measure and w.start <= date <= w.end:
            return w.start, w.end, w.reason
    return date, date, ""


def input_claim(sc: Scenario, figure: str, date: dt.date | None) -> InputClaim | None:
    """The `calibration.inputs` entry that makes a claim of `figure` (of `date`) an input."""
    for ic in sc.calibration.inputs:
        if ic.figure == figure and (ic.date is None or ic.date == date):
            return ic
    return None


def _join(*texts: str) -> str:
    return "; ".join(t for t in dict.fromkeys(texts) if t)


def _count_target(
    sc: Scenario,
    targets: dict[tuple[str, dt.date | None], Target],
    figure: str,
    date: dt.date | None,
    tc: TargetClaim,
    note: str = "",
) -> Target | None:
    """Add one claim to its target (made on first use); None when its figure is not modelled."""
    fm = figure_map(sc, figure, date)
    ic = input_claim(sc, figure, date)
    measure = (ic.measure if ic and ic.measure else None) or fm.measure
    if measure is None:
        if ic is None:
            return None
        measure = figure  # an input the runs do not measure: shown with its reason
    start, end, why = _window(sc, measure, date) if date else (None, None, "")
    key = (measure, start)
    if key not in targets:
        en, zh = measure_names(measure) if known_measure(measure) else (figure, figure)
        role = MEASURES[measure].role if measure in MEASURES else "outcome"
        where = "campaign" if start is None else start.isoformat()
        if start is not None and end is not None and end != start:
            where = f"{start.isoformat()}..{end.isoformat()}"
        reason = INPUT_MEASURE_REASON if role == "input" else ""
        exact = measure in MEASURES and MEASURES[measure].unit == "hour"
        targets[key] = Target(
            f"{where} {measure}",
            "count",
            measure,
            en,
            zh,
            role,
            start,
            end,
            reason=reason,
            exact=exact,
        )
        targets[key].note = why
    t = targets[key]
    t.claims.append(tc)
    t.note = _join(t.note, note)
    if ic is not None:
        if t.role != "input":
            t.reason = ""
        t.role = "input"
        t.reason = _join(t.reason, ic.reason)
    return t


def build_targets(sc: Scenario) -> list[Target]:
    """Every figure of the sources as a target (or as "not modelled"), in date order."""
    replaced = {(ck.date, ck.replaces): ck for ck in sc.calibration.checks if ck.replaces}
    replaced_claims: dict[str, list[TargetClaim]] = {}
    day_targets: dict[tuple[str, dt.date | None], Target] = {}
    #: one not-modelled target per figure and day, with every record's claim (as a modelled
    #: figure's records make one target): a count of figures, not of records
    unmodelled: dict[tuple[str, dt.date], Target] = {}
    for hd in sc.history:
        day = article_day(sc, hd.date)
        for c in day.claims:
            tc = TargetClaim(
                c.side,
                c.value,
                c.quotes[0].quote if c.quotes else "",
                c.quotes[0].sentence if c.quotes else "",
                c.text_en or (c.quotes[0].en if c.quotes else ""),
                hd.date,
                c.variant,
            )
            by = replaced.get((hd.date, c.figure))
            if by is not None:
                replaced_claims.setdefault(by.id, []).append(tc)
                continue
            if _count_target(sc, day_targets, c.figure, hd.date, tc, c.assumption) is None:
                if (c.figure, hd.date) in unmodelled:
                    unmodelled[c.figure, hd.date].claims.append(tc)
                    continue
                unmodelled[c.figure, hd.date] = Target(
                    f"{hd.date.isoformat()} {c.figure}",
                    "count",
                    c.figure,
                    c.figure,
                    c.figure,
                    "not_modelled",
                    hd.date,
                    hd.date,
                    [tc],
                    reason=figure_map(sc, c.figure, hd.date).reason,
                )
    targets = sorted(day_targets.values(), key=lambda t: (t.start or dt.date.min, t.measure))
    campaign: dict[tuple[str, dt.date | None], Target] = {}
    campaign_unmodelled: list[Target] = []
    for cc in campaign_claims(sc):
        tc = (
            _target_claim(sc, cc.side, cc.value, cc, cc.variant)
            if cc.quote
            else TargetClaim(cc.side, cc.value, "", "", cc.en)
        )
        note = cc.note if isinstance(cc, Cited) else ""
        if _count_target(sc, campaign, cc.figure, None, tc, note) is None:
            campaign_unmodelled.append(
                Target(
                    f"campaign {cc.figure}",
                    "count",
                    cc.figure,
                    cc.figure,
                    cc.figure,
                    "not_modelled",
                    claims=[tc],
                    reason=figure_map(sc, cc.figure).reason,
                    note=cc.en,
                )
            )
    targets += list(campaign.values())
    for fr in sc.calibration.follows:
        for t in targets:
            if t.measure == fr.measure and t.start == fr.date:
                t.follows = (fr.side, fr.variant or "")
                t.follows_reason = fr.reason
    groups = {g.id for g in sc.artillery}
    commanders = {c.id for c in sc.commanders}
    for ck in sc.calibration.checks:
        q = quote_of(ck.source[0], sc)
        kind = RUN_TESTS[ck.test][1]
        gone = [x for x in [ck.group] if x and x not in groups]
        gone += [x for x in ck.commanders if x not in commanders]
        targets.append(
            Target(
                f"event:{ck.id}",
                kind,
                f"event:{ck.id}",
                ck.name.en,
                ck.name.zh,
                "not_modelled" if gone else ck.role,
                claims=[
                    TargetClaim("neutral", 0.0, q.quote, q.sentence, q.en),
                    *replaced_claims.get(ck.id, []),
                ],
                expected=ck.date if kind == "date" else ck.expected,
                reason=(
                    f"this scenario has no {', '.join(gone)} (a mod removed it)"
                    if gone
                    else ck.reason or ""
                ),
                check=_run_check(ck),
            )
        )
    return targets + list(unmodelled.values()) + campaign_unmodelled


def _target_claim(sc: Scenario, side: str, value: float, src: Cited, variant: str) -> TargetClaim:
    q = quote_of(src, sc)
    return TargetClaim(side, value, q.quote, q.sentence, q.en, None, variant)
