"""Finding the titles of documents in a report's text.

Three ways a report names a document:

* a quoted title whose head noun is a document word ("Notice on Clarifying ...", with
  nested quotes kept, and a title whose closing quote MT lost recovered up to its head noun);
  a quoted slogan ("two high", "road map") has no document head and is not a document;
* an unquoted Title-Case title with a document head ("Three-year Action Plan for Urban
  Domestic Sewage Treatment in Guizhou Province (2022-2024)", "the Water Law"); two such
  titles joined by "and (the)" are two titles;
* a lower-case title right after an issuing verb ("promulgated ... the regulations on the
  ecological restoration of Fenhe River Basin").

:mod:`ducha.loaders.regulations` turns titles into documents, roles and issuers.

>>> [t.name for t in find_titles('Issue the "Notice on Work" under the Water Law.')]
['Notice on Work', 'Water Law']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from ducha.loaders.anchors import scan_text
from ducha.loaders.lang.en import titles as en
from ducha.loaders.model import Span
from ducha.loaders.quotes import quoted_spans
from ducha.loaders.span_lookup import OverlapIndex
from ducha.loaders.tokens import TokenColumns, token_columns

__all__ = ["Title", "clean_title", "find_titles", "title_head"]

_TOKEN = re.compile(r"\([^()\n]{1,40}\)|[A-Za-z0-9][A-Za-z0-9'\-]*")
_HEAD_WORDS = sorted(en.DOCUMENT_HEADS, key=lambda h: -len(h.split()))
# Compiled once, not per title: the re module's own cache of 512 patterns is emptied by
# the later stages (RDF, validation) between two reports.
_HEADS = "|".join(re.escape(h.title()) for h in _HEAD_WORDS)
_RECOVERED_END = re.compile(rf"\b(?:{_HEADS})\b(?=[,;.])")
_CONTINUATION = re.compile(
    rf"[\"”]\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{_HEADS})\b(?:\s*\([^()\n]{{1,30}}\))?"
)
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
# The first capitalised head followed by a preposition or the end, in one search: at the
# leftmost offset where any head matches, the alternatives are tried longest first (then
# alphabetically), the order in which the earliest, longest head wins.
_BY_TITLE = {head.title(): head for head in _HEAD_WORDS}
_FOLLOWED_HEAD = re.compile(
    r"\b(?:"
    + "|".join(re.escape(head.title()) for head in sorted(_HEAD_WORDS, key=lambda h: (-len(h), h)))
    + r")\b(?=\s+(?:for|on|of|in|to|about|during)\b|\s*$)"
)
# A lower-case head at the very end: any of them (one search), then which comes first in
# _HEAD_WORDS.
_ANY_ENDING_HEAD = re.compile(rf"\b(?:{'|'.join(re.escape(h) for h in _HEAD_WORDS)})$")
_ENDING_HEADS = [(head, re.compile(rf"\b{re.escape(head)}$")) for head in _HEAD_WORDS]
_CLAUSE_STOP = re.compile(r"[.;\n]")
_LOWER_PIECE = re.compile(r",\s*|\s+and\s+(?=the\s)|\s+among\s+|\s+so as\s+|\s+to\s+(?=\w+\s)")


@dataclass(frozen=True)
class Title:
    """A document title found in the text."""

    span: Span  # the title's own words (quotes of a quoted title excluded)
    name: str
    head: str  # its document head noun, lower-case ("plan", "key points")
    quoted: bool


def find_titles(text: str) -> list[Title]:
    """Every document title in ``text``, in order; quoted titles win over overlapping
    unquoted readings."""
    return list(_titles(text))


# Organisations (to leave bodies inside titles out) and regulations both read the titles of
# the same text, one after the other: find them once.
@lru_cache(maxsize=4)
def _titles(text: str) -> tuple[Title, ...]:
    found = _quoted_titles(text)
    found += _lowercase_titles(text, [t.span for t in found])
    found += _unquoted_titles(text, [t.span for t in found])
    found.sort(key=lambda t: t.span.start)
    return tuple(found)


def _quoted_titles(text: str) -> list[Title]:
    titles: list[Title] = []
    for start, end in quoted_spans(text, _recover_end):
        start, end = _continued(text, start, end)
        name = clean_title(text[start:end])
        head = title_head(name)
        if head == "code" and en.EVERYDAY_CODES.search(name):
            continue
        if head is not None and (name[0].isupper() or name[0].isdigit() or name[0] == '"'):
            titles.append(Title(Span(start, start + len(name)), name, head, quoted=True))
    return titles


def _recover_end(text: str, start: int, limit: int) -> int | None:
    """The end of a quoted title whose closing quote is missing: its first document head
    followed by punctuation ("... Management Measures, regularly dispatched ...")."""
    match = _RECOVERED_END.search(text, start, min(limit, start + 300))
    return match.end() if match else None


def _continued(text: str, start: int, end: int) -> tuple[int, int]:
    """'"Triple and One Major" Decision-making System': a quote followed by the rest of
    the title's words up to a document head; the title then starts at the opening quote."""
    after = _CONTINUATION.match(text, end)
    if after is None:
        return start, end
    return start - 1, after.end()


