"""How English (machine-translated) reports describe an inspection: the words that mark its
kind, its round and batch, its stationing and its feedback.

:mod:`ducha.loaders.inspections` reads these patterns.
"""

from __future__ import annotations

import re

__all__ = [
    "BATCH",
    "BATCH_WORD",
    "FEEDBACK",
    "INSPECTED_OF",
    "LOOK_BACK",
    "PARTY_TOUR",
    "PROVINCIAL",
    "ROUND",
    "ROUND_WORD",
    "SPECIAL",
    "STARTED",
    "STATIONING",
]

_ORDINAL = (
    r"(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d{1,2}(?:st|nd|rd|th))"
)

ROUND = re.compile(rf"\b{_ORDINAL}\s+round\b", re.IGNORECASE)
ROUND_WORD = "round"  # in every text ROUND matches, in lower case
# "the third batch of central inspections", not "the 24th batch of petition letters".
BATCH = re.compile(
    rf"\b{_ORDINAL}\s+batch\b(?![^.]{{0,40}}\b(?:letters?|petitions?|visits?|complaints?|cases?)\b)"
    rf"(?=[^.]{{0,80}}\b(?:inspect|supervis|round))",
    re.IGNORECASE,
)
BATCH_WORD = "batch"  # in every text BATCH matches, in lower case
# A sentence that reports the feedback ("fed back", "gave its feedback").
FEEDBACK = re.compile(r"\b(?:feedback|fed\s+(?:\w+\s+){0,3}back|feed\s+back)\b", re.IGNORECASE)
# A sentence that reports the stationing or the inspection itself.
STATIONING = re.compile(
    r"\b(?:inspect\w*|supervis\w*|stationed|station\w*|review\w*|carried out|conducted|"
    r"looking back|look back)\b",
    re.IGNORECASE,
)
# A single date that starts an inspection ("both inspected in September 2020").
STARTED = re.compile(
    r"\b(?:inspected|began|begun|started|stationed|entered|conducted|carried out)\s+"
    r"(?:\w+\s+){0,2}(?:in|on|from)\s*$",
    re.IGNORECASE,
)
LOOK_BACK = re.compile(r"\blook(?:ing)?[- ]back\b|\"review\"|“review”", re.IGNORECASE)
SPECIAL = re.compile(r"\bspecial\s+inspection\b", re.IGNORECASE)
PROVINCIAL = re.compile(r"\bprovincial\s+inspection\b", re.IGNORECASE)
# A Party inspection tour (巡视): a routine inspection of a Party organisation.
PARTY_TOUR = re.compile(r"\broutine\s+inspection\b|\binspection\s+tour\b", re.IGNORECASE)
# "conducted a routine inspection of the Party Group ...": the body inspected follows.
INSPECTED_OF = re.compile(r"\b(?:inspection|supervision)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
