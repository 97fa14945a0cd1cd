"""Answering "which span holds this offset" and "does anything overlap this span" by bisection.

Extractors ask these questions once per figure or name over lists of hundreds of spans;
scanning the list each time made them quadratic in the report's length. Both classes give
exactly the answer the linear scan gave.

>>> clauses = SortedSpans([Span(0, 5), Span(6, 9)])
>>> clauses.holding(7), clauses.holding(5)
(Span(start=6, end=9), None)
>>> OverlapIndex([Span(10, 20), Span(2, 4)]).overlaps(Span(3, 11))
True
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from ducha.loaders.model import Span

__all__ = ["OverlapIndex", "SortedSpans"]


class SortedSpans:
    """Spans in text order that do not overlap (sentences, clauses): the one holding an
    offset, which is also the first one holding it in list order."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = spans
        self._starts = [span.start for span in spans]

    def holding(self, offset: int) -> Span | None:
        """The span with ``start <= offset < end``, or None."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.spans[index].end:
            return self.spans[index]
        return None


class OverlapIndex:
    """Spans in any order, possibly overlapping (blocked stretches of text): whether one of
    them overlaps a given span."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [span.start for span in ordered]
        # The furthest end among the spans up to each index: a span overlapping ``[s, e)``
        # starts before ``e`` and ends after ``s``.
        self._furthest = list(accumulate((span.end for span in ordered), max))

    def overlaps(self, span: Span) -> bool:
        """Whether some span ``b`` has ``b.start < span.end and span.start < b.end``."""
        index = bisect_right(self._starts, span.end - 1)
        return index > 0 and self._furthest[index - 1] > span.start
