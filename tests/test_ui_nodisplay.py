"""Without a display the game says so and exits 1, instead of running unseen forever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.cli.play import no_display_reason

ROOT = Path(__file__).resolve().parent.parent


def test_no_display_reason():
    if not sys.platform.startswith("linux"):
        return
    assert no_display_reason({}) is not None
    assert no_display_reason({"DISPLAY": ":0"}) is None
    assert no_display_reason({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert no_display_reason({"SDL_VIDEODRIVER": "dummy"}) is None


def test_game_without_display_exits_with_a_message():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    }
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-m", "game"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 1
    assert "simulate" in out.stderr and "Traceback" not in out.stderr