def clean_title(title: str) -> str:
    """A title as printed on one line: single spaces, no edge punctuation, no stray quote.

    >>> clean_title('Notice on Work, ')
    'Notice on Work'
    """
    title = re.sub(r"\s+", " ", title).strip(" ,;:")
    if title.count('"') % 2:
        title = title.rstrip('"').strip() if title.endswith('"') else title
    return title


def title_head(title: str) -> str | None:
    """The document head of a title: the first capitalised document word that ends the
    title or is followed by a preposition; a lower-case one only at the very end."""
    words = _TRAILING_BRACKETS.sub("", title)
    words = _TRAILING_BRACKETS.sub("", words)  # "(Trial)", "(2023 Edition)"
    followed = _FOLLOWED_HEAD.search(words)
    if followed is not None:
        return _BY_TITLE[followed.group()]
    if _ANY_ENDING_HEAD.search(words) is None:
        return None
    return next(head for head, ending in _ENDING_HEADS if ending.search(words))


def _unquoted_titles(text: str, taken: list[Span]) -> list[Title]:
    """Title-Case runs with a document head: "Measures for the Implementation of ...",
    "the 2008 Water Protection Law"."""
    tokens = token_columns(_TOKEN, text)
    words = tokens.words
    # the tokens a run can start with, found in one pass; the loop jumps between them (the
    # title-like initials picked in C: a Python test per token costs as much as the split)
    initials = map(_TITLE_INITIALS.__contains__, map(itemgetter(0), words))
    openers = [i for i in compress(count(), initials) if words[i].lower() not in en.TITLE_STOPS]
    quoted = OverlapIndex(taken)
    titles: list[Title] = []
    index = 0
    for opener in openers:
        if opener < index:
            continue
        index = opener
        start = tokens.starts[index]
        if quoted.overlaps(Span(start, start + 1)):  # inside a quoted title
            index += 1
            continue
        last = _run_end(text, tokens, index)
        for first, final in _split_run(tokens, index, last):
            title = _run_title(text, tokens, first, final)
            if title is not None and not any(_overlaps(title.span, s) for s in taken):
                titles.append(title)
        index = last + 1
    return titles


