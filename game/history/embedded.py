"""The scenario a save was played with, carried inside the save (format 3).

A save names its scenario by id and rules hash, so an edit of the shipped scenario (a number,
a unit's guns) or a mod whose base changed used to make its saves refuse to load. Since format
3 a save carries its own copy: the scenario as the game read it (after `extends:`, `scale:`
and the rule defaults), written out from the `Scenario` as a plain YAML tree, compressed
with zlib and base64-encoded into the JSON. Loading reads that copy back through the same
loader and validator as any scenario file (`read_scenario_bytes`): the copy is untrusted
input, bounded before it is unpacked, validated, and never executed.

The written-out tree is the merged content in the format's own spelling, so a copy can also be
saved to a `.yaml` file and loaded as a scenario (`unpack` gives its bytes).

Bounds, checked before anything is unpacked: the unpacked text is at most `MAX_UNPACKED`
bytes (the scenario loader's own file limit), its declared size at most `MAX_RATIO` times the
compressed size, and zlib is asked for at most the declared size plus one byte, so a
"zip bomb" costs at most `MAX_UNPACKED` bytes and the time to inflate them.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import zlib
from typing import Any

import yaml

from game.engine.state import new_game, new_named_record, rules_sha256
from game.scenario.catalogue import LATE_TOTALS
from game.scenario.loader import read_scenario_bytes
from game.scenario.memo import per_scenario
from game.scenario.model import SIDES, Scenario
from game.scenario.orders import Order
from game.scenario.yamlsafe import MAX_BYTES

#: the largest unpacked scenario a save may carry: the same limit as a scenario file
MAX_UNPACKED = MAX_BYTES
#: the largest unpacked/packed ratio accepted (scenario YAML packs about 8:1; zlib's own
#: limit is about 1000:1, which only a crafted stream reaches)
MAX_RATIO = 64
#: the only encoding written and read
ENCODING = "yaml+zlib+base64"

try:  # libyaml's emitter when PyYAML has it: ~10x faster; the output is the same YAML
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Dumper = yaml.SafeDumper


class EmbedError(ValueError):
    """An embedded scenario that cannot be unpacked or read; `kind` as in `SaveError`."""

    def __init__(self, reason: str, kind: str = "malformed") -> None:
        super().__init__(reason)
        self.kind = kind


# -- writing ------------------------------------------------------------------------------------


def scenario_tree(value: Any) -> Any:
    """A scenario (or any part of it) as the plain tree a scenario file spells it.

    Every field is written, defaults and None included, so the copy does not depend on the
    defaults of a later version of the game. Field names follow the schema's YAML spelling
    (`spec(key=...)`); fields the loader fills (`file`, `sha256`) are left out.
    """
    if isinstance(value, Order):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            key = f.metadata.get("key") or f.name
            if key.startswith("\x00"):
                continue
            out[key] = scenario_tree(getattr(value, f.name))
        return out
    if isinstance(value, dict):
        return {str(k): scenario_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scenario_tree(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def scenario_text(sc: Scenario) -> bytes:
    """The scenario written out as YAML (UTF-8), loadable as a scenario file."""
    text = yaml.dump(
        scenario_tree(sc),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return text.encode("utf-8")


def pack(sc: Scenario) -> dict[str, Any]:
    """`body.scenario.content` of a format-3 save. Computed once per scenario object, since
    every autosave writes it."""
    return dict(_packed(sc))


@per_scenario
def _packed(sc: Scenario) -> dict[str, Any]:
    raw = scenario_text(sc)
    return {
        "encoding": ENCODING,
        "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "data": base64.b64encode(zlib.compress(raw, 9)).decode("ascii"),
    }


# -- reading ------------------------------------------------------------------------------------


def unpack(content: Any) -> bytes:
    """The embedded scenario's YAML bytes; `EmbedError` for anything else.

    Every bound is checked before zlib runs, and zlib is never asked for more than the
    declared size plus one byte.
    """
    if not isinstance(content, dict):
        raise EmbedError("body.scenario.content should be an object")
    if content.get("encoding") != ENCODING:
        raise EmbedError(f"body.scenario.content.encoding should be {ENCODING!r}")
    size, digest, data = content.get("size"), content.get("sha256"), content.get("data")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise EmbedError("body.scenario.content.size should be a positive integer")
    if not isinstance(digest, str) or not isinstance(data, str):
        raise EmbedError("body.scenario.content needs 'sha256' and 'data' strings")
    if size > MAX_UNPACKED:
        raise EmbedError(
            f"the embedded scenario would unpack to {size:,} bytes, more than the "
            f"{MAX_UNPACKED:,} a scenario may have",
            "too_large",
        )
    if len(data) > 2 * MAX_UNPACKED:  # base64 of more than the limit packs: not a scenario
        raise EmbedError("the embedded scenario's packed data is too long", "too_large")
    try:
        packed = base64.b64decode(data.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise EmbedError("the embedded scenario is not valid base64") from None
    if size > MAX_RATIO * max(len(packed), 1):
        raise EmbedError(
            f"the embedded scenario claims {size:,} bytes from {len(packed):,} packed, "
            f"a ratio over {MAX_RATIO}:1",
            "too_large",
        )
    inflate = zlib.decompressobj()
    try:
        raw = inflate.decompress(packed, size + 1)
    except zlib.error as exc:
        raise EmbedError(f"the embedded scenario is not valid zlib data ({exc})") from None
    if len(raw) > size:
        raise EmbedError(
            f"the embedded scenario unpacks to more than its declared {size:,} bytes",
            "too_large",
        )
    if not inflate.eof or inflate.unconsumed_tail or inflate.unused_data or len(raw) != size:
        raise EmbedError(
            f"the embedded scenario's zlib data is cut short or followed by other data "
            f"({len(raw):,} of {size:,} bytes)"
        )
    if hashlib.sha256(raw).hexdigest() != digest:
        raise EmbedError("the embedded scenario does not match its sha256")
    return raw


def read_embedded(raw: bytes, name: str, rules: str) -> Scenario:
    """The embedded scenario (`unpack`ed bytes), parsed and validated like any scenario file,
    and checked to be the one the save's states were played with (`rules`, its rules hash)."""
    try:
        # warnings=False: loading to play, as `load_scenario` does (no warning can refuse a
        # file, and the validator-only errors must not refuse a save made before them);
        # sources=False: the copy travels without the mod's source texts (its quotes were
        # checked against them when the game began), and the rules never read them
        sc, problems = read_scenario_bytes(
            raw, name, use_cache=False, warnings=False, sources=False
        )
    except RecursionError:
        raise EmbedError("the embedded scenario is nested too deeply") from None
    if sc is None:
        first = str(problems[0]) if problems else "no scenario"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise EmbedError(f"the embedded scenario is not a valid scenario: {first}{more}")
    if rules_sha256(sc) != rules:
        raise EmbedError("the embedded scenario is not the one the save's rules hash names")
    try:
        new_game(sc, 1)  # a validated scenario always starts; cheap proof it does
    except Exception as exc:  # noqa: BLE001 - untrusted content may break any rule code
        raise EmbedError(f"the embedded scenario cannot start a game ({exc})") from None
    return sc


