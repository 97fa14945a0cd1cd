"""Turn a :class:`~ducha.loaders.model.Report` into RDF, exactly as docs/data-model.md says.

One pass over the report builds pyoxigraph ``Quad`` objects for two graphs: the report's own
graph (the report, its text, sections, figures, mentions and their spans) and the shared graph
(canonical entities, posts and inspections, merged across reports by the store).

Every extracted resource gets ``prov:wasDerivedFrom`` a span whose ``oa:exact`` is
``report.text[start:end]``; a span outside the text is a bug in an extractor and raises
:class:`~ducha.loaders.errors.InternalError` rather than storing a wrong quote.

>>> from ducha.loaders.model import Report
>>> quads = report_quads(Report(text="Rectification report."))
>>> quads.report_iri.removeprefix("https://w3id.org/ducha/id/report/")
'4128a03f629a8d46'
>>> len(quads.shared)
0
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.loaders.model import (
    Entity,
    EntityKind,
    Figure,
    Mention,
    RelationKind,
    Report,
    Section,
    SectionKind,
    Span,
)
from ducha.ontology.concepts import concept_for
from ducha.ontology.terms import DUCHA
from pyoxigraph import Literal, NamedNode, Quad

__all__ = ["ReportQuads", "report_quads"]

log = logging.getLogger(__name__)


def _known(name: str) -> bool:
    """Whether ``ducha:name`` is a term of the ontology (``DUCHA`` is a closed namespace)."""
    try:
        DUCHA[name]
    except (AttributeError, KeyError):
        return False
    return True


def _d(name: str) -> NamedNode:
    """A term of the ducha: ontology namespace."""
    if not _known(name):
        raise InternalError(f"ducha:{name} is not a term of ontology/ducha.ttl")
    return NamedNode(iri.ONTOLOGY_NS + name)


def _d_concept(name: str, fallback: str | None = None) -> NamedNode | None:
    """A class or term of the ontology by local name, or ``fallback``, or ``None``."""
    for candidate in (name, fallback):
        if candidate and _known(candidate):
            return NamedNode(iri.ONTOLOGY_NS + candidate)
    return None


def _concept(scheme: str, token: str | None, fallback: str | None = None) -> NamedNode | None:
    """The SKOS concept of ``scheme`` an extractor's token names (the ontology is the table)."""
    found = concept_for(DUCHA[scheme], token) if token else None
    if found is None and fallback is not None:
        found = concept_for(DUCHA[scheme], fallback)
    if found is None:
        if token:
            log.warning("%r names no concept of ducha:%s; left out", token, scheme)
        return None
    return NamedNode(str(found))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_ORG = "http://www.w3.org/ns/org#"

A = NamedNode(_RDF + "type")
LABEL = NamedNode(_RDFS + "label")
ALT_LABEL = NamedNode(_SKOS + "altLabel")
XSD_DECIMAL = NamedNode(_XSD + "decimal")
XSD_INTEGER = NamedNode(_XSD + "integer")
XSD_NNI = NamedNode(_XSD + "nonNegativeInteger")
XSD_DATE = NamedNode(_XSD + "date")
XSD_BOOLEAN = NamedNode(_XSD + "boolean")
XSD_GYEAR = NamedNode(_XSD + "gYear")
DCT_TITLE = NamedNode(_DCT + "title")
DCT_ISSUED = NamedNode(_DCT + "issued")
DCT_PUBLISHER = NamedNode(_DCT + "publisher")
DCT_SOURCE = NamedNode(_DCT + "source")
DCT_DATE = NamedNode(_DCT + "date")
DERIVED = NamedNode(_PROV + "wasDerivedFrom")
OA_SPECIFIC = NamedNode(_OA + "SpecificResource")
OA_POSITION = NamedNode(_OA + "TextPositionSelector")
OA_QUOTE = NamedNode(_OA + "TextQuoteSelector")
OA_SOURCE = NamedNode(_OA + "hasSource")
OA_SELECTOR = NamedNode(_OA + "hasSelector")
OA_START = NamedNode(_OA + "start")
OA_END = NamedNode(_OA + "end")
OA_EXACT = NamedNode(_OA + "exact")
ORG_ORGANIZATION = NamedNode(_ORG + "Organization")
ORG_POST = NamedNode(_ORG + "Post")
ORG_HOLDS = NamedNode(_ORG + "holds")
ORG_ROLE = NamedNode(_ORG + "role")
ORG_POST_IN = NamedNode(_ORG + "postIn")
ORG_SUB_OF = NamedNode(_ORG + "subOrganizationOf")

