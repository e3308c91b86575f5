"""Normal and hard AI: try a few plans for the day in look-ahead on the real engine.

Each turn the side builds the easy level's plan and a handful of variations (shell harder or
lighter, watch another beach, keep the boats in, sail by day, airlift, make a diplomatic
move...). Every plan's orders are played forward `depth` days on a *determinized* copy of the
belief (`game.engine.belief.belief`: hidden enemy figures replaced by estimates from public ones)
with `resolve_checked`, the enemy and the later days played by the easy rules, each rollout
with its own generator. The same rollout seeds serve every plan (common random numbers), so
plans are compared on the same luck. The plan with the best mean evaluation is played.

Hard plays more plans and rollouts, looks a day further, and drops the weaker half of its plans
after a first round (successive halving). Both use `preview` (the engine's odds, from the same
resolution code) to state the chosen plan's expected outcome in the intent.
"""

from __future__ import annotations

import math
from dataclasses import replace

from game.ai import tuning
from game.ai.besieged import realize_besieged
from game.ai.besieger import realize_besieger
from game.ai.heuristic import decide
from game.ai.posture import BesiegedPosture, BesiegerPosture
from game.ai.reckon import expected_tension, food_days, move_fresh, move_legal
from game.ai.theatre import brink, move_kind, theatre
from game.engine.belief import belief
from game.engine.legality import shelling_restricted
from game.engine.observe import Observation, observe
from game.engine.preview import preview
from game.engine.resolve import resolve_checked
from game.engine.rng import Rng, seed_state
from game.engine.state import State
from game.scenario.model import Scenario, other
from game.scenario.orders import Convoy, NavalSortie, Order

#: plans, rollouts, depth and preview samples of each level (`tuning.SEARCH_LEVELS`)
LEVELS = tuning.SEARCH_LEVELS


# -- evaluation -----------------------------------------------------------------------------------


def evaluate(sc: Scenario, st: State, side: str) -> float:
    """How good the state looks for `side`, from -1 (lost) to 1 (won).

    Finished games score their ending (runaway tension is a loss for both). Otherwise the
    garrison's position is read from its food in days, its morale, and what is left to carry
    supplies and to stop them (transports, tractors, aircraft; boats), discounted as the end
    nears; tension within `tuning.DANGER_ZONE` of the scenario's brink costs both sides.
    """
    if st.ending is not None:
        if st.winner == side:
            return 1.0
        if st.winner == "draw":
            return 0.0
        return -1.0
    x = besieged_position(sc, st)
    v = math.tanh(x)
    v = v if side == sc.cast.besieged else -v
    top = brink(sc)
    danger = max(0.0, st.tension - (top - tuning.DANGER_ZONE)) / tuning.DANGER_ZONE
    return v - tuning.DANGER_COST * danger * danger


def besieged_position(sc: Scenario, st: State) -> float:
    """The besieged side's position (the ROC's in 1958): positive when it is winning."""
    th = theatre(sc)
    us, foe = sc.cast.besieged, sc.cast.besieger
    food = sc.cast.food
    food_use = next((k.daily_use_t for k in sc.supply.kinds if k.id == food), 0.0)
    if food_use > 0 and food is not None:
        fd = st.supply[food] / food_use
    else:
        fd = min(
            (st.supply[k.id] / k.daily_use_t for k in sc.supply.kinds if k.daily_use_t > 0),
            default=30.0,
        )
    left = max(1, sc.days - st.day)
    horizon = min(1.0, left / 30.0)
    x = 1.4 * math.tanh((fd - 10.0) / 10.0)
    # other kinds running out cost morale every day
    for k in sc.supply.kinds:
        if k.id != food and k.daily_use_t > 0 and st.supply[k.id] < 3 * k.daily_use_t:
            x -= 0.2
    x += 0.8 * (st.morale[us] - 40.0) / 30.0
    away: dict[str, int] = {}
    for _ret, cls, n in st.ships_away:
        away[cls] = away.get(cls, 0) + n
    cap0 = sum(c.count * c.cargo_t for c in th.transports[us]) or 1.0
    cap = sum((st.ships[c.id] + away.get(c.id, 0)) * c.cargo_t for c in th.transports[us])
    x += horizon * 0.9 * (cap / cap0 - 0.5)
    am = th.amtrac[us]
    if am is not None and am.count:
        x += horizon * 0.4 * ((st.ships[am.id] + away.get(am.id, 0)) / am.count - 0.5)
    lift0 = sum(a.count for a in th.lifters[us])
    if lift0:
        x += horizon * 0.3 * (sum(st.aircraft[a.id] for a in th.lifters[us]) / lift0 - 0.5)
    boats0 = sum(c.count for c in th.craft[foe])
    if boats0:
        boats = sum(st.ships[c.id] + away.get(c.id, 0) for c in th.craft[foe])
        x -= horizon * 0.5 * (boats / boats0 - 0.5)
    for t in th.landings[us]:
        x += horizon * 0.1 * (st.integrity[t.id] / 100.0 - 0.5)
    # days the besieger has bound itself not to fire are days of free landings, worth what
    # the garrison's ships can still carry in them (nothing once its transports are gone)
    x += 0.05 * min(st.halt_days, left) * min(1.0, cap / cap0)
    odd = sc.cast.odd_days
    if odd is not None and odd.side == foe and st.flags.get(odd.flag):
        x += 0.4 * horizon
    return x


