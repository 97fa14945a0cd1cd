"""Party bodies, state bodies, inspection groups and other organisations named in a report.

A body's name is found from its head noun ("Party Group", "Department", "Inspector Group",
table in :mod:`ducha.loaders.lang.en.bodies`), extended left over its modifiers ("Fifth
Central Eco-environmental Protection") and right over its ``of``/``for`` complements ("of
the Department of Ecology and Environment of the Autonomous Region"). The name is then read
as a chain of units, innermost first: *Party Group* → *Department of Ecology and
Environment* → place *Guangxi*. The outer units are the body's parents
(``org:subOrganizationOf``); the place comes from a province or city name, or from a word
that means "the report's own province" ("provincial", "the Autonomous Region"; "municipal"
takes the city the sentence names, from the gazetteer when it is bare: "to Anyang, told the
municipal government"). An organ named after its owner without "of" ("the provincial Party
committee organization department") is one body keyed like its "of" form; a leading group
keeps its lower-case task ("leading group for the comprehensive management of ...").

Keys are slugs of ``place + units``, so "the Party Group of the Autonomous Region Department
of Ecology and Environment" and "Party Group of the Department of Ecology and Environment of
the Guangxi Zhuang Autonomous Region" are one body, and so is the same body in another
report. A bare head ("the Department", "the Inspector Group", "the ministry") refers back to
the most often named body with that head (groups: the nearest one named before); a shorter
group name ("the central inspection group") is the one group whose fuller name holds its
words ("Second Central Ecological and Environmental Protection Inspection Group"). Generic
plurals ("local governments", "relevant departments") and indefinite mentions ("an
inspection team") are not bodies.

>>> found = extract_organizations("The Guizhou Provincial Party Committee and the "
...     "provincial government met in Guizhou. The Standing Committee of the Provincial "
...     "Party Committee agreed.")
>>> sorted(e.name for e in found.entities)  # doctest: +NORMALIZE_WHITESPACE
['Guizhou Provincial Party Committee', 'Guizhou provincial government',
 'Standing Committee of the Guizhou Provincial Party Committee']
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

from ducha.loaders.anchors import CAPITAL_WORD, Anchored, scan_text, whole_word
from ducha.loaders.bodynames import find_bodies
from ducha.loaders.bodyunits import BodyName, slug, tokenize
from ducha.loaders.doctitles import Title, find_titles
from ducha.loaders.lang.en import bodies as en
from ducha.loaders.lang.en import titles as en_titles
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span

__all__ = ["extract_organizations", "home_province"]

_log = logging.getLogger(__name__)

_ACRONYM = re.compile(rf"{CAPITAL_WORD}[A-Z]{{1,5}}\b")  # \b[A-Z]{2,6}\b, scanned quickly
_PARENTHESIS_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z]{2,6})\)")


# One search for every province at once: it counts the same as a search per province only
# because no province's name contains another's as whole words (tests/test_organizations.py).
# Tried only where a province's name is (see ducha.loaders.anchors): opening with \b, it
# would be tried at every character.
_PROVINCE_NAME = Anchored(
    re.compile(r"\b(?:" + "|".join(sorted(en.PROVINCES, key=len, reverse=True)) + r")\b"),
    tuple(name.lower() for name in en.PROVINCES),
)


@lru_cache(maxsize=4)
def _province_counts(text: str) -> Counter[str]:
    """How often the text names each province; called several times per report, so cached."""
    counts: Counter[str] = Counter(dict.fromkeys(en.PROVINCES, 0))  # ties keep table order
    counts.update(match[0] for match in scan_text(text).finditer(_PROVINCE_NAME))
    return counts


def home_province(text: str, *, sole: bool = False) -> str | None:
    """The province the report is about: the one it names most often (at least twice).

    With ``sole``, a province named once counts when the text names no other: that is the
    province "the Provincial Department" of such a text belongs to, though a passing mention
    ("a subsidiary in Inner Mongolia") does not make a report about it.

    >>> home_province("Guizhou Province ... in Guizhou, unlike Hunan.")
    'Guizhou'
    >>> home_province("the Qinghai province office and the Provincial Department", sole=True)
    'Qinghai'
    """
    ranked = _province_counts(text).most_common(2)
    name, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # A report about several provinces has no home province.
    if sole and count == 1 and not runner_up:
        return name
    return name if count >= 2 and count > runner_up else None


def extract_organizations(text: str) -> Extraction:
    """Every organisation the text names, one entity per body, with a mention per naming.

    Never raises on odd text; unreadable names are skipped (and logged at debug level).
    """
    home = home_province(text, sole=True)
    names = _outside_titles(text, find_bodies(text, home))
    return _Resolver(text, names, home).resolve()


def _outside_titles(text: str, names: list[BodyName]) -> list[BodyName]:
    """The names that are not an activity a document is about: the "Land Administration"
    of the "Land Administration Law" or the "Pesticide Administration" of the "Regulations on
    Pesticide Administration" is no body. A body in a title stays one when it is the title's
    author ("Notice of the Department of Ecology and Environment on ..."), when its head has
    no activity sense ("Rules for the Work of the Discipline Inspection Commission ...") or
    when a level or place marks it as an institution ("Measures of the State Forestry
    Administration ..."): real reports name their own bodies in the titles they issue."""
    suspects = [
        n
        for n in names
        if n.head in en.ACTIVITY_HEADS
        and not en.INSTITUTION_MARKS.search(n.surface)
        and not _names_place(n.surface)
    ]
    if not suspects:
        return names
    titles = find_titles(text)
    dropped = {id(n) for n in suspects if any(_in_subject(text, t, n.span) for t in titles)}
    return [n for n in names if id(n) not in dropped]


def _in_subject(text: str, title: Title, span: Span) -> bool:
    if not (title.span.start <= span.start and span.end <= title.span.end):
        return False
    words = text[title.span.start : title.span.end]
    head = whole_word(title.head.title()).search(words)
    if head is None:
        return False
    head_start, head_end = title.span.start + head.start(), title.span.start + head.end()
    if span.start >= head_end:  # after the head: an author only right after "Head of the"
        return not en_titles.AUTHOR_OF.match(text, head_end, span.start)
    # before the head: the subject of a law ("Land Administration Law"), else the author
    # ("Guizhou Provincial Department of Ecology and Environment Work Plan")
    leads_to_head = not text[span.end : head_start].strip()
    kind = en_titles.DOCUMENT_HEADS.get(title.head, "other")
    return leads_to_head and kind in en_titles.SUBJECT_BEFORE_HEAD


class _Resolver:
    """Turns parsed names into entities: keys, parents, anaphora, acronyms, canonical names."""

    def __init__(self, text: str, names: list[BodyName], home: str | None) -> None:
        self.text = text
        self.names = names
        self.home = home
        self.entities: dict[str, Entity] = {}
        self.surfaces: dict[str, list[str]] = {}
        self.counts: Counter[str] = Counter()
        self.mentions: list[Mention] = []
        self.first_seen: dict[str, int] = {}
        self.shapes: dict[str, list[tuple[str, str]]] = {}
        self.tokens = tokenize(text)

    def resolve(self) -> Extraction:
        anaphors: list[BodyName] = []
        for name in self.names:
            if name.is_anaphor:
                anaphors.append(name)
                continue
            self._add_chain(name)
        for name in anaphors:
            key = self._antecedent(name)
            if key is None:
                _log.debug("no antecedent for %r", name.surface)
                continue
            self._mention(key, name.span, name.surface)
        self._merge_unnumbered_groups()
        self._add_acronyms()
        for key, entity in self.entities.items():
            entity.name = self._canonical(key)
            forms = set(self.surfaces[key])
            # "Hainan's Provincial Department ..." is also "Provincial Department ...".
            forms |= {f.split("'s ", 1)[1] for f in forms if re.match(r"[A-Z][a-z]+'s ", f)}
            entity.aliases = forms - {entity.name}
        self.mentions.sort(key=lambda m: (m.span.start, m.span.end))
        return Extraction(entities=list(self.entities.values()), mentions=self.mentions)

    def _add_chain(self, name: BodyName) -> None:
        """Add the body and, for bodies (not groups), each outer unit as its parent."""
        child: str | None = None
        for depth, link in enumerate(name.chain(self.tokens, self.text)):
            if depth > 0 and name.kind is EntityKind.INSPECTION_GROUP:
                break  # a group's owner is part of the group's name, not a mention
            key = link.key
            if link.is_bare:
                resolved = self._antecedent(link)
                if resolved is None:
                    break
                key = resolved
            elif key not in self.entities:
                self.entities[key] = Entity(
                    link.kind, key, link.surface, attributes=link.attributes()
                )
                self.surfaces[key] = []
                self.shapes[key] = link.shape
            self._mention(key, link.span, link.surface)
            if child is not None and self.entities[child].parent is None and child != key:
                self.entities[child].parent = key
            child = key

    def _mention(self, key: str, span: Span, surface: str) -> None:
        entity = self.entities[key]
        self.mentions.append(Mention(key, entity.kind, span))
        self.counts[key] += 1
        self.first_seen.setdefault(key, span.start)
        if surface not in self.surfaces[key]:
            self.surfaces[key].append(surface)

    def _antecedent(self, name: BodyName) -> str | None:
        matches = [key for key, shape in self.shapes.items() if name.refers_to(shape)]
        if name.surface.lower() in ("team", "teams"):
            # "the team" refers back only to a group the text has called a team.
            matches = [k for k in matches if any("team" in s.lower() for s in self.surfaces[k])]
        if not matches:
            return None
        if name.head == en.GROUP_HEAD:
            before = [k for k in matches if self.first_seen.get(k, 1 << 30) < name.span.start]
            pool = before or matches
            return max(pool, key=lambda k: self.first_seen.get(k, -1) if before else 0)
        return max(matches, key=lambda k: self.counts[k])

    def _merge_unnumbered_groups(self) -> None:
        """ "the Central Environmental Protection Inspectorate" or "the central inspection
        group" is the report's one "2nd Central Environmental Protection Inspectorate" when
        no other group's name holds its words, and "the Eighth Inspection Group" is the
        "Eighth Inspection Group of the Hunan Party Committee" named before (a number only
        matches the same number); shortest names merge last, so a chain of ever shorter
        names ends in the fullest one."""
        merged = True
        while merged:
            merged = False
            groups = [k for k, e in self.entities.items() if e.kind is EntityKind.INSPECTION_GROUP]
            for key in sorted(groups, key=lambda k: -len(self._group_words(k))):
                words = self._group_words(key)
                fuller = [
                    other
                    for other in groups
                    if other != key and _fuller_name(words, self._group_words(other))
                ]
                if len(fuller) == 1:
                    self._merge(key, fuller[0])
                    merged = True
                    break

    def _group_words(self, key: str) -> list[str]:
        """The words of a group's name with its owner's: "eighth inspection group party
        committee" for "the Eighth Inspection Group of the Hunan Party Committee"."""
        return [word for _, unit in self.shapes[key] for word in unit.split()]

    def _merge(self, old: str, new: str) -> None:
        for mention in self.mentions:
            if mention.entity == old:
                mention.entity = new
        self.surfaces[new].extend(s for s in self.surfaces.pop(old) if s not in self.surfaces[new])
        self.counts[new] += self.counts.pop(old, 0)
        self.first_seen[new] = min(self.first_seen[new], self.first_seen.pop(old))
        del self.entities[old], self.shapes[old]

    def _add_acronyms(self) -> None:
        defined: dict[str, str] = {}
        for name in self.names:
            match = _PARENTHESIS_ACRONYM.match(self.text, name.span.end)
            key = self._key_at(name.span)
            if match and key is not None:
                defined[match["acronym"]] = key
        for acronym, canonical in en.ACRONYMS.items():
            key = next((k for k, e in self.entities.items() if e.name == canonical), None)
            if key is not None:
                defined.setdefault(acronym, key)
        for match in _ACRONYM.finditer(self.text):
            acronym = match[0]
            if acronym not in defined and acronym in en.ACRONYMS:
                canonical = en.ACRONYMS[acronym]
                key = slug(canonical)
                self.entities.setdefault(key, Entity(EntityKind.GOVERNMENT_BODY, key, canonical))
                if acronym == "CCDI":
                    self.entities[key].kind = EntityKind.PARTY_BODY
                self.surfaces.setdefault(key, [canonical])
                defined[acronym] = key
            if acronym in defined:
                self._mention(defined[acronym], Span(match.start(), match.end()), acronym)

    def _key_at(self, span: Span) -> str | None:
        for mention in reversed(self.mentions):
            if mention.span == span:
                return str(mention.entity)
        return None

    def _canonical(self, key: str) -> str:
        """The fullest surface form, with the place written out where the text implies it."""
        entity = self.entities[key]
        if entity.attributes.get("canonical"):
            return str(entity.attributes.pop("canonical"))
        surfaces = self.surfaces[key] or [entity.name]
        surfaces = [_without_party_suffix(s) for s in surfaces]
        explicit = [s for s in surfaces if _names_place(s)]
        best = max(explicit or surfaces, key=lambda s: len(re.split(r"[\s-]+", s)))  # ties: first
        best = _place_first(best)
        place = entity.attributes.get("place")
        if place and not _names_place(best):
            best = _write_out_place(best, place)
        return best


def _fuller_name(words: list[str], other: list[str]) -> bool:
    """Whether ``other`` names a group with all of ``words`` in order and more: a number
    ("Second") or more modifiers ("Ecological and Environmental Protection")."""
    if len(other) <= len(words):
        return False
    remaining = iter(other)
    return all(word in remaining for word in words)


_CITY_NAMED = re.compile(
    r"\b(?!(?:Municipal|Provincial|Central)\b)[A-Z][a-z]+(?:'s)? "
    r"(?:City|County|District|Municipal|[Gg]overnment)\b"
)
_REGION_WORDS = re.compile(r"\b([Aa]utonomous [Rr]egion(?:al)?)\b")
_PLACEHOLDER_WORDS = re.compile(r"\b([Pp]rovincial|[Mm]unicipal|local)\b")
_THE_PROVINCE = re.compile(r"\bthe [Pp]rovince\b")
_PLACE_AFTER = re.compile(
    r"^(?P<body>[Pp]rovincial .+) of (?:the )?(?P<place>[A-Z][a-z]+) [Pp]rovince$"
)


def _names_place(surface: str) -> bool:
    return bool(en.ANY_PROVINCE_WORD.search(surface) or _CITY_NAMED.search(surface))


def _without_party_suffix(surface: str) -> str:
    for suffix in en.PARTY_SUFFIXES:
        surface = surface.removesuffix(" " + suffix)
    return surface


def _place_first(surface: str) -> str:
    """ "provincial government of Guangdong province" -> "Guangdong provincial government"."""
    match = _PLACE_AFTER.match(surface)
    return f"{match['place']} {match['body']}" if match else surface


def _write_out_place(surface: str, place: str) -> str:
    """Put the place into the wording: "the provincial government" -> "Guizhou provincial
    government", "of the Autonomous Region" -> "of the Guangxi Zhuang Autonomous Region"."""
    full = en.PROVINCES.get(place, place)
    if full.endswith("Autonomous Region") and _REGION_WORDS.search(surface):
        return _REGION_WORDS.sub(full, surface, count=1)
    if _PLACEHOLDER_WORDS.search(surface):
        return _PLACEHOLDER_WORDS.sub(lambda m: f"{place} {m[1]}", surface, count=1)
    if _THE_PROVINCE.search(surface):
        return _THE_PROVINCE.sub(full, surface, count=1)
    return f"{place} {surface}"
