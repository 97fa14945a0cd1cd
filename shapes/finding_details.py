"""Turn one pySHACL result into a :class:`~ducha.shapes.findings.Finding` with its numbers.

**Why re-run.** pySHACL's result graph keeps only ``?this``, ``?value``, ``?path`` and the
message of a SHACL-SPARQL constraint's solutions. Each constraint in ``shapes/`` also projects
``?expected``, ``?reported`` and ``?involved``; for every result pySHACL reports, we run the
same SELECT again with ``$this`` bound to the focus node and take those variables from the
solution with the same ``?value``. Only failing focus nodes are re-run, so this costs a few
milliseconds per finding.

The finding also quotes the text behind its focus node (the earliest span it was derived
from) and the sentence around that quote.

**Naming what a Core result is about.** SHACL only fills message templates for SPARQL
constraints, so the SHACL Core messages in ``shapes/structure.ttl`` carry two placeholders
filled here: ``{this}`` becomes the focus node as a person knows it (``problem 2 ("weak
links")``, ``the figure "3,867"``, ``the report``) and ``{value}`` the offending value in
brackets, or nothing.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from ducha.shapes.findings import (
    DSH,
    SH,
    Finding,
    Severity,
    finding_iri,
    sentence_around,
)
from ducha.shapes.oxigraph_terms import from_oxigraph, to_oxigraph
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["ReportContext", "finding_from", "finding_of"]

_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_OX_TEXT = ox.NamedNode("https://w3id.org/ducha/ontology#text")
_OX_DERIVED = ox.NamedNode(_PROV + "wasDerivedFrom")
_OX_SELECTOR = ox.NamedNode(_OA + "hasSelector")
_OX_START = ox.NamedNode(_OA + "start")
_OX_END = ox.NamedNode(_OA + "end")
_OX_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_OX_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_OX_NUMBER = ox.NamedNode("https://w3id.org/ducha/ontology#number")
_OX_VALUE = ox.NamedNode("https://w3id.org/ducha/ontology#value")
_DUCHA = "https://w3id.org/ducha/ontology#"
# Outline resources are named by kind, number and label; figures by their printed form.
_SECTION_KINDS = {_DUCHA + k: k.lower() for k in ("Part", "Aspect", "Problem", "Measure")}
_FIGURE_KINDS = {_DUCHA + "ReportedFigure", _DUCHA + "UnreadableNumber"}
_LABEL_LENGTH = 60


class ReportContext:
    """The report's text and spans, for quoting the sentence behind a finding."""

    def __init__(self, data: ox.Store, report_iri: str) -> None:
        self.data = data
        self.report = report_iri
        texts = list(data.quads_for_pattern(ox.NamedNode(report_iri), _OX_TEXT, None))
        text = texts[0].object if texts else None
        self.text = text.value if isinstance(text, ox.Literal) else ""

    def _one(self, subject: Any, predicate: ox.NamedNode) -> Any:
        for quad in self.data.quads_for_pattern(subject, predicate, None):
            return quad.object
        return None

    def describe(self, node: Node | None) -> str:
        """``node`` as a person knows it, for a message: ``problem 2 ("weak links")``,
        ``the figure "3,867"``, ``the inspection central-r2-guizhou``, ``the report``."""
        if not isinstance(node, URIRef):
            return "a resource"
        subject = ox.NamedNode(str(node))
        kinds = {
            q.object.value
            for q in self.data.quads_for_pattern(subject, _OX_TYPE, None)
            if isinstance(q.object, ox.NamedNode)
        }
        label = self._one(subject, _OX_LABEL)
        label_text = label.value if isinstance(label, ox.Literal) else None
        if label_text and len(label_text) > _LABEL_LENGTH:
            label_text = label_text[:_LABEL_LENGTH] + "…"
        section = next((_SECTION_KINDS[k] for k in sorted(kinds) if k in _SECTION_KINDS), None)
        if section is not None:
            number = self._one(subject, _OX_NUMBER)
            # "2." is printed as a heading; in a sentence it is problem 2
            named = f"a {section}" if number is None else f"{section} {number.value.rstrip('.')}"
            return named + (f' ("{label_text}")' if label_text else "")
        if kinds & _FIGURE_KINDS or self._one(subject, _OX_VALUE) is not None:
            quoted = self.span(node)
            if quoted is not None:
                return f'the figure "{quoted[2]}"'
            value = self._one(subject, _OX_VALUE)
            return f"the figure {value.value}" if value is not None else "a figure"
        if str(node) == self.report or _DUCHA + "Report" in kinds:
            return "the report"
        if _DUCHA + "Inspection" in kinds:
            return f"the inspection {label_text or node}"
        return f"<{node}>"

    def fill(self, message: str, focus: Node | None, value: Node | None) -> str:
        """``message`` with ``{this}`` and ``{value}`` filled in (see the module's doc)."""
        if "{this}" not in message and "{value}" not in message:
            return message
        shown = f' ("{value}")' if isinstance(value, Literal) else ""
        filled = message.replace("{this}", self.describe(focus)).replace("{value}", shown)
        return filled[:1].upper() + filled[1:]

    def span(self, node: Node | None) -> tuple[int, int, str] | None:
        """(start, end, quote) of the earliest span of ``node``, if it has one."""
        if not isinstance(node, URIRef):
            return None
        located = []
        for derived in self.data.quads_for_pattern(ox.NamedNode(str(node)), _OX_DERIVED, None):
            start = end = None
            if isinstance(derived.object, ox.Literal):
                continue
            for selector in self.data.quads_for_pattern(derived.object, _OX_SELECTOR, None):
                start = start or self._one(selector.object, _OX_START)
                end = end or self._one(selector.object, _OX_END)
            # An offset that is no integer is a finding of its own (the datatype shape).
            if start is not None and end is not None and f"{start.value}{end.value}".isdecimal():
                located.append((int(start.value), int(end.value)))
        if not located:
            return None
        start, end = min(located)
        return start, end, self.text[start:end]


