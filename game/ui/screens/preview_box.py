"""The box under an order form: a move's terms, the reason an order is refused, or the
preview's lines, in a pygame_gui scrolling container.

The text is drawn once into an image the container holds, so that at a large interface
size in a small window (200 % at 1280x720) every line is still read, with a scroll bar,
instead of being ended with "…". When the text fits there is no scroll bar and the box
looks as the hand-drawn one did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
import pygame_gui

from game.ui.text import ellipsize
from game.ui.theme import Fonts
from game.ui.widgets import lines_of, rendered

#: font sizes (unscaled) tried in turn before the box scrolls: a smaller font first, so a
#: preview that nearly fits is read at a glance, but never so small that 200 % is lost
SIZES = (13, 12, 11, 10)
#: pygame_gui's scroll bar width inside a scrolling container (pixels, not scaled)
BAR_W = 20
#: the least height (pixels) of a box that can scroll: pygame_gui's bar needs its two
#: arrow buttons and a slider between them
MIN_BAR_BOX = 2 * BAR_W + 24
#: pixels between lines (as `game.ui.widgets.wrapped`)
GAP = 2

Parts = Sequence[tuple[str, tuple[int, int, int]]]


class PreviewBox:
    """A scrolling container at `rect` showing coloured paragraphs (`show`)."""

    def __init__(
        self,
        ui: pygame_gui.UIManager,
        rect: pygame.Rect,
        fonts: Fonts,
        s: Callable[[float], int],
    ) -> None:
        self.rect = rect
        self.fonts = fonts
        self.s = s
        self.ui = ui
        self.box = self._container()
        self.image: pygame_gui.elements.UIImage | None = None
        self.shown: tuple | None = None
        #: the lines drawn and the font size they were drawn at (tests read them)
        self.lines_height = 0
        self.lines: list[tuple[str, tuple[int, int, int]]] = []
        self.size = SIZES[0]
        #: a scroll position to take up again (0-1) once the text needs a scroll bar: a
        #: box built anew (the whole form rebuilt) scrolls where the old one was, though its
        #: first text ("Working out the odds…") had no bar
        self.restore = 0.0

    def _container(self) -> pygame_gui.elements.UIScrollingContainer:
        return pygame_gui.elements.UIScrollingContainer(
            self.rect, self.ui, allow_scroll_x=False, object_id="#preview_box"
        )

    @property
    def bar(self) -> pygame_gui.elements.UIVerticalScrollBar | None:
        return self.box.vert_scroll_bar

    def layout(self, parts: Parts) -> tuple[int, int, int]:
        """(font size, text width, text height): the largest of `SIZES` at which all of
        `parts` fits the box; else the smallest, beside a scroll bar."""
        pad_x, pad_y = self.s(5), self.s(4)
        width = self.rect.width - 2 * pad_x
        room = self.rect.height - 2 * pad_y
        for size in SIZES:
            f = self.fonts.get(size)
            need = self.height(f, parts, width)
            if need <= room + 2:
                return size, width, need
        size = SIZES[-1]
        f = self.fonts.get(size)
        if self.rect.height < MIN_BAR_BOX:
            # too short for a scroll bar (a tiny window): the box's lines, the last shown
            # ending in "…"
            return size, width, room
        width -= BAR_W
        return size, width, self.height(f, parts, width)

    @staticmethod
    def height(f: pygame.font.Font, parts: Parts, width: int) -> int:
        """The pixels `parts` take wrapped to `width` in font `f`."""
        lines = sum(len(lines_of(f, body, width)) for body, _ in parts)
        return lines * (f.get_linesize() + GAP)

    def show(self, parts: Parts) -> None:
        """Draw `parts` (text, colour) into the box, unless they are already shown; the
        scroll position is kept (a slider moved while reading the last line)."""
        key = tuple(parts)
        if key == self.shown:
            return
        self.shown = key
        bar = self.bar
        keep = bar.start_percentage if bar is not None and self.has_bar() else 0.0
        size, width, need = self.layout(parts)
        self.size, self.lines_height = size, need
        f = self.fonts.get(size)
        surf = pygame.Surface((max(1, width), max(1, need)), pygame.SRCALPHA)
        # every line drawn whole (never ended with "…": the box scrolls to it instead)
        self.lines = [(line, colour) for body, colour in parts for line in lines_of(f, body, width)]
        step = f.get_linesize() + GAP
        if len(self.lines) * step > need:  # no room for a scroll bar: cut, with "…"
            keep_n = max(1, need // step)
            cut = self.lines[keep_n - 1]
            end = ellipsize(f, cut[0].rstrip(" …") + "…", width)
            self.lines = [*self.lines[: keep_n - 1], (end, cut[1])]
        for i, (line, colour) in enumerate(self.lines):
            if line:
                surf.blit(rendered(f, line, colour), (0, i * step))
        # a new container for each text: pygame_gui's, given a scroll bar again after one
        # was taken away, divides by zero
        self.box.kill()
        self.box = self._container()
        pad_x, pad_y = self.s(5), self.s(4)
        self.image = pygame_gui.elements.UIImage(
            pygame.Rect(pad_x, pad_y, surf.get_width(), surf.get_height()),
            surf,
            self.ui,
            container=self.box,
        )
        self.box.set_scrollable_area_dimensions(
            (
                self.rect.width - (BAR_W if need > self.rect.height - 2 * pad_y + 2 else 0),
                need + 2 * pad_y,
            )
        )
        bar = self.bar
        if bar is not None and self.has_bar():
            keep, self.restore = keep or self.restore, 0.0
            if keep > 0:
                bar.set_scroll_from_start_percentage(keep)
        self.box.update(0.0)

    def scrolled(self) -> float:
        """Where the box is scrolled (0 at the top to 1), or where it will be once its text
        scrolls (`restore`)."""
        bar = self.bar
        if bar is not None and self.has_bar():
            return float(bar.start_percentage)
        return self.restore

    def has_bar(self) -> bool:
        """A scroll bar shows (pygame_gui keeps a bar of no width when all the text fits)."""
        return self.bar is not None and self.bar.visible and self.bar.rect.width > 0

    def scrollable(self) -> int:
        """How far (pixels) the text runs past the box: 0 when it all shows."""
        return max(0, self.lines_height + 2 * self.s(4) - self.rect.height)

    def wheel(self, event: pygame.event.Event, pos: tuple[int, int]) -> bool:
        """The mouse wheel over the box scrolls it; True when it did."""
        bar = self.bar
        if bar is None or not self.scrollable() or not event.y or not self.rect.collidepoint(pos):
            return False
        bar.scroll_wheel_moved = True
        bar.scroll_wheel_amount = event.y
        return True

    def kill(self) -> None:
        self.box.kill()
