"""How English (machine-translated) reports name Party bodies, state bodies and inspection
groups: head nouns, the modifiers that may stand before them, the words that stand for "the
report's own province", the province names and the well-known acronyms.

:mod:`ducha.loaders.organizations` reads these tables; nothing here knows about spans.
"""

from __future__ import annotations

import re

__all__ = [
    "ACRONYMS",
    "ACTIVITY_HEADS",
    "ACTIVITY_PREPOSITIONS",
    "ANAPHORIC_LOWERCASE_HEADS",
    "ANY_PROVINCE_WORD",
    "CITY_SUFFIXES",
    "COMPLETE_HEADS",
    "CONNECTING_WORDS",
    "EXCLUDING_MODIFIERS",
    "GROUP_HEAD",
    "HEADS",
    "HOME_PLACEHOLDERS",
    "INSTITUTION_MARKS",
    "LOWERCASE_MODIFIERS",
    "MUNICIPALITIES",
    "NATIONAL_NAMES",
    "NOUNS_AFTER_HEAD",
    "ORDINALS",
    "OWNED_HEADS",
    "OWNER_HEADS",
    "PARTY_SUFFIXES",
    "PLACE_NOUNS",
    "PROVINCES",
    "PROVINCE_WORDS",
    "STOP_CAPITALS",
    "SYNONYMS",
    "TASK_HEADS",
    "TASK_PARTICIPLES",
    "TASK_STOPS",
]

# Head nouns (lower-case token sequences) -> (kind, normalised head). Longest match wins.
# Kinds are EntityKind values. Every group head normalises to one word so that "Inspector
# Group", "Inspectorate" and "Inspection Team" of one report can be one group.
GROUP_HEAD = "inspection group"
HEADS: dict[tuple[str, ...], tuple[str, str]] = {
    ("party", "committee"): ("party-body", "party committee"),
    ("party", "group"): ("party-body", "party group"),
    ("party", "leading", "group"): ("party-body", "party group"),
    ("party", "branch"): ("party-body", "party branch"),
    ("standing", "committee"): ("party-body", "standing committee"),
    ("central", "committee"): ("party-body", "central committee"),
    ("commission", "for", "discipline", "inspection"): (
        "party-body",
        "commission for discipline inspection",
    ),
    ("discipline", "inspection", "commission"): ("party-body", "discipline inspection commission"),
    ("commission", "for", "discipline", "inspection", "and", "supervision"): (
        "party-body",
        "commission for discipline inspection and supervision",
    ),
    ("organization", "department"): ("party-body", "organization department"),
    ("propaganda", "department"): ("party-body", "propaganda department"),
    ("united", "front", "work", "department"): ("party-body", "united front work department"),
    ("ministry",): ("government-body", "ministry"),
    ("department",): ("government-body", "department"),
    ("bureau",): ("government-body", "bureau"),
    ("government",): ("government-body", "government"),
    ("people's", "government"): ("government-body", "government"),
    ("state", "council"): ("government-body", "state council"),
    ("office",): ("government-body", "office"),
    ("commission",): ("government-body", "commission"),
    ("committee",): ("government-body", "committee"),
    ("administration",): ("government-body", "administration"),
    ("leading", "group"): ("government-body", "leading group"),
    ("inspection", "group"): ("inspection-group", GROUP_HEAD),
    ("inspection", "tour", "group"): ("inspection-group", GROUP_HEAD),
    ("inspection", "tour", "team"): ("inspection-group", GROUP_HEAD),
    ("inspector", "group"): ("inspection-group", GROUP_HEAD),
    ("inspectorate", "group"): ("inspection-group", GROUP_HEAD),
    ("inspectorate",): ("inspection-group", GROUP_HEAD),
    ("inspection", "team"): ("inspection-group", GROUP_HEAD),
    ("inspector", "team"): ("inspection-group", GROUP_HEAD),
    ("supervision", "group"): ("inspection-group", GROUP_HEAD),
    ("supervision", "team"): ("inspection-group", GROUP_HEAD),
    ("team",): ("inspection-group", GROUP_HEAD),  # only as "the team", see below
    ("university",): ("organization", "university"),
    ("institute",): ("organization", "institute"),
    ("academy",): ("organization", "academy"),
}

# Heads that name one body by themselves, without a field or a place ("the organization
# department", "the State Council"); every other head alone is an anaphor ("the Department").
COMPLETE_HEADS = frozenset(
    {
        "central committee",
        "commission for discipline inspection",
        "discipline inspection commission",
        "commission for discipline inspection and supervision",
        "organization department",
        "propaganda department",
        "united front work department",
        "state council",
    }
)

