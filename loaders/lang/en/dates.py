"""How English (machine-translated) reports write dates.

Only the language-specific pieces live here: month names and the regular expressions for
one date ("March 3, 2023", "1st August", "2022-06-02", "November 2018"), for the words that
join two dates into a range ("to", "through") and for the word that lists two months
("In May and October 2023"). :mod:`ducha.loaders.dates` assembles them into date mentions.
"""

from __future__ import annotations

import re

from ducha.loaders.anchors import DIGITS_SCOUT, Anchored

__all__ = [
    "DATE_ATOM",
    "DAY_END",
    "LIST_JOINER",
    "MONTHS",
    "MONTH_SCOUTS",
    "RANGE_JOINER",
    "month_number",
]

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

# Abbreviations MT and English news use ("Apr. 28", "Jan 12", "Sept. 5"). Month names are
# matched capitalised only, so the modal verb "may" and the verb "march" never match.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|June|July|August|September|October|November"
    r"|December)\b"
)
_YEAR = r"(?:19|20)\d{2}(?![\d,.]\d)"
# "4th", "4 th" (MT puts a space before the suffix), "22"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:\s?(?:st|nd|rd|th)\b)?"

# The first three letters of every month name and abbreviation, in lower case: where a
# pattern that opens with a month name can match (see ducha.loaders.anchors).
MONTH_SCOUTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# One date, as precise as printed. Named groups: iso_*, mdy_*, dmy_*, my_*, m_*, y.
# Each starts at a run of digits or at a month name (scouted in lower case).
DATE_ATOM = Anchored(
    re.compile(
        rf"""
    (?<![\d-])(?P<iso_y>{_YEAR})-(?P<iso_m>0?[1-9]|1[0-2])-(?P<iso_d>[0-3]?\d)(?!\d)
  | \b(?P<mdy_m>{_MONTH})\s*(?P<mdy_d>{_DAY})(?:,?\s*(?P<mdy_y>{_YEAR}))?
  | (?<![\d.,])(?P<dmy_d>{_DAY})\s+(?P<dmy_m>{_MONTH})(?:,?\s*(?P<dmy_y>{_YEAR}))?
  | \b(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})
  | \b(?P<m_m>{_FULL_MONTH}|May(?=\s+(?:and|to|-)\s+[A-Z]))
  | (?<![\d.,-])(?P<y>{_YEAR})(?![\d-])
    """,
        re.VERBOSE,
    ),
    (DIGITS_SCOUT, *MONTH_SCOUTS),
)

# Between the two ends of a range: "September 22 to December 20, 2022", "from 2012 through
# 2016", "2021 to January 5, 2022".
RANGE_JOINER = re.compile(r"\s*(?:to|through|until|till|-|–|—)\s*")

# A range whose end is only a day: "November 21 to 22, 2023".
DAY_END = re.compile(
    rf"\s*(?:to|-|–)\s*(?P<d>{_DAY})(?!\s+(?:{_MONTH}))(?:,?\s*(?P<y>{_YEAR}))?"
)

# Two dates listed, sharing the later one's year: "In May and October 2023".
LIST_JOINER = re.compile(r"\s*(?:and|,)\s*")


def month_number(word: str) -> int:
    """The month a printed month name or abbreviation stands for ("Sept." is 9)."""
    prefix = word.rstrip(".").lower()[:3]
    for name, number in MONTHS.items():
        if name.startswith(prefix):
            return number
    raise ValueError(f"not a month name: {word!r}")
