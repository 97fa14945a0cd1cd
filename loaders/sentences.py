"""Where sentences end in a report's normalised text.

Machine translation keeps the report's line breaks and full stops but not always the space
after them, and it prints outline numbers ("1.") and abbreviations ("No.", "Co.") that look
like sentence ends. :func:`sentence_spans` splits a whole text; the outline
(:mod:`ducha.loaders.outline`) and inline enumerations (:mod:`ducha.loaders.enumerations`)
use :func:`first_sentence_stop` to cut a heading's lead sentence and :func:`trimmed_span`
to drop the punctuation around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ducha.loaders.lang.en.outline import SENTENCE_ABBREVIATIONS
from ducha.loaders.model import Span

__all__ = ["first_sentence_stop", "line_bounds", "sentence_spans", "trimmed_span"]

_SENTENCE_END = re.compile(r"[.!?。！？]+[\"”’')）]*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NUMBER_ONLY = re.compile(r"\s*[(（]?\w{1,2}[)）]?\s*$")
_TRAILING_PUNCTUATION = " \t.;:,。；：，、\n"
# Characters looked at around a full stop to decide whether it ends a sentence.
_LOOK_BACK = 40


def sentence_spans(text: str) -> list[Span]:
    """Sentence boundaries as half-open spans, without surrounding whitespace.

    A line break always ends a sentence; so does ".", "!", "?" or "。" (with any closing
    quotes) before a space and a word that is not in lower case, unless the word before the
    full stop is an abbreviation ("No.", "Co.", "bn.") or an outline number ("1."). Machine
    translation often drops the space ("work.On March 24"): a full stop between a lower-case
    letter and a capitalised word ends a sentence too.

    >>> text = "Work began.On March 24, No. 3 met. Then 1.5 tons."
    >>> [text[s.start:s.end] for s in sentence_spans(text)]
    ['Work began.', 'On March 24, No. 3 met.', 'Then 1.5 tons.']
    """
    spans: list[Span] = []
    for line_start, line_end in line_bounds(text):
        position = line_start
        for _, stop in _sentence_breaks(text, line_start, line_end):
            _add_stripped(text, position, stop, spans)
            position = stop
        _add_stripped(text, position, line_end, spans)
    return spans


def line_bounds(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line, without its line break; an empty text has one line.

    >>> list(line_bounds("a\\nbc"))
    [(0, 1), (2, 4)]
    """
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield start, end
        start = end + 1


def first_sentence_stop(text: str, start: int, stop: int) -> int:
    """Where the first sentence starting at ``start`` ends (before its punctuation).

    The search ends at ``stop`` or the end of the line, whichever comes first.

    >>> first_sentence_stop("To act. Then more.", 0, 18)
    6
    """
    line_end = text.find("\n", start, stop)
    line_end = stop if line_end < 0 else line_end
    line_start = text.rfind("\n", 0, start) + 1
    for punctuation_start, _ in _sentence_breaks(text, line_start, line_end, start):
        return punctuation_start
    return line_end


def trimmed_span(text: str, start: int, stop: int) -> Span:
    """``[start, stop)`` without leading space and trailing punctuation or space.

    >>> trimmed_span(" clarify the duties;\\n", 0, 21)
    Span(start=1, end=19)
    """
    while stop > start and text[stop - 1] in _TRAILING_PUNCTUATION:
        stop -= 1
    while start < stop and text[start].isspace():
        start += 1
    return Span(start, stop)


def _add_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


def _sentence_breaks(
    text: str, line_start: int, line_end: int, scan_from: int | None = None
) -> Iterator[tuple[int, int]]:
    """``(punctuation start, sentence end)`` for each sentence end within one line."""
    start = line_start if scan_from is None else scan_from
    for match in _SENTENCE_END.finditer(text, start, line_end):
        if _ends_sentence(text, match, line_start, line_end):
            yield match.start(), match.end()


def _ends_sentence(text: str, match: re.Match[str], line_start: int, line_end: int) -> bool:
    if match.group()[0] != ".":
        return True
    after = match.end()
    # Only the last word matters; looking further back would make long lines quadratic.
    before = text[max(line_start, match.start() - _LOOK_BACK) : match.start()]
    at_line_start = match.start() - line_start <= _LOOK_BACK
    if _is_abbreviation(before) or (at_line_start and _NUMBER_ONLY.match(before)):
        return False  # "No.", "bn." or an outline number "1." at the start of the line
    if after >= line_end or text[after].isspace():
        rest = text[after : min(line_end, after + _LOOK_BACK)].lstrip()
        return not rest or not rest[0].islower()
    # No space after the stop: only "work.On" (lower case, stop, capitalised word) counts;
    # "1.5", "No.18", "gov.cn" and "U.S." do not.
    return (
        bool(before)
        and before[-1].islower()
        and text[after].isupper()
        and after + 1 < line_end
        and text[after + 1].islower()
    )


def _is_abbreviation(before: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1)
    return token.lower().rstrip(".") in SENTENCE_ABBREVIATIONS or (
        len(token) == 1 and token.isupper()
    )
