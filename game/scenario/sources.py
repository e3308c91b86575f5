"""The texts a scenario quotes, and the citation rule applied to each of them.

The 1958 scenario quotes one text, the bundled Chinese Wikipedia article (`article.py` makes
its display text). A mod may quote its own texts as well: UTF-8 files inside its folder, each
named in `sources:` with a title and a licence, so the credits can name them and each quote can
be checked against the text it claims to come from. A quote names its text with `from:`; a
quote without one, and a `sources:` entry without `file:`, mean the bundled article (id
`article`), which every scenario may quote whether it lists it or not.

The citation rule is the same for every text: a quote is an exact substring of the text, at
least `article.MIN_QUOTE_CHARS` long, within one sentence (`article.sentences`). A quote may
carry the footnote number the text gives for its statement (`\\[12\\]` in the article's raw
file, `[12]` in a plain text file): the number must be one of the text's footnotes.

Stdlib only; no pygame.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from game.safeio import ReadRefused, read_regular
from game.scenario import article
from game.scenario.memo import per_scenario
from game.scenario.model import Scenario, Source, SourceText

#: the id of the bundled article, which every scenario may quote
ARTICLE_ID = "article"
#: a mod's source file is read whole: this bounds it (the article is 65 KB)
MAX_SOURCE_BYTES = 4_000_000

ARTICLE = SourceText(
    id=ARTICLE_ID,
    title="金门炮战 / 金門砲戰 (Chinese Wikipedia)",
    licence="CC BY-SA 4.0",
    url="https://zh.wikipedia.org/wiki/金门炮战",
)

_RAW_FOOTNOTE = re.compile(r"\\\[(\d+)\\\]")
_PLAIN_FOOTNOTE = re.compile(r"\[(\d+)\]")
#: a mod's text may be English: a sentence also ends at . ! ? followed by a space
_PLAIN_END = re.compile(r"[。！？]+[」』”）]*|[.!?]+[\"')\]]*(?=[ \t])|\n")


def plain_sentences(text: str) -> list[article.Sentence]:
    """`article.sentences`, also ending a sentence at '. ', '! ' or '? ' (a mod's text)."""
    out: list[article.Sentence] = []
    pos = 0
    ends = [m.end() if m.group() != "\n" else m.start() for m in _PLAIN_END.finditer(text)]
    for end in [*ends, len(text)]:
        if end < pos:
            continue
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            start = pos + (len(piece) - len(piece.lstrip()))
            out.append(article.Sentence(start, start + len(stripped), stripped))
        pos = end
    return out


class SourceError(ValueError):
    """A source file that cannot be used: outside the folder, missing, too big, not UTF-8."""


@dataclass(frozen=True, eq=False)  # hashed by identity: the caches below key on it
class SourceDoc:
    """One text, ready for quote checks: its display text, sentences and footnote numbers."""

    entry: SourceText
    text: str
    sentences: tuple[article.Sentence, ...]
    footnotes: frozenset[int]

    def sentence(self, quote: str) -> article.Sentence | None:
        """The sentence wholly containing `quote` (the first such occurrence), or None."""
        if not quote:
            return None
        starts = _starts(self)
        at = self.text.find(quote)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at + len(quote) <= self.sentences[i].end:
                return self.sentences[i]
            at = self.text.find(quote, at + 1)
        return None

    def problem(self, quote: str, footnote: int | None = None) -> str | None:
        """Why a quote of this text breaks the citation rule, or None."""
        name = "the article's display text" if self.entry.file is None else f"'{self.entry.id}'"
        if len(quote) < article.MIN_QUOTE_CHARS:
            return f"a quote needs at least {article.MIN_QUOTE_CHARS} characters, got {len(quote)}"
        if self.sentence(quote) is None:
            return f"quote not found within one sentence of {name}"
        if footnote is not None and footnote not in self.footnotes:
            return f"{name} has no footnote [{footnote}]"
        return None


@functools.cache
def _starts(doc: SourceDoc) -> list[int]:
    return [s.start for s in doc.sentences]


@functools.cache
def article_doc() -> SourceDoc:
    raw = article.raw_text()
    notes = frozenset(int(m) for m in _RAW_FOOTNOTE.findall(raw))
    return SourceDoc(ARTICLE, article.display_text(), tuple(article.sentences_of_display()), notes)


def entries(sc: Scenario) -> list[SourceText]:
    """The scenario's sources, the bundled article first when the scenario does not list it."""
    listed = list(sc.sources)
    return listed if any(s.id == ARTICLE_ID for s in listed) else [ARTICLE, *listed]


def source_path(folder: str | Path, entry: SourceText) -> Path:
    """Where a source's file is: inside `folder` (the scenario's), never outside it."""
    assert entry.file is not None
    base = Path(folder).resolve()
    path = (base / entry.file).resolve()
    if Path(entry.file).is_absolute() or not path.is_relative_to(base):
        raise SourceError(f"'{entry.file}': a source file must be inside the scenario's folder")
    return path


def read_doc(folder: str | Path, entry: SourceText) -> SourceDoc:
    """The text of one source (the bundled article's display text when it has no file)."""
    if entry.file is None:
        return article_doc()
    path = source_path(folder, entry)
    try:
        raw = read_regular(path, MAX_SOURCE_BYTES)
    except ReadRefused as exc:
        raise SourceError(f"'{entry.file}': {exc.reason}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(f"'{entry.file}' is over {MAX_SOURCE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise SourceError(f"'{entry.file}' is not UTF-8 text") from None
    notes = frozenset(int(m) for m in _PLAIN_FOOTNOTE.findall(text))
    shown = _PLAIN_FOOTNOTE.sub("", text)
    return SourceDoc(entry, shown, tuple(plain_sentences(shown)), notes)


def docs_for(
    listed: list[SourceText], folder: str | Path
) -> tuple[dict[str, SourceDoc], dict[int, str]]:
    """The readable sources by id (the bundled article always among them), and why each
    unreadable one (by its index in `listed`) cannot be read."""
    found = {ARTICLE_ID: article_doc()}
    broken: dict[int, str] = {}
    for i, entry in enumerate(listed):
        try:
            found[entry.id] = read_doc(folder, entry)
        except SourceError as exc:
            broken[i] = str(exc)
    return found, broken


@per_scenario
def docs(sc: Scenario) -> dict[str, SourceDoc]:
    """Every source of a loaded scenario by id (read once per scenario object)."""
    folder = Path(sc.file).parent if sc.file else Path(".")
    return {e.id: read_doc(folder, e) for e in entries(sc)}


def doc_of(sc: Scenario | None, src: Source) -> SourceDoc:
    """The text `src` quotes: its `from:` source, or the bundled article."""
    if sc is None or (src.origin in (None, ARTICLE_ID) and not sc.sources):
        return article_doc()
    return docs(sc)[src.origin or ARTICLE_ID]


def sentence_of(sc: Scenario | None, src: Source) -> str:
    """The whole sentence a quote stands in (the quote itself when it cannot be found)."""
    sent = doc_of(sc, src).sentence(src.quote)
    return sent.text if sent is not None else src.quote
