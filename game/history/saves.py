"""Save files: a versioned JSON document with a checksum, written atomically.

A save holds the game's record (scenario id and rules hash, seed, both sides' orders for
every turn), snapshots of the state every few turns and the final state's hash, all inside a
`body` whose canonical JSON is covered by a SHA-256 checksum. The format is documented in
docs/save-format.md; this module is its only reader and writer.

Loading never trusts the file: for any bytes at all it returns a `Game` that reproduces the
saved final state, or raises `SaveError(path, reason)`, never another exception. Writes are
atomic (temporary file, fsync, replace): a crash or a full disk leaves the old save intact.

Version 1 files named their scenario by the SHA-256 of its file's bytes, and their states
carried it, so any edit to the file broke them; version 2 names it by `rules_sha256`, what
the rules read. A version 1 file is migrated in memory: replayed, checked against its own
hashes (`legacy_state_hash`), and from then on a version 2 game.

Version 3 also carries the scenario the game was played with (compressed, bounded, read back
through the validator: `game.history.embedded`) and the final state itself. So a save outlives
both an edit of the scenario (it goes on with its own copy) and a change of the engine's rules
(its orders no longer replay to its states: it goes on from the saved state); `Game.notices`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Literal

import game as _game_pkg
from game.engine.legality import IllegalOrders, today
from game.engine.state import State, rules_sha256, state_hash
from game.history import embedded
from game.history.game import SNAPSHOT_EVERY, Game, GameRecord, LoadNotice, plain
from game.history.record import followed_body, read_followed
from game.history.savecheck import (
    _clip,
    canonical,
    checksum,
    finite,
    no_constant,
    no_duplicates,
    order_problem,
)
from game.paths import DATA_DIR_ENV, saves_dir
from game.paths import user_data_dir as data_dir
from game.safeio import ReadRefused, confined, read_regular, safe_file_stem, terminal_safe
from game.safeio import clean_partial_writes as _clean_partial_writes
from game.scenario.model import SIDES, Scenario

FORMAT = "kinmen-1958-save"
#: the version this code writes; it reads every version up to this one
VERSION = 3

#: what `Game.notices` says (in English; the UI words its own from the notice's kind)
FORMAT_NOTICE = (
    "This save was written in an older save format (version {version}); it was converted "
    "on loading and is saved in the current format next time"
)
SCENARIO_NOTICE = (
    "This game was saved with an older version of {title}; it goes on with the scenario as "
    "it was when the game began"
)
RULES_NOTICE = (
    "This game was saved with an older version of the rules; it continues from the saved "
    "day, but its earlier days cannot be replayed exactly"
)
#: autosaves kept by `autosave`
AUTOSAVE_KEEP = 3
#: refuse to read anything larger: a real save of the 1958 campaign is well under 1 MB
MAX_SAVE_BYTES = 64 * 1024 * 1024

_AUTOSAVE_RE = re.compile(r"^autosave-(\d{1,9})\.json$")

#: every `SaveError.kind`
ERROR_KINDS = frozenset(
    {
        "missing",
        "unreadable",
        "empty",
        "too_large",
        "truncated",
        "corrupt",
        "not_a_save",
        "newer_version",
        "bad_version",
        "checksum",
        "malformed",
        "wrong_scenario",
        "scenario_changed",
        "replay",
        "write_failed",
    }
)


class SaveError(Exception):
    """A save that cannot be loaded (or written): the file and the reason, in one line.

    `kind` is one of `ERROR_KINDS`, for a UI that words its own message.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, kind: str = "corrupt") -> None:
        self.path = os.fspath(path)
        self.reason = " ".join(str(reason).split())
        self.kind = kind
        # escaped: the path and the reason (a value quoted from the file) go to a terminal
        super().__init__(terminal_safe(f"{self.path}: {self.reason}"))


# -- where saves live (the folders themselves: `game.paths`) ------------------------------------


