"""The load screen's list shows whole rows only: at 200 % in 1280x720 half of a sixth row's
text was drawn under the list (issue 16's playtest)."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.paths import saves_dir  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.menus import LoadScreen, MainMenu  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.theme import item_height  # noqa: E402
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
    rows, rest = divmod(lst.rect.height - edge, item_height(app.fonts.scale))
    assert rows >= 2 and rest == 0
    # the list still ends above the buttons
    assert lst.rect.bottom < min(b.rect.top for b in (scr.b_back, scr.b_replay, scr.b_load))
    app.quit()
