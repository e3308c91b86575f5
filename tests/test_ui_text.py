"""The CJK-aware line breaker: Chinese breaks between characters, never with a hyphen."""

from __future__ import annotations

from game.ui.text import break_lines, ellipsize, has_cjk, is_cjk, tokens


def measure(s: str) -> int:
    """Full-width characters count 2, others 1 (like a monospace CJK font)."""
    return sum(2 if is_cjk(c) else 1 for c in s)


def test_chinese_breaks_between_characters_without_hyphens():
    text = "一九五八年八月二十三日，解放軍砲擊金門，守軍以八吋榴彈砲還擊。"
    lines = break_lines(text, 12, measure)
    assert "".join(lines) == text
    assert all(measure(line) <= 12 for line in lines)
    assert not any("-" in line for line in lines)
    assert len(lines) > 3


def test_closing_punctuation_never_starts_a_line():
    text = "金門金門金門，金門金門金門。金門「金門」金門金門"
    for width in range(4, 20):
        for line in break_lines(text, width, measure):
            assert line[:1] not in "，。」", (width, line)
            assert line[-1:] != "「", (width, line)


def test_english_breaks_at_spaces_and_mixed_text():
    lines = break_lines("The PLA shelled Kinmen 金門 for forty-four days.", 16, measure)
    assert lines[0] == "The PLA shelled"
    assert all(measure(line) <= 16 for line in lines)
    assert "forty-four" in " ".join(lines)  # a real hyphen in a word stays, none is added


def test_long_word_is_cut_without_hyphen_and_newlines_kept():
    lines = break_lines("abcdefghijklmnop\n\nxyz", 5, measure)
    assert lines == ["abcde", "fghij", "klmno", "p", "", "xyz"]


def test_tokens_glue_punctuation():
    assert tokens("砲戰，「金門」") == ["砲", "戰，", "「金", "門」"]
    assert has_cjk("Kinmen 金門") and not has_cjk("Kinmen")


def test_pixel_wrapping_with_the_bundled_font():
    import pygame

    from game.ui.theme import font_path

    pygame.font.init()
    font = pygame.font.Font(str(font_path()), 16)
    text = "中華民國國軍在料羅灣搶灘運補，解放軍砲兵封鎖海灘。" * 3
    lines = break_lines(text, 200, lambda s: font.size(s)[0])
    assert "".join(lines) == text
    assert all(font.size(line)[0] <= 200 for line in lines)


class _Font:
    """A stand-in for a pygame font: `size` measured as `measure` does."""

    def size(self, s: str) -> tuple[int, int]:
        return (measure(s), 1)


def test_ellipsize_keeps_a_trailing_count():
    f = _Font()
    assert ellipsize(f, "Lieyu 105 mm howitzers (64)", 40) == "Lieyu 105 mm howitzers (64)"
    cut = ellipsize(f, "North-shore 105 mm howitzers (96)", 20)
    assert cut == "North-shore 10… (96)" and measure(cut) <= 20
    assert ellipsize(f, "大嶝105毫米榴彈砲（90）", 14) == "大嶝105…（90）"
    assert measure(ellipsize(f, "Dadeng 152 mm gun-howitzers (48/48)", 18)) <= 18
    # without a count, or too narrow for it, the text's end is cut as before
    assert ellipsize(f, "North-shore 105 mm howitzers", 12) == "North-shore…"
    assert ellipsize(f, "Shells (1958)", 6) == "Shell…"
    for width in range(1, 40):
        for text in ("Jincheng 155 mm guns (12)", "金城155毫米加農砲 (12)", "(12)"):
            out = ellipsize(f, text, width)
            assert measure(out) <= max(width, 1) or out == "…", (text, width, out)
