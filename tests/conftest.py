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


# -- shared scenarios and states ---------------------------------------------------------------
# Imported after the environment above is set, so nothing reads it too early.
import pytest  # noqa: E402

from tests.builder import shipped_scenario, start, tiny  # noqa: E402


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
