"""The Kinmen map's labels at the window sizes players use, in both languages: each place's
label lies next to its own place (never nearer a neighbour) or is joined to it by a leader
line, no two labels overlap, and every place's name (Greater Kinmen's and the piers'
included) is there at the default zoom.

Also the map's edge: the 3/12 nm lines go on past the Kinmen box and no line is stroked
along the box (the surroundings are drawn there from the strait map)."""

from __future__ import annotations

import itertools
import math

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ui.app import App  # noqa: E402
from game.ui.map.labels import CALLOUT_REACH  # noqa: E402
from game.ui.map.placement import LABEL_NEAR, LABEL_TIE  # noqa: E402
from game.ui.screenshots import build_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SIZES = [(800, 560), (1280, 720), (1920, 1080)]
#: a label's edge at most this far (pixels at 100 %) from its place's projected point
REACH = 100


pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _map(size, lang, scale=100):
    app = App(size, Settings(lang=lang, ui_scale=scale, sound=False).clean(), persist=False)
    screen = build_screen(app, "kinmen")
    app.start(screen)
    app.step(0.05)
    app.draw()
    return screen.map


def _callout_of(lay, r: pygame.Rect):
    """The leader line that ends on label `r`, or None."""
    for line in lay.callouts:
        if r.inflate(2, 2).collidepoint(line[2], line[3]):
            return line
    return None


def _dist(r: pygame.Rect, p) -> float:
    x = min(max(p[0], r.left), r.right)
    y = min(max(p[1], r.top), r.bottom)
    return math.hypot(x - p[0], y - p[1])


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [100, 200])
def test_labels_on_their_own_places_and_apart(size, lang, scale):
    view = _map(size, lang, scale)
    s = view.ui_scale  # the map's own scale (see `App.map_scale`)
    lay = view._layout()
    g, z = view._geo, view.zoom
    points = {}
    for p in view.shown_places():
        x, y = g.xy(p.lon, p.lat)
        points[p.id] = (x * z, y * z)
    rects = []
    for lab in lay.labels:
        r = pygame.Rect(lab.x, lab.y, lab.surf.get_width(), lab.surf.get_height())
        for other, text in rects:
            assert not r.colliderect(other), f"{lab.text!r} overlaps {text!r}"
        rects.append((r, lab.text))
        if lab.kind != "place":
            continue
        own = _dist(r, points[lab.ref])
        line = _callout_of(lay, r)
        if line is None:
            assert own <= REACH * s, f"{lab.text!r} is {own:.0f} px from its place"
        else:
            # set off with a leader line that starts at its own place's symbols or dot
            assert own <= CALLOUT_REACH * s + 1, f"{lab.text!r} is {own:.0f} px from its place"
            start = (line[0], line[1])
            x, y = points[lab.ref]
            mine = min(
                [math.hypot(start[0] - x, start[1] - y)]
                + [_dist(q, start) for q, pid in lay.place_rects if pid == lab.ref and q != r]
            )
            assert mine <= 30 * s, f"{lab.text!r}: its line starts {mine:.0f} px from its place"
            for other in lay.callouts:
                if other is not line:
                    assert not r.clipline(other[:2], other[2:]), f"a line runs under {lab.text!r}"
        for pid, pt in points.items():
            if pid == lab.ref:
                continue
            d = _dist(r, pt)
            assert not (d < LABEL_NEAR * s and d < own - LABEL_TIE * s), (
                f"{size} {lang}: {lab.text!r} lies nearer {pid} ({d:.0f} px) than its own "
                f"place ({own:.0f} px)"
            )


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_kinmen_named_at_default_zoom(lang):
    view = _map((1280, 720), lang)
    texts = {lab.text for lab in view._layout().labels}
    assert ("Greater Kinmen" if lang == "en" else "大金門") in texts
    big = _map((1920, 1080), lang)
    placed = {lab.ref for lab in big._layout().labels if lab.kind == "place"}
    assert {p.id for p in big.shown_places()} <= placed  # every place, the piers included


