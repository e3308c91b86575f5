"""The command line: `main.py` builds the parser, one module a subcommand (or group).

| command      | module          | library it drives                          |
|--------------|-----------------|--------------------------------------------|
| `validate`   | `validate.py`   | `game.scenario.loader`                     |
| `simulate`   | `simulate.py`   | `game.engine.run`, `game.ai.tournament`    |
| `bench`      | `bench.py`      | `game.bench` (engine, ai, ui sections)     |
| `replay`     | `replay.py`     | `game.history.replay`                      |
| `calibrate`  | `calibrate.py`  | `game.history.calibrate`                   |
| `report`     | `report.py`     | `game.history.report_md`                   |
| `play`       | `play.py`       | `game.ui.launch` (imported in the command) |
| `screenshot` | `screenshot.py` | `game.ui.screenshots` (idem)               |

`args.py` holds the argument types and checks they share: bounded numbers, ASCII dates, output
files that never overwrite an input. Modules here parse and print; they compute nothing.
"""
