"""A made-up busy day for the map, a picture of it and the map's frame-time benchmark."""

from __future__ import annotations

import math
import os
import random
import time
from datetime import timedelta

import pygame

from game.engine.report import Report
from game.engine.state import new_game
from game.paths import assets_dir, default_scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.ui.map.geometry import KM_PER_DEG
from game.ui.map.view import MapView

# -- demo report, screenshots and benchmark -------------------------------------------------


def demo_report(scenario, day: int = 0):
    """A made-up report of a busy day (every battery firing, a convoy, boats, an air battle),
    for benchmarks, screenshots and trying the animations."""
    rep = Report(date=str(scenario.meta.start + timedelta(days=day)), day=day)
    places = {p.id: p for p in scenario.places}
    rng = random.Random(day)

    def dist(a: str, b: str) -> float:
        pa, pb = places[a], places[b]
        k = math.cos(math.radians((pa.lat + pb.lat) / 2))
        return math.hypot((pa.lon - pb.lon) * k, pa.lat - pb.lat) * KM_PER_DEG

    for i, g in enumerate(scenario.artillery):
        enemy_targets = [t for t in scenario.targets if t.side != g.side]
        in_range = [t for t in enemy_targets if dist(g.place, t.place) <= g.range_km]
        enemy_groups = [x for x in scenario.artillery if x.side != g.side]
        groups_in_range = [x for x in enemy_groups if dist(g.place, x.place) <= g.range_km]
        if g.side == "roc" and groups_in_range:
            tg = groups_in_range[i % len(groups_in_range)]
            rep.add(
                "bombardment",
                g.side,
                "counter_battery",
                f"{g.id} -> {tg.id}",
                order=i,
                group=g.id,
                target=tg.id,
                hits=rng.randint(5, 40),
                destroyed=1,
            )
        elif in_range:
            t = in_range[i % len(in_range)]
            rep.add(
                "bombardment",
                g.side,
                "fire",
                f"{g.id} -> {t.id}",
                order=i,
                group=g.id,
                target=t.id,
                hits=rng.randint(10, 120),
            )
    beaches = [t for t in scenario.targets if t.kind in ("beach", "pier") and t.side == "roc"]
    if scenario.supply.lanes and beaches:
        beach = scenario.supply.lanes[0].beaches[0]
        rep.add("naval", "prc", "naval", "boats", order=0, convoy=0, sunk=1, boats=6, boats_lost=2)
        rep.add(
            "convoys",
            "roc",
            "convoy",
            "convoy",
            order=0,
            beach=beach,
            landed=300.0,
            sunk_at_sea=1,
            sunk_at_beach=0,
            night=True,
        )
    rep.add("air", "none", "air_battle", "air battle", prc_lost=2, roc_lost=0)
    return rep


def load_default_scenario():
    """The 1958 scenario if present and valid, else the tiny test scenario, else None."""
    candidates = [default_scenario(), assets_dir().parent / "tests" / "data" / "tiny.yaml"]
    for path in candidates:
        if path.is_file():
            try:
                return load_scenario(path)
            except ScenarioError:
                continue
    return None


def render_png(
    path: str,
    scenario=None,
    which: str = "kinmen",
    lang: str = "en",
    palette: str = "default",
    size: tuple[int, int] = (1280, 720),
    level: int = 0,
    state=None,
    animate: float | None = 1.0,
) -> str:
    """Save a picture of the map (with a demo report animated for `animate` seconds)."""
    if scenario is None:
        scenario = load_default_scenario()
    view = MapView(scenario, which, size, lang, palette)
    view.set_level(level)
    surf = pygame.Surface(size)
    report = demo_report(scenario) if scenario is not None and animate is not None else None
    if report is not None:
        view.play_report(report)
        view.update(animate or 0.0)
    view.draw(surf, state, report)
    pygame.image.save(surf, path)
    return path


def bench_frames(n: int = 300) -> dict[str, float]:
    """Time `draw` of the Kinmen view at 1280x720 while panning with animations running.

    Uses the 1958 scenario (or the tiny test scenario). Returns milliseconds: the first frame
    (geometry, territorial lines, layer and labels built), and p50/p95/max of the next n.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1280, 720))
    sc = load_default_scenario()
    state = None
    if sc is not None:
        state = new_game(sc, 1)
        for k in list(state.integrity)[::2]:
            state.integrity[k] = 55.0
        for gid, gs in list(state.groups.items())[::3]:
            gs.guns = max(0, gs.guns - 3)
            gs.destroyed = 3
            del gid
    t0 = time.perf_counter()
    view = MapView(sc, "kinmen", (1280, 720))
    view.set_level(2)
    view.draw(screen, state)
    first = (time.perf_counter() - t0) * 1000.0
    report = demo_report(sc) if sc is not None else None
    hover = None
    if sc is not None and sc.artillery:
        hover = view.thing_screen_pos(sc.artillery[0].id)
    times: list[float] = []
    cpu: list[float] = []
    for i in range(n):
        if report is not None and i % 150 == 0:
            view.play_report(report)
        view.update(1 / 60)
        view.pan(7.0 * math.cos(i / 35.0), 4.0 * math.sin(i / 23.0))
        t = time.perf_counter()
        c = time.process_time()
        view.draw(screen, state, report, hover_pos=hover)
        cpu.append((time.process_time() - c) * 1000.0)
        times.append((time.perf_counter() - t) * 1000.0)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 3)

    return {
        "frames": float(n),
        "first_ms": round(first, 2),
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "max_ms": pct(times, 1.0),
        #: CPU time of the process per frame: the same without other programs' noise
        "cpu_p50_ms": pct(cpu, 0.5),
        "cpu_p95_ms": pct(cpu, 0.95),
    }
