"""The order forms' common part: a field list, the values, the widgets built from them.

A form keeps its values in a dict, shows them as pygame_gui widgets (choice buttons that open
a `Chooser`, sliders, check boxes) and turns them into an engine `Order`; the forms of each
order kind are in `game.ui.orderforms`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pygame
import pygame_gui

from game.engine.legality import Checker
from game.scenario.orders import Order
from game.ui.chooser import Chooser
from game.ui.session import Session
from game.ui.text import ellipsize
from game.ui.theme import BASE_FONT, font_path, item_height

KINDS = ("fire", "counter", "convoy", "air", "airlift", "naval", "move")
HOTKEYS = {
    pygame.K_f: "fire",
    pygame.K_b: "counter",
    pygame.K_c: "convoy",
    pygame.K_a: "air",
    pygame.K_l: "airlift",
    pygame.K_n: "naval",
    pygame.K_m: "move",
}


@dataclass
class Field:
    name: str
    kind: str  # choice | int | bool
    label: str
    options: list[tuple[str, str]] = field(default_factory=list)
    lo: int = 0
    hi: int = 0
    tip: str = ""


def num(name: str, label: str, lo: int, hi: int, tip: str = "") -> Field:
    """A whole-number field shown as a slider from `lo` to `hi`."""
    return Field(name, "int", label, lo=lo, hi=hi, tip=tip)


class OrderForm:
    kind = ""

    def __init__(self, session: Session, loc: Any, order: Order | None = None) -> None:
        self.session = session
        self.loc = loc
        self.values: dict[str, Any] = {}
        self.widgets: dict[str, Any] = {}
        self.value_labels: dict[str, Any] = {}
        #: the order being edited (not counted against what today's other orders use)
        self.editing = order
        self._used: tuple[tuple[int, ...], Any, dict[Any, Any]] | None = None
        self.defaults()
        if order is not None:
            self.load(order)

    # what subclasses define ---------------------------------------------------------------

    def defaults(self) -> None: ...

    def load(self, order: Order) -> None:
        """The form as `order` was given: a cargo kind the order leaves out was given at 0 t
        (not at the default share a new form starts with), and every field is read, those at
        the order's default too (`to_dict` leaves them out, so a day convoy without escorts
        came back as a night run with two)."""
        for k in list(self.values):
            if k.startswith("cargo."):
                self.values[k] = 0
        for f in dataclasses.fields(order):
            v = getattr(order, f.name)
            if f.name == "cargo":
                for kind, tons in v.items():
                    self.values[f"cargo.{kind}"] = int(tons)
            else:
                self.values[f.name] = v

    def fields(self) -> list[Field]:
        return []

    def order(self) -> Order | None:
        return None

    def orders(self) -> list[Order]:
        """The orders the give button adds: the form's one order (a fire plan for several
        batteries gives one per battery)."""
        o = self.order()
        return [o] if o is not None else []

    # shared -------------------------------------------------------------------------------

    @property
    def sc(self) -> Any:
        return self.session.sc

    @property
    def st(self) -> Any:
        return self.session.state

    @property
    def side(self) -> str:
        return self.session.side

    def t(self, key: str, **kw: Any) -> str:
        return self.loc.t(key, **kw)

    def name(self, obj: Any) -> str:
        return self.loc.text(obj.name)

    def earlier(self) -> list[Order]:
        """Today's other orders of this side (the one being edited left out): what they
        use is not free for this one."""
        return [o for o in self.session.orders() if o is not self.editing]

    def used(self) -> Any:
        """What today's other orders use (guns' rounds, ammunition, ships, sorties, moves),
        counted by the engine's own `Checker`, so that the limits a form offers are the ones
        the engine enforces (a form that opened on a refusal looked broken)."""
        return self._tally()[1]

    def memo(self) -> dict[Any, Any]:
        """Figures worked out from today's other orders (a battery's rounds left), kept
        while those orders stay the same."""
        return self._tally()[2]

    def _tally(self) -> tuple[tuple[int, ...], Any, dict[Any, Any]]:
        earlier = self.earlier()
        key = (id(self.st), *map(id, earlier))
        if self._used is None or self._used[0] != key:
            checker = Checker(self.sc, self.st, self.side)
            for o in earlier:
                checker.offer(o)
            self._used = (key, checker.use, {})
        return self._used

    def free(self, cid: str | None) -> int:
        """Ships of class `cid` ready and not yet given to today's other orders."""
        if not cid:
            return 0
        return max(0, int(self.st.ships.get(cid, 0)) - self.used().ships.get(cid, 0))

    def cargo(self) -> dict[str, float]:
        return {
            k.id: float(self.values.get(f"cargo.{k.id}", 0))
            for k in self.sc.supply.kinds
            if self.values.get(f"cargo.{k.id}", 0) > 0
        }

    def fit(self) -> None:
        """Keep values inside the current fields' ranges and options."""
        for f in self.fields():
            v = self.values.get(f.name)
            if f.kind == "choice":
                ids = [o[1] for o in f.options]
                if v not in ids:
                    self.values[f.name] = ids[0] if ids else ""
            elif f.kind == "int":
                self.values[f.name] = int(min(max(int(v or 0), f.lo), max(f.lo, f.hi)))
            elif f.kind == "bool":
                self.values[f.name] = bool(v)
        self.fit_cargo()

    def cargo_room(self) -> float | None:
        """Tons the order's ships or sorties can carry (None: the order carries nothing)."""
        return None

    def fit_cargo(self) -> None:
        """Cargo over what the ships (or sorties) carry, shrunk in proportion: each kind's
        slider goes up to the whole load, so choosing a smaller class must not leave the
        kinds together overloading it. Whole tons; the tons rounding loses go to the first
        kind loaded."""
        room = self.cargo_room()
        keys = [f"cargo.{k.id}" for k in self.sc.supply.kinds]
        total = sum(int(self.values.get(k, 0)) for k in keys)
        if room is None or total <= room:
            return
        whole = int(room)
        for k in keys:
            self.values[k] = int(self.values.get(k, 0)) * whole // total
        loaded = [k for k in keys if self.values[k] > 0] or keys[:1]
        if loaded:
            self.values[loaded[0]] += whole - sum(self.values[k] for k in keys)

    def build(self, manager: Any, container: Any, width: int, s: Any) -> int:
        """Create the widgets inside `container`; returns the height used."""
        self.fit()
        self.fit()  # twice: a capacity may depend on a value the first pass changed
        self.widgets, self.value_labels = {}, {}
        self.manager, self.s = manager, s
        self.chooser: Chooser | None = None
        self._font = _label_font(str(font_path()), s(BASE_FONT))
        y, row, gap = 0, s(30), s(6)
        fields = self.fields()
        lw = self.label_width(fields, width, s)
        for f in fields:
            tip = f.tip or None
            # a label wider than its column (a long one at 200 % in a small window) is cut
            # with an ellipsis, never clipped mid-letter
            label = ellipsize(self._font, f.label, lw - s(8))
            if f.kind == "choice":
                pygame_gui.elements.UILabel(
                    pygame.Rect(0, y, lw, row), label, manager, container=container
                )
                self.widgets[f.name] = self._choice_button(
                    f, pygame.Rect(lw, y, width - lw, row), manager, container, tip
                )
            elif f.kind == "int":
                vw = s(64)
                pygame_gui.elements.UILabel(
                    pygame.Rect(0, y, lw, row), label, manager, container=container
                )
                lab = pygame_gui.elements.UILabel(
                    pygame.Rect(width - vw, y, vw, row),
                    "",
                    manager,
                    container=container,
                    object_id=pygame_gui.core.ObjectID(class_id="@value"),
                )
                self.value_labels[f.name] = (lab, f.label)
                lo, hi = f.lo, max(f.hi, f.lo + 1)
                self.values[f.name] = min(max(int(self.values[f.name]), lo), max(f.lo, f.hi))
                sl = pygame_gui.elements.UIHorizontalSlider(
                    pygame.Rect(lw, y + s(3), width - lw - vw - s(4), row - s(6)),
                    self.values[f.name],
                    (lo, hi),
                    manager,
                    container=container,
                    click_increment=max(1, (hi - lo) // 40),
                )
                if f.hi <= f.lo:
                    sl.disable()
                if tip:
                    sl.tool_tip_text = tip
                self.widgets[f.name] = sl
                self._show_value(f.name)
            elif f.kind == "bool":
                cb = pygame_gui.elements.UICheckBox(
                    pygame.Rect(lw, y + s(3), s(22), s(22)),
                    f.label,
                    manager,
                    container=container,
                    initial_state=bool(self.values[f.name]),
                    tool_tip_text=tip,
                )
                self.widgets[f.name] = cb
            y += row + gap
        return y

    @staticmethod
    def label_width(fields: list[Field], width: int, s: Any) -> int:
        """Room for the labels: the widest label (not a check box's, which sits to the right
        of its box) plus a gap, between a quarter and 45 % of the form's width, so that the
        drop-downs get the rest (their options are the longer texts)."""
        try:
            font = _label_font(str(font_path()), s(BASE_FONT))
        except (pygame.error, OSError):
            return int(width * 0.42)
        widest = max((font.size(f.label)[0] for f in fields if f.kind != "bool"), default=0)
        return max(width // 4, min(int(width * 0.45), widest + s(14)))

    def _choice_button(
        self, f: Field, rect: pygame.Rect, manager: Any, container: Any, tip: str | None
    ) -> Any:
        """A choice field: a button showing the chosen option (cut with "…" when too long,
        the whole text then in its tooltip) that opens the list of options (`Chooser`)."""
        opts = f.options or [("-", "")]
        start = next((o for o in opts if o[1] == self.values.get(f.name)), opts[0])
        arrow = " ▼"
        room = rect.width - self.s(14) - self._font.size(arrow)[0]
        shown = ellipsize(self._font, start[0], room)
        if shown != start[0]:
            tip = start[0] + ("<br>" + tip if tip else "")
        b = pygame_gui.elements.UIButton(
            rect,
            shown + arrow,
            manager,
            container=container,
            tool_tip_text=tip,
            object_id=pygame_gui.core.ObjectID(class_id="@choice"),
        )
        if not f.options:
            b.disable()
        return b

    def open_chooser(self, name: str) -> None:
        """Open the list of the choice field `name` over the window."""
        f = next((f for f in self.fields() if f.name == name), None)
        if f is None or not f.options:
            return
        self.close_chooser()
        self.chooser = Chooser(
            self.manager,
            name,
            self.widgets[name].rect,
            f.options,
            self.values.get(name, ""),
            item_height(self.s(100) / 100),
            self._font,
        )

    def close_chooser(self) -> bool:
        """Close the opened list, if any; True when one was open."""
        chooser = getattr(self, "chooser", None)
        if chooser is None:
            return False
        chooser.close()
        self.chooser = None
        return True

    def follow_limits(self) -> None:
        """After a slider moved: the other sliders' ranges follow (the airlift's cargo
        follows its sorties, the convoy's its ships), values clamped into them."""
        for f in self.fields():
            w = self.widgets.get(f.name)
            if f.kind != "int" or w is None:
                continue
            lo, hi = f.lo, max(f.hi, f.lo + 1)
            if tuple(w.value_range) != (lo, hi):
                w.value_range = (lo, hi)
                self.values[f.name] = min(max(int(self.values[f.name]), lo), max(f.lo, f.hi))
                w.set_current_value(self.values[f.name], warn=False)
                self._show_value(f.name)
                if f.hi <= f.lo:
                    w.disable()
                else:
                    w.enable()

    def _show_value(self, name: str) -> None:
        lab, _label = self.value_labels[name]
        lab.set_text(self.loc.num(self.values[name]))

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """'value' when a value changed, 'rebuild' when the fields must be rebuilt, 'used'
        when the form took the event (a list opened or closed)."""
        chooser = getattr(self, "chooser", None)
        if chooser is not None:
            picked = chooser.chosen(event)
            if picked is not None:
                self.values[chooser.name] = picked
                self.close_chooser()
                return "rebuild"
            if event.type == pygame.MOUSEBUTTONDOWN and not chooser.rect.collidepoint(event.pos):
                self.close_chooser()
                return "used"
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.close_chooser()
                return "used"
        for name, w in self.widgets.items():
            element: Any = getattr(event, "ui_element", None)
            if element is not w:
                continue
            if event.type == pygame_gui.UI_BUTTON_PRESSED:
                self.open_chooser(name)
                return "used"
            if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
                self.values[name] = int(w.get_current_value())
                self._show_value(name)
                self.follow_limits()
                return "value"
            if event.type in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED):
                self.values[name] = event.type == pygame_gui.UI_CHECK_BOX_CHECKED
                return "rebuild"
        return None

    def select_thing(self, thing: str) -> bool:
        """A map click on `thing`: fill it in if it fits one of this form's choices."""
        for f in self.fields():
            if f.kind == "choice" and thing in [o[1] for o in f.options]:
                self.values[f.name] = thing
                return True
        return False

    def aim_at(self, thing: str) -> bool:
        """A fresh form opened by a click on `thing`: fill it in; False when it cannot be."""
        return self.select_thing(thing)

    def refuse_thing(self, thing: str) -> str:
        """Why a map click on `thing` fits none of this form's choices (the form is left as
        it was)."""
        return self.t("game.click_not_choice", thing=self.thing_name(thing))

    def thing_name(self, thing: str) -> str:
        for items in (self.sc.targets, self.sc.artillery):
            for t in items:
                if t.id == thing:
                    return self.name(t)
        return self.t("game.click_thing")

    def why_unusable(self) -> str:
        """The reason shown on this kind's disabled button."""
        return self.t(f"unusable.{self.kind}", side=self.loc.side(self.side))

    def selected(self) -> str | None:
        return self.values.get("target") or self.values.get("group") or self.values.get("beach")


_LABEL_FONTS: dict[tuple[str, int], pygame.font.Font] = {}


def _label_font(path: str, px: int) -> pygame.font.Font:
    """The bundled face at `px` pixels, for measuring labels (fonts die with pygame.quit,
    so the cache is keyed by the font module's life too)."""
    if not pygame.font.get_init():
        pygame.font.init()
    key = (path, px)
    f = _LABEL_FONTS.get(key)
    if f is None:
        if not _LABEL_FONTS:
            pygame.register_quit(_LABEL_FONTS.clear)
        f = _LABEL_FONTS[key] = pygame.font.Font(path, px)
    return f
