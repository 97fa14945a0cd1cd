"""Every error ducha raises on purpose.

The tree, split by who can fix the problem::

    DuchaError
    ├── InputError            the user's input is wrong: fix the file, query or argument
    │   ├── UnreadableInput   empty, binary, undecodable or too large
    │   ├── NotAReport        decodes, but is not an inspection or rectification report
    │   ├── BadQuery          a SPARQL query or parameter that does not parse or bind
    │   └── NotFound          a report, resource or catalogue query that does not exist
    ├── SchemaError           the ontology, shapes or a query file shipped with ducha is broken
    ├── StoreError            the store refused or failed an operation; nothing was changed
    │   └── QueryTimeout      a query ran over its time limit
    └── InternalError         a bug in ducha

Messages name the input, quote the bad value and say what to do next. Only the edges
(the CLI and the HTTP service) turn these into exit codes and status codes.
"""

from __future__ import annotations

__all__ = [
    "BadQuery",
    "DuchaError",
    "InputError",
    "InternalError",
    "NotAReport",
    "NotFound",
    "QueryTimeout",
    "SchemaError",
    "StoreError",
    "UnreadableInput",
]


class DuchaError(Exception):
    """Root of every error ducha raises on purpose."""


class InputError(DuchaError):
    """The caller's input is wrong; the caller can fix it."""


class UnreadableInput(InputError):
    """The input is empty, binary, undecodable or over the size limit."""


class NotAReport(InputError):
    """The input decodes as text but is not an inspection or rectification report."""


class BadQuery(InputError):
    """A SPARQL query, update or parameter that does not parse or cannot be bound."""


class NotFound(InputError):
    """A report, resource or named query that does not exist."""


class SchemaError(DuchaError):
    """A file that ships with ducha (ontology, shapes, query) is broken."""


class StoreError(DuchaError):
    """The store refused or failed an operation; the store is unchanged."""


class QueryTimeout(StoreError):
    """A query ran longer than its time limit and was stopped."""


class InternalError(DuchaError):
    """A bug in ducha."""