@pytest.mark.parametrize(
    ("size", "lang"),
    [
        pytest.param((800, 560), "en", id="800x560-en"),
        pytest.param((800, 560), "zh-Hant", id="800x560-zh-Hant"),
        pytest.param((1280, 720), "en", id="1280x720-en"),
        pytest.param((1280, 720), "zh-Hant", id="1280x720-zh-Hant"),
        pytest.param((1920, 1080), "en", id="1920x1080-en"),
        pytest.param((1920, 1080), "zh-Hant", id="1920x1080-zh-Hant"),
    ],
)
def test_every_place_named_at_the_default_zoom(size, lang):
    """Every place of the 1958 scenario (Xintou, Shangyi and Jincheng included) has its name on
    the map at the window's default zoom: beside it, or set off with a leader line."""
    view = _map(size, lang)
    lay = view._layout()
    placed = {lab.ref for lab in lay.labels if lab.kind == "place"}
    missing = sorted(p.id for p in view.shown_places() if p.id not in placed)
    assert missing == []
    # on the window at the default view, not in the surroundings panning would show
    ox, oy = view._origin()
    window = pygame.Rect(0, 0, *view.size)
    for lab in lay.labels:
        if lab.kind == "place":
            r = pygame.Rect(ox + lab.x, oy + lab.y, lab.surf.get_width(), lab.surf.get_height())
            assert window.contains(r), (lab.text, r)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("size", [(800, 560), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_place_named_at_200_percent(size, lang):
    """At 200 % every place has its name at the default zoom: in 1280x720, and in 800x560,
    which shows the interface at the size that fits it (100 %; at 200 % the map was 320
    pixels wide and 7 places went unnamed)."""
    view = _map(size, lang, 200)
    placed = {lab.ref for lab in view._layout().labels if lab.kind == "place"}
    assert sorted(p.id for p in view.shown_places() if p.id not in placed) == []


def test_long_names_fold_onto_two_lines():
    """A long name has a two-line form, no wider than the one-line name and about half as
    wide; a short or one-word name has none."""
    view = _map((800, 560), "en")
    one = view.label_surface("Xiamen island east shore", "place", 9)
    two = view.folded_label("Xiamen island east shore", "place", 9)
    assert two is not None
    assert two.get_width() < 0.7 * one.get_width() and two.get_height() > one.get_height()
    assert view.folded_label("Dadan", "place", 9) is None
    assert view.folded_label("Shuitou pier", "water", 9) is None


def test_counts_never_under_other_symbols():
    for size in SIZES:
        view = _map(size, "en")
        lay = view._layout()
        s = view.ui_scale
        h = view._text("00/00", round(11 * s), view.colours["text"], view.colours["halo"])
        for t in lay.things:
            if t.kind != "battery":
                continue
            count = h.get_rect(midtop=(t.x, t.y + t.size / 2))
            for o in lay.things:
                if o is not t and o.place != t.place:
                    assert not count.colliderect(o.rect), (size, t.id, o.id)
                elif o is not t and o.rect.top > t.rect.bottom:  # the row below in its cluster
                    assert count.bottom <= o.rect.top + 1, (size, t.id, o.id)


def test_territorial_lines_run_past_the_box():
    view = _map((800, 560), "en")
    terr = view.territory()
    g = view._geo
    beyond = [
        (x, y)
        for line in terr.lines[12]
        for x, y in line
        if x < -1 or y < -1 or x > g.width_km + 1 or y > g.height_km + 1
    ]
    assert beyond, "the 12 nm line stops at the box's edge"
    for nm in (3, 12):
        for line in terr.lines[nm]:
            for (x0, y0), (x1, y1) in itertools.pairwise(line):
                # no long straight run along the traced area's edge
                dx, dy = abs(x1 - x0), abs(y1 - y0)
                assert not ((dx > 5 and dy < 1e-6) or (dy > 5 and dx < 1e-6))


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_names_stay_over_the_shelling(lang):
    """A burst falling on a place's name (Mount Taiwu's on 23 August) is drawn under it: the
    name's opaque pixels show the name, not the burst."""
    app = App((1280, 720), Settings(lang=lang, sound=False).clean(), persist=False)
    scr = build_screen(app, "report")
    app.start(scr)
    app.step(0.05)
    view = scr.map
    lay = view._layout()
    name = "Mount Taiwu" if lang == "en" else "太武山"
    lab = next(lab for lab in lay.labels if lab.text == name)
    ox, oy = view._origin()
    # every burst of the day on the name, all of them bursting now
    app.draw()
    for b in view._bursts:
        b.t0 = view._clock - b.life / 3
        b.zkey = (view.which, view.zoom, view.ui_scale)  # where it is drawn: set here
        b.size = max(2, round(b.radius * view.ui_scale))
        b.px = lab.x + lab.surf.get_width() / 2
        b.py = lab.y + lab.surf.get_height() / 2
    surface = pygame.Surface(view.size)
    view.draw(surface, report=scr.seen)
    w, h = lab.surf.get_size()
    shown = same = 0
    for x in range(w):
        for y in range(h):
            c = lab.surf.get_at((x, y))
            if c.a == 255:
                shown += 1
                same += surface.get_at((ox + lab.x + x, oy + lab.y + y))[:3] == c[:3]
    assert shown > 50 and same == shown


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("size", [(745, 225), (510, 560)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_label_under_the_scale_bar(size, lang):
    """The replay's short, wide map at 200 % (745x225) put "Erdan" under the scale bar,
    which is drawn over the map's lower left corner (playtest 8): names are laid out off it,
    where the map lies when they are laid out."""
    from game.ui.map.view import MapView
    from tests.builder import shipped_scenario

    pygame.font.init()
    view = MapView(shipped_scenario(), "kinmen", size, lang=lang)
    view.ui_scale = round(2**0.5, 3)  # the map's scale at 200 % (`App.map_scale`)
    view.show(None)
    lay = view._layout()
    ox, oy = view._origin()
    bar = view.scale_bar_room().move(-ox, -oy)
    assert lay.labels
    for lab in lay.labels:
        r = pygame.Rect(lab.x, lab.y, lab.surf.get_width(), lab.surf.get_height())
        assert not r.colliderect(bar), f"{lab.text!r} lies under the scale bar"
