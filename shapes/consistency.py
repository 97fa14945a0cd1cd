"""Run an OWL reasoner over the ontology plus data and say, in plain words, what is wrong.

SHACL (the rest of ``shapes/``) checks what the data *says*; this module checks whether it
can be *true* under the ontology: a node typed both ``ducha:River`` and ``ducha:Enterprise``
contradicts their disjointness, and a class the axioms leave no members for is a bug in
the ontology itself.

The reasoner is HermiT (default) or Pellet, both shipped with owlready2 and run on the
machine's Java. owlready2 cannot read Turtle, so the ontology and the data go to a
temporary N-Triples file first, and each run gets its own owlready2 ``World`` (owlready2
otherwise shares one global world). Only what the reasoner can use is passed on: ``rdf:type``
triples naming a class the ontology declares and object-property triples between IRIs;
literals (the report texts above all) are left out to keep runs fast.

HermiT only says *that* data is inconsistent. To say *why*, the data is scanned for
individuals whose types (asserted, or implied by property domains and ranges) fall under
two disjoint classes (:mod:`ducha.shapes.disjointness`); when that finds nothing, Pellet's
own explanation is reported. The reasoners themselves are run by :mod:`ducha.shapes.reasoners`.

>>> report = check_consistency()                                       # doctest: +SKIP
>>> report.describe()                                                  # doctest: +SKIP
'The ontology is consistent: 44 ducha classes, none unsatisfiable.'
"""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import rdflib
from ducha.loaders.errors import InputError
from ducha.ontology.terms import ONTOLOGY_IRI, load_ontology
from ducha.shapes.disjointness import disjointness_conflicts
from ducha.shapes.owl_terms import declared, iri_triples, is_ducha_term, short_name
from ducha.shapes.reasoners import hermit, pellet, pellet_explanation
from rdflib import OWL, RDF, Graph, URIRef

__all__ = ["REASONING_DATA_QUERY", "ConsistencyReport", "Reasoner", "check_consistency"]

_log = logging.getLogger(__name__)

Reasoner = Literal["hermit", "pellet"]

# What a store needs to hand over for a check: every triple between IRIs outside the
# ontology's own graph. check_consistency() filters further against the ontology.
REASONING_DATA_QUERY = f"""
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g != <{ONTOLOGY_IRI}> && isIRI(?s) && isIRI(?o))
}}
"""


