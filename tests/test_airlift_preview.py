"""The airlift's preview agrees with the engine (issue 16's playtest: 2.3 t landed previewed,
19 t landed). The preview resolves the day with the engine's own rules, so it agrees with the
mean of many seeded resolutions of the same orders; the playtest's gap was a patrol given
after the airlift: the airlift's preview, worked out before, had no fighter cover in it (the
transports' losses hang on the enemy's patrols against one's own). The preview now names the
patrols it counts as cover and the enemy's patrols met."""

from __future__ import annotations

import math
import statistics

import pytest

from game.ai.players import make_player
from game.engine.preview import preview
from game.engine.resolve import resolve_checked
from game.engine.rng import seed_state
from game.engine.run import ask_all, ask_orders
from game.engine.state import new_game
from game.scenario.orders import Airlift, AirSortie
from tests.builder import shipped_scenario
from tests.test_ui_app import run

LIFT = Airlift(air_unit="roc_c46", sorties=15, cargo={"food": 30.0}, land=False)
PATROL = AirSortie(air_unit="roc_f86", sorties=40, mission="patrol")
TRIALS = 200


@pytest.fixture(scope="module")
def day5():
    """The 1958 scenario's fifth morning after normal AI play, and the PLA's orders then."""
    sc = shipped_scenario()
    state = new_game(sc, 1)
    players = {"prc": make_player("ai:normal", 11), "roc": make_player("ai:normal", 12)}
    for _ in range(4):
        state, _ = resolve_checked(sc, state, ask_all(sc, state, players))
    enemy = ask_orders(sc, state, "prc", make_player("ai:normal", 1000))
    assert any(isinstance(o, AirSortie) and o.mission == "patrol" for o in enemy)
    return sc, state, enemy


def _landed(sc, state, roc, prc) -> list[float]:
    out = []
    for k in range(TRIALS):
        trial = state.clone()
        trial.rng = seed_state(90_000 + k)
        _, report = resolve_checked(sc, trial, {"roc": roc, "prc": prc})
        out += [e.data["landed"] for e in report.entries if e.kind == "airlift"]
    return out


@pytest.mark.parametrize("cover", [False, True], ids=["alone", "with-a-patrol"])
def test_previewed_tons_are_the_mean_of_the_resolutions(day5, cover):
    """The preview's expected tons landed equal the mean over seeded resolutions of the same
    day, within their sampling error; with a patrol the order the two are given in does not
    matter (the preview has the patrol first, the day the airlift first)."""
    sc, state, enemy = day5
    given = [PATROL, LIFT] if cover else [LIFT]
    pv = preview(sc, state, "roc", given, samples=TRIALS, seed=7, enemy_plans=[enemy])
    st = pv.orders[len(given) - 1]["landed"]
    played = [LIFT, PATROL] if cover else [LIFT]
    tons = _landed(sc, state, played, enemy)
    mean, sd = statistics.mean(tons), statistics.stdev(tons)
    error = 3 * math.sqrt(st.sd**2 / st.n + sd**2 / len(tons))
    assert abs(st.mean - mean) <= error + 0.5, (st.mean, mean, error)
    assert pv.orders[len(given) - 1]["enemy_patrols"].mean > 0


def test_a_patrol_covers_the_airlift(day5):
    """The playtest's case: the same airlift lands several times the tons with 40 patrol
    sorties flying (the preview without them said 2-3 t, the report 19 t)."""
    sc, state, enemy = day5
    alone = statistics.mean(_landed(sc, state, [LIFT], enemy))
    covered = statistics.mean(_landed(sc, state, [LIFT, PATROL], enemy))
    assert covered > 3 * alone


def _planning_screen(lang: str, side: str):
    """A game screen of a new game against the normal AI, planning `side`'s first day."""
    pytest.importorskip("pygame_gui")
    from game.ui.app import App
    from game.ui.screens.game import GameScreen
    from game.ui.session import Mode, Session
    from game.ui.settings import Settings

    app = App((1280, 720), Settings(lang=lang, sound=False), persist=False)
    app.settings.guide = False
    screen = GameScreen(app, Session.new(app.scenario(), Mode("ai", side, "normal"), 1))
    app.start(screen)
    run(app, 2)
    return app, screen


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_airlift_form_names_its_cover(lang, own_user_dirs):
    """The airlift form's preview says how many of the side's patrol sorties it counts as
    cover, and shows the enemy's patrols met."""
    app, screen = _planning_screen(lang, "roc")
    screen.session.orders().append(AirSortie(air_unit="roc_f86", sorties=12, mission="patrol"))
    screen.open_form("airlift")
    run(app, 1)
    screen.compute_preview(wait=True)
    run(app, 1)
    assert screen.reason is None
    lines = screen.preview_lines()
    cover = app.loc.t("game.airlift_cover", n=12)
    assert cover in lines and "12" in cover
    assert any(line.startswith(app.loc.t("fig.enemy_patrols")) for line in lines)
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_counter_battery_preview_says_its_targets_are_not_in_sight(lang, own_user_dirs):
    """The playtest's case: a counter-battery order forecast 130 hits at batteries not in
    sight, and 429 came: a recon flight given after it spotted them before the guns fired.
    The preview says so until a recon flight is among the day's orders (then it counts
    the flight's chance of spotting)."""
    app, screen = _planning_screen(lang, "prc")
    sc = screen.session.sc
    screen.open_form("counter")
    run(app, 1)
    screen.compute_preview(wait=True)
    run(app, 1)
    note = app.loc.t(
        "game.unspotted_targets", n=screen.unspotted_targets(screen.form.orders()), pct=30
    )
    assert screen.unspotted_targets(screen.form.orders()) >= 1
    assert note in screen.preview_lines() and "30" in note
    screen.close_form()
    recon = next(a for a in sc.air if a.side == "prc" and a.role != "transport")
    screen.session.orders().append(AirSortie(air_unit=recon.id, sorties=4, mission="recon"))
    screen.open_form("counter")
    run(app, 1)
    screen.compute_preview(wait=True)
    run(app, 1)
    assert screen.preview_lines() and note not in screen.preview_lines()
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_counter_battery_plan_is_announced_as_counter_battery(lang, own_user_dirs):
    """ "All batteries in reach" on a counter-battery form gives several orders: the note
    calls them counter-battery orders, not fire orders (the playtest read "5 fire orders")."""
    app, screen = _planning_screen(lang, "prc")
    screen.open_form("counter")
    screen.form.values["together"] = True
    n = len(screen.form.orders())
    assert n > 1
    screen.give()
    assert app.loc.t("game.plan_given_counter", n=n, order="X").split("X")[0] in screen.note
    app.quit()
