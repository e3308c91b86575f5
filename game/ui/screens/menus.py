"""Main menu, load, settings, credits, the in-game menu and the hot-seat cover (the New game
screen is `game.ui.screens.newgame`)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.history.saves import SaveError
from game.safeio import display_name, terminal_safe
from game.scenario.sources import ARTICLE_ID
from game.scenario.sources import entries as sources_of
from game.ui.i18n import LANG_NAMES, LANGS
from game.ui.savelist import all_saves, describe_lines, latest
from game.ui.savelist import describe as describe_save
from game.ui.screens.base import Go, Screen
from game.ui.screens.common import (
    BACKDROP,
    button,
    dropdown,
    dropdown_id,
    label,
    whole_row_list,
)
from game.ui.screens.newgame import NewGame
from game.ui.session import load_session
from game.ui.settings import PALETTES, SCALES, Settings, saves_dir, settings_path
from game.ui.theme import BASE_FONT, fitted_scale
from game.ui.widgets import (
    DIM,
    GOLD,
    INK,
    PANEL_EDGE,
    Line,
    ScrollText,
    fitted,
    gui_items,
    panel,
    rendered,
    shade,
    wrapped,
)

if TYPE_CHECKING:
    from game.ui.screens.game import GameScreen


def _column(scr: Screen, n: int, width: int = 300, top: int | None = None) -> list[pygame.Rect]:
    """`n` button rects in a centred column below `top`; in two columns when one does not
    fit the window's height (large interface sizes in small windows)."""
    w, h = scr.app.size
    bw, bh, gap = scr.s(width), scr.s(40), scr.s(10)
    top = top if top is not None else scr.s(200)
    if top + n * (bh + gap) <= h - scr.s(20):
        y = max(top, (h - n * (bh + gap)) // 2 + scr.s(60))
        y = min(y, h - scr.s(20) - n * (bh + gap))
        x = max(scr.s(40), w // 2 - bw // 2)
        return [pygame.Rect(x, y + i * (bh + gap), bw, bh) for i in range(n)]
    rows = (n + 1) // 2
    bw = min(bw, (w - 3 * scr.s(20)) // 2)
    x0 = w // 2 - bw - scr.s(10)
    y = max(scr.s(10), min(top, h - scr.s(20) - rows * (bh + gap)))
    return [
        pygame.Rect(x0 + (i // rows) * (bw + scr.s(20)), y + (i % rows) * (bh + gap), bw, bh)
        for i in range(n)
    ]


class MainMenu(Screen):
    ITEMS = ("continue", "new_game", "load", "replay", "settings", "credits", "quit")

    def build(self) -> None:
        self.buttons: dict[str, Any] = {}
        f1, f2 = self.app.fonts.get(46), self.app.fonts.get(22)
        top = self.s(70) + f1.get_linesize() + 6 + f2.get_linesize() + self.s(24)
        rects = _column(self, len(self.ITEMS), top=top)
        self.heading = self._heading(min(r.top for r in rects))
        for key, rect in zip(self.ITEMS, rects, strict=True):
            b = button(
                self,
                rect,
                f"menu.{key}",
                f"menu.tip_{key}",
                cls="@primary" if key == "new_game" else None,
            )
            self.buttons[key] = b
        if latest(saves_dir()) is None:
            self.buttons["continue"].disable()
            self.buttons["continue"].set_tooltip(self.t("menu.nothing_to_continue"))
        sc, _ = self.app.try_scenario()
        if sc is None or not sc.history:  # a replay needs the scenario's historical record
            self.buttons["replay"].disable()
            self.buttons["replay"].set_tooltip(self.t("replay.no_history"))

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for key, b in self.buttons.items():
                if event.ui_element is b:
                    return self.choose(key)
        if event.type == pygame.KEYDOWN:
            keys = {
                pygame.K_n: "new_game",
                pygame.K_l: "load",
                pygame.K_r: "replay",
                pygame.K_s: "settings",
                pygame.K_c: "credits",
                pygame.K_q: "quit",
            }
            if event.key in keys:
                return self.choose(keys[event.key])
        return self

    def _heading(self, buttons_top: int) -> tuple[Any, Any, int]:
        """Title font, subtitle font and the title's top: the largest that fits the window's
        width and ends above the buttons (at a large interface size in a small window the
        buttons move up into two columns, and the full-size heading ran off both sides and
        under them)."""
        w = self.app.size[0] - self.s(20)
        sizes = ((46, 22), (38, 18), (30, 15), (24, 12))
        for big, small in sizes:
            f1, f2 = self.app.fonts.get(big), self.app.fonts.get(small)
            height = f1.get_linesize() + 6 + f2.get_linesize()
            y = min(self.s(70), buttons_top - self.s(10) - height)
            wide = max(f1.size(self.t("app.title"))[0], f2.size(self.t("app.subtitle"))[0])
            if y >= self.s(8) and wide <= w:
                return f1, f2, y
        return f1, f2, max(0, y)

    def choose(self, key: str) -> Screen | Go:
        self.app.sounds.play("click")
        if key == "new_game":
            return NewGame(self.app)
        if key == "continue":
            info = latest(saves_dir())
            if info is not None:
                return LoadScreen(self.app, back=self).load(str(info.path))
        if key == "load":
            return LoadScreen(self.app, back=self)
        if key == "replay":
            return Go("replay")
        if key == "settings":
            return SettingsScreen(self.app, back=self)
        if key == "credits":
            return CreditsScreen(self.app, back=self)
        if key == "quit":
            self.app.running = False
        return self

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        w, _ = surface.get_size()
        f1, f2, y = self.heading
        title = rendered(f1, self.t("app.title"), GOLD)
        surface.blit(title, (w // 2 - title.get_width() // 2, y))
        sub = rendered(f2, self.t("app.subtitle"), INK)
        surface.blit(sub, (w // 2 - sub.get_width() // 2, y + title.get_height() + 6))
        if self.app.message:
            f = self.app.fonts.get(14)
            m = rendered(f, self.app.message, DIM)
            surface.blit(m, (w // 2 - m.get_width() // 2, surface.get_height() - self.s(30)))


class SettingsScreen(Screen):
    def __init__(self, app: Any, back: Screen) -> None:
        super().__init__(app)
        self.back = back
        self.draft = Settings(**vars(app.settings))

    def build(self) -> None:
        w, h = self.app.size
        pw = min(w - self.s(40), self.s(620))
        x0 = (w - pw) // 2
        y, row, lw = self.s(110), self.s(36), self.s(260)
        # the rows' gaps, smaller when the whole form would not fit (large interface sizes)
        gap = 12 if self.s(110 + 3 * 48 + 42 + 42 + 56 + 70 + 64) <= h else 4
        if gap == 4:
            y = self.s(70)
        self.box = pygame.Rect(
            x0 - self.s(20), y - self.s(70 if gap == 12 else 62), pw + self.s(40), 0
        )
        d = self.draft
        label(self, (x0, y, lw, row), self.t("settings.language"))
        self.dd_lang = dropdown(
            self, (x0 + lw, y, pw - lw, row), [(LANG_NAMES[lg], lg) for lg in LANGS], d.lang
        )
        y += row + self.s(gap)
        label(self, (x0, y, lw, row), self.t("settings.scale"))
        self.dd_scale = dropdown(
            self, (x0 + lw, y, pw - lw, row), [(f"{s}%", str(s)) for s in SCALES], str(d.ui_scale)
        )
        y += row + self.s(gap)
        label(self, (x0, y, lw, row), self.t("settings.palette"))
        self.dd_palette = dropdown(
            self,
            (x0 + lw, y, pw - lw, row),
            [(self.t(f"settings.palette_{p}"), p) for p in PALETTES],
            d.palette,
        )
        y += row + self.s(gap)
        self.cb_sound = pygame_gui.elements.UICheckBox(
            pygame.Rect(x0 + lw, y, self.s(24), self.s(24)),
            self.t("settings.sound"),
            self.ui,
            initial_state=d.sound,
            tool_tip_text=self.t("settings.sound_tip"),
        )
        if not self.app.sounds.available:
            self.cb_sound.set_tooltip(self.t("settings.no_audio"))
        y += row + self.s(6 if gap == 12 else 0)
        self.cb_full = pygame_gui.elements.UICheckBox(
            pygame.Rect(x0 + lw, y, self.s(24), self.s(24)),
            self.t("settings.fullscreen"),
            self.ui,
            initial_state=d.fullscreen,
            tool_tip_text=self.t("settings.fullscreen_tip"),
        )
        y += row + self.s(6 if gap == 12 else 0)
        self.cb_guide = pygame_gui.elements.UICheckBox(
            pygame.Rect(x0 + lw, y, self.s(24), self.s(24)),
            self.t("settings_guide.label"),
            self.ui,
            initial_state=d.guide,
            tool_tip_text=self.t("settings_guide.tip"),
        )
        y += row + self.s(20 if gap == 12 else 2)
        # where the file is, when there is room for it above the buttons
        by = min(y + self.s(70), h - self.s(54))
        self.path_rect = pygame.Rect(x0, y, pw, max(0, by - y - self.s(6)))
        y = by
        self.b_back = button(self, (x0, y, self.s(160), self.s(44)), "common.back")
        self.b_apply = button(
            self,
            (x0 + pw - self.s(200), y, self.s(200), self.s(44)),
            "settings.apply",
            cls="@primary",
        )
        self.box.height = min(y + self.s(64), h - 2) - self.box.top

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        d = self.draft
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.dd_lang:
                d.lang = dropdown_id(self.dd_lang)
            elif event.ui_element is self.dd_scale:
                d.ui_scale = int(dropdown_id(self.dd_scale))
            elif event.ui_element is self.dd_palette:
                d.palette = dropdown_id(self.dd_palette)
        elif event.type in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED):
            on = event.type == pygame_gui.UI_CHECK_BOX_CHECKED
            if event.ui_element is self.cb_sound:
                d.sound = on
            elif event.ui_element is self.cb_full:
                d.fullscreen = on
            elif event.ui_element is self.cb_guide:
                d.guide = on
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_back:
                return self.back
            if event.ui_element is self.b_apply:
                self.app.apply_settings(Settings(**vars(d)))
                self.draft = Settings(**vars(self.app.settings))
                return self
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back
        return self

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        panel(surface, self.box, colour=(24, 30, 26))
        f = self.app.fonts.get(24)
        surface.blit(
            rendered(f, self.t("menu.settings"), GOLD),
            (self.box.left + self.s(20), self.box.top + self.s(14)),
        )
        text = self.t("settings.file", path=str(settings_path()))
        shown = fitted_scale(self.draft.scale, self.app.size)
        if shown < self.draft.scale:
            # the size chosen does not fit this window: say what the player will see
            text = self.t("settings.scale_fitted", shown=round(shown * 100)) + "\n" + text
        wrapped(surface, self.app.fonts.get(13), text, self.path_rect, DIM)


class CreditsScreen(Screen):
    def __init__(self, app: Any, back: Screen) -> None:
        super().__init__(app)
        self.back = back
        self.text = ScrollText()

    def build(self) -> None:
        w, h = self.app.size
        self.rect = pygame.Rect(self.s(60), self.s(90), w - self.s(120), h - self.s(180))
        self.b_back = button(
            self, (self.s(60), h - self.s(70), self.s(160), self.s(44)), "common.back"
        )
        t = self.t
        lines = [Line(t("credits.title"), GOLD, 26)]
        for key in ("game", "article", "map", "font", "libraries"):
            lines.append(Line(t(f"credits.{key}_head"), GOLD, 18, gap_before=14))
            lines.append(Line(t(f"credits.{key}"), INK, 15, indent=12))
        # a mod's own sources (`sources:` with title and licence) are credited beside the
        # article: every scenario loaded so far, the default one first
        self.app.try_scenario()
        seen = {ARTICLE_ID}
        for sc in list(self.app._scenarios.values()):
            for src in sources_of(sc):
                if src.id in seen or src.file is None:
                    continue
                seen.add(src.id)
                where = f" ({src.url})" if src.url else f" ({src.file})"
                lines.append(Line(f"{sc.meta.title.en}: {src.title}", GOLD, 18, gap_before=14))
                lines.append(Line(f"{src.licence}{where}", INK, 15, indent=12))
        self.text.lines = lines

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if self.text.handle_event(event):
            return self
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.b_back:
            return self.back
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            return self.back
        return self

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        panel(surface, self.rect.inflate(self.s(30), self.s(30)), colour=(24, 30, 26))
        self.text.draw(surface, self.rect, self.app.fonts)


#: the load list's second line's font size, and the padding at a row's left (unscaled)
DETAIL_FONT = 13
ROW_PAD = 8


class LoadScreen(Screen):
    def __init__(self, app: Any, back: Screen) -> None:
        super().__init__(app)
        self.back = back
        self.error = ""
        #: each entry's object id -> its file (ids are plain: a name need not be UTF-8)
        self.paths: dict[str, Path] = {}
        #: each entry's object id -> its whole description in one line (the "Loaded" note)
        self.rows: dict[str, str] = {}
        #: each entry's object id -> its two lines as the list draws them (`draw_top`)
        self.lines: dict[str, tuple[str, str]] = {}

    def entries(self) -> list[tuple[str, str]]:
        """Every save, newest first, (its whole description, its id): autosave or saved game,
        scenario title and day; who plays whom and the time saved (two lines in the list).

        A name shown is made drawable first (`display_name`: bytes that are not UTF-8 come
        back from the OS as lone surrogates, which the font renderer cannot encode), and the
        list carries a plain id per entry, not the path.
        """
        out = []
        self.paths, self.rows, self.lines = {}, {}, {}
        for i, info in enumerate(all_saves(saves_dir())):
            key = f"#save_{i}"
            self.paths[key] = info.path
            sc = self.app.scenario_for(info.scenario_id)
            title = (
                self.app.loc.text(sc.meta.title) if sc is not None else display_name(info.path.stem)
            )
            if sc is not None and info.older_than(sc):
                title = self.t("load.older", title=title)
            when = _stamp(info.path)
            self.rows[key] = describe_save(info, self.app.loc, title, when)
            head, detail = describe_lines(info, self.app.loc, title, when)
            # cut with "…" to the list's width only if even two lines cannot hold them
            width = self.row_width()
            self.lines[key] = (
                fitted(self.app.fonts.get(BASE_FONT), head, width),
                fitted(self.app.fonts.get(DETAIL_FONT), detail, width),
            )
            out.append((self.rows[key], key))
        return out

    def margin(self) -> int:
        """The list's margin at the window's sides (narrower at large sizes)."""
        return min(self.s(80), self.app.size[0] // 16)

    def row_width(self) -> int:
        """The width an entry's lines have: the list's, less the scroll bar and padding."""
        return self.app.size[0] - 2 * self.margin() - self.s(34) - 2 * self.s(ROW_PAD)

    def build(self) -> None:
        w, h = self.app.size
        m = self.margin()
        y, bh = h - self.s(90), self.s(44)
        # from under the title down to the buttons
        self.rect = pygame.Rect(m, self.s(90), w - 2 * m, y - self.s(12) - self.s(90))
        self.items = self.entries()
        # whole rows only: pygame_gui draws a row cut by the list's edge below it (at 200 %
        # half a row's text showed under the list). Each row two lines high, drawn by
        # `draw_top`: pygame_gui's row shows one line
        blank = [("", key) for _, key in self.items]
        self.list = whole_row_list(
            self.rect,
            gui_items(blank),
            self.ui,
            object_id=pygame_gui.core.ObjectID(object_id="#save_list"),
        )
        # three buttons in the list's width, narrower in a small window or at a large size
        # (at 200 % in 1280x720 the replay button covered the back button)
        gap = self.s(20)
        bw = min(self.s(200), (self.rect.width - 2 * gap) // 3)
        self.b_back = button(self, (self.rect.left, y, min(self.s(160), bw), bh), "common.back")
        right = self.rect.right
        self.b_load = button(self, (right - bw, y, bw, bh), "load.load", cls="@primary")
        self.b_replay = button(
            self, (right - 2 * bw - gap, y, bw, bh), "load.replay", "load.replay_tip"
        )

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.b_back:
                return self.back
            if event.ui_element is self.b_load:
                return self.load(self.list.get_single_selection(include_object_id=True))
            if event.ui_element is self.b_replay:
                sel = self.list.get_single_selection(include_object_id=True)
                return self.load(sel, replay=True)
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            return self.load(self.list.get_single_selection(include_object_id=True))
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            sel = self.list.get_single_selection(include_object_id=True)
            return self.load(sel or (self.items[0] if self.items else None))
        return self

    def load(self, sel: Any, replay: bool = False) -> Screen | Go:
        if not sel:
            return self
        key = sel[1] if isinstance(sel, tuple) else sel
        path = self.paths.get(key) or Path(key)
        sc, err = self.app.try_scenario()
        if sc is None:
            self.error = err
            return self
        try:
            session = load_session(path, sc)
        except (OSError, ValueError, SaveError) as exc:
            self.error = terminal_safe(str(exc))
            return self
        if replay:  # the same viewer as the record's replay, the fog lifted
            return Go("replay", sc=session.sc, game=session.game, human=session.mode.human_sides())
        title = self.app.loc.text(sc.meta.title)
        notices = [self.t(f"load.notice_{n.kind}", title=title) for n in session.game.notices]
        # the save as the list names it (its file name, "autosave-4.json" for day 5, meant
        # nothing to the player); Continue loads without building the list
        # whole, not cut to the list's width: the note over the map has room for it
        shown = next(
            (self.rows[k] for _, k in self.entries() if self.paths[k] == path),
            display_name(path.name),
        )
        note = " ".join([self.t("load.loaded", name=shown), *notices])
        return Go("game", session=session, note=note)

    def draw(self, surface: pygame.Surface) -> None:
        BACKDROP.draw(self, surface)
        f = self.app.fonts.get(24)
        surface.blit(rendered(f, self.t("menu.load"), GOLD), (self.margin(), self.s(50)))
        if not self.items:
            wrapped(
                surface,
                self.app.fonts.get(15),
                self.t("load.none", path=str(saves_dir())),
                self.rect.inflate(-20, -20),
                DIM,
            )
        if self.error:
            wrapped(
                surface,
                self.app.fonts.get(14),
                self.error,
                pygame.Rect(self.rect.left, self.rect.bottom + 6, self.rect.width, 40),
                (255, 154, 128),
            )

    def shown_rows(self) -> list[tuple[pygame.Rect, str, bool]]:
        """The rows the list shows (each wholly inside it): (the row's rect, its id,
        whether it is the one chosen)."""
        out = []
        for item in self.list.item_list:
            b = item["button_element"]
            if b is not None and b.visible and self.list.rect.contains(b.rect):
                out.append((b.rect, str(item["object_id"]), bool(item["selected"])))
        return out

    def draw_top(self, surface: pygame.Surface) -> None:
        """Each shown entry's two lines on its row: what the save is, then who plays whom
        and when it was saved."""
        f, f2 = self.app.fonts.get(BASE_FONT), self.app.fonts.get(DETAIL_FONT)
        pad = self.s(ROW_PAD)
        for rect, key, chosen in self.shown_rows():
            if rect.top > self.list.rect.top + self.s(4):  # a rule between entries
                pygame.draw.line(
                    surface, PANEL_EDGE, (rect.left + pad, rect.top), (rect.right - pad, rect.top)
                )
            head, detail = self.lines.get(key, ("", ""))
            top = rect.top + (rect.height - f.get_linesize() - f2.get_linesize()) // 2
            surface.blit(rendered(f, head, INK), (rect.left + pad, top))
            # the second line dim, but not on the chosen row's gold
            colour = INK if chosen else DIM
            surface.blit(rendered(f2, detail, colour), (rect.left + pad, top + f.get_linesize()))


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _stamp(p: Path) -> str:
    """When a save was written, as local date and time."""
    t = _mtime(p)
    return datetime.datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M") if t else "?"


class PauseMenu(Screen):
    """Esc in a game: resume, save, load, settings, main menu."""

    ITEMS = ("resume", "save", "load", "settings", "main_menu")

    def __init__(self, app: Any, game_screen: GameScreen) -> None:
        super().__init__(app)
        self.game_screen = game_screen
        #: what the last save said (words key, values): drawn in the current language
        self.note_words: tuple[str, dict[str, str]] | None = None

    def build(self) -> None:
        self.buttons = {}
        top = self.s(80) + self.app.fonts.get(30).get_linesize() + self.s(24)
        rects = _column(self, len(self.ITEMS), top=max(top, self.s(200)))
        for key, rect in zip(self.ITEMS, rects, strict=True):
            self.buttons[key] = button(self, rect, f"pause.{key}", f"pause.tip_{key}")

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.game_screen
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return self
        key = next((k for k, b in self.buttons.items() if event.ui_element is b), None)
        if key == "resume":
            return self.game_screen
        if key == "save":
            self.note_words = self.game_screen.save_words()
        if key == "load":
            return LoadScreen(self.app, back=self)
        if key == "settings":
            return SettingsScreen(self.app, back=self)
        if key == "main_menu":
            return MainMenu(self.app)
        return self

    def draw(self, surface: pygame.Surface) -> None:
        self.game_screen.draw(surface)
        shade(surface, alpha=190)
        f = self.app.fonts.get(30)
        t = rendered(f, self.t("pause.title"), GOLD)
        surface.blit(t, (surface.get_width() // 2 - t.get_width() // 2, self.s(80)))
        if self.note_words is not None:
            note = self.t(self.note_words[0], **self.note_words[1])
            # under the last button (at 200 % the buttons reach the bottom: then over the
            # title's line instead), cut with "…" to the window's width
            f2 = self.app.fonts.get(15)
            w, h = surface.get_size()
            m = rendered(f2, fitted(f2, note, w - self.s(40)), INK)
            low = max(b.rect.bottom for b in self.buttons.values()) + self.s(12)
            y = low if low + m.get_height() <= h else self.s(80) - m.get_height() - self.s(8)
            surface.blit(m, (w // 2 - m.get_width() // 2, max(0, y)))


class PassScreen(Screen):
    """Hot-seat: hides the last player's view until the next player is at the computer.

    Keys count only after `GRACE_S` seconds on this screen: a player pressing Enter through
    the day's events would otherwise go straight on into the other side's orders, which is
    what this screen is there to stop. The button works at once."""

    GRACE_S = 0.6

    def __init__(self, app: Any, next_screen: Screen, side: str) -> None:
        super().__init__(app)
        self.next_screen = next_screen
        self.side = side
        self.shown_s = 0.0

    def update(self, dt: float) -> Screen | Go:
        self.shown_s += dt
        return self

    def build(self) -> None:
        w, h = self.app.size
        self.b_ready = button(
            self,
            (w // 2 - self.s(150), h // 2 + self.s(40), self.s(300), self.s(50)),
            "pass.ready",
            cls="@primary",
        )

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.b_ready:
            return self.next_screen
        if (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
            and self.shown_s >= self.GRACE_S
        ):
            return self.next_screen
        return self

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((16, 20, 18))
        w, h = surface.get_size()
        f = self.app.fonts.get(30)
        t = rendered(f, self.t("pass.title", side=self.app.loc.side(self.side)), GOLD)
        surface.blit(t, (w // 2 - t.get_width() // 2, h // 2 - self.s(60)))
        f2 = self.app.fonts.get(16)
        m = rendered(f2, self.t("pass.text"), DIM)
        surface.blit(m, (w // 2 - m.get_width() // 2, h // 2 - self.s(10)))
