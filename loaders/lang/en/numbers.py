"""English number tables: number words, word multipliers, non-figure contexts, garbles.

Machine-translated Chinese reports print numbers in three ways: digits ("3,917"), words
("Ninety-six", "two batches") and digits with multiplier words ("138.4426 million yuan",
"80 100 million yuan" for 80亿). They also print many numbers that are not reported
figures: years, dates, clock times, ordinals, outline numbers, document numbers and the
numbered slogans of Chinese politics ("two establishments"). Everything English about
that lives here; :mod:`ducha.loaders.figures` applies it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ducha.loaders.anchors import DIGITS_SCOUT, LINE_SCOUT, Anchored
from ducha.loaders.lang.en.dates import MONTH_SCOUTS

__all__ = [
    "COUNTED_FRACTION_WORDS",
    "DIGITS",
    "FRACTION_WORDS",
    "GARBLES",
    "MULTIPLIERS",
    "NON_FIGURES",
    "NUMBER_WORD",
    "NUMBER_WORDS",
    "TENS_WORDS",
    "WORD_NUMBER_EXCLUSIONS",
    "YEAR",
    "word_value",
]

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip

TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

# A fraction is a figure only where it quantifies something ("half of the sewage",
# "less than a third of the pipelines"): "the first half of the year" and "every quarter"
# are periods, so each pattern requires the partitive "of" and rules out ordinals before.
FRACTION_WORDS: dict[str, Decimal] = {
    "half": Decimal("0.5"),
    "a half": Decimal("0.5"),
    "one half": Decimal("0.5"),
    "a third": Decimal("0.333333"),
    "one third": Decimal("0.333333"),
    "two thirds": Decimal("0.666667"),
    "a quarter": Decimal("0.25"),
    "one quarter": Decimal("0.25"),
    "three quarters": Decimal("0.75"),
    "a fifth": Decimal("0.2"),
    "a tenth": Decimal("0.1"),
}

# Fractions with a numeral before a denominator that is never a period or an ordinal
# ("fell by one fifth", "two-fifths of the area") are figures without the partitive "of".
COUNTED_FRACTION_WORDS: dict[str, Decimal] = {
    "one fifth": Decimal("0.2"),
    "two fifths": Decimal("0.4"),
    "three fifths": Decimal("0.6"),
    "four fifths": Decimal("0.8"),
    "one sixth": Decimal("0.166667"),
    "one eighth": Decimal("0.125"),
    "one tenth": Decimal("0.1"),
    "three tenths": Decimal("0.3"),
    "two thirds": Decimal("0.666667"),
}

_ONES = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)


def _alternatives(words: dict[str, Decimal]) -> str:
    """ "one fifth" also printed "one-fifth"; longest first."""
    return "|".join(w.replace(" ", "[- ]") for w in sorted(words, key=len, reverse=True))


_FRACTIONS = _alternatives(FRACTION_WORDS)
_COUNTED_FRACTIONS = _alternatives(COUNTED_FRACTION_WORDS)

# "Ninety-six", "twenty five", "two", "a hundred"; the hyphen may be spaced as in the
# garbled "two -wheeled". Fractions come first so "a third of" is not read as "a".
NUMBER_WORD = Anchored(
    re.compile(
        rf"(?<![\w-])(?:(?P<fraction>(?:{_COUNTED_FRACTIONS})(?![\w-])|(?:{_FRACTIONS})(?=\s+of\b))"
        rf"|(?P<tens>{_TENS})(?:[- ](?P<unit>{_ONES}))?"
        rf"|(?P<ones>{_ONES})(?:\s+(?P<hundred>hundred))?)(?![\w])",
        re.IGNORECASE,
    ),
    # the heads of every number word ("eight" also finds "eighteen" and "eighty"), "half"
    # and the fractions with "a"
    (
        *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        *("ten", "eleven", "twelve", "thirt", "fift", "twenty", "forty", "ninety"),
        "half",
        r"a[- ](?:half|third|quarter|fifth|tenth)",
    ),
)

# Digits with optional thousands separators and decimals. The loose form (any comma
# grouping) is matched on purpose: "31,19815" must be seen whole to be reported unreadable.
DIGITS = Anchored(
    re.compile(r"(?<![\w.,])\d+(?:,\d+)*(?:\.\d+)?(?![\w])|(?<![\w.,])\.\d+(?![\w])"),
    (DIGITS_SCOUT, r"\.\d"),
)

YEAR = re.compile(r"^(?:19|20)\d\d$")

# Multiplier words after a number, with their factors; longest first so "100 million"
# (亿 translated word by word) wins over "million".
MULTIPLIERS: list[tuple[re.Pattern[str], Decimal]] = [
    (re.compile(r"\s*(?:100|one hundred|a hundred|hundred) million\b", re.I), Decimal(10**8)),
    (re.compile(r"\s*(?:10,000|ten thousand)(?=\s+(?:yuan|mu|tons?|tonnes?|people|kilo))", re.I),
     Decimal(10**4)),
    (re.compile(r"\s*(?:trillion)\b", re.I), Decimal(10**12)),
    (re.compile(r"\s*(?:billion\b|bn\.?)", re.I), Decimal(10**9)),
    (re.compile(r"\s*(?:million\b|mil\.|mln\b)", re.I), Decimal(10**6)),
    (re.compile(r"\s*thousand\b", re.I), Decimal(10**3)),
]  # fmt: skip

# Contexts whose numbers are not reported figures. A number inside any match is skipped.
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:t|tember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\.?"
)
_DAY = r"\d{1,2}(?:\s?(?:st|nd|rd|th))?"
_ONES_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
# Each pattern comes with its scouts (see :class:`~ducha.loaders.anchors.Anchored`): the
# lower-case literal heads where its matches can start, so that it is tried only there.
_DIGIT = (DIGITS_SCOUT,)
_NonFigure = tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], str]
_NON_FIGURE_TABLE: list[_NonFigure] = [
    # case-sensitive: a month name must be capitalised ("May" not "may")
    (
        rf"\b{_MONTH}\s+{_DAY}(?:\s*(?:to|-|–|and)\s*(?:{_MONTH}\s+)?{_DAY})?"
        rf"(?:,?\s+(?:19|20)\d\d)?(?![\d,]*\d)",
        MONTH_SCOUTS,
    ),
    # everything below ignores case
    (rf"\b{_DAY}\s+{_MONTH}\b(?:,?\s+(?:19|20)\d\d)?", _DIGIT),
    (rf"\b{_MONTH}\s+(?:and\s+{_MONTH}\s+)?(?:of\s+)?(?:19|20)\d\d\b", MONTH_SCOUTS),
    (
        r"\b(?:19|20)\d\d\s*(?:-|–|to)\s*(?:(?:19|20)\d\d|\d\d)\b(?!\s*(?:%|percent))",
        _DIGIT,
    ),
    (
        r"\b(?:19|20)\d\d-\d\d?-\d\d?(?:\s+\d\d?:\d\d(?::\d\d)?)?(?:\s+\d+\s+By\b)?",
        _DIGIT,
    ),
    (r"\b\d{1,2}:\d\d(?::\d\d)?\b", _DIGIT),
    (r"\b\d{1,2}(?:\s*o\s*'\s*clock|\s*[ap]\.m\.)", _DIGIT),
    (r"\b\d{1,2}\s+month\s+\d{1,2}\s+days?(?:\s+to\s+\d{1,2}\s+days?)?", _DIGIT),
    (r"\b\d+\s?(?:st|nd|rd|th)\b", _DIGIT),
    (r"\b(?:No|Number)\s*\.?\s*\d+(?:-\d+)*\b", ("no",)),
    # footers: "Website identification code 3700000048", "Lu ICP No. 05036578-1"
    (
        r"\b(?:identification|registration|record|filing)\s+(?:code|number)\s*:?\s*[\dA-Z-]+",
        ("identification", "registration", "record", "filing"),
    ),
    (r"\bICP\b[^\n\d]{0,20}[\d-]+", ("icp",)),
    (r"\[\s*(?:19|20)\d\d\s*\]", (r"\[",)),
    (
        r"\b(?:version|edition|phase|article|item|chapter|section)\s+\d+(?:\.\d+)*",
        ("version", "edition", "phase", "article", "item", "chapter", "section"),
    ),
    (r"(?:https?://|www\.)\S+", ("http", r"www\.")),
    (
        r"\b(?:tel|phone|fax|telephone|postcode|zip code|post code)\b\W{0,3}[\d\s()+-]{5,}",
        ("tel", "phone", "fax", "postcode", "zip code", "post code"),
    ),
    (r"\b\d{3,4}-\d{7,8}\b", _DIGIT),
    (r"\b\d+\s+(?:years?|months?|days?|hours?|minutes?|weeks?)\s+ago\b", _DIGIT),
    (
        r"\b(?:like|collect|share|comments?|views?|reads?)\s*\(\s*\d+\s*\)",
        ("like", "collect", "share", "comment", "view", "read"),
    ),
    (r"(?<![\w)])\(\s*\d{1,2}\s*\)", (r"\(",)),
    (r"(?:^|(?<=\n))[ \t]*\d{1,2}\.(?=\s|$)", (LINE_SCOUT,)),
    # a number run into the text before a heading on the same line ("… 2. Strengthen");
    # at the end of a line it ends a paragraph and is a figure ("ecological damage 13.")
    (r"(?<=[a-z,;:] )\d{1,2}\.(?=[ \t]+[A-Z])", _DIGIT),
    (
        r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)[ -]class\b",
        (" class", "-class"),  # plain text: found with the other words in one pass
        r"\w",
    ),
    (r"\bclass\s+(?:[IVX]+|\d)\b", ("class",)),
    (
        r"\b(?:one|two|three|four|five|six|seven|eight|ten|\w+teen|\w+ty)\s*-\s*"
        r"(?:years?|months?|weeks?|days?)\b",
        (r"-\s*(?:year|month|week|day)",),
        r"[\w\s]",
    ),
    # "one rectification in place, one settlement, and one closure": a slogan
    (r"\bone\b[^,.;\d]{1,30}(?:,\s*(?:and\s+)?one\b[^,.;\d]{1,30}){2,}", ("one",)),
    (r"(?<![\w-])one\s+(?:is|are|another|by\s+one)\b|\bno\s+one\b", ("one", "no")),
    (
        r"\b(?:two rivers and four banks|(?:the\s+)?eight provisions|four winds"
        r"|two establishments?|two safeguards?|two maintenances?|two high"
        r"|one post (?:and|with) two responsibilities"
        r"|three management and three necessities)\b",
        (
            "two ",
            "four winds",
            "one post ",
            "three management",
            "eight provisions",
            r"the\s+eight",
        ),
    ),
    (
        r"\b(?:first|second|latter|former|other)\s+half\b",
        (
            r"first\s+half",
            r"second\s+half",
            r"latter\s+half",
            r"former\s+half",
            r"other\s+half",
        ),
    ),
    (
        r"\b(?:hundreds|thousands|tens of thousands|dozens|millions|billions)\b",
        (
            "hundreds",
            "thousands",
            "tens of thousands",
            "dozens",
            "millions",
            "billions",
        ),
    ),
    (r"\bPM\s?\d+(?:\.\d+)?\b", ("pm",)),
]
NON_FIGURES: list[Anchored] = [
    Anchored(re.compile(entry[0], re.IGNORECASE if i else 0), entry[1], (*entry, None)[2])
    for i, entry in enumerate(_NON_FIGURE_TABLE)
]

# Number words that are idioms rather than counts ("one another", "at one time").
WORD_NUMBER_EXCLUSIONS = Anchored(
    re.compile(
        # "(?<![\w-])": "thirty-one of the 38 items" is a count
        r"(?<![\w-])one\s+(?:another|by\s+one|time|day|side|hand)\b|\bat\s+one\b|\bany\s+one\b"
        r"|\bthe\s+one\b|(?<![\w-])one\s+of\s+(?:the|its|their|our)\b",
        re.IGNORECASE,
    ),
    ("one", r"at\s+one", r"any\s+one", r"the\s+one"),
)

# Well-formed digits that translation has garbled: read as a number they would be wrong,
# so they are reported unreadable instead. A five-digit "year" ("21013 years to 2015") is
# the known shape; thousands groups that are not three digits ("31,19815") are caught by
# the parser itself.
GARBLES: list[re.Pattern[str]] = [
    re.compile(r"\b\d{5}(?=\s+years?\s+(?:to|until|-))", re.IGNORECASE),
]


def word_value(match: re.Match[str]) -> Decimal:
    """The value of a :data:`NUMBER_WORD` match ("Ninety-six" → 96, "a third" → 0.333333)."""
    if match["fraction"]:
        words = " ".join(match["fraction"].lower().replace("-", " ").split())
        return COUNTED_FRACTION_WORDS.get(words) or FRACTION_WORDS[words]
    if match["tens"]:
        value = TENS_WORDS[match["tens"].lower()]
        if match["unit"]:
            value += NUMBER_WORDS[match["unit"].lower()]
        return Decimal(value)
    value = NUMBER_WORDS[match["ones"].lower()]
    if match["hundred"]:
        value *= 100
    return Decimal(value)
