"""``/reports``: upload, list, show and delete reports.

``POST /reports`` takes a file (``multipart/form-data``, field ``file``) or the raw text as
the body (its name from ``?name=``), loads and validates it in one step and answers 201 with
the report's IRI, what was extracted and its findings; the same text again answers 200 with
the existing report. Over ``DUCHA_MAX_UPLOAD_BYTES`` is 413, binary or empty is 400, text
that is not a report 422. Uploads are written one at a time, so concurrent uploads of the
same text make one report.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

import pyoxigraph as ox
from ducha.loaders.errors import InputError, NotFound
from ducha.service import formats
from ducha.service.corpus import LoadOutcome, load_bytes
from ducha.service.dependencies import Service, ServiceDep, require_token
from ducha.service.errors import ERROR_RESPONSES, TooLarge
from ducha.service.pages import render
from ducha.service.report_view import find_report, report_summaries, report_view
from ducha.shapes.audit import stored_findings
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile

__all__ = ["delete_report", "get_report", "list_reports", "router", "upload_report"]

router = APIRouter(prefix="/reports", tags=["Reports"], responses=ERROR_RESPONSES)

_PAGE_FORMATS = (formats.JSON, formats.HTML, *formats.GRAPH_FORMATS)
_ReportId = Annotated[
    str,
    Path(
        description="The report's id: the 16 hex digits ending its IRI.",
        examples=["3df696ca4519d9fe"],
    ),
]
_FormatParam = Annotated[
    str | None, Query(description="json, html, turtle, ntriples, jsonld, rdfxml, trig.")
]


def _file_name(name: str | None) -> str:
    """The bare file name (never a path) the report is known by."""
    if not name:
        return "upload.txt"
    bare = PureWindowsPath(PurePosixPath(name).name).name.strip()
    return bare[:200] or "upload.txt"


async def _upload(request: Request, limit: int, name: str | None) -> tuple[bytes, str]:
    too_large = TooLarge(f"the upload is over the limit of {limit} bytes (DUCHA_MAX_UPLOAD_BYTES)")
    declared = request.headers.get("content-length")
    # A form adds its boundaries and headers to the file: allow for them before reading.
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise too_large
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise InputError("the form has no file field named 'file'")
            data = await upload.read(limit + 1)
            name = name or upload.filename
    else:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        data = b"".join(chunks)
    if len(data) > limit:
        raise too_large
    return data, _file_name(name)


def _outcome_body(service: Service, outcome: LoadOutcome) -> dict[str, Any]:
    assert outcome.report_iri is not None
    summary = find_report(service.store, outcome.report_iri)
    findings = stored_findings(service.store, report=outcome.report_iri)
    return {
        **summary.as_dict(),
        "status": outcome.status,
        "extracted": {
            "problems": outcome.problems,
            "figures": outcome.figures,
            "entities": outcome.entities,
        },
        "findings": [f.as_dict() for f in findings],
        "url": f"/reports/{summary.id}",
    }


@router.post(
    "",
    status_code=201,
    summary="Upload a report: load and validate it",
    responses={
        200: {"description": "The same text was loaded before: the existing report."},
        413: {"description": "Over the upload limit."},
        422: {"description": "The text is not an inspection or rectification report."},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            }
        }
    },
)
async def upload_report(
    request: Request,
    service: ServiceDep,
    name: Annotated[
        str | None, Query(description="File name for a raw body (identifies new versions).")
    ] = None,
) -> JSONResponse:
    data, file_name = await _upload(request, service.settings.max_upload_bytes, name)

    def load() -> dict[str, Any]:
        with service.writing() as store:
            outcome = load_bytes(store, data, file_name, settings=service.settings)
            return _outcome_body(service, outcome)

    body = await run_in_threadpool(load)
    status = 200 if body["status"] == "unchanged" else 201
    return JSONResponse(body, status_code=status, headers={"Location": body["url"]})


@router.get("", summary="List the loaded reports with their counts")
async def list_reports(
    request: Request, service: ServiceDep, format: _FormatParam = None
) -> Response:
    chosen = formats.negotiate(
        request.headers.get("accept"), (formats.JSON, formats.HTML), requested=format
    )
    summaries = await run_in_threadpool(report_summaries, service.store)
    if chosen is formats.HTML:
        page: Response = render("reports.html", service.settings.base_iri, reports=summaries)
        return page
    return JSONResponse([s.as_dict() for s in summaries], headers={"Vary": "Accept"})


@router.get(
    "/{report_id}",
    summary="One report as HTML (highlighted text), JSON or RDF",
    responses={200: {"content": {f.media_type: {} for f in _PAGE_FORMATS}}},
)
async def get_report(
    request: Request, service: ServiceDep, report_id: _ReportId, format: _FormatParam = None
) -> Response:
    chosen = formats.negotiate(request.headers.get("accept"), _PAGE_FORMATS, requested=format)
    summary = await run_in_threadpool(find_report, service.store, report_id)
    if isinstance(chosen.oxigraph, ox.RdfFormat):
        rdf_format = chosen.oxigraph

        def rdf() -> bytes:
            if rdf_format.supports_datasets:
                quads = [
                    ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                    for graph in (summary.iri, summary.iri + "/findings")
                    for t in service.store.triples(graph)
                ]
                return ox.serialize(quads, format=rdf_format) or b""
            triples = list(service.store.triples(summary.iri))
            return ox.serialize(triples, format=rdf_format) or b""

        body = await run_in_threadpool(rdf)
        return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})
    view = await run_in_threadpool(report_view, service.store, summary)
    if chosen is formats.HTML:
        page: Response = render("report.html", service.settings.base_iri, view=view)
        return page
    return JSONResponse(view.as_dict(), headers={"Vary": "Accept"})


@router.delete(
    "/{report_id}",
    status_code=204,
    summary="Delete a report (needs the update token)",
    dependencies=[Depends(require_token)],
)
async def delete_report(service: ServiceDep, report_id: _ReportId) -> Response:
    def delete() -> None:
        with service.writing() as store:
            summary = find_report(store, report_id)
            if not store.delete_report(summary.iri):
                raise NotFound(f"no report {report_id!r} is loaded")

    await run_in_threadpool(delete)
    return Response(status_code=204)
