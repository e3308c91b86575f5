"""What the map draws: the cached base layer (sea, land, coast, the 3/12 nm lines), the
"scene" (lanes, craters, range rings, symbols and labels drawn on a copy of it) and the
scale bar.
"""

from __future__ import annotations

import itertools
import math
import random
from datetime import timedelta
from typing import Any

import pygame

from game.engine.observe import Observation
from game.ui import symbols
from game.ui.map.drawing import _clip_polygon, _clip_segment, _dashed, _has_display, _thin
from game.ui.map.geo import geo
from game.ui.map.geometry import Point
from game.ui.map.parts import MapParts, _Layout
from game.ui.map.territory import Territory, territory_of
from game.ui.palette import mix, side_colour
from game.words.strings import words

LAYER_CACHE_PIXELS = 30_000_000
#: the base layer with the symbols and labels drawn on it is kept up to this size
SCENE_MAX_PIXELS = 8_000_000
ALL_LAYERS = frozenset({"base", "coast", "overlays", "symbols", "labels", "animations"})
_BAKED = ("base", "coast", "overlays")  # parts rendered into the cached base layer
#: the scale bar's lengths (km), the longest that fits in `SCALE_BAR_PX` pixels (at 100 %)
SCALE_KMS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)
SCALE_BAR_PX = 130


