"""Deriving a scenario with `extends:`: merge rules, errors at the right line, shipped mods.

Merge tests derive from a copy of `tests/data/tiny.yaml` in a temporary folder (a base by
path); error tests write one small mod each and assert the exact FILE:LINE:COL of the one
message. The shipped scenarios and mods are found by glob, so a new one is checked unasked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.ai.tournament import play_one
from game.engine.run import play
from game.engine.state import new_game
from game.paths import scenarios_dir
from game.scenario import catalogue
from game.scenario.extends import shipped_ids
from game.scenario.loader import load_scenario, read_scenario
from game.scenario.scale import scaled
from game.scenario.translations import is_catalogue

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SCENARIOS = scenarios_dir()
SHIPPED = sorted(
    p for p in SCENARIOS.rglob("*.yaml") if p.parent.name != "base" and not is_catalogue(p)
)
MODS = sorted((SCENARIOS / "mods").glob("*.yaml"))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    shutil.copy(TINY, tmp_path / "base.yaml")
    return tmp_path / "base.yaml"


def problems_of(path: Path) -> list[str]:
    _sc, problems = read_scenario(path)
    return [str(p) for p in problems]


# -- shipped scenarios and mods ------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_and_mod_validates_without_warnings(path: Path) -> None:
    sc, problems = read_scenario(path)
    # One known gameplay finding in the 1958 data, left to its authors: Aotou (118.23E) is
    # 11.4 km from the nearest ROC target and its 105 mm howitzers reach 11.2 km.
    problems = [p for p in problems if "'prc_aotou_105' can reach no enemy" not in p.message]
    assert sc is not None and problems == [], [str(p) for p in problems]
    assert sc.id == path.stem  # `extends: ID` finds a shipped scenario by its file name


def test_shipped_lists_hold_the_mods_and_the_tutorial() -> None:
    ids = shipped_ids(SCENARIOS)
    for name in (
        "kinmen_1958",
        "tutorial",
        "no_us_escort",
        "no_8inch_guns",
        "pla_artillery_plus20",
    ):
        assert name in ids
    assert "rules" not in ids  # the defaults file is not a game
    assert len(MODS) >= 3
    for mod in [*MODS, SCENARIOS / "tutorial.yaml"]:
        lines = [x for x in mod.read_text("utf-8").splitlines() if x and not x.startswith("#")]
        assert "extends:" in mod.read_text("utf-8") and len(lines) <= 30, mod


def test_rule_defaults_cover_every_rule_within_its_bounds() -> None:
    data = yaml.safe_load((SCENARIOS / "base" / "rules.yaml").read_text("utf-8"))
    assert list(data) == ["rules"]
    assert sorted(data["rules"]) == sorted(catalogue.RULES)
    for name, rule in data["rules"].items():
        spec = catalogue.RULES[name]
        assert spec.min <= rule["value"] <= spec.max, name


def test_the_1958_scenario_is_read_as_written() -> None:
    """No extends, every rule listed: its hash is the file's, so saves and pins stay valid."""
    import hashlib

    sc = load_scenario(SCENARIOS / "kinmen_1958.yaml")
    raw = (SCENARIOS / "kinmen_1958.yaml").read_bytes()
    assert sc.sha256 == hashlib.sha256(raw).hexdigest()


def test_mods_change_what_they_say() -> None:
    base = load_scenario(SCENARIOS / "kinmen_1958.yaml")
    plus = load_scenario(SCENARIOS / "mods" / "pla_artillery_plus20.yaml")
    for g in base.artillery:
        want = scaled(g.guns, 1.2, int) if g.side == "prc" else g.guns
        assert plus.group(g.id).guns == want
    assert plus.group("prc_weitou_130c").guns == 23  # 19 x 1.2 = 22.8, rounded half up
    no8 = load_scenario(SCENARIOS / "mods" / "no_8inch_guns.yaml")
    assert not [g for g in no8.artillery if g.calibre_mm == 203]
    orders = [o for d in no8.history for side in d.orders.values() for o in side]
    assert not [o for o in orders if "8in" in str(o)]
    assert len(no8.history) == len(base.history)
    esc = load_scenario(SCENARIOS / "mods" / "no_us_escort.yaml")
    sets_flag = [
        x.id for x in [*esc.events, *esc.moves] if any(e.set == "flag.us_escort" for e in x.effects)
    ]
    assert sets_flag == []
    assert esc.rules == base.rules and esc.sha256 != base.sha256
    tut = load_scenario(SCENARIOS / "tutorial.yaml")
    assert tut.days == 7 and len(tut.history) == 7
    assert len(tut.artillery) < len(base.artillery)
    assert all(e.date is None or e.date <= tut.meta.end for e in tut.events)


