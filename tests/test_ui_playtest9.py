"""What the ninth playtest in a real window (2026-12) found, pinned: Edit and Remove looked
usable with no order selected, or with no order at all, and a click on them did nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "scale"), [("zh-Hant", 200), ("en", 100)])
def test_edit_and_remove_are_disabled_with_no_order_and_say_why(lang, scale):
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", lang, scale)
    assert not screen.session.orders()
    for b in (screen.b_edit, screen.b_remove):
        assert b is not None and not b.is_enabled
        assert b.tool_tip_text.replace("<br>", "") == screen.t("game.no_order_to_edit")
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_edit_with_one_order_and_none_selected_opens_it():
    from tests.test_ui_app import click
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", "zh-Hant", 200)
    screen.open_form("fire")
    app.step(0.05)
    screen.give()
    app.step(0.05)
    (order,) = screen.session.orders()
    assert screen.selected_index() is None and screen.b_edit.is_enabled
    click(app, screen.b_edit)
    assert screen.editing == 0 and screen.form is not None
    assert screen.form.order() == order
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_remove_with_several_orders_and_none_selected_says_to_pick_one():
    from tests.test_ui_app import click
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", "en", 100)
    screen.quick_plan()
    app.step(0.05)
    n = len(screen.session.orders())
    assert n >= 2 and screen.selected_index() is None
    click(app, screen.b_remove)
    assert len(screen.session.orders()) == n
    assert screen.note == screen.t("game.pick_order_first")
    click(app, screen.b_edit)
    assert screen.form is None and screen.note == screen.t("game.pick_order_first")
    app.quit()
