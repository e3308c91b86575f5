"""What keeps the window's memory and work flat over a long game (issue 16, "Memory"): the
box under an order form works its texts out again only when what they are made of changed,
not on every frame; and the window shows the software-drawn frame without a GL renderer
(whose software driver alone cost about 100 MB in a real X window)."""

from __future__ import annotations

import os

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ui.app import App  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.test_ui_app import run  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _counting(screen: GameScreen) -> list[int]:
    """Count the calls of the screen's `info_parts` (the preview box's texts)."""
    calls = [0]
    made = screen.info_parts

    def counted():
        calls[0] += 1
        return made()

    screen.info_parts = counted  # type: ignore[method-assign]
    return calls


def test_preview_texts_made_only_when_their_inputs_change():
    app = App((1280, 720), Settings(lang="en", sound=False, guide=False), persist=False)
    screen = GameScreen(app, Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1))
    app.start(screen)
    run(app, 2)
    screen.open_form("fire")
    screen.compute_preview(wait=True)
    run(app, 1)
    assert screen.preview is not None and screen.reason is None
    calls = _counting(screen)
    run(app, 10)
    assert calls[0] == 0, "ten frames with nothing changed made the texts again"
    name = next(k for k, v in screen.form.values.items() if type(v) is int)
    screen.form.values[name] += 1  # a slider moved: the preview is stale, its texts change
    run(app, 3)
    assert calls[0] == 1
    screen.compute_preview(wait=True)  # the new preview arrives
    run(app, 3)
    assert calls[0] == 2
    shown = screen.preview_box.shown
    assert shown == tuple(screen.info_parts()), "the box shows the texts of the current form"
    app.quit()


def test_the_window_asks_for_no_gl_renderer(monkeypatch):
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    app = App((800, 560), Settings(sound=False), persist=False)
    import os

    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0"
    app.quit()


def test_a_players_choice_of_renderer_is_kept(monkeypatch):
    monkeypatch.setenv("SDL_FRAMEBUFFER_ACCELERATION", "1")
    app = App((800, 560), Settings(sound=False), persist=False)
    import os

    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "1"
    app.quit()


def _closing_frees_the_screen(app: App) -> None:
    """The new-game screen closed for the credits: it and its widgets are gone at once,
    with no pass of Python's own in between."""
    import gc
    import weakref

    from game.ui.screens.menus import CreditsScreen, MainMenu, NewGame

    app.start(MainMenu(app))
    run(app, 1)
    app.switch(NewGame(app))
    run(app, 1)
    gone = weakref.ref(app.screen)
    widgets = [weakref.ref(w) for w in app.manager.get_sprite_group().sprites()]
    gc.disable()
    try:
        app.switch(CreditsScreen(app, MainMenu(app)))
        assert gone() is None
        assert sum(w() is not None for w in widgets) == 0
    finally:
        gc.enable()


def test_a_closed_screen_is_freed_when_it_closes():
    """Its widgets hold one another in cycles: without a collection when it closes, they
    (and their surfaces) would stay until Python's next full pass, which may be far off."""
    app = App((800, 560), Settings(sound=False), persist=False)
    _closing_frees_the_screen(app)
    app.quit()


def test_a_rebuilds_old_widgets_are_freed_once_the_player_is_idle():
    """A form opened or closed builds the screen's widgets again: the old ones (text boxes'
    layouts, lists and containers hold one another in cycles) are freed once the player has
    been idle for `FREE_AFTER_QUIET` seconds of frames, not at the next screen change, and
    not in the frame of the click (the pass takes about 40 ms)."""
    import gc
    import weakref

    app = App((1280, 720), Settings(lang="en", sound=False, guide=False), persist=False)
    screen = GameScreen(app, Session.new(app.scenario(), Mode("ai", "roc", "normal"), 1))
    app.start(screen)
    run(app, 2)
    screen.open_form("fire")
    app.rebuild()
    run(app, 2)
    widgets = [weakref.ref(w) for w in app.manager.get_sprite_group().sprites()]
    assert widgets
    gc.disable()  # no pass of Python's own in between
    try:
        screen.close_form()
        app.rebuild()
        assert sum(w() is not None for w in widgets) > 0  # not in the click's frame
        # clicks keep it waiting: the player is busy
        for _ in range(3):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=0))
            app.step(0.1)
        assert sum(w() is not None for w in widgets) > 0
        for _ in range(3):  # 0.3 s of quiet frames
            app.step(0.1)
        assert sum(w() is not None for w in widgets) == 0
    finally:
        gc.enable()
    app.quit()