_SECTION_CLASS = {
    SectionKind.PART: "Part",
    SectionKind.ASPECT: "Aspect",
    SectionKind.PROBLEM: "Problem",
    SectionKind.MEASURE: "Measure",
}
_LIST_ITEM_CLASS = {"problems": "Problem", "aspects": "Aspect", "measures": "Measure"}
_LIST_SECTION_KIND = {
    "problems": SectionKind.PROBLEM,
    "aspects": SectionKind.ASPECT,
    "measures": SectionKind.MEASURE,
}
_ENTITY_CLASS = {
    EntityKind.INSPECTION_GROUP: "InspectionGroup",
    EntityKind.PARTY_BODY: "PartyBody",
    EntityKind.GOVERNMENT_BODY: "GovernmentBody",
    EntityKind.ENTERPRISE: "Enterprise",
    EntityKind.PERSON: "Person",
    EntityKind.REGULATION: "Regulation",
    EntityKind.WATER_BODY: "WaterBody",
    EntityKind.PLACE: "Place",
}
# Extractor subtypes whose ontology class is not just the subtype in CamelCase.
_SUBTYPE_CLASS = {
    "city": "Prefecture",
    "prefecture": "Prefecture",
    "scenic-spot": "ScenicSpot",
    "nature-reserve": "NatureReserve",
    "region": "Place",
}
_ORGANIZATION_KINDS = frozenset(
    {
        EntityKind.INSPECTION_GROUP,
        EntityKind.PARTY_BODY,
        EntityKind.GOVERNMENT_BODY,
        EntityKind.ORGANIZATION,
        EntityKind.ENTERPRISE,
    }
)
_WORD_BREAK = re.compile(r"[-_\s]+")


def _camel(name: str) -> str:
    """``basically-completed`` -> ``basicallyCompleted``; ``inProgress`` stays as it is."""
    head, *rest = _WORD_BREAK.split(name.strip())
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _pascal(name: str) -> str:
    camel = _camel(name)
    return camel[:1].upper() + camel[1:]


def _decimal(value: Decimal) -> Literal:
    # xsd:decimal has no exponent form: 1.5E+6 must be written 1500000.
    text = format(value, "f")
    return Literal(text, datatype=XSD_DECIMAL)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD_BOOLEAN)


@dataclass
class ReportQuads:
    """The quads of one report: ``report`` in the report's graph, ``shared`` in the shared
    graph (to be added to, never replacing, what other reports put there)."""

    report_iri: str
    shared_graph: str
    report: list[Quad] = field(default_factory=list)
    shared: list[Quad] = field(default_factory=list)


def report_quads(report: Report, *, base: str = iri.DEFAULT_BASE) -> ReportQuads:
    """Map ``report`` to RDF per docs/data-model.md.

    Pure and deterministic: the same report always gives the same quads, so loading twice
    changes nothing. Raises ``InternalError`` when an extractor produced a span outside the
    text or a term the ontology does not define.
    """
    return _Builder(report, base).build()


