"""The map view, headless: projection, terrain colours, zoom and pan, labels, events, speed."""

from __future__ import annotations

import math
import random
import unicodedata

import pygame
import pytest

from game.mapdata import distance_to_coast_km
from game.scenario.catalogue import TARGET_KINDS
from game.ui import symbols
from game.ui.map.demo import bench_frames, demo_report
from game.ui.map.geo import geo
from game.ui.map.territory import ring_sides
from game.ui.map.view import MapView
from game.ui.palette import NAMES, PALETTES
from tests.builder import run_day, shipped_scenario, start, tiny


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.font.init()
    yield


_scenario_1958 = shipped_scenario  # fails, never skips, when the shipped scenario is broken


def _scenarios():
    return [pytest.param("tiny", id="tiny"), pytest.param("1958", id="1958")]


def _load(name: str):
    return tiny() if name == "tiny" else _scenario_1958()


# -- palettes and symbols ----------------------------------------------------------------------


def test_palettes_share_keys_and_tell_land_from_sea():
    keys = set(PALETTES["default"])
    for name in NAMES:
        assert set(PALETTES[name]) == keys
        pal = PALETTES[name]
        assert pal["land"] != pal["sea"]
        assert pal["prc"] != pal["roc"]
    view = MapView(tiny(), "kinmen", (200, 150), palette="colorblind")
    assert PALETTES["colorblind"]["land"] == view.LAND
    view.set_palette("default")
    assert PALETTES["default"]["sea"] == view.SEA
    with pytest.raises(ValueError):
        view.set_palette("sepia")


def test_symbols_differ_by_shape():
    fill, outline = (200, 40, 40), (20, 20, 20)
    tri = symbols.battery_sprite("prc", 16, fill, outline)
    sq = symbols.battery_sprite("roc", 16, fill, outline)
    # same colour, different shape: the masks differ
    assert pygame.mask.from_surface(tri).count() != pygame.mask.from_surface(sq).count()
    assert symbols.battery_size(200) > symbols.battery_size(4)
    for kind in TARGET_KINDS:
        spr = symbols.target_sprite(kind, 15, fill, outline)
        assert pygame.mask.from_surface(spr).count() > 20, kind
    for role in symbols.SHIP_ROLES:
        assert pygame.mask.from_surface(symbols.ship_sprite(role, 18, 3, fill, outline)).count()
    us = symbols.ship_sprite("escort", 18, 3, (255, 255, 255), outline, True)
    assert pygame.mask.from_surface(us).count()


# -- terrain under every place -------------------------------------------------------------


@pytest.mark.parametrize("name", ["tiny", "1958"])
@pytest.mark.parametrize("which", ["kinmen", "strait"])
def test_place_pixels_have_their_terrain_colour(name, which):
    sc = _load(name)
    view = MapView(sc, which, (480, 360))
    view.layers = {"base"}
    surf = pygame.Surface(view.size)
    _lo, hi = view.level_range()
    data = geo(which).data
    strict = 0
    for level in (hi, min(hi, 3)):
        view.set_level(level)
        for p in view.shown_places():
            view.centre_on(p.lon, p.lat)
            view.draw(surf)
            x, y = view.world_to_screen(p.lon, p.lat)
            colour = tuple(surf.get_at((int(x), int(y))))[:3]
            assert colour in (view.LAND, view.SEA), (p.id, colour)
            near_px = distance_to_coast_km(data, p.lon, p.lat) * view.zoom
            if p.terrain == "coast" or near_px < 1.5:
                continue
            want = view.LAND if p.terrain == "land" else view.SEA
            assert colour == want, (p.id, p.terrain, level, near_px)
            strict += 1
    assert strict > 0


# -- projection, zoom and pan --------------------------------------------------------------


