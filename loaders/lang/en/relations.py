"""English wording of the arithmetic reports state between their figures.

Each pattern reads one shape of sentence; :mod:`ducha.loaders.relations` and the rule
modules it runs (:mod:`ducha.loaders.parts`, :mod:`ducha.loaders.breakdowns`,
:mod:`ducha.loaders.rates`, :mod:`ducha.loaders.stated_counts`) apply them. Patterns
matched against the text right before a figure end in ``$``; those matched right after it
start with ``^``.
"""

from __future__ import annotations

import re

from ducha.loaders.anchors import Anchored

__all__ = [
    "ACCEPTED",
    "ACCOUNTING",
    "AFTER_RATE_OF",
    "AS_FOLLOWS",
    "BOTH",
    "BY_DIMENSION",
    "CLASSIFIED",
    "CLASSIFIED_AT",
    "CLOSING",
    "COLON_LEAD",
    "COLON_LIST",
    "CONTINUED",
    "DEFINITE",
    "DONE_WORDS",
    "FUNNEL_NOUNS",
    "HANDED",
    "LEAD_OF",
    "LEVEL",
    "LIST_MARKER",
    "LIST_NOUNS",
    "NAME_LIST",
    "NAME_LIST_OF",
    "NAME_LIST_RESPECTIVELY",
    "NESTED",
    "OR_RATE",
    "PAREN_LIST",
    "PLACE_NOUNS",
    "PROBLEMS_IN_ASPECTS",
    "PROPER_NAME",
    "RATE_OF_THE",
    "RECEIVED",
    "REMAINING",
    "REMAINING_BEFORE",
    "SCHEDULED",
    "SENTENCE_END",
    "SHORT_ASIDE",
    "SINGLE_PLACE",
    "STATIONED_IN",
    "THESE",
    "THE_NOUN_LEAD",
    "X_OF_THEM",
    "X_OF_THE_NOUN",
    "X_OF_THE_PARTICIPLE",
    "X_OF_THE_Y",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "4 p.m. on September 4th" does not end a sentence, nor does "Co., Ltd. and China …"
# (a full stop before a lower-case word is an abbreviation's).
SENTENCE_END = Anchored(
    re.compile(
        r"(?<!\bNo)(?<![ap]\.m)(?:[.!?]+(?=\s+(?![a-z])|\s*$)|;+(?=\s|$))"
        r"|(?<=[a-z])\.(?=[A-Z])|\n+"
    ),
    (r"[.!?;\n]",),
)

# --- parts -------------------------------------------------------------------------------

# "83 of the 115", "3 of its 5", "491 out of 507"
X_OF_THE_Y = re.compile(
    r"^\s*(?:of|out\s+of)\s+(?:the\s+|all\s+(?:the\s+)?|its\s+|their\s+|our\s+)?$", re.I
)
# "1,692 of whom", "24 of which", "9.4 hectares of them"
X_OF_THEM = re.compile(r"^[^,;()\d]{0,30}?\b(?:of|among)\s+(?:them|these|those|which|whom)\b", re.I)
# "919 of the reported water bodies", "21 of the handed-over cases"
X_OF_THE_NOUN = re.compile(
    r"^\s+of\s+the\s+(?P<mods>(?:[a-z-]+\s+){0,3})(?P<head>[a-z-]+)\s*(?:[.,;)]|$)", re.I
)
# "21 of the handed-over cases were still …": a whole named by the verb that introduced it
X_OF_THE_PARTICIPLE = re.compile(
    r"^\s+of\s+the\s+(?P<mods>[a-z]+-[a-z]+\s+|[a-z]+ed\s+)(?P<head>[a-z]+)\b", re.I
)
# "2,138 residents of 5 villages": the second count sits inside the first one's noun phrase
NESTED = re.compile(r"^\s+[a-z][a-z -]*\s(?:of|in|from|across)\s+(?:the\s+)?$", re.I)
LEAD_OF = re.compile(r"\b(?P<lead>of|among)\s+(?:the\s+|all\s+(?:the\s+)?)?$", re.I)
LIST_MARKER = re.compile(
    r"\b(?:including|among\s+(?:whom|them|which)(?:\s+there\s+(?:are|were|is))?"
    r"|of\s+(?:which|whom))\b",
    re.I,
)
THESE = re.compile(r"\W*(?:of|among)\s+(?:these|them|the\s+total|this\s+total)\b", re.I)
# "Of the petitions, 37 concern …": a whole named by its noun alone, at a sentence start
THE_NOUN_LEAD = re.compile(
    r"\W*(?:of|among)\s+(?:the|these|those|all\s+the)\s+(?P<noun>[a-z-]+(?:\s+[a-z-]+){0,3})\s*,",
    re.I,
)
# "the 42 hydropower stations … were classified and rectified: 21 were demolished, …"
COLON_LEAD = re.compile(r"^[^.;:\d]{0,120}:\s*$")
# what joins the parts of such a list: "21 were demolished, 16 …, and 5 …"
COLON_LIST = re.compile(r"^[^.;:\d]*(?:,|\band\b)[^.;:\d]*$", re.I)

# --- breakdowns --------------------------------------------------------------------------

CLASSIFIED = re.compile(
    r"\b(?:classified|divided|broken\s+down|sorted|grouped)\s+(?:by|according\s+to|into)\b",
    re.I,
)
CLASSIFIED_AT = Anchored(CLASSIFIED, ("classified", "divided", "broken", "sorted", "grouped"))
# "By city, Jinan has 27, …", "By type of accountability, nineteen persons …" (not "By the
# end of May"): a breakdown along one dimension, at a sentence start
BY_DIMENSION = re.compile(
    r"\W*(?:by|according\s+to)\s+(?:the\s+)?(?:type|types|city|cities|region|regions|category"
    r"|categories|channel|channels|source|sources|industry|industries|sector|sectors|field"
    r"|fields|level|levels|rank|ranks|county|counties|district|districts|province|provinces"
    r"|prefecture|prefectures|kind|kinds|nature|area|areas)\b(?:\s+of\s+[a-z -]{1,40}?)?\s*,",
    re.I,
)
CONTINUED = re.compile(r"^\W*as\s+for\b|\bin\s+turn\b|\brespectively\b", re.I)
CLOSING = re.compile(r"\b(?:remaining|the\s+rest|other|others|and\s+below|below)\b", re.I)
LEVEL = re.compile(r"\blevel\b", re.I)
# the stages of a complaint funnel, in order: received → accepted → handed over → done
RECEIVED = re.compile(r"\b(?:received|collected|took\s+in)\b", re.I)
ACCEPTED = re.compile(r"\b(?:accepted|verified|admitted|registered)\b|\bvalid\s*$", re.I)
HANDED = re.compile(r"\b(?:handed\s+over|transferred|assigned|referred)\b", re.I)
DONE_WORDS = re.compile(
    r"\b(?:completed|settled|handled|closed|resolved|rectified|concluded|finished)\b", re.I
)
# what a funnel counts: a later stage may name it otherwise ("reports" … "cases")
FUNNEL_NOUNS = _words(
    """
    reports report cases case letters letter petitions petition complaints complaint calls
    clues clue visits problems problem items item
    """
)
# "must complete 14 items before the end of September", "Of the 127 letters still remaining"
SCHEDULED = re.compile(
    r"\b(?:before|by\s+the\s+end\s+of|timetable|schedule|deadline|must|plan(?:ned|s)?\s+to)\b",
    re.I,
)
REMAINING = re.compile(r"\b(?:remaining|the\s+rest|still)\b", re.I)
# "the remaining 12 items": the last part, which closes the breakdown
REMAINING_BEFORE = re.compile(r"\b(?:the\s+)?(?:remaining|other|rest\s+of\s+the)\s+$", re.I)
DEFINITE = re.compile(r"\bthe\s+$", re.I)
# "The reclamation area of the Sun Moon Island project is 97 hectares, and … on Moon
# Island, 49.1 hectares": names of places in an area or length statement
PROPER_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
# "31,457 cases altogether in the seven provincial regions" … "the regulators of the
# province … deal with 4,583 cases": a total over several places and one place's share
PLACE_NOUNS = _words(
    """
    provinces regions cities counties districts prefectures municipalities
    """
)
SINGLE_PLACE = re.compile(
    r"\b(?:the|this|that)\s+(?:province|region|city|county|district|prefecture|municipality)\b",
    re.I,
)

# --- rates -------------------------------------------------------------------------------

ACCOUNTING = re.compile(r"\baccount(?:ing|ed|s)?\s+for\s*$", re.I)
AFTER_RATE_OF = re.compile(r"^\s*of\b", re.I)
# "398 have been settled, or 96.6 per cent": a rate restating the count before it
OR_RATE = re.compile(r",\s*or\s+(?:about\s+|nearly\s+)?$", re.I)
# "the completion rate of the handed-over cases reached 99.3 per cent"
RATE_OF_THE = re.compile(
    r"\b(?:rate|ratio|proportion|share)\s+of\s+the\s+(?P<mods>(?:[a-z-]+\s+){0,3})"
    r"(?P<head>[a-z-]+)\b[^\d%,;]{0,30}$",
    re.I,
)

# --- stated counts -----------------------------------------------------------------------

PROBLEMS_IN_ASPECTS = re.compile(r"^\s*(?:problems?|issues?)\s+in\s*$", re.I)
AS_FOLLOWS = re.compile(r"\b(?:as\s+follows|the\s+following|namely)\b|:\s*$", re.I)
PAREN_LIST = re.compile(r"^[^()]{0,60}?\(\s*([A-Z][^()]*?,[^()]*)\)")
# "(autonomous regions)": an aside without a list in it
SHORT_ASIDE = re.compile(r"\s*\([^(),]{0,40}\)")
NAME_LIST = re.compile(
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:\s*,\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*){1,}"
    r",?\s+and\s+[A-Z][\w'-]*"
)
NAME_LIST_RESPECTIVELY = re.compile(NAME_LIST.pattern + r"\s+respectively\b")
# "four cities of Liuzhou, Beihai, Laibin and Chongzuo"
NAME_LIST_OF = re.compile(r"[a-z -]{0,40}?\b(?:of|namely|:)\s+" + NAME_LIST.pattern)
# "Aluminum Corporation of China and China National Building Material Group Co, both …"
BOTH = re.compile(r"\b[A-Z][\w'-]*(?:\s+[\w'-]+){0,7}\s+and\s+[A-Z][^,;.]{2,80},\s+both\b")
STATIONED_IN = re.compile(
    r"[a-z ,-]{0,80}?\b(?:stationed|based|located|deployed)\s+in\s+" + NAME_LIST.pattern
)
# nouns of the lists a report numbers: "4 rectification measures" before "(1) … (4) …"
LIST_NOUNS = _words(
    """
    measures problems issues tasks items aspects requirements opinions suggestions
    """
)
