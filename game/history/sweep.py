"""Balance sweeps: many games of a scenario per setting of one or more numbers.

A *setting* is the scenario with some numbers changed (`rules.hit_chance_battery=0.02`,
`artillery.prc_dadeng_152.guns=80`, `state.tension=40`). Each setting is written out as a
scenario file (`embedded.scenario_tree`), changed there, and read back through the loader, so a
changed number is checked against the same bounds as a modder's file and a value out of bounds
is refused before any game is played.

A *job* is one setting and a few seeds; each game depends on its scenario, its seed and the two
player specs alone (the PLA player is seeded with the game seed, the ROC player with seed+1, as
`simulate` does), and results are put back in (setting, seed) order. So the table, the JSON and
every game's final state hash are the same whether the jobs run in one process, in `--jobs N`
local processes, or on a Dask cluster (`run_dask`, the optional `cluster` extra).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from game.ai.balance import besieger_result
from game.ai.players import make_player
from game.ai.theatre import move_kind
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.history.embedded import scenario_tree
from game.scenario.loader import read_scenario_bytes
from game.scenario.model import SIDES, Scenario

#: the most settings one sweep plays (the product of every `--set` list)
MAX_SETTINGS = 1_000
#: the most games one sweep plays (a result is a few hundred bytes)
MAX_GAMES = 100_000
#: the most values one `--set` may list or step through
MAX_VALUES = 200
#: games per job: small enough to spread over the workers, large enough that a job's start-up
#: (reading its setting's scenario once per process) is paid for
MAX_CHUNK = 25
#: the figures averaged per setting: (key in a result, label)
FIGURES = (
    ("days", "days played"),
    ("tons_landed", "tons landed"),
    ("tons_lost", "tons lost at sea"),
    ("shells_prc", "PLA rounds"),
    ("shells_roc", "ROC rounds"),
    ("morale_besieged", "besieged side's morale"),
    ("tension", "final tension"),
    ("score", "score against history"),
)
#: each game's short result kept in a setting's summary (the balance report reads them)
RESULT_KEYS = ("seed", "winner", "ending", "days", "halts", "food_days", "morale_besieged")
#: z for a 95% interval
_Z95 = 1.959963984540054

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SweepError(ValueError):
    """A sweep that cannot run as asked: one line for the command to print."""


# -- what to vary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Vary:
    """One `--set PATH=VALUES`: a dotted path into the scenario and the values it takes."""

    path: str
    values: tuple[float, ...]


def parse_set(text: str) -> Vary:
    """`PATH=V1,V2,...` or `PATH=FIRST:LAST:STEP` (both ends included) into a `Vary`."""
    path, eq, spec = text.partition("=")
    path = path.strip()
    if not eq or not path or not spec.strip():
        raise SweepError(f"--set {text!r}: write PATH=V1,V2,... or PATH=FIRST:LAST:STEP")
    try:
        if ":" in spec:
            parts = [Decimal(p.strip()) for p in spec.split(":")]
            if len(parts) != 3:
                raise SweepError(f"--set {text!r}: a range is FIRST:LAST:STEP")
            first, last, step = parts
            if not all(p.is_finite() for p in parts) or step <= 0 or last < first:
                raise SweepError(f"--set {text!r}: a range needs FIRST <= LAST and STEP > 0")
            count = int((last - first) / step) + 1
            if count > MAX_VALUES:
                raise SweepError(f"--set {text!r}: {count:,} values; at most {MAX_VALUES}")
            values = [first + step * i for i in range(count)]
        else:
            values = [Decimal(v.strip()) for v in spec.split(",")]
    except InvalidOperation:
        raise SweepError(f"--set {text!r}: the values must be numbers") from None
    if len(values) > MAX_VALUES:
        raise SweepError(f"--set {text!r}: {len(values):,} values; at most {MAX_VALUES}")
    if not all(v.is_finite() for v in values):
        raise SweepError(f"--set {text!r}: the values must be finite numbers")
    if len(set(values)) != len(values):
        raise SweepError(f"--set {text!r}: a value is listed twice")
    return Vary(path, tuple(float(v) for v in values))


def settings(varies: Sequence[Vary]) -> list[dict[str, float]]:
    """Every combination of the values, the first `--set` varying slowest ([{}] for none)."""
    paths = [v.path for v in varies]
    if len(set(paths)) != len(paths):
        raise SweepError("the same path is given to --set twice")
    combos = list(itertools.product(*(v.values for v in varies)))
    if len(combos) > MAX_SETTINGS:
        raise SweepError(f"{len(combos):,} settings; at most {MAX_SETTINGS:,}")
    return [dict(zip(paths, combo, strict=True)) for combo in combos]


def _node(tree: Any, path: str) -> tuple[Any, str | int]:
    """The container holding the number at `path`, and its key there.

    Parts name mapping keys, or the `id` of an entry in a list; a path ending at a rule
    (a mapping with `value:`) means its value."""
    parts = path.split(".")
    node = tree
    for i, part in enumerate(parts):
        where = ".".join(parts[: i + 1])
        if isinstance(node, list):
            found = [x for x in node if isinstance(x, dict) and x.get("id") == part]
            if not found:
                ids = [str(x.get("id")) for x in node if isinstance(x, dict)][:12]
                raise SweepError(f"--set {path}: no entry '{part}' at {where} ({', '.join(ids)})")
            node = found[0]
        elif isinstance(node, dict):
            if part not in node:
                keys = ", ".join(map(str, list(node)[:20]))
                raise SweepError(f"--set {path}: no '{part}' at {where} (there: {keys})")
            if i == len(parts) - 1:
                value = node[part]
                if isinstance(value, dict) and "value" in value:
                    return value, "value"
                return node, part
            node = node[part]
        else:
            raise SweepError(f"--set {path}: {'.'.join(parts[:i])} holds no entries")
    raise SweepError(f"--set {path}: the path names a section, not a number")


def variant_text(base: Scenario, setting: dict[str, float]) -> bytes:
    """The scenario file of a setting: the scenario with each number of `setting` changed."""
    tree = scenario_tree(base)
    for path, value in setting.items():
        holder, key = _node(tree, path)
        old = holder[key]
        if isinstance(old, bool) or not isinstance(old, int | float):
            raise SweepError(f"--set {path}: {old!r} is not a number")
        if isinstance(old, int):
            if value != int(value):
                raise SweepError(f"--set {path}: {value:g} is not a whole number")
            value = int(value)
        holder[key] = value
    text = yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")


def load_variant(base: Scenario, setting: dict[str, float]) -> tuple[bytes, Scenario]:
    """The setting's file and scenario; `SweepError` naming the value the loader refuses."""
    raw = variant_text(base, setting)
    label = ", ".join(f"{k}={v:g}" for k, v in setting.items())
    sc, problems = read_scenario_bytes(raw, f"{base.file} with {label}", warnings=False)
    if sc is None:
        first = next(p for p in problems if p.severity == "error")
        where = ".".join(str(x) for x in first.path)
        raise SweepError(f"{label}: {where}: {first.message}")
    return raw, sc


