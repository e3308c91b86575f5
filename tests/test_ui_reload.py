"""F5 in a game reads its scenario file again; `--watch` notices edits (issue 19, part 4).

Headless (SDL dummy), with a temporary mod of the 1958 scenario: a broken edit shows its
errors at FILE:LINE:COL and the game goes on unchanged; a valid edit says what changed and
offers going on from today with the new version (when today's state fits it), a restart from
day 1, or going on with the old version; the watcher's notification is
driven by a fake source, so no test needs the `watch` extra.
"""

from __future__ import annotations

import os
import sys
import threading

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.cli.main import main
from game.cli.play import NO_WATCH_EXTRA
from game.ui.app import App
from game.ui.reload import Change, diff, reread
from game.ui.screens.game import GameScreen
from game.ui.screens.guide import GuideScreen
from game.ui.screens.newgame import NewGame
from game.ui.screens.reload import ReloadScreen
from game.ui.session import Mode, Session
from game.ui.settings import Settings
from game.ui.watch import Watcher, concerns
from tests.test_mods_folder import derived
from tests.test_ui_app import click, key, run

GUNS = (
    "artillery:\n  - {id: prc_dadeng_152, guns: 50, assumption: {guns: a what-if with more guns}}\n"
)


pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.fixture
def mod(tmp_path):
    folder = tmp_path / "mods"
    folder.mkdir()
    path = folder / "reload_mod.yaml"
    path.write_text(derived("reload_mod", "Reload mod"), encoding="utf-8")
    return path


def playing(mod, lang="en", **kw):
    """A window playing the ROC in `mod` against the easy AI, one day played."""
    app = App((1280, 720), Settings(lang=lang, sound=False), persist=False, mods=mod.parent, **kw)
    sc = app.scenario(mod)
    session = Session.new(sc, Mode("ai", "roc", "easy"), seed=7)
    session.autosaves = False
    app.start(GameScreen(app, session))
    run(app, 1)
    key(app, pygame.K_e)  # end the first day
    for _ in range(20):  # through the report screens back to the game
        if isinstance(app.screen, GameScreen):
            break
        key(app, pygame.K_RETURN)
    assert isinstance(app.screen, GameScreen) and app.screen.session.state.day == 1
    return app, app.screen


def test_a_broken_edit_shows_its_errors_and_the_game_goes_on(mod):
    app, game = playing(mod)
    session, sc, state = game.session, game.session.sc, game.session.state
    mod.write_text(derived("reload_mod") + "artillery:\n  - {id: prc_dadeng_152, guns: -5}\n")
    key(app, pygame.K_F5)
    panel = app.screen
    assert isinstance(panel, ReloadScreen) and panel.broken
    lines = panel.lines()
    assert lines[0].startswith(f"{mod}:7:") and ": error: " in lines[0]
    assert "guns" in lines[0]
    assert panel.b_restart is None  # nothing to restart with
    app.draw()
    key(app, pygame.K_ESCAPE)
    assert app.screen is game  # the same game: its scenario, state and orders
    assert game.session is session and session.sc is sc and session.state is state
    assert game.note == app.loc.t("reload.kept_old_note")
    app.quit()


def test_a_valid_edit_says_what_changed_and_the_player_chooses(mod):
    app, game = playing(mod)
    sc = game.session.sc
    guns = sc.group("prc_dadeng_152").guns
    mod.write_text(derived("reload_mod", "Reloaded mod") + GUNS, encoding="utf-8")
    key(app, pygame.K_F5)
    panel = app.screen
    assert isinstance(panel, ReloadScreen) and not panel.broken
    assert panel.outcome.kind == "changed"
    lines = panel.lines()
    assert f"artillery › prc_dadeng_152 › guns: {guns} → 50" in lines
    assert "meta › title › en: 'Reload mod' → 'Reloaded mod'" in lines
    app.draw()
    # go on with the old version: nothing in the game changed
    click(app, panel.b_continue)
    assert app.screen is game and game.session.sc is sc
    assert game.session.state.day == 1
    assert game.session.sc.group("prc_dadeng_152").guns == guns
    # the window's cache follows the file: a new game would start the new version
    assert app.scenario(mod).group("prc_dadeng_152").guns == 50
    # F5 again offers the same choice (the game still plays the old version); restart
    key(app, pygame.K_F5)
    panel = app.screen
    assert isinstance(panel, ReloadScreen)
    click(app, panel.b_restart)
    # a new game's first morning: the side's guide first (Settings: first-day guide), then the game
    assert isinstance(app.screen, GuideScreen)
    key(app, pygame.K_RETURN)
    new = app.screen
    assert isinstance(new, GameScreen) and new is not game
    assert new.session.state.day == 0 and new.session.game.seed == 7
    assert new.session.mode.to_dict() == {"kind": "ai", "human": "roc", "level": "easy"}
    assert new.session.sc.group("prc_dadeng_152").guns == 50
    assert new.note == app.loc.t("reload.restarted")
    app.quit()


