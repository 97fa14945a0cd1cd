"""``/rdf-graph-store``: the SPARQL 1.1 Graph Store HTTP Protocol, only with the update token.

A graph is named indirectly (``?graph=<IRI>``, or ``?default`` for the store's own default
graph) or directly (its IRI is the request URL, ``/rdf-graph-store/any/path``). GET and HEAD
read it in the negotiated RDF format; PUT replaces it, POST adds to it (a POST to the store
itself makes a new graph and answers its ``Location``), DELETE drops it. Bodies are Turtle,
N-Triples, JSON-LD, RDF/XML (or several of them as ``multipart/form-data``). Like updates,
the whole surface is off (404) without ``DUCHA_UPDATE_TOKEN`` and needs the token.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Annotated

import pyoxigraph as ox
from ducha.loaders.errors import InputError, NotFound
from ducha.loaders.store import Store
from ducha.service import formats
from ducha.service.dependencies import Service, ServiceDep, require_token
from ducha.service.errors import ERROR_RESPONSES, TooLarge
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

__all__ = [
    "delete_direct",
    "delete_indirect",
    "post_direct",
    "post_indirect",
    "put_direct",
    "put_indirect",
    "read_direct",
    "read_indirect",
    "router",
]

router = APIRouter(
    prefix="/rdf-graph-store",
    tags=["Graph store"],
    dependencies=[Depends(require_token)],
    responses={
        **ERROR_RESPONSES,
        401: {"description": "No token."},
        403: {"description": "Wrong token."},
    },
)

_GraphParam = Annotated[str | None, Query(description="The IRI of the graph (indirect naming).")]
_DefaultParam = Annotated[
    str | None, Query(description="Present (empty) to address the default graph.")
]


def _target(request: Request, graph: str | None, path: str | None) -> str | None:
    """The graph IRI the request addresses; None for the default graph."""
    has_default = "default" in request.query_params
    if graph is not None and has_default:
        raise InputError("give either ?graph=<IRI> or ?default, not both")
    if path:
        if graph is not None or has_default:
            raise InputError("a graph named by its URL takes no ?graph or ?default")
        return str(request.url.replace(query="", fragment=""))
    if graph is not None:
        try:
            return ox.NamedNode(graph).value
        except ValueError as error:
            raise InputError(f"?graph={graph!r} is not an IRI: {error}") from error
    if has_default:
        return None
    raise InputError("name a graph: ?graph=<IRI>, ?default, or /rdf-graph-store/<path>")


def _statements(triples: Iterable[ox.Triple]) -> str:
    # pyoxigraph writes terms in N-Triples syntax, which SPARQL reads as it is.
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def _default_graph_triples(store: Store) -> list[ox.Triple]:
    # An empty default_graph list means the store's own default graph, not the union.
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=[])
    assert isinstance(result, ox.QueryTriples)
    return list(result)


def _exists(store: Store, graph: str | None) -> bool:
    return graph is None or bool(store.has_graph(graph))


async def _parse_body(request: Request, service: Service, base: str) -> list[ox.Triple]:
    limit = service.settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the body is over the limit of {limit} bytes")
    content_type = request.headers.get("content-type", "")
    parts: list[tuple[bytes, str | None]] = []
    if content_type.startswith("multipart/form-data"):
        async with request.form() as form:
            for _, value in form.multi_items():
                if isinstance(value, UploadFile):
                    parts.append((await value.read(limit + 1), value.content_type))
    else:
        parts.append((await request.body(), content_type))
    triples: list[ox.Triple] = []
    for data, media in parts:
        if len(data) > limit:
            raise TooLarge(f"the body is over the limit of {limit} bytes")
        syntax = formats.rdf_format_of(media)
        try:
            triples += [q.triple for q in ox.parse(data, format=syntax, base_iri=base)]
        except (SyntaxError, ValueError) as error:
            raise InputError(f"the body does not parse as {syntax.name}: {error}") from error
    return triples


async def _read(
    request: Request, service: Service, graph: str | None, *, head: bool = False
) -> Response:
    chosen = formats.negotiate(
        request.headers.get("accept"), formats.GRAPH_FORMATS, browser_default=formats.TURTLE
    )

    def read() -> bytes:
        if not _exists(service.store, graph):
            raise NotFound(f"there is no graph <{graph}> in the store")
        triples = (
            _default_graph_triples(service.store)
            if graph is None
            else list(service.store.triples(graph))
        )
        assert isinstance(chosen.oxigraph, ox.RdfFormat)
        return ox.serialize(triples, format=chosen.oxigraph) or b""

    body = await run_in_threadpool(read)
    headers = {"Vary": "Accept", "Content-Length": str(len(body))}
    if head:
        return Response(None, media_type=chosen.content_type, headers=headers)
    return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})


async def _write(
    request: Request, service: Service, graph: str | None, *, replace: bool
) -> Response:
    base = graph or str(request.url.replace(query="", fragment=""))
    triples = await _parse_body(request, service, base)

    def write() -> bool:
        with service.writing() as store:
            existed = (
                _exists(store, graph) if graph is not None else bool(_default_graph_triples(store))
            )
            if graph is None:
                drop = "DROP SILENT DEFAULT ;\n" if replace else ""
                store.update(f"{drop}INSERT DATA {{\n{_statements(triples)}\n}}")
            elif replace:
                store.replace_graph(graph, triples)
            else:
                store.put_graph(graph, triples)
            return existed

    existed = await run_in_threadpool(write)
    return Response(status_code=204 if existed else 201)


async def _delete(service: Service, graph: str | None) -> Response:
    def delete() -> None:
        with service.writing() as store:
            if graph is None:
                store.update("DROP SILENT DEFAULT")
                return
            if not store.has_graph(graph):
                raise NotFound(f"there is no graph <{graph}> in the store")
            store.update(f"DROP GRAPH {ox.NamedNode(graph)}")

    await run_in_threadpool(delete)
    return Response(status_code=204)


async def _new_graph(request: Request, service: Service) -> Response:
    """POST to the graph store itself: a new graph under the store's URL."""
    location = str(request.url.replace(query="", fragment="")).rstrip("/") + f"/{uuid.uuid4()}"
    await _write(request, service, location, replace=True)
    return Response(status_code=201, headers={"Location": location})


