"""Naval attacks on convoys at sea: boats against ships, escorts screening, hit and hitting back.

Attack craft hit transports (`attack`, screened by escorts) and, with guns, the escorts
themselves (`attack_escort`); a hit ship sinks, is written off or is damaged (`_hit_ships`).
Transports hit at sea go home with their cargo; a convoy whose escorts are hit at sea in the
share `turn_back_escorts_hit_share` turns back without unloading (the 2 September 1958 convoy:
未及卸载货物即返航).
"""

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
                run = ConvoyRun(side, i, o, o.ships, named=self._sail_named(o.ship_class, o.ships))
                if o.escort_class and o.escorts:
                    run.named_escorts = self._sail_named(o.escort_class, o.escorts)
                self.convoys.append(run)
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
            on_escorts = 0.0
            boats = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                cls = sc.ship_class(o.ship_class)
                expected += o.boats * cls.attack * light * screen * exposure
                on_escorts += o.boats * cls.attack_escort * light * exposure
                boats += o.boats
            p_hit = min(1.0, expected / convoy.ships) if convoy.ships else 0.0
            hit = rng.binomial(convoy.ships, p_hit)
            p_escort = min(1.0, on_escorts / o_c.escorts) if esc else 0.0
            escorts_hit = rng.binomial(o_c.escorts, p_escort) if esc else 0
            defence = (esc.defence * o_c.escorts) if esc else 0.0
            p_loss = min(0.95, sc.rule("boat_loss_to_convoy") + defence / max(1, boats))
            lost_total = 0
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                lost = rng.binomial(o.boats, p_loss)
                st.ships[o.ship_class] -= lost
                st.totals[f"ships_lost.{side}"] += lost
                crew = lost * sc.rule("boat_crew_casualties")
                st.totals[f"killed.{side}.military"] += crew * sc.rule("boat_crew_killed_share")
                st.totals[f"casualties.{side}.military"] += crew
                self.casualties[side] += crew
                lost_total += lost
            ships = self._hit_ships(
                convoy.side, o_c.ship_class, hit, sc.rule("ship_sink_share"), True, convoy.named
            )
            convoy.sunk_at_sea += ships.sunk
            convoy.hit_at_sea += ships.wrecked + ships.damaged
            convoy.ships -= hit
            convoy.boats_lost += lost_total
            for _, o in sorties:
                assert isinstance(o, NavalSortie)
                if o.ship_class not in convoy.attackers:
                    convoy.attackers.append(o.ship_class)
            escorts = None
            if esc is not None:
                escorts = self._hit_ships(
                    convoy.side,
                    esc.id,
                    escorts_hit,
                    sc.rule("escort_sink_share"),
                    True,
                    convoy.named_escorts,
                )
                convoy.escorts_hit += escorts_hit
                share = sc.rule("turn_back_escorts_hit_share")
                if convoy.escorts_hit > 0 and convoy.escorts_hit >= share * o_c.escorts:
                    convoy.turned_back = True
            self.report.add(
                "naval",
                side,
                "naval",
                "entry.naval",
                order=sorties[0][0],
                convoy=convoy.index,
                sunk=ships.sunk,
                damaged=ships.wrecked + ships.damaged,
                escorts_hit=escorts_hit,
                escorts_sunk=escorts.sunk if escorts else 0,
                # the convoy side's killed and wounded aboard the ships hit at sea
                killed=ships.killed + (escorts.killed if escorts else 0.0),
                wounded=ships.wounded + (escorts.wounded if escorts else 0.0),
                turned_back=convoy.turned_back,
                boats=boats,
                boats_lost=lost_total,
                chance=round(p_hit, 3),
                escort_chance=round(p_escort, 3),
                # causes: the attacking classes; the convoy's transport and escort classes
                attackers=list(convoy.attackers),
                target_cls=o_c.ship_class,
                escort_cls=esc.id if esc is not None else None,
            )
