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

from ducha.ontology.terms import DUCHA, load_ontology
from rdflib import SKOS, Graph, Literal, URIRef

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


@cache
def _ontology() -> Graph:
    """One copy of the ontology for every scheme's index (a copy per scheme was 0.07 s of
    a loading worker's 0.34 s start-up)."""
    return load_ontology()


@cache
def _index(scheme: URIRef) -> dict[str, URIRef]:
    graph = _ontology()
    index: dict[str, URIRef] = {}
    # Labels first, names last: a concept's own name wins over another's label.
    concepts = sorted(c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef))
    for concept in concepts:
        for prop in (SKOS.hiddenLabel, SKOS.altLabel, SKOS.prefLabel, SKOS.notation):
            for label in graph.objects(concept, prop):
                if isinstance(label, Literal):
                    index[_key(str(label))] = concept
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
