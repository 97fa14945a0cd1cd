"""The sentence quoted behind a finding (ducha.shapes.findings.sentence_around)."""

from __future__ import annotations

from ducha.shapes.findings import sentence_around


def _around(text: str, quote: str) -> str:
    start = text.index(quote)
    return sentence_around(text, start, start + len(quote))


def test_the_whole_sentence_far_into_a_long_text() -> None:
    text = "Earlier work went on. " * 3000 + "Of the 24 tasks, 20 were completed. Then more."
    assert _around(text, "20") == "Of the 24 tasks, 20 were completed."


def test_the_first_sentence_and_a_line_end() -> None:
    text = "A total of 148 people were held accountable\nNext line."
    assert _around(text, "148") == "A total of 148 people were held accountable"


def test_a_long_sentence_is_cut_at_a_word_before_the_span() -> None:
    words = "the rectification of every river and lake in the province " * 20
    text = "Short one. " + words + "closed 35 sites. After."
    quoted = _around(text, "35")
    assert quoted.startswith("… ") and quoted.endswith("closed 35 sites.")
    assert len(quoted) < 320
    assert "Short one" not in quoted
