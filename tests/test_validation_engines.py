"""The compiled validator finds exactly what pySHACL (the reference) finds.

Every bundled sample, every extra report, the two seeds (when ../shared/seeds is there) and a
generated corpus of 40 reports are extracted and validated by both engines; the findings
(IRIs, messages, severities, expected and reported numbers, quotes) must be equal. Also: the
compiler refuses SHACL it does not implement, the rewritten duplicate-value shape still
finds the bundled sample's repeated items, and both engines agree on property paths that are
not one predicate and on subclass targets (which the report shapes do not exercise).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from ducha.loaders.errors import SchemaError
from ducha.loaders.pipeline import extract_report
from ducha.loaders.rdf import report_quads
from ducha.loaders.rdf_writer import ReportQuads
from ducha.loaders.resolve import Resolver, resolve_report
from ducha.shapes.compiled import compile_shapes
from ducha.shapes.compiled_validation import compiled_findings
from ducha.shapes.finding_details import ReportContext
from ducha.shapes.oxigraph_terms import to_oxigraph
from ducha.shapes.validation import Findings, findings_of_quads
from rdflib import RDF, SH, Graph

from benchmarks.generate_corpus import generate_corpus

REPO = Path(__file__).parents[1]
SAMPLES = sorted((REPO / "service" / "samples").glob("*.txt"))
EXTRA = sorted((REPO / "tests" / "data" / "extra").glob("*.txt"))
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
_RESOLVER = Resolver()


def _both(data: bytes, name: str) -> tuple[Findings, Findings]:
    report = resolve_report(extract_report(data, name, max_bytes=10**8), _RESOLVER)
    quads = report_quads(report)
    return findings_of_quads(quads, engine="compiled"), findings_of_quads(quads, engine="pyshacl")


def _assert_same(data: bytes, name: str) -> None:
    compiled, reference = _both(data, name)
    assert compiled.findings == reference.findings, name
    assert set(compiled.graph) == set(reference.graph), name


@pytest.mark.parametrize("path", SAMPLES + EXTRA, ids=lambda p: p.stem)
def test_engines_agree_on_bundled_reports(path: Path) -> None:
    _assert_same(path.read_bytes(), path.name)


@pytest.mark.seeds
@pytest.mark.parametrize("name", ["000_f20d1e9dac4159b8.txt", "001_dfd117c0899df549.txt"])
def test_engines_agree_on_seeds(name: str) -> None:
    if not (SEEDS / name).is_file():
        pytest.skip(f"seed report {name} not found in {SEEDS} (../shared/seeds)")
    _assert_same((SEEDS / name).read_bytes(), name)


@pytest.mark.corpus
def test_engines_agree_on_a_generated_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 40, seed=11)
    files = sorted(tmp_path.glob("gen-*.txt"))
    assert len(files) == 40
    found = 0
    for path in files:
        compiled, reference = _both(path.read_bytes(), path.name)
        assert compiled.findings == reference.findings, path.name
        found += len(compiled.findings)
    assert found > 0  # the corpus plants inconsistencies: both engines must see them


def test_the_same_items_counted_twice_are_still_found() -> None:
    # "9 items … 18 concrete problems … The 9 items involving 13 concrete problems": the
    # rewritten shape (cheap joins) finds what the original found in this sample.
    path = REPO / "service" / "samples" / "zhejiang-rectification-meeting-2018.txt"
    compiled, reference = _both(path.read_bytes(), path.name)
    same_items = [
        f
        for f in compiled.of_check("duplicate-value")
        if "of the same 9 items twice, differently: 18, then 13" in f.message
    ]
    assert len(same_items) == 1
    assert same_items[0] in reference.findings


_OA = "http://www.w3.org/ns/oa#"
_NNI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _sample_quads() -> ReportQuads:
    path = REPO / "service" / "samples" / "zhejiang-rectification-meeting-2018.txt"
    report = extract_report(path.read_bytes(), path.name, max_bytes=10**8)
    return report_quads(resolve_report(report, _RESOLVER))


def _broken_spans(quads: ReportQuads) -> tuple[ReportQuads, int]:
    """The report with spans broken four ways, and how many: a wrong quote, an end past the
    text, an end before the start, and a start printed with a leading zero."""
    starts = [q for q in quads.report if q.predicate.value == _OA + "start"]
    ends = [q for q in quads.report if q.predicate.value == _OA + "end"]
    exacts = [q for q in quads.report if q.predicate.value == _OA + "exact"]
    changed = {
        exacts[0]: ox.Literal(exacts[0].object.value + "x"),  # type: ignore[union-attr]
        ends[1]: ox.Literal("999999", datatype=_NNI),
        ends[2]: ox.Literal("0", datatype=_NNI),
        starts[3]: ox.Literal("0" + starts[3].object.value, datatype=_NNI),  # type: ignore[union-attr]
    }
    report = [
        ox.Quad(q.subject, q.predicate, changed[q], q.graph_name) if q in changed else q
        for q in quads.report
    ]
    return ReportQuads.of(quads.report_iri, quads.shared_graph, report, quads.shared), len(changed)


def test_engines_agree_on_broken_spans() -> None:
    # The compiled engine decides span quotes in Python (shapes/native_checks.py); pySHACL
    # runs the shape's SPARQL: both must report each broken span, with the same message.
    broken, count = _broken_spans(_sample_quads())
    compiled = findings_of_quads(broken, engine="compiled")
    reference = findings_of_quads(broken, engine="pyshacl")
    spans = compiled.of_check("span-quote")
    assert len(spans) == count - 1  # a zero-padded start still quotes the text (07 = 7)
    assert any("lies outside the text" in f.message for f in spans)
    assert compiled.findings == reference.findings
    assert set(compiled.graph) == set(reference.graph)


def test_engines_agree_on_a_span_with_an_unreadable_offset() -> None:
    # An offset that is not an integer: SPARQL's error rules decide (the compiled engine falls
    # back to the shape's own SELECT), and the datatype shape reports the offset.
    quads = _sample_quads()
    end = next(q for q in quads.report if q.predicate.value == _OA + "end")
    report = [
        ox.Quad(q.subject, q.predicate, ox.Literal("twelve", datatype=_NNI), q.graph_name)
        if q == end
        else q
        for q in quads.report
    ]
    broken = ReportQuads.of(quads.report_iri, quads.shared_graph, report, quads.shared)
    compiled = findings_of_quads(broken, engine="compiled")
    assert compiled.findings == findings_of_quads(broken, engine="pyshacl").findings
    assert compiled.findings


def test_engines_agree_on_problems_outside_one_aspect() -> None:
    # No test report has a problem outside its aspects, so the problem-aspect target (joined
    # on the reports that have aspects) is checked on one made so: problem 1 loses its
    # aspect, problem 2 gets a second one.
    path = REPO / "tests" / "data" / "extra" / "liaoning-party-tour-problems-2022.txt"
    report = extract_report(path.read_bytes(), path.name, max_bytes=10**8)
    quads = report_quads(resolve_report(report, _RESOLVER))
    in_aspect = sorted(
        (q for q in quads.report if q.predicate.value.endswith("#inAspect")),
        key=lambda q: q.subject.value,
    )
    first, second = in_aspect[0], in_aspect[1]
    third_aspect = in_aspect[-1].object
    extra = ox.Quad(second.subject, second.predicate, third_aspect, second.graph_name)
    kept = [*(q for q in quads.report if q != first), extra]
    moved = ReportQuads.of(quads.report_iri, quads.shared_graph, kept, quads.shared)
    compiled = findings_of_quads(moved, engine="compiled")
    assert compiled.findings == findings_of_quads(moved, engine="pyshacl").findings
    messages = sorted(f.message for f in compiled.of_check("problem-aspect"))
    assert len(messages) == 2
    assert messages[0].startswith("Problem 1 (")
    assert messages[0].endswith(
        "is in no aspect, though the report groups its problems into 3 aspects: "
        "check the outline around it."
    )
    assert messages[1].endswith("is in 2 aspects ((1) and (3)), but a problem belongs to one.")


_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
"""


