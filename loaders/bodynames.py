"""Reading one body's name out of the text: where it starts and ends, and what it is made of.

A name is found around a head noun and read as a chain of :class:`Unit` s, innermost first:
"Party Group of the Department of Ecology and Environment of the Autonomous Region" is the
unit *party group* inside the unit *department of ecology and environment*, placed in the
report's own province. :mod:`ducha.loaders.organizations` turns names into entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ducha.loaders.lang.en import bodies as en
from ducha.loaders.model import EntityKind, Span
from slugify import slugify

__all__ = ["BodyName", "Token", "Unit", "find_bodies", "slug", "tokenize"]

_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?|\d+(?:st|nd|rd|th)?")
_CITY_BEFORE = re.compile(r"\b([A-Z][a-z]+ (?:County|City|District))\b")
_PLACE_SUFFIXES = frozenset(
    {"zhuang", "hui", "uygur", "uyghur", "autonomous", "region", "province", "provincial",
     "municipal", "municipality", "regional", "city", "county", "district"}
)
_DETERMINERS = frozenset(
    {"a", "an", "some", "each", "every", "all", "relevant", "other", "various", "any", "no",
     "many", "several", "such", "key", "functional", "whole"}
)
_ECO = re.compile(r"\becological(?: and)? environment(?:al)?\b")


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capital(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str) -> list[Token]:
    return [Token(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]


def slug(name: str) -> str:
    """A stable key: lower-case words joined by hyphens, articles and apostrophes dropped.

    >>> slug("the People's Government of Hechi")
    'peoples-government-of-hechi'
    """
    words = [w for w in re.split(r"\s+", name.replace("'", "").replace("’", "")) if w]
    kept = [w for w in words if w.lower() != "the"]
    return str(slugify(" ".join(kept)))


@dataclass
class Unit:
    """One body in a chain: its head, its own words and the place it belongs to."""

    head: str  # normalised head noun ("party group", "department", "inspection group")
    kind: EntityKind
    words: list[str] = field(default_factory=list)  # modifiers, head and fields, lower-case
    place: str | None = None
    complete_head: bool = False
    first: int = 0  # token indices of the unit's words (fields and places included)
    last: int = 0

    @property
    def key_text(self) -> str:
        text = " ".join(w for w in self.words if w not in ("the", "local"))
        return _ECO.sub("eco-environmental", text)

    @property
    def is_bare(self) -> bool:
        return not self.complete_head and self.place is None and self.words == [self.head]


@dataclass
class BodyName:
    """A body's name as printed: its span, its words and the chain of units it names."""

    kind: EntityKind
    span: Span
    surface: str
    units: list[Unit]
    home: str | None = None

    @property
    def head(self) -> str:
        return self.units[0].head

    @property
    def is_anaphor(self) -> bool:
        return all(unit.is_bare for unit in self.units)

    @property
    def is_bare(self) -> bool:
        return self.is_anaphor

    @property
    def place(self) -> str | None:
        return next((u.place for u in reversed(self.units) if u.place), None)

    @property
    def shape(self) -> list[tuple[str, str]]:
        return [(unit.head, unit.key_text) for unit in self.units]

    @property
    def key(self) -> str:
        text = " of ".join(unit.key_text for unit in self.units)
        synonym = en.SYNONYMS.get(text) if len(self.units) == 1 else None
        if synonym is not None:
            return slug(synonym)
        for word, number in en.ORDINALS.items():
            if word[0].isdigit():
                text = re.sub(rf"\b{word}\b", _ORDINAL_WORDS[number], text)
        place = self.place
        numbered = any(w in en.ORDINALS for w in self.units[0].words)
        if place is None and self.kind is EntityKind.INSPECTION_GROUP and self.home and numbered:
            # Group numbers restart with every batch: the same name in two provinces'
            # reports is two groups.
            return slug(f"{text} {self.home}")
        return slug(f"{place} {text}" if place else text)

    def attributes(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.place:
            found["place"] = self.place
        text = " of ".join(unit.key_text for unit in self.units)
        synonym = en.SYNONYMS.get(text) if len(self.units) == 1 else None
        if synonym is not None:
            found["canonical"] = synonym
        return found

    def refers_to(self, shape: list[tuple[str, str]]) -> bool:
        """Whether this (partly bare) name can mean a body of the given unit shape."""
        if len(self.units) == 1:
            unit = self.units[0]
            return shape[0][0] == unit.head and (unit.is_bare or shape[0][1] == unit.key_text)
        if len(shape) != len(self.units):
            return False
        return all(
            head == unit.head and (unit.is_bare or text == unit.key_text)
            for (head, text), unit in zip(shape, self.units, strict=True)
        )

    def chain(self, tokens: list[Token], text: str) -> list[BodyName]:
        """This name and each of its outer bodies ("the Department ..." of "the Party Group
        of the Department ..."), each with its own span."""
        links = [self]
        for depth in range(1, len(self.units)):
            units = self.units[depth:]
            start = tokens[units[0].first].start
            end = tokens[units[-1].last].end
            links.append(
                BodyName(units[0].kind, Span(start, end), _surface(text, start, end), units,
                         self.home)
            )
        return links


_ORDINAL_WORDS = {n: w for w, n in en.ORDINALS.items() if not w[0].isdigit()}


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
    by_length = sorted(en.HEADS.items(), key=lambda item: -len(item[0]))
    heads: dict[int, tuple[int, str, str]] = {}
    index = 0
    while index < len(tokens):
        for words, (kind, norm) in by_length:
            window = [t.lower for t in tokens[index : index + len(words)]]
            if len(window) == len(words) and _same_words(window, words):
                heads[index] = (len(words), kind, norm)
                index += len(words)
                break
        else:
            index += 1
    return heads


def _same_words(window: list[str], words: tuple[str, ...]) -> bool:
    if window[:-1] != list(words[:-1]):
        return False
    last, wanted = window[-1], words[-1]
    return last == wanted or _singular(last) == wanted


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _joined(text: str, left: Token, right: Token) -> bool:
    return text[left.end : right.start] in (" ", "  ")


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
    right, segments = _extend_right(text, tokens, heads, end, kind)
    head_words = tokens[start:end]
    if end < len(tokens) and _joined(text, tokens[end - 1], tokens[end]) and (
        tokens[end].lower in en.NOUNS_AFTER_HEAD
    ):
        return None  # "government affairs", "Party Group Meeting": the head is a modifier
    plural = _singular(head_words[-1].lower) != head_words[-1].lower
    before = tokens[left - 1] if left > 0 else None
    modifiers = [t.lower for t in tokens[left:start]]
    if before is not None and before.lower in _DETERMINERS and _joined(text, before, tokens[left]):
        return None
    context = {t.lower for t in tokens[max(0, left - 3) : left]} | set(modifiers)
    if kind == "inspection-group" and context & en.EXCLUDING_MODIFIERS:
        return None
    if plural:
        qualified = "central" in modifiers or any(
            tokens[i].lower in ("batch", "round") for i in range(end, right)
        )
        if kind != "inspection-group" or not qualified:
            return None
    units = _units(text, tokens, heads, left, start, end, segments, home)
    if units is None:
        return None
    span = Span(tokens[left].start, tokens[right - 1].end)
    name = BodyName(EntityKind(kind), span, _surface(text, *span), units, home)
    if name.is_anaphor and not _anaphor_allowed(text, tokens, left, right, norm, head_words):
        return None
    if norm == "team" and not name.is_anaphor:
        return None
    return name


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
        if not _joined(text, token, tokens[index]):
            break
        central_government = token.lower == "government" and index >= 2 and (
            tokens[index - 2].lower == "central"
        )
        if index - 1 in head_tokens and not central_government:
            break
        if not _modifier(token) or (token.lower == "and" and index == start):
            break
        index -= 1
        if token.text.endswith("'s") and token.capital and token.lower != "region's":
            break  # "Hainan's Provincial Department": the possessive starts the name
    while index < start and tokens[index].lower == "and":
        index += 1
    return index


def _modifier(token: Token) -> bool:
    word = token.lower
    if word in en.ORDINALS or word in en.LOWERCASE_MODIFIERS:
        return True
    return token.capital and word not in en.STOP_CAPITALS and not word[0].isdigit()


def _extend_right(
    text: str, tokens: list[Token], heads: dict[int, tuple[int, str, str]], end: int, kind: str
) -> tuple[int, list[tuple[int, int]]]:
    """Take ``of``/``for`` complements; returns the end token and each complement's range."""
    segments: list[tuple[int, int]] = []
    head_tokens = {i for s, (n, _, _) in heads.items() for i in range(s, s + n)}
    while end + 1 < len(tokens) and tokens[end].lower in ("of", "for"):
        if not _joined(text, tokens[end - 1], tokens[end]):
            break
        first = end + 1
        if tokens[first].lower == "the" and first + 1 < len(tokens):
            first += 1
        last = first
        while last < len(tokens) and _joined(text, tokens[last - 1], tokens[last]):
            token = tokens[last]
            if token.lower in ("of", "for") and last not in head_tokens:
                break
            if token.lower in en.NOUNS_AFTER_HEAD:
                break
            if last - 1 in head_tokens and last not in head_tokens and (
                token.lower not in _PLACE_SUFFIXES
            ):
                break  # a body named in a complement ends with its head
            if token.lower == "and" and (
                last + 1 >= len(tokens) or tokens[last + 1].lower == "the"
            ):
                break
            if not (
                _modifier(token)
                or token.lower in _PLACE_SUFFIXES
                or token.lower in ("and", "batch", "round", "people's")
                or last in head_tokens
            ):
                break
            last += 1
        while last > first and tokens[last - 1].lower == "and":
            last -= 1
        after_party = bool(segments) and [t.lower for t in tokens[slice(*segments[-1])]] == [
            "communist",
            "party",
        ]
        if last == first or not (
            after_party or _complement_ok(tokens, head_tokens, first, last, kind)
        ):
            break
        segments.append((first, last))
        end = last
    return end, segments


def _complement_ok(
    tokens: list[Token], head_tokens: set[int], first: int, last: int, kind: str
) -> bool:
    words = [t.lower for t in tokens[first:last]]
    if words == ["china"]:
        return False  # "Ministry of Environmental Protection of China": the country
    if any(i in head_tokens for i in range(first, last)):
        return True
    if any(t.capital for t in tokens[first:last]):
        return True
    if kind == "inspection-group" and ("batch" in words or "round" in words):
        return True
    return " ".join(words) in ("autonomous region", "province", "department")


def _units(
    text: str,
    tokens: list[Token],
    heads: dict[int, tuple[int, str, str]],
    left: int,
    start: int,
    end: int,
    segments: list[tuple[int, int]],
    home: str | None,
) -> list[Unit] | None:
    _, kind, norm = heads[start]
    unit = Unit(norm, EntityKind(kind), complete_head=norm in en.COMPLETE_HEADS, first=left,
                last=end - 1)
    if not _place_and_words(text, tokens, unit, left, start, home):
        return None
    unit.words.append(norm)
    units = [unit]
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
            if not _place_and_words(text, tokens, owner, first, inner, home):
                return None
            owner.words.append(inner_norm)
            owner.words.extend(t.lower for t in tokens[inner + n : last])
            units.append(owner)
            continue
        probe = Unit(norm, EntityKind(kind))
        if _place_and_words(text, tokens, probe, first, last, home) and not probe.words:
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


def _place_and_words(
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
    while index < last and tokens[index].lower in _PLACE_SUFFIXES:
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
        named_often = home is not None and len(re.findall(rf"\b{home}\b", text)) >= 3
        return home if home in en.MUNICIPALITIES and named_often else None
    return home


def _city_before(text: str, at: int) -> str | None:
    sentence = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), 0)
    cities = _CITY_BEFORE.findall(text, sentence, at)
    return cities[-1] if cities else None


def _surface(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end])
