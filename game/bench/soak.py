"""A soak of every file kind the game reads: thousands of mutated files, none may crash or hang.

For the benchmark, not the test suite (the suite fuzzes a few thousand cases in
tests/test_fuzz_inputs.py; `python -m game bench --soak N` runs it): `run_soak(n)` mutates a
small scenario `n` times and a save of it `n` times (half byte-level damage, half hostile
values in the body with the checksum recomputed, so the checks behind the checksum are
reached), plus settings files, side files and hostile mods folders (`game.bench.soak_mods`:
corrupt, huge, binary and linked files, scanned and listed, nothing read outside the folder),
and reports per kind the cases tried, how each ended, the slowest case and the peak memory.
The game reads no user locale files (its words come only from the package), so there are no
locale overrides to soak.

An "ending" is what the player would see: a scenario that validates or a list of problems; a
save that loads (and then replays, seeks and reports) or a `SaveError`. Anything else (an
exception escaping) is a failure, kept with its case for reproduction. A validating scenario
is also played for a few days, saved and loaded back: if it validates, it runs.

The mutations come from a local seeded generator, so a run is reproducible case by case
(`mutate_bytes(base, random.Random(seed + i))`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import random
import resource
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: fragments that stress the YAML and JSON layers and the checks behind them
HOSTILE = [
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{",
    b"}",
    b"]",
    b'"\\e[2J\\e]0;x\\a"',
    b'"\\0"',
    b'"\\ud800"',
    b"\n",
    b"\t",
    b"'",
    b'"',
    b"# ",
    b"- ",
    b": ",
    b"---\n",
    b"../../../escaped/x",
    b"CON",
    b"9999-12-31",
    b"\xef\xbc\x91\xef\xbc\x99\xef\xbc\x95\xef\xbc\x98-08-23",
    b"1e999",
    b"-1",
    b"0",
    b"99999999999999999999999999999999999",
    b"null",
    b"true",
    b"NaN",
    b"Infinity",
    b"1.5",
]


def mutate_bytes(base: bytes, rng: random.Random, max_ops: int = 4) -> bytes:
    """`base` with 1 to `max_ops` random edits: flip, delete, insert, duplicate, truncate."""
    data = bytearray(base)
    for _ in range(rng.randint(1, max_ops)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            i = min(pos, len(data) - 1)
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            del data[pos : pos + rng.randint(1, 64)]
        elif op == 2:
            data[pos:pos] = rng.choice(HOSTILE)
        elif op == 3 and data:
            start = rng.randrange(len(data))
            chunk = data[start : start + rng.randint(1, 200)]
            data[pos:pos] = chunk * rng.randint(1, 50)
        elif op == 4:
            del data[pos:]
        else:
            data[pos:pos] = bytes([rng.randrange(256)])
    return bytes(data)


def hostile_value(rng: random.Random) -> Any:
    """A JSON value meant to break whatever expects something else at that place."""
    return rng.choice(
        [
            None,
            True,
            -1,
            0,
            2**62,
            -(2**62),
            1.5,
            1e308,
            "",
            "x" * 10_000,
            "\x1b[2J",
            "../../x",
            [],
            {},
            [[[[[[[[[[]]]]]]]]]],
            {"type": "fire"},
            {"prc": [], "roc": []},
            "9999-12-31",
        ]
    )


def mutate_json_body(base: bytes, rng: random.Random) -> bytes:
    """A save whose body has one value replaced, with its checksum recomputed: the damage
    the checksum cannot catch, aimed at the checks behind it."""
    from game.history.saves import checksum

    doc = json.loads(base)
    parent: Any = doc
    key: Any = "body"
    for _ in range(rng.randint(1, 8)):
        node = parent[key]
        if isinstance(node, dict) and node:
            parent, key = node, rng.choice(sorted(node))
        elif isinstance(node, list) and node:
            parent, key = node, rng.randrange(len(node))
        else:
            break
    if isinstance(parent, list) and rng.random() < 0.2:
        del parent[key]
    else:
        parent[key] = hostile_value(rng)
    doc["checksum"] = checksum(doc["body"])
    return json.dumps(doc).encode("utf-8")


@dataclass
class KindResult:
    """What happened to the cases of one input kind."""

    kind: str
    cases: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    slowest_s: float = 0.0
    slowest_case: str = ""
    peak_bytes: int = 0  # the largest Python allocation peak of one case (tracemalloc)
    #: the slowest case again, to time it once more without tracemalloc at the end
    slowest_run: Callable[[], str] | None = None
    #: its median time over 3 reruns: the first timing includes whatever else the machine did
    rerun_s: float = 0.0
    largest_peak_case: str = ""

    def add(self, ending: str, seconds: float, case: str, peak: int, run: Any = None) -> None:
        self.cases += 1
        self.endings[ending] = self.endings.get(ending, 0) + 1
        if seconds > self.slowest_s:
            self.slowest_s, self.slowest_case, self.slowest_run = seconds, case, run
        if peak > self.peak_bytes:
            self.peak_bytes, self.largest_peak_case = peak, case

    def rerun_slowest(self) -> None:
        if self.slowest_run is None:
            return
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            with contextlib.suppress(Exception):
                self.slowest_run()
            times.append(time.perf_counter() - t0)
        self.rerun_s = sorted(times)[1]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "endings": dict(sorted(self.endings.items())),
            "failures": len(self.failures),
            "first_failures": self.failures[:5],
            "slowest_ms": round(self.slowest_s * 1000, 1),
            "slowest_case": self.slowest_case,
            "slowest_rerun_ms": round(self.rerun_s * 1000, 1),
            "peak_mb": round(self.peak_bytes / 2**20, 2),
            "peak_case": self.largest_peak_case,
        }


def _measure(result: KindResult, case: str, run: Callable[[], str]) -> None:
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    try:
        ending = run()
    except Exception:  # noqa: BLE001 - the point: anything escaping is a failure to report
        ending = "FAILURE"
        result.failures.append(f"{case}: {traceback.format_exc(limit=3)}")
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    result.add(ending, seconds, case, peak, run)


def _default_scenario() -> Path:
    """The tests' one-island scenario in a checkout (a load takes ms), else the 1958 one."""
    tiny = Path(__file__).resolve().parents[2] / "tests" / "data" / "tiny.yaml"
    if tiny.is_file():
        return tiny
    from game.paths import default_scenario

    return default_scenario()


