"""The New game list with mods: states in words, a broken mod listed but not startable, F5
reading the folder again, and every state drawn in both languages."""

from __future__ import annotations

import os

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.ui.app import App
from game.ui.screens.game import GameScreen
from game.ui.screens.newgame import NewGame
from game.ui.settings import Settings
from tests.test_mods_folder import derived, three_mods
from tests.test_ui_app import click, key, run

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def new_game_screen(mods, lang="en"):
    # the first-day guide off: these tests go from the list straight into the game
    app = App((1280, 720), Settings(lang=lang, sound=False, guide=False), persist=False, mods=mods)
    screen = NewGame(app)
    app.start(screen)
    run(app, 1)
    return app, screen


def choose(app, screen, name):
    """Open the list and click the row of the mod file `name`."""
    click(app, screen.b_scenario)
    assert screen.chooser is not None
    index = next(i for i, e in enumerate(screen.items) if e.name == name)
    row = screen.chooser.list.item_list[index]["button_element"]
    click(app, row)
    assert screen.chooser is None and screen.selected().name == name


def test_rows_show_title_origin_and_state(tmp_path):
    app, screen = new_game_screen(three_mods(tmp_path / "mods"))
    rows = {e.name: screen.row(e) for e in screen.items if e.origin == "mods"}
    assert rows["valid_mod.yaml"] == "Valid mod  ·  mod  ·  ok"
    assert rows["more_guns/more_guns.yaml"] == "A mod  ·  mod  ·  1 warning"
    assert rows["broken_mod.yaml"] == (
        "broken_mod.yaml:20:5  ·  mod  ·  error: missing required key 'calibre_mm'"
    )
    shipped = [screen.row(e) for e in screen.items if e.origin == "shipped"]
    assert all("·" not in r for r in shipped)  # a shipped scenario is just its title
    app.quit()


def test_broken_mod_is_listed_but_cannot_start_and_f5_picks_up_the_fix(tmp_path):
    mods = three_mods(tmp_path / "mods")
    app, screen = new_game_screen(mods)
    choose(app, screen, "broken_mod.yaml")
    screen = app.screen
    assert not screen.b_start.is_enabled
    key(app, pygame.K_RETURN)
    assert app.screen is screen  # still here, the first error shown
    assert "broken_mod.yaml:20:5: error:" in screen.error
    app.draw()  # draws the problems without raising
    # the modder fixes the file and presses F5: the same entry is now playable
    (mods / "broken_mod.yaml").write_text(derived("broken_mod", "Fixed"), encoding="utf-8")
    (mods / "new_one.yaml").write_text(derived("new_one", "Brand new"), encoding="utf-8")
    key(app, pygame.K_F5)
    assert app.screen is screen
    assert screen.selected().name == "broken_mod.yaml" and screen.selected().state == "ok"
    assert "new_one.yaml" in [e.name for e in screen.items]
    assert screen.b_start.is_enabled
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, GameScreen)
    assert app.screen.session.sc.id == "broken_mod"
    app.quit()


def test_reload_button_and_a_mod_broken_after_it_was_played(tmp_path):
    """A mod that loaded, then broke on disk: the reload shows the error, not the old copy."""
    mods = three_mods(tmp_path / "mods")
    app, screen = new_game_screen(mods)
    choose(app, screen, "valid_mod.yaml")
    assert app.screen.b_start.is_enabled
    (mods / "valid_mod.yaml").write_bytes(b"\x00\xff binary now")
    click(app, app.screen.b_reload)
    entry = app.screen.selected()
    assert entry.state == "error" and not app.screen.b_start.is_enabled
    assert app.scenario_for("valid_mod") is None  # the old copy is forgotten
    app.quit()


def test_the_players_mods_folder_is_listed_without_the_option(tmp_path):
    three_mods(tmp_path / "data" / "mods")
    app, screen = new_game_screen(None)
    names = [e.name for e in screen.items if e.origin == "mods"]
    assert names == ["broken_mod.yaml", "more_guns/more_guns.yaml", "valid_mod.yaml"]
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_every_state_draws_in_both_languages(tmp_path, lang):
    mods = three_mods(tmp_path / "mods")
    (mods / "bad\udcff name.yaml").write_bytes(b"\x1b]0;title\x07: [")
    app, screen = new_game_screen(mods, lang)
    for entry in screen.items:
        screen.path = entry.path
        app.rebuild()
        app.step(0.05)
        app.draw()
    screen.open_list()
    app.step(0.05)
    app.draw()
    rows = [text for text, _ in screen.chooser.options]
    assert all("\x1b" not in r and "\x07" not in r for r in rows)
    app.quit()
