"""`python -m game` (installed as `kinmen-1958`): the command line lives in `game/cli/`.

The command line is imported when `main` runs, not with this module: the computer's process
(`game.ai.remote`, started with "spawn") imports the launching program's main module again
before it starts, and this module, as `kinmen-1958`'s entry point, is that module. Importing
every subcommand there (the benchmarks, the calibration) cost the process 2.5 MB and a tenth
of a second of its start for nothing it uses."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    from game.cli.main import main as run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
