"""Compile the report shapes into set-wise SPARQL SELECTs, once per process.

pySHACL (the reference validator) runs each SHACL-SPARQL constraint once per focus node, with
``$this`` pre-bound. Here every constraint becomes one SELECT that runs for all focus nodes
at once: ``$this`` becomes ``?this`` and the shape's targets are joined in as the first
element of the constraint's outer group. That gives the same solutions as pre-binding
because in every constraint ``$this`` is bound by a required pattern before any OPTIONAL,
FILTER or BIND that reads it, and every nested SELECT projects and groups by it (pySHACL
rejects a nested SELECT that does not), so a sub-select computed for all focus nodes and
joined on ``?this`` holds, for each focus node, exactly the rows it holds with ``$this``
substituted. tests/test_validation_engines.py checks the two engines agree.

SHACL Core property constraints (``sh:minCount``, ``sh:maxCount``, ``sh:datatype``,
``sh:minInclusive`` on a predicate path or a SPARQL-expressible path) become SELECTs too;
the datatype and range checks select the candidates SPARQL cannot clear and
:mod:`ducha.shapes.compiled_validation` decides those exactly as pySHACL does. (The
validator answers these from the focus nodes' values on the check's ``path``, as their
SELECTs would: the SELECTs say what it computes.)

Only the SHACL the report shapes use is compiled; any other SHACL term on a shape raises
``SchemaError`` naming the shape, so no shape can be added that the fast path silently
ignores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from ducha.loaders.errors import SchemaError
from ducha.shapes.findings import DSH, SH, Severity
from ducha.shapes.native_checks import NATIVE_CHECKS
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

__all__ = [
    "FOCUS",
    "PLAIN_FORMS",
    "Check",
    "CheckKind",
    "PlainTargets",
    "compile_shapes",
    "compiled_checks",
]

# The SHACL terms each kind of node may carry (anything else in sh: is unsupported).
_NODE_SHAPE_TERMS = {
    SH.targetClass, SH.targetSubjectsOf, SH.target, SH.property, SH.sparql, SH.severity,
    SH.message, SH.deactivated, SH.name, SH.description,
}  # fmt: skip
_PROPERTY_SHAPE_TERMS = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.minInclusive, SH.severity, SH.message,
    SH.deactivated, SH.name, SH.description, SH.order, SH.group,
}  # fmt: skip
_SPARQL_CONSTRAINT_TERMS = {SH.select, SH.prefixes, SH.message, SH.deactivated}
_SPARQL_TARGET_TERMS = {SH.select, SH.prefixes}
_SHAPE_CLASSES = {SH.NodeShape, SH.PropertyShape}

_THIS = re.compile(r"\$this\b")
# Where a SHACL-SPARQL constraint's SELECTs get the focus nodes (compiled_validation puts a
# VALUES block of them there, or the targets' sub-select).
FOCUS = "#focus-nodes\n"
# Pre-bound variables pySHACL would substitute and this compiler does not.
_UNSUPPORTED_VARIABLES = re.compile(r"[$?](value|PATH|currentShape|shapesGraph)\b")
# What SHACL-SPARQL forbids (pySHACL refuses it too); words in comments do not count.
_FORBIDDEN = re.compile(
    r"\bMINUS\s*\{|\bVALUES\s*[?$({]|\bSERVICE\s+(SILENT\s+)?[<?$]", re.IGNORECASE
)
_PROJECTION = re.compile(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?(?P<vars>[^{]*?)\s*WHERE\s*\{",
                         re.IGNORECASE | re.DOTALL)  # fmt: skip

# Literals SPARQL can clear for sh:datatype without asking rdflib: plain lexical forms that
# rdflib reads into the Python type pySHACL expects. Others go to the exact check.
PLAIN_FORMS = {
    XSD.decimal: r"^-?[0-9]+([.][0-9]+)?$",
    XSD.integer: r"^-?[0-9]+$",
    XSD.date: r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$",
}


class CheckKind(Enum):
    """What a compiled SELECT's rows are."""

    SPARQL = "sparql"  # a SHACL-SPARQL constraint's solutions (``?this`` plus its variables)
    COUNT = "count"  # focus nodes (``?this``) whose value count breaks sh:minCount/maxCount
    DATATYPE = "datatype"  # ``?this ?value`` pairs sh:datatype may reject (checked exactly)
    MIN_INCLUSIVE = "minInclusive"  # ``?this ?value`` pairs sh:minInclusive may reject


