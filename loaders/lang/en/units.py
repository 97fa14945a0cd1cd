"""English words around a reported figure: units, qualifiers, statuses, as-of phrases.

Units are local names of SKOS concepts in the ``ducha:`` namespace (``ducha:yuan``,
``ducha:tonPerDay`` ...); :data:`UNIT_NAMES` is the full list the ontology must declare.
Statuses and qualifiers are local names of ``ducha:`` concepts too.
"""

from __future__ import annotations

import re

__all__ = [
    "AS_OF",
    "COUNT_STOP_WORDS",
    "CUMULATIVE",
    "DOLLAR_PREFIX",
    "NEUTRAL_MODIFIERS",
    "PARTICIPLES",
    "PERSON_NOUNS",
    "QUALIFIERS",
    "RATE_WORDS",
    "RUNNING_TOTAL",
    "SPECIFIC_COUNTS",
    "STATUSES",
    "UNFINISHED_STATUSES",
    "UNITS",
    "UNIT_NAMES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PER_DAY = r"\s*(?:/|per|a|an|every|each)\s*(?:day|d)\b"
_PER_HOUR = r"\s*(?:/|per|an|every|each)\s*(?:hour|h)\b"
_PER_YEAR = r"\s*(?:/|per|a|every|each)\s*(?:year|annum|yr|a)\b"
_TON = r"(?:tons?|tonnes?|t\b)"
_CUBIC = r"(?:cubic\s+met(?:er|re)s?|m3|m³)"

# (pattern right after the number and its multiplier, unit). Compound units come before
# their parts so "tons/day" is not read as "tons".
UNITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), unit)
    for p, unit in [
        (r"\s*(?:%|percent\b|per\s+cent\b|pct\b\.?)", "percent"),
        (r"\s*percentage\s+points?\b", "percentagePoint"),
        (rf"\s*{_TON}{_PER_DAY}", "tonPerDay"),
        (rf"\s*{_TON}{_PER_HOUR}", "tonPerHour"),
        (rf"\s*{_TON}{_PER_YEAR}", "tonPerYear"),
        (rf"\s*{_CUBIC}{_PER_DAY}", "cubicMetrePerDay"),
        (rf"\s*{_CUBIC}", "cubicMetre"),
        (r"\s*yuan\s*(?:/|per|a|an|each)\s*(?:ton|tonne)\b", "yuanPerTon"),
        (r"\s*(?:yuan|rmb)\b(?:\s+of\s+RMB)?", "yuan"),
        (r"\s*(?:u\.?s\.?\s+)?dollars?\b|\s*usd\b", "usDollar"),
        (r"\s*(?:square\s+kilomet(?:er|re)s?|km2|km²|sq\.?\s*km)", "squareKilometre"),
        (r"\s*(?:square\s+met(?:er|re)s?|m2|m²|sq\.?\s*m\b)", "squareMetre"),
        (r"\s*(?:kilomet(?:er|re)s?\b|km\b)", "kilometre"),
        (r"\s*(?:met(?:er|re)s?\b|m\b)", "metre"),
        (r"\s*(?:hectares?\b|ha\b)", "hectare"),
        (r"\s*mu\b", "mu"),
        (rf"\s*{_TON}", "ton"),
        (r"\s*(?:megawatts?\b|mw\b)", "megawatt"),
        (r"\s*(?:kilowatt[- ]hours?\b|kwh\b)", "kilowattHour"),
        (r"\s*(?:person|people)[- ]times\b", "personTime"),
        (r"\s*(?:years?)\b(?!\s+(?:ago|old))", "year"),
        (r"\s*(?:years?\s+old)\b", "year"),
    ]
]

# "$4.4 billion": a currency sign before the number.
DOLLAR_PREFIX = re.compile(r"(?:US\s?)?\$\s?$")

UNIT_NAMES: tuple[str, ...] = (
    "count",
    "percent",
    "percentagePoint",
    "yuan",
    "usDollar",
    "yuanPerTon",
    "kilometre",
    "metre",
    "squareKilometre",
    "squareMetre",
    "hectare",
    "mu",
    "ton",
    "tonPerDay",
    "tonPerHour",
    "tonPerYear",
    "cubicMetre",
    "cubicMetrePerDay",
    "megawatt",
    "kilowattHour",
    "person",
    "personTime",
    "year",
)

# Words right before a number that bound it; longest first.
QUALIFIERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p + r"\s*$", re.IGNORECASE), q)
    for p, q in [
        (r"\b(?:no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to|less\s+than|under|below"
         r"|fewer\s+than|within)", "atMost"),
        (r"\b(?:more\s+than|over|above|at\s+least|no\s+less\s+than|not\s+less\s+than"
         r"|exceeding)", "atLeast"),
        (r"\b(?:nearly|about|around|some|approximately|almost|roughly|close\s+to"
         r"|estimated)", "approximately"),
    ]
]  # fmt: skip

