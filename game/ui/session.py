"""One game as the UI plays it: who plays which side, the orders being planned, turn flow.

No pygame here: screens call these methods, and tests drive them directly too. Every turn goes
through `Game.play_turn` (the engine's `resolve`), the same path `simulate` and replays use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from game.ai.odds import LikelyEnemy, likely_enemy
from game.ai.remote import ask_here
from game.engine import check_order
from game.engine.belief import belief
from game.engine.legality import today
from game.engine.observe import Observation, observe, visible_entries
from game.engine.report import Entry, Msg, Report
from game.engine.rng import Rng
from game.engine.run import ask_orders
from game.engine.state import State
from game.history import saves
from game.history.game import Game
from game.safeio import ReadRefused, loads_json, read_regular
from game.scenario.memo import per_scenario
from game.scenario.model import SIDES, Level, Scenario, Visibility
from game.scenario.orders import Fire, Order, order_from_dict
from game.ui import planning
from game.ui.planning import Odds
from game.ui.worker import Job

#: asks a player for a side's orders: (scenario, state, side, player) -> (orders, the player
#: after answering); `ask_here` or a `Thinker`'s `ask`
Asker = Callable[[Scenario, State, str, Any], tuple[list[Order], Any]]

#: a side file holds who plays which side, the morning's planned orders (at most
#: `MAX_PLANNED` a side, a few hundred bytes each) and the computer players' generators
MAX_SIDE_FILE_BYTES = 256 * 1024
MAX_PLANNED = 200

MODES = ("ai", "hotseat", "watch")
LEVELS = ("easy", "normal", "hard")


@dataclass
class Mode:
    """`ai`: `human` plays against the AI at `level`; `hotseat`: two people; `watch`: AI both."""

    kind: str = "ai"
    human: str = "roc"
    level: str = "normal"

    def human_sides(self) -> tuple[str, ...]:
        if self.kind == "hotseat":
            return SIDES
        if self.kind == "watch":
            return ()
        return (self.human,)

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "human": self.human, "level": self.level}

    @classmethod
    def from_dict(cls, data: Any) -> Mode:
        if not isinstance(data, dict):
            return cls()
        m = cls(
            str(data.get("kind", "ai")),
            str(data.get("human", "roc")),
            str(data.get("level", "normal")),
        )
        if m.kind not in MODES or m.human not in SIDES or m.level not in LEVELS:
            return cls()
        return m


@dataclass
class Session:
    sc: Scenario
    game: Any
    mode: Mode
    players: dict[str, Any] = field(default_factory=dict)
    planned: dict[str, list[Order]] = field(default_factory=lambda: {s: [] for s in SIDES})
    #: the side whose orders are being planned (hot-seat alternates)
    side: str = "roc"
    #: sides that have finished planning this turn
    done: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    last_report: Report | None = None
    save_path: Path | None = None
    #: watching: the days play one after another by themselves (Space pauses and resumes)
    auto: bool = True
    #: write an autosave after every turn (sample games for screenshots and benchmarks do
    #: not: an autosave also removes the player's autosaves of later days)
    autosaves: bool = True
    #: `observation()`'s cache: per side, (state, report, table's scenario, observation)
    _observed: dict[str, tuple[Any, ...]] = field(default_factory=dict, repr=False)
    #: the enemy's likely answers being worked out (or known) for one (day, side)
    _enemy: tuple[tuple[int, str], Job] | None = field(default=None, repr=False)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def new(cls, sc: Scenario, mode: Mode, seed: int, opponent: str | None = None) -> Session:
        """A new game; `opponent` (a player spec such as "history") replaces the AI."""
        s = cls(sc, Game(sc, seed), mode)
        s._setup_players(opponent)
        return s

    @classmethod
    def from_game(cls, game: Any, mode: Mode) -> Session:
        s = cls(game.scenario, game, mode)
        s._setup_players()
        return s

    def _setup_players(self, opponent: str | None = None) -> None:
        from game.ai.players import make_player

        humans = self.mode.human_sides()
        self.side = humans[0] if humans else "roc"
        for i, side in enumerate(SIDES):
            if side in humans:
                continue
            spec = opponent or f"ai:{self.mode.level}"
            try:
                self.players[side] = make_player(spec, self.game.seed * 2 + i)
            except ValueError:
                self.players[side] = make_player("history")
                self.notes.append("ai_fallback")

    # -- reading --------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.game.state

    @property
    def over(self) -> bool:
        return bool(self.game.state.over)

    @property
    def viewer(self) -> str:
        """The side whose view the screen shows (watching: the ROC, under `sees_all`)."""
        humans = self.mode.human_sides()
        return self.side if humans else "roc"

    @property
    def sees_all(self) -> bool:
        """Watching two computers play, or once the game is over, the viewer sees everything."""
        return not self.mode.human_sides() or self.over

    def observation(self, side: str | None = None) -> Observation:
        """What the screens draw and write from: `side`'s (default: the viewer's) observation
        of the state, with the entries of the day's report it may read. The screens never
        read the true state for the enemy's figures. When `sees_all`, the observation is taken
        under an all-public visibility table (docs/ui.md). Kept until the state changes: the
        screens ask for it every frame."""
        side = side or self.viewer
        sc = public_table(self.sc) if self.sees_all else self.sc
        st, report = self.state, self.last_report
        cached = self._observed.get(side)
        if cached is not None and cached[0] is st and cached[1] is report and cached[2] is sc:
            return cached[3]
        obs = observe(sc, st, side, report)
        self._observed[side] = (st, report, sc, obs)
        return obs

    def readable(self, report: Report, side: str | None = None) -> list[Entry]:
        """The entries of `report` that `side` may read (`observe`'s rule; all of them when
        `sees_all`): the report screen, its map and the event pop-ups show only these."""
        sc = public_table(self.sc) if self.sees_all else self.sc
        return visible_entries(sc, report, side or self.viewer)

    def date(self) -> Any:
        return today(self.sc, self.state)

    # -- planning -------------------------------------------------------------------------

    def orders(self, side: str | None = None) -> list[Order]:
        return self.planned[side or self.side]

    def check(self, order: Order, replace: int | None = None) -> Msg | None:
        """Why `order` would be refused (as the new order, or replacing order `replace`), as
        the engine's message; `game.words.render` puts it into the player's language."""
        earlier = list(self.orders())
        if replace is not None and 0 <= replace < len(earlier):
            earlier.pop(replace)
        return check_order(self.sc, self.state, self.side, order, earlier)

    def check_after(
        self, order: Order, before: Sequence[Order], replace: int | None = None
    ) -> Msg | None:
        """Why `order` would be refused after today's orders and `before` (the earlier
        orders of a fire plan being given together)."""
        earlier = list(self.orders())
        if replace is not None and 0 <= replace < len(earlier):
            earlier.pop(replace)
        return check_order(self.sc, self.state, self.side, order, [*earlier, *before])

    def planning_side_obs(self) -> Observation:
        """What the planning side knows: its observation (never the spectator's table)."""
        return observe(self.sc, self.state, self.side, self.last_report)

    def likely_enemy(self) -> Job:
        """The enemy's likely answers today (`game.ai.odds.likely_enemy`: the normal AI on
        the planning side's belief), worked out once per day and side in a background job
        started when planning begins; every preview of the day waits on it in its own job,
        never in the drawing loop."""
        key = (self.state.day, self.side)
        if self._enemy is None or self._enemy[0] != key:
            sc, obs, seed = self.sc, self.planning_side_obs(), self.state.day + 1
            self._enemy = (key, Job(lambda: likely_enemy(sc, obs, seed=seed)))
        return self._enemy[1]

    def enemy_known(self) -> bool:
        """The day's likely answers are worked out (a preview then takes ~0.1 s)."""
        return self.likely_enemy().done()

    def preview(self, order: Order | Sequence[Order], replace: int | None = None) -> Odds:
        """The odds of `order` (or of several, a fire plan) added to today's orders, or
        replacing order `replace`: against the enemy's likely answer and if it does nothing.
        Waits for the day's likely answers (the screens call it through `preview_job`).

        It runs on what the side knows (its observation and the engine's belief), never on
        the true state, so the odds cannot betray an enemy battery the side has not spotted."""
        return self.preview_job(order, replace).result()

    def preview_job(self, order: Order | Sequence[Order], replace: int | None = None) -> Job:
        """`preview` in a background job: the orders and the observation are taken now, the
        work is done beside the drawing loop."""
        new = [order] if isinstance(order, Order) else list(order)
        earlier = list(self.orders())
        if replace is not None and 0 <= replace < len(earlier):
            earlier.pop(replace)
        enemy = self.likely_enemy()
        sc, obs, seed = self.sc, self.planning_side_obs(), self.state.day + 1

        def work() -> Odds:
            answers: LikelyEnemy = enemy.result()
            return planning.work_out(sc, obs, earlier, new, answers, seed)

        return Job(work)

    def yesterday(self) -> list[Order]:
        """The planning side's orders of the last turn played (none on the first day)."""
        rec = self.game.record
        if not rec.turns:
            return []
        return list(rec.orders(len(rec.turns) - 1).get(self.side, []))

    def repeat_yesterday(self) -> list[tuple[Order, Msg]]:
        """Add yesterday's orders that are still legal after today's; returns the dropped
        ones with the engine's reason for each."""
        added, dropped = planning.repeat(
            self.sc, self.state, self.side, self.yesterday(), self.orders()
        )
        self.orders().extend(added)
        return dropped

    def quick_plan(self) -> tuple[list[Order], list[tuple[Order, Msg]]]:
        """Add the easy AI's orders for today (from the side's observation only) that are
        legal after the player's, cargo in whole tons so that each comes back exactly when
        edited: a routine turn's starting point, to edit. Returns the orders added and those
        left out, each with its reason (not after the player's orders, or undoing the
        player's own standing decision): the note names them, as "Yesterday's orders
        again" does; a count alone left the player guessing which."""
        from game.ai.players import make_player

        player = make_player("ai:easy", self.game.seed * 7 + self.state.day)
        suggestion = [
            planning.whole_tons(o) for o in ask_orders(self.sc, self.state, self.side, player)
        ]
        added, dropped = planning.repeat(self.sc, self.state, self.side, suggestion, self.orders())
        self.orders().extend(added)
        return added, dropped

    def fire_plan(
        self, groups: Sequence[str], target: str, rounds: int, break_halt: bool = False
    ) -> list[Fire]:
        """One fire order per battery at `target`, `rounds` split by what each may fire after
        today's orders (`planning.fire_plan`); give them with `add` in turn."""
        return planning.fire_plan(
            self.sc, self.state, self.side, groups, target, rounds, self.orders(), break_halt
        )

    def add(self, order: Order, replace: int | None = None) -> Msg | None:
        why = self.check(order, replace)
        if why:
            return why
        orders = self.orders()
        if replace is not None and 0 <= replace < len(orders):
            orders[replace] = order
        else:
            orders.append(order)
        return None

    def remove(self, index: int) -> None:
        orders = self.orders()
        if 0 <= index < len(orders):
            orders.pop(index)

    # -- turn flow ------------------------------------------------------------------------

    def end_planning(self) -> bool:
        """The current side is done; True when the turn is ready to resolve."""
        self.done.add(self.side)
        waiting = [s for s in self.mode.human_sides() if s not in self.done]
        if waiting:
            self.side = waiting[0]
            return False
        return True

    def resolve(self, ask: Asker = ask_here) -> Report:
        """The day's orders (the computer's through `ask`: the window asks a `Thinker`'s
        process, see `game.ai.remote`) and the day resolved."""
        orders: dict[str, list[Order]] = {}
        for side in SIDES:
            if side in self.players:
                orders[side], self.players[side] = ask(
                    self.sc, self.state, side, self.players[side]
                )
            else:
                orders[side] = list(self.planned[side])
        report = self.game.play_turn(orders)
        self.last_report = report
        self.planned = {s: [] for s in SIDES}
        self.done = set()
        humans = self.mode.human_sides()
        self.side = humans[0] if humans else "roc"
        self.autosave()
        return report

    # -- saving ---------------------------------------------------------------------------

    def side_data(self) -> dict[str, Any]:
        """What the window keeps beside a save (the save itself is the game's record): who
        plays which side; the morning's orders planned so far, and which sides are done
        (a save made while planning kept none of them); and where each computer player's
        own random generator stands (a loaded game went on otherwise than the game saved:
        the computer's next answers drew from a fresh generator)."""
        return {
            **self.mode.to_dict(),
            "day": self.state.day,
            "planned": {s: [o.to_dict() for o in self.planned[s]] for s in SIDES},
            "done": [s for s in SIDES if s in self.done],
            "ai": {
                s: p.rng.state
                for s, p in sorted(self.players.items())
                if isinstance(getattr(p, "rng", None), Rng)
            },
        }

    def restore_side_data(self, data: Any) -> None:
        """Take back what `side_data` kept, from a file the player may have edited: anything
        of the wrong shape is left out; a planned order the rules refuse now is dropped
        (`notes`: "planned_dropped"). Older side files hold the mode only."""
        if not isinstance(data, dict):
            return
        ai = data.get("ai")
        for side, player in self.players.items():
            pos = ai.get(side) if isinstance(ai, dict) else None
            if isinstance(getattr(player, "rng", None), Rng) and _is_u64(pos):
                player.rng = Rng(pos)
        planned = data.get("planned")
        if data.get("day") != self.state.day or not isinstance(planned, dict):
            return
        humans = self.mode.human_sides()
        dropped = 0
        for side in humans:
            given = planned.get(side)
            if not isinstance(given, list):
                continue
            self.side = side
            for d in given[:MAX_PLANNED]:
                try:
                    kept = self.add(order_from_dict(d)) is None
                except (KeyError, TypeError, ValueError, AttributeError):
                    kept = False
                dropped += not kept
        done = data.get("done")
        self.done = {s for s in humans if isinstance(done, list) and s in done}
        waiting = [s for s in humans if s not in self.done]
        self.side = waiting[0] if waiting else (humans[0] if humans else "roc")
        if dropped:
            self.notes.append("planned_dropped")

    def autosave(self) -> None:
        if not self.autosaves:
            return
        try:
            rec = self.game.record
            folder = campaign_dir(Path(saves.saves_dir()), rec.scenario_id, rec.seed)
            folder.mkdir(parents=True, exist_ok=True)
            path = saves.autosave(self.game, folder)
            if isinstance(path, Path):
                mode_file(path).write_text(_json(self.side_data()), encoding="utf-8")
                # the saves module drops old autosaves: drop their side files too
                for side_file in path.parent.glob("autosave-*.json.mode.json"):
                    if not side_file.with_name(side_file.name[: -len(".mode.json")]).exists():
                        side_file.unlink(missing_ok=True)
        except (OSError, saves.SaveError):
            self.notes.append("autosave_failed")

    def save(self, path: Path) -> str | None:
        """Save to `path`; returns an error message or None."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            saves.save_game(self.game, path)
            mode_file(path).write_text(_json(self.side_data()), encoding="utf-8")
        except (OSError, saves.SaveError) as exc:
            return str(exc)
        self.save_path = path
        return None


@per_scenario
def public_table(sc: Scenario) -> Scenario:
    """`sc` with every figure public: what a spectator sees (built once per scenario)."""
    everything: dict[str, Level] = {f.name: "public" for f in dataclasses.fields(Visibility)}
    return dataclasses.replace(sc, visibility=Visibility(**everything))


def estimated_state(sc: Scenario, state: State, side: str) -> State:
    """The state as `side` believes it to be: the engine's belief from its observation
    (`game.engine.belief.belief`), so previews cannot betray what the side does not see."""
    return belief(sc, observe(sc, state, side), state.rng)


def campaign_dir(saves: Path, scenario_id: str, seed: int) -> Path:
    """One campaign's autosave folder under `saves`: a new game (another seed) never
    removes another campaign's autosaves."""
    return saves / "autosaves" / f"{scenario_id}-{seed}"


def mode_file(path: Path) -> Path:
    """The UI keeps who plays which side beside the save (the save itself is the record)."""
    return path.with_name(path.name + ".mode.json")


def _json(data: Any) -> str:
    import json

    return json.dumps(data)


def load_session(path: Path, sc: Scenario) -> Session:
    """Load a save for `sc`; raises the saves module's SaveError (or OSError/ValueError)."""
    game = saves.load_save(path, sc)
    try:
        # bounded and depth-checked: a side file is a few bytes, and a corrupt one (deep
        # nesting gave RecursionError) must fall back to the default mode, not crash
        data = loads_json(read_regular(mode_file(path), MAX_SIDE_FILE_BYTES))
    except (ReadRefused, ValueError):
        data = None
    s = Session.from_game(game, Mode.from_dict(data))
    s.restore_side_data(data)
    s.save_path = path
    return s


def _is_u64(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 64
