"""``/queries``: the catalogue of named questions, and running one with parameters.

Parameters come as query-string values and are bound as typed RDF terms through the store's
substitutions (``queries/catalogue.py``), never pasted into the SPARQL text: a value such as
``"} ; DROP ALL #`` is just a string literal. Queries run in the query workers, under the
time limit, on a read-only view of the store.
"""

from __future__ import annotations

from typing import Annotated, Any

from ducha.queries.catalogue import NamedQuery, catalogue, get_query
from ducha.service import formats
from ducha.service.dependencies import ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.executor import QueryJob
from ducha.service.pages import render
from ducha.service.routers.sparql import choose_formats, run_query
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

__all__ = ["list_queries", "router", "run_named_query"]

router = APIRouter(prefix="/queries", tags=["Queries"], responses=ERROR_RESPONSES)

# Query-string names that are not query parameters.
_RESERVED = frozenset({"format", "output", "offset"})


def _describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "question": query.question,
        "parameters": [
            {"name": p.name, "type": p.type, "example": p.example, "description": p.description}
            for p in query.parameters
        ],
        "results": list(query.results),
        "url": f"/queries/{query.name}",
        "sparql": query.sparql,
    }


@router.get("", summary="The catalogue of named queries with their parameters")
async def list_queries(
    request: Request,
    service: ServiceDep,
    format: Annotated[str | None, Query(description="json or html.")] = None,
) -> Response:
    chosen = formats.negotiate(
        request.headers.get("accept"), (formats.JSON, formats.HTML), requested=format
    )
    queries = list(catalogue().values())
    if chosen is formats.HTML:
        page: Response = render("queries.html", service.settings.base_iri, queries=queries)
        return page
    return JSONResponse([_describe(q) for q in queries], headers={"Vary": "Accept"})


@router.get(
    "/{name}",
    summary="Run a named query; its parameters are query-string values",
    description=(
        "For example `/queries/problems-per-aspect?report=dr:report/3df696ca4519d9fe`. "
        "Values are bound as RDF terms of the parameter's declared type (iri, integer, "
        "decimal, date, string)."
    ),
    responses={200: {"content": {f.media_type: {} for f in formats.RESULT_FORMATS}}},
)
async def run_named_query(
    request: Request,
    service: ServiceDep,
    name: Annotated[str, Path(description="The query's name.", examples=["completion-figures"])],
    format: Annotated[str | None, Query(description="json, xml, csv, tsv (or RDF).")] = None,
    offset: Annotated[
        int,
        Query(
            ge=0,
            description="Rows to skip: list queries answer pages of at most 10,000 rows "
            "(their LIMIT); offset=10000 asks for the second page.",
        ),
    ] = 0,
) -> Response:
    query = get_query(name)
    values = {k: v for k, v in request.query_params.items() if k not in _RESERVED and v != ""}
    substitutions = query.bind(values)
    results_format, graph_format = choose_formats(request.headers.get("accept"), format)
    # SPARQL takes OFFSET after LIMIT; an integer, so nothing the client sent is pasted.
    sparql = f"{query.sparql}\nOFFSET {offset}" if offset else query.sparql
    job = QueryJob(
        sparql,
        results_format=results_format,
        graph_format=graph_format,
        substitutions=dict(substitutions) or None,
    )
    answer: Response = await run_query(service, job)
    return answer
