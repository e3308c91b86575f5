"""UI strings in English and Traditional Chinese: the interface's view of `game.words`.

The locale files and the formatter live in `game.words` (no pygame), shared with the history
commands and the command line; the UI's `Locale` is that table of one language.
"""

from __future__ import annotations

from game.words.strings import LANG_NAMES, LANGS, Words, strings


class Locale(Words):
    """The interface language: `t(key, **fields)`, scenario texts, numbers and side names."""


__all__ = ["LANGS", "LANG_NAMES", "Locale", "strings"]
