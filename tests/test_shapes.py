"""Shape cases as data: one Turtle file per check in tests/data/shapes/ (pySHACL dash style).

Each file holds a small report graph and a ``dash:GraphValidationTestCase`` whose
``dash:expectedResult`` lists the findings expected for the checks it names (``dsh:tests``).
Findings of other checks are ignored, so a case only needs the triples its check reads.
Every check has a case where it fires and figures where it stays silent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ducha.shapes.audit import shapes_graph, validate_report
from ducha.shapes.findings import DSH, DUCHA, SH
from rdflib import RDF, Graph, Namespace

DASH = Namespace("http://datashapes.org/dash#")
CASES = sorted((Path(__file__).parent / "data" / "shapes").glob("*.ttl"))


def _expected(graph: Graph, case: object) -> set[tuple[str, str, str, str | None, str | None]]:
    rows = set()
    for report in graph.objects(case, DASH.expectedResult):
        for result in graph.objects(report, SH.result):
            expected = graph.value(result, DUCHA.expected)
            reported = graph.value(result, DUCHA.reported)
            rows.add(
                (
                    str(graph.value(result, SH.sourceShape)),
                    str(graph.value(result, SH.focusNode)),
                    str(graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                    _literal(expected),
                    _literal(reported),
                )
            )
    return rows


def _literal(term: object) -> str | None:
    if term is None:
        return None
    try:
        return str(Decimal(str(term)).normalize())
    except ArithmeticError:
        return str(term)


def _number(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value.normalize())
    return str(value)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_shape_case(path: Path) -> None:
    graph = Graph().parse(path)
    case = graph.value(None, RDF.type, DASH.GraphValidationTestCase)
    assert case is not None, f"{path.name} has no dash:GraphValidationTestCase"
    checks = {str(c) for c in graph.objects(case, DSH.tests)}
    report = graph.value(None, RDF.type, DUCHA.Report)
    assert report is not None, f"{path.name} has no ducha:Report"
    found = validate_report(graph, report_iri=str(report))
    actual = {
        (
            f.source_shape or "",
            f.focus,
            f.severity.value,
            _number(f.expected)
            if f.expected is not None and "expected" in _compared(graph, case)
            else None,
            _number(f.reported)
            if f.reported is not None and "reported" in _compared(graph, case)
            else None,
        )
        for f in found.findings
        if f.check in checks
    }
    assert actual == _expected(graph, case)


def _compared(graph: Graph, case: object) -> set[str]:
    """Which numbers the case pins down: those any of its expected results states."""
    names = set()
    for report in graph.objects(case, DASH.expectedResult):
        for result in graph.objects(report, SH.result):
            if graph.value(result, DUCHA.expected) is not None:
                names.add("expected")
            if graph.value(result, DUCHA.reported) is not None:
                names.add("reported")
    return names


def test_every_check_has_a_case() -> None:
    """Each check id named in shapes/*.ttl is exercised by at least one case file."""
    shapes = shapes_graph()
    declared = {str(c) for c in shapes.objects(None, DSH.check)}
    tested: set[str] = set()
    for path in CASES:
        graph = Graph().parse(path)
        tested |= {str(c) for c in graph.objects(None, DSH.tests)}
    figure_checks = {
        "breakdown-sum",
        "part-exceeds-whole",
        "schedule-exceeds-whole",
        "rate-mismatch",
        "rate-definition",
        "rate-definitions-mixed",
        "stated-count",
        "duplicate-value",
        "share-over-100",
        "yoy-contradiction",
        "unreadable-number",
    }
    assert figure_checks <= declared
    assert figure_checks <= tested
    assert {"span-quote", "problem-aspect", "inspection-dates", "as-of-after-issue"} <= tested


def test_messages_name_what_they_are_about() -> None:
    """Core messages get the focus filled in; SPARQL ones name the problem and the dates."""
    path = Path(__file__).parent / "data" / "shapes" / "structure.ttl"
    found = validate_report(
        Graph().parse(path), report_iri="https://w3id.org/ducha/id/report/t11"
    ).findings
    messages: dict[str, list[str]] = {}
    for f in found:
        messages.setdefault(f.check, []).append(f.message)
    # figure 3 has two values and shares the span of "3,867"
    assert messages["figure-value"] == [
        'The value of the figure "3,867" is not exactly one xsd:decimal.'
    ]
    assert sorted(messages["problem-aspect"]) == [
        'Problem 2 ("weak links") is in no aspect, though the report groups its problems '
        "into 2 aspects: check the outline around it.",
        'Problem 3 ("gaps in supervision") is in 2 aspects ((1) and (2)), but a problem '
        "belongs to one.",
    ]
    assert any(
        "ends on 2023-04-20, not before its feedback on 2023-03-30" in m
        for m in messages["inspection-dates"]
    )
