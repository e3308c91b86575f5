"""Argument types and checks shared by the subcommands.

Every number a command takes has documented bounds, every output file is checked against the
command's inputs, and every refusal is one argparse error line with exit status 2 (never a
traceback, never a silent clamp). Digits must be ASCII: `int("５")` and `date.fromisoformat`
accept other scripts' digits, which no one types on purpose.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

from game.paths import mods_dir

#: seeds are whole numbers 0..SEED_MAX (the generator scrambles any int, but a save stores the
#: seed as a JSON number and tools reading it should not need big integers)
SEED_MAX = 2**63 - 1
#: processes for `simulate --runs --jobs`: more than this only costs memory
MAX_JOBS = 64

_INT = re.compile(r"[+-]?[0-9]{1,30}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def _shown(text: str, limit: int = 40) -> str:
    """`text` quoted for an error line: control characters escaped, long input cut short."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def fail(args: argparse.Namespace, message: str) -> NoReturn:
    """Refuse a combination of arguments: `prog CMD: error: message` and exit status 2."""
    parser: argparse.ArgumentParser = args.parser
    parser.error(message)


def int_in(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `lo` to `hi` inclusive."""

    def parse(text: str) -> int:
        if not _INT.fullmatch(text.strip()):
            raise argparse.ArgumentTypeError(f"not a whole number: {_shown(text)}")
        value = int(text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"must be from {lo:,} to {hi:,}, not {value:,}")
        return value

    return parse


def seed(text: str) -> int:
    """An argparse type: a seed, 0..SEED_MAX."""
    return int_in(0, SEED_MAX)(text)


def seed_range(args: argparse.Namespace, first: int, count: int) -> None:
    """Refuse seeds first..first+count-1 that run past SEED_MAX."""
    if first + count - 1 > SEED_MAX:
        fail(args, f"--seed {first} with {count:,} runs goes past the largest seed ({SEED_MAX})")


def share(text: str) -> float:
    """An argparse type: a share from 0 to 1 (finite; `nan` and `inf` are refused)."""
    if not _NUMBER.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"not a number from 0 to 1: {_shown(text)}")
    value = float(text)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {_shown(text)}")
    return value


def date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD in ASCII digits."""
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {_shown(text)}")


def size(text: str) -> tuple[int, int]:
    """An argparse type: a window size WIDTHxHEIGHT, from 320x240 to 10000x10000."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(_INT.fullmatch(p.strip()) for p in parts):
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, not {_shown(text)}")
    w, h = (int(p) for p in parts)
    if not (320 <= w <= 10000 and 240 <= h <= 10000):
        raise argparse.ArgumentTypeError("size must be from 320x240 to 10000x10000")
    return w, h


def add_scenario(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario", type=Path, default=None, help="scenario file (default: the 1958 scenario)"
    )


#: `validate --mods` without a folder: the player's own mods folder (found when the command
#: runs, so that building the parser never looks up the platform's folders)
USER_MODS = Path("<the player's mods folder>")


def add_mods(p: argparse.ArgumentParser, *, optional_dir: bool = False) -> None:
    """`--mods DIR`: a mods folder whose scenarios are listed beside the player's own
    (`game.paths.mods_dir()`). With `optional_dir` (for `validate`) a bare `--mods` means the
    player's own folder (`USER_MODS`, see `mods_folder`)."""
    where = "the mods folder in the player's data folder"
    if optional_dir:
        p.add_argument(
            "--mods",
            type=Path,
            nargs="?",
            const=USER_MODS,
            default=None,
            metavar="DIR",
            help=f"check every scenario in the mods folder DIR (without DIR: {where})",
        )
        return
    p.add_argument(
        "--mods",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"a mods folder whose scenarios the New game list shows beside {where}'s",
    )


def add_watch(p: argparse.ArgumentParser) -> None:
    """`--watch`: notice edits of the scenario files while the window is open (the optional
    `watch` extra, `game.ui.watch`)."""
    p.add_argument(
        "--watch",
        action="store_true",
        help=(
            "watch the mods folders and the scenario files: the New game list reads them again, "
            "a running game says when its file changed (F5 reloads); needs the watch extra"
        ),
    )


def mods_folder(args: argparse.Namespace) -> Path | None:
    """The folder `--mods` names (`USER_MODS` made the player's own), or None."""
    folder: Path | None = getattr(args, "mods", None)
    if folder == USER_MODS:
        return mods_dir()
    if folder is not None and folder.exists() and not folder.is_dir():
        fail(args, f"--mods {folder} is not a folder")
    return folder


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name the same file (through links, `..` and the like).

    Two existing paths are compared by device and inode; when one does not exist yet, by their
    resolved absolute names (two outputs not yet written can still be the same file).
    """
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_outputs(
    args: argparse.Namespace,
    outputs: Iterable[tuple[str, Path | None]],
    inputs: Iterable[tuple[str, Path | None]],
) -> None:
    """Refuse output files that would overwrite an input or each other, or cannot be written.

    `outputs` and `inputs` are (argument name, path) pairs; a None path is skipped. An output
    must not be a folder and its folder must exist (nothing is created on a typo).
    """
    outs = [(name, path) for name, path in outputs if path is not None]
    ins = [(name, path) for name, path in inputs if path is not None]
    for i, (name, path) in enumerate(outs):
        if path.is_dir():
            fail(args, f"{name} {path} is a folder; give a file name")
        folder = path.parent
        if not folder.is_dir():
            fail(args, f"{name} {path}: the folder {folder} does not exist")
        for in_name, in_path in ins:
            if same_file(path, in_path):
                fail(
                    args,
                    f"{name} {path} is the same file as {in_name} {in_path}, an input of this "
                    "command: refusing to overwrite it",
                )
        for other_name, other_path in outs[i + 1 :]:
            if same_file(path, other_path):
                fail(args, f"{name} and {other_name} are the same file ({path}); give two files")
