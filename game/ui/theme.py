"""The pygame_gui theme: colours from `theme.json`, the bundled font added in code.

The font is `assets/fonts/wqy-microhei.ttc` (Latin and CJK in one face), found through
`game.paths.assets_dir()` so it works from a checkout and from an installed wheel. Sizes are
multiplied by the UI scale. `SysFont` is never used: it silently has no CJK glyphs.
"""

from __future__ import annotations

import copy
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pygame

from game.paths import assets_dir

THEME_FILE = Path(__file__).resolve().parent / "theme.json"
BASE_FONT = 15
#: a list row's height (unscaled): selection lists, opened choice lists
LIST_ITEM_H = 26
#: a row of the load list (unscaled): two lines, what the save is and who plays whom
SAVE_ITEM_H = 42
#: a tooltip's width (unscaled)
TOOLTIP_W = 300
ELEMENTS = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "text_entry_box",
    "drop_down_menu",
    "selection_list",
    "check_box",
    "horizontal_slider",
    "window",
    "panel",
    "status_bar",
    "scrolling_container",
    "tool_tip",
    "progress_bar",
    "image",
    "form",
)


def font_path() -> Path:
    return assets_dir() / "fonts" / "wqy-microhei.ttc"


@cache
def _base_theme() -> dict[str, Any]:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def _font(size: int, bold: bool = False) -> dict[str, str]:
    path = str(font_path())
    return {
        "name": "wqy-microhei",
        "size": str(size),
        "bold": "1" if bold else "0",
        "regular_path": path,
        "bold_path": path,
        "italic_path": path,
        "bold_italic_path": path,
    }


def theme_dict(scale: float = 1.0) -> dict[str, Any]:
    theme = copy.deepcopy(_base_theme())
    size = round(BASE_FONT * scale)
    theme["defaults"]["font"] = _font(size)
    # pygame_gui reads fonts per element type, not from "defaults": give each type the face
    for element in ELEMENTS:
        theme.setdefault(element, {}).setdefault("font", _font(size))
    for key, factor in (("@title", 1.6), ("@big", 1.25), ("@small", 0.85)):
        theme.setdefault(key, {})["font"] = _font(round(BASE_FONT * scale * factor))
    theme.setdefault("tool_tip", {})["font"] = _font(round(BASE_FONT * scale * 0.95))
    theme["tool_tip"].setdefault("misc", {})["rect_width"] = str(round(TOOLTIP_W * scale))
    # list rows grow with the text (pygame_gui's default of 20 pixels overlaps at 200 %)
    for element in ("selection_list", "drop_down_menu"):
        misc = theme.setdefault(element, {}).setdefault("misc", {})
        misc["list_item_height"] = str(item_height(scale))
    theme["#save_list"] = {"misc": {"list_item_height": str(round(SAVE_ITEM_H * scale))}}
    # a form's choice field: a button showing the chosen option, its text on the left
    theme["@choice"] = {
        "misc": {
            "text_horiz_alignment": "left",
            "text_horiz_alignment_padding": str(round(6 * scale)),
        }
    }
    theme["#chooser.@selection_list_item"] = {
        "misc": {
            "text_horiz_alignment": "left",
            "text_horiz_alignment_padding": str(round(6 * scale)),
        }
    }
    return theme


def item_height(scale: float) -> int:
    """A list row's height in pixels at `scale`."""
    return round(LIST_ITEM_H * scale)


class Fonts:
    """pygame fonts of the bundled face, by pixel size (already scaled), cached."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[int, pygame.font.Font] = {}

    def get(self, size: float) -> pygame.font.Font:
        px = max(8, round(size * self.scale))
        f = self._cache.get(px)
        if f is None:
            f = pygame.font.Font(str(font_path()), px)
            self._cache[px] = f
        return f


#: the smallest window, in unscaled interface pixels, the screens are laid out for (1280x720 at
#: 200 %): a larger interface size than the window holds is shown at the largest that fits
LAYOUT_MIN = (640, 360)
#: the game screen's side panel, in unscaled pixels, and the least room in window pixels its
#: map needs beside it to name every place (400: at 800x560 a map of 320 or even 380 pixels
#: left places unnamed)
PANEL_W = 400
MAP_MIN_PX = 400


def fitted_scale(chosen: float, size: tuple[int, int]) -> float:
    """The interface size shown in a window of `size` when the player chose `chosen` (1.0 =
    100 %): the chosen size, or less when the screens would not fit. An 800x560 window at 200 %
    left the map 320 pixels wide with 7 places unnamed and cut the panel's buttons; it is shown
    at 100 %, 1280x720 at up to 200 %. In steps of 5 %, so a window dragged by a pixel does not
    make a new set of fonts; never under 100 %."""
    w, h = size
    fit = min(w / LAYOUT_MIN[0], h / LAYOUT_MIN[1], (w - MAP_MIN_PX) / PANEL_W)
    return max(1.0, min(chosen, math.floor(fit * 20 + 1e-9) / 20))
