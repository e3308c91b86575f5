"""The game screen: the map on the left, the side panel (status and orders) on the right.

This module holds the turn flow (layout, events, ending the day, watching); the panel's tabs
and the map's tooltips are mixins in `orders_panel`, `status_panel` and `map_tips`.
"""

from __future__ import annotations

import math
from typing import Any

import pygame
import pygame_gui

from game.ai.remote import ask_here
from game.engine.observe import Observation
from game.engine.preview import FIGURES
from game.history.saves import save_name
from game.scenario.model import other
from game.ui.orderforms import FORMS, HOTKEYS, OrderForm
from game.ui.planning import Odds
from game.ui.screens.base import Go, Screen, open_encyclopedia, open_legend
from game.ui.screens.common import button
from game.ui.screens.forces_panel import ForcesPanel
from game.ui.screens.map_tips import MapTips
from game.ui.screens.orders_panel import OrdersPanel
from game.ui.screens.report import reading_seconds
from game.ui.screens.status_panel import StatusPanel
from game.ui.session import Session
from game.ui.settings import saves_dir
from game.ui.theme import PANEL_W
from game.ui.worker import Job

#: seconds a short message (order given, saved) stays on the map; a longer one (the orders
#: "yesterday again" dropped, each with its reason) stays as long as it takes to read, up to
#: NOTE_LONGEST (`note_seconds`)
NOTE_SECONDS = 6.0
NOTE_LONGEST = 45.0
#: watching: seconds the game screen shows a day before the next one is played
WATCH_SECONDS = 2.5
#: keys the map view gets (its letter keys would clash with the order hotkeys)
MAP_KEYS = (
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_PLUS,
    pygame.K_EQUALS,
    pygame.K_MINUS,
    pygame.K_KP_PLUS,
    pygame.K_KP_MINUS,
    pygame.K_HOME,
)

#: Y: yesterday's orders again; Q: the quick plan (no form open)
PLAN_KEYS = (pygame.K_y, pygame.K_q)


