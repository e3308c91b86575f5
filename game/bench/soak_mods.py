"""The soak's mods-folder cases: hostile mods folders, scanned and listed as the New game list
does (`game.scenario.modfolder.scan`), never raising and never reading outside the folder.

Each case builds a fresh mods folder from a random handful of ingredients: mutated scenario
files (one file, or a mod folder whose scenario `extends:` a mutated base in `parts/`), a file
over the size limit (sparse, so the disk is not filled), binary files, links out of the folder
(to a file, a folder and a FIFO outside), a FIFO inside, dangling links and link loops, names
with control characters or bytes that are not UTF-8, a scenario nested too deep to be listed,
two mods with one id, a folder over the names limit, and mods whose `extends:` or `sources:`
point out of the folder (`../`).

Outside the mods folder lies bait: a valid scenario (id `outside_secret`), a FIFO and a folder
holding a mod. An audit hook (`sys.addaudithook`, on only while a case runs) records every file
opened and folder listed under the soak's temporary folder; a case fails when one of them, all
links followed, is inside the bait folder, or when an entry holds the bait's scenario. A read of
the FIFO would hang the soak: that is the finding it would show.

There are no user locale overrides to soak: the game reads its words only from the package
(`game/words/locale/`), never from the player's folders.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.scenario.modfolder import MAX_DIR_ENTRIES, scan
from game.scenario.yamlsafe import MAX_BYTES

#: the id of the bait scenario outside the mods folder: no entry may ever hold it
BAIT_ID = "outside_secret"

#: a mutation of a file's bytes: (bytes, generator) -> bytes
Mutate = Callable[[bytes, random.Random], bytes]

_watch: dict[str, Any] = {"root": None, "seen": []}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Note the paths opened or listed under the soak's folder (while a case runs)."""
    root = _watch["root"]
    if root is None or event not in ("open", "os.scandir", "os.listdir"):
        return
    path = args[0] if args else None
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if isinstance(path, str) and path.startswith(root):
        _watch["seen"].append(path)


_hooked = False


def _hook() -> None:
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)  # an audit hook cannot be removed: it is idle between cases
        _hooked = True


def _with_id(base: bytes, sid: str) -> bytes:
    return base.replace(b"\nid: tiny\n", b"\nid: " + sid.encode() + b"\n", 1)


