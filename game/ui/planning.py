"""Planning helpers behind the orders tab: the odds of an order against the enemy's likely
answer, its costs in words, yesterday's orders again, one fire plan for several batteries.

No pygame here, and nothing reads the true state for what the side does not know: the odds
come from the side's `Observation` (`game.ai.odds`), the checks from the engine's legality
rules on the side's own forces (which the side knows exactly).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.ai.odds import SAMPLES, LikelyEnemy, odds
from game.engine.legality import (
    ammo_tons,
    check_order,
    fire_distance,
    fire_target,
    group_available,
    shelling_restricted,
)
from game.engine.observe import Observation
from game.engine.preview import MAIN, Preview, Stat
from game.engine.report import Msg
from game.engine.state import State, get_var, new_game
from game.scenario.model import Scenario
from game.scenario.orders import (
    Airlift,
    AirSortie,
    Convoy,
    Fire,
    MakeMove,
    NavalSortie,
    Order,
)
from game.ui.trends import seen_var

#: trials of the "if the enemy does nothing" line: only its main figure is shown
IDLE_SAMPLES = 20
#: figures shown as costs (in words, below the order's own figures)
COSTS = ("guns_lost", "exposed")


@dataclass(frozen=True)
class Odds:
    """The orders' figures against the enemy's likely answers, and if it does nothing.

    `indices` are the previewed orders' places in the side's list (one, or several for a
    fire plan of several batteries)."""

    likely: Preview
    idle: Preview
    answers: int
    indices: tuple[int, ...]


def order_kind(order: Order) -> str:
    """The preview's name for an order's kind (`game.engine.preview.MAIN`'s keys)."""
    if isinstance(order, AirSortie):
        return "patrol" if order.mission == "patrol" else "recon"
    if isinstance(order, NavalSortie):
        return "naval"
    if isinstance(order, Fire):
        return "fire"
    return order.type


def work_out(
    sc: Scenario,
    obs: Observation,
    earlier: Sequence[Order],
    new: Sequence[Order],
    enemy: LikelyEnemy,
    seed: int,
) -> Odds:
    """The odds of `new` given after `earlier`: against `enemy`'s likely answers and against
    none. All the day's boat sorties attack the same convoy together (the engine reports
    them on the first): a later one shows the first one's figures."""
    orders = [*earlier, *new]
    idx = tuple(range(len(earlier), len(orders)))
    likely = odds(sc, obs, orders, enemy, seed=seed)
    idle = odds(sc, obs, orders, None, samples=IDLE_SAMPLES, seed=seed)
    return Odds(
        _shared(orders, likely, SAMPLES),
        _shared(orders, idle, IDLE_SAMPLES),
        len(enemy.plans),
        idx,
    )


def _shared(orders: Sequence[Order], p: Preview, n: int) -> Preview:
    """Boat sorties after the first show its figures; an order whose report said only that
    nothing happened (boats finding no convoy) shows its main figure at 0."""
    stats = dict(p.orders)
    for i, o in enumerate(orders):
        name = MAIN.get(order_kind(o))
        if stats.get(i) == {} and name is not None:
            stats[i] = {name: Stat(0.0, 0.0, 0.0, 0.0, n)}
    first = next((i for i, o in enumerate(orders) if isinstance(o, NavalSortie)), None)
    if first is None or not stats.get(first):
        return Preview(p.side, stats, p.reasons)
    for i, o in enumerate(orders):
        if isinstance(o, NavalSortie) and i != first and i not in p.reasons:
            stats[i] = stats[first]
    return Preview(p.side, stats, p.reasons)


def main_figure(order: Order, stats: dict[str, Stat]) -> tuple[str, Stat] | None:
    """The figure that says what the order did (`MAIN`), as (figure name, Stat)."""
    kind = "counter_battery" if isinstance(order, Fire) and "destroyed" in stats else None
    name = MAIN.get(kind or order_kind(order))
    if name in stats:
        return name, stats[name]
    return next(iter(stats.items()), None)


def mean_and_range(st: Stat) -> dict[str, str]:
    """A figure's mean (one decimal) and its 10-90% range (whole numbers) as the preview
    shows them, the range widened to the whole numbers around the shown mean when the mean
    falls outside it: a skewed figure (most trials 7, a few 0) read "6.9 (7–7)". The odds
    are not changed, only how the range is written."""
    shown = round(st.mean, 1)
    lo = min(round(st.p10), math.floor(shown))
    hi = max(round(st.p90), math.ceil(shown))
    return {"mean": f"{shown:,.1f}", "lo": f"{lo:,}", "hi": f"{hi:,}"}


def ammunition(sc: Scenario, obs: Observation, order: Order) -> tuple[str, dict[str, Any]] | None:
    """What a fire order spends, as a words key and its values: rounds from the battery's own
    dump, or (a battery without one) tons of the side's ammunition stock."""
    if not isinstance(order, Fire):
        return None
    g = next((x for x in sc.artillery if x.id == order.group), None)
    if g is None:
        return None
    view = obs.groups.get(g.id)
    if view is not None and view.ammo is not None and view.ammo >= 0:
        return "cost.rounds_dump", {"rounds": order.rounds, "left": view.ammo}
    kind = sc.cast.ammo
    stock = obs.supply.get(kind) if kind is not None else None
    tons = ammo_tons(sc, g, order.rounds)
    if stock is None:
        return "cost.rounds", {"rounds": order.rounds}
    return "cost.rounds_stock", {"rounds": order.rounds, "tons": tons, "stock": stock}


def with_now(sc: Scenario, obs: Observation, why: Msg) -> Msg:
    """A refusal for want of a condition ("needs US commitment ≥ 60") with the figure as the
    side sees it today ("(now 40)", `*_now` in the words): the player can tell how far off
    it is. Only from the side's observation: a figure hidden from it (None there), a flag
    or a name it does not know leaves the refusal as it was."""
    var, value = why.data.get("var"), why.data.get("value")
    if var is None or isinstance(value, bool):
        return why
    now = seen_var(sc, obs, str(var))
    if isinstance(now, bool) or not isinstance(now, int | float):
        return why
    return Msg(why.key + "_now", {**why.data, "now": now})


# -- yesterday's orders again -------------------------------------------------------------------


def repeat(
    sc: Scenario, state: State, side: str, yesterday: Sequence[Order], today: Sequence[Order]
) -> tuple[list[Order], list[tuple[Order, Msg]]]:
    """Yesterday's orders that are legal after today's (in yesterday's order), and the others
    with the engine's reason each was dropped. An order refused for its size (18 boats with
    12 left, rounds past a battery's capacity) is given with the most that is legal (12
    boats): dropping it lost the whole order for want of a part (`scaled_down` tells them)."""
    added: list[Order] = []
    dropped: list[tuple[Order, Msg]] = []
    for o in yesterday:
        undoing = undoes_own(sc, state, side, o)
        why = undoing or check_order(sc, state, side, o, [*today, *added])
        if why is None:
            added.append(o)
            continue
        smaller = None if undoing else _most_legal(sc, state, side, o, [*today, *added])
        if smaller is None:
            dropped.append((o, why))
        else:
            added.append(smaller)
    return added, dropped


def undoes_own(sc: Scenario, state: State, side: str, order: Order) -> Msg | None:
    """Why a move would undo a decision of the side's own still in force, or None: it sets
    a figure back to where the game began ("Declare the ceasefire void": the halt's days to
    0) that one of the side's moves made changed ("Declare a seven-day halt", days still
    left). Orders given again or suggested leave such a move out: the quick plan voided
    the player's own halt the day after it was declared (tension +6), saying nothing. A
    move the player picks in the form is not judged here: it is the player's to make.

    Fire that breaks the side's own halt or odd-day shelling (`break_halt` while the side's
    declarations forbid shelling) is left out too: with the voiding move gone, the easy AI's
    fire orders of the same plan broke the halt silently, which costs more still."""
    if isinstance(order, Fire) and order.break_halt:
        if shelling_restricted(sc, state, side) is not None:
            return Msg("refuse.breaks_own", {"side": side})
        return None
    if not isinstance(order, MakeMove):
        return None
    moves = {m.id: m for m in sc.moves}
    move = moves.get(order.move)
    if move is None:
        return None
    own = [moves[m] for m in state.moves_made if m in moves and moves[m].side == side]
    start = new_game(sc, state.seed)
    for e in move.effects:
        if e.set is None or get_var(sc, state, e.set) == e.value:
            continue  # an addition, or nothing changed to undo
        if get_var(sc, start, e.set) != e.value:
            continue  # not back to the start: a step further (an extended halt)
        for made in own:
            if any(f.set == e.set and f.value != e.value for f in made.effects):
                return Msg("refuse.undoes_own", {"move": move.id, "decision": made.id})
    return None


def size(order: Order) -> int | None:
    """What a repeated order may be scaled down by: boats, ships, sorties or rounds."""
    if isinstance(order, NavalSortie):
        return order.boats
    if isinstance(order, Convoy):
        return order.ships
    if isinstance(order, Airlift | AirSortie):
        return order.sorties
    if isinstance(order, Fire):
        return order.rounds
    return None


def _sized(order: Order, n: int) -> Order:
    """`order` with `n` boats, ships, sorties or rounds; a load shrinks in proportion (in
    whole tons), so that fewer ships or sorties can carry it."""
    if isinstance(order, NavalSortie):
        return dataclasses.replace(order, boats=n)
    if isinstance(order, Fire):
        return dataclasses.replace(order, rounds=n)
    if isinstance(order, Convoy | Airlift):
        old = order.ships if isinstance(order, Convoy) else order.sorties
        cargo = {k: t * n / old for k, t in order.cargo.items()}
        if isinstance(order, Convoy):
            return whole_tons(dataclasses.replace(order, ships=n, cargo=cargo))
        return whole_tons(dataclasses.replace(order, sorties=n, cargo=cargo))
    if isinstance(order, AirSortie):
        return dataclasses.replace(order, sorties=n)
    return order


def _most_legal(
    sc: Scenario, state: State, side: str, order: Order, earlier: Sequence[Order]
) -> Order | None:
    """The largest smaller `order` that is legal after `earlier` (None when even one boat,
    ship, sortie or round is refused): the engine's own check, searched. Fewer is never
    refused where more was allowed, so a bisection finds it."""
    n = size(order)
    if n is None or n <= 1:
        return None

    def legal(k: int) -> bool:
        return check_order(sc, state, side, _sized(order, k), earlier) is None

    if not legal(1):
        return None
    lo, hi = 1, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if legal(mid) else (lo, mid)
    return _sized(order, lo)


def scaled_down(
    asked: Sequence[Order], added: Sequence[Order], dropped: Sequence[tuple[Order, Msg]]
) -> list[tuple[Order, Order]]:
    """(asked, given) for each order `repeat` gave smaller than asked: `added` holds the
    orders of `asked` not `dropped`, in their order, each as given."""
    gone = [o for o, _ in dropped]
    out: list[tuple[Order, Order]] = []
    given = iter(added)
    for o in asked:
        if gone and gone[0] == o:
            gone.pop(0)
            continue
        g = next(given, None)
        if g is not None and g != o:
            out.append((o, g))
    return out


def whole_tons(order: Order) -> Order:
    """`order` with its cargo in whole tons, as the forms' sliders give it: the AI splits a
    load in tenths of a ton, and an order the quick plan added must come back exactly when it
    is edited (43.6 t food and 0.4 t ammunition came back as 43 t and 0 t, a ton lost on
    Update). Each kind rounds down; the whole tons that loses go to the kind with the most."""
    if not isinstance(order, (Airlift, Convoy)) or not order.cargo:
        return order
    cargo = order.cargo
    whole = {k: int(t) for k, t in cargo.items()}
    most = max(cargo, key=cargo.__getitem__)
    whole[most] += int(sum(cargo.values()) + 1e-6) - sum(whole.values())
    return dataclasses.replace(order, cargo={k: float(t) for k, t in whole.items() if t > 0})


# -- one fire plan for several batteries ---------------------------------------------------------


def batteries_in_reach(sc: Scenario, state: State, side: str, target: str) -> list[str]:
    """The side's batteries that can fire at `target` today (arrived, with guns, in range)."""
    if fire_target(sc, target) is None:
        return []
    return [
        g.id
        for g in sc.artillery
        if g.side == side
        and group_available(sc, state, g)
        and state.groups[g.id].guns > 0
        and fire_distance(sc, g, target) <= g.range_km
    ]


def plan_caps(
    sc: Scenario,
    state: State,
    side: str,
    groups: Sequence[str],
    target: str,
    earlier: Sequence[Order],
    break_halt: bool = False,
) -> list[int]:
    """The most rounds each battery may fire at `target`, the earlier ones of `groups` firing
    their most: the engine's own check, searched. Rounds asked of a battery never exceed its
    cap, so any split within the caps is legal in that order (fewer rounds earlier leave
    more of a shared stock later)."""
    caps: list[int] = []
    plan: list[Order] = list(earlier)
    for gid in groups:
        g = next(x for x in sc.artillery if x.id == gid)
        gs = state.groups[gid]

        def legal(n: int, gid: str = gid) -> bool:
            o = Fire(group=gid, target=target, rounds=n, break_halt=break_halt)
            return check_order(sc, state, side, o, plan) is None

        lo, hi = 0, int(gs.guns * g.rounds_per_gun) + 1
        if legal(hi):
            lo = hi
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if legal(mid) else (lo, mid)
        caps.append(lo)
        if lo > 0:
            plan.append(Fire(group=gid, target=target, rounds=lo, break_halt=break_halt))
    return caps


def split_rounds(total: int, caps: Sequence[int]) -> list[int]:
    """`total` rounds shared in proportion to `caps` (largest remainder), none over its cap;
    the shares sum to `min(total, sum(caps))`."""
    room = sum(caps)
    total = max(0, min(total, room))
    if room == 0:
        return [0 for _ in caps]
    exact = [total * c / room for c in caps]
    shares = [int(x) for x in exact]
    order = sorted(range(len(caps)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def fire_plan(
    sc: Scenario,
    state: State,
    side: str,
    groups: Sequence[str],
    target: str,
    rounds: int,
    earlier: Sequence[Order],
    break_halt: bool = False,
) -> list[Fire]:
    """One fire order per battery of `groups` at `target`, `rounds` split by what each may
    fire (batteries given no round are left out)."""
    caps = plan_caps(sc, state, side, groups, target, earlier, break_halt)
    shares = split_rounds(rounds, caps)
    return [
        Fire(group=gid, target=target, rounds=n, break_halt=break_halt)
        for gid, n in zip(groups, shares, strict=True)
        if n > 0
    ]
