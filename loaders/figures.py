"""Reported figures: every number a report states, with its unit, what it counts and its status.

:func:`extract_figures` scans the normalised text for numbers written as digits or words,
drops the numbers that are not reported figures (years, dates, ordinals, outline numbers,
document numbers, numbered slogans, numbers inside quoted titles), records tokens that
translation garbled as unreadable (``value=None``), and reads each figure's multiplier,
unit, qualifier, counted noun, status, as-of date and "cumulative" flag from the words
around it. Relations between the figures come from :mod:`ducha.loaders.relations`.

The language tables are in :mod:`ducha.loaders.lang.en.numbers` and
:mod:`ducha.loaders.lang.en.units`; the logic here is language-neutral.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ducha.loaders.anchors import Anchored, AnchorScan, scan_text
from ducha.loaders.changes import find_changes
from ducha.loaders.lang.en import numbers as en_numbers
from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import Extraction, Figure, Section, Span
from ducha.loaders.relation_reader import split_spans
from ducha.loaders.relations import fill_from_relations, find_relations, link_quantities
from ducha.loaders.span_lookup import OverlapIndex, SortedSpans

__all__ = ["clauses", "extract_figures", "parse_number", "sentences"]

_log = logging.getLogger(__name__)

_QUOTED = re.compile(r"[\"“”](?P<body>[^\"“”\n]{1,300})[\"“”]")
# A stop not after "No" ("No. 3"). The look-behind follows the first stop rather than
# preceding it so that the engine tests it only at stops, not at every character; and it
# is tried only at stops and line breaks (the relations' sentence scout, found once): the
# engine alone tries both alternatives at every character (0.9 ms of a seed report).
_SENTENCE_END = Anchored(
    re.compile(r"[.!?;](?<!\bNo.)(?<!\bno.)[.!?;]*(?=\s|$)|\n+"), (r"[.!?;\n]",)
)
# Tried only at punctuation and at the spaces before a dash (see ducha.loaders.anchors):
# the alternative that opens with a space would otherwise be tried at every space.
_CLAUSE_END = Anchored(
    re.compile(r"[.!?;,:](?<!\bNo.)[.!?;,:]*(?=\s|$)|\n+|\s[-–—]{1,2}\s"),
    (r"[.!?;,:\n]", "[-–—]"),
    back=r"\s",
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\S")
_COMPOUND_MILLION = re.compile(r"\s+(?P<rest>\d{1,3})\s+thousand\b", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_VERBISH = re.compile(r"^\w+ed$")
_OPENS = re.compile(r"(?:^|[.;,:\n])\s*$")
_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’"})
_CUMULATIVE_AFTER = re.compile(r"[^,;.]{0,40}?\b(?:in\s+total|altogether|in\s+all)\b", re.I)
# Tried only where one of its opening words is (see ducha.loaders.anchors): it opens with
# \b, so the engine would try it at every character of the report.
_AS_OF = Anchored(en_units.AS_OF, ("as", "by", "up", "until", "till", "ending"))
# Any status phrase, in one search: most clauses name none, and then one pass over the words
# replaces a search per status (which status, in table order, is asked only when one is there).
_ANY_STATUS = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern, _ in en_units.STATUSES), re.IGNORECASE
)


@dataclass
class _Reading:
    """A number found in the text before its context is read."""

    number: Span  # the digits or words alone
    span: Span  # with currency sign, multiplier and unit words
    value: Decimal | None
    unit: str
    precision: int


def parse_number(token: str) -> Decimal | None:
    """The value of a printed digit token, or ``None`` when it is not one number.

    Thousands separators must group three digits ("3,917" but not "31,19815").

    >>> parse_number("3,917"), parse_number("98.7"), parse_number("31,19815")
    (Decimal('3917'), Decimal('98.7'), None)
    """
    if "," in token and not _GROUPED.match(token):
        return None
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def sentences(text: str) -> list[Span]:
    """Sentence spans (split at ``.``, ``;``, ``!``, ``?`` before a space, and newlines)."""
    return split_spans(text, _SENTENCE_END)


def clauses(text: str) -> list[Span]:
    """Clause spans: sentences further split at commas and colons."""
    return split_spans(text, _CLAUSE_END)


def _blocked_spans(scan: AnchorScan, sections: Sequence[Section]) -> list[Span]:
    text = scan.text
    blocked = [Span(*m.span()) for p in en_numbers.NON_FIGURES for m in scan.finditer(p)]
    blocked += [Span(m.start("body"), m.end("body")) for m in _QUOTED.finditer(text)]
    blocked += [Span(*m.span()) for m in scan.finditer(en_numbers.WORD_NUMBER_EXCLUSIONS)]
    for section in sections:
        # the printed number sits at the start of the heading ("(3)", "15.", "First")
        start = text.find(section.number, section.heading.start, section.heading.end)
        if start >= 0:
            blocked.append(Span(start, start + len(section.number)))
    return blocked


def _apply_multiplier(text: str, end: int, value: Decimal) -> tuple[Decimal, int]:
    for pattern, factor in en_numbers.MULTIPLIERS:
        match = pattern.match(text, end)
        if match:
            value, end = value * factor, match.end()
            if factor == 10**6:  # "49 million 290 thousand yuan"
                rest = _COMPOUND_MILLION.match(text, end)
                if rest:
                    value += Decimal(rest["rest"]) * 1000
                    end = rest.end()
            break
    return value, end


def _read_unit(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The unit after ``end`` (or a currency sign before ``start``), and the widened span."""
    for pattern, unit in en_units.UNITS:
        match = pattern.match(text, end)
        if match:
            return unit, start, match.end()
    sign = en_units.DOLLAR_PREFIX.search(text, max(0, start - 4), start)
    if sign:
        return "usDollar", sign.start(), end
    return "count", start, end


