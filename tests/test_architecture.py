"""docs/architecture.md names each phase and rule by `module:function`: every name exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
NAME = re.compile(r"\|\s*(game/[\w/]+\.py):([\w.]+)\s*\|")


def test_every_name_in_the_architecture_table_exists() -> None:
    names = NAME.findall(DOC.read_text(encoding="utf-8"))
    assert len(names) >= 25, "the phase and rule table is missing"
    missing = []
    for path, qualname in names:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        obj: object = module
        for part in qualname.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                missing.append(f"{path}:{qualname}")
                break
    assert not missing, missing
