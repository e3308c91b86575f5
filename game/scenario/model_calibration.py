"""The scenario format's record of how the engine is judged against the article: figure
mappings, campaign claims, calibration windows, inputs and checks, the historian's check.
Part of the format defined in `model` (which re-exports every name)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from game.scenario.model_text import SideId, Source, Text
from game.scenario.schema import Assumptions, spec


@dataclass(frozen=True, kw_only=True)
class FigureSpec:
    """How claims of one `figure:` name are compared with the engine: the engine measurement
    (see `history.measures.MEASURES`), or why the engine does not model it."""

    measure: str | None = None
    not_modelled: str | None = None


@dataclass(frozen=True, kw_only=True)
class CampaignClaim:
    """A whole-campaign figure by one side's record (a day's figure goes in `history`)."""

    id: str = spec(nonempty=True)
    side: Literal["prc", "roc", "neutral", "us"] = spec()
    figure: str = spec(nonempty=True)
    value: float = spec(min=0)
    source: list[Source] = spec(many=True, nonempty=True)
    assumption: Assumptions | None = None
    #: tells two totals of one record apart (the PRC's 3 and 2 torpedo boats)
    variant: str = ""
    #: shared by the totals of one figure that disagree, as `disagreement` on day claims
    disagreement: str = ""


@dataclass(frozen=True, kw_only=True)
class CountWindow:
    """Claims of `measure` dated within [from, to] are one incident: one target over the days."""

    id: str = spec(nonempty=True)
    measure: str = spec(nonempty=True)
    start: dt.date = spec(key="from")
    end: dt.date = spec(key="to")
    reason: str = spec(nonempty=True)


@dataclass(frozen=True, kw_only=True)
class NotModelledClaim:
    """A day's claim whose figure is modelled but whose event is not: not a target that day."""

    id: str = spec(nonempty=True)
    date: dt.date = spec()
    figure: str = spec(nonempty=True)
    reason: str = spec(nonempty=True)


CheckTest = Literal["first_day", "none_between", "odd_days_only", "ending", "named_hit"]


@dataclass(frozen=True, kw_only=True)
class DatedCheck:
    """A date or a yes/no the sources give, checked on each replayed run:

    - `first_day`: the first day on or after `from` (or the start) with `figure` above zero;
      a date target, `date` is the expected day;
    - `none_between`: `figure` is zero on every day from `from` to `to`;
    - `odd_days_only`: from `from` (to `to`, or the end) `figure` is zero on every even date;
    - `ending`: the game reaches the last day with one of `endings`;
    - `named_hit`: on `date` the commanders hit (killed or wounded) are exactly `commanders`.

    `group` makes `first_day` read the rounds that one artillery group fired (not `figure`);
    `replaces` names a day claim figure whose count on `date` this check judges instead (a
    count can hold with the wrong men hit); `reason` says why the check is an input (or why
    it replaces a count), shown beside it in the table.
    """

    id: str = spec(nonempty=True)
    test: CheckTest = spec()
    name: Text = spec()
    role: Literal["input", "outcome"] = spec()
    figure: str | None = None
    start: dt.date | None = spec(None, key="from")
    end: dt.date | None = spec(None, key="to")
    date: dt.date | None = None
    expected: bool = True
    endings: list[str] = spec(ref="endings", factory=list)
    #: not references checked on load: a mod that removes the group or a commander keeps
    #: the check, which `calibrate` then lists as not modelled in that mod
    group: str | None = None
    commanders: list[str] = spec(factory=list)
    replaces: str | None = None
    reason: str | None = None
    source: list[Source] = spec(many=True, nonempty=True)


@dataclass(frozen=True, kw_only=True)
class InputClaim:
    """Claims of `figure` (on `date`; absent: every claim of it) the orders fix, or that meet
    thresholds the game cannot approach: input targets, not outcomes. `measure` reads a
    figure `figures:` does not map (`calibrate_targets.RUN_MEASURES` or `var:NAME`)."""

    id: str = spec(nonempty=True)
    figure: str = spec(nonempty=True)
    date: dt.date | None = None
    measure: str | None = None
    reason: str = spec(nonempty=True)


@dataclass(frozen=True, kw_only=True)
class FollowsRecord:
    """The record one target is held to (absent: whichever record the median is within)."""

    id: str = spec(nonempty=True)
    measure: str = spec(nonempty=True)
    #: the target's first day (absent: the campaign total)
    date: dt.date | None = None
    side: Literal["prc", "roc", "neutral", "us"] = spec()
    variant: str | None = None
    reason: str = spec(nonempty=True)


@dataclass(frozen=True, kw_only=True)
class HistoricalEnding:
    """The ending history reached, named in the after-action report."""

    ending: str = spec(ref="endings")
    text: Text = spec()


@dataclass(frozen=True, kw_only=True)
class Calibration:
    """What `calibrate` checks beyond the day claims and `campaign_claims`."""

    windows: list[CountWindow] = spec(factory=list)
    not_modelled: list[NotModelledClaim] = spec(factory=list)
    checks: list[DatedCheck] = spec(factory=list)
    inputs: list[InputClaim] = spec(factory=list)
    follows: list[FollowsRecord] = spec(factory=list)
    history_ending: HistoricalEnding | None = None


HistorianTest = Literal["night_convoys", "halts_kept", "counter_battery"]


@dataclass(frozen=True, kw_only=True)
class HistorianCheck:
    """How players' behaviour is compared with the account (`simulate --runs`):

    - `night_convoys`: the share of `side`'s convoys sailed at night between `from` and `to`
      (both optional);
    - `halts_kept`: the share of days `side` was bound by its own halt (or odd-day rule) on
      which it did not fire;
    - `counter_battery`: the share of `side`'s rounds aimed at enemy batteries from the day its
      first group of `calibre_min` mm or more can fire (and of those guns' own rounds).
    """

    id: str = spec(nonempty=True)
    test: HistorianTest = spec()
    side: SideId = spec()
    name: Text = spec()
    record: Text = spec()
    start: dt.date | None = spec(None, key="from")
    end: dt.date | None = spec(None, key="to")
    calibre_min: float = spec(0, min=0, max=2000)
