"""`sweep`: many games per setting of one or more numbers, and the table of how they ended.

    python -m game sweep --runs 200 --set rules.hit_chance_battery=0.04,0.08,0.12 --jobs 2

Each `--set PATH=V1,V2,...` (or `PATH=FIRST:LAST:STEP`) varies one number of the scenario
(`rules.NAME`, `SECTION.ID.FIELD` such as `artillery.prc_dadeng_152.guns`, `state.tension`);
several `--set` give every combination. `--scheduler ADDRESS` (or its older name `--dask`)
runs the games on a Dask cluster instead of local processes. The results do not depend on
`--jobs` or `--scheduler`: the same seeds give the same games (`game/history/sweep.py`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from game.cli.args import MAX_JOBS, add_scenario, int_in, seed, seed_range
from game.history.sweep import (
    MAX_GAMES,
    SweepError,
    csv_rows,
    format_text,
    parse_set,
    run_dask,
    run_local,
    sweep,
)
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "sweep", help="play many games per value of a rule or number and compare the endings"
    )
    add_scenario(p)
    p.add_argument("--prc", default="ai:easy", help="history, hold, random or ai[:LEVEL]")
    p.add_argument("--roc", default="ai:easy", help="history, hold, random or ai[:LEVEL]")
    p.add_argument("--seed", type=seed, default=1, help="first seed (default 1)")
    p.add_argument(
        "--runs",
        type=int_in(1, MAX_GAMES),
        default=20,
        metavar="N",
        help="games per setting: seeds seed..seed+N-1 (default 20)",
    )
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="PATH=VALUES",
        help="a number to vary: PATH=V1,V2,... or PATH=FIRST:LAST:STEP (repeatable)",
    )
    p.add_argument(
        "--jobs",
        type=int_in(1, MAX_JOBS),
        default=1,
        metavar="J",
        help=f"local processes (1 to {MAX_JOBS}); the results are the same for any J",
    )
    p.add_argument(
        "--scheduler",
        "--dask",
        dest="scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the games on the Dask scheduler at ADDRESS, e.g. tcp://10.0.0.5:8786 "
        '(--dask is the same; needs pip install "kinmen-1958[cluster]")',
    )
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    if args.scheduler is not None and args.jobs != 1:
        args.parser.error("--jobs is for local processes; a Dask cluster has its own workers")
    seed_range(args, args.seed, args.runs)
    try:
        varies = [parse_set(text) for text in args.sets]
        runner = run_dask(args.scheduler) if args.scheduler is not None else None
    except SweepError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if runner is None:
        jobs = args.jobs

        def runner(texts, job_list, prc, roc):  # type: ignore[no-untyped-def]
            return run_local(texts, job_list, prc, roc, jobs)

    try:
        base = load_scenario(args.scenario or default_scenario())
        summary = sweep(base, varies, args.seed, args.runs, args.prc, args.roc, runner)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (SweepError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the scheduler could not be reached, or a file could not be read
        where = f"--scheduler {args.scheduler}: " if args.scheduler is not None else ""
        print(f"error: {where}{exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    elif args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(csv_rows(summary))
    else:
        print(format_text(summary))
    return 0
