"""The game screen: the map on the left, the side panel (status and orders) on the right."""

from __future__ import annotations

import math
from typing import Any

import pygame
import pygame_gui

from game.engine.preview import FIGURES, Preview
from game.engine.state import get_var
from game.scenario.model import SIDES
from game.scenario.orders import Order
from game.ui.app import Screen
from game.ui.orderforms import FORMS, HOTKEYS, KINDS, MoveForm, OrderForm, describe, form_for
from game.ui.screens.common import button
from game.ui.session import Session, other, saves_module
from game.ui.widgets import (
    DIM,
    GOLD,
    GREEN,
    INK,
    RED,
    bar,
    lines_of,
    panel,
    rendered,
    text,
    wrapped,
)

PREVIEW_DELAY = 0.25
#: seconds a message (order given, saved) stays on the map
NOTE_SECONDS = 6.0
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


class GameScreen(Screen):
    def __init__(self, app: Any, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.tab = "orders"
        self.form: OrderForm | None = None
        self.editing: int | None = None
        self.selected_order: int | None = None
        self.preview: Preview | None = None
        self.reason: str | None = None
        self.preview_due: float | None = None
        self.hover: tuple[int, int] | None = None
        self.note = ""
        self.map_which = "kinmen"
        self.watch_timer = 0.0
        self.note_timer = 0.0
        self._note_shown = ""
        self.status_scroll = 0
        self.status_height = 0

    @classmethod
    def begin(cls, app: Any, session: Session) -> Screen:
        from game.ui.screens.menus import PassScreen

        scr = cls(app, session)
        if "ai_fallback" in session.notes:
            scr.note = app.loc.t("game.ai_fallback")
        if session.mode.kind == "hotseat":
            return PassScreen(app, scr, session.side)
        return scr

    # -- layout ------------------------------------------------------------------------------

    @property
    def sc(self) -> Any:
        return self.session.sc

    def build(self) -> None:
        w, h = self.app.size
        pw = min(max(self.s(400), 360), int(w * 0.6))
        self.panel_rect = pygame.Rect(w - pw, 0, pw, h)
        self.map_rect = pygame.Rect(0, 0, w - pw, h)
        self.map = self.app.map_view(self.sc, self.map_rect.size)
        self.map.set_view(self.map_which)
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
        if saves_module() is None:
            self.b_save.disable()
            self.b_save.set_tooltip(self.t("menu.saves_unavailable"))
        self.b_menu = button(
            self, (x0 + 2 * (third + self.s(6)), y, third, bh), "game.menu", "game.menu_tip"
        )
        y += bh + self.s(8)
        bottom = h - self.s(10)
        self.layout = self.choose_layout((bottom - self.s(48)) - (y + bh + self.s(10)))
        self.kind_buttons: dict[str, Any] = {}
        self.form_box = None
        self.order_list = None
        self.b_tab_orders = self.b_tab_status = self.b_end = None
        self.b_give = self.b_cancel = self.b_edit = self.b_remove = None
        if self.layout != "compact":
            half = (iw - self.s(6)) // 2
            orders = self.orders_tab()
            self.b_tab_orders = button(
                self,
                (x0, y, half, bh),
                "game.tab_orders",
                "game.tab_orders_tip",
                cls="@tab_on" if orders else None,
            )
            self.b_tab_status = button(
                self,
                (x0 + half + self.s(6), y, half, bh),
                "game.tab_status",
                "game.tab_status_tip",
                cls="@tab_on" if not orders else None,
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

    def orders_tab_possible(self) -> bool:
        return bool(self.session.mode.human_sides()) and not self.session.over

    def orders_tab(self) -> bool:
        s = self.session
        return self.tab == "orders" and bool(s.mode.human_sides()) and not s.over

    #: heights (unscaled pixels) of the parts of the orders tab
    KINDS_H = 2 * (28 + 4) + 6
    FORM_MIN = 100
    INFO_H = 112
    GIVE_H = 6 + 28 + 6
    LIST_BLOCK = 20 + 60 + 4 + 28  # label, the list at its smallest, edit/remove

    def choose_layout(self, body: int) -> str:
        """How much of the orders tab fits in a body `body` pixels high, with a form open:
        "full" (everything), "lean" (the order list hidden while the form is open) or
        "compact" (the tabs, order kinds and end-turn button hidden too: large interface
        sizes in small windows, e.g. 175-200 % at 1280x720)."""
        if not self.orders_tab() or self.form is None:
            return "full"
        lean = self.s(self.KINDS_H + self.FORM_MIN + 4 + self.INFO_H + self.GIVE_H)
        if body >= lean + self.s(self.LIST_BLOCK):
            return "full"
        return "lean" if body >= lean else "compact"

    def other_view(self) -> str:
        return "strait" if self.map_which == "kinmen" else "kinmen"

    def build_orders(self, x0: int, iw: int) -> None:
        y = self.body_top
        bottom = self.body_bottom
        bh = self.s(28)
        self.help_rect: pygame.Rect | None = None
        self.title_y: int | None = None
        self.list_label_y = bottom
        if self.layout == "compact":
            self.title_y = y  # the form's kind, drawn instead of the kind buttons
            y += self.s(26)
        else:
            per_row = 4
            bw = (iw - (per_row - 1) * self.s(4)) // per_row
            usable = self.usable_kinds()
            for i, kind in enumerate(KINDS):
                r, c = divmod(i, per_row)
                cls = "@tab_on" if self.form and self.form.kind == kind else None
                b = button(
                    self,
                    (x0 + c * (bw + self.s(4)), y + r * (bh + self.s(4)), bw, bh),
                    f"kind.{kind}",
                    f"kind.{kind}_tip",
                    cls=cls,
                )
                if kind not in usable:
                    b.disable()
                    b.set_tooltip(
                        self.t("game.kind_unusable", side=self.app.loc.side(self.session.side))
                    )
                self.kind_buttons[kind] = b
            y += self.s(self.KINDS_H)
        # the preview box holds a heading and up to five figures
        f = self.app.fonts.get(13)
        self.info_h = max(self.s(self.INFO_H), 6 * (f.get_linesize() + 2) + self.s(10))
        if self.layout == "compact":
            self.info_h = min(self.info_h, 5 * (f.get_linesize() + 2) + self.s(8))
        if self.layout == "full":
            # the order list and its buttons sit at the bottom of the body, as tall as the
            # room left allows (up to 96 pixels, scaled)
            if self.form is not None:
                room = bottom - y - self.s(self.FORM_MIN + 4) - self.info_h
                room -= self.s(self.GIVE_H + 20 + 4) + bh
            else:
                room = bottom - y - self.s(20 + 4 + 60) - bh
            list_h = max(self.s(40), min(self.s(96), room))
            ly = bottom - bh - self.s(4) - list_h
            self.order_list = pygame_gui.elements.UISelectionList(
                pygame.Rect(x0, ly, iw, list_h),
                self.order_items(),
                self.ui,
                object_id=pygame_gui.core.ObjectID(object_id="#order_list"),
            )
            n = len(self.session.orders())
            if self.selected_order is not None and self.selected_order < n:
                self.order_list.set_default_selection()
            by = ly + list_h + self.s(4)
            half = (iw - self.s(6)) // 2
            self.b_edit = button(self, (x0, by, half, bh), "game.edit", "game.edit_tip")
            self.b_remove = button(
                self, (x0 + half + self.s(6), by, half, bh), "game.remove", "game.remove_tip"
            )
            self.list_label_y = ly - self.s(20)
        if self.form is None:
            top = y + self.s(6)
            if self.list_label_y - self.s(6) - top >= self.s(30):
                self.help_rect = pygame.Rect(
                    x0 + self.s(2), top, iw - self.s(4), self.list_label_y - self.s(6) - top
                )
            return
        # the form: fields in a scrolling box, then preview text and the give button
        give_y = (self.list_label_y if self.order_list else bottom + self.s(6)) - self.s(6) - bh
        form_h = max(self.s(40), give_y - self.info_h - self.s(6) - y)
        self.form_rect = pygame.Rect(x0, y, iw, form_h)
        self.info_rect = pygame.Rect(x0, y + form_h + self.s(4), iw, self.info_h)
        self.form_box = pygame_gui.elements.UIScrollingContainer(
            self.form_rect, self.ui, allow_scroll_x=False
        )
        used = self.form.build(self.ui, self.form_box, iw - self.s(22), self.s)
        if isinstance(self.form, MoveForm):
            used += self.s(4)
        self.form_box.set_scrollable_area_dimensions((iw - self.s(22), max(used, 1)))
        gw = (iw - self.s(6)) * 2 // 3
        self.b_give = button(
            self,
            (x0, give_y, gw, bh),
            "game.update_order" if self.editing is not None else "game.give",
            "game.give_tip",
            cls="@primary",
        )
        self.b_cancel = button(
            self,
            (x0 + gw + self.s(6), give_y, iw - gw - self.s(6), bh),
            "common.cancel",
            "game.cancel_tip",
        )
        self.schedule_preview()

    def usable_kinds(self) -> set[str]:
        """The order kinds this side can give today: those whose form, with its defaults,
        makes an order (the PLA has no convoys; ships in turnaround cannot sail)."""
        s = self.session
        key = (id(s.state), s.state.day, s.side, len(s.orders()))
        cached = getattr(self, "_usable", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        kinds = set()
        for k in KINDS:
            form = FORMS[k](s, self.app.loc)
            form.fit()
            form.fit()  # as the form's build does: the choices filled in
            if form.order() is not None:
                kinds.add(k)
        self._usable = (key, kinds)
        return kinds

    def order_items(self) -> list[tuple[str, str]]:
        return [
            (f"{i + 1}. {describe(self.session, self.app.loc, o)}", f"#{i}")
            for i, o in enumerate(self.session.orders())
        ]

    # -- orders ------------------------------------------------------------------------------

    def open_form(self, kind: str, order: Order | None = None, index: int | None = None) -> None:
        if order is not None:
            self.form = form_for(self.session, self.app.loc, order)
        else:
            self.form = FORMS[kind](self.session, self.app.loc)
        self.editing = index
        self.tab = "orders"
        self.preview = None
        self.reason = None
        self.app.rebuild()

    def close_form(self) -> None:
        self.form = None
        self.editing = None
        self.preview = None
        self.reason = None
        self.app.rebuild()

    def give(self) -> None:
        if self.form is None:
            return
        order = self.form.order()
        if order is None:
            self.reason = self.t("game.incomplete")
            return
        why = self.session.add(order, self.editing)
        if why:
            self.reason = why
            self.app.sounds.play("click")
            return
        self.app.sounds.play("gun" if self.form.kind in ("fire", "counter") else "click", 0.3)
        self.note = self.t("game.order_given", order=describe(self.session, self.app.loc, order))
        self.close_form()

    def schedule_preview(self) -> None:
        self.preview_due = PREVIEW_DELAY

    def compute_preview(self) -> None:
        self.preview_due = None
        if self.form is None:
            return
        order = self.form.order()
        if order is None:
            self.reason, self.preview = self.t("game.incomplete"), None
            return
        self.reason = self.session.check(order, self.editing)
        self.preview = None if self.reason else self.session.preview(order, self.editing)

    def selected_index(self) -> int | None:
        if self.order_list is None:
            return None
        sel = self.order_list.get_single_selection(include_object_id=True)
        if not sel:
            return None
        oid = sel[1] if isinstance(sel, tuple) else ""
        return int(oid[1:]) if oid.startswith("#") else None

    # -- events ------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen:
        from game.ui.screens.menus import PauseMenu

        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self.on_button(event.ui_element)
        if self.form is not None:
            change = self.form.handle_event(event)
            if change == "rebuild":
                self.app.rebuild()
                return self
            if change == "value":
                self.schedule_preview()
                return self
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
                    self.close_form()
                    return self
                return PauseMenu(self.app, self)
            if event.key == pygame.K_s and ctrl:
                self.note = self.save()
                return self
            if event.key == pygame.K_TAB:
                self.toggle_view()
                return self
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
                i = self.selected_index()
                if i is not None:
                    self.session.remove(i)
                    self.app.rebuild()
                return self
            if event.key in MAP_KEYS:
                self.map.handle_event(event)
                return self
            if event.key in HOTKEYS and self.orders_tab_possible() and not ctrl:
                kind = HOTKEYS[event.key]
                if kind in self.usable_kinds():
                    self.open_form(kind)
                else:
                    side = self.app.loc.side(self.session.side)
                    self.note = self.t("game.kind_unusable", side=side)
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

    def on_button(self, el: Any) -> Screen:
        from game.ui.screens.menus import PauseMenu

        if el is self.b_view:
            self.toggle_view()
        elif el is self.b_menu:
            return PauseMenu(self.app, self)
        elif el is self.b_save:
            self.note = self.save()
        elif el is self.b_end:
            return self.end_turn()
        elif el is self.b_tab_orders:
            self.tab = "orders"
            self.app.rebuild()
        elif el is self.b_tab_status:
            self.tab = "status"
            self.app.rebuild()
        elif el is self.b_give and el is not None:
            self.give()
        elif el is self.b_cancel and el is not None:
            self.close_form()
        elif self.order_list is not None and el is getattr(self, "b_edit", None):
            i = self.selected_index()
            if i is not None:
                self.open_form("", self.session.orders()[i], i)
        elif self.order_list is not None and el is getattr(self, "b_remove", None):
            i = self.selected_index()
            if i is not None:
                self.session.remove(i)
                self.app.rebuild()
        else:
            for kind, b in self.kind_buttons.items():
                if el is b:
                    self.open_form(kind)
        return self

    def click_map(self, pos: tuple[int, int]) -> None:
        thing = self.map.thing_at(pos)
        if thing is None or not self.session.mode.human_sides() or self.session.over:
            return
        if self.form is not None and self.form.select_thing(thing):
            self.app.rebuild()
            return
        kind = self.click_kind(thing)
        if kind is None:
            return
        if kind not in self.usable_kinds():
            self.note = self.t("game.kind_unusable", side=self.app.loc.side(self.session.side))
            return
        self.form = FORMS[kind](self.session, self.app.loc)
        if kind == "convoy":
            self.form.values["beach"] = thing
        elif kind == "fire" and thing in {g.id for g in self.sc.artillery}:
            self.form.values["group"] = thing
        else:
            self.form.select_thing(thing)
        self.editing = None
        self.tab = "orders"
        self.app.rebuild()

    def click_kind(self, thing: str) -> str | None:
        """The form a click on `thing` opens: fire (own battery, enemy target), counter-battery
        (enemy battery) or convoy (own beach or pier); None for anything else."""
        side = self.session.side
        groups = {g.id: g for g in self.sc.artillery}
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

    def save(self) -> str:
        mod = saves_module()
        if mod is None:
            return self.t("menu.saves_unavailable")
        from game.ui.settings import saves_dir

        path = saves_dir() / mod.save_name(self.sc.id, self.session.state.day + 1)
        err = self.session.save(path)
        return (
            self.t("game.save_failed", error=err) if err else self.t("game.saved", path=str(path))
        )

    def end_turn(self) -> Screen:
        from game.ui.screens.menus import PassScreen
        from game.ui.screens.report import after_turn, final_screen

        if self.session.over:
            return final_screen(self.app, self.session)
        if self.form is not None:
            self.form = None
        if not self.session.end_planning():
            nxt = GameScreen(self.app, self.session)
            return PassScreen(self.app, nxt, self.session.side)
        self.app.sounds.play("gun")
        report = self.session.resolve()
        return after_turn(self.app, self.session, report)

    # -- update and draw -----------------------------------------------------------------------

    def watching(self) -> bool:
        return self.session.mode.kind == "watch" and not self.session.over

    def update(self, dt: float) -> Screen:
        self.map.update(dt)
        if self.note != self._note_shown:  # a new note: show it for NOTE_SECONDS
            self._note_shown, self.note_timer = self.note, 0.0
        elif self.note:
            self.note_timer += dt
            if self.note_timer >= NOTE_SECONDS:
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
        return self

    def draw(self, surface: pygame.Surface) -> None:
        sub = surface.subsurface(self.map_rect.clip(surface.get_rect()))
        selected = self.form.selected() if self.form else None
        self.map.viewer = self.session.viewer  # unspotted enemy batteries show "?"
        self.map.draw(
            sub, state=self.session.state, report=None, hover_pos=self.hover, selected=selected
        )
        surface.blit(self.panel_surface(), self.panel_rect.topleft)
        if self.note:
            fade = min(1.0, (NOTE_SECONDS - self.note_timer) / 0.6)
            box = self.note_box(self.note, self.map_rect.width - self.s(20))
            box.set_alpha(round(255 * max(0.0, fade)))
            surface.blit(box, (self.s(10), self.s(8)))
        if self.hover is not None and not self.map.dragging:
            thing = self.map.thing_at(self.hover)
            if thing is not None:
                self.draw_tip(surface, thing, self.hover)

    def note_box(self, note: str, width: int) -> pygame.Surface:
        """A message on a dark box (readable over land and sea), cached."""
        key = (note, width, self.app.settings.lang, self.app.settings.ui_scale)
        cached = getattr(self, "_note_box", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        f = self.app.fonts.get(14)
        pad = self.s(6)
        lines = lines_of(f, note, width - 2 * pad)[:3]
        h = len(lines) * (f.get_linesize() + 2) + 2 * pad
        w = min(width, max(rendered(f, ln, GOLD).get_width() for ln in lines) + 2 * pad)
        box = pygame.Surface((w, h)).convert()
        panel(box, box.get_rect(), colour=(24, 30, 26), edge=(200, 176, 112))
        for i, ln in enumerate(lines):
            box.blit(rendered(f, ln, GOLD), (pad, pad + i * (f.get_linesize() + 2)))
        self._note_box = (key, box)
        return box

    def tip_lines(self, thing: str) -> list[tuple[str, Any]]:
        """What the map can say about `thing` (a battery, target or place) to this side:
        name, strength (an enemy battery's only when spotted), state, and what a click does."""
        sc, st, loc = self.sc, self.session.state, self.app.loc
        me = self.session.viewer
        human = bool(self.session.mode.human_sides()) and not self.session.over
        groups = {g.id: g for g in sc.artillery}
        targets = {t.id: t for t in sc.targets}
        out: list[tuple[str, Any]] = []
        if thing in groups:
            g = groups[thing]
            gs = st.groups[g.id]
            out.append((self.t("tip.name", name=loc.text(g.name), side=loc.side(g.side)), GOLD))
            date = self.session.date()
            if g.available_from and date < g.available_from:
                when = self.t(
                    "game.date",
                    d=g.available_from.day,
                    m=self.t(f"month.{g.available_from.month}"),
                    y=g.available_from.year,
                )
                out.append((self.t("tip.waiting", date=when), DIM))
            if g.side == me or gs.spotted_until >= st.day:
                out.append(
                    (
                        self.t("tip.battery", guns=gs.guns, total=g.guns, range=f"{g.range_km:g}"),
                        INK,
                    )
                )
            else:
                out.append((self.t("tip.unspotted", range=f"{g.range_km:g}"), DIM))
            if human and self.click_kind(thing) in self.usable_kinds():
                out.append((self.t("tip.click_own" if g.side == me else "tip.click_counter"), DIM))
        elif thing in targets:
            t = targets[thing]
            integ = float(st.integrity.get(t.id, 100.0))
            out.append((self.t("tip.name", name=loc.text(t.name), side=loc.side(t.side)), GOLD))
            kind = self.t(f"target.{t.kind}")
            out.append((self.t("tip.target", kind=kind, integrity=f"{integ:.0f}"), INK))
            if t.kind in ("pier", "beach"):
                k = integ / 100.0
                out.append(
                    (
                        self.t(
                            "tip.unload",
                            night=loc.num(t.capacity_night_t * k),
                            day=loc.num(t.capacity_day_t * k),
                        ),
                        INK,
                    )
                )
            if human and self.click_kind(thing) in self.usable_kinds():
                click = "tip.click_fire" if t.side != me else "tip.click_convoy"
                out.append((self.t(click), DIM))
        else:
            place = next((p for p in sc.places if p.id == thing), None)
            if place is not None:
                out.append((loc.text(place.name), GOLD))
        return out

    def draw_tip(self, surface: pygame.Surface, thing: str, pos: tuple[int, int]) -> None:
        key = (thing, id(self.session.state), self.session.state.day, self.app.settings.lang)
        cached = getattr(self, "_tip", None)
        if cached is None or cached[0] != key:
            lines = self.tip_lines(thing)
            if not lines:
                return
            f = self.app.fonts.get(13)
            pad = self.s(6)
            width = self.s(300)
            parts = [(part, colour) for ln, colour in lines for part in lines_of(f, ln, width)]
            lh = f.get_linesize() + 1
            w = max(rendered(f, p, c).get_width() for p, c in parts) + 2 * pad
            box = pygame.Surface((w, len(parts) * lh + 2 * pad)).convert()
            panel(box, box.get_rect(), colour=(24, 30, 26))
            for i, (part, colour) in enumerate(parts):
                box.blit(rendered(f, part, colour), (pad, pad + i * lh))
            cached = self._tip = (key, box)
        box = cached[1]
        r = box.get_rect(topleft=(pos[0] + self.s(16), pos[1] + self.s(12)))
        if r.right > self.map_rect.right - 4:
            r.right = pos[0] - self.s(10)
        if r.bottom > self.map_rect.bottom - 4:
            r.bottom = pos[1] - self.s(6)
        surface.blit(box, r)

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
            s.over,
            id(s.state),
            s.state.day,
            self.app.settings.lang,
            self.app.settings.ui_scale,
            self.status_scroll,
        )
        cached = getattr(self, "_panel", None)
        if cached is not None and cached[0] == key and cached[2] is s.state:
            return cached[1]
        surf = pygame.Surface(self.panel_rect.size).convert()
        panel(surf, surf.get_rect())
        self.draw_header(surf, 0)
        if self.tab == "status" or not s.mode.human_sides() or s.over:
            self.draw_status(
                surf,
                pygame.Rect(
                    self.s(12),
                    self.body_top,
                    self.panel_rect.width - self.s(24),
                    self.body_bottom - self.body_top,
                ),
            )
        self._panel = (key, surf, s.state)
        return surf

    def draw_over(self, surface: pygame.Surface) -> None:
        """Text drawn after the widgets: the preview under the order form."""
        if not self.orders_tab():
            return
        f = self.app.fonts.get(13)
        x = self.panel_rect.left + self.s(12)
        if self.order_list is not None:
            text(
                surface,
                f,
                self.t("game.orders_today", n=len(self.session.orders())),
                (x, self.list_label_y),
                DIM,
            )
        if self.form is None:
            if self.help_rect is not None:
                wrapped(
                    surface, self.app.fonts.get(14), self.t("game.orders_help"), self.help_rect, DIM
                )
            return
        if self.title_y is not None:
            title = self.t("game.form_title", kind=self.t(f"kind.{self.form.kind}"))
            text(
                surface,
                self.app.fonts.get(16),
                title,
                (x, self.title_y),
                GOLD,
                self.info_rect.width,
            )
        r = self.info_rect
        pygame.draw.rect(surface, (20, 25, 22), r)
        pygame.draw.rect(surface, (70, 80, 66), r, 1)
        inner = r.inflate(-self.s(10), -self.s(8))
        if isinstance(self.form, MoveForm):
            used = wrapped(surface, f, self.form.description(), inner, INK)
            inner.top += used
            inner.height -= used
        if self.reason:
            wrapped(surface, f, self.t("game.refused", reason=self.reason), inner, RED)
            return
        if self.preview is None:
            wrapped(surface, f, self.t("game.previewing"), inner, DIM)
            return
        stats = self.preview.orders.get(self.preview_index(), {})
        if not stats:
            wrapped(surface, f, self.t("game.no_preview"), inner, DIM)
            return
        lines = [self.t("game.preview_head", n=next(iter(stats.values())).n)]
        for name, st in stats.items():
            # a recon sortie's "lost" counts aircraft, a convoy's tons
            key = "fig.recon_lost" if name == "lost" and self.form.kind == "air" else f"fig.{name}"
            lines.append(
                self.t(
                    "game.preview_line",
                    figure=self.t(key),
                    mean=f"{st.mean:,.1f}",
                    lo=f"{st.p10:,.0f}",
                    hi=f"{st.p90:,.0f}",
                )
            )
        wrapped(surface, f, "\n".join(lines), inner, GREEN)

    def preview_index(self) -> int:
        n = len(self.session.orders())
        return n - 1 if self.editing is not None else n

    def draw_header(self, surface: pygame.Surface, left: int | None = None) -> None:
        """Date, day and who plays, from `left` (default: the panel's left edge)."""
        s = self.session
        left = self.panel_rect.left if left is None else left
        x, y = left + self.s(12), self.s(8)
        w = self.panel_rect.width - self.s(24)
        date = s.date()
        f1 = self.app.fonts.get(20)
        day = s.state.day + 1
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

    def draw_status(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The status tab inside `rect`, scrolled by `status_scroll` (mouse wheel or Page
        Up/Down over the panel when it does not fit, at large interface sizes)."""
        clip = surface.get_clip()
        surface.set_clip(rect)
        top = rect.top - self.status_scroll
        bottom = self._draw_status(surface, rect.move(0, -self.status_scroll))
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
        loc, s, sc = self.app.loc, self.session, self.sc
        v = s.view()
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

        head("status.supply")
        for k in sc.supply.kinds:
            tons = v["supply"].get(k.id)
            if tons is None:
                line(self.t("status.supply_unknown", kind=loc.text(k.name)), DIM)
            else:
                days = tons / k.daily_use_t if k.daily_use_t else None
                d = self.t("status.days", n=f"{days:.1f}") if days is not None else "—"
                colour = RED if days is not None and days < 7 else INK
                line(
                    self.t("status.supply_line", kind=loc.text(k.name), tons=loc.num(tons), days=d),
                    colour,
                )
        head("status.losses")
        tot = v["totals"]
        for side in SIDES:
            line(
                self.t(
                    "status.loss_line",
                    side=loc.side(side),
                    mil=loc.num(tot[f"casualties.{side}.military"]),
                    civ=loc.num(tot[f"casualties.{side}.civilian"]),
                )
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
            ("status.tension", v["tension"], (220, 110, 80)),
            ("status.us", v["us_commitment"], (110, 150, 220)),
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
            streak = s.state.streaks.get(e.id, 0)
            extra = (
                self.t("status.at_end")
                if e.at_end
                else self.t("status.streak", n=streak, need=e.for_days)
            )
            line(f"{loc.text(e.name)} ({who}) {extra}", GOLD if streak else INK, 8)
            for c in e.when:
                line(self.condition(c), DIM, 22)
        return y

    def condition(self, c: Any) -> str:
        hidden = self.session.viewer == "prc" and (
            c.var.startswith("supply") or c.var == "morale.roc"
        )
        hidden |= self.session.viewer == "roc" and c.var == "morale.prc"
        if hidden:
            now = self.t("status.unknown")
        else:
            try:
                val = get_var(self.sc, self.session.state, c.var)
                now = f"{val:,.1f}" if isinstance(val, float) else str(val)
            except KeyError:
                now = "?"
        return self.t("status.condition", var=self.var_name(c.var), op=c.op, value=c.value, now=now)

    def var_name(self, var: str) -> str:
        head, _, rest = var.partition(".")
        key = f"var.{head}"
        name = self.t(key)
        if name == key:
            return var
        if rest:
            kinds = {k.id: self.app.loc.text(k.name) for k in self.sc.supply.kinds}
            return f"{name} ({kinds.get(rest, self.app.loc.side(rest) if rest in SIDES else rest)})"
        return name


__all__ = ["FIGURES", "GameScreen"]
