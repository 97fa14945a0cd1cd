"""Resolve regulation mentions to registry acts.

A title is matched in three steps, each weaker than the last:

- **exact**: its normalised words (``act_titles.normalize_title``) equal an official title's;
- **alias**: they equal another rendering, a short form or a nickname ("Water Ten Articles");
- **fuzzy**: rapidfuzz's token-sort ratio against every name is at least the threshold, and no
  identifying word is left over on either side ("Water Law" never becomes the "Water Pollution
  Prevention and Control Law": "pollution" is left over).

A title that names a province is never linked to a national act: it is a local document of
that province, linked by ``implements`` to the central act its title says it carries out
("Measures for the Implementation of Eco-environmental Protection Supervision in Guizhou
Province"). Acts issued after the report's own year are not candidates.

:func:`resolve_report` applies this to every regulation entity of a report: a resolved entity
takes the act's key (``eli/cn/{level}/{year}/{slug}``) so it maps to the registry's IRI, and
each mention's evidence (method and score, by span) is kept in the entity's ``resolution``
attribute for the RDF stage.

>>> resolver = Resolver()
>>> match = resolver.resolve("Law on Prevention and Control of Water Pollution (revised in 2017)")
>>> match.entry.key, match.method, match.version.date
('law/1984/water-pollution-prevention-and-control-law', 'exact', '2017-06-27')
>>> resolver.resolve("Water Ten Articles").entry.key
'plan/2015/water-pollution-prevention-and-control-action-plan'
>>> resolver.resolve("Guizhou Province Water Pollution Prevention Plan") is None
True
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ducha.loaders import iri
from ducha.loaders.act_titles import (
    has_chinese,
    normalize_title,
    place_of,
    title_words,
    title_years,
)
from ducha.loaders.anchors import DIGITS_SCOUT, Anchored, scan_text
from ducha.loaders.lang.en import regulation_names as names
from ducha.loaders.model import Entity, EntityKind, Mention, Report
from ducha.loaders.registry import LEVELS, Registry, RegistryEntry, Version, default_registry
from rapidfuzz import fuzz, process

__all__ = [
    "THRESHOLD",
    "Match",
    "Resolver",
    "report_year",
    "resolve_report",
]

_log = logging.getLogger(__name__)

# Below this score (0-1) nothing is linked. Exact matches score 1.0, aliases 0.98, fuzzy
# matches 0.97 x their ratio, so a fuzzy match never outranks a name match.
THRESHOLD = 0.88
_ALIAS_SCORE = 0.98
_FUZZY_WEIGHT = 0.97
_WORD_TWIN = 85  # a left-over word this close to a word on the other side is a misspelling
_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–—~至]\s*(\d{4})(?!\d)")
# Both open with a look-behind, so the regex engine tries them at every character of the
# report: tried only where a run of digits starts instead (same matches).
_PLAN_PERIOD = Anchored(_RANGE, (DIGITS_SCOUT,))
_YEAR = Anchored(names.YEAR, (DIGITS_SCOUT,))
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Match:
    """A registry act a title resolves to, how, and how sure."""

    entry: RegistryEntry
    score: float
    method: str  # exact, alias, fuzzy
    label: str  # the registry name that matched
    version: Version | None = None  # the version the text's year points at, if any

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.entry.key,
            "title_zh": self.entry.title_zh,
            "title_en": self.entry.title_en,
            "level": self.entry.level,
            "score": round(self.score, 4),
            "method": self.method,
            "label": self.label,
            "version": self.version.date if self.version else None,
        }


class Resolver:
    """Matches titles against one registry (the shipped one by default)."""

    def __init__(self, registry: Registry | None = None, *, threshold: float = THRESHOLD) -> None:
        self.registry = registry if registry is not None else default_registry()
        self.threshold = threshold
        self._names: dict[str, list[tuple[str, bool, str]]] = {}
        for entry in self.registry:
            for label, official in entry.labels():
                normal = normalize_title(label)
                if normal:
                    self._names.setdefault(normal, []).append((entry.key, official, label))
        self._choices = sorted(self._names)
        # token_sort_ratio sorts both sides' words on every comparison; the names' words are
        # sorted once here and compared with fuzz.ratio (the same scores, five times faster).
        self._sorted_choices = [_sorted_words(choice) for choice in self._choices]
        # For implemented(): each national act's title words (of any English title) and the
        # words of its main title, computed once rather than per local title.
        self._national_words = [
            (
                entry,
                set(title_words(entry.title_en)).union(*(title_words(a) for a in entry.alt_en)),
                set(title_words(entry.title_en)),
            )
            for entry in self.registry
            if not entry.place
        ]

    def resolve(self, text: str, *, as_of: int | None = None) -> Match | None:
        """The best act for ``text`` at or above the threshold, or None."""
        found = self.candidates(text, limit=1, as_of=as_of)
        return found[0] if found else None

    def candidates(self, text: str, *, limit: int = 5, as_of: int | None = None) -> list[Match]:
        """Acts for ``text`` at or above the threshold, best first."""
        normal = normalize_title(text)
        if not normal:
            return []
        place = place_of(text)
        best: dict[str, Match] = {}
        for key, official, label in self._names.get(normal, []):
            score, method = (1.0, "exact") if official else (_ALIAS_SCORE, "alias")
            self._offer(best, key, score, method, label, place, as_of)
        for _, ratio, index in process.extract(
            _sorted_words(normal),
            self._sorted_choices,
            scorer=fuzz.ratio,
            limit=25,
            score_cutoff=self.threshold * 100 / _FUZZY_WEIGHT - 0.001,
        ):
            choice = self._choices[index]
            if choice == normal or not _same_words(normal, choice):
                continue
            score = _FUZZY_WEIGHT * ratio / 100
            for key, _official, label in self._names[choice]:
                self._offer(best, key, score, "fuzzy", label, place, as_of)
        years = title_years(text)
        matches = sorted(
            best.values(),
            key=lambda m: (
                -m.score,
                not _dated(m.entry, years),  # "the 2019 Regulations" is the one of 2019
                _LEVEL_RANK.get(m.entry.level, 99),
                m.entry.key,
            ),
        )
        return [replace(m, version=_version(m.entry, years)) for m in matches[:limit]]

    def _offer(
        self,
        best: dict[str, Match],
        key: str,
        score: float,
        method: str,
        label: str,
        place: str | None,
        as_of: int | None,
    ) -> None:
        entry = self.registry[key]
        if score < self.threshold:
            return
        # A provincial title is never the national act, nor another province's.
        if (place or "") != (entry.place or ""):
            return
        if as_of is not None and entry.first_year > as_of:
            return
        known = best.get(key)
        if known is None or score > known.score:
            best[key] = Match(entry, score, method, label)

    def implemented(self, title: str, *, as_of: int | None = None) -> RegistryEntry | None:
        """The national act a local title says it implements, or None.

        The words left after removing the place, the implementing phrasing and the head noun
        must all be words of the act's title; among such acts the one with the fewest extra
        identifying words wins (then the higher level)."""
        if not names.IMPLEMENTING.search(title):
            return None
        words = set(title_words(title))
        place = place_of(title)
        if place:
            words -= set(normalize_title(place).split()) | {
                "province",
                "provincial",
                "autonomous",
                "region",
                "municipal",
                "municipality",
                "zhuang",
                "hui",
            }
        subject = {w for w in words if w not in names.GENERIC_WORDS}
        if not subject:
            return None
        best: tuple[int, int, str] | None = None
        for entry, entry_words, main_words in self._national_words:
            if as_of is not None and entry.first_year > as_of:
                continue
            if not subject <= entry_words:
                continue
            extra = len(main_words - subject - names.GENERIC_WORDS)
            rank = (extra, _LEVEL_RANK.get(entry.level, 99), entry.key)
            if best is None or rank < best:
                best = rank
        return self.registry[best[2]] if best else None


def _sorted_words(normal: str) -> str:
    """A name's words in sorted order: what ``fuzz.token_sort_ratio`` compares."""
    return " ".join(sorted(normal.split()))


