"""No text the window shows, in either language, is an id, a variable name, a message key or
an unfilled `{placeholder}`: every screen (and every order form) is built, drawn, and the
text of its widgets, their tooltips and everything drawn through `rendered` is read.

Report entries and refusals have their own test (game/words); this one covers the window's
own screens."""

from __future__ import annotations

import re

import pytest

pygame = pytest.importorskip("pygame")
pygame_gui = pytest.importorskip("pygame_gui")

from game.engine.report import Entry  # noqa: E402
from game.ui import widgets  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.orderforms import KINDS  # noqa: E402
from game.ui.screens.menus import PauseMenu  # noqa: E402
from game.ui.screenshots import SCREENS, build_screen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.words.render import render, variable  # noqa: E402
from game.words.strings import words  # noqa: E402

BAD = {
    "placeholder": re.compile(r"\{[^}]*\}"),
    "snake_case id": re.compile(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b"),
    "message key": re.compile(r"\b[a-z]+\.[a-z_]+[a-z]\b"),
    "Python value": re.compile(r"\b(None|True|False)\b|\bnan\b|\[\]|\{\}|<[a-z]+ object"),
}


pytestmark = pytest.mark.usefixtures("own_user_dirs")


def _shown(app: App) -> list[str]:
    """Every string on screen now: widgets' text and tooltips, list rows, drawn text."""
    widgets.clear_caches()
    app.draw()
    out = [key[1] for key in widgets._RENDERED]
    for el in app.manager.get_sprite_group().sprites():
        for attr in ("text", "html_text", "tool_tip_text"):
            value = getattr(el, attr, None)
            if isinstance(value, str) and value:
                out.append(re.sub(r"<[^>]+>", " ", value))  # pygame_gui's own markup
        if isinstance(el, pygame_gui.elements.UISelectionList):
            out.extend(item["text"] for item in el.item_list)
    return out


#: names that are written so: a package's name, a web site's
ALLOWED = re.compile(r"\bpygame_gui\b|\b[a-z]{2}\.wikipedia(\.org)?\b")
#: a file or folder shown to the player (where settings and saves are kept)
PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][^\s/\\()]+)+[/\\]?")


def _check(where: str, texts: list[str], refusal: str = "") -> list[str]:
    """What in `texts` looks like an id, key or placeholder (`refusal`: the engine's reason
    a form's order is refused, worded by game/words and tested there, left out here)."""
    bad = []
    for s in texts:
        if refusal and s.strip() and s.strip() in refusal:
            continue
        s = PATH.sub(" ", ALLOWED.sub(" ", s))
        for what, pat in BAD.items():
            m = pat.search(s)
            if m:
                bad.append(f"{where}: {what} {m.group()!r} in {s[:90]!r}")
    return bad


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_no_ids_keys_or_placeholders_on_any_screen(lang):
    bad: list[str] = []
    for name in SCREENS:
        app = App((1280, 720), Settings(lang=lang, sound=False).clean(), persist=False)
        screen = build_screen(app, name)
        app.start(screen)
        app.step(0.05)
        bad += _check(name, _shown(app))
        if name == "orders":
            for kind in KINDS:
                if kind in screen.usable_kinds():
                    screen.open_form(kind)
                    app.rebuild()
                    for _ in range(8):  # the preview comes after a short pause
                        app.step(0.05)
                    refusal = screen.t("game.refused", reason=screen.reason or "")
                    shown = _shown(app)
                    bad += _check(f"{name}: {kind} form", shown, refusal if screen.reason else "")
            app.switch(PauseMenu(app, screen))
            app.step(0.05)
            bad += _check("pause", _shown(app))
        app.quit()
    assert not bad, "\n".join(bad)


def test_kind_names_in_lower_case_mid_sentence():
    """A supply kind's name ("Food and water") is written with a capital for headings and
    lists; the English sentences put it first or after a colon, never "days of Food and
    water" (the status tab's conditions, the guide, the encyclopedia, the report)."""
    app = App((1280, 720), Settings(lang="en", sound=False).clean(), persist=False)
    sc = app.scenario()
    w = words("en")
    names = [k.name.en for k in sc.supply.kinds if k.name.en[:1].isupper()]
    assert names
    texts = [
        variable(f"{head}.{k.id}", w, sc)
        for head in ("supply", "supply_days")
        for k in sc.supply.kinds
    ]
    short = Entry("supply", "roc", "shortage", "", {"kinds": [k.id for k in sc.supply.kinds]})
    texts.append(render(short, "en", sc))
    app.quit()
    for name in ("guide", "status", "new_game", "encyclopedia"):
        app = App((1280, 720), Settings(lang="en", sound=False).clean(), persist=False)
        app.start(build_screen(app, name))
        app.step(0.05)
        texts += _shown(app)
        app.quit()
    mid = re.compile(r"[a-z,] (" + "|".join(re.escape(n) for n in names) + ")")
    bad = [t for t in texts if mid.search(t)]
    assert not bad, bad
