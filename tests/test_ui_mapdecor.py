"""The map draws its names, territorial lines and fleets from the scenario's `map:` data, each
decoration on the days its event, move or flag says, as the viewing side sees the game.

The 1958 scenario's 12 nm line comes with Beijing's declaration (the PLA's move of
4 September, which sets `flag.twelve_mile`): not on 23 August, not on the morning of
4 September, drawn from the morning after. A scenario without a `map:` section draws no line
and no fleet; one with its own region names shows them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pygame
import pytest

from game.engine.observe import observe
from game.history.days import history_days
from game.scenario.loader import read_scenario_bytes
from game.scenario.model import Decoration, MapData, MapRegion, MapShip, Text
from game.ui.map.view import MapView
from tests.builder import TINY, shipped_scenario, start, tiny, variant

SIDES = ("roc", "prc")


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.font.init()
    yield


@pytest.fixture(scope="module")
def mornings():
    """The historical game's state on each morning from 23 August to 5 September (seed 1)."""
    sc = shipped_scenario()
    out = {}
    for day in history_days(sc, 1, until=dt.date(1958, 9, 4)):
        out[day.date] = day.before
        out[day.date + dt.timedelta(days=1)] = day.after
    return out


def _view(sc, which: str, state, size=(1280, 720), lang="en") -> MapView:
    view = MapView(sc, which, size, lang=lang)
    view.show(state)
    return view


def _pixels(view: MapView, colour) -> int:
    surf = pygame.Surface(view.size)
    view.draw(surf)
    return pygame.mask.from_threshold(surf, colour, (10, 10, 10, 255)).count()


def test_twelve_mile_line_comes_with_the_4_september_declaration(mornings):
    sc = shipped_scenario()
    # the flag the line is gated on is set by the PLA's declaration, made on 4 September
    (deco,) = [d for d in sc.map.decorations if d.id == "twelve_mile_line"]
    assert deco.flag == "twelve_mile"
    made = sorted(d for d, st in mornings.items() if "prc_declare_12_mile" in st.moves_made)
    assert made[0] == dt.date(1958, 9, 5)  # made during the 4 September turn
    set_on = sorted(d for d, st in mornings.items() if st.flags["twelve_mile"])
    assert set_on == made
    for date, state in sorted(mornings.items()):
        for side in SIDES:
            view = _view(sc, "kinmen", observe(sc, state, side))
            shown = view.decorations()
            assert "three_mile_line" in shown  # from the first day
            after = date > dt.date(1958, 9, 4)
            assert ("twelve_mile_line" in shown) == after, (date, side, shown)
            assert view.nm_lines() == ((12, 3) if after else (3,))
            lines = {lab.text for lab in view._layout().labels if lab.kind == "territorial"}
            assert ("12 nm" in lines) == after, (date, lines)


def test_twelve_mile_line_drawn_only_after_the_declaration(mornings):
    sc = shipped_scenario()
    shots = {}
    for date in (dt.date(1958, 8, 23), dt.date(1958, 9, 4), dt.date(1958, 9, 5)):
        view = _view(sc, "kinmen", observe(sc, mornings[date], "roc"))
        view.layers = {"base", "coast", "overlays"}  # the base layer: sea, lines, land
        surf = pygame.Surface(view.size)
        view.draw(surf)
        shots[date] = surf
    line = view.colours["territorial_12"]

    def changed(a, b) -> list[tuple[int, int, int]]:
        w, h = a.get_size()
        return [
            tuple(b.get_at((x, y)))[:3]
            for y in range(0, h, 2)
            for x in range(0, w, 2)
            if a.get_at((x, y)) != b.get_at((x, y))
        ]

    assert changed(shots[dt.date(1958, 8, 23)], shots[dt.date(1958, 9, 4)]) == []
    drawn = changed(shots[dt.date(1958, 9, 4)], shots[dt.date(1958, 9, 5)])
    assert len(drawn) > 100
    # what changed is the line: in its colour (blended into the sea at its edges)
    near = [c for c in drawn if sum(abs(c[i] - line[i]) for i in range(3)) < 90]
    assert len(near) > len(drawn) / 3, (len(near), len(drawn))


def test_seventh_fleet_from_the_day_its_event_fired(mornings):
    sc = shipped_scenario()
    for date, state in sorted(mornings.items()):
        fired = "e0824_seventh_fleet" in state.events_fired
        assert fired == (date > dt.date(1958, 8, 24)), date
        for side in SIDES:
            view = _view(sc, "strait", observe(sc, state, side))
            lay = view._layout()
            assert ("seventh_fleet" in view.decorations()) == fired
            assert len(lay.us) == (4 if fired else 0)
            names = {lab.text for lab in lay.labels if lab.kind == "fleet"}
            assert names == ({"US 7th Fleet"} if fired else set()), (date, names)


def test_regions_from_the_scenario_in_both_languages():
    sc = shipped_scenario()
    for lang, name in (("en", "Greater Kinmen"), ("zh-Hant", "大金門")):
        view = _view(sc, "kinmen", start(sc), lang=lang)
        texts = {lab.text for lab in view._layout().labels if lab.kind == "region"}
        assert name in texts


