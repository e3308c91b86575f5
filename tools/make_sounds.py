#!/usr/bin/env python3
"""Write the game's sound effects to `assets/sounds/<name>.wav` (mono, 16-bit, 22,050 Hz).

The effects are synthesised by `game.ui.sound.SYNTHS` (the project's own code, no samples
from anywhere else); the game loads the files at start-up instead of synthesising them in
pure Python each time. Run it again after changing the synthesis::

    python tools/make_sounds.py            # writes assets/sounds/*.wav
    python tools/make_sounds.py --check    # exit 1 if a file differs from the synthesis

The output is deterministic (the noise source is a seeded xorshift): the same code gives the
same bytes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.ui.sound import RATE, SYNTHS, sounds_dir, write_wav


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=sounds_dir(), help="folder for the WAV files")
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    bad = 0
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            for name in SYNTHS:
                fresh = Path(tmp) / f"{name}.wav"
                write_wav(fresh, name, RATE)
                shipped = args.out / f"{name}.wav"
                same = shipped.is_file() and shipped.read_bytes() == fresh.read_bytes()
                print(f"{shipped}: {'ok' if same else 'DIFFERS'}")
                bad += not same
        return 1 if bad else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in SYNTHS:
        path = args.out / f"{name}.wav"
        write_wav(path, name, RATE)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
