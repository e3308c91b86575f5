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
    """A selection list that shows whole rows only, also while scrolled, and scrolls by
    whole rows. pygame_gui places its rows at the scroll bar's exact offset, so a list
    scrolled part-way showed a cut row at its top and bottom (the load list, issue 16). Its
    scroll bar also never reached the last rows of a short list: the bar's handle is at
    least 5 pixels, so in the one-row order list at 200 % (1280x720) the handle's travel
    ended half-way, the wheel jumped from the first row to the third and stopped there, and
    an arrow click moved 4 pixels of a 52-pixel row, that is nothing (playtest 8). Here the
    first row shown (`top_row`) is the list's own: the wheel and each arrow press move it by
    one row, dragging the handle maps its whole travel onto every row, and the handle is
    drawn where the rows are. Whole rows need a list whose inside is a whole number of rows
    high (see `whole_row_list`)."""

    top_row = 0
    _shown: int | None = None
    _arrow_held = (False, False)
    _pos = 0.0  # where the handle was put last frame

    def rows_shown(self) -> int:
        border = self.border_width
        inside = self.rect.height - border["top"] - border["bottom"] - 2 * self.shadow_width
        return max(1, inside // max(1, self.list_item_height))

    def last_top_row(self) -> int:
        return max(0, len(self.item_list) - self.rows_shown())

    def scroll_to(self, row: int) -> None:
        self.top_row = min(max(0, row), self.last_top_row())

    def update(self, time_delta: float) -> None:
        bar = self.scroll_bar
        if bar is None or not self.total_height_of_list:
            self.top_row, self._shown = 0, None
            super().update(time_delta)
            return
        handle = bar.sliding_button
        travel = bar.bottom_limit - bar.top_limit - (handle.relative_rect.height if handle else 0)
        last = self.last_top_row()
        held = (
            bool(bar.top_button is not None and bar.top_button.held),
            bool(bar.bottom_button is not None and bar.bottom_button.held),
        )
        if bar.scroll_wheel_moved:  # taken before the bar's own update moves by pixels
            bar.scroll_wheel_moved = False
            self.scroll_to(self.top_row + (1 if bar.scroll_wheel_amount < 0 else -1))
        elif held != self._arrow_held:  # a press of an arrow: one row
            if held[0] and not self._arrow_held[0]:
                self.scroll_to(self.top_row - 1)
            if held[1] and not self._arrow_held[1]:
                self.scroll_to(self.top_row + 1)
        elif any(held):
            pass  # the bar's own move while an arrow is held is undone below
        elif travel > 0 and (
            (handle is not None and handle.held) or abs(bar.scroll_position - self._pos) > 0.5
        ):  # the handle dragged, or the bar set (`set_scroll_from_start_percentage`)
            self.scroll_to(round((bar.scroll_position - bar.top_limit) / travel * last))
        self._arrow_held = held
        self.top_row = min(self.top_row, last)
        # the handle where the rows are (the bar's own moves are undone each frame)
        pos = bar.top_limit + (self.top_row / last * travel if last and travel > 0 else 0.0)
        if not (handle is not None and handle.held):
            bar.scroll_position = bar.target_scroll_position = pos
        self._pos = bar.scroll_position
        h = self.list_item_height
        top = self.top_row * h
        moved = self._shown != top or bar.check_has_moved_recently()
        if moved:
            bar.has_moved_recently = True  # pygame_gui makes the rows now in view
        exact = bar.start_percentage
        bar.start_percentage = top / self.total_height_of_list  # which rows exist
        try:
            super().update(time_delta)
        finally:
            bar.start_percentage = exact
        if moved or self._shown is None:
            self._shown = top
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
    """The strait map, darkened, behind menus: drawn once per window size, language and
    palette, and kept as one picture.

    The map view that draws it is not kept: its layers (a taller map than the window, several
    surfaces of 1280x1152 at 1280x720) held about 30 MB for as long as the game ran, for a
    picture that changes only when the window or a setting does."""

    def __init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}

    def draw(self, scr: Screen, surface: pygame.Surface) -> None:
        size = surface.get_size()
        key = (size, scr.app.settings.lang, scr.app.settings.palette)
        bg = self._cache.get(key)
        if bg is None:
            self._cache = {}  # the old picture goes before the new one is drawn
            bg = self._render(scr, size)
            self._cache = {key: bg}
        surface.blit(bg, (0, 0))

    @staticmethod
    def _render(scr: Screen, size: tuple[int, int]) -> pygame.Surface:
        bg = pygame.Surface(size)
        sc, _ = scr.app.try_scenario()
        if sc is None:
            bg.fill((24, 40, 52))
        else:
            # a taller map than the window, cropped: the strait fills the width
            tall = (size[0], max(size[1], int(size[0] * 0.9)))
            mv = MapView(
                sc,
                which="strait",
                size=tall,
                lang=scr.app.settings.lang,
                palette=scr.app.settings.palette,
            )
            big = pygame.Surface(tall)
            mv.draw(big)
            bg.blit(big, (0, (size[1] - tall[1]) // 2))
        shade(bg, alpha=150)
        return bg


BACKDROP = Backdrop()
