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

Queries cost Oxigraph more to parse and plan than to run, so what the store's index answers
is read from it: the focus nodes of shapes targeting classes or subjects of a predicate,
and the values of the property constraints (``sh:minCount``, ``sh:maxCount``,
``sh:datatype``, ``sh:minInclusive``, ~30 SELECTs) whose path is one predicate, each
predicate read once (other paths: one SELECT per shape for all of them). Python counts
the values and checks their datatypes and ranges. A value plainly of its datatype
(:func:`_plainly_typed`) or range (:func:`_plainly_at_least`) passes as the constraint's own
SELECT clears it; the rest are decided with pySHACL's own rules (rdflib's reading of the
literal), so a literal rdflib deems ill-typed is a finding in both engines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from ducha.shapes.compiled import FOCUS, PLAIN_FORMS, Check, CheckKind, compiled_checks
from ducha.shapes.finding_details import ReportContext, finding_from
from ducha.shapes.findings import SH, Finding
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


# Lexical forms checked in Python as the compiled SELECTs check them in SPARQL (xsd:date's
# is left to the exact check: SPARQL also casts it to catch 2023-02-30).
_PLAIN_PATTERNS = {
    str(datatype): re.compile(form.strip("^$"))
    for datatype, form in PLAIN_FORMS.items()
    if datatype != XSD.date
}
_XSD_STRING = str(XSD.string)
_NUMERIC = (str(XSD.integer), str(XSD.decimal))


def _plainly_typed(value: object, rule: str) -> bool:
    """Whether ``value`` passes ``sh:datatype rule`` without asking rdflib: a literal of
    that datatype with a plain lexical form, which rdflib reads into the type pySHACL wants
    (what the constraint's SELECT clears; anything else goes to :func:`_has_datatype`)."""
    if not isinstance(value, ox.Literal) or value.datatype.value != rule:
        return False
    if rule == _XSD_STRING:
        return value.language is None
    pattern = _PLAIN_PATTERNS.get(rule)
    return pattern is not None and pattern.fullmatch(value.value) is not None


def _plainly_at_least(value: object, minimum: Decimal) -> bool:
    """Whether ``value`` passes ``sh:minInclusive`` without asking rdflib: a plain integer
    or decimal literal not below it (what the constraint's SELECT clears; anything else
    goes to :func:`_at_least`)."""
    if not isinstance(value, ox.Literal):
        return False
    datatype = value.datatype.value
    if datatype not in _NUMERIC:
        return False
    # Of its own datatype's form: "1.5"^^xsd:integer is ill-typed, for SPARQL and rdflib.
    lexical = value.value
    return _PLAIN_PATTERNS[datatype].fullmatch(lexical) is not None and Decimal(lexical) >= minimum


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


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))


def _focus_nodes(data: ox.Store, check: Check, typed_directly: bool) -> list[object]:
    """The focus nodes of ``check``'s shape, distinct. Read from the store's index when
    the targets allow (``typed_directly``: the data has no ``rdfs:subClassOf``): a query
    costs Oxigraph ~50 µs to parse and plan, and most shapes have no focus node."""
    plain = check.plain_targets
    if plain is not None and typed_directly:
        focus: dict[object, None] = {}
        for cls in plain.classes:
            for quad in data.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(cls)):
                focus[quad.subject] = None
        for predicate in plain.subjects_of:
            for quad in data.quads_for_pattern(None, ox.NamedNode(predicate), None):
                focus[quad.subject] = None
        return list(focus)
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
    return found


# Nodes' values on a path: node -> its values.
_Values = dict[object, set[object]]
# A shape's property constraints' values: path -> focus node -> its values on that path.
_PathValues = dict[str, _Values]
# A path that is one predicate, whose values the store's index gives without a query.
_PREDICATE_PATH = re.compile(r"<([^<>\s]+)>")


def _predicate_values(data: ox.Store, predicate: str) -> _Values:
    """Every subject's values on ``predicate`` (in any graph: what the union default graph
    holds), read from the store's index: for a seed report all of them take half the time
    of the shapes' SELECTs of their focus nodes' values (a query costs Oxigraph more to
    parse and plan than to run)."""
    values: _Values = {}
    for quad in data.quads_for_pattern(None, ox.NamedNode(predicate), None):
        values.setdefault(quad.subject, set()).add(quad.object)
    return values


