"""Where the report mapping writes its quads, and the nodes every part of it shares.

A :class:`QuadWriter` holds one report's two outputs (its own graph and its additions to
the shared graph, together a :class:`ReportQuads`), writes each span node once, and names
the report's entities. The parts of the mapping (:mod:`ducha.loaders.rdf` for the report
and its outline, :mod:`ducha.loaders.rdf_figures`, :mod:`ducha.loaders.rdf_mentions`,
:mod:`ducha.loaders.rdf_shared`) all write through one writer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.loaders.model import Entity, EntityKind, Report, Span
from ducha.loaders.rdf_terms import (
    DERIVED,
    OA_END,
    OA_EXACT,
    OA_POSITION,
    OA_QUOTE,
    OA_SELECTOR,
    OA_SOURCE,
    OA_SPECIFIC,
    OA_START,
    OA_SUFFIX,
    XSD_NNI,
    A,
    ducha_term,
)
from pyoxigraph import Literal, NamedNode, Quad

__all__ = ["ORGANIZATION_KINDS", "SUFFIX_CHARS", "QuadWriter", "ReportQuads"]

# How much text after a figure its quote selector keeps as oa:suffix: enough for "were held
# accountable" after a whole and "at the county level" after a part.
SUFFIX_CHARS = 120

# Entity kinds that are organisations (org:Organization and its ducha subclasses).
ORGANIZATION_KINDS = frozenset(
    {
        EntityKind.INSPECTION_GROUP,
        EntityKind.PARTY_BODY,
        EntityKind.GOVERNMENT_BODY,
        EntityKind.ORGANIZATION,
        EntityKind.ENTERPRISE,
    }
)


@dataclass
class ReportQuads:
    """The quads of one report: ``report`` in the report's graph, ``shared`` in the shared
    graph (to be added to, never replacing, what other reports put there)."""

    report_iri: str
    shared_graph: str
    report: list[Quad] = field(default_factory=list)
    shared: list[Quad] = field(default_factory=list)


class QuadWriter:
    """Collects the quads of one report; not thread-safe, one writer per mapping."""

    def __init__(self, report: Report, base: str) -> None:
        self.report = report
        self.base = base
        self.report_iri = iri.report_iri(report.digest, base)
        self.report_node = NamedNode(self.report_iri)
        self.graph = NamedNode(self.report_iri)
        self.shared_graph = NamedNode(iri.shared_graph_iri(base))
        self.out = ReportQuads(self.report_iri, self.shared_graph.value)
        # Bound once: add() runs thousands of times per report.
        self._append_report = self.out.report.append
        self._append_shared = self.out.shared.append
        self.lang = report.language or "en"
        # Filled by the outline mapping; mentions attach to the sections holding them.
        self.section_nodes: list[NamedNode] = []
        self._spans: set[Span] = set()
        self._suffixed: set[Span] = set()
        self._by_key: dict[str, Entity] = {}
        for entity in report.entities.values():
            self._by_key.setdefault(entity.key, entity)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        """A statement in the report's own graph."""
        self._append_report(Quad(s, p, o, self.graph))

    def share(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        """A statement in the shared graph."""
        self._append_shared(Quad(s, p, o, self.shared_graph))

    def text(self, value: str) -> Literal:
        """A literal in the report's language."""
        return Literal(value, language=self.lang)

    def derive(self, node: NamedNode, span: Span) -> None:
        """``node prov:wasDerivedFrom`` the span, writing the span itself once."""
        start, end = span
        text = self.report.text
        if not 0 <= start <= end <= len(text):
            raise InternalError(
                f"span {start}-{end} of {node.value} lies outside the report text "
                f"(length {len(text)}): an extractor produced a bad offset"
            )
        span_node = NamedNode(iri.span_iri(self.report_iri, start, end))
        self.add(node, DERIVED, span_node)
        if span in self._spans:
            return
        self._spans.add(span)
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
        self.add(quote, OA_EXACT, Literal(text[start:end]))

    def suffix(self, span: Span) -> None:
        """Give the span's quote selector the text right after it (``oa:suffix``).

        Written for figures: what a number counts, its level ("15 at the department level")
        and its status follow it, and a query that reads them from ``oa:suffix`` needs no
        substring of the whole report text (one per figure, which grows with the corpus).
        """
        if span in self._suffixed:
            return
        self._suffixed.add(span)
        quote = NamedNode(iri.span_iri(self.report_iri, *span) + "/quote")
        after = self.report.text[span[1] : span[1] + SUFFIX_CHARS]
        self.add(quote, OA_SUFFIX, Literal(after))

    def extracted(self, node: NamedNode, cls: str, span: Span) -> None:
        """The triples every extracted resource has: type, report, span."""
        self.add(node, A, ducha_term(cls))
        self.add(node, ducha_term("inReport"), self.report_node)
        self.derive(node, span)

    def entity_node(self, kind: EntityKind | str, key: str) -> NamedNode:
        """The canonical node of the entity ``(kind, key)``."""
        if str(kind) == EntityKind.REGULATION.value and key.startswith("eli/"):
            # A regulation resolved to the registry (loaders/resolve.py): the act's own IRI.
            return NamedNode(self.base + key)
        return NamedNode(iri.entity_iri(str(kind), key, self.base))

    def node_for_key(self, key: str, default: EntityKind) -> NamedNode:
        """An entity referred to by key alone (a parent, an issuer): its kind if we know it."""
        entity = self._by_key.get(key)
        return self.entity_node(entity.kind if entity else default, key)

    def entity_by_key(self, key: str) -> Entity | None:
        """The report's entity with ``key``, of whatever kind."""
        return self._by_key.get(key)

    def find_entity(self, name: str, kinds: Iterable[EntityKind]) -> Entity | None:
        """The entity of one of ``kinds`` whose name or an alias is ``name`` (any case)."""
        wanted = name.strip().casefold()
        allowed = set(kinds)
        for entity in self.report.entities.values():
            if entity.kind in allowed and wanted in {
                form.casefold() for form in (entity.name, *entity.aliases)
            }:
                return entity
        return None
