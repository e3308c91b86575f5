"""Bombardment and counter-battery fire: hits on target areas and batteries, casualties,
commanders, halts broken."""

from __future__ import annotations

from game.engine.legality import (
    ammo_tons,
    fire_target,
    shelling_restricted,
)
from game.engine.phases.base import DayBase
from game.engine.state import State
from game.engine.surprise import opening_hour, surprise_factor
from game.scenario.model import SIDES, ArtilleryGroup, Target, other
from game.scenario.orders import Fire

#: the totals whose day's growth `_killed` splits into killed and wounded
_CASUALTY_KEYS = tuple(f"casualties.{s}.{k}" for s in SIDES for k in ("military", "civilian"))


def _add(st: State, key: str, n: float) -> None:
    """Add to a total a state saved before the total existed may lack (it starts at 0)."""
    st.totals[key] = st.totals.get(key, 0.0) + n


class FirePhases(DayBase):
    def accuracy(self, side: str) -> float:
        sc, st = self.sc, self.st
        m = 1.0 - sc.rule("morale_accuracy_weight") * (1.0 - st.morale[side] / 100.0)
        posts = [
            st.integrity[t.id]
            for t in sc.targets
            if t.side == side and t.kind in sc.cast.kinds("command")
        ]
        cp = sum(posts) / len(posts) if posts else 100.0
        cpf = 1.0 - sc.rule("command_post_accuracy_weight") * (1.0 - cp / 100.0)
        return max(0.0, m * cpf * (1.0 - st.fire_control_loss[side]))

    def surprise(self, side: str) -> float:
        """The casualty factor of `side`'s fire today (`surprise_factor`, from its orders)."""
        return surprise_factor(self.sc, self.st, side, [o for _, o in self.mine(side, Fire)])

    def phase_bombardment(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        before = {k: st.totals[k] for k in _CASUALTY_KEYS}
        hits: list[tuple[str, int, ArtilleryGroup, Target | ArtilleryGroup, float, int]] = []
        # read before today's fire marks anyone as under fire: yesterday decides the alert
        self.surprise_of = {side: self.surprise(side) for side in SIDES}
        for side in SIDES:
            fires = self.mine(side, Fire)
            if not fires:
                continue
            hour = opening_hour([o for _, o in fires])
            if hour is not None:
                self.report.add(
                    "bombardment",
                    side,
                    "opening",
                    "entry.opening.surprise" if self.surprise_of[side] > 1 else "entry.opening",
                    hour=hour,
                    factor=self.surprise_of[side],
                )
            st.under_fire[other(side)] = st.day
            acc = self.accuracy(side)
            broke = False
            for i, o in fires:
                assert isinstance(o, Fire)
                g = sc.group(o.group)
                gs = st.groups[g.id]
                target = fire_target(sc, o.target)
                assert target is not None
                if isinstance(target, ArtilleryGroup):
                    spotted = st.groups[target.id].spotted_until >= st.day
                    p = sc.rule("hit_chance_battery") * (
                        1.0 if spotted else sc.rule("unspotted_factor")
                    )
                else:
                    p = sc.rule(f"hit_chance_{target.kind}")
                    if target.kind in sc.cast.kinds("landing"):
                        ship_factor = sc.rule("coastal_fire_ship_factor") if g.coastal else 1.0
                        self.beach_fire[target.id] = (
                            self.beach_fire.get(target.id, 0.0) + o.rounds * acc * ship_factor
                        )
                        shooters = self.beach_shooters.setdefault(target.id, [])
                        if g.id not in shooters:
                            shooters.append(g.id)
                n_hits = rng.binomial(o.rounds, min(1.0, p * acc))
                if gs.ammo >= 0:
                    gs.ammo -= o.rounds
                else:
                    # the validator makes sure such a group is the besieged side's and that
                    # the roles name its ammunition kind
                    kind = sc.cast.ammo
                    assert kind is not None
                    st.supply[kind] = max(0.0, st.supply[kind] - ammo_tons(sc, g, o.rounds))
                st.totals[f"shells.{side}"] += o.rounds
                st.tension = min(
                    100.0, st.tension + o.rounds / 10000.0 * sc.rule("tension_per_10000_rounds")
                )
                if rng.chance(min(1.0, o.rounds / 1000.0 * sc.rule("fire_reveal_per_1000_rounds"))):
                    self._spot(g.id)
                if o.break_halt and not broke and shelling_restricted(sc, st, side):
                    broke = True
                    self._break_halt(side)
                hits.append((side, i, g, target, n_hits * g.shell_kg, n_hits))
        for side, i, g, target, kg, n_hits in hits:
            if isinstance(target, ArtilleryGroup):
                self._hit_group(side, i, g, target, kg, n_hits)
            else:
                self._hit_target(side, i, g, target, kg, n_hits)
        self._killed(before)

    def _factor(self, side: str, i: int) -> float:
        """The surprise factor of `side`'s order `i`: the day's, if the mission has an hour."""
        o = self.orders[side][i]
        assert isinstance(o, Fire)
        return self.surprise_of[side] if o.hour is not None else 1.0

    def _killed(self, before: dict[str, float]) -> None:
        """Of the day's bombardment casualties of each side and kind, Binomial(n,
        `killed_share_bombardment`) are killed, the rest wounded: one draw a side and kind (the
        sum of each mission's binomial has the same law), after all the day's fire."""
        share = self.sc.rule("killed_share_bombardment")
        for key in _CASUALTY_KEYS:
            n = round(self.st.totals[key] - before[key])
            _add(self.st, "killed." + key.partition(".")[2], self.rng.binomial(n, share))

    def _break_halt(self, side: str) -> None:
        sc, st = self.sc, self.st
        st.tension = min(100.0, st.tension + sc.rule("tension_break_halt"))
        if side == sc.cast.besieger:
            st.us_commitment = min(100.0, st.us_commitment + sc.rule("commitment_break_halt"))
        st.halt_days = 0
        self.halted_today = False
        self.report.add("bombardment", side, "halt_broken", "entry.halt_broken")

    def _casualties(
        self, side: str, kg: float, civilian_share: float, place: str, factor: float = 1.0
    ) -> tuple[int, int]:
        """Killed and wounded from `kg` of hits on `side` at `place`: Poisson at
        `casualties_per_t_military` a ton (times `factor`, the surprise of fire at a meal), a
        `civilian_share` of them civilians (a town); the place's militia and villagers add
        Poisson(`civilians_per_soldier` x the same mean) (`_killed` parts killed from wounded
        at the end of the phase). The factor scales a mean, never adds a draw."""
        rng, st = self.rng, self.st
        lam = kg / 1000.0 * self.sc.rule("casualties_per_t_military") * factor
        total = rng.poisson(lam)
        civ = rng.binomial(total, civilian_share) if civilian_share > 0 else 0
        mil = total - civ
        ratio = self.sc.place(place).civilians_per_soldier
        if ratio > 0:
            civ += rng.poisson(lam * ratio)
        st.totals[f"casualties.{side}.military"] += mil
        st.totals[f"casualties.{side}.civilian"] += civ
        self.casualties[side] += mil + civ
        return mil, civ

    def _hit_target(
        self, side: str, i: int, g: ArtilleryGroup, t: Target, kg: float, n_hits: int
    ) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        before = st.integrity[t.id]
        after = max(0.0, before - kg / t.hardness_kg)
        st.integrity[t.id] = after
        share = sc.rule("civilian_share_town") if t.kind == "town" else 0.0
        mil, civ = self._casualties(t.side, kg, share, t.place, self._factor(side, i))
        fallen = []
        for c in sc.commanders:
            if c.post != t.id or st.commanders[c.id] != "ok":
                continue
            if c.at_post_until is not None and self.date > c.at_post_until:
                continue
            lost = before - after
            if rng.chance(min(1.0, sc.rule("commander_hit_per_integrity") * lost * c.exposure)):
                kill = sc.rule("commander_kill_share") if c.kill_share is None else c.kill_share
                killed = rng.chance(kill)
                st.commanders[c.id] = "killed" if killed else "wounded"
                st.totals[f"commanders_lost.{c.side}"] += 1
                st.fire_control_loss[c.side] = min(
                    0.9, st.fire_control_loss[c.side] + sc.rule("commander_accuracy_loss")
                )
                st.morale[c.side] = max(0.0, st.morale[c.side] - sc.rule("commander_morale_loss"))
                fallen.append((c.id, st.commanders[c.id]))
        self.report.add(
            "bombardment",
            side,
            "fire",
            "entry.fire",
            order=i,
            group=g.id,
            target=t.id,
            hits=n_hits,
            kg=kg,
            before=before,
            after=after,
            military=mil,
            civilian=civ,
            commanders=fallen,
        )
        for cid, fate in fallen:
            c = next(x for x in sc.commanders if x.id == cid)
            self.report.add(
                "bombardment",
                c.side,
                "commander",
                "entry.commander.killed" if fate == "killed" else "entry.commander.wounded",
                id=cid,
                fate=fate,
            )

    def _hit_group(
        self, side: str, i: int, g: ArtilleryGroup, tg: ArtilleryGroup, kg: float, n_hits: int
    ) -> None:
        sc, st = self.sc, self.st
        gs = st.groups[tg.id]
        guns_before = gs.guns
        destroyed = min(gs.guns, self.rng.fraction_round(kg / tg.protection_kg))
        gs.guns -= destroyed
        gs.destroyed += destroyed
        st.totals[f"guns_lost.{tg.side}"] += destroyed
        self.guns_lost[tg.side] += destroyed
        mil, civ = self._casualties(tg.side, kg, 0.0, tg.place, self._factor(side, i))
        silenced = guns_before > 0 and kg >= sc.rule("suppression_kg_per_gun") * guns_before
        if silenced:
            self.suppress_next[tg.id] = sc.rule("suppression_factor")
        self.report.add(
            "bombardment",
            side,
            "counter_battery",
            "entry.counter_battery.silenced" if silenced else "entry.counter_battery",
            order=i,
            group=g.id,
            target=tg.id,
            hits=n_hits,
            kg=kg,
            destroyed=destroyed,
            silenced=silenced,
            military=mil,
            civilian=civ,
        )