# -- the stored state ---------------------------------------------------------------------------


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return _is_int(v) or (isinstance(v, float) and v == v and abs(v) != float("inf"))


def _fits(value: Any, like: Any) -> bool:
    """`value` has the type the template value `like` has (any number where a float is)."""
    if isinstance(like, bool):
        return isinstance(value, bool)
    if _is_int(like):
        return _is_int(value)
    if isinstance(like, float):
        return _is_num(value)
    if isinstance(like, str):
        return isinstance(value, str)
    return False


def state_problem(data: Any, sc: Scenario, seed: int, day: int) -> str | None:
    """Why `data` is not a state of `sc` on `day` that the rules can play on from, or None.

    A save that no longer replays (the engine's rules changed) goes on from its stored state,
    so that state is checked here against the scenario's shape: the same keys as a new game's
    state, the same ids in every table, numbers where numbers are, known ids in the lists.
    The hash check against `final.hash` is the caller's.
    """
    if not isinstance(data, dict):
        return "is not an object"
    like = new_game(sc, seed).to_dict()
    # a total or table added after a save was written is absent from its states (it was 0 or
    # empty then): the late totals and the named ships are optional
    like["totals"] = {**like["totals"], **dict.fromkeys(LATE_TOTALS, 0.0)}
    like["named_ships"] = {n.id: new_named_record() for c in sc.ships for n in c.named_ships}
    # the last day each side came under fire: absent until a side is fired on, and from saves
    # written before fire had an hour
    like["under_fire"] = dict.fromkeys(SIDES, 0)
    optional = {"named_ships", "under_fire"}
    if set(data) - optional != set(like) - optional:
        return f"has keys {sorted(map(str, data))[:40]}, not a state's"
    for key in ("scenario_id", "scenario_sha256", "seed"):
        if data[key] != like[key] or type(data[key]) is not type(like[key]):
            return f"has {key} {str(data[key])[:70]!r}, not {like[key]!r}"
    if not _is_int(data["day"]) or data["day"] != day:
        return f"is not the state of day {day}"
    for key in ("rng", "halt_days"):
        if not _is_int(data[key]) or data[key] < 0:
            return f"has a bad {key}"
    for key in ("tension", "us_commitment"):
        if not _is_num(data[key]):
            return f"has a bad {key}"
    for key, template in like.items():
        if not isinstance(template, dict) or key not in data:
            continue
        table = data[key]
        may_lack = set(LATE_TOTALS) if key == "totals" else set(template)
        if key in ("named_ships", "under_fire"):
            may_lack = set(template)
        if not isinstance(table, dict) or not (
            set(template) - may_lack <= set(table) <= set(template)
        ):
            return f"has {key} for other ids than the scenario's"
        for k, v in table.items():
            want = template[k]
            if isinstance(want, dict):
                if not isinstance(v, dict) or set(v) != set(want):
                    return f"has a bad {key}.{k}"
                if not all(_fits(v[f], want[f]) for f in want):
                    return f"has a bad value in {key}.{k}"
            elif key == "flags":
                if not (isinstance(v, bool) or _is_num(v)):
                    return f"has a bad value for flags.{k}"
            elif not _fits(v, want):
                return f"has a bad value for {key}.{k}"
    if any(v not in ("ok", "wounded", "killed") for v in data["commanders"].values()):
        return "has a commander who is neither ok, wounded nor killed"
    ships = {s.id for s in sc.ships}
    away = data["ships_away"]
    if not isinstance(away, list) or not all(
        isinstance(x, list)
        and len(x) == 3
        and _is_int(x[0])
        and isinstance(x[1], str)
        and x[1] in ships
        and _is_int(x[2])
        and x[2] >= 0
        for x in away
    ):
        return "has a bad ships_away list"
    for key, known in (("events_fired", sc.events), ("moves_made", sc.moves)):
        ids = {e.id for e in known}
        if not isinstance(data[key], list) or not all(
            isinstance(x, str) and x in ids for x in data[key]
        ):
            return f"has {key} the scenario does not know"
    endings = {e.id for e in sc.victory.endings}
    ending = data["ending"]
    if ending is not None and (not isinstance(ending, str) or ending not in endings):
        return "has an ending the scenario does not know"
    if data["winner"] is not None and data["winner"] not in ("prc", "roc", "none", "draw"):
        return "has an unknown winner"
    if data["score"] is not None and not _is_num(data["score"]):
        return "has a bad score"
    return None
