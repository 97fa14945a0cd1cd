"""HTML pages: Jinja templates from ``service/templates`` with autoescaping always on.

Every value a page shows (report text, labels, messages, uploaded HTML) is escaped by the
template engine, so text from a report is shown as text and never runs as markup or script.
Templates get helpers to link and name RDF terms (:mod:`ducha.service.links`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph as ox
from ducha.service.links import compact, link_for, report_id
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

__all__ = ["render"]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ducha.service", "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _helpers(base: str) -> dict[str, Any]:
    def link(iri: str) -> str:
        url: str = link_for(iri, base)
        return url

    def report_link(iri: str) -> str:
        digest = report_id(iri)
        return f"/reports/{digest}" if digest else link(iri)

    def report_label(iri: str) -> str:
        return report_id(iri) or iri

    def term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> Markup:
        """An RDF term as HTML: IRIs link to their page, literals show their language or
        datatype."""
        if isinstance(node, ox.NamedNode):
            return Markup('<a class="iri" href="{}">{}</a>').format(
                link(node.value), compact(node.value)
            )
        if isinstance(node, ox.BlankNode):
            return Markup("<code>_:{}</code>").format(node.value)
        suffix = ""
        if node.language:
            suffix = f"@{node.language}"
        elif not node.datatype.value.endswith("#string"):
            suffix = f" ({compact(node.datatype.value)})"
        value = node.value if len(node.value) <= 2000 else node.value[:2000] + "…"
        return escape(value) + escape(suffix)

    return {
        "link": link,
        "report_link": report_link,
        "report_label": report_label,
        "compact": compact,
        "term": term,
    }


def render(template: str, base: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` filled with ``context``; ``base`` is the data base IRI."""
    page: str = _environment().get_template(template).render(**_helpers(base), **context)
    return HTMLResponse(page, status_code=status_code, headers={"Vary": "Accept"})
