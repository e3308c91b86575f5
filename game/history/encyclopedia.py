"""The in-game encyclopedia: one article per thing a player meets, generated from the scenario.

Every article is built from the scenario's data (its units, targets, moves, events, rules and
endings) and the order vocabulary, so a mod gets articles about its own things without a line of
code. An article carries the facts as locale keys with their figures (`Fact`), never finished
sentences, so one article reads in either language; and it carries what the data says it rests
on: the source quotes (Chinese sentence and its English rendering) and the assumptions with
their reasons, so "Why?" always has an answer.

Only static scenario data is read. Given a side's `Observation`, an enemy battery that has not
yet arrived for that side (`GroupView.exists`) is left out, exactly as the map leaves it out;
nothing else of the game's state is looked at, so an article can never show a hidden figure
such as the enemy's guns left today (tests/test_encyclopedia.py holds it to that).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from game.engine.legality import fire_distance
from game.engine.observe import Observation
from game.scenario.catalogue import RULES
from game.scenario.memo import per_scenario
from game.scenario.model import Condition, Effect, Scenario, Source, Text, other
from game.scenario.orders import ORDER_TYPES
from game.words.render import _num, condition, variable
from game.words.strings import Words, words

#: the encyclopedia's chapters, in the order the screen lists them
CATEGORIES = (
    "endings",
    "artillery",
    "targets",
    "ships",
    "air",
    "commanders",
    "supply",
    "orders",
    "moves",
    "events",
    "rules",
)


@dataclass(frozen=True)
class Word:
    """A figure that is itself a locale key (`target.pier`), put into words when shown."""

    key: str


@dataclass(frozen=True)
class English:
    """A plain string the scenario writes in English only (a weapon, an aircraft type), shown
    through its translation catalogue (`Words.english`)."""

    text: str


@dataclass(frozen=True)
class Cond:
    """A condition of the data (`var op value`), shown in the player's words."""

    var: str
    op: str
    value: Any


@dataclass(frozen=True)
class Change:
    """An effect of the data (set or add a variable), shown in the player's words."""

    var: str
    add: bool
    value: Any


@dataclass(frozen=True)
class Either:
    """Alternatives in one sentence ("You lose: a, b or c"): put into words by
    `Words.either`, so the later items read mid-sentence in the player's language."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Fact:
    """One line of an article: a locale key and its figures (`Text`, `Word`, `Cond`, `Change`,
    numbers, dates and lists of these are put into words when shown)."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    category: str
    #: a scenario `Text`, or a `Word` for the things named by the game (orders, rules)
    title: Any
    side: str | None
    facts: tuple[Fact, ...]
    sources: tuple[Source, ...]
    #: (field, reason) pairs of the entry's `assumption:` ("" names the whole entry)
    assumptions: tuple[tuple[str, str], ...]


def fact(key: str, **fields: Any) -> Fact:
    return Fact(key, tuple(fields.items()))


def _assumed(obj: Any) -> tuple[tuple[str, str], ...]:
    a = getattr(obj, "assumption", None) or {}
    return tuple(a.items())


def _sources(obj: Any) -> tuple[Source, ...]:
    return tuple(getattr(obj, "source", None) or ())


def _conds(conds: list[Condition]) -> tuple[Cond, ...]:
    return tuple(Cond(c.var, c.op, c.value) for c in conds)


def _changes(effects: list[Effect]) -> tuple[Change, ...]:
    out = []
    for e in effects:
        if e.set is not None:
            out.append(Change(e.set, False, e.value))
        elif e.add is not None:
            out.append(Change(e.add, True, e.value))
    return tuple(out)


# -- the chapters --------------------------------------------------------------------------------


def _endings(sc: Scenario) -> list[Article]:
    out = []
    for e in sc.victory.endings:
        facts = [
            fact("", winner=Word(f"winner.{e.winner}")),
            fact("", text=e.text),
        ]
        facts += ending_facts(e)
        out.append(
            Article(
                f"ending.{e.id}", "endings", e.name, None, tuple(facts), _sources(e), _assumed(e)
            )
        )
    return out


def ending_facts(e: Any) -> list[Fact]:
    """When an ending comes: its conditions, how long they must hold, or the last day."""
    facts = []
    if e.when:
        facts.append(fact("cyclo.when", conds=_conds(e.when)))
    else:
        facts.append(fact("cyclo.when_otherwise"))
    if e.at_end:
        facts.append(fact("cyclo.at_end"))
    elif e.for_days > 1:
        facts.append(fact("cyclo.for_days", n=e.for_days))
    return facts


