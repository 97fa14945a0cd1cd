"""Run the consistency audit: SHACL per report at load time, SPARQL across reports on demand.

- :func:`validate_report` validates one report graph with pySHACL (the reference validator)
  against ``shapes/*.ttl`` and returns :class:`Findings`: the findings graph plus a list of
  :class:`~ducha.shapes.findings.Finding`. No OWL inference: the shapes only need the
  report graph (plus the inspections it answers), and pySHACL without inference is far faster.
- :func:`validate_quads` is the same for a report on its way into the store (the load hook).
- :func:`audit_store` runs the cross-report checks (``shapes/cross-report-*.rq``) on the store,
  stores their findings in the findings graph of the report at fault, and returns every
  stored finding that passes the filters.

Findings are data; an exception (``SchemaError`` for a broken shape file, ``StoreError`` for
the store) means a check could not run.

**Why re-run.** pySHACL's result graph keeps only ``?this``, ``?value``, ``?path`` and the
message of a SHACL-SPARQL constraint's solutions. Each constraint in ``shapes/`` also projects
``?expected``, ``?reported`` and ``?involved``; for every result pySHACL reports, we run the
same SELECT again with ``$this`` bound to the focus node and take those variables from the
solution with the same ``?value``. Only failing focus nodes are re-run, so this costs a few
milliseconds per finding.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import pyoxigraph as ox
import pyshacl
from ducha.loaders import iri
from ducha.loaders.errors import SchemaError
from ducha.loaders.rdf import ReportQuads
from ducha.loaders.store import Store
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
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

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

log = logging.getLogger(__name__)

PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
_XSD_STRING = str(XSD.string)


@dataclass
class Findings:
    """What validating one report found: the findings graph and the same as records."""

    graph: Graph
    findings: list[Finding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation."""
        return not any(f.severity is Severity.VIOLATION for f in self.findings)

    def of_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]


# -- the shapes ---------------------------------------------------------------------------