class GameScreen(OrdersPanel, StatusPanel, ForcesPanel, MapTips, Screen):
    def __init__(self, app: Any, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.tab = "orders"
        self.form: OrderForm | None = None
        self.editing: int | None = None
        self.order_top = 0
        self.preview: Odds | None = None
        #: the preview being worked out beside the drawing loop
        self.preview_job: Job | None = None
        self.reason: str | None = None
        self.preview_due: float | None = None
        self.hover: tuple[int, int] | None = None
        self.note = ""
        self.map_which = "kinmen"
        self.watch_timer = 0.0
        self.note_timer = 0.0
        #: seconds the note on the map stays (`note_seconds`)
        self.note_for = NOTE_SECONDS
        self._note_shown = ""
        #: the note's text and the words it was rendered from (text, key, values)
        self.note_words: tuple[str, str, dict[str, str]] | None = None
        self.status_scroll = 0
        self.status_height = 0
        #: the end of the turn being worked out in a thread (`game.ui.worker`)
        self.thinking: Job | None = None
        #: the viewer's observation when the turn's job started (shown until its report)
        self._morning: Observation | None = None
        self.morning_orders = 0
        #: the status tab's mornings when the turn's job started (`seen_days`)
        self._morning_days: list[Observation] | None = None
        #: Esc pressed once with a form open (the next Esc discards it)
        self.discard_armed = False
        #: the form's scroll position (0-1), kept across rebuilds
        self.form_scroll = 0.0
        #: the first-day guide is shown on the first update (a new game's first morning)
        self.guide_due = False

    @classmethod
    def begin(cls, app: Any, session: Session, note: str = "") -> Screen | Go:
        """The screen a new or loaded game opens with (hot-seat: behind the pass screen);
        `note` is shown on the map (e.g. the save file's name)."""
        scr = cls(app, session)
        if session.players:  # the computer's process starts while the player plans
            app.thinker(session.sc)
        if "ai_fallback" in session.notes:
            scr.note = app.loc.t("game.ai_fallback")
        if note:
            scr.note = note
        if "planned_dropped" in session.notes:  # after the loaded save's name, not instead
            session.notes.remove("planned_dropped")
            scr.note = " ".join(filter(None, (scr.note, app.loc.t("game.planned_dropped"))))
        scr.guide_due = session.state.day == 0
        if session.mode.kind == "hotseat":
            return Go("pass", next_screen=scr, side=session.side)
        return scr

    # -- layout ------------------------------------------------------------------------------

    @property
    def sc(self) -> Any:
        return self.session.sc

    @property
    def observation(self) -> Observation:
        """What this screen draws and writes from: the viewing side's observation. While the
        turn is worked out beside the drawing loop, the morning's: the job changes the
        session's state as soon as the day is resolved, and the new day shows with its
        report, never half-way through the thinking (where a new decoration's map layout
        once cost a 0.3 s frame)."""
        if self.thinking is not None and self._morning is not None:
            return self._morning
        return self.session.observation()

    def build(self) -> None:
        w, h = self.app.size
        said = self.note_words
        if said is not None and self.note == said[0]:
            # the language may have changed (Settings): the same note in the new one, its
            # time on screen running on
            self.note_words = (self.t(said[1], **said[2]), said[1], said[2])
            self.note = self._note_shown = self.note_words[0]
        pw = min(max(self.s(PANEL_W), 360), int(w * 0.6))
        self.panel_rect = pygame.Rect(w - pw, 0, pw, h)
        self.map_rect = pygame.Rect(0, 0, w - pw, h)
        self.map = self.app.map_view(self.sc, self.map_rect.size)
        self.map.set_view(self.map_which)
        self.map.show(self.observation)
        x0, pad = self.panel_rect.left + self.s(10), self.s(10)
        iw = pw - 2 * pad
        y = self.s(62)
        bh = self.s(30)
        third = (iw - 2 * self.s(6)) // 3
        self.b_view = button(
            self, (x0, y, third, bh), "game.view_" + self.other_view(), "game.view_tip"
        )
        self.b_save = button(
            self, (x0 + third + self.s(6), y, third, bh), "game.save", "game.save_tip"
        )
        self.b_menu = button(
            self, (x0 + 2 * (third + self.s(6)), y, third, bh), "game.menu", "game.menu_tip"
        )
        self.build_help_buttons()
        y += bh + self.s(8)
        bottom = h - self.s(10)
        self.layout = self.choose_layout((bottom - self.s(48)) - (y + bh + self.s(10)))
        self.kind_buttons: dict[str, Any] = {}
        self.form_box = None
        self.preview_box = None
        # the old box's texts are not the new one's, and remembering them (`show_info`) kept
        # the old box, form and widgets alive after a form closed
        self._info_of = None
        # the order list's first row shown, kept over the rebuild (an order edited far down a
        # one-row list at 200 % was off the list once the form opened)
        old_list = getattr(self, "order_list", None)
        if old_list is not None:  # (a form's layout may have left the list out)
            self.order_top = old_list.top_row
        self.order_list = None
        self.count_only = False  # today's orders as a count only (no room for the list)
        self.b_tab_orders = self.b_tab_status = self.b_tab_forces = self.b_end = None
        self.b_give = self.b_cancel = self.b_edit = self.b_remove = None
        self.b_repeat = self.b_quick = None
        if self.layout != "compact":
            third = (iw - 2 * self.s(6)) // 3
            orders = self.orders_tab()
            forces = self.tab == "forces"
            self.b_tab_orders = button(
                self,
                (x0, y, third, bh),
                "game.tab_orders",
                "game.tab_orders_tip",
                cls="@tab_on" if orders else None,
            )
            self.b_tab_status = button(
                self,
                (x0 + third + self.s(6), y, third, bh),
                "game.tab_status",
                "game.tab_status_tip",
                cls="@tab_on" if not orders and not forces else None,
            )
            self.b_tab_forces = button(
                self,
                (x0 + 2 * (third + self.s(6)), y, third, bh),
                "game.tab_forces",
                "game.tab_forces_tip",
                cls="@tab_on" if forces else None,
            )
            if not self.session.mode.human_sides() or self.session.over:
                self.b_tab_orders.disable()  # nothing to order: watching, or the game is over
            y += bh + self.s(10)
            self.b_end = button(
                self,
                (x0, bottom - self.s(40), iw, self.s(40)),
                "",
                "game.end_turn_tip",
                cls="@primary",
                text=self.end_label(),
            )
            bottom -= self.s(48)
        self.body_top = y
        self.body_bottom = bottom
        if self.orders_tab():
            self.build_orders(x0, iw)

    def build_help_buttons(self) -> None:
        """The encyclopedia and legend buttons, in the map's bottom right corner."""
        font = self.app.fonts.get(15)
        bh = self.s(28)
        keys = (("cyclo.title", "cyclo.open_tip"), ("legend.title", "legend.open_tip"))
        widths = [font.size(self.t(key))[0] + self.s(24) for key, _tip in keys]
        gap, right = self.s(6), self.map_rect.right - self.s(10)
        # right to left in a row, a second row above where the map is too narrow for one
        rects: list[pygame.Rect] = []
        x, y = right, self.map_rect.bottom - bh - self.s(10)
        for bw in widths:
            if rects and x - bw < self.map_rect.left + self.s(10):
                x, y = right, y - bh - gap
            rects.append(pygame.Rect(x - bw, y, bw, bh))
            x -= bw + gap
        # beside the scale bar where the map is wide enough, else above it
        bar = self.map.scale_bar_room().move(self.map_rect.topleft).inflate(gap * 2, gap * 2)
        lift = max((r.bottom - bar.top for r in rects if r.colliderect(bar)), default=0)
        made = [
            button(self, r.move(0, -lift), key, tip)
            for r, (key, tip) in zip(rects, keys, strict=True)
        ]
        self.b_cyclo, self.b_legend = made

    def open_encyclopedia(self, entry_id: str | None = None) -> Go:
        """The encyclopedia at `entry_id`, as the viewing side may know it."""
        return open_encyclopedia(self, self.sc, entry_id, self.observation)

    def shown_over(self) -> bool:
        """The game is over as the screen shows it: not while the last turn is still worked
        out (its job ends the game before its report is shown)."""
        return self.session.over and self.thinking is None

    def orders_tab_possible(self) -> bool:
        return bool(self.session.mode.human_sides()) and not self.shown_over()

    def orders_tab(self) -> bool:
        s = self.session
        return self.tab == "orders" and bool(s.mode.human_sides()) and not self.shown_over()

    def other_view(self) -> str:
        return "strait" if self.map_which == "kinmen" else "kinmen"

    # -- events ------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.thinking is not None:  # the day is being resolved: only the map moves
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEWHEEL) or (
                event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
                and self.map_rect.collidepoint(event.pos)
            ):
                self.map.handle_event(event)
            return self
        if self.form is not None:
            change = self.form.handle_event(event)
            if change == "rebuild":
                self.discard_armed = False
                self.rebuild_keeping_scroll()
                return self
            if change == "value":
                self.discard_armed = False
                self.schedule_preview()
                return self
            if change == "used":
                return self
            if event.type == pygame.MOUSEWHEEL and (
                self.wheel_over_form(event) or self.wheel_over_preview(event)
            ):
                return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self.on_button(event.ui_element)
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.note
            and self.note_rect().collidepoint(event.pos)
        ):  # read: a click puts the note away (and does not reach the map under it)
            self.note = self._note_shown = ""
            return self
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            # "Why?": over a map symbol, that thing's article
            thing = self.map.thing_at(self.hover) if self.hover is not None else None
            return self.open_encyclopedia(thing)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            return open_legend(self)
        if event.type == pygame.KEYDOWN:
            focused = self.ui.get_focus_set()
            typing = any(
                isinstance(e, pygame_gui.elements.UITextEntryLine) for e in (focused or ())
            )
            if typing:
                return self
            ctrl = event.mod & pygame.KMOD_CTRL
            if event.key == pygame.K_ESCAPE:
                if self.form is not None:
                    # a first Esc warns; the second throws the form away
                    if self.discard_armed:
                        self.close_form()
                        self.note = ""  # the warning was about the form now gone
                    else:
                        self.discard_armed = True
                        self.note = self.t("game.esc_again")
                    return self
                return Go("pause", game_screen=self)
            if event.key == pygame.K_s and ctrl:
                self.note = self.save()
                return self
            if event.key == pygame.K_TAB:
                self.toggle_view()
                return self
            if event.key == pygame.K_F5:
                # read the scenario's file again: errors shown, or restart / go on with the old
                return Go("reload", game_screen=self)
            if event.key == pygame.K_e:
                return self.end_turn()
            if event.key == pygame.K_SPACE and self.watching():
                self.session.auto = not self.session.auto
                self.watch_timer = 0.0
                return self
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.form is not None:
                self.give()
                return self
            if event.key == pygame.K_DELETE:
                self.remove_chosen()
                return self
            if event.key in MAP_KEYS:
                self.map.handle_event(event)
                return self
            if event.key in PLAN_KEYS and self.orders_tab_possible() and self.form is None:
                self.repeat_yesterday() if event.key == pygame.K_y else self.quick_plan()
                return self
            if event.key in HOTKEYS and self.orders_tab_possible() and not ctrl:
                kind = HOTKEYS[event.key]
                if kind in self.usable_kinds():
                    self.open_form(kind)
                else:
                    self.note = FORMS[kind](self.session, self.app.loc).why_unusable()
                return self
        if not self.orders_tab() and self.status_event(event):
            return self
        if event.type == pygame.MOUSEMOTION:
            self.hover = event.pos if self.map_rect.collidepoint(event.pos) else None
        elif event.type == pygame.WINDOWLEAVE:
            self.hover = None
        if self.map_rect.collidepoint(getattr(event, "pos", (-1, -1))) or event.type in (
            pygame.MOUSEWHEEL,
        ):
            if event.type == pygame.MOUSEWHEEL and not self.map_rect.collidepoint(
                pygame.mouse.get_pos()
            ):
                return self
            if self.map.handle_event(event):
                return self
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                self.click_map(event.pos)
        return self

    def on_button(self, el: Any) -> Screen | Go:
        if el is self.b_view:
            self.toggle_view()
        elif el is self.b_cyclo:
            return self.open_encyclopedia()
        elif el is self.b_legend:
            return open_legend(self)
        elif el is self.b_menu:
            return Go("pause", game_screen=self)
        elif el is self.b_save:
            self.note = self.save()
        elif el is self.b_end:
            return self.end_turn()
        elif el is self.b_tab_orders:
            self.tab = "orders"
            self.app.rebuild()
        elif el is self.b_tab_status or el is self.b_tab_forces:
            self.tab = "status" if el is self.b_tab_status else "forces"
            self.status_scroll = 0  # the two tabs scroll apart: each opens at its top
            self.app.rebuild()
        elif el is not None and el is self.b_repeat:
            self.repeat_yesterday()
        elif el is not None and el is self.b_quick:
            self.quick_plan()
        elif el is self.b_give and el is not None:
            self.give()
        elif el is self.b_cancel and el is not None:
            self.close_form()
        elif self.order_list is not None and el is getattr(self, "b_edit", None):
            i = self.chosen_order()
            if i is not None:
                self.open_form("", self.session.orders()[i], i)
            elif self.session.orders():
                self.note = self.t("game.pick_order_first")
        elif self.order_list is not None and el is getattr(self, "b_remove", None):
            self.remove_chosen()
        else:
            for kind, b in self.kind_buttons.items():
                if el is b:
                    self.open_form(kind)
        return self

    def remove_chosen(self) -> None:
        """Remove (or Del) takes away the order chosen in the list; with several listed and
        none selected it says to pick one instead of doing nothing."""
        i = self.chosen_order()
        if i is not None:
            self.session.remove(i)
            self.app.rebuild()
        elif self.session.orders():
            self.note = self.t("game.pick_order_first")

    def click_map(self, pos: tuple[int, int]) -> None:
        """A click on the map fills in the open form, or says why it cannot (the form is left
        as it was); with no form open it opens the form the clicked thing calls for."""
        thing = self.map.thing_at(pos)
        if thing is None or not self.session.mode.human_sides() or self.session.over:
            return
        if self.form is not None:
            if self.form.select_thing(thing):
                self.rebuild_keeping_scroll()
            else:
                self.note = self.form.refuse_thing(thing)
            return
        kind = self.click_kind(thing)
        if kind is None:
            return
        if kind not in self.usable_kinds():
            self.note = FORMS[kind](self.session, self.app.loc).why_unusable()
            return
        form = FORMS[kind](self.session, self.app.loc)
        if kind == "convoy":
            form.values["beach"] = thing
        elif kind == "fire" and thing in {g.id for g in self.sc.artillery}:
            form.values["group"] = thing
        elif not form.aim_at(thing):
            self.note = self.t("game.click_no_reach", thing=form.thing_name(thing))
            return
        self.open_form(kind, form=form)

    def click_kind(self, thing: str) -> str | None:
        """The form a click on `thing` opens: fire (own battery, enemy target), counter-battery
        (enemy battery) or convoy (own beach or pier); None for anything else."""
        side = self.session.side
        seen = self.session.observation(side).groups
        groups = {g.id: g for g in self.sc.artillery if seen[g.id].exists}
        targets = {t.id: t for t in self.sc.targets}
        if thing in groups:
            return "fire" if groups[thing].side == side else "counter"
        if thing in targets and targets[thing].side == other(side):
            return "fire"
        if thing in targets and targets[thing].kind in ("pier", "beach"):
            return "convoy"
        return None

    def toggle_view(self) -> None:
        self.map_which = self.other_view()
        self.map.set_view(self.map_which)
        self.b_view.set_text(self.t("game.view_" + self.other_view()))

    def save_words(self) -> tuple[str, dict[str, str]]:
        """Save the game; the words saying so (key, values), kept rather than the text so
        that a note still shown after the language changes is said in the new one."""
        day = self.session.state.day + 1
        path = saves_dir() / save_name(self.sc.id, day, self.session.game.seed)
        err = self.session.save(path)
        return ("game.save_failed", {"error": err}) if err else ("game.saved", {"path": str(path)})

    def save(self) -> str:
        """Save the game; the note saying so (re-rendered by `build` in a new language)."""
        key, values = self.save_words()
        self.note_words = (self.t(key, **values), key, values)
        return self.note_words[0]

    def end_turn(self) -> Screen | Go:
        if self.session.over:
            return Go("final", session=self.session)
        if self.form is not None:
            self.form = None
        if not self.session.end_planning():
            nxt = GameScreen(self.app, self.session)
            nxt.guide_due = self.session.state.day == 0  # the other side's first morning
            return Go("pass", next_screen=nxt, side=self.session.side)
        self.app.sounds.play("gun")
        # the computer's orders and the day's resolution run beside the drawing loop
        self._morning = self.session.observation()
        self.morning_orders = len(self.session.orders())
        # the status tab keeps the morning's trends too: the last day's job ends the game,
        # which lifts the fog, and the trends under the all-public table were worked out
        # afresh, every day replayed, in one frame of the thinking
        self._morning_days = self.seen_days() if self.tab == "status" else None
        thinker = self.app.thinker(self.sc) if self.session.players else None
        ask = thinker.ask if thinker is not None else ask_here
        self.thinking = Job(lambda: self.session.resolve(ask))
        return self

    def finish_turn(self) -> Screen | Go:
        """The turn's job is done: show its report."""
        job, self.thinking = self.thinking, None
        self._morning = self._morning_days = None
        assert job is not None, "finish_turn without a turn being worked out"
        return Go("after_turn", session=self.session, report=job.result())

    # -- update and draw -----------------------------------------------------------------------

    def busy(self) -> bool:
        return self.thinking is not None

    def watching(self) -> bool:
        return self.session.mode.kind == "watch" and not self.session.over

    def update(self, dt: float) -> Screen | Go:
        self.map.update(dt)
        if self.guide_due:
            self.guide_due = False
            s = self.session
            if self.app.settings.guide and s.mode.human_sides() and not s.over:
                return Go("guide", back=self, sc=self.sc, side=s.side)
        if self.thinking is not None:
            return self.finish_turn() if self.thinking.done() else self
        if self.app.changed_on_disk(self.sc):  # `--watch` saw the scenario's file change
            self.note = self.t("game.changed_on_disk")
        if self.note != self._note_shown:  # a new note: show it as long as it takes to read
            self._note_shown, self.note_timer = self.note, 0.0
            self.note_for = note_seconds(self.note_shown(self.note), self.app.loc.zh)
        elif self.note:
            self.note_timer += dt
            if self.note_timer >= self.note_for:
                self.note = self._note_shown = ""
        if self.watching() and self.session.auto:
            self.watch_timer += dt
            if self.watch_timer >= WATCH_SECONDS:
                self.watch_timer = 0.0
                return self.end_turn()
        label = self.end_label()
        if self.b_end is not None and self.b_end.text != label:
            self.b_end.set_text(label)
        if self.preview_due is not None:
            self.preview_due -= max(dt, 0.016)
            if self.preview_due <= 0:
                self.compute_preview()
        self.poll_preview()
        self.show_info()
        return self

    def draw(self, surface: pygame.Surface) -> None:
        sub = surface.subsurface(self.map_rect.clip(surface.get_rect()))
        selected = self.form.selected() if self.form else None
        self.map.plans = self.planned_on_map()
        # the viewer's observation, never the true state: what the side does not know of
        # the enemy's batteries is not drawn (docs/hidden-information.md)
        self.map.draw(
            sub, state=self.observation, report=None, hover_pos=self.hover, selected=selected
        )
        surface.blit(self.panel_surface(), self.panel_rect.topleft)
        if self.thinking is not None:
            box = self.note_box(self.thinking_text(pygame.time.get_ticks()), self.map_rect.width)
            surface.blit(box, self.thinking_rect(box.get_size()))
        if self.note:
            fade = min(1.0, (self.note_for - self.note_timer) / 0.6)
            box = self.note_box(self.note, self.note_width())
            box.set_alpha(round(255 * max(0.0, fade)))
            surface.blit(box, self.note_rect())

    def thinking_text(self, ticks: int) -> str:
        """ "The computer is thinking" with one to three dots, one more every 0.4 s. The
        sentence's own ellipsis goes first: English writes it "..." (Latin punctuation),
        which stripping "…" alone left, so the box read "thinking......"."""
        return self.t("game.thinking").rstrip("….") + "." * (1 + ticks // 400 % 3)

    def thinking_rect(self, size: tuple[int, int]) -> pygame.Rect:
        """Where the "computer is thinking" box of `size` lies: at the map's left, above the
        map's own buttons (drawn after the map, they hid the English box at 200 %)."""
        rect = pygame.Rect((0, 0), size)
        rect.left = self.map_rect.left + self.s(10)
        helps = [
            b.rect for b in (getattr(self, "b_cyclo", None), getattr(self, "b_legend", None)) if b
        ]
        rect.bottom = min([self.map_rect.bottom - self.s(36)] + [r.top - self.s(6) for r in helps])
        return rect

    def draw_top(self, surface: pygame.Surface) -> None:
        """The tip of the map's thing under the mouse, over the widgets: the map's own buttons
        (Map legend, Encyclopedia) covered it. None while the mouse is on a widget."""
        if self.hover is None or self.map.dragging or self.ui.get_hovering_any_element():
            return
        thing = self.map.thing_at(self.hover)
        if thing is not None:
            self.draw_tip(surface, thing, self.hover)

    def end_label(self) -> str:
        """The end-turn button's text; watching, it counts down to the next day."""
        s = self.session
        if s.over:
            return self.t("game.over_button")
        if s.mode.human_sides():
            return self.t("game.end_turn")
        if not s.auto:
            return self.t("game.watch_paused")
        return self.t("game.watch_running", n=math.ceil(WATCH_SECONDS - self.watch_timer))


def note_seconds(note: str, zh: bool) -> float:
    """Seconds a note stays on the map: NOTE_SECONDS for a short one, else the time to read
    `note` (the part its box shows: a note of dropped orders and their reasons fills the box
    and went after six seconds, before it was read), at most NOTE_LONGEST. A click on the
    note puts it away sooner."""
    return reading_seconds(note, zh, NOTE_SECONDS, NOTE_LONGEST)


__all__ = ["FIGURES", "GameScreen", "note_seconds"]
