"""The window headless: every screen renders in both languages, a game played only through
posted pygame events matches a headless run, and random input never raises."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.engine import resolve, state_hash  # noqa: E402
from game.engine.state import new_game  # noqa: E402
from game.scenario.model import SIDES  # noqa: E402
from game.scenario.orders import Convoy, Fire, order_from_dict  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.screens.guide import GuideScreen  # noqa: E402
from game.ui.screens.menus import MainMenu, NewGame  # noqa: E402
from game.ui.screens.report import EventPopup, ReportScreen  # noqa: E402
from game.ui.screenshots import SCREENS, build_screen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

TINY = Path(__file__).parent / "data" / "tiny.yaml"


pytestmark = pytest.mark.usefixtures("own_user_dirs")


def make_app(lang: str = "en", size=(1280, 720)) -> App:
    return App(size, Settings(lang=lang, sound=False), persist=False, scenario_path=TINY)


def distinct_colours(surface, step: int = 16) -> int:
    w, h = surface.get_size()
    return len(
        {tuple(surface.get_at((x, y))) for x in range(0, w, step) for y in range(0, h, step)}
    )


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_every_screen_renders(lang):
    app = make_app(lang)
    for name in SCREENS:
        screen = build_screen(app, name)
        app.switch(screen)
        app.step(0.05)
        surf = app.draw()
        assert distinct_colours(surf) > 12, name
    app.quit()  # pygame.quit(): the next test makes a new App


# -- driving the app with posted events -------------------------------------------------------


def click(app: App, element) -> None:
    pos = element.rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    run(app, 2)


def key(app: App, k: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    run(app, 1)


def run(app: App, frames: int) -> None:
    """`frames` frames; a turn being resolved or a preview worked out in its thread is
    waited for (then one more frame takes its result)."""
    for _ in range(frames):
        app.step(0.05)
        for name in ("thinking", "preview_job"):
            job = getattr(app.screen, name, None)
            if job is not None:
                assert job.wait(60)
                app.step(0.05)


def back_to_game(app: App) -> None:
    for _ in range(10):
        if isinstance(app.screen, GameScreen):
            return
        key(app, pygame.K_RETURN)
    raise AssertionError(f"stuck on {type(app.screen).__name__}")


def headless_hash(sc, seed: int, turns: list[dict]) -> str:
    st = new_game(sc, seed)
    for t in turns:
        st, _ = resolve(sc, st, {s: [order_from_dict(d) for d in t[s]] for s in SIDES})
    return state_hash(st)


def test_scripted_game_through_events():
    app = make_app()
    app.start(MainMenu(app))
    run(app, 2)
    click(app, app.screen.buttons["new_game"])
    assert isinstance(app.screen, NewGame)
    click(app, app.screen.mode_buttons[("ai", "roc")])
    click(app, app.screen.b_start)
    # a new game's first morning opens with the side's guide; Start closes it
    assert isinstance(app.screen, GuideScreen)
    assert app.screen.side == "roc"
    click(app, app.screen.b_ok)
    assert isinstance(app.screen, GameScreen)
    session = app.screen.session
    assert session.mode.human == "roc"
    key(app, pygame.K_c)  # convoy form with its defaults
    run(app, 8)  # the preview comes after a short pause
    assert app.screen.preview is not None and app.screen.reason is None
    key(app, pygame.K_RETURN)
    key(app, pygame.K_b)  # counter-battery
    run(app, 8)
    key(app, pygame.K_RETURN)
    kinds = [type(o) for o in session.orders("roc")]
    assert kinds == [Convoy, Fire], kinds
    for _ in range(5):
        key(app, pygame.K_e)
        assert isinstance(app.screen, ReportScreen | EventPopup)
        back_to_game(app)
    assert session.state.day == 5
    sc = session.sc
    assert state_hash(session.state) == headless_hash(
        sc, session.game.seed, session.game.record.turns
    )
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert session.save_path is not None and session.save_path.exists()
    key(app, pygame.K_ESCAPE)  # pause menu -> load -> the newest entry
    click(app, app.screen.buttons["load"])
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, GameScreen)
    loaded = app.screen.session
    assert loaded is not session and loaded.state.day == 5
    assert state_hash(loaded.state) == state_hash(session.state)
    key(app, pygame.K_e)
    back_to_game(app)
    assert loaded.state.day == 6
    assert state_hash(loaded.state) == headless_hash(sc, loaded.game.seed, loaded.game.record.turns)
    app.quit()  # pygame.quit(): the next test makes a new App


MONKEY_KEYS = [
    pygame.K_f,
    pygame.K_b,
    pygame.K_c,
    pygame.K_a,
    pygame.K_l,
    pygame.K_n,
    pygame.K_m,
    pygame.K_e,
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_DELETE,
    pygame.K_s,
    pygame.K_SPACE,
    pygame.K_LEFT,
    pygame.K_PLUS,
    pygame.K_MINUS,
    pygame.K_q,
    pygame.K_1,
]


def test_monkey():
    """Random mouse, key, resize and focus events; any exception fails the test.

    2,000 events by default; KINMEN1958_MONKEY=10000 runs the full 10,000.
    """
    count = int(os.environ.get("KINMEN1958_MONKEY", "2000"))
    rng = random.Random(1958)
    app = make_app()
    app.start(MainMenu(app))
    w, h = app.size
    for i in range(count):
        r = rng.random()
        pos = (rng.randrange(w), rng.randrange(h))
        if r < 0.35:
            ev = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 3)))
            pygame.event.post(ev)
            ev = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=ev.button)
        elif r < 0.5:
            ev = pygame.event.Event(
                pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(rng.random() < 0.2, 0, 0)
            )
        elif r < 0.55:
            ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False)
        elif r < 0.9:
            mod = pygame.KMOD_CTRL if rng.random() < 0.05 else 0
            ev = pygame.event.Event(
                pygame.KEYDOWN, key=rng.choice(MONKEY_KEYS), mod=mod, unicode="", scancode=0
            )
        elif r < 0.95:
            size = (rng.randrange(640, 1600), rng.randrange(480, 1000))
            ev = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
            w, h = size
        else:
            ev = pygame.event.Event(
                rng.choice(
                    (
                        pygame.WINDOWFOCUSLOST,
                        pygame.WINDOWFOCUSGAINED,
                        pygame.WINDOWMINIMIZED,
                        pygame.WINDOWRESTORED,
                    )
                )
            )
        pygame.event.post(ev)
        if i % 4 == 0:
            app.step(0.05)
        if not app.running:  # the monkey found Quit: start again
            app.running = True
            app.switch(MainMenu(app))
    app.step(0.05)
    app.quit()  # pygame.quit(): the next test makes a new App


# -- several windows, large interface sizes, watching ----------------------------------------


def test_a_second_app_after_quit():
    """Fonts and other caches do not outlive pygame.quit(): a new window works."""
    for lang in ("en", "zh-Hant", "en"):
        app = make_app(lang)
        app.start(build_screen(app, "kinmen"))
        run(app, 2)
        assert distinct_colours(app.draw()) > 12
        app.quit()


def _overlaps(rects: list[pygame.Rect]) -> list[tuple[pygame.Rect, pygame.Rect]]:
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.colliderect(b)]


@pytest.mark.parametrize("scale", [100, 125, 150, 175, 200])
def test_order_form_fits_at_every_interface_size(scale):
    """1280x720: the form, the preview, give/cancel, the list and end turn never overlap and
    stay in the window; the form shows at least two rows of fields."""
    app = App((1280, 720), Settings(ui_scale=scale, sound=False), persist=False, scenario_path=TINY)
    screen = build_screen(app, "orders")
    app.start(screen)
    run(app, 2)
    window = pygame.Rect(0, 0, 1280, 720)
    parts = [screen.form_rect, screen.info_rect, screen.b_give.rect, screen.b_cancel.rect]
    parts += [b.rect for b in screen.kind_buttons.values()]
    parts += [b.rect for b in (screen.b_end, screen.b_edit, screen.b_remove) if b is not None]
    if screen.order_list is not None:
        parts.append(screen.order_list.rect)
    for r in parts:
        assert window.contains(r), (scale, r)
    assert not _overlaps(parts), scale
    assert screen.form_rect.height >= 2 * round(36 * scale / 100) - 4
    assert (screen.layout == "full") == (scale == 100)
    app.quit()


@pytest.mark.parametrize("scale", [175, 200])
def test_menus_fit_at_large_interface_sizes(scale):
    app = App((1280, 720), Settings(ui_scale=scale, sound=False), persist=False, scenario_path=TINY)
    window = pygame.Rect(0, 0, 1280, 720)
    for name in ("menu", "new_game", "settings", "load", "credits"):
        screen = build_screen(app, name)
        app.switch(screen)
        app.step(0.05)
        sprites = app.manager.get_sprite_group().sprites()
        buttons = [
            el.rect
            for el in sprites
            if isinstance(el, pygame_gui.elements.UIButton) and el.visible and el.rect.width > 1
        ]
        assert buttons and all(window.contains(r) for r in buttons), (name, buttons)
    app.quit()


def test_watching_plays_day_after_day_and_space_pauses():
    from game.ui.session import Mode, Session

    app = make_app()
    sc = app.scenario()
    session = Session.new(sc, Mode("watch", "roc", "easy"), 7)
    app.start(GameScreen.begin(app, session))
    for _ in range(200):  # the game screen counts down, then the day is played (in a thread)
        run(app, 1)
        if isinstance(app.screen, ReportScreen | EventPopup):
            break
    assert session.state.day == 1
    assert isinstance(app.screen, ReportScreen | EventPopup)
    key(app, pygame.K_SPACE)  # pause
    assert session.auto is False
    day_screen = app.screen
    run(app, 300)
    assert app.screen is day_screen and session.state.day == 1
    key(app, pygame.K_SPACE)  # resume: reports, pop-ups and the game screen go by themselves
    for _ in range(3000):
        run(app, 1)
        if session.state.day >= 2:
            break
    assert session.state.day == 2
    app.quit()


# -- the screen router ------------------------------------------------------------------------


def test_every_go_names_a_route():
    """Each `Go("name", ...)` in the screens names a route, with arguments the route takes."""
    import ast
    import inspect

    from game.ui.screens import router

    screens = Path(router.__file__).parent
    asked = set()
    for path in screens.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Go":
                name = node.args[0].value
                asked.add(name)
                params = inspect.signature(router.ROUTES[name]).parameters
                assert {k.arg for k in node.keywords} <= set(params), (path.name, name)
    assert asked == set(router.ROUTES)  # and no route that nothing asks for
    assert asked == {
        "main_menu", "game", "pause", "pass", "after_turn", "final", "replay", "end",
        "encyclopedia", "legend", "guide", "reload",
    }  # fmt: skip


def test_hotseat_game_opens_behind_the_pass_screen_and_pause_returns():
    from game.ui.screens.menus import PassScreen, PauseMenu
    from game.ui.session import Mode, Session

    app = make_app()
    session = Session.new(app.scenario(), Mode("hotseat", "prc", "normal"), 3)
    app.start(GameScreen.begin(app, session, note="saved game"))
    assert isinstance(app.screen, PassScreen) and app.screen.side == session.side
    game = app.screen.next_screen
    assert isinstance(game, GameScreen) and game.note == "saved game"
    key(app, pygame.K_RETURN)  # at once: a press meant for the screen before is ignored
    assert isinstance(app.screen, PassScreen)
    run(app, 12)
    key(app, pygame.K_RETURN)
    # the first morning: the side's guide over its game screen, then the game screen itself
    assert isinstance(app.screen, GuideScreen) and app.screen.side == session.side
    assert app.screen.back is game
    key(app, pygame.K_RETURN)
    assert app.screen is game
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PauseMenu) and app.screen.game_screen is game
    key(app, pygame.K_ESCAPE)
    assert app.screen is game
    app.quit()


def _ai_game() -> tuple[App, Session, GameScreen]:
    """A game against the easy AI on the 1958 map, its first morning drawn."""
    app = make_app()
    session = Session.new(app.scenario(), Mode("ai", "roc", "easy"), 3)
    session.autosaves = False
    app.start(GameScreen(app, session))
    run(app, 1)
    assert isinstance(app.screen, GameScreen)
    return app, session, app.screen


def _held_after_resolving(app: App, session: Session, game: GameScreen) -> Any:
    """End the turn with its job held once the day is resolved (before its report opens):
    set the returned event to let it finish."""
    import threading

    resolved, release = threading.Event(), threading.Event()
    real = session.resolve

    def slow_resolve(*ask):
        report = real(*ask)
        resolved.set()
        release.wait(30)
        return report

    session.resolve = slow_resolve  # type: ignore[method-assign]
    app.switch(game.end_turn())
    assert resolved.wait(60)
    return release


def test_while_the_turn_is_worked_out_the_screen_shows_the_morning():
    """The turn's job changes the session's state as soon as the day is resolved; until its
    report opens, the game screen keeps drawing the morning's observation (a new day's
    decorations, such as the 12 nm line, once cost a 0.3 s frame in the middle of the
    hard AI's thinking; the new day shows with its report)."""
    app, session, game = _ai_game()
    morning = game.observation
    release = _held_after_resolving(app, session, game)
    assert session.state.day == 1  # the job has changed the state...
    app.step(0.05)
    assert app.screen is game and game.thinking is not None
    assert game.observation is morning and game.observation.day == 0  # ...the screen has not
    release.set()
    game.thinking.wait(60)
    app.step(0.05)
    assert app.screen is not game or game.observation.day == 1


def test_while_the_turn_is_worked_out_the_heading_counts_the_mornings_orders(monkeypatch):
    """The job clears the day's orders as it resolves; the list still shows the morning's,
    and the heading over it read "Today's orders (0)" (seen in a real window)."""
    import game.ui.screens.orders_panel as orders_panel

    app, session, game = _ai_game()
    game.quick_plan()
    run(app, 1)
    given = len(session.orders())
    assert given > 0
    release = _held_after_resolving(app, session, game)
    assert session.orders() == []
    shown: list[str] = []
    real_text = orders_panel.text
    monkeypatch.setattr(
        orders_panel,
        "text",
        lambda s, f, t, *a, **k: shown.append(t) or real_text(s, f, t, *a, **k),
    )
    app.step(0.05)
    heading = app.loc.t("game.orders_today", n=given)
    assert heading in shown, shown
    release.set()
    game.thinking.wait(60)
    app.step(0.05)
    app.quit()
