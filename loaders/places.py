"""Places named in a report: administrative divisions from the gazetteer, and named areas.

Divisions ("Guangxi", "Nanning City", "Qingxiu District", "Songtao") are found by looking
up runs of words in :func:`~ducha.loaders.gazetteer.load_gazetteer` and keyed by adcode,
so every spelling of one division is one node. Other places (parks, reserves, scenic
spots, mountains, deltas, streets, villages) are found by their head word and keyed by a
slug of their name.

Homonyms are resolved by the report's own context: a name shared by several divisions
("Yulin", "Taizhou", "Chaoyang District") is the one inside a province (or prefecture) the
report names unambiguously; failing that, the only prefecture-level candidate; failing
that, it is left out rather than guessed. A bare county or district name ("Songtao") is
weak: it counts only inside a province or prefecture the report names.

Decisions: a city named as the first word of an organisation or company ("Baotou
Aluminum", "Guilin University") is not a place mention; "the autonomous region", "the
province" without a name are not resolved; "Yangtze River Economic Belt" and "Yangtze
River Delta" are regions (places), not the river; a zone or park needs a name ("Zhundong
Economic and Technological Development Zone"; "Technological Development Zone" alone is
not a place); "Qinling and Helan Mountains" yields the last name only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter

from ducha.loaders.anchors import CAPITAL_WORD, Anchored, scan_text
from ducha.loaders.gazetteer import Division, Gazetteer, load_gazetteer
from ducha.loaders.lang.en.names import (
    GENERIC_WORDS,
    SURNAMES,
    WATER_HEADS,
    ZONE_WORDS,
    is_pinyin,
    name_key,
)
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span
from ducha.loaders.tokens import TokenColumns, token_columns

__all__ = ["extract_places"]

_WORD = re.compile(r"[A-Za-z]+(?:['’](?!s\b)[A-Za-z]+)*")
_GAP = re.compile(r"[ \t]+")
# Words after a division's name that make it part of another name ("Chishui River").
_NOT_AFTER = frozenset(WATER_HEADS) | {"basin", "mountain", "mountains", "road", "island"}

_FEATURE_HEADS = (
    "National Nature Reserve|Nature Reserve|Natural Reserve|Resources Reserve|Reserve|"
    "National Scenic Spot|Scenic Spot|Scenic Area|National Park|Wetland Park|Forest Park|"
    "Industrial Park|Geopark|Park|Economic and Technological Development Zone|"
    "Economic-Technological Development Zone|High-tech Industrial Development Zone|"
    "High-Tech Industrial Development Zone|Economic Development Zone|Development Zone|"
    "High-tech Zone|Industrial Zone|Industry Base|Industrial Base|Mountains|Mountain|"
    "River Delta|Delta|Economic Belt|Island"
)
# A name may hold "and" between capitalised words: "Zhundong Economic and Technological
# Development Zone", "Ningdong Energy and Chemical Industry Base".
# The first word's \b[A-Z] as CAPITAL_WORD, so that the whole-text scan jumps to capitals.
_FEATURE_WORD = r"[A-Za-z'’-]*[ \t]+(?:and[ \t]+(?=[A-Z]))?"
_FEATURE = re.compile(
    rf"(?P<name>{CAPITAL_WORD}{_FEATURE_WORD}(?:[A-Z]{_FEATURE_WORD}){{0,6}}?)"
    rf"(?P<head>{_FEATURE_HEADS})\b(?![ \t]+(?:[A-Z]|project))"
)
# Anchored: tried only where their fixed words are (see ducha.loaders.anchors).
_MOUNT = Anchored(re.compile(r"\bMount[ \t]+(?P<name>[A-Z][a-z]+)\b(?![ \t]+[A-Z])"), ("mount",))
_RESERVE_OF = Anchored(
    re.compile(
        r"\b(?:natural protection zone|nature reserve|natural reserve|protected area) of "
        r"(?:the )?(?:[A-Z][A-Za-z'’-]*[ \t]+)+Mountains?\b"
    ),
    ("natural protection zone", "nature reserve", "natural reserve", "protected area"),
)
_LOCAL = re.compile(
    rf"(?P<name>{CAPITAL_WORD}[a-z]+)[ \t]+(?P<head>Street|Subdistrict|Town|Township|Village|"
    r"(?:coal[ \t]+)?mining area|industrial[ \t]+(?:area|park|zone)|area)\b"
)
_NEXT_TO = re.compile(r",[ \t]*|[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?")
_VILLAGE_WORD = Anchored(re.compile(r"\b[A-Z][a-z]+cun\b"), ("cun",), back=r"[A-Za-z]")

_FEATURE_SUBTYPES = {
    "reserve": "nature-reserve", "scenic": "scenic-spot", "park": "park", "zone": "park",
    "mountain": "region", "delta": "region", "belt": "region", "island": "region",
    "base": "park",
}  # fmt: skip
_LOCAL_SUBTYPES = {"street": "township", "subdistrict": "township", "town": "township",
                   "township": "township", "village": "village"}  # fmt: skip


@dataclass
class _Candidate:
    span: Span
    codes: list[str]
    weak: bool


def extract_places(text: str) -> Extraction:
    """Every place named in ``text``, one entity per place and one mention per occurrence.

    Divisions get ``key`` = adcode, ``subtype`` province / city / prefecture / county /
    district, attributes ``adcode``, ``name_zh``, ``province`` (adcode) and ``level``,
    and ``parent`` = the adcode of the enclosing division. Other places get a slug key and
    subtype park / scenic-spot / nature-reserve / region / township / village.

    >>> found = extract_places("Qingxiu District, Nanning City, Guangxi")
    >>> sorted((e.key, e.name) for e in found.entities)[0]
    ('450000', 'Guangxi Zhuang Autonomous Region')
    """
    gazetteer = load_gazetteer()
    divisions = _resolve(_candidates(text, gazetteer), gazetteer)
    features = _features(text, gazetteer)
    taken = [span for span, _ in features]
    # A division inside a named area counts only as its first word ("Luodian County ...").
    divisions = [
        (s, code)
        for s, code in divisions
        if not any(t.covers(s) and s != t and not _starts(t, s) for t in taken)
    ]
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for span, code in divisions:
        division = gazetteer[code]
        entity = entities.setdefault(code, _division_entity(division))
        _note(entity, span.quote(text))
        mentions.append(Mention(code, EntityKind.PLACE, span))
    for span, entity in features:
        known = entities.setdefault(entity.key, entity)
        known.aliases |= entity.aliases
        _note(known, span.quote(text))
        if known.parent is None:
            known.parent = _enclosing(text, span, divisions)
        mentions.append(Mention(known.key, EntityKind.PLACE, span))
    for entity in entities.values():
        entity.aliases.discard(entity.name)
    mentions.sort(key=lambda m: m.span)
    return Extraction(entities=list(entities.values()), mentions=mentions)


def _enclosing(text: str, span: Span, divisions: list[tuple[Span, str]]) -> str | None:
    """The division a named area lies in, when its name starts with it ("Luodian County
    Aquatic ... Reserve") or the text says so next to it ("Shimahe Street, Jiangbei
    District", "Xiayun Industrial Park in Guiyang")."""
    for division_span, code in divisions:
        if _starts(span, division_span):
            return code
        if division_span.start >= span.end and _NEXT_TO.fullmatch(
            text[span.end : division_span.start]
        ):
            return code
    return None


def _starts(outer: Span, inner: Span) -> bool:
    return bool(outer.start == inner.start and inner.end <= outer.end)


def _note(entity: Entity, surface: str) -> None:
    if surface != entity.name:
        entity.aliases.add(surface)


def _division_entity(division: Division) -> Entity:
    attributes = {"adcode": division.adcode, "name_zh": division.name_zh,
                  "province": division.province, "level": division.level}  # fmt: skip
    return Entity(EntityKind.PLACE, division.adcode, division.name, division.subtype,
                  aliases=set(division.forms), parent=division.parent,
                  attributes=attributes)  # fmt: skip


def _candidates(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """Longest runs of words that name a division, left to right, without overlaps."""
    words = token_columns(_WORD, text)
    surfaces, starts, ends = words
    # only a capitalised word that some division's name starts with (the few hundred words
    # of the gazetteer) starts a name: jump from one to the next (capitals picked in C)
    capitals = compress(count(), map(str.isupper, map(itemgetter(0), surfaces)))
    capitalised = [i for i in capitals if gazetteer.may_start(surfaces[i])]
    forms: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}
    found: list[_Candidate] = []
    i = 0
    for next_capital in capitalised:
        if next_capital < i:
            continue
        i = next_capital
        start = starts[i]
        hit = _longest_at(text, words, i, gazetteer, forms)
        if hit is None:
            i += 1
            continue
        n, codes, weak = hit
        span = Span(start, ends[i + n - 1])
        if _is_part_of_other_name(text, words, i, n, codes, gazetteer):
            i += n
            continue
        found.append(_Candidate(span, codes, weak))
        i += n
    return found


def _longest_at(
    text: str, words: TokenColumns, i: int, gazetteer: Gazetteer,
    forms: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]],
) -> tuple[int, list[str], bool] | None:  # fmt: skip
    """The longest division name starting at word ``i``: (words, adcodes, weak). ``forms``
    keeps what the gazetteer said about each phrase already looked up in this text."""
    starts, ends = words.starts, words.ends
    phrase = text[starts[i] : ends[i]]
    best: tuple[int, list[str], bool] | None = None
    for n in range(1, gazetteer.longest_form + 1):
        if n > 1:
            if i + n - 1 >= len(starts):
                break
            gap = text[ends[i + n - 2] : starts[i + n - 1]]
            if not _GAP.fullmatch(gap):
                break
            phrase += " " + text[starts[i + n - 1] : ends[i + n - 1]]
        known = forms.get(phrase)
        if known is None:
            known = forms[phrase] = (
                tuple(d.adcode for d in gazetteer.lookup(phrase)),
                tuple(d.adcode for d in gazetteer.lookup_weak(phrase)),
                gazetteer.continues(phrase),
            )
        strong, weak, continues = known
        if strong:
            best = (n, list(strong), False)
        elif weak:
            best = (n, list(weak), True)
        if not continues:
            break  # no longer form starts with these words
    return best


