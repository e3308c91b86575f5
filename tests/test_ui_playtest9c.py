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
    from game.ui.widgets import PANEL
    from tests.test_ui_app import click, key
    from tests.test_ui_replay_layout import _replay

    app, scr = _replay(size, lang, scale, day=3)
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


def _saves(app) -> None:
    """A manual save (the PLA against the computer, normal), an autosave (the ROC against
    it, hard) and a hot-seat manual save."""
    from game.paths import saves_dir
    from game.ui.session import Mode, Session, campaign_dir

    sc = app.scenario()
    folder = saves_dir()
    auto = campaign_dir(folder, sc.id, 2)
    for mode, seed, path in (
        (Mode("ai", "prc", "normal"), 1, folder / "kinmen_1958-day001-seed1.json"),
        (Mode("ai", "roc", "hard"), 2, auto / "autosave-0.json"),
        (Mode("hotseat", "roc", "normal"), 3, folder / "kinmen_1958-day001-seed3.json"),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        assert Session.new(sc, mode, seed).save(path) is None


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize(
    ("size", "scale"), [((1280, 720), 200), ((1280, 720), 100), ((800, 560), 150)]
)
def test_each_save_shows_what_who_and_when_uncut_and_labelled(lang, size, scale):
    """Each entry shows the scenario, the side, the opponent with the difficulty, the day
    and the time saved, none of it cut ("解放軍對電腦國軍（…" at 200 %), in two lines drawn
    on its row; an autosave says so and a manual save is labelled too (it had no label)."""
    from game.ui.app import App
    from game.ui.screens.menus import DETAIL_FONT, ROW_PAD, LoadScreen, MainMenu
    from game.ui.settings import Settings
    from game.ui.theme import BASE_FONT
    from tests.test_ui_app import run

    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False), persist=False)
    _saves(app)
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    run(app, 2)
    loc = app.loc
    title = loc.text(app.scenario().meta.title)
    shown = scr.shown_rows()
    assert len(shown) == 3  # all three fit, whole
    by_who = {}
    for rect, key, _ in shown:
        head, detail = scr.lines[key]
        assert "…" not in head + detail
        pad = scr.s(ROW_PAD)
        assert app.fonts.get(BASE_FONT).size(head)[0] <= rect.width - 2 * pad
        assert app.fonts.get(DETAIL_FONT).size(detail)[0] <= rect.width - 2 * pad
        lines = app.fonts.get(BASE_FONT).get_linesize() + app.fonts.get(DETAIL_FONT).get_linesize()
        assert lines <= rect.height
        assert title in head
        by_who[detail.split(" · ")[0]] = head
    pla = loc.t(
        "load.who_ai", side=loc.side("prc"), opponent=loc.side("roc"), level=loc.t("level.normal")
    )
    roc = loc.t(
        "load.who_ai", side=loc.side("roc"), opponent=loc.side("prc"), level=loc.t("level.hard")
    )
    assert set(by_who) == {pla, roc, loc.t("load.who_hotseat")}
    # the autosave says so; each manual save has a label of its own
    assert by_who[roc] == loc.t("load.auto_head", title=title, day=1)
    assert (
        by_who[pla]
        == by_who[loc.t("load.who_hotseat")]
        == loc.t("load.saved_head", title=title, day=1)
    )
    assert by_who[pla] != by_who[roc]
    # the lines are drawn on the rows: the row's pixels under the first line are not all the
    # row's own background
    surface = app.draw()
    rect = shown[0][0]
    band = surface.subsurface(pygame.Rect(rect.left, rect.top, rect.width, rect.height // 2))
    colours = {
        tuple(band.get_at((x, y)))[:3]
        for x in range(0, band.get_width(), 3)
        for y in range(0, band.get_height(), 3)
    }
    assert len(colours) > 3
    # chosen and loaded: the note names the whole save
    go = scr.load(shown[0][1])
    assert go.args["note"] == loc.t("load.loaded", name=scr.rows[shown[0][1]])
    app.quit()
