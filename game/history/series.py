"""A replayed game as per-day plain data: for the replay window, its charts and the end screen.

`ReplayDays.history(sc, seed)` plays the historical record once through the turn driver and
keeps every day (`DayRun`: orders, the states before and after, the report), so the window can
show any day at once: seeking is an index, never a replay. `ReplayDays.of_game(game)` does the
same for a played or saved game.

A replay that follows the record (issue 18, item 2) plugs into the same place: `history(...,
after_resolve=hooks)` passes the hooks to the turn driver, which amends each day before supply,
morale and victory run; the kept days are then the amended ones and everything built from them
here (markers, charts, payloads) follows without change. The engine's own days can be kept
beside as a second `ReplayDays` built without hooks.

- `markers(sc, days)`: what happened on each day, for the timeline (derived from the days'
  reports, states and the scenario's events, never from dates written here);
- `charts(sc, days)`: the chart series (`Chart` of `ChartLine`s), the engine's figure per day
  and the article's claims as record points where it gives figures.

Stdlib only (no pygame): the drawing is `game.ui.charts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.run import AfterResolve
from game.engine.state import State, get_var, new_game, state_hash
from game.history.citations import article_day
from game.history.days import DayRun, history_days, record_days
from game.history.game import Game
from game.history.measures import state_figures
from game.history.record import DEFAULT, Choice, FollowRecord, choice_label, followed_payload
from game.history.replay import RunningRecord, day_payload
from game.scenario.model import Scenario

#: marker kinds in the order the timeline stacks them
MARKERS = (
    "barrage",
    "shelling",
    "odd_day",
    "halt",
    "convoy",
    "airlift",
    "naval",
    "air",
    "diplomatic",
)

#: a day whose besieger fire reaches this share of the campaign's largest day is a barrage
BARRAGE_SHARE = 0.5

#: event kinds that are diplomatic turns on the timeline
DIPLOMATIC_KINDS = ("diplomatic", "diplomacy", "political")


@dataclass
class ReplayDays:
    """Every day of one replayed game, kept: day `n` (1 = the first day) is `runs[n - 1]`."""

    sc: Scenario
    start: State
    runs: list[DayRun]
    #: the hook of a replay that follows the record (None: the engine's own days)
    follow: FollowRecord | None = None
    _payloads: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _hashes: list[str] | None = field(default=None, repr=False)

    @classmethod
    def history(
        cls,
        sc: Scenario,
        seed: int = 1,
        *,
        until: dt.date | None = None,
        after_resolve: Sequence[AfterResolve] = (),
        record: Choice | None = None,
    ) -> ReplayDays:
        """The historical record played once, every day kept; with `record`, following that
        record's outcomes (`game.history.record`) after the engine resolves each day."""
        follow = FollowRecord(sc, record) if record is not None else None
        hooks = [*after_resolve, *([follow] if follow else [])]
        runs = list(history_days(sc, seed, until=until, after_resolve=hooks))
        return cls(sc, new_game(sc, seed), runs, follow)

    @classmethod
    def following(cls, sc: Scenario, seed: int = 1, record: Choice = DEFAULT) -> ReplayDays:
        """The replay the window shows: the record followed (`record`)."""
        return cls.history(sc, seed, record=record)

    @classmethod
    def of_game(cls, game: Any) -> ReplayDays:
        """The recorded days of a `game.history.game.Game`."""
        return cls(game.scenario, game.state_at(0), list(record_days(game)))

    def __len__(self) -> int:
        return len(self.runs)

    def state(self, n: int) -> State:
        """The state on the evening of day `n` (0: the morning of the first day)."""
        return self.start if n <= 0 else self.runs[min(n, len(self.runs)) - 1].after

    def run(self, n: int) -> DayRun | None:
        """Day `n`'s run (None for day 0, before anything happened)."""
        return self.runs[n - 1] if 1 <= n <= len(self.runs) else None

    def date(self, n: int) -> dt.date:
        return self.sc.meta.start + dt.timedelta(days=max(0, n - 1))

    def hash(self, n: int) -> str:
        """`state_hash` of day `n`'s evening (computed for all days once)."""
        if self._hashes is None:
            self._hashes = [state_hash(self.start)] + [state_hash(r.after) for r in self.runs]
        return self._hashes[max(0, min(n, len(self.runs)))]

    def payloads(self, lang: str = "en") -> list[dict[str, Any]]:
        """`day_payload` of every day (the article's record, the model's figures), in `lang`;
        built once per language, as the running totals need the days in order."""
        out = self._payloads.get(lang)
        if out is None:
            record = RunningRecord(self.sc)
            out = [
                day_payload(self.sc, r, record, lang, last=r.after.over and i == len(self) - 1)
                for i, r in enumerate(self.runs)
            ]
            if self.follow is not None:
                for r, payload in zip(self.runs, out, strict=True):
                    applied = self.follow.applied.get(r.day, [])
                    payload["followed"] = followed_payload(self.follow.choice, applied, lang)
                    payload["record_followed"] = choice_label(self.follow.choice, lang)
            self._payloads[lang] = out
        return out

    def payload(self, n: int, lang: str = "en") -> dict[str, Any] | None:
        return self.payloads(lang)[n - 1] if 1 <= n <= len(self.runs) else None


