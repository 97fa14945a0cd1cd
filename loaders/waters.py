"""Water bodies named in a report: rivers, lakes, seas, bays, reservoirs, ditches.

Three shapes are found: a name before a head word ("Nanliu River", "Maowei Sea",
"Yangjiahe ditch"), a romanised name whose last syllable is the head (Chinese 河 he,
湖 hu, 沟 gou, 湾 wan: "Yangjiahegou", "Shahu", "Canghe"), and heads shared by a
coordination ("the Wujiang and Chishui River basins"). Once a report names "Wujiang
River", the bare "Wujiang" elsewhere in it is the same river.

Keys are built from a canonical name that does not depend on the report, so one river is
one node across reports: the head is normalised ("Gully", "gou" and "ditch" are Ditch),
a romanised river/lake syllable before the head is dropped ("Fenhe River" and "Fen River"
are "Fen River"; "Lijiang River" is "Li River"; "Yangjiahe ditch" keeps its "he" because
its head is not River), and a few names with two English forms are mapped by
:data:`~ducha.loaders.lang.en.names.WATER_CANONICAL` ("Yangtze River" is key
``yangtze-river``). "X River Basin" is an alias of the river. "X, also called Y" makes Y
an alias of X.

Decisions: generic phrases ("the river", "rivers and lakes", "key river basins") are not
water bodies; "Yangtze River Economic Belt" and "Yangtze River Delta" are regions, and
"Bing'an Reservoir Project" is a project (see places.py and enterprises.py), so none of
them is a mention of the water body; a water body named inside a document's title is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, pairwise

from ducha.loaders.anchors import CAPITAL_WORD, DIGITS_SCOUT, Anchored, scan_text, whole_word
from ducha.loaders.gazetteer import load_gazetteer
from ducha.loaders.lang.en.names import (
    GENERIC_WORDS,
    NOT_WATER_AFTER,
    SURNAMES,
    WATER_CANONICAL,
    WATER_HEAD_NAMES,
    WATER_HEADS,
    WATER_SUFFIXES,
    is_pinyin,
    name_key,
)
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span

__all__ = ["extract_water_bodies"]

_NAME_WORD = r"[A-Z][A-Za-z'’-]*"
_HEADS = "|".join(sorted(WATER_HEADS, key=len, reverse=True))
_BASIN = r"(?:[ \t]+(?:[Bb]asins?|[Ww]atersheds?|[Vv]alley))?"
# The first word's \b[A-Z] as CAPITAL_WORD: these patterns scan the whole text.
_FIRST_NAME_WORD = rf"{CAPITAL_WORD}[A-Za-z'’-]*"
_NAMED = re.compile(
    rf"(?P<name>{_FIRST_NAME_WORD}[ \t]+(?:{_NAME_WORD}[ \t]+){{0,2}}?)"
    rf"(?P<head>(?i:{_HEADS})\b|Sea(?=water\b)){_BASIN}"
)
_COORDINATED = re.compile(
    rf"(?P<names>{_FIRST_NAME_WORD}(?:,[ \t]+{_NAME_WORD})*,?[ \t]+and[ \t]+)"
    rf"(?P<last>{_NAME_WORD})[ \t]+(?P<head>Rivers|Lakes|River|Lake)(?P<basin>{_BASIN})"
)
# "Lake Taihu". The word boundary before "Lake" is checked behind it, so that the pattern
# opens with the literal and the engine's literal search finds the candidates.
_LAKE_FIRST = re.compile(r"Lake(?<!\wLake)[ \t]+(?P<name>[A-Z][a-z]+)\b(?![ \t]+[A-Z])")
_SUFFIXED = re.compile(rf"{CAPITAL_WORD}[a-z]+(?:gou|he|hu|wan)\b")
_AFTER = re.compile(r"[ \t]+([A-Za-z-]+)(?:[ \t]+([A-Za-z-]+))?")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_ENUMERATION = re.compile(
    rf"\b(?P<n>[2-9]|10|{'|'.join(_COUNT_WORDS)})[ \t]+(?:[a-z-]+[ \t]+){{0,3}}?"
    r"(?P<kind>rivers|lakes|reservoirs|ditches)\b[^.;:]{0,80}?,?[ \t]+namely[ \t]+",
    re.IGNORECASE,
)
# Tried only at numbers: the case-insensitive pattern would be tried at every character.
_ENUMERATION_AT = Anchored(_ENUMERATION, (DIGITS_SCOUT, *_COUNT_WORDS))
# One item of such a list: "the trembling River", then a comma or "and" before the next.
_ITEM = re.compile(
    r"(?:the[ \t]+)?(?P<item>[^,;.]{1,40}?)(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|(?=[,;.]))"
)
_SAME_AS = re.compile(r",?[ \t]+(?:also[ \t]+)?(?:called|known[ \t]+as|or)[ \t]+(?:the[ \t]+)?$")


@dataclass
class _Found:
    span: Span
    stem: str  # the name without its head, as printed: "Nanliu", "Yangjiahe", "East Dongting"
    subtype: str
    literal: bool = False  # a listed item named as printed ("the trembling River")


def extract_water_bodies(text: str) -> Extraction:
    """Every water body named in ``text``: one entity each, one mention per occurrence.

    ``subtype`` is river, lake, sea, bay, reservoir, ditch, canal, wetland, spring, pond
    or estuary; aliases keep every surface form seen ("Nanliu River Basin").

    >>> found = extract_water_bodies("the Wujiang and Chishui River basins and the Wujiang")
    >>> sorted((e.key, len(e.aliases)) for e in found.entities)
    [('chishui-river', 1), ('wu-river', 2)]
    """
    found = _without_overlaps(
        [*_coordinated(text), *_named(text), *_lake_first(text), *_suffixed(text)]
    )
    found = _without_overlaps([*found, *_enumerated(text, found)])
    entities: dict[str, Entity] = {}
    keyed: list[tuple[_Found, str]] = []
    for item in found:
        entity = _literal(item.stem, item.subtype) if item.literal \
            else _entity(item.stem, item.subtype)  # fmt: skip
        known = entities.setdefault(entity.key, entity)
        known.aliases |= entity.aliases
        keyed.append((item, known.key))
    same = _same_as(text, keyed)
    mentions: list[Mention] = []
    for item, key in keyed:
        key = same.get(key, key)
        entity = entities[key]
        surface = item.span.quote(text)
        if surface != entity.name:
            entity.aliases.add(surface)
        mentions.append(Mention(key, EntityKind.WATER_BODY, item.span))
    for old, new in same.items():
        entities[new].aliases.add(entities.pop(old).name)
    mentions += _bare_stems(text, keyed, same, [m.span for m in mentions], entities)
    mentions.sort(key=lambda m: m.span)
    return Extraction(entities=list(entities.values()), mentions=mentions)


def _entity(stem: str, subtype: str) -> Entity:
    words = [w[0].upper() + w[1:] for w in stem.split()]
    head = WATER_HEAD_NAMES.get(subtype, subtype.title())
    as_printed = f"{' '.join(words)} {head}"
    last = words[-1]
    # "Fenhe River" is "Fen River", "Taihu Lake" is "Tai Lake": the syllable repeats the head.
    for syllable, meaning in (("he", "river"), ("jiang", "river"), ("hu", "lake")):
        rest = last[: -len(syllable)]
        if subtype == meaning and last.lower().endswith(syllable) and len(rest) > 1 \
                and is_pinyin(rest):  # fmt: skip
            words[-1] = rest
            break
    name = f"{' '.join(words)} {head}"
    name = WATER_CANONICAL.get(name.lower(), name)
    aliases = {as_printed} - {name}
    return Entity(EntityKind.WATER_BODY, name_key(name), name, subtype, aliases=aliases)


def _literal(printed: str, subtype: str) -> Entity:
    """A listed water body whose printed name is all we have (machine-translated names)."""
    head = WATER_HEAD_NAMES.get(subtype, subtype.title())
    words = printed.split()
    if words[-1].lower() in WATER_HEADS:
        words = words[:-1]
    if not words:
        return _entity(printed, subtype)
    name = f"{words[0][0].upper()}{' '.join(words)[1:]} {head}"
    return Entity(EntityKind.WATER_BODY, name_key(name), name, subtype)


def _clean_stem(words: list[str]) -> list[str]:
    """Drop sentence and generic words, and a leading province or city ("Guangxi Maowei")."""
    gazetteer = load_gazetteer()
    while words and (words[0].lower() in GENERIC_WORDS
                     or (len(words) > 1 and gazetteer.lookup(words[0]))):  # fmt: skip
        if _numbered_name(words):
            break
        words = words[1:]
    return words


def _numbered_name(words: list[str]) -> bool:
    """A number word that starts an English name ("Three Gorges Reservoir"), not a count
    ("Three Key Rivers", "Two Huaihe ..."): the next word is English and not generic."""
    if len(words) < 2 or words[0].lower() not in _COUNT_WORDS:
        return False
    following = words[1]
    return following.lower() not in GENERIC_WORDS and not is_pinyin(following)


def _followed_by_other_name(text: str, end: int) -> bool:
    after = _AFTER.match(text, end)
    if after is None:
        return False
    first, second = after.group(1).lower(), (after.group(2) or "").lower()
    return first in NOT_WATER_AFTER or f"{first}-{second}" in NOT_WATER_AFTER


def _named(text: str) -> list[_Found]:
    found = []
    for match in _NAMED.finditer(text):
        words = _clean_stem(match.group("name").split())
        if not words or _followed_by_other_name(text, match.end()):
            continue
        stem = " ".join(words)
        start = match.start("head") - len(stem) - 1
        if text[start : match.start("head")].split() != words:
            continue  # not single-spaced: keep the span exact
        if start > 0 and _preceded_by_surname(text, start):
            continue
        subtype = WATER_HEADS[match.group("head").lower()]
        found.append(_Found(Span(start, match.end()), stem, subtype))
    return found


def _lake_first(text: str) -> list[_Found]:
    return [
        _Found(Span(m.start(), m.end()), m.group("name"), "lake")
        for m in _LAKE_FIRST.finditer(text)
        if is_pinyin(m.group("name")) and m.group("name").lower() not in GENERIC_WORDS
    ]


def _coordinated(text: str) -> list[_Found]:
    found = []
    for match in _COORDINATED.finditer(text):
        subtype = WATER_HEADS[match.group("head").lower()]
        names = [n for n in re.finditer(_NAME_WORD, match.group("names"))]
        if any(n.group(0).lower() in GENERIC_WORDS or not is_pinyin(n.group(0)) for n in names):
            continue
        base = match.start("names")
        for name in names:
            span = Span(base + name.start(), base + name.end())
            found.append(_Found(span, name.group(0), subtype))
        found.append(_Found(Span(match.start("last"), match.end()), match.group("last"), subtype))
    return found


def _suffixed(text: str) -> list[_Found]:
    gazetteer = load_gazetteer()
    found = []
    for match in _SUFFIXED.finditer(text):
        word = match.group(0)
        suffix = next(s for s in WATER_SUFFIXES if word.endswith(s))
        stem = word[: -len(suffix)]
        if (not is_pinyin(stem) or len(stem) < 2 or word.lower() in GENERIC_WORDS
                or gazetteer.lookup(word) or gazetteer.lookup_weak(word)):  # fmt: skip
            continue
        after = _AFTER.match(text, match.end())
        if after is not None and after.group(1)[0].isupper():
            continue  # "Jinhe Metallurgical Chemical Plant": part of another name
        if _preceded_by_surname(text, match.start()):
            continue
        subtype = WATER_SUFFIXES[suffix]
        # "Yangjiahegou" is the ditch of the Yangjiahe: its stem keeps the river syllable.
        found.append(_Found(Span(match.start(), match.end()), stem, subtype))
    return found


def _enumerated(text: str, found: list[_Found]) -> list[_Found]:
    """Items of a counted list of water bodies ("4 grade rivers ..., namely the X, the Y
    and the Z"): the count says how many items to take, so the list's end is known."""
    listed = []
    for match in scan_text(text).finditer(_ENUMERATION_AT):
        count = _COUNT_WORDS.get(match.group("n").lower()) or int(match.group("n"))
        items = list(islice(_ITEM.finditer(text, match.end()), count))  # not the whole rest
        items = [i for i in items if i.group("item")]
        if len(items) < count or any(j.start() != i.end() for i, j in pairwise(items)):
            continue  # the list does not have the stated number of items: do not guess
        subtype = WATER_HEADS[match.group("kind").lower()]
        for item in items:
            span = Span(item.start("item"), item.end("item"))
            if any(f.span.start < span.end and span.start < f.span.end for f in found):
                continue  # "the ditch river Canghe": Canghe is already named
            listed.append(_Found(span, item.group("item"), subtype, literal=True))
    return listed


def _preceded_by_surname(text: str, start: int) -> bool:
    before = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, start - 20) : start])
    return before is not None and before.group(1) in SURNAMES


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    found.sort(key=lambda f: (f.span.start, -f.span.end))
    kept: list[_Found] = []
    for item in found:
        if not any(item.span.start < k.span.end and k.span.start < item.span.end for k in kept):
            kept.append(item)
    return kept


