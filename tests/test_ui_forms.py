"""Every order kind through the window, driven by posted events, in both languages at 100 %
and 200 %: open the form, open every choice list (it lies inside the window and shows at
least three rows, or all), pick another option, give, edit (the form comes back exactly as
given), remove."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.ui.chooser import MIN_ROWS, place_list  # noqa: E402
from game.ui.orderforms import FORMS  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from tests.test_ui_app import TINY, click, key, make_app, run  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def test_place_list_stays_inside_and_shows_three_rows():
    win = (800, 560)
    for top in range(0, 560, 37):
        anchor = pygame.Rect(500, top, 200, 30)
        for n in (1, 2, 3, 11):
            r = place_list(anchor, n, 26, win, 260)
            assert pygame.Rect(0, 0, *win).contains(r)
            assert (r.height - 8) // 26 >= min(n, MIN_ROWS)


def scroll_into_view(scr, name):
    box, w = scr.form_box, scr.form.widgets[name]
    bar = box.vert_scroll_bar
    if bar is not None and not box.rect.contains(w.rect):
        bar.set_scroll_from_start_percentage((w.rect.top - box.rect.top) / box.scrolling_height)
        run(scr.app, 2)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("side", ["prc", "roc"])
def test_every_order_kind_through_the_window(lang, scale, side):
    app = make_app(lang)
    app.settings.ui_scale = scale
    app.apply_settings(app.settings)
    sc = app.scenario(TINY)
    session = Session.new(sc, Mode("ai", side, "easy"), 3)
    app.start(GameScreen(app, session))
    run(app, 2)
    scr = app.screen
    window = pygame.Rect(0, 0, *app.size)
    for kind in FORMS:
        if kind not in scr.usable_kinds():
            continue
        scr.open_form(kind)
        run(app, 2)
        choices = [
            n for n, w in scr.form.widgets.items() if isinstance(w, pygame_gui.elements.UIButton)
        ]
        for name in choices:
            scroll_into_view(scr, name)
            click(app, scr.form.widgets[name])
            ch = scr.form.chooser
            assert ch is not None, (kind, name)
            assert window.contains(ch.rect), (kind, name, ch.rect)
            assert ch.visible_rows() >= min(len(ch.items), MIN_ROWS), (kind, name)
            # the last option in sight (a long list, the hours, scrolls: its last button made
            # may lie below the list's edge, where a click does not reach it)
            items = [
                i
                for i in ch.list.item_list
                if i["button_element"] is not None and ch.rect.contains(i["button_element"].rect)
            ]
            pick = items[-1]["button_element"] if len(items) > 1 else items[0]["button_element"]
            click(app, pick)
            assert scr.form.chooser is None
        given = dict(scr.form.values)
        n = len(session.orders())
        run(app, 8)
        key(app, pygame.K_RETURN)
        if len(session.orders()) == n:  # refused (e.g. a choice made it impossible)
            key(app, pygame.K_ESCAPE)
            key(app, pygame.K_ESCAPE)
            assert scr.form is None
            continue
        order = session.orders()[-1]
        scr.open_form("", order, n)
        run(app, 2)
        assert scr.form.order() == order, kind
        for k, v in given.items():
            if k in scr.form.values and not isinstance(v, str):
                assert scr.form.values[k] == v, (kind, k)
        key(app, pygame.K_ESCAPE)
        key(app, pygame.K_ESCAPE)
        session.remove(n)
        app.rebuild()
        assert len(session.orders()) == n
    app.quit()
