"""The game screen's forces tab: the order of battle with its counts, stocks and state.

Each side's artillery (guns left and destroyed, ammunition, silenced, spotted), ships by class
(in port, away, lost), aircraft by unit, the stocks on the island and the commanders, all from
the viewing side's `Observation`: its own figures exact, the enemy's only where the observation
holds them ("?" where it holds None, and an enemy battery that has not arrived not listed at
all, as on the map). The lines are built as data (`force_lines`, no drawing) so tests read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pygame

from game.engine.observe import Observation
from game.scenario.model import Scenario
from game.ui.screens.game_parts import GameParts
from game.ui.widgets import DIM, GOLD, INK, RED, lines_of, text


@dataclass(frozen=True)
class ForceLine:
    """One line of the tab: a heading (`depth` 0) or a unit's line (1); `dim` for what is not
    known or not there, `bad` for what is hurt."""

    text: str
    depth: int
    dim: bool = False
    bad: bool = False


def _q(loc: Any, x: float | None) -> str:
    return "?" if x is None else loc.num(x)


def _amtracs_lost(sc: Scenario, obs: Observation, side: str, sunk: float) -> float:
    """The amtracs among a side's ships lost, where the observation holds its amtracs' count
    (its own side; the enemy's when ships are public); 0 where it does not. Amtracs are never
    damaged or away after a day, so those missing from their class are lost."""
    lost = 0.0
    for c in sc.ships:
        if c.side == side and c.role == "amtrac":
            port = obs.ships.get(c.id)
            if port is None:
                return 0.0
            away = sum(n for _, cls, n in obs.ships_away if cls == c.id)
            lost += c.count - port - away
    return max(0.0, min(sunk, lost))


def force_lines(loc: Any, sc: Scenario, obs: Observation) -> list[ForceLine]:
    """The forces tab of `obs` as lines, the viewing side first."""
    out: list[ForceLine] = []
    own, enemy = obs.side, obs.enemy
    date = sc.meta.start + timedelta(days=obs.day)
    for side in (own, enemy):
        out.append(ForceLine(loc.t("forces.artillery", side=loc.side(side)), 0))
        for g in sc.artillery:
            if g.side != side:
                continue
            v = obs.groups[g.id]
            if not v.exists:
                continue
            name = loc.text(g.name)
            if not v.known:
                out.append(ForceLine(loc.t("forces.group_unknown", group=name), 1, dim=True))
                continue
            state = []
            if g.available_from is not None and g.available_from > date:
                when = loc.t(
                    "game.date",
                    d=g.available_from.day,
                    m=loc.t(f"month.{g.available_from.month}"),
                    y=g.available_from.year,
                )
                state.append(loc.t("forces.arrives", date=when))
            if v.ammo is not None and v.ammo >= 0:  # its own dump (else the island's stocks)
                state.append(loc.t("forces.rounds", n=loc.num(v.ammo)))
            if v.suppressed:
                state.append(loc.t("forces.silenced"))
            if v.spotted_until >= obs.day:
                key = "forces.spotted_by_enemy" if side == own else "forces.in_sight"
                state.append(loc.t(key))
            line = loc.t(
                "forces.group",
                group=name,
                guns=_q(loc, v.guns),
                lost=_q(loc, v.destroyed),
            )
            if state:
                line += loc.t("forces.state", state=loc.join(state))
            out.append(ForceLine(line, 1, bad=v.guns == 0))
        out.append(ForceLine(loc.t("forces.ships", side=loc.side(side)), 0))
        for c in sc.ships:
            if c.side != side:
                continue
            port = obs.ships.get(c.id)
            away = sum(n for _, cls, n in obs.ships_away if cls == c.id) if side == own else None
            out.append(
                ForceLine(
                    loc.t(
                        "forces.ship_class",
                        cls=loc.text(c.name),
                        port=_q(loc, port),
                        away=_q(loc, away),
                    ),
                    1,
                    dim=port is None,
                )
            )
        sunk = obs.totals.get(f"ships_lost.{side}", 0.0)
        damaged = loc.num(obs.totals.get(f"ships_damaged.{side}", 0.0))
        amtracs = _amtracs_lost(sc, obs, side, sunk)
        if amtracs:  # the total counts amtracs lost on the beaches: said apart, as the article does
            line = loc.t(
                "forces.ships_lost_amtracs",
                sunk=loc.num(sunk - amtracs),
                amtracs=loc.num(amtracs),
                damaged=damaged,
            )
        else:
            line = loc.t("forces.ships_lost", sunk=loc.num(sunk), damaged=damaged)
        out.append(ForceLine(line, 1))
        out.append(ForceLine(loc.t("forces.aircraft", side=loc.side(side)), 0))
        for a in sc.air:
            if a.side != side:
                continue
            n = obs.aircraft.get(a.id)
            out.append(
                ForceLine(
                    loc.t("forces.air_unit", unit=loc.text(a.name), n=_q(loc, n)), 1, n is None
                )
            )
        out.append(
            ForceLine(
                loc.t(
                    "forces.aircraft_lost", n=loc.num(obs.totals.get(f"aircraft_lost.{side}", 0.0))
                ),
                1,
            )
        )
    out.append(ForceLine(loc.t("forces.stocks"), 0))
    for k in sc.supply.kinds:
        tons = obs.supply.get(k.id)
        out.append(
            ForceLine(
                loc.t("forces.stock", kind=loc.text(k.name), tons=_q(loc, tons)), 1, tons is None
            )
        )
    out.append(ForceLine(loc.t("forces.commanders"), 0))
    for cmd in sc.commanders:
        fate = obs.commanders.get(cmd.id)
        word = "?" if fate is None else loc.t(f"forces.fate_{fate}")
        out.append(
            ForceLine(
                loc.t(
                    "forces.commander", side=loc.side(cmd.side), name=loc.text(cmd.name), fate=word
                ),
                1,
                dim=fate is None,
                bad=fate in ("killed", "wounded"),
            )
        )
    return out


class ForcesPanel(GameParts):
    """The forces tab (a mixin of `GameScreen`, drawn by the status panel's scrolling)."""

    def draw_forces(self, surface: pygame.Surface, rect: pygame.Rect) -> int:
        f, fb = self.app.fonts.get(14), self.app.fonts.get(15)
        lh = f.get_linesize() + self.s(2)
        x, y, w = rect.left, rect.top, rect.width
        for ln in force_lines(self.app.loc, self.sc, self.observation):
            if ln.depth == 0:
                y += self.s(4)
                text(surface, fb, ln.text, (x, y), GOLD, w)
                y += fb.get_linesize() + self.s(2)
                continue
            colour = DIM if ln.dim else RED if ln.bad else INK
            # wrapped, not cut: the tail of a line ("arrives 28 September", "spotted by the
            # enemy") is the part a player looks for; continuation lines hang a little
            # further in so each unit still reads as one entry
            for i, part in enumerate(lines_of(f, ln.text, w - self.s(20))):
                text(surface, f, part, (x + self.s(8 if i == 0 else 20), y), colour)
                y += lh
        return y


__all__ = ["ForceLine", "ForcesPanel", "force_lines"]
