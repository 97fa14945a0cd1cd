"""Every error becomes an HTTP answer here, and only here.

The service raises the :mod:`ducha.loaders.errors` hierarchy (plus the few HTTP-only cases
below, which subclass it) and :func:`install_error_handlers` maps each class to its status
code. The body is JSON, ``{"error": <class>, "detail": <message>}``, or plain text when the
client asked for text (SPARQL clients show the body as it is). Statuses:

=====================  ======  =============================================================
error                  status  when
=====================  ======  =============================================================
BadQuery               400     a query, update or parameter that does not parse or bind
InputError             400     any other bad request
Unauthorized           401     the update token is missing or malformed
Forbidden              403     the update token is wrong
NotFound               404     no such report, resource, query or graph (or updates are off)
NotAcceptable          406     none of the formats the client accepts is available
TooLarge               413     a query or upload over its size limit
UnsupportedMediaType   415     a body of a content type this endpoint does not read
NotAReport             422     the upload decodes but is not a report
UnreadableInput        400     empty, binary or undecodable upload
QueryTimeout           503     a query over its time limit (with ``Retry-After``)
StoreError             500     the store failed; nothing changed
SchemaError            500     a file shipped with ducha is broken
InternalError          500     a bug
=====================  ======  =============================================================
"""

from __future__ import annotations

import logging

from ducha.loaders.errors import (
    BadQuery,
    DuchaError,
    InputError,
    InternalError,
    NotAReport,
    NotFound,
    QueryTimeout,
    SchemaError,
    StoreError,
    UnreadableInput,
)
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

__all__ = [
    "ERROR_RESPONSES",
    "Forbidden",
    "NotAcceptable",
    "TooLarge",
    "Unauthorized",
    "UnsupportedMediaType",
    "error_response",
    "install_error_handlers",
    "status_of",
]

_log = logging.getLogger(__name__)


class NotAcceptable(InputError):
    """The client accepts none of the formats this resource has."""


class TooLarge(UnreadableInput):
    """A query or an upload over its size limit."""


class UnsupportedMediaType(InputError):
    """A request body of a content type this endpoint does not read."""


class Unauthorized(InputError):
    """A write without ``Authorization: Bearer <token>``."""


class Forbidden(InputError):
    """A write with the wrong token."""


# Most specific first: the first class an error is an instance of gives its status.
_STATUS: tuple[tuple[type[DuchaError], int], ...] = (
    (QueryTimeout, 503),
    (TooLarge, 413),
    (NotAcceptable, 406),
    (UnsupportedMediaType, 415),
    (Unauthorized, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (NotAReport, 422),
    (BadQuery, 400),
    (UnreadableInput, 400),
    (InputError, 400),
    (StoreError, 500),
    (SchemaError, 500),
    (InternalError, 500),
    (DuchaError, 500),
)

# For the OpenAPI description of each router.
ERROR_RESPONSES: dict[int | str, dict[str, str]] = {
    400: {"description": "Bad request: the message says what is wrong and what to do."},
    404: {"description": "No such thing."},
    406: {"description": "None of the accepted formats is available."},
    500: {"description": "The store or ducha failed; nothing was changed."},
    503: {"description": "The query ran over the time limit; simplify it or add LIMIT."},
}


def status_of(error: DuchaError) -> int:
    """The HTTP status code of a ducha error."""
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 500


def _wants_text(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "json" not in accept and ("text/plain" in accept or "text/csv" in accept)


def error_response(request: Request, error: DuchaError) -> Response:
    """The answer to a request that failed with ``error``."""
    status = status_of(error)
    message = str(error) or type(error).__name__
    if status >= 500:
        _log.error("%s %s failed: %s", request.method, request.url.path, message)
    headers = {"Retry-After": "10"} if status == 503 else None
    if isinstance(error, Unauthorized):
        headers = {"WWW-Authenticate": 'Bearer realm="ducha"'}
    if _wants_text(request):
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)
    return JSONResponse(
        {"error": type(error).__name__, "detail": message}, status_code=status, headers=headers
    )


async def _handle(request: Request, error: Exception) -> Response:
    assert isinstance(error, DuchaError)
    return error_response(request, error)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every ``DuchaError`` raised by a route with its status code and message."""
    app.add_exception_handler(DuchaError, _handle)
