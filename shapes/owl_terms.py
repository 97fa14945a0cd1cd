"""What the reasoning check reads off an ontology and a data graph (rdflib), and how it
names terms in its messages.

>>> short_name("https://w3id.org/ducha/ontology#River")
'ducha:River'
>>> short_name("http://example.org/x")
'<http://example.org/x>'
"""

from __future__ import annotations

from collections.abc import Iterator

from ducha.ontology.terms import DR, DUCHA
from rdflib import RDF, Graph, URIRef

__all__ = ["declared", "iri_triples", "is_ducha_term", "short_name"]

# The prefixes messages use; an IRI in none of them is printed whole.
_PREFIXES = {
    "ducha": str(DUCHA),
    "dr": str(DR),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def declared(ontology: Graph, kind: URIRef) -> set[URIRef]:
    """The named terms ``ontology`` declares of ``kind`` (``OWL.Class`` ...)."""
    return {s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def iri_triples(graph: Graph) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """The triples of ``graph`` between named nodes (no literals, no blank nodes)."""
    for s, p, o in graph:
        if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef):
            yield s, p, o


def is_ducha_term(term: object) -> bool:
    """Whether ``term`` is in the ducha: namespace, declared or not."""
    return isinstance(term, str) and term.startswith(str(DUCHA))


def short_name(iri: str) -> str:
    """``prefix:local`` for an IRI in a namespace messages know, else ``<iri>``."""
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
