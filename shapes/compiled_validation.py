"""Run the compiled report shapes (:mod:`ducha.shapes.compiled`) on one report's store
(every query reads the union of its graphs).

Each compiled SELECT runs once for all focus nodes; each solution becomes a validation
result the way pySHACL makes one (the same focus node, ``sh:value``, severity, component and
message templates filled from the solution's variables), and then a finding by
:func:`ducha.shapes.finding_details.finding_from`, the builder the pySHACL path uses too.
The solution itself carries ``?expected``, ``?reported`` and ``?involved``, so unlike the
pySHACL path nothing is run again per finding.

One constraint, the span quotes, gets its rows from :mod:`ducha.shapes.native_checks`
(Oxigraph's SUBSTR makes its SELECT quadratic in the report's length).

The few literals SPARQL cannot clear for ``sh:datatype`` or ``sh:minInclusive`` are decided
here in Python with pySHACL's own rules (rdflib's reading of the literal), so a literal
rdflib deems ill-typed is a finding in both engines.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from ducha.shapes.compiled import FOCUS, Check, CheckKind, compiled_checks
from ducha.shapes.finding_details import ReportContext, finding_from
from ducha.shapes.findings import Finding
from ducha.shapes.native_checks import NATIVE_CHECKS
from ducha.shapes.oxigraph_terms import as_pyshacl_reads
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["compiled_findings"]

_log = logging.getLogger(__name__)

# What pySHACL's sh:datatype check wants rdflib to have read a literal into.
_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _has_datatype(value: Node, rule: URIRef) -> bool:
    """pySHACL's sh:datatype test (DatatypeConstraintComponent)."""
    if not isinstance(value, Literal):
        return False
    expected = _PYTHON_TYPES.get(rule)
    actual = expected is None or isinstance(value.value, expected)
    if value.datatype == rule:
        return getattr(value, "ill_typed", None) is not True and actual
    if rule == RDFS.Literal or (rule == RDFS.Datatype and value.datatype):
        return True
    if value.datatype is None and value.language is None and rule == XSD.string:
        return actual
    return rule == RDF.langString and bool(value.language) and actual


def _at_least(value: Node, minimum: Literal) -> bool:
    """pySHACL's sh:minInclusive test (MinInclusiveConstraintComponent)."""
    if not isinstance(value, Literal):
        return False
    if isinstance(minimum.value, str) != isinstance(value.value, str):
        return False
    # Imported here: importing pySHACL costs every loading process a tenth of a second,
    # and few literals get this far.
    from pyshacl.rdfutil.compare import compare_literal

    try:
        return bool(compare_literal(value, minimum) >= 0)  # type: ignore[no-untyped-call]
    except (TypeError, NotImplementedError):
        return False


def _filled(template: str, variables: dict[str, Node]) -> str:
    """A message template with ``{?var}``/``{$var}`` replaced, exactly as pySHACL does."""
    for name, term in variables.items():
        template = re.sub("{{[?$]{}}}".format(name), str(term), template)  # noqa: UP032
    return template


def _focus_nodes(data: ox.Store, check: Check) -> list[object]:
    solutions = data.query(check.targets, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return [solution[0] for solution in solutions]


def _focus_group(focus: list[object], check: Check) -> str:
    """The focus nodes for a constraint's SELECTs: a VALUES block, so that the engine starts
    from them (joined in as a sub-select they come last), or the targets' sub-select when a
    blank node (which VALUES cannot name) is among them."""
    if all(isinstance(node, ox.NamedNode) for node in focus):
        return "VALUES ?this { " + " ".join(str(node) for node in focus) + " }\n"
    return "{ " + check.targets.split("SELECT ?this WHERE ", 1)[1] + " }\n"


def _solutions(data: ox.Store, check: Check, query: str) -> list[dict[str, Node]]:
    try:
        solutions = data.query(query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise SchemaError(
            f"shape {check.shape}: its compiled query does not parse: {error}"
        ) from error
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {n: as_pyshacl_reads(t) for n, t in zip(names, solution, strict=True) if t is not None}
        for solution in solutions
    ]


_Result = tuple[Node, Node | None, list[str], dict[str, Node] | None]


def _results(check: Check, data: ox.Store, focus_nodes: list[object]) -> list[_Result]:
    """(focus, value, messages, solution) for each result pySHACL would report."""
    found: list[_Result] = []
    if check.kind is CheckKind.SPARQL:
        focus_group = _focus_group(focus_nodes, check)
        rows = NATIVE_CHECKS[check.native](data, focus_group) if check.native else None
        if rows is None:
            rows = _solutions(data, check, check.query.replace(FOCUS, focus_group))
        seen: set[tuple[object, ...]] = set()
        for row in rows:
            variables = dict(row)
            path = variables.pop("path", None)
            value = variables.pop("value", None)
            focus = variables.pop("this")
            key = (focus, path, value, tuple(sorted(variables.items())))
            if key in seen:  # pySHACL drops a solution it has already reported
                continue
            seen.add(key)
            # pySHACL fills the solution's variables first, then this, path and value
            filling = dict(variables)
            shown = value if value is not None else focus  # pySHACL's value for a node shape
            filling.update(
                (k, v)
                for k, v in (("this", focus), ("path", path), ("value", shown))
                if v is not None
            )
            messages = [_filled(m, filling) for m in check.messages]
            found.append((focus, shown, messages, row))
    elif check.kind is CheckKind.COUNT:
        for row in _solutions(data, check, check.query):
            found.append((row["this"], None, list(check.messages), None))
    else:
        passes = _has_datatype if check.kind is CheckKind.DATATYPE else _at_least
        for row in _solutions(data, check, check.query):
            if not passes(row["value"], check.parameter):  # type: ignore[arg-type]
                found.append((row["this"], row["value"], list(check.messages), None))
    return found


def compiled_findings(
    data: ox.Store, shapes: Graph, context: ReportContext
) -> list[tuple[Finding, Node | None]]:
    """Every finding of the report in ``data`` (with its ``sh:value`` term), one per result;
    results that share a finding IRI are all listed (the caller keeps one)."""
    findings = []
    focus_of: dict[str, list[object]] = {}  # the shapes' focus nodes, found once per shape
    for check in compiled_checks(shapes):
        if check.targets not in focus_of:
            focus_of[check.targets] = _focus_nodes(data, check)
        if not focus_of[check.targets]:
            continue  # no focus node, no result
        for focus, value, messages, row in _results(check, data, focus_of[check.targets]):
            findings.append(
                finding_from(
                    shapes,
                    context,
                    focus=focus,
                    value=value,
                    shape=check.shape,
                    constraint=check.constraint,
                    component=check.component,
                    severity=check.severity,
                    messages=messages,
                    row=row,
                )
            )
    _log.debug("%s: %d compiled result(s)", context.report, len(findings))
    return findings