def _reach(sc: Scenario, g: Any) -> tuple[Text, ...]:
    """The enemy targets a battery reaches, nearest first (places never move: static data)."""
    enemy = other(g.side)
    inside = [
        (fire_distance(sc, g, t.id), t.name)
        for t in sc.targets
        if t.side == enemy and fire_distance(sc, g, t.id) <= g.range_km
    ]
    return tuple(name for _, name in sorted(inside, key=lambda x: x[0]))


def _artillery(sc: Scenario) -> list[Article]:
    out = []
    for g in sc.artillery:
        facts = [
            fact("cyclo.side", side=Word(f"side.{g.side}")),
            fact("cyclo.guns", guns=g.guns, calibre=g.calibre_mm, weapon=English(g.weapon)),
            fact("cyclo.range", km=g.range_km, shell=g.shell_kg),
            fact("cyclo.rate", rounds=g.rounds_per_gun, day=g.rounds_per_gun * g.guns),
            fact("cyclo.place", place=sc.place(g.place).name),
        ]
        if g.available_from is not None:
            facts.append(fact("cyclo.from", date=g.available_from))
        if g.coastal:
            facts.append(fact("cyclo.coastal"))
        if g.self_propelled:
            facts.append(fact("cyclo.self_propelled"))
        reach = _reach(sc, g)
        facts.append(fact("cyclo.reaches", things=reach) if reach else fact("cyclo.reaches_none"))
        out.append(
            Article(
                f"artillery.{g.id}",
                "artillery",
                g.name,
                g.side,
                tuple(facts),
                _sources(g),
                _assumed(g),
            )
        )
    return out


def _targets(sc: Scenario) -> list[Article]:
    out = []
    for t in sc.targets:
        facts = [
            fact("cyclo.side", side=Word(f"side.{t.side}")),
            fact("cyclo.kind", kind=Word(f"target.{t.kind}")),
            fact(f"cyclo.about_{t.kind}") if t.kind in _KIND_NOTES else None,
            fact("cyclo.hardness", kg=t.hardness_kg),
            fact("cyclo.repair", pts=t.repair_per_day) if t.repair_per_day else None,
            fact("cyclo.capacity", day=t.capacity_day_t, night=t.capacity_night_t)
            if t.capacity_day_t or t.capacity_night_t
            else None,
            fact("cyclo.place", place=sc.place(t.place).name),
        ]
        shooters = tuple(
            g.name
            for g in sc.artillery
            if g.side != t.side and fire_distance(sc, g, t.id) <= g.range_km
        )
        if shooters:
            facts.append(fact("cyclo.in_range_of", things=shooters))
        out.append(
            Article(
                f"target.{t.id}",
                "targets",
                t.name,
                t.side,
                tuple(f for f in facts if f),
                _sources(t),
                _assumed(t),
            )
        )
    return out


_KIND_NOTES = (
    "beach",
    "pier",
    "airfield",
    "command_post",
    "observation_post",
    "town",
    "battery_area",
)


def _ships(sc: Scenario) -> list[Article]:
    out = []
    for c in sc.ships:
        facts = [
            fact("cyclo.side", side=Word(f"side.{c.side}")),
            fact("cyclo.ship_role", role=Word(f"cyclo.role_{c.role}"), n=c.count),
            fact(f"cyclo.about_ship_{c.role}"),
        ]
        if c.cargo_t:
            facts.append(fact("cyclo.cargo", t=c.cargo_t))
        if c.attack or c.attack_escort:
            facts.append(fact("cyclo.attack", a=c.attack, e=c.attack_escort))
        if c.defence:
            facts.append(fact("cyclo.defence", d=c.defence))
        if c.turnaround_days > 1:
            facts.append(fact("cyclo.turnaround", n=c.turnaround_days))
        if c.named_ships:
            facts.append(fact("cyclo.named", things=tuple(s.name for s in c.named_ships)))
        out.append(
            Article(f"ship.{c.id}", "ships", c.name, c.side, tuple(facts), _sources(c), _assumed(c))
        )
    return out


def _air(sc: Scenario) -> list[Article]:
    out = []
    for u in sc.air:
        facts = [
            fact("cyclo.side", side=Word(f"side.{u.side}")),
            fact(
                "cyclo.air_role",
                role=Word(f"cyclo.role_{u.role}"),
                n=u.count,
                plane=English(u.aircraft),
            ),
            fact(f"cyclo.about_air_{u.role}"),
        ]
        if u.cargo_t:
            facts.append(fact("cyclo.air_cargo", t=u.cargo_t))
        if u.replacements_per_day:
            facts.append(fact("cyclo.replacements", n=u.replacements_per_day))
        if u.missiles_from is not None:
            facts.append(fact("cyclo.missiles", date=u.missiles_from, f=u.missile_factor))
        if u.base is not None:
            facts.append(fact("cyclo.base", place=sc.place(u.base).name))
        out.append(
            Article(f"air.{u.id}", "air", u.name, u.side, tuple(facts), _sources(u), _assumed(u))
        )
    return out


