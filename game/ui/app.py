"""The game window: one display, one pygame_gui manager, and a current screen.

Screens are states (`game.ui.screens`): `handle_event(event)` and `update(dt)` return the next
screen (themselves to stay, or a `Go` that names one for the router in
`game.ui.screens.router` to build), `draw(surface)` draws. The app owns what outlives a screen: the
display, the UI manager and theme, fonts, the locale, sounds, settings, loaded scenarios and
the map views. A resize resizes the manager and rebuilds the current screen's widgets; the
display itself is made once (`set_mode` with RESIZABLE). Minimising the window or losing focus
pauses animations (screens get dt = 0).
"""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import UIElement

from game.ai.remote import Thinker
from game.paths import default_scenario, mods_dir, scenarios_dir
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.model import Scenario
from game.scenario.modfolder import ModEntry, catalogue
from game.scenario.translations import scenario_files
from game.ui.i18n import Locale
from game.ui.map.view import MapView
from game.ui.memory import free_closed, keep_large_blocks_apart, settle, unsettle
from game.ui.reload import Reloaded, reread
from game.ui.screens.base import Go, Screen
from game.ui.screens.router import route
from game.ui.settings import Settings, load_settings, save_settings, startup_cleanup
from game.ui.sound import Sounds
from game.ui.text import break_lines, has_cjk
from game.ui.theme import BASE_FONT, TOOLTIP_W, Fonts, fitted_scale, theme_dict
from game.ui.watch import Source, Watcher, concerns
from game.ui.widgets import clear_caches, forget_other_screens

MIN_SIZE = (800, 560)
#: seconds without a click, key or wheel after a rebuild before its old widgets are freed
FREE_AFTER_QUIET = 0.2
_INPUT_EVENTS = frozenset(
    {pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN, pygame.MOUSEWHEEL}
)


def _set_minimum_size(size: tuple[int, int]) -> None:
    """Keep the player from shrinking the window below `size` (where the panel would crowd
    out the map). Needs pygame-ce's `Window`; without it the window may shrink further."""
    window_cls = getattr(pygame, "Window", None)
    if window_cls is None or not hasattr(window_cls, "from_display_module"):
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            window = window_cls.from_display_module()
        window.minimum_size = size
    except (pygame.error, AttributeError, ValueError):
        return


