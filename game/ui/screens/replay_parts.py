"""The replay window's parts that are not widgets: the timeline (rows of event markers under
the days, clicked to seek) and the record beside the map (the day's payload as lines).

The timeline draws one row per marker kind that occurs in the campaign, labelled at its left,
so a kind is told by its row and label and never by colour alone (the colour-blind palette).
Folded (a window short for the interface size: at 200 % in 1280x720 the rows took a third of
the window and the map was 225 pixels high), it is a strip of the same rows squeezed into two
rows' height, each kind at its own place in the day's cell; unfolded, the rows are labelled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pygame

from game.history.citations import figure_map
from game.history.series import MARKERS
from game.ui.palette import Colour, get_palette, side_colour
from game.ui.widgets import (
    DIM,
    GOLD,
    INK,
    PANEL_EDGE,
    RED,
    Line,
    ScrollText,
    fitted,
    rendered,
)
from game.words.history import fmt_num

#: the colour of each marker kind: (side or palette key, shade)
MARKER_COLOUR: dict[str, tuple[str, str]] = {
    "barrage": ("prc", ""),
    "shelling": ("prc", "light"),
    "odd_day": ("prc", "light"),
    "halt": ("bar_good", ""),
    "convoy": ("roc", "light"),
    "airlift": ("roc", "light"),
    "naval": ("roc", ""),
    "air": ("selected", ""),
    "diplomatic": ("highlight", ""),
}

QUOTE = (240, 230, 200)


def marker_colour(palette: str, kind: str) -> Colour:
    pal = get_palette(palette)
    key, shade = MARKER_COLOUR.get(kind, ("neutral", ""))
    if key in ("prc", "roc", "us"):
        return side_colour(pal, key, shade)
    return pal[key]


class Timeline:
    """The days in a strip: a column per day, a row per marker kind; `day_at` maps a click.
    `folded`: the kinds' rows squeezed into one summary row of day cells, unlabelled (the
    label column holds the screen's unfold button)."""

    #: the folded summary row's height, in label rows
    FOLDED_ROWS = 2

    def __init__(self, marks: list[tuple[str, ...]], start: dt.date, folded: bool = False) -> None:
        self.marks = marks
        self.start = start
        self.folded = folded
        self.kinds = [k for k in MARKERS if any(k in m for m in marks)]
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.days_rect = pygame.Rect(0, 0, 1, 1)

    def height(self, fonts: Any) -> int:
        """The strip's height: a row of month names, then a row a label high per kind (or,
        folded, the summary row)."""
        rows = self.FOLDED_ROWS if self.folded else max(1, len(self.kinds))
        return fonts.get(10).get_linesize() + 4 + rows * self.row_h(fonts)

    @staticmethod
    def row_h(fonts: Any) -> int:
        return fonts.get(9).get_linesize()

    def layout(self, rect: pygame.Rect, label_w: int) -> None:
        self.rect = pygame.Rect(rect)
        self.days_rect = pygame.Rect(
            rect.left + label_w, rect.top, rect.width - label_w, rect.height
        )

    def day_at(self, pos: tuple[int, int]) -> int | None:
        """The day (1 = the first) under `pos`, or None off the strip."""
        r = self.days_rect
        if not self.marks or not r.collidepoint(pos):
            return None
        return min(len(self.marks), max(1, 1 + (pos[0] - r.left) * len(self.marks) // r.width))

    def draw(
        self, surface: pygame.Surface, loc: Any, fonts: Any, palette: str, shown: int, scale: float
    ) -> None:
        n = len(self.marks)
        r = self.days_rect
        pygame.draw.rect(surface, (22, 28, 24), self.rect)
        pygame.draw.rect(surface, PANEL_EDGE, self.rect, 1)
        if n == 0:
            return
        f, f_row = fonts.get(10), fonts.get(9)
        head = f.get_linesize() + 2
        row_h = self.row_h(fonts)
        col = r.width / n
        # the shown day under everything else (none before the first day: the prologue)
        x0 = r.left + round((max(1, shown) - 1) * col)
        x1 = r.left + round(shown * col)
        if shown > 0:
            pygame.draw.rect(surface, (70, 66, 40), (x0, r.top, max(2, x1 - x0), r.height))
        # months along the top, at each month's first shown day
        for i in range(n):
            date = self.start + dt.timedelta(days=i)
            if i == 0 or date.day == 1:
                x = r.left + round(i * col)
                pygame.draw.line(surface, PANEL_EDGE, (x, r.top), (x, r.bottom - 1))
                label = loc.t("chart.axis_date", d=date.day, m=loc.t(f"month.{date.month}"))
                surface.blit(
                    rendered(f, fitted(f, label, r.right - x - 4), DIM), (x + 3, r.top + 1)
                )
        if self.folded:
            self._draw_summary(surface, palette, r.top + head, row_h * self.FOLDED_ROWS, col)
        for k, kind in enumerate([] if self.folded else self.kinds):
            y = r.top + head + k * row_h
            name = fitted(f_row, loc.t(f"marker.{kind}"), self.rect.width - r.width - 8)
            lab = rendered(f_row, name, DIM)
            surface.blit(lab, (self.rect.left + 4, y + (row_h - lab.get_height()) // 2))
            colour = marker_colour(palette, kind)
            h = max(2, row_h - 2)
            for i, m in enumerate(self.marks):
                if kind in m:
                    xa, cw = self._cell(i, col)
                    pygame.draw.rect(surface, colour, (xa, y + 1, cw, h))
        if shown > 0:
            pygame.draw.rect(
                surface, GOLD, (x0, r.top, max(2, x1 - x0), r.height), max(1, round(scale))
            )

    def _draw_summary(
        self, surface: pygame.Surface, palette: str, top: int, height: int, col: float
    ) -> None:
        """The folded row: each day's cell with a band per kind, at the kind's place among
        the rows (a miniature of the unfolded timeline: position, not colour alone)."""
        band = (height - 2) / max(1, len(self.kinds))
        for k, kind in enumerate(self.kinds):
            colour = marker_colour(palette, kind)
            ya = top + 1 + round(k * band)
            hb = max(1, round((k + 1) * band) - round(k * band) - (1 if band > 3 else 0))
            for i, m in enumerate(self.marks):
                if kind in m:
                    xa, cw = self._cell(i, col)
                    pygame.draw.rect(surface, colour, (xa, ya, cw, hb))

    def _cell(self, i: int, col: float) -> tuple[int, int]:
        """Day `i`'s cell: its left edge and width (a pixel apart from the next when wide)."""
        r, gap = self.days_rect, 1 if col > 4 else 0
        xa = r.left + round(i * col) + gap
        return xa, max(1, r.left + round((i + 1) * col) - gap - xa)


def milestone_lines(sc: Any, loc: Any, key: str, milestones: list[Any], why: bool) -> list[Line]:
    """The prologue or the epilogue: each dated entry's title and text, and with "Why?" its
    source sentence (and its English in the English interface)."""
    t = loc.t
    out = [Line(t(key), GOLD, 15, gap_before=8)]
    for ms in milestones:
        when = t("game.date", d=ms.date.day, m=t(f"month.{ms.date.month}"), y=ms.date.year)
        out.append(Line(f"{when} · {loc.text(ms.title)}", INK, 14, gap_before=4))
        out.append(Line(loc.text(ms.text), DIM, 13, indent=6))
        if why:
            out += _quotes(
                loc, [{"quote": q.quote, "en": q.sentence_en or q.en} for q in ms.source]
            )
    return out


def _quotes(loc: Any, quotes: list[dict[str, Any]]) -> list[Line]:
    out = []
    for q in quotes:
        out.append(Line(f"「{q['quote']}」", QUOTE, 13, indent=14))
        if loc.lang == "en":
            out.append(Line(loc.typeset(q["en"]), DIM, 12, indent=22))
    return out


def followed_lines(payload: dict[str, Any], loc: Any, why: bool) -> list[Line]:
    """What happened that day by the record followed: each applied outcome with whose record
    it is, and the model's own resolution of it beside when they differ."""
    t = loc.t
    if "followed" not in payload:
        return []
    out = [Line(t("replay.followed", record=payload["record_followed"]), GOLD, 15, gap_before=8)]
    if not payload["followed"]:
        out.append(Line(t("replay.followed_none"), DIM, 13, indent=6))
    for f in payload["followed"]:
        # whose record once, and the followed record's silence in the same brackets: the
        # line read "PRC record: one torpedo boat lost. (PRC record) · neutral is silent
        # here; this is the PRC record's account"
        if f["own"]:
            line = "• " + t("replay.followed_line", text=f["text"], label=f["label"])
        else:
            chosen = payload["record_followed"]
            line = "• " + t(
                "replay.followed_other", text=f["text"], label=f["label"], chosen=chosen
            )
        # the two figures side by side: "the model: 313" alone left a player guessing what
        # the 313 was set against
        model = (
            t("replay.followed_model", model=f["model_text"], value=f["value_text"])
            if f["differs"]
            else ""
        )
        out.append(Line(line, INK, 13, indent=6))
        out.append(Line(model or t("replay.followed_same"), RED if model else DIM, 12, indent=18))
        if why:
            out += _quotes(loc, f["quotes"])
    return out


def record_lines(
    sc: Any,
    payload: dict[str, Any] | None,
    loc: Any,
    *,
    why: bool = False,
    last: bool = False,
    extra: list[Line] | None = None,
    played: bool = False,
) -> list[Line]:
    """The record beside the map for one day's payload (`game.history.replay.day_payload`):
    the article's summary, what happened by the record followed (the model beside), the
    article's sentences (with their English in the English interface), the claims labelled by
    record with the model's figure, the events and the model's figures. Before the first day
    the prologue; on the last day the epilogue follows."""
    t = loc.t
    if payload is None:
        out = [Line(t("replay.before_start"), DIM, 14)]
        return out + milestone_lines(sc, loc, "replay.prologue", list(sc.prologue), why)
    lang = loc.lang
    out = []
    date = dt.date.fromisoformat(payload["date"])
    art = payload["article"]
    for refused in payload.get("refused", []):
        out.append(Line(t("replay.refused", why=refused), RED, 13))
    out.append(Line(t("replay.summary"), GOLD, 15, gap_before=4))
    out.append(Line(loc.typeset(art["summary"]), INK, 14))
    out += followed_lines(payload, loc, why)
    if art["silent"]:
        out.append(Line(t("replay.silent"), DIM, 13, gap_before=4))
        # the payload has the reasons in the player's language (the scenario's catalogue)
        out.append(Line(t("replay.assumption", why=art["assumption"] or "-"), DIM, 13))
    if art["quotes"]:
        out.append(Line(t("replay.article"), GOLD, 15, gap_before=8))
        for i, q in enumerate(art["quotes"], 1):
            out.append(Line(f"[{i}] {q['sentence']}", QUOTE, 14, gap_before=2))
            if lang == "en":
                # Latin-width marks (the font draws curly quotes full width in English)
                out.append(Line(loc.typeset(q.get("sentence_en") or q["en"]), DIM, 13, indent=14))
    if art["claims"] or art["not_modelled"]:
        out.append(Line(t("replay.claims"), GOLD, 15, gap_before=8))
        for c in art["claims"]:
            line = f"• {c['label']}: {fmt_num(c['value'])} ({c['text']})"
            measure = figure_map(sc, c["figure"], date).measure
            div = payload["divergence"].get(measure or "")
            # following the record, the day's figures are the record's: the model's own
            # figure for what the record gives is in the followed section
            if div and "followed" not in payload:
                line += " · " + t("replay.model_figure", value=fmt_num(div["engine"]))
            out.append(Line(line, INK, 13, indent=6))
        for c in art["not_modelled"]:
            line = (
                f"• {c['label']}: {fmt_num(c['value'])} ({c['text']}) · {t('replay.not_modelled')}"
            )
            if c.get("reason"):
                line += ("：" if lang == "zh-Hant" else ": ") + c["reason"]
            out.append(Line(line, DIM, 13, indent=6))
    if payload["events"]:
        out.append(Line(t("replay.events"), GOLD, 15, gap_before=8))
        for e in payload["events"]:
            line = f"• {e['title']} ({e['label']}): {e['text']}"
            out.append(Line(loc.typeset(line), INK, 13, indent=6))
    eng = payload["engine"]
    heading = "replay.model_beside" if "followed" in payload else "replay.model"
    if played:  # a played game's own days: what happened in it, not a model beside a record
        heading = "replay.in_game"
    out.append(Line(t(heading), GOLD, 15, gap_before=8))
    for text in eng["lines"] or [t("replay.quiet")]:
        out.append(Line(f"• {text}", INK, 13, indent=6))
    figures = [
        ("chart.supply_days.food", eng.get("supply_days.food")),
        ("chart.tension", eng.get("tension")),
        ("chart.us_commitment", eng.get("us_commitment")),
    ]
    for key, value in figures:
        if value is not None:
            out.append(
                Line(t("replay.figure", name=t(key), value=fmt_num(value)), DIM, 13, indent=6)
            )
    out += extra or []
    if last:
        out += milestone_lines(sc, loc, "replay.epilogue", list(sc.epilogue), why)
    return out


def record_text() -> ScrollText:
    """The record's scrolling text, wrapped only where it shows: a day of the record has up
    to thirty long sentences, and breaking them all into lines (a font measurement per word)
    on the frame that seeks to the day took up to 150 ms."""
    return ScrollText(lazy=True)


#: what a side's fog of war can hide of the enemy (`Visibility` kinds), in the order listed
HIDDEN_KINDS = ("artillery", "ships", "aircraft", "supply", "morale")


def revealed_lines(sc: Any, state: Any, human: tuple[str, ...], loc: Any) -> list[Line]:
    """A played game's last day: the enemy figures its players' fog of war hid (the kinds
    the scenario's visibility table does not make public), now shown."""
    t = loc.t
    out: list[Line] = []
    sides = ("prc", "roc")
    for side in human:
        enemy = next(s for s in sides if s != side)
        kinds = [k for k in HIDDEN_KINDS if getattr(sc.sight, k) != "public"]
        if not kinds:
            continue
        out.append(Line(t("replay.revealed", side=t(f"side.{side}")), GOLD, 15, gap_before=8))
        for kind in kinds:
            value = _enemy_figure(sc, state, enemy, kind, loc)
            if value is not None:
                name = t(f"replay.hidden_{kind}", side=t(f"side.{enemy}"))
                out.append(Line(f"• {name}: {value}", INK, 13, indent=6))
    return out


def _enemy_figure(sc: Any, state: Any, enemy: str, kind: str, loc: Any) -> str | None:
    if kind == "artillery":
        guns = sum(state.groups[g.id].guns for g in sc.artillery if g.side == enemy)
        return fmt_num(guns)
    if kind == "ships":
        return fmt_num(sum(state.ships[c.id] for c in sc.ships if c.side == enemy))
    if kind == "aircraft":
        return fmt_num(sum(state.aircraft[a.id] for a in sc.air if a.side == enemy))
    if kind == "morale":
        return fmt_num(state.morale[enemy])
    if kind == "supply" and enemy == sc.cast.besieged:
        return " · ".join(
            f"{loc.text(k.name)} {fmt_num(state.supply[k.id])} t" for k in sc.supply.kinds
        )
    return None
