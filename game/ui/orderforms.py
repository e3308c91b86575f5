"""The order forms of the game screen: one per order kind, built from a list of fields.

A form keeps its values in a dict, shows them as pygame_gui widgets (drop-downs, sliders,
check boxes) and turns them into an engine `Order`. Sensible defaults make every form usable
with one key press (F, B, C, ... then Enter), which the scripted UI test relies on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame
import pygame_gui

from game.engine.legality import fire_distance, group_available
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie, Order
from game.ui.chooser import Chooser
from game.ui.session import Session, other
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
        self.defaults()
        if order is not None:
            self.load(order)

    # what subclasses define ---------------------------------------------------------------

    def defaults(self) -> None: ...

    def load(self, order: Order) -> None:
        """The form as `order` was given: a cargo kind the order leaves out was given at 0 t
        (not at the default share a new form starts with)."""
        for k in list(self.values):
            if k.startswith("cargo."):
                self.values[k] = 0
        for k, v in order.to_dict().items():
            if k == "cargo":
                for kind, tons in v.items():
                    self.values[f"cargo.{kind}"] = int(tons)
            elif k != "type":
                self.values[k] = v

    def fields(self) -> list[Field]:
        return []

    def order(self) -> Order | None:
        return None

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
            if f.kind == "choice":
                pygame_gui.elements.UILabel(
                    pygame.Rect(0, y, lw, row), f.label, manager, container=container
                )
                self.widgets[f.name] = self._choice_button(
                    f, pygame.Rect(lw, y, width - lw, row), manager, container, tip
                )
            elif f.kind == "int":
                vw = s(64)
                pygame_gui.elements.UILabel(
                    pygame.Rect(0, y, lw, row), f.label, manager, container=container
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
            tip = start[0] + ("\n" + tip if tip else "")
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
        if getattr(self, "chooser", None) is None:
            return False
        self.chooser.close()
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
            if getattr(event, "ui_element", None) is not w:
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


class FireForm(OrderForm):
    kind = "fire"
    counter = False

    def groups(self) -> list[Any]:
        return [
            g
            for g in self.sc.artillery
            if g.side == self.side
            and group_available(self.sc, self.st, g)
            and self.st.groups[g.id].guns > 0
        ]

    def targets(self, g: Any) -> list[tuple[str, str]]:
        if g is None:
            return []
        if self.counter:
            items = [
                t
                for t in self.sc.artillery
                if t.side == other(self.side) and group_available(self.sc, self.st, t)
            ]
        else:
            items = [t for t in self.sc.targets if t.side == other(self.side)]
        out = []
        for t in items:
            d = fire_distance(self.sc, g, t.id)
            if d <= g.range_km:
                out.append((f"{self.name(t)} ({d:.1f} km)", t.id))
        return out

    def aim_at(self, thing: str) -> bool:
        """Fire at `thing` from the battery best placed for it (the first that reaches it,
        most guns first); False when none of ours can reach it."""
        reach = [g for g in self.groups() if thing in [t[1] for t in self.targets(g)]]
        if not reach:
            return False
        g = max(reach, key=lambda x: self.st.groups[x.id].guns)
        self.values["group"], self.values["target"] = g.id, thing
        self.values["rounds"] = max(1, self.cap(g) // 2)
        return True

    def refuse_thing(self, thing: str) -> str:
        g = self.group()
        if g is not None and self._aimable(thing):
            d = fire_distance(self.sc, g, thing)
            return self.t(
                "game.click_out_of_range",
                thing=self.thing_name(thing),
                group=self.name(g),
                km=f"{d:.1f}",
                range=f"{g.range_km:.1f}",
            )
        return super().refuse_thing(thing)

    def _aimable(self, thing: str) -> bool:
        """`thing` is something this form fires at (an enemy target, or for counter-battery
        an enemy battery), in range or not."""
        enemy = other(self.side)
        pool = self.sc.artillery if self.counter else self.sc.targets
        return any(t.id == thing and t.side == enemy for t in pool)

    def group(self) -> Any:
        gid = self.values.get("group")
        return next((g for g in self.groups() if g.id == gid), None)

    def cap(self, g: Any) -> int:
        if g is None:
            return 0
        gs = self.st.groups[g.id]
        cap = int(gs.guns * g.rounds_per_gun * (1.0 - gs.suppressed))
        return min(cap, gs.ammo) if gs.ammo >= 0 else cap

    def defaults(self) -> None:
        for g in self.groups():
            if self.targets(g):
                self.values["group"] = g.id
                break
        g = self.group()
        self.values["rounds"] = max(1, self.cap(g) // 2)
        self.values["break_halt"] = False

    def fields(self) -> list[Field]:
        groups = self.groups()
        g = self.group() or (groups[0] if groups else None)
        out = [
            Field(
                "group",
                "choice",
                self.t("order.group"),
                [(f"{self.name(x)} ({self.st.groups[x.id].guns})", x.id) for x in groups],
                tip=self.t("order.group_tip"),
            ),
            Field(
                "target",
                "choice",
                self.t("order.battery" if self.counter else "order.target"),
                self.targets(g),
                tip=self.t("order.target_tip"),
            ),
            num(
                "rounds",
                self.t("order.rounds"),
                1,
                self.cap(g),
                tip=self.t("order.rounds_tip"),
            ),
        ]
        if self.side == "prc":
            out.append(
                Field(
                    "break_halt",
                    "bool",
                    self.t("order.break_halt"),
                    tip=self.t("order.break_halt_tip"),
                )
            )
        return out

    def order(self) -> Order | None:
        if not self.values.get("group") or not self.values.get("target"):
            return None
        if self.cap(self.group()) < 1:
            return None
        return Fire(
            group=self.values["group"],
            target=self.values["target"],
            rounds=max(1, int(self.values["rounds"])),
            break_halt=bool(self.values.get("break_halt")),
        )


class CounterForm(FireForm):
    kind = "counter"
    counter = True


class ConvoyForm(OrderForm):
    kind = "convoy"

    def classes(self, role: str) -> list[Any]:
        return [c for c in self.sc.ships if c.side == self.side and c.role == role]

    def beaches(self) -> list[Any]:
        return [t for t in self.sc.targets if t.side == self.side and t.kind in ("pier", "beach")]

    def free(self, cid: str | None) -> int:
        return int(self.st.ships.get(cid, 0)) if cid else 0

    def capacity(self, beach: Any, night: bool) -> int:
        """Tons `beach` can still unload today (night or day run): as damaged as it is now,
        less the cargo today's other convoys bring to it."""
        full = beach.capacity_night_t if night else beach.capacity_day_t
        left = full * float(self.st.integrity.get(beach.id, 100.0)) / 100.0
        for o in self.session.orders():
            if isinstance(o, Convoy) and o.beach == beach.id and o is not self.editing:
                left -= sum(o.cargo.values())
        return max(0, int(left))

    def defaults(self) -> None:
        tr = self.classes("transport")
        esc = self.classes("escort")
        cls = tr[0] if tr else None
        self.values["ship_class"] = cls.id if cls else ""
        ships = min(2, self.free(cls.id)) if cls else 0
        self.values["ships"] = ships
        self.values["night"] = True
        beaches = self.beaches()
        # the beach that can take the most tonight (a wrecked beach lands nothing)
        best = max(beaches, key=lambda b: self.capacity(b, True), default=None)
        self.values["beach"] = best.id if best else ""
        kinds = self.sc.supply.kinds
        if cls and kinds:
            tons = ships * cls.cargo_t
            if best is not None and self.capacity(best, True) > 0:
                tons = min(tons, self.capacity(best, True))  # more would not be landed
            each = int(tons / len(kinds))
            for k in kinds:
                self.values[f"cargo.{k.id}"] = each
        self.values["escort_class"] = esc[0].id if esc else ""
        self.values["escorts"] = min(2, self.free(esc[0].id)) if esc else 0
        self.values["us_escort"] = False
        self.values["amtracs"] = 0

    def fields(self) -> list[Field]:
        cls_id = self.values.get("ship_class")
        cls = next((c for c in self.classes("transport") if c.id == cls_id), None)
        cap = int(self.values.get("ships", 0) * (cls.cargo_t if cls else 0))
        out = [
            Field(
                "ship_class",
                "choice",
                self.t("order.ship_class"),
                [(f"{self.name(c)} ({self.free(c.id)})", c.id) for c in self.classes("transport")],
            ),
            num(
                "ships",
                self.t("order.ships"),
                1,
                self.free(cls_id),
                tip=self.t("order.ships_tip"),
            ),
        ]
        for k in self.sc.supply.kinds:
            out.append(
                num(
                    f"cargo.{k.id}",
                    self.t("order.cargo", kind=self.loc.text(k.name)),
                    0,
                    cap,
                    tip=self.t("order.cargo_tip"),
                )
            )
        out += [
            Field(
                "beach",
                "choice",
                self.t("order.beach"),
                [
                    (
                        self.t(
                            "order.beach_option",
                            beach=self.name(b),
                            tons=self.loc.num(self.capacity(b, bool(self.values.get("night")))),
                        ),
                        b.id,
                    )
                    for b in self.beaches()
                ],
                tip=self.t("order.beach_tip"),
            ),
            Field("night", "bool", self.t("order.night"), tip=self.t("order.night_tip")),
        ]
        esc = self.classes("escort")
        if esc:
            out.append(
                Field(
                    "escort_class",
                    "choice",
                    self.t("order.escort_class"),
                    [(f"{self.name(c)} ({self.free(c.id)})", c.id) for c in esc],
                )
            )
            out.append(
                num(
                    "escorts",
                    self.t("order.escorts"),
                    0,
                    self.free(self.values.get("escort_class")),
                )
            )
        if self.st.flags.get("us_escort"):
            out.append(
                Field(
                    "us_escort",
                    "bool",
                    self.t("order.us_escort"),
                    tip=self.t("order.us_escort_tip"),
                )
            )
        am = self.classes("amtrac")
        if am:
            out.append(
                num(
                    "amtracs",
                    self.t("order.amtracs"),
                    0,
                    self.free(am[0].id),
                    tip=self.t("order.amtracs_tip"),
                )
            )
        return out

    def order(self) -> Order | None:
        v = self.values
        if not v.get("ship_class") or not v.get("beach") or v.get("ships", 0) < 1:
            return None
        escorts = int(v.get("escorts", 0))
        return Convoy(
            ship_class=v["ship_class"],
            ships=int(v["ships"]),
            cargo=self.cargo(),
            beach=v["beach"],
            night=bool(v.get("night")),
            escort_class=(v.get("escort_class") or None) if escorts else None,
            escorts=escorts,
            us_escort=bool(v.get("us_escort")),
            amtracs=int(v.get("amtracs", 0)),
        )


