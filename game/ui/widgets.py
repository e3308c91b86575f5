"""Small drawing helpers shared by screens: panels, bars, wrapped and scrolling text.

Text is drawn every frame but rarely changes, so the pieces are cached: lines broken to a
width, texts cut to a width and rendered lines, keyed by (font, text, width or colour). The
caches keep at most `CACHE_MAX` entries each (least recently used dropped first); a font in a
key is the font object itself, so a new window's fonts never meet an old window's surfaces.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, cast

import pygame

from game.ui.text import break_lines, ellipsize

CACHE_MAX = 1000


@dataclass(slots=True)
class _Drawn:
    """A rendered text and the screen change it was last drawn in (`forget_other_screens`)."""

    surf: pygame.Surface
    seen: int


_RENDERED: OrderedDict[tuple, _Drawn] = OrderedDict()
_LINES: OrderedDict[tuple, list[str]] = OrderedDict()
_FITTED: OrderedDict[tuple, str] = OrderedDict()


def _remember(cache: OrderedDict, key: tuple, value: Any) -> Any:
    cache[key] = value
    if len(cache) > CACHE_MAX:
        cache.popitem(last=False)
    return value


#: pixels of rendered text kept (about 16 MB): a count alone let a long game fill the cache
#: with a thousand report lines a window wide, 80 MB that stayed
RENDERED_MAX_PIXELS = 4_000_000
_rendered_pixels = [0]
#: screen changes so far (`forget_other_screens`)
_screen_change = [0]


def rendered(font: pygame.font.Font, s: str, colour) -> pygame.Surface:
    """`font.render(s, True, colour)`, cached. Callers must not draw on the result."""
    key = (font, s, tuple(colour))
    hit = _RENDERED.get(key)
    if hit is not None:
        hit.seen = _screen_change[0]
        _RENDERED.move_to_end(key)
        return hit.surf
    surf = font.render(s, True, colour)
    _RENDERED[key] = _Drawn(surf, _screen_change[0])
    _rendered_pixels[0] += surf.get_width() * surf.get_height()
    while len(_RENDERED) > 1 and (
        len(_RENDERED) > CACHE_MAX or _rendered_pixels[0] > RENDERED_MAX_PIXELS
    ):
        _forget(_RENDERED.popitem(last=False)[1])
    return surf


def _forget(old: _Drawn) -> None:
    _rendered_pixels[0] -= old.surf.get_width() * old.surf.get_height()


def forget_other_screens() -> None:
    """A screen closed: forget the rendered texts drawn in neither it nor the one before it.

    The cache filled to its 16 MB over a long game (every report's lines, every form's),
    texts no open screen shows, and it was full at the moment the most else was in memory
    too (the load list over the pause menu over the game): measured over the benchmark's
    long game, the window's peak. The texts of the screen being left and of the one before
    it stay, so going back and forth between two screens (the game and its pause menu)
    renders nothing again."""
    now = _screen_change[0]
    for key in [k for k, d in _RENDERED.items() if d.seen < now - 1]:
        _forget(_RENDERED.pop(key))
    _screen_change[0] = now + 1


def lines_of(font: pygame.font.Font, s: str, width: int) -> list[str]:
    """`s` broken into lines no wider than `width` (see `game.ui.text`), cached."""
    key = (font, s, width)
    lines = _LINES.get(key)
    if lines is None:
        return _remember(_LINES, key, break_lines(s, width, lambda t: font.size(t)[0]))
    _LINES.move_to_end(key)
    return lines


def fitted(font: pygame.font.Font, s: str, width: int) -> str:
    """`s` cut with "…" to fit `width` pixels, cached."""
    key = (font, s, width)
    out = _FITTED.get(key)
    if out is None:
        return _remember(_FITTED, key, ellipsize(font, s, width))
    return out


def clear_caches() -> None:
    """Forget every cached line and rendered text (the app's fonts are going away)."""
    _RENDERED.clear()
    _rendered_pixels[0] = 0
    _LINES.clear()
    _FITTED.clear()


def gui_items(items: list[tuple[str, str]]) -> list[str | tuple[str, str]]:
    """Our (text, id) pairs as pygame_gui's lists and drop-downs are annotated to take them
    (an invariant `list[str | tuple[str, str]]`): the same list, not a copy."""
    return cast("list[str | tuple[str, str]]", items)


INK = (232, 228, 212)
DIM = (168, 173, 156)
GOLD = (240, 216, 144)
RED = (255, 154, 128)
GREEN = (168, 224, 160)
PANEL = (28, 34, 30)
PANEL_EDGE = (109, 125, 99)
SHADE = (10, 14, 12, 200)


def panel(surface: pygame.Surface, rect: pygame.Rect, colour=PANEL, edge=PANEL_EDGE) -> None:
    pygame.draw.rect(surface, colour, rect)
    pygame.draw.rect(surface, edge, rect, 1)


def shade(surface: pygame.Surface, rect: pygame.Rect | None = None, alpha: int = 200) -> None:
    rect = rect or surface.get_rect()
    s = pygame.Surface(rect.size, pygame.SRCALPHA)
    s.fill((10, 14, 12, alpha))
    surface.blit(s, rect.topleft)


def text(surface, font, s: str, pos, colour=INK, width: int | None = None) -> int:
    """Draw one line (cut with … to `width`); returns the line height."""
    if width is not None:
        s = fitted(font, s, width)
    if s:
        surface.blit(rendered(font, s, colour), pos)
    return font.get_linesize()


def wrapped(surface, font, s: str, rect: pygame.Rect, colour=INK, gap: int = 2) -> int:
    """Draw `s` wrapped to `rect.width` from `rect.topleft`; returns the height used.

    Lines that do not fit are left out, and the last line shown then ends in "…", so a
    player sees that there is more (the rest is never cut off silently)."""
    y = rect.top
    h = font.get_linesize() + gap
    lines = lines_of(font, s, rect.width)
    for i, line in enumerate(lines):
        if y + h > rect.bottom + gap:
            break
        more = i + 1 < len(lines) and y + 2 * h > rect.bottom + gap
        if more:
            line = ellipsize(font, line.rstrip(" …") + "…", rect.width)
        if line:
            surface.blit(rendered(font, line, colour), (rect.left, y))
        y += h
    return y - rect.top


def wrapped_height(font, s: str, width: int, gap: int = 2) -> int:
    """The height `wrapped` needs to draw all of `s` at `width`."""
    return len(lines_of(font, s, width)) * (font.get_linesize() + gap)


def bar(
    surface, rect: pygame.Rect, value: float, maximum: float, colour, back=(42, 48, 43)
) -> None:
    pygame.draw.rect(surface, back, rect)
    if maximum > 0:
        w = int(rect.width * max(0.0, min(1.0, value / maximum)))
        pygame.draw.rect(surface, colour, (rect.left, rect.top, w, rect.height))
    pygame.draw.rect(surface, PANEL_EDGE, rect, 1)


@dataclass
class Line:
    text: str
    colour: tuple[int, int, int] = INK
    size: float = 15
    indent: int = 0
    gap_before: int = 0


@dataclass
class ScrollText:
    """A list of paragraphs drawn wrapped inside a rect, scrolled with the mouse wheel/keys."""

    lines: list[Line] = field(default_factory=list)
    scroll: int = 0
    #: wrap only the lines that show: those below the rect are counted by one measurement
    #: each (enough for the scroll bar), for long texts that change often (the replay's record)
    lazy: bool = False
    _height: int = 0
    _rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 1, 1))

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if self._rect.collidepoint(pos) or not pygame.mouse.get_focused():
                self.scroll_by(-event.y * 40)
                return True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            self.scroll_by(self._rect.height // 2 if event.key == pygame.K_PAGEDOWN else 40)
            return True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            self.scroll_by(-(self._rect.height // 2 if event.key == pygame.K_PAGEUP else 40))
            return True
        return False

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.scroll + dy, max(0, self._height - self._rect.height)))

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, fonts) -> None:
        self._rect = pygame.Rect(rect)
        clip = surface.get_clip()
        surface.set_clip(rect)
        y = rect.top - self.scroll
        for ln in self.lines:
            font = fonts.get(ln.size)
            y += int(ln.gap_before * fonts.scale)
            indent = int(ln.indent * fonts.scale)
            width = rect.width - indent - 12
            h = font.get_linesize() + 2
            if self.lazy and y > rect.bottom:
                y += h * max(1, -(-font.size(ln.text)[0] // max(1, width)))
                continue
            for part in lines_of(font, ln.text, width):
                if rect.top - h <= y <= rect.bottom and part:
                    surface.blit(rendered(font, part, ln.colour), (rect.left + indent, y))
                y += h
        self._height = y + self.scroll - rect.top
        surface.set_clip(clip)
        if self._height > rect.height:  # a thin scroll indicator
            frac = rect.height / self._height
            top = rect.top + int(rect.height * self.scroll / self._height)
            pygame.draw.rect(
                surface, DIM, (rect.right - 5, top, 3, max(12, int(rect.height * frac)))
            )
