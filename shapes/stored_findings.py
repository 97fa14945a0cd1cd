"""Read findings back from the store: the findings graphs, with each finding's sentence.

Findings are stored as ``sh:ValidationResult`` resources in each report's findings graph
(see :mod:`ducha.shapes.findings`). Reading one back also looks up the span of its focus
node (or of its value) and the report's text, to quote the sentence behind it.

Nodes and reports go into the lookups as ``VALUES`` rows, a few hundred per query, not as
query substitutions: Oxigraph plans a query with the terms it is given and uses its
indexes, where a substituted variable is looked up by a scan that grows with the store
(reading back the findings of 1,000 reports took minutes that way).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from ducha.loaders.store import Store
from ducha.shapes.findings import Finding, Severity, sentence_around
from rdflib import XSD

__all__ = [
    "Span",
    "literal_number",
    "stored_findings",
    "stored_span",
    "stored_spans",
    "stored_text",
    "stored_texts",
]

_NUMERIC = (str(XSD.decimal), str(XSD.integer))

_STORED_QUERY = """
SELECT ?finding ?report ?severity ?check ?message ?focus ?shape ?component ?value
       ?expected ?reported (GROUP_CONCAT(STR(?involved); separator=" ") AS ?involves)
WHERE {
  %s
  GRAPH ?graph {
    ?finding a sh:ValidationResult ; ducha:inReport ?report ; sh:resultSeverity ?severity ;
             ducha:check ?check ; sh:resultMessage ?message ; sh:focusNode ?focus .
    OPTIONAL { ?finding sh:sourceShape ?shape }
    OPTIONAL { ?finding sh:sourceConstraintComponent ?component }
    OPTIONAL { ?finding sh:value ?value }
    OPTIONAL { ?finding ducha:expected ?expected }
    OPTIONAL { ?finding ducha:reported ?reported }
    OPTIONAL { ?finding ducha:involves ?involved }
  }
}
GROUP BY ?finding ?report ?severity ?check ?message ?focus ?shape ?component ?value
         ?expected ?reported
"""

_SPAN_QUERY = """
SELECT ?node ?start ?end ?quote WHERE {
  VALUES ?node { %s }
  ?node prov:wasDerivedFrom ?span .
  ?span oa:hasSelector ?position, ?quoted .
  ?position oa:start ?start ; oa:end ?end .
  ?quoted oa:exact ?quote .
}
"""

_TEXT_QUERY = """
SELECT ?report ?text WHERE { VALUES ?report { %s } GRAPH ?report { ?report ducha:text ?text } }
"""

_CHUNK = 500  # VALUES rows per lookup query

Span = tuple[int, int, str]  # start, end, quote


def stored_findings(store: Store, *, report: str | None = None) -> list[Finding]:
    """Every finding stored in the findings graphs (of one report when ``report`` is given)."""
    only = f"VALUES ?report {{ {ox.NamedNode(report)} }}" if report else ""
    solutions = store.query(_STORED_QUERY % only)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = list(solutions)
    # A finding is quoted from its focus node's span, else from its value's.
    nodes = [row["focus"].value for row in rows]
    nodes += [row["value"].value for row in rows if isinstance(row["value"], ox.NamedNode)]
    spans = stored_spans(store, nodes)
    quoted: dict[str, Span | None] = {}
    for row in rows:
        value = row["value"]
        span = spans.get(row["focus"].value)
        if span is None and isinstance(value, ox.NamedNode):
            span = spans.get(value.value)
        quoted[row["finding"].value] = span
    texts = stored_texts(
        store, {r["report"].value for r in rows if quoted[r["finding"].value] is not None}
    )
    findings: dict[str, Finding] = {}
    for row in rows:
        report_iri = row["report"].value
        value = row["value"]
        span = quoted[row["finding"].value]
        findings[row["finding"].value] = Finding(
            iri=row["finding"].value,
            report=report_iri,
            severity=Severity.parse(row["severity"].value),
            check=row["check"].value,
            message=row["message"].value,
            focus=row["focus"].value,
            source_shape=row["shape"].value if row["shape"] is not None else None,
            component=row["component"].value if row["component"] is not None else None,
            value=value.value if value is not None else None,
            expected=literal_number(row["expected"]),
            reported=literal_number(row["reported"]),
            # Stored as several values, which come back in no set order: sorted, to be stable.
            involves=tuple(sorted(set(row["involves"].value.split())))
            if row["involves"] is not None
            else (),
            quote=span[2] if span else None,
            sentence=sentence_around(texts[report_iri], span[0], span[1]) if span else None,
        )
    return sorted(findings.values(), key=Finding.sort_key)


def stored_span(store: Store, node: str) -> Span | None:
    """``(start, end, quote)`` of the earliest span ``node`` was derived from, if any."""
    return stored_spans(store, [node]).get(node)


def stored_spans(store: Store, nodes: Iterable[str]) -> dict[str, Span]:
    """:func:`stored_span` of each of ``nodes`` that has a span, in a few queries."""
    wanted = sorted(set(nodes))
    spans: dict[str, Span] = {}
    for chunk in _chunks(wanted):
        rows = store.query(_SPAN_QUERY % " ".join(str(ox.NamedNode(n)) for n in chunk))
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            span = int(row["start"].value), int(row["end"].value), row["quote"].value
            known = spans.get(row["node"].value)
            if known is None or span < known:
                spans[row["node"].value] = span
    return spans


def stored_text(store: Store, report: str) -> str:
    """The normalised text of ``report`` (its ``ducha:text``), or ``""`` when not stored."""
    return stored_texts(store, [report])[report]


def stored_texts(store: Store, reports: Iterable[str]) -> dict[str, str]:
    """:func:`stored_text` of each of ``reports``, in a few queries."""
    wanted = sorted(set(reports))
    texts = dict.fromkeys(wanted, "")
    for chunk in _chunks(wanted):
        rows = store.query(_TEXT_QUERY % " ".join(str(ox.NamedNode(r)) for r in chunk))
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            texts[row["report"].value] = str(row["text"].value)
    return texts


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def literal_number(term: Any) -> Decimal | str | None:
    """A stored ``ducha:expected`` / ``ducha:reported`` value: a ``Decimal`` when numeric."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        return Decimal(term.value)
    return str(term.value)
