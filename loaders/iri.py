"""Data IRIs: how a report, its parts and the canonical entities are named.

One place mints every data IRI so the RDF mapping, the store and the service agree on
them (docs/data-model.md, "Data IRIs"). All functions take the data base IRI
(``https://w3id.org/ducha/id/`` by default; the service may mint under its own base).

>>> report_iri("0123456789abcdef")
'https://w3id.org/ducha/id/report/0123456789abcdef'
>>> span_iri(report_iri("0123456789abcdef"), 3, 7)
'https://w3id.org/ducha/id/report/0123456789abcdef/span/3-7'
>>> slug("Guangxi Yinyi New Materials Co., Ltd.")
'guangxi-yinyi-new-materials-co-ltd'
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = [
    "DEFAULT_BASE",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_NS",
    "entity_iri",
    "findings_graph_iri",
    "inspection_iri",
    "item_iri",
    "list_iri",
    "post_iri",
    "report_iri",
    "shared_graph_iri",
    "slug",
    "span_iri",
]

DEFAULT_BASE = "https://w3id.org/ducha/id/"
ONTOLOGY_NS = "https://w3id.org/ducha/ontology#"
# The ontology's own IRI names the graph the ontology is kept in.
ONTOLOGY_GRAPH = "https://w3id.org/ducha/ontology"

_NON_SLUG = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """A lower-case ASCII slug: letters and digits joined by single hyphens.

    Non-ASCII letters (Chinese names) are kept percent-encoded rather than dropped, so two
    different Chinese names never collapse into the same empty slug.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_slug = _NON_SLUG.sub("-", folded).strip("-")
    if ascii_slug:
        return ascii_slug
    return quote(text.strip().lower().replace(" ", "-"), safe="-")


def _segment(key: str) -> str:
    # Keys come from extractors; keep them readable but never let them break the IRI.
    return quote(key, safe="-._~")


def report_iri(digest: str, base: str = DEFAULT_BASE) -> str:
    """The report's IRI, which also names its graph."""
    return f"{base}report/{digest}"


def findings_graph_iri(report: str) -> str:
    """The graph holding the audit findings of ``report`` (a report IRI)."""
    return f"{report}/findings"


def shared_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The graph of canonical entities shared by all reports."""
    return f"{base}graph/shared"


def item_iri(report: str, kind: str, ordinal: int) -> str:
    """A resource of one report: ``kind`` is part, aspect, problem, measure, figure,
    quantity or mention; ``ordinal`` is its 1-based order of appearance among its kind."""
    return f"{report}/{kind}/{ordinal}"


def list_iri(report: str, name: str) -> str:
    """The list of a report's items of one kind ("problems", "aspects", "measures")."""
    return f"{report}/list/{slug(name)}"


def span_iri(report: str, start: int, end: int) -> str:
    """The span ``[start, end)`` of the report's text; its selectors append
    ``/position`` and ``/quote``."""
    return f"{report}/span/{start}-{end}"


def entity_iri(kind: str, key: str, base: str = DEFAULT_BASE) -> str:
    """A canonical entity: ``kind`` is an ``EntityKind`` value, ``key`` its ``Entity.key``
    (places from the gazetteer are keyed by their adcode)."""
    return f"{base}{kind}/{_segment(key)}"


def post_iri(person_key: str, role: str, base: str = DEFAULT_BASE) -> str:
    """A post a person holds, one per person and role wording."""
    return f"{base}post/{_segment(person_key)}/{slug(role)}"


def inspection_iri(key: str, base: str = DEFAULT_BASE) -> str:
    """An inspection, shared by every report that answers or names it."""
    return f"{base}inspection/{_segment(key)}"
