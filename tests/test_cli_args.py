"""Command-line arguments: every number bounded, no output over an input, a clear error line
with exit status 2 (never a traceback, a MemoryError or a silent success); user folders from
`game.paths`; one `other(side)`; no "load the module if it exists" guards in the command line."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from game import paths
from game.ai.tournament import MAX_RUNS, play_many
from game.cli import args as cli_args
from game.cli.main import build_parser, main
from game.history import calibrate as calibrate_lib
from game.history import saves
from game.scenario.model import SIDES, other

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SAVE = ROOT / "tests" / "fixtures" / "saves" / "v1_tiny.json"
SAVE_SCENARIO = ROOT / "tests" / "fixtures" / "saves" / "v1_tiny.scenario.yaml"


def refused(capsys, *argv: str) -> str:
    """Run the command; it must exit with status 2 and say why on one `error:` line."""
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if "error:" in x]
    return line


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("simulate", "--runs", "0"), "--runs: must be from 1 to 10,000, not 0"),
        (("simulate", "--runs", "-1"), "--runs: must be from 1 to 10,000, not -1"),
        (("simulate", "--runs", "1000000000000"), "not 1,000,000,000,000"),
        (("simulate", "--runs", "10001"), "not 10,001"),
        (("simulate", "--runs", "1e3"), "not a whole number"),
        (("simulate", "--runs", "５"), "not a whole number"),
        (("simulate", "--runs", "9" * 5000), "not a whole number"),
        (("simulate", "--runs", "2", "--jobs", "0"), "--jobs: must be from 1 to 64"),
        (("simulate", "--runs", "2", "--jobs", "65"), "--jobs: must be from 1 to 64"),
        (("simulate", "--seed", "-1"), "--seed: must be from 0"),
        (("simulate", "--seed", str(2**63)), "--seed: must be from 0"),
        (("simulate", "--seed", str(2**63 - 1), "--runs", "2"), "goes past the largest seed"),
        (("simulate", "--format", "json"), "--format json is the summary of --runs"),
        (("simulate", "--format", "jsonl", "--runs", "2"), "--format jsonl"),
        (("simulate", "--jobs", "2"), "--jobs needs --runs"),
        (("calibrate", "--runs", "0"), "--runs: must be from 1"),
        (("calibrate", "--runs", "10001"), "--runs: must be from 1 to 10,000"),
        (("calibrate", "--seed", "-5"), "--seed: must be from 0"),
        (("calibrate", "--seed", str(2**63 - 1), "--runs", "2"), "goes past the largest seed"),
        (("calibrate", "--require", "nan"), "--require"),
        (("calibrate", "--require", "NaN"), "--require"),
        (("calibrate", "--require", "inf"), "--require"),
        (("calibrate", "--require", "-inf"), "--require"),
        (("calibrate", "--require", "1e999"), "must be a number from 0 to 1"),
        (("calibrate", "--require", "-0.1"), "must be a number from 0 to 1"),
        (("calibrate", "--require", "1.5"), "must be a number from 0 to 1"),
        (("calibrate", "--require", "80%"), "not a number from 0 to 1"),
        (("replay", "--seed", "-1"), "--seed: must be from 0"),
        (("replay", "--from", "１９５８-09-01"), "not a date"),
        (("replay", "--until", "1958-9-1"), "not a date"),
        (("replay", "--until", "1958-02-30"), "not a date"),
        (("bench", "--runs", "0"), "--runs: must be from 1 to 1,000"),
        (("bench", "--runs", "1001"), "--runs: must be from 1 to 1,000"),
        (("play", "--size", "10x10"), "size must be from 320x240"),
        (("play", "--size", "big"), "size must be WIDTHxHEIGHT"),
        (("screenshot", "--screen", "menu", "--out", "x.png", "--scale", "99"), "--scale"),
        (("screenshot", "--screen", "menu", "--out", "x.png", "--scale", "201"), "--scale"),
        (("screenshot", "--screen", "menu", "--out", "x.png", "--size", "1x1"), "--size"),
    ],
)
def test_bad_numbers_are_refused(capsys, argv, says):
    line = refused(capsys, *argv)
    assert says in line
    assert len(line) < 200  # a 5,000-digit argument is not echoed back whole


def test_the_bounds_are_inclusive():
    parser = build_parser()
    ns = parser.parse_args(["simulate", "--runs", str(MAX_RUNS), "--jobs", "64", "--seed", "0"])
    assert (ns.runs, ns.jobs, ns.seed) == (MAX_RUNS, 64, 0)
    ns = parser.parse_args(["calibrate", "--runs", "1", "--require", "1"])
    assert (ns.runs, ns.require) == (1, 1.0)
    assert parser.parse_args(["calibrate", "--require", "0"]).require == 0.0
    assert parser.parse_args(["calibrate", "--require", ".8"]).require == 0.8
    assert parser.parse_args(["bench", "--runs", "1000"]).runs == 1000
    assert parser.parse_args(["play", "--size", "320x240"]).size == (320, 240)


def _actions(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for a in sub._actions:
                    yield name, a


def test_no_subcommand_takes_an_unbounded_number():
    """A raw `int` or `float` type would accept 0, -1, 10**12 or nan: every number goes through
    a bounded type from `game.cli.args`."""
    for command, action in _actions(build_parser()):
        assert action.type not in (int, float), (command, action.dest)


def test_a_huge_run_count_exits_at_once_without_memory_error():
    """Was: every task built first, then MemoryError. Now refused before any work."""
    out = subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--runs", "1000000000000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert "MemoryError" not in out.stderr and "Traceback" not in out.stderr
    assert "must be from 1 to 10,000" in out.stderr


def test_the_library_bounds_runs_too():
    with pytest.raises(ValueError, match="runs must be from 0 to 10,000"):
        play_many(TINY, 1, "random", "random", MAX_RUNS + 1)
    with pytest.raises(ValueError, match="runs must be from 0"):
        play_many(TINY, 1, "random", "random", -1)
    assert calibrate_lib.MAX_RUNS == 10_000


def test_streamed_batches_give_the_same_games_in_seed_order():
    """More games than one batch (jobs * chunk * 8 = 16 here): results stay in seed order."""
    _, one = play_many(TINY, 5, "random", "hold", 20, 1)
    _, two = play_many(TINY, 5, "random", "hold", 20, 2)
    assert [r["seed"] for r in two] == list(range(5, 25))
    assert one == two


# -- output files ----------------------------------------------------------------------------


def test_report_refuses_to_overwrite_its_save(tmp_path, capsys):
    save = tmp_path / "game.json"
    save.write_bytes(SAVE.read_bytes())
    line = refused(capsys, "report", str(save), "--out", str(save), "--scenario", str(TINY))
    assert "is the same file as SAVE" in line and "refusing to overwrite" in line
    assert save.read_bytes() == SAVE.read_bytes()
    # through another name for the same file, and as the CSV
    alias = tmp_path / "sub" / ".." / "game.json"
    (tmp_path / "sub").mkdir()
    refused(capsys, "report", str(save), "--out", str(tmp_path / "r.md"), "--csv", str(alias))
    link = tmp_path / "link.json"
    link.symlink_to(save)
    refused(capsys, "report", str(link), "--out", str(save))
    assert save.read_bytes() == SAVE.read_bytes()
    assert not (tmp_path / "r.md").exists()


def test_report_refuses_the_scenario_and_one_file_for_both_outputs(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(TINY.read_bytes())
    line = refused(capsys, "report", str(SAVE), "--out", str(scenario), "--scenario", str(scenario))
    assert "--scenario" in line
    assert scenario.read_bytes() == TINY.read_bytes()
    out = tmp_path / "r.md"
    line = refused(capsys, "report", str(SAVE), "--out", str(out), "--csv", str(out))
    assert "--out and --csv are the same file" in line
    assert not out.exists()


def test_report_output_in_a_missing_folder_or_on_a_folder(tmp_path, capsys):
    line = refused(capsys, "report", str(SAVE), "--out", str(tmp_path / "no" / "r.md"))
    assert "does not exist" in line
    line = refused(capsys, "report", str(SAVE), "--out", str(tmp_path))
    assert "is a folder" in line


def test_replay_save_must_not_be_the_scenario(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(TINY.read_bytes())
    line = refused(capsys, "replay", "--scenario", str(scenario), "--save", str(scenario))
    assert "--save" in line and "--scenario" in line
    assert scenario.read_bytes() == TINY.read_bytes()


def test_screenshot_out_checks(tmp_path, capsys):
    line = refused(capsys, "screenshot", "--screen", "menu", "--out", str(tmp_path))
    assert "is a folder" in line
    missing = tmp_path / "missing" / "menu.png"
    line = refused(capsys, "screenshot", "--screen", "menu", "--out", str(missing))
    assert "does not exist" in line and not missing.parent.exists()
    line = refused(capsys, "screenshot", "--screen", "menu", "--out", str(tmp_path / "a.txt"))
    assert "must end in .png" in line
    line = refused(capsys, "screenshot", "--screen", "nope", "--out", str(tmp_path / "a.png"))
    assert "unknown screen 'nope'" in line and "menu" in line


def test_screenshot_help_names_every_screen():
    from game.ui.screenshots import SCREENS

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    description = sub.choices["screenshot"].description
    assert all(name in description for name in SCREENS)


def test_same_file():
    a = ROOT / "README.md"
    assert cli_args.same_file(a, ROOT / "tests" / ".." / "README.md")
    assert not cli_args.same_file(a, ROOT / "pyproject.toml")
    assert cli_args.same_file(ROOT / "nope" / "x", ROOT / "nope" / "." / "x")


# -- user folders, other(side), no guards ----------------------------------------------------


def test_user_folders_follow_the_environment(tmp_path, monkeypatch):
    from game.scenario import parse_cache
    from game.ui import settings

    monkeypatch.setenv("KINMEN1958_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("KINMEN1958_CACHE_DIR", str(tmp_path / "k"))
    assert paths.saves_dir() == saves.saves_dir() == settings.saves_dir() == tmp_path / "d/saves"
    assert saves.data_dir() == tmp_path / "d"
    assert paths.mods_dir() == tmp_path / "d" / "mods"
    assert paths.settings_path() == settings.settings_path() == tmp_path / "c/settings.json"
    assert parse_cache.cache_dir() == tmp_path / "k" / "yaml"
    assert paths.cache_dir("map") == tmp_path / "k" / "map"


def test_user_folders_default_to_the_platform_folders(monkeypatch):
    for var in (paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV, paths.CACHE_DIR_ENV):
        monkeypatch.delenv(var, raising=False)
    app = "kinmen-1958"
    assert paths.user_data_dir() == Path(platformdirs.user_data_dir(app, appauthor=False))
    assert paths.user_config_dir() == Path(platformdirs.user_config_dir(app, appauthor=False))
    assert paths.user_cache_dir() == Path(platformdirs.user_cache_dir(app, appauthor=False))


def test_other_is_defined_once():
    assert [other(s) for s in SIDES] == ["roc", "prc"]
    defs = [
        p
        for p in (ROOT / "game").rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "other"
    ]
    assert defs == [ROOT / "game" / "scenario" / "model.py"]


def test_the_command_line_loads_no_module_if_it_exists():
    """No importlib / find_spec guards in the entry point, the commands and the benches."""
    files = [ROOT / "game" / "__main__.py", *(ROOT / "game" / "cli").glob("*.py")]
    files += list((ROOT / "game" / "bench").glob("*.py"))
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert "importlib" not in text and "find_spec" not in text, p


def test_no_command_loads_pygame_until_it_runs():
    code = "import sys, game.cli.main; print(any(m.startswith('pygame') for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"
