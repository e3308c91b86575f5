"""Work done beside the drawing loop: the end of a turn (the computer's orders and the day's
resolution) runs in a thread, so the window keeps drawing and answering while the hard AI
thinks.

The engine is a pure function of (state, orders, rng) that builds a new state and never changes
the old one, so the screen may keep drawing the day being resolved; it takes the result only
when the job is done (`poll`). One job at a time; an exception in the job is raised again by
`result`, in the drawing thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any


class Job:
    """`fn()` run in a daemon thread.

    Python's cycle collector is off while the job runs: the job allocates a great deal, and
    the collections it would set off run in whichever thread happens to allocate, often the
    drawing one, where a full collection of the game's objects stops the window for a tenth
    of a second or more (measured by `kinmen-1958 bench --only ui`). Reference counting still
    frees everything else; the collector is switched back on when the job ends, and catches
    up then, between frames of the report."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._value: Any = None
        self._error: BaseException | None = None
        self._collect = gc.isenabled()
        gc.disable()
        self._thread = threading.Thread(target=self._run, name="kinmen-turn", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - raised again by `result`, in the drawing thread
            self._error = exc
        finally:
            if self._collect:
                gc.enable()

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the job (tests and the command line); True when it is done."""
        self._thread.join(timeout)
        return self.done()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value
