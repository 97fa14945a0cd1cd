"""The parts of a body's name: tokens, the units a name is made of and the name itself.

A name is read as a chain of :class:`Unit` s, innermost first: "Party Group of the
Department of Ecology and Environment of the Autonomous Region" is the unit *party group*
inside the unit *department of ecology and environment*, placed in the report's own
province. :mod:`ducha.loaders.bodynames` finds names in the text;
:mod:`ducha.loaders.organizations` turns them into entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from ducha.loaders.lang.en import bodies as en
from ducha.loaders.model import EntityKind, Span
from ducha.loaders.tokens import token_columns
from slugify import slugify

__all__ = [
    "BodyName",
    "Token",
    "Unit",
    "is_modifier",
    "joined",
    "slug",
    "surface",
    "tokenize",
]

_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?|\d+(?:st|nd|rd|th)?")

_ECO = re.compile(r"\becological(?: and)? environment(?:al)?\b")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str  # the text in lower case, kept because names are matched on it many times

    @property
    def capital(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=2)
def tokenize(text: str) -> list[Token]:
    """The words and numbers of ``text``; cached because the name finder and the
    organisation resolver both read the same report. Callers must not change the list."""
    words, starts, ends = token_columns(_TOKEN, text)
    columns = zip(words, starts, ends, map(str.lower, words), strict=True)
    return list(map(_new_token, columns))


# Token(...) from a row, in C: tuple.__new__ skips the Python-level Token._make (9,000 tokens
# in a seed-sized report).
_new_token = partial(tuple.__new__, Token)


def joined(text: str, left: Token, right: Token) -> bool:
    """Whether two tokens stand next to each other with only a space between them."""
    return text[left.end : right.start] in (" ", "  ")


def is_modifier(token: Token) -> bool:
    """Whether a word may stand before a head inside a name (capitalised, an ordinal or a
    listed lower-case modifier such as "provincial")."""
    word = token.lower
    if word in en.ORDINALS or word in en.LOWERCASE_MODIFIERS:
        return True
    return token.capital and word not in en.STOP_CAPITALS and not word[0].isdigit()


# Cached: the same names come back many times in a report and across reports, and slugify
# costs some 10 µs a call (about 60 a seed-sized report).
@lru_cache(maxsize=4096)
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
    # An owner named before the unit without "of" ("the provincial Party committee" of "the
    # provincial Party committee organization department"): part of the name, not a mention.
    prefix: bool = False
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
        for ordinal, word in _SPELLED_ORDINALS:
            text = ordinal.sub(word, text)
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
            if units[0].prefix:
                break
            start = tokens[units[0].first].start
            end = tokens[units[-1].last].end
            links.append(
                BodyName(units[0].kind, Span(start, end), surface(text, start, end), units,
                         self.home)
            )
        return links


_ORDINAL_WORDS = {n: w for w, n in en.ORDINALS.items() if not w[0].isdigit()}
# "2nd" -> "second" in keys; compiled once (the re module's cache is emptied between reports
# by the later stages).
_SPELLED_ORDINALS = [
    (re.compile(rf"\b{word}\b"), _ORDINAL_WORDS[number])
    for word, number in en.ORDINALS.items()
    if word[0].isdigit()
]


def surface(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end])
