"""The replay that follows the record (issues 15 item 4 and 18 items 2, 4, 5, 8): recorded
outcomes applied after the engine resolves each day, the record chosen where accounts
disagree, seeking equal to stepping, taking control on any day (its save loads and verifies),
and the headless replay complete in each language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from game.ai.players import make_player
from game.cli.main import main
from game.engine.state import state_hash
from game.history import saves
from game.history.record import FollowRecord, choices, chosen, read_followed
from game.history.series import ReplayDays, charts, take_control
from tests.builder import shipped_scenario

kinmen = shipped_scenario

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def sc():
    return kinmen()


@pytest.fixture(scope="module")
def replays(sc):
    """The whole campaign followed under every record the viewer may choose (seed 1)."""
    return {choice: ReplayDays.history(sc, 1, record=choice) for choice in choices(sc)}


def test_choices_are_the_records_and_the_two_neutral_narratives(sc):
    assert choices(sc) == ["neutral:narrative A", "neutral:narrative B", "prc", "roc", "us"]


def _sea_landed(run) -> float:
    return sum(e.data["landed"] for e in run.report.of_kind("convoy") if e.side == "roc")


def _air_landed(run) -> float:
    return sum(e.data["landed"] for e in run.report.of_kind("airlift") if e.side == "roc")


def test_every_recorded_outcome_holds_in_the_state_and_the_charts(sc, replays):
    days_with = [d for d in sc.history if d.outcomes]
    assert len(days_with) >= 12
    for choice, days in replays.items():
        chart = {c.key: c for c in charts(sc, days.runs)}
        tons = next(ln for ln in chart["tons"].lines if ln.key == "tons.landed")
        for hday in days_with:
            n = (hday.date - sc.meta.start).days + 1
            run = days.run(n)
            assert run is not None and run.date == hday.date
            picked = chosen(hday, choice)
            assert picked, (choice, hday.date)
            for o in picked:
                where = (choice, hday.date.isoformat(), o.total or o.ship or o.commander)
                if o.total == "tons.landed":
                    landed = run.after.totals["tons.landed"] - run.before.totals["tons.landed"]
                    assert landed - _air_landed(run) == pytest.approx(o.value), where
                    # the chart's tons line is the state's, record included
                    assert tons.values[n - 1] == pytest.approx(landed), where
                elif o.total is not None:
                    got = run.after.totals[o.total] - run.before.totals[o.total]
                    assert got == pytest.approx(o.value), where
                elif o.commander is not None:
                    assert run.after.commanders[o.commander] == o.fate, where
                else:
                    ship = run.after.named_ships[o.ship]
                    before = run.before.named_ships[o.ship]
                    if o.fate == "sunk":
                        assert ship["fate"] == "sunk", where
                    else:
                        assert ship["fate"] == "afloat", where
                    if o.fate == "damaged":
                        assert ship["damaged"] == before["damaged"] + 1, where
                    if o.killed is not None:
                        assert ship["killed"] == pytest.approx(before["killed"] + o.killed)


def test_the_chosen_record_decides_where_accounts_disagree(sc, replays):
    def day(choice, date):
        return replays[choice].run((dt.date.fromisoformat(date) - sc.meta.start).days + 1)

    def today(run, total):
        return run.after.totals[total] - run.before.totals[total]

    # 23 August: narrative A's 200 casualties or narrative B's 440
    assert today(day("neutral:narrative A", "1958-08-23"), "casualties.roc.military") == 200
    assert today(day("neutral:narrative B", "1958-08-23"), "casualties.roc.military") == 440
    # 24 August: the ROC's eight torpedo boats, the PRC's one
    assert today(day("roc", "1958-08-24"), "ships_lost.prc") == 8
    assert today(day("prc", "1958-08-24"), "ships_lost.prc") == 1
    # 8 September: the Meile sunk with all 91 (PRC) or set on fire with 11 hit (neutral)
    assert day("prc", "1958-09-08").after.named_ships["meile"]["fate"] == "sunk"
    assert day("neutral:narrative A", "1958-09-08").after.named_ships["meile"]["fate"] == "afloat"
    assert today(day("roc", "1958-09-08"), "aircraft_lost.prc") == 5
    assert today(day("roc", "1958-09-08"), "aircraft_lost.roc") == 0
    # the payload says whose record each outcome comes from, and the model beside
    follow = replays["roc"].payload(17)["followed"]
    meile = next(f for f in follow if f["subject"] == "meile")
    assert meile["record"] == "neutral" and not meile["own"]  # the ROC record is silent
    assert all("model" in f and "value" in f for f in follow)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_nothing_shown_contradicts_the_article(sc, seed):
    """Yu Ta-wei and Ko Yuan-fen live through the campaign; 2 September lands nothing by sea;
    8 September about 70 t; 7 September 272 t; the Taisheng sinks on 24 August."""
    for choice in ("neutral:narrative A", "prc", "roc"):
        days = ReplayDays.history(sc, seed, record=choice)
        for run in days.runs:
            assert run.after.commanders["yu_tawei"] == "wounded"
            assert run.after.commanders["ko_yuanfen"] == "ok"
        by_date = {r.date.isoformat(): r for r in days.runs}
        sea = {d: _sea_landed(by_date[d]) for d in by_date}
        landed = {
            d: r.after.totals["tons.landed"] - r.before.totals["tons.landed"] - _air_landed(r)
            for d, r in by_date.items()
        }
        assert landed["1958-09-02"] == 0
        assert landed["1958-09-07"] == pytest.approx(272)
        assert landed["1958-09-08"] == pytest.approx(70)
        assert by_date["1958-08-24"].after.named_ships["taisheng"]["fate"] == "sunk"
        assert by_date["1958-08-26"].after.commanders["ji_xingwen"] == "killed"
        assert sea  # the engine's own landings are kept beside (the report)


@pytest.mark.parametrize("choice", ["neutral:narrative B", "roc"])
def test_seeking_equals_stepping(sc, replays, choice):
    days = replays[choice]
    for n in (40, 17, 1, 2, 70):
        stepped = ReplayDays.history(sc, 1, record=choice, until=days.date(n))
        assert len(stepped) == n
        assert stepped.hash(n) == days.hash(n) == state_hash(days.state(n))


@pytest.mark.parametrize("choice, n", [("roc", 17), ("neutral:narrative A", 2), ("prc", 0)])
def test_take_control_starts_from_the_replayed_day_and_its_save_verifies(
    sc, replays, choice, n, tmp_path, monkeypatch
):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))
    days = replays[choice]
    game = take_control(days, n)
    assert game.day == n and state_hash(game.state) == days.hash(n)
    assert game.record.follow == choice and game.record.follow_days == n
    # the players go on under the rules alone, then save and load (both checks)
    players = {"prc": make_player("ai:easy", 3), "roc": make_player("ai:easy", 4)}
    for _ in game.play(players, days=n + 3):
        pass
    assert game.day == n + 3
    path = saves.save_game(game, tmp_path / "taken.json")
    for verify in ("full", "fast"):
        loaded = saves.decode_save(path.read_bytes(), sc, verify=verify, strict=True)
        assert state_hash(loaded.state) == state_hash(game.state)
        assert loaded.notices == []
        assert (loaded.record.follow, loaded.record.follow_days) == (choice, n)
        assert state_hash(loaded.state_at(n)) == days.hash(n)
    # the taken-over game's own replay shows the record's days, then the players'
    again = ReplayDays.of_game(game)
    assert again.hash(n) == days.hash(n) and len(again) == n + 3


def test_a_save_without_its_followed_record_does_not_verify(sc, replays, tmp_path):
    game = take_control(replays["roc"], 17)
    doc = saves.save_document(game)
    assert doc["body"]["followed"] == {"record": "roc", "days": 17}
    del doc["body"]["followed"]
    doc["checksum"] = saves.checksum(doc["body"])
    data = json.dumps(doc).encode()
    with pytest.raises(saves.SaveError):
        saves.decode_save(data, sc, verify="full", strict=True)


@pytest.mark.parametrize(
    "value, why",
    [
        ({"record": "roc", "days": 3}, ""),
        ({"record": "neutral:narrative B", "days": 0}, ""),
        ([], "exactly record and days"),
        ({"record": "roc"}, "exactly record and days"),
        ({"record": "roc", "days": 3, "x": 1}, "exactly record and days"),
        ({"record": "xinhua", "days": 3}, "record is not"),
        ({"record": "neutral:" + "a" * 31, "days": 3}, "record is not"),
        ({"record": "roc", "days": 11}, "between 0 and 10"),
        ({"record": "roc", "days": -1}, "between 0 and 10"),
        ({"record": "roc", "days": True}, "between 0 and 10"),
        ({"record": "roc", "days": 2.0}, "between 0 and 10"),
    ],
)
def test_followed_field_is_bounded_and_checked(value, why):
    rec, days, problem = read_followed(value, 10)
    assert why in problem if why else problem == ""
    if not why:
        assert (rec, days) == (value["record"], value["days"])


def test_a_hook_applies_nothing_on_days_without_outcomes(sc):
    hook = FollowRecord(sc, "roc")
    days = ReplayDays.history(sc, 1, until=dt.date(1958, 8, 31), after_resolve=[hook])
    recorded = {(d.date - sc.meta.start).days for d in sc.history if d.outcomes}
    assert set(hook.applied) <= recorded
    assert len(days) == 9


# -- the headless replay in each language ---------------------------------------------------

#: names and units that may stand in Latin letters inside Chinese text
ALLOWED = {"LST", "LSM", "LCM", "LVT", "C-46", "F-86", "F-84", "MiG", "M2", "km", "nm", "t"}
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,.;:()/]+[A-Za-z][A-Za-z'’-]*){2,}")


def _headless(capsys, *argv: str) -> str:
    assert main(["replay", "--headless", *argv]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("record", [None, "roc", "neutral:narrative B"])
def test_zh_hant_headless_replay_has_no_english_sentences(capsys, record):
    argv = ["--lang", "zh-Hant"] + (["--record", record] if record else [])
    out = _headless(capsys, *argv)
    assert out.count("=== 1958-") == 70
    runs = [
        r
        for r in ENGLISH_RUN.findall(out)
        if not all(w in ALLOWED for w in re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", r))
    ]
    assert runs == []
    _no_raw_keys_or_doubles(out)


@pytest.mark.parametrize("record", [None, "neutral"])
def test_english_headless_replay_renders_every_chinese_phrase(capsys, record):
    out = _headless(capsys, *(["--record", record] if record else []))
    for line in out.splitlines():
        if re.match(r"\s*\[\d+\] ", line):  # an article sentence, its rendering below
            continue
        # a Chinese phrase runs on through CJK punctuation, digits and model names (M55)
        for m in re.finditer(
            r"[\u4e00-\u9fff][\u4e00-\u9fff\u3000-\u303f\uff00-\uffefA-Za-z0-9]*", line
        ):
            after = line[m.end() : m.end() + 20].lstrip(" ,(")
            assert after.startswith(("«", "the ")), line
    _no_raw_keys_or_doubles(out)


def _no_raw_keys_or_doubles(out: str) -> None:
    assert not re.search(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+_?[a-z]*\b(?<!\.md)", _prose(out))
    assert not re.search(r"\b1 (?:ships|boats|aircraft were|guns)\b", out)
    for m in re.finditer(r"([^:：\n]{6,}):\s*\1", out):
        pytest.fail(f"doubled words: {m.group(0)!r}")


def _prose(out: str) -> str:
    """The printed text without the article's own sentences and file names."""
    return "\n".join(ln for ln in out.splitlines() if not re.match(r"\s*\[\d+\] ", ln))
