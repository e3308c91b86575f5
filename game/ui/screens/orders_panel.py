"""The game screen's orders tab: the order kinds, the open form with its preview, the list of
orders given today.
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.scenario.orders import Order
from game.ui.orderforms import FORMS, KINDS, MoveForm, OrderForm, describe, form_for
from game.ui.screens.common import button
from game.ui.screens.game_parts import GameParts
from game.ui.theme import BASE_FONT
from game.ui.widgets import (
    DIM,
    GOLD,
    GREEN,
    INK,
    RED,
    fitted,
    gui_items,
    text,
    wrapped,
    wrapped_height,
)
from game.words import render

PREVIEW_DELAY = 0.25


class OrdersPanel(GameParts):
    """The orders tab of the game screen (a mixin of `GameScreen`: it works on
    the screen's session, map and widgets)."""

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
        sizes in small windows, e.g. 175-200 % at 1280x720). With no order given yet, the
        empty list gives its room to the form (a convoy's fields then show without
        scrolling)."""
        if not self.orders_tab() or self.form is None:
            return "full"
        lean = self.s(self.KINDS_H + self.FORM_MIN + 4 + self.INFO_H + self.GIVE_H)
        if body >= lean + self.s(self.LIST_BLOCK) and self.session.orders():
            return "full"
        return "lean" if body >= lean else "compact"

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
                    b.set_tooltip(FORMS[kind](self.session, self.app.loc).why_unusable())
                self.kind_buttons[kind] = b
            y += self.s(self.KINDS_H)
        # the preview box holds a heading and up to five figures
        f = self.app.fonts.get(13)
        self.info_h = max(self.s(self.INFO_H), 6 * (f.get_linesize() + 2) + self.s(10))
        if self.layout == "compact":
            self.info_h = min(self.info_h, 5 * (f.get_linesize() + 2) + self.s(8))
        tight = self.form is None and bottom - y < self.s(20 + 4 + 40) + bh
        if self.layout == "full" and tight:
            # no room for the list under the order kinds (800x560 at 175-200 %): only the
            # count of today's orders; the list comes back in a larger window
            self.list_label_y = bottom - self.s(18)
        elif self.layout == "full":
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
                gui_items(self.order_items(iw - self.s(34))),
                self.ui,
                object_id=pygame_gui.core.ObjectID(object_id="#order_list"),
            )
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
        info_top = y + form_h + self.s(4)
        # never under the give button (a small window at a large size): shorter, and the
        # preview then drawn smaller or ended with "…"
        info_h = max(self.s(20), min(self.info_h, give_y - self.s(4) - info_top))
        self.info_rect = pygame.Rect(x0, info_top, iw, info_h)
        self.form_box = pygame_gui.elements.UIScrollingContainer(
            self.form_rect, self.ui, allow_scroll_x=False
        )
        used = self.form.build(self.ui, self.form_box, iw - self.s(22), self.s)
        if isinstance(self.form, MoveForm):
            used += self.s(4)
        self.form_box.set_scrollable_area_dimensions((iw - self.s(22), max(used, 1)))
        bar = self.form_box.vert_scroll_bar
        if bar is not None and self.form_scroll > 0:
            bar.set_scroll_from_start_percentage(self.form_scroll)
            self.form_box.update(0.0)
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

    def rebuild_keeping_scroll(self) -> None:
        """Rebuild the widgets (a choice or a toggle changed the fields) with the form
        scrolled where it was."""
        bar = self.form_box.vert_scroll_bar if self.form_box is not None else None
        self.form_scroll = bar.start_percentage if bar is not None else 0.0
        self.app.rebuild()

    def wheel_over_form(self, event: pygame.event.Event) -> bool:
        """The mouse wheel over the form (over a slider or a label too, which pygame_gui's
        scroll bar ignores) scrolls it; True when it did."""
        box = self.form_box
        if box is None or box.vert_scroll_bar is None:
            return False
        bar = box.vert_scroll_bar
        if not event.y or not box.rect.collidepoint(pygame.mouse.get_pos()):
            return False
        bar.scroll_wheel_moved = True
        bar.scroll_wheel_amount = event.y
        return True

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

    def order_items(self, width: int | None = None) -> list[tuple[str, str]]:
        """Today's orders as list rows, each cut with "…" to `width` pixels (the list would
        cut them mid-letter); the full text is in the form that Edit opens."""
        f = self.app.fonts.get(BASE_FONT)
        rows = []
        for i, o in enumerate(self.session.orders()):
            row = f"{i + 1}. {describe(self.session, self.app.loc, o)}"
            rows.append((fitted(f, row, width) if width else row, f"#{i}"))
        return rows

    # -- orders ------------------------------------------------------------------------------

    def open_form(
        self,
        kind: str,
        order: Order | None = None,
        index: int | None = None,
        form: OrderForm | None = None,
    ) -> None:
        """Open the form of `kind` (or `form`, already filled in; or the form editing
        `order`, the `index`th of today's orders)."""
        if form is not None:
            self.form = form
        elif order is not None:
            self.form = form_for(self.session, self.app.loc, order)
        else:
            self.form = FORMS[kind](self.session, self.app.loc)
        self.editing = index
        self.tab = "orders"
        self.form_scroll = 0.0
        self.discard_armed = False
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
            self.reason = render(why, self.app.loc.lang, self.session.sc)
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
        why = self.session.check(order, self.editing)
        self.reason = render(why, self.app.loc.lang, self.session.sc) if why else None
        self.preview = None if why else self.session.preview(order, self.editing)

    def selected_index(self) -> int | None:
        if self.order_list is None:
            return None
        sel = self.order_list.get_single_selection(include_object_id=True)
        if not sel:
            return None
        oid = sel[1] if isinstance(sel, tuple) else ""
        return int(oid[1:]) if oid.startswith("#") else None

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
        body = "\n".join(lines)
        # a smaller font before a cut line: every figure of the preview matters
        for size in (13, 12, 11):
            f = self.app.fonts.get(size)
            if wrapped_height(f, body, inner.width) <= inner.height + 2:
                break
        wrapped(surface, f, body, inner, GREEN)

    def preview_index(self) -> int:
        n = len(self.session.orders())
        return n - 1 if self.editing is not None else n
