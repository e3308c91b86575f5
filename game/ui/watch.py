"""`play --watch`: notice when a scenario file or a mods folder changes on disk.

A modder with the game open beside the editor should not have to remember F5: with `--watch`
the New game list reads the mods folders again by itself, and a running game shows "scenario
changed on disk — press F5 to reload" (it never reloads by itself: a game in progress is only
changed by the player's choice, see `game.ui.reload`).

The watching is done by `watchfiles` (the optional `watch` extra), in a thread of its own; it
only puts the changed paths in a queue, which the window's loop empties once a frame
(`App.step`), so nothing of the window is touched from the thread. `play` checks that the extra
is installed before the window opens (`game.cli.play`): without it `--watch` stops with one
line naming the extra, and the game never starts silently without the watching asked for.
Tests give the watcher a fake `source` and need no watchfiles.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

#: what the watcher reads changes from: (folders to watch, stop event) -> batches of paths
Source = Callable[[list[Path], threading.Event], Iterable[Iterable[Path]]]


def watchfiles_source(paths: list[Path], stop: threading.Event) -> Iterator[set[Path]]:
    """The changes `watchfiles` sees under `paths`, one set of paths per batch, until `stop`."""
    from watchfiles import watch  # the `watch` extra; `play --watch` checked it is installed

    for changes in watch(*paths, stop_event=stop, raise_interrupt=False):
        yield {Path(p) for _change, p in changes}


class Watcher:
    """Watches `paths` (folders or files that exist) in a daemon thread; `take()` drains."""

    def __init__(self, paths: Iterable[Path], source: Source | None = None) -> None:
        self.paths = [p for p in dict.fromkeys(paths) if p.exists()]
        self.source = source or watchfiles_source
        self._changed: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: why the watching stopped, when it failed (shown once by the window)
        self.failure = ""

    def start(self) -> Watcher:
        if self.paths and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="watch", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            for batch in self.source(self.paths, self._stop):
                for path in batch:
                    self._changed.put(Path(path))
                if self._stop.is_set():
                    return
        except Exception as exc:  # noqa: BLE001 - the watching must never take the game down
            self.failure = f"{type(exc).__name__}: {exc}"

    def take(self) -> list[Path]:
        """The paths changed since the last call, each once, in the order first seen."""
        out: dict[Path, None] = {}
        while True:
            try:
                out[self._changed.get_nowait()] = None
            except queue.Empty:
                return list(out)

    def stop(self, wait: float = 1.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the source to run out (a fake source in tests ends by itself)."""
        if self._thread is not None:
            self._thread.join(timeout)


def concerns(scenario_file: Path | None, changed: Iterable[Path]) -> bool:
    """Whether any of `changed` may be part of the scenario read from `scenario_file`: the
    file itself, or a file in a subfolder of its folder (a mod's `extends: parts/base.yaml`,
    its `sources:` texts, the shipped `base/rules.yaml`). Siblings are other scenarios and
    do not count; a base named by id is not followed (F5 then says nothing changed)."""
    if scenario_file is None:
        return False
    try:
        own = scenario_file.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    for path in changed:
        try:
            p = path.resolve()
        except (OSError, RuntimeError, ValueError):
            continue
        if p == own or (p.is_relative_to(own.parent) and p.parent != own.parent):
            return True
    return False
