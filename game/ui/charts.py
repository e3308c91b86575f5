"""One chart component: a day-by-day line chart of `game.history.series.Chart`, drawn with
pygame on a card of its own.

Used by the replay window, the end screen and the PNG export of the after-action report (and
meant for the status panel's trend lines): `draw_chart(surface, rect, chart, ...)` draws one
chart, `chart_sheet(...)` several on one surface, `export_charts(...)` writes them as PNG.

Readable in the colour-blind palette: the card is light, lines take the map's side colours
(Okabe-Ito in the colour-blind palette), and colour is never the only cue: a chart's second
line is dashed, and the article's figures are hollow markers whose shape says the record
(triangle PRC, square ROC, circle US, diamond neutral), named in the legend.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pygame

from game.history.series import Chart, ChartLine
from game.ui.palette import Colour, get_palette, mix, side_colour
from game.ui.widgets import fitted, rendered
from game.words.history import fmt_num, record_label

#: marker shapes of the records (the legend names them)
SHAPES = {"prc": "triangle", "roc": "square", "us": "circle", "neutral": "diamond"}


def nice_top(value: float) -> float:
    """The axis top: the smallest 1, 2, 2.5 or 5 × 10^k at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1.0
    k = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if m * k >= value - 1e-9:
            return m * k
    return 10 * k


def chart_top(chart: Chart) -> float:
    """The largest value a chart shows (its lines and record points)."""
    vals = [v for ln in chart.lines for v in ln.values if v is not None]
    vals += [p.value for ln in chart.lines for p in ln.records]
    return nice_top(max(vals, default=0.0))


def _line_colour(pal: dict[str, Colour], side: str) -> Colour:
    return pal["text_muted"] if side == "neutral" else side_colour(pal, side)


