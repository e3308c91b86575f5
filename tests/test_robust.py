"""Hard to break (issue 20): one regression test per case a hostile review found.

Bounded work for any input, no crash on a file that validates, no path out of its folder,
text printed escaped, every corrupt file a clear message and a safe default.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import time
from pathlib import Path

import pytest

from game.cli.main import main as cli_main
from game.history import saves
from game.history.game import Game
from game.safeio import (
    ReadRefused,
    clean_partial_writes,
    confined,
    display_name,
    loads_json,
    read_regular,
    safe_file_stem,
    terminal_safe,
)
from game.scenario import errors, parse_cache
from game.scenario.errors import Problem, did_you_mean, suggestion_budget
from game.scenario.loader import MAX_PROBLEMS, read_scenario, read_scenario_bytes
from game.ui import settings as ui_settings
from tests.builder import tiny

DATA = Path(__file__).resolve().parent / "data"
TINY_TEXT = (DATA / "tiny.yaml").read_text(encoding="utf-8")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"


@pytest.fixture(autouse=True)
def _dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("KINMEN1958_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KINMEN1958_CACHE_DIR", str(tmp_path / "cache"))


def load(text: str, name: str = "x.yaml"):
    return read_scenario_bytes(text.encode("utf-8"), name, use_cache=False)


def messages(text: str) -> list[str]:
    sc, problems = load(text)
    assert sc is None, "expected the file to be refused"
    return [p.message for p in problems]


# -- 1. bounded work ----------------------------------------------------------------------------


def _lane_with(waypoints: list[str]) -> str:
    return (
        "  lanes:\n    - {id: lane_evil, name: {en: L, zh: L}, waypoints: ["
        + ", ".join(waypoints)
        + "], beaches: [island_pier]}\n"
    )


def test_unknown_references_cost_bounded_suggestion_work(monkeypatch):
    """2,000 unknown waypoints among 2,000 places: the old code compared every pair."""
    compared = []
    real = difflib.get_close_matches

    def counting(word, pool, *args, **kwargs):
        compared.append(sum(len(word) * len(c) for c in pool))
        return real(word, pool, *args, **kwargs)

    monkeypatch.setattr(errors.difflib, "get_close_matches", counting)
    places = "".join(
        f"  - {{id: place_{i:04d}_abcdefgh, name: {{en: P, zh: P}}, lon: 118.4, lat: 24.4, "
        "terrain: land, side: roc}\n"
        for i in range(2000)
    )
    text = TINY_TEXT.replace("places:\n", "places:\n" + places, 1)
    text = text.replace("  lanes:\n", _lane_with([f"plce_{i:04d}_abcdefgx" for i in range(2000)]))
    sc, problems = load(text)
    assert sc is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == "1,900 more problems not shown"
    assert "did you mean 'place_0000_abcdefgh'" in problems[0].message
    assert sum(compared) <= errors.SUGGEST_BUDGET
    assert len(compared) < 2000


def test_suggestions_skip_long_words_and_stop_when_the_budget_is_spent():
    assert did_you_mean("x" * 65, ["x" * 65]) == ""
    assert did_you_mean("plcae", ["place"]) == " (did you mean 'place'?)"
    with suggestion_budget(30):
        assert did_you_mean("plcae", ["place"]) != ""  # 5 + 25 units
        assert did_you_mean("plcae", ["place"]) == ""  # spent


def test_many_unknown_rules_give_a_hundred_problems_and_a_count():
    rules = "".join(f"  hit_chance_commnd_pst{i}: {{value: 0.02}}\n" for i in range(5000))
    sc, problems = load(TINY_TEXT.replace("rules:\n", "rules:\n" + rules, 1))
    assert sc is None and len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == "4,900 more problems not shown"


def test_node_limit(monkeypatch):
    from game.scenario import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    assert messages(TINY_TEXT) == ["more than 50 keys and values in one file"]


# -- 2. report on the project's own fixture ----------------------------------------------------


def test_report_of_a_sortie_that_found_no_convoy(tmp_path):
    out = tmp_path / "report.md"
    argv = [str(FIXTURES / "v1_tiny.json"), "--scenario", str(FIXTURES / "v1_tiny.scenario.yaml")]
    assert cli_main(["report", *argv, "--out", str(out)]) == 0
    assert "Attack craft went out and found no convoy" in out.read_text(encoding="utf-8")


# -- 3. ids and file names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ['"../../../escaped/x"', '"/etc/x"', "CON", "nul", "com1", '"a b"', '"ｔｉｎｙ"']
)
def test_unsafe_scenario_ids_do_not_validate(bad):
    found = messages(TINY_TEXT.replace("id: tiny", f"id: {bad}", 1))
    assert len(found) == 1 and found[0].startswith("id "), found


def test_ids_differing_only_in_case_are_refused():
    text = TINY_TEXT.replace("{id: penghu,", "{id: Island,", 1)
    assert "id 'Island' differs from 'island' (line 15) only in case" in messages(text)


def test_save_names_from_data_stay_in_their_folder(tmp_path):
    sc = dataclasses.replace(tiny(), id="../../../escaped/x")
    game = Game(sc, seed=1)
    path = saves.default_save_path(game)
    assert path.parent == saves.saves_dir()
    assert path.name == "escaped_x-1-day000.json"
    assert saves.save_name("CON", 3) == "_CON-day003.json"
    assert safe_file_stem("") == "game"
    with pytest.raises(ValueError):
        confined(tmp_path, "../x")


# -- 4. files that validate and then crash -------------------------------------------------------


def test_dates_near_the_end_of_the_calendar_are_refused():
    text = TINY_TEXT.replace("end: 1958-09-05", "end: 9999-12-31")
    assert "date 9999-12-31 is outside the years 1000-8999" in messages(text)


def test_game_length_is_bounded():
    text = TINY_TEXT.replace("end: 1958-09-05", "end: 1961-09-05")
    assert messages(text) == ["the game would last 1,110 days; the limit is 1,000"]


@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\x9b", "\\a", "\\L", "\\P", "\\N"])
def test_control_characters_written_as_escapes_are_refused(escape):
    found = messages(TINY_TEXT.replace("{en: PLA,", f'{{en: "P{escape}LA",', 1))
    assert len(found) == 1 and "control character" in found[0]


def test_a_control_character_in_a_key_is_refused():
    found = messages(TINY_TEXT.replace("format: 1", 'format: 1\n"a\\nb": 1', 1))
    assert "key holds control character U+000A" in found[0]


def test_block_text_keeps_its_line_breaks():
    text = TINY_TEXT.replace(
        "description: {en: One island and one battery for rule tests, zh: 規則測試用的一島一砲}",
        "description:\n    en: |\n      One island\n      and a battery\n    zh: 規則",
    )
    sc, problems = load(text)
    assert sc is not None and all(p.severity == "warning" for p in problems)
    assert sc.meta.description.en == "One island\nand a battery\n"


# -- 5. terminal injection -----------------------------------------------------------------------


def test_problem_lines_are_escaped():
    p = Problem("f\x1b]0;pwned\x07.yaml", 1, 2, ("places", 0, "id"), "no entry 'a\nx:9:9: error'")
    line = str(p)
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert line == "f\\x1b]0;pwned\\x07.yaml:1:2: error: places[0].id: no entry 'a\\nx:9:9: error'"


def test_validate_prints_one_escaped_line_per_problem(tmp_path, capsys):
    from game.cli.validate import run_validate

    path = tmp_path / "evil.yaml"
    text = TINY_TEXT.replace("waypoints: [penghu,", 'waypoints: ["x\\e[2J\\nfake:1:1: error", ')
    path.write_text(text, encoding="utf-8")
    assert run_validate([path]) != 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "\x1b" not in text
    assert all(line.startswith(str(path)) for line in text.splitlines() if line)


def test_terminal_safe_shows_undecodable_names():
    assert terminal_safe("a\udcffb\u202ec") == "a\ufffdb\\u202ec"
    assert display_name(os.fsdecode(b"/x/save-\xff.json")) == "save-\ufffd.json"


# -- 6. unbounded reads ---------------------------------------------------------------------------


def test_devices_and_pipes_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        with pytest.raises(ReadRefused) as info:
            read_regular(path, 100)
        assert info.value.kind == "not_regular"
        sc, problems = read_scenario(path)
        assert sc is None and len(problems) == 1 and "not a regular file" in problems[0].message
        with pytest.raises(saves.SaveError):
            saves.load_save(path, tiny())
        assert ui_settings.load_settings(path, warn=False) == ui_settings.Settings()


def test_reads_stop_at_the_limit_whatever_the_size(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ReadRefused, match="file is 101 bytes; the limit is 100"):
        read_regular(path, 100)
    assert read_regular(path, 101) == b"x" * 101


def test_report_on_a_fifo_is_an_error(tmp_path, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    scen = str(FIXTURES / "v1_tiny.scenario.yaml")
    assert cli_main(["report", str(fifo), "--scenario", scen, "--out", str(tmp_path / "r.md")]) == 1
    assert "pipe (FIFO)" in capsys.readouterr().err


# -- 7. the Load screen ---------------------------------------------------------------------------


def test_load_screen_lists_a_save_whose_name_is_not_utf8(tmp_path):
    pygame = pytest.importorskip("pygame")
    pytest.importorskip("pygame_gui")
    from game.ui.app import App
    from game.ui.screens.menus import LoadScreen, MainMenu

    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    try:
        (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"bad-\xff\xfe.json")).write_bytes(b"{}")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    app = App((1280, 720), ui_settings.Settings(sound=False), persist=False)
    try:
        screen = LoadScreen(app, MainMenu(app))
        app.switch(screen)
        app.step(0.05)
        app.draw()
        assert any("bad-\ufffd\ufffd" in text for text, _ in screen.items)
        screen.load(screen.items[0])  # not a save: an error shown, no exception
        app.draw()
        assert screen.error
    finally:
        app.quit()
        pygame.quit()


# -- 8. settings and side files --------------------------------------------------------------------


def test_deeply_nested_settings_give_the_defaults_and_one_message(tmp_path, capsys):
    path = tmp_path / "settings.json"
    path.write_text("[" * 30_000 + "]" * 30_000)
    assert ui_settings.load_settings(path) == ui_settings.Settings()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested deeper than" in err


@pytest.mark.parametrize(
    ("value", "sound"), [('"false"', False), ('"true"', True), ("false", False), ('"off"', True)]
)
def test_sound_as_a_string(tmp_path, value, sound):
    path = tmp_path / "settings.json"
    path.write_text(f'{{"sound": {value}, "lang": "zh-Hant"}}')
    got = ui_settings.load_settings(path, warn=False)
    assert got.sound is sound and got.lang == "zh-Hant"


def test_a_deeply_nested_side_file_gives_the_default_mode(tmp_path):
    from game.ui.session import Mode, load_session, mode_file

    path = tmp_path / "game.json"
    saves.save_game(Game(tiny(), seed=1), path)
    mode_file(path).write_text("[" * 100_000)
    assert load_session(path, tiny()).mode == Mode()


def test_loads_json_never_raises_recursion_error():
    with pytest.raises(ValueError, match="nested deeper"):
        loads_json(b'{"a": ' * 1000 + b"1" + b"}" * 1000)
    assert loads_json(b'{"a": "[[[[["}') == {"a": "[[[[["}


def test_startup_cleanup_removes_old_partial_writes_only(tmp_path):
    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    old, fresh = folder / ".x.json.1.tmp", folder / ".y.json.2.tmp"
    old.write_bytes(b"{")
    fresh.write_bytes(b"{")
    an_hour_ago = time.time() - 7200
    os.utime(old, (an_hour_ago, an_hour_ago))
    ui_settings.startup_cleanup()
    assert not old.exists() and fresh.exists()
    assert clean_partial_writes(folder, now=time.time() + 7200) == [fresh]


# -- 9. the parse cache ---------------------------------------------------------------------------


def _big(text: str) -> bytes:
    """Past the cache's minimum size: a long comment."""
    return (text + "#" + "x" * parse_cache.MIN_BYTES + "\n").encode("utf-8")


