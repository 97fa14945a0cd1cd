"""Why data is inconsistent: individuals that fall under two disjoint classes.

A reasoner such as HermiT only says *that* the ontology plus data has no model. Most real
contradictions in ducha's data are one node put in two disjoint classes (a river extracted
as an enterprise too), either typed so or implied by a property's domain or range. This
scan finds those nodes and says, in one sentence each, which classes clash and how the node
came to be in each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ducha.shapes.owl_terms import iri_triples, short_name
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

__all__ = ["disjointness_conflicts"]


def disjointness_conflicts(ontology: Graph, data: Graph) -> Iterator[tuple[URIRef, str]]:
    """``(individual, sentence)`` for each pair of disjoint classes an individual falls under."""
    pairs = _disjoint_pairs(ontology)
    supers: dict[URIRef, set[URIRef]] = {}
    for node, classes in sorted(_implied_types(ontology, data).items()):
        for cls in classes:
            if cls not in supers:
                supers[cls] = _closure(ontology, cls, [RDFS.subClassOf, OWL.equivalentClass])
        reported: set[frozenset[URIRef]] = set()
        ordered = sorted(classes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                clash = next(
                    (
                        (x, y)
                        for x in sorted(supers[a])
                        for y in sorted(supers[b])
                        if frozenset((x, y)) in pairs
                    ),
                    None,
                )
                if clash is None or frozenset((a, b)) in reported:
                    continue
                reported.add(frozenset((a, b)))
                yield node, _conflict_sentence(node, (a, classes[a]), (b, classes[b]), clash)


def _members(ontology: Graph, node: Node) -> list[URIRef]:
    return [m for m in Collection(ontology, node) if isinstance(m, URIRef)]


def _disjoint_pairs(ontology: Graph) -> set[frozenset[URIRef]]:
    pairs: set[frozenset[URIRef]] = set()
    for a, b in ontology.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add(frozenset((a, b)))
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in ontology.objects(axiom, OWL.members):
            classes = _members(ontology, members)
            pairs.update(frozenset((a, b)) for i, a in enumerate(classes) for b in classes[i + 1 :])
    return pairs


def _closure(ontology: Graph, start: URIRef, links: Iterable[URIRef]) -> set[URIRef]:
    """``start`` and everything reachable from it along ``links`` (named nodes only)."""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for link in links:
            for parent in ontology.objects(node, link):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return seen


def _implied_types(ontology: Graph, data: Graph) -> dict[URIRef, dict[URIRef, str]]:
    """For each individual: the classes it is put in, each with how (typed, domain, range)."""
    domains: dict[URIRef, set[URIRef]] = {}
    ranges: dict[URIRef, set[URIRef]] = {}
    for prop in {p for _, p, _ in iri_triples(data)} - {RDF.type}:
        supers = _closure(ontology, prop, [RDFS.subPropertyOf])
        domains[prop] = {
            d for p in supers for d in ontology.objects(p, RDFS.domain) if isinstance(d, URIRef)
        }
        ranges[prop] = {
            r for p in supers for r in ontology.objects(p, RDFS.range) if isinstance(r, URIRef)
        }
    types: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
    for s, p, o in iri_triples(data):
        if p == RDF.type:
            types[s].setdefault(o, "as typed")
            continue
        for cls in domains.get(p, ()):
            types[s].setdefault(cls, f"as the subject of {short_name(p)}")
        for cls in ranges.get(p, ()):
            types[o].setdefault(cls, f"as the object of {short_name(p)}")
    return types


def _conflict_sentence(
    node: URIRef, a: tuple[URIRef, str], b: tuple[URIRef, str], clash: tuple[URIRef, URIRef]
) -> str:
    (cls_a, how_a), (cls_b, how_b) = a, b
    if how_a == how_b == "as typed":
        sentence = f"{short_name(node)} is typed both {short_name(cls_a)} and {short_name(cls_b)}"
    else:
        sentence = (
            f"{short_name(node)} is a {short_name(cls_a)} ({how_a}) "
            f"and a {short_name(cls_b)} ({how_b})"
        )
    sentence += ", which are disjoint"
    if set(clash) != {cls_a, cls_b}:
        sentence += f" (no {short_name(clash[0])} is a {short_name(clash[1])})"
    return sentence + "."
