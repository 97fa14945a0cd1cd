"""The catalogue of named questions: the ``*.rq`` files beside this module.

Each file opens with a comment header that stays valid SPARQL (grlc style)::

    # Question: Which water bodies are named in reports of more than one province?
    # Parameters: none
    # Result: ?waterBody ?label ?provinces (count)

A query with parameters lists them on the Parameters line, ``;``-separated, each as
``?name (type) e.g. example -- what it is``; type is one of iri, integer, decimal, date,
string. Parameters are bound as RDF terms through the store's substitutions, never pasted.

>>> q = get_query("problems-per-aspect")
>>> [p.name for p in q.parameters]
['report']
>>> bind_value("42", None)
<Literal value=42 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> bind_value("dr:report/abc", None)
<NamedNode value=https://w3id.org/ducha/id/report/abc>
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

from ducha.loaders.errors import BadQuery, NotFound, SchemaError
from pyoxigraph import Literal, NamedNode

__all__ = ["NamedQuery", "Parameter", "bind_value", "catalogue", "get_query", "parse_query"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPES = ("iri", "integer", "decimal", "date", "string")
_HEADER = re.compile(r"^#\s*(Question|Parameters|Result):\s*(.*)$")
_PARAMETER = re.compile(
    r"^\?(?P<name>\w+)\s*\((?P<type>\w+)\)\s*(?:e\.g\.\s*(?P<example>\S+))?\s*(?:--\s*(?P<what>.*))?$"
)
_IRI = re.compile(r"^(?:https?|urn|file|mailto):\S+$")
_PREFIXED = {"dr:": "https://w3id.org/ducha/id/", "ducha:": "https://w3id.org/ducha/ontology#"}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    example: str | None = None
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """One catalogue question: its name (the file stem), header and SPARQL text."""

    name: str
    question: str
    parameters: tuple[Parameter, ...]
    results: tuple[str, ...]
    sparql: str

    def bind(self, values: Mapping[str, str]) -> dict[str, Literal | NamedNode]:
        """Turn ``name=value`` strings into typed RDF terms for the store's substitutions.

        Raises ``BadQuery`` for an unknown parameter or a value that does not fit its type.
        """
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise BadQuery(f"query {self.name!r} has no parameter {unknown[0]!r} (it has: {known})")
        return {name: bind_value(value, declared[name].type) for name, value in values.items()}


def bind_value(value: str, type_: str | None) -> Literal | NamedNode:
    """One parameter value as an RDF term.

    With no declared type: integers become xsd:integer, things that look like IRIs (or
    ``dr:``/``ducha:`` names) become IRIs, anything else a plain literal.
    """
    text = value.strip()
    expanded = next(
        (
            base + text[len(prefix) :]
            for prefix, base in _PREFIXED.items()
            if text.startswith(prefix)
        ),
        text.strip("<>"),
    )
    try:
        if type_ == "iri" or (type_ is None and _IRI.match(expanded)):
            if not _IRI.match(expanded):
                raise ValueError("not an absolute IRI")
            return NamedNode(expanded)
        if type_ == "integer" or (type_ is None and re.fullmatch(r"[+-]?\d+", text)):
            return Literal(str(int(text)), datatype=NamedNode(_XSD + "integer"))
        if type_ == "decimal":
            return Literal(format(Decimal(text), "f"), datatype=NamedNode(_XSD + "decimal"))
        if type_ == "date":
            return Literal(date.fromisoformat(text).isoformat(), datatype=NamedNode(_XSD + "date"))
    except (ValueError, InvalidOperation) as error:
        raise BadQuery(f"{value!r} is not a valid {type_ or 'IRI'}: {error}") from error
    return Literal(value)


def parse_query(text: str, name: str) -> NamedQuery:
    """Read a query file's header; ``SchemaError`` when the header is missing or malformed."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
        elif fields and not line.startswith("#"):
            break
    missing = [f for f in ("Question", "Parameters", "Result") if f not in fields]
    if missing:
        raise SchemaError(f"queries/{name}.rq: the header lacks '# {missing[0]}:'")
    parameters: list[Parameter] = []
    if fields["Parameters"].lower() != "none":
        for chunk in fields["Parameters"].split(";"):
            match = _PARAMETER.match(chunk.strip())
            if not match or match.group("type") not in _TYPES:
                raise SchemaError(
                    f"queries/{name}.rq: cannot read the parameter {chunk.strip()!r}; write "
                    f"'?name (type) e.g. example -- what it is' with type one of {_TYPES}"
                )
            parameters.append(
                Parameter(
                    match.group("name"),
                    match.group("type"),
                    match.group("example"),
                    (match.group("what") or "").strip(),
                )
            )
    results = tuple(re.findall(r"\?(\w+)", fields["Result"]))
    return NamedQuery(name, fields["Question"], tuple(parameters), results, text)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped in ``ducha.queries``, by name (file stem), sorted.

    Oxigraph substitutes only projected variables, so a parameter must be in the SELECT.
    """
    folder = resources.files("ducha.queries")
    found = {}
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if file.name.endswith(".rq"):
            name = file.name.removesuffix(".rq")
            found[name] = parse_query(file.read_text(encoding="utf-8"), name)
    return found


def get_query(name: str) -> NamedQuery:
    """One named query; ``NotFound`` (listing the names) when there is none of that name."""
    queries = catalogue()
    if name not in queries:
        raise NotFound(
            f"no query named {name!r} in the catalogue; try one of: {', '.join(queries)}"
        )
    return queries[name]
