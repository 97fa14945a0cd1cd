"""The store: union default graph, one-transaction report writes, escapes, dumps."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from ducha.loaders import iri
from ducha.loaders.errors import BadQuery
from ducha.loaders.store import Store

EX = "http://example.org/"


def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), o)


def count(store: Store, sparql: str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") -> int:
    rows = list(store.query(sparql))  # type: ignore[arg-type]
    return int(rows[0]["n"].value)


@pytest.fixture
def store() -> Store:
    return Store.open(None)


def test_default_graph_is_the_union_unless_graphs_are_given(store: Store) -> None:
    store.put_graph(EX + "g1", [triple("a", "p", ox.Literal("1"))])
    store.put_graph(EX + "g2", [triple("b", "p", ox.Literal("2"))])
    before = count(store)
    store.put_graph(EX + "g1", [triple("c", "p", ox.Literal("3"))])
    assert count(store) == before + 1
    rows = store.query(
        "SELECT ?o WHERE { ?s <http://example.org/p> ?o }", default_graph=[EX + "g2"]
    )
    assert [r["o"].value for r in rows] == ["2"]  # type: ignore[union-attr]


def test_substitutions_bind_terms_without_pasting(store: Store) -> None:
    store.put_graph(
        EX + "g", [triple("a", "p", ox.Literal("x")), triple("b", "p", ox.Literal("y"))]
    )
    hostile = ox.Literal('"} ; DROP ALL #')
    rows = list(
        store.query(
            "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }", substitutions={"o": hostile}
        )
    )
    assert rows == []
    rows = list(
        store.query(
            "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }",
            substitutions={"o": ox.Literal("y")},
        )
    )
    assert [r["s"].value for r in rows] == [EX + "b"]  # type: ignore[union-attr]


def test_bad_sparql_raises_bad_query_with_the_parser_message(store: Store) -> None:
    with pytest.raises(BadQuery, match="does not parse"):
        store.query("SELECT WHERE {")
    with pytest.raises(BadQuery):
        store.update("INSERT NONSENSE")


def test_put_report_replaces_its_graphs_and_the_older_version(store: Store) -> None:
    old, new = EX + "report/old", EX + "report/new"
    store.put_report(old, {old: [triple("old", "p", ox.Literal("1"))], old + "/findings": []})
    store.put_graph(old + "/findings", [triple("finding", "p", ox.Literal("f"))])
    store.put_report(
        new,
        {new: [triple("new", "p", ox.Literal("2"))]},
        replaces=[old],
        additions={EX + "shared": [triple("river", "p", ox.Literal("r"))]},
    )
    graphs = {g.value for g in store._store.named_graphs()}
    assert old not in graphs and old + "/findings" not in graphs
    assert new in graphs
    # The shared graph is a union: a second report adds, never removes.
    store.put_report(
        EX + "report/other",
        {EX + "report/other": []},
        additions={EX + "shared": [triple("lake", "p", ox.Literal("l"))]},
    )
    assert len(list(store.triples(EX + "shared"))) == 2


def test_a_failure_half_way_leaves_the_store_as_it_was(tmp_path) -> None:
    store = Store.open(tmp_path / "store")
    report = EX + "report/r"
    store.put_report(report, {report: [triple("a", "p", ox.Literal("kept"))]})
    before_len, before_dump = len(store), _dump(store)

    def exploding():
        yield triple("b", "p", ox.Literal("new"))
        raise RuntimeError("extractor died half-way")

    with pytest.raises(RuntimeError):
        store.put_report(report, {report: exploding()}, additions={EX + "shared": []})
    assert len(store) == before_len
    assert _dump(store) == before_dump


def test_literals_survive_the_round_trip(store: Store) -> None:
    tricky = 'quote " backslash \\ newline \n tab \t nul \x00 bell \x07 \u2028 中文 😀 \\u0041'
    graph = EX + "g"
    store.replace_graph(graph, [triple("a", "p", ox.Literal(tricky))])
    store.replace_graph(graph, [triple("a", "p", ox.Literal(tricky, language="en"))])
    (stored,) = list(store.triples(graph))
    assert stored.object.value == tricky


def test_delete_report_and_report_for_file(store: Store) -> None:
    report = iri.report_iri("0000000000000001")
    file_name = ox.NamedNode(iri.ONTOLOGY_NS + "fileName")
    kind = ox.Triple(
        ox.NamedNode(report),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(iri.ONTOLOGY_NS + "Report"),
    )
    named = ox.Triple(ox.NamedNode(report), file_name, ox.Literal("a.txt"))
    store.put_report(report, {report: [kind, named]})
    assert store.report_for_file("a.txt") == report
    assert store.report_for_file("b.txt") is None
    assert [s.file_name for s in store.reports()] == ["a.txt"]
    assert store.delete_report(report) is True
    assert store.delete_report(report) is False
    assert store.report_for_file("a.txt") is None


def test_dump_writes_trig_and_nquads(store: Store) -> None:
    store.put_graph(EX + "g", [triple("a", "p", ox.Literal("1"))])
    for fmt, rdf_format in (("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)):
        buffer = io.BytesIO()
        store.dump(buffer, fmt)  # type: ignore[arg-type]
        parsed = list(ox.parse(buffer.getvalue(), format=rdf_format))
        assert len(parsed) == len(store)
    with pytest.raises(BadQuery):
        store.dump(io.BytesIO(), "xml")  # type: ignore[arg-type]


def test_ontology_is_kept_in_its_own_graph(tmp_path) -> None:
    store = Store.open(tmp_path / "s")
    if not store.has_graph(iri.ONTOLOGY_GRAPH):
        pytest.skip("ontology/ducha.ttl is not there yet")
    size = len(store)
    del store
    again = Store.open(tmp_path / "s")  # reopening does not load it twice
    assert len(again) == size


def _dump(store: Store) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return b"\n".join(sorted(buffer.getvalue().splitlines()))


@pytest.mark.parametrize(
    "module",
    [
        "ducha.loaders.iri",
        "ducha.loaders.rdf",
        "ducha.loaders.store",
        "ducha.service.settings",
        "ducha.service.corpus",
        "ducha.service.entry",
        "ducha.queries.catalogue",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
