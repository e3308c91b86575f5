"""Saves outlive updates: of the scenario (the save goes on with its own copy), of the engine's
rules (it goes on from its stored state and says so), and of the save format (old files are
migrated in memory). The copy a save carries is untrusted: bounded, validated, never run."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.players import RandomPlayer
from game.engine.observe import observe
from game.engine.resolve import _Day
from game.engine.state import rules_sha256, state_hash
from game.history import embedded, saves
from game.history.game import Game
from game.history.saves import SaveError, load_save
from game.scenario.loader import load_scenario
from game.scenario.model import SIDES
from game.scenario.translations import scenario_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "saves"
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SHIPPED = scenario_files(ROOT / "scenarios") + scenario_files(ROOT / "scenarios" / "mods")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))


def play(game: Game, days: int, seed: int = 5) -> list[dict[str, Any]]:
    """Play `days` turns with random players; the orders given, as the record keeps them."""
    sc = game.scenario
    ps = {"prc": RandomPlayer(seed), "roc": RandomPlayer(seed + 1)}
    for _ in range(days):
        if game.over:
            break
        game.play_turn({s: ps[s].orders(sc, observe(sc, game.state, s)) for s in SIDES})
    return game.record.turns


def tiny_copy(tmp_path: Path, *edits: tuple[str, str]) -> Any:
    """A copy of the tiny scenario with text replaced (each `old` must occur)."""
    text = TINY.read_text("utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"tiny-{hashlib.sha256(text.encode()).hexdigest()[:8]}.yaml"
    path.write_text(text, "utf-8")
    return load_scenario(path, use_cache=False)


RULE_EDIT = ("unspotted_factor: {value: 0.3}", "unspotted_factor: {value: 0.45}")
GUNS_EDIT = ("place: mainland, guns: 40,", "place: mainland, guns: 55,")


# -- the embedded copy -------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_and_mod_round_trips_through_its_embedded_copy(path):
    """The copy is the merged content (after `extends:`), and reads back to the same scenario."""
    sc = load_scenario(path)
    content = embedded.pack(sc)
    assert content["size"] <= embedded.MAX_UNPACKED
    raw = embedded.unpack(content)
    assert b"extends:" not in raw  # merged: the copy stands alone
    again = embedded.read_embedded(raw, "<copy>", rules_sha256(sc))
    # the copy carries no translation catalogue (the loaded save takes the current file's)
    assert not again.translations
    assert (
        dataclasses.replace(again, file=sc.file, sha256=sc.sha256, translations=sc.translations)
        == sc
    )


# -- a scenario edit ---------------------------------------------------------------------------


@pytest.mark.parametrize("verify", ["full", "fast"])
def test_a_save_made_before_a_scenario_edit_loads_and_continues(tmp_path, verify):
    before = tiny_copy(tmp_path)
    game = Game(before, 3, snapshot_every=3)
    play(game, 7)
    assert not game.over and game.day == 7
    path = saves.save_game(game, tmp_path / "before-edit.json")
    # the game as it would have gone on, unedited
    reference = Game.from_record(before, game.record, snapshot_every=3)
    future = play(reference, 4, seed=9)[7:]

    after = tiny_copy(tmp_path, RULE_EDIT, GUNS_EDIT)
    assert rules_sha256(after) != rules_sha256(before)
    assert after.group("prc_guns").guns == 55 and after.rule("unspotted_factor") == 0.45

    loaded = load_save(path, after, verify=verify)  # type: ignore[arg-type]
    assert [n.kind for n in loaded.notices] == ["older_scenario"]
    assert before.meta.title.en in loaded.notices[0].text
    # it plays its own scenario: the game the player started
    assert rules_sha256(loaded.scenario) == rules_sha256(before)
    assert loaded.scenario.group("prc_guns").guns == 40
    assert state_hash(loaded.state) == state_hash(game.state)
    for turn in future:
        loaded.play_turn(turn)
    assert state_hash(loaded.state) == state_hash(reference.state)
    # saved again, it still carries the scenario it began with
    again = load_save(saves.save_game(loaded, tmp_path / "again.json"), after)
    assert rules_sha256(again.scenario) == rules_sha256(before)
    assert state_hash(again.state) == state_hash(reference.state)
    # and with the scenario as it was, it loads without a word
    assert load_save(tmp_path / "again.json", before).notices == []


def test_a_save_whose_own_copy_is_not_its_scenario_is_refused(tmp_path):
    """A copy that validates but is another scenario (rules hash) cannot stand in for it."""
    before, other = tiny_copy(tmp_path), tiny_copy(tmp_path, GUNS_EDIT)
    game = Game(before, 1)
    play(game, 2)
    doc = json.loads(saves.encode_save(game))
    doc["body"]["scenario_content"] = embedded.pack(other)
    path = tmp_path / "swapped.json"
    path.write_bytes(_resum(doc))
    assert load_save(path, before).notices == []  # not needed: the shipped one is the same
    with pytest.raises(SaveError) as info:
        load_save(path, tiny_copy(tmp_path, RULE_EDIT))
    assert info.value.kind == "scenario_changed"
    assert "not the one the save's rules hash names" in info.value.reason


# -- an engine rule change ---------------------------------------------------------------------


def _shift_morale(monkeypatch):
    """A rule change in the engine: morale recovers a little faster every day."""
    original = _Day.phase_morale

    def changed(self):
        original(self)
        for s in SIDES:
            self.st.morale[s] = min(100.0, self.st.morale[s] + 0.25)

    monkeypatch.setattr(_Day, "phase_morale", changed)


@pytest.mark.parametrize("verify", ["full", "fast"])
def test_a_save_made_before_a_rule_change_continues_from_its_stored_state(
    tmp_path, monkeypatch, verify
):
    sc = tiny_copy(tmp_path)
    game = Game(sc, 4, snapshot_every=3)
    play(game, 8)
    assert not game.over
    path = saves.save_game(game, tmp_path / "old-rules.json")
    saved = state_hash(game.state)

    _shift_morale(monkeypatch)
    with pytest.raises(SaveError) as info:  # strict: only an exact replay will do
        load_save(path, sc, verify=verify, strict=True)  # type: ignore[arg-type]
    assert info.value.kind == "replay"

    loaded = load_save(path, sc, verify=verify)  # type: ignore[arg-type]
    assert [n.kind for n in loaded.notices] == ["older_rules"]
    assert loaded.notices[0].text == (
        "This game was saved with an older version of the rules; it continues from the saved "
        "day, but its earlier days cannot be replayed exactly"
    )
    assert loaded.notices[0].text == saves.RULES_NOTICE
    assert state_hash(loaded.state) == saved and loaded.day == game.day
    assert loaded.record.turns == game.record.turns
    # it continues, under the new rules
    play(loaded, 3, seed=11)
    assert loaded.day > game.day
    # saved again it loads again, still saying so: its first days were played by other rules
    resaved = load_save(saves.save_game(loaded, tmp_path / "new-rules.json"), sc)
    assert state_hash(resaved.state) == state_hash(loaded.state)
    assert [n.kind for n in resaved.notices] == ["older_rules"]


def test_a_stored_state_that_does_not_fit_the_scenario_is_refused(tmp_path, monkeypatch):
    """Going on from a stored state means trusting it: it must be a state of this scenario."""
    sc = tiny_copy(tmp_path)
    game = Game(sc, 4)
    play(game, 5)
    doc = json.loads(saves.encode_save(game))
    state = doc["body"]["final_state"]
    state["groups"]["nowhere"] = state["groups"].pop("prc_guns")
    doc["body"]["final"]["hash"] = hashlib.sha256(saves.canonical(state)).hexdigest()
    path = tmp_path / "odd-state.json"
    path.write_bytes(_resum(doc))
    _shift_morale(monkeypatch)
    with pytest.raises(SaveError) as info:
        load_save(path, sc)
    assert info.value.kind == "malformed" and "body.final_state" in info.value.reason


# -- the bound on the embedded scenario --------------------------------------------------------


def _resum(doc: dict[str, Any]) -> bytes:
    doc["checksum"] = saves.checksum(doc["body"])
    return json.dumps(doc).encode()


def _with_content(tmp_path: Path, content: Any) -> tuple[Path, Any]:
    sc = tiny_copy(tmp_path)
    game = Game(sc, 2)
    play(game, 3)
    doc = json.loads(saves.encode_save(game))
    doc["body"]["scenario_content"] = content
    path = tmp_path / "crafted.json"
    path.write_bytes(_resum(doc))
    return path, sc


def _packed(raw: bytes, size: int | None = None, digest: str | None = None) -> dict[str, Any]:
    return {
        "encoding": embedded.ENCODING,
        "size": len(raw) if size is None else size,
        "sha256": digest or hashlib.sha256(raw).hexdigest(),
        "data": base64.b64encode(zlib.compress(raw, 9)).decode(),
    }


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("honest_size_over_bound", "more than the 2,000,000 a scenario may have"),
        ("small_size_claimed", "unpacks to more than its declared"),
        ("ratio_over_bound", "a ratio over 64:1"),
    ],
)
def test_a_scenario_that_unpacks_beyond_the_bound_is_refused_early(
    tmp_path, monkeypatch, case, words
):
    bomb = b"#" * (embedded.MAX_UNPACKED + 5000)  # packs about 1000:1
    content = {
        "honest_size_over_bound": _packed(bomb),
        "small_size_claimed": _packed(bomb, size=60 * len(zlib.compress(bomb, 9))),
        "ratio_over_bound": _packed(bomb, size=embedded.MAX_UNPACKED),
    }[case]
    asked: list[int] = []
    real = zlib.decompressobj

    class Spy:
        def __init__(self):
            self.inner = real()

        def decompress(self, data, max_length=0):
            asked.append(max_length)
            return self.inner.decompress(data, max_length)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    monkeypatch.setattr(embedded.zlib, "decompressobj", Spy)
    path, sc = _with_content(tmp_path, content)
    with pytest.raises(SaveError) as info:
        load_save(path, sc)
    assert info.value.kind == "too_large", str(info.value)
    assert words in info.value.reason and "embedded scenario" in info.value.reason
    # zlib is never asked for more than the declared size (within the bound) plus one byte
    assert all(0 < n <= embedded.MAX_UNPACKED + 1 for n in asked)
    assert case != "small_size_claimed" or asked == [content["size"] + 1]


# -- old formats -------------------------------------------------------------------------------


def test_the_v2_fixture_loads_is_migrated_and_continues():
    sc = load_scenario(FIXTURES / "v1_tiny.scenario.yaml")
    path = FIXTURES / "v2_tiny.json"
    doc = json.loads(path.read_bytes())
    assert (doc["version"], doc["checksum"]) == (2, saves.checksum(doc["body"]))
    for verify in ("full", "fast"):
        game = load_save(path, sc, verify=verify)  # type: ignore[arg-type]
        assert state_hash(game.state) == doc["body"]["final"]["hash"]
        assert [n.kind for n in game.notices] == ["old_format"]
        assert "version 2" in game.notices[0].text
    assert not game.over
    play(game, 3)
    back = saves.decode_save(saves.encode_save(game), sc)
    assert json.loads(saves.encode_save(game))["version"] == saves.VERSION == 3
    assert back.notices == [] and state_hash(back.state) == state_hash(game.state)


def test_the_v1_fixture_loads_with_a_notice():
    sc = load_scenario(FIXTURES / "v1_tiny.scenario.yaml")
    game = load_save(FIXTURES / "v1_tiny.json", sc)
    assert [n.kind for n in game.notices] == ["old_format"]
    assert "version 1" in game.notices[0].text


# -- the new field, fuzzed ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_doc(tmp_path_factory):
    sc = load_scenario(TINY, use_cache=False)
    game = Game(sc, 6)
    play(game, 4)
    return sc, json.loads(saves.encode_save(game))


_CHANGED = {}


def _changed_scenario(sc: Any) -> Any:
    """The same scenario with one rule changed: loading must then read the save's copy."""
    if "sc" not in _CHANGED:
        rules = dict(sc.rules)
        rules["unspotted_factor"] = dataclasses.replace(rules["unspotted_factor"], value=0.5)
        _CHANGED["sc"] = dataclasses.replace(sc, rules=rules)
    return _CHANGED["sc"]


