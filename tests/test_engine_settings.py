"""Every rule number matters, and every ending can be reached."""

from __future__ import annotations

import dataclasses

import pytest

from game.ai.players import HoldPlayer, RandomPlayer
from game.engine.legality import check_order
from game.engine.observe import observe
from game.engine.resolve import resolve
from game.engine.state import state_hash
from game.scenario.catalogue import RULES
from game.scenario.orders import Airlift, AirSortie, Convoy, Fire, MakeMove, NavalSortie
from tests.builder import replace_item, start, tiny, variant


def _script(sc, seed):
    """Five days that walk through every phase: commanders, recon, air, boats, escorts, amtracs,
    airlift landing or dropping, a broken halt, US escorts, counter-battery."""
    st = start(sc, seed)
    hashes = []
    days = [
        (
            [
                Fire(group="prc_guns", target="island_cp", rounds=2000),
                Fire(group="prc_guns", target="island_airfield", rounds=2000),
                Fire(group="prc_coastal", target="island_pier", rounds=300),
                NavalSortie(ship_class="prc_torpedo", boats=12),
                AirSortie(air_unit="prc_mig", sorties=30),
                AirSortie(air_unit="prc_mig", sorties=6, mission="recon"),
            ],
            [
                Convoy(
                    ship_class="roc_lst",
                    ships=3,
                    cargo={"food": 600, "ammo": 200},
                    beach="island_pier",
                    escort_class="roc_patrol",
                    escorts=2,
                    amtracs=4,
                ),
                Airlift(air_unit="roc_c46", sorties=10, cargo={"food": 40}),
                AirSortie(air_unit="roc_f86", sorties=20),
                AirSortie(air_unit="roc_f86", sorties=4, mission="recon"),
                Fire(group="roc_guns", target="prc_guns", rounds=1200),
            ],
        ),
        (
            [
                MakeMove(move="prc_halt"),
                MakeMove(move="prc_broadcast"),
                Fire(group="prc_guns", target="island_pier", rounds=3000),
                AirSortie(air_unit="prc_mig", sorties=40),
            ],
            [
                Airlift(air_unit="roc_c46", sorties=20, cargo={"food": 80}, land=True),
                Convoy(
                    ship_class="roc_lst",
                    ships=2,
                    cargo={"food": 500},
                    beach="island_pier",
                    night=True,
                ),
            ],
        ),
        (
            [
                Fire(group="prc_guns", target="roc_guns", rounds=1500, break_halt=True),
                Fire(group="prc_guns", target="island_town", rounds=600, break_halt=True),
                Fire(group="prc_guns", target="island_beach_south", rounds=600, break_halt=True),
                Fire(group="prc_guns", target="island_battery_area", rounds=600, break_halt=True),
                Fire(group="prc_guns", target="island_op", rounds=600, break_halt=True),
                NavalSortie(ship_class="prc_torpedo", boats=10),
            ],
            [
                Convoy(
                    ship_class="roc_lst",
                    ships=1,
                    cargo={"food": 300},
                    beach="island_pier",
                    night=True,
                ),
                Fire(group="roc_guns", target="prc_coastal", rounds=1000),
            ],
        ),
    ]
    for prc, roc in days:
        legal = {}
        for side, orders in (("prc", prc), ("roc", roc)):
            kept = []
            for o in orders:
                if isinstance(o, Airlift) and o.land and check_order(sc, st, side, o, kept):
                    o = dataclasses.replace(o, land=False)
                if check_order(sc, st, side, o, kept) is None:
                    kept.append(o)
            legal[side] = kept
        st, _ = resolve(sc, st, legal)
        hashes.append(state_hash(st))
    g = st.groups["roc_guns"]
    most = int(g.guns * 60 * (1.0 - g.suppressed))
    if most > 0:
        st, _ = resolve(
            sc, st, {"prc": [], "roc": [Fire(group="roc_guns", target="prc_cp", rounds=most)]}
        )
    hashes.append(state_hash(st))
    st.flags["us_escort"] = True
    us = Convoy(
        ship_class="roc_lst", ships=1, cargo={"food": 300}, beach="island_pier", us_escort=True
    )
    boats = NavalSortie(ship_class="prc_torpedo", boats=8)
    if check_order(sc, st, "roc", us) is None and check_order(sc, st, "prc", boats) is None:
        st, _ = resolve(sc, st, {"prc": [boats], "roc": [us]})
    hashes.append(state_hash(st))
    return hashes


