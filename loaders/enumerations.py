"""Inline enumerations: "The first is … The second is …" inside a paragraph.

Provincial reports list their measures inline rather than on numbered lines ("The first
is …", "First, … Second, …", "One is … The second is …", mixed freely). A run needs at
least two consecutive items starting from one, each at a sentence start (after a line
break or a ".", ";" or ":"). An item runs to the next item of its run, or to the end of
its paragraph; its heading is its lead sentence without the number ("The first is to
clarify …" has the heading "clarify …").

:func:`inline_items` finds the runs inside given regions of the text (the bodies of the
numbered sections, see :mod:`ducha.loaders.segment`); :func:`enumerators` is the
lower-level scan the outline also uses, to tell a "First," that opens an inline run from a
"First," that numbers a line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ducha.loaders.anchors import scan_text
from ducha.loaders.lang.en.outline import INLINE_ENUMERATOR_AT, word_ordinal
from ducha.loaders.model import Span
from ducha.loaders.sentences import first_sentence_stop, trimmed_span

__all__ = ["Enumerator", "InlineItem", "enumerators", "inline_items"]

# What may precede an enumerator for it to start a sentence (a line break counts too).
_ENUMERATION_CONTEXT = frozenset(".;:。；：!?！？\n")
# Characters looked back over for that punctuation, past spaces and tabs.
_LOOK_BACK = 40


class Enumerator(NamedTuple):
    """One printed enumerator: where it starts, where its label starts, its value."""

    start: int
    label_start: int
    ordinal: int
    number: str  # as printed: "The second", "First", "One"


@dataclass
class InlineItem:
    """One item of an inline run; ``region`` indexes the regions given to :func:`inline_items`."""

    start: int
    end: int
    number: str
    ordinal: int
    heading: Span
    region: int


def inline_items(text: str, regions: Sequence[tuple[int, int]]) -> list[InlineItem]:
    """The items of every inline run inside each ``(start, end)`` region, in order.

    >>> text = "Measures: The first is to act. The second is to check."
    >>> [(i.number, text[i.heading.start:i.heading.end]) for i in inline_items(text, [(0, 54)])]
    [('The first', 'act'), ('The second', 'check')]
    """
    items: list[InlineItem] = []
    for index, (start, end) in enumerate(regions):
        for run in _runs(text, start, end):
            items.extend(_run_items(text, run, end, index))
    return items


def enumerators(text: str, start: int, stop: int) -> Iterator[Enumerator]:
    """The enumerators between ``start`` and ``stop`` that stand at a sentence start."""
    for match in scan_text(text).finditer(INLINE_ENUMERATOR_AT, start, stop):
        before = text[max(0, match.start() - _LOOK_BACK) : match.start()].rstrip(" \t")
        if before and before[-1] not in _ENUMERATION_CONTEXT:
            continue
        if match.group("the"):
            number, value = f"The {match.group('the')}", word_ordinal(match.group("the"))
        else:
            word = match.group("card") or match.group("ord")
            number, value = word, word_ordinal(word)
        yield Enumerator(match.start(), match.end(), value, number)


def _runs(text: str, start: int, stop: int) -> list[list[Enumerator]]:
    """Runs of consecutive enumerators that start from one and have two items or more."""
    runs: list[list[Enumerator]] = []
    current: list[Enumerator] = []
    for found in enumerators(text, start, stop):
        if found.ordinal == 1:
            if len(current) > 1:
                runs.append(current)
            current = [found]
        elif current and found.ordinal == current[-1].ordinal + 1:
            current.append(found)
    if len(current) > 1:
        runs.append(current)
    return runs


def _run_items(text: str, run: list[Enumerator], region_end: int, region: int) -> list[InlineItem]:
    items = []
    for k, found in enumerate(run):
        if k + 1 < len(run):
            end = run[k + 1].start
        else:
            paragraph_end = text.find("\n", found.label_start, region_end)
            end = region_end if paragraph_end < 0 else paragraph_end
        while end > found.start and text[end - 1].isspace():
            end -= 1
        stop = first_sentence_stop(text, found.label_start, end)
        heading = trimmed_span(text, found.label_start, stop)
        items.append(InlineItem(found.start, end, found.number, found.ordinal, heading, region))
    return items