def _same_words(query: str, choice: str) -> bool:
    """No identifying word of one side is missing from the other (misspellings allowed)."""
    if has_chinese(query) or has_chinese(choice):
        return fuzz.ratio(query, choice) >= 92
    left, right = set(query.split()), set(choice.split())
    for own, other in ((left - right, right), (right - left, left)):
        for word in own - names.GENERIC_WORDS:
            if not any(fuzz.ratio(word, candidate) >= _WORD_TWIN for candidate in other):
                return False
    return True


def _dated(entry: RegistryEntry, years: list[int]) -> bool:
    return entry.first_year in years or any(int(v.date[:4]) in years for v in entry.versions)


def _version(entry: RegistryEntry, years: Iterable[int]) -> Version | None:
    wanted = set(years)
    chosen = None
    for version in entry.versions:
        if int(version.date[:4]) in wanted:
            chosen = version
    return chosen


def report_year(report: Report) -> int | None:
    """The latest year the report can speak of: its issue date, else the latest year its text
    names outside a plan period ("(2022-2024)"), never a future year."""
    if report.metadata.issued is not None:
        return report.metadata.issued.year
    # title_years(_RANGE.sub(" ", text)): the years outside plan periods.
    scan = scan_text(report.text)
    periods = [found.span() for found in scan.finditer(_PLAN_PERIOD)]
    this_year = date.today().year
    years = [
        year
        for found in scan.finditer(_YEAR)
        if not any(start <= found.start() < end for start, end in periods)
        and (year := int(found.group(1))) <= this_year
    ]
    return max(years) if years else None


