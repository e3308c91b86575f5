"""Colour palettes of the map: plain dicts of named RGB colours (no pygame needed).

Two palettes, chosen in the settings:

- ``default``: PLA red against ROC blue on a pale sea and a parchment land.
- ``colorblind``: Okabe-Ito colours that stay apart under deuteranopia and protanopia: PLA
  vermillion against ROC blue, bluish green and yellow for the damage bars. The sides also
  differ by shape (triangles against squares, see `game.ui.symbols`), so colour is never the
  only cue.

Every palette has the same keys (a test checks it), so drawing code can index any of them.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

_DEFAULT: dict[str, Colour] = {
    # base map
    "sea": (170, 201, 222),
    "shallow": (190, 216, 233),
    "land": (238, 232, 212),
    "coast": (84, 96, 104),
    "offmap": (98, 112, 124),
    # text
    "text": (28, 28, 32),
    "halo": (252, 250, 242),
    "text_muted": (112, 100, 84),
    "water_text": (52, 92, 130),
    # sides
    "prc": (204, 40, 40),
    "prc_dark": (120, 18, 18),
    "prc_light": (240, 168, 160),
    "roc": (26, 82, 170),
    "roc_dark": (12, 40, 96),
    "roc_light": (150, 182, 232),
    "us": (24, 30, 56),
    "neutral": (110, 110, 110),
    "outline": (24, 24, 28),
    "symbol_halo": (255, 255, 255),
    # overlays
    "territorial_3": (176, 36, 36),
    "territorial_12": (150, 70, 110),
    "lane": (26, 82, 170),
    "view_box": (60, 60, 70),
    "range_ring": (30, 30, 36),
    "highlight": (255, 200, 0),
    "selected": (255, 120, 0),
    "dot": (50, 50, 56),
    # shelling
    "burst": (255, 196, 48),
    "burst_core": (255, 250, 222),
    "smoke": (96, 88, 80),
    "crater": (88, 70, 52),
    "splash": (240, 248, 255),
    # damage bars
    "bar_good": (56, 164, 80),
    "bar_mid": (232, 180, 40),
    "bar_bad": (200, 46, 36),
    "bar_back": (40, 40, 44),
    # scale bar
    "scale_fg": (28, 28, 32),
    "scale_bg": (252, 250, 242),
}

# Okabe & Ito (2008): black, orange (230,159,0), sky blue (86,180,233), bluish green (0,158,115),
# yellow (240,228,66), blue (0,114,178), vermillion (213,94,0), reddish purple (204,121,167).
_COLORBLIND: dict[str, Colour] = {
    **_DEFAULT,
    "sea": (176, 212, 236),
    "shallow": (200, 226, 242),
    "land": (242, 238, 226),
    "coast": (70, 76, 84),
    "offmap": (104, 110, 118),
    "prc": (213, 94, 0),
    "prc_dark": (120, 52, 0),
    "prc_light": (245, 190, 140),
    "roc": (0, 114, 178),
    "roc_dark": (0, 56, 92),
    "roc_light": (140, 196, 232),
    "us": (0, 0, 0),
    "territorial_3": (213, 94, 0),
    "territorial_12": (204, 121, 167),
    "lane": (0, 114, 178),
    "highlight": (240, 228, 66),
    "selected": (230, 159, 0),
    "burst": (240, 228, 66),
    "burst_core": (255, 255, 230),
    "bar_good": (0, 158, 115),
    "bar_mid": (240, 228, 66),
    "bar_bad": (213, 94, 0),
}

PALETTES: dict[str, dict[str, Colour]] = {"default": _DEFAULT, "colorblind": _COLORBLIND}
NAMES: tuple[str, ...] = tuple(PALETTES)


def get_palette(name: str) -> dict[str, Colour]:
    """The palette `name` ("default" or "colorblind"); ValueError for any other name."""
    try:
        return PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}: choose one of {', '.join(NAMES)}") from None


def side_colour(pal: dict[str, Colour], side: str, shade: str = "") -> Colour:
    """The colour of a side ("prc", "roc", "us"; anything else is neutral), optionally
    its "dark" or "light" shade."""
    key = side if side in ("prc", "roc", "us") else "neutral"
    if shade and f"{key}_{shade}" in pal:
        key = f"{key}_{shade}"
    return pal[key]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Blend from `a` (t = 0) to `b` (t = 1)."""
    t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
