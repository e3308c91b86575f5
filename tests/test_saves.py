"""Save files: identity through save and load, every broken file named, crash-safe writes."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import signal
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.players import HistoryPlayer, RandomPlayer
from game.engine.legality import IllegalOrders
from game.engine.observe import observe
from game.engine.state import rules_sha256, state_hash
from game.history import saves
from game.history.game import Game, GameRecord
from game.history.saves import SaveError, autosave, autosaves, load_save, newest_good_autosave
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES
from game.scenario.orders import Fire
from tests.builder import shipped_scenario, tiny, variant

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
#: final state hash of tests/fixtures/saves/v1_tiny.json (made by make_v1_tiny.py)
V1_TINY_HASH = "8ae5be79487b1935eaedccc47fceec3e138b8047125529c804a2ff2992669bb7"

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Never touch the real home: the game's data folder is a temporary one."""
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))


kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


def players(kind: str, seed: int) -> dict[str, Any]:
    if kind == "history":
        return {side: HistoryPlayer() for side in SIDES}
    return {"prc": RandomPlayer(seed), "roc": RandomPlayer(seed + 1000)}


@cache
def full_game(sc_name: str, kind: str, seed: int, every: int = 4) -> Game:
    """A game played to its end (the scenario's last day or an earlier ending)."""
    sc = tiny() if sc_name == "tiny" else kinmen()
    game = Game(sc, seed, snapshot_every=every)
    ps = players(kind, seed)
    limit = (sc.meta.end - sc.meta.start).days + 1
    while not game.over and game.day < limit:
        game.play_turn({side: ps[side].orders(sc, observe(sc, game.state, side)) for side in SIDES})
    return game


def hashes(game: Game) -> list[str]:
    return [state_hash(game.state_at(d)) for d in range(game.day + 1)]


def good_bytes(tmp_path: Path, game: Game | None = None) -> tuple[Path, bytes]:
    game = game or full_game("tiny", "random", 3)
    path = saves.save_game(game, tmp_path / "good.json")
    return path, path.read_bytes()


def check_identity(tmp_path: Path, full: Game, verify: str = "full", full_every: int = 1) -> int:
    """Save and load at every turn; the loaded game continues exactly like the original.

    Every `full_every` days the load replays from the first day whatever `verify` says.
    """
    sc = full.scenario
    expected = hashes(full)
    game = Game(sc, full.seed, snapshot_every=full.snapshot_every)
    for day in range(full.day + 1):
        assert state_hash(game.state) == expected[day]
        path = saves.save_game(game, tmp_path / f"day{day}.json")
        mode = "full" if day % full_every == 0 else verify
        loaded = load_save(path, sc, verify=mode)  # type: ignore[arg-type]
        assert loaded.day == day
        assert state_hash(loaded.state) == expected[day]
        assert loaded.record.turns == full.record.turns[:day]
        for turn in range(day, min(day + 5, full.day)):
            loaded.play_turn(full.record.turns[turn])
            assert state_hash(loaded.state) == expected[turn + 1], f"saved {day}, turn {turn}"
        if day < full.day:
            game.play_turn(full.record.turns[day])
    return full.day


# -- identity ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["history", "random"])
@pytest.mark.parametrize("seed", [1, 2, 5])
def test_save_load_identity_tiny(tmp_path, kind, seed):
    assert check_identity(tmp_path, full_game("tiny", kind, seed)) >= 5


def test_save_load_identity_fast_verify(tmp_path):
    check_identity(tmp_path, full_game("tiny", "random", 9, every=3), "fast", full_every=1000)


def test_save_load_identity_1958_history(tmp_path):
    full = full_game("kinmen", "history", 1, every=10)
    # Full verification (a replay from the first day) on every tenth day keeps this quick; the
    # other days replay from the last snapshot, and tiny games check full loads on every day.
    assert check_identity(tmp_path, full, "fast", full_every=10) >= 60


def test_loaded_game_has_the_same_past(tmp_path):
    full = full_game("tiny", "random", 2)
    loaded = load_save(saves.save_game(full, tmp_path / "s.json"), full.scenario)
    assert hashes(loaded) == hashes(full)
    assert sorted(loaded.snapshots) == sorted(full.snapshots)


