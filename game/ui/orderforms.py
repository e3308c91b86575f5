"""The order forms of the game screen: one per order kind, built from a list of fields.

A form keeps its values in a dict, shows them as pygame_gui widgets (drop-downs, sliders,
check boxes) and turns them into an engine `Order`. Sensible defaults make every form usable
with one key press (F, B, C, ... then Enter), which the scripted UI test relies on.
"""

from __future__ import annotations

from typing import Any

from game.engine.capacity import beach_capacity, fire_capacity, sortie_limit
from game.engine.legality import check_order, fire_distance, group_available
from game.engine.surprise import at_meal
from game.history.encyclopedia import fact_text, find
from game.scenario.model import other
from game.scenario.orders import (
    LAST_HOUR,
    Airlift,
    AirSortie,
    Convoy,
    Fire,
    MakeMove,
    NavalSortie,
    Order,
)
from game.ui.formbase import HOTKEYS, KINDS, Field, OrderForm, num
from game.ui.planning import batteries_in_reach, plan_caps, split_rounds
from game.ui.session import Session
from game.words.render import clock

__all__ = ["FORMS", "HOTKEYS", "KINDS", "Field", "OrderForm", "describe", "form_for", "num"]


class FireForm(OrderForm):
    kind = "fire"
    counter = False

    def groups(self) -> list[Any]:
        """Our batteries that can fire today: arrived, with guns, something in range and
        rounds left after today's other orders."""
        return [
            g
            for g in self.sc.artillery
            if g.side == self.side
            and group_available(self.sc, self.st, g)
            and self.st.groups[g.id].guns > 0
            and self.cap(g) > 0
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
        """Rounds `g` may still fire today: the most the engine accepts after today's other
        orders (the guns' capacity, the battery's own dump or the side's ammunition, whichever
        runs out first), found by asking the engine's check itself. A declared halt is left
        out: the break-halt box answers it, and its refusal says so."""
        if g is None:
            return 0
        memo = self.memo()
        key = ("rounds", g.id)
        if key not in memo:
            memo[key] = self._rounds_left(g)
        return int(memo[key])

    def _rounds_left(self, g: Any) -> int:
        targets = self.targets(g)
        if not targets:
            return 0
        earlier = self.earlier()

        def legal(n: int) -> bool:
            fire = Fire(group=g.id, target=targets[0][1], rounds=n, break_halt=True)
            return check_order(self.sc, self.st, self.side, fire, earlier) is None

        gs = self.st.groups[g.id]
        lo, hi = 0, fire_capacity(g, gs.guns, gs.suppressed) - self.used().rounds.get(g.id, 0)
        if hi > 0 and legal(hi):
            return hi
        while hi - lo > 1:  # legal(lo) holds (0 rounds: nothing asked), legal(hi) does not
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if legal(mid) else (lo, mid)
        return lo

    def defaults(self) -> None:
        groups = self.groups()
        g = groups[0] if groups else None
        self.values["group"] = g.id if g else ""
        self.values["rounds"] = max(1, self.cap(g) // 2)
        self.values["break_halt"] = False
        self.values["together"] = False
        self.values["hour"] = ""

    def load(self, order: Order) -> None:
        super().load(order)
        self.values["together"] = False
        self.values["hour"] = _hour_id(order.hour if isinstance(order, Fire) else None)

    def hour(self) -> float | None:
        """The chosen hour (None: no set hour, so no surprise)."""
        v = self.values.get("hour")
        return float(v) if v else None

    def hours(self) -> list[tuple[str, str]]:
        """No set hour, then every whole and half hour, the meal hours marked."""
        out = [(self.t("order.hour_none"), "")]
        for n in range(int(LAST_HOUR * 2) + 1):
            h = n / 2
            text = clock(h)
            if at_meal(self.sc, h):
                text = self.t("order.hour_meal", clock=text)
            out.append((text, _hour_id(h)))
        return out

    def together(self) -> list[str]:
        """With "every battery in reach" on (a new order only): the side's batteries that
        reach the target and have rounds left, the chosen one first; else none."""
        target = self.values.get("target")
        if self.editing is not None or not self.values.get("together") or not target:
            return []
        memo = self.memo()
        key = ("together", target, self.values.get("group"))
        if key not in memo:
            reach = batteries_in_reach(self.sc, self.st, self.side, target)
            first = [gid for gid in reach if gid == self.values.get("group")]
            memo[key] = first + [gid for gid in reach if gid not in first]
        return list(memo[key])

    def plan_caps(self) -> list[int]:
        """Rounds each battery of the plan may fire (the earlier ones firing their most)."""
        groups = self.together()
        memo = self.memo()
        key = ("plan_caps", tuple(groups), self.values.get("target"))
        if key not in memo:
            memo[key] = plan_caps(
                self.sc,
                self.st,
                self.side,
                groups,
                self.values.get("target", ""),
                self.earlier(),
                bool(self.values.get("break_halt")),
            )
        return list(memo[key])

    def rounds_cap(self) -> int:
        """The rounds slider's end: the chosen battery's, or the whole plan's."""
        if self.together():
            return sum(self.plan_caps())
        return self.cap(self.group())

    def orders(self) -> list[Order]:
        groups = self.together()
        if not groups:
            return super().orders()
        shares = split_rounds(int(self.values.get("rounds", 0)), self.plan_caps())
        return [
            Fire(
                group=gid,
                target=self.values["target"],
                rounds=n,
                break_halt=bool(self.values.get("break_halt")),
                hour=self.hour(),
            )
            for gid, n in zip(groups, shares, strict=True)
            if n > 0
        ]

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
        ]
        if self.editing is None:
            n = len(batteries_in_reach(self.sc, self.st, self.side, self.values.get("target", "")))
            out.append(
                Field(
                    "together",
                    "bool",
                    self.t("order.together", n=n),
                    tip=self.t("order.together_tip"),
                )
            )
        out.append(
            num(
                "rounds",
                self.t("order.rounds_plan" if self.together() else "order.rounds"),
                1,
                max(1, self.rounds_cap()),
                tip=self.t("order.rounds_tip"),
            )
        )
        out.append(
            Field(
                "hour", "choice", self.t("order.hour"), self.hours(), tip=self.t("order.hour_tip")
            )
        )
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
            hour=self.hour(),
        )