class _Builder:
    def __init__(self, report: Report, base: str) -> None:
        self.r = report
        self.base = base
        self.report_iri = iri.report_iri(report.digest, base)
        self.report_node = NamedNode(self.report_iri)
        self.graph = NamedNode(self.report_iri)
        self.shared_graph = NamedNode(iri.shared_graph_iri(base))
        self.out = ReportQuads(self.report_iri, self.shared_graph.value)
        self.spans: set[Span] = set()
        self.lang = report.language or "en"
        self.section_nodes: list[NamedNode] = []
        self.by_key: dict[str, Entity] = {}
        for entity in report.entities.values():
            self.by_key.setdefault(entity.key, entity)

    # -- emitting -------------------------------------------------------------------------

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.out.report.append(Quad(s, p, o, self.graph))

    def share(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.out.shared.append(Quad(s, p, o, self.shared_graph))

    def text(self, value: str) -> Literal:
        return Literal(value, language=self.lang)

    def derive(self, node: NamedNode, span: Span) -> None:
        """``node prov:wasDerivedFrom`` the span, emitting the span once."""
        start, end = span
        if not 0 <= start <= end <= len(self.r.text):
            raise InternalError(
                f"span {start}-{end} of {node.value} lies outside the report text "
                f"(length {len(self.r.text)}): an extractor produced a bad offset"
            )
        span_node = NamedNode(iri.span_iri(self.report_iri, start, end))
        self.add(node, DERIVED, span_node)
        if span in self.spans:
            return
        self.spans.add(span)
        position = NamedNode(span_node.value + "/position")
        quote = NamedNode(span_node.value + "/quote")
        self.add(span_node, A, OA_SPECIFIC)
        self.add(span_node, OA_SOURCE, self.report_node)
        self.add(span_node, OA_SELECTOR, position)
        self.add(span_node, OA_SELECTOR, quote)
        self.add(position, A, OA_POSITION)
        self.add(position, OA_START, Literal(str(start), datatype=XSD_NNI))
        self.add(position, OA_END, Literal(str(end), datatype=XSD_NNI))
        self.add(quote, A, OA_QUOTE)
        self.add(quote, OA_EXACT, Literal(self.r.text[start:end]))

    def extracted(self, node: NamedNode, cls: str, span: Span) -> None:
        """The triples every extracted resource has: type, report, span."""
        self.add(node, A, _d(cls))
        self.add(node, _d("inReport"), self.report_node)
        self.derive(node, span)

    # -- entities -------------------------------------------------------------------------

    def entity_node(self, kind: EntityKind | str, key: str) -> NamedNode:
        if str(kind) == EntityKind.REGULATION.value and key.startswith("eli/"):
            # A regulation resolved to the registry (loaders/resolve.py): the act's own IRI.
            return NamedNode(self.base + key)
        return NamedNode(iri.entity_iri(str(kind), key, self.base))

    def node_for_key(self, key: str, default: EntityKind) -> NamedNode:
        """An entity referred to by key alone (a parent, an issuer): its kind if we know it."""
        entity = self.by_key.get(key)
        return self.entity_node(entity.kind if entity else default, key)

    def build(self) -> ReportQuads:
        self.report_triples()
        self.sections()
        self.figures()
        self.mentions()
        self.entities()
        self.posts()
        self.inspections()
        return self.out

    # -- the report -----------------------------------------------------------------------

    def report_triples(self) -> None:
        r, me, meta = self.r, self.report_node, self.r.metadata
        self.add(me, A, _d("Report"))
        self.add(me, _d("text"), Literal(r.text))
        self.add(me, _d("language"), Literal(self.lang))
        if meta.title:
            self.add(me, DCT_TITLE, self.text(meta.title))
        if meta.issued:
            self.add(me, DCT_ISSUED, _date(meta.issued))
        if meta.source:
            is_url = meta.source.startswith(("http://", "https://")) and " " not in meta.source
            self.add(me, DCT_SOURCE, NamedNode(meta.source) if is_url else Literal(meta.source))
        if meta.released:
            self.add(me, _d("releaseTime"), Literal(meta.released))
        for region in meta.regions:
            self.add(me, _d("region"), self.region_node(region))
        for contact in meta.contacts:
            self.add(me, _d("contact"), Literal(contact))
        if meta.publisher:
            self.add(me, _d("signatory"), Literal(meta.publisher))
            publisher = self.find_entity(meta.publisher, _ORGANIZATION_KINDS)
            if publisher is not None:
                self.add(me, DCT_PUBLISHER, self.entity_node(publisher.kind, publisher.key))
        self.add(me, _d("truncatedStart"), _boolean(meta.truncated_start))
        self.add(me, _d("truncatedEnd"), _boolean(meta.truncated_end))
        if meta.file_name:
            self.add(me, _d("fileName"), Literal(meta.file_name))

    def find_entity(self, name: str, kinds: Iterable[EntityKind]) -> Entity | None:
        """The entity of one of ``kinds`` whose name or an alias is ``name`` (any case)."""
        wanted = name.strip().casefold()
        allowed = set(kinds)
        for entity in self.r.entities.values():
            if entity.kind in allowed and wanted in {
                form.casefold() for form in (entity.name, *entity.aliases)
            }:
                return entity
        return None

    def region_node(self, region: str) -> NamedNode:
        place = self.find_entity(region, {EntityKind.PLACE})
        if place is not None:
            return self.entity_node(place.kind, place.key)
        # A region tag the text never names: still a place, minted from its name.
        node = self.entity_node(EntityKind.PLACE, iri.slug(region))
        self.share(node, A, _d("Place"))
        self.share(node, LABEL, self.text(region))
        return node

    # -- sections and item lists ----------------------------------------------------------

    def sections(self) -> None:
        counters: dict[SectionKind, int] = {}
        for section in self.r.sections:
            counters[section.kind] = counters.get(section.kind, 0) + 1
            node = NamedNode(
                iri.item_iri(self.report_iri, section.kind.value, counters[section.kind])
            )
            self.section_nodes.append(node)
        for index, section in enumerate(self.r.sections):
            self.section(index, section)
        stated = {
            rel.target
            for rel in self.r.relations
            if rel.kind is RelationKind.STATED_COUNT and isinstance(rel.target, str)
        }
        for name in sorted(set(_LIST_SECTION_KIND) | stated):
            self.item_list(name)

    def section(self, index: int, section: Section) -> None:
        node = self.section_nodes[index]
        self.extracted(node, _SECTION_CLASS[section.kind], section.heading)
        self.add(node, _d("number"), Literal(section.number))
        if section.ordinal is not None:
            self.add(node, _d("ordinal"), _integer(section.ordinal))
        if section.label:
            self.add(node, LABEL, self.text(section.label))
        links = {
            SectionKind.ASPECT: (SectionKind.PART, "inPart"),
            SectionKind.PROBLEM: (SectionKind.ASPECT, "inAspect"),
            SectionKind.MEASURE: (SectionKind.PROBLEM, "addresses"),
        }
        if section.kind in links:
            kind, prop = links[section.kind]
            owner = self.r.ancestor(index, kind)
            if owner is not None:
                self.add(node, _d(prop), self.section_nodes[owner])
        parent = section.parent
        if (
            section.kind is SectionKind.MEASURE
            and parent is not None
            and self.r.sections[parent].kind is SectionKind.MEASURE
        ):
            self.add(node, _d("subMeasureOf"), self.section_nodes[parent])

    def item_list(self, name: str) -> None:
        kind = _LIST_SECTION_KIND.get(name)
        items = [i for i, s in enumerate(self.r.sections) if s.kind is kind] if kind else []
        stated = any(
            rel.kind is RelationKind.STATED_COUNT and rel.target == name for rel in self.r.relations
        )
        if not items and not stated:
            return
        node = NamedNode(iri.list_iri(self.report_iri, name))
        self.add(node, A, _d("ItemList"))
        self.add(node, _d("inReport"), self.report_node)
        self.add(node, LABEL, self.text(name))
        if name in _LIST_ITEM_CLASS:
            self.add(node, _d("itemKind"), _d(_LIST_ITEM_CLASS[name]))
        for index in items:
            self.add(node, _d("hasItem"), self.section_nodes[index])
        if items:
            # The list as a whole comes from the stretch of text its items cover.
            first, last = self.r.sections[items[0]], self.r.sections[items[-1]]
            self.derive(node, Span(first.heading.start, max(last.extent.end, last.heading.end)))

    # -- figures --------------------------------------------------------------------------

    def figures(self) -> None:
        nodes = [
            NamedNode(iri.item_iri(self.report_iri, "figure", k))
            for k in range(1, len(self.r.figures) + 1)
        ]
        quantities: dict[str, NamedNode] = {}
        for node, figure in zip(nodes, self.r.figures, strict=True):
            self.figure(node, figure)
            if figure.quantity is not None:
                quantity = quantities.get(figure.quantity)
                if quantity is None:
                    ordinal = len(quantities) + 1
                    quantity = NamedNode(iri.item_iri(self.report_iri, "quantity", ordinal))
                    quantities[figure.quantity] = quantity
                    self.add(quantity, A, _d("Quantity"))
                    self.add(quantity, _d("inReport"), self.report_node)
                    if figure.counts:
                        self.add(quantity, _d("counts"), self.text(figure.counts))
                self.derive(quantity, figure.span)
                self.add(node, _d("quantity"), quantity)
        for rel in self.r.relations:
            if not 0 <= rel.source < len(nodes):
                raise InternalError(f"figure relation {rel} points outside the figures")
            source = nodes[rel.source]
            if rel.kind is RelationKind.STATED_COUNT:
                self.add(
                    source,
                    _d("statedCount"),
                    NamedNode(iri.list_iri(self.report_iri, str(rel.target))),
                )
                continue
            if not isinstance(rel.target, int) or not 0 <= rel.target < len(nodes):
                raise InternalError(f"figure relation {rel} points outside the figures")
            target = nodes[rel.target]
            self.add(source, _d(rel.kind.value), target)
        self.breakdowns(nodes)

    def breakdowns(self, nodes: Sequence[NamedNode]) -> None:
        """Each complete breakdown (parts sharing a ``group``) as a ``ducha:Breakdown``."""
        groups: dict[int, list[int]] = {}
        wholes: dict[int, int] = {}
        spans: dict[int, Span] = {}
        for rel in self.r.relations:
            if rel.kind is not RelationKind.PART_OF or rel.group is None:
                continue
            assert isinstance(rel.target, int)  # checked by figures()
            if wholes.setdefault(rel.group, rel.target) != rel.target:
                raise InternalError(f"breakdown group {rel.group} has two wholes")
            groups.setdefault(rel.group, []).append(rel.source)
            span = rel.span or self.r.figures[rel.source].span
            known = spans.get(rel.group, span)
            spans[rel.group] = Span(min(known.start, span.start), max(known.end, span.end))
        # numbered by order of appearance, whatever ids the extractor used
        ordered = sorted(groups, key=lambda g: (spans[g].start, g))
        for k, group in enumerate(ordered, start=1):
            node = NamedNode(iri.item_iri(self.report_iri, "breakdown", k))
            whole = wholes[group]
            span = spans[group]
            span = Span(
                min(span.start, self.r.figures[whole].span.start),
                max(span.end, self.r.figures[whole].span.end),
            )
            self.extracted(node, "Breakdown", span)
            self.add(node, _d("breakdownOf"), nodes[whole])
            for part in sorted(set(groups[group])):
                self.add(node, _d("hasPart"), nodes[part])

    def figure(self, node: NamedNode, figure: Figure) -> None:
        if figure.value is None:
            # A garbled number: recorded with its span, never given a value.
            self.extracted(node, "UnreadableNumber", figure.span)
            return
        self.extracted(node, "ReportedFigure", figure.span)
        self.add(node, _d("value"), _decimal(figure.value))
        unit = _concept("unitScheme", figure.unit, "count")
        if unit is not None:
            self.add(node, _d("unit"), unit)
        if figure.counts:
            self.add(node, _d("counts"), self.text(figure.counts))
        qualifier = _concept("qualifierScheme", figure.qualifier, "exact")
        if qualifier is not None:
            self.add(node, _d("qualifier"), qualifier)
        if figure.status:
            status = _concept("statusScheme", figure.status)
            if status is not None:
                self.add(node, _d("status"), status)
        if figure.as_of:
            self.add(node, _d("asOf"), _date(figure.as_of))
        self.add(node, _d("printedPrecision"), _integer(figure.printed_precision))
        self.add(node, _d("cumulative"), _boolean(figure.cumulative))
        if figure.direction:
            direction = _concept("directionScheme", figure.direction)
            if direction is not None:
                self.add(node, _d("direction"), direction)

    # -- mentions -------------------------------------------------------------------------

    def innermost(self, span: Span, kinds: Sequence[SectionKind]) -> int | None:
        """The index of the smallest section of ``kinds`` whose extent contains ``span``."""
        best: int | None = None
        for index, section in enumerate(self.r.sections):
            if section.kind in kinds and span in section.extent:
                extent = section.extent
                if best is None or extent.end - extent.start <= (
                    self.r.sections[best].extent.end - self.r.sections[best].extent.start
                ):
                    best = index
        return best

    def mentions(self) -> None:
        mentioned: set[tuple[NamedNode, NamedNode]] = set()
        seen: set[tuple[NamedNode, NamedNode, str]] = set()
        for k, mention in enumerate(self.r.mentions, start=1):
            node = NamedNode(iri.item_iri(self.report_iri, "mention", k))
            entity = self.entity_node(mention.kind, mention.entity)
            self.extracted(node, "Mention", mention.span)
            self.add(node, _d("mentionOf"), entity)
            if mention.role:
                self.add(node, _d("role"), Literal(mention.role))
            if mention.kind is EntityKind.REGULATION:
                self.resolution_evidence(node, mention)
            holders = [self.report_node]
            inner = self.innermost(mention.span, (SectionKind.PROBLEM, SectionKind.MEASURE))
            if inner is not None:
                holders.append(self.section_nodes[inner])
            for holder in holders:
                if (holder, entity) not in mentioned:
                    mentioned.add((holder, entity))
                    self.add(holder, _d("mentions"), entity)
            if mention.kind is EntityKind.REGULATION:
                self.once(seen, entity, "citedIn", self.report_node)
                if mention.role == "issues":
                    self.once(seen, self.report_node, "issues", entity)
                    measure = self.innermost(mention.span, (SectionKind.MEASURE,))
                    if measure is not None:
                        self.once(seen, self.section_nodes[measure], "issues", entity)
                elif mention.role == "violates":
                    problem = self.innermost(mention.span, (SectionKind.PROBLEM,))
                    if problem is not None:
                        self.once(seen, self.section_nodes[problem], "violates", entity)

    def resolution_evidence(self, node: NamedNode, mention: Mention) -> None:
        """How the mention was linked to its regulation (loaders/resolve.py): method, score."""
        entity = self.r.entities.get(f"{EntityKind.REGULATION.value}/{mention.entity}")
        if entity is None or "resolution" not in entity.attributes:
            return
        found = json.loads(entity.attributes["resolution"]).get(
            f"{mention.span.start}-{mention.span.end}"
        )
        if not found:
            return
        method, score = found
        self.add(node, _d("resolutionMethod"), Literal(str(method)))
        self.add(node, _d("resolutionScore"), _decimal(Decimal(str(score))))

    def once(
        self, seen: set[tuple[NamedNode, NamedNode, str]], s: NamedNode, p: str, o: NamedNode
    ) -> None:
        if (s, o, p) not in seen:
            seen.add((s, o, p))
            self.add(s, _d(p), o)

    # -- the shared graph -----------------------------------------------------------------

    def entity_class(self, entity: Entity) -> NamedNode:
        if entity.kind is EntityKind.ORGANIZATION:
            return ORG_ORGANIZATION
        if entity.subtype and entity.kind in (EntityKind.WATER_BODY, EntityKind.PLACE):
            name = _SUBTYPE_CLASS.get(entity.subtype, _pascal(entity.subtype))
            concept = _d_concept(name)
            if concept is not None:
                return concept
        return _d(_ENTITY_CLASS[entity.kind])

    def entities(self) -> None:
        for entity in self.r.entities.values():
            node = self.entity_node(entity.kind, entity.key)
            self.share(node, A, self.entity_class(entity))
            self.share(node, LABEL, self.text(entity.name))
            for alias in sorted(entity.aliases - {entity.name}):
                self.share(node, ALT_LABEL, self.text(alias))
            attrs = entity.attributes
            if entity.kind in _ORGANIZATION_KINDS and entity.parent:
                self.share(node, ORG_SUB_OF, self.node_for_key(entity.parent, entity.kind))
            if entity.kind is EntityKind.PLACE:
                if "adcode" in attrs:
                    self.share(node, _d("adcode"), Literal(attrs["adcode"]))
                if "name_zh" in attrs:
                    self.share(node, LABEL, Literal(attrs["name_zh"], language="zh"))
                if entity.parent:
                    self.share(
                        node, _d("locatedIn"), self.entity_node(EntityKind.PLACE, entity.parent)
                    )
            if entity.kind is EntityKind.REGULATION:
                self.regulation(node, entity)

    def regulation(self, node: NamedNode, entity: Entity) -> None:
        attrs = entity.attributes
        self.share(node, DCT_TITLE, self.text(entity.name))
        for attr, prop, scheme, other in (
            ("document_type", "documentType", "documentTypeScheme", "other"),
            ("level", "level", "levelScheme", None),
        ):
            if attr in attrs:
                concept = _concept(scheme, attrs[attr], other)
                if concept is not None:
                    self.share(node, _d(prop), concept)
        if "issuer" in attrs:
            self.share(
                node, _d("issuedBy"), self.node_for_key(attrs["issuer"], EntityKind.ORGANIZATION)
            )
        if attrs.get("year", "").isdigit():
            self.share(node, DCT_DATE, Literal(attrs["year"], datatype=XSD_GYEAR))
        if attrs.get("place"):
            place = self.entity_node(EntityKind.PLACE, iri.slug(attrs["place"]))
            self.share(node, NamedNode(_DCT + "spatial"), place)
            self.share(place, LABEL, Literal(attrs["place"], language="en"))
        if attrs.get("implements", "").startswith("eli/"):
            # Resolved against the registry: the act's node is written by the registry.
            higher_act = self.entity_node(EntityKind.REGULATION, attrs["implements"])
            self.share(node, _d("implements"), higher_act)
        elif attrs.get("implements"):
            title = attrs["implements"]
            higher = self.find_entity(title, {EntityKind.REGULATION})
            key = higher.key if higher else iri.slug(title)
            target = self.entity_node(EntityKind.REGULATION, key)
            if higher is None:
                self.share(target, A, _d("Regulation"))
                self.share(target, LABEL, self.text(title))
                self.share(target, DCT_TITLE, self.text(title))
            self.share(node, _d("implements"), target)

    def posts(self) -> None:
        for post in self.r.posts:
            person = self.entity_node(EntityKind.PERSON, post.person)
            node = NamedNode(iri.post_iri(post.person, post.role, self.base))
            self.share(node, A, ORG_POST)
            self.share(node, ORG_ROLE, self.text(post.role))
            label = post.role
            if post.organization:
                org = self.node_for_key(post.organization, EntityKind.ORGANIZATION)
                self.share(node, ORG_POST_IN, org)
                entity = self.by_key.get(post.organization)
                if entity is not None:
                    label = f"{post.role}, {entity.name}"
            self.share(node, LABEL, self.text(label))
            self.share(person, ORG_HOLDS, node)
            self.derive(node, post.span)

    def inspections(self) -> None:
        for index, inspection in enumerate(self.r.inspections):
            node = NamedNode(iri.inspection_iri(inspection.key, self.base))
            # The first inspection the text names is the one the report answers; later
            # ones are earlier rounds or other inspections it refers to.
            self.add(self.report_node, _d("answers" if index == 0 else "mentions"), node)
            self.derive(node, inspection.span)
            self.share(node, A, _d("Inspection"))
            self.share(node, LABEL, self.text(inspection.key))
            if inspection.group:
                group = self.entity_node(EntityKind.INSPECTION_GROUP, inspection.group)
                self.share(node, _d("conductedBy"), group)
            if inspection.inspected:
                self.share(
                    node, _d("inspected"), self.node_for_key(inspection.inspected, EntityKind.PLACE)
                )
            if inspection.inspection_type:
                concept = _concept("inspectionTypeScheme", inspection.inspection_type)
                if concept is not None:
                    self.share(node, _d("inspectionType"), concept)
            for value, prop in ((inspection.round, "round"), (inspection.batch, "batch")):
                if value is not None:
                    self.share(node, _d(prop), _integer(value))
            dates = (
                (inspection.start, "startDate"),
                (inspection.end, "endDate"),
                (inspection.feedback, "feedbackDate"),
            )
            for day, prop in dates:
                if day is not None:
                    self.share(node, _d(prop), _date(day))
