"""Validate one report's graph against ``shapes/*.ttl``, with either of two engines.

- :func:`validate_report` validates one report graph (rdflib) and returns :class:`Findings`:
  the findings graph plus a list of :class:`~ducha.shapes.findings.Finding`.
- :func:`validate_quads` is the same for a report on its way into the store (the load hook).

``engine="compiled"`` (the default) runs the shapes compiled to set-wise SPARQL
(:mod:`ducha.shapes.compiled`, milliseconds); ``engine="pyshacl"`` runs pySHACL, the
reference validator. Both give the same findings (tests/test_validation_engines.py). When
several results name one finding (one check, focus node and value: two constraints of one
check, or one constraint with several solutions), both keep the same one, the first by
message and numbers, so the findings do not depend on the order results come in.

No OWL inference: the shapes only need the report graph (plus the inspections it answers),
and pySHACL without inference is far faster. pySHACL runs on an Oxigraph store, so its
SHACL-SPARQL constraints are parsed and run by Oxigraph. Each result becomes a finding with
its numbers by :func:`ducha.shapes.finding_details.finding_of`.

pySHACL checks a SHACL-SPARQL query's text (no MINUS, VALUES, SERVICE, pre-bound variables
selected) again for every focus node, with regular expressions that backtrack heavily on
long queries such as the rate checks': a third of the validation time of a large report.
The verdict depends only on the text and on which variables may be pre-bound, so
:func:`_check_each_query_once` remembers it (a broken query still fails, the first time).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import pyoxigraph as ox
from ducha.loaders.errors import SchemaError
from ducha.loaders.rdf import ReportQuads
from ducha.loaders.rdf_writer import ntriples
from ducha.shapes.compiled_validation import compiled_findings
from ducha.shapes.finding_details import ReportContext, finding_of
from ducha.shapes.findings import DUCHA, SH, Finding, Severity, add_finding
from ducha.shapes.oxigraph_terms import to_oxigraph
from rdflib import RDF, Graph
from rdflib.term import Node

__all__ = [
    "ENGINES",
    "REPORT_SHAPES",
    "Engine",
    "Findings",
    "findings_of_quads",
    "shapes_graph",
    "validate_quads",
    "validate_report",
]

_log = logging.getLogger(__name__)

# The shape files a report graph is validated against (shapes/ also holds shapes for other
# graphs, such as the ontology's lint shapes).
REPORT_SHAPES = ("prefixes.ttl", "structure.ttl", "figures.ttl", "rates.ttl")

_OX_ANSWERS = ox.NamedNode(str(DUCHA.answers))
_N_TRIPLES = ox.RdfFormat.N_TRIPLES

# The validators: "compiled" (fast, the default) and "pyshacl" (the reference).
Engine = Literal["compiled", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("compiled", "pyshacl")


def _check_each_query_once() -> None:
    """Remember pySHACL's verdict on each SHACL-SPARQL query text (see the module's doc)."""
    try:
        from pyshacl.helper import sparql_query_helper
    except ImportError:
        return  # another pySHACL version: leave it as it is
    helper = getattr(sparql_query_helper, "SPARQLQueryHelper", None)
    check: Callable[..., Any] | None = getattr(helper, "check_invalid_sparql", None)
    if helper is None or check is None or getattr(check, "_ducha_once", False):
        return  # another pySHACL version: leave it as it is
    passed: set[tuple[str, bool, tuple[str, ...]]] = set()

    def check_once(
        self: Any, sparql_text: str, valuenode: Any = None, extravars: Any = None
    ) -> Any:
        key = (sparql_text, valuenode is None, tuple(sorted(extravars or ())))
        if key in passed:
            return True
        verdict = check(self, sparql_text, valuenode=valuenode, extravars=extravars)
        passed.add(key)
        return verdict

    check_once._ducha_once = True  # type: ignore[attr-defined]
    helper.check_invalid_sparql = check_once


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


def validate_quads(quads: ReportQuads, *, engine: Engine = "compiled") -> list[ox.Triple]:
    """Validate a report on its way into the store; the findings graph's triples.

    ``engine`` picks the validator (see the module's doc).
    """
    found = findings_of_quads(quads, engine=engine)
    return [
        ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
        for s, p, o in found.graph
    ]


def findings_of_quads(quads: ReportQuads, *, engine: Engine = "compiled") -> Findings:
    """:func:`validate_quads` as :class:`Findings` (graph and records).

    The inspections the report answers live in the shared graph; their triples are added so
    the date shapes can see them. Both engines read one store with every triple in its
    default graph.
    """
    report = ox.NamedNode(quads.report_iri)
    data = ox.Store()
    # Oxigraph reads the mapping's lines itself (no Python object per quad), into the default
    # graph (what pySHACL reads; the compiled validator reads the union of the graphs).
    # Lenient: the lines are the mapping's own, their IRIs minted or checked
    # (ducha.loaders.rdf_terms).
    data.load(ntriples(quads.report_triples), format=_N_TRIPLES, lenient=True)
    if engine == "pyshacl" or _shapes_read_span_types():
        # The reference engine reads every triple: tests/test_validation_engines.py checks
        # that the compiled one, without these, finds the same.
        data.load(ntriples(quads.span_types), format=_N_TRIPLES, lenient=True)
    # Asked of the store: a pass over the report's triples in Python takes longer.
    answered = tuple(f"{q.object} " for q in data.quads_for_pattern(report, _OX_ANSWERS, None))
    if answered:
        shared = [triple for triple in quads.shared_triples if triple.startswith(answered)]
        data.load(ntriples(shared), format=_N_TRIPLES, lenient=True)
    return _validate_store(data, quads.report_iri, engine)


_SPAN_CLASSES = ("SpecificResource", "TextPositionSelector", "TextQuoteSelector")


@lru_cache(maxsize=1)
def _shapes_read_span_types() -> bool:
    """Whether a report shape names a class of spans or selectors: else the compiled
    validator's store leaves their type triples out (ReportQuads.span_types: a sixth of a
    seed-sized report's triples, 0.8 of its 5.2 ms of filling the store). A shape that reads
    types through a variable (``?x a ?kind``) must restrict the variable to the classes it
    names, as dsh:DuplicateValueOfSameItemsShape does."""
    folder = resources.files("ducha.shapes")
    text = "".join((folder / name).read_text(encoding="utf-8") for name in REPORT_SHAPES)
    return any(name in text for name in _SPAN_CLASSES)


def validate_report(
    report_graph: Graph, *, report_iri: str, engine: Engine = "compiled"
) -> Findings:
    """Validate one report's graph against every shape in ``shapes/``.

    Takes the report's graph (rdflib), returns its :class:`Findings` (graph and records, in
    a stable order). Deterministic: the same graph gives the same findings and IRIs.
    Raises ``SchemaError`` when a shape file is broken (or, for the compiled engine, uses
    SHACL it does not implement).
    """
    data = ox.Store()
    data.extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())  # type: ignore[arg-type]
        for s, p, o in report_graph
    )
    return _validate_store(data, report_iri, engine)


def _validate_store(data: ox.Store, report_iri: str, engine: Engine) -> Findings:
    context = ReportContext(data, report_iri)
    if engine == "compiled":
        found = compiled_findings(data, shapes_graph(), context)
    elif engine == "pyshacl":
        found = _pyshacl_findings(data, context)
    else:
        raise SchemaError(f"unknown validator {engine!r}: use one of {', '.join(ENGINES)}")
    # rdflib's default binds some thirty namespaces: a tenth of a millisecond per report.
    graph = Graph(bind_namespaces="core")
    graph.bind("sh", SH)
    graph.bind("ducha", DUCHA)
    kept: dict[str, tuple[Finding, Node | None]] = {}
    for finding, value in found:
        other = kept.get(finding.iri)
        if other is None or _preference(finding) < _preference(other[0]):
            kept[finding.iri] = (finding, value)
    for finding, value in kept.values():
        add_finding(graph, finding, value)
    ordered = sorted((f for f, _ in kept.values()), key=Finding.sort_key)
    _log.info("%s: %d finding(s) (%s)", report_iri, len(ordered), engine)
    return Findings(graph, ordered)


def _preference(finding: Finding) -> tuple[str, ...]:
    """Which of several results naming one finding is kept: the first by this key."""
    return (
        finding.message,
        str(finding.expected),
        str(finding.reported),
        " ".join(finding.involves),
        finding.severity.value,
        finding.source_shape or "",
        finding.component or "",
    )


def _pyshacl_findings(data: ox.Store, context: ReportContext) -> list[tuple[Finding, Node | None]]:
    # pySHACL runs on an Oxigraph store: its SHACL-SPARQL constraints are then parsed and run
    # by Oxigraph (milliseconds) instead of rdflib's SPARQL parser (a third of a second each).
    # Imported here: pySHACL (and rdflib's SPARQL engine it loads) is a tenth of a second
    # of every loading process's start, and the compiled validator does not need it.
    import pyshacl

    _check_each_query_once()
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
    return [
        finding_of(results, result, shapes, data, context)
        for result in results.subjects(RDF.type, SH.ValidationResult)
    ]
