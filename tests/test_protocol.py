"""The W3C SPARQL 1.1 Protocol test suite (``sparql/sparql11/protocol`` in w3c/rdf-tests),
case by case, against the running server.

Each test is one entry of the suite's manifest, written here in our own words: the same
requests (method, path, parameters, body, content type) and the same expectations (status
class, answer format, boolean answer). Queries go to ``/sparql``, updates to ``/update``
with the token. The suite's data (three graphs, each holding one ``foaf:Document``) is
inserted before each test, since the update cases clear the whole store.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from conftest import Server

KASEI = "http://kasei.us/2009/09/sparql/data/"
DATA = [f"{KASEI}data{i}.rdf" for i in (1, 2, 3)]
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
RESULT_TYPES = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}


def q(value: str) -> str:
    return quote(value, safe="")


@pytest.fixture
def http(update_server: Server) -> httpx.Client:
    """A client of the update server, its store holding the suite's three graphs."""
    client = update_server.client()
    inserts = " ".join(f"GRAPH <{g}> {{ <{g}> a <{FOAF_DOCUMENT}> }}" for g in DATA)
    reset = client.post(
        "/update",
        content=f"DROP ALL ; INSERT DATA {{ {inserts} }}",
        headers={"Content-Type": "application/sparql-update", **update_server.auth},
    )
    assert reset.status_code == 204, reset.text
    return client


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def boolean(response: httpx.Response) -> bool:
    assert response.is_success, response.text
    assert media(response) == "application/sparql-results+json"
    value = json.loads(response.text)["boolean"]
    assert isinstance(value, bool)
    return value


def query_post(http: httpx.Client, path: str, body: str) -> httpx.Response:
    return http.post(path, content=body, headers={"Content-Type": "application/sparql-query"})


def update_post(http: httpx.Client, server: Server, path: str, body: str) -> httpx.Response:
    headers = {"Content-Type": "application/sparql-update", **server.auth}
    return http.post(path, content=body, headers=headers)


def ask(http: httpx.Client, body: str) -> bool:
    return boolean(query_post(http, "/sparql", body))


# -- queries ----------------------------------------------------------------------------------