# -- timeline markers ------------------------------------------------------------------------------


def day_markers(sc: Scenario, run: DayRun, barrage_at: float) -> tuple[str, ...]:
    """The marker kinds of one day (`MARKERS` order), from its report, orders and states."""
    figs = run.figures(sc)
    roles = sc.cast
    found: set[str] = set()
    fire = figs.get(f"shells.{roles.besieger}", 0.0)
    if barrage_at > 0 and fire >= barrage_at:
        found.add("barrage")
    elif fire > 0:
        found.add("shelling")
    odd = roles.odd_days
    if odd is not None and run.before.flags.get(odd.flag):
        found.add("odd_day")
    if run.before.halt_days > 0:
        found.add("halt")
    kinds = {e.kind for e in run.report.entries}
    for kind, marker in (
        ("convoy", "convoy"),
        ("airlift", "airlift"),
        ("naval", "naval"),
        ("air", "air"),
        ("air_battle", "air"),
    ):
        if kind in kinds:
            found.add(marker)
    by_id = {ev.id: ev for ev in sc.events}
    for e in run.report.of_kind("event"):
        ev = by_id.get(str(e.data.get("id")))
        if ev is not None and ev.kind in DIPLOMATIC_KINDS:
            found.add("diplomatic")
        elif ev is not None and ev.kind == "naval":
            found.add("naval")
        elif ev is not None and ev.kind == "air":
            found.add("air")
    return tuple(m for m in MARKERS if m in found)


def markers(sc: Scenario, runs: Sequence[DayRun]) -> list[tuple[str, ...]]:
    """The marker kinds of every day; a barrage is a day of at least `BARRAGE_SHARE` of the
    campaign's largest day of besieger fire."""
    besieger = sc.cast.besieger
    most = max((r.figures(sc).get(f"shells.{besieger}", 0.0) for r in runs), default=0.0)
    return [day_markers(sc, r, most * BARRAGE_SHARE) for r in runs]


# -- chart series ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordPoint:
    """A figure the article gives for a day, with the record it comes from."""

    day: int
    value: float
    record: str


