"""The web UI: the SPARQL editor at ``/``, report pages, the audit dashboard.

- ``/`` — YASGUI (served from ``/ui/static/vendor/``, installed by ``.ci/setup-ui``) pointed
  at ``/sparql``, with the queries catalogue as a picker that opens each question in a tab.
- ``/ui/reports`` and ``/ui/reports/{id}`` — the report's text with everything extracted
  highlighted; a click opens the resource in a side panel (``/ui/panel?iri=…``, an HTML
  fragment); findings sit in the margin beside the sentences they are about.
- ``/ui/audit`` — the findings table (filter by report, check, severity) and a chart of
  stated against recomputed rates per report.

Every page is rendered with autoescaping and sent with a Content-Security-Policy that lets
it load and call nothing but this server.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
from ducha.queries.catalogue import catalogue
from ducha.service.dependencies import ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.links import ID_PATH
from ducha.service.pages import render
from ducha.service.report_view import find_report, report_summaries
from ducha.service.ui.panel import resource_panel, short_name, term_html
from ducha.service.ui.rates import rate_points, rates_chart
from ducha.service.ui.report_page import KINDS, report_page
from ducha.shapes.audit import stored_findings
from ducha.shapes.findings import Severity
from fastapi import APIRouter, FastAPI, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "STATIC_PATH",
    "audit_page",
    "install_ui",
    "panel",
    "report_page_view",
    "reports_page",
    "router",
    "start_page",
    "vendor_ready",
]

STATIC_PATH = "/ui/static"

# Nothing but this server: scripts, styles, images, fonts and fetches are same-origin.
# Inline styles are allowed (YASGUI sets style attributes); inline scripts are not.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)

router = APIRouter(tags=["Web UI"], responses=ERROR_RESPONSES, include_in_schema=True)

_ReportId = Annotated[
    str,
    PathParam(
        description="The report's id: the 16 hex digits ending its IRI.",
        examples=["3df696ca4519d9fe"],
    ),
]


def _static_folder() -> Path:
    return Path(str(resources.files("ducha.service") / "static"))


def vendor_ready() -> bool:
    """True when ``.ci/setup-ui`` has put YASGUI into ``static/vendor/``."""
    folder = _static_folder() / "vendor" / "yasgui"
    return (folder / "yasgui.min.js").is_file() and (folder / "yasgui.min.css").is_file()


def _page(template: str, base: str, **context: Any) -> HTMLResponse:
    page = render(template, base, static=STATIC_PATH, **context)
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    page.headers["X-Content-Type-Options"] = "nosniff"
    return page


@router.get("/", summary="The web UI: SPARQL editor with the queries catalogue")
def start_page(service: ServiceDep) -> HTMLResponse:
    questions = [
        {
            "name": q.name,
            "question": q.question,
            "parameters": [p.name for p in q.parameters],
            "sparql": q.sparql,
        }
        for q in catalogue().values()
    ]
    return _page(
        "ui_home.html",
        service.settings.base_iri,
        questions=questions,
        data_base=service.settings.base_iri,
        id_path=ID_PATH,
        reports=service.store.reports(),
        vendor=vendor_ready(),
    )


@router.get("/ui/reports", summary="The loaded reports, each linking to its report page")
def reports_page(service: ServiceDep) -> HTMLResponse:
    return _page(
        "ui_reports.html", service.settings.base_iri, reports=report_summaries(service.store)
    )


@router.get("/ui/reports/{report_id}", summary="A report's text, highlighted, with findings")
def report_page_view(service: ServiceDep, report_id: _ReportId) -> HTMLResponse:
    base = service.settings.base_iri
    summary = find_report(service.store, report_id)
    page = report_page(service.store, summary.iri)

    def name(iri: str) -> str:
        return short_name(iri, summary.iri, base)

    return _page("ui_report.html", base, summary=summary, page=page, kinds=KINDS, name=name)


@router.get("/ui/panel", summary="The side panel of one resource (an HTML fragment)")
def panel(
    service: ServiceDep,
    iri: Annotated[
        str,
        Query(
            description="The resource's IRI.",
            max_length=2000,
            examples=["https://w3id.org/ducha/id/report/3df696ca4519d9fe/figure/1"],
        ),
    ],
) -> HTMLResponse:
    base = service.settings.base_iri
    shown = resource_panel(service.store, iri)

    def name(other: str) -> str:
        return short_name(other, shown.report, base)

    def show(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Markup:
        return term_html(term, shown.report, base)

    return _page("ui_panel.html", base, panel=shown, name=name, show=show)


@router.get("/ui/audit", summary="The audit dashboard: findings table and rates chart")
def audit_page(
    service: ServiceDep,
    report: Annotated[str | None, Query(description="A report id (or IRI).")] = None,
    check: Annotated[str | None, Query(description="A check id, e.g. rate-mismatch.")] = None,
    severity: Annotated[str | None, Query(description="violation, warning or info.")] = None,
) -> HTMLResponse:
    store, base = service.store, service.settings.base_iri
    summaries = report_summaries(store)
    everything = stored_findings(store)
    wanted_report = find_report(store, report).iri if report else None
    wanted_severity = Severity.parse(severity) if severity else None
    labels = {s.iri: s.title or s.file_name or s.id for s in summaries}
    shown = sorted(
        (
            f
            for f in everything
            if (wanted_report is None or f.report == wanted_report)
            and (not check or f.check == check)
            and (wanted_severity is None or f.severity is wanted_severity)
        ),
        key=lambda f: (-f.severity.rank, labels.get(f.report, f.report), f.check),
    )
    points = [p for p in rate_points(store, everything) if wanted_report in (None, p.report)]
    return _page(
        "ui_audit.html",
        base,
        findings=shown,
        total=len(everything),
        reports=summaries,
        labels=labels,
        checks=sorted({f.check for f in everything}),
        severities=[s.value.lower() for s in Severity],
        chosen={"report": report or "", "check": check or "", "severity": severity or ""},
        chart=rates_chart(points, labels),
        points=points,
        report_ids={s.iri: s.id for s in summaries},
    )


def install_ui(app: FastAPI) -> None:
    """Add the UI's pages and its static files (``/ui/static``) to ``app``.

    Call it before other routers are included: its ``/`` is the start page.
    """
    app.include_router(router)
    app.mount(STATIC_PATH, StaticFiles(directory=_static_folder()), name="ui-static")
