"""What the seventh playtest in a real window found, pinned: an order the quick plan added
comes back exactly when edited (the AI loads cargo in tenths of a ton; the sliders hold whole
tons, so a quick-planned 45 t airlift came back as 44 t)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.scenario.orders import Airlift, Convoy
from game.ui.i18n import Locale
from game.ui.orderforms import form_for
from game.ui.planning import whole_tons
from game.ui.session import Mode, Session
from tests.builder import shipped_scenario


def test_whole_tons_keeps_the_load_and_gives_the_rounding_to_the_biggest_kind():
    order = Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 43.6, "ammo": 0.4, "fuel": 1.0})
    assert whole_tons(order).cargo == {"food": 44.0, "fuel": 1.0}
    same = Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 40.0, "ammo": 5.0})
    assert whole_tons(same) == same


@pytest.mark.parametrize("side", ["roc", "prc"])
@pytest.mark.parametrize("day", [0, 1])
def test_every_quick_planned_order_comes_back_exactly_when_edited(side, day):
    sc = shipped_scenario()
    session = Session.new(sc, Mode("ai", side, "normal"), seed=440021)
    session.autosaves = False
    if day:
        session.quick_plan()
        session.end_planning()
        session.resolve()
    added, _ = session.quick_plan()
    orders = session.orders()
    assert added == orders and len(orders) > 0
    loc = Locale("en")
    carried = [o for o in orders if isinstance(o, (Airlift, Convoy))]
    assert side == "prc" or carried, "the ROC's quick plan supplies the island"
    for o in carried:
        assert all(t == int(t) > 0 for t in o.cargo.values())
    for o in orders:
        assert form_for(session, loc, o).order() == o


def test_a_day_convoy_without_escorts_comes_back_as_given():
    """The order's defaults are read back too: night=False and escorts=0 were left to the
    form's own defaults (a night run with two escorts)."""
    session = Session.new(shipped_scenario(), Mode("ai", "roc", "normal"), seed=3)
    session.autosaves = False
    loc = Locale("en")
    form = form_for(session, loc, Convoy(ship_class="x", ships=1, cargo={}, beach="y"))
    form.defaults()
    form.fit()
    form.values["night"] = False
    form.values["escorts"] = 0
    order = form.order()
    assert order is not None and not order.night and order.escorts == 0
    assert order.escort_class is None
    back = form_for(session, loc, order)
    assert back.order() == order
    back.fit()
    assert back.order() == order


@pytest.mark.usefixtures("own_user_dirs")
def test_the_loaded_note_names_the_save_as_the_list_does():
    """ "Loaded autosave-4.json" (for the autosave of day 5) named a file the list never
    shows: the note uses the list's own words for the save."""
    from game.paths import saves_dir
    from game.ui.app import App
    from game.ui.screens.menus import LoadScreen, MainMenu
    from game.ui.settings import Settings
    from tests.test_ui_app import run

    app = App((1280, 720), Settings(lang="en", sound=False), persist=False)
    session = Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1)
    saves_dir().mkdir(parents=True, exist_ok=True)
    assert session.save(saves_dir() / "kinmen_1958-day001.json") is None
    scr = LoadScreen(app, MainMenu(app))
    app.start(scr)
    run(app, 2)
    text, key = scr.items[0]
    go = scr.load(key)
    assert go.args["note"] == f"Loaded {text}"
    assert ".json" not in go.args["note"]
    # Continue on the main menu loads the latest save the same way, with no list built
    go = MainMenu(app).choose("continue")
    assert go.args["note"] == f"Loaded {text}"
    app.quit()


def test_an_event_title_names_the_same_source_in_both_languages():
    """The PRC's record of the Tuojiang was titled "Details list: ..." in English and
    中共紀錄 (the PRC's record) in Chinese; a title's source before the colon is the same in
    both languages."""
    same = {
        "中共紀錄": "PRC record",
        "國軍紀錄": "ROC record",
        "中共記載": "PRC account",
        "國軍記載": "ROC account",
    }
    sc = shipped_scenario()
    checked = 0
    for e in sc.events:
        who = e.title.zh.split("：")[0]
        if who in same:
            assert e.title.en.startswith(same[who] + ": "), e.id
            checked += 1
    assert checked >= 10


