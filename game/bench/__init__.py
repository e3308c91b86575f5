"""Every benchmark of the game, behind one command: `kinmen-1958 bench [--only SECTION]`.

- `engine.py`: scenario load and validation (warm and in a fresh process), a turn, a whole
  historical game, a preview;
- `ai.py`: the AI's decision time per level, 1,000 easy games, strength against weaker players;
- `ui.py`: the game screen's frame time while panning and animating, launch to first frame.

Each section returns `(measure, median, goal)` rows of strings; `game/cli/bench.py` prints
them. Timing lives here, not in tests: the machine is shared and noisy, so goals are checked by
a person reading medians, never by a test that fails on a slow day.
"""

#: the sections `--only` chooses from, in the order the table prints them
SECTIONS = ("engine", "ai", "ui")
