"""The source article's display text: what the game shows and what citations are matched against.

The game has one historical source, the Chinese Wikipedia article 金门炮战 as converted to
wiki-markdown (`seeds/000_b00820f1e7fe4852.txt`, CC BY-SA 4.0; see `seeds/SOURCE.md`). The raw
file is full of conversion debris (links, footnote marks, escapes, image markup), so everything
the game quotes is taken from its *display text*, produced here by `display_text_of`.

The citation rule a scenario must follow: a `quote` is an exact substring of `display_text()`,
at least 10 characters long and lying within one sentence (`sentence_containing`).

Stdlib only; no pygame.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import operator
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from game.paths import seeds_dir

ARTICLE_FILE = "000_b00820f1e7fe4852.txt"
"""File name of the shipped article inside `seeds_dir()`."""

ARTICLE_SHA256 = "829f6a11d67fb132d27c0d634fa2b0e509ca340b862c3411079120e71545de6c"
"""SHA-256 of the shipped article file, byte for byte (also recorded in `seeds/SOURCE.md`)."""

MIN_QUOTE_CHARS = 10
"""A citation quote must be at least this many characters long."""

DEFAULT_YEAR = 1958
"""The year of a date mention when nothing in its context says otherwise."""

# Sections that are not prose: the reference list, external links and "see also". Everything
# from one of these headings up to the next heading with another title is dropped. In the
# shipped article they are the last three headings, so the `{{-}}`, the category links and the
# numbered reference list (`1.` ... `104.`, which follow the last heading) go with them.
DROPPED_SECTIONS = frozenset(
    ("参考文献", "參考文獻", "参考资料", "參考資料", "外部链接", "外部連結", "参见", "參見")
)

# --------------------------------------------------------------------------------------------
# Display text
# --------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CONVERSION_NOTE = re.compile(r"^>[ \t]*本文内容由.*转换而来。?[ \t]*$", re.MULTILINE)
_LANG_CONVERSION = re.compile(r"-\{(.*?)\}-", re.DOTALL)

# A link target: no whitespace, no bare parentheses (escaped ones like `\(` are fine), then an
# optional title in double quotes (the title may hold bare parentheses).
_TARGET = r"(?:\\.|[^\s()\\])*"
_TITLE = r'(?:[ \t]+"[^"\n]*")?'

# `[name](…File:… "fig:…")caption\]\]`: an image whose caption (if any) runs to the `\]\]`
# debris left by the conversion. The caption must stay on the same line; an image without the
# debris (e.g. `Rocbiggestbomb.JPG`) is removed on its own. Trailing blanks go too, so the prose
# that follows starts cleanly.
_IMAGE = re.compile(
    r"\[[^\]\n]*\]\((?=\S*?File:)" + _TARGET + r'[ \t]+"fig:[^"\n]*"\)'
    r"(?:[^\n]*?\\\]\\\])?[ \t]*"
)
_CATEGORY_LINK = re.compile(r"\[Category:[^\]\n]*\]\(" + _TARGET + _TITLE + r"\)[ \t]*")
_LINK = re.compile(r"\[([^\]\n]*)\]\(" + _TARGET + _TITLE + r"\)")
_FOOTNOTE = re.compile(r"\\\[\d+\\\]")
_CLEAR_TEMPLATE = re.compile(r"\{\{-\}\}")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+(?=\S)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~|\"'])")
_BLANK_RUN = re.compile(r"\n{3,}")


def _convert_language(match: re.Match[str]) -> str:
    """`-{zh-hans:炮; zh-hant:砲;}-` -> `砲`; a plain `-{text}-` -> `text`.

    The zh-hant variant is preferred (the article is mostly written in traditional characters),
    then zh-tw, zh-hk, zh-mo, then the first variant given.
    """
    body = match.group(1)
    variants: dict[str, str] = {}
    for part in body.split(";"):
        key, sep, value = part.partition(":")
        if sep and re.fullmatch(r"\s*zh(?:-[a-z]+)?\s*", key):
            variants[key.strip()] = value.strip()
    if not variants:
        return body
    for key in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
        if key in variants:
            return variants[key]
    return next(iter(variants.values()))


def _drop_conversion_note(text: str) -> str:
    """`_CONVERSION_NOTE.sub("", text)`, trying the pattern only on lines that start with `>`.

    Every match lies within one line (it starts at a line start with `>` and nothing in it
    crosses a newline), so this is the same substitution, without the scan of every position
    of the text that a `^` in MULTILINE mode costs the regex engine.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(">"):
            lines[i] = _CONVERSION_NOTE.sub("", line)
    return "\n".join(lines)


