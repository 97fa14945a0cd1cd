"""Run the consistency audit: SHACL per report at load time, SPARQL across reports on demand.

- :func:`validate_report` validates one report graph with pySHACL (the reference validator)
  against ``shapes/*.ttl`` and returns :class:`Findings`: the findings graph plus a list of
  :class:`~ducha.shapes.findings.Finding` (see :mod:`ducha.shapes.validation`).
- :func:`validate_quads` is the same for a report on its way into the store (the load hook).
- :func:`audit_store` runs the cross-report checks (``shapes/cross-report-*.rq``, see
  :mod:`ducha.shapes.cross_report`) on the store, stores their findings in the findings graph
  of the report at fault, and returns every stored finding that passes the filters (read
  back by :mod:`ducha.shapes.stored_findings`).

Findings are data; an exception (``SchemaError`` for a broken shape file, ``StoreError`` for
the store) means a check could not run. This module is the audit's front door: the names
above are importable from here whichever module defines them.
"""

from __future__ import annotations

from ducha.loaders.store import Store
from ducha.shapes.cross_report import cross_report_findings, replace_cross_report_findings
from ducha.shapes.findings import Finding, Severity
from ducha.shapes.oxigraph_terms import graph_from_quads
from ducha.shapes.stored_findings import stored_findings
from ducha.shapes.validation import (
    REPORT_SHAPES,
    Findings,
    shapes_graph,
    validate_quads,
    validate_report,
)

__all__ = [
    "REPORT_SHAPES",
    "Findings",
    "audit_store",
    "cross_report_findings",
    "graph_from_quads",
    "shapes_graph",
    "stored_findings",
    "validate_quads",
    "validate_report",
]


def audit_store(
    store: Store,
    *,
    report: str | None = None,
    check: str | None = None,
    severity: str | None = None,
) -> list[Finding]:
    """Run the cross-report checks, store their findings, and list the stored findings.

    Cross-report findings replace the previous ones (one transaction). ``report`` keeps one
    report's findings (its IRI), ``check`` one check id, ``severity`` one severity
    (``violation``, ``warning``, ``info``). Raises ``StoreError`` when the
    store fails, ``InputError`` for an unknown severity.
    """
    threshold = Severity.parse(severity) if severity else None
    replace_cross_report_findings(store, cross_report_findings(store))
    found = stored_findings(store, report=report)
    return [
        f
        for f in found
        if (check is None or f.check == check) and (threshold is None or f.severity is threshold)
    ]