def default_save_path(game: Game) -> Path:
    """`<scenario id>-<seed>-day<NNN>.json` in the saves folder, checked to stay inside it (the
    id is made a safe file name: validation restricts ids, but a Scenario can be built in code)."""
    return confined(saves_dir(), save_name(game.scenario.id, game.day, game.seed))


def save_name(scenario_id: str, day: int, seed: int | None = None) -> str:
    """A manual save's file name: a plain name (ASCII letters, digits, `_`, `-`), never a path,
    whatever the id holds; with the campaign's seed, so one day of two games keeps both."""
    campaign = "" if seed is None else f"-{int(seed)}"
    return f"{safe_file_stem(scenario_id, fallback='scenario')}{campaign}-day{int(day):03d}.json"


def clean_partial_writes(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove the temporary files of saves that a killed process never finished (older than
    an hour, so a save under way in another process is left alone); called at start."""
    return _clean_partial_writes(Path(directory) if directory is not None else saves_dir())


# -- writing -----------------------------------------------------------------------------------


def save_document(game: Game) -> dict[str, Any]:
    """The save as a JSON-ready dict (format, version, body, checksum)."""
    st = game.state
    title = game.scenario.meta.title
    body = {
        "game_version": _game_pkg.__version__,
        "scenario": {
            "id": game.record.scenario_id,
            "rules_sha256": game.record.rules_sha256,
            "title": {"en": title.en, "zh": title.zh},
        },
        "seed": game.record.seed,
        "final": {
            "day": game.day,
            "date": today(game.scenario, st).isoformat(),
            "hash": state_hash(st),
            "ending": st.ending,
            "winner": st.winner,
        },
        "snapshot_every": game.snapshot_every,
        "turns": game.record.to_dict()["turns"],
        **({"followed": followed_body(game.record)} if game.record.follow else {}),
        "snapshots": [
            {"day": d, "state": s} for d, s in sorted(game.snapshots.items()) if 0 < d < game.day
        ],
        "final_state": st.to_dict(),
        "scenario_content": embedded.pack(game.scenario),
    }
    return {"format": FORMAT, "version": VERSION, "checksum": checksum(body), "body": body}


def encode_save(game: Game) -> bytes:
    """The save file's bytes: JSON laid out with one line per turn and per snapshot."""
    return layout(save_document(game)).encode("utf-8")


def layout(doc: dict[str, Any]) -> str:
    """Readable, diffable JSON: header fields, then the body one entry (or list item) a line."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    def body_entry(key: str, value: Any) -> str:
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {one(v)}" for v in value)
            return f"  {one(key)}: [\n{items}\n  ]"
        return f"  {one(key)}: {one(value)}"

    lines = [f" {one(k)}: {one(v)}" for k, v in doc.items() if k != "body"]
    body = ",\n".join(body_entry(k, v) for k, v in doc["body"].items())
    lines.append(f' "body": {{\n{body}\n }}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save_game(game: Game, path: str | os.PathLike[str] | None = None) -> Path:
    """Write `game` to `path` (default: the saves folder) atomically; return the path.

    The save is encoded and checked in memory first, so a save that could not be loaded back
    is never written, and the old file is replaced only after the new one is on disk.
    Raises `SaveError` (kind "write_failed") and leaves any old file as it was.
    """
    target = Path(path) if path is not None else default_save_path(game)
    try:
        data = encode_save(game)
    except (ValueError, TypeError, RecursionError) as exc:
        raise SaveError(
            target, f"cannot write save: the game cannot be encoded ({exc})", "write_failed"
        ) from exc
    try:
        _Body(*_parse(data, target), target)
    except SaveError as exc:
        raise SaveError(
            target, f"cannot write save: it would not load back ({exc.reason})", "write_failed"
        ) from exc
    try:
        atomic_write(target, data)
    except (OSError, ValueError) as exc:  # ValueError: a file name with a NUL byte
        why = (exc.strerror if isinstance(exc, OSError) else None) or exc
        raise SaveError(target, f"cannot write save: {why}", "write_failed") from exc
    return target


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file in the same folder, write, flush, fsync, verify, replace, fsync the folder."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            with contextlib.suppress(OSError, AttributeError):  # no fchmod on Windows
                os.fchmod(f.fileno(), _file_mode(path))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if Path(tmp).read_bytes() != data:
            raise OSError(f"read-back of {tmp} differs from what was written")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _file_mode(path: Path) -> int:
    """The old file's permissions, or what a new file gets under the user's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; not possible (nor needed) on every platform."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- reading -----------------------------------------------------------------------------------


def load_save(
    path: str | os.PathLike[str],
    scenario: Scenario,
    *,
    verify: Literal["full", "fast"] = "full",
    strict: bool = False,
) -> Game:
    """Load a save of `scenario` (the scenario as shipped now); raise `SaveError` for any file
    that is not a good save.

    `verify="full"` (the default) replays every turn from the first day and checks every
    snapshot and the final state against the replay. `verify="fast"` replays only from the
    last snapshot and checks the final state; earlier snapshots are trusted to the checksum.

    A version 3 save whose scenario has changed since goes on with its own copy of the
    scenario; one whose orders no longer replay to its states goes on from its saved final
    state, unless `strict` (then it is refused with `replay`, as versions 1 and 2 are). What
    happened is in the game's `notices`.
    """
    p = Path(path)
    return decode_save(_read(p), scenario, name=p, verify=verify, strict=strict)


def decode_save(
    data: bytes,
    scenario: Scenario,
    *,
    name: str | os.PathLike[str] = "<save>",
    verify: Literal["full", "fast"] = "full",
    strict: bool = False,
) -> Game:
    """`load_save` on bytes already read; `name` is the file named in errors."""
    if verify not in ("full", "fast"):
        raise ValueError(f"verify must be 'full' or 'fast', not {verify!r}")
    save = _Body(*_parse(data, name), name)
    return save.load(scenario, verify, strict)


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file only (a FIFO would hang, a device never end), and
    never more than `MAX_SAVE_BYTES` whatever size it reports."""
    try:
        return read_regular(path, MAX_SAVE_BYTES)
    except ReadRefused as exc:
        if exc.kind == "missing":
            raise SaveError(path, "no such save file", "missing") from None
        if exc.kind == "too_large":
            raise SaveError(path, f"too large to be a save ({exc.reason})", "too_large") from None
        if exc.kind == "not_regular" and path.is_dir():
            raise SaveError(path, "is a folder, not a save file", "unreadable") from None
        raise SaveError(path, exc.reason, "unreadable") from None


def _parse(data: bytes, name: str | os.PathLike[str]) -> tuple[dict[str, Any], int]:
    """Header and checksum checks; the checked body and the format version."""
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(name, f"is {len(data)} bytes, too large to be a save", "too_large")
    if not data.strip():
        raise SaveError(name, "the file is empty (a write that never finished?)", "empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise _truncated(name, data) from None
        raise SaveError(
            name, f"corrupt: not UTF-8 text (bad byte at offset {exc.start})", "corrupt"
        ) from None
    try:
        doc = json.loads(
            text, parse_float=finite, parse_constant=no_constant, object_pairs_hook=no_duplicates
        )
    except json.JSONDecodeError as exc:
        # A save always ends with its closing brace: a document that stops before it, or
        # whose JSON breaks off at the very end, was cut short rather than garbled.
        stripped = text.rstrip()
        if (
            exc.pos >= len(stripped)
            or exc.msg.startswith("Unterminated string")
            or not stripped.endswith("}")
        ):
            raise _truncated(name, data) from None
        raise SaveError(
            name,
            f"corrupt: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "corrupt",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SaveError(name, f"corrupt: not valid JSON ({_short(exc)})", "corrupt") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        what = f"format {_short(found)}" if isinstance(found, str) else "no format"
        raise SaveError(name, f"not a Kinmen 1958 save ({what}; expected '{FORMAT}')", "not_a_save")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(
            name, "corrupt: the save format version is missing or not a number", "bad_version"
        )
    if version > VERSION:
        raise SaveError(
            name,
            f"written by a newer version of the game (save format version "
            f"{_short(version)}; this version reads up to {VERSION})",
            "newer_version",
        )
    if version < 1:
        raise SaveError(name, f"unknown save format version {version}", "bad_version")
    body, stored = doc.get("body"), doc.get("checksum")
    if not isinstance(body, dict) or not isinstance(stored, str):
        raise SaveError(name, "corrupt: no body or no checksum", "malformed")
    try:
        actual = checksum(body)
    except (ValueError, RecursionError) as exc:
        raise SaveError(name, f"corrupt: {_short(exc)}", "corrupt") from None
    if actual != stored:
        raise SaveError(
            name,
            "checksum mismatch: the file was changed or damaged after it was written",
            "checksum",
        )
    return body, version


def _truncated(name: str | os.PathLike[str], data: bytes) -> SaveError:
    return SaveError(
        name,
        f"the file is truncated: its JSON stops early, after {len(data)} "
        "bytes (a write that never finished?)",
        "truncated",
    )


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value) if not isinstance(value, BaseException) else str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- the body ----------------------------------------------------------------------------------


def legacy_state_hash(state: State, file_sha256: str) -> str:
    """The state's hash as version 1 saves wrote it: with the scenario file's SHA-256 in the
    place of the rules hash."""
    old = state.clone()
    old.scenario_sha256 = file_sha256
    return state_hash(old)


class _Body:
    """A checksummed body, checked field by field into a record and snapshots."""

    def __init__(self, body: dict[str, Any], version: int, name: str | os.PathLike[str]) -> None:
        self.name = name
        self.version = version
        self.game_version = self._get(body, "game_version", str, "body")
        sc = self._get(body, "scenario", dict, "body")
        self.scenario_id = self._get(sc, "id", str, "body.scenario")
        #: version 1: the scenario file's SHA-256, which its states carry; version 2: None
        self.file_sha256: str | None = None
        self.rules_sha256: str | None = None
        if version == 1:
            self.file_sha256 = self._get(sc, "sha256", str, "body.scenario")
        else:
            self.rules_sha256 = self._get(sc, "rules_sha256", str, "body.scenario")
        self.seed = self._get(body, "seed", int, "body")
        #: version 3: the packed scenario copy and the final state (checked against its hash)
        self.content: dict[str, Any] | None = None
        self.final_state: dict[str, Any] | None = None
        if version >= 3:
            self.content = self._get(body, "scenario_content", dict, "body")
            self.final_state = self._get(body, "final_state", dict, "body")
        self.snapshot_every = self._get(body, "snapshot_every", int, "body")
        if self.snapshot_every < 1:
            self._bad("body.snapshot_every", "must be at least 1")
        turns = self._get(body, "turns", list, "body")
        self.turns = [self._turn(t, f"body.turns[{i}]") for i, t in enumerate(turns)]
        # a game taken over from the replay that follows the record (`followed_body`)
        follow, days, why = read_followed(body.get("followed"), len(self.turns))
        self.followed: tuple[str | None, int] = (follow, days)
        if why:
            self._bad("body.followed", why)
        final = self._get(body, "final", dict, "body")
        self.final_day = self._get(final, "day", int, "body.final")
        self.final_hash = self._get(final, "hash", str, "body.final")
        if self.final_day != len(self.turns):
            self._bad(
                "body.final.day", f"is {self.final_day} but the save has {len(self.turns)} turns"
            )
        self.snapshots: dict[int, dict[str, Any]] = {}
        for i, snap in enumerate(self._get(body, "snapshots", list, "body")):
            where = f"body.snapshots[{i}]"
            if not isinstance(snap, dict):
                self._bad(where, "is not an object")
            day = self._get(snap, "day", int, where)
            state = self._get(snap, "state", dict, where)
            if not 0 < day < len(self.turns) or day in self.snapshots:
                self._bad(
                    f"{where}.day", f"{day} is not a new day between 1 and {len(self.turns) - 1}"
                )
            self.snapshots[day] = state
        if self.final_state is not None:
            try:
                stored = hashlib.sha256(canonical(self.final_state)).hexdigest()
            except (ValueError, TypeError, RecursionError):
                stored = None
            if stored != self.final_hash:
                self._bad("body.final_state", "does not match body.final.hash")

    def _bad(self, where: str, why: str) -> None:
        raise SaveError(self.name, f"malformed save: {where} {why}", "malformed")

    def _get(self, obj: dict[str, Any], key: str, kind: type, where: str) -> Any:
        if key not in obj:
            self._bad(f"{where}.{key}", "is missing")
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self._bad(f"{where}.{key}", f"should be {_KIND_NAMES[kind]}")
        return value

    def _turn(self, turn: Any, where: str) -> dict[str, list[dict[str, Any]]]:
        if not isinstance(turn, dict):
            self._bad(where, "is not an object")
        unknown = set(turn) - set(SIDES)
        if unknown:
            self._bad(where, f"has unknown sides {sorted(unknown)}")
        out = {}
        for side in SIDES:
            orders = turn.get(side, [])
            if not isinstance(orders, list):
                self._bad(f"{where}.{side}", "should be a list of orders")
            for i, o in enumerate(orders):
                why = order_problem(o)
                if why:
                    self._bad(f"{where}.{side}[{i}]", why)
            out[side] = orders
        return out

    def load(self, scenario: Scenario, verify: str, strict: bool) -> Game:
        """The game: replayed with `scenario` or, when its rules have changed since, with the
        save's own copy; from the stored final state when the replay no longer reaches it."""
        if self.scenario_id != scenario.id:
            raise SaveError(
                self.name,
                f"this save is for scenario '{_clip(self.scenario_id)}', not '{scenario.id}'",
                "wrong_scenario",
            )
        notices = []
        if self.version < VERSION:
            notices.append(LoadNotice("old_format", FORMAT_NOTICE.format(version=self.version)))
        sc = scenario
        if self.content is None:
            self.check_rules(scenario)
        else:
            raw = self._unpack()  # always: a damaged copy is found now, not when it is needed
            if self.rules_sha256 != rules_sha256(scenario):
                sc = self._own_scenario(raw, scenario)
                text = SCENARIO_NOTICE.format(title=scenario.meta.title.en)
                notices.append(LoadNotice("older_scenario", text))
        try:
            if verify == "fast" and self.snapshots and self.same_file(sc):
                game = self.replay_fast(sc)
            else:
                game = self.replay_full(sc)
        except SaveError as exc:
            if exc.kind != "replay" or self.final_state is None or strict:
                raise
            game = self.from_stored(sc)
            notices.append(LoadNotice("older_rules", RULES_NOTICE))
        game.notices = notices
        return game

    def _unpack(self) -> bytes:
        try:
            return embedded.unpack(self.content)
        except embedded.EmbedError as exc:
            raise SaveError(self.name, f"malformed save: {exc}", exc.kind) from None

    def _own_scenario(self, raw: bytes, shipped: Scenario) -> Scenario:
        """The save's copy of its scenario, read as untrusted, with the current translations."""
        assert self.rules_sha256 is not None
        try:
            own = embedded.read_embedded(raw, f"{self.name} (its scenario)", self.rules_sha256)
        except embedded.EmbedError as exc:
            raise self._scenario_changed(
                shipped, f"since changed, and the save's own copy cannot be used: {exc}"
            ) from None
        return dataclasses.replace(own, translations=shipped.translations)

    def from_stored(self, sc: Scenario) -> Game:
        """The game from its stored final state (checked against the scenario's shape and its
        hash), with the stored snapshots that fit the scenario."""
        why = embedded.state_problem(self.final_state, sc, self.seed, self.final_day)
        if why is not None:
            self._bad("body.final_state", why)
        state = State.from_dict(plain(self.final_state))
        if state_hash(state) != self.final_hash:
            self._bad("body.final_state", "does not match body.final.hash")
        snaps = {
            d: s
            for d, s in self.snapshots.items()
            if embedded.state_problem(s, sc, self.seed, d) is None
        }
        return Game.assemble(sc, self.record(sc), state, snaps, snapshot_every=self.snapshot_every)

    def check_rules(self, sc: Scenario) -> None:
        """A version 2 save carries no scenario: it loads only with the same rules."""
        if self.rules_sha256 is not None and self.rules_sha256 != rules_sha256(sc):
            raise self._scenario_changed(
                sc,
                f"rules sha256 {_clip(self.rules_sha256, 12)} in the save, "
                f"{rules_sha256(sc)[:12]}... in the scenario",
            )

    def _scenario_changed(self, sc: Scenario, detail: str) -> SaveError:
        return SaveError(
            self.name,
            f"this save was made with a different version of scenario '{sc.id}' ({detail})",
            "scenario_changed",
        )

    def same_file(self, sc: Scenario) -> bool:
        """False for a version 1 save of another file than `sc`'s: only a replay from the first
        day can show that its rules are the same."""
        return self.file_sha256 is None or self.file_sha256 == sc.sha256

    def record(self, sc: Scenario) -> GameRecord:
        rules = self.rules_sha256 if self.rules_sha256 is not None else rules_sha256(sc)
        return GameRecord(self.scenario_id, rules, self.seed, self.turns, *self.followed)

    def hash(self, state: State) -> str:
        """The state's hash as this save wrote it."""
        if self.file_sha256 is None:
            return state_hash(state)
        return legacy_state_hash(state, self.file_sha256)

    def snapshot_states(self, sc: Scenario) -> dict[int, dict[str, Any]]:
        """The snapshots as version 2 states (a version 1 state carries the file's hash)."""
        if self.file_sha256 is None:
            return dict(self.snapshots)
        rules = rules_sha256(sc)
        return {d: {**s, "scenario_sha256": rules} for d, s in self.snapshots.items()}

    def _replay_error(self, day: int, exc: BaseException) -> SaveError:
        why = exc if isinstance(exc, IllegalOrders) else f"{type(exc).__name__}: {exc}"
        return SaveError(
            self.name,
            f"the saved orders of day {day + 1} cannot be replayed "
            f"({_short(why, 200)}){self._rules_note()}",
            "replay",
        )

    def _rules_note(self) -> str:
        if self.game_version != _game_pkg.__version__:
            return (
                f"; it was saved by game version {_clip(self.game_version, 20)}, whose "
                f"rules may differ from this version {_game_pkg.__version__}"
            )
        return "; the save was edited, or saved by a game with different rules"

    def _mismatch(self, what: str, sc: Scenario | None = None) -> SaveError:
        if sc is not None and not self.same_file(sc):
            return self._scenario_changed(
                sc,
                f"a version 1 save of another scenario file, whose orders no longer give "
                f"the saved {what}",
            )
        return SaveError(
            self.name,
            f"replaying the saved orders does not give the saved {what}{self._rules_note()}",
            "replay",
        )

    def replay_full(self, sc: Scenario) -> Game:
        """Replay from the first day, checking every snapshot on the way."""
        expected = {}
        for day, snap in self.snapshots.items():
            try:
                expected[day] = hashlib.sha256(canonical(snap)).hexdigest()
            except (ValueError, TypeError, RecursionError):
                raise self._mismatch(f"state of day {day}") from None

        def check(day: int, state: State) -> None:
            if day in expected and expected[day] != self.hash(state):
                raise _Mismatch(f"snapshot of day {day}")

        turn = 0

        def counting(day: int, state: State) -> None:
            nonlocal turn
            turn = day
            check(day, state)

        try:
            game = Game.from_record(
                sc, self.record(sc), snapshot_every=self.snapshot_every, on_turn=counting
            )
            if self.hash(game.state) != self.final_hash:
                raise _Mismatch(f"final state (day {game.day})")
        except _Mismatch as exc:
            raise self._mismatch(str(exc), sc) from None
        except Exception as exc:  # noqa: BLE001 - orders from a file may break any rule code
            if not self.same_file(sc):
                raise self._mismatch(f"turns (day {turn + 1} is refused)", sc) from None
            raise self._replay_error(turn, exc) from None
        return game

    def replay_fast(self, sc: Scenario) -> Game:
        """Replay from the last snapshot only, checking the final state."""
        start = max(self.snapshots)
        snapshots = self.snapshot_states(sc)
        record = self.record(sc)
        current = start
        try:
            state = State.from_dict(json.loads(json.dumps(snapshots[start])))
            if (state.scenario_id, state.scenario_sha256, state.seed, state.day) != (
                sc.id,
                rules_sha256(sc),
                self.seed,
                start,
            ):
                raise _Mismatch(f"snapshot of day {start}")
            head = record.truncated(start, follow=True)
            game = Game.assemble(sc, head, state, {}, snapshot_every=self.snapshot_every)
            current = start

            def counting(day: int, state: State) -> None:
                nonlocal current
                current = day

            game.extend(record.turns[start:], on_turn=counting)
            if self.hash(game.state) != self.final_hash:
                raise _Mismatch(f"final state (day {game.day}, replayed from day {start})")
        except _Mismatch as exc:
            raise self._mismatch(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - a snapshot from a file may hold anything
            raise self._replay_error(current, exc) from None
        snaps = dict(snapshots)
        snaps.update(game.snapshots)
        return Game.assemble(sc, record, game.state, snaps, snapshot_every=self.snapshot_every)


class _Mismatch(Exception):
    pass


_KIND_NAMES = {str: "a string", int: "an integer", dict: "an object", list: "a list"}


# -- autosave ----------------------------------------------------------------------------------


def autosaves(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """The autosaves in `directory` (default: the saves folder), newest (highest turn) first."""
    folder = Path(directory) if directory is not None else saves_dir()
    found: list[tuple[int, Path]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        m = _AUTOSAVE_RE.match(p.name)
        if m:
            found.append((int(m.group(1)), p))
    return [p for _, p in sorted(found, reverse=True)]


def autosave(
    game: Game, directory: str | os.PathLike[str] | None = None, *, keep: int = AUTOSAVE_KEEP
) -> Path:
    """Write `autosave-<turn>.json` and keep only the `keep` newest autosaves.

    Autosaves follow the game being played: any autosave of a later turn than this one (a line
    of play abandoned by loading an earlier save, or another game) is removed. Interactive
    play calls this after every turn; `simulate` never does. Raises `SaveError` if the write
    fails, and then removes nothing.
    """
    folder = Path(directory) if directory is not None else saves_dir()
    path = save_game(game, folder / f"autosave-{game.day}.json")
    kept = 0
    for p in autosaves(folder):
        turn = int(_AUTOSAVE_RE.match(p.name).group(1))  # type: ignore[union-attr]
        if turn <= game.day and kept < keep:
            kept += 1
            continue
        with contextlib.suppress(OSError):
            p.unlink()
    return path


def newest_good_autosave(
    scenario: Scenario, directory: str | os.PathLike[str] | None = None
) -> tuple[Path, Game] | None:
    """The newest autosave of `scenario` that loads, with its game; None if there is none.

    For the offer "this save is broken; load the newest good autosave instead?".
    """
    for p in autosaves(directory):
        try:
            return p, load_save(p, scenario)
        except SaveError:
            continue
    return None


__all__ = [
    "AUTOSAVE_KEEP",
    "DATA_DIR_ENV",
    "ERROR_KINDS",
    "FORMAT",
    "RULES_NOTICE",
    "SNAPSHOT_EVERY",
    "VERSION",
    "SaveError",
    "autosave",
    "autosaves",
    "clean_partial_writes",
    "data_dir",
    "decode_save",
    "encode_save",
    "legacy_state_hash",
    "load_save",
    "newest_good_autosave",
    "save_document",
    "save_game",
    "save_name",
    "saves_dir",
]
