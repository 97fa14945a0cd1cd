"""``/update``: the SPARQL 1.1 Protocol update operation, only with the update token.

Off (404) unless ``DUCHA_UPDATE_TOKEN`` is set, and then only with
``Authorization: Bearer <token>`` (401 without, 403 wrong). Updates come as an URL-encoded
form (``update=``) or a direct ``application/sparql-update`` body;
``using-graph-uri`` / ``using-named-graph-uri`` become ``USING`` clauses. Relative IRIs
resolve against this endpoint's URL. Each update is one transaction, run while no other
write runs.
"""

from __future__ import annotations

from ducha.loaders.errors import BadQuery
from ducha.service.dependencies import ServiceDep, require_token
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.protocol import read_protocol_request
from ducha.service.sparql_text import check_query_text, with_base, with_using
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

__all__ = ["router", "update"]

router = APIRouter(
    prefix="/update",
    tags=["SPARQL"],
    dependencies=[Depends(require_token)],
    responses={
        **ERROR_RESPONSES,
        401: {"description": "No bearer token."},
        403: {"description": "Wrong token."},
        404: {"description": "Updates are off (no token configured)."},
    },
)

_EXAMPLE = (
    "INSERT DATA { GRAPH <http://example.org/g> "
    "{ <http://example.org/s> a <http://example.org/C> } }"
)


@router.post(
    "",
    status_code=204,
    summary="Run a SPARQL update (needs the update token)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-update": {"schema": {"type": "string"}, "example": _EXAMPLE},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "update": {"type": "string"},
                            "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "using-named-graph-uri": {
                                "type": "array",
                                "items": {"type": "string"},
                            },
                        },
                        "required": ["update"],
                    },
                    "example": {"update": _EXAMPLE},
                },
            }
        }
    },
)
async def update(request: Request, service: ServiceDep) -> Response:
    sent = await read_protocol_request(request, "update")
    if sent.text is None:
        raise BadQuery("the request has no 'update'")
    check_query_text(sent.text, federation=service.settings.federation, what="update")
    text = with_using(sent.text, sent.default_graphs, sent.named_graphs)
    text = with_base(text, str(request.url.replace(query="", fragment="")))

    def write() -> None:
        with service.writing() as store:
            store.update(text)

    await run_in_threadpool(write)
    return Response(status_code=204)
