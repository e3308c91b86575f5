"""The historian's check: how players behaved, beside what the sources say they did.

A scenario lists its checks in `historian_check:` (model `HistorianCheck`), each a generic
test with its dates, side and the record's words, so a mod gets the same check as the 1958
scenario. `tally_turn` counts one game's turns into a `Counter` (keys `<check id>.<count>`,
summed over games by the tournament), `results` turns the summed counts into one row per check.

Tests (the check's side is `side`):
- `night_convoys`: the share of the side's convoys sailed at night between `from` and `to`;
- `halts_kept`: the share of days the side was bound by its own declared halt (or odd-day
  rule) on which it did not fire (a declaration ending the halt that day excuses the fire);
- `counter_battery`: from the day the side's first group of `calibre_min` mm or more can fire,
  the share of its rounds aimed at enemy batteries, the share of those heavy guns' rounds, and
  rounds on batteries a day before and after that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from game.engine.legality import shelling_restricted
from game.engine.run import Turn
from game.scenario.memo import per_scenario
from game.scenario.model import HistorianCheck, Scenario
from game.scenario.orders import Convoy, Fire, MakeMove


@per_scenario
def _heavy_cache(sc: Scenario) -> dict[str, tuple[set[str], dt.date | None]]:
    return {}


def _heavy(sc: Scenario, ck: HistorianCheck) -> tuple[set[str], dt.date | None]:
    """The check's heavy groups and the first day one of them can fire (cached per scenario)."""
    cache = _heavy_cache(sc)
    if ck.id not in cache:
        heavy = [g for g in sc.artillery if g.side == ck.side and g.calibre_mm >= ck.calibre_min]
        start = min((g.available_from or sc.meta.start for g in heavy), default=None)
        cache[ck.id] = ({g.id for g in heavy}, start)
    return cache[ck.id]


def _halt_change(sc: Scenario, move_id: str, declares: bool) -> bool:
    """A move that declares a halt (`declares`) or ends one by declaration."""
    m = sc.move(move_id)
    return any(
        e.set == "halt_days"
        and not isinstance(e.value, bool)
        and ((e.value > 0) if declares else (e.value <= 0))
        for e in m.effects
    )


def tally_turn(sc: Scenario, turn: Turn, date: dt.date, h: Counter[str]) -> None:
    """Count one resolved turn into `h` for every check of the scenario."""
    groups = sc.by_id["artillery"]
    for ck in sc.historian_check:
        k = ck.id + "."
        orders = turn.orders.get(ck.side, [])
        if ck.test == "night_convoys":
            if (ck.start is None or date >= ck.start) and (ck.end is None or date <= ck.end):
                for o in orders:
                    if isinstance(o, Convoy):
                        h[k + "convoys"] += 1
                        h[k + "night"] += o.night
        elif ck.test == "halts_kept":
            if shelling_restricted(sc, turn.before, ck.side):
                h[k + "restricted_days"] += 1
                resumed = any(
                    isinstance(o, MakeMove) and _halt_change(sc, o.move, False) for o in orders
                )
                if not resumed and any(isinstance(o, Fire) for o in orders):
                    h[k + "restricted_fired"] += 1
            h[k + "halts"] += sum(
                1 for o in orders if isinstance(o, MakeMove) and _halt_change(sc, o.move, True)
            )
        elif ck.test == "counter_battery":
            heavy_ids, heavy_from = _heavy(sc, ck)
            if heavy_from is None:
                continue
            after = date >= heavy_from
            for o in orders:
                if not isinstance(o, Fire):
                    continue
                on_battery = o.target in groups
                if not after:
                    h[k + "cb_before"] += o.rounds if on_battery else 0
                    continue
                h[k + "rounds_after"] += o.rounds
                h[k + "cb_after"] += o.rounds if on_battery else 0
                if o.group in heavy_ids:
                    h[k + "heavy_rounds"] += o.rounds
                    h[k + "heavy_cb"] += o.rounds if on_battery else 0
            h[k + ("days_after" if after else "days_before")] += 1


def _share(num: float, den: float) -> float | None:
    return round(num / den, 3) if den else None


def _per(num: float, den: float, digits: int = 1) -> float | None:
    return round(num / den, digits) if den else None


def results(sc: Scenario, h: Mapping[str, float], games: int) -> list[dict[str, Any]]:
    """One row per check from counts summed over `games` games: its share (None: no case
    arose) and the figures behind it."""
    out = []
    for ck in sc.historian_check:
        k = ck.id + "."

        def c(name: str, k: str = k) -> float:
            return float(h.get(k + name, 0))

        row: dict[str, Any] = {
            "id": ck.id,
            "test": ck.test,
            "name": ck.name.en,
            "name_zh": ck.name.zh,
            "record": ck.record.en,
            "record_zh": ck.record.zh,
        }
        if ck.test == "night_convoys":
            row["share"] = _share(c("night"), c("convoys"))
            row["convoys_per_game"] = _per(c("convoys"), games)
        elif ck.test == "halts_kept":
            days = c("restricted_days")
            row["share"] = None if not days else round(1.0 - c("restricted_fired") / days, 3)
            row["restricted_days_per_game"] = _per(days, games)
            row["halt_declarations_per_game"] = _per(c("halts"), games, 2)
        else:
            row["share"] = _share(c("cb_after"), c("rounds_after"))
            row["heavy_share"] = _share(c("heavy_cb"), c("heavy_rounds"))
            row["cb_rounds_a_day_before"] = _per(c("cb_before"), c("days_before"))
            row["cb_rounds_a_day_after"] = _per(c("cb_after"), c("days_after"))
        out.append(row)
    return out


def format_rows(rows: list[dict[str, Any]]) -> list[str]:
    """The check as the lines `simulate --runs` prints."""

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.0%}"

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:,.0f}"

    lines = ["Historian's check                         games    the record"]
    if not rows:
        lines.append("  (the scenario gives no historian_check)")
    for r in rows:
        extra = ""
        if r["test"] == "night_convoys":
            extra = f" ({r['convoys_per_game']} convoys a game)"
        elif r["test"] == "halts_kept":
            extra = (
                f" ({r['restricted_days_per_game']} such days, "
                f"{r['halt_declarations_per_game']} halts declared a game)"
            )
        lines.append(f"  {r['name']:<38} {pct(r['share']):>6}   {r['record']}{extra}")
        if r["test"] == "counter_battery":
            lines.append(f"  {'  those guns rounds on batteries':<38} {pct(r['heavy_share']):>6}")
            lines.append(
                f"  rounds on batteries a day, before / after: {num(r['cb_rounds_a_day_before'])}"
                f" / {num(r['cb_rounds_a_day_after'])}"
            )
    return lines
