"""The check across reports, ``cross-report-value``: the same counted thing reported with
different values in two reports, or a running total that falls.

A SHACL shape sees one report's graph; a figure that contradicts what another report says
about the same thing needs the store. ``shapes/comparable-figures.rq`` lists the figures
that can be compared, one row each (linear in the store); :mod:`ducha.shapes.figure_groups`
draws the verdicts group by group. Their findings are stored in the findings graph of the
report at fault, replacing the previous cross-report findings in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.errors import SchemaError
from ducha.loaders.store import Store
from ducha.shapes.figure_groups import Figure, Verdict, VerdictKind, group_verdicts
from ducha.shapes.findings import (
    DSH,
    DUCHA,
    SH,
    Finding,
    Severity,
    add_finding,
    finding_iri,
    sentence_around,
)
from ducha.shapes.oxigraph_terms import to_oxigraph
from ducha.shapes.stored_findings import stored_spans, stored_texts
from rdflib import Graph

__all__ = ["CHECK", "cross_report_findings", "replace_cross_report_findings"]

CHECK = "cross-report-value"
_QUERY = "comparable-figures.rq"
_SHAPE = str(DSH.CrossReportValueCheck)
_UNFINISHED = frozenset(str(DUCHA[s]) for s in ("inProgress", "onSchedule", "longTerm"))
_REPORTS_AT_ONCE = 200  # report texts held in memory at a time, to quote sentences
_DELETE_PREVIOUS = (
    "DELETE { GRAPH ?g { ?f ?p ?o } } WHERE { GRAPH ?g { "
    "?f a sh:ValidationResult ; ducha:check ?check ; ?p ?o . "
    'FILTER(STRSTARTS(?check, "cross-report")) } }'
)

# A group: (key, unit, "inspection" or "region", the inspection or region IRI).
_GroupKey = tuple[str, str, str, str]


def cross_report_findings(store: Store) -> list[Finding]:
    """The findings of the check across reports on the whole store (not stored).

    Raises ``SchemaError`` when the query file is not a SELECT query.
    """
    groups, names = _read_groups(store)
    verdicts: dict[str, Verdict] = {}
    for (_key, _unit, kind, _node), members in groups.items():
        for verdict in group_verdicts(members, region=kind == "region"):
            verdicts.setdefault(_finding_iri(verdict), verdict)
    by_report: dict[str, list[tuple[str, Verdict]]] = defaultdict(list)
    for finding_id, verdict in verdicts.items():
        by_report[verdict.figure.report].append((finding_id, verdict))
    findings: list[Finding] = []
    reports = sorted(by_report)
    for start in range(0, len(reports), _REPORTS_AT_ONCE):
        chunk = {r: by_report[r] for r in reports[start : start + _REPORTS_AT_ONCE]}
        findings.extend(_findings(store, chunk, names))
    return sorted(findings, key=Finding.sort_key)


def _read_groups(store: Store) -> tuple[dict[_GroupKey, list[Figure]], dict[str, str]]:
    """The comparable figures by group, and each report's name for messages."""
    solutions = store.query(_comparable_figures())
    if not isinstance(solutions, ox.QuerySolutions):
        raise SchemaError(f"shapes/{_QUERY} must be a SELECT query")
    figures: dict[str, Figure] = {}
    memberships: set[tuple[_GroupKey, str]] = set()
    pinned: set[str] = set()
    names: dict[str, str] = {}
    for row in solutions:
        figure = figures.get(row["this"].value)
        if figure is None:
            figure = _figure(row)
            if figure is None:
                continue
            figures[figure.iri] = figure
        report, key, unit = figure.report, row["key"].value, row["unit"].value
        if report not in names:
            names[report] = _report_name(row)
        if row["inspection"] is not None:
            pinned.add(report)
            memberships.add(((key, unit, "inspection", row["inspection"].value), figure.iri))
        if row["region"] is not None and figure.as_of is not None:
            memberships.add(((key, unit, "region", row["region"].value), figure.iri))
    groups: dict[_GroupKey, list[Figure]] = defaultdict(list)
    for group, figure_iri in sorted(memberships):
        figure = figures[figure_iri]
        if figure.report not in pinned:
            figure = replace(figure, pinned=False)
        groups[group].append(figure)
    return {g: m for g, m in groups.items() if len({f.report for f in m}) > 1}, names