def _marker(surf: pygame.Surface, shape: str, colour: Colour, c: tuple[int, int], r: int) -> None:
    x, y = c
    if shape == "triangle":
        pts = [(x, y - r), (x - r, y + r), (x + r, y + r)]
    elif shape == "square":
        pts = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    elif shape == "circle":
        pygame.draw.circle(surf, colour, c, r, 2)
        return
    else:
        pts = [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
    pygame.draw.polygon(surf, colour, pts, 2)


def _dashed(
    surf: pygame.Surface,
    colour: Colour,
    a: tuple[float, float],
    b: tuple[float, float],
    width: int,
    phase: list[float],
    dash: float,
) -> None:
    """A dashed segment continuing the dash pattern `phase` (carried between segments)."""
    (x0, y0), (x1, y1) = a, b
    length = math.hypot(x1 - x0, y1 - y0)
    pos = 0.0
    while pos < length:
        step = min(dash - phase[0] % dash, length - pos)
        on = int(phase[0] // dash) % 2 == 0
        if on and length > 0:
            t0, t1 = pos / length, (pos + step) / length
            pygame.draw.line(
                surf,
                colour,
                (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
                (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1),
                width,
            )
        pos += step
        phase[0] += step


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    chart: Chart,
    loc: Any,
    fonts: Any,
    *,
    palette: str = "default",
    start: dt.date | None = None,
    cursor: int | None = None,
    scale: float = 1.0,
    compact: bool = False,
) -> None:
    """Draw `chart` in `rect`: title, axis, lines, the article's figures and a legend;
    `cursor` (a day, 1 = the first) marks the shown day with its values. `compact` draws a
    sparkline instead (the status tab's trend lines): the lines alone on the card, from 0 to
    the axis top, the last day marked with a dot, no text (the caller writes the figure)."""
    pal = get_palette(palette)
    ink, muted = pal["text"], pal["text_muted"]
    card = mix(pal["land"], (255, 255, 255), 0.4)
    pygame.draw.rect(surface, card, rect)
    pygame.draw.rect(surface, pal["coast"], rect, 1)
    if compact:
        _sparkline(surface, rect.inflate(-4, -4), chart, pal, scale)
        return
    s = lambda px: max(1, round(px * scale))  # noqa: E731 - a length at the UI scale
    f_title, f_small = fonts.get(14), fonts.get(11)
    pad = s(8)
    x0, y = rect.left + pad, rect.top + s(4)
    width = rect.width - 2 * pad
    unit = loc.t(f"chart.unit_{chart.unit}")
    title = fitted(
        f_title, loc.t("chart.title", name=loc.t(f"chart.{chart.key}"), unit=unit), width
    )
    surface.blit(rendered(f_title, title, ink), (x0, y))
    y += f_title.get_linesize()
    # the legend: one row of line swatches, then the records' markers when there are any
    legend_h = f_small.get_linesize()
    records = sorted({p.record for ln in chart.lines for p in ln.records})
    rows = 2 if records else 1
    days = max((len(ln.values) for ln in chart.lines), default=0)
    label_w = max(f_small.size(fmt_num(chart_top(chart)))[0], f_small.size("0")[0]) + s(6)
    plot = pygame.Rect(
        x0 + label_w,
        y + s(4),
        width - label_w,
        rect.bottom - y - s(4) - f_small.get_linesize() - rows * legend_h - s(8),
    )
    if plot.height < s(20) or plot.width < s(40):
        return
    pygame.draw.rect(surface, (255, 255, 255), plot)
    top = chart_top(chart)
    for frac in (0.0, 0.5, 1.0):
        gy = plot.bottom - round(frac * plot.height)
        pygame.draw.line(surface, mix(card, ink, 0.15), (plot.left, gy), (plot.right, gy))
        lab = rendered(f_small, fmt_num(top * frac), muted)
        surface.blit(lab, (plot.left - lab.get_width() - s(3), gy - lab.get_height() // 2))
    pygame.draw.rect(surface, mix(card, ink, 0.4), plot, 1)
    if days == 0:
        msg = rendered(f_small, loc.t("chart.empty"), muted)
        surface.blit(msg, msg.get_rect(center=plot.center))
        return

    def px(day: int, value: float) -> tuple[float, float]:
        """Day `day` (1 = the first) and a value as a point of the plot."""
        fx = 0.5 if days == 1 else (day - 1) / (days - 1)
        return (plot.left + fx * plot.width, plot.bottom - min(value / top, 1.0) * plot.height)

    # dates under the axis: first, last and the shown day
    if start is not None:
        # the first and last day, then the shown day where it does not cover them
        ticks = [1, days] + ([cursor] if cursor and 1 < cursor < days else [])
        drawn: list[pygame.Rect] = []
        for d in ticks:
            date = start + dt.timedelta(days=d - 1)
            label = loc.t("chart.axis_date", d=date.day, m=loc.t(f"month.{date.month}"))
            lab = rendered(f_small, label, muted)
            cx = round(px(d, 0)[0])
            lx = min(max(plot.left, cx - lab.get_width() // 2), plot.right - lab.get_width())
            box = pygame.Rect(lx - s(4), plot.bottom + s(2), lab.get_width() + s(8), 1)
            if any(box.colliderect(r) for r in drawn):
                continue
            drawn.append(box)
            surface.blit(lab, (lx, plot.bottom + s(2)))
    if cursor is not None and 1 <= cursor <= days:
        cx = round(px(cursor, 0)[0])
        pygame.draw.line(surface, pal["highlight"], (cx, plot.top), (cx, plot.bottom), s(2))
    clip = surface.get_clip()
    surface.set_clip(plot.inflate(s(8), s(8)))
    for i, ln in enumerate(chart.lines):
        _draw_line(surface, ln, px, _line_colour(pal, ln.side), dashed=i % 2 == 1, scale=scale)
    for ln in chart.lines:
        for p in ln.records:
            c = px(p.day, p.value)
            _marker(
                surface,
                SHAPES.get(p.record, "diamond"),
                _record_colour(pal, p.record),
                (round(c[0]), round(c[1])),
                s(4),
            )
    surface.set_clip(clip)
    # the legend
    ly = plot.bottom + f_small.get_linesize() + s(4)
    lx = x0
    for i, ln in enumerate(chart.lines):
        colour = _line_colour(pal, ln.side)
        phase = [0.0]
        a, b = (lx, ly + legend_h // 2), (lx + s(22), ly + legend_h // 2)
        if i % 2:
            _dashed(surface, colour, a, b, s(2), phase, s(4))
        else:
            pygame.draw.line(surface, colour, a, b, s(2))
        name = loc.t(f"chart.{ln.key}")
        if (
            cursor is not None
            and 1 <= cursor <= len(ln.values)
            and ln.values[cursor - 1] is not None
        ):
            name += f" {fmt_num(ln.values[cursor - 1] or 0.0)}"
        lab = rendered(f_small, fitted(f_small, name, rect.right - lx - s(30)), ink)
        surface.blit(lab, (lx + s(26), ly))
        lx += s(26) + lab.get_width() + s(12)
    if records:
        ly += legend_h
        lx = x0
        for rec in records:
            _marker(
                surface,
                SHAPES.get(rec, "diamond"),
                _record_colour(pal, rec),
                (lx + s(8), ly + legend_h // 2),
                s(4),
            )
            name = loc.t("chart.record", record=record_label(rec, loc.lang))
            lab = rendered(f_small, fitted(f_small, name, rect.right - lx - s(20)), ink)
            surface.blit(lab, (lx + s(18), ly))
            lx += s(18) + lab.get_width() + s(12)


def _sparkline(
    surface: pygame.Surface, plot: pygame.Rect, chart: Chart, pal: dict[str, Colour], scale: float
) -> None:
    """`draw_chart`'s compact mode: the lines over the plot from their lowest to their
    highest value (a trend, so small changes show), the last known value of each marked."""
    days = max((len(ln.values) for ln in chart.lines), default=0)
    if days == 0 or plot.width < 4 or plot.height < 4:
        return
    vals = [v for ln in chart.lines for v in ln.values if v is not None]
    if not vals:
        return
    lo, hi = min(vals), max(vals)
    span = hi - lo or max(abs(hi), 1.0)  # a flat line sits in the middle
    base = lo if hi > lo else lo - span / 2

    def px(day: int, value: float) -> tuple[float, float]:
        fx = 1.0 if days == 1 else (day - 1) / (days - 1)
        return (plot.left + fx * plot.width, plot.bottom - (value - base) / span * plot.height)

    for i, ln in enumerate(chart.lines):
        colour = _line_colour(pal, ln.side)
        _draw_line(surface, ln, px, colour, dashed=i % 2 == 1, scale=scale * 0.75)
        last = next(
            ((d, v) for d, v in reversed(list(enumerate(ln.values, 1))) if v is not None), None
        )
        if last is not None:
            c = px(last[0], last[1])
            pygame.draw.circle(
                surface, colour, (round(c[0]), round(c[1])), max(2, round(2 * scale))
            )


def _record_colour(pal: dict[str, Colour], record: str) -> Colour:
    return pal["text"] if record == "neutral" else side_colour(pal, record, "dark")


def _draw_line(
    surface: pygame.Surface, ln: ChartLine, px: Any, colour: Colour, *, dashed: bool, scale: float
) -> None:
    width = max(1, round(2 * scale))
    phase = [0.0]
    prev = None
    for day, v in enumerate(ln.values, 1):
        if v is None:
            prev = None
            continue
        p = px(day, v)
        if prev is not None:
            if dashed:
                _dashed(surface, colour, prev, p, width, phase, 5 * scale)
            else:
                pygame.draw.line(surface, colour, prev, p, width)
        prev = p
    if sum(v is not None for v in ln.values) == 1:  # one day: a dot, not an invisible line
        day = next(i for i, v in enumerate(ln.values, 1) if v is not None)
        c = px(day, ln.values[day - 1] or 0.0)
        pygame.draw.circle(surface, colour, (round(c[0]), round(c[1])), width + 1)


def grid(rect: pygame.Rect, n: int, cols: int, gap: int) -> list[pygame.Rect]:
    """`n` rects in `cols` columns filling `rect`, `gap` pixels apart."""
    if n <= 0:
        return []
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols)
    w = (rect.width - (cols - 1) * gap) // cols
    h = (rect.height - (rows - 1) * gap) // rows
    return [
        pygame.Rect(rect.left + (i % cols) * (w + gap), rect.top + (i // cols) * (h + gap), w, h)
        for i in range(n)
    ]


def draw_charts(
    surface: pygame.Surface,
    rect: pygame.Rect,
    charts: Sequence[Chart],
    loc: Any,
    fonts: Any,
    *,
    cols: int = 1,
    gap: int = 8,
    **kw: Any,
) -> None:
    """Several charts in a grid inside `rect`."""
    for chart, r in zip(charts, grid(rect, len(charts), cols, gap), strict=False):
        draw_chart(surface, r, chart, loc, fonts, **kw)


def chart_sheet(
    charts: Sequence[Chart],
    loc: Any,
    fonts: Any,
    *,
    size: tuple[int, int] = (1200, 900),
    palette: str = "default",
    start: dt.date | None = None,
) -> pygame.Surface:
    """All `charts` on one light sheet (the PNG beside the after-action report)."""
    pal = get_palette(palette)
    surf = pygame.Surface(size)
    surf.fill(mix(pal["land"], (255, 255, 255), 0.6))
    rect = surf.get_rect().inflate(-24, -24)
    draw_charts(surf, rect, charts, loc, fonts, cols=2, gap=12, palette=palette, start=start)
    return surf


def export_charts(
    out: Path,
    charts: Sequence[Chart],
    lang: str = "en",
    *,
    palette: str = "default",
    start: dt.date | None = None,
    size: tuple[int, int] = (1200, 900),
) -> Path:
    """Write `charts` as one PNG at `out` (works headless: the dummy video driver is enough,
    as only fonts and surfaces are used). Raises OSError when the file cannot be written."""
    from game.ui.i18n import Locale
    from game.ui.theme import Fonts

    if not pygame.font.get_init():
        pygame.font.init()
    sheet = chart_sheet(charts, Locale(lang), Fonts(1.0), size=size, palette=palette, start=start)
    try:
        pygame.image.save(sheet, str(out))
    except pygame.error as exc:  # pygame reports a failed write as its own error type
        raise OSError(str(exc)) from exc
    return out