@dataclass(frozen=True)
class PlainTargets:
    """A shape's targets when none is a SPARQL target: the focus nodes are the subjects of
    ``rdf:type`` one of ``classes`` (with no ``rdfs:subClassOf`` in the data, which
    ``rdf:type/rdfs:subClassOf*`` would follow) or of a ``subjects_of`` predicate."""

    classes: tuple[str, ...]
    subjects_of: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its SELECT and what a result of it carries."""

    kind: CheckKind
    query: str  # SPARQL constraints: with FOCUS where the focus nodes go
    targets: str  # the shape's focus nodes: a SELECT of ?this
    shape: Node  # the source shape: the node shape, or the (blank) property shape
    component: URIRef  # sh:sourceConstraintComponent
    severity: Severity
    messages: tuple[str, ...]  # message templates, as pySHACL collects them
    constraint: Node | None = None  # the sh:SPARQLConstraint node
    # sh:datatype's or sh:minInclusive's value; sh:minCount's or sh:maxCount's
    parameter: Literal | URIRef | None = None
    native: str | None = None  # its dsh:check, when native_checks computes its rows
    path: str | None = None  # a property constraint's path, in SPARQL
    plain_targets: PlainTargets | None = None  # the targets, when none is a SPARQL target


def _unsupported(shapes: Graph, node: Node, allowed: set[URIRef], shape: Node) -> None:
    for predicate in set(shapes.predicates(node, None)):
        if str(predicate).startswith(str(SH)) and predicate not in allowed:
            raise SchemaError(
                f"shape {shape}: {predicate} is not supported by the compiled validator"
            )


def _severity(shapes: Graph, node: Node) -> Severity:
    severity = shapes.value(node, SH.severity)
    return Severity.VIOLATION if severity is None else Severity.parse(str(severity))


def _deactivated(shapes: Graph, node: Node) -> bool:
    flag = shapes.value(node, SH.deactivated)
    return isinstance(flag, Literal) and flag.toPython() is True


def _messages(shapes: Graph, node: Node) -> list[str]:
    return sorted(str(m) for m in shapes.objects(node, SH.message) if isinstance(m, Literal))


def _prefixes(shapes: Graph, node: Node, shape: Node, into: dict[str, str]) -> None:
    """Collect the sh:prefixes declarations of ``node`` into ``into``."""
    for declared in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(declared, SH.declare):
            prefix = str(shapes.value(declaration, SH.prefix))
            namespace = str(shapes.value(declaration, SH.namespace))
            if into.setdefault(prefix, namespace) != namespace:
                raise SchemaError(f"shape {shape}: prefix {prefix}: declared twice, differently")


def _path(shapes: Graph, path: Node, shape: Node) -> str:
    """A SHACL property path as a SPARQL path."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if isinstance(path, BNode):
        if shapes.value(path, RDF.first) is not None:
            steps = [_path(shapes, step, shape) for step in Collection(shapes, path)]
            return "(" + "/".join(steps) + ")"
        for term, operator in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                               (SH.zeroOrOnePath, "?")):  # fmt: skip
            inner = shapes.value(path, term)
            if inner is not None:
                return f"({_path(shapes, inner, shape)}){operator}"
        inverse = shapes.value(path, SH.inversePath)
        if inverse is not None:
            return f"^({_path(shapes, inverse, shape)})"
        alternatives = shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            options = [_path(shapes, o, shape) for o in Collection(shapes, alternatives)]
            return "(" + "|".join(options) + ")"
    raise SchemaError(f"shape {shape}: unsupported sh:path {path}")