# Organs a Party committee or a government has, which the text may name after their owner
# without "of" ("the provincial Party committee organization department", "the county
# government office"): owner heads and the heads they may stand before.
OWNER_HEADS = frozenset({"party committee", "government"})
OWNED_HEADS = frozenset(
    {"organization department", "propaganda department", "united front work department", "office"}
)

# Bare lower-case heads that may still refer back ("the ministry said", "the party group",
# "the inspection team"); "the department" or "the government" alone are too often generic.
ANAPHORIC_LOWERCASE_HEADS = frozenset({"ministry", "party group", GROUP_HEAD})

# Lower-case words that may stand before a head inside a name ("the provincial discipline
# inspection commission", "the second central ecological and environmental protection
# supervision group", "the central government inspection team").
LOWERCASE_MODIFIERS = frozenset(
    {
        "provincial",
        "municipal",
        "prefectural",
        "county",
        "regional",
        "central",
        "local",
        "autonomous",
        "region",
        "eco-environmental",
        "ecological",
        "environmental",
        "environment",
        "ecology",
        "protection",
        "inspection",
        "inspector",
        "inspector's",
        "supervision",
        "discipline",
        "comprehensive",
        "management",
        "special",
        "government",
        "and",
    }
)

# Heads that are also plain nouns of a document's subject: after "on (the)" or "for (the)"
# and before "of" they name an activity, not a body ("Regulations ... on the Administration
# of the Qilian Mountains National Nature Reserve", "Measures for the Supervision and
# Administration of").
ACTIVITY_HEADS = frozenset({"administration"})
ACTIVITY_PREPOSITIONS = frozenset({"on", "for"})
# Words that make a name with such a head an institution wherever it stands: a level
# ("State Forestry Administration", "Provincial Forestry Administration") or a place.
INSTITUTION_MARKS = re.compile(
    r"\b(?:State|National|General|Central|China|Chinese|Provincial|Municipal|County|City"
    r"|Prefectur\w*|District|Autonomous|Regional)\b"
)

# Lower-case nouns of a place that may stand between a proper name and a body's words
# ("Qinghai province Muli mining area ecological environment comprehensive management
# office"); they belong to the name only when a proper name stands before them.
PLACE_NOUNS = frozenset(
    {
        "province", "city", "county", "district", "prefecture", "town", "township", "village",
        "area", "zone", "mining", "coal", "development", "economic", "new", "industrial",
        "high-tech", "park", "reserve", "nature", "scenic", "basin",
    }
)

# Heads whose name goes on with a lower-case task ("leading group for the comprehensive
# management of ..."), the words that end such a task (verbs, relatives, an infinitive),
# the participles that may stand inside it, and the words a task never ends on.
TASK_HEADS = frozenset({"leading group"})
TASK_STOPS = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "shall",
        "should", "must", "can", "may", "which", "that", "who", "whose", "to", "said", "as",
        "with", "by", "at", "from", "since", "after", "before", "during", "organizes",
        "organize", "held", "holds", "made", "makes", "took", "takes", "set", "sets", "led",
        "met", "meets", "sent", "went", "gave", "found", "began", "saw", "told", "paid",
        "built", "brought", "kept", "put", "won", "drew", "spent", "visits", "urges", "asks",
        "requires", "says", "carries",
    }
)
TASK_PARTICIPLES = frozenset({"integrated", "protected", "related", "coordinated", "unified"})
CONNECTING_WORDS = frozenset({"and", "the", "of", "for", "in", "on", "a", "an"})

# Modifiers that make a "group" something other than an inspection group: the discipline
# inspection and supervision team stationed in a department is a Party body's organ.
EXCLUDING_MODIFIERS = frozenset({"discipline", "leading", "guidance", "working", "work"})

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
    "7th": 7,
    "8th": 8,
    "9th": 9,
    "10th": 10,
    "11th": 11,
    "12th": 12,
}

