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
# between an order and its reason: a comma in Chinese, not a second "：" after the order's own
@pytest.mark.parametrize(("lang", "sep", "colon"), [("zh-Hant", "；", "，"), ("en", "; ", ": ")])
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
    _, key = scr.items[0]
    go = scr.load(key)
    whole = scr.rows[key]
    assert go.args["note"] == app.loc.t("load.loaded", name=whole)
    # the list's two lines (uncut since playtest 9) are the note's words
    head, detail = scr.lines[key]
    assert "…" not in head + detail and whole == f"{head} · {detail}"
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_the_short_order_list_at_200_percent_reaches_every_order():
    """At 200 % in 1280x720 the order list was one row high (now two): the wheel jumped from
    the first order to the third and stopped there, and an arrow click moved nothing, so the
    fourth and later orders could never be edited or removed. Each wheel notch and arrow
    press now moves one row, to the last and back."""
    import pygame

    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", "en", 200)
    screen.quick_plan()
    for _ in range(3):
        app.step(0.05)
    lst = screen.order_list
    n = len(screen.session.orders())
    assert lst is not None and lst.rows_shown() == 2 and n >= 4
    k = lst.rows_shown()

    def rows(top: int) -> list[int]:
        return list(range(top, top + k))

    def shown() -> list[int]:
        return [
            i
            for i, item in enumerate(lst.item_list)
            if item["button_element"] is not None and lst.rect.contains(item["button_element"].rect)
        ]

    def post(*events: pygame.event.Event) -> None:
        for e in events:
            pygame.event.post(e)
        for _ in range(3):
            app.step(0.05)

    centre = lst.rect.center
    pygame.mouse.set_pos(centre)  # pygame_gui reads hovering from the mouse's position
    post(pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0), buttons=(0, 0, 0)))
    wheel = {
        d: pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=d, flipped=False, precise_y=d)
        for d in (-1, 1)
    }
    assert shown() == rows(0)
    for row in range(1, n + 1):
        post(wheel[-1])
        assert shown() == rows(min(row, n - k))
    for row in range(n - k - 1, -2, -1):
        post(wheel[1])
        assert shown() == rows(max(row, 0))
    # the bar's arrows: one row a press
    bar = lst.scroll_bar
    assert bar is not None and bar.bottom_button is not None and bar.top_button is not None
    for button, want in (
        (bar.bottom_button, rows(1)),
        (bar.bottom_button, rows(2)),
        (bar.top_button, rows(1)),
    ):
        at = button.rect.center
        pygame.mouse.set_pos(at)
        post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1),
        )
        post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=at, button=1))
        assert shown() == want
    app.quit()


def test_a_flag_a_move_needs_reads_in_force_not_to_hold():
    """ "Needs: US commitment ≥ 60, "US Navy escorts convoys (to 3 nm)" not to hold": a
    flag is now "in force" or "not in force" (Chinese 成立 / 不成立 unchanged)."""
    from game.words.render import condition
    from game.words.strings import words
    from tests.builder import shipped_scenario

    sc = shipped_scenario()
    en, zh = words("en"), words("zh-Hant")
    assert condition("some_flag", "==", False, en, sc).endswith('" not in force')
    assert condition("some_flag", "==", True, en, sc).endswith('" in force')
    assert condition("some_flag", "!=", True, en, sc).endswith('" not in force')
    assert condition("some_flag", "==", False, zh, sc).endswith("」不成立")


@pytest.mark.usefixtures("own_user_dirs")
def test_the_order_list_keeps_its_place_and_shows_the_order_edited():
    """The list was built again at its first row on every rebuild: at 200 % (one row shown)
    the order being edited was off the list once its form opened (two rows now shown). A
    rebuild keeps the row shown, and Edit shows the order edited."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", "en", 200)
    screen.quick_plan()
    for _ in range(3):
        app.step(0.05)
    n = len(screen.session.orders())
    assert n >= 4 and screen.order_list.rows_shown() == 2
    screen.order_list.scroll_to(2)
    app.rebuild()
    app.step(0.05)
    assert screen.order_list.top_row == 2
    order = screen.session.orders()[3]
    screen.open_form("", order, 3)  # as the Edit button does
    app.step(0.05)
    if screen.order_list is not None:  # the form's layout may leave the list out
        assert screen.order_list.top_row == min(3, screen.order_list.last_top_row())
    screen.close_form()
    app.step(0.05)
    assert screen.order_list.top_row == min(3, screen.order_list.last_top_row())
    app.quit()
