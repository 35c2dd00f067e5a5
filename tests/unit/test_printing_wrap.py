"""Line breaking of mixed Chinese and Latin text, with a simple monospaced measure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printing.wrap import is_wide, normalise_text, tokenize, wrap_text


def measure(text: str) -> float:
    """Wide characters 10 units, everything else 5: like a real CJK font, roughly."""
    return float(sum(10 if is_wide(ch) else 5 for ch in text))


def test_chinese_breaks_between_any_characters() -> None:
    lines = wrap_text("请携带本人居民身份证原件到窗口领取", 50, measure)
    assert lines == ["请携带本人", "居民身份证", "原件到窗口", "领取"]


def test_latin_breaks_only_at_spaces() -> None:
    lines = wrap_text("Please bring your original ID card", 60, measure)
    assert lines == ["Please bring", "your", "original ID", "card"]
    assert all(measure(line) <= 60 for line in lines)


def test_mixed_text_keeps_latin_words_whole() -> None:
    lines = wrap_text("通过浙里办App查询办理进度", 60, measure)
    assert "".join(lines) == "通过浙里办App查询办理进度"
    assert any("App" in line for line in lines)
    assert all(measure(line) <= 60 for line in lines)


def test_closing_punctuation_never_starts_a_line() -> None:
    # Without the rule, the comma would open the second line.
    lines = wrap_text("一二三四五，六七", 50, measure)
    assert lines == ["一二三四", "五，六七"]


def test_opening_bracket_never_ends_a_line() -> None:
    lines = wrap_text("一二三四《五六》", 50, measure)
    assert lines == ["一二三四", "《五六》"]


def test_word_longer_than_the_line_is_broken_not_overflowed() -> None:
    word = "https://zwfw.example.gov.cn/track?case=3301000700000423"
    lines = wrap_text(f"See {word}", 80, measure)
    assert all(measure(line) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{word}"


def test_explicit_newlines_start_new_lines() -> None:
    assert wrap_text("第一段\n第二段", 100, measure) == ["第一段", "第二段"]
    assert wrap_text("a\n\nb", 100, measure) == ["a", "", "b"]


def test_normalise_drops_control_characters_and_unifies_spaces() -> None:
    assert normalise_text("a\tb\u3000c\x07d\r\ne  ") == "a b cd\ne"


def test_tokenize_separates_wide_characters_words_and_spaces() -> None:
    assert tokenize("到3号窗口 take ID") == ["到", "3", "号", "窗", "口", " ", "take", " ", "ID"]


def test_width_too_small_for_a_character_is_an_error() -> None:
    with pytest.raises(ValueError):
        wrap_text("字", 5, measure)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("受理回执，。（）《》“” abcXYZ-/1234\n")) | st.characters(),
        max_size=200,
    ),
    st.integers(min_value=20, max_value=300),
)
def test_lines_never_exceed_the_width_and_keep_every_visible_character(
    text: str, width: int
) -> None:
    lines = wrap_text(text, width, measure)
    assert all(measure(line) <= width for line in lines)
    visible = "".join(normalise_text(text).split())
    assert "".join("".join(lines).split()) == visible