@pytest.mark.parametrize("which", ["kinmen", "strait"])
def test_world_screen_round_trip(which):
    view = MapView(tiny(), which, (640, 480))
    rng = random.Random(3)
    for level in (-2, 0, 3):
        view.set_level(level)
        view.pan(rng.uniform(-300, 300), rng.uniform(-300, 300))
        for _ in range(50):
            x, y = rng.uniform(0, 640), rng.uniform(0, 480)
            lon, lat = view.screen_to_world(x, y)
            x2, y2 = view.world_to_screen(lon, lat)
            assert math.isclose(x, x2, abs_tol=1e-6) and math.isclose(y, y2, abs_tol=1e-6)
    w, s, e, n = geo(which).bbox
    view.reset_view()
    x0, y0 = view.world_to_screen(w, n)
    x1, y1 = view.world_to_screen(e, s)
    assert x0 < x1 and y0 < y1  # east is right, north is up
    # equirectangular scaled by cos(mid latitude): a km is the same length both ways
    k = math.cos(math.radians((s + n) / 2))
    assert math.isclose((x1 - x0) / (y1 - y0), (e - w) * k / (n - s), rel_tol=1e-3)


def test_zoom_at_cursor_keeps_the_point_under_it():
    view = MapView(tiny(), "kinmen", (800, 600))
    view.set_level(1)
    cursor = (300, 250)
    view.handle_event(
        pygame.event.Event(pygame.MOUSEMOTION, pos=cursor, rel=(0, 0), buttons=(0, 0, 0))
    )
    for dy in (1, 1, 1, -1, 2, -3):
        lon, lat = view.screen_to_world(*cursor)
        level = view.level
        used = view.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=dy))
        assert used
        assert view.level != level
        x, y = view.world_to_screen(lon, lat)
        assert abs(x - cursor[0]) <= 1.0 and abs(y - cursor[1]) <= 1.0


def test_zoom_limits_and_keys():
    view = MapView(tiny(), "kinmen", (640, 480))
    lo, hi = view.level_range()
    assert lo < 0 < hi
    for _ in range(40):
        view.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PLUS, mod=0))
    assert view.level == hi
    for _ in range(40):
        view.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_MINUS, mod=0))
    assert view.level == lo
    assert view.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_HOME, mod=0))
    assert view.level == 0
    assert not view.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=0))


def _overlap(view: MapView) -> tuple[int, int]:
    r = view.map_rect().clip(pygame.Rect((0, 0), view.size))
    return r.width, r.height


@pytest.mark.parametrize("level", [-3, 0, 4])
def test_pan_is_clamped(level):
    view = MapView(tiny(), "kinmen", (640, 480))
    view.set_level(level)
    for dx, dy in ((1e6, 0), (-1e6, 0), (0, 1e6), (0, -1e6), (1e6, 1e6), (-1e6, -1e6)):
        view.pan(dx, dy)
        w, h = _overlap(view)
        full = view.map_rect()
        assert w >= min(0.29 * 640, full.width) - 1
        assert h >= min(0.29 * 480, full.height) - 1
    for key in (pygame.K_LEFT, pygame.K_a, pygame.K_UP, pygame.K_w):
        for _ in range(50):
            view.handle_event(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0))
        assert min(_overlap(view)) > 0


def test_drag_pans_and_a_click_is_left_to_the_caller():
    view = MapView(tiny(), "kinmen", (640, 480))
    view.set_level(2)
    lon, lat = view.screen_to_world(320, 240)
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(320, 240), button=1)
    assert not view.handle_event(down)
    move = pygame.event.Event(pygame.MOUSEMOTION, pos=(360, 260), rel=(40, 20), buttons=(1, 0, 0))
    assert view.handle_event(move)
    x, y = view.world_to_screen(lon, lat)
    assert abs(x - 360) <= 1 and abs(y - 260) <= 1
    assert view.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(360, 260), button=1))
    # a click without moving is not consumed
    view.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(100, 100), button=1))
    assert not view.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(101, 100), button=1))