def _garbled(text: str, number: Span) -> bool:
    for pattern in en_numbers.GARBLES:
        match = pattern.match(text, number.start)
        if match and match.end() == number.end:
            return True
    return False


def _readings(scan: AnchorScan, blocked: OverlapIndex) -> list[_Reading]:
    text = scan.text
    found: list[_Reading] = []
    for match in scan.finditer(en_numbers.DIGITS):
        number = Span(match.start(), match.end())
        if blocked.overlaps(number):
            continue
        token = match.group()
        value = parse_number(token)
        if value is None or _garbled(text, number):
            found.append(_Reading(number, number, None, "count", 0))
            continue
        assert value is not None
        value, end = _apply_multiplier(text, number.end, value)
        unit, start, end = _read_unit(text, number.start, end)
        if en_numbers.YEAR.match(token) and unit in ("count", "year"):
            continue  # a year, not a count ("in 2023", "the 2022 assessment")
        precision = len(token.split(".")[1]) if "." in token else 0
        found.append(_Reading(number, Span(start, end), value, unit, precision))
    for match in scan.finditer(en_numbers.NUMBER_WORD):
        number = Span(match.start(), match.end())
        if blocked.overlaps(number):
            continue
        value = en_numbers.word_value(match)
        value, end = _apply_multiplier(text, number.end, value)
        unit, start, end = _read_unit(text, number.start, end)
        precision = 0 if match["fraction"] is None else 6
        found.append(_Reading(number, Span(start, end), value, unit, precision))
    found.sort(key=lambda r: r.number.start)
    # "80 100 million yuan", "49 million 290 thousand": inner digits belong to the first
    kept: list[_Reading] = []
    for reading in found:
        if kept and reading.number.start < kept[-1].span.end:
            continue
        kept.append(reading)
    return kept


def _qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    for pattern, qualifier in en_units.QUALIFIERS:
        if pattern.search(before):
            return qualifier
    return "exact"


def _counted_noun(text: str, end: int, limit: int) -> str | None:
    """The noun phrase right after a count ("115 rectification measures" → its words).

    Quotation marks are stepped over ("42 "repetitive letters and visits""), "and" joins
    nouns ("letters and visits") unless a number follows it, and the phrase ends at a
    function word or a verb ("cases reported by", "8 planned to be rectified").
    """
    tokens = [m.group() for m in _WORD.finditer(text, end, limit)][:10]
    tokens = [t for t in tokens if t not in _QUOTE_MARKS]
    words: list[str] = []
    for i, word in enumerate(tokens):
        lower = word.lower()
        following = tokens[i + 1].lower() if i + 1 < len(tokens) else "."
        if not word[0].isalpha() or len(words) >= 5:
            break
        if lower in en_numbers.NUMBER_WORDS or lower in en_numbers.TENS_WORDS:
            break
        if lower == "and" and words:
            if not following[0].isalpha() or following in en_units.COUNT_STOP_WORDS:
                break
            if following in en_numbers.NUMBER_WORDS or _verbish(following, "x"):
                break
            words.append(lower)
            continue
        if lower in en_units.COUNT_STOP_WORDS:
            break
        if _verbish(lower, following) and (words or _ends_phrase(following)):
            break
        words.append(lower)
    while words and words[-1] == "and":
        words.pop()
    return " ".join(words) or None


def _verbish(word: str, following: str) -> bool:
    return bool(_VERBISH.match(word)) or word in en_units.PARTICIPLES


