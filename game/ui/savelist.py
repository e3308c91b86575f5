"""The saved games the load screen lists, and where a campaign's autosaves go.

Each campaign (a scenario and a seed) autosaves into its own folder,
`<saves>/autosaves/<scenario>-<seed>/`, so starting a new game never removes another
campaign's autosaves (the saves module keeps the newest few of each folder). The list reads
each save's header (scenario, seed, day) and the side file the UI keeps beside it (who plays
which side), so it can say "Autosave · Kinmen 1958 · day 12" over "ROC against the
computer's PLA (Hard) · saved ...".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.state import rules_sha256
from game.safeio import ReadRefused, loads_json, read_regular
from game.scenario.model import other
from game.ui.session import MAX_SIDE_FILE_BYTES, Mode, campaign_dir, mode_file
from game.ui.settings import saves_dir

__all__ = [
    "SaveInfo",
    "all_saves",
    "campaign_dir",
    "describe",
    "describe_lines",
    "latest",
    "read_info",
]

#: a save bigger than this is not read for the list (it says so when it is loaded)
MAX_LIST_BYTES = 8 * 1024 * 1024


@dataclass
class SaveInfo:
    path: Path
    auto: bool
    mtime: float
    scenario_id: str = ""
    seed: int = 0
    day: int | None = None
    mode: Mode | None = None
    #: the rules hash of the scenario the save was played with ("" when unknown)
    rules_sha256: str = ""

    def older_than(self, sc: Any) -> bool:
        """True when `sc` (the scenario as shipped now) has other rules than the save's: the
        list then says "older version of <title>" (a format-3 save plays its own copy)."""
        return bool(self.rules_sha256) and self.rules_sha256 != rules_sha256(sc)


def read_info(path: Path, auto: bool) -> SaveInfo:
    """What the list shows of a save; fields stay empty when the file cannot be read."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    info = SaveInfo(path, auto, mtime)
    # Bounded reads and depth-checked JSON: a save folder may hold anything (a FIFO, a deeply
    # nested file), and listing must never hang or raise.
    try:
        body = loads_json(read_regular(path, MAX_LIST_BYTES)).get("body", {})
        info.scenario_id = str(body.get("scenario", {}).get("id", ""))
        info.rules_sha256 = str(body.get("scenario", {}).get("rules_sha256", ""))
        info.seed = int(body.get("seed", 0))
        day = body.get("final", {}).get("day")
        info.day = int(day) if isinstance(day, int) else None
    except (ReadRefused, ValueError, AttributeError, TypeError):
        pass
    try:
        raw = read_regular(mode_file(path), MAX_SIDE_FILE_BYTES)
        info.mode = Mode.from_dict(loads_json(raw))
    except (ReadRefused, ValueError, AttributeError, TypeError, KeyError):
        info.mode = None
    return info


def _jsons(folder: Path) -> list[Path]:
    try:
        return [
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix == ".json" and not p.name.endswith(".mode.json")
        ]
    except OSError:
        return []


def _save_paths(folder: Path) -> list[tuple[Path, bool]]:
    """Every save file (path, whether an autosave): manual saves, each campaign's autosaves
    and autosaves written before campaigns had folders."""
    found = [(p, p.name.startswith("autosave-")) for p in _jsons(folder)]
    try:
        campaigns = [d for d in (folder / "autosaves").iterdir() if d.is_dir()]
    except OSError:
        campaigns = []
    for d in campaigns:
        found += [(p, True) for p in _jsons(d)]
    return found


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def all_saves(folder: Path | None = None) -> list[SaveInfo]:
    """Every save, newest first: manual saves, each campaign's autosaves and autosaves
    written before campaigns had folders."""
    found = [read_info(p, auto) for p, auto in _save_paths(folder or saves_dir())]
    return sorted(found, key=lambda i: (i.mtime, i.path.name), reverse=True)


def latest(folder: Path | None = None) -> SaveInfo | None:
    """The save "Continue" resumes: the newest that has a day. The saves are read newest
    first, and only until one has a day: the main menu asks at every launch, and reading
    (and depth-checking) every save took half a second of the first frame with six saves."""
    paths = _save_paths(folder or saves_dir())
    for path, auto in sorted(paths, key=lambda pa: (_mtime(pa[0]), pa[0].name), reverse=True):
        info = read_info(path, auto)
        if info.day is not None:
            return info
    return None


def describe_lines(info: SaveInfo, loc: Any, title: str, when: str) -> tuple[str, str]:
    """An entry of the load list in two lines: what the save is (autosave or saved game),
    the scenario and the day; then who plays whom (the difficulty included) and when it was
    saved. One line cut the difficulty at 200 % ("解放軍對電腦國軍（…"), and a manual save
    had no label where an autosave said "Autosave"."""
    mode = info.mode
    if mode is None:
        who = loc.t("load.who_unknown")
    elif mode.kind == "hotseat":
        who = loc.t("load.who_hotseat")
    elif mode.kind == "watch":
        who = loc.t("load.who_watch")
    else:
        who = loc.t(
            "load.who_ai",
            side=loc.side(mode.human),
            opponent=loc.side(other(mode.human)),
            level=loc.t(f"level.{mode.level}"),
        )
    # the header holds the state's day (0 = the first); the game screen counts from 1
    day = "?" if info.day is None else str(info.day + 1)
    key = "load.auto_head" if info.auto else "load.saved_head"
    return loc.t(key, title=title, day=day), loc.t("load.entry_detail", who=who, when=when)


def describe(info: SaveInfo, loc: Any, title: str, when: str) -> str:
    """An entry of the load list in one line (the "Loaded ..." note): its two lines joined
    by the middle dot that parts their own pieces."""
    return " · ".join(describe_lines(info, loc, title, when))