# -- playing --------------------------------------------------------------------------------


def play_game(sc: Scenario, seed: int, prc: str, roc: str) -> dict[str, Any]:
    """One game: how it ended and the figures a sweep averages, with its final state hash."""
    players = {"prc": make_player(prc, seed), "roc": make_player(roc, seed + 1)}
    state = new_game(sc, seed)
    for turn in play(sc, state, players):
        state = turn.after
    t = state.totals
    return {
        "seed": seed,
        "ending": state.ending,
        "winner": state.winner,
        "days": state.day,
        "tons_landed": round(t["tons.landed"], 3),
        "tons_lost": round(t["tons.lost"], 3),
        "shells_prc": t["shells.prc"],
        "shells_roc": t["shells.roc"],
        "morale_besieged": round(state.morale[sc.cast.besieged], 3),
        "tension": round(state.tension, 3),
        "score": state.score or 0.0,
        "food_days": round(_food_days(sc, state), 2),
        "besieger": sc.cast.besieger,
        "halts": halts_declared(sc, state.moves_made),
        "state_hash": state_hash(state),
    }


def _food_days(sc: Scenario, state: Any) -> float:
    """Days of food the besieged side holds at the end (the roles' food kind; 0 without one)."""
    kind = next((k for k in sc.supply.kinds if k.id == sc.cast.food and k.daily_use_t > 0), None)
    return state.supply[kind.id] / kind.daily_use_t if kind is not None else 0.0


def halts_declared(sc: Scenario, made: Iterable[str]) -> int:
    """How many halts the besieger declared in a game (its moves of the `halt` kind): the
    balance report compares the games with one against the games without (`tools/balance.py`)."""
    kinds = {m.id: move_kind(sc, m) for m in sc.moves if m.side == sc.cast.besieger}
    return sum(1 for m in made if kinds.get(m) == "halt")


#: per process: scenario file digest -> the scenario read from it (each setting read once)
_LOADED: dict[str, Scenario] = {}
_LOCK = threading.Lock()