def _figure(row: ox.QuerySolution) -> Figure | None:
    """The figure of a row, or None when its value is not a number."""
    try:
        value = Decimal(row["reported"].value)
    except InvalidOperation:
        return None
    status, cumulative = row["status"], row["cumulative"]
    return Figure(
        iri=row["this"].value,
        report=row["report"].value,
        value=value,
        printed=row["reported"].value,
        counts=row["what"].value,
        as_of=_text(row["asOf"]),
        issued=_text(row["issued"]),
        file_name=_text(row["fileName"]),
        cumulative=cumulative is not None and cumulative.value in ("true", "1"),  # "1": Virtuoso
        unfinished=status is not None and status.value in _UNFINISHED,
    )


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


def _report_name(row: ox.QuerySolution) -> str:
    """How a message names a report: its title (or file name, or IRI), and issue date."""
    name = _text(row["title"]) or _text(row["fileName"]) or row["report"].value
    issued = _text(row["issued"])
    return f'"{name}"' + (f" ({issued})" if issued else "")


def _finding_iri(verdict: Verdict) -> str:
    return finding_iri(verdict.figure.report, CHECK, verdict.figure.iri, verdict.other.iri)


def _findings(
    store: Store, verdicts: dict[str, list[tuple[str, Verdict]]], names: dict[str, str]
) -> Iterator[Finding]:
    """The findings of ``verdicts`` (by report), each quoting its figure's sentence."""
    focuses = [v.figure.iri for listed in verdicts.values() for _, v in listed]
    spans = stored_spans(store, focuses)
    texts = stored_texts(
        store,
        [r for r, listed in verdicts.items() if any(v.figure.iri in spans for _, v in listed)],
    )
    for report, listed in verdicts.items():
        for finding_id, verdict in listed:
            figure, other = verdict.figure, verdict.other
            span = spans.get(figure.iri)
            yield Finding(
                iri=finding_id,
                report=report,
                severity=Severity.VIOLATION if verdict.violation else Severity.WARNING,
                check=CHECK,
                message=_message(verdict, names.get(other.report, f'"{other.report}"')),
                focus=figure.iri,
                source_shape=_SHAPE,
                component=str(SH.SPARQLConstraintComponent),
                value=other.iri,
                expected=other.value,
                reported=figure.value,
                involves=(figure.iri, other.iri),
                quote=span[2] if span else None,
                sentence=sentence_around(texts[report], span[0], span[1]) if span else None,
            )


def _message(verdict: Verdict, other_name: str) -> str:
    figure, other = verdict.figure, verdict.other
    if verdict.kind is VerdictKind.SAME_DAY:
        more = verdict.reports_agreeing - 1
        also = f" (and {more} other report{'s' if more > 1 else ''})" if more else ""
        return (
            f"{'Reports give' if more else 'Two reports give'} the number of {figure.counts}"
            f" as of {figure.as_of} differently: {other.printed} in {other_name}{also}, "
            f"{figure.printed} here. Check which figure is right, or whether the two count "
            "different scopes."
        )
    return (
        f"The cumulative number of {figure.counts} falls from {other.printed} "
        f"({_as_of(other)}, in {other_name}) to {figure.printed} ({_as_of(figure)} here): "
        "a running total cannot fall."
    )


def _as_of(figure: Figure) -> str:
    return f"as of {figure.as_of}" if figure.as_of else f"as of {figure.issued}, the report's date"


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
def _comparable_figures() -> str:
    return resources.files("ducha.shapes").joinpath(_QUERY).read_text(encoding="utf-8")