def _drop_sections(lines: list[str]) -> list[str]:
    kept: list[str] = []
    dropping = False
    for line in lines:
        heading = _HEADING.match(line) if line.startswith("#") else None  # needs a `#` first
        if heading:
            dropping = heading.group(2).strip() in DROPPED_SECTIONS
        if not dropping:
            kept.append(line)
    return kept


#: `sub` replacement keeping group 1: a C callable, where the template `r"\1"` would cost a
#: Python-level call per `sub`, match or not
_GROUP_1 = operator.itemgetter(1)
#: what a line can start with for `_LIST_MARKER` to match there (else a `\d`, see below)
_LIST_START = frozenset(" \t-*+")


def _clean_line(line: str) -> str:
    # Each substitution runs only when the line holds a piece of text that every match of its
    # pattern contains (`](` for the link patterns, a backslash for escapes and footnotes, ...),
    # so skipping it never changes the result; most lines of the article need few of them.
    if "](" in line:
        line = _IMAGE.sub("", line)
        line = _CATEGORY_LINK.sub("", line)
        line = _LINK.sub(_GROUP_1, line)
    if "\\[" in line:
        line = _FOOTNOTE.sub("", line)
    if "{{-}}" in line:
        line = _CLEAR_TEMPLATE.sub("", line)
    if "**" in line:
        line = _BOLD.sub(_GROUP_1, line)
    if line.startswith("#"):
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(2)
    first = line[:1]
    if first and (first in _LIST_START or first.isdecimal()):  # isdecimal: exactly re's \d
        line = _LIST_MARKER.sub("", line)
    if "\\" in line:
        line = _ESCAPE.sub(_GROUP_1, line)
    return line.rstrip()


def display_text_of(raw: str) -> str:
    """The readable text of the converted wiki-markdown article `raw`.

    - links `[label](target "title")` and `[label](target)` become `label`;
    - images (a link whose target contains `File:` and whose title starts `"fig:`) are removed
      together with their caption and the `\\]\\]` debris after it. Decision: captions are never
      kept. The article's only non-empty caption (of KimmenInscription.jpg) starts mid-phrase
      with `上將撰寫之…`, its subject lost in conversion, and describes a picture the game does
      not show, so it is not readable prose; the other two images have empty captions;
    - footnote marks `\\[43\\]` are removed, markdown escapes (`\\(`, `\\]`, `\\_`, …) unescaped;
    - `**bold**` becomes `bold`; `## heading` becomes `heading` on its own line;
    - HTML comments, `{{-}}`, `[Category:…](…)` links and the leading `> 本文内容由…转换而来。`
      note are removed;
    - language conversion `-{zh-hans:炮; zh-hant:砲;}-` becomes the zh-hant variant;
    - list markers (`  - `, `1.  `) are removed, each item keeping its own line;
    - the sections in `DROPPED_SECTIONS` (参考文献 with the numbered reference list, 外部链接,
      參見) are dropped;
    - trailing blanks on each line are removed, runs of blank lines collapse to one, and the
      text has no leading or trailing blank lines.

    Every other character is kept as it is: no simplified/traditional conversion, full-width
    punctuation untouched. Text lost in the conversion stays lost (e.g. the article starts with
    `，又稱…` because the bold title was a template).
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _HTML_COMMENT.sub("", text)
    text = _drop_conversion_note(text)
    text = _LANG_CONVERSION.sub(_convert_language, text)
    lines = [_clean_line(line) for line in _drop_sections(text.split("\n"))]
    text = "\n".join(lines).strip("\n")
    return _BLANK_RUN.sub("\n\n", text)


def article_path() -> Path:
    """Where the shipped article file is in this installation."""
    return seeds_dir() / ARTICLE_FILE


def raw_text() -> str:
    """The shipped article, exactly as stored (UTF-8)."""
    return article_path().read_text(encoding="utf-8")


def article_sha256() -> str:
    """SHA-256 (hex) of the shipped article file's bytes."""
    return hashlib.sha256(article_path().read_bytes()).hexdigest()


