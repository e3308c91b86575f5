"""`report SAVE --out FILE.md --csv FILE.csv`: the after-action report of a saved game."""

from __future__ import annotations

import csv

import pytest

from game.ai.players import HistoryPlayer, HoldPlayer
from game.cli.main import main
from game.engine.observe import observe
from game.engine.state import state_hash
from game.history import saves
from game.history.game import Game
from game.scenario.model import SIDES
from tests.builder import shipped_scenario

SECTIONS = (
    "# After-action report",
    "## The game",
    "## Ending and score against history",
    "## Campaign totals against each side's record",
    "## The course of the game, day by day",
    "## Daily figures",
)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))


kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


def played(days: int | None, prc=None) -> Game:
    sc = kinmen()
    game = Game(sc, 2)
    players = {"prc": prc or HistoryPlayer(), "roc": HistoryPlayer()}
    while not game.over and (days is None or game.day < days):
        game.play_turn({s: players[s].orders(sc, observe(sc, game.state, s)) for s in SIDES})
    return game


def report(tmp_path, game: Game, name: str = "game") -> tuple[str, list[dict]]:
    save = saves.save_game(game, tmp_path / f"{name}.json")
    out, table = tmp_path / f"{name}.md", tmp_path / f"{name}.csv"
    code = main(["report", str(save), "--out", str(out), "--csv", str(table)])
    assert code == 0
    with table.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return out.read_text(encoding="utf-8"), rows


def test_short_game_has_sections_quotes_and_one_csv_row_per_day(tmp_path):
    game = played(5)
    md, rows = report(tmp_path, game)
    at = [md.index(s) for s in SECTIONS]
    assert at == sorted(at)
    # the article's quotes, as whole sentences with their English rendering
    assert "> 8月23日，解放軍突然對金門進攻，炮擊一日數萬發。" in md
    assert "On 23 August the PLA suddenly attacked Kinmen" in md
    # both sides' claims, each labelled with its record, beside the game's figure
    assert "| PLA rounds fired | neutral (narrative A) | 31,757" in md
    assert "| PLA rounds fired | neutral (narrative B) | 57,000" in md
    assert "| PLA boats lost | ROC record | 8" in md
    assert "The game is not over" in md
    assert [r["date"] for r in rows] == [f"1958-08-{d}" for d in range(23, 28)]
    for n, row in enumerate(rows, 1):
        assert row["state_hash"] == state_hash(game.state_at(n))
        assert row["historical_orders"] == "1"
    assert rows[0]["pla_rounds"] == "56500"
    assert "shells.prc=31,757" in rows[0]["claims"]


def test_finished_historical_game_reports_ending_and_score(tmp_path):
    game = played(None)
    md, rows = report(tmp_path, game, "full")
    assert len(rows) == game.day == 70
    assert "**Kinmen holds** (`island_holds`), winner: roc" in md
    assert f"Score against history: **{game.state.score}** / 100" in md
    assert "| Shells fired by the PLA |" in md
    assert "this game ended as in 1958" in md
    assert "followed the historical orders every day" in md


def test_departures_from_history_are_reported(tmp_path):
    game = played(3, prc=HoldPlayer())
    md, rows = report(tmp_path, game, "hold")
    assert "PLA departed from the historical orders on 3 days" in md
    assert "history ordered 56,500" in md
    assert [r["historical_orders"] for r in rows] == ["0", "0", "0"]
    assert rows[0]["pla_rounds"] == "0" and rows[0]["history_pla_rounds"] == "56500"


def test_a_bad_save_is_refused(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code = main(["report", str(bad), "--out", str(tmp_path / "r.md")])
    assert code == 1
    assert "bad.json" in capsys.readouterr().err
    assert not (tmp_path / "r.md").exists()
