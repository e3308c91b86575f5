"""`python -m game` (installed as `kinmen-1958`): the command line lives in `game/cli/`."""

from __future__ import annotations

import sys

from game.cli.main import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
