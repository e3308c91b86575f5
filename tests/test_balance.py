"""The balance report (issue 17): halts are counted from the moves made, each game's result for
the besieger is scored the same way everywhere, the targets are checked against the figures,
the first days' choices are counted without their sizes, and the besieger reckons a halt
affordable only when the garrison cannot use the free days to escape the blockade."""

from __future__ import annotations

from game.ai.balance import TARGETS, besieger_result, choice, first_day_choices, report
from game.ai.besieger import blockade_line, halt_affordable, halt_length
from game.engine.belief import belief
from game.engine.observe import observe
from game.engine.state import new_game
from game.history.sweep import halt_summary, halts_declared, play_game, summarise, wilson
from game.scenario.orders import Convoy, Fire, MakeMove
from tests.builder import shipped_scenario

kinmen = shipped_scenario


def _game(seed: int, winner: str, halts: int) -> dict:
    return {
        "seed": seed,
        "winner": winner,
        "ending": "x",
        "days": 70,
        "halts": halts,
        "food_days": 5.0,
        "morale_besieged": 50.0,
        "besieger": "prc",
        "state_hash": "",
        **{k: 0.0 for k in ("tons_landed", "tons_lost", "shells_prc", "shells_roc")},
        **{k: 0.0 for k in ("morale_besieged", "tension", "score")},
    }


def test_besieger_result_scores_runaway_as_a_loss() -> None:
    assert besieger_result({"winner": "prc"}, "prc") == 1
    assert besieger_result({"winner": "draw"}, "prc") == 0
    assert besieger_result({"winner": "roc"}, "prc") == -1
    assert besieger_result({"winner": "none"}, "prc") == -1


def test_halts_are_counted_by_move_kind() -> None:
    sc = kinmen()
    made = ["prc_declare_halt", "prc_extend_halt", "prc_broadcast", "prc_declare_halt"]
    assert halts_declared(sc, made) == 2
    assert halts_declared(sc, ["prc_resume_shelling", "prc_odd_day_shelling"]) == 0


def test_halt_summary_and_report_check_the_targets() -> None:
    # 40 PLA wins, 40 ROC wins, 20 draws; 12 halting games, 8 of them won by the PLA
    games = [_game(i, "prc", 1 if i < 8 else 0) for i in range(40)]
    games += [_game(40 + i, "roc", 1 if i < 2 else 0) for i in range(40)]
    games += [_game(80 + i, "draw", 1 if i < 2 else 0) for i in range(20)]
    h = halt_summary(games)
    assert h["games"] == 12 and h["share"] == 0.12
    assert (h["low"], h["high"]) == wilson(12, 100)
    assert h["besieger_result_halted"] == round((8 - 2) / 12, 2)
    assert h["besieger_result_not"] == round((32 - 38) / 88, 2)
    setting = summarise({}, games)
    assert [r["seed"] for r in setting["results"]] == list(range(100))
    rep = report(setting, "prc")
    assert rep["checks"] == {
        "prc_wins": True,
        "roc_wins": True,
        "draws": True,
        "halts": True,
        "halts_worth_it": True,
    }
    # one draw more and one ROC win less breaks the draw target only
    games[40] = _game(40, "draw", 1)
    rep = report(summarise({}, games), "prc")
    assert rep["wins"]["draw"]["share"] > TARGETS["draws"]
    assert not rep["checks"]["draws"] and rep["checks"]["roc_wins"]
    # no halting game at all: the halt targets are not met
    rep = report(summarise({}, [{**g, "halts": 0} for g in games]), "prc")
    assert not rep["checks"]["halts"] and not rep["checks"]["halts_worth_it"]


def test_choice_leaves_out_the_sizes() -> None:
    a = Fire(group="prc_dadeng_152", target="roc_liaoluo_beach", rounds=200)
    b = Fire(group="prc_dadeng_152", target="roc_liaoluo_beach", rounds=5000)
    assert choice(a) == choice(b) == "fire prc_dadeng_152 -> roc_liaoluo_beach"
    day = Convoy(ship_class="roc_lst", ships=2, cargo={"food": 100}, beach="b", night=False)
    night = Convoy(ship_class="roc_lst", ships=1, cargo={"food": 300}, beach="b", night=True)
    assert choice(day) != choice(night)
    assert choice(MakeMove(move="prc_broadcast")) == "move prc_broadcast"


def test_first_day_choices_counts_each_side() -> None:
    sc = kinmen()
    got = first_day_choices(sc, range(1, 3), days=1, prc="ai:easy", roc="ai:easy")
    for side in ("prc", "roc"):
        assert 1 <= got[side]["choices"] <= got[side]["orders"]
        assert 1 <= got[side]["plans"] <= 2


