"""The days of 1958, the article's record beside the engine's (`replay --headless`).

The historical record drives the engine day by day (`HistoryPlayer` on both sides, the same
`resolve` as play). For each day in the window it prints:

1. the article's record: the day's summary, every quoted sentence in full (the sentence of the
   article's display text each quote comes from; with `--lang en` also its English rendering),
   each side's claims labelled "PRC record" / "ROC record" / "neutral", and for a day the
   article is silent on, that it is silent and the scenario's assumption;
2. what the engine resolved, compactly, from the day's report entries;
3. running totals, the engine's beside the article's (whole-campaign figures and the dated
   claims so far, each labelled with its record);
4. the divergence between the engine's figure and the records' range for every figure claimed
   that day (and, on the last day, for the campaign totals).

`day_payload` gives a day as plain data and `format_day` as text; the command line
(`game/cli/replay.py`) prints them. `--format jsonl` prints one JSON object per day with at
least `date`, `state_hash` (of the state at the end of the day), `engine`, `article`, `totals`
and `divergence`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from game.engine.state import state_hash
from game.history.calibrate import TOLERANCE, count_band
from game.history.citations import (
    ArticleDay,
    ClaimView,
    article_day,
    campaign_claims,
    figure_map,
    quote_of,
    sentences_of_day,
)
from game.history.days import DayRun, history_days
from game.history.measures import MEASURES, TOTALS_SHOWN, state_figures
from game.history.record import choice_label, followed_payload
from game.scenario.model import SIDES, Scenario
from game.words import render
from game.words.history import fmt_num, label, record_label, side_name
from game.words.strings import words

#: the engine figures every jsonl line carries (measure keys of `claims.MEASURES`)
ENGINE_KEYS = (
    "shells.prc",
    "shells.roc",
    "rounds.8inch",
    "tons.shipped",
    "tons.landed",
    "tons.landed_sea",
    "tons.airlift",
    "ships_sunk.roc",
    "amtracs_lost.roc",
    "boats_lost.prc",
    "aircraft_lost.prc",
    "aircraft_lost.roc",
    "casualties.roc.military",
    "casualties.roc.civilian",
    "casualties.prc.military",
    "casualties.prc.civilian",
    "counter_bombardments.roc",
    "guns_lost.prc",
    "guns_lost.roc",
    "guns_lost.roc.8inch",
    "commanders_hit.roc",
)


def _name(text: Any, lang: str) -> str:
    """A scenario `Text` in the language asked for."""
    return text.zh if lang == "zh-Hant" else text.en


def _incident(sc: Scenario, measure: str, date: dt.date) -> dt.date:
    """The first day of the incident a claim of `date` belongs to (`calibration.windows`)."""
    for w in sc.calibration.windows:
        if w.measure == measure and w.start <= date <= w.end:
            return w.start
    return date


class RunningRecord:
    """The engine's totals and the article's dated claims so far, kept day by day."""

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.engine: dict[str, float] = dict.fromkeys(ENGINE_KEYS, 0.0)
        #: (measure, incident date, side) -> the largest value that record gives
        self._dated: dict[tuple[str, dt.date, str], float] = {}
        #: measure -> [(side, value)] of the whole-campaign figures
        self.campaign: dict[str, list[tuple[str, float]]] = {}
        for c in campaign_claims(sc):
            m = figure_map(sc, c.figure).measure
            if m is not None:
                self.campaign.setdefault(m, []).append((c.side, c.value))

    def add(self, figures: dict[str, float], day: ArticleDay) -> None:
        for k in ENGINE_KEYS:
            self.engine[k] += figures.get(k, 0.0)
        for measure, claims in day.by_measure().items():
            for c in claims:
                key = (measure, _incident(self.sc, measure, day.date), c.side)
                self._dated[key] = max(self._dated.get(key, 0.0), c.value)

    def dated(self, measure: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for (m, _, side), v in self._dated.items():
            if m == measure:
                out[side] = out.get(side, 0.0) + v
        return out


def _by_side(values: list[tuple[str, float]]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for side, v in values:
        out.setdefault(side, []).append(v)
    return {s: sorted(vs) for s, vs in out.items()}


def _values(vs: list[float]) -> str:
    return "/".join(fmt_num(v) for v in vs)


def _divergence(
    engine: float, claims: list[tuple[str, float]], note: str = "", exact: bool = False
) -> dict[str, Any]:
    """The engine's figure against the records': `exact` for a time of day (the calibration
    holds an hour exactly: 17:30 is not "within 25%" of 18:30)."""
    values = [v for _, v in claims]
    lo, hi = min(values), max(values)
    band = count_band(values, 0.0 if exact else TOLERANCE)
    nearest = min(max(engine, lo), hi)
    out: dict[str, Any] = {
        "engine": round(engine, 1),
        "records": [{"side": s, "label": record_label(s), "value": v} for s, v in claims],
        "range": [lo, hi],
        "band": [round(band[0], 2), round(band[1], 2)],
        "delta": round(engine - nearest, 1),
        "within": band[0] - 1e-9 <= engine <= band[1] + 1e-9,
    }
    if note:
        out["note"] = note
    return out


#: entry kinds the engine lines give as day totals or list elsewhere, not one by one
SUMMED = ("fire", "counter_battery", "event")


def _engine_lines(sc: Scenario, run: DayRun, figs: dict[str, float], lang: str) -> list[str]:
    lines = []
    for side in SIDES:
        rounds = int(figs[f"shells.{side}"])
        if rounds:
            lines.append(
                label(
                    "fired",
                    lang,
                    side=side_name(side, lang),
                    rounds=rounds,
                    missions=int(figs[f"missions.{side}"]),
                    hits=int(figs[f"hits.{side}"]),
                )
            )
    guns = [
        label("guns_destroyed", lang, side=side_name(s, lang), n=int(figs[f"guns_lost.{s}"]))
        for s in SIDES
        if figs[f"guns_lost.{s}"]
    ]
    if guns:
        lines.append("; ".join(guns))
    cas_roc = int(figs["casualties.roc.military"] + figs["casualties.roc.civilian"])
    if cas_roc or figs["casualties.prc.military"]:
        lines.append(
            label(
                "casualties",
                lang,
                roc=cas_roc,
                civ=int(figs["casualties.roc.civilian"]),
                prc=int(figs["casualties.prc.military"]),
            )
        )
    # the day's other entries, one sentence each (fire is summed above, events listed apart)
    lines += [render(e, lang, sc) for e in run.report.entries if e.kind not in SUMMED]
    return lines


def day_payload(
    sc: Scenario, run: DayRun, record: RunningRecord, lang: str = "en", *, last: bool = False
) -> dict[str, Any]:
    """Everything printed for one day, as plain data (the jsonl line); updates `record`."""
    figs = run.figures(sc)
    day = article_day(sc, run.date)
    record.add(figs, day)
    events = []
    for e in run.report.of_kind("event"):
        ev = next((x for x in sc.events if x.id == e.data["id"]), None)
        if ev is None:
            continue
        events.append(
            {
                "id": ev.id,
                # False: the outcome it tells did not happen in this game (shown as the record)
                "in_game": e.key != "entry.in_history",
                "record": ev.record,
                "label": record_label(ev.record, lang),
                "title": _name(ev.title, lang),
                "text": _name(ev.text, lang),
                "quotes": [quote_of(s, sc).to_dict() for s in ev.source],
            }
        )
    wl = words(lang)
    divergence: dict[str, Any] = {}
    for measure, claims in day.by_measure().items():
        note = next(
            (
                wl.english(sc, w.reason)
                for w in sc.calibration.windows
                if w.measure == measure and w.start <= run.date <= w.end
            ),
            "",
        )
        exact = measure in MEASURES and MEASURES[measure].unit == "hour"
        divergence[measure] = _divergence(
            figs.get(measure, 0.0), [(c.side, c.value) for c in claims], note, exact
        )
    if last:
        for measure, by_side in record.campaign.items():
            figure = record.engine.get(measure)
            if figure is None:
                continue
            divergence[f"campaign:{measure}"] = _divergence(figure, by_side)
    totals = {
        m: {
            "engine": round(record.engine[m], 1),
            "dated_claims": record.dated(m),
            "campaign": _by_side(record.campaign.get(m, [])),
        }
        for m in TOTALS_SHOWN
    }
    engine: dict[str, Any] = {k: round(figs[k], 1) for k in ENGINE_KEYS}
    engine.update(state_figures(sc, run.after))
    engine["lines"] = _engine_lines(sc, run, figs, lang)
    engine["moves"] = [e.data["id"] for e in run.report.of_kind("move")]
    engine["ending"] = run.after.ending
    engine["winner"] = run.after.winner
    engine["score"] = run.after.score
    return {
        "date": run.date.isoformat(),
        "day": run.day + 1,
        "seed": run.after.seed,
        "state_hash": state_hash(run.after),
        "engine": engine,
        "events": events,
        "article": {
            "summary": day.summary(lang),
            "silent": day.silent,
            "assumption": _assumption(day.assumption, day.assumptions, sc, lang),
            "quotes": [q.to_dict() for q in sentences_of_day(day)],
            "claims": [c.to_dict(lang) for c in day.claims if c not in day.not_modelled()],
            "not_modelled": [
                {**c.to_dict(lang), "reason": _reason(c, sc, lang)} for c in day.not_modelled()
            ],
        },
        "totals": totals,
        "divergence": divergence,
        "refused": [
            label(
                "refused_order",
                lang,
                side=side_name(r.side, lang),
                n=r.index + 1,
                why=render(r.reason, lang, sc),
            )
            for r in run.refused
        ],
    }


def _assumption(joined: str, reasons: tuple[str, ...], sc: Scenario, lang: str) -> str:
    """A day's assumption in `lang`: the English as written (field names and all), or each
    reason through the scenario's translation catalogue."""
    if lang == "en":
        return joined
    w = words(lang)
    return "；".join(w.english(sc, r) for r in reasons)


