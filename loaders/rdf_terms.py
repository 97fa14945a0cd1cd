"""The RDF terms the report and registry mappings write: vocabulary nodes, ontology terms and
literals, as N-Triples text.

The report mapping writes text, not pyoxigraph objects: a seed-sized report has some 5,000
triples, and making a ``Quad`` of each, inserting them into the validation store and
serializing them again cost more than writing the lines and letting Oxigraph read them
(mapping 9.4 → 4.6 ms, N-Quads 3.4 → 1.3, filling the store 1.7 ms more; docs/loading.md).
So a term here is its N-Triples text (:data:`Term`):
``<iri>`` for a node, a literal as pyoxigraph prints it (:func:`string_literal` and
:func:`text_literal` leave the escaping to pyoxigraph). IRIs minted by
:mod:`ducha.loaders.iri` from a checked base are safe by construction and written by
:func:`iri_term`; an IRI read from a document or a registry goes through :func:`checked_iri`,
which pyoxigraph parses. The registry mapping builds pyoxigraph quads: :func:`node` turns a
term back into a ``NamedNode``.

Ontology terms go through :func:`ducha_term`, which checks them against the closed
``DUCHA`` namespace so a misspelt term is an ``InternalError`` at mapping time rather than
a wrong IRI in the store. Controlled values (units, statuses, document types) are SKOS
concepts looked up in the ontology by :func:`scheme_concept`. Literals are built with their
XSD datatype written out.

>>> ducha_term("ReportedFigure")
'<https://w3id.org/ducha/ontology#ReportedFigure>'
>>> decimal_literal(Decimal("1.5E+6"))
'"1500000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
>>> print(text_literal('the "Measures"', "en"))
"the \\"Measures\\""@en
>>> camel_case("basically-completed"), pascal_case("scenic-spot")
('basicallyCompleted', 'ScenicSpot')
"""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.ontology.concepts import concept_for
from ducha.ontology.terms import DUCHA
from pyoxigraph import Literal, NamedNode

__all__ = [
    "ALT_LABEL",
    "DCT_DATE",
    "DCT_HAS_VERSION",
    "DCT_IDENTIFIER",
    "DCT_ISSUED",
    "DCT_IS_REPLACED_BY",
    "DCT_IS_VERSION_OF",
    "DCT_PUBLISHER",
    "DCT_REPLACES",
    "DCT_SOURCE",
    "DCT_SPATIAL",
    "DCT_TITLE",
    "DERIVED",
    "EDITORIAL_NOTE",
    "ELI_DATE_DOCUMENT",
    "ELI_FIRST_DATE_ENTRY_IN_FORCE",
    "ELI_PASSED_BY",
    "HIDDEN_LABEL",
    "LABEL",
    "OA_END",
    "OA_EXACT",
    "OA_POSITION",
    "OA_QUOTE",
    "OA_SELECTOR",
    "OA_SOURCE",
    "OA_SPECIFIC",
    "OA_START",
    "OA_SUFFIX",
    "ORG_HOLDS",
    "ORG_ORGANIZATION",
    "ORG_POST",
    "ORG_POST_IN",
    "ORG_ROLE",
    "ORG_SUB_OF",
    "OWL_VERSION_INFO",
    "VOID_DATASET",
    "VOID_IN_DATASET",
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DECIMAL",
    "XSD_GYEAR",
    "XSD_INTEGER",
    "XSD_NNI",
    "A",
    "Term",
    "boolean_literal",
    "camel_case",
    "checked_iri",
    "date_literal",
    "decimal_literal",
    "ducha_term",
    "integer_literal",
    "iri_term",
    "node",
    "optional_ducha_term",
    "pascal_case",
    "scheme_concept",
    "string_literal",
    "text_literal",
    "typed_literal",
]

# A term in N-Triples syntax: "<iri>", or a literal as pyoxigraph prints it.
Term = str

_log = logging.getLogger(__name__)


def iri_term(value: str) -> Term:
    """The node of an IRI that ducha minted (:mod:`ducha.loaders.iri`, the ontology, the
    concept schemes): written as it is, since its parts are safe by construction."""
    return f"<{value}>"


def checked_iri(value: str) -> Term:
    """The node of an IRI from outside (a document's source, a registry key): pyoxigraph
    parses it, so a malformed one is a ``ValueError`` here rather than a bad line in the
    store."""
    return str(NamedNode(value))


def node(term: Term) -> NamedNode:
    """The pyoxigraph node a term written by :func:`iri_term` or :func:`checked_iri` names."""
    return NamedNode(term[1:-1])


def string_literal(value: str) -> Term:
    """A plain string literal (pyoxigraph escapes it)."""
    return str(Literal(value))


def text_literal(value: str, language: str) -> Term:
    """A literal in ``language``."""
    return str(Literal(value, language=language))


def typed_literal(lexical: str, datatype: Term) -> Term:
    """A literal of ``datatype`` (a term) with the lexical form ``lexical``."""
    return str(Literal(lexical, datatype=node(datatype)))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_ORG = "http://www.w3.org/ns/org#"
_ELI = "http://data.europa.eu/eli/ontology#"
_VOID = "http://rdfs.org/ns/void#"
_OWL = "http://www.w3.org/2002/07/owl#"

