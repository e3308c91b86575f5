"""`validate PATH... [--mods [DIR]]`: every problem as FILE:LINE:COL: error: path: message,
exit 1 if any file has an error (warnings alone exit 0).

`--untranslated LANG` also lists, for each file that loads, its English-only texts (assumption
reasons, weapons, record notes) that its `LANG` catalogue (`NAME.LANG.yaml` beside it,
game/scenario/translations.py) does not translate, as catalogue entries to fill in; exit 1
when any is missing, so a modder's check fails until the catalogue is complete.

`--mods DIR` checks every scenario of a mods folder the way the New game list finds them
(`game.scenario.modfolder`): what the list would show as broken, including what cannot be read
at all (a link out of the folder, a pipe, a file over the limit), is printed here too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.cli.args import add_mods, fail, mods_folder
from game.paths import scenarios_dir
from game.safeio import terminal_safe
from game.scenario.errors import Problem
from game.scenario.loader import read_scenario
from game.scenario.model import Scenario
from game.scenario.modfolder import catalogue
from game.scenario.translations import LANGS, TEXT_KEY, catalogue_path, untranslated


def add_parser(sub: Any) -> None:
    p = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL errors")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    add_mods(p, optional_dir=True)
    p.add_argument(
        "--untranslated",
        choices=LANGS,
        metavar="LANG",
        help="list the texts a file's LANG catalogue (NAME.LANG.yaml) lacks, as entries to fill",
    )
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    folder = mods_folder(args)
    if not args.paths and folder is None:
        fail(args, "give the scenario files to check (PATH...) or a mods folder (--mods DIR)")
    status = run_validate(args.paths, getattr(args, "untranslated", None))
    if folder is not None:
        status = max(status, run_validate_mods(folder))
    return status


def _report(path: Path, sc: Scenario | None, problems: Sequence[Problem]) -> bool:
    """Print a file's problems and, when it loads, its ok line; whether it loads."""
    for p in problems:
        print(p, file=sys.stderr)
    if sc is None or any(p.severity == "error" for p in problems):
        return False
    warned = f"; {len(problems):,} warning{'s' if len(problems) > 1 else ''}" if problems else ""
    ok = f"{path}: ok ({sc.id}, {len(sc.history)} historical days, {len(sc.events)} events{warned})"
    print(terminal_safe(ok))  # the path is the user's, but may hold escapes too
    return True


def run_validate(paths: Sequence[Path], lang: str | None = None) -> int:
    bad = 0
    for path in paths:
        sc, problems = read_scenario(path)
        bad += not _report(path, sc, problems)
        if sc is not None and lang is not None:
            bad += not _untranslated(path, sc, lang)
    return 1 if bad else 0


def _untranslated(path: Path, sc: Scenario, lang: str) -> bool:
    """Print the texts of `sc` its `lang` catalogue lacks, as entries to paste into it (the
    English as the key, an empty translation, where the text is as a comment); whether none."""
    missing = untranslated(sc, lang)
    where = catalogue_path(path, lang)
    if not missing:
        print(terminal_safe(f"{path}: every text has a {lang} translation ({where})"))
        return True
    print(terminal_safe(f"# {path}: {len(missing):,} texts without a {lang} translation"))
    print(terminal_safe(f"# add these to {where} under strings:"))
    for m in missing:
        text = json.dumps(m.text, ensure_ascii=False)
        print(terminal_safe(f"  - en: {text}  # {m.where}"))
        print(f'    {TEXT_KEY[lang]}: ""')
    return False


def _read_shipped(path: Path) -> tuple[Scenario | None, list[Problem]]:
    return read_scenario(path, warnings=False)


def run_validate_mods(folder: Path) -> int:
    """Every scenario of the mods folder `folder`; a line saying so when it holds none."""
    entries = [e for e in catalogue(scenarios_dir(), [folder], _read_shipped) if e.origin == "mods"]
    if not entries:
        print(terminal_safe(f"{folder}: no scenarios (*.yaml files or folders of them)"))
    bad = sum(not _report(e.path, e.scenario, e.problems) for e in entries)
    return 1 if bad else 0
