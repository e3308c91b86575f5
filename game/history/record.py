"""The replay that follows the record: each historical day's recorded outcomes (the scenario's
`history: ... outcomes:`) applied after the engine resolves the day, through the turn driver's
`after_resolve` hook, so nothing the replay shows as having happened contradicts the article.

Accounts disagree (the ROC claims eight torpedo boats sunk on 24 August, the PRC one), so the
viewer chooses which record to follow: a `Choice` is a record ("prc", "roc", "us", "neutral")
and, for the neutral narratives the article gives twice, which one ("neutral:narrative B").
For each thing a day's outcomes speak of (a total, an officer, a ship) the chosen record's
outcome is taken; where that record is silent, the neutral narrative's, then the others' in a
fixed order, and the screen says whose record each applied outcome comes from.

`FollowRecord(sc, choice)` is the hook. It keeps, per day, what it applied and what the engine
had resolved for the same thing ("the model"), for the screen and its divergence. The fates it
applies are a function of the scenario, the choice and the date only, so a replay sought to day
N and one stepped to it are the same state.

Stdlib only (no pygame).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.report import Report
from game.engine.state import State
from game.scenario.model import HistoryDay, Outcome, Scenario
from game.scenario.orders import Convoy
from game.words.history import fmt_num, label, record_label

#: the records a viewer may follow, in the order the fallback tries them
RECORDS = ("neutral", "prc", "roc", "us")

#: a record, or "neutral:<variant>" for one of the neutral narratives
Choice = str

#: the choice a replay follows unless the viewer picks another
DEFAULT: Choice = "neutral"


def split(choice: Choice) -> tuple[str, str | None]:
    record, _, variant = choice.partition(":")
    return record, (variant or None)


def choices(sc: Scenario) -> list[Choice]:
    """Every record a viewer may follow: the neutral narratives that disagree about a day's
    outcome (one choice each, else plain "neutral"), then PRC, ROC and US."""
    variants: list[str] = []
    for day in sc.history:
        for outs in _by_subject(day.outcomes).values():
            vs = [o.variant for o in outs if o.record == "neutral" and o.variant]
            if len(set(vs)) > 1:
                variants += [v for v in vs if v not in variants]
    neutral = [f"neutral:{v}" for v in sorted(variants)] or ["neutral"]
    return [*neutral, "prc", "roc", "us"]


def subject(o: Outcome) -> tuple[str, str]:
    """What an outcome speaks of: ("total", name), ("commander", id) or ("ship", id)."""
    if o.commander is not None:
        return ("commander", o.commander)
    if o.ship is not None:
        return ("ship", o.ship)
    return ("total", o.total or "")


def _by_subject(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], list[Outcome]]:
    out: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        out.setdefault(subject(o), []).append(o)
    return out


def _rank(o: Outcome, choice: Choice) -> tuple[int, int]:
    record, variant = split(choice)
    if o.record == record and (variant is None or o.variant in (variant, None)):
        return (0, 0)
    if o.record == record:
        return (1, 0)
    if o.record == "neutral":
        return (2, 0)
    return (3, RECORDS.index(o.record))


def chosen(day: HistoryDay, choice: Choice) -> list[Outcome]:
    """The day's outcomes the choice follows: one per subject, in the file's order."""
    picked = {
        s: min(outs, key=lambda o: _rank(o, choice))
        for s, outs in _by_subject(day.outcomes).items()
    }
    return [o for o in day.outcomes if picked.get(subject(o)) is o]


def follows(o: Outcome, choice: Choice) -> bool:
    """Whether `o` is the chosen record's own outcome (not a fallback to another record)."""
    return _rank(o, choice)[0] == 0


@dataclass
class Applied:
    """One outcome applied on one day: what the record says and what the engine had."""

    outcome: Outcome
    #: the record's value (a total's change that day) or fate
    record: float | str
    #: the engine's own resolution of the same thing
    model: float | str

    @property
    def differs(self) -> bool:
        if isinstance(self.record, str) or isinstance(self.model, str):
            return self.record != self.model
        return abs(self.record - self.model) > 0.05