# Capitalised words that start sentences or clauses and never start a body's name.
STOP_CAPITALS = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "by", "for", "from", "to", "with", "and", "of",
        "as", "since", "up", "according", "approved", "under", "this", "that", "these",
        "its", "our", "their", "his", "her", "it", "we", "they", "he", "she", "all", "each",
        "every", "some", "many", "other", "relevant", "both", "after", "before", "during",
        "when", "while", "if", "but", "so", "also", "however", "then", "set", "establish",
        "issued", "formulate", "organize", "strengthen", "carry", "implement", "promote",
        "through", "via", "between", "among", "against", "about", "over", "told",
        "led", "chaired", "secretary", "director", "deputy", "head", "governor", "minister",
        "comrade", "vice", "chief", "spokesperson", "members", "leaders",
    }
)

# Words that mean "the report's own province or city" inside a name.
HOME_PLACEHOLDERS = frozenset(
    {"provincial", "autonomous region", "autonomous regional", "province", "municipal"}
)

CITY_SUFFIXES = ("City", "County", "District", "Prefecture", "Municipal", "Municipality")

# Province-level divisions: short English name -> full name.
PROVINCES: dict[str, str] = {
    "Anhui": "Anhui Province",
    "Beijing": "Beijing Municipality",
    "Chongqing": "Chongqing Municipality",
    "Fujian": "Fujian Province",
    "Gansu": "Gansu Province",
    "Guangdong": "Guangdong Province",
    "Guangxi": "Guangxi Zhuang Autonomous Region",
    "Guizhou": "Guizhou Province",
    "Hainan": "Hainan Province",
    "Hebei": "Hebei Province",
    "Heilongjiang": "Heilongjiang Province",
    "Henan": "Henan Province",
    "Hubei": "Hubei Province",
    "Hunan": "Hunan Province",
    "Inner Mongolia": "Inner Mongolia Autonomous Region",
    "Jiangsu": "Jiangsu Province",
    "Jiangxi": "Jiangxi Province",
    "Jilin": "Jilin Province",
    "Liaoning": "Liaoning Province",
    "Ningxia": "Ningxia Hui Autonomous Region",
    "Qinghai": "Qinghai Province",
    "Shaanxi": "Shaanxi Province",
    "Shandong": "Shandong Province",
    "Shanghai": "Shanghai Municipality",
    "Shanxi": "Shanxi Province",
    "Sichuan": "Sichuan Province",
    "Tianjin": "Tianjin Municipality",
    "Tibet": "Tibet Autonomous Region",
    "Xinjiang": "Xinjiang Uygur Autonomous Region",
    "Yunnan": "Yunnan Province",
    "Zhejiang": "Zhejiang Province",
}

# Each province's short name as a whole word (the pattern for ``rf"\b{name}\b"``),
# compiled once: extractors ask about every province for every name they read.
PROVINCE_WORDS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"\b{name}\b") for name in PROVINCES
}
# Whether any province is named: one pass instead of one per province.
ANY_PROVINCE_WORD = re.compile(rf"\b(?:{'|'.join(PROVINCES)})\b")

MUNICIPALITIES = frozenset({"Beijing", "Chongqing", "Shanghai", "Tianjin"})

# Trailing words of a province's full name ("Guangxi Zhuang Autonomous Region").
PARTY_SUFFIXES = ("of the Communist Party of China", "of the CPC", "of CPC")

# Acronyms -> the canonical name they stand for.
ACRONYMS: dict[str, str] = {
    "MEE": "Ministry of Ecology and Environment",
    "MEP": "Ministry of Environmental Protection",
    "CCDI": "Central Commission for Discipline Inspection",
    "NDRC": "National Development and Reform Commission",
}

# Normalised names (lower-case, no articles) that are one national body under another name.
SYNONYMS: dict[str, str] = {
    "cpc central committee": "CPC Central Committee",
    "central committee": "CPC Central Committee",
    "central committee of communist party of china": "CPC Central Committee",
    "central committee of cpc": "CPC Central Committee",
    "party central committee": "CPC Central Committee",
    "state council": "State Council",
    "central government": "central government",
}

# Bodies of the whole country: a report's province is never added to these.
NATIONAL_NAMES = frozenset(
    {"ministry", "state council", "central committee", "central", "national"}
)

# Nouns that, right after a head, show the head is only a modifier ("government affairs
# sanctions", "the Party Group Meeting", "department heads", "the department level").
NOUNS_AFTER_HEAD = frozenset(
    {
        "affairs", "procurement", "level", "heads", "head", "leaders", "leader", "officials",
        "official", "members", "member", "meeting", "meetings", "work", "funds", "fund",
        "website", "account", "personnel", "cadres", "system", "documents", "affair",
        "staff", "building", "buildings", "organs", "leadership",
    }
)
