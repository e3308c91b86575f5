"""Translations of the texts a scenario writes in English only, from a catalogue beside it.

Most player-visible words of a scenario are `Text` ({en, zh}); a few are plain strings a
modder writes once, in English: the reasons of `assumption:`, a battery's `weapon`, an air
unit's `aircraft`, and the record notes the replay shows (a figure's `not_modelled`, the
calibration's `not_modelled`, `inputs` and `windows` reasons). A player of the Chinese
interface reads them through a catalogue, gettext style: the English text is the key (msgid),
so the catalogue survives reordering and renaming of entries, and a text whose English
changes shows up as stale instead of silently keeping an old translation.

The catalogue of `NAME.yaml` is `NAME.<lang>.yaml` in the same folder:

    language: zh-Hant
    strings:
      - en: "ROC base morale 65: a garrison on alert since July ..."
        zh: "國軍基本士氣65：守軍自七月起戒備，但8月23日仍遭奇襲。"

A scenario that `extends:` another inherits the catalogues of every file of its chain (the
base's first, its own last, so its own entries win). A catalogue is read by the same bounded,
strict YAML reader as the scenario, and a broken one is an error at its FILE:LINE:COL, like a
missing source text. An entry whose English is no text of the scenario is a warning in
`validate` (the modder changed the English and should update the translation).

Stdlib and the scenario package only.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.safeio import ReadRefused, read_regular
from game.scenario import parse_cache
from game.scenario.errors import Problem, YamlPath, did_you_mean
from game.scenario.model import Scenario
from game.scenario.yamlsafe import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml_text

#: the interface languages a catalogue may translate into (English is the scenario's own)
LANGS = ("zh-Hant",)
#: the key of the translation in an entry, by language (as in a scenario's `Text`)
TEXT_KEY = {"zh-Hant": "zh"}
#: plain-string fields a player reads (class name -> fields), besides every `assumption:`
SHOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "ArtilleryGroup": ("weapon",),
    "AirUnit": ("aircraft",),
    "FigureSpec": ("not_modelled",),
    "NotModelledClaim": ("reason",),
    "InputClaim": ("reason",),
    "CountWindow": ("reason",),
}
_SUFFIXES = (".yaml", ".yml")


def catalogue_path(scenario_file: str | Path, lang: str) -> Path:
    """Where the `lang` catalogue of the scenario read from `scenario_file` is."""
    p = Path(scenario_file)
    return p.with_name(f"{p.stem}.{lang}{p.suffix or '.yaml'}")


def is_catalogue(path: str | Path) -> bool:
    """Whether a file is a translation catalogue (`NAME.zh-Hant.yaml`), not a scenario: the
    lists of scenarios skip these."""
    p = Path(path)
    return p.suffix in _SUFFIXES and any(p.stem.endswith(f".{lang}") for lang in LANGS)


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files at the top of `folder` (`*.yaml` but the catalogues), by name."""
    return sorted(f for f in folder.glob("*.yaml") if not is_catalogue(f))


# -- the texts to translate ----------------------------------------------------------------------


@dataclass(frozen=True)
class Msg:
    """One English text of the scenario to translate, and where it is (`artillery[id].weapon`)."""

    text: str
    where: str


def _label(name: Any, item: Any) -> str:
    ident = getattr(item, "id", None) or getattr(item, "date", None)
    return f"{name}[{ident}]" if ident is not None else str(name)


def _walk(obj: Any, where: str) -> Iterator[Msg]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        shown = SHOWN_FIELDS.get(type(obj).__name__, ())
        for f in dataclasses.fields(obj):
            if (f.metadata.get("key") or "").startswith("\x00"):
                continue
            value = getattr(obj, f.name)
            here = f"{where}.{f.name}" if where else f.name
            if f.name == "assumption" and isinstance(value, Mapping):
                for k, reason in value.items():
                    if isinstance(reason, str) and reason.strip():
                        yield Msg(reason, f"{here}.{k}" if k else here)
            elif f.name in shown and isinstance(value, str) and value.strip():
                yield Msg(value, here)
            else:
                yield from _walk(value, here)
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, _label(where, item) if _has_id(item) else f"{where}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, f"{where}.{k}")


def _has_id(item: Any) -> bool:
    return getattr(item, "id", None) is not None or getattr(item, "date", None) is not None


def msgids(sc: Scenario) -> list[Msg]:
    """Every English-only text of `sc` a player may read, in the file's order (a text written
    twice is listed at each place)."""
    return list(_walk(sc, ""))


def untranslated(sc: Scenario, lang: str) -> list[Msg]:
    """The texts of `sc` its `lang` catalogues do not translate, each once."""
    have = sc.translations.get(lang, {})
    seen: set[str] = set()
    out: list[Msg] = []
    for m in msgids(sc):
        if m.text not in have and m.text not in seen:
            seen.add(m.text)
            out.append(m)
    return out


def translate(sc: Scenario, text: str, lang: str) -> str | None:
    """The `lang` translation of one of `sc`'s English texts, or None."""
    return sc.translations.get(lang, {}).get(text)


# -- reading a catalogue -------------------------------------------------------------------------


@dataclass
class Catalogue:
    """One catalogue file read: its translations, and where each entry's English is."""

    file: str
    lang: str
    strings: dict[str, str]
    marks: dict[str, YamlPath]
    loaded: LoadedYaml | None