# What a token of a title starts with: a capital, a digit or a bracket (a token starts with
# an ASCII letter or digit or "(", so this is ``isupper() or isdigit() or "("``).
_TITLE_INITIALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(")


def _title_word(word: str) -> bool:
    return word[0] in _TITLE_INITIALS


def _run_end(text: str, tokens: TokenColumns, index: int) -> int:
    """The last token of the Title-Case run starting at ``index``."""
    words, starts, ends = tokens
    last = index
    seen_head = False
    position = index + 1
    while position < len(words):
        gap = text[ends[position - 1] : starts[position]]
        if gap.strip():
            break
        word = words[position]
        if _title_word(word) or word in en.CONNECTORS:
            position += 1
            if _title_word(word):
                last = position - 1
                seen_head = seen_head or word.lower() in en.UNQUOTED_HEADS
            continue
        # MT drops words into titles ("Work Program for provention and control and
        # Control of ..."): a few lower-case words may stand inside a title already headed.
        head_so_far = seen_head or any(
            w.lower() in en.UNQUOTED_HEADS for w in words[index:position]
        )
        if not head_so_far:
            break  # most runs: no head, so no gap to measure
        gap_end = position
        while gap_end < len(words) and gap_end - position < 4 and not _title_word(
            words[gap_end]
        ):
            gap_end += 1
        joined = all(
            not text[ends[i - 1] : starts[i]].strip() for i in range(position, gap_end + 1)
            if i < len(words)
        )
        if joined and gap_end < len(words) and _title_word(words[gap_end]):
            position = gap_end
            continue
        break
    return last


def _split_run(tokens: TokenColumns, first: int, last: int) -> list[tuple[int, int]]:
    """Split "Measures for ... and Measures for ..." and "Plan for ... (2022-2024) and the
    Work Program for ..." into their two titles: an "and" splits the run when a title
    stands on each side of it. "Prevention and Control" joins words inside one title (no
    document head after it)."""
    words = tokens.words
    parts: list[tuple[int, int]] = []
    start = first
    for position in range(first + 1, last):
        if words[position] != "and" or position <= start:
            continue
        following = position + 1
        if words[following] == "the" and following < last:
            following += 1
        word = words[following]
        if not word[0].isupper():
            continue
        next_is_title = word.lower() in en.UNQUOTED_HEADS or (
            following > position + 1
            and _has_head(tokens, following, last)
            and _has_head(tokens, start, position - 1)
        )
        if next_is_title:
            parts.append((start, position - 1))
            start = following
    parts.append((start, last))
    return parts


def _has_head(tokens: TokenColumns, first: int, last: int) -> bool:
    return any(
        w[0].isupper() and w.lower() in en.UNQUOTED_HEADS for w in tokens.words[first : last + 1]
    )


def _run_title(text: str, tokens: TokenColumns, first: int, last: int) -> Title | None:
    while last > first and tokens.words[last] in en.CONNECTORS:
        last -= 1
    words = tokens.words[first : last + 1]
    for position, word in enumerate(words):
        if word.lower() not in en.UNQUOTED_HEADS or not word[0].isupper():
            continue
        rest = words[position + 1 :]
        at_end = all(w.startswith("(") for w in rest)
        followed = bool(rest) and rest[0] in ("for", "on", "of", "in", "during")
        if word.lower() == "code" and en.EVERYDAY_CODES.search(" ".join(words)):
            return None
        if at_end or followed:
            span = Span(tokens.starts[first], tokens.ends[last])
            return Title(span, clean_title(text[span.start : span.end]), word.lower(), quoted=False)
    return None


def _lowercase_titles(text: str, taken: list[Span]) -> list[Title]:
    """Lower-case titles after an issuing verb: "promulgated the regulations on ..."."""
    titles: list[Title] = []
    for verb in scan_text(text).finditer(en.ISSUE_VERB_SCAN):
        stop = _CLAUSE_STOP.search(text, verb.end())
        clause_end = stop.start() if stop else len(text)
        position = verb.end()
        for piece in [*_LOWER_PIECE.split(text[position:clause_end]), ""]:
            start = text.find(piece, position) if piece else -1
            if start < 0:
                break
            position = start + len(piece)
            title = _lowercase_title(text, start, piece)
            if title is not None and not any(_overlaps(title.span, s) for s in taken + [
                t.span for t in titles
            ]):
                titles.append(title)
    return titles


def _lowercase_title(text: str, start: int, piece: str) -> Title | None:
    lead = re.match(r"\s*(?:and\s+\w+\s+)?(?:the\s+)?(?:amendments?\s+to\s+the\s+)?", piece)
    offset = lead.end() if lead else 0
    body = piece[offset:].rstrip()
    words = body.split()
    if not words or not words[0][0].islower() or words[0] in ("a", "an"):
        return None
    heads = [i for i, w in enumerate(words) if w in en.LOWERCASE_HEADS]
    if not heads:
        return None
    head = heads[0]
    if any(w in ("the", "and", "of", "to", "a", "out") for w in words[:head]) or head > 5:
        return None  # a clause, not a name ("carry out ... the relevant regulations")
    if head + 1 < len(words) and words[head + 1] not in ("on", "for", "of"):
        return None
    if head == len(words) - 1 or head + 1 < len(words):
        span = Span(start + offset, start + offset + len(body))
        return Title(span, body, words[head], quoted=False)
    return None


def _overlaps(one: Span, other: Span) -> bool:
    return bool(one.start < other.end and other.start < one.end)