@dataclass(frozen=True)
class ChartLine:
    """One line of a chart: `values[i]` is day `i + 1`'s figure (None where there is none)."""

    key: str
    #: whose colour the line takes: "prc", "roc", "us" or "neutral"
    side: str
    values: tuple[float | None, ...]
    records: tuple[RecordPoint, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A chart: its key (the locale's `chart.<key>`), unit key and lines."""

    key: str
    unit: str
    lines: tuple[ChartLine, ...]


#: (chart key, unit, [(line key, side, figure)]); a figure is a day's measure (`measure_day`)
#: or an evening's state figure (`state_figures`), both read by `_figure`
CHARTS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("food", "days", (("supply_days.food", "roc", "supply_days.food"),)),
    (
        "shells",
        "rounds",
        (("shells.prc", "prc", "shells.prc"), ("shells.roc", "roc", "shells.roc")),
    ),
    ("tons", "t", (("tons.landed", "roc", "tons.landed"),)),
    (
        "crisis",
        "points",
        (("tension", "neutral", "tension"), ("us_commitment", "us", "us_commitment")),
    ),
    (
        "losses",
        "people",
        (
            ("casualties.roc", "roc", "casualties.roc"),
            ("casualties.prc.military", "prc", "casualties.prc.military"),
        ),
    ),
)

#: the claim measures plotted as record points on a line (besides the line's own key)
RECORD_MEASURES: dict[str, tuple[str, ...]] = {
    "tons.landed": ("tons.landed", "tons.landed_sea"),
    "casualties.roc": ("casualties.roc", "casualties.roc.military", "casualties.roc.civilian"),
}


def day_figure(sc: Scenario, run: DayRun, figure: str) -> float | None:
    """A day's value of `figure`: its measure when the day measures it, else the evening's
    state figure (None when the scenario has none)."""
    figs = run.figures(sc)
    if figure in figs:
        return figs[figure]
    return state_figures(sc, run.after).get(figure)


def charts(sc: Scenario, runs: Sequence[DayRun], *, keys: Sequence[str] = ()) -> list[Chart]:
    """The chart series of `runs` (all of `CHARTS`, or those named in `keys`)."""
    claims: dict[str, list[RecordPoint]] = {}
    for i, r in enumerate(runs, 1):
        for measure, cs in article_day(sc, r.date).by_measure().items():
            for c in cs:
                claims.setdefault(measure, []).append(RecordPoint(i, c.value, c.side))
    out = []
    for key, unit, spec in CHARTS:
        if keys and key not in keys:
            continue
        lines = []
        for line_key, side, figure in spec:
            values = tuple(day_figure(sc, r, figure) for r in runs)
            if all(v is None for v in values):
                continue
            pts = tuple(
                p for m in RECORD_MEASURES.get(line_key, (line_key,)) for p in claims.get(m, [])
            )
            lines.append(ChartLine(line_key, side, values, tuple(sorted(pts, key=_point_order))))
        if lines:
            out.append(Chart(key, unit, tuple(lines)))
    return out


def _point_order(p: RecordPoint) -> tuple[int, str, float]:
    return (p.day, p.record, p.value)


# -- the score against history ----------------------------------------------------------------


@dataclass(frozen=True)
class ScoreItem:
    """One `victory.score` item of a finished game: the game's figure, history's, and what
    the miss cost (the engine's rule: the weight times the relative miss, at most 1)."""

    id: str
    name: Any
    game: float
    history: float
    weight: float
    miss: float


def score_items(sc: Scenario, state: State) -> list[ScoreItem]:
    """Every scored figure of `state` against history, as the engine's victory phase counts
    it (`history_score`: the score is 100 minus the misses, at least 0)."""
    out = []
    for item in sc.victory.score:
        actual = float(get_var(sc, state, item.var))
        scale = max(abs(item.historical), 1.0)
        miss = item.weight * min(1.0, abs(actual - item.historical) / scale)
        out.append(ScoreItem(item.id, item.name, actual, item.historical, item.weight, miss))
    return out


def take_control(days: ReplayDays, n: int) -> Game:
    """A new game from the replay's state on the evening of day `n`: the record's orders of
    days 1 to `n`, replayed with the outcomes the replay followed (stored in the game's record,
    so its save loads and verifies); the players go on from the next morning."""
    n = max(0, min(n, len(days)))
    turns = [
        {side: [o.to_dict() for o in r.orders[side]] for side in r.orders} for r in days.runs[:n]
    ]
    if days.follow is None:
        game = Game(days.sc, days.start.seed)
        game.extend(turns)
        return game
    return Game.taken_over(days.sc, days.start.seed, days.follow.choice, turns)


def history_game(sc: Scenario, days: ReplayDays, seed: int) -> Game:
    """A `Game` of the replayed days (their orders recorded, and the record they followed),
    for the after-action report."""
    if days.follow is not None:
        return take_control(days, len(days))
    game = Game(sc, seed)
    for r in days.runs:
        game.play_turn(r.orders)
    return game
