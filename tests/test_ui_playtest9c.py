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


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize(
    ("size", "scale"), [((1280, 720), 200), ((1280, 720), 100), ((800, 560), 200)]
)
def test_the_take_control_choices_lie_on_a_panel_of_their_own(lang, size, scale):
    """Opened, the choices lie on their own panel (its background between and around them,
    not the map's or the article's pixels), inside the window, apart from every other
    button, titled with the day taken; a click on the panel reaches nothing under it, and
    Esc closes it."""
    from game.ui.app import App
    from game.ui.screens.replay import ReplayScreen
    from game.ui.settings import Settings
    from game.ui.widgets import PANEL
    from tests.test_ui_app import click, key
    from tests.test_ui_replay_layout import _DAYS

    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False).clean(), persist=False)
    scr = ReplayScreen(app, day=3, days=_DAYS[0] if _DAYS else None)
    scr.wait()
    if not _DAYS:
        _DAYS.append(scr.data.days)
    app.start(scr)
    app.step(0.05)
    click(app, scr.b_take)
    assert scr.taking
    surface = app.draw()
    box = getattr(scr, "take_rect", None)
    assert box is not None, "the choices have no panel of their own"
    window = pygame.Rect(0, 0, *size)
    assert window.contains(box) and box.top >= scr.top_h
    choices = list(scr.take_buttons.values())
    others = [scr.b_menu, scr.b_back, scr.b_play, scr.b_forward, scr.b_speed, scr.b_tab]
    others += [scr.b_end, scr.b_record, scr.b_why, scr.b_take, scr.b_fold]
    for b in choices:
        assert b.visible and box.contains(b.rect)
        assert not any(b.rect.colliderect(o.rect) for o in others if o.visible)
    assert not any(box.colliderect(o.rect) for o in others if o.visible)
    if size == (1280, 720):  # over the map only, the article left whole
        assert scr.map_rect.contains(box)
    # the panel's own background around the choices: a pixel inside its edge, left of the
    # first choice and under the last row
    first = min(choices, key=lambda b: (b.rect.top, b.rect.left))
    for at in (
        (box.left + 2, first.rect.centery),
        (first.rect.centerx, box.bottom - 3),
        (box.right - 3, box.centery),
    ):
        assert tuple(surface.get_at(at))[:3] == PANEL, at
    # a press on the panel's background seeks nothing and leaves it open
    day = scr.day
    pos = (box.left + 2, box.bottom - 3)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    app.step(0.05)
    assert scr.taking and scr.day == day
    key(app, pygame.K_ESCAPE)
    assert not scr.taking and app.screen is scr
    assert not any(b.visible for b in choices)
    app.quit()
