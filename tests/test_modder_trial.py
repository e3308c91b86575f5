"""The modder trial of issue 19, kept as tests: the example mod folder with its own source text
(docs/examples/xiaodeng_guns) validates, sweeps (its source file stays behind: the workers read
the merged text), and the trial's broken copy shows its mistakes in one run at their lines.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.loader import read_scenario

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "xiaodeng_guns"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "xiaodeng_guns"
    shutil.copytree(EXAMPLE, out)
    return out


def test_the_example_validates_with_no_warning(folder: Path) -> None:
    sc, problems = read_scenario(folder / "xiaodeng_guns.yaml", warnings=True)
    assert sc is not None and problems == []
    assert sc.group("prc_xiaodeng_122").guns == 24
    assert [s.id for s in sc.sources][-1] == "trial_notes"


def test_a_sweep_of_a_mod_with_its_own_source_text(folder: Path, capsys) -> None:
    """It used to stop at once: each setting was read again as "sweep setting", away from the
    mod's folder, and its source file could not be found."""
    argv = ["sweep", "--scenario", str(folder / "xiaodeng_guns.yaml"), "--runs", "1"]
    argv += ["--prc", "hold", "--roc", "hold", "--format", "json"]
    argv += ["--set", "artillery.prc_xiaodeng_122.guns=0,48"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["settings"]) == 2


#: the trial's mistakes: (text in the good file, the mistake)
MISTAKES = [
    ("    place: xiaodeng\n    guns", "    place: xiaodng\n    guns"),
    ("    guns: 24", "    guns: twenty"),
    ("    range_km: 23.9", "    rnage_km: 23.9"),
    ("value: 90}", "value: 150}"),
]


def test_the_trials_mistakes_come_in_one_run_at_their_lines(folder: Path) -> None:
    path = folder / "xiaodeng_guns.yaml"
    text = path.read_text(encoding="utf-8")
    for good, bad in MISTAKES:
        assert good in text
        text = text.replace(good, bad, 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    sc, problems = read_scenario(path, warnings=True)
    assert sc is None
    shown = [str(p) for p in problems]
    assert all(p.severity == "error" for p in problems), shown

    def at(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    new = at("- id: prc_xiaodeng_122")
    assert {(p.line, p.message.split(":")[0]) for p in problems} >= {
        (new, "missing required key 'range_km'"),
        (at("place: xiaodng"), "no places entry with id 'xiaodng' (did you mean 'xiaodeng'?)"),
        (at("guns: twenty"), "expected an integer, got 'twenty'"),
        (at("rnage_km"), "unknown key 'rnage_km' (did you mean 'range_km'?)"),
    }, shown
    assert any(p.line == at("value: 150") and "can never hold" in p.message for p in problems)
    assert len(problems) == 5, shown  # a new entry, not a misspelt change of prc_dadeng_122


def test_a_short_reason_says_how_short(folder: Path) -> None:
    path = folder / "xiaodeng_guns.yaml"
    text = path.read_text(encoding="utf-8")
    reason = '"Dug in like the Dadeng guns, a little less since its pits are new."'
    path.write_text(text.replace(reason, '"more guns"'), encoding="utf-8")
    _, problems = read_scenario(path, warnings=True)
    assert [p.message for p in problems] == [
        "an assumption must give its specific reason in at least 12 characters (this one has 9)"
    ]


def test_a_save_of_the_mod_loads_with_its_own_copy_away_from_its_folder(folder, tmp_path):
    """The copy a save carries has no source texts beside it (the save is elsewhere): when the
    mod's rules change on disk, the save goes on with its copy, quotes unchecked (they were
    checked when the game began; the rules never read them)."""
    from game.history import saves
    from game.history.game import Game

    path = folder / "xiaodeng_guns.yaml"
    sc, _ = read_scenario(path, warnings=False)
    assert sc is not None
    game = Game(sc, 4)
    game.play_turn({"prc": [], "roc": []})
    save = saves.save_game(game, tmp_path / "saves" / "x.json")
    path.write_text(
        path.read_text(encoding="utf-8").replace("    guns: 24", "    guns: 30"), encoding="utf-8"
    )
    changed, _ = read_scenario(path, warnings=False)
    assert changed is not None and changed.group("prc_xiaodeng_122").guns == 30
    loaded = saves.load_save(save, changed)
    assert [n.kind for n in loaded.notices] == ["older_scenario"]
    assert loaded.scenario.group("prc_xiaodeng_122").guns == 24
    assert loaded.state.to_dict() == game.state.to_dict()
