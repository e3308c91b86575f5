"""What a new player reads before the first order: how each side wins (the New game screen)
and a first-day guide per side, both generated from the scenario's data.

The objectives come from the scenario's `victory:` endings and its side roles, so a mod that
changes how a side wins shows its own. The guide says what to do first and why in concrete
figures of the scenario: days of food at the start, the transports and the beaches they land
on, which batteries reach what. Like the encyclopedia (`game.history.encyclopedia`), it reads
static data only: the starting figures of the file, never the game's state; an enemy battery
that has not arrived on the first day is not named.
"""

from __future__ import annotations

from typing import Any

from game.engine.legality import fire_distance
from game.history.encyclopedia import Cond, Either, Fact, Word, fact
from game.scenario.model import Scenario, Text, other

#: how many names a guide line lists before it stops (a long list is not a first step)
LISTED = 3


def _arrived(g: Any, sc: Scenario) -> bool:
    return g.available_from is None or g.available_from <= sc.meta.start


def ending_line(e: Any) -> Fact:
    """One ending as a line: name, text and when it comes."""
    return fact("goals.ending", name=e.name, text=e.text, how=_how(e))


def _brief(e: Any) -> Fact:
    """An ending's name with when it comes, for the guide's "You win" and "You lose" lines
    (the name alone, "Kinmen holds", did not say what to aim for)."""
    return fact("goals.brief", name=e.name, how=_how(e))


def _how(e: Any) -> tuple[Fact, ...]:
    """When an ending comes: its conditions, on the last day or for how many days."""
    parts: list[Fact] = []
    if e.when:
        parts.append(fact("goals.cond", conds=tuple(Cond(c.var, c.op, c.value) for c in e.when)))
    if e.at_end:
        parts.append(fact("goals.at_end"))
    elif e.for_days > 1:
        parts.append(fact("goals.for_days", n=e.for_days))
    if not e.when and e.at_end:
        parts.append(fact("goals.otherwise"))
    return tuple(parts)


def objectives(sc: Scenario) -> list[tuple[Fact, list[Fact]]]:
    """(heading, ending lines) for each side (its role, besieged first), then the draw and the
    ending nobody wins, as the scenario's `victory:` section has them."""
    cast = sc.cast
    out: list[tuple[Fact, list[Fact]]] = []
    for role, side in (("besieged", cast.besieged), ("besieger", cast.besieger)):
        lines = [ending_line(e) for e in sc.victory.endings if e.winner == side]
        out.append((fact(f"goals.role_{role}", side=Word(f"side.{side}")), lines))
    for winner, key in (("draw", "goals.draw"), ("none", "goals.nobody")):
        lines = [ending_line(e) for e in sc.victory.endings if e.winner == winner]
        if lines:
            out.append((fact(key), lines))
    return out


def _names(items: list[Text]) -> tuple[Text, ...]:
    return tuple(items[:LISTED])


def guide(sc: Scenario, side: str) -> list[Fact]:
    """The first-day guide for `side`: its role and goals, then what to do first and why."""
    cast = sc.cast
    enemy = other(side)
    besieged = side == cast.besieged
    lines = [
        fact(
            "guide.besieged" if besieged else "guide.besieger",
            side=Word(f"side.{side}"),
            enemy=Word(f"side.{enemy}"),
        )
    ]
    endings = sc.victory.endings
    mine = tuple(_brief(e) for e in endings if e.winner == side)
    theirs = tuple(_brief(e) for e in endings if e.winner == enemy)
    nobody = [e for e in endings if e.winner == "none"]
    if mine:
        lines.append(fact("guide.win", endings=Either(mine)))
    if theirs:
        lines.append(fact("guide.lose", endings=Either(theirs)))
    food = next((k for k in sc.supply.kinds if k.id == cast.food), None)
    if besieged:
        if food is not None and food.daily_use_t:
            days = round(food.stock_t / food.daily_use_t)
            lines.append(
                fact("guide.food", kind=food.name, t=food.stock_t, use=food.daily_use_t, days=days)
            )
        lines += _convoys(sc, side)
        lines += _counter(sc, side)
    else:
        lines += _reach(sc, side)
        lines += _lifeline(sc, side)
        if food is not None and food.daily_use_t:
            days = round(food.stock_t / food.daily_use_t)
            lines.append(fact("guide.their_food", kind=food.name, days=days))
        moves = [m.name for m in sc.moves if m.side == side and m.available_from is None]
        if moves:
            lines.append(fact("guide.moves", list=_names(moves)))
    for e in nobody:
        limit = next((c.value for c in e.when if c.var == "tension" and c.op in (">=", ">")), None)
        if limit is not None:
            lines.append(fact("guide.tension", value=limit))
    lines.append(fact("guide.keys"))
    return lines


