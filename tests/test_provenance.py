"""A number with neither source nor assumption is a warning at its line (issue 19), judged where
the value was written: a base's entries by the base's reasons, a mod's by its own."""

from __future__ import annotations

from pathlib import Path

from game.scenario.loader import read_scenario, read_scenario_bytes

TINY = (Path(__file__).parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
UNEXPLAINED = "has neither a source nor an assumption"


def unexplained(text: str, name: str = "t.yaml") -> list[str]:
    sc, problems = read_scenario_bytes(text.encode("utf-8"), name, use_cache=False)
    assert sc is not None, [str(p) for p in problems if p.severity == "error"]
    return [str(p) for p in problems if UNEXPLAINED in p.message]


def test_each_number_without_a_reason_is_a_warning_at_its_line() -> None:
    found = unexplained(TINY)
    assert (
        "t.yaml:11:43: warning: sides.prc.morale: 'morale' has neither a source nor an "
        "assumption: give 'assumption: {morale: ...}' saying why it has this value, or a "
        "'source:'"
    ) in found
    assert any(p.startswith("t.yaml:20:") and "artillery[0].guns" in p for p in found)
    assert any("rules.hit_chance_town.value" in p for p in found)  # tiny writes its rules
    assert any("events[0].effects" in p for p in found)
    # texts, ids and flags' true/false are not figures
    assert not any(".name" in p or ".id:" in p or "flags[" in p for p in found)


def test_a_source_or_an_assumption_covers_a_number() -> None:
    line = "  prc: {name: {en: PLA, zh: 解放軍}, morale: 70}"
    assert line in TINY
    for reason in (
        'assumption: "A prepared offensive with the initiative"',
        'assumption: {morale: "A prepared offensive with the initiative"}',
        'source: {quote: "砲戰由中國人民解放軍首先發起", en: "The PLA opened the bombardment."}',
    ):
        text = TINY.replace(line, line[:-1] + ", " + reason + "}")
        assert not any("sides.prc.morale" in p for p in unexplained(text)), reason


def test_a_reason_for_lon_covers_lat() -> None:
    old = "lon: 118.38, lat: 24.45, terrain: land, side: roc}"
    text = TINY.replace(old, old[:-1] + ', assumption: {lon: "The island centre, by hand"}}')
    found = unexplained(text)
    assert not any("places[0].lon" in p or "places[0].lat" in p for p in found)
    assert any("places[1].lon" in p for p in found)


def test_the_shipped_scenarios_have_none() -> None:
    root = Path(__file__).parent.parent / "scenarios"
    for path in [root / "kinmen_1958.yaml", root / "tutorial.yaml", *root.glob("mods/*.yaml")]:
        sc, problems = read_scenario(path)
        assert sc is not None
        assert not [str(p) for p in problems if UNEXPLAINED in p.message], path


def test_a_mod_is_judged_by_what_it_wrote(tmp_path: Path) -> None:
    mod = tmp_path / "m.yaml"
    mod.write_text(
        "format: 1\nid: m\nextends: kinmen_1958\n"
        "artillery:\n"
        "  - {id: prc_new, side: prc, name: {en: New guns, zh: 新砲}, place: dadeng, guns: 12,\n"
        "     calibre_mm: 122, weapon: gun, shell_kg: 25, range_km: 20, rounds_per_gun: 80,\n"
        "     ammo: 5000, protection_kg: 800,\n"
        '     assumption: {guns: "A battalion of twelve guns, as a test"}}\n'
        "scale:\n"
        "  ships:\n"
        "    where: {side: roc}\n"
        "    count: 2\n"
        '    assumption: "A what-if with twice the ships of each class"\n',
        encoding="utf-8",
    )
    sc, problems = read_scenario(mod)
    assert sc is not None
    found = [str(p) for p in problems if UNEXPLAINED in p.message]
    # the new entry's other numbers are the mod's to explain; the 1958 file's are explained
    # there, the scaled counts by the scale rule, and the rules by the 1958 file
    assert {p.split(": warning: ")[1].split(":")[0] for p in found} == {
        f"artillery[{len(sc.artillery) - 1}].{k}"
        for k in ("calibre_mm", "shell_kg", "range_km", "rounds_per_gun", "ammo", "protection_kg")
    }
    assert all(p.startswith(f"{mod}:") for p in found)
