"""``/sparql``: the SPARQL 1.1 Protocol query operation, and the service description.

Queries come by GET, by an URL-encoded POST form or as a direct ``application/sparql-query``
POST; ``default-graph-uri`` / ``named-graph-uri`` set the dataset (by default the union of
every graph is the default graph and each report's graph is a named graph). Answers are
negotiated: SELECT/ASK as SPARQL JSON (the default, also for browsers and ``*/*``), XML, CSV
or TSV; CONSTRUCT/DESCRIBE as Turtle (the default), N-Triples, JSON-LD, RDF/XML, TriG or
N-Quads. Each query runs under the time limit (503 past it): in a worker process on an
on-disk store, on a query thread on a store served from memory.

GET and POST ``/sparql`` are answered by :func:`sparql_endpoint`, a plain Starlette route
that the app puts before FastAPI's routes (the FastAPI routes below stay for the OpenAPI
description): FastAPI's parameter parsing and thread hops cost about a millisecond per
request, as much as a point lookup is allowed in all.
"""

from __future__ import annotations

import contextlib
import re
from typing import Annotated, Any

import pyoxigraph as ox
from ducha.loaders.errors import DuchaError, NotFound
from ducha.service import formats
from ducha.service.dependencies import Service, ServiceDep
from ducha.service.errors import ERROR_RESPONSES, NotAcceptable, error_response
from ducha.service.executor import QueryJob
from ducha.service.protocol import read_protocol_request
from ducha.service.sparql_text import MAX_NESTING, check_query_text, with_base
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

__all__ = ["choose_formats", "query_get", "query_post", "router", "run_query", "sparql_endpoint"]

router = APIRouter(prefix="/sparql", tags=["SPARQL"], responses=ERROR_RESPONSES)

_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_EXAMPLE = "SELECT ?report ?title WHERE { ?report a ducha:Report ; dcterms:title ?title }"
_QUERY_BODY = {
    "requestBody": {
        "description": "The query, as a form field or as the whole body.",
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}, "example": _EXAMPLE},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["query"],
                },
                "example": {"query": _EXAMPLE},
            },
        },
    }
}
_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer, in the negotiated format.",
        "content": {f.media_type: {} for f in (*formats.RESULT_FORMATS, *formats.GRAPH_FORMATS)},
    }
}


def _pick(accept: str | None, requested: str | None, choices: tuple[formats.Format, ...]) -> str:
    """The media type to write in; the default of ``choices`` when nothing fits, since the
    client could not know the query's form when it chose its Accept header."""
    media: str = choices[0].media_type
    if requested:
        with contextlib.suppress(NotAcceptable):
            media = formats.by_name(requested, choices).media_type
            return media
    with contextlib.suppress(NotAcceptable):
        media = formats.negotiate(accept, choices).media_type
    return media


def choose_formats(accept: str | None, requested: str | None) -> tuple[str, str]:
    """The media types for (SELECT/ASK results, CONSTRUCT/DESCRIBE graphs)."""
    return (
        _pick(accept, requested, formats.RESULT_FORMATS),
        _pick(accept, requested, formats.GRAPH_FORMATS),
    )


async def run_query(service: Service, job: QueryJob) -> Response:
    """Run ``job`` under the time limit and answer with its serialized result."""
    answer = await service.executor.run_async(job)
    media = answer.media_type
    content_type = media if media.startswith("application/sparql") else f"{media}; charset=utf-8"
    return Response(answer.body, media_type=content_type, headers={"Vary": "Accept"})


async def _answer(request: Request, service: Service) -> Response:
    sent = await read_protocol_request(request, "query")
    if sent.text is None:
        if sent.default_graphs or sent.named_graphs:
            raise NotFound("the request names a dataset but has no 'query' parameter")
        return _service_description(request, service, sent.format)
    text = _checked(sent.text, str(request.url.replace(query="", fragment="")), service)
    results_format, graph_format = choose_formats(request.headers.get("accept"), sent.format)
    default_graph: tuple[str, ...] | None = None  # the union of all graphs
    if sent.default_graphs:
        default_graph = sent.default_graphs
    elif sent.named_graphs:
        default_graph = ()  # named graphs only: the store's own (plain) default graph
    job = QueryJob(
        text,
        results_format=results_format,
        graph_format=graph_format,
        default_graph=default_graph,
        named_graphs=sent.named_graphs or None,
    )
    return await run_query(service, job)


