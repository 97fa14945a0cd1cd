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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick  # type: ignore[import-not-found]  # no stubs: a C extension
from ducha.loaders.tokens import token_columns

__all__ = [
    "CAPITAL_WORD",
    "DIGITS_SCOUT",
    "LINE_SCOUT",
    "AnchorScan",
    "Anchored",
    "scan_text",
    "whole_word",
]

CAPITAL_WORD = r"[A-Z](?<!\w[A-Z])"
"""``\\b[A-Z]``, a capital that starts a word, written as the capital and then a look-behind
at what stands before it: a pattern that opens with it gets the regex engine's quick scan
for a capital, where one that opens with ``\\b`` is tried at every character (three times
slower on a report)."""

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

    def __post_init__(self) -> None:
        _LITERAL_SCOUTS.update(scout for scout in self.scouts if _is_literal(scout))


class AnchorScan:
    """One text and the scout hits found in it so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = _folded(text)
        self._hits: dict[str, list[int]] = {}
        self._starts: dict[Anchored, list[int]] = {}

    def can_match(self, anchored: Anchored, start: int, end: int) -> bool:
        """Whether ``anchored.pattern`` may match at an offset in ``[start, end)``: False when
        no scout says it can start there, so that a ``search(text, start, end)`` over each of
        many sentences runs only where it can find something (True is only a maybe)."""
        if self._folded is None:
            return True
        starts = self._starts.get(anchored)
        if starts is None:
            starts = self._starts[anchored] = self._candidates(anchored)
        first = bisect_left(starts, start)
        return first < len(starts) and starts[first] < end

    def finditer(
        self, anchored: Anchored, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches ``anchored.pattern.finditer(text, pos, endpos)`` yields, in the same
        order."""
        text = self.text
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if self._folded is None:
            yield from anchored.pattern.finditer(text, pos, endpos)
            return
        starts = self._starts.get(anchored)
        if starts is None:
            starts = self._starts[anchored] = self._candidates(anchored)
        match, position = anchored.pattern.match, pos
        for index in range(bisect_left(starts, pos), len(starts)):
            start = starts[index]
            if start > endpos:
                break
            if start < position:
                continue
            found = match(text, start, endpos)
            if found is not None:
                yield found
                position = found.end()

    def _candidates(self, anchored: Anchored) -> list[int]:
        only = anchored.scouts[0] if len(anchored.scouts) == 1 else None
        if only is not None and anchored.back is None and "(?P<at>" not in only:
            # The starts of one scout's (non-empty) matches come sorted and distinct: no set
            # to build and sort (a sentence-end scout hits a thousand times in a report).
            hits = self._scout_hits(only)
            return hits if hits[:1] == [0] else [0, *hits]
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
            elif _is_literal(scout) and scout in _LITERAL_SCOUTS:
                if scout not in self._hits:  # the first plain-text scout: all of them at once
                    self._hits.update(_literal_hits(self._folded, frozenset(_LITERAL_SCOUTS)))
                hits = self._hits[scout]
            elif "at" in pattern.groupindex:
                hits = [m.start("at") for m in pattern.finditer(self._folded)]
            elif (chars := _single_characters(scout)) is not None:
                hits = _character_hits(self._folded, chars)
            elif not pattern.groups:
                # where finditer's matches start, listed by C loops (no match object each)
                hits = token_columns(pattern, self._folded).starts
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


# Every plain-text scout of every Anchored pattern (most scouts are words: "nature reserve",
# "twenty", "promulgat"), registered when the pattern is made.
_LITERAL_SCOUTS: set[str] = set()
_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")


def _is_literal(scout: str) -> bool:
    return not _REGEX_SYNTAX.intersection(scout)


def _literal_hits(folded: str, literals: frozenset[str]) -> dict[str, list[int]]:
    """Where ``finditer`` finds each literal (non-overlapping, left to right), all in one
    pass of an Aho-Corasick automaton: a regex search per literal reads the whole text each
    time, and a report has some ninety of them (5 ms of a 60 KB report, 1 ms so)."""
    found: dict[str, list[int]] = {literal: [] for literal in literals}
    free_from = dict.fromkeys(literals, 0)  # where the literal's next match may start
    for end, literal in _automaton(literals).iter(folded):
        start = end - len(literal) + 1
        if start >= free_from[literal]:
            found[literal].append(start)
            free_from[literal] = end + 1
    return found


@lru_cache(maxsize=1)
def _automaton(literals: frozenset[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


def _single_characters(scout: str) -> str | None:
    """The characters a scout of one character matches: a class of plain characters
    ("[.!?;\\n]", "[-–—]", no range or negation) or one escaped punctuation mark ("\\(").
    None for any other scout."""
    if len(scout) == 2 and scout[0] == "\\" and not scout[1].isalnum():
        return scout[1]
    if len(scout) < 3 or scout[0] != "[" or scout[-1] != "]":
        return None
    body = scout[1:-1].replace("\\n", "\n")
    if body[0] == "^" or "-" in body[1:-1] or any(c in body for c in "\\[]"):
        return None
    return "".join(dict.fromkeys(body))


def _character_hits(folded: str, chars: str) -> list[int]:
    """Where each of ``chars`` stands in ``folded``, in order: what ``finditer`` of their
    class finds, by ``str.find`` (a fast scan per character) instead of a regex split, which
    makes a string of every piece between two hits (a thousand for "[.!?;,:\\n]")."""
    hits: list[int] = []
    for char in chars:
        at = folded.find(char)
        while at >= 0:
            hits.append(at)
            at = folded.find(char, at + 1)
    hits.sort()
    return hits


_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def _digit_runs(folded: str) -> list[int]:
    """Where each run of digits starts: what ``\\d+`` finds, a few times faster, for a
    text whose only digits are ASCII ones (which :func:`_folded` makes sure of).

    The text is read as ASCII bytes, every other character one "?" (so offsets stay):
    ``bytes.translate`` is a table lookup, where ``str.translate`` of a text with a single
    non-ASCII character (a page footer's) goes character by character, 20 times slower."""
    zeroed = folded.encode("ascii", "replace").translate(_ZERO_DIGITS)
    runs, at = [], zeroed.find(b"0")
    while at >= 0:
        if at == 0 or zeroed[at - 1] != 0x30:  # not preceded by a digit
            runs.append(at)
        at = zeroed.find(b"0", at + 1)
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