@functools.cache
def display_text() -> str:
    """The display text of the shipped article (cached)."""
    return display_text_of(raw_text())


# --------------------------------------------------------------------------------------------
# Sentences and the citation rule
# --------------------------------------------------------------------------------------------

# A sentence ends after a run of 。！？ plus any closing marks right after it, or at a newline.
_SENTENCE_END = re.compile(r"[。！？]+[」』”）]*|\n")


@dataclass(frozen=True)
class Sentence:
    """`text == full_text[start:end]`; leading and trailing whitespace is not part of it."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences.

    A sentence ends right after a run of 。！？ together with any 」』”） that immediately
    follow it, or at a line break. Whitespace at either end of a piece is trimmed off and empty
    pieces (blank lines) are skipped, so every sentence has non-empty `text`.
    """
    out: list[Sentence] = []
    pos = 0
    ends = [m.end() if m.group() != "\n" else m.start() for m in _SENTENCE_END.finditer(text)]
    for end in [*ends, len(text)]:
        if end < pos:
            continue
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            start = pos + (len(piece) - len(piece.lstrip()))
            out.append(Sentence(start, start + len(stripped), stripped))
        pos = end
    return out


@functools.cache
def _display_sentences() -> tuple[Sentence, ...]:
    return tuple(sentences(display_text()))


def sentences_of_display() -> tuple[Sentence, ...]:
    """The display text's sentences (cached): what `sources.SourceDoc` checks quotes in."""
    return _display_sentences()


def sentence_containing(quote: str, text: str | None = None) -> Sentence | None:
    """The sentence of `text` (default: the display text) that wholly contains `quote`.

    Occurrences of `quote` are tried in order and the sentence of the first one that lies
    within a single sentence is returned. None if `quote` is empty, does not occur, or every
    occurrence crosses a sentence boundary. The length rule (`MIN_QUOTE_CHARS`) is checked by
    `check_quote`, not here.
    """
    if not quote:
        return None
    if text is None:
        text, sents = display_text(), _display_sentences()
    else:
        sents = tuple(sentences(text))
    starts = _display_starts() if sents is _display_sentences() else [s.start for s in sents]
    at = text.find(quote)
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at + len(quote) <= sents[i].end:
            return sents[i]
        at = text.find(quote, at + 1)
    return None


@functools.cache
def _display_starts() -> list[int]:
    """Sentence start offsets, for a binary search instead of a scan per quote."""
    return [s.start for s in _display_sentences()]


def check_quote(quote: str, text: str | None = None) -> str | None:
    """Why `quote` breaks the citation rule, or None when it is a valid citation."""
    if len(quote) < MIN_QUOTE_CHARS:
        return f"quote is {len(quote)} characters long; at least {MIN_QUOTE_CHARS} are needed"
    haystack = display_text() if text is None else text
    if quote not in haystack:
        return "quote is not an exact substring of the article's display text"
    if sentence_containing(quote, text) is None:
        return "quote crosses a sentence boundary"
    return None


# --------------------------------------------------------------------------------------------
# Date mentions
# --------------------------------------------------------------------------------------------

# `1958年8月23日` / `8月23日`, or a bare `26日` (not part of a longer number or of `月N日`).
_FULL_DATE = r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
_BARE_DAY = r"(?<![\d月])(?P<bare>\d{1,2})日"
_DATE = re.compile(rf"(?<!\d){_FULL_DATE}|{_BARE_DAY}")
# A year that gives context: `1958年` on its own (`1958年到1979年`, `1958年7月中旬`), but not a
# decade (`1950年代`).
_YEAR = re.compile(r"(?<!\d)(?P<year>\d{4})年(?!代)")
_HAS_DATE = re.compile(r"\d月\d")
_HEADING_MAX_CHARS = 30


