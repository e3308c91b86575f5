"""The day's end: supply used, repairs, morale, US commitment and victory; the score
against history."""

from __future__ import annotations

from game.engine.phases.base import DayBase
from game.engine.state import State, compare, get_var
from game.scenario.model import SIDES, Scenario


class UpkeepPhases(DayBase):
    def phase_supply(self) -> None:
        sc, st, rng = self.sc, self.st, self.rng
        short = []
        for k in sc.supply.kinds:
            if st.supply[k.id] < k.daily_use_t:
                short.append(k.id)
            st.supply[k.id] = max(0.0, st.supply[k.id] - k.daily_use_t)
        if short:
            held = sc.cast.besieged
            st.morale[held] = max(
                0.0, st.morale[held] - len(short) * sc.rule("shortage_morale_per_day")
            )
            self.report.add(
                "supply",
                held,
                "shortage",
                "entry.shortage",
                kinds=short,
            )
        for t in sc.targets:
            if t.repair_per_day:
                st.integrity[t.id] = min(100.0, st.integrity[t.id] + t.repair_per_day)
        rate = sc.rule("gun_repair_per_day")
        for g in sc.artillery:
            gs = st.groups[g.id]
            if gs.destroyed and rate:
                back = min(gs.destroyed, rng.fraction_round(gs.destroyed * rate))
                gs.guns += back
                gs.destroyed -= back
            if gs.ammo >= 0:
                gs.ammo += g.ammo_per_day
            gs.suppressed = self.suppress_next.get(g.id, 0.0)
        for a in sc.air:
            st.aircraft[a.id] = min(float(a.count), st.aircraft[a.id] + a.replacements_per_day)
        tomorrow = st.day + 1
        keep = []
        for ret, cls, n in st.ships_away:
            if ret <= tomorrow:
                st.ships[cls] += n
            else:
                keep.append([ret, cls, n])
        st.ships_away = keep
        fade = sc.rule("commander_accuracy_loss") / sc.rule("commander_recovery_days")
        for s in SIDES:
            st.fire_control_loss[s] = max(0.0, st.fire_control_loss[s] - fade)

    def phase_morale(self) -> None:
        sc, st = self.sc, self.st
        for s in SIDES:
            m = st.morale[s]
            m -= self.casualties[s] / 1000.0 * sc.rule("morale_per_1000_casualties")
            m -= self.guns_lost[s] * sc.rule("morale_per_gun_destroyed")
            if s == sc.cast.besieged:
                m += self.landed / 100.0 * sc.rule("morale_per_100t_landed")
            base = sc.side(s).morale
            rec = sc.rule("morale_recovery_per_day")
            m = m + min(rec, base - m) if m < base else m - min(rec, m - base)
            st.morale[s] = min(100.0, max(0.0, m))
        st.us_commitment = min(
            100.0,
            st.us_commitment
            + self.casualties[sc.cast.besieged]
            / 1000.0
            * sc.rule("commitment_per_1000_roc_casualties"),
        )

    # -- victory ---------------------------------------------------------------------------------

    def phase_victory(self) -> None:
        sc, st = self.sc, self.st
        for e in sc.victory.endings:
            if e.at_end:
                continue
            holds = all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when)
            st.streaks[e.id] = st.streaks[e.id] + 1 if holds else 0
            if holds and st.streaks[e.id] >= e.for_days and st.ending is None:
                st.ending, st.winner = e.id, e.winner
        if st.ending is None and st.day >= sc.days - 1:
            for e in sc.victory.endings:
                if e.at_end and all(compare(get_var(sc, st, c.var), c.op, c.value) for c in e.when):
                    st.ending, st.winner = e.id, e.winner
                    break
            else:
                st.ending, st.winner = "time_up", "draw"
        if st.ending is not None:
            st.score = history_score(sc, st)
            self.report.add(
                "victory",
                "none",
                "ending",
                "entry.ending",
                ending=st.ending,
                winner=st.winner,
                score=st.score,
            )


def history_score(sc: Scenario, st: State) -> float:
    """100 minus the weighted relative misses of each scored figure against history."""
    miss = 0.0
    for item in sc.victory.score:
        actual = float(get_var(sc, st, item.var))
        scale = max(abs(item.historical), 1.0)
        miss += item.weight * min(1.0, abs(actual - item.historical) / scale)
    return round(max(0.0, 100.0 - miss), 2)