def _path_values(data: ox.Store, check: Check, paths: list[str]) -> _PathValues:
    """Every focus node's values on each of ``paths`` (those of ``check``'s shape), from one
    SELECT: a union of one branch per path, tagged with the path's index. For paths that
    are not one predicate."""
    # The targets' sub-select rather than a VALUES block of the focus nodes, and no DISTINCT
    # (the values go into sets): each halves the time of this query on a seed report.
    header, targets = check.targets.split("SELECT ?this WHERE ", 1)
    branches = " UNION ".join(
        f"{{ ?this {path} ?value BIND({index} AS ?path) }}" for index, path in enumerate(paths)
    )
    query = f"{header}SELECT ?path ?this ?value WHERE {{\n{{ {targets} }}\n{branches}\n}}"
    values: _PathValues = {path: {} for path in paths}
    try:
        solutions = data.query(query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise SchemaError(f"shape {check.shape}: its paths do not parse: {error}") from error
    assert isinstance(solutions, ox.QuerySolutions)
    for index, this, value in solutions:
        values[paths[int(index.value)]].setdefault(this, set()).add(value)
    return values


def _property_results(check: Check, focus_nodes: list[object], values: _Values) -> list[_Result]:
    """(focus, value, messages, None) for each result pySHACL would report for a property
    constraint, given each focus node's values on its path."""
    found: list[_Result] = []
    messages = list(check.messages)
    if check.kind is CheckKind.COUNT:
        assert isinstance(check.parameter, Literal)
        bound = int(check.parameter)
        too_few = check.component == SH.MinCountConstraintComponent
        for this in focus_nodes:
            count = len(values.get(this, ()))
            if count < bound if too_few else count > bound:
                found.append((as_pyshacl_reads(this), None, messages, None))
        return found
    rule = check.parameter
    # A value SPARQL would clear passes at once; the rest are decided by pySHACL's rules.
    plain: Callable[[object], bool]
    exact: Callable[[Node], bool]
    if check.kind is CheckKind.DATATYPE:
        assert isinstance(rule, URIRef)
        datatype = str(rule)
        plain, exact = (lambda t: _plainly_typed(t, datatype)), (lambda v: _has_datatype(v, rule))
    else:
        assert isinstance(rule, Literal)
        minimum = Decimal(str(rule))
        plain, exact = (lambda t: _plainly_at_least(t, minimum)), (lambda v: _at_least(v, rule))
    for this in focus_nodes:
        for term in values.get(this, ()):
            if plain(term):
                continue
            value = as_pyshacl_reads(term)
            if not exact(value):
                found.append((as_pyshacl_reads(this), value, messages, None))
    return found


def compiled_findings(
    data: ox.Store, shapes: Graph, context: ReportContext
) -> list[tuple[Finding, Node | None]]:
    """Every finding of the report in ``data`` (with its ``sh:value`` term), one per result;
    results that share a finding IRI are all listed (the caller keeps one)."""
    findings = []
    checks = compiled_checks(shapes)
    focus_of: dict[str, list[object]] = {}  # the shapes' focus nodes, found once per shape
    # The paths of each shape's property constraints that are not one predicate.
    paths_of: dict[str, list[str]] = {}
    for check in checks:
        path = check.path
        if path is None or _PREDICATE_PATH.fullmatch(path):
            continue
        if path not in paths_of.setdefault(check.targets, []):
            paths_of[check.targets].append(path)
    values_of: dict[str, _PathValues] = {}  # their values, fetched once per shape
    predicate_values: dict[str, _Values] = {}  # one predicate's values, read once
    typed_directly = next(data.quads_for_pattern(None, _SUBCLASS_OF, None), None) is None
    for check in checks:
        if check.targets not in focus_of:
            focus_of[check.targets] = _focus_nodes(data, check, typed_directly)
        focus_nodes = focus_of[check.targets]
        if not focus_nodes:
            continue  # no focus node, no result
        path = check.path
        if path is None:
            results = _results(check, data, focus_nodes)
        elif predicate := _PREDICATE_PATH.fullmatch(path):
            if path not in predicate_values:
                predicate_values[path] = _predicate_values(data, predicate.group(1))
            results = _property_results(check, focus_nodes, predicate_values[path])
        else:
            if check.targets not in values_of:
                values_of[check.targets] = _path_values(data, check, paths_of[check.targets])
            results = _property_results(check, focus_nodes, values_of[check.targets][path])
        for focus, value, messages, row in results:
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
