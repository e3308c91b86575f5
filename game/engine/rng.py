"""The game's one random generator: SplitMix64, its whole state a single integer.

A single int is trivial to save, hash and copy, and its sequence is the same in every
process and Python version (unlike `random.Random`, whose state is 625 words and whose
derived methods may change between releases). Every chance draw in the rules goes through a
`Rng` built from `State.rng` and written back after the turn.
"""

from __future__ import annotations

import math

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
#: 2**-53: a 53-bit integer times this is a float in [0, 1)
_UNIT = 1.0 / 9007199254740992.0


def seed_state(seed: int) -> int:
    """Scramble a user seed (any int) into a generator state."""
    z = (seed * _GOLDEN + 0x632BE59BD9B4E019) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    return z ^ (z >> 27)


class Rng:
    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state & _MASK

    def next64(self) -> int:
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """Uniform in [0, 1): `next64`'s top 53 bits. Its steps are written out here (the same
        arithmetic, so the same draws): this is the rules' most frequent call, millions in an
        AI's day, and a second method call was a third of its cost."""
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * _UNIT

    def chance(self, p: float) -> bool:
        return self.random() < p

    def normal(self) -> float:
        """Standard normal by Box-Muller; uses two draws, caches nothing (state stays one int)."""
        u1 = self.random() or 1e-300
        u2 = self.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def binomial(self, n: int, p: float) -> int:
        """Number of successes in n trials: exact for small n, Poisson or normal for large n.

        Approximations keep a 50,000-round barrage to a few draws; their mean is n*p either
        way, which is what previews report.
        """
        if n <= 0 or p <= 0.0:
            return 0
        if p >= 1.0:
            return n
        if n <= 40:
            # n draws in turn, as n calls of `random` would make them (inlined: a barrage
            # resolves thousands of these a day)
            s = self.state
            k = 0
            for _ in range(n):
                s = (s + _GOLDEN) & _MASK
                z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
                z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
                if ((z ^ (z >> 31)) >> 11) * _UNIT < p:
                    k += 1
            self.state = s
            return k
        mean = n * p
        if mean < 25.0 and p < 0.1:
            return min(n, self.poisson(mean))
        var = mean * (1.0 - p)
        k = round(mean + math.sqrt(var) * self.normal())
        return max(0, min(n, k))

    def poisson(self, lam: float) -> int:
        if lam <= 0.0:
            return 0
        if lam > 30.0:
            return max(0, round(lam + math.sqrt(lam) * self.normal()))
        limit = math.exp(-lam)
        k = 0
        prod = self.random()
        while prod > limit:
            k += 1
            prod *= self.random()
        return k

    def fraction_round(self, x: float) -> int:
        """Round x down or up at random so the expectation stays x (e.g. 2.3 guns lost)."""
        base = math.floor(x)
        return base + (1 if self.random() < x - base else 0)
