"""A few sound effects: small 16-bit WAV files, made by the game's own synthesis (no numpy).

The effects are `gun` (a sharp report), `impact` (a low thud with rumble), `horn` (a ship's
horn) and `click`. `SYNTHS` below is their generator: `tools/make_sounds.py` writes them once
to `assets/sounds/<name>.wav` (mono, 22,050 Hz), and the game loads those files, which takes
milliseconds where synthesising in pure Python took half a second at every start. An effect
whose file is missing is synthesised on its first play.

`Sounds.start(enabled)` initialises the mixer; if there is no audio device `pygame.mixer.init`
raises `pygame.error` and the game runs silently.
"""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

import pygame

from game.paths import assets_dir

RATE = 22050


class _Noise:
    """A tiny deterministic noise source (xorshift), so start-up needs no global random."""

    def __init__(self, seed: int = 0x1958) -> None:
        self.x = seed

    def __call__(self) -> float:
        x = self.x
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.x = x
        return (x / 0xFFFFFFFF) * 2.0 - 1.0


def _gun(rate: int) -> list[float]:
    noise, out, low = _Noise(1), [], 0.0
    n = int(rate * 0.6)
    for i in range(n):
        t = i / rate
        low += 0.25 * (noise() - low)
        env = math.exp(-t * 9.0)
        boom = math.sin(2 * math.pi * 55 * t) * math.exp(-t * 6.0)
        out.append(0.7 * low * env + 0.5 * boom)
    return out


def _impact(rate: int) -> list[float]:
    noise, out, low = _Noise(2), [], 0.0
    n = int(rate * 1.0)
    for i in range(n):
        t = i / rate
        low += 0.06 * (noise() - low)
        env = min(1.0, t * 60.0) * math.exp(-t * 3.5)
        out.append(2.5 * low * env + 0.3 * math.sin(2 * math.pi * 38 * t) * env)
    return out


def _horn(rate: int) -> list[float]:
    out = []
    n = int(rate * 1.4)
    for i in range(n):
        t = i / rate
        env = min(1.0, t * 8.0) * min(1.0, (1.4 - t) * 5.0)
        v = sum(math.sin(2 * math.pi * f * t) / k for k, f in enumerate((98, 196, 294, 392), 1))
        out.append(0.35 * env * v)
    return out


def _click(rate: int) -> list[float]:
    n = int(rate * 0.03)
    return [0.3 * math.sin(2 * math.pi * 1200 * i / rate) * (1 - i / n) for i in range(n)]


SYNTHS = {"gun": _gun, "impact": _impact, "horn": _horn, "click": _click}


def sounds_dir() -> Path:
    return assets_dir() / "sounds"


def pcm16(samples: list[float], channels: int) -> bytes:
    """Signed 16-bit native-endian PCM, each sample repeated on every channel."""
    data = array("h")
    for s in samples:
        v = int(max(-1.0, min(1.0, s)) * 32000)
        data.extend([v] * channels)
    return data.tobytes()


def write_wav(path: Path, name: str, rate: int = RATE) -> None:
    """Synthesise effect `name` and write it as a mono 16-bit little-endian WAV file."""
    data = array("h", [int(max(-1.0, min(1.0, s)) * 32000) for s in SYNTHS[name](rate)])
    if data.itemsize != 2:
        raise RuntimeError("array('h') is not 16-bit here")
    import sys

    if sys.byteorder != "little":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())


class Sounds:
    def __init__(self) -> None:
        self.available = False
        self.enabled = False
        self.effects: dict[str, pygame.mixer.Sound] = {}
        self._format: tuple[int, int, int] = (RATE, -16, 1)

    def start(self, enabled: bool) -> None:
        self.enabled = enabled
        try:
            pygame.mixer.init(RATE, -16, 1)
            got = pygame.mixer.get_init()
            if got is None:
                raise TypeError("the mixer did not start")
            rate, fmt, channels = got
        except (pygame.error, TypeError):
            self.available = False  # no audio device: play silently
            return
        self._format = (rate, fmt, channels)
        self.available = True
        folder = sounds_dir()
        for name in SYNTHS:
            path = folder / f"{name}.wav"
            if path.is_file():
                try:  # pygame converts the file to the mixer's format
                    self.effects[name] = pygame.mixer.Sound(str(path))
                except pygame.error:
                    continue  # unreadable: synthesised when first played

    def _effect(self, name: str) -> pygame.mixer.Sound | None:
        snd = self.effects.get(name)
        if snd is None and name in SYNTHS:
            rate, fmt, channels = self._format
            if fmt != -16:
                return None  # the synthesis makes signed 16-bit samples only
            snd = pygame.mixer.Sound(buffer=pcm16(SYNTHS[name](rate), channels))
            self.effects[name] = snd
        return snd

    def play(self, name: str, volume: float = 0.6) -> None:
        if not (self.available and self.enabled):
            return
        snd = self._effect(name)
        if snd is not None:
            snd.set_volume(volume)
            snd.play()

    def stop(self) -> None:
        if self.available:
            pygame.mixer.stop()