@pytest.mark.parametrize(
    "shape",
    [
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .",
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
        'sh:property [ sh:path ex:p ; sh:pattern "^a" ; sh:message "m" ] .',
        "ex:S a sh:NodeShape ; sh:targetNode ex:n .",
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
        "sh:sparql [ a sh:SPARQLConstraint ; "
        'sh:select "SELECT $this WHERE { $this ?p $value }" ] .',
    ],
)
def test_unsupported_shacl_is_refused_at_compile_time(shape: str) -> None:
    shapes = Graph().parse(data=_PREFIXES + shape, format="turtle")
    with pytest.raises(SchemaError, match=re.escape("https://example.org/S")):
        compile_shapes(shapes)


_PATH_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:datatype xsd:integer ; sh:message "sequence" ] ;
    sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 0 ; sh:message "inverse" ] ;
    sh:property [ sh:path ex:r ; sh:minInclusive 0 ; sh:maxCount 1 ; sh:message "plain" ] .
"""
_PATH_DATA = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
ex:D rdfs:subClassOf ex:C .
ex:a a ex:C ; ex:p ex:x ; ex:r -1, 2 .
ex:x ex:q 1, "one" .
ex:b a ex:D ; ex:p ex:a ; ex:r "1.5"^^xsd:integer .
ex:c a ex:C ; ex:p ex:y ; ex:r 0.5 .
ex:y ex:q 2 .
"""


def test_engines_agree_on_paths_and_subclass_targets() -> None:
    # The report shapes' property paths are all one predicate and the reports hold no
    # rdfs:subClassOf, which the compiled engine reads from the store's index; other paths
    # and subclass targets go through SPARQL. Both must find what pySHACL finds.
    shapes = Graph().parse(data=_PATH_SHAPES, format="turtle")
    data = Graph().parse(data=_PATH_DATA, format="turtle")
    graph = ox.NamedNode("https://example.org/report")
    store = ox.Store()
    store.extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)  # type: ignore[arg-type]
        for s, p, o in data
    )
    compiled = sorted(
        (f.focus, f.component.rsplit("#", 1)[-1], f.value)  # type: ignore[union-attr]
        for f, _ in compiled_findings(store, shapes, ReportContext(store, graph.value))
    )
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(results, Graph)
    reference = sorted(
        (
            str(results.value(r, SH.focusNode)),
            str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            None if results.value(r, SH.value) is None else str(results.value(r, SH.value)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )
    ex = "https://example.org/"
    assert (
        compiled
        == reference
        == sorted(
            [
                (ex + "a", "MaxCountConstraintComponent", None),  # ex:a's p/q: 1 and "one"
                (ex + "a", "DatatypeConstraintComponent", "one"),
                (ex + "a", "MaxCountConstraintComponent", None),  # ex:a's r: -1 and 2
                (ex + "a", "MinInclusiveConstraintComponent", "-1"),
                (ex + "a", "MaxCountConstraintComponent", None),  # ex:a is ex:b's p (inverse)
                (ex + "b", "MinCountConstraintComponent", None),  # a subclass's instance: no p/q
                (ex + "b", "MinInclusiveConstraintComponent", "1.5"),  # ill-typed integer
            ]
        )
    )
