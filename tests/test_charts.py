"""The chart series of a replayed game equal the replayed states' figures, carry the article's
figures as record points, and draw and export in both languages and both palettes."""

from __future__ import annotations

import pytest

from game.engine.state import supply_days
from game.history.citations import article_day
from game.history.series import ReplayDays, charts, markers, score_items

pygame = pytest.importorskip("pygame")

from game.ui.charts import chart_top, draw_chart, export_charts, nice_top  # noqa: E402
from game.ui.i18n import Locale  # noqa: E402
from game.ui.theme import Fonts  # noqa: E402


@pytest.fixture(scope="module")
def days(kinmen_1958):
    return ReplayDays.history(kinmen_1958, 1)


def _line(cs, chart, key):
    c = next(c for c in cs if c.key == chart)
    return next(ln for ln in c.lines if ln.key == key)


def test_series_equal_the_replayed_states(kinmen_1958, days):
    sc = kinmen_1958
    cs = charts(sc, days.runs)
    assert [c.key for c in cs] == ["food", "shells", "tons", "crisis", "losses"]
    food = _line(cs, "food", "supply_days.food").values
    prc = _line(cs, "shells", "shells.prc").values
    landed = _line(cs, "tons", "tons.landed").values
    tension = _line(cs, "crisis", "tension").values
    us = _line(cs, "crisis", "us_commitment").values
    roc_cas = _line(cs, "losses", "casualties.roc").values
    for n in range(1, len(days) + 1):
        before, after = days.state(n - 1), days.state(n)
        assert food[n - 1] == round(supply_days(sc, after, "food"), 1)
        assert prc[n - 1] == after.totals["shells.prc"] - before.totals["shells.prc"]
        assert landed[n - 1] == after.totals["tons.landed"] - before.totals["tons.landed"]
        assert tension[n - 1] == round(after.tension, 1)
        assert us[n - 1] == round(after.us_commitment, 1)
        cas = sum(
            after.totals[k] - before.totals[k]
            for k in ("casualties.roc.military", "casualties.roc.civilian")
        )
        assert roc_cas[n - 1] == cas
    # the whole campaign's PLA rounds are the sum of the daily line
    assert sum(prc) == days.state(len(days)).totals["shells.prc"]


def test_record_points_are_the_articles_figures(kinmen_1958, days):
    sc = kinmen_1958
    pts = _line(charts(sc, days.runs), "shells", "shells.prc").records
    expected = sorted(
        (n, c.value, c.side)
        for n, r in enumerate(days.runs, 1)
        for c in article_day(sc, r.date).by_measure().get("shells.prc", [])
    )
    assert sorted((p.day, p.value, p.record) for p in pts) == expected
    assert (1, 31757.0, "neutral") in expected and (1, 57000.0, "neutral") in expected


def test_markers_come_from_the_days(kinmen_1958, days):
    sc = kinmen_1958
    marks = markers(sc, days.runs)
    assert len(marks) == len(days)
    fire = [r.figures(sc)["shells.prc"] for r in days.runs]
    assert "barrage" in marks[fire.index(max(fire))]
    for r, m in zip(days.runs, marks, strict=True):
        assert ("halt" in m) == (r.before.halt_days > 0)
        assert ("convoy" in m) == any(e.kind == "convoy" for e in r.report.entries)
        assert ("naval" in m) >= any(e.kind == "naval" for e in r.report.entries)
    assert any("odd_day" in m for m in marks) and any("diplomatic" in m for m in marks)


def test_score_items_add_up_to_the_engines_score(kinmen_1958, days):
    final = days.state(len(days))
    assert final.over and final.score is not None
    items = score_items(kinmen_1958, final)
    assert len(items) == len(kinmen_1958.victory.score)
    assert max(0.0, 100.0 - sum(i.miss for i in items)) == pytest.approx(final.score, abs=0.01)
    assert all(0 <= i.miss <= i.weight for i in items)


@pytest.mark.parametrize("v, top", [(0, 1), (0.3, 0.5), (7, 10), (31757, 50000), (56500, 100000)])
def test_nice_top(v, top):
    assert nice_top(v) == pytest.approx(top)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("palette", ["default", "colorblind"])
def test_charts_draw_and_export(kinmen_1958, days, tmp_path, lang, palette):
    pygame.font.init()
    cs = charts(kinmen_1958, days.runs)
    surf = pygame.Surface((420, 200))
    for c in cs:
        assert chart_top(c) > 0
        draw_chart(
            surf,
            surf.get_rect(),
            c,
            Locale(lang),
            Fonts(1.0),
            palette=palette,
            start=kinmen_1958.meta.start,
            cursor=16,
        )
    out = export_charts(tmp_path / "c.png", cs, lang, palette=palette, start=kinmen_1958.meta.start)
    img = pygame.image.load(str(out))
    assert img.get_size() == (1200, 900)
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1200, 7) for y in range(0, 900, 7)}
    assert len(colours) > 20  # lines, text and markers, not a blank sheet


def test_report_writes_the_charts_beside_the_markdown(kinmen_1958, tmp_path):
    from game.cli.main import main
    from game.history.saves import save_game
    from game.history.series import history_game

    short = ReplayDays.history(kinmen_1958, 3, until=kinmen_1958.meta.start.replace(day=30))
    save = save_game(history_game(kinmen_1958, short, 3), tmp_path / "g.json")
    md, png = tmp_path / "r.md", tmp_path / "r.charts.png"
    assert main(["report", str(save), "--out", str(md), "--charts", str(png)]) == 0
    assert md.is_file() and pygame.image.load(str(png)).get_size() == (1200, 900)
    assert main(["report", str(save), "--out", str(md), "--charts", str(tmp_path / "c.jpg")]) == 1
