"""What the parts of `GameScreen` share: the state its `__init__` and `build` set up and the
methods one part calls on another, declared once so that each mixin type-checks on its own.

`OrdersPanel`, `StatusPanel` and `MapTips` inherit this class. At run time it adds nothing
to `Screen` (annotations only; the method signatures exist for the type checker alone), so
the method resolution order and behaviour of `GameScreen` are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.ui.screens.base import Screen

if TYPE_CHECKING:
    import pygame
    import pygame_gui

    from game.engine.observe import Observation
    from game.ui.map.view import MapView
    from game.ui.orderforms import OrderForm
    from game.ui.planning import Odds
    from game.ui.screens.common import WholeRowList
    from game.ui.screens.preview_box import PreviewBox
    from game.ui.session import Session
    from game.ui.worker import Job


class GameParts(Screen):
    """The shared state of the game screen's parts (see the module docstring)."""

    # set up by GameScreen.__init__
    session: Session
    tab: str
    form: OrderForm | None
    editing: int | None
    order_top: int
    preview: Odds | None
    preview_job: Job | None
    reason: str | None
    preview_due: float | None
    hover: tuple[int, int] | None
    note: str
    map_which: str
    watch_timer: float
    note_timer: float
    note_for: float
    _note_shown: str
    status_scroll: int
    status_height: int
    thinking: Job | None
    #: how many orders the side gave this morning (the turn's job clears them as it resolves)
    morning_orders: int
    _morning_days: list[Observation] | None
    discard_armed: bool
    form_scroll: float
    # set up by GameScreen.build and OrdersPanel.build_orders
    panel_rect: pygame.Rect
    map_rect: pygame.Rect
    map: MapView
    layout: str
    body_top: int
    body_bottom: int
    kind_buttons: dict[str, Any]
    form_box: pygame_gui.elements.UIScrollingContainer | None
    preview_box: PreviewBox | None
    order_list: WholeRowList | None
    b_view: pygame_gui.elements.UIButton
    b_save: pygame_gui.elements.UIButton
    b_menu: pygame_gui.elements.UIButton
    b_tab_orders: pygame_gui.elements.UIButton | None
    b_tab_status: pygame_gui.elements.UIButton | None
    b_tab_forces: pygame_gui.elements.UIButton | None
    b_end: pygame_gui.elements.UIButton | None
    b_give: pygame_gui.elements.UIButton | None
    b_cancel: pygame_gui.elements.UIButton | None
    b_edit: pygame_gui.elements.UIButton | None
    b_remove: pygame_gui.elements.UIButton | None
    b_repeat: pygame_gui.elements.UIButton | None
    b_quick: pygame_gui.elements.UIButton | None

    if TYPE_CHECKING:
        # GameScreen
        @property
        def sc(self) -> Any: ...
        @property
        def observation(self) -> Observation: ...
        def shown_over(self) -> bool: ...
        def orders_tab(self) -> bool: ...
        def orders_tab_possible(self) -> bool: ...
        def click_kind(self, thing: str) -> str | None: ...

        # OrdersPanel
        def usable_kinds(self) -> set[str]: ...

        # ForcesPanel
        def draw_forces(self, surface: pygame.Surface, rect: pygame.Rect) -> int: ...

        # MapTips
        def note_fits(self, note: str) -> bool: ...
