"""`report SAVE --out FILE.md [--csv FILE.csv]`: an after-action report of a saved game (the
report itself is built by `game.history.report_md`).

The output files are checked before any work: neither may be the save or the scenario (a
report written over its own save would destroy the game) nor each other, a folder, or in a
folder that does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.args import add_scenario, check_outputs
from game.history.report_md import build_report
from game.history.saves import SaveError, load_save
from game.paths import default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="after-action report (Markdown + CSV) of a saved game",
        description=__doc__,
    )
    p.add_argument("save", type=Path, metavar="SAVE", help="a saved game (JSON)")
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE.md",
        help="where to write the Markdown report",
    )
    p.add_argument(
        "--csv",
        type=Path,
        default=None,
        metavar="FILE.csv",
        help="also write the daily figures as CSV (one row per day)",
    )
    p.add_argument(
        "--charts",
        type=Path,
        default=None,
        metavar="FILE.png",
        help="also draw the charts (food, shells, tons landed, tension, losses) as a PNG",
    )
    p.add_argument("--lang", choices=("en", "zh-Hant"), default="en", help="the charts' language")
    add_scenario(p)
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    scenario = args.scenario or default_scenario()
    check_outputs(
        args,
        [("--out", args.out), ("--csv", args.csv), ("--charts", args.charts)],
        [("SAVE", args.save), ("--scenario", scenario)],
    )
    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        game = load_save(args.save, sc)
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    for notice in game.notices:  # an older save format, scenario or rules: say so
        print(f"note: {notice.text}", file=sys.stderr)
    md, table = build_report(game.scenario, game, str(args.save))
    try:
        args.out.write_text(md, encoding="utf-8")
        if args.csv is not None:
            args.csv.write_text(table, encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write the report: {exc}", file=sys.stderr)
        return 1
    if args.charts is not None:
        if args.charts.suffix.lower() != ".png":
            print(f"error: --charts {args.charts}: the file name must end in .png", file=sys.stderr)
            return 1
        # pygame draws the charts: imported here, so the report alone never loads it
        import os

        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        from game.history.series import ReplayDays, charts
        from game.ui.charts import export_charts

        sc = game.scenario
        try:
            export_charts(
                args.charts,
                charts(sc, ReplayDays.of_game(game).runs),
                args.lang,
                start=sc.meta.start,
            )
        except OSError as exc:
            print(f"error: cannot write the charts: {exc}", file=sys.stderr)
            return 1
    wrote = [str(p) for p in (args.out, args.csv, args.charts) if p is not None]
    print("wrote " + ", ".join(wrote), file=sys.stderr)
    return 0