class AirForm(OrderForm):
    kind = "air"

    def units(self) -> list[Any]:
        return [u for u in self.sc.air if u.side == self.side and u.role != "transport"]

    def cap(self) -> int:
        uid = self.values.get("air_unit")
        if uid not in self.st.aircraft:
            return 0
        return int(self.st.aircraft[uid] * self.sc.rule("sorties_per_aircraft"))

    def defaults(self) -> None:
        units = self.units()
        self.values["air_unit"] = units[0].id if units else ""
        self.values["sorties"] = max(1, self.cap() // 4)
        self.values["mission"] = "patrol"

    def fields(self) -> list[Field]:
        return [
            Field(
                "air_unit",
                "choice",
                self.t("order.air_unit"),
                [(f"{self.name(u)} ({int(self.st.aircraft[u.id])})", u.id) for u in self.units()],
            ),
            Field(
                "mission",
                "choice",
                self.t("order.mission"),
                [(self.t("order.patrol"), "patrol"), (self.t("order.recon"), "recon")],
                tip=self.t("order.mission_tip"),
            ),
            num("sorties", self.t("order.sorties"), 1, self.cap()),
        ]

    def order(self) -> Order | None:
        if not self.values.get("air_unit") or self.cap() < 1:
            return None
        return AirSortie(
            air_unit=self.values["air_unit"],
            sorties=int(self.values["sorties"]),
            mission=self.values.get("mission", "patrol"),
        )


class AirliftForm(AirForm):
    kind = "airlift"

    def units(self) -> list[Any]:
        return [u for u in self.sc.air if u.side == self.side and u.role == "transport"]

    def defaults(self) -> None:
        super().defaults()
        unit = next((u for u in self.units() if u.id == self.values["air_unit"]), None)
        kinds = self.sc.supply.kinds
        if unit and kinds:
            self.values[f"cargo.{kinds[0].id}"] = int(self.values["sorties"] * unit.cargo_t)
        self.values["land"] = False

    def fields(self) -> list[Field]:
        unit = next((u for u in self.units() if u.id == self.values.get("air_unit")), None)
        cap = int(self.values.get("sorties", 0) * (unit.cargo_t if unit else 0))
        out = [
            Field(
                "air_unit",
                "choice",
                self.t("order.air_unit"),
                [(f"{self.name(u)} ({int(self.st.aircraft[u.id])})", u.id) for u in self.units()],
            ),
            num("sorties", self.t("order.sorties"), 1, self.cap()),
        ]
        for k in self.sc.supply.kinds:
            out.append(
                num(
                    f"cargo.{k.id}",
                    self.t("order.cargo", kind=self.loc.text(k.name)),
                    0,
                    cap,
                )
            )
        out.append(Field("land", "bool", self.t("order.land"), tip=self.t("order.land_tip")))
        return out

    def order(self) -> Order | None:
        if not self.values.get("air_unit") or self.cap() < 1:
            return None
        return Airlift(
            air_unit=self.values["air_unit"],
            sorties=int(self.values["sorties"]),
            cargo=self.cargo(),
            land=bool(self.values.get("land")),
        )


class NavalForm(OrderForm):
    kind = "naval"

    def classes(self) -> list[Any]:
        return [
            c
            for c in self.sc.ships
            if c.side == self.side and c.role in ("torpedo_boat", "gunboat")
        ]

    def defaults(self) -> None:
        cl = self.classes()
        self.values["ship_class"] = cl[0].id if cl else ""
        self.values["boats"] = max(1, int(self.st.ships.get(self.values["ship_class"], 0)) // 2)

    def fields(self) -> list[Field]:
        return [
            Field(
                "ship_class",
                "choice",
                self.t("order.ship_class"),
                [(f"{self.name(c)} ({self.st.ships.get(c.id, 0)})", c.id) for c in self.classes()],
            ),
            num(
                "boats",
                self.t("order.boats"),
                1,
                int(self.st.ships.get(self.values.get("ship_class"), 0)),
                tip=self.t("order.boats_tip"),
            ),
        ]

    def order(self) -> Order | None:
        if not self.values.get("ship_class"):
            return None
        if int(self.st.ships.get(self.values["ship_class"], 0)) < 1:
            return None
        return NavalSortie(ship_class=self.values["ship_class"], boats=int(self.values["boats"]))


class MoveForm(OrderForm):
    kind = "move"

    def moves(self) -> list[Any]:
        return [m for m in self.sc.moves if m.side == self.side]

    def defaults(self) -> None:
        mv = self.moves()
        self.values["move"] = mv[0].id if mv else ""

    def fields(self) -> list[Field]:
        return [
            Field(
                "move", "choice", self.t("order.move"), [(self.name(m), m.id) for m in self.moves()]
            )
        ]

    def description(self) -> str:
        m = next((m for m in self.moves() if m.id == self.values.get("move")), None)
        return self.loc.text(m.text) if m else ""

    def order(self) -> Order | None:
        return MakeMove(move=self.values["move"]) if self.values.get("move") else None


FORMS: dict[str, type[OrderForm]] = {
    f.kind: f
    for f in (FireForm, CounterForm, ConvoyForm, AirForm, AirliftForm, NavalForm, MoveForm)
}


def form_for(session: Session, loc: Any, order: Order) -> OrderForm:
    """The form that edits an existing order."""
    if isinstance(order, Fire):
        try:
            session.sc.group(order.target)
            kind = "counter"
        except KeyError:
            kind = "fire"
    else:
        kind = {
            Convoy: "convoy",
            AirSortie: "air",
            Airlift: "airlift",
            NavalSortie: "naval",
            MakeMove: "move",
        }[type(order)]
    return FORMS[kind](session, loc, order)


def describe(session: Session, loc: Any, order: Order) -> str:
    """One line naming an order, in the interface language."""
    sc = session.sc
    n = loc.text
    if isinstance(order, Fire):
        try:
            tgt = n(sc.target(order.target).name)
            key = "desc.fire"
        except KeyError:
            tgt = n(sc.group(order.target).name)
            key = "desc.counter"
        return loc.t(
            key, group=n(sc.group(order.group).name), target=tgt, rounds=loc.num(order.rounds)
        )
    if isinstance(order, Convoy):
        return loc.t(
            "desc.convoy",
            ships=order.ships,
            cls=n(sc.ship_class(order.ship_class).name),
            tons=loc.num(sum(order.cargo.values())),
            beach=n(sc.target(order.beach).name),
            when=loc.t("order.night_short" if order.night else "order.day_short"),
        )
    if isinstance(order, Airlift):
        return loc.t(
            "desc.airlift",
            sorties=order.sorties,
            unit=n(sc.air_unit(order.air_unit).name),
            tons=loc.num(sum(order.cargo.values())),
        )
    if isinstance(order, AirSortie):
        return loc.t(
            "desc.air",
            sorties=order.sorties,
            unit=n(sc.air_unit(order.air_unit).name),
            mission=loc.t(f"order.{order.mission}"),
        )
    if isinstance(order, NavalSortie):
        return loc.t("desc.naval", boats=order.boats, cls=n(sc.ship_class(order.ship_class).name))
    if isinstance(order, MakeMove):
        return loc.t("desc.move", move=n(sc.move(order.move).name))
    return str(order)
