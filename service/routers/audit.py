"""``/audit``: the findings across the corpus, filtered, as HTML, JSON or CSV.

Each request first reruns the cross-report checks (they store their findings, so this is a
write and waits for other writes), then lists the stored findings that pass the filters.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import urlencode

from ducha.service import formats
from ducha.service.dependencies import ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.pages import render
from ducha.service.report_view import find_report
from ducha.shapes.audit import audit_store
from ducha.shapes.findings import Finding
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

__all__ = ["audit", "router"]

router = APIRouter(prefix="/audit", tags=["Audit"], responses=ERROR_RESPONSES)

_FORMATS = (formats.JSON, formats.HTML, formats.CSV)
_COLUMNS = (
    "severity",
    "check",
    "report",
    "focus",
    "message",
    "expected",
    "reported",
    "quote",
    "sentence",
    "iri",
)


def _csv(findings: list[Finding]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for finding in findings:
        writer.writerow(finding.as_dict())
    return out.getvalue()


@router.get(
    "",
    summary="Audit findings, filtered by report, check and severity",
    responses={200: {"content": {f.media_type: {} for f in _FORMATS}}},
)
async def audit(
    request: Request,
    service: ServiceDep,
    report: Annotated[str | None, Query(description="A report id (16 hex digits) or IRI.")] = None,
    check: Annotated[
        str | None, Query(description="A check id, e.g. rate-mismatch.", examples=["stated-count"])
    ] = None,
    severity: Annotated[
        str | None, Query(description="violation, warning or info.", examples=["violation"])
    ] = None,
    format: Annotated[str | None, Query(description="json, html or csv.")] = None,
) -> Response:
    chosen = formats.negotiate(request.headers.get("accept"), _FORMATS, requested=format)

    def run() -> list[Finding]:
        report_iri = find_report(service.store, report).iri if report else None
        with service.writing() as store:
            found: list[Finding] = audit_store(
                store, report=report_iri, check=check, severity=severity
            )
            return found

    findings = await run_in_threadpool(run)
    if chosen is formats.CSV:
        return Response(_csv(findings), media_type=formats.CSV.content_type)
    if chosen is formats.HTML:
        filters = {"report": report, "check": check, "severity": severity}
        query = urlencode({k: v for k, v in filters.items() if v})
        page: Response = render(
            "audit.html", service.settings.base_iri, findings=findings, query=query
        )
        return page
    return JSONResponse([f.as_dict() for f in findings], headers={"Vary": "Accept"})
