"""Dates and date ranges stated in a report, each kept as precise as the text prints it.

"September 22 to December 20, 2022" is one range with two day-precise ends; "By the end of
May 2023" is May 2023 (month precision); "In May and October 2023" is two months. A date
printed without its year ("On March 24, ...") takes the year of the nearest fully dated
mention before it (reports run forward in time), else the reference date's year, else the
year of the next dated mention; such dates are flagged ``year_inferred``. Bare years
("Since 2013") are not dates here: they only count as the open end of a range
("2021 to January 5, 2022", "from 2013 to 2015").

>>> [m.isoformat() for m in find_dates("From Apr. 28 to May 28, 2017, then on July 30.")]
['2017-04-28/2017-05-28', '2017-07-30']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ducha.loaders.anchors import scan_text
from ducha.loaders.lang.en import dates as en
from ducha.loaders.model import Span

__all__ = ["DateMention", "When", "find_dates"]


@dataclass(frozen=True)
class When:
    """A point in time as precise as printed: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_date(self) -> date | None:
        """The calendar date, only when the text gives the day."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def first_day(self) -> date:
        """The first day this point can mean (a month stands for its first day)."""
        return date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class DateMention:
    """A date or a range of dates and the span of text that states it."""

    span: Span
    start: When
    end: When | None = None  # set for ranges
    year_inferred: bool = False

    def isoformat(self) -> str:
        if self.end is None:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass
class _Atom:
    """One printed date before ranges are assembled; ``year`` may still be missing."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    bare_year: bool = False


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every date and date range in ``text``, in order of appearance.

    ``reference`` (the report's own date, when known) supplies the year of dates printed
    without one when no earlier date in the text does. Never raises on odd text: tokens
    that are not valid calendar dates are skipped.
    """
    atoms = _atoms(text)
    mentions: list[tuple[_Atom, _Atom | None]] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        following = atoms[index + 1] if index + 1 < len(atoms) else None
        day_end = en.DAY_END.match(text, atom.end) if atom.day is not None else None
        if following is not None and _is_range(text, atom, following):
            mentions.append((atom, following))
            index += 2
            continue
        if day_end is not None and atom.year is None:
            # "November 21 to 22, 2023": the end shares the start's month.
            end_year = int(day_end["y"]) if day_end["y"] else None
            end = _Atom(atom.end, day_end.end(), end_year, atom.month, _day(day_end["d"]))
            mentions.append((atom, end))
            index += 1
            continue
        if following is not None and _is_list(text, atom, following):
            # "In May and October 2023": both months share the later year.
            atom.year = following.year
        if not atom.bare_year:
            mentions.append((atom, None))
        index += 1
    return _with_years(mentions, reference)


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in scan_text(text).finditer(en.DATE_ATOM):
        groups = {key: value for key, value in match.groupdict().items() if value}
        year = next((int(v) for k, v in groups.items() if k.endswith("_y") or k == "y"), None)
        month_text = next((v for k, v in groups.items() if k.endswith("_m")), None)
        day_text = next((v for k, v in groups.items() if k.endswith("_d")), None)
        if "iso_m" in groups:
            month: int | None = int(groups["iso_m"])
        else:
            month = en.month_number(month_text) if month_text else None
        day = _day(day_text) if day_text else None
        atom = _Atom(match.start(), match.end(), year, month, day, bare_year="y" in groups)
        if _valid(atom):
            atoms.append(atom)
    return atoms


def _day(printed: str) -> int:
    return int(re.sub(r"\D", "", printed))


def _valid(atom: _Atom) -> bool:
    if atom.month is None or atom.day is None:
        return True
    try:
        date(atom.year or 2000, atom.month, atom.day)  # 2000 is a leap year: Feb 29 passes
    except ValueError:
        return False
    return True


def _is_range(text: str, first: _Atom, second: _Atom) -> bool:
    if en.RANGE_JOINER.fullmatch(text, first.end, second.start) is None:
        return False
    if first.bare_year and second.bare_year:
        # Two bare years form a range only after "from" ("from 2013 to 2015"), never in
        # a title's validity span or a list of years.
        return text[max(0, first.start - 5) : first.start].strip().lower() == "from"
    if second.bare_year:
        return False
    return first.year is None or second.year is None or first.year <= second.year


def _is_list(text: str, first: _Atom, second: _Atom) -> bool:
    joined = en.LIST_JOINER.fullmatch(text, first.end, second.start) is not None
    return (
        joined
        and first.year is None
        and first.day is None
        and second.year is not None
        and second.day is None
    )


def _with_years(
    mentions: list[tuple[_Atom, _Atom | None]], reference: date | None
) -> list[DateMention]:
    """Fill in missing years and build the public mentions."""
    found: list[DateMention] = []
    for position, (start, end) in enumerate(mentions):
        if end is not None and end.year is not None and start.year is None:
            # A range's start shares its end's year, unless it wraps into the year before.
            wraps = (start.month or 0) > (end.month or 12)
            start.year = end.year - 1 if wraps else end.year
        if end is not None and end.year is None and start.year is not None:
            end.year = start.year
        inferred = start.year is None
        if inferred:
            year = _context_year(mentions, position, reference)
            if year is None:
                continue
            start.year = year
            if end is not None:
                end.year = year
        found.append(_mention(start, end, inferred))
    return found


def _context_year(
    mentions: list[tuple[_Atom, _Atom | None]], position: int, reference: date | None
) -> int | None:
    for start, end in reversed(mentions[:position]):
        last = end or start
        if last.year is not None and last.month is not None:
            return last.year
    if reference is not None:
        return reference.year
    for start, _end in mentions[position + 1 :]:
        if start.year is not None and start.month is not None:
            return start.year
    return None


def _mention(start: _Atom, end: _Atom | None, inferred: bool) -> DateMention:
    assert start.year is not None  # filled in by _with_years
    first = When(start.year, start.month, start.day)
    last = None
    if end is not None:
        assert end.year is not None
        last = When(end.year, end.month, end.day)
    mention = DateMention(Span(start.start, (end or start).end), first, last, inferred)
    if last is not None and last.first_day() < first.first_day():
        return replace(mention, end=None)
    return mention
