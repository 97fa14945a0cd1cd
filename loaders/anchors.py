"""Running a regex only where it can start: the same matches as ``finditer``, found faster.

A pattern that opens with ``\\b``, a look-behind or a case-insensitive word gets none of
the regex engine's prefix shortcuts, so ``finditer`` tries it at every character of a
60 KB report. Dozens of such patterns (the contexts whose numbers are not figures) cost
more than the rest of figure extraction. An :class:`Anchored` pattern names *scouts*:
case-sensitive regexes with a literal head, which the engine finds quickly, run on the
lower-cased text, such that every match of the pattern starts where a scout match starts
(or, with ``back``, in the run of ``back`` characters just before one). :class:`AnchorScan`
then tries the pattern only at those offsets, left to right, skipping what a match covered,
exactly as ``finditer`` does, and so yields exactly its matches. Scout hits are computed
once per text and shared between patterns.

The lower-cased text stands in for case-insensitive matching only when lowering keeps every
offset and no character of the text folds onto a different ASCII letter ("ſ" matches "s"
under ``re.IGNORECASE``); otherwise the plain ``finditer`` runs.

>>> import re
>>> date = Anchored(re.compile(r"\\b\\d{1,2}:\\d\\d\\b"), (DIGITS_SCOUT,))
>>> [m.group() for m in AnchorScan("At 9:30 and 14:05, 3 times").finditer(date)]
['9:30', '14:05']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DIGITS_SCOUT", "LINE_SCOUT", "AnchorScan", "Anchored", "scan_text", "whole_word"]

DIGITS_SCOUT = r"\d+"
"""Every run of digits: the starts of patterns that open with ``\\b\\d``."""

LINE_SCOUT = r"\n(?P<at>)"
"""Every line start (the text's start is always tried): patterns opening with ``^|(?<=\\n)``."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True)
class Anchored:
    """A pattern and the scouts that find every offset where it can start.

    ``scouts`` are regex sources matched case-sensitively on the lower-cased text; an
    offset is a candidate where a scout match starts (at its ``at`` group when it has one).
    With ``back`` (a one-character regex such as ``r"[\\w\\s]"``) every offset in the run of
    such characters (in the original text) that ends at a scout hit is a candidate too: for
    patterns that open with a word of any length before their literal part. The pattern
    must never match the empty string.
    """

    pattern: re.Pattern[str]
    scouts: tuple[str, ...]
    back: str | None = None


class AnchorScan:
    """One text and the scout hits found in it so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = _folded(text)
        self._hits: dict[str, list[int]] = {}

    def finditer(self, anchored: Anchored) -> Iterator[re.Match[str]]:
        """The matches ``anchored.pattern.finditer(text)`` yields, in the same order."""
        if self._folded is None:
            yield from anchored.pattern.finditer(self.text)
            return
        match = anchored.pattern.match
        text, position = self.text, 0
        for start in self._candidates(anchored):
            if start < position:
                continue
            found = match(text, start)
            if found is not None:
                yield found
                position = found.end()

    def _candidates(self, anchored: Anchored) -> list[int]:
        starts: set[int] = {0}
        for scout in anchored.scouts:
            hits = self._scout_hits(scout)
            if anchored.back is None:
                starts.update(hits)
                continue
            back = _compiled(anchored.back).match
            for hit in hits:
                first = hit
                while first > 0 and back(self.text, first - 1):
                    first -= 1
                starts.update(range(first, hit + 1))
        return sorted(starts)

    def _scout_hits(self, scout: str) -> list[int]:
        hits = self._hits.get(scout)
        if hits is None:
            assert self._folded is not None
            pattern = _compiled(scout)
            if scout == DIGITS_SCOUT:
                hits = _digit_runs(self._folded)
            elif "at" in pattern.groupindex:
                hits = [m.start("at") for m in pattern.finditer(self._folded)]
            else:
                hits = [m.start() for m in pattern.finditer(self._folded)]
            self._hits[scout] = hits
        return hits


@lru_cache(maxsize=2)
def scan_text(text: str) -> AnchorScan:
    """The :class:`AnchorScan` of ``text``, shared by every extractor that reads the same
    report: the lower-cased text and the scout hits are computed once per report. Only the
    last two texts are kept."""
    return AnchorScan(text)


@lru_cache(maxsize=1024)
def whole_word(literal: str, after: str = "") -> re.Pattern[str]:
    """The pattern ``rf"\\b{re.escape(literal)}\\b{after}"``, written so that it opens with
    the literal and the engine's fast literal search finds its candidates: the boundary
    before the literal becomes a look-behind over the literal's own width. Same matches.

    >>> [m.span() for m in whole_word("Li").finditer("Li, Lijiang and Li")]
    [(0, 2), (16, 18)]
    """
    if not literal:
        return re.compile(rf"\b\b{after}")
    width = len(literal)
    if re.match(r"\w", literal[0]):
        before = rf"(?<!\w[\s\S]{{{width}}})"  # nothing of a word just before
    else:
        before = rf"(?<=\w[\s\S]{{{width}}})"  # a word just before: \b before a non-word
    return re.compile(rf"{re.escape(literal)}{before}\b{after}")


_ZERO_DIGITS = str.maketrans("123456789", "000000000")


def _digit_runs(folded: str) -> list[int]:
    """Where each run of digits starts: what ``\\d+`` finds, a few times faster, for a
    text whose only digits are ASCII ones (which :func:`_folded` makes sure of)."""
    zeroed = folded.translate(_ZERO_DIGITS)
    runs, at = [], zeroed.find("0")
    while at >= 0:
        if at == 0 or zeroed[at - 1] != "0":
            runs.append(at)
        at = zeroed.find("0", at + 1)
    return runs


@lru_cache(maxsize=256)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _folded(text: str) -> str | None:
    """The lower-cased text, or None when it cannot stand in for case-insensitive matching
    (or has digits other than ASCII ones, which the digit scout does not see)."""
    lowered = text.lower()
    if text.isascii():
        return lowered  # the common case, and the cheap one to check
    if len(lowered) != len(text):
        return None
    for run in _NON_ASCII.findall(text):
        for char in set(run):
            if len(char.lower()) != 1 or _folds_to_ascii(char):
                return None
    return lowered


@lru_cache(maxsize=4096)
def _folds_to_ascii(char: str) -> bool:
    """Whether a non-ASCII character matches an ASCII letter or a digit (``\\d`` takes
    every decimal digit) under ``re.IGNORECASE``."""
    return re.fullmatch(r"[a-z\d]", char, re.IGNORECASE) is not None