def _checked(text: str, base: str, service: Service) -> str:
    """``text`` checked by :func:`check_query_text` and given ``base`` by :func:`with_base`,
    skipping their tokenizer when plain string tests already answer (a third of a
    millisecond for a catalogue query): too few brackets to nest too deep, no "service"
    anywhere, every "<" opening an absolute IRI."""
    lowered = text.lower()
    if sum(map(text.count, "{([")) > MAX_NESTING or (
        not service.settings.federation and "service" in lowered
    ):
        check_query_text(text, federation=service.settings.federation)
    if "<" in text and not all(_ABSOLUTE.match(part) for part in text.split("<")[1:]):
        return with_base(text, base)
    return text


_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


async def sparql_endpoint(request: Request) -> Response:
    """GET and POST ``/sparql`` without FastAPI's routing (see the module's docstring)."""
    service: Service = request.app.state.service
    try:
        return await _answer(request, service)
    except DuchaError as error:
        return error_response(request, error)


@router.get(
    "",
    summary="Run a SPARQL query (GET), or describe the service",
    responses=_ANSWERS,
    description=(
        "Without `query`, answers the SPARQL service description (RDF). Prefixes `ducha:`, "
        "`dr:`, `rdfs:`, `dcterms:`, `skos:`, `prov:`, `oa:`, `org:`, `sh:`, `xsd:` are "
        "predeclared."
    ),
)
async def query_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[
        str | None, Query(description="The SPARQL query.", examples=[_EXAMPLE])
    ] = None,
    default_graph_uri: Annotated[
        list[str] | None, Query(alias="default-graph-uri", description="Default graph(s).")
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="Named graph(s).")
    ] = None,
    format: Annotated[
        str | None, Query(description="Result format name (json, xml, csv, tsv, turtle...).")
    ] = None,
) -> Response:
    return await _answer(request, service)


@router.post(
    "",
    summary="Run a SPARQL query (POST form or direct)",
    responses=_ANSWERS,
    openapi_extra=_QUERY_BODY,
)
async def query_post(request: Request, service: ServiceDep) -> Response:
    return await _answer(request, service)


def _service_description(request: Request, service: Service, requested: str | None) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, as RDF."""
    chosen = formats.negotiate(
        request.headers.get("accept"),
        formats.GRAPH_FORMATS,
        requested=requested,
        browser_default=formats.TURTLE,
    )
    endpoint = ox.NamedNode(str(request.url.replace(query="", fragment="")).rstrip("?"))
    node = ox.BlankNode("service")
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(_SD + name)

    triples = [
        ox.Triple(node, _RDF_TYPE, sd("Service")),
        ox.Triple(node, sd("endpoint"), endpoint),
        ox.Triple(node, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(node, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(node, sd("defaultDataset"), dataset),
        ox.Triple(dataset, _RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, _RDF_TYPE, sd("Graph")),
    ]
    if service.settings.update_token:
        triples.append(ox.Triple(node, sd("supportedLanguage"), sd("SPARQL11Update")))
    if service.settings.federation:
        triples.append(ox.Triple(node, sd("feature"), sd("BasicFederatedQuery")))
    for choice in (*formats.RESULT_FORMATS, *formats.GRAPH_FORMATS):
        if choice.oxigraph is not None:
            triples.append(ox.Triple(node, sd("resultFormat"), ox.NamedNode(choice.oxigraph.iri)))
    for summary in service.store.reports():
        named = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, sd("name"), ox.NamedNode(summary.iri)),
        ]
    assert isinstance(chosen.oxigraph, ox.RdfFormat)
    body = ox.serialize(triples, format=chosen.oxigraph, prefixes={"sd": _SD})
    return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})
