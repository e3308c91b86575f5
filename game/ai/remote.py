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

A plain child process talking over its standard input and output, not `multiprocessing`:
"fork" copies the window's threads and SDL's state half-way, and "spawn" (what Windows and
macOS do anyway) also starts `multiprocessing`'s resource tracker, a third process of 13.5 MB
that only watches the pool's semaphores, and imports the launching program's main module
again in the child. The child here imports this module and what the AI needs, nothing else.
Each message is a pickle with its length before it (`_send`, `_receive`); only this game's
two processes write them. The child ends when its input does: when the window closes it, or
when the window's process ends in any way, killed included (the system closes its pipes).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from game.engine.run import ask_orders
from game.engine.state import State
from game.scenario.model import Scenario
from game.scenario.orders import Order

#: how much lower the thinker's scheduling priority is than the window's (Unix `nice`)
THINKER_NICENESS = 10

#: how long the process may take to start and read its scenario (0.6 s measured; a slow
#: disk or a busy machine may take many times that) before its questions are answered here
READY_WITHIN_S = 120.0

#: the folder `game` is in: the child imports the same code as the window, from a checkout too
_CODE_ROOT = Path(__file__).resolve().parent.parent.parent

#: the child's program: this module's `serve` (imported under its own name, so the functions
#: the window names by reference, `_think` among them, see the scenario `serve` installs)
_CHILD = "from game.ai.remote import serve; serve()"

_LENGTH = struct.Struct(">Q")

#: the process's scenario, installed when it starts (`serve`)
_SCENARIO: Scenario | None = None


class ThinkerGone(Exception):
    """The process ended (killed, out of memory) before it answered."""


def _send(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read_exactly(stream: IO[bytes], n: int) -> bytes:
    parts: list[bytes] = []
    while n > 0:
        part = stream.read(n)
        if not part:
            raise EOFError("the other process closed the pipe")
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _receive(stream: IO[bytes]) -> Any:
    (n,) = _LENGTH.unpack(_read_exactly(stream, _LENGTH.size))
    return pickle.loads(_read_exactly(stream, n))


def serve() -> None:
    """The child's life: install the scenario, then answer each call until the input ends.

    Ctrl+C in the terminal reaches the whole process group: the window decides what it means
    (and ends this process), so it is ignored here rather than printing this process's
    traceback under the window's. The pipes are taken off the standard streams first, so
    that a stray `print` goes to the terminal's error stream, not into the answers."""
    global _SCENARIO
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # Unix
        # the window's frames come first: on a busy machine the scheduler took the drawing
        # thread off its core for 20-40 ms in a frame while this process thought beside
        # it; the computer's turn takes longer there instead
        os.nice(THINKER_NICENESS)
    calls = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        _SCENARIO = _receive(calls)
        while True:
            try:
                fn, args = _receive(calls)
            except EOFError:
                return  # the window closed the pipe, or its process ended
            try:
                answer: tuple[str, Any] = ("ok", fn(*args))
            except Exception as exc:  # noqa: BLE001 - raised again in the window, where it asked
                answer = ("error", exc)
            try:
                _send(answers, answer)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                _send(answers, ("error", RuntimeError(f"unpicklable answer: {exc!r}")))
    except (BrokenPipeError, EOFError):
        return  # the window's process ended while this one thought


def _think(state: State, side: str, player: Any) -> tuple[list[Order], Any]:
    assert _SCENARIO is not None, "the thinker's process was started without its scenario"
    orders = ask_orders(_SCENARIO, state, side, player)
    return orders, player


def ask_here(sc: Scenario, state: State, side: str, player: Any) -> tuple[list[Order], Any]:
    """The same question answered in this process (tests, the command line, a failed
    process): the orders and the player after answering."""
    return ask_orders(sc, state, side, player), player


class _Child:
    """One running process and its pipes: `ready` once the scenario has gone through,
    `talk` held for one question and its answer."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self.popen = popen
        self.ready = threading.Event()
        self.talk = threading.Lock()
        self.alive = True

    def end(self) -> None:
        self.alive = False
        self.popen.kill()
        self.popen.wait()
        for pipe in (self.popen.stdin, self.popen.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # the other end is gone: nothing to flush
                    pipe.close()


class Thinker:
    """One process that answers `ask` for one scenario. `start` starts it (in the
    background: the window goes on while it imports the engine and unpacks the scenario),
    `close` ends it. A thread-safe object: the window starts it, the turn's job asks."""

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self._child: _Child | None = None
        self._guard = threading.Lock()  # who starts or drops `_child`
        #: questions answered here because the process had died (a note for the player)
        self.fallbacks = 0

    def start(self) -> None:
        with self._guard:
            if self._child is not None:
                return
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(_CODE_ROOT), env.get("PYTHONPATH", "")) if p
            )
            try:
                popen = subprocess.Popen(
                    [sys.executable, "-c", _CHILD],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                )
            except OSError:
                return  # no interpreter to start (an embedded one): `call` answers here
            child = self._child = _Child(popen)
        # pickled (877 KB) and sent from a thread of its own: the pipe holds 64 KB and the
        # process reads the scenario once it has imported the engine, half a second later
        threading.Thread(target=self._send_scenario, args=(child, self.sc), daemon=True).start()

    @staticmethod
    def _send_scenario(child: _Child, sc: Scenario) -> None:
        try:
            assert child.popen.stdin is not None
            _send(child.popen.stdin, sc)
        except (OSError, ValueError, pickle.PicklingError):  # the first question says so
            child.alive = False
        finally:
            child.ready.set()

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` in the process (`fn` named by reference: a function of a module, or a
        builtin); raises what it raised, or `ThinkerGone`."""
        self.start()
        child = self._child
        if child is None:  # closed meanwhile
            raise ThinkerGone("the thinker was closed")
        if not child.ready.wait(READY_WITHIN_S):
            child.alive = False  # stuck before it read its scenario: answered here
        with child.talk:
            if not child.alive:
                raise ThinkerGone("the thinker's process has ended")
            try:
                assert child.popen.stdin is not None and child.popen.stdout is not None
                _send(child.popen.stdin, (fn, args))
                kind, value = _receive(child.popen.stdout)
            except (OSError, EOFError, ValueError, pickle.UnpicklingError, struct.error) as exc:
                child.alive = False
                raise ThinkerGone("the thinker's process has ended") from exc
        if kind == "error":
            raise value
        return value

    def ask(self, sc: Scenario, state: State, side: str, player: Any) -> tuple[list[Order], Any]:
        """`side`'s orders from `player` (and the player after answering). Blocks the
        calling thread (the turn's job), not the window. A question about another scenario,
        or one the process could not answer because it died, is answered here."""
        if sc is not self.sc:
            return ask_here(sc, state, side, player)
        try:
            return self.call(_think, state, side, player)  # type: ignore[no-any-return]
        except ThinkerGone:
            # the process was killed (out of memory, a signal): answer here, and start a
            # new one for the next question
            self._drop()
            self.fallbacks += 1
            return ask_here(sc, state, side, player)

    def pid(self) -> int | None:
        """The process's id once it runs (the benchmark reads its memory)."""
        child = self._child
        return child.popen.pid if child is not None else None

    def _drop(self) -> None:
        with self._guard:
            child, self._child = self._child, None
        if child is not None:
            child.end()

    def close(self) -> None:
        """End the process (the window closes, or another scenario is played)."""
        self._drop()
