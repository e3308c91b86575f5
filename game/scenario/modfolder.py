"""Find and check the scenarios in a mods folder, for the New game list and `validate --mods`.

A mods folder is written by strangers (a mod downloaded from a forum, unzipped by hand), so
finding its scenarios must never raise, hang or follow a path out of it. What it holds:

- `NAME.yaml` (or `.yml`) at the top: one scenario;
- `NAME.zh-Hant.yaml` beside a scenario: its translation catalogue (game/scenario/translations.py),
  not a scenario;
- a folder `NAME/`: one mod, whose top-level `*.yaml` files are its scenarios; its subfolders
  hold what those files use (bases named by `extends: parts/base.yaml`, `sources:` texts) and
  are not listed themselves;
- anything else (a README, a picture, a hidden file such as `.DS_Store`) is skipped.

Every scenario found is validated with its warnings (`read_scenario`), so the list can say
ok / N warnings / error. Whatever cannot be read becomes an entry with one problem in the
usual `FILE:LINE:COL: error: ...` form (line 1, column 1 when no line applies): a link whose
target is outside the folder, a pipe or device, a folder that cannot be opened, a file over
the size limit, a name used by a shipped scenario or an earlier mod. The work is bounded:
only two levels are looked at, at most `MAX_DIR_ENTRIES` names a folder and `MAX_SCENARIOS`
scenarios in all, and each file goes through the loader's own limits (docs/limits.md).
Nothing in a mod is executed: it is data read by the same loader as the shipped scenarios.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.safeio import display_name, terminal_safe
from game.scenario.errors import Problem
from game.scenario.loader import read_scenario
from game.scenario.model import Scenario
from game.scenario.translations import is_catalogue, scenario_files

#: names read from one folder (the mods folder, or one mod's folder); a folder with more is
#: listed in part, with a problem saying so
MAX_DIR_ENTRIES = 1_000
#: scenarios listed from one mods folder; the rest are counted in one more entry
MAX_SCENARIOS = 100
#: file name endings that make a scenario
SUFFIXES = (".yaml", ".yml")

#: a function that reads a scenario file: (scenario or None, problems)
Reader = Callable[[Path], "tuple[Scenario | None, list[Problem]]"]


@dataclass(frozen=True)
class ModEntry:
    """One line of the scenario list: a file found, and what checking it gave."""

    #: the file as found in the folder (not resolved: a link keeps its own name)
    path: Path
    #: where it was found: "shipped" (scenarios/), "example" (scenarios/mods/), "mods" (a
    #: mods folder)
    origin: str
    scenario: Scenario | None
    problems: tuple[Problem, ...] = field(default=())
    #: the mods folder it was found in (None for the shipped ones)
    folder: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def playable(self) -> bool:
        return self.scenario is not None and not self.errors

    @property
    def state(self) -> str:
        """ "ok", "warnings" or "error": what the list shows beside the title."""
        if not self.playable:
            return "error"
        return "warnings" if self.warnings else "ok"

    @property
    def first_error(self) -> Problem | None:
        errors = self.errors
        return errors[0] if errors else None

    @property
    def name(self) -> str:
        """The file's name inside its mods folder (`my_mod/variant.yaml`), drawable (a name
        that is not UTF-8 comes back from the OS with surrogates)."""
        name = display_name(self.path)
        if self.folder is not None and self.path.parent != self.folder:
            return f"{display_name(self.path.parent)}/{name}"
        return name

    def first_error_short(self) -> str:
        """The first error as `NAME:LINE:COL: message`, for one row of a list."""
        p = self.first_error
        if p is None:
            return ""
        return terminal_safe(f"{self.name}:{p.line}:{p.col}: {p.message}")


def _refused(path: Path, origin: str, message: str, folder: Path | None = None) -> ModEntry:
    return ModEntry(path, origin, None, (Problem(str(path), 1, 1, (), message),), folder)


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link followed, is inside `root` (already resolved)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL
        return False


def _listing(folder: Path) -> tuple[list[os.DirEntry[str]], str]:
    """The first `MAX_DIR_ENTRIES` entries of `folder` sorted by name, and a problem (or "")."""
    entries: list[os.DirEntry[str]] = []
    more = False
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if len(entries) >= MAX_DIR_ENTRIES:
                    more = True
                    break
                entries.append(entry)
    except OSError as exc:
        return [], f"cannot open the folder: {exc.strerror or exc}"
    entries.sort(key=lambda e: e.name)
    why = f"more than {MAX_DIR_ENTRIES:,} names in this folder; only the first are read"
    return entries, why if more else ""


def _kind(entry: os.DirEntry[str]) -> str:
    """ "dir", "file" or "other" for `entry`, following links (a broken link is "file": the
    reader then says it is missing)."""
    try:
        mode = entry.stat(follow_symlinks=True).st_mode
    except OSError:
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file"


def _is_scenario_name(name: str) -> bool:
    """A YAML file that is not hidden and not a translation catalogue (`NAME.zh-Hant.yaml`)."""
    return not name.startswith(".") and name.lower().endswith(SUFFIXES) and not is_catalogue(name)


def find(folder: Path, origin: str = "mods") -> tuple[list[Path], list[ModEntry]]:
    """The scenario files in the mods folder `folder`, and entries for what cannot be read.

    A file is returned only when it (every link followed) is inside the folder; a link out of
    it, a folder that cannot be opened and a folder with too many names become entries with
    their problem instead. A missing mods folder is an empty one (nothing was installed yet).
    """
    try:
        root = folder.resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        return [], [_refused(folder, origin, f"cannot open the mods folder: {exc}")]
    if not folder.exists():
        return [], []
    if not folder.is_dir():
        return [], [_refused(folder, origin, "the mods folder is not a folder")]
    files: list[Path] = []
    bad: list[ModEntry] = []

    def take(path: Path) -> None:
        if _inside(path, root):
            files.append(path)
        else:
            bad.append(_refused(path, origin, "a link to a file outside the mods folder", folder))

    entries, why = _listing(folder)
    if why:
        bad.append(_refused(folder, origin, why))
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            continue
        if _kind(entry) == "dir":
            if not _inside(path, root):
                bad.append(
                    _refused(path, origin, "a link to a folder outside the mods folder", folder)
                )
                continue
            inner, inner_why = _listing(path)
            if inner_why:
                bad.append(_refused(path, origin, inner_why, folder))
            for sub in inner:
                if _is_scenario_name(sub.name) and _kind(sub) != "dir":
                    take(path / sub.name)
        elif _is_scenario_name(entry.name):
            take(path)
    return files, bad


def check(
    files: Iterable[Path],
    origin: str = "mods",
    taken: dict[str, Path] | None = None,
    read: Reader | None = None,
    folder: Path | None = None,
) -> list[ModEntry]:
    """Each file validated (with warnings) as an entry, at most `MAX_SCENARIOS` of them.

    `taken` maps the ids already listed (the shipped scenarios') to their files; a scenario
    whose id is taken is an error, since saves tell scenarios apart by id. It is updated with
    the ids of the files checked here.
    """
    read = read or _read
    taken = taken if taken is not None else {}
    out: list[ModEntry] = []
    files = list(files)
    for path in files[:MAX_SCENARIOS]:
        sc, problems = read(path)
        if sc is not None and sc.id in taken:
            clash = Problem(
                str(path),
                1,
                1,
                ("id",),
                f"id '{sc.id}' is already the id of {taken[sc.id]}; give this scenario its own id",
            )
            out.append(ModEntry(path, origin, None, (clash, *problems), folder))
            continue
        if sc is not None:
            taken[sc.id] = path
        out.append(ModEntry(path, origin, sc, tuple(problems), folder))
    if len(files) > MAX_SCENARIOS:
        more = len(files) - MAX_SCENARIOS
        last = files[MAX_SCENARIOS]
        out.append(
            _refused(
                last,
                origin,
                f"{more:,} more scenarios not listed (the limit is {MAX_SCENARIOS:,} a folder)",
            )
        )
    return out


def _read(path: Path) -> tuple[Scenario | None, list[Problem]]:
    return read_scenario(path, warnings=True)


def scan(
    folder: Path,
    origin: str = "mods",
    taken: dict[str, Path] | None = None,
    read: Reader | None = None,
) -> list[ModEntry]:
    """Every scenario of the mods folder `folder` checked, then what could not be read."""
    files, bad = find(folder, origin)
    return check(files, origin, taken, read, folder) + bad


def shipped_files(scenarios_dir: Path) -> list[tuple[Path, str]]:
    """The game's own scenarios, then its example mods (`scenarios/base/` holds defaults, not
    games), each with its origin."""
    files = [(f, "shipped") for f in scenario_files(scenarios_dir)]
    return files + [(f, "example") for f in scenario_files(scenarios_dir / "mods")]


def catalogue(
    scenarios_dir: Path,
    mods_dirs: Iterable[Path],
    read_shipped: Reader,
    read: Reader | None = None,
) -> list[ModEntry]:
    """Every scenario the New game list offers: the shipped ones (read with `read_shipped`,
    which the window points at its cache of loaded scenarios), then each mods folder's.

    A mods folder given twice (the user's folder and the same one by `--mods`) is scanned once.
    """
    out: list[ModEntry] = []
    taken: dict[str, Path] = {}
    for path, origin in shipped_files(scenarios_dir):
        sc, problems = read_shipped(path)
        if sc is not None:
            taken.setdefault(sc.id, path)
        out.append(ModEntry(path, origin, sc, tuple(problems)))
    seen: set[Path] = set()
    for folder in mods_dirs:
        try:
            key = folder.resolve()
        except (OSError, RuntimeError, ValueError):
            key = folder
        if key in seen:
            continue
        seen.add(key)
        out += scan(folder, "mods", taken, read)
    return out
