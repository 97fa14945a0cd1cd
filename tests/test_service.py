"""The service through real clients on 127.0.0.1: SPARQLWrapper, rdflib's SPARQLStore, httpx.

The ``server`` fixture (conftest.py) serves three development reports with IRIs minted under
its own ``/id/``. Expected values come from reading the reports: the Jiangsu batch has 94
letters and visits while its complaint types add up to 116 (a Violation), and the Shanxi
feedback says it "has spent nearly 10 bn. yuan on afforestation every year".
"""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph as ox
import pytest
from conftest import Server
from ducha.service.app import create_app
from ducha.service.settings import Settings
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

REPORTS_QUERY = """
PREFIX ducha: <https://w3id.org/ducha/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?report ?title WHERE { ?report a ducha:Report ; dcterms:title ?title } ORDER BY ?title
"""
FIGURE_QUERY = """
SELECT ?figure WHERE {
  ?figure a ducha:ReportedFigure ; ducha:value 10000000000.0 ; ducha:unit ducha:yuan .
}
"""


def titles(server: Server) -> set[str]:
    return {s.title or "" for s in server.store.reports()}


def sparql(server: Server, fmt: str, query: str = REPORTS_QUERY) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


# -- SPARQL endpoint through SPARQLWrapper ----------------------------------------------------


def test_sparqlwrapper_json(server: Server) -> None:
    result = sparql(server, JSON).queryAndConvert()
    assert isinstance(result, dict)
    found = {row["title"]["value"] for row in result["results"]["bindings"]}
    assert any("fifth batch of letters and visits" in title for title in found)
    assert found == titles(server)


def test_sparqlwrapper_xml(server: Server) -> None:
    document = sparql(server, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert set(literals) == titles(server)


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv(server: Server, fmt: str, delimiter: str) -> None:
    raw = sparql(server, fmt).queryAndConvert()
    text = raw.decode() if isinstance(raw, bytes) else str(raw)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0][0].lstrip("?") == "report"
    assert len(rows) == 1 + len(titles(server))


def test_sparqlwrapper_ask(server: Server) -> None:
    result = sparql(server, JSON, "ASK { ?f a ducha:ReportedFigure }").queryAndConvert()
    assert result == {"head": {}, "boolean": True}


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
def test_sparqlwrapper_construct(server: Server, fmt: str) -> None:
    query = "CONSTRUCT { ?r a ducha:Report } WHERE { ?r a ducha:Report }"
    converted = sparql(server, fmt, query).queryAndConvert()
    # SPARQLWrapper makes graphs of RDF/XML and JSON-LD and hands Turtle over as bytes.
    graph = (
        converted
        if isinstance(converted, Graph)
        else Graph().parse(data=converted, format="turtle")
    )
    assert len(graph) == len(server.store.reports())


def test_rdflib_sparqlstore_construct(server: Server) -> None:
    store = SPARQLStore(f"{server.url}/sparql", returnFormat="json")
    graph = Graph(store=store)
    result = graph.query(
        "CONSTRUCT { ?f <http://example.org/quote> ?quote } WHERE { "
        "?f a <https://w3id.org/ducha/ontology#ReportedFigure> ; "
        "<http://www.w3.org/ns/prov#wasDerivedFrom>/<http://www.w3.org/ns/oa#hasSelector>/"
        "<http://www.w3.org/ns/oa#exact> ?quote }"
    )
    quotes = {str(o) for _, _, o in result.graph}  # type: ignore[union-attr]
    assert "10 bn. yuan" in quotes
    assert "94" in quotes


# -- negotiation, service description, CORS -----------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
        ("text/turtle", "application/sparql-results+json"),  # results cannot be Turtle
    ],
)
def test_select_negotiation(client: httpx.Client, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get(
        "/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 1"}, headers=headers
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize(
    "accept",
    [
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
        "application/trig",
    ],
)
def test_construct_negotiation(client: httpx.Client, server: Server, accept: str) -> None:
    response = client.post(
        "/sparql",
        content="CONSTRUCT { ?r a ducha:Report } WHERE { ?r a ducha:Report }",
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert response.headers["content-type"].split(";")[0] == accept
    triples = list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(accept)))
    assert len(triples) == len(server.store.reports())


def test_report_graphs_are_named_graphs(client: httpx.Client, server: Server) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ducha:Report } }"
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert {row["g"]["value"] for row in rows} == {s.iri for s in server.store.reports()}


def test_service_description(client: httpx.Client, server: Server) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(f"{server.url}/sparql")) in graph
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph
    names = {str(o) for o in graph.objects(None, URIRef(sd + "name"))}
    assert names == {s.iri for s in server.store.reports()}


