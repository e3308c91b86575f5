"""Fuzzing every file kind the game reads: scenario, save, replay file, settings, side file.

Each case must end the way a player would see it (a valid file, a located problem, a
`SaveError`, the default settings), never with another exception; each runs under a hang
guard (an interval timer, no subprocess), and no case writes a file outside its folder.
About 3,000 cases in all. The 10,000-case soak with memory figures is
`python -m game bench --soak 10000` (game/bench/soak.py).
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.bench.soak import HOSTILE, hostile_value
from game.engine.state import state_hash
from game.history import saves
from game.history.game import Game
from game.history.replayfile import Replay
from game.history.saves import SaveError, checksum, decode_save, encode_save, save_game
from game.scenario.loader import MAX_PROBLEMS, read_scenario_bytes
from game.ui.session import Mode, load_session, mode_file
from game.ui.settings import Settings, load_settings
from tests.builder import tiny

TINY_BYTES = (Path(__file__).resolve().parent / "data" / "tiny.yaml").read_bytes()

#: a case taking longer than this is a hang, not a slow case (the slowest take ~1 s)
HANG_S = 30


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_S) -> Iterator[None]:
    """Raise TimeoutError in the case if it runs past `seconds` (SIGALRM, main thread)."""

    def expired(signum, frame):
        raise TimeoutError(f"case still running after {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def fuzz(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


OPS = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.floats(0, 1, allow_nan=False),
        st.sampled_from(HOSTILE),
        st.integers(1, 200),
    ),
    min_size=1,
    max_size=4,
)


def apply(base: bytes, ops: list) -> bytes:
    """The edits drawn by hypothesis: flip, delete, insert, repeat, truncate, replace."""
    data = bytearray(base)
    for op, where, token, size in ops:
        pos = int(where * len(data))
        if op == 0 and data:
            data[min(pos, len(data) - 1)] ^= 1 << (size % 8)
        elif op == 1:
            del data[pos : pos + size]
        elif op == 2:
            data[pos:pos] = token
        elif op == 3:
            data[pos:pos] = bytes(data[pos : pos + 40]) * (size // 4 + 1)
        elif op == 4:
            del data[pos:]
        else:
            data[pos : pos + len(token)] = token
    return bytes(data)


@pytest.fixture(autouse=True)
def _dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("KINMEN1958_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KINMEN1958_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def _base_save() -> bytes:
    sc = tiny()
    game = Game(sc, seed=3)
    for _ in range(5):
        game.play_turn({"prc": [], "roc": []})
    return encode_save(game)


BASE_SAVE = _base_save()


# -- scenarios -----------------------------------------------------------------------------------


@fuzz(700)
@given(ops=OPS)
# an ending's test turned round ("morale.roc >= 10"): the game ends on its first day
@example(ops=[(0, 0.847983261124069, b"\x00", 1)])
def test_mutated_scenarios_validate_or_give_located_problems(ops):
    raw = apply(TINY_BYTES, ops)
    with hang_guard():
        sc, problems = read_scenario_bytes(raw, "fuzz.yaml", use_cache=False)
    if sc is None:
        assert 1 <= len(problems) <= MAX_PROBLEMS + 1
        for p in problems:
            line = str(p)
            assert line.startswith("fuzz.yaml:") and "\n" not in line and "\x1b" not in line
        return
    # if it validates, it runs: play, save to its default place, load back
    with hang_guard():
        game = Game(sc, seed=1)
        for _ in range(min(2, (sc.meta.end - sc.meta.start).days + 1)):
            if game.state.over:  # a mutated start may end on the first day (a garrison at 0)
                break
            game.play_turn({"prc": [], "roc": []})
        path = save_game(game)
        assert path.parent == saves.saves_dir()
        assert state_hash(saves.load_save(path, sc).state) == state_hash(game.state)


# -- saves and replay files ------------------------------------------------------------------------


def _hostile_body(base: bytes, path: list[str | int], value: object) -> bytes:
    doc = json.loads(base)
    node = doc["body"]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    doc["checksum"] = checksum(doc["body"])
    return json.dumps(doc).encode()


def _paths(data: object, prefix: tuple = ()) -> list[list]:
    out = [list(prefix)] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data[:3]):
            out += _paths(v, (*prefix, i))
    return out


BODY_PATHS = _paths(json.loads(BASE_SAVE)["body"])


def _load_or_refuse(raw: bytes) -> None:
    with hang_guard():
        try:
            game = decode_save(raw, tiny(), name="fuzz.json")
        except SaveError as exc:
            assert exc.kind in saves.ERROR_KINDS and "\n" not in str(exc)
            return
        replay = Replay(game)
        replay.seek(replay.last_day)
        replay.seek(0)


@fuzz(600)
@given(ops=OPS)
def test_damaged_saves_load_or_give_a_save_error(ops):
    _load_or_refuse(apply(BASE_SAVE, ops))


_VALUES = st.sampled_from(range(18)).map(lambda i: hostile_value(_Pick(i)))


class _Pick:
    """Lets hypothesis choose which of `hostile_value`'s values (it calls rng.choice once)."""

    def __init__(self, i: int) -> None:
        self.i = i

    def choice(self, seq):
        return seq[self.i % len(seq)]


@fuzz(500)
@given(where=st.sampled_from(BODY_PATHS), value=_VALUES)
def test_hostile_values_behind_a_good_checksum_give_a_save_error(where, value):
    _load_or_refuse(_hostile_body(BASE_SAVE, where, value))


@fuzz(200)
@given(ops=OPS)
def test_damaged_replay_files_open_or_give_a_save_error(ops, tmp_path):
    path = tmp_path / "replay.json"
    path.write_bytes(apply(BASE_SAVE, ops))
    with hang_guard():
        try:
            replay = Replay.load(path, tiny())
        except SaveError:
            pass
        else:
            replay.seek(replay.last_day)
            replay.step_back()
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["replay.json"],
        ["cache", "config", "data", "replay.json"],
        ["data", "replay.json"],
    )


# -- settings and side files ---------------------------------------------------------------------

SETTINGS = b'{"lang": "zh-Hant", "ui_scale": 150, "palette": "colorblind", "sound": false}'
MODE = b'{"kind": "hotseat", "human": "prc", "level": "hard"}'


@fuzz(700)
@given(ops=OPS)
def test_damaged_settings_give_settings(ops, tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(apply(SETTINGS, ops))
    with hang_guard():
        got = load_settings(path, warn=False)
    assert isinstance(got, Settings)
    assert isinstance(got.sound, bool) and isinstance(got.fullscreen, bool)
    assert 100 <= got.ui_scale <= 200


@fuzz(300)
@given(ops=OPS)
def test_damaged_side_files_give_a_mode(ops, tmp_path):
    path = tmp_path / "game.json"
    if not path.exists():
        path.write_bytes(BASE_SAVE)
    mode_file(path).write_bytes(apply(MODE, ops))
    with hang_guard():
        session = load_session(path, tiny())
    assert isinstance(session.mode, Mode)


def test_the_soak_command_runs(capsys):
    """`bench --soak N` (the 10,000-case soak, run by hand) keeps working: a tiny run."""
    from game.cli.main import main

    assert main(["bench", "--soak", "3"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{\n") :])
    assert report["files_left_outside"] == []
    assert all(report[k]["failures"] == 0 for k in ("scenario", "save"))