def run_soak(
    n: int = 10_000,
    *,
    seed: int = 1958,
    scenario_path: str | Path | None = None,
    side_files: int | None = None,
    mods_folders: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Soak `n` mutated scenarios, `n` mutated saves, `side_files` (default n // 10) each
    of settings and side files, and `mods_folders` (default n // 5) hostile mods folders;
    return the figures per kind (see `KindResult.as_dict`) and the process's peak resident
    memory. Files go to a temporary folder only."""
    import tempfile

    from game.engine.state import state_hash
    from game.history.game import Game
    from game.history.replayfile import Replay
    from game.history.report_md import build_report
    from game.history.saves import SaveError, decode_save, encode_save
    from game.scenario.loader import read_scenario_bytes
    from game.ui.session import Mode  # noqa: F401 - imported before timing, not in a case
    from game.ui.settings import load_settings

    path = Path(scenario_path) if scenario_path is not None else _default_scenario()
    base_yaml = path.read_bytes()
    sc, problems = read_scenario_bytes(base_yaml, str(path), use_cache=False)
    if sc is None:
        raise ValueError(f"the base scenario does not validate: {problems[0]}")
    from game.ai.players import RandomPlayer
    from game.bench.soak_mods import ModsSoak

    game = Game(sc, seed=seed)
    players = {s: RandomPlayer(seed + i) for i, s in enumerate(("prc", "roc"))}
    for _ in game.play(players, days=min(6, sc.days)):
        pass
    base_save = encode_save(game)
    side_files = n // 10 if side_files is None else side_files
    mods_folders = n // 5 if mods_folders is None else mods_folders

    def one_scenario(raw: bytes) -> str:
        got, found = read_scenario_bytes(raw, "soak.yaml", use_cache=False)
        if got is None:
            assert found and all(isinstance(str(p), str) for p in found)
            assert len(found) <= 101
            return "problems"
        g = Game(got, seed=1)
        for _ in range(min(3, (got.meta.end - got.meta.start).days + 1)):
            g.play_turn({"prc": [], "roc": []})
        back = decode_save(encode_save(g), got)
        assert state_hash(back.state) == state_hash(g.state)
        return "valid (played, saved, loaded)"

    def one_save(raw: bytes) -> str:
        try:
            loaded = decode_save(raw, sc, name="soak.json")
        except SaveError as exc:
            return f"SaveError {exc.kind}"
        replay = Replay(loaded)
        replay.seek(replay.last_day)
        replay.seek(0)
        build_report(sc, loaded, "soak.json")
        return "loaded (replayed, reported)"

    kinds = ("scenario", "save", "settings", "side_file", "mods_folder")
    results = {k: KindResult(k) for k in kinds}
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kinmen-soak-") as tmp:
        folder = Path(tmp)
        target = folder / "settings.json"

        def one_settings(raw: bytes) -> str:
            target.write_bytes(raw)
            return type(load_settings(target, warn=False)).__name__

        def one_side_file(raw: bytes) -> str:
            target.write_bytes(raw)
            return _side_file(target)

        base_settings = b'{"lang": "zh-Hant", "ui_scale": 150, "sound": false}'
        base_mode = b'{"kind": "ai", "human": "prc", "level": "hard"}'
        tracemalloc.start()
        try:
            for i in range(n):
                raw = mutate_bytes(base_yaml, random.Random(rng.random()))
                _measure(
                    results["scenario"], f"scenario #{i}", functools.partial(one_scenario, raw)
                )
                r = random.Random(rng.random())
                raw = mutate_bytes(base_save, r) if i % 2 else mutate_json_body(base_save, r)
                _measure(results["save"], f"save #{i}", functools.partial(one_save, raw))
                if progress and (i + 1) % 1000 == 0:
                    progress(f"{i + 1:,} of {n:,}")
            for i in range(side_files):
                r = random.Random(rng.random())
                raw = mutate_bytes(base_settings, r)
                _measure(
                    results["settings"], f"settings #{i}", functools.partial(one_settings, raw)
                )
                raw = mutate_bytes(base_mode, r)
                _measure(
                    results["side_file"], f"side file #{i}", functools.partial(one_side_file, raw)
                )
            mods = ModsSoak(folder / "mods_soak", base_yaml, mutate_bytes)
            made: dict[str, float] = {}  # case -> the seed its folder was built from
            for i in range(mods_folders):
                made_seed = rng.random()
                mods.build(random.Random(made_seed))
                case = f"mods folder #{i} {'+'.join(mods.made)}"
                made[case] = made_seed
                _measure(results["mods_folder"], case, mods.run)
            slowest = results["mods_folder"].slowest_case
            if slowest:  # its rerun scans the slowest case's folder again, not the last one
                mods.build(random.Random(made[slowest]))
        finally:
            tracemalloc.stop()
        for kind in results.values():
            kind.rerun_slowest()
        stray = sorted(
            p.name for p in folder.iterdir() if p.name not in ("settings.json", "mods_soak")
        )
    report: dict[str, Any] = {"seed": seed, "base_scenario": str(path)}
    report.update({k: v.as_dict() for k, v in results.items()})
    report["files_left_outside"] = stray
    report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return report


def _side_file(path: Path) -> str:
    from game.safeio import ReadRefused, loads_json, read_regular
    from game.ui.session import MAX_SIDE_FILE_BYTES, Mode

    try:
        return Mode.from_dict(loads_json(read_regular(path, MAX_SIDE_FILE_BYTES))).kind
    except (ReadRefused, ValueError):
        return "default"
