"""English (and Chinese) wording of regulation titles, as machine translation prints them.

The tables :mod:`ducha.loaders.resolve` uses to bring two renderings of one title to the
same words: what to strip (the country, quotes, "(Trial)", revision qualifiers), which
variants mean the same ("atmospheric" = "air", "supervision" = "inspection" for 督察), which
words carry no identity ("the", "of", "central", "work"), and the place names that make a
title local. Language-neutral logic stays in the resolver.
"""

from __future__ import annotations

import re

__all__ = [
    "COUNTRY",
    "GENERIC_WORDS",
    "IMPLEMENTING",
    "PLACES",
    "QUALIFIERS",
    "STOP_WORDS",
    "TRIAL",
    "VARIANTS",
    "YEAR",
    "ZH_STRIP",
]

# "of the People's Republic of China", "PRC", "of China": the country adds nothing.
COUNTRY = re.compile(
    r"\b(?:of\s+)?(?:the\s+)?(?:people'?s\s+republic\s+of\s+china|p\.?\s?r\.?\s?c\.?|prc|china'?s|chinese)\b"
    r"|\bof\s+china\b",
    re.IGNORECASE,
)

# "(Trial)", "(for Trial Implementation)", "(Interim)": provisional status, not identity.
TRIAL = re.compile(
    r"[(（\[]\s*(?:for\s+)?(?:trial(?:\s+implementation)?|provisional|interim|draft)\s*[)）\]]",
    re.IGNORECASE,
)

# A year or a revision said next to the title: "(2014 revision)", "revised in 2017",
# "the new", "newly revised", "2018 edition", "(2013-2017)".
QUALIFIERS = re.compile(
    r"[(（]\s*(?:\d{4}\s*[-–—~至]\s*\d{4}|\d{4}(?:\s+(?:revision|revised|amendment|amended|edition|version))?"
    r"|(?:revised|amended)(?:\s+(?:in|on))?\s+\d{4})\s*[)）]"
    r"|\b(?:as\s+)?(?:newly\s+)?(?:revised|amended)(?:\s+(?:in|on))?\s+(?:\d{4})\b"
    r"|\b(?:newly\s+revised|newly\s+amended|the\s+new|new|revised|amended|current)\b"
    r"|\b\d{4}\s+(?:revision|amendment|edition|version)\b",
    re.IGNORECASE,
)

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")

# Words machine translation uses for one Chinese word; the value is the canonical form.
VARIANTS: dict[str, str] = {
    "ecological-environmental": "eco-environmental",
    "ecological and environmental": "eco-environmental",
    "ecological environmental": "eco-environmental",
    "ecological environment": "eco-environmental",
    "ecology and environment": "eco-environmental",
    "eco-environment": "eco-environmental",
    "environment protection": "environmental protection",
    "environmental-protection": "environmental protection",
    "prevention and control": "prevention",
    "control and prevention": "prevention",
    "pollution control": "pollution prevention",
    "impact evaluation": "impact assessment",
    "supervision": "inspection",
    "supervisory": "inspection",
    "inspectors": "inspection",
    "inspector": "inspection",
    "inspections": "inspection",
    "atmospheric": "air",
    "atmosphere": "air",
    "contamination": "pollution",
    "provention": "prevention",
    "wastes": "waste",
    "wetland": "wetlands",
    "grasslands": "grassland",
    "forests": "forest",
    "forestry": "forest",
    "act": "law",
    "code": "law",
    "provisions": "regulations",
    "regulation": "regulations",
    "rules": "regulations",
    "programme": "plan",
    "program": "plan",
    "scheme": "plan",
    "implementing": "implementation",
    "provincial": "province",
    "implement": "implementation",
    "administration": "management",
    "administrative management": "management",
    "changjiang": "yangtze",
    "huaihe": "huai",
    "natural reserves": "nature reserves",
    "natural reserve": "nature reserves",
    "nature reserve": "nature reserves",
    "protection areas": "reserves",
    "conservation law": "protection law",
    "xizang": "tibet",
    "qinghai-xizang": "qinghai-tibet",
    "measure": "measures",
    "opinion": "opinions",
}

