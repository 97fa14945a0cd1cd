"""Reading a SPARQL 1.1 Protocol request: which operation, which dataset, strictly.

The protocol's three ways to send a query or an update (GET parameters, an URL-encoded form
body, a direct body of ``application/sparql-query`` / ``application/sparql-update``) all come
down to one :class:`ProtocolRequest`. Everything the protocol calls a bad request raises an
``InputError`` naming what was wrong: a repeated or missing operation, both a query and an
update, a body of another media type, a charset other than UTF-8, a body over the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl

from ducha.loaders.errors import BadQuery, InputError
from ducha.service.errors import TooLarge, UnsupportedMediaType
from fastapi import Request

__all__ = ["MAX_OPERATION_BYTES", "Operation", "ProtocolRequest", "read_protocol_request"]

# Far longer than any hand-written query; a bigger one is a mistake or an attack.
MAX_OPERATION_BYTES = 256 * 1024

Operation = Literal["query", "update"]

_FORM = "application/x-www-form-urlencoded"
_DIRECT: dict[Operation, str] = {
    "query": "application/sparql-query",
    "update": "application/sparql-update",
}
_DATASET: dict[Operation, tuple[str, str]] = {
    "query": ("default-graph-uri", "named-graph-uri"),
    "update": ("using-graph-uri", "using-named-graph-uri"),
}


@dataclass(frozen=True)
class ProtocolRequest:
    """One operation and its protocol dataset; ``text`` is None when none was sent."""

    text: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None  # a ``format=`` parameter, which some clients send besides Accept


def _charset_is_utf8(content_type: str) -> bool:
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower() in ("utf-8", "utf8")
    return True


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_OPERATION_BYTES:
        raise TooLarge(f"the request body is over the limit of {MAX_OPERATION_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_OPERATION_BYTES:
            raise TooLarge(f"the request body is over the limit of {MAX_OPERATION_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"the {what} is not UTF-8 ({error}); send it as UTF-8") from error


def _one(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key == name]
    if len(values) > 1:
        raise BadQuery(f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


async def read_protocol_request(request: Request, operation: Operation) -> ProtocolRequest:
    """Read ``operation`` (``query`` or ``update``) from a protocol request.

    Raises ``BadQuery`` for a repeated operation or the wrong one, ``UnsupportedMediaType``
    for a POST body of another type (or in another charset), ``TooLarge`` over
    :data:`MAX_OPERATION_BYTES`.
    """
    other: Operation = "update" if operation == "query" else "query"
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    pairs = list(url_pairs)
    text: str | None = None
    if request.method == "POST":
        content_type = request.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if not _charset_is_utf8(content_type):
            raise UnsupportedMediaType(
                f"the body is declared as {content_type!r}; SPARQL must be sent as UTF-8"
            )
        body = await _body(request)
        if media == _FORM:
            try:
                form = parse_qsl(
                    _decode(body, "form body"), keep_blank_values=True, errors="strict"
                )
            except UnicodeDecodeError as error:
                raise InputError(f"the form body is not UTF-8 encoded: {error}") from error
            pairs += form
            if _one(url_pairs, operation) is not None:
                raise BadQuery(f"send the {operation} in the form body, not in the URL as well")
            text = _one(form, operation)
            if text is None:
                raise BadQuery(f"the form has no '{operation}' parameter")
        elif media == _DIRECT[operation]:
            text = _decode(body, operation)
            if _one(url_pairs, operation) is not None:
                raise BadQuery(f"a direct POST carries the {operation} in its body only")
        else:
            raise UnsupportedMediaType(
                f"a POST to this endpoint must be {_FORM} or {_DIRECT[operation]}, "
                f"not {media or 'a body without Content-Type'}"
            )
    else:
        text = _one(pairs, operation)
    if _one(pairs, other) is not None:
        raise BadQuery(
            f"the request has both a {operation} and an {other}; "
            + ("send updates to /update" if other == "update" else "send queries to /sparql")
        )
    default_key, named_key = _DATASET[operation]
    if text is not None and len(text.encode("utf-8")) > MAX_OPERATION_BYTES:
        raise TooLarge(f"the {operation} is over the limit of {MAX_OPERATION_BYTES} bytes")
    return ProtocolRequest(
        text=text,
        default_graphs=tuple(v for k, v in pairs if k == default_key),
        named_graphs=tuple(v for k, v in pairs if k == named_key),
        # Clients send these in many spellings, some more than once: a hint, never an error.
        format=next((v for k, v in pairs if k in ("format", "output") and v), None),
    )
