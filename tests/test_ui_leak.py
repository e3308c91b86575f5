"""The UI's leak test: what a side is shown depends only on its observation.

Over reachable states of the tiny scenario and of the 1958 one (random and AI turns), a twin
state differs only in what the visibility table hides from side S (enemy guns, ammunition,
suppression and losses of batteries out of sight, ships in port and at sea, aircraft, morale,
fire control, the besieged side's stocks; `tests.test_observe.hidden_twin`), and the twin's
report carries an entry S may not read. For S the two must give the same observation, the
same pixels of the game screen (map and status panel, drawn afresh), the same tooltip for every
battery, target and place, the same status text, and the same report lines, report pixels and
event pop-ups. And the 1958 regression: as the PLA on 23 August no tooltip, click or map pixel
betrays the ROC 8-inch batteries (their range, strength or arrival date).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ai.players import make_player  # noqa: E402
from game.engine.observe import entry_visible_to, observe  # noqa: E402
from game.engine.report import Entry, Report  # noqa: E402
from game.engine.resolve import resolve  # noqa: E402
from game.engine.state import State, new_game  # noqa: E402
from game.scenario.model import SIDES, Scenario, other  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens import forces_panel, status_panel  # noqa: E402
from game.ui.screens.game import GameScreen  # noqa: E402
from game.ui.screens.report import ReportScreen, popup_events  # noqa: E402
from game.ui.session import Mode, Session  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.builder import TINY  # noqa: E402
from tests.test_observe import hidden_twin, reachable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KINMEN = ROOT / "scenarios" / "kinmen_1958.yaml"


@pytest.fixture(autouse=True)
def _dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("KINMEN1958_DATA_DIR", str(base / "data"))


@cache
def app_for(path: Path) -> tuple[App, Scenario]:
    """One window per scenario for the whole module (a window costs a second to open)."""
    app = App((1100, 640), Settings(lang="en", sound=False), persist=False, scenario_path=path)
    sc, err = app.try_scenario()
    assert sc is not None, err
    return app, sc


@dataclasses.dataclass(eq=False)  # hashable by identity: the trends keep a game's days
class FixedGame:
    """A game standing still on one state (the screens read `state`; nothing is played)."""

    state: State
    seed: int = 1

    @property
    def day(self) -> int:
        return self.state.day

    @property
    def record(self) -> SimpleNamespace:
        """No turn played: nothing to repeat from yesterday."""
        return SimpleNamespace(turns=[])

    def state_at(self, day: int) -> State:
        """Every morning looks like today (the trends then read only `state`)."""
        return self.state

    def advance(self, state: State) -> tuple[State, None]:
        return self.state, None


def session_on(sc: Scenario, state: State, side: str, report: Report | None) -> Session:
    s = Session(sc, FixedGame(state), Mode("ai", side, "normal"))
    s.side = side
    s.last_report = report
    return s


def fresh(app: App) -> None:
    """Forget every picture the map keeps, so each render draws from its inputs (and the
    shared map's animations of the previous report screen)."""
    for mv in app._maps.values():
        mv._scene_cache = None
        mv._craters = None
        mv.play_report(None)


def pixels(surface: Any) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def shown_to(app: App, sc: Scenario, state: State, side: str, report: Report) -> dict[str, Any]:
    """Everything the game and report screens show `side` of `state` (and of `report`)."""
    session = session_on(sc, state, side, report)
    out: dict[str, Any] = {"observation": session.observation()}
    for tab in ("orders", "status", "forces"):
        scr = GameScreen(app, session)
        scr.tab = tab
        app.switch(scr)
        fresh(app)
        written: list[str] = []
        real = status_panel.text
        real_forces = forces_panel.text

        def recording(surf: Any, font: Any, txt: str, *a: Any, _w=written, _r=real, **kw: Any):
            _w.append(txt)
            return _r(surf, font, txt, *a, **kw)

        status_panel.text = recording  # type: ignore[attr-defined]
        forces_panel.text = recording  # type: ignore[attr-defined]
        try:
            out[f"pixels.{tab}"] = pixels(app.draw())
        finally:
            status_panel.text = real  # type: ignore[attr-defined]
            forces_panel.text = real_forces  # type: ignore[attr-defined]
        out[f"text.{tab}"] = written
    ids = [g.id for g in sc.artillery] + [t.id for t in sc.targets] + [p.id for p in sc.places]
    out["tips"] = {i: scr.tip_lines(i) for i in ids}
    out["clicks"] = {i: scr.click_kind(i) for i in ids}
    at = {}
    for i in ids:
        pos = scr.map.thing_screen_pos(i)
        if pos is not None:
            at[i] = scr.map.thing_at((round(pos[0]), round(pos[1])))
    out["thing_at"] = at
    rep = ReportScreen(app, session, report, side, lambda: scr)
    app.switch(rep)
    fresh(app)
    out["report.lines"] = [(ln.text, ln.colour) for ln in rep.lines()]
    out["report.events"] = [e.id for e in popup_events(session, rep.seen)]
    out["report.pixels"] = pixels(app.draw())
    return out


def hidden_entry(sc: Scenario, side: str) -> Entry | None:
    """An entry `side` may not read (the besieged side's shortage, while its stocks are hidden)."""
    kind = sc.supply.kinds[0].id
    e = Entry("supply", sc.cast.besieged, "shortage", f"short of {kind}", {"kinds": [kind]})
    e.visible_to = entry_visible_to(sc, e)
    return e if side not in e.visible_to else None


def played(sc: Scenario, seed: int, days: int, mix: tuple[str, str]) -> tuple[State, Report]:
    """A reachable state (`days` turns, at least one) and the report of the day that led to it."""
    state = reachable(sc, seed, max(0, days - 1), mix)
    orders = {s: [] for s in SIDES}
    if not state.over:
        players = {s: make_player(mix[i], seed + i) for i, s in enumerate(SIDES)}
        orders = {s: players[s].orders(sc, observe(sc, state, s)) for s in SIDES}
    return resolve(sc, state, orders) if not state.over else (state, Report("", state.day))


def check_no_leak(path: Path, seed: int, days: int, mix: tuple[str, str], k: int) -> None:
    app, sc = app_for(path)
    state, report = played(sc, seed, days, mix)
    if state.over:
        return  # the end of the game reveals everything (docs/ui.md)
    for side in SIDES:
        twin = hidden_twin(sc, state, side, k)
        twin_report = Report(report.date, report.day, list(report.entries))
        extra = hidden_entry(sc, side)
        if extra is not None:
            twin_report.entries.append(extra)
        a = shown_to(app, sc, state, side, report)
        b = shown_to(app, sc, twin, side, twin_report)
        assert a.keys() == b.keys()
        for key in a:
            assert a[key] == b[key], f"{path.name} day {state.day}: {key} leaks to {side}"


MIX = st.sampled_from([("random", "random"), ("ai:easy", "random"), ("random", "ai:easy")])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), days=st.integers(0, 10), mix=MIX, k=st.integers(1, 1000))
def test_tiny_screens_show_a_side_only_its_observation(seed, days, mix, k):
    check_no_leak(TINY, seed, days, mix, k)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), days=st.integers(0, 6), mix=MIX, k=st.integers(1, 1000))