# Words that never tell two acts apart.
STOP_WORDS = frozenset(
    {
        "the",
        "of",
        "on",
        "for",
        "and",
        "in",
        "a",
        "an",
        "to",
        "by",
        "with",
        "its",
        "at",
        "about",
        "concerning",
        "regarding",
        "s",
    }
)

# Head nouns and framing words: a title may gain or lose them between renderings.
GENERIC_WORDS = frozenset(
    {
        "law",
        "regulations",
        "measures",
        "plan",
        "opinions",
        "work",
        "central",
        "national",
        "management",
        "action",
        "notice",
        "implementation",
        "state",
        "council",
        "party",
        "communist",
        "cpc",
        "committee",
        "general",
        "office",
        "detailed",
        "several",
        "people",
        "republic",
        "government",
        "decision",
        "guiding",
        "circular",
    }
)

# "Measures for the Implementation of ...", "... implementation measures for ...": a local
# document that carries out a higher one.
IMPLEMENTING = re.compile(
    r"\bimplement(?:ation|ing)?\b|\bcarry(?:ing)?\s+out\b|\bto\s+implement\b",
    re.IGNORECASE,
)

# Province-level names (and their adjectives) that make a title local; longest first so
# "Guangxi Zhuang Autonomous Region" wins over "Guangxi".
PLACES: dict[str, str] = {
    name: canonical
    for canonical, names in {
        "Beijing": ("beijing municipality", "beijing municipal", "beijing"),
        "Tianjin": ("tianjin municipality", "tianjin municipal", "tianjin"),
        "Hebei": ("hebei province", "hebei provincial", "hebei"),
        "Shanxi": ("shanxi province", "shanxi provincial", "shanxi"),
        "Inner Mongolia": ("inner mongolia autonomous region", "inner mongolia"),
        "Liaoning": ("liaoning province", "liaoning provincial", "liaoning"),
        "Jilin": ("jilin province", "jilin provincial", "jilin"),
        "Heilongjiang": ("heilongjiang province", "heilongjiang provincial", "heilongjiang"),
        "Shanghai": ("shanghai municipality", "shanghai municipal", "shanghai"),
        "Jiangsu": ("jiangsu province", "jiangsu provincial", "jiangsu"),
        "Zhejiang": ("zhejiang province", "zhejiang provincial", "zhejiang"),
        "Anhui": ("anhui province", "anhui provincial", "anhui"),
        "Fujian": ("fujian province", "fujian provincial", "fujian"),
        "Jiangxi": ("jiangxi province", "jiangxi provincial", "jiangxi"),
        "Shandong": ("shandong province", "shandong provincial", "shandong"),
        "Henan": ("henan province", "henan provincial", "henan"),
        "Hubei": ("hubei province", "hubei provincial", "hubei"),
        "Hunan": ("hunan province", "hunan provincial", "hunan"),
        "Guangdong": ("guangdong province", "guangdong provincial", "guangdong"),
        "Guangxi": ("guangxi zhuang autonomous region", "guangxi autonomous region", "guangxi"),
        "Hainan": ("hainan province", "hainan provincial", "hainan"),
        "Chongqing": ("chongqing municipality", "chongqing municipal", "chongqing"),
        "Sichuan": ("sichuan province", "sichuan provincial", "sichuan"),
        "Guizhou": ("guizhou province", "guizhou provincial", "guizhou"),
        "Yunnan": ("yunnan province", "yunnan provincial", "yunnan"),
        "Tibet": ("tibet autonomous region", "xizang autonomous region", "xizang"),
        "Shaanxi": ("shaanxi province", "shaanxi provincial", "shaanxi"),
        "Gansu": ("gansu province", "gansu provincial", "gansu"),
        "Qinghai": ("qinghai province", "qinghai provincial"),
        "Ningxia": ("ningxia hui autonomous region", "ningxia autonomous region", "ningxia"),
        "Xinjiang": (
            "xinjiang uygur autonomous region",
            "xinjiang uyghur autonomous region",
            "xinjiang",
        ),
    }.items()
    for name in names
}

# Chinese: the country, book-title marks and the trial marker.
ZH_STRIP = re.compile(r"中华人民共和国|[《》〈〉「」“”\"'\s]|（试行）|\(试行\)|（暂行）")
