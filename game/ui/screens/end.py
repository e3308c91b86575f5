"""The end screen: who won, by which ending and why (the ending's own text from the scenario),
the score against history with each item explained, the charts, and one button that exports
the after-action report (Markdown, CSV and the charts as PNG).

It is shown at the end of a game (`Go("end", session=...)`) and at the end of a replay
(`Go("end", sc=..., days=..., seed=...)`); the game's days are kept as a
`game.history.series.ReplayDays`, replayed once in the worker thread when a session ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.engine.state import State
from game.history.series import Chart, ReplayDays, charts, history_game, score_items
from game.paths import user_data_dir
from game.scenario.model import Scenario
from game.ui.charts import draw_charts, export_charts
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import BACKDROP, button
from game.ui.widgets import DIM, GOLD, INK, RED, Line, ScrollText, panel, text
from game.ui.worker import Job
from game.words.history import fmt_num


def reports_dir() -> Path:
    """Where the end screen writes after-action reports: beside the saves."""
    return user_data_dir() / "reports"


def write_report(game: Any, out: Path, lang: str = "en", palette: str = "default") -> list[Path]:
    """The after-action report of `game` at `out` (Markdown), with its daily figures (CSV) and
    the charts (PNG) beside it; returns the files written. Raises OSError."""
    from game.history.report_md import build_report

    sc = game.scenario
    md, table = build_report(sc, game, out.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    csv_path, png = out.with_suffix(".csv"), out.with_suffix(".charts.png")
    out.write_text(md, encoding="utf-8")
    csv_path.write_text(table, encoding="utf-8")
    days = ReplayDays.of_game(game)
    export_charts(png, charts(sc, days.runs), lang, palette=palette, start=sc.meta.start)
    return [out, csv_path, png]


class EndScreen(Screen):
    def __init__(
        self,
        app: Any,
        session: Any = None,
        *,
        sc: Scenario | None = None,
        days: ReplayDays | None = None,
        seed: int = 1,
        game: Any = None,
    ) -> None:
        super().__init__(app)
        self.session = session
        scenario = session.sc if session is not None else sc
        if scenario is None:
            raise ValueError("the end screen needs a session or a scenario")
        self.sc: Scenario = scenario
        self.seed = session.game.seed if session is not None else seed
        #: a played or saved game (from a session, or opened in the replay viewer)
        self.game = session.game if session is not None else game
        self.days = days
        self.charts: list[Chart] | None = None
        self.job: Job | None = None
        if days is not None:
            self.charts = charts(self.sc, days.runs)
        elif self.game is not None:
            game = self.game
            self.job = Job(lambda: charts(self.sc, ReplayDays.of_game(game).runs))
        self.text = ScrollText()
        self.note = ""
        self.note_ok = True

    @property
    def state(self) -> State:
        if self.game is not None:
            return self.game.state
        assert self.days is not None
        return self.days.state(len(self.days))

    def wait(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.update(0.0)

    def build(self) -> None:
        w, h = self.app.size
        m = self.s(16)
        lw = min(max(self.s(480), 380), int(w * 0.45))
        self.left = pygame.Rect(m, m, lw, h - 2 * m)
        self.right = pygame.Rect(self.left.right + m, m, w - lw - 3 * m, h - 2 * m)
        bh = self.s(40)
        bw = (lw - self.s(48)) // 3
        y = self.left.bottom - bh - self.s(12)
        self.b_export = button(
            self,
            (self.left.left + self.s(12), y, bw, bh),
            "end.export",
            "end.export_tip",
            cls="@primary",
        )
        self.b_replay = button(
            self, (self.left.left + self.s(24) + bw, y, bw, bh), "end.replay", "end.replay_tip"
        )
        self.b_menu = button(
            self, (self.left.left + self.s(36) + 2 * bw, y, bw, bh), "end.menu", "end.menu_tip"
        )
        self.text_rect = pygame.Rect(
            self.left.left + self.s(12),
            self.left.top + self.s(12),
            lw - self.s(24),
            y - self.left.top - self.s(24),
        )
        self.text.lines = self.lines()

    def lines(self) -> list[Line]:
        loc, sc, st = self.app.loc, self.sc, self.state
        t = self.t
        out = [Line(t("end.title" if st.over else "end.title_so_far"), GOLD, 26)]
        if not st.over:
            out.append(Line(t("end.no_ending"), INK, 16, gap_before=6))
        else:
            out.append(Line(t(f"winner.{st.winner}"), GOLD, 20, gap_before=6))
            ending = next((e for e in sc.victory.endings if e.id == st.ending), None)
            if ending is not None:
                out.append(Line(t("end.ending", name=loc.text(ending.name)), INK, 16, gap_before=6))
                out.append(Line(t("end.why", text=loc.text(ending.text)), INK, 14))
                for src in ending.source[:1]:
                    out.append(Line(f"「{src.quote}」", (240, 230, 200), 14, indent=10))
                    if not loc.zh:
                        out.append(Line(loc.t("words.quoted", text=src.en), DIM, 13, indent=10))
            past = sc.calibration.history_ending
            if past is not None:
                out.append(Line(t("end.history", text=loc.text(past.text)), DIM, 14, gap_before=6))
                same = "end.same_as_history" if st.ending == past.ending else "end.unlike_history"
                out.append(Line(t(same), DIM, 14))
        if st.score is not None:
            out.append(Line(t("end.score", score=f"{st.score:.0f}"), GOLD, 18, gap_before=12))
            out.append(Line(t("end.score_explain"), DIM, 13))
            for item in score_items(sc, st):
                line = t(
                    "end.score_item",
                    name=loc.text(item.name),
                    game=fmt_num(item.game),
                    history=fmt_num(item.history),
                    miss=f"{item.miss:.1f}",
                    weight=fmt_num(item.weight),
                )
                out.append(Line("• " + line, INK, 13, indent=6, gap_before=2))
        return out

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.text.handle_event(event):
            return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_menu:
                return Go("main_menu")
            if event.ui_element is self.b_export:
                self.export()
            if event.ui_element is self.b_replay:
                return self.replay()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            return Go("main_menu")
        return self

    def replay(self) -> Go:
        """The game (or the replayed record) in the replay viewer, on its last day."""
        if self.game is not None:
            humans = self.session.mode.human_sides() if self.session is not None else ()
            return Go("replay", sc=self.sc, game=self.game, human=humans)
        return Go("replay", sc=self.sc, days=self.days, day=len(self.days or ()))

    def export(self) -> list[Path]:
        """Write the after-action report to `reports_dir()`; the note says where."""
        game = self.game
        if game is None and self.days is not None:
            game = history_game(self.sc, self.days, self.seed)
        if game is None:
            return []
        name = f"{self.sc.id}-seed{game.seed}-day{game.state.day}.md"
        try:
            paths = write_report(
                game, reports_dir() / name, self.app.settings.lang, self.app.settings.palette
            )
        except OSError as exc:
            self.note, self.note_ok = self.t("end.export_failed", why=str(exc)), False
            return []
        self.note, self.note_ok = self.t("end.exported", path=str(paths[0])), True
        return paths

    def update(self, dt: float) -> Screen | Go:
        if self.job is not None and self.job.done():
            self.charts = self.job.result()
            self.job = None
        return self

    def chart_columns(self, n: int) -> int:
        """Two columns when the charts area is wide, or when one column would make each
        chart too short to draw its lines (at 200% in a 720-pixel window the five charts in
        one column showed their titles only)."""
        if self.right.width > self.s(700):
            return 2
        one = (self.right.height - self.s(10) * (n - 1)) // max(1, n)
        return 2 if one < self.s(150) else 1

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        panel(surface, self.left)
        self.text.draw(surface, self.text_rect, self.app.fonts)
        if self.note:
            f = self.app.fonts.get(12)
            colour = DIM if self.note_ok else RED
            y = self.b_export.rect.top - f.get_linesize() - self.s(4)
            text(surface, f, self.note, (self.text_rect.left, y), colour, self.text_rect.width)
        if self.charts is not None:
            draw_charts(
                surface,
                self.right,
                self.charts,
                self.app.loc,
                self.app.fonts,
                cols=self.chart_columns(len(self.charts)),
                gap=self.s(10),
                palette=self.app.settings.palette,
                start=self.sc.meta.start,
                scale=self.app.scale,
            )
