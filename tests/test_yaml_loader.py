"""The strict YAML layer: safe, bounded, no YAML 1.1 surprises, exact line and column."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.yamlsafe import YamlLoadError, load_yaml_file, load_yaml_text

BACKENDS = [True, False] if yaml.__with_libyaml__ else [False]


def err(text, **kw) -> YamlLoadError:
    with pytest.raises(YamlLoadError) as info:
        load_yaml_text(text, "f.yaml", **kw)
    return info.value


@pytest.mark.parametrize("lib", BACKENDS)
def test_scalars_resolve_without_yaml_1_1_surprises(lib):
    text = (
        "a: 010\nb: no\nc: 1:30\nd: on\ne: NO\nf: 0x1F\ng: 1_000\nh: 1958-08-23\n"
        "i: true\nj: False\nk: ~\nl:\nm: 12\nn: -3\no: 1.5\np: 2e3\nq: '12'\nr: .inf\n"
    )
    d = load_yaml_text(text, use_libyaml=lib).data
    assert d == {
        "a": "010",
        "b": "no",
        "c": "1:30",
        "d": "on",
        "e": "NO",
        "f": "0x1F",
        "g": "1_000",
        "h": "1958-08-23",
        "i": True,
        "j": False,
        "k": None,
        "l": None,
        "m": 12,
        "n": -3,
        "o": 1.5,
        "p": "2e3",
        "q": "12",
        "r": ".inf",
    }


@pytest.mark.parametrize("lib", BACKENDS)
@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("a: &x 1\nb: *x\n", 1, 4, "anchors and aliases are not allowed"),
        ("a: 1\nb:\n  c: 2\n  c: 3\n", 4, 3, "duplicate key 'c' (first at line 3)"),
        ("a: !!python/object:os.system x\n", 1, 4, "tags are not allowed"),
        ("a: !!str x\n", 1, 4, "tags are not allowed"),
        ("<<: {a: 1}\n", 1, 1, "merge keys"),
        ("1: x\n", 1, 1, "mapping keys must be strings"),
        ("? [a]\n: x\n", 1, 3, "mapping keys must be plain strings"),
        ("", 1, 1, "file is empty"),
        ("# only a comment\n", 1, 1, "file is empty"),
        ("a: 1\n---\nb: 2\n", 2, 1, "only one YAML document"),
        ("a: [1\n", 1, 4, "never closed"),
        ("a:\n\tb: 1\n", 2, 1, "YAML syntax error"),
        ("a: 1.0e400\n", 1, 4, "number out of range"),
        ("a: " + "9" * 40 + "\n", 1, 4, "number too long"),
    ],
)
def test_refusals_point_at_the_problem(lib, text, line, col, message):
    e = err(text, use_libyaml=lib)
    assert (e.line, e.col) == (line, col), str(e)
    assert message in e.message
    assert str(e).startswith(f"f.yaml:{line}:{col}: error: ")


def test_bad_utf8_is_located():
    e = err(b"a: ok\nb: caf\xe9\n")
    assert (e.line, e.col) == (2, 7) and "UTF-8" in e.message


def test_bom_is_accepted():
    assert load_yaml_text(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_size_and_depth_limits():
    e = err("a: " + "x" * 200 + "\n", max_bytes=100)
    assert "limit is 100" in e.message
    deep = "a: " + "[" * 60 + "]" * 60 + "\n"
    e = err(deep)
    assert "deeper than 40" in e.message and e.line == 1


def test_billion_laughs_fails_at_the_first_anchor():
    """Refused at line 1, the first anchor, before any alias is expanded (no clock needed)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    e = err("\n".join(lines) + "\n")
    assert "anchors and aliases" in e.message and e.line == 1


@pytest.mark.parametrize("lib", BACKENDS)
def test_marks_of_values_and_keys(lib):
    ly = load_yaml_text("top:\n  items:\n    - id: x\n      n: 3\n", use_libyaml=lib)
    assert ly.mark(("top", "items", 0, "n")).line == 4
    assert ly.mark(("top", "items", 0, "n")).col == 10
    assert ly.key_marks[("top", "items", 0, "n")].col == 7
    assert ly.mark(("top", "nope", 5)).line == 2  # nearest ancestor: the value of top
    assert ly.mark(()).line == 1


def test_both_backends_agree_on_the_1958_scenario():
    if len(BACKENDS) < 2:
        pytest.skip("libyaml not available")
    from game.paths import default_scenario

    a = load_yaml_file(default_scenario(), use_libyaml=True)
    b = load_yaml_file(default_scenario(), use_libyaml=False)
    assert a.data == b.data
    assert a.marks == b.marks and a.key_marks == b.key_marks


def test_missing_file():
    with pytest.raises(YamlLoadError, match="cannot read file"):
        load_yaml_file("/nonexistent/x.yaml")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_load_or_fail_cleanly(data):
    try:
        load_yaml_text(data, "r.yaml")
    except YamlLoadError as e:
        assert e.line >= 1 and e.col >= 1


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*list("ab:- \n\t[]{}&*!|>'\"#,?%@`1.0"), "金"]), max_size=120)
)
def test_random_yaml_like_text_loads_or_fails_cleanly(text):
    try:
        load_yaml_text(text, "r.yaml")
    except YamlLoadError as e:
        assert e.line >= 1 and e.col >= 1


# PyYAML's dumper treats control characters such as U+0085 (NEL) as line breaks: keep them out.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=10)
_keys = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=6
).filter(lambda k: k != "<<")
scalars = st.one_of(
    st.integers(-(10**9), 10**9),
    st.booleans(),
    st.none(),
    st.sampled_from(["no", "on", "010", "1:30", "yes", "1958-08-23", "金門", "x y"]),
    _text,
)
trees = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_keys, kids, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, trees, min_size=1, max_size=5))
def test_safe_dump_round_trips(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_yaml_text(text).data == data


def test_parse_cache_gives_the_same_scenario_and_the_same_errors(tmp_path, monkeypatch):
    from game.paths import default_scenario
    from game.scenario import parse_cache
    from game.scenario.loader import read_scenario

    monkeypatch.setenv("KINMEN1958_CACHE_DIR", str(tmp_path))
    cold, _ = read_scenario(default_scenario(), use_cache=False)
    first, _ = read_scenario(default_scenario())
    assert list(tmp_path.rglob("*.json"))
    warm, _ = read_scenario(default_scenario())
    assert cold == first == warm
    # a broken big file: the cached parse still reports the right line
    text = default_scenario().read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("    guns: 70\n", "    guns: many\n", 1), encoding="utf-8")
    line = text[: text.index("    guns: 70\n")].count("\n") + 1
    for _ in range(2):  # the second run reads the cache
        sc, problems = read_scenario(bad)
        assert sc is None and problems[0].line == line
    assert len(bad.read_bytes()) >= parse_cache.MIN_BYTES