@router.get("", summary="Read a graph (indirect: ?graph= or ?default)")
@router.head("", summary="Check a graph exists (indirect)", operation_id="head_indirect")
async def read_indirect(
    request: Request, service: ServiceDep, graph: _GraphParam = None, default: _DefaultParam = None
) -> Response:
    target = _target(request, graph, None)
    return await _read(request, service, target, head=request.method == "HEAD")


@router.put("", summary="Replace a graph (indirect)", status_code=201)
async def put_indirect(
    request: Request, service: ServiceDep, graph: _GraphParam = None, default: _DefaultParam = None
) -> Response:
    return await _write(request, service, _target(request, graph, None), replace=True)


@router.post("", summary="Add to a graph (indirect), or create a new graph", status_code=201)
async def post_indirect(
    request: Request, service: ServiceDep, graph: _GraphParam = None, default: _DefaultParam = None
) -> Response:
    if graph is None and "default" not in request.query_params:
        return await _new_graph(request, service)
    return await _write(request, service, _target(request, graph, None), replace=False)


@router.delete("", summary="Drop a graph (indirect)", status_code=204)
async def delete_indirect(
    request: Request, service: ServiceDep, graph: _GraphParam = None, default: _DefaultParam = None
) -> Response:
    return await _delete(service, _target(request, graph, None))


@router.get("/{path:path}", summary="Read a graph (direct)")
@router.head("/{path:path}", summary="Check a graph exists (direct)", operation_id="head_direct")
async def read_direct(request: Request, service: ServiceDep, path: str) -> Response:
    target = _target(request, None, path)
    return await _read(request, service, target, head=request.method == "HEAD")


@router.put("/{path:path}", summary="Replace a graph (direct)", status_code=201)
async def put_direct(request: Request, service: ServiceDep, path: str) -> Response:
    return await _write(request, service, _target(request, None, path), replace=True)


@router.post("/{path:path}", summary="Add to a graph (direct)", status_code=201)
async def post_direct(request: Request, service: ServiceDep, path: str) -> Response:
    return await _write(request, service, _target(request, None, path), replace=False)


@router.delete("/{path:path}", summary="Drop a graph (direct)", status_code=204)
async def delete_direct(request: Request, service: ServiceDep, path: str) -> Response:
    return await _delete(service, _target(request, None, path))
