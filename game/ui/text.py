"""Line breaking for mixed Chinese and English text, and wrapped text rendering.

pygame_gui hyphenates long runs of Chinese ("解放-" / "-軍"), which is wrong for Chinese, and
zero-width spaces crash its layout; so long texts are broken into lines here and drawn with
pygame's own fonts. Rules: a line may break before or after any CJK character and at spaces
between Latin words; never with a hyphen; closing punctuation ("，。」") never starts a line and
opening punctuation ("「（") never ends one (simple kinsoku). A Latin word longer than the line is
cut between letters, also without a hyphen.

`break_lines` only needs a `measure(text) -> width` function, so it is tested without pygame.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: may not start a line (closing brackets and punctuation, CJK and Latin)
NO_START = set("，。、；：！？）」』》〉】〕…‧·,.;:!?)]}%’”ー—")
#: may not end a line (opening brackets)
NO_END = set("（「『《〈【〔([{‘“")


def is_cjk(ch: str) -> bool:
    """True for characters that may be broken around: CJK ideographs, kana, CJK punctuation."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, ideographs
        or 0xAC00 <= o <= 0xD7AF  # Hangul
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x2FFFF
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: a CJK character, a run of spaces, or a Latin word (with glued
    punctuation: closing marks stick to the piece before, opening marks to the piece after)."""
    raw: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                raw.append(word)
                word = ""
            if raw and raw[-1].isspace():
                raw[-1] += ch
            else:
                raw.append(ch)
        elif is_cjk(ch) or ch in NO_START or ch in NO_END:
            if word and not (ch in NO_START and not is_cjk(ch)):
                raw.append(word)
                word = ""
            if ch in NO_START and not is_cjk(ch):
                word += ch  # Latin punctuation stays with its word
                continue
            raw.append(ch)
        else:
            word += ch
    if word:
        raw.append(word)
    out: list[str] = []
    glue_next = ""
    for tok in raw:
        if glue_next and not tok.isspace():
            tok = glue_next + tok
            glue_next = ""
        if tok[-1] in NO_END and not tok.isspace():
            glue_next = tok
            continue
        if tok[0] in NO_START and out and not out[-1].isspace():
            out[-1] += tok
            continue
        out.append(tok)
    if glue_next:
        out.append(glue_next)
    return out


def break_lines(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Lines of `text` no wider than `width` (except a single glued piece that cannot fit)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in tokens(para):
            if tok.isspace():
                if line:
                    line += tok
                continue
            candidate = line + tok
            if measure(candidate) <= width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            if measure(tok) <= width:
                line = tok
                continue
            for ch in tok:  # a piece wider than the line: cut between characters, no hyphen
                if line and measure(line + ch) > width:
                    lines.append(line)
                    line = ""
                line += ch
        lines.append(line.rstrip())
    return lines


def render_lines(font, text: str, colour, width: int, line_gap: int = 2):
    """A transparent surface with `text` wrapped to `width` pixels (pygame font)."""
    import pygame

    lines = break_lines(text, width, lambda s: font.size(s)[0])
    h = font.get_linesize() + line_gap
    surf = pygame.Surface((max(1, width), max(1, h * len(lines))), pygame.SRCALPHA)
    for i, line in enumerate(lines):
        if line:
            surf.blit(font.render(line, True, colour), (0, i * h))
    return surf


#: a trailing count such as " (12)", " (59/64)" or "（12）", kept whole when a text is cut
_COUNT = re.compile(r"\s*[(（][0-9][0-9/ ,.]*[)）]$")


def ellipsize(font, text: str, width: int) -> str:
    """`text`, cut with "…" so it fits in `width` pixels on one line. A trailing count
    ("North-shore 105 mm howitzers (96)") is kept and the name before it cut instead: the
    count is what a player compares in a list of groups, and the name's start tells them
    apart."""
    if font.size(text)[0] <= width:
        return text
    m = _COUNT.search(text)
    tail = m.group(0) if m and m.start() > 0 else ""
    head = text[: len(text) - len(tail)]
    if tail and font.size("…" + tail)[0] > width:
        head, tail = text, ""  # not even the count fits: cut the whole text
    while head and font.size(head + "…" + tail)[0] > width:
        head = head[:-1]
    return head.rstrip() + "…" + tail
