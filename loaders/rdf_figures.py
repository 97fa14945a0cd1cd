"""Reported figures as RDF: values, units, quantities, relations and breakdowns.

Each figure is a ``ducha:ReportedFigure`` (or a ``ducha:UnreadableNumber`` with no value
when the printed number cannot be read as one), figures that count the same thing share a
``ducha:Quantity``, figure relations become ``ducha:partOf`` / ``ducha:rateOf`` /
``ducha:statedCount`` … links, and each complete breakdown is a ``ducha:Breakdown``
(docs/data-model.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.loaders.model import Figure, RelationKind, Span
from ducha.loaders.rdf_terms import (
    A,
    Term,
    boolean_literal,
    date_literal,
    decimal_literal,
    ducha_term,
    integer_literal,
    iri_term,
    scheme_concept,
)
from ducha.loaders.rdf_writer import QuadWriter

__all__ = ["write_figures"]


def write_figures(writer: QuadWriter) -> None:
    """The report's figures, their quantities, relations and breakdowns.

    Raises ``InternalError`` when a relation points outside the figures or a breakdown has
    two wholes (a bug in the figure extractor).
    """
    report = writer.report
    nodes = [
        iri_term(iri.item_iri(writer.report_iri, "figure", k))
        for k in range(1, len(report.figures) + 1)
    ]
    quantities: dict[str, Term] = {}
    for node, figure in zip(nodes, report.figures, strict=True):
        _figure(writer, node, figure)
        writer.suffix(figure.span)
        if figure.quantity is not None:
            quantity = quantities.get(figure.quantity)
            if quantity is None:
                ordinal = len(quantities) + 1
                quantity = iri_term(iri.item_iri(writer.report_iri, "quantity", ordinal))
                quantities[figure.quantity] = quantity
                writer.add(quantity, A, ducha_term("Quantity"))
                writer.add(quantity, ducha_term("inReport"), writer.report_node)
                if figure.counts:
                    writer.add(quantity, ducha_term("counts"), writer.text(figure.counts))
            writer.derive(quantity, figure.span)
            writer.add(node, ducha_term("quantity"), quantity)
    for rel in report.relations:
        if not 0 <= rel.source < len(nodes):
            raise InternalError(f"figure relation {rel} points outside the figures")
        source = nodes[rel.source]
        if rel.kind is RelationKind.STATED_COUNT:
            listed = iri_term(iri.list_iri(writer.report_iri, str(rel.target)))
            writer.add(source, ducha_term("statedCount"), listed)
            continue
        if not isinstance(rel.target, int) or not 0 <= rel.target < len(nodes):
            raise InternalError(f"figure relation {rel} points outside the figures")
        writer.add(source, ducha_term(rel.kind.value), nodes[rel.target])
    _breakdowns(writer, nodes)


def _figure(writer: QuadWriter, node: Term, figure: Figure) -> None:
    if figure.value is None:
        # A garbled number: recorded with its span, never given a value.
        writer.extracted(node, "UnreadableNumber", figure.span)
        return
    writer.extracted(node, "ReportedFigure", figure.span)
    writer.add(node, ducha_term("value"), decimal_literal(figure.value))
    unit = scheme_concept("unitScheme", figure.unit, "count")
    if unit is not None:
        writer.add(node, ducha_term("unit"), unit)
    if figure.counts:
        writer.add(node, ducha_term("counts"), writer.text(figure.counts))
    qualifier = scheme_concept("qualifierScheme", figure.qualifier, "exact")
    if qualifier is not None:
        writer.add(node, ducha_term("qualifier"), qualifier)
    if figure.status:
        status = scheme_concept("statusScheme", figure.status)
        if status is not None:
            writer.add(node, ducha_term("status"), status)
    if figure.as_of:
        writer.add(node, ducha_term("asOf"), date_literal(figure.as_of))
    writer.add(node, ducha_term("printedPrecision"), integer_literal(figure.printed_precision))
    writer.add(node, ducha_term("cumulative"), boolean_literal(figure.cumulative))
    if figure.direction:
        direction = scheme_concept("directionScheme", figure.direction)
        if direction is not None:
            writer.add(node, ducha_term("direction"), direction)


def _breakdowns(writer: QuadWriter, nodes: Sequence[Term]) -> None:
    """Each complete breakdown (parts sharing a ``group``) as a ``ducha:Breakdown``."""
    figures = writer.report.figures
    groups: dict[int, list[int]] = {}
    wholes: dict[int, int] = {}
    spans: dict[int, Span] = {}
    for rel in writer.report.relations:
        if rel.kind is not RelationKind.PART_OF or rel.group is None:
            continue
        assert isinstance(rel.target, int)  # checked by write_figures()
        if wholes.setdefault(rel.group, rel.target) != rel.target:
            raise InternalError(f"breakdown group {rel.group} has two wholes")
        groups.setdefault(rel.group, []).append(rel.source)
        span = rel.span or figures[rel.source].span
        known = spans.get(rel.group, span)
        spans[rel.group] = Span(min(known.start, span.start), max(known.end, span.end))
    # numbered by order of appearance, whatever ids the extractor used
    ordered = sorted(groups, key=lambda g: (spans[g].start, g))
    for k, group in enumerate(ordered, start=1):
        node = iri_term(iri.item_iri(writer.report_iri, "breakdown", k))
        whole = wholes[group]
        span = spans[group]
        span = Span(
            min(span.start, figures[whole].span.start),
            max(span.end, figures[whole].span.end),
        )
        writer.extracted(node, "Breakdown", span)
        writer.add(node, ducha_term("breakdownOf"), nodes[whole])
        for part in sorted(set(groups[group])):
            writer.add(node, ducha_term("hasPart"), nodes[part])
