"""The two value types every part of a scenario uses: a text in both languages and a quote
from a source. Below the rest of the format (`model`), so its parts can live in modules of
their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.scenario.schema import spec

SideId = Literal["prc", "roc"]


@dataclass(frozen=True, kw_only=True)
class Text:
    """Every player-visible string exists in English and Traditional Chinese."""

    en: str = spec(nonempty=True)
    zh: str = spec(nonempty=True)


@dataclass(frozen=True, kw_only=True)
class Source:
    """`quote` is an exact substring of one sentence of the article's display text.

    `en` renders the quoted fragment; `sentence_en` renders the whole sentence it stands in,
    with the fragment marked «…», so a reader who sees the sentence sees what was quoted.
    """

    quote: str = spec(nonempty=True)
    en: str = spec(nonempty=True)
    sentence_en: str | None = None
    #: the `sources:` entry the quote comes from (absent: the bundled article)
    origin: str | None = spec(None, ref="sources", key="from")
    #: the article's footnote number for the quoted statement, shown with the quote
    footnote: int | None = spec(None, min=1, max=10_000)