# -- merge semantics -------------------------------------------------------------------------------

MOD_HEAD = "format: 1\nid: derived\nextends: base.yaml\n"


def test_override_changes_only_the_given_keys(base: Path) -> None:
    mod = write(
        base.parent,
        "mod.yaml",
        MOD_HEAD
        + "artillery:\n"
        + "  - {id: prc_guns, guns: 50, assumption: {guns: 'Ten more guns in this what-if.'}}\n"
        + "sides:\n  prc: {name: {en: PLA front}}\n",
    )
    sc = load_scenario(mod)
    tiny = load_scenario(TINY)
    g, t = sc.group("prc_guns"), tiny.group("prc_guns")
    assert g.guns == 50 and g.calibre_mm == t.calibre_mm and g.ammo == t.ammo
    assert g.assumption == {"guns": "Ten more guns in this what-if."}
    assert [x.id for x in sc.artillery] == [x.id for x in tiny.artillery]
    assert sc.sides["prc"].name.en == "PLA front" and sc.sides["prc"].name.zh == "解放軍"
    assert sc.rules == tiny.rules and sc.id == "derived"


def test_remove_add_and_history_by_date(base: Path) -> None:
    mod = write(
        base.parent,
        "mod.yaml",
        MOD_HEAD
        + "artillery:\n"
        + "  - {id: prc_guns, remove: true}\n"
        + "  - {id: prc_new, side: prc, name: {en: New guns, zh: 新砲}, place: mainland, guns: 8,\n"
        + "     calibre_mm: 122, weapon: 122 mm gun, shell_kg: 25, range_km: 20,"
        + " rounds_per_gun: 50, ammo: 4000, protection_kg: 700}\n"
        + "history:\n"
        + "  - {date: 1958-08-24, summary: {en: Quiet day}}\n",
    )
    sc = load_scenario(mod)
    tiny = load_scenario(TINY)
    ids = [g.id for g in sc.artillery]
    assert "prc_guns" not in ids and ids[-1] == "prc_new" and sc.group("prc_new").guns == 8
    days = {d.date.isoformat(): d for d in sc.history}
    assert days["1958-08-24"].summary.en == "Quiet day"
    assert days["1958-08-24"].summary.zh == "船團運補。"
    # the orders naming the removed group are gone; the others stay
    assert not [o for d in sc.history for s in d.orders.values() for o in s if "prc_guns" in str(o)]
    assert days["1958-08-24"].orders["roc"] == tiny.history[1].orders["roc"]


def test_scale_rounds_counts_half_up_and_keeps_measures(base: Path) -> None:
    mod = write(
        base.parent,
        "mod.yaml",
        MOD_HEAD
        + "scale:\n"
        + "  artillery:\n"
        + "    - {where: {side: prc}, guns: 1.1, shell_kg: 1.5, assumption: 'Heavier PLA fire.'}\n"
        + "  ships: {where: {id: [roc_lst, roc_lvt]}, count: 0.5, assumption: 'Half the lift.'}\n",
    )
    sc = load_scenario(mod)
    assert sc.group("prc_guns").guns == 44  # 40 x 1.1
    assert sc.group("prc_coastal").guns == 4  # 4 x 1.1 = 4.4 -> 4
    assert sc.group("prc_guns").shell_kg == 65.4  # 43.6 x 1.5, no float noise
    assert sc.group("roc_guns").guns == 20
    assert sc.ship_class("roc_lst").count == 3 and sc.ship_class("roc_lvt").count == 5
    assert sc.ship_class("roc_patrol").count == 4
    assert scaled(5, 1.3, int) == 7 and scaled(1, 0.4, int) == 0


def test_rule_defaults_fill_what_a_scenario_leaves_out(tmp_path: Path) -> None:
    text = TINY.read_text("utf-8").replace("  spot_days: {value: 3}\n", "")
    sc = load_scenario(write(tmp_path, "norule.yaml", text))
    defaults = yaml.safe_load((SCENARIOS / "base" / "rules.yaml").read_text("utf-8"))["rules"]
    assert sc.rule("spot_days") == defaults["spot_days"]["value"]
    assert sc.rule("hit_chance_pier") == 0.04  # the file's own value wins


def test_a_shorter_range_drops_later_entries(base: Path) -> None:
    mod = write(
        base.parent,
        "mod.yaml",
        MOD_HEAD
        + "meta:\n  end: 1958-08-26\n  assumption: {end: 'Four days, for a quick test.'}\n",
    )
    sc = load_scenario(mod)
    assert sc.days == 4 and all(d.date.day <= 26 for d in sc.history)
    assert "roc_8inch" not in [g.id for g in sc.artillery]  # arrives on 30 August