def _scenario_of(raw: bytes) -> Scenario:
    key = hashlib.sha256(raw).hexdigest()
    with _LOCK:
        sc = _LOADED.get(key)
    if sc is None:
        # checked in full, source texts included, before the sweep started (`load_variant`);
        # a worker has the setting's text, not the mod's folder with its source files
        got, problems = read_scenario_bytes(raw, "sweep setting", warnings=False, sources=False)
        if got is None:  # checked before the sweep started; a worker must not go on silently
            raise SweepError("; ".join(map(str, problems[:3])))
        with _LOCK:
            sc = _LOADED.setdefault(key, got)
    return sc


def run_job(raw: bytes, seeds: Sequence[int], prc: str, roc: str) -> list[dict[str, Any]]:
    """One job, wherever it runs: the games of one setting for `seeds`, in seed order."""
    sc = _scenario_of(raw)
    return [play_game(sc, s, prc, roc) for s in seeds]


_TEXTS: list[bytes] = []


def _pool_init(texts: list[bytes]) -> None:
    global _TEXTS
    _TEXTS = texts


def _pool_job(job: tuple[int, list[int], str, str]) -> list[dict[str, Any]]:
    index, seeds, prc, roc = job
    return run_job(_TEXTS[index], seeds, prc, roc)


Jobs = list[tuple[int, list[int]]]
Runner = Callable[[list[bytes], Jobs, str, str], list[list[dict[str, Any]]]]


def make_jobs(n_settings: int, seed: int, runs: int, workers: int) -> Jobs:
    """(setting index, seeds) in order: each setting's seeds cut in chunks of at most
    `MAX_CHUNK`, smaller when there are few games for many workers."""
    chunk = max(1, min(MAX_CHUNK, math.ceil(runs * n_settings / (workers * 4))))
    jobs = []
    for i in range(n_settings):
        for lo in range(0, runs, chunk):
            jobs.append((i, list(range(seed + lo, seed + min(runs, lo + chunk)))))
    return jobs


def run_local(texts: list[bytes], jobs: Jobs, prc: str, roc: str, processes: int = 1) -> Any:
    """The jobs' results in job order, in this process or `processes` local ones."""
    if processes <= 1:
        return [run_job(texts[i], seeds, prc, roc) for i, seeds in jobs]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(processes, initializer=_pool_init, initargs=(texts,)) as pool:
        return pool.map(_pool_job, [(i, seeds, prc, roc) for i, seeds in jobs], chunksize=1)


def run_dask(address: str) -> Runner:
    """A runner sending the jobs to the Dask scheduler at `address` (`--scheduler`, or `--dask`).

    Needs the `cluster` extra (`pip install "kinmen-1958[cluster]"`, which brings
    `distributed`), and the game installed on every worker. Each setting's file is sent to the
    workers once (`scatter`), each job is one task, and results are gathered in job order.
    """
    try:
        from distributed import Client
    except ImportError:
        raise SweepError(
            '--scheduler needs the cluster extra: pip install "kinmen-1958[cluster]"'
        ) from None

    def run(texts: list[bytes], jobs: Jobs, prc: str, roc: str) -> Any:
        with Client(address, timeout="30s") as client:
            scattered = client.scatter(texts, broadcast=True)
            futures = [
                client.submit(run_job, scattered[i], seeds, prc, roc, pure=False)
                for i, seeds in jobs
            ]
            return client.gather(futures)

    return run


def sweep(
    base: Scenario,
    varies: Sequence[Vary],
    seed: int,
    runs: int,
    prc: str,
    roc: str,
    runner: Runner | None = None,
) -> dict[str, Any]:
    """Play `runs` games (seeds seed..seed+runs-1) per setting and summarise each setting."""
    for spec in (prc, roc):
        make_player(spec, 0)  # a bad spec is refused before anything is played
    sets = settings(varies)
    if runs < 1 or runs * len(sets) > MAX_GAMES:
        raise SweepError(f"{runs * len(sets):,} games; from 1 to {MAX_GAMES:,} per sweep")
    texts = [load_variant(base, s)[0] for s in sets]
    jobs = make_jobs(len(sets), seed, runs, 4)
    run = runner or (lambda t, j, p, r: run_local(t, j, p, r, 1))
    results: list[list[dict[str, Any]]] = [[] for _ in sets]
    for (i, _), got in zip(jobs, run(texts, jobs, prc, roc), strict=True):
        results[i].extend(got)
    return {
        "scenario": base.id,
        "prc": prc,
        "roc": roc,
        "seed": seed,
        "runs": runs,
        "vary": [v.path for v in varies],
        "settings": [summarise(s, r) for s, r in zip(sets, results, strict=True)],
    }


