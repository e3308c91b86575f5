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

from game.ui.memory import MALLOC_TRIM

#: glibc's `malloc_trim`, called after each job (None where the C library has none). A turn
#: allocates and frees tens of megabytes of small objects, many in the job's thread; glibc
#: keeps what was freed in its per-thread heaps instead of giving it back, so a window's
#: resident memory grew by 10-25 MB from day 10 to day 70 of a game (`bench --only ui`) while
#: the objects alive grew by under 2 MB (the game record).
_TRIM = MALLOC_TRIM


#: jobs running now, and whether the collector was on before the first of them started
_running = 0
_was_enabled = False
_lock = threading.Lock()


def _collector_off() -> None:
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1


def _collector_back() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0 and _was_enabled:
            gc.enable()


class Job:
    """`fn()` run in a daemon thread.

    Python's cycle collector is off while the job runs: the job allocates a great deal, and
    the collections it would set off run in whichever thread happens to allocate, often the
    drawing one, where a full collection of the game's objects stops the window for a tenth
    of a second or more (measured by `kinmen-1958 bench --only ui`). Reference counting still
    frees everything else; the collector is switched back on when the last running job ends
    (the turn's job and the orders panel's odds jobs overlap: a job that switched it back on
    while another ran let a full collection stop the window for 170 ms), and catches up then,
    between frames of the report."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._value: Any = None
        self._error: BaseException | None = None
        _collector_off()
        self._thread = threading.Thread(target=self._run, name="kinmen-turn", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - raised again by `result`, in the drawing thread
            self._error = exc
        finally:
            _collector_back()
            if _TRIM is not None:
                _TRIM(0)  # ctypes lets go of the interpreter lock: frames go on meanwhile

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