@dataclass(frozen=True)
class ConsistencyReport:
    """What the reasoner found.

    ``consistent`` is False when no model satisfies the ontology plus data; then
    ``inconsistent_individuals`` names the data nodes at fault (when they can be found) and
    ``explanation`` says why, one sentence a line. ``unsatisfiable_classes`` lists classes
    that can have no member (only known when the whole is consistent).
    ``undeclared_terms`` are ``ducha:`` classes and properties the data uses but the
    ontology does not define (misspellings, usually); they do not make data inconsistent.
    """

    consistent: bool
    unsatisfiable_classes: list[str]
    inconsistent_individuals: list[str]
    explanation: str
    reasoner: Reasoner = "hermit"
    classes: int = 0
    individuals: int = 0
    undeclared_terms: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Consistent, and every class can have members."""
        return self.consistent and not self.unsatisfiable_classes

    def describe(self) -> str:
        """The verdict in plain words, for a person."""
        subject = "The ontology"
        if self.individuals:
            subject = f"The ontology and the data ({self.individuals} individuals)"
        if not self.consistent:
            text = "Inconsistent: " + (self.explanation or "the reasoner gave no reason.")
        elif self.unsatisfiable_classes:
            names = ", ".join(short_name(c) for c in self.unsatisfiable_classes)
            count = len(self.unsatisfiable_classes)
            text = (
                f"{subject} {'is' if not self.individuals else 'are'} consistent, but "
                f"{count} {'class' if count == 1 else 'classes'} can have no members: {names}."
            )
        else:
            text = (
                f"{subject} {'is' if not self.individuals else 'are'} consistent: "
                f"{self.classes} ducha classes, none unsatisfiable."
            )
        if self.undeclared_terms:
            names = ", ".join(short_name(t) for t in self.undeclared_terms)
            text += f" The data uses terms the ontology does not define: {names}."
        return text


def check_consistency(
    data: rdflib.Graph | None = None,
    *,
    reasoner: Reasoner = "hermit",
    ontology: rdflib.Graph | None = None,
) -> ConsistencyReport:
    """Reason over the ontology (and ``data``, when given) and report what is wrong.

    ``data`` may be any graph (a report's triples, a whole store's export: see
    :data:`REASONING_DATA_QUERY`); it is not changed. ``ontology`` replaces ducha's own
    ontology, to try out a draft. Raises ``SchemaError`` when the ontology cannot be read
    and ``InternalError`` when the reasoner cannot run (no Java, a crash), ``InputError``
    for an unknown reasoner; an inconsistency is a result, never an exception.
    """
    if reasoner not in ("hermit", "pellet"):
        raise InputError(f"unknown reasoner {reasoner!r}: use 'hermit' or 'pellet'")
    if ontology is None:
        ontology = load_ontology()
    reasoning_data = _reasoning_data(data, ontology) if data is not None else Graph()
    individuals = _individuals(reasoning_data)
    undeclared = _undeclared_terms(data, ontology) if data is not None else []
    classes = sum(1 for c in ontology.subjects(RDF.type, OWL.Class) if is_ducha_term(c))
    with tempfile.TemporaryDirectory(prefix="ducha-check-") as tmp:
        path = Path(tmp) / "check.nt"
        combined = ontology + reasoning_data
        combined.serialize(path, format="nt", encoding="utf-8")
        started = time.monotonic()
        if reasoner == "hermit":
            consistent, unsatisfiable = hermit(path)
        else:
            consistent, unsatisfiable = pellet(path, ontology)
        _log.info(
            "%s reasoned over %d triples in %.1f s: %s",
            reasoner,
            len(combined),
            time.monotonic() - started,
            "consistent" if consistent else "inconsistent",
        )
        culprits: list[str] = []
        explanation = ""
        if not consistent:
            conflicts = list(disjointness_conflicts(ontology, reasoning_data))
            if conflicts:
                culprits = sorted({str(node) for node, _ in conflicts})
                explanation = "\n".join(sentence for _, sentence in conflicts)
            else:
                culprits, explanation = pellet_explanation(path)
    return ConsistencyReport(
        consistent=consistent,
        unsatisfiable_classes=unsatisfiable,
        inconsistent_individuals=culprits,
        explanation=explanation,
        reasoner=reasoner,
        classes=classes,
        individuals=len(individuals),
        undeclared_terms=undeclared,
    )


# -- what the reasoner is given -------------------------------------------------------------


def _reasoning_data(data: Graph, ontology: Graph) -> Graph:
    """The triples of ``data`` a DL reasoner can use: typed IRIs and links between IRIs."""
    classes = declared(ontology, OWL.Class)
    object_properties = declared(ontology, OWL.ObjectProperty)
    kept = Graph()
    for s, p, o in data:
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if (p == RDF.type and o in classes) or p in object_properties:
            kept.add((s, p, o))
    return kept


def _individuals(reasoning_data: Graph) -> set[URIRef]:
    nodes: set[URIRef] = set()
    for s, p, o in iri_triples(reasoning_data):
        nodes.add(s)
        if p != RDF.type:
            nodes.add(o)
    return nodes


def _undeclared_terms(data: Graph, ontology: Graph) -> list[str]:
    declared_terms = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used: set[URIRef] = set()
    for _, p, o in data:
        if isinstance(p, URIRef) and is_ducha_term(p):
            used.add(p)
        if p == RDF.type and isinstance(o, URIRef) and is_ducha_term(o):
            used.add(o)
    return sorted(str(term) for term in used - declared_terms)
