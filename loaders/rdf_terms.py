"""The RDF terms the report and registry mappings write: vocabulary nodes, ontology terms and
literals.

Ontology terms go through :func:`ducha_term`, which checks them against the closed
``DUCHA`` namespace so a misspelt term is an ``InternalError`` at mapping time rather than
a wrong IRI in the store. Controlled values (units, statuses, document types) are SKOS
concepts looked up in the ontology by :func:`scheme_concept`. Literals are built with their
XSD datatype written out, as pyoxigraph needs it.

>>> ducha_term("ReportedFigure").value
'https://w3id.org/ducha/ontology#ReportedFigure'
>>> decimal_literal(Decimal("1.5E+6")).value
'1500000'
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
    "boolean_literal",
    "camel_case",
    "date_literal",
    "decimal_literal",
    "ducha_term",
    "integer_literal",
    "optional_ducha_term",
    "pascal_case",
    "scheme_concept",
]

_log = logging.getLogger(__name__)

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

A = NamedNode(_RDF + "type")
LABEL = NamedNode(_RDFS + "label")
ALT_LABEL = NamedNode(_SKOS + "altLabel")
HIDDEN_LABEL = NamedNode(_SKOS + "hiddenLabel")
EDITORIAL_NOTE = NamedNode(_SKOS + "editorialNote")
XSD_DECIMAL = NamedNode(_XSD + "decimal")
XSD_INTEGER = NamedNode(_XSD + "integer")
XSD_NNI = NamedNode(_XSD + "nonNegativeInteger")
XSD_DATE = NamedNode(_XSD + "date")
XSD_BOOLEAN = NamedNode(_XSD + "boolean")
XSD_GYEAR = NamedNode(_XSD + "gYear")
DCT_TITLE = NamedNode(_DCT + "title")
DCT_ISSUED = NamedNode(_DCT + "issued")
DCT_PUBLISHER = NamedNode(_DCT + "publisher")
DCT_SOURCE = NamedNode(_DCT + "source")
DCT_DATE = NamedNode(_DCT + "date")
DCT_SPATIAL = NamedNode(_DCT + "spatial")
DCT_IDENTIFIER = NamedNode(_DCT + "identifier")
DCT_REPLACES = NamedNode(_DCT + "replaces")
DCT_IS_REPLACED_BY = NamedNode(_DCT + "isReplacedBy")
DCT_HAS_VERSION = NamedNode(_DCT + "hasVersion")
DCT_IS_VERSION_OF = NamedNode(_DCT + "isVersionOf")
DERIVED = NamedNode(_PROV + "wasDerivedFrom")
OA_SPECIFIC = NamedNode(_OA + "SpecificResource")
OA_POSITION = NamedNode(_OA + "TextPositionSelector")
OA_QUOTE = NamedNode(_OA + "TextQuoteSelector")
OA_SOURCE = NamedNode(_OA + "hasSource")
OA_SELECTOR = NamedNode(_OA + "hasSelector")
OA_START = NamedNode(_OA + "start")
OA_END = NamedNode(_OA + "end")
OA_EXACT = NamedNode(_OA + "exact")
OA_SUFFIX = NamedNode(_OA + "suffix")
ORG_ORGANIZATION = NamedNode(_ORG + "Organization")
ORG_POST = NamedNode(_ORG + "Post")
ORG_HOLDS = NamedNode(_ORG + "holds")
ORG_ROLE = NamedNode(_ORG + "role")
ORG_POST_IN = NamedNode(_ORG + "postIn")
ORG_SUB_OF = NamedNode(_ORG + "subOrganizationOf")
# The registry's acts: ELI's act-level properties, the VoID dataset each belongs to.
ELI_DATE_DOCUMENT = NamedNode(_ELI + "date_document")
ELI_FIRST_DATE_ENTRY_IN_FORCE = NamedNode(_ELI + "first_date_entry_in_force")
ELI_PASSED_BY = NamedNode(_ELI + "passed_by")
VOID_DATASET = NamedNode(_VOID + "Dataset")
VOID_IN_DATASET = NamedNode(_VOID + "inDataset")
OWL_VERSION_INFO = NamedNode(_OWL + "versionInfo")

_WORD_BREAK = re.compile(r"[-_\s]+")


def _known(name: str) -> bool:
    """Whether ``ducha:name`` is a term of the ontology (``DUCHA`` is a closed namespace)."""
    try:
        DUCHA[name]
    except (AttributeError, KeyError):
        return False
    return True


@lru_cache(maxsize=1024)
def ducha_term(name: str) -> NamedNode:
    """The term ``ducha:name``; ``InternalError`` when the ontology does not define it.

    Cached: the mapping asks for the same few dozen terms thousands of times per report."""
    if not _known(name):
        raise InternalError(f"ducha:{name} is not a term of ontology/ducha.ttl")
    return NamedNode(iri.ONTOLOGY_NS + name)


def optional_ducha_term(name: str) -> NamedNode | None:
    """The term ``ducha:name`` when the ontology defines it, else ``None``."""
    return NamedNode(iri.ONTOLOGY_NS + name) if _known(name) else None


def scheme_concept(scheme: str, token: str | None, fallback: str | None = None) -> NamedNode | None:
    """The SKOS concept of ``ducha:scheme`` an extractor's token names (the ontology is the
    table), else the one ``fallback`` names; ``None`` (and a warning) when neither does."""
    found = concept_for(DUCHA[scheme], token) if token else None
    if found is None and fallback is not None:
        found = concept_for(DUCHA[scheme], fallback)
    if found is None:
        if token:
            _log.warning("%r names no concept of ducha:%s; left out", token, scheme)
        return None
    return NamedNode(str(found))


def camel_case(name: str) -> str:
    """``basically-completed`` -> ``basicallyCompleted``; ``inProgress`` stays as it is."""
    head, *rest = _WORD_BREAK.split(name.strip())
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal_case(name: str) -> str:
    """``scenic-spot`` -> ``ScenicSpot``: the class name an extractor's subtype stands for."""
    camel = camel_case(name)
    return camel[:1].upper() + camel[1:]


def decimal_literal(value: Decimal) -> Literal:
    # xsd:decimal has no exponent form: 1.5E+6 must be written 1500000.
    return Literal(format(value, "f"), datatype=XSD_DECIMAL)


def integer_literal(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def date_literal(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def boolean_literal(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD_BOOLEAN)