def test_query_post_form(http: httpx.Client) -> None:
    response = http.post(
        f"/sparql?default-graph-uri={q(KASEI + 'data0.rdf')}",
        content="query=ASK%20%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert boolean(response) is True


def test_query_dataset_default_graphs_get(http: httpx.Client) -> None:
    body = f"ASK {{ <{DATA[0]}> a ?type . <{DATA[1]}> a ?type . }}"
    response = http.get(
        f"/sparql?query={q(body)}&default-graph-uri={q(DATA[0])}&default-graph-uri={q(DATA[1])}"
    )
    assert boolean(response) is True


def test_query_dataset_default_graphs_post(http: httpx.Client) -> None:
    body = f"ASK {{ <{DATA[0]}> a ?type . <{DATA[1]}> a ?type . }}"
    path = f"/sparql?default-graph-uri={q(DATA[0])}&default-graph-uri={q(DATA[1])}"
    assert boolean(query_post(http, path, body)) is True


def test_query_dataset_named_graphs_post(http: httpx.Client) -> None:
    body = f"ASK {{ GRAPH ?g1 {{ <{DATA[0]}> a ?type }} GRAPH ?g2 {{ <{DATA[1]}> a ?type }} }}"
    path = f"/sparql?named-graph-uri={q(DATA[0])}&named-graph-uri={q(DATA[1])}"
    assert boolean(query_post(http, path, body)) is True


def test_query_dataset_named_graphs_get(http: httpx.Client) -> None:
    body = f"ASK {{ GRAPH ?g1 {{ <{DATA[0]}> a ?type }} GRAPH ?g2 {{ <{DATA[1]}> a ?type }} }}"
    response = http.get(
        f"/sparql?query={q(body)}&named-graph-uri={q(DATA[0])}&named-graph-uri={q(DATA[1])}"
    )
    assert boolean(response) is True


def test_query_dataset_full(http: httpx.Client) -> None:
    body = (
        f"ASK {{ <{DATA[2]}> a ?type GRAPH ?g1 {{ <{DATA[0]}> a ?type }} "
        f"GRAPH ?g2 {{ <{DATA[1]}> a ?type }} }}"
    )
    path = (
        f"/sparql?default-graph-uri={q(DATA[2])}"
        f"&named-graph-uri={q(DATA[0])}&named-graph-uri={q(DATA[1])}"
    )
    assert boolean(query_post(http, path, body)) is True


def test_query_multiple_dataset(http: httpx.Client) -> None:
    # The protocol's dataset wins over the query's own FROM.
    body = (
        f"ASK FROM <{DATA[2]}> {{ GRAPH ?g1 {{ <{DATA[0]}> a ?type }} "
        f"GRAPH ?g2 {{ <{DATA[1]}> a ?type }} }}"
    )
    path = f"/sparql?named-graph-uri={q(DATA[0])}&named-graph-uri={q(DATA[1])}"
    assert boolean(query_post(http, path, body)) is True


def test_query_get(http: httpx.Client) -> None:
    response = http.get(f"/sparql?query=ASK%20%7B%7D&default-graph-uri={q(KASEI + 'data0.rdf')}")
    assert boolean(response) is True


def test_query_content_type_select(http: httpx.Client) -> None:
    response = query_post(http, "/sparql", "SELECT (1 AS ?value) {}")
    assert response.status_code == 200
    assert media(response) in RESULT_TYPES


def test_query_content_type_ask(http: httpx.Client) -> None:
    response = query_post(http, "/sparql", "ASK {}")
    assert response.status_code == 200
    assert media(response) in {"application/sparql-results+json", "application/sparql-results+xml"}


@pytest.mark.parametrize(
    "body", ["DESCRIBE <http://example.org/>", "CONSTRUCT { <s> <p> 1 } WHERE {}"]
)
def test_query_content_type_describe_and_construct(http: httpx.Client, body: str) -> None:
    response = query_post(http, f"/sparql?default-graph-uri={q(KASEI + 'data0.rdf')}", body)
    assert response.status_code == 200, response.text
    assert media(response) in RDF_TYPES
    ox.parse(response.content, format=ox.RdfFormat.from_media_type(media(response)))


def test_query_post_direct(http: httpx.Client) -> None:
    assert ask(http, "ASK {}") is True


# -- updates ------------------------------------------------------------------------------------


def test_update_dataset_default_graph(http: httpx.Client, update_server: Server) -> None:
    body = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {{ GRAPH <{DATA[0]}> {{ <{DATA[0]}> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{
  ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}"""
    response = update_post(http, update_server, f"/update?using-graph-uri={q(DATA[0])}", body)
    assert response.is_success, response.text
    assert ask(
        http,
        f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-test/> "
        f"{{ <{DATA[0]}> a <http://purl.org/dc/terms/BibliographicResource> }} }}",
    )


_THREE_DOCUMENTS = " ".join(f"GRAPH <{g}> {{ <{g}> a foaf:Document }}" for g in DATA)


def _two_of_three(http: httpx.Client, graph: str) -> bool:
    bib = "<http://purl.org/dc/terms/BibliographicResource>"
    return ask(
        http,
        f"ASK {{ GRAPH <{graph}> {{ <{DATA[0]}> a {bib} . <{DATA[1]}> a {bib} . }} "
        f"FILTER NOT EXISTS {{ GRAPH <{graph}> {{ <{DATA[2]}> a {bib} }} }} }}",
    )


def test_update_dataset_default_graphs(http: httpx.Client, update_server: Server) -> None:
    target = "http://example.org/protocol-update-dataset-graphs-test/"
    body = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {{ {_THREE_DOCUMENTS} }} ;
INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ ?s a foaf:Document }}"""
    path = f"/update?using-graph-uri={q(DATA[0])}&using-graph-uri={q(DATA[1])}"
    assert update_post(http, update_server, path, body).is_success
    assert _two_of_three(http, target)


def test_update_dataset_named_graphs(http: httpx.Client, update_server: Server) -> None:
    target = "http://example.org/protocol-update-dataset-named-graphs-test/"
    body = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {{ {_THREE_DOCUMENTS} }} ;
INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ GRAPH ?g {{ ?s a foaf:Document }} }}"""
    path = f"/update?using-named-graph-uri={q(DATA[0])}&using-named-graph-uri={q(DATA[1])}"
    assert update_post(http, update_server, path, body).is_success
    assert _two_of_three(http, target)


def test_update_dataset_full(http: httpx.Client, update_server: Server) -> None:
    target = "http://example.org/protocol-update-dataset-full-test/"
    body = f"""PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {{ {_THREE_DOCUMENTS} }} ;
INSERT {{ GRAPH <{target}> {{ ?s <http://example.org/in> ?in }} }}
WHERE {{
  {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }}
  UNION
  {{ ?s a foaf:Document . BIND("default" AS ?in) }}
}}"""
    path = f"/update?using-graph-uri={q(DATA[0])}&using-named-graph-uri={q(DATA[1])}"
    assert update_post(http, update_server, path, body).is_success
    assert ask(
        http,
        f'ASK {{ GRAPH <{target}> {{ <{DATA[0]}> <http://example.org/in> "default" . '
        f"<{DATA[1]}> <http://example.org/in> <{DATA[1]}> . }} "
        f"FILTER NOT EXISTS {{ GRAPH <{target}> {{ <{DATA[2]}> ?p ?o }} }} }}",
    )


def test_update_post_form(http: httpx.Client, update_server: Server) -> None:
    response = http.post(
        "/update",
        content="update=CLEAR+ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded", **update_server.auth},
    )
    assert response.is_success, response.text
    assert not ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_update_post_direct(http: httpx.Client, update_server: Server) -> None:
    assert update_post(http, update_server, "/update", "CLEAR ALL").is_success
    assert not ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_update_base_uri(http: httpx.Client, update_server: Server) -> None:
    graph = "http://example.org/protocol-base-test/"
    body = (
        f"CLEAR SILENT GRAPH <{graph}> ;\n"
        f"INSERT DATA {{ GRAPH <{graph}> "
        "{ <http://example.org/s> <http://example.org/p> <test> } }"
    )
    assert update_post(http, update_server, "/update", body).is_success
    assert ask(
        http,
        f"ASK {{ GRAPH <{graph}> {{ <http://example.org/s> <http://example.org/p> ?o "
        f'FILTER (isIRI(?o) && STR(?o) != "test") }} }}',
    )


# -- bad requests -------------------------------------------------------------------------------


def test_bad_query_method(http: httpx.Client) -> None:
    response = http.put(
        f"/sparql?query=ASK%20%7B%7D&default-graph-uri={q(KASEI + 'data0.rdf')}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert 400 <= response.status_code < 500


def test_bad_multiple_queries(http: httpx.Client) -> None:
    response = http.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert response.status_code == 400
    assert "exactly one" in response.json()["detail"]


def test_bad_query_wrong_media_type(http: httpx.Client) -> None:
    response = http.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert 400 <= response.status_code < 500


def test_bad_query_missing_form_type(http: httpx.Client) -> None:
    # httpx sends no Content-Type for raw bytes.
    response = http.post("/sparql", content=b"query=ASK%20%7B%7D")
    assert "content-type" not in response.request.headers
    assert 400 <= response.status_code < 500


def test_bad_query_missing_direct_type(http: httpx.Client) -> None:
    response = http.post("/sparql", content=b"ASK {}")
    assert 400 <= response.status_code < 500


def test_bad_query_non_utf8(http: httpx.Client) -> None:
    response = http.post(
        "/sparql",
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert 400 <= response.status_code < 500


def test_bad_query_syntax(http: httpx.Client) -> None:
    response = http.get("/sparql?query=ASK%20%7B")
    assert response.status_code == 400
    # The parser's own message, with its position.
    assert "1:6" in response.json()["detail"]


def test_bad_update_get(http: httpx.Client, update_server: Server) -> None:
    response = http.get("/update?update=CLEAR%20ALL", headers=update_server.auth)
    assert 400 <= response.status_code < 500
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }"), "the update must not have run"


def test_bad_update_sent_to_the_query_endpoint(http: httpx.Client) -> None:
    response = http.get("/sparql?update=CLEAR%20ALL")
    assert response.status_code == 400
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_multiple_updates(http: httpx.Client, update_server: Server) -> None:
    response = http.post(
        "/update",
        content="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        headers={"Content-Type": "application/x-www-form-urlencoded", **update_server.auth},
    )
    assert response.status_code == 400
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_update_wrong_media_type(http: httpx.Client, update_server: Server) -> None:
    response = http.post(
        "/update",
        content="CLEAR NAMED",
        headers={"Content-Type": "text/plain", **update_server.auth},
    )
    assert 400 <= response.status_code < 500
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_update_missing_form_type(http: httpx.Client, update_server: Server) -> None:
    response = http.post("/update", content=b"update=CLEAR%20NAMED", headers=update_server.auth)
    assert 400 <= response.status_code < 500
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_update_non_utf8(http: httpx.Client, update_server: Server) -> None:
    response = http.post(
        "/update",
        content="CLEAR NAMED".encode("utf-16"),
        headers={"Content-Type": "application/sparql-update; charset=UTF-16", **update_server.auth},
    )
    assert 400 <= response.status_code < 500
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_update_syntax(http: httpx.Client, update_server: Server) -> None:
    response = http.post(
        "/update",
        content="update=CLEAR%20XYZ",
        headers={"Content-Type": "application/x-www-form-urlencoded", **update_server.auth},
    )
    assert response.status_code == 400
    assert ask(http, "ASK { GRAPH ?g { ?s ?p ?o } }")


def test_bad_update_dataset_conflict(http: httpx.Client, update_server: Server) -> None:
    body = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' }
INSERT { ?person foaf:givenName 'William' }
WHERE { ?person foaf:givenName 'Bill' }"""
    path = f"/update?using-named-graph-uri={q('http://example/people')}"
    response = update_post(http, update_server, path, body)
    assert response.status_code == 400
    assert "WITH" in response.json()["detail"]