def test_the_replay_record_gives_english_latin_width_marks():
    """The replay's English under an article sentence kept its curly quotes ("cabled Soong
    Mei-ling: “... «The bandit guns"), which the one font draws full width; the Chinese
    sentence above it keeps its own marks."""
    from game.history.series import ReplayDays
    from game.ui.screens.replay_parts import QUOTE, record_lines

    sc = shipped_scenario()
    loc = Locale("en")
    days = ReplayDays.history(sc, 1)
    english = []
    for payload in days.payloads("en")[:12]:
        lines = record_lines(sc, payload, loc, why=True)
        english += [ln.text for ln in lines if ln.colour != QUOTE]
    assert any("cabled Soong Mei-ling" in text for text in english)
    for text in english:
        assert not set(text) & set("“”‘’—…"), text


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "scale"), [("zh-Hant", 200), ("en", 100)])
def test_a_map_tip_stays_inside_the_map(lang, scale):
    """At 200 % in 1280x720 the map is 510 pixels wide and a beach's tip 600: put left of
    the pointer near the map's right edge, it went out past the window's left edge."""
    import pygame

    from tests.test_ui_app import run
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", lang, scale)
    m = screen.map_rect
    surface = pygame.Surface(app.size)
    for pos in [(m.right - 30, m.centery), (m.right - 5, m.bottom - 5), (m.left + 5, m.top + 5)]:
        screen.draw_tip(surface, "liaoluo_beach", pos)
        box = screen._tip[1]
        assert box.get_width() <= m.width - 8
        assert m.contains(screen.tip_place(box.get_size(), pos)), pos
    run(app, 1)
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_saving_the_same_day_of_two_campaigns_keeps_both():
    """The ROC game's day-6 save was overwritten by a PLA game's day 6: a manual save's name
    has its campaign's seed, as its autosaves' folder has."""
    from game.history.saves import save_name
    from game.ui.screens.game import GameScreen
    from tests.test_ui_playtest16 import _game

    assert save_name("kinmen_1958", 6, 440021) == "kinmen_1958-440021-day006.json"
    app, first = _game("roc")
    second = GameScreen(app, Session.new(app.scenario(), Mode("ai", "prc", "normal"), 2))
    paths = []
    for screen in (first, second):
        key, values = screen.save_words()
        assert key == "game.saved"
        paths.append(values["path"])
    assert paths[0] != paths[1]
    assert all(Path(p).is_file() for p in paths)
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_a_map_tip_is_drawn_over_the_maps_buttons():
    """The map's own buttons (Map legend, Encyclopedia) were drawn over the tip of the thing
    under the mouse: the tip is now drawn after the widgets, and not while the mouse is on a
    widget."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", "en", 100)
    order: list[str] = []
    thing = next(
        (p, t)
        for p in [(x, y) for x in range(5, screen.map_rect.right, 7) for y in range(5, 700, 7)]
        if (t := screen.map.thing_at(p)) is not None
    )
    screen.hover = thing[0]
    real_ui, real_tip = app.manager.draw_ui, screen.draw_tip
    app.manager.draw_ui = lambda s: (order.append("widgets"), real_ui(s))[1]  # type: ignore[method-assign]
    screen.draw_tip = lambda s, t, p: (order.append("tip"), real_tip(s, t, p))[1]  # type: ignore[method-assign]
    app.draw()
    assert order == ["widgets", "tip"]
    # the mouse on a widget: its own tooltip, no map tip under it
    order.clear()
    app.manager.get_hovering_any_element = lambda: True  # type: ignore[method-assign]
    app.draw()
    assert order == ["widgets"]
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "scale"), [("en", 100), ("zh-Hant", 200)])
def test_the_order_list_shows_whole_rows(lang, scale):
    """The order list showed half a fourth row at 100 %: its inside is now a whole number of
    rows, over Edit and Remove as before."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", lang, scale)
    screen.quick_plan()
    for _ in range(3):
        app.step(0.05)
    lst = screen.order_list
    assert lst is not None and len(screen.session.orders()) > 3
    border = lst.border_width
    inside = lst.rect.height - border["top"] - border["bottom"] - 2 * lst.shadow_width
    assert inside % lst.list_item_height == 0 and inside >= lst.list_item_height
    # over Edit and Remove (or, where there is no room, beside them, level with their top)
    edit = screen.b_edit.rect
    assert lst.rect.bottom + screen.s(4) == edit.top or lst.rect.top == edit.top
    app.quit()
