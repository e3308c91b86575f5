"""What the game screen writes over its map: a message box (order given, saved) and the
tooltip of the battery, target or place under the mouse.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.screens.game_parts import GameParts
from game.ui.widgets import (
    DIM,
    GOLD,
    INK,
    fitted,
    lines_of,
    panel,
    rendered,
)

#: the most lines a note over the map shows: a longer one (yesterday's orders with every
#: dropped order's reason, a long save path) ends its last line with "…", never mid-word
NOTE_LINES = 5


def note_lines(font: pygame.font.Font, note: str, width: int) -> list[str]:
    """`note` broken into lines of `width`, at most NOTE_LINES: the last one shown ends
    with "…" when there is more (it was cut at three lines with no mark)."""
    lines = lines_of(font, note, width)
    if len(lines) <= NOTE_LINES:
        return lines
    # the rest appended, so the last line shown is always cut and so always marked
    return [*lines[: NOTE_LINES - 1], fitted(font, " ".join(lines[NOTE_LINES - 1 :]), width)]


class MapTips(GameParts):
    """Notes and tooltips over the map (a mixin of `GameScreen`: it works on
    the screen's session, map and widgets)."""

    def note_width(self) -> int:
        """The widest a note over the map may be."""
        return self.map_rect.width - self.s(20)

    def note_shown(self, note: str) -> str:
        """What of `note` its box shows (its first NOTE_LINES lines): the note stays as long
        as that takes to read (`note_seconds`)."""
        f = self.app.fonts.get(14)
        return " ".join(note_lines(f, note, self.note_width() - 2 * self.s(6)))

    def note_fits(self, note: str) -> bool:
        """`note` shows whole in its box (no line cut with "…"): a note naming orders names
        as many as this allows (`OrdersPanel.quick_plan`)."""
        f = self.app.fonts.get(14)
        return len(lines_of(f, note, self.note_width() - 2 * self.s(6))) <= NOTE_LINES

    def note_rect(self) -> pygame.Rect:
        """Where the current note's box lies on the window (a click on it dismisses it)."""
        box = self.note_box(self.note, self.note_width())
        return box.get_rect(topleft=(self.s(10), self.s(8)))

    def note_box(self, note: str, width: int) -> pygame.Surface:
        """A message on a dark box (readable over land and sea), cached."""
        key = (note, width, self.app.settings.lang, self.app.scale)
        cached = getattr(self, "_note_box", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        f = self.app.fonts.get(14)
        pad = self.s(6)
        lines = note_lines(f, note, width - 2 * pad)
        h = len(lines) * (f.get_linesize() + 2) + 2 * pad
        w = min(width, max(rendered(f, ln, GOLD).get_width() for ln in lines) + 2 * pad)
        box = pygame.Surface((w, h)).convert()
        panel(box, box.get_rect(), colour=(24, 30, 26), edge=(200, 176, 112))
        for i, ln in enumerate(lines):
            box.blit(rendered(f, ln, GOLD), (pad, pad + i * (f.get_linesize() + 2)))
        self._note_box = (key, box)
        return box

    def tip_lines(self, thing: str) -> list[tuple[str, Any]]:
        """What the map can say about `thing` (a battery, target or place) to this side, from
        its observation only: name, strength and range (an enemy battery's only when its
        figures are known), arrival, state, and what a click does. An enemy battery that does
        not exist for the side (not yet arrived) has no tooltip at all."""
        sc, loc = self.sc, self.app.loc
        obs = self.observation
        me = self.session.viewer
        human = bool(self.session.mode.human_sides()) and not self.session.over
        groups = {g.id: g for g in sc.artillery}
        targets = {t.id: t for t in sc.targets}
        out: list[tuple[str, Any]] = []
        if thing in groups:
            g, seen = groups[thing], obs.groups[thing]
            if not seen.exists:
                return []
            out.append((self.t("tip.name", name=loc.text(g.name), side=loc.side(g.side)), GOLD))
            date = self.session.date()
            if g.available_from and date < g.available_from:
                when = self.t(
                    "game.date",
                    d=g.available_from.day,
                    m=self.t(f"month.{g.available_from.month}"),
                    y=g.available_from.year,
                )
                out.append((self.t("tip.waiting", date=when), DIM))
            if seen.known and seen.guns is not None:
                out.append(
                    (
                        self.t(
                            "tip.battery", guns=seen.guns, total=g.guns, range=f"{g.range_km:g}"
                        ),
                        INK,
                    )
                )
            else:
                out.append((self.t("tip.unspotted"), DIM))
            if human and self.click_kind(thing) in self.usable_kinds():
                out.append((self.t("tip.click_own" if g.side == me else "tip.click_counter"), DIM))
        elif thing in targets:
            t = targets[thing]
            got = obs.integrity.get(t.id, 100.0)
            out.append((self.t("tip.name", name=loc.text(t.name), side=loc.side(t.side)), GOLD))
            kind = self.t(f"target.{t.kind}")
            integ = "?" if got is None else f"{float(got):.0f}"
            out.append((self.t("tip.target", kind=kind, integrity=integ), INK))
            if t.kind in ("pier", "beach") and got is not None:
                k = float(got) / 100.0
                out.append(
                    (
                        self.t(
                            "tip.unload",
                            night=loc.num(t.capacity_night_t * k),
                            day=loc.num(t.capacity_day_t * k),
                        ),
                        INK,
                    )
                )
            if human and self.click_kind(thing) in self.usable_kinds():
                click = "tip.click_fire" if t.side != me else "tip.click_convoy"
                out.append((self.t(click), DIM))
        if out:  # a battery or target: its encyclopedia article ("Why?")
            out.append((self.t("cyclo.why_key"), DIM))
        if not out:
            place = next((p for p in sc.places if p.id == thing), None)
            if place is not None:
                out.append((loc.text(place.name), GOLD))
        return out

    def draw_tip(self, surface: pygame.Surface, thing: str, pos: tuple[int, int]) -> None:
        key = (thing, self.observation, self.app.settings.lang, self.map_rect.size)
        cached = getattr(self, "_tip", None)
        if cached is None or cached[0] != key:
            lines = self.tip_lines(thing)
            if not lines:
                return
            f = self.app.fonts.get(13)
            pad = self.s(6)
            # no wider than the map: at 200 % in 1280x720 the map is 510 pixels wide
            width = max(self.s(60), min(self.s(300), self.map_rect.width - 2 * pad - 8))
            parts = [(part, colour) for ln, colour in lines for part in lines_of(f, ln, width)]
            lh = f.get_linesize() + 1
            w = max(rendered(f, p, c).get_width() for p, c in parts) + 2 * pad
            box = pygame.Surface((w, len(parts) * lh + 2 * pad)).convert()
            panel(box, box.get_rect(), colour=(24, 30, 26))
            for i, (part, colour) in enumerate(parts):
                box.blit(rendered(f, part, colour), (pad, pad + i * lh))
            cached = self._tip = (key, box)
        box = cached[1]
        surface.blit(box, self.tip_place(box.get_size(), pos))

    def tip_place(self, size: tuple[int, int], pos: tuple[int, int]) -> pygame.Rect:
        """Where a tip of `size` goes: right of and below the pointer at `pos`, else left of
        or above it, and always inside the map (at 200 % a beach's tip, put left of the
        pointer near the map's right edge, went out past the window's left edge)."""
        m = self.map_rect
        r = pygame.Rect((pos[0] + self.s(16), pos[1] + self.s(12)), size)
        if r.right > m.right - 4:
            r.right = pos[0] - self.s(10)
        if r.bottom > m.bottom - 4:
            r.bottom = pos[1] - self.s(6)
        r.left = max(r.left, m.left + 4)
        r.top = max(r.top, m.top + 4)
        return r
