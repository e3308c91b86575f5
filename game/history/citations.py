"""What each side's record says, as the scenario gives it: a day's claims and quotes, the
campaign totals, and how each claim's figure is compared with the engine.

Everything here is read from the scenario's data, so a mod gets the same replay, calibration
and report as the 1958 scenario:

- `figure_map`: a claim's `figure:` -> the engine measurement it is compared with, or why it
  is not (`figures:`; `calibration.not_modelled` for one day's claim; `calibration.inputs`
  for a figure the orders fix, which `calibrate` reads its own way);
- `campaign_claims`: `campaign_claims:` plus the `victory.score` items not already in it;
- `article_day`: a day's record as plain data: quotes (with the whole sentence each comes
  from, in the source it names), claims, silence and assumption.

Stdlib only (no pygame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.history.measures import SCORE_VARS
from game.scenario.memo import per_scenario
from game.scenario.model import HistoryDay, Scenario, Source
from game.scenario.sources import sentence_of
from game.words.history import record_label


@dataclass(frozen=True)
class FigureMap:
    """How a claim `figure:` is compared with the engine: a measurement, or why not."""

    measure: str | None
    reason: str = ""
    #: the scenario's own English words in `reason` (translated through its catalogue), and
    #: whether `reason` calls the figure an input
    note: str = ""
    input: bool = False


def figure_map(sc: Scenario, figure: str, date: dt.date | None = None) -> FigureMap:
    """The measurement a claim of `figure` (made for `date`) is compared with, or why not."""
    if date is not None:
        for nm in sc.calibration.not_modelled:
            if nm.date == date and nm.figure == figure:
                return FigureMap(None, nm.reason, nm.reason)
    spec = sc.figures.get(figure)
    if spec is not None and spec.measure is not None:
        return FigureMap(spec.measure)
    for ic in sc.calibration.inputs:  # an input `calibrate` reads its own way
        if ic.figure == figure and (ic.date is None or date is None or ic.date == date):
            return FigureMap(None, f"an input, not an outcome: {ic.reason}", ic.reason, True)
    if spec is None:
        return FigureMap(None, f"no engine measurement is mapped to the figure '{figure}'")
    if spec.not_modelled:
        return FigureMap(None, spec.not_modelled, spec.not_modelled)
    return FigureMap(None, f"the figure '{figure}' is not modelled")


@dataclass(frozen=True)
class Cited:
    """One side's campaign figure with the words of its source for it."""

    side: str
    figure: str
    value: float
    quote: str
    en: str
    date: dt.date | None = None
    note: str = ""
    zh: str = ""
    #: the quoted source entry (None for a score item without one)
    source: Source | None = None
    footnote: int | None = None
    #: tells apart two figures of one record (the PRC's 3 and 2 torpedo boats)
    variant: str = ""
    #: shared by the totals of one figure that disagree
    disagreement: str = ""


def _assumption_text(a: Mapping[str, str] | None) -> str:
    if not a:
        return ""
    return "; ".join(v if not k else f"{k}: {v}" for k, v in a.items())


def campaign_claims(sc: Scenario) -> list[Cited]:
    """Campaign totals: the scenario's `campaign_claims` and its score items.

    A score item whose measurement and value are already among the claims is not repeated;
    one that is not (a scenario without campaign claims, or a changed figure) is added as a
    neutral figure.
    """
    table = [
        Cited(
            c.side,
            c.figure,
            float(c.value),
            c.source[0].quote,
            c.source[0].en,
            note=_assumption_text(c.assumption),
            source=c.source[0],
            footnote=c.source[0].footnote,
            variant=c.variant,
            disagreement=c.disagreement,
        )
        for c in sc.campaign_claims
    ]
    for item in sc.victory.score:
        measure = SCORE_VARS.get(item.var)
        if measure is None:
            continue
        if any(
            figure_map(sc, c.figure).measure == measure and c.value == item.historical
            for c in table
        ):
            continue
        src = item.source[0] if item.source else None
        table.append(
            Cited(
                "neutral",
                item.var,
                item.historical,
                src.quote if src else "",
                src.en if src else item.name.en,
                source=src,
            )
        )
    return table


