"""The external store against a real Virtuoso (Debian's virtuoso-opensource), started on
127.0.0.1 by .ci/virtuoso for this session and stopped afterwards.

The tests are skipped, with the reason, only when the package cannot be installed.
"""

from __future__ import annotations

import io
import re
import subprocess
import warnings
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from ducha.loaders import iri
from ducha.loaders.errors import BadQuery, StoreError
from ducha.loaders.remote import RemoteStore, open_store
from ducha.loaders.store import Store
from ducha.queries.catalogue import catalogue
from ducha.service.corpus import load_paths, sample_files
from ducha.service.settings import Settings

pytestmark = pytest.mark.virtuoso

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / ".ci" / "virtuoso"
SEEDS = REPO.parent / "shared" / "seeds"
EX = "http://example.org/"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Virtuoso for the whole session: its DUCHA_* connection settings."""
    installed = subprocess.run(
        ["bash", str(SCRIPT), "install"], capture_output=True, text=True, timeout=900
    )
    if installed.returncode != 0:
        pytest.skip(
            "Virtuoso (Debian's virtuoso-opensource) cannot be installed here: "
            + installed.stderr.strip()[-300:]
        )
    folder = tmp_path_factory.mktemp("virtuoso")
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, timeout=300
    )
    if started.returncode != 0:
        pytest.fail(f"Virtuoso is installed but did not start: {started.stderr[-2000:]}")
    env = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
    try:
        yield env
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], timeout=120, check=False)


def _settings(env: dict[str, str]) -> Settings:
    return Settings(
        store=None,
        store_url=env["DUCHA_STORE_URL"],
        update_url=env["DUCHA_UPDATE_URL"],
        graph_store_url=env["DUCHA_GRAPH_STORE_URL"],
        store_user=env["DUCHA_STORE_USER"],
        store_password=env["DUCHA_STORE_PASSWORD"],
    )


@pytest.fixture
def remote(virtuoso: dict[str, str]) -> RemoteStore:
    """The session's Virtuoso emptied of ducha's graphs, with the ontology loaded again."""
    store = open_store(_settings(virtuoso))
    assert isinstance(store, RemoteStore)
    for graph in store._graphs():
        store.update(f"DROP SILENT GRAPH <{graph}>")
    store._ensure_ontology()
    return store


def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), o)


def values(result: object, name: str = "o") -> list[str]:
    assert isinstance(result, ox.QuerySolutions)
    return [row[name].value for row in result]


def test_open_store_picks_the_remote_store_from_the_settings(virtuoso, tmp_path) -> None:
    assert isinstance(open_store(_settings(virtuoso)), RemoteStore)
    assert type(open_store(Settings(store=tmp_path / "s"))) is Store
    wrong = _settings(virtuoso).model_copy(update={"store_password": "not-the-password"})
    with pytest.raises(StoreError, match="credentials"):
        open_store(wrong)


def test_queries_see_the_union_and_bind_terms_without_pasting(remote: RemoteStore) -> None:
    remote.put_graph(EX + "g1", [triple("a", "p", ox.Literal("1"))])
    remote.put_graph(EX + "g2", [triple("b", "p", ox.Literal("2"))])
    query = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o"
    assert values(remote.query(query)) == ["1", "2"]
    assert values(remote.query(query, default_graph=[EX + "g2"])) == ["2"]
    hostile = ox.Literal('"} ; DROP ALL #')
    assert values(remote.query(query, substitutions={"o": hostile})) == []
    bound = remote.query(query, substitutions={"o": ox.Literal("2")})
    assert values(bound, "s") == [EX + "b"]
    # ducha's prefixes need no declaration, as on the embedded store
    assert bool(remote.query("ASK { ?s a ducha:Report }")) is False
    assert remote.has_graph(EX + "g1") and not remote.has_graph(EX + "nothing")


def test_construct_gives_query_triples(remote: RemoteStore) -> None:
    remote.put_graph(EX + "g", [triple("a", "p", ox.Literal("x", language="en"))])
    result = remote.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
    )
    assert isinstance(result, ox.QueryTriples)
    assert list(result) == [triple("a", "p", ox.Literal("x", language="en"))]


def test_malformed_sparql_is_bad_query_and_changes_nothing(remote: RemoteStore) -> None:
    remote.put_graph(EX + "g", [triple("a", "p", ox.Literal("1"))])
    with pytest.raises(BadQuery, match="does not parse"):
        remote.query("SELECT WHERE {")
    with pytest.raises(BadQuery):
        remote.update("DROP SILENT GRAPH <http://example.org/g> ; INSERT NONSENSE { <x> <y> <z> }")
    assert len(list(remote.triples(EX + "g"))) == 1


def test_a_request_is_not_one_transaction_on_virtuoso(remote: RemoteStore) -> None:
    """The server fact behind the staging graphs (module docstring of ducha.loaders.remote):
    an operation failing at run time leaves the operations before it applied."""
    remote.put_graph(
        EX + "g", [triple("a", "p", ox.Literal("1")), triple("b", "p", ox.Literal("2"))]
    )
    with pytest.raises(StoreError):
        remote.update(
            "DROP SILENT GRAPH <http://example.org/g> ; "
            "DROP GRAPH <http://example.org/no-such-graph>"
        )
    assert not remote.has_graph(EX + "g")


def test_put_report_replaces_its_graphs_and_the_older_version(remote: RemoteStore) -> None:
    old, new = iri.report_iri("00000000000000a1"), iri.report_iri("00000000000000a2")
    shared = iri.shared_graph_iri()
    remote.put_report(old, {old: [triple("old", "p", ox.Literal("1"))]})
    remote.put_graph(iri.findings_graph_iri(old), [triple("finding", "p", ox.Literal("f"))])
    remote.put_report(
        new,
        {new: [triple("new", "p", ox.Literal("2"))], iri.findings_graph_iri(new): []},
        replaces=[old],
        additions={shared: [triple("river", "p", ox.Literal("r"))]},
    )
    graphs = set(remote._graphs())
    assert old not in graphs and iri.findings_graph_iri(old) not in graphs
    assert new in graphs and iri.findings_graph_iri(new) not in graphs  # empty: no graph
    assert not any(g.startswith("urn:x-ducha:staging:") for g in _all_graphs(remote))
    other = iri.report_iri("00000000000000a3")
    remote.put_report(
        other, {other: []}, additions={shared: [triple("lake", "p", ox.Literal("l"))]}
    )
    assert len(list(remote.triples(shared))) == 2


def test_a_big_report_is_written_whole(remote: RemoteStore) -> None:
    """More triples than Virtuoso takes in one INSERT DATA (about 5,000)."""
    report = iri.report_iri("00000000000000b1")
    many = [triple(f"s{i}", "p", ox.Literal(str(i))) for i in range(12_000)]
    remote.put_report(report, {report: many})
    assert len(list(remote.triples(report))) == 12_000
    remote.replace_graph(report, many[:10])
    assert len(list(remote.triples(report))) == 10


def test_an_exception_while_producing_triples_sends_nothing(remote: RemoteStore) -> None:
    report = iri.report_iri("00000000000000c1")
    remote.put_report(report, {report: [triple("a", "p", ox.Literal("kept"))]})
    before = len(remote)

    def exploding():
        yield triple("b", "p", ox.Literal("new"))
        raise RuntimeError("extractor died half-way")

    with pytest.raises(RuntimeError):
        remote.put_report(report, {report: exploding()})
    assert len(remote) == before
    assert values(remote.query(f"SELECT ?o WHERE {{ GRAPH <{report}> {{ ?s ?p ?o }} }}")) == [
        "kept"
    ]


def test_literals_survive_the_round_trip(remote: RemoteStore) -> None:
    # Virtuoso stores strings as SQL text: NUL is the one character it cannot keep.
    tricky = 'quote " backslash \\ newline \n tab \t bell \x07 \u2028 中文 😀 \\u0041'
    for literal in (
        ox.Literal(tricky),
        ox.Literal(tricky, language="en"),
        ox.Literal("1500000.25", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("2019-05-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ):
        remote.replace_graph(EX + "g", [triple("a", "p", literal)])
        (stored,) = list(remote.triples(EX + "g"))
        assert stored.object == literal


def test_reports_delete_report_and_report_for_file(remote: RemoteStore) -> None:
    report = iri.report_iri("0000000000000001")
    kind = ox.Triple(
        ox.NamedNode(report),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(iri.ONTOLOGY_NS + "Report"),
    )
    named = ox.Triple(
        ox.NamedNode(report), ox.NamedNode(iri.ONTOLOGY_NS + "fileName"), ox.Literal("a.txt")
    )
    remote.put_report(report, {report: [kind, named]})
    assert remote.report_for_file("a.txt") == report
    assert remote.report_for_file("b.txt") is None
    assert [s.file_name for s in remote.reports()] == ["a.txt"]
    assert remote.delete_report(report) is True
    assert remote.delete_report(report) is False
    assert remote.report_for_file("a.txt") is None


def test_dump_and_len_count_ducha_graphs_only(remote: RemoteStore) -> None:
    remote.put_graph(EX + "g", [triple("a", "p", ox.Literal("1"))])
    ontology = len(list(remote.triples(iri.ONTOLOGY_GRAPH)))
    assert ontology > 100
    assert len(remote) == ontology + 1  # Virtuoso's own graphs are not counted
    for fmt, rdf_format in (("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)):
        buffer = io.BytesIO()
        remote.dump(buffer, fmt)  # type: ignore[arg-type]
        assert len(list(ox.parse(buffer.getvalue(), format=rdf_format))) == len(remote)


def test_connecting_again_keeps_the_ontology(virtuoso, remote: RemoteStore) -> None:
    size = len(remote)
    again = open_store(_settings(virtuoso))
    assert len(again) == size


def test_catalogue_answers_match_the_embedded_store_on_the_samples(virtuoso, remote) -> None:
    _assert_same_answers(remote, [*sample_files()], virtuoso)


@pytest.mark.seeds
def test_catalogue_answers_match_the_embedded_store_on_the_seeds(virtuoso, remote) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed reports are not at {SEEDS}")
    _assert_same_answers(remote, sorted(SEEDS.glob("*.txt")), virtuoso)


# Catalogue queries that Virtuoso 7.2 answers differently, each with the portable fix (their
# files belong to the audit's engineer). Any other difference fails the test. The portable
# forms of the others are in their files: figure-sentence (no REPLACE pattern that can match
# the empty string), inspection-dates and implementing-documents (days from the dates'
# digits, not "date - date"), water-bodies-across-provinces (no rdfs:subClassOf path).
# Every catalogue query is written so that both stores answer it alike (the list stays
# empty): a query that differs needs a portable form, not an entry here.
KNOWN_DIFFERENCES: dict[str, str] = {}


def _assert_same_answers(remote: RemoteStore, files: list, virtuoso: dict[str, str]) -> None:
    settings = _settings(virtuoso).model_copy(update={"workers": 1})
    embedded = Store.open(None)
    local_outcomes = load_paths(embedded, files, settings=Settings(store=None, workers=1))
    remote_outcomes = load_paths(remote, files, settings=settings)
    assert [o.status for o in remote_outcomes] == [o.status for o in local_outcomes]
    assert {o.report_iri for o in remote_outcomes} == {o.report_iri for o in local_outcomes}
    assert len(remote) == len(embedded)
    report = next(o.report_iri for o in local_outcomes if o.report_iri and o.figures)
    figure = f"{report}/figure/1"
    differing: dict[str, str] = {}
    for named in catalogue().values():
        bindings = {
            p.name: ox.NamedNode(report if p.name == "report" else figure) for p in named.parameters
        }
        concatenated = set(_GROUP_CONCAT.findall(named.sparql))
        local = _answers(embedded.query(named.sparql, substitutions=bindings), concatenated)
        try:
            served = _answers(remote.query(named.sparql, substitutions=bindings), concatenated)
        except StoreError as error:
            differing[named.name] = str(error)[-200:]
            continue
        if served != local:
            differing[named.name] = (
                f"{sum(local.values())} rows, {sum(served.values())} from Virtuoso"
            )
    unexplained = {name: why for name, why in differing.items() if name not in KNOWN_DIFFERENCES}
    assert not unexplained
    for name in differing:
        warnings.warn(f"{name}: {KNOWN_DIFFERENCES[name]}", stacklevel=1)


# GROUP_CONCAT joins in no set order (SPARQL leaves it open): compare its items as a set.
_GROUP_CONCAT = re.compile(r"GROUP_CONCAT\((?:[^()]|\([^()]*\))*\)\s+AS\s+\?(\w+)", re.IGNORECASE)


def _answers(
    result: object, concatenated: set[str] = frozenset()
) -> Counter[tuple[tuple[str, str], ...]]:
    """Rows as a multiset of (variable, normalised term): order and numeric spelling aside."""
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return Counter(
        tuple((name, _term(row[name], name in concatenated)) for name in names) for row in result
    )


def _term(term: object, concatenated: bool = False) -> str:
    if term is None:
        return ""
    if concatenated and isinstance(term, ox.Literal):
        return " ".join(sorted(re.split(r"[,\s]+", term.value)))
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long"):
            return f"number {Decimal(term.value).normalize()}"
        return f"{term.value!r}@{term.language or ''}^^{kind}"
    assert isinstance(term, ox.NamedNode | ox.BlankNode)
    return f"{type(term).__name__} {term.value}"


def _all_graphs(remote: RemoteStore) -> list[str]:
    rows = remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return values(rows, "g")


def test_docstring_examples_run() -> None:
    import doctest

    import ducha.loaders.remote

    assert doctest.testmod(ducha.loaders.remote).failed == 0


def test_values_go_into_the_where_group_past_comments_strings_and_templates() -> None:
    from ducha.loaders.remote import _with_values

    term = {"x": ox.NamedNode(EX + "a")}
    tricky = (
        "# a comment with { braces\nPREFIX ex: <http://example.org/#not-a-comment>\n"
        'CONSTRUCT { ?x ex:p "}{" } WHERE { ?x ex:p ?o }'
    )
    assert _with_values(tricky, term).endswith(
        "WHERE { VALUES (?x) { (<http://example.org/a>) } ?x ex:p ?o }"
    )
    with pytest.raises(BadQuery):
        _with_values("ASK", term)
