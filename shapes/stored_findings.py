"""Read findings back from the store: the findings graphs, with each finding's sentence.

Findings are stored as ``sh:ValidationResult`` resources in each report's findings graph
(see :mod:`ducha.shapes.findings`). Reading one back also looks up the span of its focus
node (or of its value) and the report's text, to quote the sentence behind it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from ducha.loaders.store import Store
from ducha.shapes.findings import Finding, Severity, sentence_around
from rdflib import XSD

__all__ = ["literal_number", "stored_findings", "stored_span", "stored_text"]

_NUMERIC = (str(XSD.decimal), str(XSD.integer))

_STORED_QUERY = """
SELECT ?finding ?report ?severity ?check ?message ?focus ?shape ?component ?value
       ?expected ?reported (GROUP_CONCAT(STR(?involved); separator=" ") AS ?involves)
WHERE {
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
  ?node prov:wasDerivedFrom ?span .
  ?span oa:hasSelector ?position, ?quoted .
  ?position oa:start ?start ; oa:end ?end .
  ?quoted oa:exact ?quote .
} ORDER BY ?start LIMIT 1
"""

_TEXT_QUERY = "SELECT ?report ?text WHERE { GRAPH ?report { ?report ducha:text ?text } }"


def stored_findings(store: Store, *, report: str | None = None) -> list[Finding]:
    """Every finding stored in the findings graphs (of one report when ``report`` is given)."""
    substitutions = {"report": ox.NamedNode(report)} if report else None
    rows = store.query(_STORED_QUERY, substitutions=substitutions)
    assert isinstance(rows, ox.QuerySolutions)
    findings: dict[str, Finding] = {}
    texts: dict[str, str] = {}
    for row in rows:
        report_iri = row["report"].value
        focus, value = row["focus"].value, row["value"]
        value_text = value.value if value is not None else None
        span = stored_span(store, focus)
        if span is None and isinstance(value, ox.NamedNode):
            span = stored_span(store, value.value)
        if span is not None and report_iri not in texts:
            texts[report_iri] = stored_text(store, report_iri)
        findings[row["finding"].value] = Finding(
            iri=row["finding"].value,
            report=report_iri,
            severity=Severity.parse(row["severity"].value),
            check=row["check"].value,
            message=row["message"].value,
            focus=focus,
            source_shape=row["shape"].value if row["shape"] is not None else None,
            component=row["component"].value if row["component"] is not None else None,
            value=value_text,
            expected=literal_number(row["expected"]),
            reported=literal_number(row["reported"]),
            involves=tuple(row["involves"].value.split()) if row["involves"] is not None else (),
            quote=span[2] if span else None,
            sentence=sentence_around(texts[report_iri], span[0], span[1]) if span else None,
        )
    return sorted(findings.values(), key=Finding.sort_key)


def stored_span(store: Store, node: str) -> tuple[int, int, str] | None:
    """``(start, end, quote)`` of the earliest span ``node`` was derived from, if any."""
    rows = store.query(_SPAN_QUERY, substitutions={"node": ox.NamedNode(node)})
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        return int(row["start"].value), int(row["end"].value), row["quote"].value
    return None


def stored_text(store: Store, report: str) -> str:
    """The normalised text of ``report`` (its ``ducha:text``), or ``""`` when not stored."""
    rows = store.query(_TEXT_QUERY, substitutions={"report": ox.NamedNode(report)})
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        return str(row["text"].value)
    return ""


def literal_number(term: Any) -> Decimal | str | None:
    """A stored ``ducha:expected`` / ``ducha:reported`` value: a ``Decimal`` when numeric."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        return Decimal(term.value)
    return str(term.value)
