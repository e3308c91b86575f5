"""A side's day in a few numbers: the postures the rules choose and the look-ahead varies.

A posture is the day's intention (how hard to shell, which beach to watch, how many ships
sail and when, how much to fly, which diplomatic move to make), by role: the besieger's
(`game.ai.besieger`) and the besieged side's (`game.ai.besieged`). `realize_*` there turns one
into orders for what the side observes; `game.ai.search` builds variations of the rules'
posture and plays each forward.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BesiegerPosture:
    """The besieger's day in a few numbers (the PLA's in 1958)."""

    #: multiple of the sustainable daily fire (ammunition coming in plus a share of the dumps)
    fire: float = 1.0
    #: shares of the fire plan: beaches and piers, airfield, counter-battery, command posts
    beach: float = 0.6
    airfield: float = 0.2
    cb: float = 0.3
    post: float = 0.1
    #: a beach or pier to weight three times (a guess at where tonight's convoy lands)
    focus: str | None = None
    boats: float = 1.0
    patrol: float = 0.2
    recon: int = 0
    moves: tuple[str, ...] = ()
    break_halt: bool = False
    #: tension the fire plan stays under
    tension_cap: float = 90.0


@dataclass(frozen=True)
class BesiegedPosture:
    """The besieged side's day in a few numbers (the ROC's in 1958)."""

    #: days of every supply kind the garrison aims to hold
    stock_days: float = 30.0
    #: share of the gap to that stock shipped today (the rest waits for later convoys)
    effort: float = 0.5
    night: bool = True
    #: beaches used today
    spread: int = 2
    escort: float = 1.0
    us_escort: bool = True
    amtracs: float = 1.0
    #: share of transports kept in port
    reserve: float = 0.25
    airlift: float = 0.0
    patrol: float = 0.15
    #: share of the guns' daily fire used on spotted batteries
    cb: float = 0.35
    hide_heavy: bool = False
    recon: int = 0
    moves: tuple[str, ...] = ()


Posture = BesiegerPosture | BesiegedPosture
