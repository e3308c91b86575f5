"""Every order form opens on an order the engine accepts.

Each form, for each side, on several days of the 1958 scenario (the first day's PLA barrage,
a day after two weeks of shelling, the October halt, a day with the ROC's ammunition almost
gone), both before and after the day's historical orders are given: the form's default order,
and the order after choosing each of its units in turn, passes the engine's `check_orders`
or the form makes no order at all (its button is then disabled with its reason). The one
refusal a default may carry is a halt the side declared itself, which the form's break-halt
box answers (the refusal says so): ticking it must make the order legal.
"""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.ai.players import make_player
from game.engine.legality import check_orders, shelling_restricted, today
from game.engine.run import ask_orders
from game.scenario.model import SIDES
from game.scenario.orders import Fire
from game.ui.i18n import Locale
from game.ui.orderforms import FORMS
from game.ui.session import Mode, Session
from tests.builder import shipped_scenario

#: days shown (0: 23 August, the first barrage; 12: 4 September; 44: 6 October, the halt)
DAYS = (0, 1, 12, 44)
#: the field naming the unit (or move) each form gives the order to
UNIT_FIELD = {
    "fire": "group",
    "counter": "group",
    "convoy": "ship_class",
    "air": "air_unit",
    "airlift": "air_unit",
    "naval": "ship_class",
}


def history_sessions():
    """(label, session) on each of `DAYS`, history played by both sides until then."""
    sc = shipped_scenario()
    session = Session.new(sc, Mode("hotseat", "roc", "normal"), seed=1958)
    session.autosaves = False
    hist = make_player("history")
    for day in range(max(DAYS) + 1):
        if day in DAYS:
            yield str(today(sc, session.state)), session
        for side in SIDES:
            session.planned[side] = ask_orders(sc, session.state, side, hist)
        session.side = "roc"
        session.resolve()


def check_form(session, form, where):
    """The form's order is legal, or none (the kind is unusable), or refused only by the
    side's own halt and legal with the break-halt box ticked."""
    form.fit()
    form.fit()  # as the form's build does
    order = form.order()
    if order is None:
        return
    side, sc, st = session.side, session.sc, session.state
    problems = check_orders(sc, st, side, [*session.orders(), order])
    if problems and isinstance(order, Fire) and shelling_restricted(sc, st, side):
        assert problems[-1][1] == shelling_restricted(sc, st, side), where
        order = dataclasses.replace(order, break_halt=True)
        problems = check_orders(sc, st, side, [*session.orders(), order])
    assert problems == [], (where, order, problems)


def check_every_form(session, loc, label):
    for kind, form_class in FORMS.items():
        form = form_class(session, loc)
        check_form(session, form, (label, session.side, kind, "default"))
        field = UNIT_FIELD.get(kind)
        if field is None:
            continue
        options = next((f.options for f in form.fields() if f.name == field), [])
        for _text, unit in options:
            form = form_class(session, loc)
            form.values[field] = unit
            check_form(session, form, (label, session.side, kind, unit))


def test_every_form_opens_on_a_legal_order():
    loc = Locale("en")
    hist = make_player("history")
    seen = []
    for label, session in history_sessions():
        sc = session.sc
        for side in SIDES:
            session.side = side
            session.planned[side] = []
            check_every_form(session, loc, label)
            # and after the day's historical orders (they use guns, ships and sorties)
            for o in ask_orders(sc, session.state, side, hist):
                session.add(o)
            check_every_form(session, loc, label + " after history")
            session.planned[side] = []
        seen.append(label)
        if label == "1958-09-04":
            # the ROC's ammunition nearly gone, the PLA's dumps nearly empty
            st = session.state
            saved_supply, saved_groups = dict(st.supply), dict(st.groups)
            st.supply[sc.cast.ammo] = 1.5
            for g in sc.artillery:
                if st.groups[g.id].ammo >= 0:
                    st.groups[g.id] = dataclasses.replace(st.groups[g.id], ammo=7)
            for side in SIDES:
                session.side = side
                check_every_form(session, loc, label + " low ammunition")
            st.supply.clear()
            st.supply.update(saved_supply)
            st.groups.clear()
            st.groups.update(saved_groups)
    assert seen == ["1958-08-23", "1958-08-24", "1958-09-04", "1958-10-06"]