def test_1958_screens_show_a_side_only_its_observation(seed, days, mix, k):
    check_no_leak(KINMEN, seed, days, mix, k)


def test_the_twins_do_differ_where_the_table_hides():
    """The leak test means something only if the twin really changes hidden figures that the
    side's own screens do show (to the side that owns them)."""
    _app, sc = app_for(TINY)
    state = reachable(sc, 3, 4, ("random", "random"))
    for side in SIDES:
        twin = hidden_twin(sc, state, side, 7)
        assert observe(sc, state, other(side)) != observe(sc, twin, other(side))


def test_as_the_pla_on_23_august_the_8_inch_guns_are_not_there():
    app, sc = app_for(KINMEN)
    state = new_game(sc, 1958)
    eights = [g for g in sc.artillery if g.side == "roc" and g.shell_kg >= 80]
    assert eights and all(g.available_from for g in eights)
    shown = shown_to(app, sc, state, "prc", Report(str(sc.meta.start), 0))
    for g in eights:
        assert shown["tips"][g.id] == []
        assert shown["clicks"][g.id] is None
        assert shown["thing_at"].get(g.id) is None
        assert not shown["observation"].groups[g.id].exists
    words = " ".join(str(x) for v in shown["tips"].values() for x in v)
    assert "Joins the battle" not in words and "September" not in words
    # the map's pixels are those of a state without the 8-inch guns at all, even with the
    # mouse on where they would be (no range ring, no highlight, no tooltip)
    session = session_on(sc, state, "prc", None)
    scr = GameScreen(app, session)
    app.switch(scr)
    fresh(app)
    where = scr.map.thing_screen_pos(eights[-1].id)
    assert where is not None
    scr.hover = (round(where[0]), round(where[1]))
    with_mouse = pixels(app.draw())
    scr.hover = None
    fresh(app)
    assert pixels(app.draw()) == with_mouse
    # the ROC sees its own waiting battery, with its arrival date and strength
    scr = GameScreen(app, session_on(sc, state, "roc", None))
    app.switch(scr)
    tip = " ".join(t for t, _ in scr.tip_lines(eights[-1].id))
    assert "Joins the battle" in tip and f"{eights[-1].guns} of {eights[-1].guns}" in tip


def test_watching_and_the_end_of_the_game_show_everything():
    _app, sc = app_for(TINY)
    state = reachable(sc, 5, 3, ("random", "random"))
    watch = Session(sc, FixedGame(state), Mode("watch"))
    obs = watch.observation()
    assert all(g.known for g in obs.groups.values())
    assert None not in obs.supply.values() and None not in obs.morale.values()
    played = session_on(sc, state, "prc", None)
    assert None in played.observation().supply.values() or sc.sight.supply == "public"
