"""What the parts of `MapView` share: the state `MapView.__init__` sets up and the methods
one part calls on another, declared once so that each mixin type-checks on its own.

`Camera`, `Labels`, `Layers` and `Animation` inherit this class; a part's own records are
declared in that part (the camera's views, the animation's bursts), the layout records that
`Labels` makes and `Layers` and `Animation` read are here. At run time `MapParts` adds
nothing (annotations only; the method signatures exist for the type checker alone), so the
method resolution order and behaviour of `MapView` are unchanged.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.ui.map.geo import Geo
    from game.ui.map.geometry import Point
    from game.ui.map.territory import Territory
    from game.ui.palette import Colour

# -- layout records --------------------------------------------------------------------------


@dataclass
class _Thing:
    id: str
    kind: str  # "battery" or "target"
    side: str
    sub: str  # target kind, or "battery"
    place: str
    size: int
    x: float  # symbol centre, layer pixels
    y: float
    ax: float  # the place itself, layer pixels
    ay: float
    rect: pygame.Rect = field(default_factory=pygame.Rect)
    #: width a gun count under the symbol may take without running into a neighbour's
    room: int = 10_000


@dataclass
class _Label:
    surf: pygame.Surface
    x: int
    y: int
    kind: str  # "place", "region", "territorial", "fleet"
    ref: str | None = None  # place id
    text: str = ""


@dataclass
class _Layout:
    things: list[_Thing]
    labels: list[_Label]
    dots: list[tuple[float, float, str]]
    leaders: list[tuple[float, float, float, float]]
    us: list[tuple[float, float, str, int]]
    place_rects: list[tuple[pygame.Rect, str]]
    #: thin lines from a place to its label set off at a distance (layer pixels)
    callouts: list[tuple[float, float, float, float]] = field(default_factory=list)


class MapParts:
    """The shared state of the map view's parts (see the module docstring)."""

    # set up by MapView.__init__ and _index_scenario
    scenario: Any
    size: tuple[int, int]
    lang: str
    palette_name: str
    colours: dict[str, Colour]
    ui_scale: float
    layers: set[str]
    offset: tuple[int, int]
    _layers: OrderedDict[tuple, tuple[pygame.Surface, int, int]]
    _kept_lines: frozenset[tuple[int, ...]]
    _layouts: OrderedDict[tuple, _Layout]
    _scalebars: dict[tuple, pygame.Surface]
    _texts: dict[tuple, pygame.Surface]
    _craters: tuple[Any, list[tuple[float, float, pygame.Surface, int]]] | None
    _scene_cache: tuple[Any, ...] | None
    _press: tuple[int, int] | None
    _press_centre: Point
    _dragging: bool
    _mouse: tuple[int, int] | None
    _clock: float
    _last_state: Any
    _places: dict[str, Any]
    _groups: dict[str, Any]
    _targets: dict[str, Any]
    _place_sig: tuple
    _lane_places: set[str]
    # set by Camera.set_view
    _which: str
    _geo: Geo

    if TYPE_CHECKING:
        # Camera
        @property
        def which(self) -> str: ...
        @property
        def zoom(self) -> float: ...
        def resize(self, size: tuple[int, int]) -> None: ...
        def _margins(self, z: float) -> tuple[int, int]: ...
        def _origin(self) -> tuple[int, int]: ...
        def _local(self, pos) -> tuple[int, int]: ...
        def _inside(self, p: tuple[int, int]) -> bool: ...
        def world_to_screen(self, lon: float, lat: float) -> tuple[float, float]: ...

        # Labels
        def _layout(self) -> _Layout: ...
        def _text(
            self, text: str, size: int, colour: Colour, halo: Colour | None
        ) -> pygame.Surface: ...
        def thing_at(self, pos) -> str | None: ...
        def nm_lines(self) -> tuple[int, ...]: ...

        # Layers
        def territory(self) -> Territory | None: ...
        def _layer(self) -> tuple[pygame.Surface, int, int]: ...
        def scale_bar_room(self) -> pygame.Rect: ...

        # Animation
        def _entity_lonlat(self, eid) -> Point | None: ...
        def _draw_animations(self, surface: pygame.Surface, z: float) -> None: ...

        # MapView
        def _shown(self, place) -> bool: ...