def test_save_is_deterministic_and_default_path_is_in_the_data_dir(tmp_path):
    game = full_game("tiny", "history", 1)
    path = saves.save_game(game)
    assert path.parent == tmp_path / "data" / "saves"
    assert path.read_bytes() == saves.encode_save(game)
    doc = json.loads(path.read_bytes())
    assert (
        (doc["format"], doc["version"])
        == ("kinmen-1958-save", saves.VERSION)
        == (
            "kinmen-1958-save",
            3,
        )
    )
    assert doc["body"]["final"]["hash"] == state_hash(game.state)


def test_play_turn_records_what_it_resolved():
    sc = tiny()
    game = Game(sc, 1)
    with pytest.raises(IllegalOrders):
        game.play_turn({"prc": [Fire(group="roc_guns", target="prc_cp", rounds=10)]})
    assert game.day == 0 and game.record.turns == []
    with pytest.raises(ValueError):
        game.play_turn({"usa": []})
    game.play_turn({"prc": [Fire(group="prc_guns", target="island_cp", rounds=100)]})
    assert game.record.turns == [
        {
            "prc": [{"type": "fire", "group": "prc_guns", "target": "island_cp", "rounds": 100}],
            "roc": [],
        }
    ]
    again = Game.from_record(sc, GameRecord.from_dict(game.record.to_dict()))
    assert state_hash(again.state) == state_hash(game.state)


# -- every broken file is named ----------------------------------------------------------------


def _doc(data: bytes) -> dict[str, Any]:
    return json.loads(data)


def _resum(doc: dict[str, Any]) -> bytes:
    """The document with its checksum made right again (a deliberate edit)."""
    doc["checksum"] = saves.checksum(doc["body"])
    return json.dumps(doc).encode()


def _edit(data: bytes, change, resum: bool) -> bytes:
    doc = _doc(data)
    change(doc)
    return _resum(doc) if resum else json.dumps(doc).encode()


def _first_fire(doc: dict[str, Any]) -> dict[str, Any]:
    for turn in doc["body"]["turns"]:
        for side in SIDES:
            for o in turn[side]:
                if o["type"] == "fire":
                    return o
    raise AssertionError("no fire order in the game")


def _flip_in_final_hash(data: bytes) -> bytes:
    i = data.index(b'"hash": "') + len(b'"hash": "') + 5
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]


def _set(key_path: tuple, value: Any):
    def change(doc):
        node = doc
        for k in key_path[:-1]:
            node = node[k]
        node[key_path[-1]] = value

    return change


def _bump_snapshot(doc):
    doc["body"]["snapshots"][0]["state"]["tension"] += 1.0


def _bump_last_snapshot(doc):
    doc["body"]["snapshots"][-1]["state"]["tension"] += 1.0


def _more_rounds(doc):
    _first_fire(doc)["rounds"] += 1


