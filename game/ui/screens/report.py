"""After a turn: the report (what this side saw happen), then pop-ups for events that fired."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from game.engine.report import Entry, Report
from game.ui import trends
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import button
from game.ui.screens.day_summary import DaySummary, summarize, summary_text
from game.ui.screens.report_text import report_items
from game.ui.session import Session, public_table
from game.ui.widgets import DIM, GOLD, INK, RED, Line, ScrollText, panel, shade, text, wrapped
from game.words import render

#: event kinds that always get a pop-up; others only when they quote the article
POPUP_KINDS = ("diplomatic", "political")
AUTO_SECONDS = 2.5
#: the colour of the other side's lines in the report
ENEMY = (255, 190, 160)


def final_screen(app: Any, session: Session) -> Screen:
    report = session.last_report or Report(str(session.date()), session.observation().day)
    return ReportScreen(app, session, report, session.viewer, None)


def in_history(report: Report) -> frozenset[str]:
    """Events of the day shown as the record only: the outcome they tell did not happen here."""
    return frozenset(
        str(e.data.get("id")) for e in report.of_kind("event") if e.key == "entry.in_history"
    )


def popup_events(session: Session, report: Report) -> list[Any]:
    ids: list[Any] = [e.data.get("id") for e in report.of_kind("event")]
    by_id = {ev.id: ev for ev in session.sc.events}
    out = []
    for i in ids:
        ev = by_id.get(i)
        if ev is not None and (ev.kind in POPUP_KINDS or ev.source):
            out.append(ev)
    return out


class ReportScreen(Screen):
    def __init__(
        self,
        app: Any,
        session: Session,
        report: Report,
        side: str,
        then: Callable[[], Screen | Go] | None,
    ) -> None:
        super().__init__(app)
        self.session = session
        self.report = report
        self.side = side
        self.then = then
        self.text = ScrollText()
        self.played = False
        self.timer = 0.0
        #: what the screen shows and the map plays: only the entries this side may read
        self.seen = Report(report.date, report.day, session.readable(report, side))
        #: watching: seconds before the next screen, enough to read the report
        self.wait = reading_seconds(
            " ".join(i.text for i in report_items(app.loc, session.sc, self.seen.entries)),
            app.loc.zh,
            AUTO_SECONDS,
            12.0,
        )

    @property
    def auto(self) -> bool:
        return self.session.mode.kind == "watch" and self.session.auto

    def build(self) -> None:
        w, h = self.app.size
        pw = min(max(self.s(460), 380), int(w * 0.6))
        self.panel_rect = pygame.Rect(w - pw, 0, pw, h)
        self.map_rect = pygame.Rect(0, 0, w - pw, h)
        self.map = self.app.map_view(self.session.sc, self.map_rect.size)
        if not self.played:
            self.map.play_report(self.seen)
            self.played = True
            if any(e.kind in ("fire", "counter_battery") for e in self.seen.entries):
                self.app.sounds.play("impact")
            if any(e.kind == "convoy" for e in self.seen.entries):
                self.app.sounds.play("horn", 0.4)
        x = self.panel_rect.left + self.s(12)
        iw = pw - self.s(24)
        self.text_rect = pygame.Rect(x, self.s(70), iw, h - self.s(150))
        key = "report.continue" if self.then is not None else "report.main_menu"
        self.b_next = button(
            self, (x, h - self.s(56), iw, self.s(44)), key, "report.continue_tip", cls="@primary"
        )
        self.text.lines = self.lines()

    def summary(self) -> DaySummary | None:
        """The day in a line, from the reader's observations of the morning before the day
        and the morning after it (None before the first day, when nothing happened yet)."""
        s = self.session
        days = trends.observations(
            s.game, public_table(s.sc) if s.sees_all else s.sc, self.side, public=s.sees_all
        )
        if len(days) < 2:
            return None
        after = s.observation(self.side)
        return summarize(s.sc, days[-2], after, self.seen.entries)

    def lines(self) -> list[Line]:
        loc = self.app.loc
        out: list[Line] = []
        entries = self.seen.entries
        day = self.summary()
        if day is not None:
            out.append(Line(summary_text(loc, self.session.sc, day), INK, 15))
        for item in report_items(loc, self.session.sc, entries):
            if item.depth == 0:
                out.append(Line(item.text, GOLD, 16, gap_before=8))
                continue
            colour = INK if item.side in (self.side, "none") else ENEMY
            if item.depth == 1:
                out.append(Line(item.text, colour, 14, indent=8, gap_before=4))
            else:
                bullet = "• " if item.depth == 2 else "– "
                out.append(Line(bullet + item.text, colour, 14, indent=8 + 12 * (item.depth - 1)))
        if not entries:
            out.append(Line(self.t("report.quiet"), DIM, 14))
        st = self.session.observation(self.side)
        if st.over:
            ending = next((x for x in self.session.sc.victory.endings if x.id == st.ending), None)
            out.append(Line(self.t("report.game_over"), GOLD, 20, gap_before=14))
            if ending is not None:
                name, text = loc.text(ending.name), loc.text(ending.text)
                out.append(Line(self.t("report.ending", name=name, text=text), INK, 15))
            out.append(Line(self.t(f"winner.{st.winner}"), GOLD, 15))
            if st.score is not None:
                out.append(Line(self.t("report.score", score=f"{st.score:.0f}"), INK, 15))
        return out

    def next_screen(self) -> Screen | Go:
        if self.then is None:
            return Go("main_menu")
        events = popup_events(self.session, self.seen)
        if events:
            return EventPopup(
                self.app, self.session, events, self.then, self, in_history(self.seen)
            )
        return self.then()

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.text.handle_event(event):
            return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.b_next:
            return self.next_screen()
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_e, pygame.K_ESCAPE):
                return self.next_screen()
            if event.key == pygame.K_SPACE and self.session.mode.kind == "watch":
                self.session.auto = not self.session.auto
                self.timer = 0.0
            if event.key == pygame.K_TAB:
                self.map.set_view(
                    "strait" if getattr(self.map, "which", "") == "kinmen" else "kinmen"
                )
        if self.map_rect.collidepoint(getattr(event, "pos", (-1, -1))):
            self.map.handle_event(event)
        return self

    def update(self, dt: float) -> Screen | Go:
        self.map.update(dt)
        if self.auto and self.then is not None and not self.session.over:
            self.timer += dt
            if self.timer >= self.wait:
                return self.next_screen()
        return self

    def draw(self, surface: pygame.Surface) -> None:
        self.map.draw(
            surface.subsurface(self.map_rect.clip(surface.get_rect())),
            state=self.session.observation(self.side),
            report=self.seen,
        )
        panel(surface, self.panel_rect)
        f = self.app.fonts.get(20)
        x = self.panel_rect.left + self.s(12)
        w = self.panel_rect.width - self.s(24)
        d = self.report.date
        try:
            day = dt.date.fromisoformat(str(d))
            d = self.t("game.date", d=day.day, m=self.t(f"month.{day.month}"), y=day.year)
        except ValueError:
            pass
        text(surface, f, self.t("report.title", date=d), (x, self.s(12)), GOLD, w)
        f2 = self.app.fonts.get(13)
        seen = self.t("report.seen_by", side=self.app.loc.side(self.side))
        text(surface, f2, seen, (x, self.s(12) + f.get_linesize()), DIM, w)
        self.text.draw(surface, self.text_rect, self.app.fonts)
        if self.session.mode.kind == "watch" and self.then is not None and not self.session.over:
            left = max(0, math.ceil(self.wait - self.timer))
            note = self.t("report.auto_next", n=left) if self.auto else self.t("report.auto_paused")
            text(surface, f2, note, (x, self.b_next.rect.top - f2.get_linesize() - 4), DIM, w)


class EventPopup(Screen):
    """A historical or diplomatic event: date, title, text and the article's sentence."""

    def __init__(
        self,
        app: Any,
        session: Session,
        events: list[Any],
        then: Callable[[], Screen | Go],
        under: Screen | None,
        history: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(app)
        self.session = session
        self.events = events
        #: ids of events shown as the record only ("In history"): not what happened here
        self.history = history
        self.then = then
        self.under = under
        self.backdrop: pygame.Surface | None = getattr(under, "backdrop", None)
        self.timer = 0.0
        ev = events[0]
        body = f"{app.loc.text(ev.title)} {app.loc.text(ev.text)} "
        # the article's sentence, in Chinese; in the English interface its English rendering
        body += " ".join((s.quote if app.loc.zh else app.loc.typeset(s.en)) for s in ev.source[:2])
        #: watching: seconds before the pop-up closes by itself, enough to read it
        self.wait = reading_seconds(body, app.loc.zh, 5.0, 12.0)

    def build(self) -> None:
        w, h = self.app.size
        if getattr(self, "backdrop", None) is None:
            # the last frame of the screen underneath (its widgets are gone by now)
            self.backdrop = self.app.display.copy()
        bw = min(w - self.s(60), self.s(720))
        bh = min(h - self.s(60), self.s(520))
        self.box = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        key = "event.next" if len(self.events) > 1 else "event.ok"
        self.b_ok = button(
            self,
            (self.box.right - self.s(200), self.box.bottom - self.s(56), self.s(180), self.s(40)),
            key,
            "event.ok_tip",
            cls="@primary",
        )

    def advance(self) -> Screen | Go:
        if len(self.events) > 1:
            return EventPopup(
                self.app, self.session, self.events[1:], self.then, self, self.history
            )
        return self.then()

    @property
    def watching(self) -> bool:
        return self.session.mode.kind == "watch"

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.b_ok:
            return self.advance()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE and self.watching:
            self.session.auto = not self.session.auto  # watching: Space pauses, as elsewhere
            self.timer = 0.0
            return self
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
            pygame.K_ESCAPE,
        ):
            return self.advance()
        return self

    def update(self, dt: float) -> Screen | Go:
        if self.watching and self.session.auto:
            self.timer += dt
            if self.timer >= self.wait:
                return self.advance()
        return self

    def draw(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None and self.backdrop.get_size() == surface.get_size():
            surface.blit(self.backdrop, (0, 0))
        elif self.backdrop is not None:
            surface.blit(pygame.transform.smoothscale(self.backdrop, surface.get_size()), (0, 0))
        else:
            surface.fill((20, 26, 22))
        shade(surface, alpha=170)
        ev = self.events[0]
        loc = self.app.loc
        panel(surface, self.box, colour=(30, 34, 28), edge=(200, 176, 112))
        r = self.box.inflate(-self.s(40), -self.s(36))
        r.height -= self.s(50)
        date = ev.date or self.session.date()
        f_small, f_title, f_body = (
            self.app.fonts.get(14),
            self.app.fonts.get(24),
            self.app.fonts.get(16),
        )
        head = self.t(
            "event.kind_date",
            kind=self.t(f"eventkind.{ev.kind}"),
            date=self.t("game.date", d=date.day, m=self.t(f"month.{date.month}"), y=date.year),
        )
        if ev.id in self.history:
            head = self.t("event.in_history", head=head)
        for font, body, colour, gap in (
            (f_small, head, DIM, 4),
            (f_title, loc.text(ev.title), GOLD, 10),
            (f_body, loc.text(ev.text), INK, 14),
        ):
            used = wrapped(surface, font, body, r, colour)
            r.top += used + self.s(gap)
            r.height -= used + self.s(gap)
        if ev.record != "neutral":
            used = wrapped(surface, f_small, self.t(f"event.record_{ev.record}"), r, DIM)
            r.top += used + self.s(6)
            r.height -= used + self.s(6)
        for src in ev.source[:2]:
            used = wrapped(surface, f_small, self.t("event.from_article"), r, DIM)
            r.top += used + 2
            r.height -= used + 2
            used = wrapped(surface, self.app.fonts.get(16), f"「{src.quote}」", r, (240, 230, 200))
            r.top += used + 2
            r.height -= used + 2
            if not loc.zh:
                used = wrapped(surface, f_small, loc.t("words.quoted", text=src.en), r, DIM)
                r.top += used + self.s(8)
                r.height -= used + self.s(8)
        if not ev.source:
            wrapped(surface, f_small, self.t("event.no_source"), r, DIM)
        if self.watching:
            left = max(0, math.ceil(self.wait - self.timer))
            note = self.t("report.auto_next", n=left) if self.session.auto else ""
            note = note or self.t("report.auto_paused")
            x = self.box.left + self.s(20)
            y = self.b_ok.rect.centery - f_small.get_linesize() // 2
            text(surface, f_small, note, (x, y), DIM, self.b_ok.rect.left - x - self.s(10))


def reading_seconds(body: str, zh: bool, lo: float, hi: float) -> float:
    """Time to read `body` (about 25 Latin or 8 Chinese characters a second), in [lo, hi]."""
    per_second = 8.0 if zh else 25.0
    return max(lo, min(hi, 1.5 + len(body) / per_second))


# -- report sentences in the interface language --------------------------------------------------


def sentence(loc: Any, sc: Any, e: Entry) -> str:
    """A report entry as a sentence in the interface language (`game.words.render`)."""
    return render(e, loc.lang, sc)


__all__ = ["RED", "EventPopup", "ReportScreen", "popup_events", "sentence"]
