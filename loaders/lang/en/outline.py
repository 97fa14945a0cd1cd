"""English outline vocabulary: how machine translation prints a report's numbering.

Chinese reports number their outline 一、 / （一） / 1. / （1）; machine translation turns
these into "1." / "(1)" / "1." / "(1)" (or "First," for 一、), so the same marker repeats
at different levels. This module only knows what the markers and heading phrases look
like; :mod:`ducha.loaders.outline` decides the levels.

Patterns are anchored with ``match`` at a given position (line start or sentence start).
"""

from __future__ import annotations

import re
from enum import StrEnum

from ducha.loaders.anchors import Anchored

__all__ = [
    "INLINE_CHILD",
    "INLINE_ENUMERATOR",
    "INLINE_ENUMERATOR_AT",
    "LINE_MARKERS",
    "NEXT_STEPS",
    "PROBLEM_HEADING",
    "PROBLEM_LIST_INTRO",
    "QUOTE_PAIRS",
    "SENTENCE_ABBREVIATIONS",
    "MarkerStyle",
    "ordinal_of",
    "word_ordinal",
]


class MarkerStyle(StrEnum):
    """How a line-level number is printed; continuity is only checked within a style."""

    DECIMAL = "decimal"  # "1." "2、" (continued by the word form "First,": both are 一、)
    PAREN = "paren"  # "(1)" "（1）"
    WORD = "word"  # "First," "Third," at the start of a line
    LETTER = "letter"  # "a." "b)" "(c)"
    ROMAN = "roman"  # "I." "IV." (some translators render 一、 so)
    CJK = "cjk"  # "一、" left untranslated
    CJK_PAREN = "cjk-paren"  # "（一）" left untranslated


_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
]
_CARDINAL_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_ORDINALS = "|".join(w.capitalize() for w in _ORDINAL_WORDS)
_CARDINALS = "|".join(w.capitalize() for w in _CARDINAL_WORDS)

# Line-level markers, tried in order at the start of a line. Group "n" is the number.
LINE_MARKERS: tuple[tuple[MarkerStyle, re.Pattern[str]], ...] = (
    # "1. The party group" but not "1.5 million" or "2023." as a year.
    (MarkerStyle.DECIMAL, re.compile(r"(?P<n>\d{1,2})\s?[.．、](?![\d.])[ \t]*(?=\S)")),
    (MarkerStyle.PAREN, re.compile(r"[(（](?P<n>\d{1,2})[)）][ \t]*(?=\S)")),
    (
        MarkerStyle.CJK_PAREN,
        re.compile(r"[(（](?P<n>[一二三四五六七八九十]{1,2})[)）][ \t]*(?=\S)"),
    ),
    (MarkerStyle.CJK, re.compile(r"(?P<n>[一二三四五六七八九十]{1,2})、[ \t]*(?=\S)")),
    (MarkerStyle.WORD, re.compile(rf"(?P<n>{_ORDINALS})(?:ly)?\s?[,，、][ \t]*(?=\S)")),
    (MarkerStyle.ROMAN, re.compile(r"(?P<n>X?(?:IX|IV|V?I{1,3}|V))\.[ \t]+(?=\S)")),
    # Lettered items are lower case in MT output ("a. some cities failed ...").
    (MarkerStyle.LETTER, re.compile(r"\(?(?P<n>[a-h])[.)）][ \t]+(?=\S)")),
)

# A first child printed on the heading's own line: "... supervisory feedback (1) Strengthen"
# or "... rectification measures 1. In accordance". Only number one starts a child level.
INLINE_CHILD = re.compile(r"[ \t]+(?P<marker>[(（]1[)）]|1[.、])[ \t]*(?=[A-Z\"“(（\u4e00-\u9fff])")

