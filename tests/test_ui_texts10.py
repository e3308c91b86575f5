"""Words a player or reader met in session 9's playtest, left open: the quick plan's note
counting the orders it left out without naming them, brackets inside brackets on the
attack-craft line, and Liaoluo Bay unnamed on the replay's map at 800x560."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.engine.report import Msg  # noqa: E402
from game.scenario.orders import Order  # noqa: E402
from game.ui.orderforms import describe  # noqa: E402
from game.ui.screens.orders_panel import QUICK_NAMED  # noqa: E402
from game.words import render  # noqa: E402
from tests.test_ui_playtest16 import _game  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


# -- 1. the quick plan's note names what it left out, each with its reason ------------------------


def _left_out(screen) -> list[tuple[Order, Msg]]:
    """The quick plan, its note and what it left out (the session's own answer, caught)."""
    s = screen.session
    caught: list[tuple[Order, Msg]] = []
    plan = s.quick_plan

    def quick_plan():
        added, dropped = plan()
        caught.extend(dropped)
        return added, dropped

    s.quick_plan = quick_plan
    screen.quick_plan()
    return caught


@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize(
    ("lang", "undo", "end"),
    [
        ("en", "it would undo your own ", ". Edit or remove any of them."),
        ("zh-Hant", "會推翻你自己的「", "。可修改或刪除。"),
    ],
)
def test_the_quick_plans_note_names_the_orders_it_left_out(lang, undo, end, scale):
    """With the PLA's own halt in force the easy AI voids it and fires eight times: the
    note names the voiding move with "it would undo your own …", the first fire orders
    with theirs as the box allows, and counts the rest; the box shows it whole."""
    app, screen = _game("prc", lang, scale)
    s = screen.session
    s.state.moves_made.append("prc_declare_halt")
    s.state.halt_days = 6
    dropped = _left_out(screen)
    assert len(dropped) > QUICK_NAMED
    note = screen.note
    first, why = dropped[0]
    assert why.key == "refuse.undoes_own"
    assert describe(s, app.loc, first) in note
    assert render(why, lang, s.sc).startswith(undo) and render(why, lang, s.sc) in note
    named = [o for o, _ in dropped if describe(s, app.loc, o) in note]
    assert named == [o for o, _ in dropped[: len(named)]]
    assert app.loc.t("game.quick_more", named="", n=len(dropped) - len(named)) in note
    assert screen.note_fits(note), note
    assert "{" not in note and "  " not in note
    assert note.endswith(end)
    app.quit()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_a_few_orders_left_out_are_all_named_and_none_counted_more(lang):
    """The ROC's quick plan given twice: the second leaves out what the first used up, and
    names each (no "and 0 more")."""
    app, screen = _game("roc", lang)
    s = screen.session
    s.quick_plan()
    dropped = _left_out(screen)
    assert 0 < len(dropped) <= QUICK_NAMED
    for o, why in dropped:
        assert (
            app.loc.t("game.repeat_why", order=describe(s, app.loc, o), why=screen.refusal(why))
            in screen.note
        )
    more = app.loc.t("game.quick_more", named="", n=0)
    assert more not in screen.note and screen.note_fits(screen.note)
    app.quit()


# -- 2. a name with its own brackets is never set inside another pair -------------------------

OPEN, CLOSE = "(（", ")）"


def _nested(text: str) -> bool:
    """Whether a bracket opens inside another (round or full-width, alike)."""
    depth = 0
    for ch in text:
        if ch in OPEN:
            depth += 1
            if depth > 1:
                return True
        elif ch in CLOSE:
            depth = max(0, depth - 1)
    return False


def test_nested_is_told():
    assert _nested("10 attack craft (Torpedo boat (6th Detachment))")
    assert _nested("攻擊艇10艘（魚雷快艇（六支隊））")
    assert not _nested("Convoy: 2 × Tank landing ship (LST), 819 t to Xintou pier (day)")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_attack_craft_line_sets_no_brackets_inside_brackets(lang):
    """The report's naval line named its boats in brackets: "10 attack craft (Torpedo boat
    (6th Detachment))". It sets them off with dashes; each name is whole, in the count's
    order, and a second class joins the list."""
    from game.engine.report import Entry
    from game.ui.i18n import Locale
    from game.ui.screens.report_text import report_items
    from tests.builder import shipped_scenario

    sc = shipped_scenario()
    loc = Locale(lang)
    boats = [s.id for s in sc.ships if s.side == "prc" and s.role in ("torpedo_boat", "gunboat")]
    assert "prc_torpedo_boat" in boats and len(boats) == 2
    data = dict(sunk=1, damaged=0, escorts_hit=2, boats_lost=3, boats=10, target_cls="roc_lst")
    for attackers in (["prc_torpedo_boat"], boats):
        e = Entry("naval", "prc", "naval", "entry.naval", {**data, "attackers": attackers})
        (line,) = [it.text for it in report_items(loc, sc, [e]) if "10" in it.text]
        names = [loc.text(sc.ship_class(b).name) for b in attackers]
        assert all(n in line for n in names), line
        assert not _nested(line), line
        if lang == "en":
            assert line.startswith(f"10 attack craft – {', '.join(names)} – struck the convoy")
        else:
            assert line.startswith(f"攻擊艇10艘——{'、'.join(names)}——襲擊")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_no_scenario_name_is_set_inside_brackets(lang):
    """The same for every line that names a unit, a ship class or a weapon: the 1958 names
    with brackets of their own ("105 mm howitzer (ex-US M101, captured)", "Tank landing
    ship (LST)", "Torpedo boat (6th Detachment)") and a mod's air unit with them, in the
    encyclopedia's guns line, the first-day guide's convoys, reconnaissance and airlifts."""
    from game.words.strings import words

    w = words(lang)
    named = "Torpedo boat (6th Detachment)" if lang == "en" else "魚雷快艇（六支隊）"
    lines = [
        w.t("cyclo.guns", guns=12, calibre=105, weapon="105 mm howitzer (ex-US M101, captured)"),
        w.t("guide.convoys", n=4, cls=named, t=100, beaches="Liaoluo"),
        w.t("entry.recon", side="PLA", unit=named, flown=4, n=2, lost=0),
        w.t("entry.airlift", unit=named, sorties=30, landed=90.0, shipped=100.0, aircraft_lost=1),
        w.t("entry.airlift.drop", unit=named, sorties=30, landed=90, shipped=100, aircraft_lost=1),
        w.t(
            "listed.naval",
            attackers=named,
            boats=10,
            cls=named,
            sunk=1,
            damaged=0,
            escorts_hit=0,
            boats_lost=0,
        ),
    ]
    weapon = "105 mm howitzer (ex-US M101, captured)"
    for line in lines:
        assert named in line or weapon in line, line  # the name, whole (and the key found)
        assert "{" not in line and not _nested(line), line
