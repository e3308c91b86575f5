"""Issue 19, "checks in one pass": an entry with an unreadable value keeps the rest of its
checks. Its bad quote, too-short or missing reason, unknown variables, impossible trigger and
out-of-range date come in the same run as the unreadable value, each at its own line:col, and
references to the entry do not come back as "unknown id" (no cascade).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from game.scenario.loader import read_scenario

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "xiaodeng_guns"
TINY = Path(__file__).parent / "data" / "tiny.yaml"

#: (text in the example mod, the planted mistake)
MOD_MISTAKES = [
    # the place: a latitude out of range (the battery standing there must not lose its place)
    ("    lat: 24.555", "    lat: 95.5"),
    # the battery: two unreadable values, a quote not in the notes, a short and a missing reason
    ("    guns: 24", "    guns: twenty"),
    ("    shell_kg: 27.3", "    shell_kg: -27.3"),
    ("of 24 guns of 122 mm", "of 24 guns of 130 mm"),
    (
        '      protection_kg: "Dug in like the Dadeng guns, a little less since its pits are new."',
        '      protection_kg: "new pits"\n      rounds_per_gun: ""',
    ),
    # the event: a misspelt kind, an impossible trigger and an unknown variable in an effect;
    # its condition on the broken battery's guns is not an unknown variable
    ("    kind: political", "    kind: politcal"),
    (
        '        - {var: tension, op: ">=", value: 90}',
        '        - {var: tension, op: ">=", value: 150}\n'
        '        - {var: guns.prc_xiaodeng_122, op: "<", value: 10}',
    ),
    ("      - {add: tension, value: 5}", "      - {add: tensoin, value: 5}"),
]


def _plant(path: Path, mistakes: list[tuple[str, str]]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for good, bad in mistakes:
        assert text.count(good) == 1, good
        text = text.replace(good, bad)
    path.write_text(text, encoding="utf-8")
    return text.splitlines()


def _at(lines: list[str], fragment: str, col_of: str | None = None) -> tuple[int, int]:
    """(line, col) of `fragment`'s line, the column where `col_of` (default: the value) starts."""
    for n, line in enumerate(lines, 1):
        if fragment in line:
            target = col_of if col_of is not None else fragment.split(": ", 1)[-1]
            return n, line.index(target) + 1
    raise AssertionError(fragment)


def test_every_mistake_of_a_mod_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "xiaodeng_guns"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "xiaodeng_guns.yaml"
    lines = _plant(path, MOD_MISTAKES)
    sc, problems = read_scenario(path, warnings=True)
    assert sc is None
    got = {(p.line, p.col, p.message) for p in problems}
    reason = "an assumption must give its specific reason in at least 12 characters"
    expected = {
        (*_at(lines, "lat: 95.5"), "must be at most 90, got 95.5"),
        (*_at(lines, "guns: twenty"), "expected an integer, got 'twenty'"),
        (*_at(lines, "shell_kg: -27.3"), "must be at least 0.5, got -27.3"),
        (
            *_at(lines, "of 130 mm", col_of='"a battalion'),
            "quote not found within one sentence of 'trial_notes'",
        ),
        (*_at(lines, 'protection_kg: "new pits"', col_of='"new'), f"{reason} (this one has 8)"),
        (*_at(lines, 'rounds_per_gun: ""', col_of='""'), "an assumption needs a reason (a string)"),
        (
            *_at(lines, "kind: politcal"),
            "must be one of military, naval, air, diplomatic, political, supply, "
            "got 'politcal' (did you mean 'political'?)",
        ),
        (
            *_at(lines, "value: 150", col_of="150"),
            "'tension >= 150' can never hold: tension stays 0 to 100",
        ),
        (
            *_at(lines, "add: tensoin", col_of="tensoin"),
            "unknown variable 'tensoin' (did you mean 'tension'?)",
        ),
    }
    shown = "\n".join(map(str, problems))
    assert got == expected, shown  # nothing more: no "unknown id" for the broken entries
    assert all(p.severity == "error" and p.file == str(path) for p in problems), shown


