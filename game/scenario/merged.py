"""A merged (derived) scenario tree that reads like one loaded file, with each node's origin.

`extends.py` builds these; `schema.Reader` reads them like any `LoadedYaml` and names, for
each problem, the file and line the value came from (a `FileMark`).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.scenario.errors import Problem, YamlPath
from game.scenario.yamlsafe import LoadedYaml, Mark

#: what loads a base file: path -> (loaded YAML or None, the file's sha256, its problems)
Loader = Callable[[Path], tuple[LoadedYaml | None, str, list[Problem]]]


@dataclasses.dataclass(frozen=True, slots=True)
class FileMark(Mark):
    """A mark in another file than the one being read (`Reader.error` reports that file)."""

    file: str


class _OriginMarks(dict[YamlPath, Mark]):
    """Marks of a merged tree, looked up in the file each node came from, on demand.

    Only the nodes where the merge chose a source are recorded (most of a mod's tree is one
    base subtree); a path is found under its nearest recorded ancestor, so a problem deep in
    an inherited entry still points at the base file's line, and the base's marks are built
    (a second parse of the base) only when a problem needs one.
    """

    def __init__(self, origins: dict[YamlPath, tuple[LoadedYaml, YamlPath]], keys: bool):
        super().__init__()
        self.origins = origins
        self.of_keys = keys

    def get(self, path: Any, default: Any = None) -> Any:
        try:
            path = tuple(path)
            hash(path)
        except TypeError:
            return default
        p = path
        while p not in self.origins:
            if not p:
                return default
            p = p[:-1]
        src, sp = self.origins[p]
        src_path = sp + path[len(p) :]
        m = (src.key_marks if self.of_keys else src.marks).get(src_path)
        if m is None:
            return default
        return FileMark(m.line, m.col, getattr(m, "file", src.file))

    def __getitem__(self, path: Any) -> Mark:
        m = self.get(path)
        if m is None:
            raise KeyError(path)
        return typing.cast(Mark, m)

    def __contains__(self, path: object) -> bool:
        return self.get(path) is not None


class MergedYaml(LoadedYaml):
    """A merged tree that reads like one loaded file, its marks pointing into each source."""

    def __init__(
        self, file: str, data: Any, origins: dict[YamlPath, tuple[LoadedYaml, YamlPath]]
    ) -> None:
        super().__init__(file, data, {}, {})
        self.origins = origins
        self._marks = _OriginMarks(origins, keys=False)
        self._key_marks = _OriginMarks(origins, keys=True)

    def mark(self, path: Any) -> Mark:
        m = self._marks.get(path) if self._marks is not None else None
        if m is not None:
            return typing.cast(Mark, m)
        return super().mark(path)


@dataclasses.dataclass
class Derived:
    """The outcome of resolving one file: its merged tree, provenance, hash and problems."""

    loaded: LoadedYaml
    sha256: str
    problems: list[Problem]
    #: removed entry id -> (section, file, line) of the removal, to explain dangling references
    removed: dict[str, tuple[str, str, int]] = dataclasses.field(default_factory=dict)
    #: the files of the `extends:` chain, the first base first and this file last (empty: the
    #: file alone); their translation catalogues are inherited in this order
    files: tuple[str, ...] = ()


def as_merged(loaded: LoadedYaml) -> LoadedYaml:
    if isinstance(loaded, MergedYaml):
        return loaded
    data = dict(loaded.data)  # a new top level: the file's own tree is never changed
    return MergedYaml(loaded.file, data, {(): (loaded, ())})


def problem(src: LoadedYaml, path: YamlPath, message: str, *, key: bool = False) -> Problem:
    mark = src.key_marks.get(path) if key else None
    if mark is None:
        mark = src.mark(path)
    file = getattr(mark, "file", src.file)
    return Problem(file, mark.line, mark.col, path, message)


def warning(src: LoadedYaml, path: YamlPath, message: str, *, key: bool = False) -> Problem:
    p = problem(src, path, message, key=key)
    return dataclasses.replace(p, severity="warning")
