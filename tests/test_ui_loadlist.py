"""The load screen's list shows whole rows only: at 200 % in 1280x720 half of a sixth row's
text was drawn under the list (issue 16's playtest). A row is two lines high (each entry's
what and who, `tests/test_ui_playtest9c.py`)."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.paths import saves_dir  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.menus import LoadScreen, MainMenu  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.theme import SAVE_ITEM_H  # noqa: E402
from tests.test_ui_app import run  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize(
    ("lang", "scale", "size"),
    [("zh-Hant", 200, (1280, 720)), ("en", 150, (800, 560)), ("en", 100, (1280, 720))],
)
def test_the_load_list_holds_whole_rows(lang, scale, size):
    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False), persist=False)
    session = Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1)
    saves_dir().mkdir(parents=True, exist_ok=True)
    for day in range(9):  # more saves than the list shows
        assert session.save(saves_dir() / f"kinmen_1958-day{day:03d}.json") is None
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    run(app, 2)
    lst = scr.list
    assert len(lst.item_list) == 9
    edge = lst.border_width["top"] + lst.border_width["bottom"] + 2 * lst.shadow_width
    assert lst.list_item_height == round(SAVE_ITEM_H * app.fonts.scale)
    rows, rest = divmod(lst.rect.height - edge, lst.list_item_height)
    assert rows >= 2 and rest == 0
    # the list still ends above the buttons
    assert lst.rect.bottom < min(b.rect.top for b in (scr.b_back, scr.b_replay, scr.b_load))
    app.quit()


def _shown_rows(lst) -> list[int]:
    """The top (inside the list) of every row drawn in the list's window."""
    inside = lst.item_list_container.relative_rect.height
    tops = []
    for item in lst.item_list:
        b = item["button_element"]
        if b is not None and b.relative_rect.bottom > 0 and b.relative_rect.top < inside:
            tops.append(b.relative_rect.top)
    return sorted(tops)


@pytest.mark.parametrize(("scale", "size"), [(200, (1280, 720)), (100, (800, 560))])
def test_the_scrolled_load_list_shows_no_cut_row(scale, size):
    """Scrolled part-way (by the scroll bar, or by the mouse wheel), the list shows whole rows:
    each row drawn lies wholly inside it, one row under the other from its top."""
    app = App(size, Settings(lang="en", ui_scale=scale, sound=False), persist=False)
    session = Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1)
    saves_dir().mkdir(parents=True, exist_ok=True)
    for day in range(14):
        assert session.save(saves_dir() / f"kinmen_1958-day{day:03d}.json") is None
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    run(app, 2)
    lst = scr.list
    h = lst.list_item_height
    inside = lst.item_list_container.relative_rect.height
    assert lst.scroll_bar is not None and inside % h == 0
    for fraction in (0.07, 0.13, 0.31, 0.5, 0.77, 1.0):
        lst.scroll_bar.set_scroll_from_start_percentage(fraction)
        run(app, 2)
        tops = _shown_rows(lst)
        assert tops == [tops[0] + i * h for i in range(len(tops))]
        assert tops[0] == 0 and tops[-1] + h == inside, (fraction, tops)
    # the mouse wheel over the list, up a little
    centre = lst.rect.center
    pygame.mouse.set_pos(centre)
    for _ in range(3):
        app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_y=1.0))
        run(app, 3)
        tops = _shown_rows(lst)
        assert tops[0] == 0 and tops[-1] + h == inside, tops
    app.quit()