# -- plans --------------------------------------------------------------------------------------


def besieger_variations(
    sc: Scenario, known: State, v: Observation, base: BesiegerPosture, rng: Rng
) -> list[BesiegerPosture]:
    """Plans around the besieger's rule posture (`known`: its belief, `v`: what it sees)."""
    th = theatre(sc)
    side, foe = v.side, v.enemy
    out: list[BesiegerPosture] = []
    restricted = shelling_restricted(sc, known, side) is not None
    hot = expected_tension(sc, v)
    if base.fire > 0:
        out.append(replace(base, fire=base.fire * 0.5))
        out.append(replace(base, fire=base.fire * 1.6))
        out.append(replace(base, beach=1.2, cb=0.1, post=0.0, airfield=0.1))
        out.append(replace(base, airfield=0.8, beach=0.4))
        out.append(replace(base, cb=0.8, recon=max(base.recon, 4)))
    for t in th.landings[foe]:
        if base.focus != t.id:
            out.append(replace(base, focus=t.id))
    out.append(replace(base, boats=0.0 if base.boats > 0 else 1.0))
    out.append(replace(base, patrol=0.0 if base.patrol > 0.1 else 0.45))
    out.append(replace(base, patrol=0.6))
    for m in th.moves[side]:
        if m.id in base.moves or not move_legal(sc, v, side, m):
            continue
        kind = move_kind(sc, m)
        if kind in ("halt", "odd_days", "extend"):
            # a short look-ahead cannot weigh a week (or the rest of the game) of silence:
            # the rules alone declare halts, when the brink is near
            continue
        if kind == "resume" and restricted and hot < brink(sc) - tuning.RESUME_TRY_MARGIN:
            out.append(replace(base, moves=(*base.moves, m.id), fire=1.0))
        elif kind == "plain" and move_fresh(m, v.day, v.moves_made):
            out.append(replace(base, moves=(*base.moves, m.id)))
    if base.moves:
        out.append(replace(base, moves=()))
    if restricted and food_days(sc, v) < 4:
        # breaking its own word only to finish a starving garrison
        out.append(replace(base, fire=1.0, break_halt=True))
    return _shuffle(out, rng)


def besieged_variations(
    sc: Scenario, v: Observation, base: BesiegedPosture, rng: Rng
) -> list[BesiegedPosture]:
    """Plans around the besieged side's rule posture."""
    th = theatre(sc)
    side = v.side
    out: list[BesiegedPosture] = [
        replace(base, night=not base.night),
        replace(base, effort=min(1.0, base.effort * 2), reserve=0.0, spread=3),
        replace(base, effort=0.0),
        replace(base, spread=1),
        replace(base, spread=3),
        replace(base, airlift=1.0 if base.airlift < 1.0 else 0.0, patrol=0.4),
        replace(base, escort=0.5 if base.escort > 0.5 else 1.0),
        replace(base, cb=0.0),
        replace(base, cb=0.8, recon=max(base.recon, 4)),
        replace(base, hide_heavy=not base.hide_heavy),
        replace(base, patrol=0.5),
    ]
    if base.us_escort:
        out.append(replace(base, us_escort=False))
    for m in th.moves[side]:
        if m.id in base.moves or not move_legal(sc, v, side, m):
            continue
        if move_fresh(m, v.day, v.moves_made):
            out.append(replace(base, moves=(*base.moves, m.id)))
    if base.moves:
        out.append(replace(base, moves=()))
    return _shuffle(out, rng)


def _shuffle(items: list, rng: Rng) -> list:
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


# -- the player ---------------------------------------------------------------------------------


