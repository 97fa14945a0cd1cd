"""Find a SKOS concept of the ontology from the token an extractor produced.

Extractors name statuses, units, document types, levels and inspection types with short
tokens (``"basically-completed"``, ``"km"``, ``"plan"``, ``"party-tour"``). The ontology
is the one table of what those tokens mean: a token matches a concept of the given scheme
by its local name (with or without its ``doc``/``level`` prefix), its ``skos:notation``, or
any of its ``skos:prefLabel``/``altLabel``/``hiddenLabel``, ignoring case, spaces, hyphens
and underscores (``keyPoints``, ``key-points`` and ``key points`` are one token). Looking up
within one scheme matters: ``"plan"`` is ``ducha:docPlan`` among document types and
``ducha:levelPlan`` among levels.

>>> concept_for(DUCHA.statusScheme, "basically-completed") == DUCHA.basicallyCompleted
True
>>> concept_for(DUCHA.documentTypeScheme, "plan") == DUCHA.docPlan
True
>>> concept_for(DUCHA.levelScheme, "plan") == DUCHA.levelPlan
True
>>> concept_for(DUCHA.unitScheme, "t/d") == DUCHA.tonPerDay
True
>>> concept_for(DUCHA.inspectionTypeScheme, "look-back") == DUCHA.lookBack
True
>>> concept_for(DUCHA.unitScheme, "furlong") is None
True
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from ducha.ontology.terms import DUCHA, ontology_path
from rdflib import SKOS, URIRef

__all__ = ["SCHEMES", "concept_for", "concepts_of"]

# The concept schemes, by the property whose values they hold.
SCHEMES: dict[URIRef, URIRef] = {
    DUCHA.status: DUCHA.statusScheme,
    DUCHA.qualifier: DUCHA.qualifierScheme,
    DUCHA.direction: DUCHA.directionScheme,
    DUCHA.unit: DUCHA.unitScheme,
    DUCHA.documentType: DUCHA.documentTypeScheme,
    DUCHA.level: DUCHA.levelScheme,
    DUCHA.inspectionType: DUCHA.inspectionTypeScheme,
}

_SEPARATORS = re.compile(r"[\s_-]+")
# Document types and levels share words ("law", "plan"), so their local names carry a prefix.
_SCHEME_PREFIX = re.compile(r"^(?:doc|level)(?=[A-Z])")


def _key(token: str) -> str:
    return _SEPARATORS.sub("", token).casefold()


_IN_SCHEME = SKOS.inScheme
_LABELS = (SKOS.hiddenLabel, SKOS.altLabel, SKOS.prefLabel, SKOS.notation)


@cache
def _concepts() -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Each concept scheme's concepts, and each concept's labels (property, text), as the
    ontology file lists them, read by pyoxigraph: rdflib's Turtle parser took 0.09 s of a
    loading worker's 0.23 s start-up, pyoxigraph's 5 ms."""
    path = ontology_path()
    in_scheme, labels = str(_IN_SCHEME), set(map(str, _LABELS))
    members: dict[str, list[str]] = {}
    labelled: dict[str, list[tuple[str, str]]] = {}
    try:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
            if not isinstance(subject, ox.NamedNode):
                continue
            if predicate == in_scheme and isinstance(obj, ox.NamedNode):
                members.setdefault(obj.value, []).append(subject.value)
            elif predicate in labels and isinstance(obj, ox.Literal):
                labelled.setdefault(subject.value, []).append((predicate, obj.value))
    except (OSError, SyntaxError, ValueError) as error:
        raise SchemaError(
            f"cannot read the ontology {path}: {error}; reinstall ducha or fix the file"
        ) from error
    return members, labelled


@cache
def _index(scheme: URIRef) -> dict[str, URIRef]:
    members, labelled = _concepts()
    index: dict[str, URIRef] = {}
    # Labels first, names last: a concept's own name wins over another's label.
    concepts = sorted(URIRef(c) for c in set(members.get(str(scheme), ())))
    for concept in concepts:
        labels = labelled.get(str(concept), [])
        for prop in map(str, _LABELS):
            for predicate, label in labels:
                if predicate == prop:
                    index[_key(label)] = concept
    for concept in concepts:
        if concept.startswith(str(DUCHA)):
            local_name = concept[len(str(DUCHA)) :]
            index[_key(_SCHEME_PREFIX.sub("", local_name))] = concept
            index[_key(local_name)] = concept
    return index


def concepts_of(scheme: URIRef) -> frozenset[URIRef]:
    """Every concept of ``scheme`` (``DUCHA.unitScheme`` ...)."""
    return frozenset(_index(scheme).values())


def concept_for(scheme: URIRef, token: str) -> URIRef | None:
    """The concept of ``scheme`` that ``token`` names, or ``None`` when none does."""
    return _index(scheme).get(_key(token))