def test_a_broken_entrys_id_dates_and_sources_are_checked(tmp_path: Path) -> None:
    """A plain file: the partial entry's duplicate id, its date outside the game and its second
    and third quotes (the first one unreadable, the third without its English) are reported
    with its unreadable values; a condition on another broken group's guns is no unknown
    variable."""
    path = tmp_path / "tiny.yaml"
    shutil.copy(TINY, path)
    text = path.read_text(encoding="utf-8")
    broken = (
        "  - {id: prc_guns, side: prc, name: {en: Second, zh: 二}, place: mainland, guns: -4,\n"
        "     calibre_mm: 152, weapon: gun, shell_kg: 43.6, range_km: 22, rounds_per_gun: 100,\n"
        "     ammo: 20000, ammo_per_day: 2000, protection_kg: 800, available_from: 1960-01-01,\n"
        "     source: [{quote: 7, en: x}, {quote: 'no such sentence in the article', en: y},\n"
        "              {quote: 'nor this one, which also lacks its English'}]}\n"
        "  - {id: prc_new, side: prc, name: {en: New, zh: 新}, place: mainland, guns: 4,\n"
        "     calibre_mm: 152, weapon: gun, shell_kg: 43.6, range_km: 22, rounds_per_gun: 100,\n"
        "     ammo: 200, ammo_per_day: 20, protection_kg: true}\n"
    )
    text = text.replace("targets:\n", broken + "targets:\n", 1)
    when = '{var: tension, op: ">=", value: 60}'
    assert text.count(when) == 1
    text = text.replace(when, when + ', {var: guns.prc_new, op: "<", value: 2}')
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    sc, problems = read_scenario(path, warnings=True)
    assert sc is None
    got = {(p.line, p.col, p.message) for p in problems}
    first = _at(lines, "- {id: prc_guns, side: prc, name: {en: Mainland")[0]
    expected = {
        (*_at(lines, "guns: -4", col_of="-4"), "must be at least 0, got -4"),
        (
            *_at(lines, "id: prc_guns, side: prc, name: {en: Second", col_of="prc_guns"),
            f"duplicate id 'prc_guns' (first at line {first})",
        ),
        (
            *_at(lines, "available_from: 1960-01-01", col_of="1960"),
            "date 1960-01-01 is outside the scenario's range 1958-08-23 to 1958-09-05",
        ),
        (*_at(lines, "{quote: 7,", col_of="7"), "expected a string, got int 7"),
        (
            *_at(lines, "{quote: 'nor this one", col_of="{quote: 'nor"),
            "missing required key 'en'",
        ),
        (
            *_at(lines, "{quote: 'nor this one", col_of="'nor"),
            "quote not found within one sentence of the article's display text",
        ),
        (
            *_at(lines, "no such sentence", col_of="'no such"),
            "quote not found within one sentence of the article's display text",
        ),
        (*_at(lines, "protection_kg: true", col_of="true"), "expected a number, got true"),
    }
    shown = "\n".join(map(str, problems))
    assert got == expected, shown


def test_a_broken_section_leaves_the_other_sections_checks(tmp_path: Path) -> None:
    """A bad date in `meta:` stops the scenario from being built (every date check needs the
    range), but the entries of the other sections still get their quote, reason and reference
    checks in the same run; references into a section that was not read are not reported."""
    folder = tmp_path / "xiaodeng_guns"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "xiaodeng_guns.yaml"
    lines = _plant(
        path,
        [
            ("meta:\n", "meta:\n  start: 1958-13-01\n"),
            ("    place: xiaodeng\n", "    place: xiaodng\n"),
            ("of 24 guns of 122 mm", "of 24 guns of 130 mm"),
            ('"Dug in like the Dadeng guns, a little less since its pits are new."', '"new pits"'),
        ],
    )
    sc, problems = read_scenario(path, warnings=True)
    assert sc is None
    errors = {(p.line, p.col, p.message) for p in problems if p.severity == "error"}
    assert errors == {
        (*_at(lines, "start: 1958-13-01"), "not a real date: 1958-13-01 (month must be in 1..12)"),
        (
            *_at(lines, "place: xiaodng"),
            "no places entry with id 'xiaodng' (did you mean 'xiaodeng'?)",
        ),
        (
            *_at(lines, "of 130 mm", col_of='"a battalion'),
            "quote not found within one sentence of 'trial_notes'",
        ),
        (
            *_at(lines, 'protection_kg: "new pits"', col_of='"new'),
            "an assumption must give its specific reason in at least 12 characters "
            "(this one has 8)",
        ),
    }, "\n".join(map(str, problems))
