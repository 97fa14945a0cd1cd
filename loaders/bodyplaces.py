"""The place inside a body's name: a province or city named in it, or a word that stands for
the report's own province or city ("provincial", "the Autonomous Region", "municipal",
"local").

:mod:`ducha.loaders.bodynames` calls :func:`read_place_and_words` on each unit of a name.
"""

from __future__ import annotations

import re

from ducha.loaders.anchors import whole_word
from ducha.loaders.bodyunits import Token, Unit
from ducha.loaders.gazetteer import load_gazetteer
from ducha.loaders.lang.en import bodies as en

__all__ = ["PLACE_SUFFIXES", "read_place_and_words"]

_CITY_BEFORE = re.compile(r"\b([A-Z][a-z]+ (?:County|City|District))\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
PLACE_SUFFIXES = frozenset(
    {"zhuang", "hui", "uygur", "uyghur", "autonomous", "region", "province", "provincial",
     "municipal", "municipality", "regional", "city", "county", "district"}
)


def read_place_and_words(
    text: str, tokens: list[Token], unit: Unit, first: int, last: int, home: str | None
) -> bool:
    """Split tokens[first:last] into the unit's place and its other words.

    Returns False when a word means "the report's own province or city" but the report
    does not say which (so the name cannot be keyed).
    """
    index = first
    while index < last:
        token = tokens[index]
        pair = f"{token.text} {tokens[index + 1].text}" if index + 1 < last else ""
        bare = token.text[:-2] if token.text.endswith("'s") else token.text
        if pair in en.PROVINCES:
            unit.place, index = pair, _skip_suffixes(tokens, index + 2, last)
            continue
        if bare in en.PROVINCES:
            unit.place, index = bare, _skip_suffixes(tokens, index + 1, last)
            continue
        if token.capital and index + 1 < last and tokens[index + 1].text in en.CITY_SUFFIXES:
            unit.place, index = token.text, _skip_suffixes(tokens, index + 1, last)
            continue
        placeholder = _placeholder(tokens, index, last)
        if placeholder:
            place = _resolve_placeholder(text, tokens[index].start, placeholder, home)
            if place is None:
                return False
            unit.place, index = place, index + len(placeholder.split())
            continue
        if token.lower == "local":
            unit.place = _city_before(text, token.start) or home
            if unit.place is None:
                return False
            index += 1
            continue
        unit.words.append(token.lower)
        index += 1
    if unit.head == "government" and len(unit.words) == 1 and unit.place is None:
        lone = tokens[first]
        if lone.capital and lone.lower not in en.NATIONAL_NAMES and lone.lower != "people's":
            unit.place, unit.words = lone.text, []  # "the Guilin government"
    return True


def _skip_suffixes(tokens: list[Token], index: int, last: int) -> int:
    while index < last and tokens[index].lower in PLACE_SUFFIXES:
        index += 1
    return index


def _placeholder(tokens: list[Token], index: int, last: int) -> str | None:
    word = tokens[index].lower.removesuffix("'s")
    after = tokens[index + 1].lower.removesuffix("'s") if index + 1 < last else ""
    if word == "autonomous" and after in ("region", "regional"):
        return f"autonomous {after}"
    if word in ("provincial", "municipal", "province"):
        return word
    return None


def _resolve_placeholder(text: str, at: int, placeholder: str, home: str | None) -> str | None:
    if placeholder == "municipal":
        city = _city_before(text, at)
        if city:
            return city
        named_often = home is not None and len(whole_word(home).findall(text)) >= 3
        return home if home in en.MUNICIPALITIES and named_often else None
    return home


def _city_before(text: str, at: int) -> str | None:
    """The last city the sentence names before ``at``: "Zhenjiang City", or a bare
    prefecture-level city the gazetteer knows ("led a team to Anyang, told the municipal
    government")."""
    sentence = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), 0)
    found = [(m.start(), m[1]) for m in _CITY_BEFORE.finditer(text, sentence, at)]
    gazetteer = load_gazetteer()
    found += [
        (m.start(), m[0])
        for m in _CAPITALISED.finditer(text, sentence, at)
        if any(d.level == "prefecture" for d in gazetteer.lookup(m[0]))
    ]
    return max(found)[1] if found else None
