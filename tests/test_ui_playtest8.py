"""What the eighth playtest in a real window found, pinned: a note over the map was cut at
three lines with no mark (yesterday's orders with the reasons some were dropped, a long save
path); the reasons were joined with English "; " and ": " in Chinese; the "Loaded ..." note
named the save cut to the load list's width ("...(普通) · 金…")."""

from __future__ import annotations

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.engine.legality import check_order
from game.scenario.orders import Fire
from game.ui.screens.map_tips import NOTE_LINES, note_lines


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "scale"), [("zh-Hant", 200), ("en", 100)])
def test_a_long_note_ends_with_an_ellipsis_never_cut_unmarked(lang, scale):
    from tests.test_ui_app import run
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", lang, scale)
    f = app.fonts.get(14)
    width = screen.map_rect.width - screen.s(20) - 2 * screen.s(6)
    short = screen.t("game.repeat_none")
    assert note_lines(f, short, width) == [short]
    long = " ".join([screen.t("game.saved", path="/home/someone/.local/share/kinmen")] * 30)
    lines = note_lines(f, long, width)
    assert len(lines) == NOTE_LINES
    assert lines[-1].endswith("…")
    assert all(f.size(ln)[0] <= width for ln in lines)
    # the lines before the last are the text's own first lines, untouched
    assert "".join(lines[:-1]).replace(" ", "") in long.replace(" ", "")
    screen.note = long
    run(app, 1)
    box = screen.note_box(long, screen.map_rect.width - screen.s(20))
    assert box.get_height() == NOTE_LINES * (f.get_linesize() + 2) + 2 * screen.s(6)
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "sep", "colon"), [("zh-Hant", "；", "："), ("en", "; ", ": ")])
def test_dropped_orders_are_listed_in_the_players_punctuation(lang, sep, colon):
    from game.ui.orderforms import describe
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", lang)
    s = screen.session
    sc = s.sc
    enemy = [g.id for g in sc.artillery if g.side == "roc"][:2]
    target = next(t.id for t in sc.targets if t.side == "prc")
    bad = [Fire(group=g, target=target, rounds=10) for g in enemy]
    why = [check_order(sc, s.state, "prc", o, []) for o in bad]
    assert all(w is not None for w in why)
    s.repeat_yesterday = lambda: list(zip(bad, why, strict=True))  # type: ignore[method-assign]
    screen.repeat_yesterday()
    note = screen.note
    first, second = (describe(s, app.loc, o) for o in bad)
    assert f"{first}{colon}" in note and f"{sep}{second}{colon}" in note
    if lang == "zh-Hant":
        assert "; " not in note and ": " not in note
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_the_loaded_note_names_the_whole_save_not_the_lists_cut():
    from game.paths import saves_dir
    from game.ui.app import App
    from game.ui.screens.menus import LoadScreen, MainMenu
    from game.ui.session import Mode, Session
    from game.ui.settings import Settings
    from tests.test_ui_app import run

    app = App((1280, 720), Settings(lang="zh-Hant", ui_scale=200, sound=False), persist=False)
    session = Session.new(app.scenario(), Mode("ai", "prc", "normal"), 1)
    saves_dir().mkdir(parents=True, exist_ok=True)
    assert session.save(saves_dir() / "kinmen_1958-1-day001.json") is None
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    run(app, 2)
    shown, key = scr.items[0]
    assert shown.endswith("…"), "at 200 % the row is cut to the list's width"
    go = scr.load(key)
    whole = scr.rows[key]
    assert go.args["note"] == app.loc.t("load.loaded", name=whole)
    assert shown[:-1] in whole and len(whole) > len(shown)
    app.quit()
