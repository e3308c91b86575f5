"""The game screen's side panel: the header (date, day, who plays) and the status tab (supply,
losses, tension, the victory conditions and how near they are), each figure with its change
since yesterday, and trend lines of the days so far (`game.ui.trends`: the side's own
observation of every morning, so a hidden figure has no trend either).
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.engine.observe import Observation
from game.scenario.model import SIDES
from game.ui import trends
from game.ui.charts import draw_chart
from game.ui.screens.day_summary import signed
from game.ui.screens.game_parts import GameParts
from game.ui.session import public_table
from game.ui.widgets import (
    DIM,
    GOLD,
    INK,
    RED,
    bar,
    panel,
    text,
)
from game.words.render import OPS, variable


class StatusPanel(GameParts):
    """The side panel's header and status tab (a mixin of `GameScreen`: it works on
    the screen's session, map and widgets)."""

    def status_event(self, event: pygame.event.Event) -> bool:
        """Scroll the status with the wheel over the panel, or Page Up/Down."""
        if event.type == pygame.MOUSEWHEEL:
            if self.panel_rect.collidepoint(pygame.mouse.get_pos()):
                self.scroll_status(-event.y * self.s(40))
                return True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            page = (self.body_bottom - self.body_top) // 2
            self.scroll_status(page if event.key == pygame.K_PAGEDOWN else -page)
            return True
        return False

    def panel_surface(self) -> pygame.Surface:
        """The side panel's background, header and status, drawn again only when what they
        show changes (the day, the side, the tab, the size, the language)."""
        s = self.session
        key = (
            self.panel_rect.size,
            self.body_top,
            self.body_bottom,
            self.tab,
            s.side,
            s.viewer,
            s.mode.kind,
            self.shown_over(),
            self.app.settings.lang,
            self.app.scale,
            self.status_scroll,
        )
        obs = self.observation
        cached = getattr(self, "_panel", None)
        if cached is not None and cached[0] == key and cached[2] is obs:
            return cached[1]
        surf = pygame.Surface(self.panel_rect.size).convert()
        panel(surf, surf.get_rect())
        self.draw_header(surf, 0)
        body = pygame.Rect(
            self.s(12),
            self.body_top,
            self.panel_rect.width - self.s(24),
            self.body_bottom - self.body_top,
        )
        if self.tab == "forces":
            self.draw_status(surf, body, self.draw_forces)
        elif self.tab == "status" or not s.mode.human_sides() or self.shown_over():
            self.draw_status(surf, body)
        self._panel = (key, surf, obs)
        return surf

    def draw_header(self, surface: pygame.Surface, left: int | None = None) -> None:
        """Date, day and who plays, from `left` (default: the panel's left edge)."""
        s = self.session
        left = self.panel_rect.left if left is None else left
        x, y = left + self.s(12), self.s(8)
        w = self.panel_rect.width - self.s(24)
        date = s.date()
        f1 = self.app.fonts.get(20)
        day = self.observation.day + 1
        text(
            surface,
            f1,
            self.t("game.date", d=date.day, m=self.t(f"month.{date.month}"), y=date.year),
            (x, y),
            GOLD,
            w,
        )
        f2 = self.app.fonts.get(13)
        who = self.who()
        text(
            surface,
            f2,
            f"{self.t('game.day', n=day, total=self.sc.days)} · {who}",
            (x, y + f1.get_linesize() + self.s(2)),
            DIM,
            w,
        )

    def who(self) -> str:
        s = self.session
        if s.mode.human_sides():
            return self.t("game.playing", side=self.app.loc.side(s.side))
        return self.t("game.watching")

    def draw_status(self, surface: pygame.Surface, rect: pygame.Rect, body: Any = None) -> None:
        """The status tab (or `body`, another tab drawn the same way: the forces) inside
        `rect`, scrolled by `status_scroll` (mouse wheel or Page Up/Down over the panel when
        it does not fit, at large interface sizes)."""
        clip = surface.get_clip()
        surface.set_clip(rect)
        top = rect.top - self.status_scroll
        draw = body or self._draw_status
        bottom = draw(surface, rect.move(0, -self.status_scroll))
        surface.set_clip(clip)
        self.status_height = bottom - top
        if self.status_height > rect.height:  # a thin scroll indicator
            frac = rect.height / self.status_height
            y = rect.top + int(rect.height * self.status_scroll / self.status_height)
            pygame.draw.rect(
                surface, DIM, (rect.right + self.s(4), y, 3, max(12, int(rect.height * frac)))
            )

    def scroll_status(self, dy: int) -> None:
        room = self.body_bottom - self.body_top
        most = max(0, getattr(self, "status_height", 0) - room)
        self.status_scroll = max(0, min(most, self.status_scroll + dy))

    def _draw_status(self, surface: pygame.Surface, rect: pygame.Rect) -> int:
        loc, sc = self.app.loc, self.sc
        obs = self.observation
        f, fb = self.app.fonts.get(14), self.app.fonts.get(15)
        lh = f.get_linesize() + self.s(2)
        x, y = rect.left, rect.top
        w = rect.width

        def head(key: str) -> None:
            nonlocal y
            y += self.s(4)
            text(surface, fb, self.t(key), (x, y), GOLD, w)
            y += fb.get_linesize() + self.s(2)

        def line(txt: str, colour: Any = INK, indent: int = 8) -> None:
            nonlocal y
            text(surface, f, txt, (x + self.s(indent), y), colour, w - self.s(indent))
            y += lh

        days_seen = self.seen_days()
        before = days_seen[-2] if len(days_seen) > 1 else None
        head("status.supply")
        for k in sc.supply.kinds:
            tons = obs.supply.get(k.id)
            if tons is None:
                line(self.t("status.supply_unknown", kind=loc.text(k.name)), DIM)
            else:
                days = tons / k.daily_use_t if k.daily_use_t else None
                d = self.t("status.days", n=f"{days:.1f}") if days is not None else "—"
                colour = RED if days is not None and days < 7 else INK
                was = before.supply.get(k.id) if before is not None else None
                line(
                    self.t("status.supply_line", kind=loc.text(k.name), tons=loc.num(tons), days=d)
                    + self.delta(trends.change(tons, was)),
                    colour,
                )
        head("status.trends")
        for key, value, shown, colour_side in self.trend_rows(days_seen):
            series = trends.series(sc, days_seen, key)
            # a hidden figure has no unit ("Food: unknown", not "Food: unknown days")
            name = f"status.trend_{key}" + ("_unknown" if value is None else "")
            txt = self.t(name if self.app.loc.has(name) else f"status.trend_{key}", value=shown)
            if len(series) > 1 and key != "tons_landed":
                txt += self.delta(trends.change(series[-1], series[-2]))
            spark_w = min(self.s(110), w // 3)
            text(surface, f, txt, (x + self.s(8), y), INK, w - spark_w - self.s(14))
            if value is not None and len(series) > 1:
                draw_chart(
                    surface,
                    pygame.Rect(x + w - spark_w, y + self.s(2), spark_w, lh - self.s(4)),
                    trends.trend_chart(sc, days_seen, key, colour_side),
                    loc,
                    self.app.fonts,
                    palette=self.app.settings.palette,
                    scale=self.app.scale,
                    compact=True,
                )
            y += lh
        head("status.losses")
        tot = obs.totals
        for side in SIDES:
            cas = tot[f"casualties.{side}.military"] + tot[f"casualties.{side}.civilian"]
            was_cas = (
                before.totals[f"casualties.{side}.military"]
                + before.totals[f"casualties.{side}.civilian"]
                if before is not None
                else None
            )
            line(
                self.t(
                    "status.loss_line",
                    side=loc.side(side),
                    mil=loc.num(tot[f"casualties.{side}.military"]),
                    civ=loc.num(tot[f"casualties.{side}.civilian"]),
                )
                + self.delta(trends.change(cas, was_cas))
            )
        line(
            self.t("status.shells", prc=loc.num(tot["shells.prc"]), roc=loc.num(tot["shells.roc"])),
            DIM,
        )
        line(
            self.t(
                "status.tons", landed=loc.num(tot["tons.landed"]), lost=loc.num(tot["tons.lost"])
            ),
            DIM,
        )
        head("status.world")
        bw = w - self.s(150)
        for key, value, colour in (
            ("status.tension", obs.tension, (220, 110, 80)),
            ("status.us", obs.us_commitment, (110, 150, 220)),
        ):
            text(surface, f, f"{self.t(key)} {value:.0f}", (x + self.s(8), y), INK, self.s(140))
            bar(
                surface,
                pygame.Rect(x + self.s(150), y + self.s(4), bw, lh - self.s(8)),
                value,
                100,
                colour,
            )
            y += lh
        head("status.victory")
        for e in sc.victory.endings:
            who = self.t(f"winner.{e.winner}")
            streak = obs.streaks.get(e.id, 0)  # None: it would tell a hidden figure
            extra = (
                self.t("status.at_end")
                if e.at_end
                else self.t(
                    "status.streak",
                    n="?" if streak is None else streak,
                    need=e.for_days,
                )
            )
            line(
                self.t("status.ending_line", name=loc.text(e.name), who=who, extra=extra),
                GOLD if streak else INK,
                8,
            )
            for c in e.when:
                line(self.condition(c), DIM, 22)
        return y

    def seen_days(self) -> list[Observation]:
        """The viewer's observation of every morning so far, today's last (`game.ui.trends`;
        under the all-public table when the viewer sees everything)."""
        if self.thinking is not None and self._morning_days is not None:
            return self._morning_days  # the morning's, while the turn is worked out
        s = self.session
        sc = public_table(self.sc) if s.sees_all else self.sc
        past = trends.observations(s.game, sc, s.viewer, public=s.sees_all)
        return [*past[:-1], self.observation]

    def trend_rows(self, days: list[Observation]) -> list[tuple[str, float | None, str, str]]:
        """The trend lines shown: (key, today's value, its words, the line's side colour);
        a figure the observation hides has no row (the enemy's morale) or says "unknown"."""
        sc, loc, obs = self.sc, self.app.loc, days[-1]
        rows: list[tuple[str, float | None, str, str]] = []
        for key, colour in trends.TRENDS:
            if key == "tons_landed":
                series = trends.series(sc, days, key)
                value = series[-1] if series else 0.0
            else:
                value = trends.figure(sc, obs, key)
            if value is None:
                shown = self.t("status.unknown")
            elif key == "food_days":
                shown = f"{value:.1f}"
            else:
                shown = loc.num(value)
            rows.append((key, value, shown, obs.side if colour == "own" else colour))
        return rows

    def delta(self, change: float | None) -> str:
        """A figure's change since yesterday, after the figure: " ▲ +12", " ▼ −3" ("" for
        none, or when yesterday's figure is not known)."""
        if change is None or not math.isfinite(change) or round(change) == 0:
            return ""  # none, or endless days of a stock nothing eats (a mod's minute use)
        arrow = "▲" if change > 0 else "▼"
        return f" {arrow} {signed(self.app.loc, change)}"

    def condition(self, c: Any) -> str:
        """A victory condition with its value now as the viewer knows it ("unknown" when the
        figure is hidden from it: the observation holds None there)."""
        val = trends.seen_var(self.sc, self.observation, c.var)
        if val is None:
            now = self.t("status.unknown")
        else:
            now = f"{val:,.1f}" if isinstance(val, float) else str(val)
        # the variable and operator in the words the encyclopedia and the guide use
        # ("ROC morale ≤ 15", not "Morale (ROC) <= 15.0")
        return self.t(
            "status.condition",
            var=variable(c.var, self.app.loc, self.sc),
            op=OPS.get(c.op, c.op),
            value=c.value,
            now=now,
        )
