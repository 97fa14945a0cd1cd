"""Bad input against the running server: each gets a clear 4xx or 503, the server keeps
answering other requests, and the store loses nothing.
"""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

import httpx
import pytest
from conftest import QUERY_TIMEOUT_S, SAMPLES, Server

SIMPLE = {"query": "ASK { ?s ?p ?o }"}


def still_serving(client: httpx.Client) -> None:
    started = time.monotonic()
    response = client.get("/sparql", params=SIMPLE)
    assert response.status_code == 200
    assert response.json()["boolean"] is True
    assert time.monotonic() - started < 2.0


def test_one_megabyte_query(client: httpx.Client, server: Server) -> None:
    before = len(server.store)
    padding = "# " + "x" * (1024 * 1024) + "\n"
    response = client.post(
        "/sparql",
        content=padding + "ASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    as_form = client.post("/sparql", data={"query": padding + "ASK {}"})
    assert as_form.status_code == 413
    # A long but reasonable query (60 kB, as long as a GET URL can be) is answered.
    long_get = client.get("/sparql", params={"query": "ASK {} #" + "x" * 60_000})
    assert long_get.status_code == 200
    still_serving(client)
    assert len(server.store) == before


def test_a_query_that_would_run_for_minutes(client: httpx.Client, server: Server) -> None:
    before = len(server.store)
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        slow = pool.submit(client.get, "/sparql", params={"query": endless})
        time.sleep(0.5)
        still_serving(client)  # while the slow one runs
        response = slow.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "limit" in response.json()["detail"]
    assert response.headers["retry-after"]
    assert QUERY_TIMEOUT_S <= elapsed < QUERY_TIMEOUT_S + 5
    still_serving(client)
    assert len(server.store) == before


def test_a_deeply_nested_query(client: httpx.Client) -> None:
    deep = "SELECT * WHERE " + "{" * 20_000 + " ?s ?p ?o " + "}" * 20_000
    response = client.post(
        "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "nests" in response.json()["detail"]
    nested_expression = "SELECT (" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) {}"
    assert client.get("/sparql", params={"query": nested_expression}).status_code == 400
    still_serving(client)


def test_upload_over_the_size_limit(client: httpx.Client, server: Server) -> None:
    reports = len(server.store.reports())
    big = b"Rectification report. " * (server.settings.max_upload_bytes // 20)
    response = client.post("/reports", content=big, headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
    as_file = client.post("/reports", files={"file": ("big.txt", big, "text/plain")})
    assert as_file.status_code == 413
    assert len(server.store.reports()) == reports
    still_serving(client)


def test_binary_upload(client: httpx.Client, server: Server) -> None:
    reports = len(server.store.reports())
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    response = client.post("/reports", files={"file": ("photo.png", png, "image/png")})
    assert response.status_code == 400
    assert response.json()["error"] == "UnreadableInput"
    assert len(server.store.reports()) == reports


def test_text_that_is_not_a_report(client: httpx.Client, server: Server) -> None:
    reports = len(server.store.reports())
    recipe = "Boil two eggs for six minutes. Peel them under cold water and eat them warm.\n" * 5
    response = client.post("/reports?name=recipe.txt", content=recipe.encode())
    assert response.status_code in (400, 422)
    assert len(server.store.reports()) == reports


def test_html_and_script_in_a_report_stay_text(client: httpx.Client, server: Server) -> None:
    text = (SAMPLES / "shaanxi-qinling-villas-2018.txt").read_text(encoding="utf-8")
    hostile = text + '\nA note <script>alert("owned")</script> and <img src=x onerror=alert(1)>.\n'
    response = client.post(
        "/reports", files={"file": ("qinling-with-script.txt", hostile.encode(), "text/plain")}
    )
    assert response.status_code == 201, response.text
    rid = response.json()["id"]
    page = client.get(f"/reports/{rid}", headers={"Accept": "text/html"}).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in page
    deleted = client.delete(f"/reports/{rid}", headers=server.auth)
    assert deleted.status_code == 204
    assert client.get(f"/reports/{rid}").status_code == 404


def test_concurrent_uploads_of_the_same_report(client: httpx.Client, server: Server) -> None:
    data = (SAMPLES / "ningxia-eighth-inspectorate-2016.txt").read_bytes()

    def upload(_: int) -> httpx.Response:
        with server.client() as own:
            return own.post(
                "/reports",
                files={"file": ("ningxia-eighth-inspectorate-2016.txt", data, "text/plain")},
            )

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(upload, range(4)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 200, 201], [r.text for r in responses]
    assert len({r.json()["iri"] for r in responses}) == 1
    listed = [r for r in client.get("/reports").json() if r["fileName"].startswith("ningxia")]
    assert len(listed) == 1
    rid = listed[0]["id"]
    assert client.delete(f"/reports/{rid}").status_code == 401
    assert (
        client.delete(f"/reports/{rid}", headers={"Authorization": "Bearer no"}).status_code == 403
    )
    assert client.delete(f"/reports/{rid}", headers=server.auth).status_code == 204
    assert client.delete(f"/reports/{rid}", headers=server.auth).status_code == 404


def test_upload_file_names_are_only_names(client: httpx.Client, server: Server) -> None:
    data = (SAMPLES / "hainan-accountability-2018.txt").read_bytes()
    response = client.post("/reports?name=../../etc/passwd", content=data)
    assert response.status_code == 201, response.text
    assert response.json()["fileName"] == "passwd"
    assert not Path("/etc/passwd").read_text().startswith("Source:")
    assert client.delete(response.json()["url"], headers=server.auth).status_code == 204


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({"Content-Type": "application/sparql-query"}, b"\xff\xfe not utf-8"),
        ({"Content-Type": "application/x-www-form-urlencoded"}, b"query=%FF%FE"),
        ({"Content-Type": "application/x-www-form-urlencoded"}, b"nothing=here"),
    ],
)
def test_garbled_requests(client: httpx.Client, headers: dict[str, str], body: bytes) -> None:
    response = client.post("/sparql", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["detail"]