def test_the_pass_waits_while_the_computer_thinks(monkeypatch):
    """A rebuild just before "End turn" (a form closed) must not bring the collection pass
    (30-50 ms) into a frame of the computer's turn, while the player watches the map: it
    waits until the turn's job is done."""
    import threading

    import game.ui.app as app_module

    passes: list[int] = []
    monkeypatch.setattr(app_module, "free_closed", lambda: passes.append(1))
    app = App((1280, 720), Settings(lang="en", sound=False, guide=False), persist=False)
    session = Session.new(app.scenario(), Mode("ai", "roc", "easy"), 1)
    session.autosaves = False
    screen = GameScreen(app, session)
    app.start(screen)
    run(app, 2)
    release = threading.Event()
    real = session.resolve

    def slow_resolve(*ask):
        release.wait(30)
        return real(*ask)

    session.resolve = slow_resolve  # type: ignore[method-assign]
    screen.open_form("fire")
    app.rebuild()
    screen.close_form()
    app.rebuild()
    passes.clear()
    app.switch(screen.end_turn())
    assert screen.thinking is not None and screen.busy()
    for _ in range(10):  # a second of frames: the pass would have run after 0.2 s
        app.step(0.1)
    assert passes == [] and app._free_in is not None
    release.set()
    screen.thinking.wait(60)
    app.step(0.1)  # the job is done: the report opens (a screen change frees the old one)
    assert not screen.busy() and passes
    app.quit()


def test_large_blocks_keep_their_own_mapping(monkeypatch):
    """The window fixes glibc's mapping threshold (where there is one): a large surface made
    after a larger one was freed still gets its own mapping, given back the moment it is
    freed, instead of a piece of the heap whose hole stays."""
    import ctypes
    import sys

    from game.ui import memory

    calls = []
    monkeypatch.setattr(memory, "keep_large_blocks_apart", lambda: calls.append(1) or True)
    import game.ui.app as app_module

    monkeypatch.setattr(app_module, "keep_large_blocks_apart", memory.keep_large_blocks_apart)
    app = app_module.App((640, 360), persist=False)
    app.quit()
    assert calls == [1]
    if not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"):
        return
    # in a fresh interpreter, where no earlier test's heap has room to spare: after a 16 MB
    # surface is freed, an 8 MB one still gets its own mapping (without the fix, glibc's
    # threshold has risen to 16 MB and the 8 MB come from the heap: 0 MB mapped)
    import subprocess

    probe = """
import ctypes, sys, pygame
from game.ui.memory import keep_large_blocks_apart
class Info(ctypes.Structure):
    names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
    _fields_ = [(n, ctypes.c_size_t) for n in names.split()]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
if sys.argv[1] == "fix":
    assert keep_large_blocks_apart()
big = pygame.Surface((2000, 2000))
del big
mapped = libc.mallinfo2().hblkhd
surf = pygame.Surface((1500, 1400))
print(libc.mallinfo2().hblkhd - mapped)
"""
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}

    def mapped(arg: str) -> int:
        out = subprocess.run(
            [sys.executable, "-c", probe, arg], capture_output=True, text=True, env=env, check=True
        )
        return int(out.stdout.split()[-1])

    assert mapped("fix") >= 1500 * 1400 * 4
    assert mapped("none") == 0  # the probe does measure what the fix changes


def _drawn_texts() -> set[str]:
    from game.ui import widgets

    return {key[1] for key in widgets._RENDERED}