class SearchAI:
    """Look-ahead over a few plans; `level` is "normal" or "hard"."""

    def __init__(self, level: str = "normal", seed: int = 0) -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        self.level = level
        self.plans, self.rollouts, self.depth, self.samples = LEVELS[level]
        self.margin = tuning.PLAN_MARGIN
        self.rng = Rng(seed_state(seed ^ (0x5EA2C4 if level == "normal" else 0x4A2D)))
        self.intent = ""
        self.scores: list[tuple[float, str]] = []

    def orders(self, sc: Scenario, obs: Observation) -> list[Order]:
        if obs.over:
            self.intent = "The game is over"
            return []
        v, side = obs, obs.side
        rng = self.rng
        plan_seed = rng.next64()
        base_orders, base_intent, base = decide(sc, v, Rng(plan_seed))
        known = belief(sc, v, 0)
        if isinstance(base, BesiegerPosture):
            variants: list = besieger_variations(sc, known, v, base, rng)
        else:
            variants = besieged_variations(sc, v, base, rng)
        postures = [base, *variants[: self.plans - 1]]
        plans: list[tuple[list[Order], str]] = [(base_orders, base_intent)]
        for p in postures[1:]:
            r = Rng(plan_seed)
            if isinstance(p, BesiegerPosture):
                plans.append(realize_besieger(sc, known, v, p, r))
            else:
                plans.append(realize_besieged(sc, known, v, p, r))
        guess = belief(sc, v, rng.next64())
        seeds = [rng.next64() for _ in range(self.rollouts)]
        # every plan meets the same rollout seeds; the base plan always stays in
        values: list[dict[int, float]] = [{} for _ in plans]
        alive = list(range(len(plans)))
        rounds = (
            [seeds]
            if self.level == "normal"
            else [seeds[: len(seeds) // 2], seeds[len(seeds) // 2 :]]
        )
        for k, batch in enumerate(rounds):
            for i in alive:
                for j, sd in enumerate(batch):
                    values[i][k * 1000 + j] = self._rollout(sc, guess, side, plans[i][0], sd)
            if k + 1 < len(rounds) and len(alive) > 3:
                rest = sorted(alive[1:], key=lambda i: -_mean(values[i]))
                alive = [0, *rest[: max(2, len(rest) // 2)]]
        # a plan replaces the rules' plan only if it does better on the same luck by a margin
        # the rollouts' spread makes credible (paired differences, one-sided, about 1.5 sd)
        best, best_gain = 0, 0.0
        for i in alive[1:]:
            diffs = [values[i][key] - values[0][key] for key in values[i]]
            gain = _mean(diffs)
            if gain > best_gain and gain > self.margin * _stderr(diffs):
                best, best_gain = i, gain
        self.scores = [(_mean(values[i]), plans[i][1]) for i in alive]
        self.chosen, self.base = postures[best], base
        orders, intent = plans[best]
        if self.samples:
            intent += _odds(sc, guess, side, orders, self.samples, rng.next64())
        self.intent = intent
        return orders

    def _rollout(
        self, sc: Scenario, guess: State, side: str, mine: list[Order], seed: int
    ) -> float:
        """Play `mine` then the rules `depth` days on a copy of the belief; each side decides
        from its observation of the rollout's state, as in a real game."""
        r = Rng(seed)
        st = guess.clone()
        st.rng = seed_state(seed)
        enemy = other(side)
        for d in range(self.depth):
            if st.over:
                break
            theirs = decide(sc, observe(sc, st, enemy), r, explain=False)[0]
            ours = mine if d == 0 else decide(sc, observe(sc, st, side), r, explain=False)[0]
            st, _ = resolve_checked(sc, st, {side: ours, enemy: theirs})
        return evaluate(sc, st, side)


def _mean(xs: dict[int, float] | list[float]) -> float:
    vals = list(xs.values()) if isinstance(xs, dict) else xs
    return sum(vals) / len(vals) if vals else 0.0


def _stderr(xs: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return float("inf")
    m = sum(xs) / n
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1) / n) + 1e-6


def _odds(
    sc: Scenario, guess: State, side: str, orders: list[Order], samples: int, seed: int
) -> str:
    """The chosen plan's expected outcome, from the engine's preview on the side's belief."""
    if not any(isinstance(o, Convoy | NavalSortie) for o in orders):
        return ""
    enemy_orders, _, _ = decide(sc, observe(sc, guess, other(side)), Rng(seed))
    pv = preview(sc, guess, side, orders, enemy_orders, samples=samples, seed=seed & 0xFFFF)
    landed = 0.0
    sunk = 0.0
    for i, o in enumerate(orders):
        stats = pv.orders.get(i, {})
        if isinstance(o, Convoy):
            landed += stats["landed"].mean if "landed" in stats else 0.0
            for name in ("sunk_at_sea", "sunk_at_beach"):
                sunk += stats[name].mean if name in stats else 0.0
        elif isinstance(o, NavalSortie) and "sunk" in stats:
            sunk += stats["sunk"].mean
    if side == sc.cast.besieged:
        return f" (preview: {landed:.0f} t expected ashore, {sunk:.1f} ships lost)"
    return f" (preview: {sunk:.1f} ships expected sunk)"