A = iri_term(_RDF + "type")
LABEL = iri_term(_RDFS + "label")
ALT_LABEL = iri_term(_SKOS + "altLabel")
HIDDEN_LABEL = iri_term(_SKOS + "hiddenLabel")
EDITORIAL_NOTE = iri_term(_SKOS + "editorialNote")
XSD_DECIMAL = iri_term(_XSD + "decimal")
XSD_INTEGER = iri_term(_XSD + "integer")
XSD_NNI = iri_term(_XSD + "nonNegativeInteger")
XSD_DATE = iri_term(_XSD + "date")
XSD_BOOLEAN = iri_term(_XSD + "boolean")
XSD_GYEAR = iri_term(_XSD + "gYear")
DCT_TITLE = iri_term(_DCT + "title")
DCT_ISSUED = iri_term(_DCT + "issued")
DCT_PUBLISHER = iri_term(_DCT + "publisher")
DCT_SOURCE = iri_term(_DCT + "source")
DCT_DATE = iri_term(_DCT + "date")
DCT_SPATIAL = iri_term(_DCT + "spatial")
DCT_IDENTIFIER = iri_term(_DCT + "identifier")
DCT_REPLACES = iri_term(_DCT + "replaces")
DCT_IS_REPLACED_BY = iri_term(_DCT + "isReplacedBy")
DCT_HAS_VERSION = iri_term(_DCT + "hasVersion")
DCT_IS_VERSION_OF = iri_term(_DCT + "isVersionOf")
DERIVED = iri_term(_PROV + "wasDerivedFrom")
OA_SPECIFIC = iri_term(_OA + "SpecificResource")
OA_POSITION = iri_term(_OA + "TextPositionSelector")
OA_QUOTE = iri_term(_OA + "TextQuoteSelector")
OA_SOURCE = iri_term(_OA + "hasSource")
OA_SELECTOR = iri_term(_OA + "hasSelector")
OA_START = iri_term(_OA + "start")
OA_END = iri_term(_OA + "end")
OA_EXACT = iri_term(_OA + "exact")
OA_SUFFIX = iri_term(_OA + "suffix")
ORG_ORGANIZATION = iri_term(_ORG + "Organization")
ORG_POST = iri_term(_ORG + "Post")
ORG_HOLDS = iri_term(_ORG + "holds")
ORG_ROLE = iri_term(_ORG + "role")
ORG_POST_IN = iri_term(_ORG + "postIn")
ORG_SUB_OF = iri_term(_ORG + "subOrganizationOf")
# The registry's acts: ELI's act-level properties, the VoID dataset each belongs to.
ELI_DATE_DOCUMENT = iri_term(_ELI + "date_document")
ELI_FIRST_DATE_ENTRY_IN_FORCE = iri_term(_ELI + "first_date_entry_in_force")
ELI_PASSED_BY = iri_term(_ELI + "passed_by")
VOID_DATASET = iri_term(_VOID + "Dataset")
VOID_IN_DATASET = iri_term(_VOID + "inDataset")
OWL_VERSION_INFO = iri_term(_OWL + "versionInfo")

_WORD_BREAK = re.compile(r"[-_\s]+")


def _known(name: str) -> bool:
    """Whether ``ducha:name`` is a term of the ontology (``DUCHA`` is a closed namespace)."""
    try:
        DUCHA[name]
    except (AttributeError, KeyError):
        return False
    return True


@lru_cache(maxsize=1024)
def ducha_term(name: str) -> Term:
    """The term ``ducha:name``; ``InternalError`` when the ontology does not define it.

    Cached: the mapping asks for the same few dozen terms thousands of times per report."""
    if not _known(name):
        raise InternalError(f"ducha:{name} is not a term of ontology/ducha.ttl")
    return iri_term(iri.ONTOLOGY_NS + name)


def optional_ducha_term(name: str) -> Term | None:
    """The term ``ducha:name`` when the ontology defines it, else ``None``."""
    return iri_term(iri.ONTOLOGY_NS + name) if _known(name) else None


def scheme_concept(scheme: str, token: str | None, fallback: str | None = None) -> Term | None:
    """The SKOS concept of ``ducha:scheme`` an extractor's token names (the ontology is the
    table), else the one ``fallback`` names; ``None`` (and a warning) when neither does."""
    found = concept_for(DUCHA[scheme], token) if token else None
    if found is None and fallback is not None:
        found = concept_for(DUCHA[scheme], fallback)
    if found is None:
        if token:
            _log.warning("%r names no concept of ducha:%s; left out", token, scheme)
        return None
    return iri_term(str(found))


def camel_case(name: str) -> str:
    """``basically-completed`` -> ``basicallyCompleted``; ``inProgress`` stays as it is."""
    head, *rest = _WORD_BREAK.split(name.strip())
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal_case(name: str) -> str:
    """``scenic-spot`` -> ``ScenicSpot``: the class name an extractor's subtype stands for."""
    camel = camel_case(name)
    return camel[:1].upper() + camel[1:]


# The lexical forms below are digits, signs, dashes and points, which need no escaping.


def decimal_literal(value: Decimal) -> Term:
    # xsd:decimal has no exponent form: 1.5E+6 must be written 1500000.
    return f'"{value:f}"^^{XSD_DECIMAL}'


def integer_literal(value: int) -> Term:
    return f'"{value:d}"^^{XSD_INTEGER}'


def date_literal(value: date) -> Term:
    return f'"{value.isoformat()}"^^{XSD_DATE}'


def boolean_literal(value: bool) -> Term:
    return f'"{"true" if value else "false"}"^^{XSD_BOOLEAN}'