def test_monkey_events_and_resizes():
    sc = tiny()
    view = MapView(sc, "kinmen", (400, 300))
    rng = random.Random(1958)
    keys = [
        pygame.K_LEFT,
        pygame.K_RIGHT,
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_a,
        pygame.K_s,
        pygame.K_d,
        pygame.K_w,
        pygame.K_PLUS,
        pygame.K_MINUS,
        pygame.K_EQUALS,
        pygame.K_KP_PLUS,
        pygame.K_KP_MINUS,
        pygame.K_HOME,
        pygame.K_SPACE,
        pygame.K_RETURN,
    ]
    surf = pygame.Surface(view.size)
    report = demo_report(sc)
    for i in range(2000):
        r = rng.random()
        pos = (rng.randint(-50, view.size[0] + 50), rng.randint(-50, view.size[1] + 50))
        if r < 0.35:
            ev = pygame.event.Event(
                pygame.MOUSEMOTION,
                pos=pos,
                rel=(rng.randint(-80, 80), rng.randint(-80, 80)),
                buttons=(rng.randint(0, 1), 0, rng.randint(0, 1)),
            )
        elif r < 0.5:
            ev = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.randint(1, 5))
        elif r < 0.62:
            ev = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=rng.randint(1, 5))
        elif r < 0.8:
            ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 2, 5]))
        elif r < 0.97:
            key = rng.choice(keys) if rng.random() < 0.9 else rng.randint(0, 1 << 30)
            ev = pygame.event.Event(pygame.KEYDOWN, key=key, mod=rng.choice([0, 0, 0, 64]))
        else:
            ev = pygame.event.Event(pygame.KEYUP, key=pygame.K_a, mod=0)
        assert view.handle_event(ev) in (True, False)
        if i % 97 == 0:
            size = rng.choice([(1, 1), (37, 23), (320, 200), (400, 300), (300, 400)])
            view.resize(size)
        if i % 211 == 0:
            view.set_view(rng.choice(["kinmen", "strait"]))
        if i % 301 == 0:
            view.play_report(report)
        if i % 50 == 0:
            if surf.get_size() != view.size:
                surf = pygame.Surface(view.size)
            view.update(rng.uniform(0, 0.5))
            view.draw(surf, None, report, hover_pos=pos, selected=rng.choice([None, "prc_guns"]))
            view.thing_at(pos)
        lo, hi = view.level_range()
        assert lo <= view.level <= hi
        assert math.isfinite(view.zoom)
        w, h = _overlap(view)
        assert w > 0 and h > 0


# -- labels, symbols and hit tests -------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    return "CJK" in unicodedata.name(ch, "")


@pytest.mark.parametrize("name", ["tiny", "1958"])
def test_labels_in_both_languages(name):
    sc = _load(name)
    for lang in ("en", "zh-Hant"):
        view = MapView(sc, "kinmen", (1280, 720), lang=lang)
        view.set_level(2 if name == "1958" else 3)
        labels = view.placed_labels()
        places = [lab for lab in labels if lab[0] == "place"]
        assert places, lang
        for _kind, text, surf in labels:
            assert surf.get_width() > 0 and surf.get_height() > 0
            assert pygame.mask.from_surface(surf).count() > 10, text
        cjk = [text for _k, text, _s in places if any(_is_cjk(c) for c in text)]
        if lang == "zh-Hant":
            assert len(cjk) == len(places)
        else:
            assert not cjk
        lines = [t for _k, t, _s in labels if _k == "territorial"]
        # the 1958 scenario's 3 nm line is there from the start; tiny has no `map:` section
        assert (name == "1958") == any("nm" in t or "海浬" in t for t in lines), lines


def test_labels_do_not_overlap():
    sc = _scenario_1958()
    view = MapView(sc, "kinmen", (1280, 720))
    for level in (-2, 0, 2, 5):
        view.set_level(level)
        lay = view._layout()
        rects = [lab.surf.get_rect(topleft=(lab.x, lab.y)) for lab in lay.labels]
        for i, r in enumerate(rects):
            assert r.collidelist(rects[i + 1 :]) < 0


def test_thing_at_finds_every_symbol():
    sc = _scenario_1958()
    view = MapView(sc, "kinmen", (1280, 720))
    view.set_level(3)
    ids = {g.id for g in sc.artillery} | {t.id for t in sc.targets}
    found = 0
    for tid in ids:
        pos = view.thing_screen_pos(tid)
        if pos is None or not (0 <= pos[0] < 1280 and 0 <= pos[1] < 720):
            continue
        assert view.thing_at((round(pos[0]), round(pos[1]))) == tid
        found += 1
    assert found > 0
    assert view.thing_at((-5, -5)) is None