def _hour_id(hour: float | None) -> str:
    """An hour as the id of its choice ("" for none, "17.5" for 17:30)."""
    return "" if hour is None else f"{hour:g}"


class CounterForm(FireForm):
    kind = "counter"
    counter = True


class ConvoyForm(OrderForm):
    kind = "convoy"

    def classes(self, role: str) -> list[Any]:
        return [c for c in self.sc.ships if c.side == self.side and c.role == role]

    def beaches(self) -> list[Any]:
        return [t for t in self.sc.targets if t.side == self.side and t.kind in ("pier", "beach")]

    def capacity(self, beach: Any, night: bool) -> int:
        """Tons `beach` can still unload today (night or day run): as damaged as it is now,
        less the cargo today's other convoys bring to it."""
        left = beach_capacity(beach, night, float(self.st.integrity.get(beach.id, 100.0)))
        for o in self.session.orders():
            if isinstance(o, Convoy) and o.beach == beach.id and o is not self.editing:
                left -= sum(o.cargo.values())
        return max(0, int(left))

    def defaults(self) -> None:
        # the first class with ships free (today's other convoys may have taken a class's)
        tr = self.classes("transport")
        esc = self.classes("escort")
        cls = next((c for c in tr if self.free(c.id) > 0), tr[0] if tr else None)
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
            # shared out in whole tons, the odd tons to the first kind (an even split of a
            # few tons would round every kind to 0 and load nothing)
            each = int(tons) // len(kinds)
            for k in kinds:
                self.values[f"cargo.{k.id}"] = each
            self.values[f"cargo.{kinds[0].id}"] = int(tons) - each * (len(kinds) - 1)
        e = next((c for c in esc if self.free(c.id) > 0), esc[0] if esc else None)
        self.values["escort_class"] = e.id if e else ""
        self.values["escorts"] = min(2, self.free(e.id)) if e else 0
        self.values["us_escort"] = False
        self.values["amtracs"] = 0

    def cargo_room(self) -> float | None:
        cls_id = self.values.get("ship_class")
        cls = next((c for c in self.classes("transport") if c.id == cls_id), None)
        return int(self.values.get("ships", 0)) * cls.cargo_t if cls else None

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
        if self.free(v["ship_class"]) < 1:
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

    def cap(self, uid: str | None = None) -> int:
        """Sorties unit `uid` (default: the chosen one) may still fly today, after today's
        other sorties and airlifts by it."""
        uid = uid or self.values.get("air_unit")
        if uid not in self.st.aircraft:
            return 0
        unit = self.sc.air_unit(uid)
        left = sortie_limit(self.sc, unit, self.st.aircraft[uid]) - self.used().sorties.get(uid, 0)
        return max(0, left)

    def missions(self) -> list[tuple[str, str]]:
        """The missions the chosen unit can fly: patrols are for fighters only."""
        unit = next((u for u in self.units() if u.id == self.values.get("air_unit")), None)
        kinds = ["patrol", "recon"] if unit is None or unit.role == "fighter" else ["recon"]
        return [(self.t(f"order.{k}"), k) for k in kinds]

    def defaults(self) -> None:
        units = self.units()
        unit = next((u for u in units if self.cap(u.id) > 0), units[0] if units else None)
        self.values["air_unit"] = unit.id if unit else ""
        self.values["sorties"] = max(1, self.cap() // 4)
        self.values["mission"] = self.missions()[0][1]

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
                self.missions(),
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

    def cargo_room(self) -> float | None:
        unit = next((u for u in self.units() if u.id == self.values.get("air_unit")), None)
        return int(self.values.get("sorties", 0)) * unit.cargo_t if unit else None

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
        c = next((c for c in cl if self.free(c.id) > 0), cl[0] if cl else None)
        self.values["ship_class"] = c.id if c else ""
        self.values["boats"] = max(1, self.free(self.values["ship_class"]) // 2)

    def fields(self) -> list[Field]:
        return [
            Field(
                "ship_class",
                "choice",
                self.t("order.ship_class"),
                [(f"{self.name(c)} ({self.free(c.id)})", c.id) for c in self.classes()],
            ),
            num(
                "boats",
                self.t("order.boats"),
                1,
                self.free(self.values.get("ship_class")),
                tip=self.t("order.boats_tip"),
            ),
        ]

    def order(self) -> Order | None:
        if not self.values.get("ship_class"):
            return None
        if self.free(self.values["ship_class"]) < 1:
            return None
        return NavalSortie(ship_class=self.values["ship_class"], boats=int(self.values["boats"]))


#: the encyclopedia's lines about a move that the order form repeats: its terms and effects
_TERMS = ("cyclo.requires", "cyclo.effects", "cyclo.once")


class MoveForm(OrderForm):
    kind = "move"

    def moves(self) -> list[Any]:
        return [m for m in self.sc.moves if m.side == self.side]

    def defaults(self) -> None:
        """The first move the side can make today (the list's first may be made already
        or wait on a condition: opening on a refusal would look like a broken form)."""
        mv = self.moves()
        possible = [m for m in mv if self.session.check(MakeMove(move=m.id)) is None]
        self.values["move"] = (possible or mv)[0].id if mv else ""

    def fields(self) -> list[Field]:
        return [
            Field(
                "move", "choice", self.t("order.move"), [(self.name(m), m.id) for m in self.moves()]
            )
        ]

    def description(self) -> str:
        """The move's text, then what it needs and does (the encyclopedia's lines): the
        preview below says a move's effects are certain and listed here, so they must be."""
        m = next((m for m in self.moves() if m.id == self.values.get("move")), None)
        if m is None:
            return ""
        lines = [self.loc.text(m.text)]
        article = find(self.sc, f"move.{m.id}")
        if article is not None:
            lines += [fact_text(f, self.loc, self.sc) for f in article.facts if f.key in _TERMS]
        return "\n".join(lines)

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
        line = loc.t(
            key, group=n(sc.group(order.group).name), target=tgt, rounds=loc.num(order.rounds)
        )
        if order.hour is None:
            return line
        return loc.t("desc.at_hour", order=line, clock=clock(order.hour))
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