# ------------------------------------------------------------------------------------------
# A day's record as plain data
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    quote: str
    #: the whole sentence of the source's text the quote comes from
    sentence: str
    en: str
    #: the whole sentence in English, the quoted fragment marked «…» (empty when not given)
    sentence_en: str = ""
    #: the source's footnote for the statement (shown as [n] after the sentence)
    footnote: int | None = None
    #: the `sources:` id when the quote is not from the bundled article
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"quote": self.quote, "sentence": self.sentence, "en": self.en}
        if self.sentence_en:
            out["sentence_en"] = self.sentence_en
        if self.footnote is not None:
            out["footnote"] = self.footnote
        if self.origin:
            out["from"] = self.origin
        return out


def quote_of(src: Source | Cited, sc: Scenario | None = None) -> Quote:
    """The quote with its whole sentence, looked up in the text the quote names."""
    if isinstance(src, Cited):
        if src.source is None:
            return Quote(src.quote, src.quote, src.en)
        base = src.source
        return Quote(src.quote, sentence_of(sc, base), src.en, "", base.footnote, base.origin or "")
    whole = src.sentence_en or ""
    return Quote(src.quote, sentence_of(sc, src), src.en, whole, src.footnote, src.origin or "")


@dataclass
class ClaimView:
    side: str
    figure: str
    value: float
    text_en: str
    text_zh: str
    quotes: list[Quote]
    assumption: str = ""
    #: "narrative A" / "narrative B" when one record gives the figure twice
    variant: str = ""
    #: the id shared by the claims that disagree about one figure
    disagreement: str = ""
    #: the engine measurement the claim is compared with (None: not modelled, see `reason`)
    measure: str | None = None
    reason: str = ""
    #: the scenario's own words in `reason`, and whether it calls the figure an input
    note: str = ""
    input: bool = False
    #: the reasons of the claim's `assumption:`, each as the scenario writes it
    assumptions: tuple[str, ...] = ()

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "side": self.side,
            "label": record_label(self.side, lang, self.variant),
            "figure": self.figure,
            "value": self.value,
            "text": self.text_zh if lang == "zh-Hant" else self.text_en,
            "quotes": [q.to_dict() for q in self.quotes],
            **({"assumption": self.assumption} if self.assumption else {}),
            **({"disagreement": self.disagreement} if self.disagreement else {}),
        }


@dataclass
class ArticleDay:
    date: dt.date
    summary_en: str = ""
    summary_zh: str = ""
    silent: bool = False
    assumption: str = ""
    #: the reasons of the day's `assumption:`, each as the scenario writes it (translated
    #: one by one: the joined `assumption` names the fields, for the English reports)
    assumptions: tuple[str, ...] = ()
    quotes: list[Quote] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        return self.summary_zh if lang == "zh-Hant" else self.summary_en

    def by_measure(self) -> dict[str, list[ClaimView]]:
        """Modelled claims grouped by the engine measurement they are compared with."""
        out: dict[str, list[ClaimView]] = {}
        for c in self.claims:
            if c.measure is not None:
                out.setdefault(c.measure, []).append(c)
        return out

    def not_modelled(self) -> list[ClaimView]:
        return [c for c in self.claims if c.measure is None]


@per_scenario
def history_by_date(sc: Scenario) -> dict[dt.date, HistoryDay]:
    return {d.date: d for d in sc.history}


def article_day(sc: Scenario, date: dt.date) -> ArticleDay:
    """The record of one day: quotes, both sides' claims, silence and assumption."""
    hd = history_by_date(sc).get(date)
    out = ArticleDay(date)
    if hd is None:
        return out
    out.summary_en, out.summary_zh = hd.summary.en, hd.summary.zh
    out.silent = hd.article_silent
    out.assumption = _assumption_text(hd.assumption)
    out.assumptions = tuple((hd.assumption or {}).values())
    out.quotes = [quote_of(s, sc) for s in hd.source]
    for c in hd.claims:
        fm = figure_map(sc, c.figure, date)
        out.claims.append(
            ClaimView(
                c.side,
                c.figure,
                float(c.value),
                c.text.en if c.text else "",
                c.text.zh if c.text else "",
                [quote_of(s, sc) for s in c.source],
                _assumption_text(c.assumption),
                c.variant or "",
                c.disagreement or "",
                fm.measure,
                fm.reason,
                fm.note,
                fm.input,
                tuple((c.assumption or {}).values()),
            )
        )
    return out


def sentences_of_day(day: ArticleDay) -> list[Quote]:
    """The day's quotes and its claims' quotes, one per sentence, in order."""
    seen: set[str] = set()
    out = []
    for q in [*day.quotes, *(q for c in day.claims for q in c.quotes)]:
        if q.sentence not in seen:
            seen.add(q.sentence)
            out.append(q)
    return out
