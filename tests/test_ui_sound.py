"""Sound effects: shipped as WAV files made by the game's own synthesis, loaded at start."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from game.ui.sound import RATE, SYNTHS, Sounds, sounds_dir, write_wav  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_wavs_are_the_synthesis(tmp_path):
    for name in SYNTHS:
        shipped = sounds_dir() / f"{name}.wav"
        assert shipped.is_file(), name
        with wave.open(str(shipped)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        fresh = tmp_path / f"{name}.wav"
        write_wav(fresh, name)
        assert fresh.read_bytes() == shipped.read_bytes(), name
    assert (sounds_dir() / "README.md").is_file()


def test_make_sounds_check():
    tool = ROOT / "tools" / "make_sounds.py"
    res = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_sounds_load_from_files_and_play_quietly():
    sounds = Sounds()
    sounds.start(True)
    if not sounds.available:
        pytest.skip("no audio driver here, not even SDL's dummy one")
    assert set(sounds.effects) == set(SYNTHS)  # all from the files, nothing synthesised
    for name in SYNTHS:
        sounds.play(name, 0.0)
    sounds.stop()
    pygame.mixer.quit()