def _reason(c: ClaimView, sc: Scenario, lang: str) -> str:
    """Why a claim is not compared with the engine, in `lang` (the scenario's own words
    through its translation catalogue)."""
    if lang == "en" or not c.note:
        return c.reason if lang == "en" else ""
    why = words(lang).english(sc, c.note)
    return label("input_not_outcome", lang, why=why) if c.input else why


def _colon(lang: str, space: str = "") -> str:
    return "：" if lang == "zh-Hant" else ":" + space


#: per-ship measures ("killed_aboard.<ship>"), named with the ship's name
ABOARD = ("killed_aboard", "casualties_aboard")


def _measure_name(key: str, lang: str, sc: Scenario | None = None) -> str:
    m = MEASURES.get(key)
    if m is not None:
        return m.name(lang)
    kind, _, ship = key.partition(".")
    if kind in ABOARD and sc is not None:
        names = {n.id: n.name for c in sc.ships for n in c.named_ships}
        if ship in names:
            return label(f"measure_{kind}", lang, ship=_name(names[ship], lang))
    return key


def format_day(payload: dict[str, Any], lang: str = "en", sc: Scenario | None = None) -> str:
    """The text form of one day's payload."""
    art = payload["article"]
    day_word = label("day", lang, n=payload["day"])
    out = [f"=== {payload['date']} ({day_word}) ===", art["summary"]]
    if "followed" in payload:
        out.append(label("followed", lang, record=payload["record_followed"]) + _colon(lang))
        for f in payload["followed"]:
            model = label("followed_model", lang, model=f["model_text"]) if f["differs"] else ""
            out.append(f"  {f['text']} ({f['label']})" + (f" | {model}" if model else ""))
        if not payload["followed"]:
            out.append("  " + label("followed_none", lang))
    for why in payload.get("refused", []):
        out.append(f"! {why}")  # never silent: the record says it happened
    if art["silent"]:
        # the assumptions are scenario-authored English: Chinese says only that there is one
        space = " " if lang == "en" else ""
        why = art["assumption"] or "-"
        out.append(label("silent", lang) + space + label("assumption", lang, why=why))
    index: dict[str, int] = {}
    if art["quotes"]:
        out.append(label("article", lang) + _colon(lang))
        for i, q in enumerate(art["quotes"], 1):
            index[q["sentence"]] = i
            out.append(f"  [{i}] {q['sentence']}")
            if lang == "en":
                out.append(f"      {q['en']}")
    if art["claims"] or art["not_modelled"]:
        out.append(label("claims", lang) + _colon(lang))
        by: dict[str, list[dict[str, Any]]] = {}
        date = dt.date.fromisoformat(payload["date"])
        for c in art["claims"]:
            measure = (figure_map(sc, c["figure"], date).measure if sc else None) or c["figure"]
            by.setdefault(measure, []).append(c)
        for measure, claims in by.items():
            div = payload["divergence"].get(measure)
            parts = []
            for c in claims:
                ref = ", ".join(
                    f"[{index[q['sentence']]}]" for q in c["quotes"] if q["sentence"] in index
                )
                parts.append(f"{c['label']} {fmt_num(c['value'])} ({c['text']}) {ref}".rstrip())
            differ = len({c["value"] for c in claims}) > 1
            head = _measure_name(measure, lang, sc) + (
                f" ({label('records_differ', lang)})" if differ else ""
            )
            line = f"  {head}: " + "; ".join(parts)
            if div:
                verdict = label("within" if div["within"] else "outside", lang)
                line += (
                    f" | {label('engine_inline', lang)} {fmt_num(div['engine'])}"
                    f" | {label('target', lang)} {fmt_num(div['band'][0])}-"
                    f"{fmt_num(div['band'][1])}: {verdict}"
                )
                if div.get("note"):  # translated through the scenario's catalogue
                    line += f" （{div['note']}）" if lang == "zh-Hant" else f" ({div['note']})"
            out.append(line)
        for c in art["not_modelled"]:
            # the claim's own words say what it counts; the reason through the catalogue
            why = f"{_colon(lang, ' ')}{c['reason']}" if c.get("reason") else ""
            out.append(
                f"  {c['label']} {fmt_num(c['value'])} ({c['text']}) | "
                f"{label('not_modelled', lang)}{why}"
            )
    if payload["events"]:
        out.append(
            label("events", lang)
            + _colon(lang, " ")
            + "; ".join(f"{e['title']} ({e['label']})" for e in payload["events"])
        )
    eng = payload["engine"]
    out.append(label("engine", lang) + _colon(lang))
    out += [f"  {line}" for line in eng["lines"]] or [f"  {label('quiet', lang)}"]
    out.append(label("totals", lang) + _colon(lang))
    width = max(len(_measure_name(m, lang)) for m in payload["totals"])
    for m, t in payload["totals"].items():
        cells = []
        if t["campaign"]:
            cells.append(
                label("campaign", lang)
                + _colon(lang, " ")
                + ", ".join(
                    f"{record_label(s, lang)} {_values(v)}" for s, v in t["campaign"].items()
                )
            )
        if t["dated_claims"]:
            cells.append(
                label("dated", lang)
                + _colon(lang, " ")
                + ", ".join(
                    f"{record_label(s, lang)} {fmt_num(v)}" for s, v in t["dated_claims"].items()
                )
            )
        out.append(
            f"  {_measure_name(m, lang).ljust(width)}  {fmt_num(t['engine']):>9} | "
            + ("; ".join(cells) if cells else "-")
        )
    camp = {k: v for k, v in payload["divergence"].items() if k.startswith("campaign:")}
    if camp:
        out.append(label("divergence", lang) + f" ({label('campaign', lang)}):")
        for k, d in camp.items():
            verdict = label("within" if d["within"] else "outside", lang)
            recs = ", ".join(
                f"{record_label(r['side'], lang)} {fmt_num(r['value'])}" for r in d["records"]
            )
            out.append(
                f"  {_measure_name(k.split(':', 1)[1], lang)}: {label('engine_inline', lang)} "
                f"{fmt_num(d['engine'])} | {recs} | {verdict}"
            )
    return "\n".join(out)


def replay_payloads(
    sc: Scenario,
    seed: int = 1,
    *,
    start: dt.date | None = None,
    until: dt.date | None = None,
    lang: str = "en",
    runs_out: list[DayRun] | None = None,
    follow: Any = None,
) -> Iterable[dict[str, Any]]:
    """The payload of every day from `start` to `until` (inclusive) of the historical game;
    with `follow` (a `game.history.record.FollowRecord`), following that record's outcomes,
    each payload then saying what it applied and what the model had (`followed`)."""
    record = RunningRecord(sc)
    hooks = [follow] if follow is not None else []
    for run in history_days(sc, seed, until=until, after_resolve=hooks):
        if runs_out is not None:
            runs_out.append(run)
        last = run.after.over
        payload = day_payload(sc, run, record, lang, last=last)
        if follow is not None:
            applied = follow.applied.get(run.day, [])
            payload["followed"] = followed_payload(follow.choice, applied, lang)
            payload["record_followed"] = choice_label(follow.choice, lang)
        if start is None or run.date >= start:
            yield payload
