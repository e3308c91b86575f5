"""The mods folder: what the New game list and `validate --mods` find, and how each file fares.

Every kind of file a stranger's mod may hold (a folder mod with its own base, a broken file,
links out of the folder, pipes, binary and oversized files, deep nesting, duplicate ids) gives
an entry with its state, and never an exception or a hang.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.paths import scenarios_dir
from game.scenario import modfolder
from game.scenario.loader import read_scenario
from game.scenario.modfolder import ModEntry, catalogue, find, scan
from game.scenario.yamlsafe import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
TINY = (ROOT / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")


def tiny_as(sid: str, title: str = "A mod") -> str:
    return TINY.replace("id: tiny\n", f"id: {sid}\n", 1).replace(
        "title: {en: Tiny test island, zh: 小島測試}", f"title: {{en: {title}, zh: 模組}}", 1
    )


def derived(sid: str, title: str = "A mod") -> str:
    """A mod of the 1958 scenario that changes only its id and title: valid, no warning (the
    1958 scenario explains every number; tiny.yaml, test data, explains none)."""
    return (
        f"format: 1\nid: {sid}\nextends: kinmen_1958\nmeta:\n  title: {{en: {title}, zh: 模組}}\n"
    )


def three_mods(folder: Path) -> Path:
    """A valid file, a folder mod with a base in a subfolder (one warning), a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "valid_mod.yaml").write_text(derived("valid_mod", "Valid mod"), encoding="utf-8")
    (folder / "more_guns" / "parts").mkdir(parents=True)
    (folder / "more_guns" / "parts" / "base.yaml").write_text(derived("a_base"), "utf-8")
    (folder / "more_guns" / "more_guns.yaml").write_text(
        "extends: {path: parts/base.yaml}\nid: more_guns\n"
        "artillery:\n  - {id: prc_dadeng_152, guns: 50}\n",
        encoding="utf-8",
    )
    broken = tiny_as("broken_mod").replace("calibre_mm: 152", "calibre_mn: 152", 1)
    (folder / "broken_mod.yaml").write_text(broken, encoding="utf-8")
    (folder / "README.txt").write_text("not a scenario", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("not: listed", encoding="utf-8")
    return folder


#: tiny.yaml is test data: its numbers carry no source or assumption, and each is warned
UNEXPLAINED = "has neither a source nor an assumption"


def quiet(entry: ModEntry) -> ModEntry:
    """`entry` without the warnings for tiny.yaml's unexplained numbers."""
    kept = tuple(p for p in entry.problems if UNEXPLAINED not in p.message)
    return dataclasses.replace(entry, problems=kept)


def by_name(entries: list[ModEntry]) -> dict[str, ModEntry]:
    return {e.name: quiet(e) for e in entries}


def test_states_of_a_valid_a_warned_and_a_broken_mod(tmp_path):
    entries = by_name(scan(three_mods(tmp_path / "mods")))
    assert sorted(entries) == ["broken_mod.yaml", "more_guns/more_guns.yaml", "valid_mod.yaml"]
    ok, warned, broken = (
        entries["valid_mod.yaml"],
        entries["more_guns/more_guns.yaml"],
        entries["broken_mod.yaml"],
    )
    assert (ok.state, ok.scenario.id, ok.problems) == ("ok", "valid_mod", ())
    assert warned.state == "warnings" and warned.playable and len(warned.warnings) == 1
    assert warned.scenario.id == "more_guns"
    assert "changes 'guns' without saying why" in warned.warnings[0].message
    assert broken.state == "error" and not broken.playable and broken.scenario is None
    first = str(broken.first_error)
    assert first.startswith(f"{tmp_path / 'mods' / 'broken_mod.yaml'}:20:5: error:"), first
    assert broken.first_error_short().startswith("broken_mod.yaml:20:5: missing required key")


def test_the_list_is_the_same_problems_as_validate(tmp_path):
    """The list's states are `read_scenario`'s verdict, file for file."""
    folder = three_mods(tmp_path / "mods")
    for entry in scan(folder):
        sc, problems = read_scenario(entry.path)
        assert (sc is None) == (not entry.playable)
        assert [str(p) for p in problems] == [str(p) for p in entry.problems]


def test_missing_folder_is_empty_and_a_file_is_refused(tmp_path):
    assert scan(tmp_path / "nothing") == []
    (tmp_path / "file").write_text("x")
    [entry] = scan(tmp_path / "file")
    assert entry.state == "error" and "not a folder" in entry.first_error.message


def test_links_out_of_the_folder_are_listed_as_errors(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(tiny_as("secret"), encoding="utf-8")
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "leak.yaml").symlink_to(outside / "secret.yaml")
    (mods / "leak_dir").symlink_to(outside)
    (mods / "inner").mkdir()
    (mods / "inner" / "up.yaml").symlink_to(outside / "secret.yaml")
    (mods / "ok.yaml").write_text(tiny_as("inside"), encoding="utf-8")
    (mods / "z_alias.yaml").symlink_to(mods / "ok.yaml")  # a link inside the folder is fine
    entries = by_name(scan(mods))
    for name in ("leak.yaml", "leak_dir", "inner/up.yaml"):
        e = entries[name]
        assert e.state == "error" and e.scenario is None, name
        assert "outside the mods folder" in e.first_error.message
    assert entries["ok.yaml"].state == "ok"
    # the same file twice: the second has a taken id
    assert entries["z_alias.yaml"].state == "error"
    assert "already the id of" in entries["z_alias.yaml"].first_error.message


def test_hostile_files_give_errors_without_hanging(tmp_path):
    mods = tmp_path / "mods"
    mods.mkdir()
    os.mkfifo(mods / "pipe.yaml")  # would block a plain open() forever
    (mods / "binary.yaml").write_bytes(bytes(range(256)) * 40)
    with open(mods / "huge.yaml", "wb") as f:  # sparse: large, costs no disk
        f.truncate(MAX_BYTES + 1)
    (mods / "nested.yaml").write_text("a: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    (mods / "loop.yaml").symlink_to(mods / "loop.yaml")
    (mods / "dangling.yaml").symlink_to(mods / "gone.yaml")
    (mods / "empty.yaml").write_bytes(b"")
    (mods / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    deep = mods / "deep"
    for i in range(60):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "buried.yaml").write_text(tiny_as("buried"), encoding="utf-8")
    entries = by_name(scan(mods))
    expected = {
        "pipe.yaml": "not a regular file",
        "binary.yaml": "",
        "huge.yaml": "limit",
        "nested.yaml": "",
        "loop.yaml": "",
        "dangling.yaml": "",
        "empty.yaml": "",
        "list.yaml": "mapping",
    }
    assert set(expected) <= set(entries)
    for name, words in expected.items():
        e = entries[name]
        assert e.state == "error", name
        assert LINE.match(str(e.first_error)), str(e.first_error)
        assert words in e.first_error.message, (name, e.first_error.message)
    # only two levels are looked at: nothing buried deeper is listed (or walked)
    assert not any("buried" in n for n in entries)


def test_unreadable_file_and_folder(tmp_path, monkeypatch):
    """A file or folder the OS refuses to open (permission denied; simulated, since the tests
    may run as root, who can open anything) is an entry with the OS's reason."""
    mods = three_mods(tmp_path / "mods")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path, *a, **kw):
        if str(path).endswith("valid_mod.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **kw)

    def deny_scandir(path):
        if str(path).endswith("more_guns"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    entries = by_name(scan(mods))
    assert "Permission denied" in entries["valid_mod.yaml"].first_error.message
    assert "cannot open the folder" in entries["more_guns"].first_error.message
    assert entries["broken_mod.yaml"].state == "error"


def test_bounded_listing(tmp_path, monkeypatch):
    monkeypatch.setattr(modfolder, "MAX_DIR_ENTRIES", 5)
    monkeypatch.setattr(modfolder, "MAX_SCENARIOS", 3)
    mods = tmp_path / "mods"
    mods.mkdir()
    for i in range(8):
        (mods / f"m{i}.yaml").write_text("x: [", encoding="utf-8")
    reads = []
    entries = scan(mods, read=lambda p: (reads.append(p), (None, []))[1])
    assert len(reads) == 3  # no more files read than listed
    messages = [e.first_error.message for e in entries if e.first_error]
    assert any("more than 5 names" in m for m in messages)
    assert any("2 more scenarios not listed" in m for m in messages)


def test_ids_of_shipped_scenarios_and_of_earlier_mods_are_taken(tmp_path):
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "a.yaml").write_text(tiny_as("same"), encoding="utf-8")
    (mods / "b.yaml").write_text(tiny_as("same"), encoding="utf-8")
    (mods / "c.yaml").write_text(tiny_as("tutorial"), encoding="utf-8")
    entries = catalogue(scenarios_dir(), [mods, mods], lambda p: read_scenario(p, warnings=False))
    entries = [quiet(e) for e in entries]
    shipped = [e for e in entries if e.origin != "mods"]
    assert {e.origin for e in shipped} == {"shipped", "example"}
    assert all(e.state == "ok" for e in shipped)
    mine = by_name([e for e in entries if e.origin == "mods"])
    assert sorted(mine) == ["a.yaml", "b.yaml", "c.yaml"]  # the folder given twice: once
    assert mine["a.yaml"].state == "ok"
    assert "already the id of" in mine["b.yaml"].first_error.message
    assert "tutorial.yaml" in mine["c.yaml"].first_error.message


# -- fuzzing ------------------------------------------------------------------------------------

_names = st.sampled_from(
    ["a.yaml", "b.yml", "c.YAML", "d.txt", ".e.yaml", "f", "g.yaml", "sub", "h é.yaml"]
)
_contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            TINY.encode(),
            tiny_as("x1").encode(),
            b"extends: {path: ../outside.yaml}\nid: z\n",
            b"extends: {path: parts/base.yaml}\nid: z\n",
            b"extends: kinmen_1958\nid: z2\n",
            b"extends: tiny\n",
            b"a: &x [*x]\n",
            b"\xff\xfe\x00",
            b"[" * 200,
        ]
    ),
)


