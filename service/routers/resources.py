"""Linked Data: every IRI ducha mints resolves here, as a page or as RDF.

``/id/<rest>`` is the resource ``<base IRI><rest>`` (with ``DUCHA_BASE_IRI`` set to
``http://host:port/id/`` the IRIs themselves resolve here); ``/resource?iri=`` shows any
IRI the store knows. Browsers get an HTML page (types, labels, links, and the highlighted
sentence of the report it comes from); RDF clients get its statements as Turtle, JSON-LD,
N-Triples or RDF/XML.
"""

from __future__ import annotations

from typing import Annotated, Any

import pyoxigraph as ox
from ducha.loaders.errors import NotFound
from ducha.service import formats
from ducha.service.dependencies import Service, ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.links import ID_PATH
from ducha.service.pages import render
from ducha.service.resource_view import resource_triples, resource_view
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

__all__ = ["any_resource", "minted_resource", "router"]

router = APIRouter(tags=["Linked Data"], responses=ERROR_RESPONSES)

_FORMATS = (formats.HTML, formats.TURTLE, formats.JSON_LD, formats.N_TRIPLES, formats.RDF_XML)
_ANSWERS: dict[int | str, dict[str, Any]] = {200: {"content": {f.media_type: {} for f in _FORMATS}}}
_FormatParam = Annotated[str | None, Query(description="html, turtle, jsonld, ntriples or rdfxml.")]


async def _resource(
    request: Request, service: Service, iri: str, requested: str | None
) -> Response:
    chosen = formats.negotiate(request.headers.get("accept"), _FORMATS, requested=requested)
    if isinstance(chosen.oxigraph, ox.RdfFormat):
        rdf_format = chosen.oxigraph

        def rdf() -> bytes:
            return ox.serialize(resource_triples(service.store, iri), format=rdf_format) or b""

        body = await run_in_threadpool(rdf)
        return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})
    view = await run_in_threadpool(resource_view, service.store, iri)
    page: Response = render("resource.html", service.settings.base_iri, view=view)
    return page


@router.get(
    ID_PATH + "{rest:path}",
    summary="A resource ducha minted, by its path under the base IRI",
    responses=_ANSWERS,
)
async def minted_resource(
    request: Request, service: ServiceDep, rest: str, format: _FormatParam = None
) -> Response:
    # The raw path keeps the percent-encoding that is part of entity IRIs.
    raw = request.scope.get("raw_path", b"").decode("ascii", "replace")
    suffix = raw[len(ID_PATH) :] if raw.startswith(ID_PATH) else rest
    if not suffix or ".." in suffix.split("/"):
        raise NotFound(f"{ID_PATH}{suffix} names no resource")
    return await _resource(request, service, service.settings.base_iri + suffix, format)


@router.get("/resource", summary="Any resource the store knows, by its IRI", responses=_ANSWERS)
async def any_resource(
    request: Request,
    service: ServiceDep,
    iri: Annotated[
        str,
        Query(
            description="The resource's IRI.",
            examples=["https://w3id.org/ducha/ontology#ReportedFigure"],
        ),
    ],
    format: _FormatParam = None,
) -> Response:
    return await _resource(request, service, iri, format)