def _mutate(data: bytes, draw) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not buf:
            break
        i = draw(st.integers(0, len(buf) - 1))
        op = draw(st.sampled_from(["flip", "set", "cut", "insert"]))
        if op == "flip":
            buf[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            buf[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del buf[i : i + draw(st.integers(1, 50))]
        else:
            buf[i:i] = draw(st.binary(min_size=1, max_size=8))
    return bytes(buf)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_corrupted_embedded_scenarios_give_a_save_error(good_doc, tmp_path_factory, data):
    sc, doc = good_doc
    doc = json.loads(json.dumps(doc))
    content = doc["body"]["scenario_content"]
    raw = embedded.unpack(content)
    how = data.draw(st.sampled_from(["base64", "zlib", "text", "fields"]))
    if how == "base64":  # the stored string itself
        content["data"] = _mutate(content["data"].encode(), data.draw).decode("latin-1")
    elif how == "zlib":  # the packed bytes, with size and hash left as they were
        packed = _mutate(base64.b64decode(content["data"]), data.draw)
        content["data"] = base64.b64encode(packed).decode()
    elif how == "text":  # the scenario text itself, packed again with a right size and hash
        content.update(_packed(_mutate(raw, data.draw)))
    else:
        key = data.draw(st.sampled_from(["encoding", "size", "sha256", "data"]))
        content[key] = data.draw(
            st.none() | st.booleans() | st.integers(-10, 10**9) | st.text(max_size=20)
        )
    path = tmp_path_factory.getbasetemp() / "fuzzed.json"
    path.write_bytes(_resum(doc))
    for shipped in (sc, _changed_scenario(sc)):
        try:
            game = load_save(path, shipped)
        except SaveError as exc:
            assert exc.kind in saves.ERROR_KINDS and "\n" not in str(exc)
        else:  # a harmless edit (a name): the game is the one saved
            assert state_hash(game.state) == doc["body"]["final"]["hash"]


# -- what the load screen and the command line show --------------------------------------------


def test_the_load_list_says_older_version_and_the_session_keeps_the_notice(tmp_path):
    from game.ui.savelist import read_info
    from game.ui.session import load_session

    before = tiny_copy(tmp_path)
    game = Game(before, 2)
    play(game, 3)
    path = saves.save_game(game, tmp_path / "listed.json")
    after = tiny_copy(tmp_path, RULE_EDIT)
    info = read_info(path, auto=False)
    assert info.rules_sha256 == rules_sha256(before)
    assert info.older_than(after) and not info.older_than(before)
    session = load_session(path, after)
    assert [n.kind for n in session.game.notices] == ["older_scenario"]
    assert state_hash(session.game.state) == state_hash(game.state)


def test_every_notice_has_its_words_in_every_language():
    import yaml

    for name in ("en", "zh-Hant"):
        path = ROOT / "game" / "words" / "locale" / name / "ui.yaml"
        words = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("old_format", "older_scenario", "older_rules"):
            assert words["load"][f"notice_{kind}"], (name, kind)
        assert "{title}" in words["load"]["older"]


def test_report_of_a_save_whose_orders_no_longer_replay(tmp_path):
    """A save that continues from its stored state (its orders are refused today) still gives
    a report: the replayed days stop at the first refused one (found by `bench --soak`)."""
    from game.history.report_md import build_report

    sc = load_scenario(TINY)
    game = Game(sc, 5)
    for _ in game.play({s: RandomPlayer(i) for i, s in enumerate(SIDES)}, days=3):
        pass
    doc = saves.save_document(game)
    turn = doc["body"]["turns"][1]
    side = next(s for s in SIDES if turn.get(s) is not None)
    turn[side] = [*turn[side], {"type": "move", "move": "no_such_move"}]
    doc["checksum"] = saves.checksum(doc["body"])
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = saves.load_save(path, sc)
    md, _ = build_report(sc, loaded, str(path))
    assert md.startswith("#")
