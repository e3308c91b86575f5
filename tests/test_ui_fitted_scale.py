"""The interface size drawn is the player's choice fitted to the window (`fitted_scale`): an
800x560 window at 200 % cut the panel's buttons ("Strait map", "Counter") without an ellipsis,
covered the order list and left the map 320 pixels wide with 7 places unnamed."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.ui.app import App
from game.ui.screenshots import build_screen
from game.ui.settings import SCALES, Settings
from game.ui.theme import LAYOUT_MIN, MAP_MIN_PX, PANEL_W, fitted_scale

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def test_fitted_scale_values():
    assert fitted_scale(2.0, (1280, 720)) == 2.0
    assert fitted_scale(2.0, (800, 560)) == 1.0
    assert fitted_scale(1.5, (800, 560)) == 1.0
    assert fitted_scale(2.0, (1920, 1080)) == 2.0
    assert fitted_scale(1.75, (1000, 700)) == 1.5
    assert fitted_scale(2.0, (1100, 600)) == 1.65


@given(
    st.sampled_from(SCALES),
    st.integers(min_value=800, max_value=4000),
    st.integers(min_value=560, max_value=3000),
)
def test_fitted_scale_never_more_than_chosen_or_fits(scale, w, h):
    chosen = scale / 100
    shown = fitted_scale(chosen, (w, h))
    assert 1.0 <= shown <= chosen
    # the logical window is never smaller than the layout's least and the game screen's map
    # keeps its room beside the panel, unless at 100 %
    assert shown == 1.0 or (w / shown >= LAYOUT_MIN[0] and h / shown >= LAYOUT_MIN[1])
    assert shown == 1.0 or w - shown * PANEL_W >= MAP_MIN_PX - 1e-6
    assert round(shown * 20, 6) == round(shown * 20)  # steps of 5 %


def test_window_follows_the_fitting_size_on_resize_and_setting():
    app = App((1280, 720), Settings(ui_scale=200, sound=False).clean(), persist=False)
    app.start(build_screen(app, "kinmen"))
    app.step(0.05)
    assert app.scale == 2.0 and app.fonts.scale == 2.0
    app.resize((800, 560))
    app.step(0.05)
    assert app.scale == 1.0 and app.fonts.scale == 1.0
    app.resize((1280, 720))
    app.step(0.05)
    assert app.fonts.scale == 2.0
    # a setting changed in place and applied is drawn (tests and the settings screen do so)
    app.settings.ui_scale = 150
    app.apply_settings(app.settings)
    assert app.fonts.scale == 1.5


def test_panel_buttons_whole_at_800x560_and_200_percent():
    """Every button of the game screen shows its whole text at 800x560 with 200 % chosen."""
    app = App((800, 560), Settings(ui_scale=200, sound=False).clean(), persist=False)
    app.start(build_screen(app, "kinmen"))
    app.step(0.05)
    app.draw()
    window = pygame.Rect(0, 0, *app.size)
    for el in app.manager.get_sprite_group().sprites():
        if isinstance(el, pygame_gui.elements.UIButton) and el.visible:
            assert window.contains(el.rect), el.text
            text_w = el.font.size(el.text)[0] if hasattr(el, "font") else 0
            assert text_w <= el.rect.width, (el.text, text_w, el.rect.width)
