"""Schema, docs and loader agree: the JSON Schema and docs/modding.md are generated from the
model the loader reads, valid files pass both, and a mutation the schema can see (a wrong
type, an unknown key, a value outside an enum or its bounds) fails both."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli.main import main
from game.cli.schema import schema_text
from game.scenario import catalogue
from game.scenario.fielddocs import field_doc
from game.scenario.jsonschema_gen import documented_classes, update_docs
from game.scenario.loader import read_scenario_bytes
from game.scenario.schema import _plan_of
from game.scenario.translations import scenario_files
from game.scenario.yamlsafe import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"
DOCS = ROOT / "docs" / "modding.md"
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SHIPPED = scenario_files(ROOT / "scenarios") + scenario_files(ROOT / "scenarios" / "mods")
EXAMPLES = ROOT / "docs" / "examples"
VALID = [
    TINY,
    EXAMPLES / "harbour.yaml",
    EXAMPLES / "xiaodeng_guns" / "xiaodeng_guns.yaml",
    *SHIPPED,
]
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -m game schema --out docs/scenario.schema.json --docs docs/modding.md"
    )


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


def test_docs_reference_is_up_to_date() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert update_docs(text) == text, "regenerate: python -m game schema ... --docs docs/modding.md"


def test_every_field_is_documented() -> None:
    """Every field of the model has a meaning, and appears in docs/modding.md's table of its
    class; every rule and state variable of the catalogue appears too."""
    text = DOCS.read_text(encoding="utf-8")
    for cls in documented_classes():
        for key, (name, *_rest) in _plan_of(cls).items():
            if key.startswith("\x00"):
                continue
            assert field_doc(cls.__name__, name), f"{cls.__name__}.{name} has no entry in fielddocs"
            heading = f"### `{cls.type}` order" if hasattr(cls, "type") else f"### {cls.__name__}"
            table = text.split(heading + "\n", 1)[1].split("\n### ", 1)[0]
            assert f"| `{key}` |" in table, f"{cls.__name__}.{key} missing from docs/modding.md"
    for name in [*catalogue.RULES, *catalogue.INITIAL_STATE]:
        assert f"`{name}`" in text or name in text, name


def test_shipped_files_point_at_the_schema() -> None:
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == SCHEMA_FILE, path


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_pass_both(path: Path) -> None:
    raw = path.read_bytes()
    data = load_yaml_text(raw, str(path)).data
    assert list(VALIDATOR.iter_errors(data)) == []
    sc, problems = read_scenario_bytes(raw, str(path), use_cache=False)
    assert sc is not None, [str(p) for p in problems]


# -- mutations -------------------------------------------------------------------------------

TINY_DATA = load_yaml_text(TINY.read_bytes(), str(TINY)).data


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path in the tree (mappings and lists and scalars)."""
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


PATHS = [p for p in _paths(TINY_DATA) if p]
SCALARS = [p for p in PATHS if not isinstance(_get(TINY_DATA, p), dict | list)]
NUMBERS = [p for p in SCALARS if type(_get(TINY_DATA, p)) in (int, float)]
STRINGS = [p for p in SCALARS if isinstance(_get(TINY_DATA, p), str)]
MAPPINGS = [p for p in PATHS if isinstance(_get(TINY_DATA, p), dict)] + [()]


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Any]:
    data = copy.deepcopy(TINY_DATA)
    kind = draw(st.sampled_from(["type", "range", "enum", "key"]))
    if kind == "type":
        path = draw(st.sampled_from(SCALARS))
        value = _get(data, path)
        wrong = draw(st.sampled_from([{"x": 1}, [1, 2]] + ([7] if isinstance(value, str) else [])))
        if isinstance(value, int | float) and not isinstance(value, bool):
            # a condition's or effect's value may be a flag's true or false: not a wrong type
            flaggable = any(k in path for k in ("effects", "when", "requires"))
            wrong = draw(st.sampled_from([{"x": 1}, [1], "many"] + ([] if flaggable else [True])))
        _set(data, path, wrong)
    elif kind == "range":
        path = draw(st.sampled_from(NUMBERS))
        _set(data, path, draw(st.sampled_from([1e12, -1e12, 10**13])))
    elif kind == "enum":
        path = draw(st.sampled_from(STRINGS))
        _set(data, path, draw(st.sampled_from(["not_a_choice", "Land", "PRC"])))
    else:
        path = draw(st.sampled_from(MAPPINGS))
        _get(data, path)[draw(st.sampled_from(["zz_unknown", "colour", "Id"]))] = 1
    return kind, data


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(mutations())
def test_mutations_the_schema_sees_fail_both(case: tuple[str, Any]) -> None:
    kind, data = case
    schema_rejects = any(True for _ in VALIDATOR.iter_errors(data))
    text = json.dumps(data, ensure_ascii=False)  # JSON is YAML
    sc, problems = read_scenario_bytes(text.encode("utf-8"), "mutated.yaml", use_cache=False)
    if kind in ("type", "range"):
        assert schema_rejects, f"the schema missed a {kind} mutation"
    if schema_rejects:
        assert sc is None, f"the schema refused a {kind} mutation the loader accepted"
        assert problems and all(p.line >= 1 for p in problems)
