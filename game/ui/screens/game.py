"""The game screen: the map on the left, the side panel (status and orders) on the right."""

from __future__ import annotations

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
from game.ui.widgets import DIM, GOLD, GREEN, INK, RED, bar, panel, text, wrapped

PREVIEW_DELAY = 0.25
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
        half = (iw - self.s(6)) // 2
        self.b_tab_orders = button(
            self,
            (x0, y, half, bh),
            "game.tab_orders",
            "game.tab_orders_tip",
            cls="@tab_on" if self.tab == "orders" else None,
        )
        self.b_tab_status = button(
            self,
            (x0 + half + self.s(6), y, half, bh),
            "game.tab_status",
            "game.tab_status_tip",
            cls="@tab_on" if self.tab == "status" else None,
        )
        y += bh + self.s(10)
        self.body_top = y
        self.kind_buttons: dict[str, Any] = {}
        self.form_box = None
        self.order_list = None
        self.b_give = self.b_cancel = self.b_edit = self.b_remove = None
        bottom = h - self.s(10)
        self.b_end = button(
            self,
            (x0, bottom - self.s(40), iw, self.s(40)),
            "game.next_day" if not self.session.mode.human_sides() else "game.end_turn",
            "game.end_turn_tip",
            cls="@primary",
        )
        if self.session.over:
            self.b_end.set_text(self.t("game.over_button"))
        self.body_bottom = bottom - self.s(48)
        if self.tab == "orders" and self.session.mode.human_sides() and not self.session.over:
            self.build_orders(x0, iw)

    def other_view(self) -> str:
        return "strait" if self.map_which == "kinmen" else "kinmen"

    def build_orders(self, x0: int, iw: int) -> None:
        y = self.body_top
        bh = self.s(28)
        per_row = 4
        bw = (iw - (per_row - 1) * self.s(4)) // per_row
        for i, kind in enumerate(KINDS):
            r, c = divmod(i, per_row)
            cls = "@tab_on" if self.form and self.form.kind == kind else None
            self.kind_buttons[kind] = button(
                self,
                (x0 + c * (bw + self.s(4)), y + r * (bh + self.s(4)), bw, bh),
                f"kind.{kind}",
                f"kind.{kind}_tip",
                cls=cls,
            )
        y += 2 * (bh + self.s(4)) + self.s(6)
        list_h = self.s(96)
        # the order list and its buttons sit at the bottom of the body
        ly = self.body_bottom - list_h - bh - self.s(6)
        self.order_list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x0, ly, iw, list_h), self.order_items(), self.ui
        )
        if self.selected_order is not None and self.selected_order < len(self.session.orders()):
            self.order_list.set_default_selection()
        by = ly + list_h + self.s(4)
        half = (iw - self.s(6)) // 2
        self.b_edit = button(self, (x0, by, half, bh), "game.edit", "game.edit_tip")
        self.b_remove = button(
            self, (x0 + half + self.s(6), by, half, bh), "game.remove", "game.remove_tip"
        )
        # the form: fields in a scrolling box, then preview text and the give button
        self.info_h = self.s(112)
        self.list_label_y = ly - self.s(20)
        give_y = self.list_label_y - self.s(6) - bh
        form_h = max(self.s(40), give_y - self.info_h - self.s(6) - y)
        self.form_rect = pygame.Rect(x0, y, iw, form_h)
        self.info_rect = pygame.Rect(x0, y + form_h + self.s(4), iw, self.info_h)
        self.b_give = None
        self.b_cancel = None
        if self.form is None:
            return
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
            if event.key in HOTKEYS and self.session.mode.human_sides() and not ctrl:
                self.open_form(HOTKEYS[event.key])
                return self
        if event.type == pygame.MOUSEMOTION and self.map_rect.collidepoint(event.pos):
            self.hover = event.pos
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
        side = self.session.side
        groups = {g.id: g for g in self.sc.artillery}
        targets = {t.id: t for t in self.sc.targets}
        if thing in groups and groups[thing].side == side:
            self.form = FORMS["fire"](self.session, self.app.loc)
            self.form.values["group"] = thing
        elif thing in groups:
            self.form = FORMS["counter"](self.session, self.app.loc)
            self.form.select_thing(thing)
        elif thing in targets and targets[thing].side == other(side):
            self.form = FORMS["fire"](self.session, self.app.loc)
            self.form.select_thing(thing)
        elif thing in targets and targets[thing].kind in ("pier", "beach"):
            self.form = FORMS["convoy"](self.session, self.app.loc)
            self.form.values["beach"] = thing
        else:
            return
        self.editing = None
        self.tab = "orders"
        self.app.rebuild()

    def toggle_view(self) -> None:
        self.map_which = self.other_view()
        self.map.set_view(self.map_which)
        self.b_view.set_text(self.t("game.view_" + self.other_view()))

    def save(self) -> str:
        mod = saves_module()
        if mod is None:
            return self.t("menu.saves_unavailable")
        from game.ui.settings import saves_dir

        path = saves_dir() / f"{self.sc.id}-day{self.session.state.day + 1:03d}.json"
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

    def update(self, dt: float) -> Screen:
        self.map.update(dt)
        if self.preview_due is not None:
            self.preview_due -= max(dt, 0.016)
            if self.preview_due <= 0:
                self.compute_preview()
        return self

    def draw(self, surface: pygame.Surface) -> None:
        sub = surface.subsurface(self.map_rect.clip(surface.get_rect()))
        selected = self.form.selected() if self.form else None
        self.map.draw(
            sub, state=self.session.state, report=None, hover_pos=self.hover, selected=selected
        )
        panel(surface, self.panel_rect)
        self.draw_header(surface)
        if self.tab == "status" or not self.session.mode.human_sides() or self.session.over:
            self.draw_status(
                surface,
                pygame.Rect(
                    self.panel_rect.left + self.s(12),
                    self.body_top,
                    self.panel_rect.width - self.s(24),
                    self.body_bottom - self.body_top,
                ),
            )
        if self.note:
            f = self.app.fonts.get(13)
            text(
                surface,
                f,
                self.note,
                (self.s(10), self.s(8)),
                GOLD,
                self.map_rect.width - self.s(20),
            )

    def draw_over(self, surface: pygame.Surface) -> None:
        """Text drawn after the widgets: the preview under the order form."""
        if self.tab != "orders" or not self.session.mode.human_sides() or self.session.over:
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
            r = pygame.Rect(
                x, self.body_top + self.s(72), self.panel_rect.width - self.s(24), self.s(200)
            )
            wrapped(surface, self.app.fonts.get(14), self.t("game.orders_help"), r, DIM)
            return
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
            lines.append(
                self.t(
                    "game.preview_line",
                    figure=self.t(f"fig.{name}"),
                    mean=f"{st.mean:,.1f}",
                    lo=f"{st.p10:,.0f}",
                    hi=f"{st.p90:,.0f}",
                )
            )
        wrapped(surface, f, "\n".join(lines), inner, GREEN)

    def preview_index(self) -> int:
        n = len(self.session.orders())
        return n - 1 if self.editing is not None else n

    def draw_header(self, surface: pygame.Surface) -> None:
        loc, s = self.app.loc, self.session
        x, y = self.panel_rect.left + self.s(12), self.s(8)
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
        who = (
            self.t("game.watching")
            if not s.mode.human_sides()
            else self.t("game.playing", side=loc.side(s.side))
        )
        text(
            surface,
            f2,
            f"{self.t('game.day', n=day, total=self.sc.days)} · {who}",
            (x, y + f1.get_linesize() + self.s(2)),
            DIM,
            w,
        )

    def draw_status(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
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
            if y + lh <= rect.bottom:
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
            if y + lh > rect.bottom:
                break
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