def test_draw_with_state_damage_and_hover():
    sc = tiny()
    st = start(sc)
    st.integrity["island_cp"] = 30.0
    st.groups["prc_guns"].guns = 12
    st.groups["prc_guns"].destroyed = 28
    view = MapView(sc, "kinmen", (800, 600))
    view.set_level(2)
    surf = pygame.Surface(view.size)
    pos = view.thing_screen_pos("prc_guns")
    view.draw(surf, st, hover_pos=pos, selected="island_cp")
    assert view.thing_at(pos) == "prc_guns"
    plain = pygame.Surface(view.size)
    view.draw(plain, st)
    # the range ring of the hovered battery (around its place) changes pixels far away
    r = sc.group("prc_guns").range_km * view.zoom
    place = sc.place(sc.group("prc_guns").place)
    x, y = view.world_to_screen(place.lon, place.lat)
    changed = 0
    for a in (0.3, 1.2, 2.5, 4.0, 5.5):
        for rr in (r - 2.5, r - 1.5, r - 0.5):
            px, py = int(x + rr * math.cos(a)), int(y + rr * math.sin(a))
            if 0 <= px < 800 and 0 <= py < 600 and surf.get_at((px, py)) != plain.get_at((px, py)):
                changed += 1
    assert changed >= 2


def test_ring_sides_of_the_1958_scenario():
    sc = _scenario_1958()
    places = tuple((p.lon, p.lat, p.side, p.terrain) for p in sc.places)
    data = geo("kinmen").data
    sides = ring_sides(data, places)

    def side_at(lon, lat):
        ring = min(
            (i for i, r in enumerate(data.rings) if r.is_land and r.contains(lon, lat)),
            key=lambda i: data.rings[i].area_km2,
        )
        return sides[ring]

    for pid in ("mount_taiwu", "lieyu", "dadan", "erdan"):
        p = sc.place(pid)
        assert side_at(p.lon, p.lat) == "roc", pid
    for pid in ("xiamen_city", "dadeng", "gulangyu"):
        p = sc.place(pid)
        assert side_at(p.lon, p.lat) == "prc", pid
    view = MapView(sc, "kinmen", (640, 480))
    terr = view.territory()
    g = geo("kinmen")
    taiwu = sc.place("mount_taiwu")
    assert terr.within(12, *g.xy(taiwu.lon, taiwu.lat))  # Kinmen lies inside 12 nm
    assert terr.within(3, *g.xy(118.32, 24.53))  # just off Dadeng
    assert not terr.within(3, *g.xy(118.6, 24.32))  # the open strait
    assert terr.lines[3] and terr.lines[12]


# -- animations and screenshots --------------------------------------------------------------


def test_play_report_runs_and_ends():
    sc = tiny()
    st = start(sc)
    st.flags["us_escort"] = True
    view = MapView(sc, "kinmen", (640, 480))
    surf = pygame.Surface(view.size)
    view.draw(surf, st)
    view.play_report(demo_report(sc))
    assert view.animating
    for _ in range(40):
        view.update(0.05)
        view.draw(surf, st)
    view.set_view("strait")
    view.draw(surf, st)
    for _ in range(200):
        view.update(0.1)
    assert not view.animating
    # a report the engine made
    new_state, report = run_day(sc, start(sc, day=1), *_history_orders(sc, 1))
    view.play_report(report)
    view.update(0.7)
    view.draw(surf, new_state, report)
    view.play_report(None)
    assert not view.animating


def _history_orders(sc, day_index):
    day = sc.history[day_index]
    return day.orders.get("prc", []), day.orders.get("roc", [])


@pytest.mark.parametrize("which", ["kinmen", "strait"])
def test_screenshots_in_both_languages_and_palettes(which, tmp_path):
    sc = tiny()
    shots = {}
    for lang in ("en", "zh-Hant"):
        for pal in ("default", "colorblind"):
            view = MapView(sc, which, (480, 320), lang=lang, palette=pal)
            surf = pygame.Surface(view.size)
            view.draw(surf, start(sc), demo_report(sc))
            path = tmp_path / f"{which}_{lang}_{pal}.png"
            pygame.image.save(surf, str(path))
            shots[(lang, pal)] = pygame.image.tobytes(surf, "RGB")
            assert path.stat().st_size > 1000
    assert shots[("en", "default")] != shots[("en", "colorblind")]
    assert shots[("en", "default")] != shots[("zh-Hant", "default")]


