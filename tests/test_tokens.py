"""Token columns are what ``finditer`` finds, as three lists."""

from __future__ import annotations

import re

import pytest
from ducha.loaders.errors import InternalError
from ducha.loaders.tokens import token_columns

WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?|\d+(?:st|nd|rd|th)?")


def test_words_with_their_offsets() -> None:
    text = "The 2nd Group's  work, 2023."
    assert token_columns(WORD, text) == (
        ["The", "2nd", "Group's", "work", "2023"],
        [0, 4, 8, 17, 23],
        [3, 7, 15, 21, 27],
    )


@pytest.mark.parametrize("text", ["", "...", "a", " a", "a ", "ab-cd e", "1st\n2 x", "é a"])
def test_same_as_finditer(text: str) -> None:
    words, starts, ends = token_columns(WORD, text)
    assert list(zip(words, starts, ends, strict=True)) == [
        (m[0], m.start(), m.end()) for m in WORD.finditer(text)
    ]


def test_a_pattern_with_a_group_is_refused() -> None:
    with pytest.raises(InternalError):
        token_columns(re.compile(r"(a)b"), "ab")
