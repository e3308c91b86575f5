"""What a playtest in a real window found, pinned: a planned fire line ends on the target's
symbol (the map fans a crowded place's symbols out), a count the engine keeps as a float reads
"2" not "2.0", the diplomacy form says what a move does, the main menu's heading and the
replay's buttons and date stay inside the window at 200%, and a hidden figure has no unit."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.engine.state import new_game  # noqa: E402
from game.scenario.orders import Fire  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.i18n import Locale  # noqa: E402
from game.ui.map.plans import COLOURS, PlanItem, draw_plans, plan_items  # noqa: E402
from game.ui.orderforms import MoveForm  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.menus import MainMenu  # noqa: E402
from game.ui.screens.replay import ReplayScreen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.words.strings import words  # noqa: E402
from tests.builder import shipped_scenario  # noqa: E402
from tests.test_ui_planning import FixedGame  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


class _View:
    """A map that puts every place at one point and each symbol somewhere else."""

    def __init__(self, symbols: dict[str, tuple[float, float]]) -> None:
        self.symbols = symbols

    def world_to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        return (20.0, 20.0)

    def thing_screen_pos(self, thing: str) -> tuple[float, float] | None:
        return self.symbols.get(thing)


def test_a_fire_line_runs_between_the_symbols_not_the_places():
    sc = shipped_scenario()
    group = next(g for g in sc.artillery if g.side == "roc")
    target = next(t for t in sc.targets if t.side == "prc")
    (item,) = plan_items(sc, "roc", [Fire(group=group.id, target=target.id, rounds=100)])
    assert item.ends == (group.id, target.id)
    surface = pygame.Surface((200, 200))
    surface.fill((0, 0, 0))
    draw_plans(_View({group.id: (20.0, 100.0), target.id: (180.0, 100.0)}), surface, [item], 1.0)
    assert surface.get_at((50, 100))[:3] == COLOURS["fire"]
    assert surface.get_at((20, 60))[:3] == (0, 0, 0)  # nothing drawn towards the bare place
    # an item without symbols keeps its places' points
    bare = PlanItem(1, "fire", item.points)
    assert bare.ends == (None, None)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_counts_kept_as_floats_read_as_whole_numbers(lang):
    w = words(lang)
    line = w.t("entry.air_battle", prc_lost=2.0, roc_lost=0.0)
    assert "2.0" not in line and "2" in line
    assert "2.5" in w.t("entry.air_battle", prc_lost=2.5, roc_lost=0)
    if lang == "en":
        assert w.t("game.quick_planned_all", n=2.0).startswith("Quick plan: 2 orders added")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_diplomacy_form_says_what_each_move_does(lang):
    sc = shipped_scenario()
    state = new_game(sc, 1)
    loc = Locale(lang)
    for side in ("prc", "roc"):
        s = Session(sc, FixedGame(state), Mode("ai", side, "normal"))
        s.side = side
        form = MoveForm(s, loc)
        for m in form.moves():
            form.values["move"] = m.id
            text = form.description()
            assert text.startswith(loc.text(m.text))
            if m.effects:
                does = loc.t("cyclo.effects", changes="")
                assert does.strip() in text, (m.id, text)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_main_menu_heading_fits_above_the_buttons_at_200(lang):
    app = App((1280, 720), Settings(lang=lang, ui_scale=200, sound=False), persist=False)
    menu = MainMenu(app)
    app.start(menu)
    app.step(0.05)
    f1, f2, y = menu.heading
    assert y >= 0
    assert f2.size(menu.t("app.subtitle"))[0] <= 1280
    bottom = y + f1.get_linesize() + 6 + f2.get_linesize()
    assert bottom <= min(b.rect.top for b in menu.buttons.values())


@pytest.mark.parametrize("scale", [100, 200])
def test_replay_buttons_and_date_stay_inside_the_window(scale):
    app = App((1280, 720), Settings(lang="zh-Hant", ui_scale=scale, sound=False), persist=False)
    scr = ReplayScreen(app)
    scr.wait()
    app.start(scr)
    app.step(0.05)
    row = [scr.b_menu, scr.b_back, scr.b_play, scr.b_forward, scr.b_speed, scr.b_tab, scr.b_end]
    for b in [*row, scr.b_record, scr.b_why, scr.b_take, *scr.take_buttons.values()]:
        assert b.rect.right <= 1280, b
        assert b.rect.bottom <= scr.top_h or b in scr.take_buttons.values()
    # the date heads the article's panel, over the article's text and on no button
    x, y = scr.head_pos
    assert scr.panel_rect.collidepoint(x, y) and y < scr.text_rect.top
    assert x + scr.s(200) < 1280
    for b in [*row, scr.b_record, scr.b_why, scr.b_take]:
        assert not b.rect.collidepoint(x + scr.s(8), y + scr.s(8))


def test_hidden_food_days_have_no_unit():
    for lang in ("en", "zh-Hant"):
        loc = Locale(lang)
        assert loc.has("status.trend_food_days_unknown")
        unknown = loc.t("status.unknown")
        assert loc.t("status.trend_food_days_unknown", value=unknown) != loc.t(
            "status.trend_food_days", value=unknown
        )


def test_a_replay_does_not_show_the_last_game_s_planned_orders():
    app = App((1280, 720), Settings(sound=False), persist=False)
    sc = shipped_scenario()
    mv = app.map_view(sc, (800, 600))
    mv.plans = plan_items(
        sc, "roc", [Fire(group=sc.artillery[0].id, target=sc.targets[0].id, rounds=10)]
    )
    assert app.map_view(sc, (800, 600)) is mv and mv.plans == []


def test_end_screen_charts_keep_room_for_their_lines_at_200():
    """At 200% in a 1280x720 window one column of five charts left titles only."""
    app = App((1280, 720), Settings(lang="zh-Hant", ui_scale=200, sound=False), persist=False)
    scr = ReplayScreen(app)
    scr.wait()
    end = EndScreen(app, sc=scr.sc, days=scr.data.days, seed=1)
    app.start(end)
    app.step(0.05)
    n = len(end.charts)
    assert end.right.width <= end.s(700)  # narrow: one column was chosen before
    assert end.chart_columns(n) == 2
    label = end.b_export.rect.width - end.s(8)
    assert app.fonts.get(15).size(end.t("end.export"))[0] <= label


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_guide_says_when_each_side_wins(lang):
    """The guide's win line named the ending only: each ending comes with its terms."""
    from game.history.encyclopedia import fact_text
    from game.history.guide import guide

    sc = shipped_scenario()
    w = words(lang)
    for side in ("roc", "prc"):
        win = fact_text(guide(sc, side)[1], w, sc)
        ending = next(e for e in sc.victory.endings if e.winner == side)
        assert w.text(ending.name) in win
        assert w.t("goals.for_days", n=ending.for_days) in win or w.t("goals.at_end") in win
