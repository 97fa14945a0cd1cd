"""How the pages name and link RDF terms: short prefixed names and local URLs.

A data IRI under the service's base resolves at ``/id/<rest>``; any other IRI is shown by
``/resource?iri=<IRI>``; a report links to ``/reports/<digest>``.

>>> link_for("https://w3id.org/ducha/id/report/0123456789abcdef/figure/3",
...          "https://w3id.org/ducha/id/")
'/id/report/0123456789abcdef/figure/3'
>>> link_for("http://www.w3.org/ns/oa#start", "https://w3id.org/ducha/id/")
'/resource?iri=http%3A%2F%2Fwww.w3.org%2Fns%2Foa%23start'
>>> compact("https://w3id.org/ducha/ontology#ReportedFigure")
'ducha:ReportedFigure'
>>> report_id("https://w3id.org/ducha/id/report/0123456789abcdef/figure/3")
'0123456789abcdef'
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ducha.loaders.store import PREFIXES

__all__ = ["ID_PATH", "compact", "link_for", "report_id"]

ID_PATH = "/id/"
_REPORT = re.compile(r"/report/([0-9a-f]{16})(?:/|$)")


def link_for(iri: str, base: str) -> str:
    """The service URL that shows ``iri``."""
    if iri.startswith(base) and len(iri) > len(base):
        return ID_PATH + iri[len(base) :]
    return "/resource?iri=" + quote(iri, safe="")


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace (the longest match), else the IRI."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            local = iri[len(namespace) :]
            if re.fullmatch(r"[\w\-.]*", local):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def report_id(iri: str) -> str | None:
    """The digest of the report an IRI belongs to, if it is a report or one of its parts."""
    match = _REPORT.search(iri)
    return match.group(1) if match else None