@st.composite
def trees(draw):
    """A mods folder: files, subfolders with files, links in and out (as a list of steps)."""
    steps = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["file", "dir", "link_out", "link_in", "fifo"]))
        steps.append((kind, draw(_names), draw(_names), draw(_contents)))
    return steps


def build(root: Path, steps) -> Path:
    outside = root / "outside.yaml"
    outside.write_text(TINY, encoding="utf-8")
    mods = root / "mods"
    mods.mkdir()
    for kind, name, inner, content in steps:
        path = mods / name
        if path.exists() or path.is_symlink():
            continue
        if kind == "file":
            path.write_bytes(content)
        elif kind == "dir":
            path.mkdir()
            (path / inner).write_bytes(content)
        elif kind == "link_out":
            path.symlink_to(outside)
        elif kind == "link_in":
            path.symlink_to(mods / inner)
        else:
            os.mkfifo(path)
    return mods


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=trees())
def test_fuzz_any_mods_folder_gives_entries_never_an_exception(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("fuzz")
    mods = build(root, steps)
    entries = scan(mods)
    files, _bad = find(mods)
    resolved = mods.resolve()
    for f in files:  # nothing read from outside the folder
        assert f.resolve().is_relative_to(resolved)
    for e in entries:
        assert e.state in ("ok", "warnings", "error")
        for p in e.problems:
            assert LINE.match(str(p)) and "\n" not in str(p), str(p)
        if e.playable:
            assert e.scenario is not None and e.path.resolve().is_relative_to(resolved)
        else:
            assert e.first_error is not None
    ids = [e.scenario.id for e in entries if e.playable]
    assert len(ids) == len(set(ids))


# -- the command line ---------------------------------------------------------------------------


def run_game(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_validate_mods_folder(tmp_path):
    mods = three_mods(tmp_path / "mods")
    r = run_game("validate", "--mods", str(mods))
    assert r.returncode == 1
    assert "valid_mod.yaml: ok (valid_mod," in r.stdout
    assert "more_guns.yaml: ok (more_guns," in r.stdout
    assert f"{mods / 'broken_mod.yaml'}:20:5: error: artillery[0]" in r.stderr
    assert f"{mods / 'more_guns' / 'more_guns.yaml'}:4:26: warning:" in r.stderr
    (mods / "broken_mod.yaml").unlink()
    assert run_game("validate", "--mods", str(mods)).returncode == 0


def test_validate_bare_mods_is_the_players_folder(tmp_path):
    three_mods(tmp_path / "data" / "mods")
    (tmp_path / "data" / "mods" / "broken_mod.yaml").unlink()
    r = run_game("validate", "--mods", env={"KINMEN1958_DATA_DIR": str(tmp_path / "data")})
    assert r.returncode == 0, r.stderr
    assert r.stdout.count(": ok (") == 2
    empty = run_game("validate", "--mods", str(tmp_path / "none"))
    assert empty.returncode == 0 and "no scenarios" in empty.stdout


def test_validate_needs_a_path_or_mods():
    r = run_game("validate")
    assert r.returncode == 2 and "--mods DIR" in r.stderr


@pytest.mark.parametrize("command", ["play", "screenshot"])
def test_mods_must_be_a_folder(tmp_path, command):
    f = tmp_path / "file.yaml"
    f.write_text("x")
    args = ["--mods", str(f)]
    if command == "screenshot":
        args += ["--screen", "new_game", "--out", str(tmp_path / "x.png")]
    r = run_game(command, *args, env={"SDL_VIDEODRIVER": "dummy"})
    assert r.returncode == 2 and "is not a folder" in r.stderr
