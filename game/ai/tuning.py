"""The AI's own numbers: every constant its rules and look-ahead are tuned by, in one place.

These are the AI's judgement, not the game's rules (those are the scenario's `rules:`), so
changing one changes how the AI plays and never what an order does. Thresholds on tension are
margins below the scenario's brink (`game.ai.theatre.brink`: the tension at which the
scenario ends the game), so a scenario with another brink gets an AI that eases off in time;
days of food and shares of fire are the same in any scenario. The shares inside each posture
rule (`game.ai.besieger`, `game.ai.besieged`) stay beside the rule they shape.

Changing a number here changes AI games: re-run the balance table after (docs/ai.md, Balance:
`tools/balance.py`).
"""

from __future__ import annotations

# -- orders worth giving ------------------------------------------------------------------------

#: The smallest besieger fire mission worth ordering, in rounds (each order costs the engine
#: and the reader); the besieged side's counter-battery missions go down to a fifth of it.
MIN_MISSION = 150

#: Tons of ammunition the besieged garrison keeps for its guns: its convoys ship at least
#: this much, and counter-battery draws only on what is above half of it (a quarter as fast,
#: above twice it, while heavier guns are still to come).
AMMO_RESERVE_T = 1000.0

#: Shells of this weight (kg) or more make a "heavy" gun (the 8-inch howitzers of 1958): the
#: besieger doubles its counter-battery weight on them, the besieged side fires them at
#: batteries first, saves shells until they arrive, and hides them once they are hit.
HEAVY_SHELL_KG = 80

#: The besieged side's guns with lighter shells than this (kg) keep their rounds unless
#: ammunition is plentiful: they barely scratch a battery.
LIGHT_SHELL_KG = 40

# -- diplomatic moves ---------------------------------------------------------------------------

#: A plain move is made when its value (`reckon.move_value`, rough points) plus noise is above
#: this.
MOVE_WORTH = 0.6

#: Spread of the noise added to a move's value (times a standard normal draw), so that the
#: rules do not make the same move on the same figures every game.
MOVE_NOISE = 0.1

#: A repeatable move is made at most once in this many days on average: the world stops
#: listening to the same demand, and a player who spams it is not playing 1958.
REPEAT_DAYS = 4

# -- tension: margins below the scenario's brink ------------------------------------------------

#: A triggered event counts in tonight's expected tension when tension is within this many
#: points of its threshold (orders will add some).
TRIGGER_MARGIN = 8.0

#: The besieger declares a halt when tension, even after its cheaper de-escalations, is
#: within this many points of the brink (a halt gives the garrison a free week).
HALT_MARGIN = 7

#: Days to spare the besieger keeps when it reckons a halt affordable
#: (`besieger.halt_affordable`): after the halt, the blockade must bring the garrison back
#: under its line and hold it there this many days before the last day.
HALT_SPARE_DAYS = 3

#: The besieger extends a halt about to end when tension is within this many points.
EXTEND_MARGIN = 12

#: The besieger declares odd-day shelling (after a first halt) within this many points.
ODD_DAYS_MARGIN = 10

#: The besieger ends a halt early once tension is more than this many points below the brink;
#: the look-ahead tries ending it at this margin less ten (`RESUME_TRY_MARGIN`).
RESUME_MARGIN = 30
RESUME_TRY_MARGIN = 20

#: The besieger's fire plan keeps tension this many points below the brink (more while it
#: is declaring or extending a halt: `HALTING_CAP_MARGIN`).
FIRE_CAP_MARGIN = 10
HALTING_CAP_MARGIN = 20

#: The besieged side asks for US escorts (the move) only while tension after it stays this
#: many points below the brink, and sails with them only while it is this many below.
ESCORT_MOVE_MARGIN = 18
US_ESCORT_MARGIN = 15

#: The look-ahead's evaluation starts charging both sides for tension this many points below
#: the brink (quadratically, up to `DANGER_COST` at the brink).
DANGER_ZONE = 20.0
DANGER_COST = 0.8

# -- the levels ---------------------------------------------------------------------------------

#: Easy holds the besieger's guns back to this share of what its rules would fire: the full
#: fire plan beats the besieged side's rules in three games of four, a poor first opponent;
#: at 0.6 easy against easy is as even as normal against normal (docs/ai.md, Balance).
EASY_BESIEGER_FIRE = 0.6

#: The look-ahead levels: plans tried a turn, rollouts per plan, days looked ahead, and the
#: engine preview's samples for the intent's odds (0: no odds).
SEARCH_LEVELS = {
    #        plans, rollouts, depth, preview samples
    "normal": (5, 3, 2, 0),
    "hard": (10, 6, 3, 6),
}

#: A plan replaces the rules' plan only if its mean gain over the same rollouts is above this
#: many standard errors of the paired differences (one-sided, about 93%).
PLAN_MARGIN = 1.5