def _next_word(text: str, words: TokenColumns, j: int) -> str | None:
    """The word at index ``j`` if only spaces separate it from the word before."""
    starts, ends = words.starts, words.ends
    if j >= len(starts) or not _GAP.fullmatch(text[ends[j - 1] : starts[j]]):
        return None
    return text[starts[j] : ends[j]]


def _is_part_of_other_name(
    text: str, words: TokenColumns, i: int, n: int, codes: list[str], gazetteer: Gazetteer,
) -> bool:  # fmt: skip
    after = _next_word(text, words, i + n)
    if after is not None and after.lower() in _NOT_AFTER:
        return True  # "Chishui River", "Lijiang River": a water body, not the city
    if n > 1 or all(gazetteer[c].level == "province" for c in codes):
        return False
    starts, ends = words.starts, words.ends
    before = text[starts[i - 1] : ends[i - 1]] if i > 0 else ""
    if before in SURNAMES and _GAP.fullmatch(text[ends[i - 1] : starts[i]]):
        return True  # "Mao Dongli": a person
    # "Baotou Aluminum", "Guilin University": the first word of an organisation's name.
    return after is not None and after[0].isupper() and after.lower() not in GENERIC_WORDS


def _resolve(candidates: list[_Candidate], gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """Pick one adcode per candidate from the report's context, or drop the candidate."""
    sure = {c.codes[0] for c in candidates if len(c.codes) == 1 and not c.weak}
    context = _with_ancestors(sure, gazetteer)
    resolved: dict[int, str] = {}
    for rounds in range(2):  # a second round lets names resolved in the first add context
        for index, candidate in enumerate(candidates):
            if index in resolved:
                continue
            code = _pick(candidate, context, gazetteer)
            if code is not None:
                resolved[index] = code
        context = _with_ancestors(set(resolved.values()) | sure, gazetteer)
        del rounds
    return [(candidates[i].span, code) for i, code in sorted(resolved.items())]


def _with_ancestors(codes: Iterable[str], gazetteer: Gazetteer) -> set[str]:
    context: set[str] = set()
    for code in codes:
        context.add(code)
        context.update(gazetteer.ancestors(code))
    return context


def _pick(candidate: _Candidate, context: set[str], gazetteer: Gazetteer) -> str | None:
    codes = candidate.codes
    provinces = [c for c in codes if gazetteer[c].level == "province"]
    if provinces:
        return provinces[0]  # "Hainan" is the province unless the text says "Prefecture"
    inside = [c for c in codes if gazetteer[c].province in context]
    if len(inside) > 1:
        inside = [c for c in inside if gazetteer[c].parent in context] or inside
    if len(inside) == 1:
        return inside[0]
    if candidate.weak:
        return None
    pool = inside or codes
    if len(pool) == 1:
        return pool[0]
    higher = [c for c in pool if gazetteer[c].level in ("province", "prefecture")]
    return higher[0] if len(higher) == 1 else None


def _features(text: str, gazetteer: Gazetteer) -> list[tuple[Span, Entity]]:
    """Named places that are not divisions, outermost first, without overlaps."""
    found: list[tuple[Span, Entity]] = []
    scan = scan_text(text)
    for match in scan.finditer(_RESERVE_OF):
        name = match.group(0)
        found.append((Span(match.start(), match.end()), _place(name, "nature-reserve")))
    for match in _FEATURE.finditer(text):
        words = match.group("name").split()
        words = _last_coordinated(words)
        while words and words[0].lower() in GENERIC_WORDS | ZONE_WORDS:
            words.pop(0)  # "The Qinling Mountains", "In Huangguoshu ..."
        if not words:
            continue  # "Technological Development Zone": a kind of place, not a name
        start = match.start("head") - len(" ".join(words)) - 1
        if text[start : match.start("head")].split() != words:
            continue  # the words were not single-spaced; keep spans exact
        head = match.group("head")
        subtype = next(s for k, s in _FEATURE_SUBTYPES.items() if k in head.lower())
        found.append((Span(start, match.end()), _place(f"{' '.join(words)} {head}", subtype)))
    for match in _LOCAL.finditer(text):
        name, head = match.group("name"), match.group("head")
        if not is_pinyin(name) or name.lower() in GENERIC_WORDS or gazetteer.lookup(name):
            continue
        if head.startswith("industrial"):
            canonical = f"{name} {' '.join(head.split())}"
            subtype = "region" if head.endswith("area") else "park"
            found.append((Span(match.start(), match.end()), _place(canonical, subtype)))
        elif "area" in head:
            canonical = f"{name} {'mining area' if 'mining' in head else 'area'}"
            found.append((Span(match.start(), match.end()), _place(canonical, "region")))
        else:
            subtype = _LOCAL_SUBTYPES[head.lower()]
            found.append((Span(match.start(), match.end()), _place(match.group(0), subtype)))
    for match in scan.finditer(_MOUNT):
        if is_pinyin(match.group("name")):
            found.append((Span(match.start(), match.end()), _place(match.group(0), "region")))
    for match in scan.finditer(_VILLAGE_WORD):
        if is_pinyin(match.group(0)):
            found.append((Span(match.start(), match.end()), _place(match.group(0), "village")))
    found.sort(key=lambda item: (item[0].start, -item[0].end))
    kept: list[tuple[Span, Entity]] = []
    for span, entity in found:
        if not any(other.covers(span) for other, _ in kept):
            kept.append((span, entity))
    return kept


def _last_coordinated(words: list[str]) -> list[str]:
    """The last name of "Qinling and Helan Mountains" (two names sharing a head); "and"
    between descriptive words ("Economic and Technological") stays inside the name."""
    for index in range(len(words) - 2, 0, -1):
        after = words[index + 1]
        if words[index] == "and" and is_pinyin(after) and after.lower() not in GENERIC_WORDS:
            return words[index + 1 :]
    return words


def _place(name: str, subtype: str) -> Entity:
    return Entity(EntityKind.PLACE, name_key(name), name, subtype)
