"""The one-line intent a side's plan is explained by (English, for the log and the screen).

`short_name` is how a line of intent names a target or battery ("Liaoluo Bay", "Weitou
152 mm"); `besieger_intent` sums up the besieger's orders (moves, shelling, boats, fighters).
The besieged side's line is built where its convoys are planned (`game.ai.besieged`), from
the notes its planners leave.
"""

from __future__ import annotations

from game.ai.theatre import theatre
from game.scenario.model import Scenario, ShipClass
from game.scenario.orders import AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order


def short_name(sc: Scenario, tid: str) -> str:
    """A target's or group's name as a line of intent uses it ("Liaoluo Bay", "Weitou 152 mm")."""
    try:
        t = sc.target(tid)
    except KeyError:
        name = sc.group(tid).name.en
        for cut in (" gun-howitzers", " howitzers", " guns", " coastal"):
            name = name.split(cut)[0] if cut in name else name
        return name
    name = t.name.en
    if t.kind == "command_post" and ", " in name:
        return name.rsplit(", ", 1)[1] + " command post"
    return name.replace(" beaches and pier", "")


def ship_word(c: ShipClass, n: int) -> str:
    name = c.name.en
    if "(" in name and name.endswith(")"):
        name = name[name.rindex("(") + 1 : -1]
    return name + ("s" if n > 1 and not name.endswith("s") else "")


def besieger_intent(sc: Scenario, orders: list[Order], notes: list[str]) -> str:
    th = theatre(sc)
    parts: list[str] = []
    moves = [sc.move(o.move).name.en for o in orders if isinstance(o, MakeMove)]
    if moves:
        parts.append("; ".join(moves))
    fires = [o for o in orders if isinstance(o, Fire)]
    if fires:
        by: dict[str, int] = {}
        cb: dict[str, int] = {}
        for o in fires:
            table = cb if o.target in th.group_ids else by
            table[o.target] = table.get(o.target, 0) + o.rounds
        total = sum(o.rounds for o in fires)
        top = sorted(by, key=lambda k: -by[k])[:3]
        line = f"Shell {', '.join(short_name(sc, t) for t in top)} ({total:,} rounds)"
        if any(o.break_halt for o in fires):
            line += ", breaking the halt"
        parts.append(line)
        if cb:
            parts.append("counter-battery on " + ", ".join(short_name(sc, t) for t in list(cb)[:2]))
    else:
        parts.append("Hold fire")
    if notes:
        parts.append(notes[0] + " first")
    boats = sum(o.boats for o in orders if isinstance(o, NavalSortie))
    if boats:
        parts.append(f"{boats} boats hunt convoys")
    patrol = sum(o.sorties for o in orders if isinstance(o, AirSortie) and o.mission == "patrol")
    if patrol:
        parts.append(f"{patrol} fighter sorties")
    return "; ".join(parts)


def besieged_intent(
    sc: Scenario,
    legal: list[Order],
    convoy_note: str,
    notes: list[str],
    cb_note: str,
    hide_heavy: bool,
    patrol: int,
) -> str:
    """The besieged side's line: its moves, the convoys and counter-battery its planners
    described (only if such orders survived the legality check), airlift and patrols."""
    parts = []
    moves = [sc.move(o.move).name.en for o in legal if isinstance(o, MakeMove)]
    if moves:
        parts.append("; ".join(moves))
    if convoy_note and any(isinstance(o, Convoy) for o in legal):
        parts.append(convoy_note)
    parts.extend(notes)
    if cb_note and any(isinstance(o, Fire) for o in legal):
        parts.append(cb_note)
    if hide_heavy:
        parts.append("8-inch guns hidden")
    if patrol:
        parts.append(f"{patrol} fighter sorties")
    return "; ".join(parts) if parts else "Hold and wait"
