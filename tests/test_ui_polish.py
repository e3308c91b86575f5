"""Small things a player noticed: a tooltip that stays over the buttons after a click, text
cut without an ellipsis, the order list's rows cut mid-letter."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.ui.screenshots import build_screen  # noqa: E402
from game.ui.widgets import wrapped  # noqa: E402
from tests.test_ui_app import make_app, run  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _tips(app):
    return [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UITooltip)
    ]


def _move(pos):
    pygame.mouse.set_pos(pos)  # pygame_gui reads hovering from the mouse's position
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0,) * 3))


def test_no_tooltip_after_a_click_until_the_mouse_moves_on():
    app = make_app()
    screen = build_screen(app, "kinmen")
    app.start(screen)
    run(app, 2)
    b = screen.kind_buttons["convoy"]
    _move(b.rect.center)
    run(app, 30)
    assert len(_tips(app)) == 1  # hovering a button shows its tooltip
    pos = b.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    run(app, 40)  # two seconds on the same spot: the tooltip stays away
    assert _tips(app) == []
    app.quit()


def test_cut_text_ends_in_an_ellipsis():
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    surf = pygame.Surface((200, 100))
    text = "one two three four five six seven eight nine ten eleven twelve " * 4
    rect = pygame.Rect(0, 0, 120, 2 * (font.get_linesize() + 2))
    from game.ui import widgets

    widgets.clear_caches()
    wrapped(surf, font, text, rect)
    drawn = [key[1] for key in widgets._RENDERED]
    assert len(drawn) == 2 and drawn[-1].endswith("…")
    assert all(font.size(line)[0] <= rect.width for line in drawn)


def test_order_rows_fit_their_list_with_an_ellipsis():
    app = make_app("zh-Hant", (800, 560))
    screen = build_screen(app, "orders")
    app.start(screen)
    run(app, 2)
    from game.ui.theme import BASE_FONT

    font = app.fonts.get(BASE_FONT)
    width = 120
    rows = screen.order_items(width)
    assert rows, "the sample has orders"
    for row, _oid in rows:
        assert font.size(row)[0] <= width
    full = screen.order_items()
    assert any(r[0].endswith("…") and r[0] != f[0] for r, f in zip(rows, full, strict=True))
    app.quit()
