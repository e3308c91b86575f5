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
