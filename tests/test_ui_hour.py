"""The fire order form's hour: every whole and half hour, the meal hours marked, given to the
order, read back when an order is edited, and named in the order list."""

from __future__ import annotations

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.scenario.orders import Fire
from game.ui.i18n import Locale
from game.ui.orderforms import FORMS, describe
from game.ui.session import Mode, Session
from tests.builder import shipped_scenario


def _session(side: str = "prc") -> Session:
    session = Session.new(shipped_scenario(), Mode("hotseat", side, "normal"), seed=3)
    session.autosaves = False
    session.side = side
    return session


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("kind", ["fire", "counter"])
def test_the_hour_field_lists_the_half_hours_with_the_meal_marked(lang, kind):
    loc = Locale(lang)
    form = FORMS[kind](_session(), loc)
    field = next(f for f in form.fields() if f.name == "hour")
    ids = [value for _, value in field.options]
    assert ids[0] == "" and len(ids) == 1 + 48
    texts = dict((v, t) for t, v in field.options)
    # the 1958 scenario's meal window is 17:00 to 19:00 (rules meal_hour_from, meal_hour_to)
    assert texts["17.5"] == loc.t("order.hour_meal", clock="17:30")
    assert texts["19"] == "19:00" and texts["16.5"] == "16:30"


def test_the_form_gives_and_reads_back_the_hour():
    loc = Locale("en")
    session = _session()
    form = FORMS["fire"](session, loc)
    form.fit()
    assert form.order() is not None and form.order().hour is None  # no set hour by default
    form.values["hour"] = "17.5"
    order = form.order()
    assert isinstance(order, Fire) and order.hour == 17.5
    edited = FORMS["fire"](session, loc, order)
    edited.load(order)
    assert edited.values["hour"] == "17.5"
    assert describe(session, loc, order).endswith("at 17:30")
    assert "17:30" not in describe(
        session, loc, Fire(group=order.group, target=order.target, rounds=order.rounds)
    )
