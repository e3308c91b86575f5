"""`sweep`: settings are checked like a modder's file, results do not depend on where the games
run (one process, `--jobs 2`, a Dask cluster), and the table's shares and intervals are right."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from game.cli.main import main
from game.history.sweep import (
    SweepError,
    load_variant,
    parse_set,
    play_game,
    run_dask,
    run_local,
    settings,
    sweep,
    wilson,
)
from tests.builder import tiny

TINY = Path(__file__).parent / "data" / "tiny.yaml"
SET = "rules.hit_chance_battery=0.01,0.05"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["sweep", "--scenario", str(TINY), "--format", "json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_same_seeds_give_the_same_games_for_any_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("--runs", "3", "--set", SET, "--prc", "ai:easy", "--roc", "random")
    one = _json(capsys, *argv, "--jobs", "1")
    two = _json(capsys, *argv, "--jobs", "2")
    assert one == two
    assert [r["setting"] for r in one["settings"]] == [
        {"rules.hit_chance_battery": 0.01},
        {"rules.hit_chance_battery": 0.05},
    ]
    hashes = [r["state_hashes"] for r in one["settings"]]
    assert all(len(h) == 3 and len(set(h)) == 3 for h in hashes)
    assert set(hashes[0]).isdisjoint(hashes[1])  # the setting changed the games


def test_a_setting_as_written_plays_the_scenario_itself() -> None:
    """Writing a setting out and reading it back changes nothing: with no --set, a sweep's game
    ends in the same state as the same game of the loaded scenario."""
    got = sweep(tiny(), [], 7, 2, "ai:easy", "history")
    direct = [play_game(tiny(), s, "ai:easy", "history")["state_hash"] for s in (7, 8)]
    assert got["settings"][0]["state_hashes"] == direct
    assert got["settings"][0]["setting"] == {}


def test_a_changed_number_reaches_the_game() -> None:
    _, sc = load_variant(tiny(), {"artillery.prc_guns.guns": 12, "state.tension": 45})
    assert sc.group("prc_guns").guns == 12
    assert sc.state["tension"] == 45
    _, sc = load_variant(tiny(), {"rules.hit_chance_battery": 0.02})
    assert sc.rules["hit_chance_battery"].value == 0.02


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"rules.hit_chance_battery": 2.0}, "rules.hit_chance_battery.value: must be between"),
        ({"artillery.prc_gunz.guns": 3}, "no entry 'prc_gunz' at artillery.prc_gunz"),
        ({"artillery.prc_guns.gunz": 3}, "no 'gunz' at artillery.prc_guns.gunz"),
        ({"artillery.prc_guns.guns": 2.5}, "2.5 is not a whole number"),
        ({"artillery.prc_guns.weapon": 2}, "is not a number"),
        ({"artillery.prc_guns.guns": 99999}, "artillery.0.guns: must be at most 5000"),
    ],
)
def test_a_bad_setting_is_refused_before_any_game(setting: dict, message: str) -> None:
    with pytest.raises(SweepError) as exc:
        load_variant(tiny(), setting)
    assert message in str(exc.value)


def test_values_lists_and_ranges() -> None:
    assert parse_set("rules.x=0.01, 0.02,0.03").values == (0.01, 0.02, 0.03)
    assert parse_set("rules.x=0.1:0.3:0.1").values == (0.1, 0.2, 0.3)  # exact decimal steps
    assert parse_set("state.tension=10:40:15").values == (10.0, 25.0, 40.0)
    for bad in (
        "rules.x",
        "rules.x=",
        "=1,2",
        "rules.x=a,b",
        "rules.x=1:0:1",
        "rules.x=0:1:0",
        "rules.x=1,1",
        "rules.x=nan",
        "rules.x=0:1000:1",
    ):
        with pytest.raises(SweepError):
            parse_set(bad)
    both = settings([parse_set("a=1,2"), parse_set("b=5,6,7")])
    assert both[:3] == [{"a": 1, "b": 5}, {"a": 1, "b": 6}, {"a": 1, "b": 7}]
    assert len(both) == 6


def test_wilson_interval() -> None:
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-4) and hi == pytest.approx(0.5962, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_table_csv_and_shares(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sweep", "--scenario", str(TINY), "--runs", "2", "--set", SET, "--roc", "history"]
    assert main([*argv, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["rules.hit_chance_battery", "games", "prc_wins"]
    assert [r[0] for r in rows[1:]] == ["0.01", "0.05"]
    head = rows[0]
    for r in rows[1:]:
        wins = sum(int(r[head.index(f"{k}_wins")]) for k in ("prc", "roc", "draw", "none"))
        assert wins == int(r[1]) == 2
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "rules.hit_chance_battery=0.01: 2 games" in out and "(95%: " in out


def test_cli_refusals(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["sweep", "--scenario", str(TINY), "--runs", "1"]
    assert main([*base, "--set", "rules.hit_chance_battery=7"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: rules.hit_chance_battery=7: rules.hit_chance_battery.value")
    assert err.count("\n") == 1
    assert main([*base, "--prc", "genius"]) == 2
    assert "unknown player 'genius'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*base, "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"])
    with pytest.raises(SystemExit):
        main([*base, "--dask", "tcp://127.0.0.1:1", "--jobs", "2"])


def test_dask_without_the_extra_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(SweepError, match=r"cluster extra"):
        run_dask("tcp://127.0.0.1:8786")
    line = 'error: --scheduler needs the cluster extra: pip install "kinmen-1958[cluster]"\n'
    for flag in ("--scheduler", "--dask"):  # --dask: the option's older name
        assert main(["sweep", "--scenario", str(TINY), flag, "tcp://127.0.0.1:8786"]) == 2
        assert capsys.readouterr().err == line


def test_dask_cluster_gives_the_same_games(capsys: pytest.CaptureFixture[str]) -> None:
    """`sweep --scheduler ADDRESS` against a local Dask cluster: the same games, the same final
    state hashes, as local processes."""
    distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")
    argv = ["sweep", "--scenario", str(TINY), "--set", SET, "--seed", "3", "--runs", "2"]
    argv += ["--prc", "ai:easy", "--roc", "random", "--format", "json"]
    assert main(argv) == 0
    local = json.loads(capsys.readouterr().out)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        assert main([*argv, "--scheduler", cluster.scheduler_address]) == 0
        remote = json.loads(capsys.readouterr().out)
        # the function the option uses, called directly
        direct = sweep(
            tiny(), [parse_set(SET)], 3, 2, "ai:easy", "random", run_dask(cluster.scheduler_address)
        )
    assert remote == local
    assert direct == sweep(tiny(), [parse_set(SET)], 3, 2, "ai:easy", "random")


def test_run_local_keeps_job_order() -> None:
    raw, _ = load_variant(tiny(), {})
    jobs = [(0, [5]), (0, [2, 3])]
    got = run_local([raw], jobs, "hold", "hold", 2)
    assert [[g["seed"] for g in r] for r in got] == [[5], [2, 3]]