def _commanders(sc: Scenario) -> list[Article]:
    out = []
    for c in sc.commanders:
        facts = [
            fact("cyclo.side", side=Word(f"side.{c.side}")),
            fact("", role=c.role),
            fact("cyclo.post", post=sc.target(c.post).name),
            fact("cyclo.about_commander"),
        ]
        out.append(
            Article(
                f"commander.{c.id}",
                "commanders",
                c.name,
                c.side,
                tuple(facts),
                _sources(c),
                _assumed(c),
            )
        )
    return out


def _supply(sc: Scenario) -> list[Article]:
    out = []
    holder = sc.cast.besieged
    for k in sc.supply.kinds:
        days = k.stock_t / k.daily_use_t if k.daily_use_t else 0.0
        facts = [
            fact("cyclo.stock", side=Word(f"side.{holder}"), t=k.stock_t, use=k.daily_use_t),
            fact("cyclo.stock_days", days=round(days))
            if k.daily_use_t
            else fact("cyclo.stock_no_use"),
        ]
        if k.id == sc.cast.food:
            facts.append(fact("cyclo.about_food"))
        if k.id == sc.cast.ammo:
            facts.append(fact("cyclo.about_ammo"))
        out.append(
            Article(
                f"supply.{k.id}", "supply", k.name, holder, tuple(facts), _sources(k), _assumed(k)
            )
        )
    return out


def _orders(sc: Scenario) -> list[Article]:
    """The order kinds of the game's vocabulary (the same in every scenario)."""
    return [
        Article(
            f"order.{name}",
            "orders",
            Word(f"cyclo.order_{name}"),
            None,
            (fact(f"cyclo.about_order_{name}"),),
            (),
            (),
        )
        for name in ORDER_TYPES
    ]


def _moves(sc: Scenario) -> list[Article]:
    out = []
    for m in sc.moves:
        facts = [
            fact("cyclo.side", side=Word(f"side.{m.side}")),
            fact("cyclo.move_kind", kind=Word(f"cyclo.move_{m.kind}")),
            fact("", text=m.text),
        ]
        if m.available_from is not None:
            facts.append(fact("cyclo.from", date=m.available_from))
        if m.requires:
            facts.append(fact("cyclo.requires", conds=_conds(m.requires)))
        if m.effects:
            facts.append(fact("cyclo.effects", changes=_changes(m.effects)))
        if m.once:
            facts.append(fact("cyclo.once"))
        out.append(
            Article(f"move.{m.id}", "moves", m.name, m.side, tuple(facts), _sources(m), _assumed(m))
        )
    return out


def _events(sc: Scenario) -> list[Article]:
    out = []
    for e in sc.events:
        facts = [
            fact("cyclo.event_kind", kind=Word(f"eventkind.{e.kind}")),
            fact("", text=e.text),
        ]
        if e.date is not None:
            facts.append(fact("cyclo.on_date", date=e.date))
        if e.trigger is not None:
            t = e.trigger
            if t.after is not None:
                facts.append(fact("cyclo.after", date=t.after))
            if t.before is not None:
                facts.append(fact("cyclo.before", date=t.before))
            if t.when:
                facts.append(fact("cyclo.when", conds=_conds(t.when)))
        if e.effects:
            facts.append(fact("cyclo.effects", changes=_changes(e.effects)))
        facts.append(fact("cyclo.record", side=Word(f"cyclo.record_{e.record}")))
        out.append(
            Article(
                f"event.{e.id}", "events", e.title, None, tuple(facts), _sources(e), _assumed(e)
            )
        )
    return out


def _rules(sc: Scenario) -> list[Article]:
    """Every rule of the catalogue, in the player's words (locale `rule.<name>`), with the
    scenario's value and what it rests on."""
    out = []
    for name in RULES:
        rule = sc.rules.get(name)
        if rule is None:
            continue
        facts = (fact(f"rule.{name}"), fact("cyclo.value", value=rule.value))
        out.append(
            Article(
                f"rule.{name}",
                "rules",
                Word(f"rule_name.{name}"),
                None,
                facts,
                _sources(rule),
                _assumed(rule),
            )
        )
    return out


