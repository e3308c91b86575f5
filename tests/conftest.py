"""Shared fixtures. Tests run headless: SDL gets dummy video and audio drivers."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# The parsed-YAML cache, saves and settings go to a throwaway place during tests, never into
# the real home folder.
for _var in ("KINMEN1958_CACHE_DIR", "KINMEN1958_DATA_DIR", "KINMEN1958_CONFIG_DIR"):
    if _var not in os.environ:
        import tempfile

        os.environ[_var] = tempfile.mkdtemp(prefix=f"{_var.lower()}-")