class Layers(MapParts):
    """The drawing part of `MapView` (a mixin, see `Camera`)."""

    # -- cached base layer --------------------------------------------------------------------

    def _baked(self) -> tuple[str, ...]:
        return tuple(p for p in _BAKED if p in self.layers)

    def territory(self) -> Territory | None:
        """The 3/12 nm lines of the Kinmen view (None in the strait view)."""
        if self.which != "kinmen":
            return None
        return territory_of(self._geo, self._place_sig)

    def _layer(self) -> tuple[pygame.Surface, int, int]:
        """The cached base layer at the current zoom and its margins (pixels beyond the box)."""
        z = self.zoom
        mx, my = self._margins(z)
        lines = self.nm_lines() if "overlays" in self.layers else ()
        key = (self.which, round(z, 6), self.palette_name, self._baked(), mx, my, lines)
        entry = self._layers.get(key)
        if entry is not None:
            self._layers.move_to_end(key)
            return entry
        entry = (self._render_layer(z, mx, my, lines), mx, my)
        # a game only goes forward: once a line is declared, the layers drawn without it are
        # never shown again (5 MB each at 1280x720; the 12 nm line's day left two of them),
        # unless a replay, which seeks back and forth, asked for them (`prepare_labels`)
        for old_key in [k for k in self._layers if k[0] == self.which and k[-1] != lines]:
            if old_key[-1] not in self._kept_lines:
                del self._layers[old_key]
        self._layers[key] = entry
        total = sum(e[0].get_width() * e[0].get_height() for e in self._layers.values())
        while len(self._layers) > 1 and (total > LAYER_CACHE_PIXELS or len(self._layers) > 4):
            _k, old = self._layers.popitem(last=False)
            total -= old[0].get_width() * old[0].get_height()
        return entry

    def _render_layer(
        self, z: float, mx: int = 0, my: int = 0, lines: tuple[int, ...] = ()
    ) -> pygame.Surface:
        """Sea, the shore's light band, the territorial lines `lines` (nautical miles, those
        the day's decorations show), land and coast, over the box and its margins."""
        g = self._geo
        pal = self.colours
        parts = self._baked()
        bw = max(1, math.ceil(g.width_km * z))
        bh = max(1, math.ceil(g.height_km * z))
        surf = pygame.Surface((bw + 2 * mx, bh + 2 * my))
        if _has_display():
            surf = surf.convert()
        surf.fill(pal["sea"])
        box = pygame.Rect(mx, my, bw, bh)
        if mx or my:
            # the surroundings, from the coarser strait map
            self._draw_geometry(surf, g.outer_fills, g.outer_coasts, z, mx, my, parts)
            surf.fill(pal["sea"], box)
        surf.set_clip(box)
        coast = "coast" in parts
        if coast:
            self._draw_band(surf, g.coasts, z, mx, my)
        if "overlays" in parts and lines:
            terr = self.territory()
            if terr is not None:
                # over the surroundings too: the lines go on past the box's edges
                surf.set_clip(None)
                for nm in lines:
                    dash, gap = (9.0, 5.0) if nm >= 12 else (5.0, 4.0)
                    colour = pal[f"territorial_{nm}"]
                    width = 2 if z > 40 else 1
                    for line in terr.lines[nm]:
                        closed = len(line) > 2 and line[0] == line[-1]
                        pts = line[:-1] if closed else line
                        px = _thin([(mx + x * z, my + y * z) for x, y in pts], 2.0)
                        _dashed(surf, colour, px, dash, gap, closed=closed, width=width)
                surf.set_clip(box)
        self._draw_geometry(surf, g.fills, g.coasts, z, mx, my, parts, band=False)
        surf.set_clip(None)
        return surf

    def _draw_band(self, surf, coasts, z: float, mx: int, my: int) -> None:
        """A light band of shallow water along the shore."""
        band = max(3, min(9, round(0.3 * z)))
        colour = self.colours["shallow"]
        for pts, closed, bb in coasts:
            if max(bb[2] - bb[0], bb[3] - bb[1]) * z < 3.0:
                continue
            px = [(mx + x * z, my + y * z) for x, y in pts]
            pygame.draw.lines(surf, colour, closed, px, band)

    def _draw_geometry(
        self, surf, fills, coasts, z: float, mx: int, my: int, parts, band: bool = True
    ) -> None:
        """Land and lakes filled, then the smoothed shore stroked anti-aliased."""
        pal = self.colours
        coast = "coast" in parts
        if coast and band:
            self._draw_band(surf, coasts, z, mx, my)
        clip = surf.get_clip()
        for water, pts, bb in fills:
            if (
                mx + bb[2] * z < clip.left
                or mx + bb[0] * z > clip.right
                or my + bb[3] * z < clip.top
                or my + bb[1] * z > clip.bottom
            ):
                continue
            size = max(bb[2] - bb[0], bb[3] - bb[1]) * z
            colour = pal["sea"] if water else pal["land"]
            if size < 0.6:
                if size > 0.25 and not water:
                    at = (int(mx + bb[0] * z), int(my + bb[1] * z))
                    if clip.collidepoint(at):
                        surf.set_at(at, mix(pal["sea"], colour, 0.6))
                continue
            px = [(mx + x * z, my + y * z) for x, y in pts]
            if (bb[2] - bb[0]) * z > 2 * clip.width or (bb[3] - bb[1]) * z > 2 * clip.height:
                # a huge ring (the mainland of the strait map): clip it first, since filling
                # costs every scan line of the polygon, on the surface or not
                px = _clip_polygon(px, clip.inflate(8, 8))
                if len(px) < 3:
                    continue
            pygame.draw.polygon(surf, colour, px)
        if coast:
            col = pal["coast"]
            for pts, closed, bb in coasts:
                if max(bb[2] - bb[0], bb[3] - bb[1]) * z < 1.2:
                    continue
                if (
                    mx + bb[2] * z < clip.left
                    or mx + bb[0] * z > clip.right
                    or my + bb[3] * z < clip.top
                    or my + bb[1] * z > clip.bottom
                ):
                    continue
                px = [(mx + x * z, my + y * z) for x, y in pts]
                pygame.draw.aalines(surf, col, closed, px)

    # -- drawing ------------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        state=None,
        report=None,
        hover_pos=None,
        selected: str | None = None,
    ) -> None:
        """Draw the map with the game on `surface` (its top-left is the map's top-left)."""
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        if state is not None:
            self._last_state = state
        pal = self.colours
        layers = self.layers
        layer, mx, my = self._layer()
        ox, oy = self._origin()
        w, h = self.size
        lw, lh = layer.get_size()
        decorated = bool(layers & {"overlays", "symbols", "labels", "animations"})
        z = self.zoom
        lay = self._layout() if decorated else None
        scene = None
        if lay is not None and lw * lh <= SCENE_MAX_PIXELS:
            scene = self._scene(layer, mx, my, z, lay, state, report, selected)
        if ox - mx > 0 or oy - my > 0 or ox - mx + lw < w or oy - my + lh < h:
            surface.fill(pal["offmap"])
        surface.blit(scene or layer, (ox - mx, oy - my))
        if lay is None:
            return
        hover = self.thing_at(hover_pos) if hover_pos is not None else None
        if scene is None:
            ranges = [selected] if selected else []
            self._decorate(surface, z, ox, oy, lay, state, report, ranges)
        if "overlays" in layers and self.which == "strait":
            # the strait map's own edge, where the grey beyond begins (the Kinmen view's box
            # edge runs through land and sea, its surroundings drawn from the strait map)
            pygame.draw.rect(
                surface,
                pal["view_box"],
                pygame.Rect(ox - 1, oy - 1, lw - 2 * mx + 2, lh - 2 * my + 2),
                1,
            )
        if hover and hover != selected and "symbols" in layers:
            self._draw_range(surface, hover, z, ox, oy)  # over the symbols
        if "animations" in layers:
            self._draw_animations(surface, z)
        if "symbols" in layers:
            for tid, colour, grow in ((selected, pal["selected"], 3), (hover, pal["highlight"], 1)):
                if not tid:
                    continue
                for t in lay.things:
                    if t.id == tid:
                        r = t.rect.move(ox, oy).inflate(6 + grow * 2, 6 + grow * 2)
                        pygame.draw.rect(surface, colour, r, 2, border_radius=4)
        if "overlays" in layers:
            self._draw_scale_bar(surface, z)

    def _scene(
        self, layer, mx: int, my: int, z: float, lay: _Layout, state, report, selected
    ) -> pygame.Surface:
        """The base layer with everything that stays put drawn on it (lanes, craters, the
        selected battery's range, symbols with their gun counts and bars, labels), kept until
        one of those changes: panning then costs one blit, and only animations, the hover
        highlight and the scale bar are drawn each frame."""
        craters = None
        if report is not None and "animations" in self.layers and z >= 4.0:
            craters = self._crater_key(report, z)
        key = (
            mx,
            my,
            frozenset(self.layers),
            selected,
            craters,
            self._things_sig(lay, state),
        )
        cached = self._scene_cache
        if cached is not None and cached[0] is layer and cached[1] is lay and cached[2] == key:
            return cached[3]
        surf = layer.copy()
        ranges = [selected] if selected else []
        self._decorate(surf, z, mx, my, lay, state, report if craters else None, ranges)
        # keep the layer, layout and report alive with the key (the key compares identities)
        self._scene_cache = (layer, lay, key, surf, report)
        return surf

    def _things_sig(self, lay: _Layout, state) -> tuple | None:
        """What the symbols show of `state`: each battery as `battery_shown` says, targets'
        damage (nothing else of the state may change the picture)."""
        if state is None:
            return None
        integrity = state.integrity
        out: list[Any] = []
        for t in lay.things:
            if t.kind == "battery":
                out.append(self.battery_shown(t.id, state))
            else:
                out.append(integrity.get(t.id))
        return (getattr(state, "day", 0), tuple(out))

    def battery_shown(self, gid: str, state=None) -> tuple[bool, int | None, bool]:
        """What the map shows of battery `gid`: (drawn at all, guns or None when the viewer
        does not know them, waiting to arrive). `state` is the viewing side's `Observation`
        (the screens pass nothing else): an enemy group that does not exist for the side is
        not drawn, one out of sight shows "?"; a `State` (the demo, map tests) shows all."""
        grp = self._groups[gid]
        state = self._last_state if state is None else state
        if state is None:
            return (True, grp.guns, False)
        g = state.groups.get(gid)
        if isinstance(state, Observation):
            if g is None or not g.exists:
                return (False, None, False)
            guns = g.guns if g.known else None
        else:
            guns = g.guns if g is not None else grp.guns
        date = self.scenario.meta.start + timedelta(days=state.day)
        return (True, guns, bool(grp.available_from and date < grp.available_from))

    def _decorate(
        self, surface, z: float, ox: int, oy: int, lay: _Layout, state, report, ranges
    ) -> None:
        """Lanes, craters, range rings, symbols and labels, with the box's north-west corner
        at (ox, oy) of `surface`; whatever lies outside `surface` is skipped."""
        pal = self.colours
        layers = self.layers
        w, h = surface.get_size()
        if "overlays" in layers:
            self._draw_lanes(surface, z, ox, oy)
            if self.which == "strait":
                k = geo("kinmen").bbox
                g = self._geo
                x0, y0 = g.xy(k[0], k[3])
                x1, y1 = g.xy(k[2], k[1])
                x0, y0, x1, y1 = ox + x0 * z, oy + y0 * z, ox + x1 * z, oy + y1 * z
                pygame.draw.rect(
                    surface, pal["view_box"], pygame.Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1), 1
                )
        if report is not None and "animations" in layers:
            self._draw_craters(surface, report, z, ox, oy)
        if "labels" in layers:
            # under the symbols: a leader line passes under a neighbour's gun count
            for x0, y0, x1, y1 in lay.callouts:
                pygame.draw.aaline(
                    surface, pal["text_muted"], (ox + x0, oy + y0), (ox + x1, oy + y1)
                )
        if "symbols" in layers:
            for rid in ranges:
                self._draw_range(surface, rid, z, ox, oy)
            self._draw_things(surface, lay, state, ox, oy, surface.get_rect())
        if "labels" in layers:
            blits = []
            for lab in lay.labels:
                if lab.kind == "territorial" and "overlays" not in layers:
                    continue
                x, y = ox + lab.x, oy + lab.y
                if x > w or y > h or x + lab.surf.get_width() < 0 or y + lab.surf.get_height() < 0:
                    continue
                blits.append((lab.surf, (x, y)))
            surface.blits(blits, doreturn=False)

    def _draw_lanes(self, surface: pygame.Surface, z: float, ox: int, oy: int) -> None:
        if self.scenario is None:
            return
        g = self._geo
        w, h = surface.get_size()
        clip = (-10.0, -10.0, w + 10.0, h + 10.0)
        colour = mix(self.colours["lane"], self.colours["sea"], 0.35)
        for lane in self.scenario.supply.lanes:
            pts = []
            for pid in lane.waypoints:
                p = self._places.get(pid)
                if p is None:
                    continue
                x, y = g.xy(p.lon, p.lat)
                pts.append((ox + x * z, oy + y * z))
            for a, b in itertools.pairwise(pts):
                seg = _clip_segment(a, b, clip)
                if seg is not None:
                    _dashed(surface, colour, [seg[0], seg[1]], 7.0, 5.0, width=2)

    def _draw_range(
        self, surface: pygame.Surface, thing_id: str, z: float, ox: int, oy: int
    ) -> None:
        grp = self._groups.get(thing_id)
        if grp is None or self.battery_shown(thing_id)[1] is None:
            return  # no ring for a battery the viewer does not know the strength of
        p = self._places.get(grp.place)
        if p is None:
            return
        x, y = self._geo.xy(p.lon, p.lat)
        x, y = ox + x * z, oy + y * z
        r = grp.range_km * z
        if r < 2 or r > 20000:
            return
        colour = side_colour(self.colours, grp.side)
        pygame.draw.circle(surface, colour, (x, y), r, 2)
        label = self._text(
            words(self.lang).t("map.km", km=f"{grp.range_km:g}"),
            round(11 * self.ui_scale),
            colour,
            self.colours["halo"],
        )
        surface.blit(label, label.get_rect(midbottom=(x, y - r - 1)))

    def _draw_things(self, surface, lay: _Layout, state, ox: int, oy: int, screen) -> None:
        pal = self.colours
        s = self.ui_scale
        sw, sh = screen.size
        for ax, ay, bx, by in lay.leaders:
            pygame.draw.aaline(surface, pal["dot"], (ox + ax, oy + ay), (ox + bx, oy + by))
            pygame.draw.circle(surface, pal["dot"], (ox + ax, oy + ay), 2)
        for x, y, _pid in lay.dots:
            sx, sy = ox + x, oy + y
            if -10 < sx < sw + 10 and -10 < sy < sh + 10:
                pygame.draw.circle(surface, pal["halo"], (sx, sy), 3.5 * s)
                pygame.draw.circle(surface, pal["dot"], (sx, sy), 2.5 * s)
        for x, y, role, length in lay.us:
            spr = symbols.ship_sprite(
                role, length, symbols.heading_bucket(-math.pi / 2.4), pal["halo"], pal["us"], True
            )
            surface.blit(spr, spr.get_rect(center=(ox + x, oy + y)))
        for t in lay.things:
            cx, cy = ox + t.x, oy + t.y
            if not (-30 < cx < sw + 30 and -30 < cy < sh + 30):
                continue
            base = side_colour(pal, t.side)
            outline = pal["outline"]
            if t.kind == "battery":
                drawn, known, waiting = self.battery_shown(t.id, state)
                if not drawn:
                    continue
                guns0 = self._groups[t.id].guns
                hidden = known is None
                guns = guns0 if known is None else known
                damage = 0.0 if hidden or guns0 <= 0 else 1.0 - guns / guns0
                fill = mix(base, (24, 24, 24), round(damage * 10) / 10 * 0.7)
                spr = symbols.battery_sprite(
                    t.side, t.size, fill, base if waiting else outline, waiting
                )
                surface.blit(spr, spr.get_rect(center=(cx, cy)))
                text = "?" if hidden else f"{guns}/{guns0}" if guns < guns0 else ""
                if text:
                    lab = self._text(text, round(11 * s), pal["text"], pal["halo"])
                    if lab.get_width() > t.room and "/" in text:
                        # wider than the symbol's cell: neighbours' counts would overlap,
                        # so only the guns left (the tooltip has the rest)
                        lab = self._text(str(guns), round(11 * s), pal["text"], pal["halo"])
                    surface.blit(lab, lab.get_rect(midtop=(cx, cy + t.size / 2)))
            else:
                got = state.integrity.get(t.id, 100.0) if state is not None else 100.0
                integ = 100.0 if got is None else float(got)  # None: hidden from the viewer
                damage = max(0.0, min(1.0, (100.0 - integ) / 100.0))
                fill = mix(base, (24, 24, 24), round(damage * 10) / 10 * 0.7)
                spr = symbols.target_sprite(t.sub, t.size, fill, outline)
                surface.blit(spr, spr.get_rect(center=(cx, cy)))
                if integ < 99.5:
                    self._bar(surface, cx, cy + t.size / 2 + 2, t.size + 4, integ / 100.0)

    def _bar(self, surface, cx: float, top: float, width: int, frac: float) -> None:
        pal = self.colours
        h = max(3, round(3 * self.ui_scale))
        back = pygame.Rect(0, 0, width, h + 2)
        back.midtop = (round(cx), round(top))
        pygame.draw.rect(surface, pal["bar_back"], back)
        colour = (
            pal["bar_good"] if frac > 0.66 else pal["bar_mid"] if frac > 0.33 else pal["bar_bad"]
        )
        inner = pygame.Rect(back.x + 1, back.y + 1, round((width - 2) * max(0.0, frac)), h)
        if inner.width > 0:
            pygame.draw.rect(surface, colour, inner)

    def _draw_scale_bar(self, surface: pygame.Surface, z: float) -> None:
        key = (round(z, 6), self.lang, self.palette_name, self.ui_scale)
        bar = self._scalebars.get(key)
        if bar is None:
            bar = self._scalebars[key] = self._render_scale_bar(z)
            if len(self._scalebars) > 16:
                self._scalebars.pop(next(iter(self._scalebars)))
        surface.blit(bar, (10, self.size[1] - bar.get_height() - 10))

    def _scale_label(self, km: float) -> pygame.Surface:
        text = words(self.lang).t("map.km", km=f"{km:g}")
        return self._text(text, round(12 * self.ui_scale), self.colours["scale_fg"], None)

    def scale_bar_room(self) -> pygame.Rect:
        """Where the scale bar is drawn at its widest, at any zoom (map pixels): the screen
        keeps its buttons off it (at 200 % the legend button once covered it)."""
        s = self.ui_scale
        label = max((self._scale_label(km) for km in SCALE_KMS), key=lambda t: t.get_width())
        pad = round(5 * s)
        w = max(4, round(SCALE_BAR_PX * s)) + label.get_width() + pad * 3 + 2
        h = max(label.get_height(), max(4, round(5 * s)) + 6) + pad
        return pygame.Rect(10, self.size[1] - h - 10, w, h)

    def _render_scale_bar(self, z: float) -> pygame.Surface:
        pal = self.colours
        s = self.ui_scale
        target = SCALE_BAR_PX * s
        km = 0.1
        for cand in SCALE_KMS:
            if cand * z <= target:
                km = cand
        length = max(4, round(km * z))
        label = self._scale_label(km)
        bh = max(4, round(5 * s))
        pad = round(5 * s)
        w = length + label.get_width() + pad * 3 + 2
        h = max(label.get_height(), bh + 6) + pad
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        surf.fill((*pal["scale_bg"], 200))
        y = (h - bh) // 2
        x0 = pad
        half = length // 2
        pygame.draw.rect(surf, pal["scale_fg"], pygame.Rect(x0, y, length, bh), 1)
        pygame.draw.rect(surf, pal["scale_fg"], pygame.Rect(x0, y, half, bh))
        surf.blit(label, (x0 + length + pad, (h - label.get_height()) // 2))
        return surf

    def _crater_key(self, report, z: float) -> tuple:
        return (
            id(report),
            getattr(report, "day", 0),
            len(getattr(report, "entries", ())),
            round(z, 6),
            self.palette_name,
        )

    def _draw_craters(self, surface, report, z: float, ox: int, oy: int) -> None:
        """The day's shelling where it fell: dark specks around each target hit, one cached
        sprite per target and zoom."""
        if z < 4.0:
            return  # a blot at strait scale, not information
        key = self._crater_key(report, z)
        if self._craters is None or self._craters[0] != key:
            hits_at: dict[Point, list[tuple[float, float]]] = {}
            for e in getattr(report, "entries", ()):
                if e.kind not in ("fire", "counter_battery"):
                    continue
                where = self._entity_lonlat(e.data.get("target"))
                hits = int(e.data.get("hits", 0) or 0)
                if where is None or hits <= 0:
                    continue
                rng = random.Random(f"{report.day}:{e.data.get('target')}:{e.data.get('group')}")
                pts = hits_at.setdefault(where, [])
                pts.extend((rng.gauss(0, 1), rng.gauss(0, 1)) for _ in range(min(40, hits)))
            spread = max(3.0, min(40.0, 0.5 * z))
            half = math.ceil(spread * 2.5) + 2
            r = 1.5 if z > 30 else 1.0
            colour = (*self.colours["crater"], 200)
            sprites = []
            for (lon, lat), pts in hits_at.items():
                spr = pygame.Surface((2 * half, 2 * half), pygame.SRCALPHA)
                for dx, dy in pts:
                    x = half + max(-2.5, min(2.5, dx)) * spread
                    y = half + max(-2.5, min(2.5, dy)) * spread
                    pygame.draw.circle(spr, colour, (x, y), r)
                sprites.append((lon, lat, spr, half))
            self._craters = (key, sprites)
        g = self._geo
        w, h = surface.get_size()
        for lon, lat, spr, half in self._craters[1]:
            x, y = g.xy(lon, lat)
            sx, sy = round(ox + x * z) - half, round(oy + y * z) - half
            if sx < w and sy < h and sx + 2 * half > 0 and sy + 2 * half > 0:
                surface.blit(spr, (sx, sy))
