"""The computer's orders worked out in a process of its own, beside the window.

Why a process and not only a thread: the turn's job (`game.ui.worker.Job`) runs in a thread,
but Python runs one thread's code at a time. While the hard AI thinks in pure Python, the
drawing thread waits for the interpreter lock after each call that let go of it (a blit, a
fill, a text render), up to the switch interval (5 ms) each time: a frame of 8-15 ms of its
own work took 40-80 ms of wall-clock (`kinmen-1958 bench --only ui`). In a process the AI
runs on another core and the drawing thread keeps the lock; the job's thread only waits for
the answer, which lets go of the lock.

The process gets the scenario once (pickled, when it starts) and then, per question, the
state, the side and the player; it answers with the orders and the player as it is after
answering (a search AI draws from its own generator, whose position must come back so the
next day's orders are the ones the same game would get in one process). It asks through
`ask_orders`, the one call that shows a player only its side's observation. No pygame here:
the process never imports the window.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from typing import Any

from game.engine.run import ask_orders
from game.engine.state import State
from game.scenario.model import Scenario
from game.scenario.orders import Order

#: how much lower the thinker's scheduling priority is than the window's (Unix `nice`)
THINKER_NICENESS = 10

#: the process's scenario, installed when it starts (`_install`)
_SCENARIO: Scenario | None = None


def _install(blob: bytes) -> None:
    """The process's start: its scenario. Ctrl+C in the terminal reaches the whole process
    group; the window decides what it means (and ends this process), so it is ignored here
    rather than printing this process's traceback under the window's."""
    global _SCENARIO
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # Unix
        # the window's frames come first: on a busy machine the scheduler took the drawing
        # thread off its core for 20-40 ms in a frame while this process thought beside
        # it; the computer's turn takes longer there instead
        os.nice(THINKER_NICENESS)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()
    _SCENARIO = pickle.loads(blob)


def _end_with(sentinel: int) -> None:
    """End this process when the window's ends: a window killed or crashed never gets to
    close the pool, and its thinker stayed behind, idle, for good (measured: a parent
    killed with SIGKILL left its child running)."""
    wait([sentinel])
    os._exit(0)


def _ready() -> bool:
    return _SCENARIO is not None


def _think(state: State, side: str, player: Any) -> tuple[list[Order], Any]:
    assert _SCENARIO is not None, "the thinker's process was started without its scenario"
    orders = ask_orders(_SCENARIO, state, side, player)
    return orders, player


def ask_here(sc: Scenario, state: State, side: str, player: Any) -> tuple[list[Order], Any]:
    """The same question answered in this process (tests, the command line, a failed
    process): the orders and the player after answering."""
    return ask_orders(sc, state, side, player), player


class Thinker:
    """One process that answers `ask` for one scenario. `start` spawns it (in the
    background: the window goes on while it imports the engine and unpacks the scenario),
    `close` ends it.

    "spawn", not "fork": the window's process has threads and SDL's state, which a forked
    child would copy half-way; spawn is also what Windows and macOS do."""

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[bool] | None = None
        #: questions answered here because the process had died (a note for the player)
        self.fallbacks = 0

    def start(self) -> None:
        if self._pool is not None:
            return
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_install,
            initargs=(pickle.dumps(self.sc, protocol=pickle.HIGHEST_PROTOCOL),),
        )
        # the pool starts its process on the first task: start it now, not on the first
        # "End turn"
        self._warm = self._pool.submit(_ready)

    def ask(self, sc: Scenario, state: State, side: str, player: Any) -> tuple[list[Order], Any]:
        """`side`'s orders from `player` (and the player after answering). Blocks the
        calling thread (the turn's job), not the window. A question about another scenario,
        or one the process could not answer because it died, is answered here."""
        if sc is not self.sc:
            return ask_here(sc, state, side, player)
        self.start()
        assert self._pool is not None
        try:
            return self._pool.submit(_think, state, side, player).result()
        except BrokenProcessPool:
            # the process was killed (out of memory, a signal): answer here, and start a
            # new one for the next question
            self._drop()
            self.fallbacks += 1
            return ask_here(sc, state, side, player)

    def pid(self) -> int | None:
        """The process's id once it runs (the benchmark reads its memory)."""
        if self._pool is None:
            return None
        processes = getattr(self._pool, "_processes", None) or {}
        return next(iter(processes), None)

    def _drop(self) -> None:
        pool, self._pool, self._warm = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """End the process (the window closes, or another scenario is played)."""
        self._drop()
