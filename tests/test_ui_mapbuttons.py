"""The buttons on the map (map legend, encyclopedia) never cover the scale bar, at any window
size from 800x560 to 1920x1080 and any interface scale from 100 % to 200 %: at 200 % in a
1280x720 window the legend button once hid it."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ui.app import App  # noqa: E402
from game.ui.screenshots import build_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("size", [(800, 560), (1024, 640), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("scale", [100, 150, 200])
def test_map_buttons_clear_of_the_scale_bar(size, scale, lang):
    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False).clean(), persist=False)
    screen = build_screen(app, "kinmen")
    app.start(screen)
    app.step(0.05)
    app.draw()
    view = screen.map
    bar = view.scale_bar_room().move(screen.map_rect.topleft)
    # the bar as drawn now lies inside the room kept for it
    drawn = view._scalebars[next(reversed(view._scalebars))]
    assert drawn.get_width() <= bar.width and drawn.get_height() == bar.height
    assert screen.map_rect.contains(bar)
    buttons = [screen.b_legend.rect, screen.b_cyclo.rect]
    for b in buttons:
        assert screen.map_rect.contains(b), (b, screen.map_rect)
        assert not b.colliderect(bar), (b, bar)
    assert not buttons[0].colliderect(buttons[1])
