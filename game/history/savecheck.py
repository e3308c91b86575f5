"""Checks of a save file's untrusted content: its JSON numbers and keys, and its orders.

A save is untrusted input. Its JSON is parsed with the hooks below (no NaN or infinity, no
duplicate key); `order_from_dict` checks an order's type and keys, and `order_problem` also
checks each value against the order's field types, so the rules never meet a string where
they count rounds. `game.history.saves` is the user; kept apart to keep that module short.
"""

from __future__ import annotations

import hashlib
import json
import math
import types
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from game.scenario.orders import ORDER_TYPES


def canonical(data: Any) -> bytes:
    """The canonical JSON the checksum covers: sorted keys, no spaces, ASCII, no NaN."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def checksum(body: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def finite(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise ValueError(f"number out of range: {text[:20]}")
    return x


def no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not allowed in a save")


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k[:40]!r}")
        out[k] = v
    return out


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def order_problem(data: Any) -> str | None:
    """Why `data` is not the dict of a well-typed order, or None.

    `order_from_dict` checks the type and the keys; this also checks each value against the
    order's field types, so the rules never meet a string where they count rounds.
    """
    if not isinstance(data, dict):
        return "is not an order object"
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in ORDER_TYPES:
        return f"has unknown order type {_short(kind)}"
    names, spec = _order_spec(ORDER_TYPES[kind])
    for name, hint, required in spec:
        if name not in data:
            if required:
                return f"({kind}) is missing '{name}'"
            continue
        if not _value_fits(data[name], hint):
            return f"({kind}) has a bad value for '{name}': {_short(data[name], 40)}"
    if len(data) > len(names) or not names.issuperset(data):
        unknown = sorted(set(data) - names)
        return f"({kind}) has unknown keys {_short(unknown, 60)}"
    return None


_SPECS: dict[type, tuple[frozenset[str], tuple[tuple[str, Any, bool], ...]]] = {}


def _order_spec(cls: type) -> tuple[frozenset[str], tuple[tuple[str, Any, bool], ...]]:
    """The keys an order's dict may have, and each field's (name, type, required)."""
    if cls not in _SPECS:
        hints = get_type_hints(cls)
        spec = tuple(
            (f.name, hints[f.name], f.default is MISSING and f.default_factory is MISSING)
            for f in fields(cls)
        )
        _SPECS[cls] = (frozenset({"type", *(name for name, _, _ in spec)}), spec)
    return _SPECS[cls]


def _value_fits(value: Any, hint: Any) -> bool:
    check = _SIMPLE.get(hint)
    if check is not None:
        return check(value)
    origin = get_origin(hint)
    args = get_args(hint)
    if origin in (Union, types.UnionType):
        return any(_value_fits(value, a) for a in args)
    if origin is Literal:
        return any(type(value) is type(a) and value == a for a in args)
    if origin is dict:
        return isinstance(value, dict) and all(
            _value_fits(k, args[0]) and _value_fits(v, args[1]) for k, v in value.items()
        )
    if origin is list:
        return isinstance(value, list) and all(_value_fits(v, args[0]) for v in value)
    return False


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


_SIMPLE: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: isinstance(v, str),
    bool: lambda v: isinstance(v, bool),
    int: _is_int,
    float: lambda v: (_is_int(v) or isinstance(v, float)) and math.isfinite(v),
    type(None): lambda v: v is None,
    Any: lambda v: True,
}


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