# Status phrases, most specific first: "completed in stages" before "completed".
STATUSES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), s)
    for p, s in [
        (r"\b(?:completed|finished|rectified|done)\s+in\s+stages\b|\bphased\b"
         r"|\bin\s+stages\b", "completedInStages"),
        (r"\bbasically\s+(?:been\s+)?(?:completed|finished|rectified|done)\b",
         "basicallyCompleted"),
        (r"\b(?:sold|cancel(?:l?ed)?)\s+(?:the\s+)?(?:number|account)s?\b|\bsales?\s+numbers?\b",
         "closed"),
        (r"\breached\s+the\s+time\s+schedule\b|\bon\s+schedule\b|\bas\s+scheduled\b",
         "onSchedule"),
        (r"\blong[- ]term\b", "longTerm"),
        (r"\b(?:progressing|in\s+progress|being\s+(?:carried\s+out|rectified|implemented"
         r"|promoted|handled)|advancing|under\s+way|pushed\s+forward|ongoing"
         r"|remaining|still\s+remaining|under\s+investigation)\b", "inProgress"),
        (r"\b(?:completed|finished|complete|accomplished)\b", "completed"),
        (r"\b(?:rectified|solved|settled|resolved|answered\s+with\s+rectification"
         r"|handled|treated|restored|removed)\b", "rectified"),
    ]
]  # fmt: skip

# Statuses of work not yet done: a breakdown that names one of them beside a done status
# has listed every state of its total.
UNFINISHED_STATUSES = frozenset({"inProgress", "onSchedule", "longTerm"})

CUMULATIVE = re.compile(
    r"\b(?:a\s+total\s+of|in\s+total|total|cumulative(?:ly)?|so\s+far|altogether"
    r"|up\s+to\s+now|in\s+all|accumulated)\b",
    re.IGNORECASE,
)

# As-of phrases: "As of November 6, 2023", "By the end of May 2023", "Up to the end of July
# 2023", "By June 30, 2017". Group ``month``/``day``/``year``; a missing day means the
# end of the month.
AS_OF = re.compile(
    r"\b(?:as\s+of|by|up\s+to|until|till|ending)\s+(?:the\s+end\s+of\s+)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?"
    r"|Nov\.?|Dec\.?)"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)

# Words that make a percentage a rate of something ("a completion rate of 98.7%").
RATE_WORDS = re.compile(
    r"\b(?:rate|ratio|proportion|share|accounting\s+for|accounted\s+for)\b", re.IGNORECASE
)

# Heads of counted nouns that are people: a count of people is not a part of a count of
# cases or companies ("Of these [cases], 1,232 companies were fined ..., 623 cadres ...").
PERSON_NOUNS = frozenset(
    _words(
        """
    people persons person cadres cadre officials official leaders leader members member
    students student trainees individuals staff personnel experts expert residents
    villagers party-members activists employees workers
    """
    )
)

# Irregular verb forms that end a counted noun phrase ("4,660 people held accountable").
PARTICIPLES = frozenset(
    _words(
        """
    held given taken found made built set put sent paid shut brought caught laid kept won
    came went got concern concerns need needs became become seen done
    """
    )
)

# Words that end the noun phrase naming what a figure counts.
COUNT_STOP_WORDS = frozenset(
    _words(
        """
    of in on at from for to by with without as than into onto over under about after before
    since during through between among including which who whom whose that where when while
    have has had having was were is are be been being will would shall should can could may
    might must do does did and or but nor so yet the a an this these those their its his her
    our your my respectively each all every both more most less least also still only even
    just already totally altogether together successively were been such
    concern concerns came went got need needs respectively below above
    involving concerning covering
    """
    )
)

# Counted things specific enough that two mentions in one report are the same thing even
# when their numbers differ ("2,726 letters and visits", later "2,726 valid letters and
# visits"), so a different number is worth a warning. Generic nouns ("problems", "measures",
# "cases") name many different counts in one report and are linked only when the printed
# numbers agree.
SPECIFIC_COUNTS = frozenset(
    {
        "letters and visits",
        "petitions",
        "environmental petitions",
        "petition letters",
        "complaints",
        "complaint letters",
        "calls and letters",
        "rectification tasks",
    }
)

# A running total ("Up to 4 p.m. on September 4th, 24 batches with 4697 petition letters",
# "So far, ..."): a count of everything to date, not the same thing as one batch's count.
RUNNING_TOTAL = re.compile(
    r"^\W*(?:up\s+to|as\s+of|by\s+the\s+end\s+of|until|till|since)\b"
    r"|\b(?:so\s+far|up\s+to\s+now|to\s+date|by\s+now|cumulatively|accumulated)\b",
    re.IGNORECASE,
)

# Modifiers that do not change what is counted ("valid letters and visits" are the letters
# and visits the report counts).
NEUTRAL_MODIFIERS = frozenset({"valid", "effective"})
