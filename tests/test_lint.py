"""The code stays lint-clean and formatted (ruff), and the whole package type-checks (mypy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check_and_format():
    pytest.importorskip("ruff")
    check = _run("ruff", "check", "game", "tests", "tools")
    assert check.returncode == 0, check.stdout[-3000:]
    fmt = _run("ruff", "format", "--check", "game", "tests", "tools")
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy_on_the_whole_package():
    pytest.importorskip("mypy")
    out = _run("mypy", "game")
    assert out.returncode == 0, out.stdout[-3000:]
