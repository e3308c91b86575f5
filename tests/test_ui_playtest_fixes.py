"""Small faults a playtest found: the docs' orders screenshot saying "not complete", order
numbers drawn over each other, a preview's mean outside its range, side names said twice in
the report, a long note over the map gone before it could be read."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ui.app import App  # noqa: E402
from game.ui.screenshots import build_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize("side", ["prc", "roc"])
def test_the_sample_orders_form_is_complete(side):
    """The screenshot's form is one a player could give: its order is complete and legal, and
    the preview is computed (no "not complete" note)."""
    app = App((1280, 720), Settings(lang="en", sound=False).clean(), persist=False)
    scr = build_screen(app, "orders", side, 2)
    order = scr.form.order()
    assert order is not None
    assert scr.session.check(order) is None
    assert scr.reason is None
    assert scr.preview is not None
    app.quit()


def _apart(spots, radii):
    return all(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 >= ra + rb
        for i, (a, ra) in enumerate(zip(spots, radii, strict=True))
        for b, rb in zip(spots[i + 1 :], radii[i + 1 :], strict=True)
    )


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_order_numbers_from_one_battery_never_cover_each_other(scale):
    """Orders from one battery (at one target, at targets close together, on a short leg)
    get number discs that do not overlap, each the first free spot near its own line."""
    from game.ui.map.plans import number_disc, number_spots

    r = number_disc("fire", 12, scale).get_width() / 2
    battery = (100.0, 100.0)
    legs = [(battery, (160.0, 100.0))] * 4  # four plans at one target
    legs += [(battery, (160.0 + 3 * k, 104.0 + 2 * k)) for k in range(4)]  # targets side by side
    legs += [(battery, (108.0, 100.0))] * 3  # a leg shorter than a disc
    radii = [r] * len(legs)
    spots = number_spots(legs, radii)
    assert _apart(spots, radii)
    assert spots[0] == (130.0, 100.0)  # the first order keeps the halfway point
    for (a, b), s in zip(legs, spots, strict=True):  # each near its line's middle
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        assert ((s[0] - mid[0]) ** 2 + (s[1] - mid[1]) ** 2) ** 0.5 < 8 * r


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_map_draws_every_order_number_where_it_reads(scale):
    """Three fire orders from one battery at one target on the map: three discs drawn apart
    (the fire colour at each disc's spot), not one on top of the others."""
    from game.ui.map.plans import COLOURS, PlanItem, draw_plans, number_disc, number_spots

    class View:
        def world_to_screen(self, lon, lat):
            return (lon, lat)

        def thing_screen_pos(self, thing):
            return None

    items = [PlanItem(n, "fire", ((40.0, 150.0), (260.0, 150.0))) for n in (1, 2, 3)]
    surface = pygame.Surface((300, 300))
    surface.fill((0, 0, 0))
    draw_plans(View(), surface, items, scale)
    r = number_disc("fire", 3, scale).get_width() / 2
    spots = number_spots([((40.0, 150.0), (260.0, 150.0))] * 3, [r] * 3)
    assert _apart(spots, [r] * 3)
    for x, y in spots:  # the disc's colour up and left of its digit, off the line
        assert surface.get_at((round(x - 0.6 * r), round(y - 0.6 * r)))[:3] == COLOURS["fire"]


def _stat(mean, p10, p90):
    from game.engine.preview import Stat

    return Stat(mean=mean, sd=1.0, p10=p10, p90=p90, n=40)


@pytest.mark.parametrize(
    ("mean", "p10", "p90", "shown"),
    [
        (6.9, 7.0, 7.0, ("6.9", "6", "7")),  # a skewed figure: most trials 7, a few 0
        (7.04, 7.0, 7.0, ("7.0", "7", "7")),
        (0.2, 0.0, 0.0, ("0.2", "0", "1")),
        (189.2, 169.4, 208.0, ("189.2", "169", "208")),  # a usual range is as it was
        (1234.5, 1200.0, 1300.0, ("1,234.5", "1,200", "1,300")),
    ],
)
def test_a_previews_mean_lies_inside_its_shown_range(mean, p10, p90, shown):
    from game.ui.planning import mean_and_range

    got = mean_and_range(_stat(mean, p10, p90))
    assert (got["mean"], got["lo"], got["hi"]) == shown


def test_the_shown_range_always_holds_the_shown_mean():
    """Any mean and 10-90% range: the written mean is between the written ends."""
    from hypothesis import given
    from hypothesis import strategies as hs

    from game.ui.planning import mean_and_range

    @given(
        hs.floats(0, 5000, allow_nan=False),
        hs.floats(0, 5000, allow_nan=False),
        hs.floats(0, 5000, allow_nan=False),
    )
    def check(mean, a, b):
        got = mean_and_range(_stat(mean, min(a, b), max(a, b)))
        num = [float(got[k].replace(",", "")) for k in ("lo", "mean", "hi")]
        assert num[0] <= num[1] <= num[2]
        assert float(got["lo"].replace(",", "")).is_integer()

    check()


@pytest.fixture(scope="module")
def history_reports():
    """The 1958 scenario played by the historical record for 45 days (the air battles, the
    reconnaissance flights and the convoys attacked at sea), each day's report."""
    from game.ai.players import make_player
    from game.engine.run import ask_orders
    from game.history.game import Game
    from game.paths import default_scenario
    from game.scenario.loader import load_scenario
    from game.scenario.model import SIDES

    sc = load_scenario(default_scenario())
    game = Game(sc, 1958)
    hist = make_player("history")
    reports = []
    for _ in range(45):
        orders = {s: ask_orders(sc, game.state, s, hist) for s in SIDES}
        reports.append(game.play_turn(orders))
    return sc, reports


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_no_report_line_names_a_side_twice(history_reports, lang):
    """ "PLA lost 1 aircraft of PLA Air Force MiG-17 regiments", "PLA photo-reconnaissance (PLA
    photo-reconnaissance flight)": a line names each side at most once, and the air battles,
    losses by unit and reconnaissance flights are all told."""
    from game.engine.observe import visible_entries
    from game.scenario.model import SIDES
    from game.ui.i18n import Locale
    from game.ui.screens.report_text import report_items

    sc, reports = history_reports
    loc = Locale(lang)
    texts = [
        it.text
        for rep in reports
        for side in SIDES
        for it in report_items(loc, sc, visible_entries(sc, rep, side))
    ]
    twice = [t for t in texts for s in SIDES if t.count(loc.side(s)) > 1]
    assert not twice, twice[:5]
    assert any(t.startswith(loc.t("cause.air_lost_named", units="")) for t in texts)
    colon = ":" if lang == "en" else "："
    units = [loc.text(u.name) + colon for u in sc.air]
    assert any(t.startswith(u) for t in texts for u in units)  # a flight by its unit's name


def test_a_chinese_commanders_title_comes_before_his_name():
    """The title in front, as Chinese writes it: "俞大維（國防部部長（視察中））負傷" had
    brackets in brackets."""
    from game.words.strings import words

    w = words("zh-Hant")
    line = w.t("entry.commander.wounded", commander="俞大維", role="國防部部長（視察中）")
    assert line == "國防部部長（視察中）俞大維負傷"
    assert w.t("entry.commander.killed", commander="章傑", role="副司令官") == "副司令官章傑陣亡"


def test_air_battle_counts_take_their_plural():
    from game.words.strings import words

    w = words("en")
    assert w.t("entry.air_battle", prc_lost=1, roc_lost=3) == (
        "Air battle over the strait: the PLA lost 1 fighter, the ROC 3 fighters"
    )
    assert "2.5 fighters" in w.t("entry.air_battle", prc_lost=2.5, roc_lost=0)


def _note_shown_after(screen, app, seconds: float, step: float = 0.5) -> bool:
    t = 0.0
    while t < seconds - 1e-9:
        screen.update(step)
        t += step
    return bool(screen.note)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_long_note_stays_on_the_map_until_it_can_be_read(lang):
    """A short note goes after NOTE_SECONDS; one of a dozen dropped orders with reasons stays
    for its reading time (longer the longer it is), then goes; a new note starts afresh."""
    from game.ui.screens.game import NOTE_LONGEST, NOTE_SECONDS, note_seconds

    app = App((1280, 720), Settings(lang=lang, sound=False).clean(), persist=False)
    screen = build_screen(app, "kinmen")
    app.start(screen)
    app.step(0.05)
    short = app.loc.t("game.repeat_none")
    assert note_seconds(short, app.loc.zh) == NOTE_SECONDS
    why = app.loc.t("words.list_sep_long").join(
        app.loc.t("game.repeat_why", order=f"order {k}", why="it is not possible today")
        for k in range(12)
    )
    long = app.loc.t("game.repeat_dropped", n=1, dropped=12, why=why)
    # the time to read what the box shows (its first lines): longer the longer the note
    reading = note_seconds(screen.note_shown(long), app.loc.zh)
    assert NOTE_SECONDS + 5 < reading <= NOTE_LONGEST
    assert note_seconds(long[: len(long) // 2], app.loc.zh) < reading
    screen.note = short
    assert _note_shown_after(screen, app, NOTE_SECONDS - 0.5)
    assert not _note_shown_after(screen, app, 1.0)
    screen.note = long
    assert _note_shown_after(screen, app, NOTE_SECONDS + 4)  # the old six seconds: still there
    assert _note_shown_after(screen, app, reading - NOTE_SECONDS - 4 - 0.5)
    assert not _note_shown_after(screen, app, 1.0)
    screen.note = short  # a short note after the long one has the short time again
    assert not _note_shown_after(screen, app, NOTE_SECONDS + 0.5)
    screen.note = long  # a click on the note puts it away at once
    screen.update(0.5)
    at = screen.note_rect().center
    screen.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1))
    assert not screen.note
    app.quit()
