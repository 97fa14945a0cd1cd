"""RDF terms between pyoxigraph (the store, the report quads) and rdflib (pySHACL's graphs).

pySHACL reads and writes rdflib graphs while ducha keeps its data in Oxigraph; findings
cross between the two term by term, keeping datatypes and language tags.

>>> twelve = ox.Literal("12", datatype=ox.NamedNode(str(XSD.integer)))
>>> from_oxigraph(twelve).toPython(), to_oxigraph(from_oxigraph(twelve)) == twelve
(12, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["as_pyshacl_reads", "from_oxigraph", "graph_from_quads", "to_oxigraph"]

_XSD_STRING = str(XSD.string)


def from_oxigraph(term: Any) -> Node:
    """The rdflib term for a pyoxigraph term; ``SchemaError`` for anything else."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise SchemaError(f"unexpected RDF term {term!r}")


def as_pyshacl_reads(term: object) -> Node:
    """A pyoxigraph term as pySHACL sees it on an Oxigraph store
    (pyshacl.graph_abstraction.to_rdf): unlike :func:`from_oxigraph`, a plain string keeps
    its ``xsd:string`` datatype. The compiled validator builds its rows with it, so that they
    compare equal to pySHACL's."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language is not None:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise SchemaError(f"unexpected RDF term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term; ``SchemaError`` for a variable or graph."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise SchemaError(f"unexpected RDF term {term!r}")


def graph_from_quads(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """An rdflib graph of pyoxigraph triples or quads (graph names dropped)."""
    graph = Graph()
    for quad in quads:
        graph.add(
            (from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object))
        )
    return graph
