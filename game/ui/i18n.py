"""UI strings in English and Traditional Chinese, from `game/ui/locale/<lang>.yaml`.

Files are nested mappings; keys are addressed with dots (`menu.new_game`). Values may hold
`{name}` fields filled by `t(key, name=...)`. A key missing from a language falls back to
English, then to the key itself, so a forgotten string is visible but never a crash (a test
checks both files have every key the code uses).
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGS = ("en", "zh-Hant")
LANG_NAMES = {"en": "English", "zh-Hant": "繁體中文"}


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = str(v)
    return out


#: libyaml's safe loader when PyYAML was built with it (ten times faster at start-up)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def strings(lang: str) -> dict[str, str]:
    path = LOCALE_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        return flatten(yaml.load(fh, Loader=_LOADER) or {})


class _Formatter(string.Formatter):
    """str.format plus plural forms for English: `{hits:hit|hits}` gives "1 hit", "3 hits"
    (languages without grammatical number, like Chinese, just write `{hits}`)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()


class Locale:
    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in LANGS else "en"
        self._s = strings(self.lang)
        self._en = strings("en")

    @property
    def zh(self) -> bool:
        return self.lang == "zh-Hant"

    def t(self, key: str, **fields: Any) -> str:
        s = self._s.get(key) or self._en.get(key) or key
        if fields:
            try:
                return _FORMAT.format(s, **fields)
            except (KeyError, IndexError, ValueError):
                return s
        return s

    def text(self, obj: Any) -> str:
        """A scenario `Text` ({en, zh}) in this language."""
        if obj is None:
            return ""
        return obj.zh if self.zh else obj.en

    def num(self, x: float, digits: int = 0) -> str:
        if digits:
            return f"{x:,.{digits}f}"
        return f"{round(x):,}"

    def side(self, side: str) -> str:
        return self.t(f"side.{side}")
