"""Words at the edge: every sentence a player reads, in English and Traditional Chinese.

The engine reports what happened and why an order is refused as data (a locale key and its
figures, see `game.engine.report`); this package holds the locale files (`locale/<lang>/*.yaml`)
and turns such data into sentences with the scenario's names (`render`). The UI, the headless
replay, the after-action report and the command line all read their words from here, so the
two languages say the same thing everywhere. No pygame here: history/ and cli/ import it.
"""

from __future__ import annotations

from game.words.render import render
from game.words.strings import LANG_NAMES, LANGS, Words, strings, words

__all__ = ["LANGS", "LANG_NAMES", "Words", "render", "strings", "words"]
