"""SHACL-SPARQL constraints the compiled validator evaluates partly in Python.

``dsh:SpanShape`` (check ``span-quote``) compares each span's ``oa:exact`` with the report
text between ``oa:start`` and ``oa:end``. Oxigraph's ``SUBSTR`` walks the text from its first
character for every span, so the constraint's SELECT is quadratic in the report's length:
35 of the 57 ms the compiled validator spent on seed 000 (61 KB, 484 spans). Here the same
join, without the string work, fetches the spans, and Python slices the text (code points,
as SPARQL counts them), giving exactly the rows the constraint's SELECT gives.

Only well-formed rows are decided here: when a start or end is not a plain non-negative
integer, or the text is not a literal, SPARQL's error semantics decide what the row is,
so the constraint's own SELECT runs instead (:func:`span_quote_rows` returns None).
pySHACL runs the constraint's SELECT itself; tests/test_validation_engines.py checks that
both engines give the same findings on every test report.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox
from ducha.shapes.oxigraph_terms import as_pyshacl_reads
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

__all__ = ["NATIVE_CHECKS", "NativeRows", "span_quote_rows"]

# The rows of a constraint's SELECT for the focus nodes (a VALUES block or sub-select), or
# None when the constraint's own SELECT must decide.
NativeRows = Callable[[ox.Store, str], list[dict[str, Node]] | None]

# The same join as the constraint's, written from the positions: Oxigraph then plans it a
# third faster (1.8 rather than 2.5 ms for the 484 spans of a 61 KB report).
_SPANS = """
PREFIX ducha: <https://w3id.org/ducha/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?this ?value ?start ?end ?reported WHERE {
  %s
  ?this ducha:text ?text .
  ?position oa:start ?start ; oa:end ?end .
  ?value oa:hasSelector ?position .
  ?value oa:hasSource ?this .
  ?value oa:hasSelector ?quote . ?quote oa:exact ?reported .
}
"""
# The texts apart: selected with each span, a 60 KB text is copied into Python per span.
_TEXTS = """
PREFIX ducha: <https://w3id.org/ducha/ontology#>
SELECT ?this ?text WHERE {
  %s
  ?this ducha:text ?text .
}
"""
_PLAIN_INTEGER = re.compile(r"[0-9]+")


def _string(value: str) -> Literal:
    """A simple literal made by a SPARQL string function, as Oxigraph returns it."""
    return Literal(value, datatype=XSD.string)


def _integer(term: object) -> int | None:
    if isinstance(term, ox.Literal) and _PLAIN_INTEGER.fullmatch(term.value):
        return int(term.value)
    return None


def span_quote_rows(data: ox.Store, focus: str) -> list[dict[str, Node]] | None:
    """The rows of ``dsh:SpanShape``'s SELECT: each span whose quote is not the text there."""
    # Each text read into Python once: ``Literal.value`` copies the whole text at every call,
    # which per span was most of this check's time.
    texts: dict[object, list[str]] = {}
    solutions = data.query(_TEXTS % focus, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for this, text in solutions:
        if not isinstance(text, ox.Literal):
            return None
        texts.setdefault(this, []).append(text.value)
    rows = []
    solutions = data.query(_SPANS % focus, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for this, value, start_term, end_term, reported in solutions:
        start, end = _integer(start_term), _integer(end_term)
        if start is None or end is None or not isinstance(value, ox.NamedNode):
            return None
        if not isinstance(reported, ox.Literal):
            return None
        quoted = reported.value
        for text in texts.get(this, ()):
            outside = start > end or end > len(text)
            expected = "" if outside else text[start:end]
            if not outside and expected == quoted:
                continue
            where = f"{start_term.value}-{end_term.value}"
            message = (
                f"The span {where} lies outside the text ({len(text)} characters)."
                if outside
                else f'The span {where} quotes "{quoted}" but the text there reads "{expected}".'
            )
            rows.append(
                {
                    "this": as_pyshacl_reads(this),
                    "value": URIRef(value.value),
                    "message": _string(message),
                    "expected": _string(expected),
                    "reported": as_pyshacl_reads(reported),
                    "involved": _string(value.value),
                }
            )
    return rows


# By the constraint's dsh:check.
NATIVE_CHECKS: dict[str, NativeRows] = {"span-quote": span_quote_rows}
