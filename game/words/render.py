"""One renderer for everything the engine says: `render(item, lang, sc) -> str`.

`item` is a report `Entry` or a refusal `Msg`: anything with a locale `key` and its figures
in `data` (an entry's `side` is a figure too). Figures that are ids become the scenario's
names in the language (`group`, `target`, `beach`, `unit`, `cls`, `move`, `event`,
`commander`, `ending`, `flag`, supply `kinds`), sides and winners become side names, a
variable (`var`, with `op` and `value`) becomes a phrase in the player's words; a few
sentences need a figure the engine keeps in parts (`cas`, `lost`, `n`), computed here. An id
the scenario lacks (an order typed by hand) is shown as given, quoted by the template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.legality import fire_target
from game.scenario.model import Scenario
from game.words.strings import Words, words

#: operators of a condition, as a player reads them
OPS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}


def _named(find: Callable[[Scenario, str], Any], attr: str = "name") -> Callable[..., str]:
    def word(sc: Scenario, w: Words, value: Any) -> str:
        try:
            obj = find(sc, value)
        except KeyError:
            obj = None
        return w.text(getattr(obj, attr)) if obj is not None else str(value)

    return word


def _first(items: Any, wanted: str | None) -> Any:
    return next((x for x in items if x.id == wanted), None)


def _found(obj: Any) -> Any:
    if obj is None:
        raise KeyError
    return obj


#: figure name -> its words (an id of the scenario -> the thing's name)
IDS: dict[str, Callable[[Scenario, Words, Any], str]] = {
    "group": _named(lambda sc, v: sc.group(v)),
    "target": _named(lambda sc, v: _found(fire_target(sc, v))),
    "beach": _named(lambda sc, v: sc.target(v)),
    "unit": _named(lambda sc, v: sc.air_unit(v)),
    "cls": _named(lambda sc, v: sc.ship_class(v)),
    "move": _named(lambda sc, v: sc.move(v)),
    #: a move of the side's own still in force that another would undo (`planning.undoes_own`)
    "decision": _named(lambda sc, v: sc.move(v)),
    "event": _named(lambda sc, v: _found(_first(sc.events, v)), "title"),
    "commander": _named(lambda sc, v: _found(_first(sc.commanders, v))),
    "ending": _named(lambda sc, v: _found(_first(sc.victory.endings, v))),
    "flag": _named(lambda sc, v: _found(_first(sc.flags, v))),
}

#: what the `id` figure of an entry names, by the entry's key family
ID_OF = {
    "entry.event": "event",
    "entry.in_history": "event",
    "entry.move": "move",
    "entry.commander": "commander",
}


def _family(key: str) -> str:
    return ".".join(key.split(".")[:2])


def _num(x: Any) -> str:
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, float) and x.is_integer():
        return f"{int(x):,}"
    if isinstance(x, float):
        return f"{x:,.1f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def variable(name: str, w: Words, sc: Scenario) -> str:
    """A state variable (`us_commitment`, `morale.roc`, `flag.us_escort`) in player words."""
    if w.has(f"var.{name}"):
        return w.t(f"var.{name}")
    head, _, rest = name.partition(".")
    if head == "flag":
        return IDS["flag"](sc, w, rest)
    if head == "morale":
        return w.t("var.morale_of", side=w.side(rest))
    if head in ("supply", "supply_days") and rest:
        kind = _first(sc.supply.kinds, rest)
        return w.t(f"var.{head}_of", kind=w.text(kind.name) if kind else rest)
    if head == "integrity":
        return w.t("var.integrity_of", target=IDS["target"](sc, w, rest))
    if head == "guns":
        return w.t("var.guns_of", group=IDS["group"](sc, w, rest))
    return name


def condition(var: str, op: str, value: Any, w: Words, sc: Scenario) -> str:
    """`us_commitment >= 60` as "US commitment ≥ 60"; a flag as "... in force" or "not"."""
    what = variable(var, w, sc)
    if isinstance(value, bool):
        on = value if op == "==" else not value
        return w.t("words.condition_on" if on else "words.condition_off", var=what)
    return w.t("words.condition", var=what, op=OPS.get(op, op), value=_num(value))


def fields(item: Any, w: Words, sc: Scenario) -> dict[str, Any]:
    """The template's fields for `item`: its figures with ids and sides put into words."""
    data: dict[str, Any] = dict(item.data)
    side = getattr(item, "side", None)
    if side is not None:
        data.setdefault("side", side)
    key = item.key
    family = _family(key)
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == "id" and family in ID_OF:
            out[ID_OF[family]] = IDS[ID_OF[family]](sc, w, value)
        elif name in IDS:
            out[name] = IDS[name](sc, w, value) if value is not None else ""
        elif name == "side":
            out[name] = w.side(value)
        elif name == "winner":
            out[name] = w.t(f"winner.{value}")
        elif name == "kinds":
            names = {k.id: w.text(k.name) for k in sc.supply.kinds}
            out[name] = w.join([names.get(k, k) for k in value])
        elif name in ("var", "op", "value"):
            continue
        else:
            out[name] = value
    if "var" in data:
        out["condition"] = condition(data["var"], data.get("op", "=="), data.get("value"), w, sc)
        if "now" in data:  # the figure today, as the side sees it (`planning.with_now`)
            out["now"] = _num(data["now"])
    extra = DERIVED.get(family)
    if extra is not None:
        out.update(extra(data, w, sc))
    return out


def _commander(d: dict[str, Any], w: Words, sc: Scenario) -> dict[str, Any]:
    c = _first(sc.commanders, d.get("id"))
    return {"role": w.text(c.role) if c is not None else ""}


#: figures a sentence needs that the engine keeps in parts
DERIVED: dict[str, Callable[[dict[str, Any], Words, Scenario], dict[str, Any]]] = {
    "entry.fire": lambda d, w, sc: {"cas": int(d["military"] + d["civilian"])},
    "entry.convoy": lambda d, w, sc: {"lost_ships": d["sunk_at_sea"] + d["sunk_at_beach"]},
    "entry.recon": lambda d, w, sc: {"n": len(d.get("spotted", ()))},
    "entry.commander": _commander,
    "entry.opening": lambda d, w, sc: {"clock": clock(d["hour"])},
}


def clock(hour: float) -> str:
    """An order's hour (17.5) as a time of day (17:30)."""
    minutes = round(hour * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def render(item: Any, lang: str, sc: Scenario) -> str:
    """`item` (a report `Entry` or a refusal `Msg`) as a sentence in `lang`."""
    w = words(lang)
    return w.t(item.key, **fields(item, w, sc))


__all__ = ["OPS", "clock", "condition", "fields", "render", "variable"]
