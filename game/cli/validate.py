"""`validate PATH...`: every problem as FILE:LINE:COL: error: path: message, exit 1 if any."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.safeio import terminal_safe
from game.scenario.loader import read_scenario


def add_parser(sub: Any) -> None:
    p = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL errors")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    return run_validate(args.paths)


def run_validate(paths: Sequence[Path]) -> int:
    bad = 0
    for path in paths:
        sc, problems = read_scenario(path)
        for p in problems:
            print(p, file=sys.stderr)
        if sc is None:
            bad += 1
        else:
            warned = (
                f"; {len(problems):,} warning{'s' if len(problems) > 1 else ''}" if problems else ""
            )
            ok = (
                f"{path}: ok ({sc.id}, {len(sc.history)} historical days, "
                f"{len(sc.events)} events{warned})"
            )
            print(terminal_safe(ok))  # the path is the user's, but may hold escapes too
    return 1 if bad else 0
