"""State hashes mean the game, not the file: text edits to a scenario change no hash.

The state carries `rules_sha256(scenario)`, not the SHA-256 of the file's bytes: a comment, an
English rendering, a reason, a quote, a name or the order of keys changes nothing the rules
read, so every state hash (and every save) stays; a number the rules use changes them all.
"""

from __future__ import annotations

from functools import cache

import pytest

from game.ai.players import HistoryPlayer
from game.engine.run import play
from game.engine.state import new_game, rules_content, rules_sha256, state_hash
from game.paths import default_scenario
from game.scenario.loader import read_scenario_bytes
from game.scenario.model import SIDES, Scenario
from tests.builder import tiny, variant

DAYS = 12


@cache
def original_text() -> str:
    return default_scenario().read_text("utf-8")


def load_text(text: str) -> Scenario:
    sc, problems = read_scenario_bytes(text.encode("utf-8"), "edited.yaml", use_cache=False)
    assert sc is not None, problems[:3]
    return sc


def edited(old: str, new: str) -> Scenario:
    text = original_text()
    assert text.count(old) >= 1, old
    return load_text(text.replace(old, new, 1))


def hashes(sc: Scenario, seed: int = 3) -> list[str]:
    players = {side: HistoryPlayer() for side in SIDES}
    return [state_hash(t.after) for t in play(sc, new_game(sc, seed), players, days=DAYS)]


@cache
def original() -> tuple[Scenario, list[str]]:
    sc = load_text(original_text())
    return sc, hashes(sc)


TEXT_EDITS = {
    "comment": ("# Kinmen 1958 (金門砲戰)", "# Kinmen 1958 (金門砲戰) -- a comment edited"),
    "english_rendering": (
        'en: "The fighting was fiercest between 23 August and 5 October 1958."',
        'en: "The fighting was at its fiercest from 23 August to 5 October 1958."',
    ),
    "assumption_reason": (
        "so only the crisis's political steps keep tension up",
        "so only the political steps of the crisis keep tension up",
    ),
    "quote": (
        'quote: "戰況最烈為1958年8月23日至10月5日之間"',
        'quote: "戰況最烈為1958年8月23日至10月5日"',
    ),
    "name": (
        'name: {en: "ROC Kinmen Defence Command",',
        'name: {en: "Kinmen Defense Command (ROC)",',
    ),
    "key_order": (
        'command_post_accuracy_weight: {value: 0.2, assumption: "Game-design weight: the PLA '
        "aimed at command posts first (重點集中指揮所、觀測所); a wrecked post costs less accuracy "
        'than losing its officers, since signals can move to other posts."}',
        'command_post_accuracy_weight: {assumption: "Game-design weight: the PLA aimed at '
        "command posts first (重點集中指揮所、觀測所); a wrecked post costs less accuracy than "
        'losing its officers, since signals can move to other posts.", value: 0.2}',
    ),
    "integer_written_as_float": ("    morale: 75\n", "    morale: 75.0\n"),
}


@pytest.mark.parametrize("edit", sorted(TEXT_EDITS))
def test_a_text_edit_changes_no_state_hash(edit):
    sc0, before = original()
    sc = edited(*TEXT_EDITS[edit])
    assert sc.sha256 != sc0.sha256  # the file did change
    assert rules_sha256(sc) == rules_sha256(sc0)
    assert hashes(sc) == before


def test_a_rule_number_changes_every_state_hash():
    sc0, before = original()
    sc = edited("tension_decay_per_day: {value: 0.9,", "tension_decay_per_day: {value: 0.8,")
    assert rules_sha256(sc) != rules_sha256(sc0)
    after = hashes(sc)
    assert len(after) == len(before) == DAYS
    assert all(a != b for a, b in zip(after, before, strict=True))


def test_what_the_rules_read_is_hashed_and_what_they_do_not_is_not():
    sc = tiny()
    content = rules_content(sc)
    assert content["rules"]["morale_recovery_per_day"] == {"value": 1.0}
    assert "name" not in content["sides"]["prc"] and content["sides"]["prc"]["morale"] == 70.0
    assert "summary" not in content["history"][0] and "orders" in content["history"][0]
    assert content["meta"] == {"start": "1958-08-23", "end": sc.meta.end.isoformat()}
    changed = {
        "rule": variant(sc, rules={"morale_recovery_per_day": 2.0}),
        "id": variant(sc, id="tiny2"),
        "history orders": variant(sc, history=sc.history[1:]),
        "event order": variant(sc, events=list(reversed(sc.events))),
    }
    assert len(sc.events) > 1
    for what, other in changed.items():
        assert rules_sha256(other) != rules_sha256(sc), what
    assert rules_sha256(variant(sc, sha256="0" * 64, file="elsewhere.yaml")) == rules_sha256(sc)
