"""The map view: `MapView` puts its parts together (see the package's docstring)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pygame

from game.ui.map.animation import Animation, _Burst, _Flash, _Mover, _Shell
from game.ui.map.camera import Camera, _ViewState
from game.ui.map.geometry import Point
from game.ui.map.labels import Labels
from game.ui.map.layers import ALL_LAYERS, Layers
from game.ui.map.parts import _Layout
from game.ui.map.plans import PlanItem, draw_plans
from game.ui.palette import Colour, get_palette

# -- the view --------------------------------------------------------------------------------


class MapView(Camera, Labels, Layers, Animation):
    """A pannable, zoomable map of the strait or of Kinmen with the game drawn on it."""

    #: the window size `App.map_view` last sized this (cached) view for; unset before
    _ui_size: tuple[int, ...]

    def __init__(
        self,
        scenario,
        which: str = "kinmen",
        size: tuple[int, int] = (960, 720),
        lang: str = "en",
        palette: str = "default",
    ):
        if not pygame.font.get_init():
            pygame.font.init()
        self.scenario = scenario
        self.size = (max(1, int(size[0])), max(1, int(size[1])))
        self.lang = "zh-Hant" if lang.startswith("zh") else "en"
        self.palette_name = palette
        self.colours = get_palette(palette)
        #: scale of labels and symbols (1.0 = default); changing it re-lays out labels
        self.ui_scale = 1.0
        #: parts drawn: base, coast, overlays, symbols, labels, animations
        self.layers: set[str] = set(ALL_LAYERS)
        #: top-left of the map on the window, for mouse positions
        self.offset: tuple[int, int] = (0, 0)
        self._views: dict[str, _ViewState] = {}
        self._layers: OrderedDict[tuple, tuple[pygame.Surface, int, int]] = OrderedDict()
        #: the territorial lines of the days `prepare_labels` was last asked for (a replay's)
        self._kept_lines: frozenset[tuple[int, ...]] = frozenset()
        self._layouts: OrderedDict[tuple, _Layout] = OrderedDict()
        self._scalebars: dict[tuple, pygame.Surface] = {}
        self._texts: dict[tuple, pygame.Surface] = {}
        self._craters: tuple[Any, list[tuple[float, float, pygame.Surface, int]]] | None = None
        self._scene_cache: tuple[Any, ...] | None = None
        self._press: tuple[int, int] | None = None
        self._press_centre: Point = (0.0, 0.0)
        self._dragging = False
        self._mouse: tuple[int, int] | None = None
        self._clock = 0.0
        self._bursts: list[_Burst] = []
        self._shells: list[_Shell] = []
        self._movers: list[_Mover] = []
        self._flashes: list[_Flash] = []
        self._last_state = None
        #: the planning side's orders drawn over the map (`game.ui.map.plans`); the game
        #: screen sets them each frame
        self.plans: list[PlanItem] = []
        self._index_scenario()
        self.set_view(which)

    def draw(self, surface, state=None, report=None, hover_pos=None, selected=None) -> None:
        """The map (`Layers.draw`), then the planned orders over it."""
        super().draw(surface, state, report, hover_pos, selected)
        if self.plans and "overlays" in self.layers:
            draw_plans(self, surface, self.plans, self.ui_scale)

    def show(self, state) -> None:
        """What the map draws from until the next `draw`: the viewing side's `Observation`
        (or a `State`: everything). Hit testing follows it at once, before the first frame."""
        self._last_state = state

    def thing_at(self, pos) -> str | None:
        """Id of the battery, target or place under `pos`; a battery the map does not draw
        (an enemy group that does not exist for the viewer) is not there to point at."""
        thing = super().thing_at(pos)
        if thing in self._groups and not self.battery_shown(thing)[0]:
            return None
        return thing

    # -- palette colours for tests ------------------------------------------------------------

    @property
    def LAND(self) -> Colour:
        return self.colours["land"]

    @property
    def SEA(self) -> Colour:
        return self.colours["sea"]

    # -- scenario lookups -------------------------------------------------------------------

    def _index_scenario(self) -> None:
        sc = self.scenario
        self._places = {p.id: p for p in sc.places} if sc is not None else {}
        self._groups = {g.id: g for g in sc.artillery} if sc is not None else {}
        self._targets = {t.id: t for t in sc.targets} if sc is not None else {}
        sig = tuple(
            (p.lon, p.lat, p.side, p.terrain) for p in (sc.places if sc is not None else [])
        )
        self._place_sig = sig
        self._lane_places: set[str] = set()
        if sc is not None:
            for lane in sc.supply.lanes:
                self._lane_places.update(lane.waypoints)

    def _shown(self, place) -> bool:
        return place.view in (self.which, "both") and self._geo.contains(place.lon, place.lat)

    def shown_places(self) -> list:
        """The scenario's places shown in the current view (its `view` and box)."""
        return [p for p in self._places.values() if self._shown(p)]

    def set_lang(self, lang: str) -> None:
        self.lang = "zh-Hant" if lang.startswith("zh") else "en"

    def set_palette(self, palette: str) -> None:
        self.colours = get_palette(palette)
        self.palette_name = palette
