"""The replay window: seeking to a day gives the state stepping to it gives (and the pinned
history hashes), the screen shows the day's record, and the replay and end screens render in
both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.ai.players import HistoryPlayer  # noqa: E402
from game.engine.run import play  # noqa: E402
from game.engine.state import new_game, state_hash  # noqa: E402
from game.history.series import ReplayDays  # noqa: E402
from game.scenario.model import SIDES  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.menus import MainMenu  # noqa: E402
from game.ui.screens.replay import ReplayScreen  # noqa: E402
from game.ui.screens.router import route  # noqa: E402
from game.ui.screenshots import SCREENS, render_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

PINS = Path(__file__).parent / "fixtures" / "history_hashes.json"


pytestmark = pytest.mark.usefixtures("own_user_dirs")


def test_seeking_equals_stepping(kinmen_1958):
    sc = kinmen_1958
    days = ReplayDays.history(sc, 1)
    players = {s: HistoryPlayer() for s in SIDES}
    stepped = [state_hash(new_game(sc, 1))]
    stepped += [state_hash(t.after) for t in play(sc, new_game(sc, 1), players)]
    assert len(stepped) == len(days) + 1
    for n in (len(days), 16, 1, 40, 0, 2):  # any order: an index, never a replay
        assert days.hash(n) == stepped[n] == state_hash(days.state(n))
    pinned = json.loads(PINS.read_text())["seeds"]["1"]
    assert [days.hash(n) for n in range(1, len(days) + 1)] == pinned[-len(days) :]


def make_app(lang="en") -> App:
    return App((1280, 720), Settings(lang=lang, sound=False), persist=False)


def test_screen_seeks_steps_and_plays():
    app = make_app()
    scr = ReplayScreen(app)
    scr.wait()
    app.start(scr)
    app.step(0.05)
    runs = scr.data.days.runs
    scr.seek(16)
    assert scr.day == 16 and scr.data.days.run(16).date.isoformat() == "1958-09-07"
    assert scr.data.days.runs is runs  # seeking kept the days, replayed nothing
    assert any("272" in ln.text for ln in scr.text.lines)  # the article's 272 t, with its record
    scr.step(-1)
    assert scr.day == 15
    scr.step(1000)
    assert scr.day == scr.total == 70
    scr.seek(1)
    scr.toggle_play()
    app.step(1.01)  # a day a second at the starting speed
    assert scr.day == 2 and scr.playing
    # a click on the timeline seeks the day under it
    tl = scr.timeline
    x = tl.days_rect.left + int((40 - 0.5) * tl.days_rect.width / scr.total)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, tl.days_rect.centery))
    )
    app.step(0.0)
    assert scr.day == 40
    obs = scr.observation()
    assert obs.day == scr.data.days.state(40).day


def test_menu_opens_the_replay():
    app = make_app()
    menu = MainMenu(app)
    app.start(menu)
    app.step(0.05)
    assert menu.buttons["replay"].is_enabled
    nxt = route(app, menu.choose("replay"))
    assert isinstance(nxt, ReplayScreen)
    nxt.wait()


def test_screenshots_offer_replay_and_end():
    assert "replay" in SCREENS and "end" in SCREENS


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("name, day", [("replay", 1), ("replay", 16), ("end", 2)])
def test_screens_render(lang, name, day):
    surf = render_screen(name, (1280, 720), lang, day=day)
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(0, 1280, 9) for y in range(0, 720, 9)}
    assert len(colours) > 50
    pygame.quit()


def test_end_screen_explains_and_exports(tmp_path):
    app = make_app("en")
    scr = ReplayScreen(app)
    scr.wait()
    days = scr.data.days
    end = EndScreen(app, sc=scr.sc, days=days, seed=1)
    app.start(end)
    app.step(0.05)
    text = " ".join(ln.text for ln in end.text.lines)
    final = days.state(len(days))
    ending = next(e for e in scr.sc.victory.endings if e.id == final.ending)
    assert ending.name.en in text and ending.text.en in text
    for item in scr.sc.victory.score:
        assert item.name.en in text
    paths = end.export()
    assert [p.suffix for p in paths] == [".md", ".csv", ".png"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    assert "After-action report" in paths[0].read_text(encoding="utf-8")


def test_prologue_record_choice_and_epilogue():
    app = make_app("en")
    scr = ReplayScreen(app)
    scr.wait()
    app.start(scr)
    app.step(0.05)
    assert scr.day == 0  # the replay opens on the prologue
    text = " ".join(ln.text for ln in scr.text.lines)
    assert "Before 23 August" in text and "Chiang Kai-shek on Kinmen" in text
    scr.seek(2)  # 24 August: the record followed, the model beside
    text = " ".join(ln.text for ln in scr.text.lines)
    assert "What happened, by the record followed: neutral (narrative A)" in text
    assert "the model" in text
    scr.switch_record("roc")
    scr.wait()
    assert scr.record == "roc" and scr.day == 2 and scr.data.days.follow.choice == "roc"
    run = scr.data.days.run(2)
    assert run.after.totals["ships_lost.prc"] - run.before.totals["ships_lost.prc"] == 8
    assert "Record: ROC record" in scr.b_record.text
    scr.seek(scr.total)
    text = " ".join(ln.text for ln in scr.text.lines)
    assert "After the campaign: to 1979" in text
    scr.press(scr.b_why)  # "Why?" shows the source sentences
    assert any(ln.text.startswith("「") for ln in scr.text.lines)


@pytest.mark.parametrize("key, kind, human", [("prc", "ai", "prc"), ("hotseat", "hotseat", "roc")])
def test_take_control_starts_a_game_from_the_shown_day(key, kind, human):
    app = make_app("en")
    scr = ReplayScreen(app)
    scr.wait()
    app.start(scr)
    scr.seek(16)
    go = scr.take(key)
    session = go.args["session"]
    assert go.name == "game" and session.mode.kind == kind and session.mode.human == human
    assert session.game.day == 16
    assert state_hash(session.game.state) == scr.data.days.hash(16)
    assert session.game.record.follow == scr.record


def test_a_game_opens_in_the_replay_with_the_fog_lifted(kinmen_1958):
    from game.ui.session import Mode, Session

    app = make_app("en")
    session = Session.new(kinmen_1958, Mode("ai", "roc", "easy"), 5)
    for _ in session.game.play(session.players | {"roc": session.players["prc"]}, days=6):
        pass
    end = EndScreen(app, session)
    app.start(end)
    go = end.replay()
    assert go.name == "replay"
    scr = route(app, go)
    scr.wait()
    assert scr.record is None and scr.total == 6
    scr.seek(6)
    text = " ".join(ln.text for ln in scr.text.lines)
    assert "What the fog of war hid from the ROC" in text and "PLA aircraft" in text


def test_seeking_builds_no_map_layout(monkeypatch):
    """The replay lays the map's labels and base layer out when it opens, for each set of
    decorations its days show (the 12 nm line from 4 September): a seek is then one frame,
    never the 0.1-0.25 s of a new layout (bench: the slowest seek was 200 ms before)."""
    app = make_app()
    scr = ReplayScreen(app)
    scr.wait()
    app.start(scr)
    app.step(0.016)
    mv = scr.map
    built: list[int] = []
    monkeypatch.setattr(type(mv), "_build_layout", lambda self, z: built.append(scr.day))
    monkeypatch.setattr(type(mv), "_render_layer", lambda self, *a: built.append(scr.day))
    for day in [1 + (i * 37) % scr.total for i in range(60)] + [scr.total, 0]:
        scr.seek(day)
        app.step(0.016)
    assert built == []