def test_going_on_from_today_plays_on_under_the_new_version(mod, tmp_path):
    """The third choice: the same game, today's state, the new version's numbers; its save
    carries the new version and loads."""
    from game.engine.state import rules_sha256
    from game.history.saves import load_save

    app, game = playing(mod)
    old = game.session
    guns = old.state.groups["prc_dadeng_152"].guns
    mod.write_text(derived("reload_mod", "Reloaded mod") + GUNS, encoding="utf-8")
    key(app, pygame.K_F5)
    panel = app.screen
    assert isinstance(panel, ReloadScreen) and panel.misfit is None
    assert panel.b_go_on.is_enabled
    assert panel.b_go_on.tool_tip_text == app.loc.t("reload.go_on_tip")
    assert panel.lines()[-1] == app.loc.t("reload.choose")
    app.draw()
    click(app, panel.b_go_on)
    new = app.screen
    assert isinstance(new, GameScreen) and new is not game
    s = new.session
    assert s.sc is panel.outcome.scenario and s.game is not old.game
    assert s.state.day == 1 and s.game.seed == 7 and s.mode == old.mode
    assert s.players is old.players  # the same opponents go on
    assert s.state.groups["prc_dadeng_152"].guns == guns + 50 - old.sc.group("prc_dadeng_152").guns
    assert s.state.scenario_sha256 == rules_sha256(s.sc) != rules_sha256(old.sc)
    assert new.note == app.loc.t("reload.went_on")
    assert old.state.day == 1 and old.sc.group("prc_dadeng_152").guns != 50  # untouched
    # the next turn plays under the new version, and its save loads and goes on
    key(app, pygame.K_e)
    for _ in range(20):
        if isinstance(app.screen, GameScreen):
            break
        key(app, pygame.K_RETURN)
    assert app.screen.session is s and s.state.day == 2
    assert s.state.scenario_sha256 == rules_sha256(s.sc)
    assert s.save(tmp_path / "went_on.json") is None
    loaded = load_save(tmp_path / "went_on.json", app.scenario(mod))
    assert loaded.state.to_dict() == s.state.to_dict()
    assert loaded.scenario.group("prc_dadeng_152").guns == 50
    app.quit()


def test_a_state_that_does_not_fit_disables_going_on(mod):
    """The new version removes a battery the game holds: the button is disabled, and the
    panel and its tooltip name the battery in the player's words."""
    app, game = playing(mod)
    name = game.session.sc.group("prc_dadeng_152").name.en
    mod.write_text(
        derived("reload_mod") + "artillery:\n  - {id: prc_dadeng_152, remove: true}\n",
        encoding="utf-8",
    )
    key(app, pygame.K_F5)
    panel = app.screen
    assert isinstance(panel, ReloadScreen) and not panel.broken
    assert panel.misfit is not None and panel.misfit.key == "carry.removed_group"
    assert not panel.b_go_on.is_enabled and panel.b_restart.is_enabled
    why = panel.b_go_on.tool_tip_text
    assert name in why and "prc_dadeng_152" not in why
    assert why.startswith(app.loc.t("reload.go_on_no", why="").strip())
    assert panel.lines()[-1] == why
    app.draw()
    click(app, panel.b_go_on)  # disabled: nothing happens
    assert app.screen is panel
    key(app, pygame.K_ESCAPE)
    assert app.screen is game
    app.quit()


def test_an_unchanged_file_only_notes_it(mod):
    app, game = playing(mod)
    mod.write_text(derived("reload_mod", "Reload mod") + "# a comment only\n", encoding="utf-8")
    key(app, pygame.K_F5)
    assert app.screen is game
    assert game.note == app.loc.t("reload.same", file=str(mod))
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_both_panels_draw_in_both_languages(mod, lang):
    app, game = playing(mod, lang)
    for text in (derived("reload_mod", "X") + GUNS, "format: 1\nid: [unclosed\n"):
        mod.write_text(text, encoding="utf-8")
        key(app, pygame.K_F5)
        assert isinstance(app.screen, ReloadScreen)
        app.draw()
        assert all("{" not in line or "›" in line for line in app.screen.lines())
        key(app, pygame.K_ESCAPE)
        assert app.screen is game
    app.quit()


def test_the_key_is_in_the_help_text_in_both_languages():
    from game.ui.i18n import Locale

    assert "F5" in Locale("en").t("game.orders_help")
    assert "F5" in Locale("zh-Hant").t("game.orders_help")


# -- the comparison -------------------------------------------------------------------------


