"""The replay window's layout at the interface sizes and windows players use: at 200 % in
1280x720 the map was 743x226 (three rows of buttons and the date on top, the timeline's nine
rows below) and five places went unnamed. The timeline now folds to a strip when the window is
short for the interface size, its rows unfolded over the map by a button (or T); the date
heads the article's panel.

Checked here: the map's size and every place's name on it at 200 % (the game screen's test,
`tests/test_ui_maplabels.py`, applied to the replay), no name under the scale bar, the fold
button driven by posted events without a new map layout, a click on the timeline seeking in
both forms, and every control inside the window and on no other at each size."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.mapdata import land_ring  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.map.decor import regions_of  # noqa: E402
from game.ui.screens.replay import ReplayScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.test_ui_app import click, key  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")

_DAYS: list = []


def _replay(size, lang, scale, day: int = 2) -> tuple[App, ReplayScreen]:
    """The replay on `day` (2: the screenshots' day); the days are replayed once for the
    module (and for the other replay test files that open it through here)."""
    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False).clean(), persist=False)
    scr = ReplayScreen(app, day=day, days=_DAYS[0] if _DAYS else None)
    scr.wait()
    if not _DAYS:
        _DAYS.append(scr.data.days)
    app.start(scr)
    app.step(0.05)
    app.draw()
    return app, scr


def _day_x(tl, day: int, total: int) -> int:
    return tl.days_rect.left + int((day - 0.5) * tl.days_rect.width / total)


def _press(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.step(0.05)


@pytest.mark.parametrize(
    ("size", "scale", "least"),
    [((1280, 720), 200, (700, 440)), ((800, 560), 100, (440, 330))],
    ids=["1280x720-200", "800x560-100"],
)
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_map_names_every_place(lang, size, scale, least):
    """Every place named: at 200 % in 1280x720 (seven places were unnamed on a 743x226
    map), and in 800x560, where the map beside the article is narrow and "Liaoluo Bay" (a
    sea area whose point lies among the piers' symbols) found no spot in English. A sea
    area's name lies wholly on the sea, a land's on its own land (「大金門」 lay on the islet
    north of it), every name on the map as first shown, none under the scale bar and none
    on another."""
    app, scr = _replay(size, lang, scale)
    assert app.scale == scale / 100
    if scale == 200:
        assert scr.compact and not scr.unfolded
    w, h = scr.map_rect.size
    assert w >= least[0] and h >= least[1], scr.map_rect  # 200 %: was 743x226
    assert scr.map_rect.bottom <= scr.timeline_rect.top
    view = scr.map
    lay = view._layout()
    placed = {lab.ref for lab in lay.labels if lab.kind == "place"}
    assert sorted(p.id for p in view.shown_places() if p.id not in placed) == []
    # on the map as first shown, and none under the scale bar
    ox, oy = view._origin()
    window = pygame.Rect(0, 0, *view.size)
    bar = view.scale_bar_room()
    sea = {p.id for p in view.shown_places() if p.terrain == "sea"}
    lands = {
        view._name(g.name): land_ring(view._geo.data, g.lon, g.lat)
        for g in regions_of(view.scenario, view.which)
        if g.style == "region" and land_ring(view._geo.data, g.lon, g.lat) is not None
    }
    rects = []
    for lab in lay.labels:
        r = pygame.Rect(ox + lab.x, oy + lab.y, lab.surf.get_width(), lab.surf.get_height())
        assert not r.colliderect(bar), f"{lab.text!r} lies under the scale bar"
        if lab.kind == "place":
            assert window.contains(r), (lab.text, r)
        if lab.ref in sea:
            assert view._all_at_sea(r.move(-ox, -oy), view.zoom), f"{lab.text!r} is not at sea"
        if lab.text in lands:  # a land's name on its own land, not a neighbouring island
            lon, lat = view._geo.lonlat((r.centerx - ox) / view.zoom, (r.centery - oy) / view.zoom)
            assert lands[lab.text].contains(lon, lat), f"{lab.text!r} is off its land"
        rects.append((lab.text, r))
    for i, (text, r) in enumerate(rects):
        for other, q in rects[i + 1 :]:
            assert not r.colliderect(q), (text, other)


def test_fold_and_unfold_by_posted_events_keep_the_map():
    """The button and T unfold the rows over the map's foot and fold them back; the map keeps
    its size, and no label layout or layer is made anew."""
    app, scr = _replay((1280, 720), "en", 200)
    mv, size = scr.map, scr.map_rect.size
    built: list[str] = []
    mp = pytest.MonkeyPatch()
    mp.setattr(type(mv), "_build_layout", lambda self, z: built.append("layout"))
    mp.setattr(type(mv), "_render_layer", lambda self, *a: built.append("layer"))
    try:
        assert scr.b_fold.visible and scr.timeline_rect.contains(scr.b_fold.rect)
        folded_text = scr.b_fold.text
        click(app, scr.b_fold)
        assert scr.unfolded and scr.b_fold.text != folded_text
        # the rows lie over the map, on the strip
        assert scr.rows_rect.bottom == scr.timeline_rect.top
        assert scr.rows_rect.colliderect(scr.map_rect)
        app.draw()
        click(app, scr.b_fold)
        assert not scr.unfolded and scr.b_fold.text == folded_text
        key(app, pygame.K_t)
        assert scr.unfolded
        key(app, pygame.K_t)
        assert not scr.unfolded
        app.draw()
    finally:
        mp.undo()
    assert built == [] and scr.map is mv and scr.map_rect.size == size


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_click_on_the_timeline_seeks_folded_and_unfolded(lang):
    app, scr = _replay((1280, 720), lang, 200)
    total = scr.total
    strip = scr.strip
    assert scr.timelines() == [strip]
    _press(app, (_day_x(strip, 40, total), strip.days_rect.centery))
    assert scr.day == 40
    # unfolded: a click on a kind's row seeks, and so does one on the strip under it
    click(app, scr.b_fold)
    rows = scr.timeline
    assert scr.timelines() == [rows, strip] and rows.days_rect.bottom <= strip.rect.top
    _press(app, (_day_x(rows, 12, total), rows.days_rect.centery))
    assert scr.day == 12
    _press(app, (_day_x(strip, 55, total), strip.days_rect.bottom - 2))
    assert scr.day == 55
    assert scr.observation().day == scr.data.days.state(55).day


def test_a_roomy_window_shows_the_rows_unfolded():
    """At 100 % in 1280x720 the rows fit under a map 550 pixels high: no fold button."""
    app, scr = _replay((1280, 720), "en", 100)
    assert not scr.compact and not scr.b_fold.visible
    assert scr.timelines() == [scr.timeline] and scr.map_rect.height >= 540
    key(app, pygame.K_t)  # nothing to unfold
    assert not scr.unfolded
    tl = scr.timeline
    _press(app, (_day_x(tl, 33, scr.total), tl.days_rect.bottom - 3))
    assert scr.day == 33


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize(
    ("size", "scale"),
    [((1280, 720), 100), ((1280, 720), 150), ((1280, 720), 200), ((800, 560), 200)],
    ids=["1280x720-100", "1280x720-150", "1280x720-200", "800x560-200"],
)
def test_every_control_inside_the_window_and_apart(size, lang, scale):
    """Every button inside the window and on no other (the take-control choices open too),
    the fold button on the strip when there is one, and the article some lines high."""
    app, scr = _replay(size, lang, scale)
    scr.taking = True
    scr._labels()
    window = pygame.Rect(0, 0, *size)
    buttons = [
        scr.b_menu,
        scr.b_back,
        scr.b_play,
        scr.b_forward,
        scr.b_speed,
        scr.b_tab,
        scr.b_end,
        scr.b_record,
        scr.b_why,
        scr.b_take,
        *scr.take_buttons.values(),
    ]
    if scr.compact:
        buttons.append(scr.b_fold)
        assert scr.timeline_rect.contains(scr.b_fold.rect)
    for i, b in enumerate(buttons):
        assert window.contains(b.rect), b
        for other in buttons[i + 1 :]:
            assert not b.rect.colliderect(other.rect), (b, other)
    for b in buttons[:10]:
        assert b.rect.bottom <= scr.top_h
    line = app.fonts.get(14).get_linesize()
    assert scr.text_rect.height >= 6 * line
    assert scr.map_rect.height >= scr.s(200) and scr.map_rect.width >= 400


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_whose_record_is_named_once_per_outcome(kinmen_1958, lang):
    """Each outcome the replay follows names whose record it is once: the texts carried
    "PRC record:" before the label "(PRC record)", and an outcome from another record than
    the one followed added "this is the PRC record's account" (three times on one line)."""
    from game.history.series import ReplayDays
    from game.ui.i18n import Locale
    from game.ui.screens.replay import DEFAULT
    from game.ui.screens.replay_parts import followed_lines

    loc = Locale(lang)
    days = ReplayDays.history(kinmen_1958, 1, record=DEFAULT)
    seen = others = 0
    for payload in days.payloads(lang):
        for f, line in zip(
            payload.get("followed", []),
            [ln for ln in followed_lines(payload, loc, False) if ln.text.startswith("• ")],
            strict=True,
        ):
            seen += 1
            others += not f["own"]
            assert line.text.count(f["label"]) == 1, line.text
            for side_words in ("PRC record", "ROC record", "中共方面紀錄", "國軍方面紀錄"):
                assert line.text.count(side_words) <= 1, line.text
    assert seen > 20 and others > 0


@pytest.mark.parametrize(("lang", "scale"), [("en", 200), ("zh-Hant", 200), ("en", 100)])
def test_the_charts_tab_shows_readable_charts_and_pages_through_all(lang, scale):
    """At 200 % in 1280x720 the charts tab drew five charts of 60 pixels, each only its
    title. It shows as many as fit at a readable height, says which, and the wheel over the
    panel (or Page Up/Down) brings the others, one by one, to the last."""
    app, scr = _replay((1280, 720), lang, scale)
    key(app, pygame.K_TAB)
    assert scr.tab == "charts"
    n = len(scr.data.charts)
    first, per = scr.charts_shown()
    assert first == 0 and 1 <= per < n
    assert scr.text_rect.height // per >= scr.s(ReplayScreen.CHART_MIN_H) - scr.s(6)
    pygame.mouse.set_pos(scr.text_rect.center)
    seen = {first}
    for _ in range(n + 2):  # past the end: it stops at the last page
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
        app.step(0.05)
        seen.add(scr.charts_shown()[0])
    assert scr.charts_shown() == (n - per, per)
    assert seen == set(range(n - per + 1))
    key(app, pygame.K_PAGEUP)
    assert scr.charts_shown()[0] == n - per - 1
    app.draw()
    app.quit()