def test_the_blockade_line_is_read_from_the_endings() -> None:
    sc = kinmen()
    # the running blockade (3 days of food, 5 days) and the one on the last day (5 days of
    # food, 1 day): the last day's is the one the besieger reckons with
    assert blockade_line(sc) == (5.0, 1)
    assert halt_length(sc.move("prc_declare_halt")) == 7
    assert halt_length(sc.move("prc_extend_halt")) == 14


def test_a_halt_is_affordable_only_when_the_garrison_cannot_use_it() -> None:
    sc = kinmen()
    st = new_game(sc, 1)
    v = observe(sc, st, "prc")
    # the first morning: every transport afloat, four weeks of food, ten weeks to go
    assert not halt_affordable(sc, belief(sc, v, 0), v, 7)
    # late in the game, the garrison starving and its transports, tractors and aircraft gone
    late = st.clone()
    late.day = 40
    late.supply["food"] = 120.0
    for c in sc.ships:
        if c.side == "roc" and c.role in ("transport", "amtrac"):
            late.ships[c.id] = 0
    for a in sc.air:
        if a.side == "roc" and a.cargo_t > 0:
            late.aircraft[a.id] = 0.0
    lv = observe(sc, late, "prc")
    known = belief(sc, lv, 0)
    for c in sc.ships:
        if c.side == "roc" and c.role in ("transport", "amtrac"):
            known.ships[c.id] = 0
    for a in sc.air:
        if a.side == "roc" and a.cargo_t > 0:
            known.aircraft[a.id] = 0.0
    assert halt_affordable(sc, known, lv, 7)
    # ... but not on the eve of the last day, when the halt would outlast the game
    lv_end = observe(sc, _at_day(late, sc.days - 3), "prc")
    assert not halt_affordable(sc, known, lv_end, 7)


def _at_day(st, day):  # type: ignore[no-untyped-def]
    out = st.clone()
    out.day = day
    return out


def test_a_sweep_game_records_its_halts() -> None:
    sc = kinmen()
    g = play_game(sc, 3, "history", "history")
    # the record declares the halt of 5 October once (the extension is not a new halt)
    assert g["halts"] == 1
    assert g["besieger"] == "prc" and g["food_days"] > 7


def test_the_garrison_sails_a_halt_by_day_until_one_is_voided() -> None:
    from game.ai.besieged import besieged_posture
    from game.engine.rng import Rng

    sc = kinmen()
    st = new_game(sc, 1)
    st.day = 20
    st.halt_days = 5
    st.flags["halt_declared"] = True
    st.moves_made = ["prc_declare_halt"]
    v = observe(sc, st, "roc")
    assert not besieged_posture(sc, belief(sc, v, 0), v, Rng(1)).night
    # the besieger voided a halt before: this one may be voided this morning too
    st.moves_made = ["prc_declare_halt", "prc_resume_shelling", "prc_declare_halt"]
    v = observe(sc, st, "roc")
    assert besieged_posture(sc, belief(sc, v, 0), v, Rng(1)).night


def _last_day(sc, food_days: float, morale: float | None = None):  # type: ignore[no-untyped-def]
    """The 1958 game played through its last day from a state with `food_days` of food left
    after that day's use, no orders given (nothing lands, nothing is fired) and no event left
    to fire."""
    from game.engine.resolve import resolve

    st = new_game(sc, 1)
    st.day = sc.days - 1
    use = next(k.daily_use_t for k in sc.supply.kinds if k.id == "food")
    st.supply["food"] = (food_days + 1) * use
    if morale is not None:
        st.morale[sc.cast.besieged] = morale
    st.tension = 20.0
    # every triggered event has had its day (the US logistics one would land food)
    st.events_fired = [e.id for e in sc.events]
    after, _ = resolve(sc, st, {"prc": [], "roc": []})
    return after


def test_the_last_day_decides_by_the_garrison_s_food() -> None:
    sc = kinmen()
    assert (_last_day(sc, 2.0).ending, _last_day(sc, 2.0).winner) == ("blockade_at_end", "prc")
    # under five days on the last day: the garrison could not outlast one more failed convoy
    assert (_last_day(sc, 4.0).ending, _last_day(sc, 4.0).winner) == ("blockade_at_end", "prc")
    assert (_last_day(sc, 6.0).ending, _last_day(sc, 6.0).winner) == ("island_holds", "roc")
    # fed but broken: the stalemate
    fed_broken = _last_day(sc, 6.0, morale=25.0)
    assert (fed_broken.ending, fed_broken.winner) == ("political_draw", "draw")
