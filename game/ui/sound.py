"""A few sound effects synthesised at start-up (no sound files, no numpy).

`Sounds.start(enabled)` initialises the mixer; if there is no audio device `pygame.mixer.init`
raises `pygame.error` and the game runs silently. Effects: `gun` (a sharp report), `impact`
(a low thud with rumble), `horn` (a ship's horn), `click`.
"""

from __future__ import annotations

import math
from array import array

import pygame

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


def pcm16(samples: list[float], channels: int) -> bytes:
    """Signed 16-bit native-endian PCM, each sample repeated on every channel."""
    data = array("h")
    for s in samples:
        v = int(max(-1.0, min(1.0, s)) * 32000)
        data.extend([v] * channels)
    return data.tobytes()


class Sounds:
    def __init__(self) -> None:
        self.available = False
        self.enabled = False
        self.effects: dict[str, pygame.mixer.Sound] = {}

    def start(self, enabled: bool) -> None:
        self.enabled = enabled
        try:
            pygame.mixer.init(RATE, -16, 1)
            rate, fmt, channels = pygame.mixer.get_init()
        except (pygame.error, TypeError):
            self.available = False  # no audio device: play silently
            return
        if fmt != -16:
            pygame.mixer.quit()
            return
        for name, synth in SYNTHS.items():
            self.effects[name] = pygame.mixer.Sound(buffer=pcm16(synth(rate), channels))
        self.available = True

    def play(self, name: str, volume: float = 0.6) -> None:
        if not (self.available and self.enabled):
            return
        snd = self.effects.get(name)
        if snd is not None:
            snd.set_volume(volume)
            snd.play()

    def stop(self) -> None:
        if self.available:
            pygame.mixer.stop()