def _ends_phrase(word: str) -> bool:
    return not word[0].isalpha() or word in en_units.COUNT_STOP_WORDS or word == "to"


def _rate_name(text: str, clause: Span, start: int) -> str | None:
    """The name of a rate before a percentage ("a completion rate of 98.7%")."""
    before = text[clause.start : start]
    found = list(en_units.RATE_WORDS.finditer(before))
    if not found:
        return None
    words = re.findall(r"[A-Za-z][\w-]*", before[: found[-1].end()])[-4:]
    while words and words[0].lower() in en_units.COUNT_STOP_WORDS:
        words.pop(0)
    return " ".join(w.lower() for w in words) or None


def _status(text: str, clause: Span, span: Span, next_start: int) -> str | None:
    after = text[span.end : min(clause.end, next_start)]
    before = text[clause.start : span.start]
    for words in (after, before):
        if _ANY_STATUS.search(words):
            return next(status for pattern, status in en_units.STATUSES if pattern.search(words))
    return None


def _as_of_dates(text: str) -> list[tuple[int, int, date]]:
    """(sentence start, sentence end, date) for each as-of phrase, years carried forward."""
    found: list[tuple[int, int, date]] = []
    last_year: int | None = None
    bounds = SortedSpans(sentences(text))
    for match in scan_text(text).finditer(_AS_OF):
        if match.group().split()[0].lower() in ("by", "until", "till") and not _OPENS.search(
            text, max(0, match.start() - 3), match.start()
        ):
            continue  # "completed by the end of December 2025" is a deadline, not an as-of
        year = int(match["year"]) if match["year"] else last_year
        if year is None:
            continue
        last_year = year
        month = _month_number(match["month"])
        last_day = calendar.monthrange(year, month)[1]
        day = min(int(match["day"]), last_day) if match["day"] else last_day
        sentence = bounds.holding(match.start())
        if sentence is not None:
            found.append((match.start(), sentence.end, date(year, month, day)))
    return found


def _month_number(name: str) -> int:
    key = name[:3].lower()
    return [m.lower() for m in calendar.month_abbr].index(key)


def extract_figures(text: str, sections: Sequence[Section] = ()) -> Extraction:
    """Every number in ``text``, in order of appearance, and the relations between them.

    Takes the report's normalised text and, optionally, its outline sections (their
    printed numbers are skipped; outline numbering is also recognised without them).
    Returns an :class:`Extraction` whose ``figures`` include unreadable tokens
    (``value=None``) and whose ``relations`` index into ``figures``. Pure: no I/O.

    >>> found = extract_figures("Up to now, 83 of the 115 tasks have been completed.")
    >>> [(str(f.value), f.status) for f in found.figures]
    [('83', 'completed'), ('115', None)]
    >>> [(r.kind.value, r.source, r.target) for r in found.relations]
    [('partOf', 0, 1)]
    """
    scan = scan_text(text)
    blocked = OverlapIndex(_blocked_spans(scan, sections))
    readings = _readings(scan, blocked)
    clause_spans = SortedSpans(clauses(text))
    as_of = _as_of_dates(text)
    figures: list[Figure] = []
    for index, reading in enumerate(readings):
        clause = clause_spans.holding(reading.number.start) or reading.span
        next_start = readings[index + 1].number.start if index + 1 < len(readings) else len(text)
        figure = Figure(
            span=reading.span,
            value=reading.value,
            unit=reading.unit,
            printed_precision=reading.precision,
        )
        if reading.value is not None:
            figure.qualifier = _qualifier(text, reading.span.start)
            if reading.unit == "count":
                figure.counts = _counted_noun(text, reading.span.end, clause.end)
                figure.status = _status(text, clause, reading.span, next_start)
            elif reading.unit == "percent":
                figure.counts = _rate_name(text, clause, reading.span.start)
            figure.as_of = next(
                (d for start, end, d in as_of if start < reading.span.start < end), None
            )
            head = text[max(clause.start, reading.span.start - 40) : reading.span.start]
            figure.cumulative = bool(
                en_units.CUMULATIVE.search(head)
                or _CUMULATIVE_AFTER.match(text, reading.span.end, clause.end)
            )
        figures.append(figure)
    relations = find_relations(text, figures, sections)
    relations += find_changes(text, figures)
    relations.sort(key=lambda r: (r.source, r.kind.value))
    fill_from_relations(figures, relations)
    link_quantities(figures, relations, text)
    _log.debug("found %d figures and %d relations", len(figures), len(relations))
    return Extraction(figures=figures, relations=relations)