def test_bench_frames_reports_times():
    result = bench_frames(12)
    assert result["frames"] == 12
    for key in ("first_ms", "p50_ms", "p95_ms", "max_ms"):
        assert result[key] >= 0


# -- caches --------------------------------------------------------------------------------------


def test_scene_is_kept_while_panning_and_matches_direct_drawing():
    """The base layer with symbols and labels drawn on it is made once, reused while the map
    pans, made again when the state changes, and looks like drawing everything each frame."""
    import game.ui.map.layers as mv

    sc = tiny()
    st = start(sc)
    rep = demo_report(sc)
    view = MapView(sc, "kinmen", (640, 480))
    view.layers.discard("overlays")  # dashed lanes start their dashes where they are cut
    view.set_level(1)
    surf = pygame.Surface(view.size)
    view.draw(surf, st, rep, selected="roc_guns")
    scene = view._scene_cache[3]
    view.pan(25, -10)
    view.draw(surf, st, rep, selected="roc_guns")
    assert view._scene_cache[3] is scene
    st.groups["prc_guns"].guns = 5
    view.draw(surf, st, rep, selected="roc_guns")
    assert view._scene_cache[3] is not scene
    direct = MapView(sc, "kinmen", (640, 480))
    direct.layers.discard("overlays")
    direct.set_level(1)
    direct.pan(25, -10)
    other = pygame.Surface(direct.size)
    old = mv.SCENE_MAX_PIXELS
    mv.SCENE_MAX_PIXELS = 0
    try:
        direct.draw(other, st, rep, selected="roc_guns")
    finally:
        mv.SCENE_MAX_PIXELS = old
    assert direct._scene_cache is None
    a, b = pygame.image.tobytes(surf, "RGB"), pygame.image.tobytes(other, "RGB")
    # the same picture, but for anti-aliasing rounding of a few values
    assert sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 3) == 0
    assert sum(1 for x, y in zip(a, b, strict=True) if x != y) < 30


def test_geometry_cache_gives_the_same_map(tmp_path, monkeypatch):
    from game.ui.map.geo import Geo
    from game.ui.map.territory import Territory

    monkeypatch.setenv("KINMEN1958_CACHE_DIR", str(tmp_path))
    sc = tiny()
    places = tuple((p.lon, p.lat, p.side, p.terrain) for p in sc.places)
    cold = Geo("kinmen")
    cold_terr = Territory(cold, places)
    files = sorted((tmp_path / "map").glob("*.marshal"))
    assert len(files) == 2
    warm = Geo("kinmen")
    warm_terr = Territory(warm, places)
    assert warm._data is None  # the coastline file was not even read
    assert (warm.fills, warm.coasts) == (cold.fills, cold.coasts)
    assert (warm.outer_fills, warm.outer_coasts) == (cold.outer_fills, cold.outer_coasts)
    assert warm_terr.sides == cold_terr.sides
    assert warm_terr.lines == cold_terr.lines and warm_terr.labels == cold_terr.labels
    assert warm_terr.masks == {}  # decoded on first use, not before a launch's first frame
    warm_terr.within(3, 0.0, 0.0)
    for nm in (3, 12):
        a, b = warm_terr.masks[nm], cold_terr.masks[nm]
        assert a.count() == b.count() and a.overlap_area(b, (0, 0)) == b.count()
    assert warm_terr.roc_3nm.count() == cold_terr.roc_3nm.count()
    for f in files:  # a damaged cache is ignored
        f.write_bytes(b"\x00not marshal")
    again = Territory(Geo("kinmen"), places)
    assert again.lines == cold_terr.lines


def test_fonts_survive_pygame_quit():
    from game.ui.map.drawing import font

    font(13).render("Kinmen 金門", True, (0, 0, 0))
    pygame.quit()
    pygame.font.init()
    font(13).render("Kinmen 金門", True, (0, 0, 0))  # a fresh font, not a dead one