def test_texts_of_screens_closed_long_ago_are_forgotten():
    """The rendered-text cache kept every screen's texts until it was full (16 MB over a long
    game): a screen change now forgets those drawn in neither the screen left nor the one
    before it. Going back and forth between two screens renders nothing again. (Measured
    over the benchmark's 20 first days: the window's peak 197 -> 181 MB.)"""
    from game.ui import widgets
    from game.ui.screens.menus import CreditsScreen, MainMenu, SettingsScreen

    app = App((1280, 720), Settings(lang="en", sound=False, guide=False), persist=False)
    menu = MainMenu(app)
    app.start(menu)
    run(app, 2)
    on_menu = _drawn_texts()
    assert on_menu
    app.switch(CreditsScreen(app, menu))
    run(app, 2)
    on_credits = _drawn_texts() - on_menu
    assert on_credits
    app.switch(menu)  # back: the credits' texts and the menu's are both kept
    run(app, 2)
    assert on_menu | on_credits <= _drawn_texts()
    app.switch(SettingsScreen(app, menu))
    run(app, 2)
    on_settings = _drawn_texts() - on_menu - on_credits
    assert on_credits <= _drawn_texts(), "the screen before the one left was forgotten"
    app.switch(menu)  # the credits were drawn three screens ago now
    run(app, 2)
    kept = _drawn_texts()
    assert not (on_credits - on_menu - on_settings) & kept, "the credits were kept"
    assert on_settings <= kept and on_menu <= kept
    total = sum(d.surf.get_width() * d.surf.get_height() for d in widgets._RENDERED.values())
    assert widgets._rendered_pixels[0] == total, "the pixel count follows what is kept"
    app.quit()


def test_the_menus_backdrop_keeps_a_picture_not_a_map():
    """The map behind the menus is drawn once and kept as one picture: the map view that drew
    it (its layers were about 30 MB at 1280x720) is not kept."""
    import gc

    from game.ui.map.view import MapView
    from game.ui.screens.menus import MainMenu

    def views() -> set[int]:
        gc.collect()
        return {id(o) for o in gc.get_objects() if isinstance(o, MapView)}

    before = views()  # earlier tests' windows may keep theirs
    app = App((1280, 720), Settings(lang="en", sound=False, guide=False), persist=False)
    app.start(MainMenu(app))
    run(app, 2)
    kept = views() - before
    assert not kept, f"{len(kept)} map view(s) kept behind the main menu"
    app.quit()


def test_the_entry_point_leaves_the_command_line_unimported():
    """The computer's process imports the launching program's main module again; as
    `kinmen-1958`'s entry point, `game.__main__` must not bring every subcommand with it."""
    import subprocess
    import sys

    code = "import sys, game.__main__; print(sorted(m for m in sys.modules if 'game.' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "game.cli" not in out.stdout, out.stdout


def test_a_settled_window_still_frees_its_closed_screens():
    """`App.settle` keeps what was made before the first screen out of the collector's passes
    (they took 40-60 ms a screen change); what is made afterwards, the screens, is still
    collected, and the window's quit gives the frozen objects back to the collector. A
    window that did not settle leaves a freeze alone (the suite's own, conftest.py: an
    unfreeze on every window's quit made the suite's passes slow again)."""
    import gc

    other = App((800, 560), Settings(sound=False), persist=False)
    before = gc.get_freeze_count()
    other.quit()
    assert gc.get_freeze_count() == before, "a window that did not settle unfroze"
    app = App((800, 560), Settings(sound=False), persist=False)
    app.settle()
    try:
        assert gc.get_freeze_count() > 10_000, "the modules and the scenario are kept out"
        _closing_frees_the_screen(app)
        # a pass looks at the open screens' objects only
        assert len(gc.get_objects()) < gc.get_freeze_count()
    finally:
        app.quit()
    assert gc.get_freeze_count() == 0
    gc.collect()
    gc.freeze()  # the suite's freeze for the rest of this file (conftest.py)