def test_diff_matches_items_by_id_and_counts_past_the_limit():
    old = {"a": 1, "items": [{"id": "x", "n": 1}, {"id": "y", "n": 2}], "gone": True}
    new = {"a": 2, "items": [{"id": "y", "n": 3}, {"id": "x", "n": 1}, {"id": "z"}], "b": []}
    changes, total = diff(old, new)
    assert changes == [
        Change(("a",), "changed", 1, 2),
        Change(("items", "y", "n"), "changed", 2, 3),
        Change(("items", "z"), "added", None, {"id": "z"}),
        Change(("gone",), "removed", True),
        Change(("b",), "added", None, []),
    ]
    assert total == 5
    few, total = diff(old, new, limit=2)
    assert len(few) == 2 and total == 5
    assert diff(old, old) == ([], 0)
    # a number that becomes the same value of another type is a change (1 -> 1.0 -> True)
    assert diff({"v": 1}, {"v": True})[1] == 1


def test_reread_of_a_missing_file_and_of_the_same_file(mod, kinmen_1958):
    from game.scenario.loader import load_scenario

    sc = load_scenario(mod)
    assert reread(None, sc).kind == "missing"
    assert reread(mod, sc).kind == "same"
    gone = reread(mod.parent / "nowhere.yaml", sc)
    assert gone.kind == "errors" and gone.errors[0].line == 1


# -- watching -------------------------------------------------------------------------------


def test_concerns_the_file_and_its_subfolders_not_its_siblings(tmp_path):
    own = tmp_path / "mods" / "m" / "m.yaml"
    assert concerns(own, [own])
    assert concerns(own, [tmp_path / "mods" / "m" / "parts" / "base.yaml"])
    assert not concerns(own, [tmp_path / "mods" / "m" / "other.yaml"])
    assert not concerns(own, [tmp_path / "elsewhere.yaml"])
    assert not concerns(None, [own])


def test_the_watcher_queues_what_its_source_reports(tmp_path):
    seen = []

    def source(paths, stop):
        seen.append(list(paths))
        yield [tmp_path / "a.yaml", tmp_path / "b.yaml"]
        yield [tmp_path / "a.yaml"]

    watcher = Watcher([tmp_path, tmp_path / "missing"], source).start()
    watcher.join(10)
    assert seen == [[tmp_path]]  # a folder that does not exist is not watched
    assert watcher.take() == [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    assert watcher.take() == []
    assert watcher.failure == ""


def test_a_failing_source_is_noted_not_raised(tmp_path):
    def source(paths, stop):
        raise OSError("inotify watch limit reached")
        yield  # pragma: no cover

    watcher = Watcher([tmp_path], source).start()
    watcher.join(10)
    assert watcher.failure == "OSError: inotify watch limit reached"
    assert watcher.take() == []


def test_a_change_on_disk_puts_a_note_on_the_game(mod):
    """A fake event for the running scenario's file: the game says F5 reloads it, and changes
    nothing by itself."""
    go = threading.Event()

    def source(paths, stop):
        assert mod.parent in paths
        go.wait(30)
        yield [mod]

    app, game = playing(mod, watch=True, watch_source=source)
    sc = game.session.sc
    assert game.note != app.loc.t("game.changed_on_disk")
    mod.write_text(derived("reload_mod", "Edited") + GUNS, encoding="utf-8")
    go.set()
    app.watcher.join(10)
    run(app, 1)
    assert game.note == app.loc.t("game.changed_on_disk")
    assert game.session.sc is sc  # told, never reloaded without the player
    app.quit()


def test_a_change_elsewhere_puts_no_note(mod):
    other = mod.parent / "other.yaml"

    def source(paths, stop):
        yield [other]

    app, game = playing(mod, watch=True, watch_source=source)
    app.watcher.join(10)
    run(app, 1)
    assert game.note != app.loc.t("game.changed_on_disk")
    app.quit()


def test_the_new_game_list_reads_the_folder_again_on_a_change(mod):
    app = App((1280, 720), Settings(sound=False), persist=False, mods=mod.parent)
    screen = NewGame(app)
    app.start(screen)
    run(app, 1)
    assert "added.yaml" not in [e.name for e in screen.items]
    added = mod.parent / "added.yaml"
    added.write_text(derived("added", "Added"), encoding="utf-8")
    mod.write_bytes(b"\x00 binary now")
    app.on_disk_change([added, mod])
    states = {e.name: e.state for e in app.screen.items if e.origin == "mods"}
    assert states == {"added.yaml": "ok", "reload_mod.yaml": "error"}
    app.quit()


def test_watch_without_the_extra_stops_with_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles -> ImportError
    opened = []
    monkeypatch.setattr("game.ui.launch.open_window", lambda *a, **k: opened.append(a))
    assert main(["play", "--watch"]) == 2
    err = capsys.readouterr().err
    assert err == NO_WATCH_EXTRA + "\n"
    assert "kinmen-1958[watch]" in err
    assert opened == []
