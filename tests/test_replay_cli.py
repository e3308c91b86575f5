"""`replay --headless`: the article's record beside the engine's, day by day."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from game.ai.players import HistoryPlayer
from game.cli.main import main
from game.engine.run import play
from game.engine.state import new_game, state_hash
from game.history import saves
from game.history.days import history_days
from game.scenario.article import sentence_containing
from game.words import strings
from game.words.history import record_label
from tests.builder import shipped_scenario

CJK = re.compile(r"[\u4e00-\u9fff]")


kinmen = shipped_scenario  # fails, never skips, when the shipped scenario is broken


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["replay", "--headless", *argv])
    except SystemExit as exc:  # argparse refuses bad arguments with exit status 2
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def jsonl(capsys, *argv: str) -> list[dict]:
    code, out, _ = run_cli(capsys, "--format", "jsonl", *argv)
    assert code == 0
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_text_over_a_date_window(capsys):
    code, out, _ = run_cli(capsys, "--from", "1958-08-24", "--until", "1958-08-25")
    assert code == 0
    days = re.findall(r"^=== (\d{4}-\d\d-\d\d) ", out, re.MULTILINE)
    assert days == ["1958-08-24", "1958-08-25"]
    for heading in (
        "Article:",
        "Claims (each labelled with its record):",
        "Engine:",
        "Running totals (engine | article):",
    ):
        assert heading in out
    # the whole sentence a quote comes from, then its English rendering (--lang en)
    assert "8月24日，中国人民解放军海军鱼雷艇於料羅灣擊沉戰車登陸艦" in out
    assert "On 24 August PLA Navy torpedo boats sank the tank landing ship Taisheng" in out
    # the engine's side: the naval strike and the convoy it hit
    assert "attack craft struck the convoy" in out
    assert "Convoy of 2 × Tank landing ship (LST)" in out


def test_claims_of_both_sides_labelled_on_23_august(capsys):
    code, out, _ = run_cli(capsys, "--until", "1958-08-23")
    assert code == 0
    # the article gives both counts as narrative, unattributed (issue 14): two neutral variants
    assert "neutral (narrative A) 31,757" in out
    assert "neutral (narrative B) 57,000" in out
    assert "records differ" in out
    (day,) = jsonl(capsys, "--until", "1958-08-23")
    claims = day["article"]["claims"]
    shells = {c["label"]: c["value"] for c in claims if c["figure"] == "shells.prc"}
    assert shells == {"neutral (narrative A)": 31757, "neutral (narrative B)": 57000}
    assert {c["disagreement"] for c in claims if c["figure"] == "shells.prc"} == {"0823_rounds"}
    labels = {c["label"] for c in claims}
    assert {"neutral", "neutral (narrative A)", "neutral (narrative B)"} <= labels
    # no claim is shown without its record's label
    assert all(
        c["label"].startswith(tuple(record_label(s) for s in ("prc", "roc", "neutral", "us")))
        for c in claims
    )
    div = day["divergence"]["shells.prc"]
    assert div["range"] == [31757, 57000] and div["within"]


def test_quotes_are_whole_sentences_of_the_article(capsys):
    (day,) = jsonl(capsys, "--from", "1958-08-24", "--until", "1958-08-24")
    quotes = day["article"]["quotes"]
    assert quotes
    for q in quotes:
        sent = sentence_containing(q["quote"])
        assert sent is not None and q["sentence"] == sent.text
        assert q["quote"] in q["sentence"] and q["en"]


def test_jsonl_hashes_equal_a_plain_engine_run(capsys):
    sc = kinmen()
    lines = jsonl(capsys, "--seed", "3", "--from", "1958-09-06", "--until", "1958-09-10")
    assert [d["date"] for d in lines] == [f"1958-09-{n:02d}" for n in range(6, 11)]
    for d in lines:
        for key in ("date", "state_hash", "engine", "article", "divergence", "totals"):
            assert key in d
    players = {s: HistoryPlayer() for s in ("prc", "roc")}
    plain = {}
    for turn in play(sc, new_game(sc, 3), players):
        plain[turn.report.date] = state_hash(turn.after)
        if turn.report.date == "1958-09-10":
            break
    assert {d["date"]: d["state_hash"] for d in lines} == {
        k: v for k, v in plain.items() if k >= "1958-09-06"
    }


def test_engine_figures_follow_the_report(capsys):
    sc = kinmen()
    (day,) = jsonl(capsys, "--from", "1958-09-07", "--until", "1958-09-07")
    eng = day["engine"]
    assert eng["shells.prc"] == 0  # the PLA did not fire on 7 September
    run = list(history_days(sc, 1, until=dt.date(1958, 9, 7)))[-1]
    landed = sum(e.data["landed"] for e in run.report.of_kind("convoy"))
    assert eng["tons.landed_sea"] == pytest.approx(round(landed, 1))
    assert "tons.landed_sea" in day["divergence"]


def test_silent_day_says_so_with_its_assumption(capsys):
    code, out, _ = run_cli(capsys, "--from", "1958-08-30", "--until", "1958-08-30")
    assert code == 0
    assert "The article is silent on this day. Assumption: " in out
    (day,) = jsonl(capsys, "--from", "1958-08-30", "--until", "1958-08-30")
    assert day["article"]["silent"] is True and day["article"]["assumption"]


def test_zh_hant_headings_and_labels(capsys):
    code, out, _ = run_cli(capsys, "--lang", "zh-Hant", "--until", "1958-08-23")
    assert code == 0
    for key in ("article", "claims", "engine", "totals", "record.prc", "record.roc"):
        text = strings("zh-Hant")[f"history.{key}"]
        assert CJK.search(text), key
        assert text in out, key
    assert "第1天" in out
    # headings are Chinese, not English
    assert "Article:" not in out and "Running totals" not in out
    # the English rendering is only printed with --lang en
    assert "On 23 August the PLA suddenly attacked Kinmen" not in out
    (day,) = jsonl(capsys, "--lang", "zh-Hant", "--until", "1958-08-23")
    assert all(CJK.search(c["label"]) for c in day["article"]["claims"])
    assert CJK.search(day["article"]["summary"])


def test_last_day_compares_campaign_totals(capsys):
    lines = jsonl(capsys, "--from", "1958-10-31")
    (last,) = lines
    assert last["engine"]["ending"] == "island_holds"
    camp = {k: v for k, v in last["divergence"].items() if k.startswith("campaign:")}
    assert "campaign:shells.prc" in camp and camp["campaign:shells.prc"]["within"]
    guns = camp["campaign:guns_lost.prc"]
    assert sorted(r["value"] for r in guns["records"]) == [32, 221]


def test_save_then_load(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))
    path = tmp_path / "replay.json"
    lines = jsonl(capsys, "--until", "1958-08-27", "--save", str(path))
    game = saves.load_save(path, kinmen())
    assert game.day == 5
    assert state_hash(game.state) == lines[-1]["state_hash"]


@pytest.mark.parametrize(
    "argv",
    [
        ("--from", "1958-11-02"),
        ("--until", "1958-08-01"),
        ("--from", "1958-09-02", "--until", "1958-09-01"),
    ],
)
def test_bad_window_is_refused(capsys, argv):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and not out and "error" in err
