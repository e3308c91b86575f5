"""Convoys at the beach and airlifts: what lands under fire, what is lost, when ships return."""

from __future__ import annotations

import math

from game.engine.capacity import beach_capacity
from game.engine.phases.base import ConvoyRun, DayBase
from game.scenario.model import SIDES, other
from game.scenario.orders import Airlift


class ConvoyPhases(DayBase):
    def phase_convoys(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        for run in self.convoys:
            o = run.order
            cls = sc.ship_class(o.ship_class)
            beach = sc.target(o.beach)
            shipped = sum(o.cargo.values())
            per_ship = shipped / o.ships
            if run.turned_back:
                self._turned_back(run, shipped, per_ship)
                continue
            weight = self.beach_fire.get(beach.id, 0.0)
            night = sc.rule("night_fire_factor") if o.night else 1.0
            p_hit = 1.0 - math.exp(-weight * sc.rule("ship_hit_per_round") * night)
            hit = rng.binomial(run.ships, p_hit)
            fates = self._hit_ships(
                run.side, cls.id, hit, sc.rule("ship_sink_share"), False, run.named
            )
            unloading = run.ships - hit
            capacity = max(
                0.0,
                beach_capacity(beach, o.night, st.integrity[beach.id])
                - self.unloaded.get(beach.id, 0.0),
            )
            am_lost = 0
            am_id = None
            if o.amtracs:
                am_id = next(s.id for s in sc.ships if s.side == run.side and s.role == "amtrac")
                am = sc.ship_class(am_id)
                am_lost = rng.binomial(o.amtracs, min(1.0, p_hit * sc.rule("amtrac_exposure")))
                capacity += (o.amtracs - am_lost) * am.cargo_t
                if am_lost:
                    st.ships[am_id] -= am_lost
                    st.totals[f"ships_lost.{run.side}"] += am_lost
            # ships hit at sea and not sunk went home with their cargo
            returned = min(shipped, run.hit_at_sea * per_ship)
            # never more than was shipped: unloading x per_ship can exceed it by a rounding error
            landed = (
                min(unloading * per_ship, capacity, shipped - returned) if unloading > 0 else 0.0
            )
            self.unloaded[beach.id] = self.unloaded.get(beach.id, 0.0) + landed
            lost = max(0.0, shipped - landed - returned)
            for kind, tons in o.cargo.items():
                if shipped > 0:
                    st.supply[kind] += tons * landed / shipped
            self._tons(shipped, landed, lost, returned)
            self._away(cls.id, unloading, cls.turnaround_days)
            self._escorts_home(run)
            if am_id is not None:
                self._away(am_id, o.amtracs - am_lost, 1)
            self.report.add(
                "convoys",
                run.side,
                "convoy",
                "entry.convoy.night" if o.night else "entry.convoy.day",
                order=run.index,
                ships=o.ships,
                cls=cls.id,
                shipped=shipped,
                landed=landed,
                lost=lost,
                returned=returned,
                sunk_at_sea=run.sunk_at_sea,
                sunk_at_beach=fates.sunk,
                damaged=run.hit_at_sea + fates.wrecked + fates.damaged,
                hit=hit,
                capacity=capacity,
                chance=round(p_hit, 3),
                night=o.night,
                beach=beach.id,
                amtracs_lost=am_lost,
                # causes: the batteries that fired on the beach, the craft that struck at sea
                fired_by=list(self.beach_shooters.get(beach.id, [])),
                attackers=list(run.attackers),
                escorts_hit=run.escorts_hit,
            )
        for side in SIDES:
            for i, lift in self.mine(side, Airlift):
                assert isinstance(lift, Airlift)
                self._airlift(side, i, lift)

    def _tons(self, shipped: float, landed: float, lost: float, returned: float) -> None:
        """Count a run's cargo: always shipped = landed + lost + returned."""
        t = self.st.totals
        t["tons.shipped"] += shipped
        t["tons.landed"] += landed
        t["tons.lost"] += lost
        t["tons.returned"] += returned
        self.landed += landed

    def _escorts_home(self, run: ConvoyRun) -> None:
        """The escorts not hit sail home; a US escort is a step the powers watch, more so in
        waters the other side has declared its own (the roles' `declared_waters`)."""
        sc, st, o = self.sc, self.st, run.order
        if o.escorts and o.escort_class:
            esc = sc.ship_class(o.escort_class)
            self._away(esc.id, o.escorts - run.escorts_hit, esc.turnaround_days)
        if o.us_escort:
            tension = sc.rule("tension_us_escort")
            waters = sc.cast.declared_waters
            if waters is not None and waters.side != run.side and st.flags[waters.flag]:
                tension += sc.rule("tension_us_escort_declared_waters")
            st.tension = min(100.0, st.tension + tension)

    def _turned_back(self, run: ConvoyRun, shipped: float, per_ship: float) -> None:
        """A convoy whose escort screen broke sails home unloaded: the cargo of the ships not
        sunk at sea comes back (neither landed nor lost)."""
        o = run.order
        cls = self.sc.ship_class(o.ship_class)
        returned = min(shipped, (run.ships + run.hit_at_sea) * per_ship)
        lost = max(0.0, shipped - returned)
        self._tons(shipped, 0.0, lost, returned)
        self._away(cls.id, run.ships, cls.turnaround_days)
        self._escorts_home(run)
        self.report.add(
            "convoys",
            run.side,
            "convoy",
            "entry.convoy.turned_back",
            order=run.index,
            ships=o.ships,
            cls=cls.id,
            shipped=shipped,
            landed=0.0,
            lost=lost,
            returned=returned,
            sunk_at_sea=run.sunk_at_sea,
            sunk_at_beach=0,
            damaged=run.hit_at_sea,
            hit=0,
            capacity=0.0,
            chance=0.0,
            night=o.night,
            beach=o.beach,
            amtracs_lost=0,
            # the cause: its escorts hit at sea by these craft
            fired_by=[],
            attackers=list(run.attackers),
            escorts_hit=run.escorts_hit,
        )

    def _airlift(self, side: str, i: int, o: Airlift) -> None:
        sc, st = self.sc, self.st
        enemy = self.patrol[other(side)]
        cover = 1.0 + sc.rule("escort_cover_per_sortie") * self.patrol[side]
        p_loss = min(0.9, sc.rule("transport_loss_per_patrol") * enemy / cover)
        sorties_lost = self.rng.binomial(o.sorties, p_loss)
        lost = self._lose_aircraft(side, o.air_unit, sorties_lost)
        shipped = sum(o.cargo.values())
        share = (o.sorties - sorties_lost) / o.sorties
        landed = shipped * share * (1.0 if o.land else sc.rule("airdrop_recovery"))
        for kind, tons in o.cargo.items():
            st.supply[kind] += tons * landed / shipped
        self._tons(shipped, landed, shipped - landed, 0.0)
        self.report.add(
            "convoys",
            side,
            "airlift",
            "entry.airlift" if o.land else "entry.airlift.drop",
            order=i,
            unit=o.air_unit,
            sorties=o.sorties,
            shipped=shipped,
            landed=landed,
            lost=shipped - landed,
            aircraft_lost=lost,
            chance=round(p_loss, 3),
            # the cause of the losses: the enemy's fighters on patrol
            enemy_patrols=enemy,
        )
