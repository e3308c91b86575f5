"""The preview of a fire plan of several batteries says what the one-battery preview says:
beside each battery's hits, how often it is left spotted for counter-battery fire, and what
the plan spends (ammunition, guns at risk, added up); and one line says how the rounds are
split (in proportion to what each battery can still fire today). Both languages."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.scenario.orders import Fire  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.orderforms import FORMS  # noqa: E402
from game.ui.planning import batteries_in_reach, split_rounds  # noqa: E402
from game.ui.screenshots import build_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

pytestmark = pytest.mark.usefixtures("own_user_dirs")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_fire_plan_preview_shows_costs_and_the_split(lang):
    app = App((1280, 720), Settings(lang=lang, sound=False).clean(), persist=False)
    scr = build_screen(app, "orders")
    s = scr.session
    sc, st = app.scenario(), s.state
    target, groups = max(
        (
            (t.id, batteries_in_reach(sc, st, s.side, t.id))
            for t in [*sc.targets, *sc.artillery]
            if t.side != s.side
        ),
        key=lambda tg: len(tg[1]),
    )
    assert len(groups) >= 2
    form = FORMS["fire"](s, app.loc)
    form.values.update(target=target, group=groups[0], together=True)
    caps = form.plan_caps()
    total = sum(caps) // 3
    form.values["rounds"] = total
    scr.form = form
    app.start(scr)
    app.step(0.05)
    scr.compute_preview(wait=True)
    lines = scr.preview_lines()
    orders = form.orders()
    assert len(orders) >= 2 and all(isinstance(o, Fire) for o in orders)
    assert [o.rounds for o in orders] == [n for n in split_rounds(total, caps) if n > 0]
    t, num = app.loc.t, app.loc.num
    pct = f"{100 * total / sum(caps):.0f}"
    assert lines[1] == t("game.plan_split", pct=pct)
    ammo = [
        ln
        for ln in lines
        if num(total) in ln and ln.startswith(t("cost.plan_rounds", rounds="")[:4])
    ]
    assert len(ammo) == 1, lines
    assert any(ln.startswith(t("cost.plan_guns", mean="")) for ln in lines)
    names = {g.id: app.loc.text(g.name) for g in sc.artillery}
    by_group = dict(zip(form.together(), caps, strict=True))
    for o in orders:
        of = t("game.plan_of", rounds=num(o.rounds), cap=num(by_group[o.group]))
        mine = [ln for ln in lines if ln.startswith(names[o.group]) and of in ln]
        assert len(mine) == 1, (o, lines)
        assert "%" in mine[0]  # how often it is left spotted
    # the costs come before the batteries (a small box cuts the end, not the costs)
    first_battery = min(
        i for i, ln in enumerate(lines) if any(ln.startswith(n) for n in names.values())
    )
    assert first_battery > max(lines.index(ammo[0]), 2)
    app.quit()
