"""The report model: what extraction finds in one report, before it becomes RDF.

Like a spaCy ``Doc``, a :class:`Report` owns its normalised text and everything else is a
view on it by half-open character offsets: ``report.text[span.start:span.end]`` is always
the exact quote behind a fact. Extraction stages fill the model; :mod:`ducha.loaders.rdf`
turns it into triples. Nothing here knows about RDF or the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

__all__ = [
    "Entity",
    "EntityKind",
    "Extraction",
    "Figure",
    "FigureRelation",
    "Inspection",
    "Mention",
    "Metadata",
    "Post",
    "RelationKind",
    "Report",
    "Section",
    "SectionKind",
    "Span",
]


class Span(NamedTuple):
    """Half-open character offsets ``[start, end)`` into a report's normalised text."""

    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start : self.end]

    def covers(self, other: Span) -> bool:
        """Whether ``other`` lies within this span (an empty span at either edge counts).

        A ``NamedTuple``'s ``in`` tests its fields, so containment has its own name:

        >>> Span(0, 10).covers(Span(2, 5)), Span(2, 5).covers(Span(0, 10))
        (True, False)
        """
        return self.start <= other.start and other.end <= self.end


class SectionKind(StrEnum):
    PART = "part"  # "1. The party group ... organize the implementation"
    ASPECT = "aspect"  # "(2) Rectification of the problem of '...'"
    PROBLEM = "problem"  # "4. Rectification of the problem of '...'"
    MEASURE = "measure"  # "(1) Persist in ...", "The first is ..."


@dataclass
class Section:
    """One numbered block of the report's outline.

    ``number`` is the number as printed ("1.", "(3)", "First"); ``ordinal`` is its value
    (3 for "(3)" or "Third"). ``heading`` covers the heading or lead sentence, ``extent``
    the whole block including its children. ``parent`` indexes ``Report.sections``.
    """

    kind: SectionKind
    number: str
    ordinal: int | None
    label: str
    heading: Span
    extent: Span
    parent: int | None = None


class EntityKind(StrEnum):
    INSPECTION_GROUP = "inspection-group"
    PARTY_BODY = "party-body"
    GOVERNMENT_BODY = "government-body"
    ORGANIZATION = "organization"  # an organisation of no more precise kind
    ENTERPRISE = "enterprise"  # companies and projects
    PERSON = "person"
    REGULATION = "regulation"  # any named document: law, plan, notice, measures ...
    WATER_BODY = "water-body"  # subtype river, lake, sea, bay, reservoir, ditch ...
    PLACE = "place"  # subtype province, city, county, district, park, scenic-spot ...


@dataclass
class Entity:
    """A canonical thing named in the text; one node per ``(kind, key)`` across reports.

    ``key`` is a stable slug of the canonical name, so the same river or law found in two
    reports gets one IRI. ``aliases`` keeps every other surface form seen.
    ``attributes`` holds kind-specific facts (``adcode``, ``province``, ``year``,
    ``issuer`` (an entity key), ``document_type`` ...).
    """

    kind: EntityKind
    key: str
    name: str
    subtype: str | None = None
    aliases: set[str] = field(default_factory=set)
    parent: str | None = None  # key of the organisation or place this one belongs to
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Mention:
    """A place in the text that names an entity.

    ``role`` says what the report does with it: ``"issues"`` for a document the inspected
    body formulated or issued, ``"violates"`` for one a problem is said to breach,
    ``None`` for a plain mention.
    """

    entity: str  # Entity.key
    kind: EntityKind
    span: Span
    role: str | None = None


@dataclass
class Post:
    """A person holding a post ("Chen Liang, Secretary of the Party Group ...")."""

    person: str  # Entity.key
    role: str
    organization: str | None  # Entity.key
    span: Span


@dataclass
class Inspection:
    """An inspection, supervision or Party inspection tour the report answers or names."""

    key: str
    span: Span
    group: str | None = None  # Entity.key of the inspection group
    inspected: str | None = None  # Entity.key of the body or place inspected
    inspection_type: str | None = None  # central, look-back, special, provincial, party-tour
    round: int | None = None
    batch: int | None = None
    start: date | None = None
    end: date | None = None
    feedback: date | None = None


@dataclass
class Figure:
    """A number stated in the text.

    ``value`` has word multipliers applied ("1.5 million yuan" is 1500000, unit ``yuan``);
    ``None`` marks a token that cannot be read as one number ("31,19815"), kept with its
    span and never guessed. ``printed_precision`` is the number of decimals printed.
    ``quantity`` is a key shared by figures that report the same counted thing.
    ``direction`` says whether a figure stating a change ("down 15.6%") is a rise or a fall.
    """

    span: Span
    value: Decimal | None
    unit: str = "count"
    counts: str | None = None
    qualifier: str = "exact"  # exact, atLeast, approximately, atMost
    status: str | None = None  # completed, basically-completed, in-progress, in-stages ...
    as_of: date | None = None
    printed_precision: int = 0
    quantity: str | None = None
    cumulative: bool = False
    direction: str | None = None  # increase or decrease, for a figure that states a change


class RelationKind(StrEnum):
    PART_OF = "partOf"  # figure -> whole figure
    RATE_OF = "rateOf"  # rate figure -> numerator figure
    RATE_OVER = "rateOver"  # rate figure -> denominator figure
    STATED_COUNT = "statedCount"  # figure -> a list ("problems", "aspects", ...)
    CHANGE_OF = "changeOf"  # change figure -> the newer value ("98.1%, up 3.7 points")
    CHANGE_FROM = "changeFrom"  # change figure -> the older value ("from 90.2% to 98.1%")


@dataclass
class FigureRelation:
    """A relation between figures, by index into ``Report.figures``.

    For ``STATED_COUNT`` the target is the name of the counted list ("problems",
    "aspects", "measures") instead of a figure index. ``complete`` marks a part that
    belongs to a breakdown the text presents as complete (all statuses of one total);
    ``group`` tells two breakdowns of one whole apart (by channel and by status, say), and
    ``span`` covers the sentence(s) that breakdown is read from.
    """

    kind: RelationKind
    source: int
    target: int | str
    complete: bool = False
    group: int | None = None  # parts of one breakdown share a group; a whole may have several
    span: Span | None = None


@dataclass
class Metadata:
    """What the page says about the report, kept apart from its body text."""

    title: str | None = None
    source: str | None = None  # URL, or the site name as printed
    released: str | None = None  # release time as printed ("2 years ago", "2023-11-20")
    issued: date | None = None
    publisher: str | None = None  # the signatory at the end
    regions: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    truncated_start: bool = False
    truncated_end: bool = False
    file_name: str | None = None


@dataclass
class Report:
    """One report: its normalised text and everything extracted from it."""

    text: str
    language: str = "en"
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[FigureRelation] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """A stable id from the normalised text: the same text always gets the same IRI."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def sections_of(self, kind: SectionKind) -> list[Section]:
        return [s for s in self.sections if s.kind is kind]

    def ancestor(self, index: int, kind: SectionKind) -> int | None:
        """The index of the nearest enclosing section of ``kind``, if any."""
        parent = self.sections[index].parent
        while parent is not None:
            if self.sections[parent].kind is kind:
                return parent
            parent = self.sections[parent].parent
        return None


@dataclass
class Extraction:
    """What one extraction stage found; the pipeline merges these into a :class:`Report`.

    Entities are merged by ``key`` (aliases united), so stages may report the same entity.
    Figure indices in ``relations`` refer to this extraction's own ``figures`` list.
    """

    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[FigureRelation] = field(default_factory=list)