CORRUPT = {
    "truncated_1": (lambda b: b[:1], "truncated", "truncated"),
    "truncated_40": (lambda b: b[:40], "truncated", "truncated"),
    "truncated_third": (lambda b: b[: len(b) // 3], "truncated", "truncated"),
    "truncated_half": (lambda b: b[: len(b) // 2], "truncated", "truncated"),
    "truncated_end": (lambda b: b[:-3], "truncated", "truncated"),
    "bad_json": (lambda b: b.replace(b'"seed":', b'"seed";', 1), "corrupt", "not valid JSON"),
    "not_utf8": (lambda b: b[:200] + b"\xff\xfe" + b[202:], "corrupt", "UTF-8"),
    "flipped_byte": (_flip_in_final_hash, "checksum", "checksum mismatch"),
    "tampered_orders": (lambda b: _edit(b, _more_rounds, False), "checksum", "checksum mismatch"),
    "tampered_checksum": (
        lambda b: _edit(b, _set(("checksum",), "sha256:" + "0" * 64), False),
        "checksum",
        "checksum mismatch",
    ),
    "no_checksum": (
        lambda b: _edit(b, lambda d: d.pop("checksum"), False),
        "malformed",
        "checksum",
    ),
    "version_99": (lambda b: _edit(b, _set(("version",), 99), False), "newer_version", "newer"),
    "version_0": (lambda b: _edit(b, _set(("version",), 0), False), "bad_version", "version"),
    "version_text": (lambda b: _edit(b, _set(("version",), "1"), False), "bad_version", "version"),
    "other_format": (
        lambda b: _edit(b, _set(("format",), "something-else"), False),
        "not_a_save",
        "not a Kinmen 1958 save",
    ),
    "json_list": (lambda b: b"[1, 2, 3]", "not_a_save", "not a Kinmen 1958 save"),
    "other_scenario_id": (
        lambda b: _edit(b, _set(("body", "scenario", "id"), "other"), True),
        "wrong_scenario",
        "for scenario 'other', not 'tiny'",
    ),
    "other_scenario_hash": (
        lambda b: _edit(b, _set(("body", "scenario", "rules_sha256"), "ab" * 32), True),
        "scenario_changed",
        "different version of scenario 'tiny'",
    ),
    "edited_orders_resummed": (lambda b: _edit(b, _more_rounds, True), "replay", "replay"),
    "edited_snapshot_resummed": (lambda b: _edit(b, _bump_snapshot, True), "replay", "snapshot"),
    "edited_final_hash_resummed": (
        lambda b: _edit(b, _set(("body", "final", "hash"), "0" * 64), True),
        "malformed",
        "body.final_state does not match body.final.hash",
    ),
    "illegal_orders_resummed": (
        lambda b: _edit(b, lambda d: _first_fire(d).update(rounds=999_999), True),
        "replay",
        "cannot be replayed",
    ),
    "bad_order_value_resummed": (
        lambda b: _edit(b, lambda d: _first_fire(d).update(rounds="many"), True),
        "malformed",
        "bad value for 'rounds'",
    ),
    "unknown_order_resummed": (
        lambda b: _edit(b, lambda d: _first_fire(d).update(type="nuke"), True),
        "malformed",
        "unknown order type",
    ),
    "missing_turns_resummed": (
        lambda b: _edit(b, lambda d: d["body"].pop("turns"), True),
        "malformed",
        "body.turns is missing",
    ),
    "duplicate_key": (
        lambda b: b.replace(b'"seed": ', b'"seed": 4, "seed": ', 1),
        "corrupt",
        "duplicate key",
    ),
    "nan": (lambda b: b.replace(b'"seed": 3', b'"seed": NaN', 1), "corrupt", "NaN"),
    "huge_float": (lambda b: b.replace(b'"seed": 3', b'"seed": 1e999', 1), "corrupt", "range"),
    "deep_nesting": (lambda b: b"[" * 100_000 + b"]" * 100_000, "corrupt", "not valid JSON"),
    "empty": (lambda b: b"", "empty", "empty"),
    "whitespace": (lambda b: b"  \n", "empty", "empty"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_each_broken_save_names_its_file_and_reason(tmp_path, case):
    make, kind, words = CORRUPT[case]
    _, good = good_bytes(tmp_path)
    path = tmp_path / f"{case}.json"
    path.write_bytes(make(good))
    with pytest.raises(SaveError) as info:
        load_save(path, tiny(), strict=True)  # strict: an edit that replays otherwise is refused
    err = info.value
    assert err.kind == kind, str(err)
    assert err.kind in saves.ERROR_KINDS
    assert words in err.reason, str(err)
    assert str(err).startswith(str(path) + ": ")
    assert "\n" not in str(err)


def test_fast_verify_catches_an_edited_last_snapshot(tmp_path):
    _, good = good_bytes(tmp_path)
    path = tmp_path / "edited.json"
    path.write_bytes(_edit(good, _bump_last_snapshot, True))
    with pytest.raises(SaveError) as info:
        load_save(path, tiny(), verify="fast", strict=True)
    assert info.value.kind == "replay"


def test_fast_verify_survives_a_snapshot_the_rules_choke_on(tmp_path):
    """A resummed snapshot whose numbers overflow in the rules is refused, not a crash."""
    full = full_game("kinmen", "history", 1, every=10)
    doc = json.loads(saves.encode_save(full))
    groups = doc["body"]["snapshots"][-1]["state"]["groups"]
    # This battery's fire turns the number into an infinity the state hash cannot encode.
    groups.get("prc_aotou_105", next(iter(groups.values())))["guns"] = -1e308
    path = tmp_path / "overflow.json"
    path.write_bytes(_resum(doc))
    for verify in ("full", "fast"):
        with pytest.raises(SaveError) as info:
            load_save(path, full.scenario, verify=verify, strict=True)  # type: ignore[arg-type]
        assert info.value.kind == "replay"


def test_missing_file_folder_and_other_scenario(tmp_path):
    sc = tiny()
    with pytest.raises(SaveError) as info:
        load_save(tmp_path / "nope.json", sc)
    assert info.value.kind == "missing" and "no such save file" in str(info.value)
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(SaveError) as info:
        load_save(tmp_path / "folder.json", sc)
    assert info.value.kind == "unreadable" and "folder" in str(info.value)
    path, _ = good_bytes(tmp_path)
    with pytest.raises(SaveError) as info:
        load_save(path, dataclasses.replace(sc, id="elsewhere"))
    assert info.value.kind == "wrong_scenario"
    # another file with the same rules (a comment, a translation) loads; another rule does not
    assert load_save(path, dataclasses.replace(sc, sha256="f" * 64)).day == len(
        json.loads(path.read_bytes())["body"]["turns"]
    )
    # another rule: the save goes on with its own copy of the scenario, and says so
    game = load_save(path, variant(sc, rules={"morale_recovery_per_day": 2.0}))
    assert rules_sha256(game.scenario) == rules_sha256(sc)
    assert [n.kind for n in game.notices] == ["older_scenario"]


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_give_a_save_error(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "random.json"
    path.write_bytes(data)
    with pytest.raises(SaveError):
        load_save(path, tiny())


@cache
def _good() -> tuple[bytes, str]:
    game = full_game("tiny", "random", 3)
    return saves.encode_save(game), state_hash(game.state)


def _load_or_error(path: Path, verify: str = "full") -> None:
    _, final = _good()
    try:
        game = load_save(path, tiny(), verify=verify)  # type: ignore[arg-type]
    except SaveError as exc:
        assert exc.kind in saves.ERROR_KINDS
        assert "\n" not in str(exc)
    else:
        assert state_hash(game.state) == final


@FUZZ
@given(st.data())
def test_mutated_saves_load_identically_or_give_a_save_error(tmp_path_factory, data):
    good, _ = _good()
    buf = bytearray(good)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(buf) - 1))
        op = data.draw(st.sampled_from(["flip", "set", "delete", "insert", "cut"]))
        if op == "flip":
            buf[i] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "set":
            buf[i] = data.draw(st.integers(0, 255))
        elif op == "delete":
            del buf[i : i + data.draw(st.integers(1, 20))]
        elif op == "insert":
            buf[i:i] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del buf[i:]
        if not buf:
            break
    path = tmp_path_factory.getbasetemp() / "mutated.json"
    path.write_bytes(bytes(buf))
    _load_or_error(path)


def _paths(node: Any, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e308, -1e308, 2**64, -(2**63), "prc_guns", "roc_lst", "island_pier"])
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@FUZZ
@given(st.data())
def test_edited_bodies_with_a_good_checksum_never_crash(tmp_path_factory, data):
    """Deliberate edits (checksum recomputed) reach the structure and replay checks."""
    good, _ = _good()
    doc = json.loads(good)
    paths = [p for p in _paths(doc["body"]) if p]
    # Aim at the orders and at the last snapshot (the one a fast load replays from) too.
    aims = [
        paths,
        [p for p in paths if p[0] == "turns"],
        [p for p in paths if p[:2] == ("snapshots", len(doc["body"]["snapshots"]) - 1)],
    ]
    where = data.draw(st.sampled_from(data.draw(st.sampled_from(aims))))
    node = doc["body"]
    for k in where[:-1]:
        node = node[k]
    if isinstance(node, dict) and data.draw(st.booleans()):
        del node[where[-1]]
    else:
        node[where[-1]] = data.draw(JSON_VALUES)
    path = tmp_path_factory.getbasetemp() / "edited.json"
    path.write_bytes(_resum(doc))
    _load_or_error(path, data.draw(st.sampled_from(["full", "fast"])))


# -- writing never leaves a bad file -----------------------------------------------------------


def test_failed_writes_leave_the_old_save(tmp_path, monkeypatch):
    old = full_game("tiny", "history", 1)
    new = full_game("tiny", "random", 2)
    path = saves.save_game(old, tmp_path / "slot.json")
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    for name in ("replace", "fsync"):
        with monkeypatch.context() as m:
            m.setattr(saves.os, name, boom)
            with pytest.raises(SaveError) as info:
                saves.save_game(new, path)
        assert info.value.kind == "write_failed" and "No space left" in str(info.value)
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["slot.json"]
    broken = Game(tiny(), 1)
    broken.state.tension = float("nan")
    with pytest.raises(SaveError) as info:
        saves.save_game(broken, path)
    assert info.value.kind == "write_failed"
    assert path.read_bytes() == before
    (tmp_path / "file").write_text("x")
    with pytest.raises(SaveError):
        saves.save_game(new, tmp_path / "file" / "under_a_file.json")
    assert state_hash(load_save(path, tiny()).state) == state_hash(old.state)


#: the moments inside `atomic_write` at which the writer is killed, and whether the new save has
#: replaced the old one by then
KILL_POINTS = {
    "temp file created": False,
    "half the bytes written": False,
    "written, before fsync": False,
    "before replace": False,
    "after replace, before the folder's fsync": True,
}


def _writer(path: str, games: list[Game], stop_at: str, nth: int, ready: Any) -> None:
    """Child process: save games[0], games[1], ... into `path`; at `stop_at` during save
    number `nth`, tell the parent and wait to be killed (a crash at a chosen moment, no clock)."""
    now = {"save": -1, "fsyncs": 0}

    def point(name: str) -> None:
        if now["save"] == nth and name == stop_at:
            ready.set()
            while True:
                signal.pause()

    real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen
    real_fsync, real_replace = os.fsync, os.replace

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        out = real_mkstemp(*args, **kwargs)
        point("temp file created")
        return out

    class HalfWriter:
        """The temporary file, cut off halfway through its one write."""

        def __init__(self, f: Any) -> None:
            self.f = f

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: Any) -> None:
            self.f.__exit__(*exc)

        def fileno(self) -> int:
            return self.f.fileno()

        def flush(self) -> None:
            self.f.flush()

        def write(self, data: bytes) -> int:
            n = self.f.write(data[: len(data) // 2])
            self.f.flush()
            point("half the bytes written")
            return n

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        f = real_fdopen(fd, *args, **kwargs)
        half = now["save"] == nth and stop_at == "half the bytes written"
        return HalfWriter(f) if half else f

    def fsync(fd: int) -> None:
        now["fsyncs"] += 1
        if now["fsyncs"] == 1:
            point("written, before fsync")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        point("before replace")
        real_replace(src, dst)
        point("after replace, before the folder's fsync")

    # forked: patching the modules here changes nothing in the parent
    for module, name, hook in (
        (tempfile, "mkstemp", mkstemp),
        (os, "fdopen", fdopen),
        (os, "fsync", fsync),
        (os, "replace", replace),
    ):
        setattr(module, name, hook)
    for i in range(nth + 1):
        now["save"], now["fsyncs"] = i, 0
        saves.save_game(games[i % 2], path)
    os._exit(3)  # the kill point was never reached: the parent sees no signal and fails


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
@pytest.mark.parametrize("nth", [0, 1])
@pytest.mark.parametrize("stop_at", list(KILL_POINTS))
def test_killed_writer_leaves_the_old_or_the_new_save(tmp_path, stop_at, nth):
    """SIGKILL at each step of an overwrite: before the replace the previous save loads, after
    it the new one; never a broken file, and the only leftovers are temporary files."""
    sc = tiny()
    old, new = full_game("tiny", "history", 1), full_game("tiny", "random", 2)
    games = [new, old]
    path = tmp_path / "slot.json"
    saves.save_game(old, path)
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=_writer, args=(str(path), games, stop_at, nth, ready))
    proc.start()
    try:
        assert ready.wait(60), f"the writer never reached '{stop_at}' (exit {proc.exitcode})"
    finally:
        assert proc.pid is not None
        if proc.exitcode is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.join()
    assert proc.exitcode == -signal.SIGKILL
    replaced = KILL_POINTS[stop_at]
    # the file holds the save being written once its replace is done, else the one before it
    want = games[nth] if replaced else (games[nth - 1] if nth else old)
    assert state_hash(load_save(path, sc).state) == state_hash(want.state)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "slot.json"]
    assert all(n.startswith(".slot.json.") and n.endswith(".tmp") for n in leftovers), leftovers
    assert len(leftovers) == (0 if replaced else 1)


# -- autosave ----------------------------------------------------------------------------------


def test_autosave_rotates_and_offers_the_newest_good_one(tmp_path):
    sc = tiny()
    full = full_game("tiny", "random", 5)
    game = Game(sc, full.seed, snapshot_every=full.snapshot_every)
    folder = tmp_path / "data" / "saves"
    for turn in range(6):
        game.play_turn(full.record.turns[turn])
        autosave(game)
    assert [p.name for p in autosaves()] == [
        "autosave-6.json",
        "autosave-5.json",
        "autosave-4.json",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in autosaves())
    found = newest_good_autosave(sc)
    assert found is not None and found[0].name == "autosave-6.json"
    (folder / "autosave-6.json").write_bytes((folder / "autosave-6.json").read_bytes()[:100])
    path, loaded = newest_good_autosave(sc)  # type: ignore[misc]
    assert path.name == "autosave-5.json"
    assert state_hash(loaded.state) == state_hash(full.state_at(5))
    assert newest_good_autosave(dataclasses.replace(sc, id="other")) is None
    # Loading an earlier save and playing on drops the abandoned line's later autosaves.
    back = load_save(folder / "autosave-4.json", sc)
    back.play_turn({})
    autosave(back)
    assert [p.name for p in autosaves()] == ["autosave-5.json", "autosave-4.json"]
    assert newest_good_autosave(sc, tmp_path / "nowhere") is None


# -- the committed version 1 save stays loadable -----------------------------------------------


def test_v1_fixture_still_loads():
    sc = load_scenario(FIXTURES / "v1_tiny.scenario.yaml")
    path = FIXTURES / "v1_tiny.json"
    doc = json.loads(path.read_bytes())
    assert (doc["format"], doc["version"]) == ("kinmen-1958-save", 1)
    assert doc["checksum"] == saves.checksum(doc["body"])
    try:
        game = load_save(path, sc)
    except SaveError as exc:  # pragma: no cover - the message says what to do
        pytest.fail(
            f"{exc}\nIf the rules changed on purpose, old saves replay differently: re-bless "
            "the old-format fixtures with `PYTHONPATH=. python tools/rebless_old_saves.py`, "
            "update V1_TINY_HASH and say so."
        )
    # migrated in memory: its own (version 1) hash checked, a version 2 game from then on
    assert saves.legacy_state_hash(game.state, doc["body"]["scenario"]["sha256"]) == V1_TINY_HASH
    assert game.day == doc["body"]["final"]["day"] >= 10
    assert game.record.rules_sha256 == rules_sha256(sc) == game.state.scenario_sha256
    again = Game.from_record(sc, game.record)
    assert state_hash(again.state) == state_hash(game.state)
    for day in game.snapshots:
        assert state_hash(game.state_at(day)) == state_hash(again.state_at(day))
    assert state_hash(load_save(path, sc, verify="fast").state) == state_hash(game.state)
    resaved = saves.decode_save(saves.encode_save(game), sc)
    assert state_hash(resaved.state) == state_hash(game.state)


def _v1_scenario_edited(tmp_path: Path, old: str, new: str):
    text = (FIXTURES / "v1_tiny.scenario.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "v1_tiny.scenario.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return load_scenario(path)


@pytest.mark.parametrize("verify", ["full", "fast"])
def test_v1_save_survives_a_text_edit_of_its_scenario(tmp_path, verify):
    """A version 1 save named its scenario file's bytes; a translation fixed since does not
    stop it loading (the replay proves the rules gave the same game)."""
    sc = _v1_scenario_edited(tmp_path, "name: {en: PLA,", "name: {en: People's Liberation Army,")
    assert sc.sha256 != load_scenario(FIXTURES / "v1_tiny.scenario.yaml").sha256
    game = load_save(FIXTURES / "v1_tiny.json", sc, verify=verify)
    doc = json.loads((FIXTURES / "v1_tiny.json").read_bytes())
    assert saves.legacy_state_hash(game.state, doc["body"]["scenario"]["sha256"]) == V1_TINY_HASH


def test_v1_save_of_a_scenario_whose_rules_changed_is_refused(tmp_path):
    sc = _v1_scenario_edited(
        tmp_path,
        "{id: food, name: {en: Food, zh: 糧食}, stock_t: 2000, daily_use_t: 100}",
        "{id: food, name: {en: Food, zh: 糧食}, stock_t: 2000, daily_use_t: 90}",
    )
    with pytest.raises(SaveError) as info:
        load_save(FIXTURES / "v1_tiny.json", sc, verify="fast")
    assert info.value.kind == "scenario_changed" and "different version" in str(info.value)
