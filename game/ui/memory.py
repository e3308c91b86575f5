"""Freeing a closed screen's memory at once, and giving it back to the system (issue 16).

A screen's widgets hold each other in reference cycles (pygame_gui's elements and their
containers, callbacks bound to the screen), so a closed screen is freed only by the cyclic
garbage collector's full pass, which Python runs rarely: over a long game at 200 % the
closed screens' widgets and surfaces (10-25 MB a screen) piled up to 100 MB before a pass
freed them. `free_closed` runs that pass when a screen closes (30-50 ms, once a screen
change, never in a frame of the same screen), so only the open screen's widgets stay.

The window's memory is mostly what C allocates for it: the pixels of pygame's surfaces (every
pygame_gui element keeps one a state, four times as many pixels at 200 %), FreeType's glyphs,
the report's pictures. Once freed, glibc's `malloc` keeps that memory in its heap for later,
and the holes between pieces still in use are rarely given back: over a long game at 200 %
the heap held about 100 MB of freed memory (RSS 330 MB, 240 MB after `malloc_trim`).
`give_back` asks glibc to return it when a screen closes, the moment most of it has just been
freed; it takes a few milliseconds, once a screen change, never a frame.

glibc also moves its threshold for giving a large block its own mapping: each time such a block
is freed, the threshold rises to its size (up to 32 MB), so after the first screens closed, the
surfaces of every later screen (a few hundred kilobytes to a few megabytes each at 200 %) were
carved out of the heap, where their holes stay. `keep_large_blocks_apart` fixes the threshold
at glibc's own starting value (128 KB): every large surface keeps its own mapping, given back
the moment it is freed. Measured over the benchmark's long game (`bench --only ui`, seeds 1-2):
8-9 MB less resident memory at day 10 and at day 70, and a peak 4 MB lower.

`settle` makes those passes cheap. A full pass looks at every object Python tracks, and at
the window's start there are about 48,000 that live as long as the window does: the modules'
functions and classes, the scenario, the locale. They made each pass 40-60 ms: the frame that
opens the turn's report after the computer's move, every screen change, the idle pass after a
form. `settle` moves them, once the window is up and before any screen is built, to the
permanent generation that passes skip (`gc.freeze`); a pass then looks at the ten thousand or
so objects of the open screens and takes 3-4 ms. Objects frozen there are still freed the moment
nothing refers to them; only a reference cycle among them would stay, and none is made to go.

Only glibc has `malloc_trim` and `mallopt`; on other systems (macOS, Windows, musl) `give_back` does
nothing, their allocators return freed memory on their own terms.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from typing import Any


def glibc_function(name: str, argtypes: list[Any]) -> Any | None:
    """glibc's function `name` (returning an int), or None where the C library has none
    (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        # the running process's own symbols, the C library's among them: no search for the
        # library's file (`ctypes.util.find_library` runs ldconfig, slowing the launch)
        fn = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    fn.argtypes = argtypes
    fn.restype = ctypes.c_int
    return fn


#: glibc's `malloc_trim(pad)`: gives the heap's free memory back to the system
MALLOC_TRIM = glibc_function("malloc_trim", [ctypes.c_size_t])
_MALLOPT = glibc_function("mallopt", [ctypes.c_int, ctypes.c_int])

#: glibc's `mallopt` parameter for the size from which a block gets its own mapping
_M_MMAP_THRESHOLD = -3
#: glibc's starting value of that threshold, kept from then on
MMAP_THRESHOLD = 128 * 1024


def keep_large_blocks_apart() -> bool:
    """Fix glibc's mapping threshold at `MMAP_THRESHOLD` (see the module's docstring); False
    where the C library has no `mallopt` or refuses."""
    return _MALLOPT is not None and bool(_MALLOPT(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def give_back() -> bool:
    """Return the C heap's free memory to the system; False where that cannot be asked."""
    if MALLOC_TRIM is None:
        return False
    MALLOC_TRIM(0)
    return True


def settle() -> None:
    """Everything made so far lives as long as the window (see the module's docstring):
    collect once, then keep it out of every later pass. Call before the first screen."""
    gc.collect()
    gc.freeze()


def unsettle() -> None:
    """The window closed: what `settle` kept out of the passes may be collected again (tests
    and the benchmark open several windows in one process)."""
    gc.unfreeze()


def free_closed() -> None:
    """A screen was closed: free what only it held (cycles included), then give the freed
    memory back to the system."""
    gc.collect()
    give_back()
