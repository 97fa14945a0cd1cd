"""The words of a regulation's title, normalised so two renderings of one act compare equal.

Machine translation renders 中华人民共和国水污染防治法 as "Law of the People's Republic of
China on the Prevention and Control of Water Pollution", "Water Pollution Prevention and
Control Law" or "the newly revised Law on Water Pollution Control (2017)". This module
reduces each to the same words: quotes, the country, "(Trial)" and year or revision
qualifiers go; variant words take one form (``lang/en/regulation_names.py``); stop words go.
Word order is kept in :func:`normalize_title` and ignored by :func:`title_words`.

>>> normalize_title("Law of the People's Republic of China on the Prevention and Control of "
...                 "Water Pollution (2017 Revision)")
'law prevention water pollution'
>>> normalize_title("《中华人民共和国水污染防治法》")
'水污染防治法'
>>> title_years("the Water Pollution Law revised in 2017")
[2017]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ducha.loaders.lang.en import regulation_names as names

__all__ = ["has_chinese", "normalize_title", "place_of", "title_words", "title_years"]

_QUOTES = re.compile(r"[\"“”‘’'`«»《》〈〉「」『』]")
_NON_WORD = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_VARIANTS = sorted(names.VARIANTS.items(), key=lambda item: -len(item[0]))
_VARIANT_PATTERNS = [
    (re.compile(r"(?<![a-z])" + re.escape(variant) + r"(?![a-z])"), canonical)
    for variant, canonical in _VARIANTS
]
_PLACE_PATTERN = re.compile(
    r"(?<![a-z])("
    + "|".join(re.escape(p) for p in sorted(names.PLACES, key=len, reverse=True))
    + r")(?![a-z])"
)


def has_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


@lru_cache(maxsize=8192)
def normalize_title(text: str) -> str:
    """The title's identifying words in order, lower case, single-spaced.

    Chinese titles keep their characters minus 中华人民共和国, book-title marks and （试行）.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if has_chinese(text):
        return names.ZH_STRIP.sub("", text)
    text = text.replace("’", "'")
    text = names.TRIAL.sub(" ", text)
    text = names.QUALIFIERS.sub(" ", text)
    text = names.COUNTRY.sub(" ", text)
    text = _QUOTES.sub(" ", text).casefold()
    text = text.replace("-", " - ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s-\s", "-", text)
    for pattern, canonical in _VARIANT_PATTERNS:
        text = pattern.sub(canonical, text)
    words = [w for w in _NON_WORD.split(text.replace("-", " ")) if w]
    words = [w for w in words if w not in names.STOP_WORDS and not names.YEAR.fullmatch(w)]
    return " ".join(words)


def title_words(text: str) -> frozenset[str]:
    """The set of identifying words (word order ignored)."""
    normal = normalize_title(text)
    if has_chinese(normal):
        return frozenset({normal})
    return frozenset(normal.split())


def title_years(text: str) -> list[int]:
    """Years printed in or beside the title ("revised in 2017", "(2014 revision)")."""
    return [int(y) for y in names.YEAR.findall(text)]


def place_of(text: str) -> str | None:
    """The province-level place a title names, in its canonical English name, if any."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    match = _PLACE_PATTERN.search(folded)
    return names.PLACES[match.group(1)] if match else None