def test_no_map_section_no_lines_fleet_or_regions():
    sc = tiny()
    assert sc.map == MapData()
    st = start(sc)
    st.flags["twelve_mile"] = True
    for which in ("kinmen", "strait"):
        view = _view(sc, which, st)
        assert view.decorations() == [] and view.nm_lines() == ()
        lay = view._layout()
        assert lay.us == []
        assert {lab.kind for lab in lay.labels} <= {"place"}
    kinmen = _view(sc, "kinmen", st)
    assert _pixels(kinmen, kinmen.colours["territorial_12"]) < 20
    assert _pixels(kinmen, kinmen.colours["territorial_3"]) < 20


def _own_map() -> str:
    """tiny.yaml with a `map:` section of its own: a region named by the mod, a line gated by a
    move, and a fleet gated by an event."""
    return TINY.read_text(encoding="utf-8") + (
        "map:\n"
        "  regions:\n"
        "    - {id: my_sea, view: kinmen, lon: 118.5, lat: 24.35, "
        "name: {en: Mod Sea, zh: 模組海}, style: water}\n"
        "    - {id: my_land, view: kinmen, lon: 118.36, lat: 24.625, "
        "name: {en: Modland, zh: 模組地}}\n"
        "  decorations:\n"
        "    - {id: line12, kind: territorial_line, view: kinmen, nm: 12, move: prc_halt}\n"
        "    - id: fleet\n"
        "      kind: fleet\n"
        "      view: strait\n"
        "      event: us_escort_agreed\n"
        "      name: {en: Mod Fleet, zh: 模組艦隊}\n"
        "      ships: [{lon: 119.8, lat: 24.16, role: carrier, size: 26}]\n"
    )


def test_a_mod_with_its_own_map_section():
    sc, problems = read_scenario_bytes(_own_map().encode("utf-8"), "own.yaml", use_cache=False)
    assert sc is not None, [str(p) for p in problems]
    st = start(sc)
    for lang, sea, land in (("en", "Mod Sea", "Modland"), ("zh-Hant", "模組海", "模組地")):
        view = _view(sc, "kinmen", st, lang=lang)
        texts = {lab.text for lab in view._layout().labels if lab.kind == "region"}
        assert {sea, land} <= texts, texts
        assert "Greater Kinmen" not in texts and "大金門" not in texts
    assert _view(sc, "kinmen", st).decorations() == []
    assert _view(sc, "strait", st).decorations() == []
    st.moves_made.append("prc_halt")
    st.events_fired.append("us_escort_agreed")
    kinmen = _view(sc, "kinmen", st)
    assert kinmen.decorations() == ["line12"] and kinmen.nm_lines() == (12,)
    lines = {lab.text for lab in kinmen._layout().labels if lab.kind == "territorial"}
    assert lines <= {"12 nm"}  # the words' name for a line the data does not name
    strait = _view(sc, "strait", st)
    assert strait.decorations() == ["fleet"]
    assert {lab.text for lab in strait._layout().labels if lab.kind == "fleet"} == {"Mod Fleet"}


def test_flag_gate_follows_the_flag_and_no_state_is_the_first_morning():
    sc = variant(
        tiny(),
        map=MapData(
            decorations=[
                Decoration(
                    id="line", kind="territorial_line", view="kinmen", nm=12, flag="twelve_mile"
                ),
                Decoration(
                    id="ships",
                    kind="fleet",
                    view="strait",
                    name=Text(en="Ships", zh="艦"),
                    ships=[MapShip(lon=119.8, lat=24.16)],
                ),
            ],
            regions=[
                MapRegion(id="r", view="kinmen", lon=118.5, lat=24.35, name=Text(en="R", zh="R"))
            ],
        ),
    )
    view = MapView(sc, "kinmen", (1280, 720))
    assert view.decorations() == []  # no state: the first morning, the flag unset
    st = start(sc)
    view.show(st)
    assert view.decorations() == []
    st.flags["twelve_mile"] = True
    assert view.decorations() == ["line"]
    on = dataclasses.replace(sc.flags[2], initial=True)
    sc2 = variant(sc, flags=[sc.flags[0], sc.flags[1], on])
    assert MapView(sc2, "kinmen", (1280, 720)).decorations() == ["line"]
    assert MapView(sc, "strait", (1280, 720)).decorations() == ["ships"]  # ungated


def test_a_layer_without_a_declared_line_is_not_kept_in_play(mornings):
    """A game goes forward: once the 12 nm line is drawn, the layers drawn without it are
    dropped (they held 5 MB each at 1280x720 for the rest of the game); the other view's
    layer stays. A replay, which seeks across the declaration, keeps both."""
    sc = shipped_scenario()
    before, after = (
        observe(sc, mornings[d], "roc") for d in (dt.date(1958, 9, 4), dt.date(1958, 9, 5))
    )
    view = MapView(sc, "kinmen", (640, 360))
    surf = pygame.Surface(view.size)
    for which in ("strait", "kinmen"):
        view.set_view(which)
        view.draw(surf, before)
    view.draw(surf, after)
    lines = sorted(k[-1] for k in view._layers)
    assert lines == [(), (12, 3)], lines  # the strait view's layer and the new one
    view.prepare_labels([before, after])
    view.draw(surf, before)
    view.draw(surf, after)
    assert {k[-1] for k in view._layers if k[0] == "kinmen"} == {(3,), (12, 3)}
