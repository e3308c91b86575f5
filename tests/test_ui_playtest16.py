"""What the issue-16 playtest in a real window found, pinned: a disabled order kind shows why
in its tooltip, a diplomatic move's terms and the reason it is refused are read whole (the
one-row form gives its room to the box under it), a fire plan's preview names every battery
at 100%, and the naval report line says how many boats struck before naming them."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.scenario.orders import MakeMove  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.orderforms import FORMS, MoveForm  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.widgets import wrapped_height  # noqa: E402
from game.words.strings import words  # noqa: E402
from tests.test_ui_app import click, key, run  # noqa: E402
from tests.test_ui_polish import _move, _tips  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _game(side: str, lang: str = "en", scale: int = 100) -> tuple[App, GameScreen]:
    """The shipped 1958 game on its first morning, played as `side`, the guide skipped."""
    app = App((1280, 720), Settings(lang=lang, ui_scale=scale, sound=False), persist=False)
    app.settings.guide = False
    sc = app.scenario()
    screen = GameScreen(app, Session.new(sc, Mode("ai", side, "normal"), 1))
    app.start(screen)
    run(app, 2)
    return app, screen


def _fits(screen: GameScreen) -> bool:
    """The box under the form holds all of its text at the smallest font it may use."""
    smallest = 8 if screen.app.fonts.scale >= 1.5 else 10
    f = screen.app.fonts.get(smallest)
    inner = screen.info_rect.inflate(-screen.s(10), -screen.s(8))
    need = sum(wrapped_height(f, body, inner.width) for body, _ in screen.info_parts())
    return need <= inner.height + 2


def test_a_disabled_order_kind_shows_why_in_its_tooltip():
    """The ROC has no naval sortie: hovering the greyed button says why, and a click on it
    opens nothing."""
    app, screen = _game("roc")
    assert "naval" not in screen.usable_kinds()
    b = screen.kind_buttons["naval"]
    assert not b.is_enabled
    _move(b.rect.center)
    run(app, 30)  # 1.5 s: past the tooltip's delay
    tips = _tips(app)
    assert len(tips) == 1
    why = FORMS["naval"](screen.session, app.loc).why_unusable()
    assert why and b.tool_tip_text == why
    pos = b.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    run(app, 2)
    assert screen.form is None
    app.quit()


@pytest.mark.parametrize(("lang", "scale"), [("en", 100), ("zh-Hant", 200)])
def test_a_refused_move_shows_its_terms_and_the_reason_whole(lang, scale):
    """Asking the Seventh Fleet to escort on the first day is refused (US commitment too
    low): the move's terms and the reason both fit the box, which takes the room the
    one-row form does not need."""
    app, screen = _game("roc", lang, scale)
    screen.open_form("move")
    run(app, 1)
    form = screen.form
    assert isinstance(form, MoveForm)
    escort = next(m for m in form.moves() if "escort" in m.id)
    screen.open_form("move", order=MakeMove(move=escort.id))
    run(app, 2)
    screen.give()
    run(app, 1)
    assert screen.reason, "the move is refused on the first day"
    assert screen.form_rect.bottom < screen.info_rect.top
    assert screen.form_rect.height < screen.s(100)  # one row, not the whole free height
    assert _fits(screen), screen.info_parts()
    app.quit()


def test_a_fire_plan_preview_names_every_battery_at_100():
    """A fire order of every battery in reach, before any other order: the preview (a line
    for each battery) fits the box at 100%."""
    app, screen = _game("roc")
    screen.open_form("fire")
    run(app, 2)
    form = screen.form
    form.values["together"] = True
    screen.rebuild_keeping_scroll()
    run(app, 1)
    screen.compute_preview(wait=True)
    assert screen.reason is None and screen.preview is not None
    groups = {o.group for o in form.orders()}
    assert len(groups) >= 3
    assert _fits(screen), screen.info_parts()
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_naval_line_counts_the_boats_before_naming_them(lang):
    line = words(lang).t(
        "listed.naval",
        attackers="Gunboat",
        boats=34,
        cls="LST",
        sunk=1,
        damaged=0,
        escorts_hit=2,
        boats_lost=3,
    )
    if lang == "en":
        assert line.startswith("34 attack craft – Gunboat – struck the convoy of LST")
        assert "Gunboat: 34" not in line
    else:
        assert "34艘" in line and line.index("34艘") < line.index("Gunboat")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_orders_can_be_edited_and_removed_at_200(lang):
    """1280x720 at 200 %: no room for the list's heading, but the list and its edit and
    remove buttons are there, inside the window, over nothing else; Edit opens the order
    chosen, Remove takes it away."""
    app, screen = _game("prc", lang, 200)
    screen.quick_plan()
    run(app, 2)
    n = len(screen.session.orders())
    assert n >= 2
    assert screen.order_list is not None and screen.b_edit is not None
    window = pygame.Rect(0, 0, 1280, 720)
    parts = [screen.order_list.rect, screen.b_edit.rect, screen.b_remove.rect, screen.b_end.rect]
    parts += [screen.b_quick.rect, *(b.rect for b in screen.kind_buttons.values())]
    assert all(window.contains(r) for r in parts)
    assert not any(a.colliderect(b) for i, a in enumerate(parts) for b in parts[i + 1 :])
    first = screen.order_list.item_list[0]["button_element"]
    click(app, first)
    assert screen.selected_index() == 0
    order = screen.session.orders()[0]
    click(app, screen.b_edit)
    assert screen.form is not None and screen.editing == 0
    assert screen.form.order() == order
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert screen.form is None
    click(app, screen.order_list.item_list[0]["button_element"])
    click(app, screen.b_remove)
    assert len(screen.session.orders()) == n - 1
    app.quit()


@pytest.mark.parametrize(("lang", "scale"), [("en", 100), ("zh-Hant", 200)])
def test_the_load_screen_buttons_never_cover_each_other(lang, scale):
    """At 200 % in 1280x720 the replay button lay over the back button (its text hidden)."""
    from game.ui.screens.menus import LoadScreen, MainMenu

    app = App((1280, 720), Settings(lang=lang, ui_scale=scale, sound=False), persist=False)
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    app.step(0.05)
    rects = [scr.b_back.rect, scr.b_replay.rect, scr.b_load.rect]
    window = pygame.Rect(0, 0, 1280, 720)
    assert all(window.contains(r) for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    for b in (scr.b_back, scr.b_replay, scr.b_load):
        font = app.fonts.get(15)
        assert font.size(b.text)[0] < b.rect.width
    app.quit()


def test_the_replay_counts_days_as_the_game_screen_does():
    """In Chinese the replay wrote "第 4 天，共 70 天" and the game screen "第4天，共70天"."""
    w = words("zh-Hant")
    assert w.t("replay.day", n=4, total=70) == w.t("game.day", n=4, total=70) == "第4天，共70天"


def test_the_esc_warning_goes_with_the_form_it_warned_about():
    """Esc, Esc threw the form away but "Press Esc again to discard..." stayed on the map
    over the next form."""
    app, screen = _game("roc")
    screen.open_form("fire")
    run(app, 1)
    key(app, pygame.K_ESCAPE)
    assert screen.form is not None and screen.note == app.loc.t("game.esc_again")
    key(app, pygame.K_ESCAPE)
    assert screen.form is None and screen.note == ""
    app.quit()
