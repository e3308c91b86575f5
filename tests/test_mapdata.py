"""Coastline files (assets/map/*.json) and their reader game/mapdata.py."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path

import pytest

from game.mapdata import (
    MapData,
    Ring,
    distance_to_coast_km,
    load_map,
    map_path,
    point_on_land,
)

BBOXES = {
    "strait": (117.0, 22.3, 122.2, 26.6),
    "kinmen": (118.05, 24.30, 118.65, 24.65),
}
RESOLUTIONS = {"strait": "h", "kinmen": "f"}
SIZE_BUDGET = {"strait": 250 * 1024, "kinmen": 120 * 1024}  # bytes


@pytest.fixture(scope="module", params=sorted(BBOXES))
def any_map(request: pytest.FixtureRequest) -> MapData:
    return load_map(request.param)


@pytest.fixture(scope="module")
def kinmen() -> MapData:
    return load_map("kinmen")


@pytest.fixture(scope="module")
def strait() -> MapData:
    return load_map("strait")


def test_maps_load_with_their_box_and_resolution(any_map: MapData) -> None:
    assert any_map.bbox == pytest.approx(BBOXES[any_map.name])
    assert any_map.resolution == RESOLUTIONS[any_map.name]
    assert "GSHHG 2.3.6" in any_map.source
    assert len(any_map.rings) > 50
    assert {r.level for r in any_map.rings} <= {1, 2, 3, 4}


def test_rings_are_closed_and_inside_the_box(any_map: MapData) -> None:
    west, south, east, north = any_map.bbox
    for ring in any_map.rings:
        assert len(ring.points) >= 4
        assert ring.points[0] == ring.points[-1]
        for lon, lat in ring.points:
            assert west <= lon <= east and south <= lat <= north


def test_border_edges_lie_on_one_box_side(any_map: MapData) -> None:
    west, south, east, north = any_map.bbox
    clipped = 0
    for ring in any_map.rings:
        clipped += ring.clipped
        for i in ring.border_edges:
            assert 0 <= i < len(ring.points) - 1
            (x0, y0), (x1, y1) = ring.points[i], ring.points[i + 1]
            assert (x0 == x1 and x0 in (west, east)) or (y0 == y1 and y0 in (south, north))
    assert clipped >= 1  # the mainland is always cut by the box


def test_coast_runs_leave_out_only_the_border(any_map: MapData) -> None:
    for ring in any_map.rings:
        runs = ring.coast_runs()
        edges = sum(len(run) - 1 for run in runs)
        assert edges == len(ring.points) - 1 - len(ring.border_edges)
        if not ring.clipped:
            assert runs == [ring.points]


def test_greater_kinmen_is_the_largest_whole_island(kinmen: MapData) -> None:
    here = [r for r in kinmen.rings if r.contains(118.38, 24.45)]
    assert len(here) == 1
    greater_kinmen = here[0]
    assert greater_kinmen.level == 1
    assert not greater_kinmen.clipped
    assert 120 < greater_kinmen.area_km2 < 170
    whole_islands = [r for r in kinmen.rings if r.level == 1 and not r.clipped]
    assert max(whole_islands, key=lambda r: r.area_km2) is greater_kinmen
    west, south, east, north = greater_kinmen.bbox
    assert west < 118.30 and east > 118.45 and south < 24.41 and north > 24.50


@pytest.mark.parametrize(
    ("lon", "lat", "land", "what"),
    [
        (118.36, 24.43, True, "Shangyi airfield"),
        (118.41, 24.46, True, "Mount Taiwu"),
        (118.40, 24.41, False, "Liaoluo Bay"),
        (118.09, 24.46, True, "Xiamen city"),
        (118.24, 24.43, True, "Lieyu"),
        (118.30, 24.35, False, "south of Lieyu"),
    ],
)
def test_kinmen_places(kinmen: MapData, lon: float, lat: float, land: bool, what: str) -> None:
    assert point_on_land(kinmen, lon, lat) is land, what


@pytest.mark.parametrize(
    ("lon", "lat", "land", "what"),
    [
        (119.5, 24.5, False, "middle of the strait"),
        (118.09, 24.46, True, "Xiamen city"),
        (118.41, 24.46, True, "Mount Taiwu"),
        (120.9, 23.5, True, "central Taiwan"),
        (117.65, 24.51, True, "Zhangzhou"),
        (119.57, 23.57, True, "Magong, Penghu"),
        (121.0, 22.5, False, "east of the south cape of Taiwan"),
    ],
)
def test_strait_places(strait: MapData, lon: float, lat: float, land: bool, what: str) -> None:
    assert point_on_land(strait, lon, lat) is land, what


def test_lakes_are_water(strait: MapData) -> None:
    lakes = [r for r in strait.rings if r.level == 2]
    assert lakes
    for lake in lakes:
        lon, lat = _inner_point(lake)
        assert not point_on_land(strait, lon, lat)


def test_distance_to_coast(kinmen: MapData) -> None:
    assert distance_to_coast_km(kinmen, 118.40, 24.41) == pytest.approx(2.1, abs=0.5)
    # a point on the shoreline itself
    ring = next(r for r in kinmen.rings if r.contains(118.38, 24.45))
    lon, lat = ring.points[0]
    assert distance_to_coast_km(kinmen, lon, lat) == pytest.approx(0.0, abs=1e-9)
    # Mount Taiwu is inland, but Kinmen is narrow
    assert 1.0 < distance_to_coast_km(kinmen, 118.41, 24.46) < 6.0


def test_box_border_is_not_coast(kinmen: MapData) -> None:
    # the mainland is cut by the north border; on land just inside it, the nearest coast is
    # not the (zero) distance to the border
    west, _south, _east, north = kinmen.bbox
    assert point_on_land(kinmen, west + 0.01, north - 0.001)
    assert distance_to_coast_km(kinmen, west + 0.01, north - 0.001) > 0.5


def test_empty_map_has_no_coast() -> None:
    empty = MapData("empty", (0.0, 0.0, 1.0, 1.0), "f", [])
    assert not point_on_land(empty, 0.5, 0.5)
    assert distance_to_coast_km(empty, 0.5, 0.5) == math.inf


def test_files_are_small_plain_json(any_map: MapData) -> None:
    path = map_path(any_map.name)
    data = path.read_bytes()
    assert len(data) <= SIZE_BUDGET[any_map.name]
    assert data.startswith(b'{"format": 1')  # not a Git LFS pointer


def test_mapdata_does_not_import_pygame() -> None:
    code = "import sys, game.mapdata; sys.exit('pygame' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def _inner_point(ring: Ring) -> tuple[float, float]:
    """A point inside the ring: middle of the widest inside span on its middle latitude."""
    _west, south, _east, north = ring.bbox
    lat = (south + north) / 2 + 1e-7
    xs = []
    pts = ring.points
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if (y0 > lat) != (y1 > lat):
            xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    spans = [(xs[i + 1] - xs[i], xs[i]) for i in range(0, len(xs) - 1, 2)]
    width, start = max(spans)
    return start + width / 2, lat
