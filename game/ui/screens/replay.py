"""Replay 1958 in the window: the historical days on the map, a timeline of their events, the
article's record beside the map, and the charts.

The whole record is replayed once, in a worker thread (`game.ui.worker.Job`), when the screen
opens: every day's state, report, payload, markers and chart series are kept
(`game.history.series.ReplayDays`), so playing, stepping and seeking to any day only change an
index. The map shows the all-seeing history view: the observation taken under an all-public
visibility table, as when watching two computers play (docs/ui.md), with the whole day's
report animated; a replay is history, not one side's fog of war.

The record's replay follows the record (`game.history.record`): each day's recorded outcomes
are applied after the engine resolves it, under the record the viewer chooses where accounts
disagree (the Record button), and the engine's own resolution is shown beside as "the model".
Day 0 shows the prologue, the last day the epilogue. A played or saved game opens in the same
viewer (`game=`), with what its players' fog of war hid listed on its last day. "Take control"
starts a new game from the shown day's replayed state (`series.take_control`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from game.engine.observe import Observation, observe
from game.engine.report import Report
from game.history.record import DEFAULT, Choice, choice_label, choices
from game.history.series import Chart, ReplayDays, charts, markers, take_control
from game.scenario.model import Scenario
from game.ui.charts import draw_charts
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.screens.replay_parts import Timeline, record_lines, record_text, revealed_lines
from game.ui.session import Mode, Session, public_table
from game.ui.widgets import DIM, GOLD, panel, text, wrapped, wrapped_height
from game.ui.worker import Job

#: days a second at each speed
SPEEDS = (0.5, 1.0, 2.0, 4.0)
#: the seed of the historical replay (the pinned history hashes' first seed)
SEED = 1
#: the map's least height (unscaled pixels) beside the timeline's rows: under it the timeline
#: folds (at 200 % in 1280x720 the rows left the map 225 pixels high, places unnamed)
MAP_MIN_H = 280


@dataclass
class Prepared:
    """What the worker builds once: the days, their markers and the chart series."""

    days: ReplayDays
    marks: list[tuple[str, ...]]
    charts: list[Chart]


def prepare(
    sc: Scenario,
    lang: str,
    seed: int = SEED,
    *,
    record: Choice | None = DEFAULT,
    game: Any = None,
    days: ReplayDays | None = None,
) -> Prepared:
    """Replay the record once (following `record`), or a game's days, and build everything
    the screen shows (runs in the worker)."""
    if days is None:
        days = (
            ReplayDays.of_game(game)
            if game is not None
            else ReplayDays.history(sc, seed, record=record)
        )
    days.payloads(lang)
    return Prepared(days, markers(sc, days.runs), charts(sc, days.runs))


class ReplayScreen(Screen):
    b_menu: pygame_gui.elements.UIButton
    b_back: pygame_gui.elements.UIButton
    b_play: pygame_gui.elements.UIButton
    b_forward: pygame_gui.elements.UIButton
    b_speed: pygame_gui.elements.UIButton
    b_tab: pygame_gui.elements.UIButton
    b_end: pygame_gui.elements.UIButton
    b_record: pygame_gui.elements.UIButton
    b_why: pygame_gui.elements.UIButton
    b_take: pygame_gui.elements.UIButton
    b_fold: pygame_gui.elements.UIButton

    def __init__(
        self,
        app: Any,
        sc: Scenario | None = None,
        day: int = 0,
        *,
        game: Any = None,
        days: ReplayDays | None = None,
        human: tuple[str, ...] = (),
        record: Choice | None = None,
    ) -> None:
        super().__init__(app)
        if sc is None:
            sc, _ = app.try_scenario()
        if sc is None:
            raise ValueError("the scenario does not load")
        self.sc = sc
        self.lang = app.settings.lang
        self.game = game
        #: the sides the game's players played: what their fog hid is listed on the last day
        self.human = human
        #: the record followed (None: a game's days, or the engine's own)
        self.record: Choice | None = record or choices(sc)[0]
        if days is not None:
            self.record = days.follow.choice if days.follow else None
        if game is not None:
            self.record = None
        self.job: Job | None = Job(
            lambda: prepare(sc, self.lang, record=self.record, game=game, days=days)
        )
        self.data: Prepared | None = None
        self.why = False
        self.taking = False
        self.take_buttons: dict[str, Any] = {}
        self.day = day
        self.playing = False
        self.speed = 1
        self.timer = 0.0
        self.tab = "record"
        #: the first chart the charts tab shows when it has no room for all (`charts_shown`)
        self.chart_first = 0
        self.text = record_text()
        self._obs: dict[int, Observation] = {}
        self._public = public_table(sc)
        self.timeline: Timeline | None = None
        #: the timeline folded to a strip (a window short for the interface size)
        self.strip: Timeline | None = None
        #: the window is short: the timeline is folded (`build_layout`)
        self.compact = False
        #: the folded timeline's rows shown over the map
        self.unfolded = False

    # -- the days ------------------------------------------------------------------------

    def wait(self) -> None:
        """Block until the replay is prepared (screenshots and tests)."""
        if self.job is not None:
            self.job.wait()
            self._take()

    def _take(self) -> None:
        if self.job is None or not self.job.done():
            return
        self.data = self.job.result()
        self.job = None
        self.timeline = Timeline(self.data.marks, self.sc.meta.start)
        self.strip = Timeline(self.data.marks, self.sc.meta.start, folded=True)
        self.seek(self.day)
        self.build_layout()

    @property
    def total(self) -> int:
        return len(self.data.days) if self.data else 0

    def seek(self, day: int) -> None:
        """Show day `day` (clamped to the replayed days; 0 is the morning before the first,
        with the prologue): an index into the kept days."""
        if self.data is None:
            self.day = day
            return
        self.day = max(0, min(day, self.total))
        run = self.data.days.run(self.day)
        if hasattr(self, "map") and run is not None:
            self.map.play_report(self.report())
        if self.lang != self.app.settings.lang:
            self.lang = self.app.settings.lang
        self.show_record()
        self.text.scroll = 0
        if hasattr(self, "b_fold"):
            self._labels()

    def show_record(self) -> None:
        """The record beside the map for the shown day (with "Why?" its sources)."""
        if self.data is None:
            return
        days = self.data.days
        run = days.run(self.day)
        payload = days.payloads(self.lang)[self.day - 1] if run else None
        last = self.day == self.total and self.day > 0
        extra = (
            revealed_lines(self.sc, days.state(self.day), self.human, self.app.loc)
            if last and self.game is not None
            else []
        )
        self.text.lines = record_lines(
            self.sc,
            payload,
            self.app.loc,
            why=self.why,
            last=last,
            extra=extra,
            played=self.game is not None,
        )

    def report(self) -> Report | None:
        run = self.data.days.run(self.day) if self.data else None
        return run.report if run else None

    def observation(self) -> Observation | None:
        """The all-seeing view of the shown day's evening (kept per day once taken)."""
        if self.data is None:
            return None
        obs = self._obs.get(self.day)
        if obs is None:
            state = self.data.days.state(self.day)
            obs = observe(self._public, state, "roc", self.report())
            self._obs[self.day] = obs
        return obs

    # -- widgets ---------------------------------------------------------------------------

    def build(self) -> None:
        """The buttons flow in rows that wrap at the window's edge, the day's date heads the
        article's panel (beside the buttons it took a row of its own at 200 %: the map was
        left 225 pixels high and five places unnamed)."""
        bh, gap, left = self.s(34), self.s(6), self.s(8)
        right = self.app.size[0] - left
        x, y = left, self.s(8)

        def at(width: int) -> tuple[int, int, int, int]:
            nonlocal x, y
            bw = self.s(width)
            if x > left and x + bw > right:
                x, y = left, y + bh + gap
            rect = (x, y, bw, bh)
            x += bw + gap
            return rect

        specs = [
            ("b_menu", "replay.menu_back", "replay.menu_back_tip", 90),
            ("b_back", "replay.back", "replay.back_tip", 100),
            ("b_play", "replay.play", "replay.play_tip", 90),
            ("b_forward", "replay.forward", "replay.forward_tip", 100),
            ("b_speed", "replay.speed", "replay.speed_tip", 100),
            ("b_tab", "replay.charts_tab", "replay.tab_tip", 90),
            ("b_end", "replay.end", "replay.end_tip", 90),
            # whose record, "Why?", take control (its choices open in a panel of their own)
            ("b_record", "replay.record_button", "replay.record_button_tip", 250),
            ("b_why", "replay.why", "replay.why_tip", 80),
            ("b_take", "replay.take_control", "replay.take_control_tip", 130),
        ]
        for attr, key, tip, width in specs:
            b = button(self, at(width), key, tip, text=self.t(key, n=1, record=""))
            setattr(self, attr, b)
        self.top_h = y + bh + self.s(8)
        self.build_take(bh, gap)
        # placed on the folded timeline by `build_layout`
        self.b_fold = button(self, (0, 0, 1, 1), "replay.unfold", "replay.fold_tip")
        if self.record is None:
            self.b_record.disable()
        self.build_layout()
        self._labels()

    def article_w(self) -> int:
        """The article's panel's width, beside the map."""
        w = self.app.size[0]
        return min(max(self.s(440), 360), int(w * 0.42))

    #: the take-control choices: (key, width at 100 %)
    TAKE = (("prc", 130), ("roc", 130), ("hotseat", 190), ("cancel", 90))

    def build_take(self, bh: int, gap: int) -> None:
        """The take-control choices in a panel of their own, its title over them, at the
        map's top left under the button rows (at 200 % they flowed on from the last button
        row onto the map and the article, a map's labels and the article's lines between
        them). They wrap inside the map's width, or the window's when a choice is wider."""
        w = self.app.size[0]
        pad, left = self.s(8), self.s(8)
        widths = [self.s(width) for _, width in self.TAKE]
        inner = max(w - self.article_w() - 2 * left - 2 * pad, max(widths))
        inner = min(inner, w - 2 * left - 2 * pad)
        title_h = self.app.fonts.get(14).get_linesize()
        x0, y0 = left + pad, self.top_h + pad + title_h + gap
        x, y, widest = x0, y0, 0
        self.take_buttons = {}
        for (key, _), bw in zip(self.TAKE, widths, strict=True):
            if x > x0 and x + bw > x0 + inner:
                x, y = x0, y + bh + gap
            b = button(self, (x, y, bw, bh), f"replay.take_{key}", "replay.take_control_tip")
            self.take_buttons[key] = b
            x += bw + gap
            widest = max(widest, x - gap - x0)
        self.take_rect = pygame.Rect(left, self.top_h, widest + 2 * pad, y + bh + pad - self.top_h)

    def build_layout(self) -> None:
        """The map, the article's panel and the timeline. When the timeline's rows would
        leave the map under `MAP_MIN_H` high, it is folded to a strip under the map, and
        unfolding draws the rows over the map's foot: the map keeps its size (and its
        laid-out labels and layers) either way."""
        w, h = self.app.size
        fonts = self.app.fonts
        pw = self.article_w()
        top = getattr(self, "top_h", self.s(50))
        full = (self.timeline.height(fonts) if self.timeline else self.s(120)) + self.s(4)
        folded = self.strip.height(fonts) + self.s(4) if self.strip else full
        self.compact = h - top - full < self.s(MAP_MIN_H)
        tl_h = folded if self.compact else full
        label_w = self.s(110)
        self.timeline_rect = pygame.Rect(0, h - tl_h, w, tl_h)
        self.panel_rect = pygame.Rect(w - pw, top, pw, h - tl_h - top)
        self.map_rect = pygame.Rect(0, top, w - pw, h - tl_h - top)
        # the date at the panel's head, the article under it
        inner = self.panel_rect.inflate(-self.s(16), -self.s(12))
        self.head_pos = inner.topleft
        self.head_h = fonts.get(16).get_linesize() + wrapped_height(
            fonts.get(12), self.t("replay.seen_by"), inner.width
        )
        below = self.head_h + self.s(6)
        self.text_rect = pygame.Rect(
            inner.left, inner.top + below, inner.width, inner.height - below
        )
        self.map = self.app.map_view(self.sc, self.map_rect.size)
        if self.data is not None and self.report() is not None:
            self.map.play_report(self.report())
        if self.data is not None:  # a seek is then one frame, even onto a new decoration
            days = self.data.days
            self.map.prepare_labels(days.state(n) for n in range(len(days) + 1))
        # unfolded over the map, the rows sit on the strip
        self.rows_rect = (
            pygame.Rect(0, self.timeline_rect.top - full, w, full)
            if self.compact
            else self.timeline_rect
        )
        if self.timeline is not None:
            self.timeline.layout(self.rows_rect, label_w)
        if self.strip is not None:
            self.strip.layout(self.timeline_rect, label_w)
        if hasattr(self, "b_fold"):
            pad = self.s(4)
            r = self.timeline_rect
            self.b_fold.set_relative_position((r.left + pad, r.top + pad))
            self.b_fold.set_dimensions((label_w - 2 * pad, r.height - 2 * pad))

    def timelines(self) -> list[Timeline]:
        """The timelines shown, the one drawn on top first (clicks go to it)."""
        if self.timeline is None or self.strip is None:
            return []
        if not self.compact:
            return [self.timeline]
        return [self.timeline, self.strip] if self.unfolded else [self.strip]

    def toggle_fold(self) -> None:
        """Unfold the timeline's rows over the map's foot, or fold them back (only when the
        window is short for them: otherwise they are always shown)."""
        if self.compact:
            self.unfolded = not self.unfolded
            self._labels()

    def _labels(self) -> None:
        self.b_play.set_text(self.t("replay.pause" if self.playing else "replay.play"))
        speed = SPEEDS[self.speed]
        self.b_speed.set_text(self.t("replay.speed", n=f"{speed:g}"))
        self.b_tab.set_text(
            self.t("replay.charts_tab" if self.tab == "record" else "replay.record_tab")
        )
        shown = choice_label(self.record, self.lang) if self.record else "-"
        self.b_record.set_text(self.t("replay.record_button", record=shown))
        for b in self.take_buttons.values():
            b.show() if self.taking else b.hide()
        if hasattr(self, "b_fold"):
            self.b_fold.set_text(self.t("replay.fold" if self.unfolded else "replay.unfold"))
            self.b_fold.show() if self.compact else self.b_fold.hide()

    # -- events ----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        pos = getattr(event, "pos", (-1, -1))
        if self.taking and event.type != pygame_gui.UI_BUTTON_PRESSED:
            # the open choices' panel takes the clicks and the wheel over it; Esc closes it
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                return self.take("cancel")
            if self.take_rect.collidepoint(pos):
                return self
        if self.tab == "record" and self.text.handle_event(event):
            return self
        if (
            self.tab == "charts"
            and event.type == pygame.MOUSEWHEEL
            and self.text_rect.collidepoint(pygame.mouse.get_pos())
        ):
            self.page_charts(-event.y)
            return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self.press(event.ui_element)
        if event.type == pygame.KEYDOWN:
            return self.key(event.key)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for tl in self.timelines():
                day = tl.day_at(event.pos)
                if day is not None:
                    self.seek(day)
                    return self
        over = self.compact and self.unfolded and self.rows_rect.collidepoint(pos)
        if self.map_rect.collidepoint(pos) and not over:
            self.map.handle_event(event)
        return self

    def press(self, element: Any) -> Screen | Go:
        if element is self.b_menu:
            return Go("main_menu")
        if element is self.b_play:
            self.toggle_play()
        elif element is self.b_back:
            self.step(-1)
        elif element is self.b_forward:
            self.step(1)
        elif element is self.b_speed:
            self.speed = (self.speed + 1) % len(SPEEDS)
            self._labels()
        elif element is self.b_end:
            return self.end_screen()
        elif element is self.b_record:
            self.switch_record()
        elif element is self.b_why:
            self.why = not self.why
            self.show_record()
        elif element is self.b_take:
            self.taking = not self.taking and self.data is not None
            self._labels()
        elif element is self.b_fold:
            self.toggle_fold()
        elif element is self.b_tab:
            self.tab = "charts" if self.tab == "record" else "record"
            self._labels()
        for key, b in self.take_buttons.items():
            if element is b:
                return self.take(key)
        return self

    def switch_record(self, to: Choice | None = None) -> None:
        """Follow the next record (or `to`): the days are replayed again, the day kept."""
        if self.record is None or self.job is not None:
            return
        all_ = choices(self.sc)
        if to is not None:
            self.record = to
        elif self.record in all_:
            self.record = all_[(all_.index(self.record) + 1) % len(all_)]
        else:
            self.record = all_[0]
        record, lang = self.record, self.lang
        self.job = Job(lambda: prepare(self.sc, lang, record=record))
        self.data = None
        self._obs = {}
        self.taking = False  # the choices name the shown day's date: closed while replaying
        self._labels()

    def take(self, key: str) -> Screen | Go:
        """A new game from the shown day's replayed state: the PLA or the ROC against the
        computer, or hot-seat; "cancel" closes the choice."""
        self.taking = False
        self._labels()
        if key == "cancel" or self.data is None:
            return self
        # a game's days go on from its own record (and the record it followed, if any)
        game = self.game.branch(self.day) if self.game else take_control(self.data.days, self.day)
        mode = Mode("hotseat") if key == "hotseat" else Mode("ai", key, "normal")
        return Go("game", session=Session.from_game(game, mode))

    def end_screen(self) -> Screen | Go:
        """The end screen of the replayed days (who won, the score, the charts)."""
        if self.data is None:
            return self
        if self.game is not None:
            return Go("end", sc=self.sc, days=self.data.days, seed=self.game.seed, game=self.game)
        return Go("end", sc=self.sc, days=self.data.days, seed=SEED)

    def key(self, key: int) -> Screen | Go:
        if key == pygame.K_ESCAPE:
            return Go("main_menu")
        if key == pygame.K_SPACE:
            self.toggle_play()
        elif key == pygame.K_LEFT:
            self.step(-1)
        elif key == pygame.K_RIGHT:
            self.step(1)
        elif key == pygame.K_HOME:
            self.seek(0)
        elif key == pygame.K_END:
            self.seek(self.total)
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.speed = min(len(SPEEDS) - 1, self.speed + 1)
            self._labels()
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.speed = max(0, self.speed - 1)
            self._labels()
        elif key == pygame.K_TAB:
            self.tab = "charts" if self.tab == "record" else "record"
            self._labels()
        elif key == pygame.K_t:
            self.toggle_fold()
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.tab == "charts":
            self.page_charts(1 if key == pygame.K_PAGEDOWN else -1)
        return self

    #: the least height of a chart in the charts tab, at 100 % (title, plot, dates, legend)
    CHART_MIN_H = 150

    def charts_shown(self) -> tuple[int, int]:
        """(first, count) of the charts the tab has room for. At 200 % in 1280x720 the
        panel held five charts of 60 pixels, each only its title; now as many as fit at a
        readable height, the wheel (or Page Up/Down) bringing the others."""
        n = len(self.data.charts) if self.data is not None else 0
        per = max(1, min(n, (self.text_rect.height + self.s(6)) // self.s(self.CHART_MIN_H)))
        first = max(0, min(self.chart_first, n - per))
        return first, per

    def page_charts(self, by: int) -> None:
        n = len(self.data.charts) if self.data is not None else 0
        first, per = self.charts_shown()
        self.chart_first = max(0, min(first + by, n - per))

    def toggle_play(self) -> None:
        if not self.playing and self.day >= self.total:
            self.seek(1)
        self.playing = not self.playing
        self.timer = 0.0
        self._labels()

    def step(self, by: int) -> None:
        self.playing = False
        self.seek(self.day + by)
        self._labels()

    def update(self, dt: float) -> Screen | Go:
        if self.job is not None:
            self._take()
            return self
        self.map.update(dt)
        if self.playing:
            self.timer += dt
            if self.timer >= 1.0 / SPEEDS[self.speed]:
                self.timer = 0.0
                if self.day >= self.total:
                    self.playing = False
                    self._labels()
                else:
                    self.seek(self.day + 1)
        return self

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((20, 26, 22))
        f = self.app.fonts.get(16)
        f2 = self.app.fonts.get(12)
        if self.data is None:
            text(
                surface, f, self.t("replay.preparing"), (self.s(20), self.top_h + self.s(20)), GOLD
            )
            return
        self.map.draw(
            surface.subsurface(self.map_rect.clip(surface.get_rect())),
            state=self.observation(),
            report=self.report(),
        )
        panel(surface, self.panel_rect)
        date = self.data.days.date(self.day)
        when = self.t("game.date", d=date.day, m=self.t(f"month.{date.month}"), y=date.year)
        x, y = self.head_pos
        head = f"{when} · {self.t('replay.day', n=self.day, total=self.total)}"
        if self.day == 0:
            head = self.t("replay.prologue")
        inner_w = self.text_rect.width
        text(surface, f, head, (x, y), GOLD, inner_w)
        seen = pygame.Rect(x, y + f.get_linesize(), inner_w, self.head_h - f.get_linesize())
        wrapped(surface, f2, self.t("replay.seen_by"), seen, DIM)
        if self.tab == "record":
            self.text.draw(surface, self.text_rect, self.app.fonts)
        else:
            first, per = self.charts_shown()
            area = self.text_rect
            if per < len(self.data.charts):  # which charts these are, and how to see the rest
                key = "replay.chart_one" if per == 1 else "replay.charts_more"
                hint = self.t(key, a=first + 1, b=first + per, n=len(self.data.charts))
                area = area.copy()
                area.height -= f2.get_linesize() + self.s(4)
                text(surface, f2, hint, (area.left, area.bottom + self.s(4)), DIM, area.width)
            draw_charts(
                surface,
                area,
                self.data.charts[first : first + per],
                self.app.loc,
                self.app.fonts,
                cols=1,
                gap=self.s(6),
                palette=self.app.settings.palette,
                start=self.sc.meta.start,
                cursor=self.day,
                scale=self.app.scale,
            )
        for tl in reversed(self.timelines()):
            tl.draw(
                surface,
                self.app.loc,
                self.app.fonts,
                self.app.settings.palette,
                self.day,
                self.app.scale,
            )
        if self.taking:  # the choices' own panel, over the map (their buttons drawn on it)
            panel(surface, self.take_rect)
            pad = self.s(8)
            title = self.t("replay.take_title", date=when)
            pos = (self.take_rect.left + pad, self.take_rect.top + pad)
            text(surface, self.app.fonts.get(14), title, pos, GOLD, self.take_rect.width - 2 * pad)


def open_replay(app: Any, day: int = 0) -> Screen:
    return ReplayScreen(app, day=day)