# -- a whole report ---------------------------------------------------------------------------


def resolve_report(report: Report, resolver: Resolver | None = None) -> Report:
    """A copy of ``report`` whose regulation entities are resolved against the registry.

    Resolved entities take the act's key ``eli/cn/{key}`` and English title (the surface forms
    stay as aliases); local documents become ``level`` local-document with their ``place`` and
    the act they ``implements``; the rest keep their key. Every entity gets a ``resolution``
    attribute: JSON ``{"start-end": [method, score]}`` per mention span, method one of exact,
    alias, fuzzy, local or unresolved. Pure and deterministic.
    """
    resolver = resolver or Resolver()
    as_of = report_year(report)
    renamed: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    spans: dict[str, list[Mention]] = {}
    for mention in report.mentions:
        if mention.kind is EntityKind.REGULATION:
            spans.setdefault(mention.entity, []).append(mention)
    for ident, entity in report.entities.items():
        if entity.kind is not EntityKind.REGULATION:
            entities[ident] = entity
            continue
        resolved = _resolve_entity(entity, spans.get(entity.key, []), report.text, resolver, as_of)
        renamed[entity.key] = resolved.key
        ident = f"{resolved.kind.value}/{resolved.key}"
        known = entities.get(ident)
        entities[ident] = resolved if known is None else _unite(known, resolved)
    mentions = [
        replace(m, entity=renamed.get(m.entity, m.entity)) if m.kind is EntityKind.REGULATION else m
        for m in report.mentions
    ]
    return replace(report, entities=entities, mentions=mentions)


def _resolve_entity(
    entity: Entity, mentions: list[Mention], text: str, resolver: Resolver, as_of: int | None
) -> Entity:
    forms = [entity.name, *sorted(entity.aliases - {entity.name})]
    match = None
    for form in forms:
        match = resolver.resolve(form, as_of=as_of)
        if match is not None:
            break
    evidence: dict[str, list[object]] = {}
    attributes = dict(entity.attributes)
    if match is not None:
        for mention in mentions:
            own = resolver.resolve(mention.span.quote(text), as_of=as_of)
            chosen = own if own is not None and own.entry.key == match.entry.key else match
            evidence[f"{mention.span.start}-{mention.span.end}"] = [
                chosen.method,
                round(chosen.score, 4),
            ]
        entry = match.entry
        # The registry dates, places and links the act itself.
        for name in ("year", "place", "implements"):
            attributes.pop(name, None)
        if entry.implements:
            attributes["implements"] = f"eli/cn/{entry.implements}"
        attributes.update(level=entry.level, registry=entry.key)
        if entry.document_type:
            attributes["document_type"] = entry.document_type
        attributes["resolution"] = json.dumps(evidence, sort_keys=True)
        _log.debug("%r -> %s (%s %.2f)", entity.name, entry.key, match.method, match.score)
        return Entity(
            kind=entity.kind,
            key=f"eli/cn/{entry.key}",
            name=entry.title_en,
            subtype=entity.subtype,
            aliases={entity.name, *entity.aliases} - {entry.title_en},
            parent=entity.parent,
            attributes=attributes,
        )
    place = attributes.get("place") or place_of(entity.name)
    method = "unresolved"
    key = entity.key
    if place:
        method = "local"
        attributes.update(level="local-document", place=place)
        implemented = resolver.implemented(entity.name, as_of=as_of)
        # The registry's act replaces the extractor's bare title of the higher document.
        if implemented is not None:
            attributes["implements"] = f"eli/cn/{implemented.key}"
        year = attributes.get("year") or next(iter(title_years(entity.name)), None)
        slug = iri.slug(entity.name)
        key = f"eli/cn/local-document/{year}/{slug}" if year else f"eli/cn/local-document/{slug}"
    for mention in mentions:
        evidence[f"{mention.span.start}-{mention.span.end}"] = [method, 0.0]
    attributes["resolution"] = json.dumps(evidence, sort_keys=True)
    return replace(entity, key=key, attributes=attributes)


def _unite(known: Entity, other: Entity) -> Entity:
    """Two surface forms that resolved to one act: one entity, both forms, all evidence."""
    evidence = json.loads(known.attributes.get("resolution", "{}"))
    evidence.update(json.loads(other.attributes.get("resolution", "{}")))
    attributes = {**other.attributes, **known.attributes}
    attributes["resolution"] = json.dumps(evidence, sort_keys=True)
    return replace(
        known,
        aliases=known.aliases | other.aliases | ({other.name} - {known.name}),
        attributes=attributes,
    )
