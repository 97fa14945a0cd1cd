"""Where the report mapping writes its quads, and the nodes every part of it shares.

A :class:`QuadWriter` holds one report's two outputs (its own graph and its additions to
the shared graph, together a :class:`ReportQuads`), writes each span node once, and names
the report's entities. It writes each triple as text, its terms in N-Triples syntax
(:data:`~ducha.loaders.rdf_terms.Term`), not as pyoxigraph objects: see
:mod:`ducha.loaders.rdf_terms` for why. The parts of the mapping (:mod:`ducha.loaders.rdf`
for the report and its outline, :mod:`ducha.loaders.rdf_figures`,
:mod:`ducha.loaders.rdf_mentions`, :mod:`ducha.loaders.rdf_shared`) all write through one
writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

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
    Term,
    checked_iri,
    ducha_term,
    iri_term,
    string_literal,
    text_literal,
)
from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, parse

__all__ = ["ORGANIZATION_KINDS", "SUFFIX_CHARS", "QuadWriter", "ReportQuads", "ntriples"]

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


@dataclass(frozen=True)
class ReportQuads:
    """The quads of one report as text: ``report_triples`` in the report's graph,
    ``shared_triples`` in the shared graph (to be added to, never replacing, what other
    reports put there). Each is a triple's subject, predicate and object in N-Triples syntax,
    without the final " .": :func:`ntriples` and :meth:`nquads` write them out (N-Triples for
    the validation store, N-Quads for the store). ``report`` and ``shared`` read them as
    pyoxigraph quads."""

    report_iri: str
    shared_graph: str
    report_triples: list[str] = field(default_factory=list)
    shared_triples: list[str] = field(default_factory=list)
    # The report graph's rdf:type of each span and its two selectors (oa:SpecificResource,
    # oa:TextPositionSelector, oa:TextQuoteSelector), kept apart: a sixth of a seed-sized
    # report's triples, which no report shape reads (ducha.shapes.validation leaves them
    # out of the validation store).
    span_types: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, report_iri: str, shared_graph: str, report: Iterable[Quad], shared: Iterable[Quad]
    ) -> ReportQuads:
        """The report with these quads (tests build altered reports this way)."""
        return cls(
            report_iri,
            shared_graph,
            [str(Triple(q.subject, q.predicate, q.object)) for q in report],
            [str(Triple(q.subject, q.predicate, q.object)) for q in shared],
        )

    def nquads(self) -> bytes:
        """Every quad of the report as N-Quads: its graph's, then the shared graph's."""
        # Each graph's text encoded apart: a string joined with one of wider characters (a
        # Chinese label in the shared graph) is first widened itself, 5 ms for a 2 MB report.
        return (
            _in_graph(self.report_triples, self.report_iri)
            + _in_graph(self.span_types, self.report_iri)
            + _in_graph(self.shared_triples, self.shared_graph)
        )

    @cached_property
    def report(self) -> list[Quad]:
        return _quads([*self.report_triples, *self.span_types], self.report_iri)

    @cached_property
    def shared(self) -> list[Quad]:
        return _quads(self.shared_triples, self.shared_graph)


def _quads(triples: Sequence[str], graph: str) -> list[Quad]:
    node = NamedNode(graph)
    parsed = parse(ntriples(triples), format=RdfFormat.N_TRIPLES)
    return [Quad(q.subject, q.predicate, q.object, node) for q in parsed]


def _in_graph(triples: Sequence[str], graph: str) -> bytes:
    end = f" <{graph}> .\n"
    return (end.join(triples) + end).encode() if triples else b""


def ntriples(triples: Sequence[str]) -> str:
    """Triples written as :class:`ReportQuads` holds them, as N-Triples."""
    return " .\n".join(triples) + " .\n" if triples else ""


class QuadWriter:
    """Collects the quads of one report; not thread-safe, one writer per mapping."""

    def __init__(self, report: Report, base: str) -> None:
        self.report = report
        self.base = base
        # Checked once: every IRI the writer mints starts with it.
        checked_iri(base)
        self.report_iri = iri.report_iri(report.digest, base)
        self.report_node = iri_term(self.report_iri)
        self.shared_graph = iri.shared_graph_iri(base)
        self.out = ReportQuads(self.report_iri, self.shared_graph)
        # Bound once: add() runs thousands of times per report.
        self._append_report = self.out.report_triples.append
        self._append_shared = self.out.shared_triples.append
        self._append_span_type = self.out.span_types.append
        self.lang = report.language or "en"
        # Filled by the outline mapping; mentions attach to the sections holding them.
        self.section_nodes: list[Term] = []
        self._spans: set[Span] = set()
        self._suffixed: set[Span] = set()
        self._by_key: dict[str, Entity] = {}
        for entity in report.entities.values():
            self._by_key.setdefault(entity.key, entity)

    def add(self, s: Term, p: Term, o: Term) -> None:
        """A statement in the report's own graph."""
        self._append_report(f"{s} {p} {o}")

    def share(self, s: Term, p: Term, o: Term) -> None:
        """A statement in the shared graph."""
        self._append_shared(f"{s} {p} {o}")

    def text(self, value: str) -> Term:
        """A literal in the report's language."""
        return text_literal(value, self.lang)

    def derive(self, node: Term, span: Span) -> None:
        """``node prov:wasDerivedFrom`` the span, writing the span itself once."""
        start, end = span
        text = self.report.text
        if not 0 <= start <= end <= len(text):
            raise InternalError(
                f"span {start}-{end} of {node} lies outside the report text "
                f"(length {len(text)}): an extractor produced a bad offset"
            )
        span_iri = iri.span_iri(self.report_iri, start, end)
        span_node = iri_term(span_iri)
        self.add(node, DERIVED, span_node)
        if span in self._spans:
            return
        self._spans.add(span)
        position = iri_term(span_iri + "/position")
        quote = iri_term(span_iri + "/quote")
        add, typed = self.add, self._append_span_type
        typed(f"{span_node} {A} {OA_SPECIFIC}")
        add(span_node, OA_SOURCE, self.report_node)
        add(span_node, OA_SELECTOR, position)
        add(span_node, OA_SELECTOR, quote)
        typed(f"{position} {A} {OA_POSITION}")
        add(position, OA_START, f'"{start:d}"^^{XSD_NNI}')
        add(position, OA_END, f'"{end:d}"^^{XSD_NNI}')
        typed(f"{quote} {A} {OA_QUOTE}")
        add(quote, OA_EXACT, string_literal(text[start:end]))

    def suffix(self, span: Span) -> None:
        """Give the span's quote selector the text right after it (``oa:suffix``).

        Written for figures: what a number counts, its level ("15 at the department level")
        and its status follow it, and a query that reads them from ``oa:suffix`` needs no
        substring of the whole report text (one per figure, which grows with the corpus).
        """
        if span in self._suffixed:
            return
        self._suffixed.add(span)
        quote = iri_term(iri.span_iri(self.report_iri, *span) + "/quote")
        after = self.report.text[span[1] : span[1] + SUFFIX_CHARS]
        self.add(quote, OA_SUFFIX, string_literal(after))

    def extracted(self, node: Term, cls: str, span: Span) -> None:
        """The triples every extracted resource has: type, report, span."""
        self.add(node, A, ducha_term(cls))
        self.add(node, ducha_term("inReport"), self.report_node)
        self.derive(node, span)

    def entity_node(self, kind: EntityKind | str, key: str) -> Term:
        """The canonical node of the entity ``(kind, key)``."""
        if str(kind) == EntityKind.REGULATION.value and key.startswith("eli/"):
            # A regulation resolved to the registry (loaders/resolve.py): the act's own IRI,
            # whose key comes from a registry file.
            return checked_iri(self.base + key)
        return iri_term(iri.entity_iri(str(kind), key, self.base))

    def node_for_key(self, key: str, default: EntityKind) -> Term:
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