def finding_of(
    results: Graph, result: Node, shapes: Graph, data: ox.Store, context: ReportContext
) -> tuple[Finding, Node | None]:
    """The finding pySHACL's ``result`` stands for, and its ``sh:value`` term (``None`` when
    the value is the focus node itself). ``SchemaError`` when the constraint's SELECT is
    broken."""
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    constraint = results.value(result, SH.sourceConstraint)
    select = shapes.value(constraint, SH.select) if constraint is not None else None
    row = _extra_variables(data, shapes, str(select), focus, value) if select is not None else None
    return finding_from(
        shapes,
        context,
        focus=focus,
        value=value,
        shape=results.value(result, SH.sourceShape),
        constraint=constraint,
        component=results.value(result, SH.sourceConstraintComponent),
        severity=Severity.parse(str(results.value(result, SH.resultSeverity))),
        messages=[str(m) for m in results.objects(result, SH.resultMessage)],
        row=row,
    )


def finding_from(
    shapes: Graph,
    context: ReportContext,
    *,
    focus: Node | None,
    value: Node | None,
    shape: Node | None,
    constraint: Node | None,
    component: Node | None,
    severity: Severity,
    messages: list[str],
    row: dict[str, Node] | None,
) -> tuple[Finding, Node | None]:
    """The finding of one validation result, and its ``sh:value`` term (``None`` when the
    value is the focus node itself). ``row`` is the SHACL-SPARQL solution behind the result
    (``None`` for a SHACL Core result); both validators build their findings here."""
    check = _check_of(shapes, constraint, shape, component)
    expected: Decimal | str | None = None
    reported: Decimal | str | None = None
    involves: tuple[str, ...] = (str(focus),)
    if row is not None:
        if row:
            expected, reported = _number(row.get("expected")), _number(row.get("reported"))
            if row.get("involved") is not None:
                involves = tuple(dict.fromkeys(str(row["involved"]).split()))
    elif isinstance(value, Literal):
        reported = _number(value)
    value_text = str(value) if value is not None and value != focus else None
    quoted = context.span(focus) or context.span(value)
    message = min(messages) if messages else None
    finding = Finding(
        iri=finding_iri(context.report, check, str(focus), value_text),
        report=context.report,
        severity=severity,
        check=check,
        message=context.fill(message, focus, value) if message else f"{check} failed",
        focus=str(focus),
        source_shape=_named_shape(shapes, shape),
        component=str(component) if component is not None else None,
        value=value_text,
        expected=expected,
        reported=reported,
        involves=involves,
        quote=quoted[2] if quoted else None,
        sentence=sentence_around(context.text, quoted[0], quoted[1]) if quoted else None,
    )
    return finding, value if value != focus else None


def _check_of(
    shapes: Graph, constraint: Node | None, shape: Node | None, component: Node | None
) -> str:
    """The check id: the constraint's or shape's ``dsh:check``, else the component's name."""
    for node in (constraint, shape):
        if node is not None:
            check = shapes.value(node, DSH.check)
            if check is not None:
                return str(check)
    if component is None:
        return "unknown"  # pySHACL names a component on every result; kept safe regardless
    return str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")


def _named_shape(shapes: Graph, shape: Node | None) -> str | None:
    """The IRI of the shape, or of the node shape a blank property shape belongs to."""
    if isinstance(shape, URIRef):
        return str(shape)
    if shape is not None:
        parent = shapes.value(None, SH.property, shape)
        if isinstance(parent, URIRef):
            return str(parent)
    return None


def _number(term: Node | None) -> Decimal | str | None:
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype in (XSD.decimal, XSD.integer, XSD.double):
        return Decimal(str(term))
    return str(term)


@lru_cache(maxsize=1)  # the shapes graph is read once (validation.shapes_graph)
def _prefixes(shapes: Graph) -> dict[str, str]:
    """The prefixes the shapes declare (``dsh:prefixes``), for running their SELECTs."""
    return {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(DSH.prefixes, SH.declare)
    }


def _extra_variables(
    data: ox.Store, shapes: Graph, select: str, focus: Node | None, value: Node | None
) -> dict[str, Node]:
    """The solution of the constraint's SELECT for this focus node (and ``?value``)."""
    if focus is None:
        return {}
    try:
        solutions = data.query(
            select,
            prefixes=_prefixes(shapes),
            substitutions={ox.Variable("this"): to_oxigraph(focus)},
        )
    except SyntaxError as error:
        raise SchemaError(f"a SHACL-SPARQL constraint does not parse: {error}") from error
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [
        {
            name: from_oxigraph(term)
            for name, term in zip(names, solution, strict=True)
            if term is not None
        }
        for solution in solutions
    ]
    for row in rows:
        if row.get("value") == value or ("value" not in row and value == focus):
            return row
    return rows[0] if rows else {}
