"""Bisection look-ups over spans give what a scan of the whole list gives."""

from __future__ import annotations

from ducha.loaders.model import Span
from ducha.loaders.span_lookup import OverlapIndex, SortedSpans


def test_sorted_spans_find_the_span_holding_an_offset() -> None:
    # "Work began. Then it rained." split into its two sentences and the space between.
    spans = SortedSpans([Span(0, 11), Span(12, 27)])
    assert spans.holding(0) == Span(0, 11)
    assert spans.holding(10) == Span(0, 11)
    assert spans.holding(11) is None  # the space between the sentences
    assert spans.holding(12) == Span(12, 27)
    assert spans.holding(27) is None  # ends are exclusive
    assert spans.holding(-1) is None


def test_sorted_spans_of_nothing_hold_nothing() -> None:
    assert SortedSpans([]).holding(0) is None


def test_overlap_index_takes_spans_in_any_order_and_nested() -> None:
    # A long blocked stretch [2, 30) with a short one inside it, given out of order.
    blocked = OverlapIndex([Span(40, 44), Span(5, 6), Span(2, 30)])
    assert blocked.overlaps(Span(28, 35))  # the long stretch reaches past the short one
    assert blocked.overlaps(Span(43, 50))
    assert not blocked.overlaps(Span(30, 40))  # touching at both ends is no overlap
    assert not blocked.overlaps(Span(0, 2))
    assert not blocked.overlaps(Span(44, 60))


def test_empty_spans_overlap_only_what_strictly_surrounds_them() -> None:
    blocked = OverlapIndex([Span(10, 20)])
    assert blocked.overlaps(Span(15, 15))
    assert not blocked.overlaps(Span(10, 10))
    assert not blocked.overlaps(Span(20, 20))
    assert not OverlapIndex([]).overlaps(Span(0, 5))