# -- errors and warnings: one message each, at the right file and line -----------------------------


def one(path: Path) -> str:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


def test_unknown_base(tmp_path: Path) -> None:
    mod = write(tmp_path, "m.yaml", "format: 1\nid: m\nextends: kinmen_1985\n")
    assert one(mod) == (
        f"{mod}:3:10: error: extends: no shipped scenario with id 'kinmen_1985'"
        " (did you mean 'kinmen_1958'?)"
    )


def test_cycle(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "id: a\nextends: b.yaml\n")
    b = write(tmp_path, "b.yaml", "id: b\nextends: {path: a.yaml}\n")
    assert one(a) == f"{b}:2:17: error: extends.path: extends cycle: a.yaml -> b.yaml -> a.yaml"
    self_ = write(tmp_path, "s.yaml", "id: s\nextends: s.yaml\n")
    assert one(self_) == f"{self_}:2:10: error: extends: extends cycle: s.yaml -> s.yaml"


def test_missing_base_file(tmp_path: Path) -> None:
    mod = write(tmp_path, "m.yaml", "id: m\nextends: {path: nothere.yaml}\n")
    assert (
        one(mod) == f"{mod}:2:17: error: extends.path: no file 'nothere.yaml' in the mod's folder"
    )


@pytest.mark.parametrize(
    "target, message",
    [
        ("../base.yaml", "'../base.yaml': '..' would leave the mod's folder; not allowed"),
        ("/etc/passwd.yaml", "'/etc/passwd.yaml': use a path inside the mod's folder"),
        ("link.yaml", "'link.yaml' is a link out of the mod's folder; not allowed"),
    ],
)
def test_paths_may_not_leave_the_mod_folder(base: Path, target: str, message: str) -> None:
    sub = base.parent / "mod"
    sub.mkdir()
    (sub / "link.yaml").symlink_to(base)
    mod = write(sub, "m.yaml", f"id: m\nextends: {target}\n")
    assert one(mod) == f"{mod}:2:10: error: extends: {message}"


def test_unknown_override_key(base: Path) -> None:
    mod = write(base.parent, "m.yaml", MOD_HEAD + "artillery:\n  - {id: prc_guns, gunz: 80}\n")
    assert one(mod) == (
        f"{mod}:5:20: error: artillery[0].gunz: unknown key 'gunz' (did you mean 'guns'?)"
    )


def test_misspelt_id_is_not_taken_for_a_new_entry(base: Path) -> None:
    mod = write(base.parent, "m.yaml", MOD_HEAD + "artillery:\n  - {id: prc_gun, guns: 80}\n")
    assert one(mod).startswith(
        f"{mod}:5:10: error: artillery[0].id: no artillery entry 'prc_gun' in the base to change"
        " (did you mean 'prc_guns'?); a new entry needs id, side, name,"
    )


def test_bad_scaled_value_points_at_the_factor(base: Path) -> None:
    mod = write(
        base.parent,
        "m.yaml",
        MOD_HEAD
        + "scale:\n  artillery: {where: {side: roc}, guns: 1000, assumption: 'Far more guns.'}\n",
    )
    assert one(mod) == (
        f"{mod}:5:41: error: artillery[2].guns: must be at most 5000, got 20000"
        " (and 1 more entries)"
    )
    bad = write(
        base.parent,
        "m2.yaml",
        MOD_HEAD
        + "scale:\n  artillery: {where: {side: prc}, gunz: 2, assumption: 'Far more guns.'}\n",
    )
    assert one(bad) == (
        f"{bad}:5:35: error: scale.artillery.gunz: unknown key 'gunz' (did you mean 'guns'?)"
    )


def test_bad_value_in_the_mod_points_at_the_mod_and_in_the_base_at_the_base(base: Path) -> None:
    mod = write(
        base.parent,
        "m.yaml",
        MOD_HEAD + "artillery:\n  - {id: prc_guns, guns: -3, assumption: 'Negative guns test.'}\n",
    )
    assert one(mod) == f"{mod}:5:26: error: artillery[0].guns: must be at least 0, got -3"
    text = base.read_text("utf-8").replace("calibre_mm: 130,", "calibre_mm: 13,")
    base.write_text(text, "utf-8")
    fine = write(base.parent, "ok.yaml", MOD_HEAD)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "calibre_mm: 13," in x)
    col = text.splitlines()[line - 1].index("13,") + 1
    assert (
        one(fine)
        == f"{base}:{line}:{col}: error: artillery[1].calibre_mm: must be at least 20, got 13"
    )


