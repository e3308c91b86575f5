"""The UI's session: previews see only what the side knows; sample games leave saves alone."""

from __future__ import annotations

import pytest

from game.engine.observe import observe
from game.engine.preview import preview
from game.scenario.orders import Fire
from game.ui.i18n import Locale
from game.ui.savelist import all_saves, describe, latest
from game.ui.session import Mode, Session, campaign_dir, estimated_state
from tests.builder import start, tiny

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize("side", ["prc", "roc"])
def test_estimate_changes_only_what_view_hides(side):
    sc = tiny()
    st = start(sc, day=3)
    enemy = "roc" if side == "prc" else "prc"
    for g in sc.artillery:
        gs = st.groups[g.id]
        gs.guns, gs.destroyed, gs.suppressed = 1, g.guns - 1, 0.5
    spotted = next(g for g in sc.artillery if g.side == enemy)
    st.groups[spotted.id].spotted_until = 5  # in sight: known as it is
    for k in st.ships:
        st.ships[k] = 0
    for k in st.aircraft:
        st.aircraft[k] = 1.0
    st.morale = {s: 5.0 for s in st.morale}
    st.supply = {k: 1.0 for k in st.supply}
    est = estimated_state(sc, st, side)
    assert observe(sc, est, side) == observe(sc, st, side)
    for g in sc.artillery:
        if g.side == enemy and g.id != spotted.id:
            assert est.groups[g.id].guns == g.guns  # the scenario's strength
            assert est.groups[g.id].destroyed == 0
        else:
            assert est.groups[g.id].guns == 1
    assert est.morale[enemy] == float(sc.side(enemy).morale)
    assert est.morale[side] == 5.0
    assert st.groups[sc.artillery[0].id].guns == 1  # the true state is left alone


def test_preview_does_not_betray_an_unspotted_battery():
    sc = tiny()
    session = Session.new(sc, Mode("ai", "roc", "normal"), 1)
    order = Fire(group="roc_guns", target="prc_guns", rounds=1200)
    assert session.check(order) is None
    shown = session.preview(order).likely
    st = session.state
    st.groups["prc_guns"].guns = 0  # silenced, but the ROC has not seen it
    st.groups["prc_guns"].destroyed = sc.group("prc_guns").guns
    assert st.groups["prc_guns"].spotted_until < st.day
    assert session.preview(order).likely == shown
    # the engine's preview on the true state would have told: nothing left to destroy
    raw = preview(sc, st, "roc", [order], (), 40, seed=st.day + 1)
    assert raw.orders[0]["destroyed"].mean == 0.0 < shown.orders[0]["destroyed"].mean


def test_sample_games_write_no_autosave(tmp_path):
    from game.ui.screenshots import demo_session

    class FakeApp:
        pass

    session = demo_session(FakeApp(), tiny(), turns=2)
    assert session.state.day == 2
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("autosave*"))


def test_autosave_side_files_follow_the_autosaves(tmp_path):
    session = Session.new(tiny(), Mode("ai", "roc", "easy"), 1)
    for _ in range(6):
        session.resolve()
    folder = campaign_dir(tmp_path / "data" / "saves", session.sc.id, 1)
    saves = sorted(p.name for p in folder.glob("autosave-*.json") if "mode" not in p.name)
    sides = sorted(p.name[: -len(".mode.json")] for p in folder.glob("autosave-*.mode.json"))
    assert saves and sides == saves


def test_continue_reads_only_the_newest_saves(tmp_path, monkeypatch):
    """The main menu's "Continue" asks for the latest save at every launch: the saves are
    read newest first, only until one has a day (not every save, each a whole game)."""
    import os

    from game.ui import savelist

    session = Session.new(tiny(), Mode("ai", "roc", "easy"), 1)
    for _ in range(4):
        session.resolve()
    folder = tmp_path / "data" / "saves"
    paths = [p for p, _auto in savelist._save_paths(folder)]
    assert len(paths) >= 3
    newest = max(paths, key=lambda p: (p.stat().st_mtime, p.name))
    broken = newest.with_name("zz-broken.json")  # newer still, but without a day
    broken.write_text("{}", encoding="utf-8")
    stamp = newest.stat().st_mtime + 10
    os.utime(broken, (stamp, stamp))
    read = []
    real = savelist.read_info
    monkeypatch.setattr(savelist, "read_info", lambda p, auto: read.append(p) or real(p, auto))
    info = latest(folder)
    assert info is not None and info.path == newest and info.day is not None
    assert read == [broken, newest]


def test_a_new_campaign_keeps_the_last_ones_autosaves(tmp_path):
    """Autosaves are kept per campaign; the save list names scenario, sides and day."""
    first = Session.new(tiny(), Mode("ai", "roc", "hard"), 1)
    for _ in range(3):
        first.resolve()
    second = Session.new(tiny(), Mode("hotseat", "roc", "normal"), 2)
    second.resolve()
    infos = all_saves(tmp_path / "data" / "saves")
    by_seed = {(i.seed, i.day) for i in infos}
    assert {(1, 1), (1, 2), (1, 3), (2, 1)} <= by_seed
    newest = latest(tmp_path / "data" / "saves")
    assert newest is not None and newest.seed == 2 and newest.day == 1
    assert newest == next(i for i in infos if i.day is not None)  # the list's first with a day
    assert newest.mode == Mode("hotseat", "roc", "normal")
    hard = next(i for i in infos if i.seed == 1 and i.day == 3)
    line = describe(hard, Locale("en"), "Tiny", "2026-01-01 10:00")
    assert line == (  # three days played: the game goes on with day 4, as its screen says
        "Autosave · Tiny · day 4 · ROC against the computer's PLA (Hard) · saved 2026-01-01 10:00"
    )
