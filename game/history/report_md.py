"""`report SAVE --out FILE.md [--csv FILE.csv]`: an after-action report of a saved game.

The save is loaded with `game.history.saves.load_save` (every turn replayed and checked) and
its days are replayed once more through `resolve` to get each day's report. The Markdown
report gives:

1. the game: scenario, seed, days played, and the days on which either side departed from the
   historical orders;
2. the ending and the score against history (the scenario's `victory.score` items);
3. the campaign totals beside each side's record (labelled, with the article's quotes);
4. the course of the game day by day: the engine's figures, each side's claims for that day
   with the whole sentence of the article each comes from, and the divergence;
5. a table of the daily figures, also written as CSV (one row per day) with `--csv`.

`build_report` returns both texts; the command line (`game/cli/report.py`) writes the files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from game.engine.state import get_var
from game.history.citations import (
    article_day,
    campaign_claims,
    figure_map,
    history_by_date,
    quote_of,
)
from game.history.days import DayRun, record_days
from game.history.measures import MEASURES
from game.history.replay import RunningRecord, day_payload
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Fire
from game.words.history import fmt_num, record_label

#: CSV columns: (header, how to read it from a day's payload)
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", "date"),
    ("day", "day"),
    ("state_hash", "state_hash"),
    ("pla_rounds", "engine.shells.prc"),
    ("roc_rounds", "engine.shells.roc"),
    ("roc_8inch_rounds", "engine.rounds.8inch"),
    ("tons_shipped", "engine.tons.shipped"),
    ("tons_landed", "engine.tons.landed"),
    ("tons_landed_sea", "engine.tons.landed_sea"),
    ("roc_vessels_sunk", "engine.ships_sunk.roc"),
    ("roc_amtracs_lost", "engine.amtracs_lost.roc"),
    ("pla_boats_lost", "engine.boats_lost.prc"),
    ("pla_aircraft_lost", "engine.aircraft_lost.prc"),
    ("roc_aircraft_lost", "engine.aircraft_lost.roc"),
    ("roc_military_casualties", "engine.casualties.roc.military"),
    ("kinmen_civilian_casualties", "engine.casualties.roc.civilian"),
    ("pla_military_casualties", "engine.casualties.prc.military"),
    ("pla_guns_destroyed", "engine.guns_lost.prc"),
    ("roc_guns_destroyed", "engine.guns_lost.roc"),
    ("roc_commanders_hit", "engine.commanders_hit.roc"),
    ("food_t", "engine.supply.food"),
    ("food_days", "engine.supply_days.food"),
    ("morale_roc", "engine.morale.roc"),
    ("morale_prc", "engine.morale.prc"),
    ("tension", "engine.tension"),
    ("us_commitment", "engine.us_commitment"),
    ("history_pla_rounds", "history.prc"),
    ("history_roc_rounds", "history.roc"),
    ("historical_orders", "history.same"),
    ("article_silent", "article.silent"),
    ("claims", "claims"),
)


def _rounds(orders: Sequence[Any]) -> int:
    return sum(o.rounds for o in orders if isinstance(o, Fire))


def _history_orders(sc: Scenario, run: DayRun) -> dict[str, Any]:
    """What the historical record ordered that day, and whether the game gave the same."""
    hd = history_by_date(sc).get(run.date)
    hist = {s: list(hd.orders.get(s, [])) if hd else [] for s in SIDES}  # type: ignore[call-overload]
    same = {
        s: [o.to_dict() for o in run.orders.get(s, [])] == [o.to_dict() for o in hist[s]]
        for s in SIDES
    }
    return {
        "prc": _rounds(hist["prc"]),
        "roc": _rounds(hist["roc"]),
        "same_prc": same["prc"],
        "same_roc": same["roc"],
        "same": same["prc"] and same["roc"],
    }


def _get(payload: dict[str, Any], path: str) -> Any:
    head, _, rest = path.partition(".")
    if head == "engine":
        return payload["engine"].get(rest)
    if head == "history":
        return payload["_history"][rest]
    if head == "article":
        return payload["article"][rest]
    if head == "claims":
        return "; ".join(
            f"{c['side']}:{c['figure']}={fmt_num(c['value'])}"
            for c in payload["article"]["claims"] + payload["article"]["not_modelled"]
        )
    return payload[head]


def csv_text(payloads: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for h, _ in CSV_COLUMNS])
    for p in payloads:
        row = []
        for _, path in CSV_COLUMNS:
            v = _get(p, path)
            if isinstance(v, bool):
                v = int(v)
            elif isinstance(v, float):
                v = int(v) if v == int(v) else round(v, 1)
            row.append("" if v is None else v)
        w.writerow(row)
    return buf.getvalue()


def _md(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def build_report(sc: Scenario, game: Any, save_name: str = "") -> tuple[str, str]:
    """The Markdown report and the CSV of daily figures for a loaded `Game`."""
    record = RunningRecord(sc)
    runs: list[DayRun] = []
    payloads: list[dict[str, Any]] = []
    for run in record_days(game):
        runs.append(run)
        p = day_payload(sc, run, record, "en", last=run.after.over)
        p["_history"] = _history_orders(sc, run)
        payloads.append(p)
    final = game.state
    out: list[str] = []
    title = sc.meta.title.en
    out.append(f"# After-action report: {title}")
    out.append("")
    out.append(
        "Each side's claims are labelled with the record they come from (PRC record, ROC "
        "record, neutral); no side's figure is given as fact. Quotes are from the article's "
        "display text (Chinese Wikipedia 金门炮战, CC BY-SA 4.0); the whole sentence of each "
        "quote is shown with its English rendering."
    )
    out.append("")
    # -- the game --------------------------------------------------------------------------
    out.append("## The game")
    out.append("")
    first = runs[0].date.isoformat() if runs else sc.meta.start.isoformat()
    last = runs[-1].date.isoformat() if runs else "-"
    out.append(f"- Save: `{save_name or '-'}`")
    out.append(f"- Scenario: `{sc.id}` (sha256 `{sc.sha256[:12]}`), seed {game.seed}")
    out.append(
        f"- Days played: {len(runs)} of {sc.days} ({first} to {last})"
        + ("" if final.over else "; the game is not over")
    )
    departed = {
        s: [
            r.date.isoformat()
            for r, p in zip(runs, payloads, strict=True)
            if not p["_history"][f"same_{s}"]
        ]
        for s in SIDES
    }
    for s in SIDES:
        who = "PLA" if s == "prc" else "ROC"
        days = departed[s]
        if days:
            shown = ", ".join(days[:12]) + (" ..." if len(days) > 12 else "")
            out.append(f"- {who} departed from the historical orders on {len(days)} days: {shown}")
        else:
            out.append(f"- {who} followed the historical orders every day")
    out.append("")
    # -- ending and score ----------------------------------------------------------------------
    out.append("## Ending and score against history")
    out.append("")
    if final.over:
        ending = next((e for e in sc.victory.endings if e.id == final.ending), None)
        name = ending.name.en if ending else final.ending
        out.append(
            f"**{name}** (`{final.ending}`), winner: {final.winner}. "
            f"Score against history: **{final.score}** / 100."
        )
        if ending is not None:
            out.append("")
            out.append(f"{ending.text.en} / {ending.text.zh}")
            for src in ending.source:
                q = quote_of(src, sc)
                out.append("")
                out.append(f"> {q.sentence}  ")
                out.append(f"> *{q.en}*")
        past = sc.calibration.history_ending
        if past is not None:
            year = sc.meta.start.year
            same = f"as in {year}" if final.ending == past.ending else f"unlike {year}"
            out.append("")
            out.append(f"History: {past.text.en} (`{past.ending}`); this game ended {same}.")
    else:
        out.append("The game is not over: no ending yet.")
    out.append("")
    if sc.victory.score:
        out.append("| Score item | Game | History | Weight | Miss |")
        out.append("|---|---:|---:|---:|---:|")
        for item in sc.victory.score:
            actual = float(get_var(sc, final, item.var))
            scale = max(abs(item.historical), 1.0)
            miss = item.weight * min(1.0, abs(actual - item.historical) / scale)
            out.append(
                f"| {_md(item.name.en)} | {fmt_num(actual)} | {fmt_num(item.historical)} | "
                f"{fmt_num(item.weight)} | {miss:.1f} |"
            )
        out.append("")
    # -- campaign totals ---------------------------------------------------------------------
    out.append("## Campaign totals against each side's record")
    out.append("")
    out.append("| Figure | Game | Records | Within ±25% of the records' range |")
    out.append("|---|---:|---|---|")
    last_payload = payloads[-1] if payloads else None
    for measure, claims in record.campaign.items():
        if measure not in record.engine:
            continue
        values = [v for _, v in claims]
        lo, hi = min(values) * 0.75, max(values) * 1.25
        engine = record.engine[measure]
        recs = ", ".join(f"{record_label(s)} {fmt_num(v)}" for s, v in claims)
        verdict = "yes" if lo - 1e-9 <= engine <= hi + 1e-9 else "no"
        if not final.over:
            verdict += " (game not over)"
        out.append(f"| {MEASURES[measure].en} | {fmt_num(engine)} | {recs} | {verdict} |")
    out.append("")
    cited = [c for c in campaign_claims(sc) if c.quote]
    if cited:
        out.append("Sources of the campaign figures:")
        out.append("")
        seen: set[str] = set()
        for c in cited:
            q = quote_of(c, sc)
            if q.sentence in seen:
                continue
            seen.add(q.sentence)
            out.append(f"- {record_label(c.side)}: {q.sentence} — *{_md(c.en)}*")
        nm = [c for c in campaign_claims(sc) if figure_map(sc, c.figure).measure is None]
        for c in nm:
            out.append(
                f"- Not modelled: {record_label(c.side)} {fmt_num(c.value)} ({_md(c.en)}): "
                f"{figure_map(sc, c.figure).reason}"
            )
        out.append("")
    # -- day by day --------------------------------------------------------------------------
    out.append("## The course of the game, day by day")
    out.append("")
    for run, p in zip(runs, payloads, strict=True):
        art = p["article"]
        out.append(f"### {p['date']} (day {p['day']})")
        out.append("")
        out.append(f"*History:* {_md(art['summary'])}")
        out.append("")
        h = p["_history"]
        if h["same"]:
            out.append("Orders: the historical record on both sides.")
        else:
            bits = []
            for s, who in (("prc", "PLA"), ("roc", "ROC")):
                if not h[f"same_{s}"]:
                    bits.append(
                        f"{who} departed from history ({fmt_num(p['engine'][f'shells.{s}'])} "
                        f"rounds fired; history ordered {fmt_num(h[s])})"
                    )
            out.append("Orders: " + "; ".join(bits) + ".")
        out.append("")
        out.append("*Game:* " + ("; ".join(_md(x) for x in p["engine"]["lines"]) or "quiet."))
        out.append("")
        if art["silent"]:
            out.append(f"*The article is silent on this day.* Assumption: {_md(art['assumption'])}")
            out.append("")
        day = article_day(sc, run.date)
        if day.claims:
            out.append("| Figure | Record | Claim | Game | Within ±25% |")
            out.append("|---|---|---:|---:|---|")
            for dc in day.claims:
                m = figure_map(sc, dc.figure, run.date)
                if m.measure is None:
                    game_v, verdict = "-", f"not modelled: {m.reason}"
                else:
                    div = p["divergence"].get(m.measure, {})
                    game_v = fmt_num(div.get("engine", 0.0))
                    verdict = "yes" if div.get("within") else "no"
                name = MEASURES[m.measure].en if m.measure else dc.figure
                rec = record_label(dc.side, variant=dc.variant or None)
                out.append(
                    f"| {_md(name)} | {rec} | {fmt_num(dc.value)} "
                    f"({_md(dc.text_en)}) | {game_v} | {_md(verdict)} |"
                )
            out.append("")
        for q in art["quotes"]:
            out.append(f"> {q['sentence']}  ")
            out.append(f"> *{_md(q['en'])}*")
            out.append("")
        if p["events"]:
            out.append(
                "Events: " + "; ".join(f"{_md(e['title'])} ({e['label']})" for e in p["events"])
            )
            out.append("")
    # -- daily figures ------------------------------------------------------------------------
    out.append("## Daily figures")
    out.append("")
    out.append(
        "| Date | PLA rounds | ROC rounds | Tons landed | ROC vessels sunk | PLA boats lost | "
        "PLA / ROC aircraft lost | ROC / PLA military casualties | Food (days) | Tension |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in payloads:
        e = p["engine"]
        out.append(
            f"| {p['date']} | {fmt_num(e['shells.prc'])} | {fmt_num(e['shells.roc'])} | "
            f"{fmt_num(e['tons.landed'])} | {fmt_num(e['ships_sunk.roc'])} | "
            f"{fmt_num(e['boats_lost.prc'])} | {fmt_num(e['aircraft_lost.prc'])} / "
            f"{fmt_num(e['aircraft_lost.roc'])} | {fmt_num(e['casualties.roc.military'])} / "
            f"{fmt_num(e['casualties.prc.military'])} | {fmt_num(e.get('supply_days.food', 0))} | "
            f"{fmt_num(e['tension'])} |"
        )
    out.append("")
    if last_payload is None:
        out.append("No day was played.")
        out.append("")
    return "\n".join(out), csv_text(payloads)