# The shape files a report graph is validated against (shapes/ also holds shapes for other
# graphs, such as the ontology's lint shapes).
REPORT_SHAPES = ("prefixes.ttl", "structure.ttl", "figures.ttl", "rates.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The report shapes (``REPORT_SHAPES``) in one graph, read once; ``SchemaError`` if one
    is broken."""
    graph = Graph()
    folder = resources.files("ducha.shapes")
    for name in REPORT_SHAPES:
        try:
            graph.parse(data=(folder / name).read_text(encoding="utf-8"), format="turtle")
        except Exception as error:  # rdflib raises several unrelated types
            raise SchemaError(f"shapes/{name} does not parse: {error}") from error
    return graph


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, str]:
    shapes = shapes_graph()
    return {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(DSH.prefixes, SH.declare)
    }


@lru_cache(maxsize=1)
def _cross_report_queries() -> tuple[tuple[str, str], ...]:
    folder = resources.files("ducha.shapes")
    return tuple(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.startswith("cross-report-") and entry.name.endswith(".rq")
    )


# -- oxigraph <-> rdflib --------------------------------------------------------------------


def _from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise SchemaError(f"unexpected RDF term {term!r}")


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise SchemaError(f"unexpected RDF term {term!r}")


def graph_from_quads(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """An rdflib graph of pyoxigraph triples or quads (graph names dropped)."""
    graph = Graph()
    for quad in quads:
        graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    return graph


# -- one report ---------------------------------------------------------------------------


def validate_quads(quads: ReportQuads) -> list[ox.Triple]:
    """Validate a report on its way into the store; the findings graph's triples.

    The inspections the report answers live in the shared graph; their triples are added so
    the date shapes can see them.
    """
    data = ox.Store()
    data.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads.report)
    report = ox.NamedNode(quads.report_iri)
    answered = {q.object for q in data.quads_for_pattern(report, _OX_ANSWERS, None)}
    data.extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        for q in quads.shared
        if q.subject in answered
    )
    found = _validate_store(data, quads.report_iri)
    return [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in found.graph]  # type: ignore[arg-type]


def validate_report(report_graph: Graph, *, report_iri: str) -> Findings:
    """Validate one report's graph against every shape in ``shapes/``.

    Takes the report's graph (rdflib), returns its :class:`Findings` (graph and records, in
    a stable order). Deterministic: the same graph gives the same findings and IRIs.
    Raises ``SchemaError`` when a shape file is broken.
    """
    data = ox.Store()
    data.extend(
        ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.DefaultGraph())  # type: ignore[arg-type]
        for s, p, o in report_graph
    )
    return _validate_store(data, report_iri)


def _validate_store(data: ox.Store, report_iri: str) -> Findings:
    # pySHACL runs on an Oxigraph store: its SHACL-SPARQL constraints are then parsed and run
    # by Oxigraph (milliseconds) instead of rdflib's SPARQL parser (a third of a second each).
    shapes = shapes_graph()
    try:
        _, results, _ = pyshacl.validate(
            data,  # type: ignore[arg-type]  # pySHACL accepts an Oxigraph store
            shacl_graph=shapes,
            inference="none",
            advanced=True,  # SPARQL targets keep SHACL-SPARQL constraints to a few nodes
            inplace=True,  # no rules: nothing to protect the data from, and no copy to make
            allow_warnings=True,
            allow_infos=True,
            meta_shacl=False,
            do_owl_imports=False,
        )
    except Exception as error:  # pySHACL reports broken shapes with its own exceptions
        raise SchemaError(f"SHACL validation could not run: {error}") from error
    assert isinstance(results, Graph)
    context = _ReportContext(data, report_iri)
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("ducha", DUCHA)
    findings: dict[str, Finding] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        finding, value = _finding_of(results, result, shapes, data, context)
        if finding.iri not in findings:
            findings[finding.iri] = finding
            add_finding(graph, finding, value)
    ordered = sorted(findings.values(), key=_order)
    log.info("%s: %d finding(s)", report_iri, len(ordered))
    return Findings(graph, ordered)


def _order(finding: Finding) -> tuple[str, int, str, str, str]:
    return (finding.report, -finding.severity.rank, finding.check, finding.focus, finding.iri)


_OX_ANSWERS = ox.NamedNode(str(DUCHA.answers))
_OX_TEXT = ox.NamedNode(str(DUCHA.text))
_OX_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_OX_SELECTOR = ox.NamedNode(str(OA.hasSelector))
_OX_START = ox.NamedNode(str(OA.start))
_OX_END = ox.NamedNode(str(OA.end))


class _ReportContext:
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
            if start is not None and end is not None:
                located.append((int(start.value), int(end.value)))
        if not located:
            return None
        start, end = min(located)
        return start, end, self.text[start:end]


def _check_of(shapes: Graph, constraint: Node | None, shape: Node | None, component: Node) -> str:
    for node in (constraint, shape):
        if node is not None:
            check = shapes.value(node, DSH.check)
            if check is not None:
                return str(check)
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


def _finding_of(
    results: Graph, result: Node, shapes: Graph, data: ox.Store, context: _ReportContext
) -> tuple[Finding, Node | None]:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    shape = results.value(result, SH.sourceShape)
    constraint = results.value(result, SH.sourceConstraint)
    component = results.value(result, SH.sourceConstraintComponent)
    severity = Severity.parse(str(results.value(result, SH.resultSeverity)))
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    check = _check_of(shapes, constraint, shape, component)
    expected: Decimal | str | None = None
    reported: Decimal | str | None = None
    involves: tuple[str, ...] = (str(focus),)
    select = shapes.value(constraint, SH.select) if constraint is not None else None
    if select is not None:
        row = _extra_variables(data, str(select), focus, value)
        if row:
            expected, reported = _number(row.get("expected")), _number(row.get("reported"))
            if row.get("involved") is not None:
                involves = tuple(dict.fromkeys(str(row["involved"]).split()))
    elif isinstance(value, Literal):
        reported = _number(value)
    value_text = str(value) if value is not None and value != focus else None
    quoted = context.span(focus) or context.span(value)
    finding = Finding(
        iri=finding_iri(context.report, check, str(focus), value_text),
        report=context.report,
        severity=severity,
        check=check,
        message=messages[0] if messages else f"{check} failed",
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


def _extra_variables(
    data: ox.Store, select: str, focus: Node | None, value: Node | None
) -> dict[str, Node]:
    """The solution of the constraint's SELECT for this focus node (and ``?value``)."""
    if focus is None:
        return {}
    try:
        solutions = data.query(
            select,
            prefixes=_prefixes(),
            substitutions={ox.Variable("this"): _to_ox(focus)},
        )
    except SyntaxError as error:
        raise SchemaError(f"a SHACL-SPARQL constraint does not parse: {error}") from error
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [
        {
            name: _from_ox(term)
            for name, term in zip(names, solution, strict=True)
            if term is not None
        }
        for solution in solutions
    ]
    for row in rows:
        if row.get("value") == value or ("value" not in row and value == focus):
            return row
    return rows[0] if rows else {}


# -- the store ----------------------------------------------------------------------------