@dataclass(frozen=True)
class DateMention:
    """One date mention; `text == full_text[offset:offset + len(text)]`."""

    month: int
    day: int
    year: int
    """The year the mention refers to, explicit or inferred (see `dated_mentions`)."""
    explicit_year: int | None
    """The year written in the mention itself (`1958年8月23日`), else None."""
    offset: int
    text: str

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    @property
    def date(self) -> date:
        return date(self.year, self.month, self.day)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def is_heading_line(line: str) -> bool:
    """Whether a display-text line looks like a section heading (display text has no `#`).

    A heading is a non-empty line of at most 30 characters with none of 。，！？； in it, not
    ending in ： and holding no `N月N日` date. In the shipped article this picks out exactly the
    lines that were `##`/`###` headings (checked in `tests/test_article.py`).
    """
    line = line.strip()
    return (
        0 < len(line) <= _HEADING_MAX_CHARS
        and not any(ch in line for ch in "。，！？；")
        and not line.endswith("：")
        and not _HAS_DATE.search(line)
    )


def dated_mentions(text: str) -> list[DateMention]:
    """Every date mention in `text`, in text order.

    Found: `N月N日`, the same with a year prefix `YYYY年N月N日`, and a bare `N日` that continues
    an earlier mention in the same paragraph (`8月25日、26日`, `9月18日和21日`,
    `1958年8月18日至20日`, `发生于11日，13日` after `9月8日`); a bare day takes the month and
    year of the mention before it. A bare `N日` with no earlier mention in its paragraph is not
    taken as a date (the display text has none).

    A paragraph is one line of the display text (each list item is a line of its own); sections
    are delimited by heading lines (`is_heading_line`). The year of a full mention is:

    1. the year written in the mention, if any;
    2. else the last year written earlier in the same paragraph, in a date or on its own
       (`1958年7月中旬，…7月17日` -> 1958; `1954年9月3日…一直持续到9月22日` -> 1954;
       `1959年1月8日至1月15日；1月15日` -> 1959). A decade (`1950年代`) is not a year;
    3. else the year of the last date mention in an earlier paragraph of the same section.
       A year written on its own does not carry across paragraphs (`由1949年强征…` must not
       date the next paragraph's `8月24日`), and nothing carries across a heading (the 細節
       list's `8月7日` must not inherit 1979 from the `1979年1月1日` above it);
    4. else 1958 (`DEFAULT_YEAR`).

    Checked against the shipped article, every mention gets its right year. The one place where
    the simpler rule "year in the same paragraph, else 1958" goes wrong is `5月4日，蔣經國函電
    宋美齡：` in the 衝突降溫 section: a paragraph of its own right after the
    `1959年1月8日至1月15日` paragraph, so step 3 dates it 1959-05-04, as its place in the
    narrative requires (the simple rule would say 1958-05-04). The other years in the article
    (1949, 1950, 1955-1957, 1959 元旦, 1960, 1961, 2008 without month and day, 1950年代) date
    no mention.
    """
    out: list[DateMention] = []
    line_start = 0
    section_year: int | None = None
    for line in text.split("\n"):
        if is_heading_line(line):
            section_year = None
        context_years = [(m.start(), int(m.group("year"))) for m in _YEAR.finditer(line)]
        last_in_line: DateMention | None = None
        for m in _DATE.finditer(line):
            if m.group("bare") is not None:
                if last_in_line is None:
                    continue
                month, day = last_in_line.month, int(m.group("bare"))
                explicit, year = None, last_in_line.year
            else:
                month, day = int(m.group("month")), int(m.group("day"))
                explicit = int(m.group("year")) if m.group("year") else None
                prior = [y for at, y in context_years if at < m.start()]
                year = explicit or (prior[-1] if prior else section_year) or DEFAULT_YEAR
            mention = DateMention(month, day, year, explicit, line_start + m.start(), m.group())
            out.append(mention)
            last_in_line = mention
        if last_in_line is not None:
            section_year = last_in_line.year
        line_start += len(line) + 1
    return out


@functools.cache
def dates_1958() -> tuple[DateMention, ...]:
    """The date mentions in the shipped display text that fall in 1958, in text order."""
    return tuple(m for m in dated_mentions(display_text()) if m.year == DEFAULT_YEAR)


def __getattr__(name: str) -> object:
    # `DATES_1958` is computed on first use so that importing this module never reads files.
    if name == "DATES_1958":
        return dates_1958()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
