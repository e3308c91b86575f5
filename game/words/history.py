"""The history commands' labels (`history.*` in the locale files) and record names.

Every claim is shown with the record it comes from ("PRC record", "ROC record", "neutral",
"US record"); no side's claim is ever shown as plain fact.
"""

from __future__ import annotations

from typing import Any

from game.words.strings import words


def label(key: str, lang: str = "en", **fields: Any) -> str:
    """The label `history.<key>` in `lang` (English when missing), with `{fields}` filled."""
    return words(lang).t(f"history.{key}", **fields)


def record_label(side: str, lang: str = "en", variant: str | None = None) -> str:
    """ "PRC record", "ROC record", "neutral" or "US record" (or their Chinese), with the
    claim's variant when one side's record gives a figure twice ("neutral (narrative A)").
    Variants are scenario-authored English tags, so Chinese leaves them out: the quoted
    Chinese claim beside the label tells the two narratives apart."""
    base = label(f"record.{side}", lang)
    return f"{base} ({variant})" if variant and lang == "en" else base


def side_name(side: str | None, lang: str = "en") -> str:
    return label(f"side.{side or 'none'}", lang)


def fmt_num(x: float) -> str:
    """Whole numbers without decimals, others with one: 1,234 or 12.5."""
    if abs(x - round(x)) < 0.05:
        return f"{round(x):,}"
    return f"{x:,.1f}"


__all__ = ["fmt_num", "label", "record_label", "side_name"]
