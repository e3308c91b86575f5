"""The locale files and their formatter: `Words(lang).t(key, **fields)`.

Each language is a folder `locale/<lang>/` of YAML files (ui.yaml for the interface,
report.yaml for the engine's entries and refusals, history.yaml for the history commands),
merged into one table of dotted keys; a key defined twice is an error, so files can be
split without two meanings of one key. Values may hold `{name}` fields. A key missing from a
language falls back to English, then to the key itself, so a forgotten string is visible but
never a crash (tests check both languages have every key the code and the engine use).
"""

from __future__ import annotations

import contextlib
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGS = ("en", "zh-Hant")
LANG_NAMES = {"en": "English", "zh-Hant": "繁體中文"}

#: PyYAML's safe loader, libyaml's when PyYAML was built with it (ten times faster at
#: start-up); never an unsafe loader, even for the game's own locale files
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested mappings as dotted keys; an empty key names its parent (`entry.airlift` beside
    `entry.airlift.drop`)."""
    out: dict[str, str] = {}
    for k, v in data.items():
        key = f"{prefix}{k}" if k != "" else prefix.rstrip(".")
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = str(v)
    return out


@cache
def strings(lang: str) -> dict[str, str]:
    """Every string of `lang`, from all the files of its folder, by dotted key."""
    out: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang).glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            flat = flatten(yaml.load(fh, Loader=_SafeLoader) or {})
        twice = sorted(set(flat) & set(out))
        if twice:
            raise ValueError(f"{path}: keys defined in another file too: {twice}")
        out.update(flat)
    return out


class _Formatter(string.Formatter):
    """str.format plus plural forms for English: `{hits:hit|hits}` gives "1 hit", "3 hits"
    (languages without grammatical number, like Chinese, just write `{hits}`), and
    `{kind:lower}` for a name written with a capital in lists and headings ("Food and water")
    that a sentence has in its middle ("days of food and water"); an acronym ("POL") stays."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "lower":
            text = str(value)
            return text[:1].lower() + text[1:] if text[1:2].islower() else text
        if isinstance(value, float) and value.is_integer() and format_spec in ("", ","):
            # a count the engine keeps as a float (aircraft shot down, capped by a patrol's
            # float strength) reads "2", not "2.0"
            value = int(value)
        if "|" in format_spec:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            one, many = format_spec.split("|", 1)
            number = f"{value:,}" if isinstance(value, int) else str(value)
            return f"{number} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()

#: typographic punctuation the game's one font (WenQuanYi Micro Hei, Latin and CJK in one
#: face) draws at CJK full width, with the Latin-width marks English text gets instead: a
#: curly quote in an English sentence took the room of a Chinese character. Chinese text keeps
#: its full-width marks; pygame's fonts have no fallback by language to pick another face.
LATIN_PUNCT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "–", "…": "..."})


class Words:
    """The strings of one language, with the helpers every reader needs."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in LANGS else "en"
        self._s = strings(self.lang)
        self._en = strings("en")

    @property
    def zh(self) -> bool:
        return self.lang == "zh-Hant"

    def has(self, key: str) -> bool:
        return key in self._s or key in self._en

    def t(self, key: str, **fields: Any) -> str:
        s = self._s.get(key) or self._en.get(key) or key
        if fields:
            with contextlib.suppress(KeyError, IndexError, ValueError):
                s = _FORMAT.format(s, **fields)
        return self.typeset(s)

    def typeset(self, text: str) -> str:
        """`text` with the punctuation the font draws at Latin width in a Latin-script
        language (`LATIN_PUNCT`); Chinese unchanged."""
        return text if self.zh else text.translate(LATIN_PUNCT)

    def text(self, obj: Any) -> str:
        """A scenario `Text` ({en, zh}) in this language."""
        if obj is None:
            return ""
        return obj.zh if self.zh else self.typeset(obj.en)

    def english(self, sc: Any, text: str) -> str:
        """A text the scenario writes in English only (an assumption's reason, a weapon) in
        this language: its translation from the scenario's catalogue
        (game/scenario/translations.py), or the English marked as such, never nothing."""
        if not self.zh or not text:
            return self.typeset(text)
        got = (getattr(sc, "translations", None) or {}).get(self.lang, {}).get(text)
        return got or self.t("words.english_only", text=text)

    def num(self, x: float, digits: int = 0) -> str:
        if digits:
            return f"{x:,.{digits}f}"
        return f"{round(x):,}"

    def side(self, side: str) -> str:
        return self.t(f"side.{side}")

    def join(self, items: list[str]) -> str:
        """A list in running text: "a, b" or "甲、乙"."""
        return self.t("words.list_sep").join(items)

    def mid_sentence(self, text: str) -> str:
        """`text`, written as a title ("The blockade succeeds"), as it reads inside a
        sentence: English lower-cases a leading article (`words.lower_first`), never a proper
        noun ("Kinmen holds") or an acronym; Chinese has no case."""
        first, _, _ = text.partition(" ")
        lowered = self.t("words.lower_first").split()
        if first and first in lowered:
            return first.lower() + text[len(first) :]
        return text

    def either(self, items: list[str]) -> str:
        """Alternatives in running text, as one sentence: "a, b or c" / "甲、乙或丙". The items
        after the first read mid-sentence; when an item holds the list separator itself
        (an ending's conditions), the items are set apart with the stronger one ("; ", "；")."""
        if len(items) < 2:
            return "".join(items)
        parts = [items[0]] + [self.mid_sentence(x) for x in items[1:]]
        sep, last = self.t("words.list_sep"), self.t("words.list_or")
        if any(sep.strip() in p for p in parts):
            sep, last = self.t("words.list_sep_long"), self.t("words.list_or_long")
        return sep.join(parts[:-1]) + last + parts[-1]


@cache
def words(lang: str) -> Words:
    return Words(lang)
