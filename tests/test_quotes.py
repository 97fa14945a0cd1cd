"""Quoted passages: straight and curly quotes, nesting, and passages cut by a line break."""

from __future__ import annotations

from ducha.loaders.quotes import quoted_spans


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_spans(text)]


def test_straight_quotes_nest_and_close_by_position() -> None:
    text = 'issued the "Opinions on the "Two High" Projects" and the "road map".'
    assert _quoted(text) == ['Opinions on the "Two High" Projects', "road map"]


def test_curly_quotes() -> None:
    text = "carried out the “Green Shield” action and the ‘clean water’ campaign"
    assert _quoted(text) == ["Green Shield", "clean water"]


def test_a_line_break_drops_a_passage_left_open() -> None:
    text = 'the "Plan for the River\ncontinued" and the "Notice" on it'
    assert _quoted(text) == ["Notice"]


def test_recover_is_asked_where_an_open_passage_ends() -> None:
    text = 'the "Plan for the River\nand the "Notice" on it'
    asked: list[tuple[int, int]] = []

    def recover(whole: str, start: int, limit: int) -> int | None:
        asked.append((start, limit))
        return limit  # the passage runs to the end of its paragraph

    found = quoted_spans(text, recover)
    assert asked == [(5, 23)]  # after the opening quote, up to the line break
    assert [text[s:e] for s, e in found] == ["Plan for the River", "Notice"]


def test_a_line_break_first_in_the_text_ends_nothing() -> None:
    assert _quoted('\n"Notice" and “Plan”') == ["Notice", "Plan"]