def cross_report_findings(store: Store) -> list[Finding]:
    """Run every ``shapes/cross-report-*.rq`` on the store; their findings (not stored)."""
    findings: list[Finding] = []
    texts: dict[str, str] = {}
    for name, sparql in _cross_report_queries():
        solutions = store.query(sparql)
        if not isinstance(solutions, ox.QuerySolutions):
            raise SchemaError(f"shapes/{name} must be a SELECT query")
        for row in solutions:
            report, focus, value = row["report"], row["this"], row["value"]
            check = row["check"].value if row["check"] is not None else name.removesuffix(".rq")
            involved = row["involved"].value.split() if row["involved"] is not None else []
            span = _stored_span(store, focus.value)
            text = texts.get(report.value)
            if text is None and span is not None:
                text = texts[report.value] = _stored_text(store, report.value)
            findings.append(
                Finding(
                    iri=finding_iri(report.value, check, focus.value, value.value),
                    report=report.value,
                    severity=Severity.parse(row["severity"].value),
                    check=check,
                    message=row["message"].value,
                    focus=focus.value,
                    source_shape=str(DSH[_camel(check)]),
                    component=str(SH.SPARQLConstraintComponent),
                    value=value.value,
                    expected=_ox_number(row["expected"]),
                    reported=_ox_number(row["reported"]),
                    involves=tuple(dict.fromkeys(involved)),
                    quote=span[2] if span else None,
                    sentence=sentence_around(text or "", span[0], span[1]) if span else None,
                )
            )
    return sorted(findings, key=_order)


def _camel(check: str) -> str:
    return "".join(word.capitalize() for word in check.split("-")) + "Check"


def _ox_number(term: Any) -> Decimal | str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in (
        str(XSD.decimal),
        str(XSD.integer),
    ):
        return Decimal(term.value)
    return str(term.value)


_SPAN_QUERY = """
SELECT ?node ?start ?end ?quote WHERE {
  ?node prov:wasDerivedFrom ?span .
  ?span oa:hasSelector ?position, ?quoted .
  ?position oa:start ?start ; oa:end ?end .
  ?quoted oa:exact ?quote .
} ORDER BY ?start LIMIT 1
"""


def _stored_span(store: Store, node: str) -> tuple[int, int, str] | None:
    rows = store.query(_SPAN_QUERY, substitutions={"node": ox.NamedNode(node)})
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        return int(row["start"].value), int(row["end"].value), row["quote"].value
    return None


def _stored_text(store: Store, report: str) -> str:
    rows = store.query(
        "SELECT ?report ?text WHERE { GRAPH ?report { ?report ducha:text ?text } }",
        substitutions={"report": ox.NamedNode(report)},
    )
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        return str(row["text"].value)
    return ""


def _write_cross_report(store: Store, findings: Sequence[Finding]) -> None:
    """Replace every stored cross-report finding by ``findings``, in one transaction."""
    by_graph: dict[str, Graph] = {}
    for finding in findings:
        graph = by_graph.setdefault(iri.findings_graph_iri(finding.report), Graph())
        add_finding(graph, finding)
    inserts = []
    for graph_iri, graph in by_graph.items():
        body = "\n".join(f"{_to_ox(s)} {_to_ox(p)} {_to_ox(o)} ." for s, p, o in graph)
        inserts.append(f"GRAPH <{graph_iri}> {{\n{body}\n}}")
    update = (
        "DELETE { GRAPH ?g { ?f ?p ?o } } WHERE { GRAPH ?g { "
        "?f a sh:ValidationResult ; ducha:check ?check ; ?p ?o . "
        'FILTER(STRSTARTS(?check, "cross-report")) } }'
    )
    if inserts:
        update += " ;\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"
    store.update(update)


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
        span = _stored_span(store, focus)
        if span is None and isinstance(value, ox.NamedNode):
            span = _stored_span(store, value.value)
        if span is not None and report_iri not in texts:
            texts[report_iri] = _stored_text(store, report_iri)
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
            expected=_ox_number(row["expected"]),
            reported=_ox_number(row["reported"]),
            involves=tuple(row["involves"].value.split()) if row["involves"] is not None else (),
            quote=span[2] if span else None,
            sentence=sentence_around(texts[report_iri], span[0], span[1]) if span else None,
        )
    return sorted(findings.values(), key=_order)


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
    _write_cross_report(store, cross_report_findings(store))
    found = stored_findings(store, report=report)
    return [
        f
        for f in found
        if (check is None or f.check == check) and (threshold is None or f.severity is threshold)
    ]