def _targets(shapes: Graph, shape: Node, prefixes: dict[str, str]) -> str:
    """The shape's focus nodes as a sub-select of ``?this`` (distinct)."""
    parts = [
        f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> }}"
        for c in sorted(shapes.objects(shape, SH.targetClass), key=str)
    ]
    parts += [
        f"{{ ?this <{p}> ?targetObject }}"
        for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
    ]
    for target in shapes.objects(shape, SH.target):
        if shapes.value(target, RDF.type) != SH.SPARQLTarget:
            raise SchemaError(f"shape {shape}: only SPARQL targets are supported in sh:target")
        _unsupported(shapes, target, _SPARQL_TARGET_TERMS, shape)
        _prefixes(shapes, target, shape, prefixes)
        select = str(shapes.value(target, SH.select))
        if _FORBIDDEN.search(select) or _UNSUPPORTED_VARIABLES.search(select):
            raise SchemaError(f"shape {shape}: its SPARQL target uses unsupported SPARQL")
        parts.append("{ " + _THIS.sub("?this", select) + " }")
    if not parts:
        raise SchemaError(f"shape {shape} has no target the compiled validator understands")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _header(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


def _with_focus(select: str) -> str:
    """``select`` with the focus nodes joined in first in every SELECT that projects ``?this``.

    In the outer SELECT this restricts the solutions to the focus nodes; in a nested one it
    does what pre-binding ``$this`` does there, so a sub-select is computed for the focus
    nodes only rather than for every node before the join (minutes rather than
    milliseconds for the rate checks). A WHERE whose only content is another SELECT is left
    alone (SPARQL allows nothing beside it): the inner one gets the targets.
    """
    parts, done = [], 0
    for match in _PROJECTION.finditer(select):
        if not re.search(r"\?this\b", match.group("vars")):
            continue
        if re.match(r"(\s|#[^\n]*\n)*SELECT\b", select[match.end() :], re.IGNORECASE):
            continue
        parts += [select[done : match.end()], "\n", FOCUS]
        done = match.end()
    return "".join(parts) + select[done:]


def _sparql_check(
    shapes: Graph, shape: Node, constraint: Node, prefixes: dict[str, str], targets: str
) -> Check:
    _unsupported(shapes, constraint, _SPARQL_CONSTRAINT_TERMS, shape)
    if shapes.value(constraint, RDF.type) not in (None, SH.SPARQLConstraint):
        raise SchemaError(f"shape {shape}: sh:sparql must be an sh:SPARQLConstraint")
    prefixes = dict(prefixes)
    _prefixes(shapes, constraint, shape, prefixes)
    select = str(shapes.value(constraint, SH.select) or "")
    if _FORBIDDEN.search(select) or _UNSUPPORTED_VARIABLES.search(
        select.replace("?value", "")  # ?value may be a result variable, $value may not
    ):
        raise SchemaError(f"shape {shape}: a SPARQL constraint uses unsupported SPARQL")
    if "$this" not in select or re.search(r"[?$]failure\b", select):
        raise SchemaError(f"shape {shape}: a SPARQL constraint must use $this and no ?failure")
    rewritten = _THIS.sub("?this", select)
    projection = _PROJECTION.match(rewritten)
    if projection is None or not re.search(r"\?this\b", projection.group("vars")):
        raise SchemaError(f"shape {shape}: a SPARQL constraint must be SELECT $this … WHERE {{")
    query = _header(prefixes) + _with_focus(rewritten)
    messages = [m for m in _messages(shapes, shape)]
    messages += [m for m in _messages(shapes, constraint) if m not in messages]
    check_id = str(shapes.value(constraint, DSH.check) or "")
    return Check(
        kind=CheckKind.SPARQL,
        query=query,
        targets=_header(prefixes) + "SELECT ?this WHERE " + targets,
        shape=shape,
        component=SH.SPARQLConstraintComponent,
        severity=_severity(shapes, shape),
        messages=tuple(messages),
        constraint=constraint,
        native=check_id if check_id in NATIVE_CHECKS else None,
    )


def _property_checks(shapes: Graph, shape: Node, prop: Node, targets: str) -> list[Check]:
    _unsupported(shapes, prop, _PROPERTY_SHAPE_TERMS, shape)
    if _deactivated(shapes, prop):
        return []
    path_node = shapes.value(prop, SH.path)
    if path_node is None:
        raise SchemaError(f"shape {shape}: a property shape has no sh:path")
    path = _path(shapes, path_node, shape)
    messages = tuple(_messages(shapes, prop))
    if not messages:  # pySHACL's generic messages are its own: each shape says its own
        raise SchemaError(f"shape {shape}: a property shape has no sh:message")
    severity = _severity(shapes, prop)

    def check(
        kind: CheckKind, query: str, component: URIRef, parameter: Literal | URIRef | None = None
    ) -> Check:
        focus = "SELECT ?this WHERE " + targets
        return Check(
            kind, query, focus, prop, component, severity, messages, parameter=parameter, path=path
        )

    checks = []
    counts = (
        (SH.minCount, "<", SH.MinCountConstraintComponent),
        (SH.maxCount, ">", SH.MaxCountConstraintComponent),
    )
    for term, compare, component in counts:
        count = shapes.value(prop, term)
        if count is None:
            continue
        if not isinstance(count, Literal) or not isinstance(count.toPython(), int):
            raise SchemaError(f"shape {shape}: {term} must be an integer")
        optional = "OPTIONAL " if compare == "<" else ""
        query = (
            f"SELECT ?this WHERE {{ {targets} {optional}{{ ?this {path} ?value }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {compare} {count.toPython()})"
        )
        checks.append(check(CheckKind.COUNT, query, component, count))
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        if not isinstance(datatype, URIRef):
            raise SchemaError(f"shape {shape}: sh:datatype must be an IRI")
        plain = f"isLITERAL(?value) && DATATYPE(?value) = <{datatype}>"
        if datatype == XSD.string:
            plain += ' && LANG(?value) = ""'
        elif datatype in PLAIN_FORMS:
            plain += f' && REGEX(STR(?value), "{PLAIN_FORMS[datatype]}")'
            if datatype == XSD.date:  # a real day: the cast fails on 2023-02-30
                plain += f" && sameTerm(<{datatype}>(STR(?value)), ?value)"
        else:
            plain = "false"  # every value is checked exactly
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {path} ?value "
            f"FILTER(!COALESCE({plain}, false)) }}"
        )
        checks.append(check(CheckKind.DATATYPE, query, SH.DatatypeConstraintComponent, datatype))
    minimum = shapes.value(prop, SH.minInclusive)
    if minimum is not None:
        if not isinstance(minimum, Literal) or minimum.datatype not in (XSD.integer, XSD.decimal):
            raise SchemaError(f"shape {shape}: sh:minInclusive must be an integer or decimal")
        plain = (
            f"isLITERAL(?value) && DATATYPE(?value) IN (<{XSD.integer}>, <{XSD.decimal}>) && "
            f'REGEX(STR(?value), "{PLAIN_FORMS[XSD.decimal]}") && ?value >= {minimum}'
        )
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {path} ?value "
            f"FILTER(!COALESCE({plain}, false)) }}"
        )
        checks.append(
            check(CheckKind.MIN_INCLUSIVE, query, SH.MinInclusiveConstraintComponent, minimum)
        )
    return checks


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every constraint of every shape in ``shapes`` as a set-wise SELECT.

    Raises ``SchemaError`` naming the shape when a shape uses SHACL the compiler does not
    implement (the reference validator, pySHACL, would check it; this one would not).
    """
    checks: list[Check] = []
    shape_nodes = {s for c in _SHAPE_CLASSES for s in shapes.subjects(RDF.type, c)}
    shape_nodes |= {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.target, SH.sparql)
                    for s in shapes.subjects(p, None)}  # fmt: skip
    for shape in sorted(shape_nodes, key=str):
        if shapes.value(shape, SH.path) is not None and shapes.value(None, SH.property, shape):
            continue  # a property shape: compiled with its node shape
        if shapes.value(shape, SH.path) is not None:
            raise SchemaError(
                f"shape {shape}: property shapes with their own targets are not supported"
            )
        if {RDFS.Class, OWL.Class} & set(shapes.objects(shape, RDF.type)):
            raise SchemaError(f"shape {shape}: implicit class targets are not supported")
        _unsupported(shapes, shape, _NODE_SHAPE_TERMS, shape)
        if _deactivated(shapes, shape):
            continue
        prefixes: dict[str, str] = {}
        targets = _targets(shapes, shape, prefixes)
        plain = None
        if shapes.value(shape, SH.target) is None:
            plain = PlainTargets(
                tuple(sorted(str(c) for c in shapes.objects(shape, SH.targetClass))),
                tuple(sorted(str(p) for p in shapes.objects(shape, SH.targetSubjectsOf))),
            )
        for constraint in shapes.objects(shape, SH.sparql):
            if not _deactivated(shapes, constraint):
                check = _sparql_check(shapes, shape, constraint, prefixes, targets)
                checks.append(replace(check, plain_targets=plain))
        header = _header(prefixes)
        for prop in shapes.objects(shape, SH.property):
            for core in _property_checks(shapes, shape, prop, targets):
                checks.append(
                    replace(
                        core,
                        query=header + core.query,
                        targets=header + core.targets,
                        plain_targets=plain,
                    )
                )
    return tuple(checks)


@lru_cache(maxsize=1)
def compiled_checks(shapes: Graph) -> tuple[Check, ...]:
    """:func:`compile_shapes` of the report shapes graph, compiled once per process (the
    shapes graph is itself read once, :func:`ducha.shapes.validation.shapes_graph`)."""
    return compile_shapes(shapes)