def test_cors(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://yasgui.example"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "http://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200


def test_federation_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "DUCHA_FEDERATION" in response.json()["detail"]
    # The word in a string or an IRI is not a SERVICE clause.
    harmless = 'SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


# -- reports -----------------------------------------------------------------------------------


def test_list_reports(client: httpx.Client) -> None:
    reports = client.get("/reports").json()
    jiangsu = next(r for r in reports if r["fileName"] == "jiangsu-fifth-batch-petitions-2022.txt")
    assert jiangsu["findings"] >= 1
    assert jiangsu["figures"] >= 11  # 94, 70, 24, 13 and the seven complaint types
    html = client.get("/reports", headers={"Accept": "text/html"})
    assert f'href="/reports/{jiangsu["id"]}"' in html.text


def _report_id(client: httpx.Client, file_name: str) -> str:
    return next(r["id"] for r in client.get("/reports").json() if r["fileName"] == file_name)


def test_one_report_three_ways(client: httpx.Client) -> None:
    rid = _report_id(client, "shanxi-feedback-2017.txt")
    as_json = client.get(f"/reports/{rid}").json()
    assert "10 bn. yuan on afforestation" in as_json["text"]
    assert as_json["counts"]["ReportedFigure"] >= 9
    page = client.get(f"/reports/{rid}", headers={"Accept": "text/html"}).text
    assert ">10 bn. yuan</a>" in page  # the figure is highlighted and links to its page
    turtle = client.get(f"/reports/{rid}", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) > 100


def test_report_ids_are_checked(client: httpx.Client) -> None:
    for path in ("/reports/0000000000000000", "/reports/..%2F..%2Fetc%2Fpasswd", "/reports/abc"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "root:" not in response.text
    raw = httpx.get(client.base_url.join("/reports/../../etc/passwd"))
    assert raw.status_code == 404 and "root:" not in raw.text


# -- audit -------------------------------------------------------------------------------------


def test_audit_finds_the_jiangsu_violation(client: httpx.Client) -> None:
    rid = _report_id(client, "jiangsu-fifth-batch-petitions-2022.txt")
    findings = client.get("/audit", params={"report": rid, "severity": "violation"}).json()
    assert findings, "the complaint types (116) exceed the batch (94)"
    assert any("116" in f["message"] and "94" in f["message"] for f in findings)
    table = client.get("/audit", params={"report": rid, "format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {row["severity"] for row in rows} >= {"Violation"}
    page = client.get("/audit", headers={"Accept": "text/html"}).text
    assert "Violation" in page


def test_audit_unknown_severity(client: httpx.Client) -> None:
    assert client.get("/audit", params={"severity": "catastrophic"}).status_code == 400


# -- queries -----------------------------------------------------------------------------------


def test_catalogue(client: httpx.Client) -> None:
    catalogue = client.get("/queries").json()
    names = {q["name"] for q in catalogue}
    assert {"problems-per-aspect", "completion-figures", "figure-sentence"} <= names
    per_aspect = next(q for q in catalogue if q["name"] == "problems-per-aspect")
    assert [p["name"] for p in per_aspect["parameters"]] == ["report"]


def test_run_named_query_with_a_parameter(client: httpx.Client, server: Server) -> None:
    response = client.get("/queries/completion-figures", headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    unknown = client.get("/queries/no-such-question")
    assert unknown.status_code == 404
    bad = client.get("/queries/problems-per-aspect", params={"report": "not an iri"})
    assert bad.status_code == 400


def test_parameters_are_never_pasted(client: httpx.Client, server: Server) -> None:
    before = len(server.store)
    for value in ('"} ; DROP ALL #', "> } ; DROP ALL ; #", "dr:report/x> } DROP ALL #"):
        response = client.get("/queries/problems-per-aspect", params={"report": value})
        assert response.status_code in (200, 400)
        response = client.get("/queries/completion-figures", params={"nope": value})
        assert response.status_code == 400
    assert len(server.store) == before


# -- Linked Data ---------------------------------------------------------------------------------


def _figure(client: httpx.Client) -> str:
    rows = client.get("/sparql", params={"query": FIGURE_QUERY}).json()["results"]["bindings"]
    assert len(rows) == 1
    return str(rows[0]["figure"]["value"])


def test_figure_iri_resolves_to_its_sentence(client: httpx.Client, server: Server) -> None:
    figure = _figure(client)
    assert figure.startswith(f"{server.url}/id/report/")
    page = httpx.get(figure, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "It has spent nearly <mark>10 bn. yuan</mark> on afforestation every year" in page.text
    rid = figure.split("/report/")[1].split("/")[0]
    assert f'href="/reports/{rid}#at-' in page.text


@pytest.mark.parametrize(
    ("accept", "syntax"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_figure_iri_as_rdf(client: httpx.Client, accept: str, syntax: str) -> None:
    figure = _figure(client)
    response = httpx.get(figure, headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=syntax)
    value = graph.value(URIRef(figure), URIRef("https://w3id.org/ducha/ontology#value"))
    assert value is not None and int(float(str(value))) == 10_000_000_000


def test_unknown_resource(client: httpx.Client) -> None:
    assert client.get("/id/report/0000000000000000/figure/999").status_code == 404
    assert client.get("/resource", params={"iri": "http://example.org/nothing"}).status_code == 404


def test_ontology_terms_have_pages(client: httpx.Client) -> None:
    response = client.get(
        "/resource",
        params={"iri": "https://w3id.org/ducha/ontology#ReportedFigure"},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    assert "owl:Class" in response.text


# -- the rest of the surface ---------------------------------------------------------------------


def test_home_and_docs(client: httpx.Client) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/sparql",
        "/update",
        "/rdf-graph-store",
        "/reports",
        "/reports/{report_id}",
        "/audit",
        "/queries",
        "/queries/{name}",
        "/resource",
        "/id/{rest}",
    ):
        assert path in paths, path


def test_writes_are_off_without_a_token() -> None:
    with TestClient(create_app(Settings(store=None))) as http:
        response = http.post(
            "/update", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
        )
        assert response.status_code == 404
        assert "DUCHA_UPDATE_TOKEN" in response.json()["detail"]
        assert http.get("/rdf-graph-store?default").status_code == 404
        assert http.delete("/reports/0000000000000000").status_code == 404


def test_update_token_is_checked(client: httpx.Client, server: Server) -> None:
    update = {"Content-Type": "application/sparql-update"}
    assert client.post("/update", content="CLEAR ALL", headers=update).status_code == 401
    wrong = {**update, "Authorization": "Bearer wrong"}
    assert client.post("/update", content="CLEAR ALL", headers=wrong).status_code == 403
    assert server.store.reports(), "nothing was cleared"


def test_errors_are_plain_text_for_text_clients(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELEC"}, headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert json.dumps is not None and "does not parse" in response.text
