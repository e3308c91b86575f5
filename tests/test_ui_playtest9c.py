"""What the ninth playtest's real window showed at 200 % in 1280x720, pinned: the replay's
"Take control" choices drawn over the map and the article; the order list one row high
with 70 pixels empty above it; the load list cutting the difficulty ("解放軍對電腦國軍（…")
and naming manual saves with no label while autosaves had one."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_order_list_takes_the_room_over_it_at_200_percent(lang):
    """The list beside Edit/Remove reaches up to the routine buttons' gap: two whole rows
    (it was capped at one, 70 pixels empty over it), every row whole."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", lang, 200)
    screen.quick_plan()
    for _ in range(3):
        app.step(0.05)
    lst = screen.order_list
    assert lst is not None and len(screen.session.orders()) >= 4
    assert lst.rows_shown() == 2
    border = lst.border_width
    edge = border["top"] + border["bottom"] + 2 * lst.shadow_width
    assert (lst.rect.height - edge) % lst.list_item_height == 0
    # what is left empty over it is less than a row, and it ends at the body's bottom
    above = max(screen.b_quick.rect.bottom, screen.b_repeat.rect.bottom)
    assert lst.rect.top - above < lst.list_item_height
    assert lst.rect.bottom == screen.body_bottom
    # Edit and Remove beside it, apart from it and from each other, inside the window
    window = pygame.Rect(0, 0, *app.size)
    for b in (screen.b_edit, screen.b_remove):
        assert window.contains(b.rect) and not b.rect.colliderect(lst.rect)
    assert not screen.b_edit.rect.colliderect(screen.b_remove.rect)
    app.quit()