@per_scenario
def _all(sc: Scenario) -> tuple[Article, ...]:
    parts = (
        _endings(sc), _artillery(sc), _targets(sc), _ships(sc), _air(sc), _commanders(sc),
        _supply(sc), _orders(sc), _moves(sc), _events(sc), _rules(sc),
    )  # fmt: skip
    return tuple(a for part in parts for a in part)


def articles(sc: Scenario, obs: Observation | None = None) -> tuple[Article, ...]:
    """Every article of `sc`, by chapter (`CATEGORIES`); as `obs.side` sees it when given."""
    every = _all(sc)
    if obs is None:
        return every
    return tuple(a for a in every if _known(sc, a, obs))


def _known(sc: Scenario, a: Article, obs: Observation) -> bool:
    """Whether `obs.side` may know the article's thing: an enemy battery only once it has
    arrived for that side (the map does not show it before either)."""
    if a.category != "artillery" or a.side == obs.side:
        return True
    return obs.groups[a.id.partition(".")[2]].exists


def find(sc: Scenario, entry_id: str, obs: Observation | None = None) -> Article | None:
    """The article called `entry_id` (`artillery.<id>`, `target.<id>`, ... ), or the article of
    a bare scenario id (a map thing's id), or None."""
    every = articles(sc, obs)
    for a in every:
        if a.id == entry_id:
            return a
    for a in every:
        if a.id.partition(".")[2] == entry_id:
            return a
    return None


# -- putting an article into words -----------------------------------------------------------------


def _date(d: dt.date, w: Words) -> str:
    if w.zh:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {w.t(f'month.{d.month}')} {d.year}"


def value_words(value: Any, w: Words, sc: Scenario) -> str:
    """A figure of a fact in the words of `w`."""
    if isinstance(value, Text):
        return w.text(value)
    if isinstance(value, Fact):
        return fact_text(value, w, sc)
    if isinstance(value, Word):
        return w.t(value.key)
    if isinstance(value, English):
        return w.english(sc, value.text)
    if isinstance(value, Cond):
        return condition(value.var, value.op, value.value, w, sc)
    if isinstance(value, Change):
        what = variable(value.var, w, sc)
        if isinstance(value.value, bool):
            return w.t("cyclo.change_on" if value.value else "cyclo.change_off", var=what)
        if value.add:
            sign = "+" if value.value >= 0 else "−"
            return w.t("cyclo.change_add", var=what, value=sign + _num(abs(value.value)))
        return w.t("cyclo.change_set", var=what, value=_num(value.value))
    if isinstance(value, dt.date):
        return _date(value, w)
    if isinstance(value, Either):
        return w.either([value_words(v, w, sc) for v in value.items])
    if isinstance(value, tuple):
        return w.join([value_words(v, w, sc) for v in value])
    if isinstance(value, bool):
        return w.t("cyclo.yes" if value else "cyclo.no")
    if isinstance(value, float | int):
        return _figure(float(value))
    return str(value)


def _figure(x: float) -> str:
    """A figure as a player reads it: thousands separated, a small fraction with its
    significant digits (a chance of 0.0004 is not "0.0")."""
    if x.is_integer() or abs(x) >= 100:
        return _num(float(round(x)) if abs(x) >= 100 else x)
    return f"{x:.3g}"


def fact_text(f: Fact, w: Words, sc: Scenario) -> str:
    """The fact as a sentence; a fact without a key is its figures' own words (a text of the
    data, a winner)."""
    if not f.key:
        return " ".join(value_words(v, w, sc) for _, v in f.fields)
    return w.t(f.key, **{k: value_words(v, w, sc) for k, v in f.fields})


@dataclass(frozen=True)
class Shown:
    """An article in one language: what the encyclopedia screen draws."""

    title: str
    chapter: str
    lines: tuple[str, ...]
    #: (Chinese quote, English sentence) of each source
    quotes: tuple[tuple[str, str], ...]
    assumptions: tuple[str, ...]


def shown(a: Article, lang: str, sc: Scenario) -> Shown:
    w = words(lang)
    title = value_words(a.title, w, sc)
    lines = tuple(fact_text(f, w, sc) for f in a.facts)
    quotes = tuple((s.quote, s.sentence_en or s.en) for s in a.sources)
    reasons = tuple(w.english(sc, reason) for _, reason in a.assumptions)
    return Shown(title, w.t(f"cyclo.cat_{a.category}"), lines, quotes, reasons)


__all__ = [
    "CATEGORIES",
    "Article",
    "Fact",
    "Shown",
    "articles",
    "ending_facts",
    "fact_text",
    "find",
    "shown",
]
