"""The side panel of the report page: one resource, what it mentions and its findings.

A click on a highlighted figure, problem or mention opens :func:`resource_panel` of its IRI:
the resource's types, labels, values and relations (the Linked Data view of
:mod:`ducha.service.resource_view`), the entity a mention names, and the audit findings that
are about it or involve it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from ducha.loaders.errors import NotFound
from ducha.loaders.store import Store
from ducha.service.links import compact, link_for, report_id
from ducha.service.resource_view import ResourceView, resource_view
from ducha.shapes.audit import stored_findings
from ducha.shapes.findings import Finding
from markupsafe import Markup

__all__ = ["Panel", "resource_panel", "short_name", "term_html"]

_MENTION_OF = "https://w3id.org/ducha/ontology#mentionOf"
_MAX_ENTITIES = 5


@dataclass
class Panel:
    """What the panel shows of ``view.iri``."""

    view: ResourceView
    report: str | None = None
    entities: list[ResourceView] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _report_of(iri: str) -> str | None:
    """The IRI of the report a report-minted IRI belongs to (``…/report/{digest}``)."""
    digest = report_id(iri)
    if digest is None:
        return None
    marker = f"/report/{digest}"
    return iri[: iri.index(marker) + len(marker)]


def resource_panel(store: Store, iri: str) -> Panel:
    """The panel of ``iri``; ``NotFound`` when the store says nothing about it."""
    panel = Panel(resource_view(store, iri), _report_of(iri))
    for statement in panel.view.outgoing:
        if statement.predicate == _MENTION_OF and len(panel.entities) < _MAX_ENTITIES:
            try:
                panel.entities.append(resource_view(store, statement.term.value))
            except NotFound:
                continue  # an entity the shared graph lost: the mention still shows
    if panel.report is not None:
        panel.findings = [
            f
            for f in stored_findings(store, report=panel.report)
            if iri in (f.focus, f.value, *f.involves)
        ]
    return panel


def short_name(iri: str, report: str | None, base: str) -> str:
    """A short name for ``iri``: "figure 3" for a part of ``report``, "this report" for the
    report itself, ``dr:…`` under the data base, else a prefixed name or the IRI."""
    if report is not None and iri == report:
        return "this report"
    if report is not None and iri.startswith(report + "/"):
        kind, _, key = iri[len(report) + 1 :].partition("/")
        return f"{kind} {key}".strip()
    if iri.startswith(base) and len(iri) > len(base):
        return "dr:" + iri[len(base) :]
    return compact(iri)


def term_html(
    term: ox.NamedNode | ox.BlankNode | ox.Literal, report: str | None, base: str
) -> Markup:
    """An RDF term for the panel: an IRI as a link to its page with a short name (the full
    IRI in its tooltip), a literal as its value with its language or datatype."""
    if isinstance(term, ox.NamedNode):
        return Markup('<a class="iri" href="{}" title="{}">{}</a>').format(
            link_for(term.value, base), term.value, short_name(term.value, report, base)
        )
    if isinstance(term, ox.BlankNode):
        return Markup("<code>_:{}</code>").format(term.value)
    value = term.value if len(term.value) <= 1000 else term.value[:1000] + "…"
    if term.language:
        suffix = "@" + term.language
    elif term.datatype.value.endswith("#string"):
        suffix = ""
    else:
        suffix = compact(term.datatype.value)
    if not suffix:
        return Markup("{}").format(value)
    return Markup('{} <small class="dt">{}</small>').format(value, suffix)
