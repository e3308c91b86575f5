"""The article's display text, sentences and date mentions (game/scenario/article.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from game.scenario import article
from game.scenario.article import (
    ARTICLE_FILE,
    ARTICLE_SHA256,
    check_quote,
    dated_mentions,
    display_text,
    display_text_of,
    is_heading_line,
    raw_text,
    sentence_containing,
    sentences,
)

SHARED_SEED = Path("/work/shared/seeds") / ARTICLE_FILE


@pytest.fixture(scope="module")
def text() -> str:
    return display_text()


# --- the seed file ---------------------------------------------------------------------------


def test_seed_file_hash_is_recorded() -> None:
    assert article.article_sha256() == ARTICLE_SHA256


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason="shared seed folder not present")
def test_seed_file_is_byte_copy_of_shared_seed() -> None:
    shared = hashlib.sha256(SHARED_SEED.read_bytes()).hexdigest()
    assert article.article_sha256() == shared


def test_source_md_records_the_hash() -> None:
    source_md = article.article_path().parent / "SOURCE.md"
    assert ARTICLE_SHA256 in source_md.read_text(encoding="utf-8")


# --- display text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "debris",
    ["](", "\\[", "\\]", "\\(", "\\)", '"wikilink"', "**", "-{", "}-", "<!--", "{{-}}",
     "Category:", "File:", "fig:", "本文内容由", "wikipedia.org", "\n\n\n", "## ", "  - "],
)  # fmt: skip
def test_display_text_has_no_markup(text: str, debris: str) -> None:
    assert debris not in text


@pytest.mark.parametrize(
    "known",
    [
        "1958年8月23日17時30分",
        "金門增加6門M2牽引式八吋榴彈砲",
        "台灣被迫於8月25日、26日中止對金門海上運輸。",
        "卸下272吨物资。",
        "共射擊11,500餘發",
        "實施反砲擊82次，射擊砲彈12萬8千發。",
        "\n背景\n",
        "戰況最烈為1958年8月23日至10月5日之間",
        "（LST-201）",
        "「基於人道立場，對金門停止砲擊七天」",
    ],
)
def test_display_text_keeps_known_text(text: str, known: str) -> None:
    assert known in text


def test_display_text_drops_reference_sections_and_captions(text: str) -> None:
    for gone in ("参考文献", "外部链接", "參見", "歸來的軍刀", "叶飞回忆录", "上將撰寫之"):
        assert gone not in text
    assert text.startswith("，又稱第2次台灣海峽危機")
    assert text.endswith("之關鍵事件之一。")
    # The image before 8月23日 and its caption leave no blank behind.
    assert "\n1958年8月23日17時30分" in text
    assert "\n空战方面： 依据" in text


def test_list_items_keep_their_text_on_own_lines(text: str) -> None:
    assert "\n8月7日：依据中华人民共和国方面记录" in text
    assert "\n1958年9月15日，中华人民共和国政府声明" in text
    assert "\n中国共产党在8月23日召开的" in text


def test_display_text_of_small_cases() -> None:
    raw = (
        "> 本文内容由[X](https://zh.wikipedia.org/wiki/X)转换而来。\n\n\n"
        '## 標題\n\n甲[乙](../Page/乙_\\(丙\\).md "wikilink")丁\\[3\\]。**粗**\\_\\*\n'
        "  - 項目一\n1.  項目二\n<!-- end list -->\n\n\n\n"
        '[a.jpg](https://zh.wikipedia.org/wiki/File:a_\\(b\\).jpg "fig:a_(b).jpg")'
        "說明\\]\\] 正文。\n"
        '[b.JPG](https://zh.wikipedia.org/wiki/File:b.JPG "fig:b.JPG")\n'
        "金門-{zh-hans:炮; zh-hant:砲;}-戰[鏈](http://example.org)\n"
        '## 參見\n\n  - [甲](../Page/甲.md "wikilink")\n\n{{-}}\n\n'
        '[Category:1958年](https://zh.wikipedia.org/wiki/Category:1958年 "wikilink")\n\n'
        "1.\n2.  [r](x)\n"
    )
    assert display_text_of(raw) == "標題\n\n甲乙丁。粗_*\n項目一\n項目二\n\n正文。\n\n金門砲戰鏈"


def test_headings_are_recognised_exactly(text: str) -> None:
    raw_titles = {
        m.group(1).strip()
        for m in re.finditer(r"^#{2,6}\s+(.+)$", raw_text(), re.MULTILINE)
        if m.group(1).strip() not in article.DROPPED_SECTIONS
    }
    found = {line for line in text.split("\n") if is_heading_line(line)}
    assert found == raw_titles


# --- sentences and citations -----------------------------------------------------------------


def test_sentences_never_span_a_full_stop(text: str) -> None:
    sents = sentences(text)
    assert len(sents) > 300
    for sent in sents:
        assert text[sent.start : sent.end] == sent.text
        assert "\n" not in sent.text
        assert sent.text == sent.text.strip()
        # A 。 may only appear in the run that ends the sentence.
        body = sent.text.rstrip("。！？」』”）")
        assert "。" not in body, sent.text


def test_sentence_end_takes_closing_quote() -> None:
    sents = sentences("甲說：「好。」乙來了！丙？\n丁")
    assert [s.text for s in sents] == ["甲說：「好。」", "乙來了！", "丙？", "丁"]


def test_sentence_containing(text: str) -> None:
    sent = sentence_containing("金門增加6門M2牽引式八吋榴彈砲")
    assert sent is not None
    assert sent.text.startswith("9月27日國軍第一军砲兵607營第三梯次搶灘成功")
    assert sent.text.endswith("至此金門國軍共有12門八吋長程重砲。")
    assert sentence_containing("不在文章裡的一句話啊啊") is None
    # Crosses 。 between two sentences.
    assert sentence_containing("卸下272吨物资。解放军未炮击") is None
    assert sentence_containing("") is None


def test_check_quote() -> None:
    assert check_quote("卸下272吨物资") is not None  # 9 characters
    assert check_quote("亦是重又于白天运输，卸下272吨物资") is None
    assert check_quote("卸下272吨物资。解放军未炮击") == "quote crosses a sentence boundary"


# --- date mentions ---------------------------------------------------------------------------


def _found(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.iso) for m in dated_mentions(text)}


def test_dated_mentions_years(text: str) -> None:
    found = _found(text)
    assert ("9月26日", "1958-09-26") in found
    assert ("10月25日", "1958-10-25") in found
    assert ("1954年9月3日", "1954-09-03") in found
    assert ("9月22日", "1954-09-22") in found
    assert ("1月15日", "1959-01-15") in found
    assert ("5月4日", "1959-05-04") in found  # the documented exception
    assert ("8月7日", "1958-08-07") in found  # no carry-over of 1979 across the 細節 heading
    assert ("1979年1月1日", "1979-01-01") in found


def test_dated_mentions_bare_day_continuations(text: str) -> None:
    mentions = dated_mentions(text)
    for i, m in enumerate(mentions):
        assert text[m.offset : m.end] == m.text
        if m.text == "8月25日" and text[m.end] == "、":
            nxt = mentions[i + 1]
            assert (nxt.text, nxt.iso, nxt.offset) == ("26日", "1958-08-26", m.end + 1)
            break
    else:
        pytest.fail("8月25日、26日 not found")
    found = _found(text)
    assert ("21日", "1958-09-21") in found  # 9月18日和21日
    assert ("20日", "1958-08-20") in found  # 1958年8月18日至20日
    assert {("11日", "1958-09-11"), ("13日", "1958-09-13")} <= found


def test_dated_mentions_small_cases() -> None:
    mentions = dated_mentions("1954年9月3日，到9月22日。\n9月5日、6日；27日\n\n二十日")
    assert [(m.text, m.iso, m.explicit_year) for m in mentions] == [
        ("1954年9月3日", "1954-09-03", 1954),
        ("9月22日", "1954-09-22", None),
        ("9月5日", "1954-09-05", None),
        ("6日", "1954-09-06", None),
        ("27日", "1954-09-27", None),
    ]
    assert [m.iso for m in dated_mentions("1950年代8月1日")] == ["1958-08-01"]


def test_dates_1958(text: str) -> None:
    assert article.dates_1958() == article.DATES_1958
    assert all(m.year == 1958 for m in article.DATES_1958)
    assert len(article.DATES_1958) > 80


def test_history_notes_quotes_are_valid_citations() -> None:
    notes = Path(__file__).resolve().parent.parent / "docs" / "history-notes.md"
    if not notes.is_file():
        pytest.skip("docs/history-notes.md not present")
    quotes = [
        q
        for q in re.findall(r"`([^`\n]+)`", notes.read_text(encoding="utf-8"))
        if re.search(r"[\u3400-\u9fff]", q)
    ]
    assert len(quotes) > 200
    bad = {q: err for q in quotes if (err := check_quote(q)) is not None}
    assert not bad
