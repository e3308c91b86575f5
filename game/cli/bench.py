"""`bench [--only engine|ai|ui]`: the figures the issues set goals for, as medians of runs.

The measuring is in `game.bench` (one module a section); this module parses and prints the
table. The `ui` section opens SDL's dummy driver, the others need no pygame.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from game.bench import SECTIONS
from game.bench.ai import ai_bench
from game.bench.engine import Row, engine_rows
from game.bench.ui import ui_rows
from game.cli.args import add_scenario, int_in
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.words.strings import LANGS

#: runs a median is taken over (the engine's timings, the UI's frame-time runs)
MAX_BENCH_RUNS = 1000
#: the soak's cases per file kind (10,000 takes about 12 minutes on two cores)
MAX_SOAK_CASES = 100_000


def add_parser(sub: Any) -> None:
    p = sub.add_parser("bench", help="measure turn time, scenario load time and more")
    add_scenario(p)
    p.add_argument(
        "--runs",
        type=int_in(1, MAX_BENCH_RUNS),
        default=7,
        metavar="N",
        help=f"medians of N runs, 1 to {MAX_BENCH_RUNS} (default 7)",
    )
    p.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="measure only this part (repeatable)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="AI: play the real 1,000 easy games and 100 strength games a seat (about 40 minutes) "
        "instead of extrapolating from a sample",
    )
    p.add_argument(
        "--video",
        default="dummy",
        metavar="DRIVER",
        help="ui: play the long game (memory, frames while the AI thinks) on this SDL video "
        "driver, e.g. x11 with a DISPLAY (default dummy: no window)",
    )
    p.add_argument(
        "--scale",
        type=int_in(100, 200),
        default=100,
        metavar="PCT",
        help="ui: the interface size of the long game, 100 to 200 (default 100)",
    )
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="ui: the language of the long game (default en)",
    )
    p.add_argument(
        "--soak",
        type=int_in(1, MAX_SOAK_CASES),
        default=None,
        metavar="N",
        help="instead of the speed figures: N mutated scenarios and N mutated saves (and a tenth "
        "as many settings and side files), with the slowest case and the peak memory",
    )
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    if args.soak is not None:
        # only the soak needs the window's settings code: imported here, for this option alone
        from game.bench.soak import run_soak

        print(json.dumps(run_soak(args.soak, progress=print), indent=1, ensure_ascii=False))
        return 0
    sections = tuple(s for s in SECTIONS if s in args.only) if args.only else SECTIONS
    ui = (args.video, args.scale, args.lang)
    return run_bench(
        args.scenario or default_scenario(), args.runs, sections, full=args.full, ui=ui
    )


def run_bench(
    path: Path,
    runs: int,
    sections: tuple[str, ...] = SECTIONS,
    *,
    full: bool = False,
    ui: tuple[str, int, str] = ("dummy", 100, "en"),
) -> int:
    try:
        load_scenario(path)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Benchmark: {path.name}, medians of {runs} runs (machine: {os.cpu_count()} cores)")
    print(f"{'measure':<56} {'median':>12}  goal")
    makers = {
        "engine": lambda: engine_rows(path, runs),
        "ai": lambda: ai_bench(path, full=full),
        "ui": lambda: ui_rows(runs, *ui),
    }
    for name in sections:
        rows: list[Row] = makers[name]()
        for measure, value, goal in rows:
            print(f"{measure:<56} {value:>12}  {goal}", flush=True)
    return 0