def _same_as(text: str, keyed: list[tuple[_Found, str]]) -> dict[str, str]:
    """Keys named as another name of the water body just before ("Riyue Bay, also called
    Sun Moon Bay") -> the key of the first name."""
    same: dict[str, str] = {}
    for (first, key1), (second, key2) in pairwise(keyed):
        between = text[first.span.end : second.span.start]
        if key1 != key2 and _SAME_AS.match(between) and first.subtype == second.subtype:
            same[key2] = same.get(key1, key1)
    return same


def _bare_stems(
    text: str, keyed: list[tuple[_Found, str]], same: dict[str, str], taken: list[Span],
    entities: dict[str, Entity],
) -> list[Mention]:  # fmt: skip
    """Mentions of a one-word stem alone ("Wujiang") once the report named its water body."""
    gazetteer = load_gazetteer()
    stems: dict[str, str] = {}
    for item, key in keyed:
        one_word = " " not in item.stem and (is_pinyin(item.stem) or item.stem == "Yangtze")
        if one_word and not gazetteer.lookup(item.stem):
            stems.setdefault(item.stem, same.get(key, key))
    mentions = []
    for stem, key in stems.items():
        for match in whole_word(stem).finditer(text):
            span = Span(match.start(), match.end())
            if any(t.start < span.end and span.start < t.end for t in taken):
                continue
            after = _AFTER.match(text, span.end)
            if after is not None and after.group(1)[0].isupper():
                continue
            entities[key].aliases.add(stem)
            mentions.append(Mention(key, EntityKind.WATER_BODY, span))
    return mentions
