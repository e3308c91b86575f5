"""Shared fixtures. Tests run headless: SDL gets dummy video and audio drivers."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# The parsed-YAML cache, saves and settings go to a throwaway place during tests, never into
# the real home folder.
for _var in ("KINMEN1958_CACHE_DIR", "KINMEN1958_DATA_DIR", "KINMEN1958_CONFIG_DIR"):
    if _var not in os.environ:
        import tempfile

        os.environ[_var] = tempfile.mkdtemp(prefix=f"{_var.lower()}-")


# -- shared scenarios and states ---------------------------------------------------------------
# Imported after the environment above is set, so nothing reads it too early.
import pytest  # noqa: E402

from tests.builder import shipped_scenario, start, tiny  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def _earlier_objects_out_of_the_collectors_way():
    """Objects alive when a test file starts are left out of the cyclic collector's passes
    until the file is done (`gc.freeze`), then handed back (`gc.unfreeze`), so nothing is
    kept for good. The window runs a full pass on every screen change (game/ui/memory.py);
    in the game that scans the window's own objects, but in a test run it also scanned every
    test module, hypothesis's data and the scenarios and games earlier files keep: 100-120 ms
    a pass instead of 30-50, hundreds of passes. What a test makes and drops is still freed
    by the same passes, as the memory tests check."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def kinmen_1958():
    """The shipped 1958 scenario; every test using it fails (not skips) if it is broken."""
    return shipped_scenario()


@pytest.fixture(scope="session")
def tiny_scenario():
    """tests/data/tiny.yaml, the one-island scenario rule tests build on."""
    return tiny()


@pytest.fixture
def new_state(tiny_scenario):
    """A fresh game on the tiny scenario (seed 1, first morning): each test gets its own copy."""
    return start(tiny_scenario)


@pytest.fixture
def own_user_dirs(tmp_path, monkeypatch):
    """Settings and saves in this test's own folders (a UI test that saves or changes
    settings must not see another test's files). Use with
    `pytestmark = pytest.mark.usefixtures("own_user_dirs")`."""
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KINMEN1958_DATA_DIR", str(tmp_path / "data"))