def _problem(loaded: LoadedYaml, path: YamlPath, message: str, *, key: bool = False) -> Problem:
    mark = loaded.key_marks.get(path) if key else None
    if mark is None:
        mark = loaded.mark(path)
    return Problem(loaded.file, mark.line, mark.col, path, message)


def read_catalogue(path: Path, lang: str) -> tuple[Catalogue, list[Problem]]:
    """The catalogue at `path` and its problems (every one found, at its line)."""
    name = str(path)
    empty = Catalogue(name, lang, {}, {}, None)
    try:
        raw = read_regular(path, MAX_BYTES)
    except ReadRefused as exc:
        return empty, [Problem(name, 1, 1, (), exc.reason)]
    sha = hashlib.sha256(raw).hexdigest()
    big = len(raw) >= parse_cache.MIN_BYTES
    cached = parse_cache.get(sha) if big else None
    if cached is not None:
        loaded = LoadedYaml(name, cached, _source=raw)
    else:
        try:
            loaded = load_yaml_text(raw, name)
        except YamlLoadError as exc:
            return empty, [Problem(exc.file, exc.line, exc.col, exc.path, exc.message)]
    cat, problems = _read(loaded, lang)
    if big and cached is None and not problems:
        parse_cache.put(sha, loaded.data)
    return cat, problems


def _read(loaded: LoadedYaml, lang: str) -> tuple[Catalogue, list[Problem]]:
    cat = Catalogue(loaded.file, lang, {}, {}, loaded)
    problems: list[Problem] = []
    data = loaded.data
    if not isinstance(data, dict):
        return cat, [_problem(loaded, (), "a catalogue is a mapping with language: and strings:")]
    for k in data:
        if k not in ("language", "strings"):
            hint = did_you_mean(str(k), ("language", "strings"))
            problems.append(_problem(loaded, (k,), f"unknown key '{k}'{hint}", key=True))
    if data.get("language") != lang:
        problems.append(
            _problem(
                loaded,
                ("language",),
                f"expected 'language: {lang}' (the language the file name gives)",
            )
        )
    entries = data.get("strings")
    if not isinstance(entries, list):
        problems.append(_problem(loaded, ("strings",), "expected a list of {en, zh} entries"))
        return cat, problems
    want = TEXT_KEY[lang]
    for i, entry in enumerate(entries):
        here: YamlPath = ("strings", i)
        if not isinstance(entry, dict):
            problems.append(_problem(loaded, here, f"expected a mapping with en: and {want}:"))
            continue
        bad = False
        for k in entry:
            if k not in ("en", want):
                hint = did_you_mean(str(k), ("en", want))
                problems.append(_problem(loaded, (*here, k), f"unknown key '{k}'{hint}", key=True))
                bad = True
        if bad:
            continue  # a misspelt key: "missing" would say the same thing twice
        for k in ("en", want):
            v = entry.get(k)
            if not isinstance(v, str) or (k == "en" and not v.strip()):
                what = "missing" if k not in entry else "expected a non-empty text"
                problems.append(
                    _problem(loaded, (*here, k) if k in entry else here, f"{k}: {what}")
                )
                bad = True
        if bad or not entry[want].strip():
            continue  # an empty translation is one still to write (`validate --untranslated`)
        en = entry["en"]
        if en in cat.marks:
            first = loaded.mark(cat.marks[en]).line
            problems.append(
                _problem(loaded, (*here, "en"), f"this text is translated already at line {first}")
            )
            continue
        cat.strings[en] = entry[want]
        cat.marks[en] = (*here, "en")
    return cat, problems


def load(
    files: Iterable[str], sc: Scenario, *, warnings: bool = True
) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The translations of `sc` by language, merged from the catalogues of `files` (its
    `extends:` chain, the base first), and their problems; with `warnings`, the own file's
    entries that translate no text of `sc` (stale after its English changed)."""
    files = list(files)
    out: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for lang in LANGS:
        merged: dict[str, str] = {}
        own: Catalogue | None = None
        for file in files:
            path = catalogue_path(file, lang)
            if not path.is_file():
                continue
            cat, more = read_catalogue(path, lang)
            problems += more
            merged.update(cat.strings)
            if file == files[-1]:
                own = cat
        if merged:
            out[lang] = merged
        if warnings and own is not None and own.loaded is not None:
            problems += stale(own, sc)
    return out, problems


#: stale entries given a "did you mean" (each compared with every text of the scenario)
MAX_STALE_HINTS = 20


def stale(cat: Catalogue, sc: Scenario) -> list[Problem]:
    """A warning for each entry of `cat` whose English is no text of `sc`."""
    assert cat.loaded is not None
    texts = list(dict.fromkeys(m.text for m in msgids(sc)))
    known = set(texts)
    out: list[Problem] = []
    for en, path in cat.marks.items():
        if en in known:
            continue
        hint = ""
        if len(out) < MAX_STALE_HINTS:
            close = difflib.get_close_matches(en, texts, n=1, cutoff=0.75)
            if close:
                hint = f"; the nearest text of the scenario: {close[0][:120]!r}"
        p = _problem(cat.loaded, path, f"no text of the scenario reads so (stale?){hint}")
        out.append(dataclasses.replace(p, severity="warning"))
    return out


__all__ = [
    "LANGS",
    "Catalogue",
    "Msg",
    "catalogue_path",
    "is_catalogue",
    "load",
    "msgids",
    "read_catalogue",
    "scenario_files",
    "translate",
    "untranslated",
]
