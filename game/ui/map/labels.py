"""Where the map's symbols and labels go: the layout of a zoom level (symbols of a place in a
small grid, labels placed greedily by priority), the label texts, and hit testing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pygame

from game.mapdata import point_on_land
from game.ui import symbols
from game.ui.map.decor import regions_of, shown_decorations
from game.ui.map.drawing import _has_display, font
from game.ui.map.parts import MapParts, _Label, _Layout, _Thing
from game.ui.palette import Colour
from game.words.strings import words

#: how far (pixels at 100 %) a place's label may lie beyond its symbols or dot
LABEL_REACH = 14
#: a neighbouring place this near a label (pixels) must not be nearer it than its own place
LABEL_NEAR = 14
#: another place's symbols or dot must be this much farther from a label (pixels) than its
#: own place's: else the label would seem to name them
LABEL_CLEAR = 8
#: a neighbouring place may be this much nearer a label (pixels) before it takes the label
LABEL_TIE = 2
#: how many orders of the places the labelling tries before it keeps the best
LABEL_TRIES = 10
#: how far (pixels at 100 %) a label with a leader line may be set off from its place
CALLOUT_REACH = 110
#: a label with a leader line keeps this far (pixels at 100 %) from other places' symbols
CALLOUT_CLEAR = 4
#: no other place may lie nearer a set-off label than this part of its own place's distance
CALLOUT_NEAR = 0.3
#: size of place and sea names (points at 100 %) from a zoom (pixels per km at 100 %) up: the
#: closer together the places, the smaller their names, so that every one finds room
NAME_PT = ((20.0, 13), (10.0, 12), (7.0, 11), (0.0, 9))


class Labels(MapParts):
    """The layout, label and hit-testing part of `MapView` (a mixin, see `Camera`)."""

    def placed_labels(self) -> list[tuple[str, str, pygame.Surface]]:
        """(kind, text, surface) of every label the current zoom has room for."""
        return [(lab.kind, lab.text, lab.surf) for lab in self._layout().labels]

    # -- text ----------------------------------------------------------------------------------

    def _text(self, text: str, size: int, colour: Colour, halo: Colour | None) -> pygame.Surface:
        key = (text, size, colour, halo)
        surf = self._texts.get(key)
        if surf is not None:
            return surf
        f = font(size)
        body = f.render(text, True, colour)
        if halo is None:
            surf = body
        else:
            f.outline = 2
            back = f.render(text, True, halo)
            f.outline = 0
            surf = pygame.Surface(back.get_size(), pygame.SRCALPHA)
            surf.blit(back, (0, 0))
            surf.blit(body, (2, 2))
        if _has_display():
            surf = surf.convert_alpha()
        if len(self._texts) > 2000:
            self._texts.clear()
        self._texts[key] = surf
        return surf

    def label_surface(self, text: str, kind: str = "place", pt: int = 13) -> pygame.Surface:
        """A label as the map draws it (kind: place, region, water, small; `pt`: the size of
        place and water names at 100 %, smaller where the places crowd together)."""
        pal = self.colours
        s = self.ui_scale
        if kind == "region":
            return self._text(text, round((pt + 2) * s), pal["text_muted"], pal["halo"])
        if kind == "water":
            return self._text(text, round(pt * s), pal["water_text"], None)
        if kind == "small":
            return self._text(text, round(11 * s), pal["text"], pal["halo"])
        return self._text(text, round(pt * s), pal["text"], pal["halo"])

    def folded_label(self, text: str, kind: str = "place", pt: int = 13) -> pygame.Surface | None:
        """A long name on two lines, broken at the space nearest its middle ("Xiamen island /
        east shore"), for crowded spots a one-line name is too wide for; None for a name of
        one word or a short one."""
        if kind != "place" or len(text) < 12 or " " not in text.strip():
            return None
        mid = len(text) / 2
        cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - mid))
        top, bottom = (
            self.label_surface(text[:cut], kind, pt),
            self.label_surface(text[cut + 1 :], kind, pt),
        )
        key = ("folded", text, kind, pt, self.ui_scale, tuple(self.colours["text"]))
        surf = self._texts.get(key)
        if surf is None:
            gap = max(0, round(top.get_height() * 0.25))  # the halos' padding overlaps
            w, h = max(top.get_width(), bottom.get_width()), top.get_height() * 2 - gap
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            surf.blit(top, ((w - top.get_width()) // 2, 0))
            surf.blit(bottom, ((w - bottom.get_width()) // 2, top.get_height() - gap))
            if _has_display():
                surf = surf.convert_alpha()
            self._texts[key] = surf
        return surf

    def _name_pt(self, z: float) -> int:
        """The size of place names at zoom `z` (see `NAME_PT`)."""
        return next(size for least, size in NAME_PT if z >= least * self.ui_scale)

    def _name(self, text) -> str:
        return text.zh if self.lang == "zh-Hant" else text.en

    # -- the scenario's decorations --------------------------------------------------------

    def decorations(self) -> list[str]:
        """Ids of the scenario's `map:` decorations this view draws now: those of the view
        whose event, move and flag the state last shown (`show`/`draw`) has."""
        return [d.id for d in self._decorations()]

    def _decorations(self) -> tuple:
        return shown_decorations(self.scenario, self.which, self._last_state)

    def nm_lines(self) -> tuple[int, ...]:
        """The territorial-sea lines (nautical miles) drawn now, widest first."""
        if self.territory() is None:
            return ()
        nms = {d.nm for d in self._decorations() if d.kind == "territorial_line" and d.nm}
        return tuple(sorted(nms, reverse=True))

    def _line_name(self, nm: int) -> str:
        """A line's label: its decoration's name, else the words' "{nm} nm"."""
        for d in self._decorations():
            if d.kind == "territorial_line" and d.nm == nm and d.name is not None:
                return self._name(d.name)
        return words(self.lang).t("map.nm", nm=nm)

    # -- layout of symbols and labels ------------------------------------------------------

    def prepare_labels(self, states: Iterable[Any]) -> None:
        """Lay the labels out (and draw the base layer with its territorial lines) now for
        each set of decorations `states` show (the 12 nm line from its declaration, a fleet
        from its event): the two take 0.1-0.25 s to build, and the replay seeks across such
        days in one frame."""
        keep = self._last_state
        seen: set[tuple[str, ...]] = set()
        for state in states:
            ids = tuple(d.id for d in shown_decorations(self.scenario, self.which, state))
            if ids not in seen:
                seen.add(ids)
                self._last_state = state
                self._layout()
                self._layer()
        self._last_state = keep

    def _layout(self) -> _Layout:
        z = self.zoom
        key = (
            self.which,
            round(z, 6),
            self.lang,
            self.ui_scale,
            self.palette_name,
            "overlays" in self.layers,
            tuple(d.id for d in self._decorations()),
            self._margins(z),
            self.size,
        )
        lay = self._layouts.get(key)
        if lay is None:
            lay = self._build_layout(z)
            self._layouts[key] = lay
            while len(self._layouts) > 8:
                self._layouts.popitem(last=False)
        return lay

    def _build_layout(self, z: float) -> _Layout:
        g = self._geo
        s = self.ui_scale
        # at a small zoom the places crowd together: smaller symbols keep each cluster on its
        # own place instead of pushed onto a neighbour's
        shrink = max(0.6, min(1.0, z / 14.0))
        shown = [p for p in self._places.values() if self._shown(p)]
        shown_ids = {p.id for p in shown}
        by_place: dict[str, list[tuple[str, str, str, str, int]]] = {}
        for grp in self._groups.values():
            if grp.place in shown_ids:
                size = max(8, round(symbols.battery_size(grp.guns, s) * shrink))
                by_place.setdefault(grp.place, []).append(
                    (grp.id, "battery", grp.side, "battery", size)
                )
        for t in self._targets.values():
            if t.place in shown_ids:
                by_place.setdefault(t.place, []).append(
                    (t.id, "target", t.side, t.kind, max(8, round(15 * s * shrink)))
                )
        # room under a cluster for its gun counts ("59/64", drawn at 11 pt with a halo) and
        # damage bars: nothing else may be placed there, so no count is ever covered
        count = self._text("00/00", round(11 * s), self.colours["text"], self.colours["halo"])
        bar_room = round(3 * s) + 4
        room_of: dict[str, tuple[int, int]] = {}
        occupied: list[pygame.Rect] = []
        things: list[_Thing] = []
        leaders: list[tuple[float, float, float, float]] = []
        cluster_rect: dict[str, pygame.Rect] = {}
        order = sorted(by_place, key=lambda pid: -len(by_place[pid]))
        bounds = pygame.Rect(0, 0, math.ceil(g.width_km * z), math.ceil(g.height_km * z))
        # a place's name may also lie in the surroundings drawn around the box (the sea south
        # of Kinmen in a tall window), as far as the window shows them with the box centred
        mx, my = self._margins(z)
        ww, wh = self.size
        shown_box = bounds.inflate(
            2 * min(mx, max(0, (ww - bounds.w) // 2)), 2 * min(my, max(0, (wh - bounds.h) // 2))
        )
        points = {p.id: (g.xy(p.lon, p.lat)[0] * z, g.xy(p.lon, p.lat)[1] * z) for p in shown}
        for pid in order:
            ax, ay = points[pid]
            items = sorted(by_place[pid], key=lambda it: (it[1] != "battery", it[2], it[0]))
            n = len(items)
            cols = n if n <= 3 else math.ceil(math.sqrt(n))
            rows = math.ceil(n / cols)
            cell = max(it[4] for it in items) + round(5 * s)
            if any(it[1] == "battery" for it in items):
                below = count.get_height() + round(2 * s)
                side = max(0, (count.get_width() - cell) // 2 + 1)
            else:  # targets: a damage bar only, 4 px wider than the symbol
                below, side = bar_room, 2
            room_of[pid] = (below, side)
            # rows further apart by the room for the gun counts under the upper row
            pitch = cell + below
            cw, ch = cols * cell, rows * cell + (rows - 1) * below
            best = None
            fewest = None
            # a cluster moves at most about its own size away (with a leader line): farther,
            # it would sit on a neighbouring place; if it must, it overlaps least
            limit = max(cw, ch) + cell
            for dx, dy in _spiral(cell):
                if math.hypot(dx, dy) > limit:
                    continue
                r = pygame.Rect(0, 0, cw, ch)
                r.center = (round(ax + dx), round(ay + dy))
                zone = _below(r, below, side)
                hits = zone.collidelistall(occupied)
                if not hits:
                    best = r
                    break
                area = sum(_overlap(zone, occupied[i]) for i in hits)
                if fewest is None or area < fewest[0]:
                    fewest = (area, r)
            if best is None:
                best = fewest[1] if fewest is not None else pygame.Rect(0, 0, cw, ch)
                if fewest is None:
                    best.center = (round(ax), round(ay))
            # room under the symbols for gun counts and damage bars
            occupied.append(_below(best, below, side))
            cluster_rect[pid] = best
            if abs(best.centerx - ax) > cell * 0.6 or abs(best.centery - ay) > cell * 0.6:
                leaders.append((ax, ay, best.centerx, best.centery))
            for i, (tid, kind, tside, sub, size) in enumerate(items):
                row, col = divmod(i, cols)
                in_row = min(cols, n - row * cols)
                x = best.centerx + (col - (in_row - 1) / 2) * cell
                y = best.centery + (row - (rows - 1) / 2) * pitch
                rect = pygame.Rect(0, 0, size + 2, size + 2)
                rect.center = (round(x), round(y))
                room = cell + round(2 * s) if in_row > 1 else 10_000
                things.append(_Thing(tid, kind, tside, sub, pid, size, x, y, ax, ay, rect, room))
        dots: list[tuple[float, float, str]] = []
        place_rects: list[tuple[pygame.Rect, str]] = []
        dot_rects: list[pygame.Rect] = []  # places' dots and the fleets' ships
        for p in shown:
            if p.id in by_place:
                place_rects.append((cluster_rect[p.id], p.id))
                continue
            if p.terrain == "sea":
                continue
            x, y = g.xy(p.lon, p.lat)
            dots.append((x * z, y * z, p.id))
            r = pygame.Rect(0, 0, round(7 * s), round(7 * s))
            r.center = (round(x * z), round(y * z))
            occupied.append(r)
            dot_rects.append(r)
            place_rects.append((r, p.id))
        us: list[tuple[float, float, str, int]] = []
        fleets: list[tuple[str, float, float]] = []  # (name, lon/lat of the first ship)
        for deco in self._decorations():
            if deco.kind != "fleet" or not deco.ships:
                continue
            for ship in deco.ships:
                x, y = g.xy(ship.lon, ship.lat)
                us.append((x * z, y * z, ship.role, round(ship.size * s)))
                r = pygame.Rect(0, 0, round(ship.size * s), round(ship.size * s * 0.5))
                r.center = (round(x * z), round(y * z))
                occupied.append(r)
                dot_rects.append(r)
            if deco.name is not None:
                x, y = g.xy(deco.ships[0].lon, deco.ships[0].lat)
                fleets.append((self._name(deco.name), x * z, y * z))
        labels: list[_Label] = []
        #: the symbols or dot of every place: a label must not sit beside another's
        anchors = {pid: rect for rect, pid in place_rects}
        # the major names first (the strait's lands); the islands' and lands' names after the
        # places (without them a new player cannot tell which island is Kinmen, but a place's
        # own name matters more), seas only where room is left
        names = {self._name(p.name) for p in shown}
        self._place_regions(labels, occupied, bounds, names, z, "major")

        def priority(p) -> tuple:
            has = len(by_place.get(p.id, ()))
            rank = 0 if has else 1 if p.id in self._lane_places else 2 if p.terrain != "sea" else 3
            return (rank, -has)

        # where a kilometre is only a few pixels the places crowd together: smaller names
        pt = self._name_pt(z)
        spots = {}  # place id: (label, anchor, zone under its symbols' bottom, kind)
        alts: dict[str, list[pygame.Surface]] = {}  # the label, then on two lines if long
        for p in shown:
            kind = "water" if p.terrain == "sea" and p.id not in by_place else "place"
            surf = self.label_surface(self._name(p.name), kind, pt)
            bottom = None
            if p.id in cluster_rect:
                # beside the symbols and clear of the gun counts and bars under them
                zone = _below(cluster_rect[p.id], *room_of[p.id])
                anchor = pygame.Rect(zone.x, cluster_rect[p.id].y, zone.w, cluster_rect[p.id].h)
                bottom = zone.bottom
            else:
                x, y = g.xy(p.lon, p.lat)
                anchor = pygame.Rect(0, 0, round(7 * s), round(7 * s))
                anchor.center = (round(x * z), round(y * z))
                zone = anchor
            folded = self.folded_label(self._name(p.name), kind, pt)
            spots[p.id] = (p, surf, anchor, zone, bottom, kind)
            alts[p.id] = [surf] if folded is None else [surf, folded]

        def attempt(order: list[str], lands_first: bool):
            """The lands' names (first, or after the labels beside their places), every
            place's label in `order` beside its symbols where there is room, then the others
            set off with a leader line. (labels, occupied, callouts, places unnamed, lands
            unnamed)"""
            occ = list(occupied)
            labs: list[_Label] = []
            lines: list[tuple[float, float, float, float]] = []
            later = []
            # the islands' and lands' names: without them a new player cannot tell which
            # island is Kinmen
            if lands_first:
                lands = self._place_regions(labs, occ, bounds, names, z, "land")
            for pid in order:
                p, _surf, anchor, zone, bottom, kind = spots[pid]
                reach = max(anchor.w, anchor.h) + round(LABEL_REACH * s)
                found = None
                for surf in alts[pid]:
                    cands = _label_candidates(
                        anchor, surf.get_size(), centred=(kind == "water"), bottom=bottom
                    )
                    for r in cands:
                        if (
                            shown_box.contains(r)
                            and r.collidelist(occ) < 0
                            and _owns(r, pid, points, anchors, reach, s)
                        ):
                            found = (surf, r)
                            break
                    if found is not None:
                        break
                if found is None:
                    later.append(pid)
                    continue
                surf, r = found
                labs.append(_Label(surf, r.x, r.y, "place", pid, self._name(p.name)))
                occ.append(r.inflate(8, 2))  # keep labels apart
            if not lands_first:
                lands = self._place_regions(labs, occ, bounds, names, z, "land")
            missing = []
            # a leader line may pass under a neighbour's gun count, never a symbol or a name
            name_rects = [lab.surf.get_rect(topleft=(lab.x, lab.y)) for lab in labels]
            base_blockers = [t.rect for t in things] + dot_rects + name_rects
            for i, pid in enumerate(later):
                p, _surf, _anchor, zone, _bottom, _kind = spots[pid]
                blockers = base_blockers + [
                    lab.surf.get_rect(topleft=(lab.x, lab.y)) for lab in labs
                ]
                for surf in alts[pid]:
                    pending = later[i:]
                    drawn = (lines, blockers)
                    r, line = self._callout(
                        pid, surf, zone, points, anchors, occ, drawn, shown_box, pending
                    )
                    if r is not None:
                        break
                if r is None or line is None:
                    missing.append(pid)
                    continue
                labs.append(_Label(surf, r.x, r.y, "place", pid, self._name(p.name)))
                occ.append(r.inflate(8, 2))
                lines.append(line)
            return labs, occ, lines, missing, lands

        # greedy, by priority; the places left unnamed go first in the next try (a few tries,
        # the best kept): a crowded place's few spots are not taken by a roomier neighbour
        order = [p.id for p in sorted(shown, key=priority)]
        best = None
        hard: list[str] = []
        for k in range(LABEL_TRIES):
            got = attempt(order, lands_first=k % 2 == 0)
            if best is None or _worse(best, got):
                best = got
            if k % 2:  # every place ever left unnamed goes first, the latest first of all
                hard = got[3] + [pid for pid in hard if pid not in got[3]]
                order = hard + [pid for pid in order if pid not in hard]
        assert best is not None
        placed, occupied, callouts, _missing, _lands = best
        labels.extend(placed)
        for lab in placed:
            if lab.kind == "place" and lab.ref is not None:
                place_rects.append((lab.surf.get_rect(topleft=(lab.x, lab.y)), lab.ref))
        # the territorial lines' names, where the places' names leave room on the line
        terr = self.territory()
        if terr is not None and "overlays" in self.layers:
            for nm in sorted(self.nm_lines()):
                name = self._line_name(nm)
                surf = self._text(
                    name,
                    round(12 * s),
                    self.colours[f"territorial_{nm}"],
                    self.colours["halo"],
                )
                for x, y in terr.labels[nm]:
                    r = surf.get_rect(center=(round(x * z), round(y * z)))
                    if bounds.contains(r) and r.collidelist(occupied) < 0:
                        labels.append(_Label(surf, r.x, r.y, "territorial", None, name))
                        occupied.append(r.inflate(8, 2))  # keep labels apart
                        break

        for name, x, y in fleets:
            surf = self.label_surface(name, "small")
            anchor = pygame.Rect(0, 0, round(30 * s), round(30 * s))
            anchor.center = (round(x), round(y))
            for r in _label_candidates(anchor, surf.get_size(), centred=False):
                if bounds.contains(r) and r.collidelist(occupied) < 0:
                    labels.append(_Label(surf, r.x, r.y, "fleet", None, name))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    break
        self._place_regions(labels, occupied, bounds, names, z, "water")
        return _Layout(things, labels, dots, leaders, us, place_rects, callouts)

    def _callout(self, pid, surf, anchor, points, anchors, occupied, callouts, bounds, pending=()):
        """A place's label set off from it, joined by a thin line, where the places crowd too
        closely for it to sit beside its symbols: the nearest spot, up to `CALLOUT_REACH`,
        where it covers nothing, no other place lies nearer it, and its line crosses no
        symbol, label or other line. (rect, line) or (None, None)."""
        s = self.ui_scale
        w, h = surf.get_size()
        cx, cy = anchor.center
        reach = round(CALLOUT_REACH * s)
        step = max(4, round(6 * s))
        best = None  # (cost, rect, line)
        for d in range(step, reach + 1, step):
            if best is not None and d > best[3] + 3 * step:
                break
            for k in range(16):
                a = 2 * math.pi * k / 16
                ux, uy = math.cos(a), math.sin(a)
                # the label's side that faces the place lies `d` beyond the anchor's edge
                px = cx + ux * (anchor.w / 2 + d)
                py = cy + uy * (anchor.h / 2 + d)
                x = px if ux > 0.38 else px - w if ux < -0.38 else px - w / 2
                y = py if uy > 0.38 else py - h if uy < -0.38 else py - h / 2
                # also slid along the side facing the place, off a neighbour's symbols
                if abs(ux) <= 0.38:
                    spots = [(x, y), (px - w + 8 * s, y), (px - 8 * s, y)]
                elif abs(uy) <= 0.38:
                    spots = [(x, y), (x, py - h + 4 * s), (x, py - 4 * s)]
                else:
                    spots = [(x, y)]
                for x, y in spots:
                    r = pygame.Rect(round(x), round(y), w, h)
                    if self._callout_ok(
                        pid, r, anchor, points, anchors, occupied, callouts, bounds
                    ):
                        end = _nearest_point(r, (cx, cy))
                        start = _exit_point(anchor, end)
                        if start is None:
                            continue
                        # near, off the places still waiting for a name, and nearer its
                        # own place than others (where it would seem to name them)
                        own = _rect_distance(r, points[pid])
                        cost = d
                        for q, pt in points.items():
                            if q != pid:
                                other = _rect_distance(r, pt)
                                cost += 2 * max(0.0, own - other)
                                if q in pending:
                                    cost += max(0.0, 30 * s - other)
                        if best is None or cost < best[0]:
                            best = (cost, r, (start[0], start[1], end[0], end[1]), d)
        return (None, None) if best is None else (best[1], best[2])

    def _callout_ok(self, pid, r, anchor, points, anchors, occupied, callouts, bounds) -> bool:
        """Whether a label set off at `r` reads as place `pid`'s: inside the box, covering
        nothing, within reach of its place, no other place close to it, and a line to it
        that crosses no symbol, label or other line."""
        s = self.ui_scale
        if not bounds.contains(r) or r.collidelist(occupied) >= 0:
            return False
        own = _rect_distance(r, points[pid])
        if own > CALLOUT_REACH * s:
            return False
        near = LABEL_NEAR * s + 2
        if any(
            _rect_distance(r, pt) < max(near, own * CALLOUT_NEAR)
            for q, pt in points.items()
            if q != pid
        ):
            return False
        # nor right beside another place's symbols, which it would seem to name
        clear = max(CALLOUT_CLEAR * s, own * CALLOUT_NEAR / 2)
        if any(q != pid and _gap(r, rect) < clear for q, rect in anchors.items()):
            return False
        end = _nearest_point(r, anchor.center)
        start = _exit_point(anchor, end)
        if start is None:
            return False
        lines, blockers = callouts
        return not _line_blocked((start[0], start[1], end[0], end[1]), blockers, lines, r)

    def _place_regions(self, labels, occupied, bounds, names, z: float, group: str) -> int:
        """The names of seas and lands of `group`: major, land (the others on land) or
        water (the others at sea). How many found no room."""
        g = self._geo
        unplaced = 0
        for region in regions_of(self.scenario, self.which):
            style = region.style
            if group != ("major" if region.major else "land" if style == "region" else "water"):
                continue
            text = self._name(region.name)
            if text in names:
                continue
            surf = self.label_surface(text, style, self._name_pt(z))
            x, y = g.xy(region.lon, region.lat)
            # the name where it is given, else nearby where the places leave room for it
            step = max(6, surf.get_height() // 2)
            for dx, dy in _spiral(step, 10):
                r = surf.get_rect(center=(round(x * z + dx), round(y * z + dy)))
                if (
                    bounds.contains(r)
                    and r.collidelist(occupied) < 0
                    and self._on_own_ground(r, z, style)
                ):
                    labels.append(_Label(surf, r.x, r.y, "region", None, text))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    break
            else:
                unplaced += 1
        return unplaced

    def _on_own_ground(self, r: pygame.Rect, z: float, style: str) -> bool:
        """A land's name moved off its point must still lie on land (its middle), a sea's
        on the sea: else "Greater Kinmen" drifts out over Liaoluo Bay."""
        if style not in ("region", "water"):
            return True
        lon, lat = self._geo.lonlat(r.centerx / z, r.centery / z)
        return point_on_land(self._geo.data, lon, lat) == (style == "region")

    # -- hit testing -------------------------------------------------------------------------

    def thing_at(self, pos) -> str | None:
        """Id of the battery, target or place under `pos` (window pixels), or None."""
        if pos is None:
            return None
        x, y = self._local(pos)
        if not self._inside((x, y)):
            return None
        lay = self._layout()
        ox, oy = self._origin()
        lx, ly = x - ox, y - oy
        for t in reversed(lay.things):
            if t.rect.inflate(4, 4).collidepoint(lx, ly):
                return t.id
        for rect, pid in lay.place_rects:
            if rect.collidepoint(lx, ly):
                return pid
        return None

    def thing_screen_pos(self, thing_id: str) -> tuple[float, float] | None:
        """Where the symbol (or place) `thing_id` is drawn now, in map pixels."""
        lay = self._layout()
        ox, oy = self._origin()
        for t in lay.things:
            if t.id == thing_id:
                return (ox + t.x, oy + t.y)
        p = self._places.get(thing_id)
        if p is not None:
            return self.world_to_screen(p.lon, p.lat)
        return None


def _spiral(cell: int, rings: int = 3):
    """Offsets to try for a cluster of symbols: the place itself, then rings around it."""
    yield (0, 0)
    for ring in range(1, rings + 1):
        d = cell * ring
        for k in range(8 * ring):
            a = 2 * math.pi * k / (8 * ring)
            yield (d * math.cos(a), d * math.sin(a))


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


def _rect_distance(r: pygame.Rect, p: tuple[float, float]) -> float:
    x = min(max(p[0], r.left), r.right)
    y = min(max(p[1], r.top), r.bottom)
    return math.hypot(x - p[0], y - p[1])


def _owns(
    r: pygame.Rect,
    pid: str,
    points: dict[str, tuple[float, float]],
    anchors: dict[str, pygame.Rect],
    reach: float,
    scale: float = 1.0,
) -> bool:
    """Whether a label at `r` reads as the name of place `pid`: within `reach` pixels of
    it, no other place both close to the label and nearer it than `pid`, and no other
    place's symbols right beside it (the label would then name the neighbour)."""
    own = _rect_distance(r, points[pid])
    if own > reach:
        return False
    for q, pt in points.items():
        if q != pid:
            d = _rect_distance(r, pt)
            if d < LABEL_NEAR * scale and d < own - LABEL_TIE * scale:
                return False
    mine = _gap(r, anchors[pid]) if pid in anchors else own
    for q, rect in anchors.items():
        if q != pid and _gap(r, rect) < mine + LABEL_CLEAR * scale:
            return False
    return True


def _gap(a: pygame.Rect, b: pygame.Rect) -> float:
    """Pixels between two rectangles (0 when they touch or overlap)."""
    dx = max(b.left - a.right, a.left - b.right, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return math.hypot(dx, dy)


def _below(r: pygame.Rect, extra: int, side: int) -> pygame.Rect:
    """`r` grown downwards by `extra` pixels and sideways by `side` (room for gun counts
    such as "59/64" and damage bars under the symbols)."""
    return pygame.Rect(r.x - side, r.y, r.w + 2 * side, r.h + extra)


def _label_candidates(
    anchor: pygame.Rect, size: tuple[int, int], centred: bool, bottom: int | None = None
):
    """Where a label of `size` may go around `anchor`, best first (`bottom`: where the room
    under the anchor ends, if lower than the anchor)."""
    w, h = size
    gap = 3
    low = anchor.bottom if bottom is None else bottom
    out = []
    if centred:
        out.append(pygame.Rect(anchor.centerx - w // 2, anchor.centery - h // 2, w, h))
    out += [
        pygame.Rect(anchor.right + gap, anchor.centery - h // 2, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.centery - h // 2, w, h),
        pygame.Rect(anchor.centerx - w // 2, anchor.top - gap - h, w, h),
        pygame.Rect(anchor.centerx - w // 2, low + gap, w, h),
        pygame.Rect(anchor.right + gap, anchor.top - h + 4, w, h),
        pygame.Rect(anchor.right + gap, anchor.bottom - 4, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.top - h + 4, w, h),
        pygame.Rect(anchor.left - gap - w, anchor.bottom - 4, w, h),
    ]
    return out


def _nearest_point(r: pygame.Rect, p: tuple[float, float]) -> tuple[float, float]:
    return (min(max(p[0], r.left), r.right - 1), min(max(p[1], r.top), r.bottom - 1))


def _exit_point(anchor: pygame.Rect, end: tuple[float, float]) -> tuple[float, float] | None:
    """Where the line from the anchor's centre to `end` leaves the anchor (None: `end` is in
    it)."""
    if anchor.collidepoint(end):
        return None
    cx, cy = anchor.center
    dx, dy = end[0] - cx, end[1] - cy
    t = min(
        (anchor.w / 2 + 1) / abs(dx) if dx else math.inf,
        (anchor.h / 2 + 1) / abs(dy) if dy else math.inf,
    )
    return (cx + dx * t, cy + dy * t)


def _line_blocked(line, occupied, callouts, own: pygame.Rect) -> bool:
    """Whether a leader line would cross a symbol, a label or another leader line, or another
    leader line would run under its label `own`."""
    a, b = (line[0], line[1]), (line[2], line[3])
    for r in occupied:
        if r.clipline(a, b):
            return True
    for other in callouts:
        c, d = (other[0], other[1]), (other[2], other[3])
        if own.clipline(c, d) or _crosses(a, b, c, d):
            return True
    return False


def _crosses(a, b, c, d) -> bool:
    def turn(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


def _worse(a, b) -> bool:
    """Whether labelling `a` is worse than `b` (each: labels, occupied, leader lines, places
    unnamed, lands unnamed): more places unnamed, then more lands, then longer leader lines."""

    def score(t) -> tuple[int, int, float]:
        length = sum(math.hypot(x1 - x0, y1 - y0) for x0, y0, x1, y1 in t[2])
        return (len(t[3]), t[4], length)

    return score(b) < score(a)
