"""The window's help: the encyclopedia (F1, its button, "Why?" over a map symbol), the map
legend (F2), the first-day guide (shown on a new game's first morning, switched off by its
button or the settings) and the objectives on the New game screen."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.engine.observe import observe  # noqa: E402
from game.scenario.catalogue import TARGET_KINDS  # noqa: E402
from game.ui.map.plans import COLOURS  # noqa: E402
from game.ui.palette import get_palette  # noqa: E402
from game.ui.screens.base import open_encyclopedia  # noqa: E402
from game.ui.screens.encyclopedia import EncyclopediaScreen  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.screens.guide import GuideScreen  # noqa: E402
from game.ui.screens.legend import LegendScreen  # noqa: E402
from game.ui.screens.menus import NewGame, SettingsScreen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.words.strings import words  # noqa: E402
from tests.builder import shipped_scenario  # noqa: E402
from tests.test_ui_app import click, key, make_app, run  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _game(app, side: str = "roc") -> GameScreen:
    session = Session.new(app.scenario(), Mode("ai", side, "easy"), 5)
    app.start(GameScreen.begin(app, session))
    run(app, 2)
    return app.screen


def _point_at(screen: GameScreen, thing: str) -> tuple[int, int]:
    r = screen.map_rect
    for y in range(r.top, r.bottom, 3):
        for x in range(r.left, r.right, 3):
            if screen.map.thing_at((x, y)) == thing:
                return x, y
    raise AssertionError(f"{thing} is not on the map")


def test_a_new_game_opens_with_the_guide_and_dont_show_again_switches_it_off():
    app = make_app()
    guide = _game(app)
    assert isinstance(guide, GuideScreen) and guide.side == "roc"
    assert len(guide.text.lines) >= 5
    click(app, guide.b_never)
    assert app.settings.guide is False
    assert app.screen is guide.back and isinstance(app.screen, GameScreen)
    assert isinstance(_game(app), GameScreen)  # the next new game starts without it
    app.quit()


def test_the_guide_is_not_shown_after_the_first_day_or_when_watching():
    app = make_app()
    session = Session.new(app.scenario(), Mode("watch", "roc", "easy"), 5)
    app.start(GameScreen.begin(app, session))
    run(app, 2)
    assert isinstance(app.screen, GameScreen)
    session = Session.new(app.scenario(), Mode("ai", "roc", "easy"), 5)
    session.resolve()
    app.start(GameScreen.begin(app, session))
    run(app, 2)
    assert isinstance(app.screen, GameScreen)
    app.quit()


def test_the_settings_screen_switches_the_guide():
    app = make_app()
    scr = SettingsScreen(app, None)
    app.start(scr)
    assert scr.cb_guide is not None
    click(app, scr.cb_guide)
    assert scr.draft.guide is False
    click(app, scr.b_apply)
    assert app.settings.guide is False
    app.quit()


def test_f2_opens_the_legend_and_esc_returns_to_the_same_game():
    app = make_app()
    game = _game(app)
    key(app, pygame.K_RETURN)  # close the guide
    game = app.screen
    key(app, pygame.K_F2)
    legend = app.screen
    assert isinstance(legend, LegendScreen)
    sections = dict(legend.sections())
    assert len(sections["legend.targets"]) == len(TARGET_KINDS)
    app.draw()
    key(app, pygame.K_ESCAPE)
    assert app.screen is game
    click(app, game.b_legend)
    assert isinstance(app.screen, LegendScreen)
    app.quit()


def test_the_legend_shows_every_planned_order_line():
    """Each kind of line the map draws for today's orders (shooter to target, convoy route,
    sorties) has its row in the legend, and so has the open form's dashed line, in words of
    both languages."""
    app = make_app()
    game = _game(app)
    legend = LegendScreen(app, game)
    rows = dict(legend.sections())["legend.plans"]
    keys = {words for _icon, words in rows}
    kinds = {k for k in COLOURS if k != "move"}  # a move has no line
    assert keys == {f"legend.plan_{k}" for k in kinds} | {"legend.plan_open"}
    for lang in ("en", "zh-Hant"):
        for k in keys | {"legend.plans"}:
            assert words(lang).t(k) != k
    surface = pygame.Surface((60, 24))
    for icon, _words in rows:  # each sample is drawn
        surface.fill((0, 0, 0))
        icon(surface, surface.get_rect(), get_palette(app.settings.palette))
        assert pygame.mask.from_threshold(surface, (0, 0, 0), (1, 1, 1, 255)).count() < 60 * 24
    app.quit()


def test_f1_over_a_battery_opens_its_article_why():
    app = make_app()
    _game(app, "prc")
    key(app, pygame.K_RETURN)
    game = app.screen
    own = next(g for g in game.sc.artillery if g.side == "prc")
    pos = _point_at(game, own.id)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    run(app, 1)
    key(app, pygame.K_F1)
    cyclo = app.screen
    assert isinstance(cyclo, EncyclopediaScreen)
    assert cyclo.current.id == f"artillery.{own.id}"
    assert cyclo.category == "artillery"
    app.draw()
    key(app, pygame.K_ESCAPE)
    assert app.screen is game
    click(app, game.b_cyclo)
    assert isinstance(app.screen, EncyclopediaScreen)
    app.quit()


def test_the_encyclopedia_searches_and_lists_by_chapter():
    app = make_app()
    sc = app.scenario()
    menu = NewGame(app)
    app.start(open_encyclopedia(menu, sc))
    cyclo = app.screen
    everything = len(cyclo.rows)
    click(app, cyclo.search)
    for ch in "spotted":  # typed: each letter filters the list at once
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        run(app, 1)
    run(app, 1)
    assert app.screen is cyclo and cyclo.query == "spotted"
    assert 0 < len(cyclo.rows) < everything
    assert all(
        "spotted" in " ".join((cyclo.title_of(a), *cyclo_lines(cyclo, a))).casefold()
        for a in cyclo.rows
    )
    cyclo.query = ""
    cyclo.category = "rules"
    app.rebuild()
    assert cyclo.rows and all(a.category == "rules" for a in cyclo.rows)
    app.quit()


def cyclo_lines(cyclo, a) -> tuple[str, ...]:
    from game.history.encyclopedia import shown

    return shown(a, "en", cyclo.sc).lines


def test_the_encyclopedia_lists_what_the_viewing_side_may_know():
    """As the PLA on the first morning the ROC's 8-inch guns, not yet arrived, have no
    article (the map does not draw them either); the ROC sees its own."""
    app = make_app()
    sc = shipped_scenario()
    session = Session.new(sc, Mode("ai", "prc", "easy"), 5)
    for side in ("prc", "roc"):
        scr = EncyclopediaScreen(app, None, sc, obs=observe(sc, session.state, side))
        late = [g for g in sc.artillery if g.available_from and g.available_from > sc.meta.start]
        ids = {a.id for a in scr.all}
        assert all((f"artillery.{g.id}" in ids) == (g.side == side) for g in late)
    app.quit()


def test_the_new_game_screen_shows_how_each_side_wins():
    app = make_app()
    scr = NewGame(app)
    app.start(scr)
    run(app, 1)
    app.draw()
    texts = [ln.text for ln in scr.about.lines]
    sc = app.scenario()
    for e in sc.victory.endings:
        assert any(e.name.en in t for t in texts), e.id
    click(app, scr.b_goals)
    assert isinstance(app.screen, EncyclopediaScreen)
    assert app.screen.current.category == "endings"
    key(app, pygame.K_ESCAPE)
    assert app.screen is scr
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_source_is_rendered_in_english_only_in_the_english_interface(lang):
    """As in the event pop-ups: the article's sentence, and under it its English rendering in
    the English interface only (a Chinese reader reads the article itself)."""
    app = make_app(lang)
    sc = shipped_scenario()
    app.start(open_encyclopedia(NewGame(app), sc))
    cyclo = app.screen
    cited = next(a for a in cyclo.rows if a.sources)
    cyclo.current = cited
    cyclo.fill_text()
    texts = [ln.text for ln in cyclo.text.lines]
    renderings = [s.sentence_en or s.en for s in cited.sources]
    assert any(t.startswith("「") for t in texts)
    assert any(r in texts for r in renderings) == (lang == "en")
    app.quit()