@dataclass
class FollowRecord:
    """The `after_resolve` hook of a replay that follows `choice`'s record."""

    sc: Scenario
    choice: Choice = DEFAULT
    #: day index (0 = the first day) -> the outcomes applied that day
    applied: dict[int, list[Applied]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._days = {d.date: d for d in self.sc.history}

    def date(self, state: State) -> dt.date:
        return self.sc.meta.start + dt.timedelta(days=state.day)

    def fates(self, date: dt.date) -> dict[str, str]:
        """Each named officer's fate by the chosen record as of `date` (the last recorded)."""
        out: dict[str, str] = {}
        for day in self.sc.history:
            if day.date > date:
                break
            for o in chosen(day, self.choice):
                if o.commander is not None and o.fate is not None:
                    out[o.commander] = o.fate
        return out

    def __call__(self, before: State, state: State, report: Report) -> State:
        date = self.date(before)
        day = self._days.get(date)
        done: list[Applied] = []
        picked = chosen(day, self.choice) if day is not None else []
        # totals first: a named ship's dead then count among the day's killed
        for o in picked:
            if o.total is not None and o.value is not None:
                done.append(Applied(o, o.value, _set_total(self.sc, before, state, report, o)))
        for o in picked:
            if o.ship is not None and o.fate is not None:
                done.append(Applied(o, o.fate, _set_ship(self.sc, before, state, o)))
        # the record's officers keep their recorded fates on every later day as well
        named = {o.commander: o for o in picked if o.commander}
        for cid, fate in self.fates(date).items():
            model = _set_commander(self.sc, before, state, cid, fate)
            if cid in named:
                done.append(Applied(named[cid], fate, model))
        if done:
            self.applied[before.day] = done
        return state


# -- as the screen and the headless replay show it ---------------------------------------


def choice_label(choice: Choice, lang: str = "en") -> str:
    """The record a choice follows, as the screen names it ("neutral (narrative B)")."""
    record, variant = split(choice)
    if variant and lang != "en" and variant[-2:-1] == " " and variant[-1:] in "AB":
        # the variants are English tags ("narrative A"): Chinese names the narrative by letter
        letter = label("variant_letter", lang, letter="甲乙"["AB".index(variant[-1:])])
        return f"{label(f'record.{record}', lang)}（{letter}）"
    return record_label(record, lang, variant)


def _shown(value: float | str, lang: str) -> str:
    return label(f"fate.{value}", lang) if isinstance(value, str) else fmt_num(value)


def followed_payload(choice: Choice, applied: Sequence[Applied], lang: str) -> list[dict[str, Any]]:
    """The outcomes applied on a day, as plain data: the record's words, whose record, the
    record's value and the model's, and whether the chosen record gives it or another does."""
    out = []
    for a in applied:
        o = a.outcome
        out.append(
            {
                "subject": o.total or o.ship or o.commander,
                "record": o.record,
                "variant": o.variant,
                "label": choice_label(f"{o.record}:{o.variant}" if o.variant else o.record, lang),
                "own": follows(o, choice),
                "text": (o.text.zh if lang == "zh-Hant" else o.text.en) if o.text else "",
                "value": a.record,
                "model": a.model,
                "value_text": _shown(a.record, lang),
                "model_text": _shown(a.model, lang),
                "differs": a.differs,
                "quotes": [{"quote": q.quote, "en": q.sentence_en or q.en} for q in o.source],
            }
        )
    return out


# -- applying one outcome ----------------------------------------------------------------


def _today(before: State, state: State, total: str) -> float:
    return state.totals.get(total, 0.0) - before.totals.get(total, 0.0)


def _sea_landed(report: Report, side: str) -> float:
    return sum(
        e.data.get("landed", 0.0) for e in report.entries if e.kind == "convoy" and e.side == side
    )


def _set_total(sc: Scenario, before: State, state: State, report: Report, o: Outcome) -> float:
    """Make the day's change of `o.total` the record's value; returns the engine's."""
    name, value = o.total or "", float(o.value or 0.0)
    if name == "tons.landed":
        return _set_landed(sc, state, report, value)
    model = _today(before, state, name)
    delta = value - model
    state.totals[name] = state.totals.get(name, 0.0) + delta
    kind, _, rest = name.partition(".")
    side = rest.split(".")[0]
    if kind == "casualties" and rest.endswith("military"):
        # the killed among them keep the engine's share (none when it had no casualties)
        killed = f"killed.{rest}"
        k = _today(before, state, killed)
        share = k / model if model > 0 else 0.0
        state.totals[killed] = before.totals.get(killed, 0.0) + value * share
    elif kind == "aircraft_lost":
        _planes(sc, before, state, side, delta)
    elif kind == "ships_lost":
        _hulls(sc, before, state, side, delta)
    return model


def _set_landed(sc: Scenario, state: State, report: Report, value: float) -> float:
    """Tons landed by sea: the difference goes to (or comes from) the stocks, in the day's
    cargo shares; tons not landed went home (the convoy turned back)."""
    side = sc.cast.besieged
    model = _sea_landed(report, side)
    delta = value - model
    t = state.totals
    t["tons.landed"] += delta
    if delta < 0:
        t["tons.returned"] = t.get("tons.returned", 0.0) - delta
    else:
        back = min(delta, t.get("tons.returned", 0.0))
        t["tons.returned"] = t.get("tons.returned", 0.0) - back
        lost = min(delta - back, t["tons.lost"])
        t["tons.lost"] -= lost
        t["tons.shipped"] += delta - back - lost
    shares = _cargo_shares(sc, state)
    for kind, share in shares.items():
        state.supply[kind] = max(0.0, state.supply[kind] + delta * share)
    return model


def _cargo_shares(sc: Scenario, state: State) -> dict[str, float]:
    """The day's historical convoy cargo by kind, as shares (all food when there is none)."""
    date = sc.meta.start + dt.timedelta(days=state.day)
    cargo: dict[str, float] = {}
    for day in sc.history:
        if day.date == date:
            for o in day.orders.get(sc.cast.besieged, []):
                if isinstance(o, Convoy):
                    for kind, tons in o.cargo.items():
                        cargo[kind] = cargo.get(kind, 0.0) + tons
    total = sum(cargo.values())
    food = sc.cast.food
    if total <= 0:
        return {food: 1.0} if food is not None else {}
    return {k: v / total for k, v in cargo.items() if k in state.supply}


def _shift(
    now: dict[str, Any], before: Mapping[str, Any], take: list[str], back: list[str], delta: float
) -> None:
    """Take `delta` more from `now` in the order of `take`, or (delta < 0) give back to the
    entries of `back` what they lost since `before` (ships count whole: an int `delta` keeps
    their numbers ints)."""
    if delta > 0:
        for k in take:
            n = min(delta, now[k])
            now[k] -= n
            delta -= n
    else:
        for k in back:
            n = min(-delta, max(0, before[k] - now[k]))
            now[k] += n
            delta += n


def _planes(sc: Scenario, before: State, state: State, side: str, delta: float) -> None:
    """Take `delta` more aircraft from the side's fighters (or give back those lost today)."""
    units = [a.id for a in sc.air if a.side == side]
    fighters = [a.id for a in sc.air if a.side == side and a.role == "fighter"] or units
    _shift(state.aircraft, before.aircraft, fighters, units, delta)


def _hulls(sc: Scenario, before: State, state: State, side: str, delta: float) -> None:
    """Take `delta` more ships (the side's attack craft first) or give back those lost today."""
    order = ("torpedo_boat", "gunboat", "transport", "escort", "amtrac")
    classes = sorted((c for c in sc.ships if c.side == side), key=lambda c: order.index(c.role))
    ids = [c.id for c in classes]
    _shift(state.ships, before.ships, ids, ids, round(delta))


def _ship_class(sc: Scenario, ship: str) -> str:
    return next(c.id for c in sc.ships for s in c.named_ships if s.id == ship)


def _set_ship(sc: Scenario, before: State, state: State, o: Outcome) -> str:
    """A named ship's recorded fate; returns the engine's ("damaged" when it was hit today)."""
    ship, fate = o.ship or "", o.fate or "afloat"
    rec = state.named_ships.get(ship)
    old = before.named_ships.get(ship)
    if rec is None or old is None:
        return "afloat"
    model = str(rec["fate"])
    if model == "afloat" and rec["damaged"] > old["damaged"]:
        model = "damaged"
    cls = _ship_class(sc, ship)
    side = sc.ship_class(cls).side
    t = state.totals
    # the side's ships lost and damaged follow the named ship's recorded fate
    if fate == "sunk" and rec["fate"] == "afloat":
        rec["fate"] = "sunk"
        state.ships[cls] = max(0, state.ships[cls] - 1)
        t[f"ships_lost.{side}"] += 1
        if model == "damaged":
            t[f"ships_damaged.{side}"] -= 1
    elif fate == "sunk" and rec["fate"] == "wrecked":
        # written off by the engine, sunk by the record: the hull is gone either way, so only
        # the count it is in changes
        rec["fate"] = "sunk"
        t[f"ships_lost.{side}"] += 1
        t[f"ships_wrecked.{side}"] -= 1
        t[f"ships_damaged.{side}"] -= 1
    elif fate in ("damaged", "afloat", "turned_back") and rec["fate"] != "afloat":
        if rec["fate"] == "sunk":
            t[f"ships_lost.{side}"] -= 1
        else:
            t[f"ships_wrecked.{side}"] -= 1
            t[f"ships_damaged.{side}"] -= 1
        rec["fate"] = "afloat"
        state.ships[cls] += 1
    if fate == "damaged" and rec["damaged"] == old["damaged"]:
        rec["damaged"] += 1
        rec["until"] = state.day + int(sc.rule("ship_repair_days"))
        t[f"ships_damaged.{side}"] += 1
    if o.killed is not None:
        rec["killed"] = old["killed"] + o.killed
        # those killed aboard are among the side's killed that day
        killed = f"killed.{side}.military"
        t[killed] = max(t[killed], before.totals.get(killed, 0.0) + o.killed)
    return model


def _set_commander(sc: Scenario, before: State, state: State, cid: str, fate: str) -> str:
    """A named officer's recorded fate; returns the engine's. An officer the engine hit and
    the record has unhurt gets his side's fire control and morale back."""
    model = state.commanders.get(cid, "ok")
    if model == fate or cid not in state.commanders:
        return model
    side = next(c.side for c in sc.commanders if c.id == cid)
    was = before.commanders[cid]
    state.commanders[cid] = fate
    lost = f"commanders_lost.{side}"
    if was == "ok" and model != "ok" and fate == "ok":
        state.totals[lost] -= 1
        state.fire_control_loss[side] = max(
            0.0, state.fire_control_loss[side] - sc.rule("commander_accuracy_loss")
        )
        state.morale[side] = min(100.0, state.morale[side] + sc.rule("commander_morale_loss"))
    elif was == "ok" and model == "ok" and fate != "ok":
        state.totals[lost] += 1
    return model


# -- in a save ------------------------------------------------------------------------------

#: a record choice as a save may name it: a record, or "neutral:<narrative>"
_CHOICE = re.compile(r"(prc|roc|us|neutral)(:[A-Za-z0-9 _-]{1,30})?")


def followed_body(record: Any) -> dict[str, Any]:
    """A taken-over game's `followed` save field (docs/save-format.md): the record its first
    `days` turns followed."""
    return {"record": record.follow, "days": record.follow_days}


def read_followed(value: Any, turns: int) -> tuple[str | None, int, str]:
    """A save's `followed` field checked: (record, days, "") or (None, 0, why it is bad).
    Absent, the game never followed a record."""
    if value is None:
        return None, 0, ""
    if not isinstance(value, dict) or set(value) != {"record", "days"}:
        return None, 0, "is not an object with exactly record and days"
    rec, days = value["record"], value["days"]
    if not isinstance(rec, str) or _CHOICE.fullmatch(rec) is None:
        return None, 0, "record is not prc, roc, us, neutral or neutral:<narrative>"
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= turns:
        return None, 0, f"days is not a whole number between 0 and {turns}"
    return rec, days, ""
