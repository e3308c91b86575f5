"""The balance table of issue 17, rerunnable after any change to the engine's numbers or the AI.

    PYTHONPATH=. python tools/balance.py --runs 200 --jobs 2            # play, then report
    python -m game sweep --prc ai:normal --roc ai:normal --runs 200 --jobs 2 --format json \\
        > sweep.json && PYTHONPATH=. python tools/balance.py --from sweep.json
    PYTHONPATH=. python tools/balance.py --from sweep.json --choices 20  # + first days' orders

Prints wins, draws and halts with 95% intervals, the besieger's mean result with and without a
halt, and whether each of the issue's targets is met (`game.ai.balance`); `--choices N` adds the
distinct orders the normal AI gives on each side's first three days over seeds 1..N. Exit code 0
whatever the figures: a report, not a gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.ai.balance import first_day_choices, format_report, report
from game.history.sweep import run_local, sweep
from game.paths import default_scenario
from game.scenario.loader import load_scenario


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--scenario", default=None)
    p.add_argument("--from", dest="source", default=None, help="a `sweep --format json` file")
    p.add_argument("--prc", default="ai:normal")
    p.add_argument("--roc", default="ai:normal")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--choices", type=int, default=0, metavar="N", help="seeds 1..N (0: skip)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    sc = load_scenario(args.scenario or default_scenario())
    if args.source:
        summary = json.loads(Path(args.source).read_text("utf-8"))
    else:
        jobs = args.jobs

        def runner(texts, job_list, prc, roc):  # type: ignore[no-untyped-def]
            return run_local(texts, job_list, prc, roc, jobs)

        summary = sweep(sc, [], args.seed, args.runs, args.prc, args.roc, runner)
    rep = report(summary["settings"][0], sc.cast.besieger)
    choices = first_day_choices(sc, range(1, args.choices + 1)) if args.choices else None
    if args.format == "json":
        print(json.dumps({"report": rep, "choices": choices}, sort_keys=True))
    else:
        print(
            f"{summary['scenario']}: PLA {summary['prc']} vs ROC {summary['roc']}, seeds "
            f"{summary['seed']}..{summary['seed'] + summary['runs'] - 1}"
        )
        print(format_report(rep, choices))
    return 0


if __name__ == "__main__":
    sys.exit(main())
