"""Vietnamese dictionary order for what is listed to people (issue 15), and code skeletons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_plan_cli.words import vi_sort_key


def test_letters_follow_the_vietnamese_alphabet() -> None:
    names = ["Giáo dục", "Đô thị", "Du lịch", "Dân tộc", "Em", "Ơn", "Ô tô", "Oa", "Ưu", "Uy"]
    assert sorted(names, key=vi_sort_key) == [
        "Dân tộc",
        "Du lịch",
        "Đô thị",
        "Em",
        "Giáo dục",
        "Oa",
        "Ô tô",
        "Ơn",
        "Uy",
        "Ưu",
    ]


def test_tones_only_break_ties() -> None:
    assert sorted(["Bạ", "Bá", "Ba", "Bã", "Bả", "Bà", "Bác"], key=vi_sort_key) == [
        "Ba",
        "Bà",
        "Bả",
        "Bã",
        "Bá",
        "Bạ",
        "Bác",
    ]


def test_decomposed_and_composed_text_sort_together() -> None:
    import unicodedata

    word = "Đô thị"
    assert vi_sort_key(unicodedata.normalize("NFD", word))[:2] == vi_sort_key(word)[:2]


@given(st.lists(st.text(max_size=8), max_size=8))
def test_the_order_is_total(words: list[str]) -> None:
    once = sorted(words, key=vi_sort_key)
    assert sorted(reversed(once), key=vi_sort_key) == once


def test_a_mark_on_a_digit_sorts_without_error() -> None:
    """Hypothesis found `0̂` (a circumflex on a digit): it has no letter to compose with."""
    assert sorted(["0\u0302", "Em", "0"], key=vi_sort_key) == ["0", "0\u0302", "Em"]


@pytest.mark.parametrize("code", ["s01", "S-01/ab", "x y\tz", "U000123", "~!@#$%^&*()", ""])
def test_an_ascii_code_s_skeleton_is_its_upper_case(code: str) -> None:
    """The ASCII shortcut gives what the full way (NFKC, marks, look-alikes) gives."""
    import unicodedata

    from gender_plan_cli.words import BIDI_CONTROLS, skeleton

    full = unicodedata.normalize("NFKC", code)
    full = "".join(ch for ch in full if ch not in BIDI_CONTROLS)
    assert skeleton(code) == full.upper() == code.upper()
    assert skeleton("Ѕ0\u200b1") == skeleton("S01") == "S01"
