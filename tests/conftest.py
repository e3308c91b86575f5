"""Shared fixtures. Tests run headless: SDL gets dummy video and audio drivers."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Parsed-YAML cache and user folders go to a throwaway place during tests.
if "KINMEN1958_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["KINMEN1958_CACHE_DIR"] = tempfile.mkdtemp(prefix="kinmen1958-cache-")
