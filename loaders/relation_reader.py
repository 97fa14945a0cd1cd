"""The figures of one text with their sentences: what every relation rule reads.

A :class:`RelationReader` holds a report's text and figures, splits the text into
sentences once, and collects the breakdowns (a whole and its parts) that the part-of rules
find, so that a later rule never gives a part a second whole. The rules themselves live in
:mod:`ducha.loaders.parts`, :mod:`ducha.loaders.breakdowns`, :mod:`ducha.loaders.rates` and
:mod:`ducha.loaders.stated_counts`; :func:`ducha.loaders.relations.find_relations` runs them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ducha.loaders.anchors import Anchored, scan_text
from ducha.loaders.lang.en import relations as en_relations
from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import Figure, FigureRelation, Span

__all__ = ["Breakdown", "RelationReader", "head_noun", "split_spans"]

_LINE_BREAK = re.compile(r"\n")


@dataclass
class Breakdown:
    """A whole and the parts the text gives of it (indices into the figures).

    ``complete`` marks a breakdown the text presents as complete; ``group`` numbers the
    complete ones in the order of the text.
    """

    whole: int
    parts: list[int] = field(default_factory=list)
    complete: bool = False
    group: int | None = None


def split_spans(text: str, boundary: re.Pattern[str] | Anchored) -> list[Span]:
    """The spans of ``text`` between matches of ``boundary`` (empty ones dropped)."""
    return list(_split_spans(text, boundary))


# Figures, relations and quantities split the same report into the same sentences.
@lru_cache(maxsize=8)
def _split_spans(text: str, boundary: re.Pattern[str] | Anchored) -> tuple[Span, ...]:
    matches = (
        scan_text(text).finditer(boundary)
        if isinstance(boundary, Anchored)
        else boundary.finditer(text)
    )
    spans, start = [], 0
    for match in matches:
        begin, end = match.span()
        if begin > start:
            spans.append(Span(start, begin))
        start = end
    if start < len(text):
        spans.append(Span(start, len(text)))
    return tuple(spans)


def head_noun(counts: str | None) -> str | None:
    """The head noun of a counted noun phrase: "valid letters and visits" → "visits"."""
    if not counts:
        return None
    return counts.split()[-1]


class RelationReader:
    """The figures of one text with their sentences, and the breakdowns found so far."""

    def __init__(self, text: str, figures: Sequence[Figure]) -> None:
        self.text = text
        self.figures = figures
        self.sentences = split_spans(text, en_relations.SENTENCE_END)
        self._sentence_starts = [s.start for s in self.sentences]
        # a figure's paragraph: the number of line breaks before it, found by bisection
        line_breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        self.paragraph_of = [bisect_left(line_breaks, f.span.start) for f in figures]
        self.sentence_of = [self._sentence_index(f.span.start) for f in figures]
        # the rules ask these for every pair of figures: answered once here
        self._is_count = [f.value is not None and f.unit == "count" for f in figures]
        self._in_sentence: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentence_of):
            self._in_sentence.setdefault(sentence, []).append(i)
        self.breakdowns: list[Breakdown] = []
        self.part_of: dict[int, int] = {}
        self.relations: list[FigureRelation] = []

    def _sentence_index(self, offset: int) -> int:
        """The index of the sentence holding ``offset``, or ``len(sentences)`` if none."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return len(self.sentences)

    def is_count(self, i: int) -> bool:
        return self._is_count[i]

    def in_sentence(self, sentence: int) -> list[int]:
        return list(self._in_sentence.get(sentence, ()))

    def sentence_text(self, i: int) -> str:
        """The sentence figure ``i`` stands in."""
        if self.sentence_of[i] >= len(self.sentences):
            return ""
        return self.sentences[self.sentence_of[i]].quote(self.text)

    def between(self, i: int, j: int) -> str:
        return self.text[self.figures[i].span.end : self.figures[j].span.start]

    def before(self, i: int, width: int = 40) -> str:
        """Up to ``width`` characters before figure ``i``, within its sentence."""
        start = self.figures[i].span.start
        sentence = (
            self.sentences[self.sentence_of[i]]
            if self.sentence_of[i] < len(self.sentences)
            else Span(0, start)
        )
        return self.text[max(sentence.start, start - width) : start]

    def after(self, i: int, width: int = 60) -> str:
        end = self.figures[i].span.end
        return self.text[end : end + width]

    def head(self, i: int) -> str | None:
        return head_noun(self.figures[i].counts)

    def is_person(self, i: int) -> bool:
        return (self.head(i) or "") in en_units.PERSON_NOUNS

    def is_bare(self, k: int, whole: int) -> bool:
        """A count that names nothing of its own, or the same thing as ``whole``."""
        return self.is_count(k) and (
            self.figures[k].counts is None or self.head(k) == self.head(whole)
        )

    def kinds_differ(self, part: int, whole: int) -> bool:
        """A part that names its own noun of another kind (cadres among cases)."""
        if self.figures[part].counts is None or self.figures[whole].counts is None:
            return False
        return self.is_person(part) != self.is_person(whole)

    def joined(self, j: int, k: int) -> bool:
        """Figures ``j`` < ``k`` in one sentence, or in two that only a semicolon parts."""
        if self.sentence_of[j] == self.sentence_of[k]:
            return True
        return (
            self.sentence_of[k] == self.sentence_of[j] + 1
            and ";" in self.between(j, k)
            and not re.search(r"[.!?]\s|\n", self.between(j, k))
        )

    def participle_referent(self, modifiers: str, i: int) -> int | None:
        """The count before figure ``i`` that "the handed-over cases" refers to.

        A participle modifier ("handed-over", "transferred") names the count the text
        introduced with that verb ("handed over 2,976 of them"); the latest one wins.
        """
        verbs = [
            w.replace("-", " ") for w in modifiers.lower().split() if "-" in w or w.endswith("ed")
        ]
        for verb in verbs:
            said = _said(verb)
            for j in range(i - 1, -1, -1):
                if self.is_count(j) and said.search(self.before(j, 40)):
                    return j
        return None

    def add_breakdown(self, whole: int, parts: Sequence[int]) -> Breakdown | None:
        """Record ``parts`` of ``whole``, leaving out any that already have a whole."""
        parts = [p for p in parts if p not in self.part_of and p != whole]
        if not parts:
            return None
        breakdown = Breakdown(whole, list(parts))
        for p in parts:
            self.part_of[p] = whole
        self.breakdowns.append(breakdown)
        return breakdown


@lru_cache(maxsize=256)
def _said(verb: str) -> re.Pattern[str]:
    """The participle's verb at the end of the words before a count ("handed over (all)")."""
    return re.compile(rf"\b{re.escape(verb)}\s+(?:all\s+)?$", re.I)