# Inline enumerations that make sub-measures. Group "n" is the number word; the label
# starts where the match ends ("The first is to clarify ..." -> "clarify ...").
INLINE_ENUMERATOR = re.compile(
    rf"(?:The\s+(?P<the>{'|'.join(_ORDINAL_WORDS)})(?:\s+one)?\s+is(?:\s+to)?"
    rf"|(?P<card>{_CARDINALS})\s+is(?:\s+to)?"
    rf"|(?P<ord>{_ORDINALS})(?:ly)?(?:\s+is(?:\s+to)?|\s?[,，]))"
    r"[ \t]+(?=\S)"
)
# Tried only where "the" or a number word stands: a search over each section's text is
# otherwise tried at every character.
INLINE_ENUMERATOR_AT = Anchored(INLINE_ENUMERATOR, ("the", *_ORDINAL_WORDS, *_CARDINAL_WORDS))

# Heading wording that names a fed-back problem: 'Rectification of the problem of "..."',
# 'Comprehensively rectify the problem of "..."', 'the feedback problem is that ...'.
# Anchored at the heading's start so a measure that merely mentions a problem is not one.
PROBLEM_HEADING = re.compile(
    r"(?:to\s+)?(?:\w+ly\s+)?"
    r"(?:(?:rectif\w*|solv\w*|correct\w*|address\w*|handl\w*)\s+(?:of\s+)?(?:the\s+)?)?"
    r"(?:problems?|issues?)\s+(?:of|that|about|on|with|regarding)\s*(?P<quote>[\"“])"
    # Unquoted: "Rectification of the problem of insufficient sewage capacity"; the title
    # starts where the match ends.
    r"|(?P<unquoted>rectification\s+of\s+the\s+(?:problem|issue)\s+(?:of|that)\s+)(?=\w)"
    r"|(?:the\s+)?(?:feedback|fed[- ]back|reported)\s+(?:problem|issue)\b",
    re.IGNORECASE,
)

# An unnumbered closing paragraph on what comes next ("Next, Guizhou Province will ...").
NEXT_STEPS = re.compile(r"(?:Next|Next step|In the next step|In the next stage)\s*[,，]", re.I)

# What introduces a lettered list of fed-back problems ("The problems can be put into ...").
PROBLEM_LIST_INTRO = re.compile(r"\bproblems?\b|\bissues?\b", re.IGNORECASE)

QUOTE_PAIRS = {'"': '"', "“": "”", "「": "」", "『": "』"}

# Words whose final full stop does not end a sentence.
SENTENCE_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "art",
        "vol",
        "p",
        "pp",
        "co",
        "ltd",
        "inc",
        "corp",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "bn",
        "mil",
        "pct",
        "approx",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "a.m",
        "p.m",
        "dept",
        "govt",
        "prof",
    ]
)


def ordinal_of(style: MarkerStyle, printed: str) -> int:
    """The value of a printed number: "3" -> 3, "Third" -> 3, "c" -> 3, "三" -> 3."""
    word = printed.strip().lower()
    if style in (MarkerStyle.DECIMAL, MarkerStyle.PAREN):
        return int(word)
    if style is MarkerStyle.LETTER:
        return ord(word) - ord("a") + 1
    if style is MarkerStyle.ROMAN:
        return _roman_number(word)
    if style in (MarkerStyle.CJK, MarkerStyle.CJK_PAREN):
        return _cjk_number(word)
    return word_ordinal(word)


def word_ordinal(word: str) -> int:
    """1 for "first", "firstly" or "one"; 0 when the word is not a number word."""
    word = word.lower().removesuffix("ly")
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS.index(word) + 1
    if word in _CARDINAL_WORDS:
        return _CARDINAL_WORDS.index(word) + 1
    return 0


def _roman_number(word: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for k, letter in enumerate(word):
        value = values[letter]
        following = values[word[k + 1]] if k + 1 < len(word) else 0
        total += -value if value < following else value
    return total


def _cjk_number(word: str) -> int:
    if word == "十":
        return 10
    if word.startswith("十"):
        return 10 + _CJK_DIGITS.get(word[1:], 0)
    if word.endswith("十"):
        return 10 * _CJK_DIGITS.get(word[:-1], 0)
    return _CJK_DIGITS.get(word, 0)
