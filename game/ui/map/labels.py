"""Where the map's symbols and labels go: the layout of a zoom level (symbols of a place in a
small grid, labels placed greedily by priority), the label texts, and hit testing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pygame

from game.mapdata import land_ring, point_on_land
from game.ui import symbols
from game.ui.map.decor import regions_of, shown_decorations
from game.ui.map.drawing import _has_display, font
from game.ui.map.parts import MapParts, _Label, _Layout, _Thing
from game.ui.map.placement import (
    LABEL_NEAR,
    exit_point,
    grown_below,
    label_candidates,
    line_blocked,
    nearest_point,
    overlap_area,
    owns,
    rect_distance,
    rect_gap,
    spiral_offsets,
    worse_labelling,
)
from game.ui.palette import Colour
from game.words.strings import words

#: how far (pixels at 100 %) a place's label may lie beyond its symbols or dot
LABEL_REACH = 14
#: how many orders of the places the labelling tries before it keeps the best
LABEL_TRIES = 10
#: how far (pixels at 100 %) a label with a leader line may be set off from its place
CALLOUT_REACH = 110
#: a label with a leader line keeps this far (pixels at 100 %) from other places' symbols
CALLOUT_CLEAR = 4
#: no other place may lie nearer a set-off label than this part of its own place's distance
CALLOUT_NEAR = 0.3
#: how far (pixels at 100 %) a sea area's name may lie from its point, on its own water and
#: with no leader line, where neither beside it nor set off finds room (`_sea_spot`)
SEA_REACH = 60
#: how many of an unnamed place's nearest labelled neighbours may give up their spot to it
REPAIR_NEIGHBOURS = 8
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
        shown: dict[tuple[str, ...], Any] = {}  # one day of each set of decorations
        lines = set()
        for state in states:
            ids = tuple(d.id for d in shown_decorations(self.scenario, self.which, state))
            if ids not in shown:
                shown[ids] = self._last_state = state
                lines.add(self.nm_lines() if "overlays" in self.layers else ())
        # the layers of every one of these days' lines stay cached together (`_layer`)
        self._kept_lines = frozenset(lines)
        for state in shown.values():
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
        if "overlays" in self.layers:
            # the scale bar is drawn over the map's lower left corner: no name is put under it
            # where the map lies as its labels are laid out (the replay's short map at 200 %
            # hid "Erdan" there)
            ox, oy = self._origin()
            occupied.append(self.scale_bar_room().move(-ox, -oy))
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
            for dx, dy in spiral_offsets(cell):
                if math.hypot(dx, dy) > limit:
                    continue
                r = pygame.Rect(0, 0, cw, ch)
                r.center = (round(ax + dx), round(ay + dy))
                zone = grown_below(r, below, side)
                hits = zone.collidelistall(occupied)
                if not hits:
                    best = r
                    break
                area = sum(overlap_area(zone, occupied[i]) for i in hits)
                if fewest is None or area < fewest[0]:
                    fewest = (area, r)
            if best is None:
                best = fewest[1] if fewest is not None else pygame.Rect(0, 0, cw, ch)
                if fewest is None:
                    best.center = (round(ax), round(ay))
            # room under the symbols for gun counts and damage bars
            occupied.append(grown_below(best, below, side))
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
                zone = grown_below(cluster_rect[p.id], *room_of[p.id])
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

        # a leader line may pass under a neighbour's gun count, never a symbol or a name
        name_rects = [lab.surf.get_rect(topleft=(lab.x, lab.y)) for lab in labels]
        base_blockers = [t.rect for t in things] + dot_rects + name_rects
        geo = (points, anchors, shown_box)
        memo: dict[tuple, tuple] = {}

        def beside(pid: str, occ: list[pygame.Rect]):
            """(label, rect) beside place `pid`'s symbols or dot where there is room, else
            None."""
            _p, _surf, anchor, _zone, bottom, kind = spots[pid]
            reach = max(anchor.w, anchor.h) + round(LABEL_REACH * s)
            for surf in alts[pid]:
                cands = label_candidates(
                    anchor, surf.get_size(), centred=(kind == "water"), bottom=bottom
                )
                for r in cands:
                    if (
                        shown_box.contains(r)
                        and r.collidelist(occ) < 0
                        and owns(r, pid, points, anchors, reach, s)
                    ):
                        return surf, r
            return None

        def set_off(pid: str, occ, labs: list[_Label], lines, pending):
            """(label, rect, leader line) for place `pid` set off from it, else None."""
            zone = spots[pid][3]
            blockers = base_blockers + [lab.surf.get_rect(topleft=(lab.x, lab.y)) for lab in labs]
            for surf in alts[pid]:
                r, line = self._callout(pid, surf, zone, geo, occ, (lines, blockers), pending, memo)
                if r is not None and line is not None:
                    return surf, r, line
            return None

        def attempt(order: list[str], lands_at: int):
            """The lands' names (`lands_at` 0: first, 1: after the labels beside their
            places, 2: last), every place's label in `order` beside its symbols where there
            is room, then the others set off with a leader line. (labels, occupied, leader
            lines by place, places unnamed, lands unnamed)"""
            occ = list(occupied)
            labs: list[_Label] = []
            lines: dict[str, tuple[float, float, float, float]] = {}
            later = []
            # the islands' and lands' names: without them a new player cannot tell which
            # island is Kinmen
            if lands_at == 0:
                lands = self._place_regions(labs, occ, bounds, names, z, "land")
            for pid in order:
                found = beside(pid, occ)
                if found is None:
                    later.append(pid)
                    continue
                surf, r = found
                labs.append(_Label(surf, r.x, r.y, "place", pid, self._name(spots[pid][0].name)))
                occ.append(r.inflate(8, 2))  # keep labels apart
            if lands_at == 1:
                lands = self._place_regions(labs, occ, bounds, names, z, "land")
            missing = []
            for i, pid in enumerate(later):
                got = set_off(pid, occ, labs, list(lines.values()), later[i:])
                if got is None:
                    missing.append(pid)
                    continue
                surf, r, line = got
                labs.append(_Label(surf, r.x, r.y, "place", pid, self._name(spots[pid][0].name)))
                occ.append(r.inflate(8, 2))
                lines[pid] = line
            if lands_at == 2:
                lands = self._place_regions(labs, occ, bounds, names, z, "land")
            return labs, occ, lines, missing, lands

        def place(pid: str, labs: list[_Label], lines: dict, depth: int, pending=(), moved=()):
            """`labs` and `lines` with place `pid` named too (beside its place, else set off),
            if need be by moving up to `depth` near neighbours' labels one after another
            (none of `moved`); None if it finds no room."""
            occ = list(occupied) + [
                lab.surf.get_rect(topleft=(lab.x, lab.y)).inflate(8, 2) for lab in labs
            ]
            found = beside(pid, occ)
            line = None
            if found is None:
                off = set_off(pid, occ, labs, list(lines.values()), pending)
                if off is not None:
                    found, line = off[:2], off[2]
            if found is not None:
                surf, r = found
                name = self._name(spots[pid][0].name)
                lines = dict(lines) if line is None else {**lines, pid: line}
                return [*labs, _Label(surf, r.x, r.y, "place", pid, name)], lines
            if depth == 0:
                return None
            px, py = points[pid]
            near = sorted(
                (lab for lab in labs if lab.kind == "place" and lab.ref not in (None, *moved)),
                key=lambda lab: math.hypot(points[lab.ref][0] - px, points[lab.ref][1] - py),
            )
            for lab in near[:REPAIR_NEIGHBOURS]:
                q = str(lab.ref)
                rest = [other for other in labs if other is not lab]
                got = place(pid, rest, {k: v for k, v in lines.items() if k != q}, 0, [q])
                if got is not None:
                    got = place(q, got[0], got[1], depth - 1, (), (*moved, pid))
                    if got is not None:
                        return got
            return None

        def repair(got, depth: int):
            """Each place left unnamed takes the spot of a near neighbour's label, which then
            finds another (beside its place or set off, perhaps moving a third): the greedy
            order alone leaves the last places of a crowded corner (Xiamen's, at the
            window's edge) with no room."""
            labs, _occ, lines, missing, lands = got
            for m in list(missing):
                done = place(m, labs, lines, depth)
                if done is not None:
                    labs, lines = done
                    missing = [pid for pid in missing if pid != m]
            occ = list(occupied) + [
                lab.surf.get_rect(topleft=(lab.x, lab.y)).inflate(8, 2) for lab in labs
            ]
            return labs, occ, lines, missing, lands

        # greedy, by priority; the places left unnamed go first in the next try (a few tries,
        # the best kept): a crowded place's few spots are not taken by a roomier neighbour
        order = [p.id for p in sorted(shown, key=priority)]
        best = None
        hard: list[str] = []
        tried: dict[tuple, Any] = {}  # a try depends on its order and lands only: once each
        for k in range(LABEL_TRIES):
            how = (tuple(order), k % 3)
            got = tried.get(how)
            if got is None:
                got = attempt(order, lands_at=k % 3)
                if got[3]:
                    got = repair(got, 1)
                tried[how] = got
            if best is None or worse_labelling(best, got):
                best = got
            if k % 2:  # every place ever left unnamed goes first, the latest first of all
                hard = got[3] + [pid for pid in hard if pid not in got[3]]
                order = hard + [pid for pid in order if pid not in hard]
        assert best is not None
        if best[3]:  # a longer chain of moves, for the best try only (it takes longer)
            best = repair(best, 2)
        placed, occupied, lines_of, missing, _lands = best
        # a sea area still unnamed: its name on its own water nearby, no line (`_sea_spot`);
        # after the tries, so that it moves no other label
        for pid in missing:
            if spots[pid][5] == "water":
                lines = [*lines_of.values(), *leaders]
                at_sea = self._sea_spot(pid, alts[pid][0], geo, (occupied, lines), z)
                if at_sea is not None:
                    name = self._name(spots[pid][0].name)
                    placed.append(_Label(alts[pid][0], at_sea.x, at_sea.y, "place", pid, name))
                    occupied.append(at_sea.inflate(8, 2))
        callouts = list(lines_of.values())
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
            for r in label_candidates(anchor, surf.get_size(), centred=False):
                if bounds.contains(r) and r.collidelist(occupied) < 0:
                    labels.append(_Label(surf, r.x, r.y, "fleet", None, name))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    break
        self._place_regions(labels, occupied, bounds, names, z, "water")
        return _Layout(things, labels, dots, leaders, us, place_rects, callouts)

    def _callout(self, pid, surf, anchor, geo, occupied, callouts, pending, memo):
        """A place's label set off from it, joined by a thin line, where the places crowd too
        closely for it to sit beside its symbols: the nearest spot, up to `CALLOUT_REACH`,
        where it covers nothing, no other place lies nearer it, and its line crosses no
        symbol, label or other line. (rect, line) or (None, None).

        `geo` is (points, anchors, bounds); `memo` keeps, per place and spot, what does not
        change between the layout's tries (whether the spot reads as the place's, its line
        and cost): a layout tries the same spots many times over."""
        s = self.ui_scale
        w, h = surf.get_size()
        cx, cy = anchor.center
        reach = round(CALLOUT_REACH * s)
        step = max(4, round(6 * s))
        bounds = geo[2]
        lines, blockers = callouts
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
                    if not bounds.contains(r) or r.collidelist(occupied) >= 0:
                        continue
                    key = (pid, r.x, r.y, w, h)
                    fixed = memo.get(key)
                    if fixed is None:
                        fixed = memo[key] = self._callout_fixed(pid, r, anchor, geo)
                    if not fixed:
                        continue
                    line, cost, dists = fixed
                    if line_blocked(line, blockers, lines, r):
                        continue
                    # near, and off the places still waiting for a name
                    cost += d + sum(max(0.0, 30 * s - dists[q]) for q in pending if q != pid)
                    if best is None or cost < best[0]:
                        best = (cost, r, line, d)
        return (None, None) if best is None else (best[1], best[2])

    def _callout_fixed(self, pid, r, anchor, geo) -> tuple:
        """Whether a label set off at `r` reads as place `pid`'s (within reach of its place,
        no other place close to it, a line to it that leaves its symbols): () if not, else
        its line, the cost of other places nearer it than its own (where it would seem to
        name them) and its distance to each place."""
        points, anchors, _bounds = geo
        s = self.ui_scale
        own = rect_distance(r, points[pid])
        if own > CALLOUT_REACH * s:
            return ()
        least = max(LABEL_NEAR * s + 2, own * CALLOUT_NEAR)
        dists = {}
        cost = 0.0
        for q, pt in points.items():
            if q != pid:
                other = dists[q] = rect_distance(r, pt)
                if other < least:
                    return ()
                cost += 2 * max(0.0, own - other)
        # nor right beside another place's symbols, which it would seem to name
        clear = max(CALLOUT_CLEAR * s, own * CALLOUT_NEAR / 2)
        if any(q != pid and rect_gap(r, rect) < clear for q, rect in anchors.items()):
            return ()
        end = nearest_point(r, anchor.center)
        start = exit_point(anchor, end)
        if start is None:
            return ()
        return ((start[0], start[1], end[0], end[1]), cost, dists)

    def _sea_spot(self, pid, surf, geo, taken, z: float) -> pygame.Rect | None:
        """Where a sea area's name may go when neither beside its point nor set off with a
        leader line finds room: the nearest free spot, up to `SEA_REACH`, that lies wholly
        on the sea, nearer its own point than any other place's, clear of every other
        place's symbols and of every leader line (`taken`: (occupied rects, lines)). A
        bay's point lies at its shore among the piers' symbols, where a leader line crosses
        them: at 800x560 "Liaoluo Bay" found no spot at all. None if none (the name is then
        left out, as before)."""
        points, anchors, bounds = geo
        occupied, lines = taken
        s = self.ui_scale
        cx, cy = points[pid]
        step = max(3, round(4 * s))
        for d in range(0, round(SEA_REACH * s) + 1, step):
            n = max(1, round(2 * math.pi * d / step))
            for k in range(n):
                a = 2 * math.pi * k / n
                r = surf.get_rect(center=(round(cx + d * math.cos(a)), round(cy + d * math.sin(a))))
                if not bounds.contains(r) or r.collidelist(occupied) >= 0:
                    continue
                if any(r.inflate(4, 4).clipline(ln[:2], ln[2:]) for ln in lines):
                    continue
                own = rect_distance(r, (cx, cy))
                if any(q != pid and rect_distance(r, pt) <= own for q, pt in points.items()):
                    continue
                if any(q != pid and rect_gap(r, b) < CALLOUT_CLEAR * s for q, b in anchors.items()):
                    continue
                if self._all_at_sea(r, z):
                    return r
        return None

    def _all_at_sea(self, r: pygame.Rect, z: float) -> bool:
        """Whether all of `r` lies on the sea (its corners, edges' middles and inner points):
        a sea's name set down on an island would name the island."""
        geo = self._geo
        for fx in (0.0, 0.25, 0.5, 0.75, 1.0):
            for fy in (0.0, 0.5, 1.0):
                lon, lat = geo.lonlat((r.x + fx * (r.w - 1)) / z, (r.y + fy * (r.h - 1)) / z)
                if point_on_land(geo.data, lon, lat):
                    return False
        return True

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
            for dx, dy in spiral_offsets(step, 10):
                r = surf.get_rect(center=(round(x * z + dx), round(y * z + dy)))
                if (
                    bounds.contains(r)
                    and r.collidelist(occupied) < 0
                    and self._on_own_ground(r, z, style, (region.lon, region.lat))
                ):
                    labels.append(_Label(surf, r.x, r.y, "region", None, text))
                    occupied.append(r.inflate(8, 2))  # keep labels apart
                    break
            else:
                unplaced += 1
        return unplaced

    def _on_own_ground(
        self, r: pygame.Rect, z: float, style: str, home: tuple[float, float]
    ) -> bool:
        """A land's name moved off its point must still lie on land (its middle), a sea's
        on the sea: else "Greater Kinmen" drifts out over Liaoluo Bay. And on its own land
        (the one its point `home` lies on): at 800x560 in Chinese 「大金門」 went onto the
        islet north of it, between Dadeng and Kinmen."""
        if style not in ("region", "water"):
            return True
        data = self._geo.data
        lon, lat = self._geo.lonlat(r.centerx / z, r.centery / z)
        if point_on_land(data, lon, lat) != (style == "region"):
            return False
        own = land_ring(data, *home) if style == "region" else None
        return own is None or own.contains(lon, lat)

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
