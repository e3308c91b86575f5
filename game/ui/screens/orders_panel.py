"""The game screen's orders tab: the order kinds, the open form with its preview, the list of
orders given today.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui

from game.engine.report import Msg
from game.scenario.orders import Airlift, AirSortie, Fire, Order
from game.ui.map.plans import PlanItem, plan_items
from game.ui.orderforms import (
    FORMS,
    KINDS,
    FireForm,
    MoveForm,
    OrderForm,
    describe,
    form_for,
)
from game.ui.planning import (
    ammunition,
    main_figure,
    mean_and_range,
    scaled_down,
    size,
    with_now,
)
from game.ui.screens.common import button, whole_row_list
from game.ui.screens.game_parts import GameParts
from game.ui.screens.preview_box import MIN_BAR_BOX, PreviewBox
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
)
from game.words import render

PREVIEW_DELAY = 0.25
#: figures the preview box leaves out for room (kilograms on target: the hits and the
#: integrity after say it in the player's terms)
HIDDEN_FIGURES = ("kg",)
#: the most orders the quick plan's note names among those it left out (the others counted)
QUICK_NAMED = 3


class OrdersPanel(GameParts):
    """The orders tab of the game screen (a mixin of `GameScreen`: it works on
    the screen's session, map and widgets)."""

    #: heights (unscaled pixels) of the parts of the orders tab
    KINDS_H = 2 * (28 + 4) + 6
    FORM_MIN = 100
    INFO_H = 150
    GIVE_H = 6 + 28 + 6
    LIST_BLOCK = 20 + 60 + 4 + 28  # label, the list at its smallest, edit/remove
    #: the preview box's scroll position kept across a rebuild of the whole form: (the
    #: form's kind, 0-1), taken up again only by a form of the same kind
    preview_scroll: tuple[str, float] | None = None
    #: what the preview box shows is made of (`show_info`): made again only on a change
    _info_of: tuple[tuple[Any, ...], tuple[Any, ...]] | None = None

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
            if self.form is None:
                # the routine turn: yesterday's orders again, or the quick plan, to edit
                half = (iw - self.s(6)) // 2
                self.b_repeat = button(self, (x0, y, half, bh), "game.repeat", "game.repeat_tip")
                self.b_quick = button(
                    self, (x0 + half + self.s(6), y, half, bh), "game.quick", "game.quick_tip"
                )
                if not self.session.yesterday():
                    self.b_repeat.disable()
                y += bh + self.s(6)
        # the enemy's likely answers are worked out while the player plans
        self.session.likely_enemy()
        # the preview box holds a heading, the figures and costs, and the idle line
        f = self.app.fonts.get(13)
        self.info_h = max(self.s(self.INFO_H), 8 * (f.get_linesize() + 2) + self.s(10))
        if self.layout == "compact":
            self.info_h = min(self.info_h, 5 * (f.get_linesize() + 2) + self.s(8))
        tight = self.form is None and bottom - y < self.s(20 + 4 + 40) + bh
        if self.layout == "full" and tight and bottom - y >= bh + self.s(4):
            # no room for the list's heading and a list over edit/remove (1280x720 at
            # 200 %): the list, without its heading, beside the two buttons, so that an
            # order can still be edited or removed
            # all the room down to the body's bottom (`y` holds the gap under the buttons
            # above): at 200 % the list was capped at one row with 70 pixels empty over it
            list_h = bottom - y
            ly = bottom - list_h
            bw = self.s(76)
            lw = iw - 2 * (bw + self.s(6))
            rect = pygame.Rect(x0, ly, lw, list_h)
            self.order_list = whole_row_list(
                rect,
                gui_items(self.order_items(lw - self.s(34))),
                self.ui,
                object_id=pygame_gui.core.ObjectID(object_id="#order_list"),
            )
            ly = bottom - rect.height  # whole rows, still down to the body's bottom
            self.order_list.scroll_to(self.order_top)
            self.order_list.set_relative_position((x0, ly))
            bx = x0 + lw + self.s(6)
            self.b_edit = button(self, (bx, ly, bw, bh), "game.edit", "game.edit_tip")
            self.b_remove = button(
                self, (bx + bw + self.s(6), ly, bw, bh), "game.remove", "game.remove_tip"
            )
            self.edit_buttons_state()
            self.list_label_y = ly  # no heading: the help text ends above the list
        elif self.layout == "full" and tight:
            # no room for the list under the order kinds (800x560 at 175-200 %): only the
            # count of today's orders; the list comes back in a larger window
            self.list_label_y = bottom - self.s(18)
            self.count_only = True
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
            rect = pygame.Rect(x0, ly, iw, list_h)
            # whole rows: the list shortened to them keeps its place over edit/remove
            self.order_list = whole_row_list(
                rect,
                gui_items(self.order_items(iw - self.s(34))),
                self.ui,
                object_id=pygame_gui.core.ObjectID(object_id="#order_list"),
            )
            ly += list_h - rect.height
            self.order_list.scroll_to(self.order_top)
            self.order_list.set_relative_position((x0, ly))
            by = ly + rect.height + self.s(4)
            half = (iw - self.s(6)) // 2
            self.b_edit = button(self, (x0, by, half, bh), "game.edit", "game.edit_tip")
            self.b_remove = button(
                self, (x0 + half + self.s(6), by, half, bh), "game.remove", "game.remove_tip"
            )
            self.edit_buttons_state()
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
        # preview then drawn smaller or scrolled (`PreviewBox`)
        info_h = max(self.s(20), min(self.info_h, give_y - self.s(4) - info_top))
        self.info_rect = pygame.Rect(x0, info_top, iw, info_h)
        self.form_box = pygame_gui.elements.UIScrollingContainer(
            self.form_rect, self.ui, allow_scroll_x=False
        )
        used = self.form.build(self.ui, self.form_box, iw - self.s(22), self.s)
        if isinstance(self.form, MoveForm):
            used += self.s(4)
        # (compact layout only: large sizes in small windows; elsewhere the boxes stay as
        # they were, the form scrolling if it must)
        least = max(3 * (self.app.fonts.get(10).get_linesize() + 2) + self.s(8), MIN_BAR_BOX)
        grow = min(used + self.s(4), give_y - self.s(8) - least - y)
        if self.layout != "compact":
            grow = 0
        if used + self.s(4) < form_h or grow > form_h:
            # a form shorter than its box (the one row of a diplomatic move, a fire order
            # before any is given): the preview takes the rest, so a move's terms and a
            # fire plan's batteries are read whole
            # (the fields are built again in a box of that height: pygame_gui's scrolling
            # box, resized, leaves its fields where they were). A form taller than its box
            # (a fire plan's rounds at 200 %) takes room from the preview instead, down to
            # three of its lines: the preview scrolls, the form's last field shows whole
            form_h = max(self.s(40), min(used + self.s(4), max(form_h, grow)))
            self.form_rect = pygame.Rect(x0, y, iw, form_h)
            self.form_box.kill()
            self.form_box = pygame_gui.elements.UIScrollingContainer(
                self.form_rect, self.ui, allow_scroll_x=False
            )
            self.form.build(self.ui, self.form_box, iw - self.s(22), self.s)
            self.info_rect = pygame.Rect(
                x0, y + form_h + self.s(4), iw, give_y - self.s(4) - (y + form_h + self.s(4))
            )
        self.preview_box = PreviewBox(self.ui, self.info_rect, self.app.fonts, self.s)
        kept, self.preview_scroll = self.preview_scroll, None
        if kept is not None and kept[0] == type(self.form).__name__:
            self.preview_box.restore = kept[1]
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
        self.give_state()
        self.schedule_preview()

    def planned_on_map(self) -> list[PlanItem]:
        """The planning side's orders on the map (numbered as in the list), the open form's
        dashed; none when watching or once the game is over."""
        s = self.session
        if not self.orders_tab_possible():
            return []
        key = (id(s.state), s.side, tuple(map(id, s.orders())), self.form and id(self.form))
        form = tuple(self.form.orders()) if self.form is not None else ()
        cached = getattr(self, "_plans", None)
        if cached is not None and cached[0] == key and cached[1] == form:
            return cached[2]
        items = plan_items(s.sc, s.side, s.orders())
        items += [replace(i, number=0) for i in plan_items(s.sc, s.side, form)]
        self._plans = (key, form, items)
        return items

    def rebuild_keeping_scroll(self) -> None:
        """Rebuild the widgets (a choice or a toggle changed the fields) with the form
        scrolled where it was."""
        bar = self.form_box.vert_scroll_bar if self.form_box is not None else None
        self.form_scroll = bar.start_percentage if bar is not None else 0.0
        box = self.preview_box
        if box is not None and self.form is not None:  # the preview box too
            self.preview_scroll = (type(self.form).__name__, box.scrolled())
        self.app.rebuild()
        self.show_info()

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

    def wheel_over_preview(self, event: pygame.event.Event) -> bool:
        """The mouse wheel over the preview box scrolls it; True when it did."""
        box = self.preview_box
        return box is not None and box.wheel(event, pygame.mouse.get_pos())

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
        if index is not None and self.order_list is not None:
            self.order_list.scroll_to(index)  # the list shows the order edited, then and after
        self.tab = "orders"
        self.form_scroll = 0.0
        self.preview_scroll = None
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
        orders = self.form.orders()
        if not orders:
            self.reason = self.t("game.incomplete")
            return
        for k, order in enumerate(orders):
            why = self.session.add(order, self.editing if k == 0 else None)
            if why:
                self.reason = self.refusal(why)
                self.app.sounds.play("click")
                return
        self.app.sounds.play("gun" if self.form.kind in ("fire", "counter") else "click", 0.3)
        given = describe(self.session, self.app.loc, orders[0])
        if len(orders) > 1:
            key = "game.plan_given_counter" if self.form.kind == "counter" else "game.plan_given"
            given = self.t(key, n=len(orders), order=given)
        self.note = self.t("game.order_given", order=given)
        self.close_form()

    def repeat_yesterday(self) -> None:
        """Yesterday's orders again (those still legal, smaller where less is left); the note
        says which were scaled down and which dropped, and why."""
        s = self.session
        before = len(s.orders())
        asked = s.yesterday()
        dropped = s.repeat_yesterday()
        added = len(s.orders()) - before
        if not added and not dropped:
            self.note = self.t("game.repeat_none")
        else:
            loc = self.app.loc
            # in the player's punctuation: "；" and "：" in Chinese (the "; " and ": " of
            # English read as a typo there)
            sep = self.t("words.list_sep_long")
            why = sep.join(self.left_out(dropped))
            smaller = sep.join(
                self.t("game.repeat_scaled", order=describe(s, loc, g), was=size(o))
                for o, g in scaled_down(asked, s.orders()[before:], dropped)
            )
            key = "game.repeat_dropped" if dropped else "game.repeated"
            self.note = self.t(key, n=added, dropped=len(dropped), why=why)
            if smaller:
                self.note = self.t("game.repeat_smaller", note=self.note, scaled=smaller)
        self.app.rebuild()

    def quick_plan(self) -> None:
        """The easy AI's orders for today added after the player's, to edit. The note names
        each order left out with its reason, as yesterday's orders again does (a count alone
        left the player guessing which): the first few, as many as its box shows whole, and
        how many more (eight fire orders breaking the player's halt filled it past reading)."""
        s = self.session
        added, dropped = s.quick_plan()
        n = len(added)
        if not dropped:
            # "(0 left out)" would only puzzle: the count is said when there is one
            self.note = self.t("game.quick_planned_all", n=n)
            self.app.rebuild()
            return
        sep = self.t("words.list_sep_long")
        whys = self.left_out(dropped[:QUICK_NAMED])
        for k in range(len(whys), 0, -1):
            why = sep.join(whys[:k])
            if k < len(dropped):
                why = self.t("game.quick_more", named=why, n=len(dropped) - k)
            self.note = self.t("game.quick_planned", n=n, dropped=len(dropped), why=why)
            if self.note_fits(self.note):
                break  # else one fewer named; the first is named even when cut
        self.app.rebuild()

    def left_out(self, dropped: list[tuple[Order, Msg]]) -> list[str]:
        """Each order left out named with its reason ("Fire: …: needs …"), for the notes of
        yesterday's orders again and the quick plan."""
        s, loc = self.session, self.app.loc
        return [
            self.t("game.repeat_why", order=describe(s, loc, o), why=self.refusal(m))
            for o, m in dropped
        ]

    def schedule_preview(self) -> None:
        self.preview_due = PREVIEW_DELAY

    def compute_preview(self, wait: bool = False) -> None:
        """Start the preview of the open form's orders in a background job (`wait`: and
        wait for it: screenshots and tests); `poll_preview` takes its result."""
        self.preview_due = None
        self.preview_job = None
        if self.form is None:
            return
        orders = self.form.orders()
        if not orders:
            self.reason, self.preview = self.t("game.incomplete"), None
            return
        why = None
        for k, order in enumerate(orders):
            why = self.session.check(order, self.editing) if k == 0 else None
            if why is None and k > 0:
                why = self.session.check_after(order, orders[:k], self.editing)
            if why is not None:
                break
        self.reason = self.refusal(why) if why else None
        self.give_state()
        self.preview = None
        if why is None:
            self.preview_job = self.session.preview_job(orders, self.editing)
            if wait:
                self.preview_job.wait()
                self.poll_preview()

    def refusal(self, why: Msg) -> str:
        """A refusal in the player's words, a condition's figure as the side sees it today
        added ("needs US commitment ≥ 60 (now 40)": how far off, `planning.with_now`)."""
        s = self.session
        return render(with_now(s.sc, s.planning_side_obs(), why), self.app.loc.lang, s.sc)

    def give_state(self) -> None:
        """Give is disabled, the reason in its tooltip, while the form's order would be
        refused (a bright button that only answered "refused" misled); Enter still tells
        why in the box under the form. (Before the screen is first built there is no
        button yet: a screenshot works the form out first.)"""
        b = getattr(self, "b_give", None)
        if b is None:
            return
        if self.reason:
            b.disable()
            b.set_tooltip(self.t("game.refused", reason=self.reason))
        else:
            b.enable()
            b.set_tooltip(self.t("game.give_tip"))
        self.app.wrap_tooltips()  # a Chinese reason broken between characters, not hyphenated

    def poll_preview(self) -> None:
        """Take the preview's result once its job is done (the drawing loop never waits)."""
        job = self.preview_job
        if job is not None and job.done():
            self.preview_job = None
            self.preview = job.result()

    def edit_buttons_state(self) -> None:
        """Edit and Remove with no order today did nothing when clicked: they are disabled
        then, and their tooltip says why."""
        if self.session.orders():
            return
        for b in (self.b_edit, self.b_remove):
            if b is not None:
                b.disable()
                b.set_tooltip(self.t("game.no_order_to_edit"))

    def chosen_order(self) -> int | None:
        """The order Edit, Remove and Del act on: the one selected in the list, or the only
        order given today (a click on Edit with one order listed and none selected did
        nothing, the playtest's first surprise); None when several are listed and none is
        selected (the caller then says to pick one)."""
        i = self.selected_index()
        if i is None and len(self.session.orders()) == 1:
            return 0
        return i

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
        headed = self.order_list is not None and self.list_label_y < self.order_list.rect.top
        if headed or self.count_only:
            # while the turn is worked out the job has cleared the day's orders: the list
            # still shows the morning's, and the heading read "Today's orders (0)" over them
            n = self.morning_orders if self.thinking is not None else len(self.session.orders())
            text(
                surface,
                f,
                self.t("game.orders_today", n=n),
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
        # the text itself is in the box's image, drawn by pygame_gui over this frame
        self.show_info()

    def show_info(self) -> None:
        """The box under the form shows the current texts. They are worked out again only
        when what they are made of changed (the box, the form and its values, the refusal,
        the preview, the day): not on every frame, which made the same strings (and, for a
        fire plan, the figures of every battery) twice a frame for nothing."""
        box, form = self.preview_box, self.form
        if box is None or form is None:
            return
        made_of = (box, form, self.preview, self.session.state)
        values = (tuple(form.values.items()), self.reason, self.editing)
        shown = getattr(self, "_info_of", None)
        if (
            shown is not None
            and shown[1] == values
            and all(a is b for a, b in zip(shown[0], made_of, strict=True))
        ):
            return
        self._info_of = (made_of, values)
        box.show(self.info_parts())

    def info_parts(self) -> list[tuple[str, tuple[int, int, int]]]:
        """The texts of the box under the form, with their colours: a move's terms, then
        the reason the order was refused, or the preview (or why there is none yet)."""
        parts = []
        if isinstance(self.form, MoveForm):
            parts.append((self.form.description(), INK))
        if self.reason:
            return [*parts, (self.t("game.refused", reason=self.reason), RED)]
        if self.preview is None:
            key = "game.previewing" if self.session.enemy_known() else "game.previewing_enemy"
            return [*parts, (self.t(key), DIM)]
        lines = self.preview_lines()
        if not lines:
            key = "game.move_odds" if isinstance(self.form, MoveForm) else "game.no_preview"
            return [*parts, (self.t(key), DIM)]
        return [*parts, ("\n".join(lines), GREEN)]

    def preview_lines(self) -> list[str]:
        """The preview in words: the head line (against the enemy's likely answer), each
        figure with its 10-90% range, the costs (ammunition, guns at risk, share of trials
        the battery is left spotted, aircraft at risk) and the main figure if the enemy does
        nothing. A fire plan of several batteries shows each battery's main figure."""
        odds = self.preview
        if odds is None or self.form is None:
            return []
        orders = self.form.orders()
        idx = odds.indices
        stats = [odds.likely.orders.get(i, {}) for i in idx]
        if not any(stats):
            return []
        n = next(iter(st.n for s in stats for st in s.values()))
        lines = [self.t("game.odds_head", answers=odds.answers, n=n)]
        batteries: list[str] = []  # a plan's batteries, last: the box may cut the end
        if len(idx) > 1:
            summary, batteries = self.plan_lines(orders, stats)
            lines += summary
        else:
            lines += self.figure_lines(orders[0], stats[0])
        unseen = self.unspotted_targets(orders)
        if unseen and not self.own_recon():
            pct = round(100 * self.sc.rule("unspotted_factor"))
            lines.append(self.t("game.unspotted_targets", n=unseen, pct=pct))
        for order in orders[:1] if len(orders) == 1 else []:
            if isinstance(order, Airlift):
                lines.append(self.t("game.airlift_cover", n=self.own_patrols()))
            ammo = ammunition(self.sc, self.session.planning_side_obs(), order)
            if ammo is not None:
                key, data = ammo
                shown = {
                    k: f"{v:,.1f}" if k == "tons" else self.app.loc.num(round(v))
                    for k, v in data.items()
                }
                lines.append(self.t(key, **shown))
        idle = [odds.idle.orders.get(i, {}) for i in idx]
        main = [main_figure(o, s) for o, s in zip(orders, idle, strict=False) if s]
        found = [m for m in main if m is not None]
        if found and len(found) == len(main):
            mean = sum(st.mean for _, st in found)
            lines.append(
                self.t("game.odds_idle", figure=self.figure_name(found[0][0]), mean=f"{mean:,.1f}")
            )
        return lines + batteries

    def own_patrols(self) -> int:
        """The patrol sorties of the planning side's orders with the open form's: the cover
        an airlift's preview counts (one given later is not in it)."""
        form = self.form.orders() if self.form is not None else []
        return sum(
            o.sorties
            for o in [*self.other_orders(), *form]
            if isinstance(o, AirSortie) and o.mission == "patrol"
        )

    def unspotted_targets(self, orders: list[Order]) -> int:
        """The enemy batteries `orders` fire at that are not in sight today: the preview hits
        them at the unspotted rate, but a reconnaissance flight given later the same day may
        spot them before the guns fire (a counter-battery order forecast 130 hits, and 429
        came, with a recon flight given after it)."""
        obs = self.session.planning_side_obs()
        seen: set[str] = set()
        for o in orders:
            if not isinstance(o, Fire):
                continue
            view = obs.groups.get(o.target)
            if view is not None and view.spotted_until < obs.day:
                seen.add(o.target)
        return len(seen)

    def own_recon(self) -> bool:
        """Whether the planning side's orders fly reconnaissance today (then the preview
        already counts its chance of spotting)."""
        return any(isinstance(o, AirSortie) and o.mission == "recon" for o in self.other_orders())

    def other_orders(self) -> list[Order]:
        """The planning side's orders today but the one being edited."""
        return [o for i, o in enumerate(self.session.orders()) if i != self.editing]

    def figure_name(self, name: str) -> str:
        # a recon sortie's "lost" counts aircraft, a convoy's tons
        if name == "lost" and self.form is not None and self.form.kind == "air":
            return self.t("fig.recon_lost")
        return self.t(f"fig.{name}")

    def figure_lines(self, order: Order, stats: dict) -> list[str]:
        lines = []
        for name, st in stats.items():
            if name in HIDDEN_FIGURES:
                continue
            shown = mean_and_range(st)
            if name == "exposed":
                lines.append(self.t("cost.exposed", pct=f"{100 * st.mean:.0f}"))
            elif name in ("guns_lost", "aircraft_lost") or (
                name == "lost" and self.form is not None and self.form.kind == "air"
            ):
                key = "cost.guns" if name == "guns_lost" else "cost.aircraft"
                lines.append(self.t(key, **shown))
            else:
                lines.append(
                    self.t(
                        "game.preview_line",
                        figure=self.figure_name(name),
                        **shown,
                    )
                )
        return lines

    def plan_lines(self, orders: list[Order], stats: list[dict]) -> tuple[list[str], list[str]]:
        """A fire plan: how its rounds are split between the batteries and the costs the
        one-battery preview shows, added up over the plan (ammunition, guns at risk); then
        each battery's main figure and how often it is left spotted. (summary, batteries)"""
        caps = self.plan_caps()
        lines: list[str] = []
        batteries: list[str] = []
        if caps:
            total = sum(o.rounds for o in orders if isinstance(o, Fire))
            pct = 100 * total / max(1, sum(caps.values()))
            lines.append(self.t("game.plan_split", pct=f"{pct:.0f}"))
        guns = 0.0
        spent: dict[str, dict[str, float]] = {}  # ammunition by words key: figures added up
        obs = self.session.planning_side_obs()
        for o, st in zip(orders, stats, strict=False):
            main = main_figure(o, st)
            guns += st["guns_lost"].mean if "guns_lost" in st else 0.0
            if main is None or not isinstance(o, Fire):
                continue
            ammo = ammunition(self.sc, obs, o)
            if ammo is not None:
                got = spent.setdefault(ammo[0], {})
                for k, v in ammo[1].items():
                    got[k] = v if k == "stock" else got.get(k, 0) + v
            g = next(x for x in self.sc.artillery if x.id == o.group)
            exposed = st.get("exposed")
            rounds = self.app.loc.num(o.rounds)
            if o.group in caps:
                rounds = self.t("game.plan_of", rounds=rounds, cap=self.app.loc.num(caps[o.group]))
            batteries.append(
                self.t(
                    "game.plan_line" if exposed is None else "game.plan_line_spotted",
                    group=self.app.loc.text(g.name),
                    rounds=rounds,
                    figure=self.figure_name(main[0]),
                    **mean_and_range(main[1]),
                    spotted=f"{100 * exposed.mean:.0f}" if exposed is not None else "",
                )
            )
        for key, data in spent.items():
            shown = {
                k: f"{v:,.1f}" if k == "tons" else self.app.loc.num(round(v))
                for k, v in data.items()
            }
            lines.append(self.t(key.replace("cost.", "cost.plan_"), **shown))
        lines.append(self.t("cost.plan_guns", mean=f"{guns:,.1f}"))
        return lines, batteries

    def plan_caps(self) -> dict[str, int]:
        """The rounds each battery of the open fire plan may still fire today (group id:
        rounds): the plan's rounds are shared in proportion to them (`split_rounds`)."""
        form = self.form
        if not isinstance(form, FireForm) or not form.together():
            return {}
        return dict(zip(form.together(), form.plan_caps(), strict=True))
