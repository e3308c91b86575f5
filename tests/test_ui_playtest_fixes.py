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