def _convoys(sc: Scenario, side: str) -> list[Fact]:
    landing = set(sc.cast.landing or ("beach", "pier"))
    beaches = [t for t in sc.targets if t.side == side and t.kind in landing]
    transports = [c for c in sc.ships if c.side == side and c.role == "transport" and c.count]
    out: list[Fact] = []
    if transports and beaches:
        c = max(transports, key=lambda c: c.count * c.cargo_t)
        out.append(
            fact(
                "guide.convoys",
                n=c.count,
                cls=c.name,
                t=c.cargo_t,
                beaches=_names([b.name for b in beaches]),
            )
        )
        big = max(beaches, key=lambda b: b.capacity_day_t + b.capacity_night_t)
        out.append(
            fact("guide.beach", beach=big.name, day=big.capacity_day_t, night=big.capacity_night_t)
        )
    return out


def _counter(sc: Scenario, side: str) -> list[Fact]:
    """Own batteries that reach an enemy battery on the first day."""
    enemy_groups = [g for g in sc.artillery if g.side == other(side) and _arrived(g, sc)]
    reaching = [
        g.name
        for g in sc.artillery
        if g.side == side
        and _arrived(g, sc)
        and any(fire_distance(sc, g, e.id) <= g.range_km for e in enemy_groups)
    ]
    out = [fact("guide.counter", list=_names(reaching)) if reaching else fact("guide.counter_none")]
    if any(u.side == side and u.role == "recon" and u.count for u in sc.air):
        out.append(fact("guide.recon"))
    return out


def _reach(sc: Scenario, side: str) -> list[Fact]:
    """The side's batteries that matter most on the first day, and what each reaches: those
    that reach the most enemy landing places (the siege's aim), then the most targets, then
    the most guns."""
    targets = [t for t in sc.targets if t.side == other(side)]
    landing = set(sc.cast.landing or ("beach", "pier"))

    def weight(g: Any) -> tuple[int, int, int]:
        inside = [t for t in targets if fire_distance(sc, g, t.id) <= g.range_km]
        return (-sum(t.kind in landing for t in inside), -len(inside), -g.guns)

    mine = sorted((g for g in sc.artillery if g.side == side and _arrived(g, sc)), key=weight)
    out = []
    for g in mine[:LISTED]:
        inside = sorted(
            (t for t in targets if fire_distance(sc, g, t.id) <= g.range_km),
            key=lambda t: fire_distance(sc, g, t.id),
        )
        if not inside:
            out.append(fact("guide.reach_none", group=g.name))
            continue
        landings = [t.name for t in inside if t.kind in landing]
        key = "guide.reach_landing" if landings else "guide.reach"
        shown = landings or [t.name for t in inside]
        out.append(
            fact(key, group=g.name, guns=g.guns, km=g.range_km, n=len(inside),
                 things=tuple(shown[:2]))
        )  # fmt: skip
    return out


def _lifeline(sc: Scenario, side: str) -> list[Fact]:
    """The besieged side's landing places that the side's guns reach on the first day."""
    landing = set(sc.cast.landing or ("beach", "pier"))
    guns = [g for g in sc.artillery if g.side == side and _arrived(g, sc)]
    inside = [
        t.name
        for t in sc.targets
        if t.side == other(side)
        and t.kind in landing
        and any(fire_distance(sc, g, t.id) <= g.range_km for g in guns)
    ]
    return [fact("guide.lifeline", list=_names(inside)) if inside else fact("guide.lifeline_none")]


__all__ = ["ending_line", "guide", "objectives"]
