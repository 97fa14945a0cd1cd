"""How English (machine-translated) reports name documents: the head nouns that make a
string a document's title ("Notice", "Measures", "Action Plan"), the document type each
stands for, the verbs that say the report's author issued a document and the phrases that
say a problem breaches one.

A quoted string is a title only when its head noun is in :data:`DOCUMENT_HEADS`: "two high",
"road map" and "construction drawing" are slogans, not documents.
"""

from __future__ import annotations

import re

from ducha.loaders.anchors import Anchored

__all__ = [
    "AUTHOR_OF",
    "CONNECTORS",
    "DOCUMENT_HEADS",
    "EVERYDAY_CODES",
    "IMPLEMENTS",
    "ISSUE_VERBS",
    "ISSUE_VERB_SCAN",
    "LOWERCASE_HEADS",
    "PARTY_CUES",
    "SUBJECT_BEFORE_HEAD",
    "TITLE_STOPS",
    "UNQUOTED_HEADS",
    "VIOLATION",
    "document_type",
]

# Head noun (lower-case, possibly several words) -> SKOS local name of the document type.
DOCUMENT_HEADS: dict[str, str] = {
    "law": "law",
    "code": "law",  # "Civil Code of the People's Republic of China" (a law by its type)
    "regulations": "regulation",
    "regulation": "regulation",
    "provisions": "regulation",
    "rules": "rules",
    "measures": "measures",
    "plan": "plan",
    "plans": "plan",
    "notice": "notice",
    "circular": "notice",
    "opinions": "opinions",
    "letter": "letter",
    "key points": "keyPoints",
    "guidelines": "guidelines",
    "guide": "guidelines",
    "program": "programme",
    "programme": "programme",
    "scheme": "scheme",
    "standard": "standard",
    "standards": "standard",
    "system": "system",
    "catalogue": "other",
    "catalog": "other",
    "directory": "other",
    "key tasks": "other",
    "outline": "other",
    "decision": "other",
}

# Heads that make an unquoted Title-Case phrase a document ("the Water Law", "Measures for
# the Implementation of ..."). "System" or "Standard" alone are too common in running text.
UNQUOTED_HEADS = frozenset(
    {"law", "regulations", "rules", "measures", "plan", "program", "programme", "opinions",
     "scheme", "guidelines", "notice", "provisions", "code"}
)
# Codes of everyday life that reports name in Title Case ("the Health Code", "QR Code"):
# not legal codes.
EVERYDAY_CODES = re.compile(
    r"\b(?:QR|Health|Bar|Postal|Zip|Source|Trip|Itinerary|Place|Travel|Verification"
    r"|Colou?r|Area|Dress)\s+Codes?\b",
    re.IGNORECASE,
)

# Lower-case heads of documents named in running text after an issuing verb ("promulgated
# the regulations on the ecological restoration of Fenhe River Basin").
LOWERCASE_HEADS = frozenset(
    {"law", "regulations", "rules", "measures", "plan", "programme", "opinions"}
)

# Words that may join the parts of a title ("Measures for the Implementation of ...").
CONNECTORS = frozenset(
    {"of", "for", "on", "in", "the", "and", "to", "during", "with", "from", "by", "at", "a",
     "an", "about", "under", "between"}
)

# Capitalised words that never start a title (sentence openers, verbs of the imperative
# style "Formulate and issue the ...").
TITLE_STOPS = frozenset(
    {"the", "a", "an", "to", "in", "on", "and", "of", "for", "by", "at", "with", "from",
     "formulate", "issue", "issued", "research", "study", "compile", "revise", "establish",
     "strictly", "implement", "organize", "organized", "according", "since", "as", "up",
     "this", "that", "it", "we", "our", "its", "after", "before", "first", "second", "third",
     "fourth", "fifth", "sixth", "next", "adhere", "promote", "strengthen", "carry", "put",
     "set", "improve", "make", "take", "also", "during", "under", "through", "all", "each"}
)

# Verbs that say the document was formulated, issued, printed or revised.
ISSUE_VERBS = re.compile(
    r"\b(?:issue|issued|issuing|formulate[sd]?|formulating|promulgat(?:e|ed|es|ing)|"
    r"print(?:ed)?|revise[sd]?|revising|compile[sd]?|dr[ae]w(?:n)? up|adopted|"
    r"introduced|released)\b",
    re.IGNORECASE,
)
# The same, tried only where one of the verbs' lower-cased stems stands (a whole-text search
# with the case-insensitive pattern costs 3 ms on a 60 KB report).
ISSUE_VERB_SCAN = Anchored(
    ISSUE_VERBS,
    ("issu", "formulat", "promulgat", "print", "revis", "compile", "draw", "drew", "adopted",
     "introduced", "released"),
)  # fmt: skip

# Phrases that say a problem breaches the document that follows.
VIOLATION = re.compile(
    r"(?<!whether there is a )\b(?:in violation of|violat(?:ed|es|ing)|in breach of|"
    r"breach(?:ed|es)?|contrary to|against the provisions of)\s+(?:the\s+)?(?:relevant\s+)?"
    r"(?:provisions\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)

# What may stand between a title's head and a body that authored it: "Notice of the
# Department ..." , "Opinions of the CPC Central Committee and the State Council on ...". A
# body after a preposition that opens the subject ("Regulations on Pesticide Administration",
# "Measures for the Administration of Mineral Resources") is what the document is about.
AUTHOR_OF = re.compile(
    r"\s+of\s+(?:the\s+)?"
    r"(?:(?:(?!\b(?:on|for|about|concerning|regarding|in)\b)[^,])*?(?:,\s*|\s+and\s+)(?:the\s+)?)*$",
    re.IGNORECASE,
)
# Document types whose leading words name their subject, not their author: the "Land
# Administration Law", the "Pesticide Administration Regulations".
SUBJECT_BEFORE_HEAD = frozenset({"law", "regulation", "rules"})

# Titles whose subject is the Party: their "Regulations" are Party regulations.
PARTY_CUES = re.compile(r"\b(?:Communist Party|CPC|Party Group|Party Committee|Party)\b")

# "Implementation Measures for X", "Regulations on the Implementation of X", "... to
# Implement X": the title of the higher document implemented (group "implemented").
# ("Implementation Measures of X on ..." names X as the issuer, not as a document.)
IMPLEMENTS = re.compile(
    r"(?:Implementation\s+(?:Measures|Rules|Plan|Opinions)\s+for|"
    r"on\s+the\s+Implementation\s+of|to\s+Implement|Implementing\s+the\s+Spirit\s+of)"
    r"\s+(?:the\s+)?(?P<implemented>.+)$"
)


def document_type(head: str, title: str) -> str:
    """The document type (SKOS local name) of a title with the given head noun."""
    kind = DOCUMENT_HEADS.get(head.lower(), "other")
    if kind == "regulation" and PARTY_CUES.search(title):
        return "partyRegulation"
    return kind
