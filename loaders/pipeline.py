"""From the bytes of a report file to a :class:`~ducha.loaders.model.Report`.

read → clean → check that it is a report → segment → every extractor → merge. Pure: no
store, no RDF; the same bytes always give the same report.

Merging: entities found by several stages are one entity per ``(kind, key)`` with their
surface forms united; ``Report.entities`` is keyed ``"{kind}/{key}"`` (the entity's IRI path
under the data base). Figure relations are shifted to index the merged figures list.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import replace

from ducha.loaders.clean import check_is_report, clean_text
from ducha.loaders.enterprises import extract_enterprises
from ducha.loaders.figures import extract_figures
from ducha.loaders.inspections import extract_inspections
from ducha.loaders.model import Entity, Extraction, FigureRelation, Metadata, Report
from ducha.loaders.organizations import extract_organizations
from ducha.loaders.people import extract_people
from ducha.loaders.places import extract_places
from ducha.loaders.read import Document, read_document
from ducha.loaders.regulations import extract_regulations
from ducha.loaders.segment import segment
from ducha.loaders.waters import extract_water_bodies

__all__ = ["entity_id", "extract_report", "merge_extractions"]

_log = logging.getLogger(__name__)


def entity_id(entity: Entity) -> str:
    """The key of an entity in ``Report.entities``: ``"{kind}/{key}"``."""
    return f"{entity.kind.value}/{entity.key}"


def merge_extractions(extractions: Iterable[Extraction]) -> Extraction:
    """One extraction from many: entities united by (kind, key), mentions and posts without
    duplicates, figures concatenated with their relations re-indexed."""
    merged = Extraction()
    entities: dict[str, Entity] = {}
    seen_mentions: set[tuple[str, str, int, int, str | None]] = set()
    seen_posts: set[tuple[str, str, str | None, int, int]] = set()
    for part in extractions:
        for entity in part.entities:
            _unite(entities, entity)
        for mention in part.mentions:
            mention_key = (mention.kind.value, mention.entity, *mention.span, mention.role)
            if mention_key not in seen_mentions:
                seen_mentions.add(mention_key)
                merged.mentions.append(mention)
        for post in part.posts:
            post_key = (post.person, post.role, post.organization, *post.span)
            if post_key not in seen_posts:
                seen_posts.add(post_key)
                merged.posts.append(post)
        merged.inspections.extend(part.inspections)
        offset = len(merged.figures)
        merged.figures.extend(part.figures)
        merged.relations.extend(_shift(rel, offset) for rel in part.relations)
    merged.entities = list(entities.values())
    merged.mentions.sort(key=lambda m: (m.span.start, m.span.end, m.kind.value, m.entity))
    return merged


def _unite(entities: dict[str, Entity], entity: Entity) -> None:
    ident = entity_id(entity)
    known = entities.get(ident)
    if known is None:
        entities[ident] = Entity(
            kind=entity.kind,
            key=entity.key,
            name=entity.name,
            subtype=entity.subtype,
            aliases=set(entity.aliases),
            parent=entity.parent,
            attributes=dict(entity.attributes),
        )
        return
    # The first stage's name stays canonical; every other form becomes an alias.
    known.aliases |= entity.aliases | ({entity.name} - {known.name})
    known.subtype = known.subtype or entity.subtype
    known.parent = known.parent or entity.parent
    for name, value in entity.attributes.items():
        known.attributes.setdefault(name, value)


def _shift(relation: FigureRelation, offset: int) -> FigureRelation:
    target = relation.target + offset if isinstance(relation.target, int) else relation.target
    return replace(relation, source=relation.source + offset, target=target)


def extract_report(data: bytes, name: str, *, max_bytes: int) -> Report:
    """Read, clean, segment and extract one report file.

    ``name`` is the file name (or source URL); it identifies the report across versions and
    is kept as ``metadata.file_name``. Raises ``UnreadableInput`` (empty, binary, too large,
    undecodable) or ``NotAReport`` before any extraction runs.
    """
    started = time.perf_counter()
    document = read_document(data, name, max_bytes=max_bytes)
    text, metadata = clean_text(document.text, name=name)
    check_is_report(text, name)
    _fill_from_page(metadata, document)
    sections = segment(text)
    organizations = extract_organizations(text)
    places = extract_places(text)
    inspections = extract_inspections(
        text, organizations, places=places, reference=metadata.issued
    )
    extraction = merge_extractions(
        [
            extract_figures(text, sections),
            organizations,
            extract_people(text, organizations),
            extract_regulations(text, organizations),
            places,
            extract_water_bodies(text),
            extract_enterprises(text),
            Extraction(inspections=inspections),
        ]
    )
    metadata.file_name = name
    report = Report(
        text=text,
        metadata=metadata,
        sections=sections,
        entities={entity_id(e): e for e in extraction.entities},
        mentions=extraction.mentions,
        posts=extraction.posts,
        inspections=extraction.inspections,
        figures=extraction.figures,
        relations=extraction.relations,
    )
    _log.info(
        "extracted %s: %d sections, %d figures, %d entities in %.2fs",
        name,
        len(report.sections),
        len(report.figures),
        len(report.entities),
        time.perf_counter() - started,
    )
    return report


def _fill_from_page(metadata: Metadata, document: Document) -> None:
    """An HTML page's own title and address stand in when the text names none."""
    hints = document.hints
    metadata.title = metadata.title or hints.get("og:title") or hints.get("title")
    metadata.source = metadata.source or hints.get("og:url")
