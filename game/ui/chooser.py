"""A choice field's list of options, opened over everything at the root of the UI.

pygame_gui's drop-down menu expands inside its own container: in the order form's scrolling
box it was clipped to a 10-pixel sliver (Diplomacy's move list) or opened below the box's
bottom, out of sight (the convoy's beach list). A form's choice field is therefore a button
showing the chosen option; pressing it opens this list at the root of the UI, placed by
`place_list` so that it lies inside the window and shows at least `MIN_ROWS` rows (or all of
them): below the button when there is room, above it otherwise.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from game.ui.text import ellipsize
from game.ui.widgets import gui_items

#: the fewest rows an opened list shows (all of them when there are fewer)
MIN_ROWS = 3
#: the most rows it shows before it scrolls
MAX_ROWS = 10


def place_list(
    anchor: pygame.Rect,
    n: int,
    item_h: int,
    window: tuple[int, int],
    width: int,
    margin: int = 4,
    pad: int = 8,
) -> pygame.Rect:
    """Where a list of `n` rows `item_h` high opens for a button at `anchor`: below it when
    `min(n, MAX_ROWS)` rows fit there, else above it when they fit there, else on the roomier
    side with as many whole rows as fit (never fewer than `MIN_ROWS` or `n` unless the window
    itself is too small). Always inside the window, `width` wide (at most the window's)."""
    win_w, win_h = window
    width = max(1, min(width, win_w - 2 * margin))
    want = min(max(n, 1), MAX_ROWS)
    below = win_h - margin - anchor.bottom
    above = anchor.top - margin

    def height(rows: int) -> int:
        return rows * item_h + pad

    if below >= height(want):
        top, h = anchor.bottom, height(want)
    elif above >= height(want):
        h = height(want)
        top = anchor.top - h
    else:
        room = max(below, above)
        rows = max(min(want, MIN_ROWS), (room - pad) // item_h)
        h = min(height(rows), win_h - 2 * margin)
        top = anchor.bottom if below >= above else anchor.top - h
    top = max(margin, min(top, win_h - margin - h))
    left = max(margin, min(anchor.left, win_w - margin - width))
    return pygame.Rect(left, top, width, h)


class Chooser:
    """An opened list for the choice field `name`: a selection list at the root of the UI,
    above every other element. `options` are (text, id) pairs."""

    def __init__(
        self,
        manager: Any,
        name: str,
        anchor: pygame.Rect,
        options: list[tuple[str, str]],
        selected: str,
        item_h: int,
        font: pygame.font.Font,
    ) -> None:
        self.name = name
        self.options = options
        win = manager.window_resolution
        text_pad = item_h  # the list's text padding and a scroll bar
        widest = max((font.size(o[0])[0] for o in options), default=0) + text_pad
        width = max(anchor.width, min(widest, win[0] // 2))
        self.rect = place_list(anchor, len(options), item_h, win, width)
        fit = self.rect.width - text_pad
        if len(options) > (self.rect.height - 8) // item_h:
            fit -= item_h  # the scroll bar
        self.items = [(ellipsize(font, text, fit), oid) for text, oid in options]
        self.list = pygame_gui.elements.UISelectionList(
            self.rect,
            gui_items(self.items),
            manager,
            starting_height=50,
            default_selection=next((i for i in self.items if i[1] == selected), None),
            object_id=pygame_gui.core.ObjectID(object_id="#chooser"),
        )

    def chosen(self, event: pygame.event.Event) -> str | None:
        """The id picked by `event`: a press on one of the list's rows (the chosen one too,
        which pygame_gui's selection events ignore)."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        for item in self.list.item_list:
            if item.get("button_element") is event.ui_element:
                return item.get("object_id")
        return None

    def visible_rows(self) -> int:
        return min(len(self.items), max(0, self.rect.height - 8) // max(1, self._item_h()))

    def _item_h(self) -> int:
        items = getattr(self.list, "item_list", None) or []
        heights = [getattr(i.get("button_element"), "rect", None) for i in items]
        h = next((r.height for r in heights if r is not None), 0)
        return h or self.list.list_item_height

    def close(self) -> None:
        self.list.kill()