class App:
    def __init__(
        self,
        size: tuple[int, int] = (1280, 720),
        settings: Settings | None = None,
        *,
        persist: bool = True,
        scenario_path: Path | None = None,
        mods: Path | None = None,
        watch: bool = False,
        watch_source: Source | None = None,
        ai_process: bool = False,
    ) -> None:
        # the window shows the surface the game draws in software straight away (X11's shared
        # memory, GDI, ...), not through a texture of a GL renderer: without a GPU driver
        # SDL picks Mesa's software GL, whose libraries and buffers cost about 100 MB of
        # memory and 30 ms a frame in Xvfb for nothing (the game draws in software anyway).
        # A player may still ask for the renderer with SDL_FRAMEBUFFER_ACCELERATION=1.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        keep_large_blocks_apart()  # surfaces in their own mappings, given back when freed
        pygame.display.init()
        pygame.font.init()
        if persist:
            startup_cleanup()
        self.settings = settings or load_settings()
        self.persist = persist
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            flags |= pygame.FULLSCREEN
            size = (0, 0)
        self.display = pygame.display.set_mode(size, flags)
        pygame.display.set_caption("Kinmen 1958 / 八二三砲戰")
        _set_minimum_size(MIN_SIZE)
        self.size = self.display.get_size()
        self.loc = Locale(self.settings.lang)
        self.fonts = Fonts(self.scale)
        self.manager = pygame_gui.UIManager(self.size, theme_dict(self.scale))
        self.sounds = Sounds()
        self.sounds.start(self.settings.sound)
        self.clock = pygame.time.Clock()
        self.running = True
        self.paused = False
        self.scenario_path = scenario_path
        self._scenarios: dict[Path, Scenario] = {}
        #: the mods folders the New game list shows: the player's, and `--mods DIR`
        self.mods_dirs: list[Path] = [mods_dir(), *([mods] if mods is not None else [])]
        self._catalogue: list[ModEntry] | None = None
        self._maps: dict[str, MapView] = {}
        self._pending_size: tuple[int, int] | None = None
        #: seconds of quiet frames until the widgets of the last rebuilds are freed, or None
        self._free_in: float | None = None
        #: where the last click or key was, while tooltips wait for the mouse to move on
        self._tips_quiet_at: tuple[int, int] | None = None
        self.screen: Screen = Screen(self)
        self.message = ""
        #: files changed on disk that the game screen has not yet been told of (`--watch`)
        self._disk_changes: dict[Path, None] = {}
        #: `--watch`: the scenario folders watched in a thread (`game.ui.watch`)
        self.watcher = Watcher(self.watch_paths(), watch_source).start() if watch else None
        #: the computer thinks in a process of its own (`game.ai.remote`): the window's
        #: frames stay smooth while it does. Off in tests, which answer in this process.
        self.ai_process = ai_process
        self._thinker: Thinker | None = None
        #: whether `settle` froze this window's objects (`quit` then hands them back)
        self._settled = False

    # -- scenarios and maps -----------------------------------------------------------------

    def default_scenario_path(self) -> Path:
        return self.scenario_path or default_scenario()

    def scenario(self, path: Path | None = None) -> Scenario:
        """Load (once) and return a scenario; raises ScenarioError when it is invalid."""
        path = Path(path or self.default_scenario_path()).resolve()
        sc = self._scenarios.get(path)
        if sc is None:
            sc = load_scenario(path)
            self._scenarios[path] = sc
        return sc

    def scenario_for(self, scenario_id: str) -> Scenario | None:
        """The scenario with this id among the default and the bundled ones (for the save
        list's titles); None when none loads."""
        if not scenario_id:
            return None
        for sc in self._scenarios.values():
            if sc.id == scenario_id:
                return sc
        for path in [self.default_scenario_path(), *scenario_files(scenarios_dir())]:
            found, _err = self.try_scenario(path)
            if found is not None and found.id == scenario_id:
                return found
        for entry in self.scenario_list():
            if entry.playable and entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry.scenario
        return None

    def scenario_list(self) -> list[ModEntry]:
        """Every scenario the New game list offers, checked once (see `rescan_mods`)."""
        if self._catalogue is None:
            self._catalogue = catalogue(scenarios_dir(), self.mods_dirs, self.check_scenario)
            for entry in self._catalogue:
                if entry.origin == "mods" and entry.scenario is not None and entry.playable:
                    self._scenarios[entry.path.resolve()] = entry.scenario
        return self._catalogue

    def rescan_mods(self) -> list[ModEntry]:
        """Read the mods folders again (F5 in the New game list): a modder edits a file and
        sees at once whether it loads, without restarting the game. The mods' scenarios loaded
        before are forgotten, so the next start reads the new file."""
        self._forget([])
        return self.scenario_list()

    def scenario_file(self, sc: Scenario) -> Path | None:
        """The file `sc` was read from, to read it again (F5 in a game); for a game loaded
        from a save, whose scenario is the save's own copy, the file of the loaded scenario
        with the same id; None when there is none."""
        own = Path(sc.file) if sc.file else None
        if own is not None and own.is_file():
            return own
        for path, loaded in self._scenarios.items():
            if loaded.id == sc.id and path.is_file():
                return path
        for entry in self.scenario_list():
            if entry.scenario is not None and entry.scenario.id == sc.id:
                return entry.path
        return None

    def reload_scenario(self, sc: Scenario) -> Reloaded:
        """Read the running scenario's file again (`game.ui.reload.reread`). The window's
        cache and the New game list follow the file (a new game starts the new version, a
        broken file is listed with its errors); the game in progress keeps its own `sc`."""
        path = self.scenario_file(sc)
        outcome = reread(path, sc)
        if path is not None:
            self._forget([path])
            if outcome.scenario is not None:
                self._scenarios[path.resolve()] = outcome.scenario
        return outcome

    # -- watching the files (`--watch`) --------------------------------------------------------

    def watch_paths(self) -> list[Path]:
        """What `--watch` watches: the mods folders (the player's is made if missing, so a
        first mod put there is seen), the shipped scenarios and the `--scenario` file's folder."""
        own = mods_dir()
        with contextlib.suppress(OSError):  # read-only: the other folders are still watched
            own.mkdir(parents=True, exist_ok=True)
        paths = [*self.mods_dirs, scenarios_dir()]
        if self.scenario_path is not None:
            paths.append(Path(self.scenario_path).parent)
        return [p for p in paths if p.is_dir()]

    def _forget(self, paths: list[Path]) -> None:
        """Drop the cached scenarios of `paths` and of every mod, and the New game list, so
        both are read again from disk when next asked for."""
        for path in paths:
            try:
                self._scenarios.pop(path.resolve(), None)
            except (OSError, RuntimeError, ValueError):
                continue
        for entry in self._catalogue or []:
            if entry.origin == "mods" and entry.playable:
                self._scenarios.pop(entry.path.resolve(), None)
        self._catalogue = None

    #: changed paths kept for the game screen at most (a folder being unzipped sends many)
    MAX_DISK_CHANGES = 1_000

    def on_disk_change(self, paths: list[Path]) -> None:
        """Files changed on disk (`--watch`): the New game list is read again (at once when
        it is showing: a screen with `disk_changed` is told), and the game screen asks
        `changed_on_disk` whether its scenario is among them."""
        self._forget(paths)
        for path in paths:
            self._disk_changes[path] = None
        while len(self._disk_changes) > self.MAX_DISK_CHANGES:
            self._disk_changes.pop(next(iter(self._disk_changes)))
        hook = getattr(self.screen, "disk_changed", None)
        if hook is not None:
            hook(paths)

    def changed_on_disk(self, sc: Scenario) -> bool:
        """Whether a file of `sc` changed on disk since the last call (the changes noted are
        then forgotten): the game screen then says that F5 reloads it."""
        if not self._disk_changes:
            return False
        changed, self._disk_changes = list(self._disk_changes), {}
        return concerns(self.scenario_file(sc), changed)

    def check_scenario(self, path: Path) -> tuple[Scenario | None, list[Problem]]:
        """A scenario loaded to play (no warnings, cached), or None and its problems."""
        try:
            return self.scenario(path), []
        except ScenarioError as exc:
            return None, list(exc.problems)

    def try_scenario(self, path: Path | None = None) -> tuple[Scenario | None, str]:
        try:
            return self.scenario(path), ""
        except ScenarioError as exc:
            return None, str(exc)

    @property
    def scale(self) -> float:
        """The interface size drawn now (1.0 = 100 %): the player's choice, fitted to the
        window (`fitted_scale`). Screens size themselves by this, never by the setting."""
        return fitted_scale(self.settings.scale, self.size)

    def _rescale(self) -> bool:
        """New fonts and a new UI manager when the interface size drawn has changed (a new
        setting, or a window resized past a fitting size); True if it changed. Compared with
        the fonts' own size, so a setting changed in place is applied too."""
        if self.fonts.scale == self.scale:
            return False
        self.fonts = Fonts(self.scale)
        self.manager = pygame_gui.UIManager(self.size, theme_dict(self.scale))
        return True

    def map_scale(self) -> float:
        """The map's labels and symbols grow with the interface size, but by its square root
        (200 % -> 141 %): the map gets less room at a larger size, and symbols twice as big
        would crowd one another off their places."""
        return round(self.scale**0.5, 3)

    def map_view(self, sc: Scenario, size: tuple[int, int]) -> MapView:
        mv = self._maps.get(sc.id + sc.sha256)
        if mv is None:
            mv = MapView(
                sc,
                which="kinmen",
                size=size,
                lang=self.settings.lang,
                palette=self.settings.palette,
            )
            self._maps[sc.id + sc.sha256] = mv
        mv.ui_scale = self.map_scale()
        # the map is shared by the screens: another screen's planned orders must not follow
        # it (a saved game's replay opened from the pause menu drew the game's plan over the
        # prologue); the game screen sets its own each frame
        mv.plans = []
        if tuple(size) != getattr(mv, "_ui_size", None):
            mv.resize(size)
        mv._ui_size = tuple(size)
        return mv

    def thinker(self, sc: Scenario) -> Thinker | None:
        """The process that works out the computer's orders for `sc`, started (in the
        background) on the first call; None when the window asks in its own process. One at
        a time: another scenario's ends its predecessor."""
        if not self.ai_process:
            return None
        if self._thinker is not None and self._thinker.sc is not sc:
            self._thinker.close()
            self._thinker = None
        if self._thinker is None:
            self._thinker = Thinker(sc)
            self._thinker.start()
        return self._thinker

    # -- screens ----------------------------------------------------------------------------

    def start(self, screen: Screen | Go) -> None:
        self.switch(screen)

    def switch(self, screen: Screen | Go) -> None:
        """Show `screen`, or the screen a `Go` names (built by the router)."""
        screen = route(self, screen)
        self.manager.clear_and_reset()
        closed = self.screen is not screen
        self.screen = screen
        if closed:
            # before the new screen's widgets are made: the old one's and the new one's
            # together were the peak of a screen change (the settings' at 200 %: ~10 MB);
            # the texts drawn in neither the old screen nor the one before it go too
            forget_other_screens()
            free_closed()
            self._free_in = None
        screen.build()
        self.wrap_tooltips()

    def rebuild(self) -> None:
        """Build the open screen's widgets again (a form opened or closed, a tab changed).

        The old widgets are freed as a closed screen's are (`free_closed`): some of
        pygame_gui's hold one another in cycles (text boxes' layouts, lists, containers), and
        over a day's forms and tabs at 200 % those kept about 30 MB of their surfaces until
        the next screen change. Not at once but once the player has been idle for
        `FREE_AFTER_QUIET` seconds of frames (`step`): the pass takes about 40 ms, which
        after every click on a form's choice would be felt; a burst of clicks is freed
        together."""
        self.manager.clear_and_reset()
        self.screen.build()
        self.wrap_tooltips()
        self._free_in = FREE_AFTER_QUIET

    def wrap_tooltips(self) -> None:
        """Break the Chinese tooltips into lines ourselves: pygame_gui only breaks at spaces
        and hyphenates a longer run ("讀取其- / -他存檔"); `break_lines` breaks between
        characters, never inside a Latin word."""
        width = round(TOOLTIP_W * self.scale) - self.fonts.get(BASE_FONT).size("MM")[0]
        font = self.fonts.get(BASE_FONT * 0.95)
        for el in self.manager.get_sprite_group().sprites():
            if not isinstance(el, UIElement):
                continue  # only UI elements have tooltips (UIElement sets tool_tip_text)
            tip = el.tool_tip_text
            if not tip or not has_cjk(tip):
                continue
            text = tip.replace("<br>", "\n")
            lines = break_lines(text, width, lambda t: font.size(t)[0])
            el.tool_tip_text = "<br>".join(lines)

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(1, size[0]), max(1, size[1]))
        if size == self.size:
            return
        self.size = size
        surf = pygame.display.get_surface()
        if surf is None or surf.get_size() != size:
            # the platform did not resize the surface for us (e.g. the dummy driver)
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
            surf = pygame.display.set_mode(size, flags)
        self.display = surf
        self.size = surf.get_size()  # the platform may keep the window at its minimum size
        if not self._rescale():
            self.manager.set_window_resolution(self.size)
        self.rebuild()  # the screens' maps take the new size from `map_view`

    def apply_settings(self, new: Settings) -> None:
        old = self.settings
        self.settings = new.clean()
        if self.persist:
            save_settings(self.settings)
        self.loc = Locale(self.settings.lang)
        self._rescale()
        for mv in self._maps.values():
            mv.ui_scale = self.map_scale()
            mv.set_lang(self.settings.lang)
            mv.set_palette(self.settings.palette)
        self.sounds.enabled = self.settings.sound
        if not self.settings.sound:
            self.sounds.stop()
        if new.fullscreen != old.fullscreen:
            try:
                pygame.display.toggle_fullscreen()
            except pygame.error:
                self.settings.fullscreen = old.fullscreen
            self.display = pygame.display.get_surface() or self.display
            self._pending_size = self.display.get_size()
        self.rebuild()

    # -- the loop ---------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self._pending_size = tuple(event.size)
            return
        if event.type == pygame.WINDOWRESIZED or event.type == pygame.WINDOWSIZECHANGED:
            self._pending_size = (event.x, event.y)
            return
        if event.type in (pygame.WINDOWMINIMIZED, pygame.WINDOWFOCUSLOST, pygame.WINDOWHIDDEN):
            self.paused = True
        elif event.type in (
            pygame.WINDOWRESTORED,
            pygame.WINDOWFOCUSGAINED,
            pygame.WINDOWSHOWN,
            pygame.WINDOWEXPOSED,
            pygame.WINDOWMAXIMIZED,
        ):
            self.paused = False
        self._quiet_tips(event)
        self.manager.process_events(event)
        nxt = self.screen.handle_event(event)
        if nxt is not self.screen:
            self.switch(nxt)

    #: pixels the mouse must move after a click or key before tooltips show again
    TIP_QUIET_PX = 6

    def _quiet_tips(self, event: pygame.event.Event) -> None:
        """No tooltip after a click, a key or the wheel until the mouse moves on: the form is
        rebuilt on most clicks, and the tooltip of the button still under the mouse would
        come back and sit over the buttons and text the player is now reading."""
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.KEYDOWN, pygame.MOUSEWHEEL):
            self._tips_quiet_at = tuple(getattr(event, "pos", None) or pygame.mouse.get_pos())
            self._hide_tips()
        elif event.type == pygame.MOUSEMOTION and self._tips_quiet_at is not None:
            x0, y0 = self._tips_quiet_at
            x, y = event.pos
            if abs(x - x0) + abs(y - y0) > self.TIP_QUIET_PX:
                self._tips_quiet_at = None

    def _hide_tips(self) -> None:
        for el in self.manager.get_sprite_group().sprites():
            if isinstance(el, UIElement) and el.tool_tip is not None:
                el.tool_tip.kill()
                el.tool_tip = None
            if hasattr(el, "hover_time"):
                el.hover_time = 0.0

    def step(self, dt: float) -> None:
        """One frame: events, resize, update, draw (used by `run` and by tests)."""
        for event in pygame.event.get():
            if self._free_in is not None and event.type in _INPUT_EVENTS:
                self._free_in = FREE_AFTER_QUIET  # the player is busy: free when idle
            self.handle(event)
            if not self.running:
                return
        if self.watcher is not None:
            changed = self.watcher.take()
            if changed:
                self.on_disk_change(changed)
        if self._pending_size is not None:
            size, self._pending_size = self._pending_size, None
            self.resize(size)
        live_dt = 0.0 if self.paused else dt
        self.manager.update(dt)
        if self._tips_quiet_at is not None:
            self._hide_tips()
        nxt = self.screen.update(live_dt)
        if nxt is not self.screen:
            self.switch(nxt)
        self.draw()
        if self._free_in is not None:
            self._free_in -= dt
            if self._free_in <= 0 and not self.screen.busy():
                self._free_in = None
                free_closed()  # the widgets of the rebuilds since the last pass

    def draw(self, surface: pygame.Surface | None = None) -> pygame.Surface:
        surface = surface or self.display
        self.screen.draw(surface)
        # text a screen draws beside its widgets (the order preview) goes under the UI, so
        # that opened lists and tooltips lie on top of it
        if hasattr(self.screen, "draw_over"):
            self.screen.draw_over(surface)
        self.manager.draw_ui(surface)
        self.screen.draw_top(surface)
        # pygame_gui's sprite group notes the rectangle of every element killed, for dirty
        # drawing it never does: the list only grows (each rebuild of the form adds dozens)
        self.manager.get_sprite_group().lostsprites.clear()
        return surface

    def present(self) -> None:
        """Show the frame drawn on the display surface in the window."""
        pygame.display.flip()

    def run(self) -> None:
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.step(min(dt, 0.1))
            self.present()
        self.quit()

    def settle(self) -> None:
        """The window is up and nothing is shown yet: load the scenario (the first screen
        draws it anyway), then keep everything made so far out of the garbage collector's
        passes (`game.ui.memory.settle`: a pass then takes 3-4 ms, not 40-60)."""
        self.try_scenario()
        settle()
        self._settled = True

    def quit(self) -> None:
        if self._settled:  # a window that did not settle leaves a freeze it did not make
            unsettle()
            self._settled = False
        if self.watcher is not None:
            self.watcher.stop()
        if self._thinker is not None:
            self._thinker.close()
        self.sounds.stop()
        clear_caches()  # rendered texts of this window's fonts
        pygame.quit()
