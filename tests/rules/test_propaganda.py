"""Phase 8, propaganda: propaganda moves apply their effects after the day's fighting."""

from __future__ import annotations

import dataclasses

import pytest

from game.scenario.model import Effect
from game.scenario.orders import Fire, MakeMove
from tests.builder import run_day, start, tiny, variant
from tests.rules.expect import assert_mean, binomial_var, days, entry


@pytest.mark.parametrize("recovery", [0.0, 0.25, 1.0])
def test_a_broadcast_costs_roc_morale_before_the_drift_back(recovery):
    sc = variant(rules={"morale_recovery_per_day": recovery})  # prc_broadcast: morale.roc -1
    after, report = run_day(sc, start(sc), [MakeMove(move="prc_broadcast")])
    assert after.morale["roc"] == pytest.approx(sc.side("roc").morale - 1 + min(recovery, 1))
    assert [(e.phase, e.data["id"]) for e in report.of_kind("move")] == [
        ("propaganda", "prc_broadcast")
    ]


def _morale_move(kind: str):
    broadcast = next(m for m in tiny().moves if m.id == "prc_broadcast")
    return dataclasses.replace(
        broadcast, id=f"demoralise_{kind}", kind=kind, effects=[Effect(add="morale.prc", value=-50)]
    )


def test_propaganda_comes_after_the_bombardment_and_diplomacy_before_it():
    """The same move cuts the PLA's accuracy that day only when it is diplomacy."""
    sc = variant(moves=[_morale_move("propaganda"), _morale_move("diplomacy")])
    rounds = 1000
    fire = Fire(group="prc_guns", target="island_airfield", rounds=rounds)

    def hits(move: str | None, seeds=range(40)) -> list[int]:
        orders = [MakeMove(move=move), fire] if move else [fire]
        return [entry(rep, "fire")["hits"] for _, rep in days(sc, orders, seeds=seeds)]

    # Propaganda: the morning's accuracy, so the very same hits seed by seed.
    assert hits("demoralise_propaganda") == hits(None)
    # Diplomacy: morale 70 - 50 = 20 before the guns fire; accuracy 1 - w * (1 - 0.2).
    acc = 1 - sc.rule("morale_accuracy_weight") * (1 - (sc.side("prc").morale - 50) / 100)
    p = sc.rule("hit_chance_airfield") * acc
    got = hits("demoralise_diplomacy", seeds=range(2000))
    assert_mean(got, rounds * p, binomial_var(rounds, p), "hits after a diplomatic blow")
