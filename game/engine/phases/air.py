"""Reconnaissance and air battles: who spots which battery, and what each side's patrols cost
the other."""

from __future__ import annotations

from game.engine.phases.base import DayBase
from game.scenario.model import SIDES, other
from game.scenario.orders import AirSortie


class AirPhases(DayBase):
    def _sorties(self, side: str, mission: str) -> list[tuple[int, AirSortie]]:
        out = []
        for i, o in self.mine(side, AirSortie):
            assert isinstance(o, AirSortie)
            if o.mission == mission:
                out.append((i, o))
        return out

    def phase_recon(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        patrols = {s: sum(o.sorties for _, o in self._sorties(s, "patrol")) for s in SIDES}
        for side in SIDES:
            enemy = other(side)
            for i, o in self._sorties(side, "recon"):
                share = patrols[enemy] / (patrols[enemy] + patrols[side] + 1.0)
                lost = rng.binomial(o.sorties, sc.rule("recon_loss_chance") * share)
                self._lose_aircraft(side, o.air_unit, lost)
                flown = o.sorties - lost
                p = 1.0 - (1.0 - sc.rule("recon_spot_chance")) ** flown
                spotted = []
                for g in sc.artillery:
                    if g.side != enemy or st.groups[g.id].guns <= 0:
                        continue
                    # a battery that has not yet arrived (`available_from`) is not there to
                    # be seen: the 8-inch batteries of 26 September were "spotted by the
                    # enemy" in August. Its chance is still drawn, so that the draws of the
                    # batteries after it, and every day's outcome, stay as they were.
                    arrived = g.available_from is None or g.available_from <= self.date
                    if rng.chance(p) and arrived:
                        self._spot(g.id)
                        spotted.append(g.id)
                self.report.add(
                    "reconnaissance",
                    side,
                    "recon",
                    "entry.recon",
                    order=i,
                    unit=o.air_unit,
                    flown=flown,
                    spotted=spotted,
                    lost=lost,
                    chance=round(p, 3),
                )

    def phase_air(self) -> None:
        sc, rng = self.sc, self.rng
        flights = {s: self._sorties(s, "patrol") for s in SIDES}
        for s in SIDES:
            self.patrol[s] = float(sum(o.sorties for _, o in flights[s]))
        if not (self.patrol["prc"] and self.patrol["roc"]):
            return
        engaged = rng.chance(sc.rule("air_engage_chance"))
        if not engaged:
            self.report.add("air", "none", "air", "entry.air_none")
            return
        kills = {}
        for s in SIDES:
            k = 0
            for _, o in flights[s]:
                unit = sc.air_unit(o.air_unit)
                rate = unit.kill_rate
                if unit.missiles_from is not None and self.date >= unit.missiles_from:
                    rate *= unit.missile_factor
                k += rng.binomial(o.sorties, min(1.0, rate))
            kills[s] = min(k, self.patrol[other(s)])
        units: dict[str, dict[str, int]] = {s: {} for s in SIDES}
        for s in SIDES:
            lost = kills[other(s)]
            total = self.patrol[s]
            left = lost
            for _, o in flights[s]:
                share = min(left, round(lost * o.sorties / total)) if total else 0
                _count(units[s], o.air_unit, self._lose_aircraft(s, o.air_unit, share))
                left -= share
            if left > 0 and flights[s]:
                first = flights[s][0][1].air_unit
                _count(units[s], first, self._lose_aircraft(s, first, left))
            self.patrol[s] = max(0.0, total - lost)
        self.report.add(
            "air",
            "none",
            "air_battle",
            "entry.air_battle",
            prc_lost=kills["roc"],
            roc_lost=kills["prc"],
            # causes: each side's units in the battle and what each lost
            units={s: [o.air_unit for _, o in flights[s]] for s in SIDES},
            lost_by_unit=units,
        )


def _count(tally: dict[str, int], unit: str, n: int) -> None:
    """Add `n` aircraft lost to `unit`'s tally (the entry's `lost_by_unit`)."""
    tally[unit] = tally.get(unit, 0) + n
