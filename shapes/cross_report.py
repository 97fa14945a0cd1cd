"""Checks across reports: ``shapes/cross-report-*.rq`` run as SPARQL over the whole store.

A SHACL shape sees one report's graph; a figure that contradicts what another report says
about the same thing needs the store. Each query selects ``?report ?this ?value ?severity
?message`` (and optionally ``?check ?expected ?reported ?involved``), one row a finding.
Their findings are stored in the findings graph of the report at fault, replacing the
previous cross-report findings in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.errors import SchemaError
from ducha.loaders.store import Store
from ducha.shapes.findings import (
    DSH,
    SH,
    Finding,
    Severity,
    add_finding,
    finding_iri,
    sentence_around,
)
from ducha.shapes.oxigraph_terms import to_oxigraph
from ducha.shapes.stored_findings import literal_number, stored_spans, stored_texts
from rdflib import Graph

__all__ = ["cross_report_findings", "replace_cross_report_findings"]

_DELETE_PREVIOUS = (
    "DELETE { GRAPH ?g { ?f ?p ?o } } WHERE { GRAPH ?g { "
    "?f a sh:ValidationResult ; ducha:check ?check ; ?p ?o . "
    'FILTER(STRSTARTS(?check, "cross-report")) } }'
)


def cross_report_findings(store: Store) -> list[Finding]:
    """Run every ``shapes/cross-report-*.rq`` on the store; their findings (not stored).

    Raises ``SchemaError`` when a query file is not a SELECT query.
    """
    findings: list[Finding] = []
    for name, sparql in _cross_report_queries():
        solutions = store.query(sparql)
        if not isinstance(solutions, ox.QuerySolutions):
            raise SchemaError(f"shapes/{name} must be a SELECT query")
        rows = list(solutions)
        spans = stored_spans(store, [row["this"].value for row in rows])
        texts = stored_texts(store, {r["report"].value for r in rows if r["this"].value in spans})
        for row in rows:
            report, focus, value = row["report"], row["this"], row["value"]
            check = row["check"].value if row["check"] is not None else name.removesuffix(".rq")
            involved = row["involved"].value.split() if row["involved"] is not None else []
            span = spans.get(focus.value)
            findings.append(
                Finding(
                    iri=finding_iri(report.value, check, focus.value, value.value),
                    report=report.value,
                    severity=Severity.parse(row["severity"].value),
                    check=check,
                    message=row["message"].value,
                    focus=focus.value,
                    source_shape=str(DSH[_shape_name(check)]),
                    component=str(SH.SPARQLConstraintComponent),
                    value=value.value,
                    expected=literal_number(row["expected"]),
                    reported=literal_number(row["reported"]),
                    involves=tuple(dict.fromkeys(involved)),
                    quote=span[2] if span else None,
                    sentence=sentence_around(texts[report.value], span[0], span[1])
                    if span
                    else None,
                )
            )
    return sorted(findings, key=Finding.sort_key)


def replace_cross_report_findings(store: Store, findings: Sequence[Finding]) -> None:
    """Replace every stored cross-report finding by ``findings``, in one transaction."""
    by_graph: dict[str, Graph] = {}
    for finding in findings:
        graph = by_graph.setdefault(iri.findings_graph_iri(finding.report), Graph())
        add_finding(graph, finding)
    inserts = []
    for graph_iri, graph in by_graph.items():
        body = "\n".join(
            f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} ." for s, p, o in graph
        )
        inserts.append(f"GRAPH <{graph_iri}> {{\n{body}\n}}")
    update = _DELETE_PREVIOUS
    if inserts:
        update += " ;\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"
    store.update(update)


@lru_cache(maxsize=1)
def _cross_report_queries() -> tuple[tuple[str, str], ...]:
    folder = resources.files("ducha.shapes")
    return tuple(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.startswith("cross-report-") and entry.name.endswith(".rq")
    )


def _shape_name(check: str) -> str:
    """``cross-report-value`` -> ``CrossReportValueCheck``, the check's shape in ``dsh:``."""
    return "".join(word.capitalize() for word in check.split("-")) + "Check"
