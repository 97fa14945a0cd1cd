"""What the Linked Data page of one IRI shows: types, labels, links and its sentence.

:func:`resource_view` gathers, across every graph, the statements about the resource and the
statements that point to it, and for each span it was derived from, the sentence of the
report around it with the exact quote marked. :func:`resource_triples` is the same resource
as RDF (its outgoing and incoming statements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from ducha.loaders.errors import NotFound
from ducha.loaders.store import Store

__all__ = [
    "Provenance",
    "ResourceView",
    "Statement",
    "named_node",
    "resource_triples",
    "resource_view",
    "sentence_bounds",
    "solutions_about",
    "value_of",
]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
)
_TEXT = "https://w3id.org/ducha/ontology#text"
_MAX_LINKS = 500  # incoming links shown on a page; a place named in every report has many
# A full stop ends a sentence only before a space or the end ("2.5" does not).
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|[。！？；\n]")

_OUTGOING = "SELECT ?r ?p ?o ?g WHERE { GRAPH ?g { ?r ?p ?o } } ORDER BY ?p ?o"
_INCOMING = (
    f"SELECT ?r ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p ?r }} }} ORDER BY ?p ?s LIMIT {_MAX_LINKS}"
)
_PROVENANCE = """
SELECT ?r ?report ?start ?end ?text WHERE {
  ?r prov:wasDerivedFrom ?span .
  ?span oa:hasSource ?report ; oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  ?report ducha:text ?text .
} ORDER BY ?report ?start
"""
_CONSTRUCT = "CONSTRUCT { ?r ?p ?o . ?s ?q ?r } WHERE { { ?r ?p ?o } UNION { ?s ?q ?r } }"


@dataclass(frozen=True)
class Statement:
    """One statement about (or pointing to) the resource; ``term`` is the other end."""

    predicate: str
    term: ox.NamedNode | ox.BlankNode | ox.Literal
    graph: str | None


@dataclass(frozen=True)
class Provenance:
    """A span of a report's text the resource comes from, inside its sentence."""

    report: str
    start: int
    end: int
    before: str  # the sentence up to the quote
    quote: str
    after: str  # the rest of the sentence


@dataclass
class ResourceView:
    iri: str
    types: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    outgoing: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def title(self) -> str:
        """Its label, else the words it was read from, else its IRI."""
        if self.labels:
            return self.labels[0]
        if self.provenance:
            return f"“{self.provenance[0].quote}”"
        return self.iri


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``[start, end)``: from after the previous sentence end
    to the next one (inclusive).

    >>> text = "One. Two has 83.5 of 115. Three."
    >>> s, e = sentence_bounds(text, 13, 17)
    >>> text[s:e]
    'Two has 83.5 of 115.'
    """
    # Sentences are rarely longer than this; the window keeps the search cheap on long texts.
    window = max(0, start - 2000)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, window, start)]
    left = ends_before[-1] if ends_before else window
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


def named_node(iri: str) -> ox.NamedNode:
    """``iri`` as a node; ``NotFound`` when it is not an IRI (nothing can be about it)."""
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise NotFound(f"{iri!r} is not an IRI: {error}") from error


def solutions_about(store: Store, sparql: str, node: ox.NamedNode) -> list[ox.QuerySolution]:
    """The solutions of the SELECT ``sparql`` with ``?r`` bound to ``node``.

    Oxigraph substitutes only projected variables, so the query must select ``?r``.
    """
    result = store.query(sparql, substitutions={"r": node})
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def value_of(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """The value of a solution's term (IRI, blank node id or lexical form); ``""`` if unbound."""
    return "" if term is None else str(term.value)


def resource_view(store: Store, iri: str) -> ResourceView:
    """The resource's statements, types, labels and sentences; ``NotFound`` when the store
    has no statement with it."""
    node = named_node(iri)
    view = ResourceView(iri)
    for row in solutions_about(store, _OUTGOING, node):
        predicate, term = row["p"].value, row["o"]
        graph = row["g"].value if isinstance(row["g"], ox.NamedNode) else None
        if predicate == _RDF_TYPE and isinstance(term, ox.NamedNode):
            if term.value not in view.types:
                view.types.append(term.value)
            continue
        if predicate in _LABELS and isinstance(term, ox.Literal) and term.value not in view.labels:
            view.labels.append(term.value)
        if predicate == _TEXT and isinstance(term, ox.Literal):
            continue  # a report's whole text: shown on its report page
        view.outgoing.append(Statement(predicate, term, graph))
    for row in solutions_about(store, _INCOMING, node):
        graph = row["g"].value if isinstance(row["g"], ox.NamedNode) else None
        view.incoming.append(Statement(row["p"].value, row["s"], graph))
    for row in solutions_about(store, _PROVENANCE, node):
        text = str(row["text"].value)
        start, end = int(row["start"].value), int(row["end"].value)
        if not 0 <= start <= end <= len(text):
            continue
        left, right = sentence_bounds(text, start, end)
        view.provenance.append(
            Provenance(
                row["report"].value,
                start,
                end,
                text[left:start],
                text[start:end],
                text[end:right],
            )
        )
    if not (view.types or view.outgoing or view.incoming):
        raise NotFound(f"the store says nothing about <{iri}>")
    return view


def resource_triples(store: Store, iri: str) -> list[ox.Triple]:
    """The resource's outgoing and incoming statements, from every graph."""
    result = store.query(_CONSTRUCT, substitutions={"r": ox.NamedNode(iri)})
    assert isinstance(result, ox.QueryTriples)
    triples = list(result)
    if not triples:
        raise NotFound(f"the store says nothing about <{iri}>")
    return triples
