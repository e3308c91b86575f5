"""The box under an order form scrolls rather than cutting its lines (issue 16's playtest: at
200 % in 1280x720 a fire plan's preview ended in "…" and its Rounds field needed scrolling):
every preview line is drawn whole, the scroll range covers them all, the mouse wheel over
the box scrolls it, and at 100 % a preview that fits has no scroll bar."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.ui.app import App  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.screens.preview_box import GAP  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.widgets import lines_of  # noqa: E402
from tests.test_ui_app import click, run  # noqa: E402
from tests.test_ui_polish import _move  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _fire_plan(lang: str, scale: int, size: tuple[int, int]) -> tuple[App, GameScreen]:
    """The ROC's first morning, a fire order of every battery in reach, previewed."""
    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False), persist=False)
    app.settings.guide = False
    screen = GameScreen(app, Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1))
    app.start(screen)
    run(app, 2)
    screen.open_form("fire")
    run(app, 1)
    screen.form.values["together"] = True
    screen.rebuild_keeping_scroll()
    screen.compute_preview(wait=True)
    run(app, 1)
    assert screen.reason is None and screen.preview is not None
    return app, screen


def _all_lines_held(screen: GameScreen) -> None:
    box = screen.preview_box
    parts = screen.info_parts()
    assert box.shown == tuple(parts)
    f = screen.app.fonts.get(box.size)
    width = box.image.rect.width
    expected = [line for body, _ in parts for line in lines_of(f, body, width)]
    assert [line for line, _ in box.lines] == expected
    # the preview's own text has no "…": any in a drawn line would be a cut
    assert not any("…" in line for line, _ in box.lines), box.lines
    assert box.image.rect.height == len(expected) * (f.get_linesize() + GAP)
    # the scroll range reaches the last line
    inner = box.box.scrollable_container.rect
    assert inner.height >= box.image.rect.height + box.image.relative_rect.top
    # and no line is wider than the image the box shows
    assert all(f.size(line)[0] <= width for line, _ in box.lines)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("size", [(1280, 720), (800, 560)])
def test_a_fire_plan_preview_is_read_whole_at_200_by_scrolling(lang, size):
    app, screen = _fire_plan(lang, 200, size)
    window = pygame.Rect((0, 0), size)
    box = screen.preview_box
    assert window.contains(box.rect) and box.rect == screen.info_rect
    assert not box.rect.colliderect(screen.form_rect)
    assert not box.rect.colliderect(screen.b_give.rect)
    _all_lines_held(screen)
    if app.scale < 2.0:
        # 800x560 shows the interface at the size that fits it (`fitted_scale`, 100 %): the
        # whole plan is held; scrolled or not, every battery's line is drawn
        drawn = " ".join(line for line, _ in box.lines)
        assert all(p in drawn.replace(" ", "") for p in _tail_words(screen))
        return
    assert box.scrollable() > 0 and box.has_bar()
    # every battery's line is among those drawn (the box once cut the last ones)
    drawn = " ".join(line for line, _ in box.lines)
    assert all(p in drawn.replace(" ", "") for p in _tail_words(screen))
    # the wheel over the box scrolls it down, and back up
    assert box.bar.start_percentage == 0
    _move(box.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    run(app, 20)
    down = box.bar.start_percentage
    assert down > 0
    # the form around it did not move
    assert screen.form_box.vert_scroll_bar is None or screen.form_scroll == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    run(app, 20)
    assert box.bar.start_percentage < down
    app.quit()


def _tail_words(screen: GameScreen) -> list[str]:
    """The last preview line's text without spaces (the battery line the box cut first)."""
    return [screen.preview_lines()[-1].replace(" ", "")[:30]]


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_rounds_field_shows_whole_at_200(lang):
    """The form takes room from the preview (which scrolls) so that its Rounds slider is
    seen without scrolling the form."""
    app, screen = _fire_plan(lang, 200, (1280, 720))
    rows = [e for e in screen.form_box.get_container().elements if e.visible]
    sliders = [e for e in rows if isinstance(e, pygame_gui.elements.UIHorizontalSlider)]
    assert sliders
    assert all(screen.form_box.rect.contains(s.rect) for s in sliders)
    assert screen.preview_box.rect.height >= 3 * screen.app.fonts.get(10).get_linesize()
    app.quit()


def test_a_preview_that_fits_has_no_scroll_bar_at_100():
    app, screen = _fire_plan("en", 100, (1280, 720))
    box = screen.preview_box
    _all_lines_held(screen)
    assert box.scrollable() == 0
    assert not box.has_bar()
    app.quit()


def test_the_saved_note_follows_a_change_of_language():
    """Saved from the pause menu, then Settings switched to Chinese: "Saved to …" was still
    in English there and on the map (a playtest leftover of issue 16)."""
    from dataclasses import replace

    from game.ui.screens.menus import PauseMenu

    app, screen = _fire_plan("en", 100, (1280, 720))
    screen.close_form()
    note = screen.note = screen.save()  # as Ctrl+S does
    assert note.startswith("Saved to ")
    pause = PauseMenu(app, screen)
    app.switch(pause)
    run(app, 1)
    click(app, pause.buttons["save"])
    assert pause.note_words is not None and pause.note_words[0] == "game.saved"
    app.apply_settings(replace(app.settings, lang="zh-Hant"))
    run(app, 1)
    path = pause.note_words[1]["path"]
    assert pause.t(pause.note_words[0], **pause.note_words[1]) == f"已儲存至 {path}"
    app.draw()  # the pause menu draws its note in the new language
    app.switch(screen)
    run(app, 1)
    assert screen.note == f"已儲存至 {path}"
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_preview_keeps_its_scroll_when_the_form_is_rebuilt(lang):
    """A toggle rebuilds the whole form (new widgets, a new preview box): the preview stays
    scrolled where the player had it, also through "Working out the odds…" while the new
    preview is worked out; a form of another kind starts at the top."""
    app, screen = _fire_plan(lang, 200, (1280, 720))
    box = screen.preview_box
    _move(box.rect.center)
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        run(app, 20)
    down = box.bar.start_percentage
    assert down > 0
    screen.form.values["together"] = False  # the toggle's handler does this, then rebuilds
    screen.rebuild_keeping_scroll()
    run(app, 1)
    assert screen.preview_box is not box
    screen.compute_preview(wait=True)
    run(app, 2)
    box = screen.preview_box
    assert box.has_bar() and box.bar.start_percentage == pytest.approx(down, abs=0.02)
    # rebuilt again with the same preview shown: still there
    screen.rebuild_keeping_scroll()
    run(app, 2)
    assert screen.preview_box.bar.start_percentage == pytest.approx(down, abs=0.02)
    # another kind of order opens at the top
    screen.open_form("counter")
    run(app, 1)
    screen.compute_preview(wait=True)
    run(app, 2)
    bar = screen.preview_box.bar
    assert bar is None or not screen.preview_box.has_bar() or bar.start_percentage == 0
    app.quit()
