"""The map's disk cache of geometry (smoothed coasts, the 3 and 12 nm lines)."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import zlib
from pathlib import Path
from typing import Any

import pygame

from game.mapdata import map_path
from game.paths import cache_dir
from game.ui.map.geometry import NM_KM, SMOOTH_PASSES, TERRITORIAL_NM, TERRITORY_RES_KM, VIEWS

# -- the geometry cache ------------------------------------------------------------------------
#
# Smoothing the coastlines and working out the 3 and 12 nm lines takes a few tenths of a second
# of pure Python at every start. The results are kept in `<cache>/map/` (the user cache folder,
# or `$KINMEN1958_CACHE_DIR/map`, as the parsed-YAML cache does), in `marshal` format, under a
# hash of everything they depend on: the coastline files' bytes, the scenario's places, the
# constants below and this version. A cache that cannot be read or written is ignored.

GEO_CACHE_VERSION = 1


def _cache_dir() -> Path:
    return cache_dir("map")


def _map_files(name: str) -> tuple[bytes, ...]:
    """The coastline files a view's geometry is made from (Kinmen borrows the strait's)."""
    names = (name,) if name == "strait" else (name, "strait")
    try:
        return tuple(map_path(n).read_bytes() for n in names)
    except OSError:
        return ()


def _cache_key(kind: str, *parts: Any) -> str | None:
    """The cache's name for `kind` made of `parts` (the last one: the files' bytes)."""
    if not parts or not parts[-1]:
        return None  # the files could not be read: no caching
    h = hashlib.sha256()
    head = (
        kind,
        GEO_CACHE_VERSION,
        marshal.version,
        VIEWS,
        SMOOTH_PASSES,
        TERRITORIAL_NM,
        TERRITORY_RES_KM,
        NM_KM,
    )
    h.update(repr(head).encode())
    for part in parts[:-1]:
        h.update(repr(part).encode())
    for data in parts[-1]:
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:40]


def _cache_read(key: str | None) -> Any:
    if key is None:
        return None
    try:
        return marshal.loads((_cache_dir() / f"{key}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _cache_write(key: str | None, value: Any) -> None:
    if key is None:
        return
    folder = _cache_dir()
    tmp = folder / f"{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, folder / f"{key}.marshal")
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _mask_bytes(m: pygame.mask.Mask) -> bytes:
    surf = pygame.Surface(m.get_size(), depth=8)
    m.to_surface(surface=surf, setcolor=(255, 255, 255), unsetcolor=(0, 0, 0))
    return zlib.compress(pygame.image.tobytes(surf, "P"), 1)


def _mask_from(data: bytes, size: tuple[int, int]) -> pygame.mask.Mask:
    surf = pygame.image.frombytes(zlib.decompress(data), size, "P")
    surf.set_palette([(0, 0, 0)] + [(255, 255, 255)] * 255)
    surf.set_colorkey((0, 0, 0))
    return pygame.mask.from_surface(surf)
