"""Finding bodies' names in the text: where each starts and ends, and what it is made of.

A name is found around a head noun (table in :mod:`ducha.loaders.lang.en.bodies`),
extended left over its modifiers and right over its ``of``/``for`` complements, and read
as a chain of :class:`~ducha.loaders.bodyunits.Unit` s, innermost first.
:mod:`ducha.loaders.organizations` turns names into entities.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from ducha.loaders.bodycomplements import extend_right, task_complement
from ducha.loaders.bodyplaces import read_place_and_words
from ducha.loaders.bodyunits import BodyName, Token, Unit, is_modifier, joined, surface, tokenize
from ducha.loaders.lang.en import bodies as en
from ducha.loaders.model import EntityKind, Span

__all__ = ["find_bodies"]

_DETERMINERS = frozenset(
    {"a", "an", "some", "each", "every", "all", "relevant", "other", "various", "any", "no",
     "many", "several", "such", "key", "functional", "whole"}
)


def find_bodies(text: str, home: str | None) -> list[BodyName]:
    """Every body name in ``text`` (anaphors included), longest first where names overlap."""
    tokens = tokenize(text)
    heads = _heads(tokens)
    head_tokens = {i for start, (size, _, _) in heads.items() for i in range(start, start + size)}
    found: list[BodyName] = []
    for start, (length, kind, norm) in heads.items():
        name = _parse(text, tokens, heads, head_tokens, start, length, kind, norm, home)
        if name is not None:
            found.append(name)
    found.sort(key=lambda n: (n.span.start, -(n.span.end - n.span.start)))
    kept: list[BodyName] = []
    for name in found:
        if kept and name.span.start < kept[-1].span.end:
            continue  # inside a longer name ("central government inspection team")
        kept.append(name)
    return kept


def _heads(tokens: list[Token]) -> dict[int, tuple[int, str, str]]:
    """Head nouns, longest match first, not overlapping: start -> (length, kind, norm)."""
    lowered = list(map(itemgetter(3), tokens))  # Token.lower of each, read in C
    heads: dict[int, tuple[int, str, str]] = {}
    index = 0
    # Only a word that starts a head, or is the plural of one, can: jump between them (the
    # words picked in C, not by a Python test per token).
    for start in compress(count(), map(_HEAD_STARTS.__contains__, lowered)):
        if start < index:
            continue
        index = start
        for words, kind, norm in _candidates(lowered[index]):
            window = lowered[index : index + len(words)]
            if len(window) == len(words) and _same_words(window, words):
                heads[index] = (len(words), kind, norm)
                index += len(words)
                break
    return heads


_Head = tuple[tuple[str, ...], str, str]  # words, kind, norm


def _head_index() -> dict[str, list[tuple[int, _Head]]]:
    """The head table by first word, each head with its rank (longest first), so that a
    token is compared with the few heads that can start at it, not with all of them."""
    by_length = sorted(en.HEADS.items(), key=lambda item: -len(item[0]))
    index: dict[str, list[tuple[int, _Head]]] = {}
    for rank, (words, (kind, norm)) in enumerate(by_length):
        index.setdefault(words[0], []).append((rank, (words, kind, norm)))
    return index


_HEAD_INDEX = _head_index()
_LONGEST_HEAD = max(len(words) for words in en.HEADS)
# Every word _candidates can find a head for: a head's first word, and the plurals whose
# _singular is a one-word head ("departments", "committees", "bodies" for "body").
_HEAD_STARTS = frozenset(_HEAD_INDEX).union(
    plural
    for words in en.HEADS
    if len(words) == 1
    for plural in (words[0] + "s", words[0][:-1] + "ies")
)


@lru_cache(maxsize=4096)
def _candidates(word: str) -> tuple[_Head, ...]:
    """The heads that may start at a token reading ``word``, in the order to try them:
    those whose first word it is and, a one-word head being also its last word, those it
    is the plural of ("departments")."""
    found = _HEAD_INDEX.get(word, [])
    singular = _singular(word)
    if singular != word:
        plurals = [entry for entry in _HEAD_INDEX.get(singular, []) if len(entry[1][0]) == 1]
        if plurals:
            found = sorted(found + plurals)
    return tuple(head for _, head in found)


def _same_words(window: list[str], words: tuple[str, ...]) -> bool:
    if window[:-1] != list(words[:-1]):
        return False
    last, wanted = window[-1], words[-1]
    return last == wanted or _singular(last) == wanted


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _parse(
    text: str,
    tokens: list[Token],
    heads: dict[int, tuple[int, str, str]],
    head_tokens: set[int],
    start: int,
    length: int,
    kind: str,
    norm: str,
    home: str | None,
) -> BodyName | None:
    end = start + length  # exclusive token index
    left = _extend_left(text, tokens, head_tokens, start)
    right, segments = extend_right(text, tokens, head_tokens, end, kind)
    head_words = tokens[start:end]
    owner = None if segments else _owner_before(text, tokens, heads, head_tokens, left, norm,
                                                home)
    if owner is not None:
        left = owner.first
        if owner.kind is EntityKind.PARTY_BODY:
            kind = owner.kind.value  # "the county Party committee office" is a Party organ
    if end < len(tokens) and joined(text, tokens[end - 1], tokens[end]) and (
        tokens[end].lower in en.NOUNS_AFTER_HEAD
    ):
        return None  # "government affairs", "Party Group Meeting": the head is a modifier
    plural = _singular(head_words[-1].lower) != head_words[-1].lower
    before = tokens[left - 1] if left > 0 else None
    modifiers = [t.lower for t in tokens[left:start]]
    if before is not None and before.lower in _DETERMINERS and joined(text, before, tokens[left]):
        return None
    if norm in en.ACTIVITY_HEADS and _after_preposition(tokens, left) and (
        end < len(tokens) and tokens[end].lower == "of"
    ):
        return None  # "on the Administration of the Reserve": an activity, not a body
    context = {t.lower for t in tokens[max(0, left - 3) : left]} | set(modifiers)
    if kind == "inspection-group" and context & en.EXCLUDING_MODIFIERS:
        return None
    if plural:
        qualified = "central" in modifiers or any(
            tokens[i].lower in ("batch", "round") for i in range(end, right)
        )
        if kind != "inspection-group" or not qualified:
            return None
    task = None
    if norm in en.TASK_HEADS and right == end:
        task = task_complement(text, tokens, head_tokens, end)
    units = _units(text, tokens, heads, start if owner else left, start, end, segments, home,
                   owner)
    if units is None:
        return None
    if task is not None:
        units[0].words.extend(t.lower for t in tokens[end:task])
        units[0].last, right = task - 1, task
    span = Span(tokens[left].start, tokens[right - 1].end)
    name = BodyName(EntityKind(kind), span, surface(text, *span), units, home)
    if name.is_anaphor and not _anaphor_allowed(text, tokens, left, right, norm, head_words):
        return None
    if norm == "team" and not name.is_anaphor:
        return None
    return name


def _after_preposition(tokens: list[Token], left: int) -> bool:
    index = left - 1
    if index >= 0 and tokens[index].lower == "the":
        index -= 1
    return index >= 0 and tokens[index].lower in en.ACTIVITY_PREPOSITIONS


def _owner_before(
    text: str,
    tokens: list[Token],
    heads: dict[int, tuple[int, str, str]],
    head_tokens: set[int],
    start: int,
    norm: str,
    home: str | None,
) -> Unit | None:
    """The Party committee or government named right before one of its organs ("the
    provincial Party committee organization department"), as a prefix unit; else None."""
    if norm not in en.OWNED_HEADS or start == 0:
        return None
    if not joined(text, tokens[start - 1], tokens[start]):
        return None
    owner_start = _head_ending_at(heads, start)
    if owner_start is None or heads[owner_start][2] not in en.OWNER_HEADS:
        return None
    _, kind, owner_norm = heads[owner_start]
    first = _extend_left(text, tokens, head_tokens, owner_start)
    owner = Unit(owner_norm, EntityKind(kind), prefix=True, first=first, last=start - 1)
    if not read_place_and_words(text, tokens, owner, first, owner_start, home):
        return None
    owner.words.append(owner_norm)
    return owner


def _head_ending_at(heads: dict[int, tuple[int, str, str]], end: int) -> int | None:
    """The start of the head that ends right before token ``end`` (heads do not overlap,
    so there is at most one), or None."""
    for length in range(1, min(_LONGEST_HEAD, end) + 1):
        found = heads.get(end - length)
        if found is not None:
            return end - length if found[0] == length else None
    return None


def _anaphor_allowed(
    text: str, tokens: list[Token], left: int, right: int, norm: str, head: list[Token]
) -> bool:
    """A bare head refers back only as "the X", capitalised or from a short list."""
    if left == 0 or tokens[left - 1].lower != "the":
        return False
    after = text[tokens[right - 1].end : tokens[right - 1].end + 7]
    if re.match(r"(?:-| level| and \w+ level)", after) or re.match(r"\s+and\s+\w+\s+level", after):
        return False
    if right - left > len(head):
        return True  # "the party group of the department": a chain of heads
    preceding = text[max(0, tokens[left - 1].start - 40) : tokens[left - 1].start]
    if re.search(r"(?:director|head|secretary|leader)s?\s+of\s+$", preceding, re.IGNORECASE):
        return True  # "director of the department": a post names its body
    return head[0].capital or norm in en.ANAPHORIC_LOWERCASE_HEADS


def _extend_left(text: str, tokens: list[Token], head_tokens: set[int], start: int) -> int:
    index = start
    while index > 0:
        token = tokens[index - 1]
        if not joined(text, token, tokens[index]):
            break
        central_government = token.lower == "government" and index >= 2 and (
            tokens[index - 2].lower == "central"
        )
        if index - 1 in head_tokens and not central_government:
            break
        if not is_modifier(token):
            bridged = _place_bridge(text, tokens, index)
            if bridged is None:
                break
            index = bridged
            continue
        if token.lower == "and" and index == start:
            break
        index -= 1
        if token.text.endswith("'s") and token.capital and token.lower != "region's":
            break  # "Hainan's Provincial Department": the possessive starts the name
    while index < start and tokens[index].lower == "and":
        index += 1
    return index


def _place_bridge(text: str, tokens: list[Token], index: int) -> int | None:
    """Lower-case place nouns between a proper name and the body's words ("Qinghai province
    Muli mining area ecological environment ... office"): the index where the bridge
    starts, when a proper name stands right before it; else None."""
    bridge = index
    while bridge > 0 and tokens[bridge - 1].lower in en.PLACE_NOUNS and joined(
        text, tokens[bridge - 1], tokens[bridge]
    ):
        bridge -= 1
    if bridge == index or bridge == 0:
        return None
    name = tokens[bridge - 1]
    if not (joined(text, name, tokens[bridge]) and name.capital and is_modifier(name)):
        return None
    return bridge


def _units(
    text: str,
    tokens: list[Token],
    heads: dict[int, tuple[int, str, str]],
    left: int,
    start: int,
    end: int,
    segments: list[tuple[int, int]],
    home: str | None,
    owner: Unit | None = None,
) -> list[Unit] | None:
    _, kind, norm = heads[start]
    if owner is not None and owner.kind is EntityKind.PARTY_BODY:
        kind = owner.kind.value
    unit = Unit(norm, EntityKind(kind), complete_head=norm in en.COMPLETE_HEADS, first=left,
                last=end - 1)
    if not read_place_and_words(text, tokens, unit, left, start, home):
        return None
    unit.words.append(norm)
    units = [unit]
    if owner is not None:
        units.append(owner)
    skip_china = False
    for first, last in segments:
        words = [t.lower for t in tokens[first:last]]
        inner = next((i for i in range(first, last) if i in heads), None)
        if words in (["communist", "party"], ["cpc"]):
            skip_china = True
            continue
        if skip_china and words == ["china"]:
            continue
        if inner is not None:
            n, inner_kind, inner_norm = heads[inner]
            if _singular(tokens[inner + n - 1].lower) != tokens[inner + n - 1].lower:
                return None  # "the party group of the ecological environment bureaus"
            owner = Unit(inner_norm, EntityKind(inner_kind),
                         complete_head=inner_norm in en.COMPLETE_HEADS, first=first, last=last - 1)
            if not read_place_and_words(text, tokens, owner, first, inner, home):
                return None
            owner.words.append(inner_norm)
            owner.words.extend(t.lower for t in tokens[inner + n : last])
            units.append(owner)
            continue
        probe = Unit(norm, EntityKind(kind))
        if read_place_and_words(text, tokens, probe, first, last, home) and not probe.words:
            if units[-1].place is None:
                units[-1].place = probe.place
            units[-1].last = last - 1
            continue
        connector = tokens[first - 1].lower if tokens[first - 1].lower != "the" else (
            tokens[first - 2].lower
        )
        units[-1].words.extend([connector, *words])
        units[-1].last = last - 1
    outer = units[-1]
    provincial = outer.kind in (EntityKind.PARTY_BODY, EntityKind.GOVERNMENT_BODY)
    if outer.place is None and home and provincial and not _national(outer) and not outer.is_bare:
        # A department, bureau or office named without its place is the report's own
        # province's ("the Department of Ecology and Environment", "the organization
        # department"); ministries and central bodies are the country's.
        outer.place = home
    return units


def _national(unit: Unit) -> bool:
    return (unit.complete_head and unit.head != "organization department") or any(
        word in en.NATIONAL_NAMES for word in unit.words
    ) or unit.head in en.NATIONAL_NAMES
