"""The W3C Graph Store HTTP Protocol tests (``sparql/sparql11/http-rdf-update`` in
w3c/rdf-tests), case by case, against the running server with the update token.

The suite's requests run in order and build on each other (PUT, then GET what was put, ...);
here each test first sets up the state its case starts from, so each runs alone. Graphs are
named directly (the request URL is the graph IRI, ``/rdf-graph-store/person/1.ttl``) or
indirectly (``?graph=`` or ``?default``), as in the suite. Answers are compared as graphs
(blank nodes up to isomorphism).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from conftest import Server
from rdflib import Graph
from rdflib.compare import isomorphic

PREFIXES = (
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    "@prefix v: <http://www.w3.org/2006/vcard/ns#> .\n"
)
TURTLE = {"Content-Type": "text/turtle; charset=utf-8"}


def person(server: Server, n: int) -> str:
    return f"{server.url}/rdf-graph-store/person/{n}.ttl"


def card(server: Server, name: str) -> str:
    return (
        f"{PREFIXES}<{server.url}/rdf-graph-store/person/1> a foaf:Person ;\n"
        f'  foaf:businessCard [ a v:VCard ; v:fn "{name}" ] .\n'
    )


ALICE = f'{PREFIXES}[] a foaf:Person ; foaf:businessCard [ a v:VCard ; v:given-name "Alice" ] .\n'


def same_graph(response: httpx.Response, expected_turtle: str) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/turtle")
    got = Graph().parse(data=response.text, format="turtle")
    return isomorphic(got, Graph().parse(data=expected_turtle, format="turtle"))


@pytest.fixture
def http(update_server: Server) -> httpx.Client:
    """A client that sends the token, on an emptied store."""
    client = update_server.client(headers=update_server.auth)
    assert client.post(
        "/update", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}
    ).is_success
    return client


def test_put_initial_state(http: httpx.Client, update_server: Server) -> None:
    response = http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "John Doe"), headers=TURTLE
    )
    assert response.status_code == 201


def test_get_of_put_initial_state(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "John Doe"), headers=TURTLE
    )
    response = http.get(
        f"/rdf-graph-store?graph={quote(person(update_server, 1), safe='')}",
        headers={"Accept": "text/turtle"},
    )
    assert same_graph(response, card(update_server, "John Doe"))


def test_put_graph_already_in_store(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "John Doe"), headers=TURTLE
    )
    response = http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    assert response.status_code == 204


def test_get_of_put_graph_already_in_store(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "John Doe"), headers=TURTLE
    )
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    response = http.get("/rdf-graph-store/person/1.ttl", headers={"Accept": "text/turtle"})
    assert same_graph(response, card(update_server, "Jane Doe"))


def test_put_default_graph(http: httpx.Client) -> None:
    response = http.put("/rdf-graph-store?default", content=ALICE, headers=TURTLE)
    assert response.status_code == 201


def test_get_of_put_default_graph(http: httpx.Client) -> None:
    http.put("/rdf-graph-store?default", content=ALICE, headers=TURTLE)
    response = http.get("/rdf-graph-store?default", headers={"Accept": "text/turtle"})
    assert same_graph(response, ALICE)


def test_delete_existing_graph(http: httpx.Client, update_server: Server) -> None:
    http.put("/rdf-graph-store/person/2.ttl", content=card(update_server, "Jo Doe"), headers=TURTLE)
    assert http.delete("/rdf-graph-store/person/2.ttl").is_success


def test_get_of_delete_existing_graph(http: httpx.Client, update_server: Server) -> None:
    http.put("/rdf-graph-store/person/2.ttl", content=card(update_server, "Jo Doe"), headers=TURTLE)
    http.delete("/rdf-graph-store/person/2.ttl")
    assert http.get("/rdf-graph-store/person/2.ttl").status_code == 404


def test_delete_nonexistent_graph(http: httpx.Client) -> None:
    assert http.delete("/rdf-graph-store/person/2.ttl").status_code == 404


def test_post_existing_graph(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    name = f'{PREFIXES}<{update_server.url}/rdf-graph-store/person/1> foaf:name "Jane Doe" .'
    assert http.post("/rdf-graph-store/person/1.ttl", content=name, headers=TURTLE).is_success
    response = http.get("/rdf-graph-store/person/1.ttl", headers={"Accept": "text/turtle"})
    expected = card(update_server, "Jane Doe") + (
        f'<{update_server.url}/rdf-graph-store/person/1> foaf:name "Jane Doe" .\n'
    )
    assert same_graph(response, expected)


def test_post_multipart_formdata(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    subject = f"<{update_server.url}/rdf-graph-store/person/1>"
    files = [
        (
            "lastName.ttl",
            (
                "lastName.ttl",
                f'{PREFIXES}{subject} foaf:familyName "Doe" .',
                "text/turtle; charset=utf-8",
            ),
        ),
        (
            "firstName.ttl",
            (
                "firstName.ttl",
                f'{PREFIXES}{subject} foaf:givenName "Jane" .',
                "text/turtle; charset=utf-8",
            ),
        ),
    ]
    assert http.post("/rdf-graph-store/person/1.ttl", files=files).is_success
    response = http.get("/rdf-graph-store/person/1.ttl")
    expected = card(update_server, "Jane Doe") + (
        f'{subject} foaf:givenName "Jane" ; foaf:familyName "Doe" .\n'
    )
    assert same_graph(response, expected)


def test_post_create_new_graph_and_get_it(http: httpx.Client) -> None:
    response = http.post("/rdf-graph-store", content=ALICE, headers=TURTLE)
    assert response.status_code == 201
    location = response.headers["location"]
    assert location.startswith("http://127.0.0.1:")
    again = http.get(location, headers={"Accept": "text/turtle"})
    assert same_graph(again, ALICE)
    # GET of POST after a no-op: reading it twice changes nothing.
    assert same_graph(http.get(location, headers={"Accept": "text/turtle"}), ALICE)


def test_head_on_an_existing_graph(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    response = http.head("/rdf-graph-store/person/1.ttl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert int(response.headers["content-length"]) > 0
    assert response.content == b""


def test_head_on_a_nonexisting_graph(http: httpx.Client) -> None:
    assert http.head("/rdf-graph-store/person/4.ttl").status_code == 404


# -- ducha's own rules ---------------------------------------------------------------------------


def test_graph_store_needs_the_token(update_server: Server) -> None:
    with update_server.client() as anonymous:
        assert anonymous.get("/rdf-graph-store?default").status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert (
            anonymous.put(
                "/rdf-graph-store?default", content=ALICE, headers={**TURTLE, **wrong}
            ).status_code
            == 403
        )


def test_body_that_does_not_parse(http: httpx.Client) -> None:
    response = http.put("/rdf-graph-store?default", content="<a> <b", headers=TURTLE)
    assert response.status_code == 400
    assert "parse" in response.json()["detail"]


def test_body_of_an_unknown_type(http: httpx.Client) -> None:
    response = http.put(
        "/rdf-graph-store?default", content="x", headers={"Content-Type": "image/png"}
    )
    assert response.status_code == 415


def test_graph_of_other_formats(http: httpx.Client, update_server: Server) -> None:
    http.put(
        "/rdf-graph-store/person/1.ttl", content=card(update_server, "Jane Doe"), headers=TURTLE
    )
    for accept, syntax in (
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        response = http.get("/rdf-graph-store/person/1.ttl", headers={"Accept": accept})
        assert response.headers["content-type"].startswith(accept)
        got = Graph().parse(data=response.text, format=syntax)
        assert isomorphic(got, Graph().parse(data=card(update_server, "Jane Doe"), format="turtle"))
