"""Naval attacks on convoys at sea: boats against ships, escorts screening and hitting back."""

from __future__ import annotations

from game.engine.phases.base import ConvoyRun, DayBase
from game.scenario.model import SIDES
from game.scenario.orders import Convoy, NavalSortie


class NavalPhases(DayBase):
    def phase_naval(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        for side in SIDES:
            for i, o in self.mine(side, Convoy):
                assert isinstance(o, Convoy)
                self.convoys.append(ConvoyRun(side, i, o, o.ships))
        for side in SIDES:
            sorties = self.mine(side, NavalSortie)
            if not sorties:
                continue
            targets = [c for c in self.convoys if c.side != side]
            if not targets:
                for i, _ in sorties:
                    self.report.add("naval", side, "naval", "entry.naval_none", order=i)
                continue
            convoy = max(targets, key=lambda c: c.ships)  # first largest: stable order
            o_c = convoy.order
            esc = sc.ship_class(o_c.escort_class) if o_c.escort_class and o_c.escorts else None
            screen = (1.0 - esc.screen) ** o_c.escorts if esc else 1.0
            exposure = sc.rule("us_escort_exposure") if o_c.us_escort else 1.0
            light = 1.0 if o_c.night else sc.rule("boat_day_factor")
            expected = 0.0
            boats = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                cls = sc.ship_class(o.ship_class)
                expected += o.boats * cls.attack * light * screen * exposure
                boats += o.boats
            p_sink = min(1.0, expected / convoy.ships) if convoy.ships else 0.0
            sunk = rng.binomial(convoy.ships, p_sink)
            defence = (esc.defence * o_c.escorts) if esc else 0.0
            p_loss = min(0.95, sc.rule("boat_loss_to_convoy") + defence / max(1, boats))
            lost_total = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                lost = rng.binomial(o.boats, p_loss)
                st.ships[o.ship_class] -= lost
                st.totals[f"ships_lost.{side}"] += lost
                crew = lost * sc.rule("boat_crew_casualties")
                st.totals[f"casualties.{side}.military"] += crew
                self.casualties[side] += crew
                lost_total += lost
            convoy.sunk_at_sea = sunk
            convoy.ships -= sunk
            convoy.boats_lost = lost_total
            self._ships_sunk(convoy.side, o_c.ship_class, sunk)
            self.report.add(
                "naval",
                side,
                "naval",
                "entry.naval",
                order=sorties[0][0],
                convoy=convoy.index,
                sunk=sunk,
                boats=boats,
                boats_lost=lost_total,
                chance=round(p_sink, 3),
            )
