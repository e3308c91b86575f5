"""What every screen is: `Screen`, the base of all screens, and `Go`, a screen's request for the
next screen by name.

A screen's `handle_event` and `update` return the screen to show next: itself to stay, another
screen of its own module, or a `Go` that names one of another module. The router
(`game.ui.screens.router`) builds what a `Go` names, so screens never import each other and the
screens' imports form no circle.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui


class Go:
    """A request for the screen called `name`, built with `args` (see `router.ROUTES`)."""

    __slots__ = ("args", "name")

    def __init__(self, name: str, **args: Any) -> None:
        self.name = name
        self.args = args

    def __repr__(self) -> str:
        return f"Go({self.name!r}, {', '.join(sorted(self.args))})"


class Screen:
    """Base of all screens. `build()` (re)creates the widgets from the screen's own state."""

    def __init__(self, app: Any) -> None:
        #: the window (`game.ui.app.App`): what outlives a screen
        self.app = app

    def build(self) -> None:
        """Create this screen's pygame_gui widgets for the current size, language and scale."""

    def handle_event(self, event: pygame.event.Event) -> Screen | Go:
        return self

    def update(self, dt: float) -> Screen | Go:
        return self

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((20, 26, 22))

    def draw_top(self, surface: pygame.Surface) -> None:
        """What is drawn over the widgets too (the map's tips, which the map's own buttons
        covered); nothing by default."""

    def busy(self) -> bool:
        """Work goes on beside the drawing loop that the player watches (the computer's
        turn): the window then puts off its collection pass (`App.step`), a 30-50 ms frame
        that would stall the map while the player waits."""
        return False

    # helpers -----------------------------------------------------------------------------

    def s(self, px: float) -> int:
        """A length in pixels at the current UI scale."""
        return round(px * self.app.scale)

    @property
    def ui(self) -> pygame_gui.UIManager:
        return self.app.manager

    def t(self, key: str, **kw: Any) -> str:
        return self.app.loc.t(key, **kw)


def open_encyclopedia(back: Screen, sc: Any, entry_id: str | None = None, obs: Any = None) -> Go:
    """The encyclopedia over `back` (which it returns to), at article `entry_id` (an article
    id such as `artillery.<id>`, or a bare id of the scenario: a map thing's) when given; `obs`,
    the viewing side's observation, keeps out what that side may not know yet. Any screen (the
    game screen, the replay window, a report) opens it with this one call."""
    return Go("encyclopedia", back=back, sc=sc, entry_id=entry_id, obs=obs)


def open_legend(back: Screen) -> Go:
    """The map legend over `back`."""
    return Go("legend", back=back)
