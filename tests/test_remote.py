"""The computer thinking in a process of its own (`game.ai.remote`): the same orders, day
after day, as in the window's process; no pygame in that process; a killed process costs one
answer worked out here, never the game; and the window's turn goes through it."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from pathlib import Path

import pytest

from game.ai.players import make_player
from game.ai.remote import Thinker, ask_here
from game.engine.state import state_hash
from game.ui.session import Mode, Session

TINY = Path(__file__).parent / "data" / "tiny.yaml"

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.fixture(scope="module")
def thinker(kinmen_1958):
    th = Thinker(kinmen_1958)
    th.start()
    yield th
    th.close()


def _session(sc, level: str, seed: int, kind: str = "ai") -> Session:
    s = Session.new(sc, Mode(kind, "roc", level), seed)
    s.autosaves = False
    return s


@pytest.mark.parametrize("level", ["easy", "hard"])
def test_the_process_gives_the_same_game_as_this_one(kinmen_1958, thinker, level):
    """Both sides played by the computer for four days, once through the process and once
    here: the same state every day (the player's own generator goes there and comes back)."""
    there = _session(kinmen_1958, level, 5, kind="watch")
    here = _session(kinmen_1958, level, 5, kind="watch")
    assert sorted(there.players) == ["prc", "roc"]
    for _ in range(4):
        there.resolve(thinker.ask)
        here.resolve(ask_here)
        assert state_hash(there.state) == state_hash(here.state)
        assert [str(e) for e in there.last_report.entries] == [
            str(e) for e in here.last_report.entries
        ]
    assert thinker.fallbacks == 0


@pytest.mark.parametrize("spec", ["ai:easy", "ai:normal", "ai:hard", "history", "hold", "random"])
def test_every_player_goes_to_the_process_and_back(spec):
    player = make_player(spec, 7)
    back = pickle.loads(pickle.dumps(player))
    assert type(back) is type(player)
    assert vars(back).keys() == vars(player).keys()


def test_the_process_never_imports_the_window(thinker):
    assert thinker.call(eval, "'pygame' in __import__('sys').modules") is False
    assert thinker.call(eval, "'game.ui' in __import__('sys').modules") is False
    assert thinker.call(eval, "'game.cli' in __import__('sys').modules") is False


_TWO = """
import os, subprocess, sys
from game.scenario.loader import load_scenario
from game.ai.remote import Thinker
th = Thinker(load_scenario(sys.argv[1]))
th.start()
th.call(bool, 1)
out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(os.getpid())],
                     capture_output=True, text=True, check=True)
print(th.pid())
print(out.stdout)
th.close()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's ps")
def test_the_game_is_two_processes_not_three():
    """The window and its thinker, and nothing else: `multiprocessing`'s "spawn" also
    started its resource tracker (13.5 MB watching the pool's semaphores)."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", _TWO, str(root / "scenarios" / "kinmen_1958.yaml")],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
    )
    pid, *children = [line.split(None, 1) for line in out.stdout.splitlines() if line.strip()]
    children = [c for c in children if "ps -o" not in c[1]]  # the listing itself
    assert [c[0] for c in children] == pid, out.stdout


def test_another_scenario_is_answered_here(kinmen_1958, tiny_scenario, thinker):
    s = _session(tiny_scenario, "easy", 2)
    report = s.resolve(thinker.ask)
    assert report is not None and s.state.day == 1
    assert thinker.fallbacks == 0


def test_a_killed_process_costs_one_answer_here_and_a_new_process_after(kinmen_1958):
    th = Thinker(kinmen_1958)
    try:
        th.start()
        assert th.call(bool, 1) is True  # running, with its scenario
        pid = th.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        a, b = _session(kinmen_1958, "easy", 9), _session(kinmen_1958, "easy", 9)
        a.resolve(th.ask)  # the dead process: answered here
        b.resolve(ask_here)
        assert th.fallbacks == 1
        assert state_hash(a.state) == state_hash(b.state)
        a.resolve(th.ask)  # a new process
        b.resolve(ask_here)
        assert th.fallbacks == 1 and th.pid() not in (None, pid)
        assert state_hash(a.state) == state_hash(b.state)
    finally:
        th.close()


def test_the_window_ends_a_turn_through_its_thinker(monkeypatch):
    """An AI game in a window that thinks in a process: the process starts with the game
    screen, the turn is worked out there, the report opens, and closing the window ends the
    process."""
    pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.screens.game import GameScreen
    from game.ui.settings import Settings

    app = App((1280, 720), Settings(sound=False), persist=False, ai_process=True)
    try:
        session = _session(app.scenario(), "easy", 4)
        app.start(GameScreen.begin(app, session))
        th = app._thinker
        assert th is not None and th.sc is session.sc  # started with the screen
        asked: list[str] = []
        real = th.ask

        def counted(sc, state, side, player):
            asked.append(side)
            return real(sc, state, side, player)

        monkeypatch.setattr(th, "ask", counted)
        game = app.screen
        assert isinstance(game, GameScreen)
        app.switch(game.end_turn())
        assert game.thinking is not None
        game.thinking.wait(120)
        for _ in range(3):
            app.step(1 / 60)
        assert asked == ["prc"]
        assert session.state.day == 1
        assert app.screen is not game  # the report
        assert th.fallbacks == 0
    finally:
        app.quit()
    assert app._thinker is not None and app._thinker._child is None  # the process is ended


def test_ctrl_c_is_the_windows_to_answer(thinker):
    """Ctrl+C in the terminal reaches the whole process group: the thinker's process ignores
    it (the window ends it), instead of printing its own traceback."""
    expr = "__import__('signal').getsignal(2) == __import__('signal').SIG_IGN"
    assert thinker.call(eval, expr) is True


_ORPHAN = """
import sys
from game.scenario.loader import load_scenario
from game.ai.remote import Thinker
if __name__ == "__main__":
    th = Thinker(load_scenario(sys.argv[1]))
    th.start()
    th.call(bool, 1)
    print(th.pid(), flush=True)
    sys.stdin.read()
"""


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux's pidfd_open")
def test_the_process_ends_with_a_killed_window(tmp_path):
    """A window killed (or crashed) never closes its pool: its thinker stayed behind, idle,
    for good. It now ends when the window's process does."""
    import select
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    script = tmp_path / "window.py"
    script.write_text(_ORPHAN, encoding="utf-8")
    # its stderr to a file: what went wrong, if the window did not start
    errors = (tmp_path / "stderr.txt").open("w")
    window = subprocess.Popen(
        [sys.executable, str(script), str(root / "scenarios" / "kinmen_1958.yaml")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        text=True,
    )
    try:
        assert window.stdout is not None
        line = window.stdout.readline()
        assert line.strip().isdigit(), (tmp_path / "stderr.txt").read_text()
        pidfd = os.pidfd_open(int(line))
    finally:
        window.kill()
        window.wait(60)
        errors.close()
    try:
        readable, _, _ = select.select([pidfd], [], [], 60)  # the child's end, or a minute
        assert readable == [pidfd], "the thinker outlived its window"
    finally:
        os.close(pidfd)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="Unix only")
def test_the_window_comes_first_on_a_busy_machine(thinker):
    """The thinker runs at a lower priority than the window: on a busy machine the
    scheduler took the drawing thread off its core for 20-40 ms while the AI thought."""
    from game.ai.remote import THINKER_NICENESS

    assert thinker.call(os.nice, 0) == os.nice(0) + THINKER_NICENESS


def test_no_interpreter_to_start_costs_answers_here_not_the_game(kinmen_1958, monkeypatch):
    """An interpreter that cannot be started (an embedded Python, a removed executable):
    every question is answered in this process, as a killed process's is."""
    monkeypatch.setattr("sys.executable", "/nonexistent/python")
    th = Thinker(kinmen_1958)
    try:
        th.start()
        assert th.pid() is None
        a, b = _session(kinmen_1958, "easy", 3), _session(kinmen_1958, "easy", 3)
        a.resolve(th.ask)
        b.resolve(ask_here)
        assert state_hash(a.state) == state_hash(b.state)
        assert th.fallbacks == 1
    finally:
        th.close()