def test_only_files_that_validate_are_cached():
    bad = _big(TINY_TEXT.replace("id: tiny", "id: 'a b'"))
    assert read_scenario_bytes(bad, "bad.yaml")[0] is None
    assert not list(parse_cache.cache_dir().glob("*.json"))
    assert read_scenario_bytes(_big(TINY_TEXT), "good.yaml")[0] is not None
    assert len(list(parse_cache.cache_dir().glob("*.json"))) == 1


def test_cache_is_bounded_in_count_and_age(monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    for i in range(6):
        parse_cache.put(f"{i:064x}", {"i": i})
        path = parse_cache.cache_dir() / f"v{parse_cache.CACHE_VERSION}-{i:064x}.json"
        os.utime(path, (1000 + i, 1000 + i))
    kept = sorted(p.name for p in parse_cache.cache_dir().glob("*.json"))
    assert len(kept) <= 3
    removed = parse_cache.prune(now=1000 + 5 + parse_cache.MAX_AGE_DAYS * 86400 + 1)
    assert len(removed) == len(kept)
    assert not list(parse_cache.cache_dir().glob("*"))


# -- 11. dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["１９５８-08-23", "١٩٥٨-08-23", "1958-０８-23", "1958-08-23\\n"])
def test_dates_in_other_digits_are_refused(day):
    found = messages(TINY_TEXT.replace("start: 1958-08-23", f'start: "{day}"', 1))
    assert len(found) == 1 and re.match(r"expected a date written YYYY-MM-DD", found[0])


def test_settings_file_round_trip_is_atomic(tmp_path):
    path = tmp_path / "settings.json"
    assert ui_settings.save_settings(ui_settings.Settings(sound=False), path) == path
    assert json.loads(path.read_text())["sound"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
