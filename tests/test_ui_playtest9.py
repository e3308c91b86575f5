"""What the ninth playtest in a real window (2026-12) found, pinned: Edit and Remove looked
usable with no order selected, or with no order at all, and a click on them did nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(("lang", "scale"), [("zh-Hant", 200), ("en", 100)])
def test_edit_and_remove_are_disabled_with_no_order_and_say_why(lang, scale):
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", lang, scale)
    assert not screen.session.orders()
    for b in (screen.b_edit, screen.b_remove):
        assert b is not None and not b.is_enabled
        assert b.tool_tip_text.replace("<br>", "") == screen.t("game.no_order_to_edit")
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_edit_with_one_order_and_none_selected_opens_it():
    from tests.test_ui_app import click
    from tests.test_ui_playtest16 import _game

    app, screen = _game("prc", "zh-Hant", 200)
    screen.open_form("fire")
    app.step(0.05)
    screen.give()
    app.step(0.05)
    (order,) = screen.session.orders()
    assert screen.selected_index() is None and screen.b_edit.is_enabled
    click(app, screen.b_edit)
    assert screen.editing == 0 and screen.form is not None
    assert screen.form.order() == order
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
def test_remove_with_several_orders_and_none_selected_says_to_pick_one():
    from tests.test_ui_app import click
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", "en", 100)
    screen.quick_plan()
    app.step(0.05)
    n = len(screen.session.orders())
    assert n >= 2 and screen.selected_index() is None
    click(app, screen.b_remove)
    assert len(screen.session.orders()) == n
    assert screen.note == screen.t("game.pick_order_first")
    click(app, screen.b_edit)
    assert screen.form is None and screen.note == screen.t("game.pick_order_first")
    app.quit()


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize("side", ["prc", "roc"])
def test_the_legends_unspotted_battery_is_the_enemys_symbol(side):
    """The legend showed a PLA triangle with "?" for "enemy battery not spotted" to a PLA
    player, whose map marks the ROC's unspotted batteries as blue squares with "?"."""
    import pygame

    from game.scenario.model import other
    from game.ui.palette import get_palette, side_colour
    from game.ui.screens.legend import LegendScreen
    from tests.test_ui_playtest16 import _game

    app, screen = _game(side, "zh-Hant", 200)
    legend = LegendScreen(app, screen)
    (items,) = [items for head, items in legend.sections() if head == "legend.sides"]
    (draw,) = [icon for icon, words in items if words == "legend.unknown"]
    pal = get_palette("default")
    surf = pygame.Surface((200, 100))
    surf.fill((0, 0, 0))
    draw(surf, surf.get_rect(), pal)
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(200) for y in range(100)}
    assert tuple(side_colour(pal, other(side)))[:3] in colours
    assert tuple(side_colour(pal, side))[:3] not in colours
    app.quit()


def test_a_convoys_preview_accounts_for_all_its_cargo():
    """The convoy preview read "Tons landed: 2.9, Tons not landed (sunk or over capacity):
    155.5" for 288 t shipped: the cargo of a convoy turned back, or on ships hit at sea, was
    in neither line. It is now shown ("brought back"), and the three add up to the cargo."""
    from game.ai.players import make_player
    from game.engine.preview import preview
    from game.engine.run import ask_orders
    from game.engine.state import new_game
    from game.scenario.orders import Convoy
    from tests.builder import shipped_scenario

    sc = shipped_scenario()
    state = new_game(sc, 1)
    convoy = Convoy(
        ship_class="roc_lsm",
        ships=4,
        cargo={"food": 100.0, "ammo": 88.0, "fuel": 100.0},
        beach="roc_xintou_pier",
        night=True,
        escort_class="roc_patrol",
        escorts=3,
    )
    enemy = ask_orders(sc, state, "prc", make_player("ai:normal", 5))
    pv = preview(sc, state, "roc", [convoy], samples=40, seed=3, enemy_plans=[enemy])
    figs = pv.orders[0]
    assert "returned" in figs
    total = figs["landed"].mean + figs["lost"].mean + figs["returned"].mean
    assert total == pytest.approx(288.0)


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize(
    ("lang", "scale", "size"),
    [("en", 200, (1280, 720)), ("zh-Hant", 200, (1280, 720)), ("en", 100, (800, 560))],
)
def test_the_thinking_box_is_not_hidden_by_the_maps_buttons(lang, scale, size):
    """At 200 % in English "The computer is thinking..." lay under the Map legend and
    Encyclopedia buttons (drawn after it): only the top of its letters showed."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", lang, scale)
    if size != (1280, 720):
        app.resize(size)
        app.step(0.05)
    box = screen.note_box(screen.t("game.thinking"), screen.map_rect.width)
    rect = screen.thinking_rect(box.get_size())
    assert screen.map_rect.contains(rect)
    for b in (screen.b_cyclo, screen.b_legend):
        assert not rect.colliderect(b.rect)
    app.quit()


def test_chinese_air_losses_keep_the_count_apart_from_the_units_name():
    """ "空戰損失：國軍F-86F軍刀機9架、國軍F-84G4架": the count ran into a name ending in
    a letter or digit ("F-84G4"). A space now parts them, as in the order lines
    ("米格-17（殲-5）團 80架次")."""
    from game.engine.report import Entry
    from game.ui.i18n import Locale
    from game.ui.screens.report_text import causes
    from tests.builder import shipped_scenario

    sc = shipped_scenario()
    loc = Locale("zh-Hant")
    e = Entry(
        "air",
        "roc",
        "air_battle",
        "entry.air_battle",
        {"lost_by_unit": {"roc": {"roc_f86": 9, "roc_f84": 4}, "prc": {}}},
    )
    (item,) = causes(loc, sc, e)
    f84 = loc.text(sc.air_unit("roc_f84").name)
    assert f84.endswith("F-84G")
    assert f"{f84} 4架" in item.text and f"{f84}4架" not in item.text


@pytest.mark.usefixtures("own_user_dirs")
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_thinking_dots_count_one_to_three(lang):
    """In English the box read "The computer is thinking......": the sentence's "…" is
    written "..." in English, and only "…" was taken off before the moving dots."""
    from tests.test_ui_playtest16 import _game

    app, screen = _game("roc", lang, 200)
    for ticks, n in ((0, 1), (400, 2), (800, 3), (1200, 1)):
        text = screen.thinking_text(ticks)
        body = text.rstrip(".")
        assert text == body + "." * n
        assert not body.endswith("…") and body.strip()
    app.quit()