def _random_game(sc, seed, prc, roc):
    st = start(sc, seed)
    players = {"prc": prc, "roc": roc}
    out = []
    while not st.over:
        st, _ = resolve(
            sc, st, {s: players[s].orders(sc, observe(sc, st, s)) for s in ("prc", "roc")}
        )
        out.append(state_hash(st))
    return out


def fingerprint(sc) -> tuple:
    prints = []
    for seed in (1, 2, 3):
        prints += _script(sc, seed)
    for seed in (1, 2):
        prints += _random_game(sc, seed, RandomPlayer(seed), RandomPlayer(seed + 10))
    starved = variant(
        sc,
        supply=dataclasses.replace(
            sc.supply, kinds=replace_item(list(sc.supply.kinds), "food", stock_t=450)
        ),
    )
    prints += _random_game(starved, 4, HoldPlayer(), HoldPlayer())
    return tuple(prints)


def _alternatives(name: str, value: float) -> list[float]:
    spec = RULES[name]
    cands = [value * 0.5, value * 1.5, spec.min, spec.max, (spec.min + spec.max) / 2]
    out = []
    for c in cands:
        c = min(spec.max, max(spec.min, c))
        if name in ("spot_days", "commander_recovery_days"):
            c = float(round(c)) or 1.0
        if c != value and c not in out:
            out.append(c)
    return out


def test_no_dead_settings():
    sc = tiny()
    base = fingerprint(sc)
    dead = []
    for name, rule in sc.rules.items():
        for alt in _alternatives(name, rule.value):
            if fingerprint(variant(sc, rules={name: alt})) != base:
                break
        else:
            dead.append(name)
    assert not dead, f"changing these rules changes nothing: {dead}"


def _end(sc, prc=None, roc=None, seed=1):
    st = start(sc, seed)
    prc = prc or HoldPlayer()
    roc = roc or HoldPlayer()
    while not st.over:
        st, _ = resolve(
            sc,
            st,
            {
                "prc": prc.orders(sc, observe(sc, st, "prc")),
                "roc": roc.orders(sc, observe(sc, st, "roc")),
            },
        )
    return st


def test_blockade_succeeds_when_no_supplies_get_through():
    sc = tiny()
    sc = variant(
        sc,
        supply=dataclasses.replace(
            sc.supply, kinds=replace_item(list(sc.supply.kinds), "food", stock_t=300)
        ),
    )
    st = _end(sc)
    assert (st.ending, st.winner) == ("blockade", "prc")
    assert st.day < sc.days


def test_garrison_breaks():
    sc = tiny()
    sc = variant(sc, sides={**sc.sides, "roc": dataclasses.replace(sc.sides["roc"], morale=9)})
    st = _end(sc)
    assert (st.ending, st.winner) == ("garrison_breaks", "prc")


class _Provoker:
    """Shells with everything, every day."""

    def orders(self, sc, obs):
        rounds = min(4000, obs.groups["prc_guns"].ammo)
        return [Fire(group="prc_guns", target="island_cp", rounds=rounds)] if rounds else []


def test_runaway_tension_ends_badly_for_both():
    sc = variant(tiny(), rules={"tension_per_10000_rounds": 40.0})
    st = _end(sc, prc=_Provoker())
    assert (st.ending, st.winner) == ("runaway_tension", "none")


def test_island_holds_when_supplied():
    st = _end(tiny())
    assert (st.ending, st.winner) == ("island_holds", "roc")
    assert st.score is not None


@pytest.mark.parametrize("seed", [1, 2])
def test_score_is_between_0_and_100(seed):
    st = _end(tiny(), RandomPlayer(seed), RandomPlayer(seed + 1), seed)
    assert 0 <= st.score <= 100
