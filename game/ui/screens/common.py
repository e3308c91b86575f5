"""Helpers the menu-like screens share: buttons with tooltips and the map backdrop."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.map.view import MapView
from game.ui.screens.base import Screen
from game.ui.widgets import gui_items, shade


class WholeRowList(pygame_gui.elements.UISelectionList):
    """A selection list that shows whole rows only, also while scrolled: pygame_gui places
    its rows at the scroll bar's exact offset, so a list scrolled part-way showed a cut row
    at its top and bottom (the load list, issue 16). The rows are drawn at the offset rounded
    to a whole row; the scroll bar itself still moves smoothly. Whole rows need a list whose
    inside is a whole number of rows high (see `LoadScreen.build`)."""

    def update(self, time_delta: float) -> None:
        bar = self.scroll_bar
        if bar is None or not bar.check_has_moved_recently() or not self.total_height_of_list:
            super().update(time_delta)
            return
        h = self.list_item_height
        exact = bar.start_percentage
        offset = min(exact * self.total_height_of_list, self.lowest_list_pos)
        top = round(offset / h) * h
        bar.start_percentage = top / self.total_height_of_list  # which rows exist
        try:
            super().update(time_delta)
        finally:
            bar.start_percentage = exact
        for index, item in enumerate(self.item_list):  # where: exactly (no float rounding)
            if item["button_element"] is not None:
                item["button_element"].set_relative_position((0, index * h - top))


def whole_row_list(
    rect: pygame.Rect, items: list, manager: pygame_gui.UIManager, object_id: Any = None
) -> WholeRowList:
    """A `WholeRowList` in `rect`, made shorter (from its bottom) to a whole number of rows:
    pygame_gui draws a row cut by the list's lower edge (the order list at 100 % showed half a
    fourth row; at 200 % the load list half a row's text). `rect` is changed to the list's."""
    lst = WholeRowList(rect, items, manager, object_id=object_id)
    border = lst.border_width
    edge = border["top"] + border["bottom"] + 2 * lst.shadow_width
    row = lst.list_item_height
    rows = max(1, (rect.height - edge) // row)
    height = rows * row + edge
    if height != rect.height:
        lst.kill()
        rect.height = height
        lst = WholeRowList(rect, items, manager, object_id=object_id)
    return lst


class TipButton(pygame_gui.elements.UIButton):
    """A button whose tooltip shows while it is disabled too: a disabled order kind's
    tooltip says why the order is impossible today, and pygame_gui never hovers (so never
    shows the tooltip of) a disabled button. Disabled, it keeps its disabled look and
    takes no clicks."""

    def can_hover(self) -> bool:
        if self.is_enabled:
            return super().can_hover()
        return bool(self.tool_tip_text) and not self.is_selected and not self.held

    def on_hovered(self) -> None:
        if self.is_enabled:
            super().on_hovered()
        else:
            self.hover_time = 0.0  # the tooltip's delay, without the hovered look


def button(
    scr: Screen,
    rect: pygame.Rect | tuple,
    key: str,
    tip: str | None = None,
    cls: str | None = None,
    container: Any = None,
    text: str | None = None,
) -> pygame_gui.elements.UIButton:
    return TipButton(
        pygame.Rect(rect),
        text if text is not None else scr.t(key),
        scr.ui,
        container=container,
        tool_tip_text=scr.t(tip) if tip else None,
        object_id=ObjectID(class_id=cls) if cls else None,
    )


def label(
    scr: Screen, rect: pygame.Rect | tuple, text: str, cls: str | None = None, container: Any = None
) -> pygame_gui.elements.UILabel:
    return pygame_gui.elements.UILabel(
        pygame.Rect(rect),
        text,
        scr.ui,
        container=container,
        object_id=ObjectID(class_id=cls) if cls else None,
    )


def dropdown(
    scr: Screen,
    rect: pygame.Rect | tuple,
    options: list[tuple[str, str]],
    selected: str | None,
    container: Any = None,
    tip: str | None = None,
) -> pygame_gui.elements.UIDropDownMenu:
    """A drop-down of (shown text, id) pairs; `selected` is an id."""
    if not options:
        options = [("-", "")]
    start = next((o for o in options if o[1] == selected), options[0])
    dd = pygame_gui.elements.UIDropDownMenu(
        gui_items(options), start, pygame.Rect(rect), scr.ui, container=container
    )
    if tip:
        dd.tool_tip_text = tip
    return dd


def dropdown_id(dd: pygame_gui.elements.UIDropDownMenu) -> str:
    sel = dd.selected_option
    return sel[1] if isinstance(sel, tuple) else str(sel)


class Backdrop:
    """The strait map, darkened, behind menus (drawn once per size)."""

    def __init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}
        self._map: tuple[Any, Any] | None = None

    def draw(self, scr: Screen, surface: pygame.Surface) -> None:
        size = surface.get_size()
        key = (size, scr.app.settings.lang, scr.app.settings.palette)
        bg = self._cache.get(key)
        if bg is None:
            bg = pygame.Surface(size)
            sc, _ = scr.app.try_scenario()
            if sc is not None:
                # a taller map than the window, cropped: the strait fills the width
                tall = (size[0], max(size[1], int(size[0] * 0.9)))
                if self._map is None or self._map[0] is not sc:
                    mv = MapView(
                        sc,
                        which="strait",
                        size=tall,
                        lang=scr.app.settings.lang,
                        palette=scr.app.settings.palette,
                    )
                    self._map = (sc, mv)
                mv = self._map[1]
                mv.resize(tall)
                mv.set_lang(scr.app.settings.lang)
                mv.set_palette(scr.app.settings.palette)
                big = pygame.Surface(tall)
                mv.draw(big)
                bg.blit(big, (0, (size[1] - tall[1]) // 2))
            else:
                bg.fill((24, 40, 52))
            shade(bg, alpha=150)
            self._cache = {key: bg}
        surface.blit(bg, (0, 0))


BACKDROP = Backdrop()