def test_reusing_a_shipped_id_is_an_error(tmp_path: Path) -> None:
    mod = write(tmp_path, "m.yaml", "format: 1\nid: kinmen_1958\nextends: kinmen_1958\n")
    assert one(mod) == (
        f"{mod}:2:5: error: id: id 'kinmen_1958' is the shipped scenario kinmen_1958.yaml's;"
        " give this scenario its own id"
    )


def test_warnings_load_and_validate_exits_0(base: Path) -> None:
    mod = write(
        base.parent,
        "m.yaml",
        "format: 1\nid: derived\nextends: {path: base.yaml, sha256: 0123456789abcdef}\n"
        + "artillery:\n  - {id: prc_guns, guns: 45}\n",
    )
    sc, problems = read_scenario(mod)
    assert sc is not None and sc.group("prc_guns").guns == 45
    # the base is tiny.yaml, whose numbers have no reasons: those warnings name base.yaml
    problems = [p for p in problems if not p.file.endswith("base.yaml")]
    assert [str(p) for p in problems] == [
        f"{mod}:3:36: warning: extends.sha256: the base has changed since this was written"
        f" (sha256 0123456789ab..., now {load_scenario(base).sha256[:12]}...): check that the"
        " changes still fit, then update sha256",
        f"{mod}:5:20: warning: artillery[0].guns: changes 'guns' without saying why: give"
        " 'assumption: {guns: ...}' (the base's citation no longer applies)",
    ]
    run = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(mod)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0 and run.stderr.count("m.yaml:") == 2
    assert "ok (derived" in run.stdout


# -- the mods play ---------------------------------------------------------------------------------

PLAYERS = ("history", "hold", "random", "ai:easy", "ai:normal", "ai:hard")


def short(tmp_path: Path, sid: str, end: str = "1958-08-29") -> Path:
    """A mod of the shipped scenario `sid` cut to a short run (derived again, by id)."""
    return write(
        tmp_path,
        f"short_{sid}.yaml",
        f"format: 1\nid: short_{sid}\nextends: {sid}\nmeta:\n  end: {end}\n"
        "  assumption: {end: 'A short run keeps the test quick.'}\n",
    )


@pytest.mark.parametrize("path", [*MODS, SCENARIOS / "tutorial.yaml"], ids=lambda p: p.stem)
def test_mods_simulate_with_every_player_and_ai_beats_random(path: Path, tmp_path: Path) -> None:
    """Every player kind finishes a short game; then the normal AI's side ends better off than
    random orders in the same seat, in most of 10 games a side: the garrison's position
    (`besieged_position`: food, morale, the means to supply) against random-vs-random's, same seed,
    because a week or two is too short for the endings the long game reaches."""
    sc = load_scenario(short(tmp_path, path.stem, "1958-08-24"))
    for kind in PLAYERS:
        players = {"prc": _player(kind, 1), "roc": _player(kind, 2)}
        turns = list(play(sc, new_game(sc, 1), players))
        assert turns[-1].after.over and len(turns) == sc.days
    sc = (
        load_scenario(short(tmp_path, path.stem))
        if path.stem != "tutorial"
        else load_scenario(path)
    )
    # A side with its 6 wins is not played again: later games could only add to its wins, so
    # the verdict is the same as after all 10 (a failing side still plays all of them).
    wins = {"prc": 0, "roc": 0}
    for seed in range(1, 11):
        if min(wins.values()) >= 6:
            break
        par = play_one(sc, seed, "random", "random")["position"]
        if wins["prc"] < 6:
            wins["prc"] += play_one(sc, seed, "ai:normal", "random")["position"] < par
        if wins["roc"] < 6:
            wins["roc"] += play_one(sc, seed, "random", "ai:normal")["position"] > par
    assert wins["prc"] >= 6 and wins["roc"] >= 6, wins


def _player(kind: str, seed: int):
    from game.ai.players import make_player

    return make_player(kind, seed)


def test_a_copy_of_a_shipped_file_is_that_scenario(tmp_path):
    """The source tree's copy of a shipped mod validates when the game is installed elsewhere:
    the same bytes are the same scenario, not a mod that reuses a shipped id."""
    from game.paths import scenarios_dir
    from game.scenario.loader import read_scenario

    for name in ("mods/no_us_escort.yaml", "tutorial.yaml"):
        copy = tmp_path / Path(name).name
        copy.write_bytes((scenarios_dir() / name).read_bytes())
        sc, problems = read_scenario(copy)
        assert sc is not None, [str(p) for p in problems]
        edited = tmp_path / ("edited-" + Path(name).name)
        edited.write_bytes(copy.read_bytes() + b"\n# a change\n")
        sc, problems = read_scenario(edited)
        assert sc is None and "give this scenario its own id" in str(problems[0])