class ModsSoak:
    """Builds one hostile mods folder a case under `root` and scans it."""

    def __init__(self, root: Path, base_yaml: bytes, mutate: Mutate) -> None:
        self.root = root
        self.base = base_yaml
        #: the soak's byte mutation (`soak.mutate_bytes`), given so that this module does
        #: not import the soak that imports it
        self.mutate = mutate
        self.outside = root / "outside"
        self.mods = root / "mods"
        self.outside.mkdir(parents=True)
        (self.outside / "secret.yaml").write_bytes(_with_id(base_yaml, BAIT_ID))
        (self.outside / "secret.txt").write_text("not the mod's text\n", encoding="utf-8")
        (self.outside / "outside_mod").mkdir()
        (self.outside / "outside_mod" / "mod.yaml").write_bytes(_with_id(base_yaml, BAIT_ID))
        os.mkfifo(self.outside / "fifo.yaml")
        #: what the last case was built from (for a failure's message)
        self.made: list[str] = []

    def _ingredients(self) -> dict[str, Callable[[random.Random], None]]:
        return {
            "mutated": self._mutated,
            "folder_mod": self._folder_mod,
            "huge": self._huge,
            "binary": self._binary,
            "link_out": self._link_out,
            "fifo": self._fifo,
            "dangling": self._dangling,
            "loop": self._loop,
            "escape": self._escape,
            "odd_name": self._odd_name,
            "deep": self._deep,
            "same_id": self._same_id,
        }

    def build(self, rng: random.Random) -> None:
        if self.mods.exists():
            shutil.rmtree(self.mods)
        self.mods.mkdir()
        kinds = self._ingredients()
        self.made = rng.sample(sorted(kinds), rng.randint(1, 5))
        if rng.random() < 0.01:
            self.made.append("many")
        for n, kind in enumerate(self.made):
            if kind == "many":
                self._many()
            else:
                kinds[kind](random.Random(rng.random() + n))

    # -- ingredients ---------------------------------------------------------------------------

    def _mutated(self, rng: random.Random) -> None:
        raw = _with_id(self.base, f"m{rng.randrange(10**6)}")
        (self.mods / f"mutated{rng.randrange(100)}.yaml").write_bytes(self.mutate(raw, rng))

    def _folder_mod(self, rng: random.Random) -> None:
        folder = self.mods / "folder_mod"
        (folder / "parts").mkdir(parents=True, exist_ok=True)
        base = _with_id(self.base, "folder_base")
        main = (
            b"format: 1\nid: folder_mod\nextends: {path: parts/base.yaml}\n"
            b"meta:\n  title: {en: Folder mod, zh: \xe6\xa8\xa1\xe7\xb5\x84}\n"
        )
        if rng.random() < 0.5:
            base = self.mutate(base, rng)
        else:
            main = self.mutate(main, rng)
        (folder / "parts" / "base.yaml").write_bytes(base)
        (folder / "folder_mod.yaml").write_bytes(main)

    def _huge(self, rng: random.Random) -> None:
        with (self.mods / "huge.yaml").open("wb") as fh:
            fh.truncate(MAX_BYTES + rng.randint(1, 10**6))  # sparse: no disk used

    def _binary(self, rng: random.Random) -> None:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 4096)))
        (self.mods / f"binary{rng.randrange(100)}.yml").write_bytes(data)

    def _link_out(self, rng: random.Random) -> None:
        target = rng.choice(["secret.yaml", "outside_mod", "fifo.yaml", "secret.txt"])
        name = "linked_dir" if target == "outside_mod" else f"linked{rng.randrange(100)}.yaml"
        with _quiet():
            os.symlink(self.outside / target, self.mods / name)

    def _fifo(self, rng: random.Random) -> None:
        with _quiet():
            os.mkfifo(self.mods / "pipe.yaml")

    def _dangling(self, rng: random.Random) -> None:
        with _quiet():
            os.symlink(self.mods / "nowhere" / "x.yaml", self.mods / "dangling.yaml")

    def _loop(self, rng: random.Random) -> None:
        with _quiet():
            os.symlink(self.mods / "loop_b.yaml", self.mods / "loop_a.yaml")
            os.symlink(self.mods / "loop_a.yaml", self.mods / "loop_b.yaml")

    def _escape(self, rng: random.Random) -> None:
        """A mod whose `extends:` or `sources:` names a file out of its folder."""
        folder = self.mods / "escape"
        folder.mkdir(exist_ok=True)
        way = rng.choice(["../../outside/secret.yaml", "../outside/secret.yaml", "/etc/passwd"])
        if rng.random() < 0.5:
            text = f"format: 1\nid: escape\nextends: {{path: {way}}}\n".encode()
        else:
            text = (
                _with_id(self.base, "escape")
                + (
                    "sources:\n  - {id: notes, title: Notes, licence: CC0, "
                    f"file: {way.replace('secret.yaml', 'secret.txt')}}}\n"
                ).encode()
            )
        if rng.random() < 0.3:
            text = self.mutate(text, rng)
        (folder / "escape.yaml").write_bytes(text)

    def _odd_name(self, rng: random.Random) -> None:
        name = rng.choice([b"\x1b]0;title\x07.yaml", b"bad\xff\xfe.yaml", b"new\nline.yaml"])
        with _quiet():
            (self.mods / os.fsdecode(name)).write_bytes(_with_id(self.base, "odd_name"))

    def _deep(self, rng: random.Random) -> None:
        deep = self.mods / "a" / "b" / "c"
        deep.mkdir(parents=True, exist_ok=True)
        (deep / "deep.yaml").write_bytes(_with_id(self.base, "deep"))

    def _same_id(self, rng: random.Random) -> None:
        for name in ("twin_a.yaml", "twin_b.yaml"):
            (self.mods / name).write_bytes(_with_id(self.base, "twin"))

    def _many(self) -> None:
        folder = self.mods / "many"
        folder.mkdir(exist_ok=True)
        for i in range(MAX_DIR_ENTRIES + 5):
            (folder / f"f{i:04d}.txt").touch()

    # -- the case ----------------------------------------------------------------------------

    def run(self) -> str:
        """Scan and list the folder as the New game list does; check what was read."""
        _hook()
        _watch["root"], _watch["seen"] = str(self.root), []
        try:
            entries = scan(self.mods)
            rows = []
            for e in entries:
                rows.append(f"{e.name} {e.state} {e.first_error_short()}")
                rows.extend(str(p) for p in e.problems)
        finally:
            _watch["root"] = None
        seen = list(_watch["seen"])
        outside = self.outside.resolve()
        for path in seen:
            try:
                real = Path(path).resolve()
            except (OSError, RuntimeError, ValueError):
                continue
            if real.is_relative_to(outside):
                raise AssertionError(f"read outside the mods folder: {path} ({self.made})")
        for e in entries:
            if e.scenario is not None and e.scenario.id == BAIT_ID:
                raise AssertionError(f"an entry holds the scenario outside: {e.path}")
        for row in rows:
            if "\x1b" in row or "\x07" in row or "\n" in row:
                raise AssertionError(f"a control character in a listed row: {row!r}")
        playable = sum(e.playable for e in entries)
        if not entries:
            return "nothing listed"
        return "listed, some playable" if playable else "listed, none playable"


def _quiet() -> contextlib.suppress:
    """Skip an ingredient the file system refuses (a name it does not allow, a FIFO where
    FIFOs are not supported): the other ingredients still make the case."""
    return contextlib.suppress(OSError)