# -- summaries ------------------------------------------------------------------------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a share of k in n (0..1; (0, 1) for no games)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    d = 1 + _Z95**2 / n
    mid = (p + _Z95**2 / (2 * n)) / d
    half = _Z95 * math.sqrt(p * (1 - p) / n + _Z95**2 / (4 * n * n)) / d
    return max(0.0, round(mid - half, 4)), min(1.0, round(mid + half, 4))


def summarise(setting: dict[str, float], games: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(games)
    wins = Counter(g["winner"] if g["winner"] in (*SIDES, "none") else "draw" for g in games)
    endings = Counter(g["ending"] for g in games)
    shares = {}
    for k in (*SIDES, "draw", "none"):
        lo, hi = wilson(wins[k], n)
        shares[k] = {"games": wins[k], "share": round(wins[k] / n, 4) if n else 0.0}
        shares[k]["low"], shares[k]["high"] = lo, hi
    return {
        "setting": setting,
        "games": n,
        "wins": shares,
        "endings": dict(sorted(endings.items(), key=lambda kv: (-kv[1], str(kv[0])))),
        "mean": {k: _mean(g[k] for g in games) for k, _ in FIGURES},
        "halts": halt_summary(games),
        "results": [{k: g[k] for k in RESULT_KEYS} for g in games],
        "state_hashes": [g["state_hash"] for g in games],
    }


def halt_summary(games: list[dict[str, Any]]) -> dict[str, Any]:
    """Games in which the besieger declared a halt (share, 95% interval), and its mean result
    (`besieger_result`) in those games and in the others: a halt should be worth declaring."""
    n = len(games)
    halted = [g for g in games if g.get("halts", 0) > 0]
    rest = [g for g in games if g.get("halts", 0) == 0]
    lo, hi = wilson(len(halted), n)
    return {
        "games": len(halted),
        "share": round(len(halted) / n, 4) if n else 0.0,
        "low": lo,
        "high": hi,
        "per_game": _mean(g.get("halts", 0) for g in games),
        "besieger_result_halted": _mean(besieger_result(g, g["besieger"]) for g in halted),
        "besieger_result_not": _mean(besieger_result(g, g["besieger"]) for g in rest),
    }


def _mean(xs: Iterable[float]) -> float:
    v = [float(x) for x in xs]
    return round(sum(v) / len(v), 2) if v else 0.0


def _label(setting: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in setting.items()) or "(as written)"


def format_text(s: dict[str, Any]) -> str:
    """The table `sweep` prints: one block per setting."""
    lines = [
        f"{s['scenario']}: PLA {s['prc']} vs ROC {s['roc']}, seeds {s['seed']}.."
        f"{s['seed'] + s['runs'] - 1}, {len(s['settings'])} setting(s)",
        "",
    ]
    for row in s["settings"]:
        lines.append(f"{_label(row['setting'])}: {row['games']} games")
        for k, name in (
            ("prc", "PLA wins"),
            ("roc", "ROC wins"),
            ("draw", "draws"),
            ("none", "no winner"),
        ):
            w = row["wins"][k]
            lines.append(
                f"  {name:<12} {w['games']:>6}  {w['share']:6.1%}  "
                f"(95%: {w['low']:.1%} to {w['high']:.1%})"
            )
        h = row["halts"]
        lines.append(
            f"  {'halts':<12} {h['games']:>6}  {h['share']:6.1%}  "
            f"(95%: {h['low']:.1%} to {h['high']:.1%}); besieger's mean result "
            f"{h['besieger_result_halted']:+.2f} with one, {h['besieger_result_not']:+.2f} without"
        )
        ends = ", ".join(f"{e} {c}" for e, c in row["endings"].items())
        lines.append(f"  endings     {ends}")
        for k, name in FIGURES:
            lines.append(f"  {'mean ' + name:<30} {row['mean'][k]:>12,.1f}")
        lines.append("")
    return "\n".join(lines).rstrip()


def csv_rows(s: dict[str, Any]) -> list[list[Any]]:
    """One row per setting: the varied values, games, win shares with intervals, means."""
    head: list[Any] = [*s["vary"], "games"]
    for k in (*SIDES, "draw", "none"):
        head += [f"{k}_wins", f"{k}_share", f"{k}_low", f"{k}_high"]
    head += ["endings", *(f"mean_{k}" for k, _ in FIGURES)]
    rows = [head]
    for row in s["settings"]:
        out: list[Any] = [row["setting"][p] for p in s["vary"]] + [row["games"]]
        for k in (*SIDES, "draw", "none"):
            w = row["wins"][k]
            out += [w["games"], w["share"], w["low"], w["high"]]
        out.append(";".join(f"{e}={c}" for e, c in row["endings"].items()))
        out += [row["mean"][k] for k, _ in FIGURES]
        rows.append(out)
    return rows
