"""``/regulations``: registry search and the page of one act, against a real server.

The bundled sample second-round-accountability.txt says Zhenjiang City "failed to include
all the projects that occupy rivers in violation of the Water Law", which resolves to the
registry's Water Law (中华人民共和国水法); its page must show that sentence and link to it.
On the seeds, 000 (Guangxi) names the Regulations on the Implementation of the Supervision
Law, and 001 (Guizhou) issued "Measures for the Implementation of Eco-environmental
Protection Supervision in Guizhou Province", a local document implementing the 2019 central
inspection work rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from conftest import SAMPLES, SEEDS, Server, running_server

WATER_LAW = "cn/law/1988/water-law"
WATER_POLLUTION_LAW = "cn/law/1984/water-pollution-prevention-and-control-law"
SAMPLE = "second-round-accountability.txt"


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("regulations-store"), (SAMPLES / SAMPLE,)) as s:
        yield s


@pytest.fixture
def http(sample_server: Server) -> Iterator[httpx.Client]:
    with sample_server.client() as client:
        yield client


def _sample_id(http: httpx.Client) -> str:
    reports = http.get("/reports").json()
    (found,) = [r["id"] for r in reports if r["fileName"] == SAMPLE]
    return str(found)


def _search(http: httpx.Client, **params: str) -> list[dict[str, Any]]:
    answer = http.get("/regulations", params=params, headers={"Accept": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    items: list[dict[str, Any]] = answer.json()
    return items


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Water Pollution Prevention and Control Law",
        "Law on the Prevention and Control of Water Pollution",
        "Law of the People's Republic of China on Prevention and Control of Water Pollution",
    ],
)
def test_search_finds_the_water_pollution_law_by_an_english_rendering(
    http: httpx.Client, sample_server: Server, query: str
) -> None:
    first = _search(http, q=query)[0]
    assert first["iri"] == f"{sample_server.settings.base_iri}eli/{WATER_POLLUTION_LAW}"
    assert first["title_zh"] == "中华人民共和国水污染防治法"
    assert first["level"] == "law"
    assert first["method"] in ("exact", "alias")
    assert first["score"] >= 0.98
    assert set(first) == {"iri", "title_zh", "title_en", "level", "score", "method"}


@pytest.mark.parametrize("query", ["中华人民共和国水污染防治法", "《水污染防治法》"])
def test_search_finds_the_water_pollution_law_by_its_chinese_title(
    http: httpx.Client, query: str
) -> None:
    first = _search(http, q=query)[0]
    assert first["iri"].endswith(WATER_POLLUTION_LAW)
    assert (first["method"], first["score"]) == ("exact", 1.0)


def test_chinese_substring_search_lists_every_title_containing_it(http: httpx.Client) -> None:
    found = _search(http, q="水污染防治", lang="zh")
    titles = [item["title_zh"] for item in found]
    assert "中华人民共和国水污染防治法" in titles
    assert "水污染防治行动计划" in titles  # the Water Ten Articles
    assert all("水污染防治" in title for title in titles)
    assert {item["method"] for item in found} == {"substring"}
    # Asked for Chinese titles, English words match nothing.
    assert _search(http, q="water pollution", lang="zh") == []


def test_water_law_is_not_the_water_pollution_law(http: httpx.Client) -> None:
    found = _search(http, q="Water Law")
    assert found[0]["iri"].endswith(WATER_LAW)
    assert found[0]["title_zh"] == "中华人民共和国水法"


def test_unknown_title_gives_an_empty_list(http: httpx.Client) -> None:
    assert _search(http, q="Regulations on Interplanetary Mining Licences") == []
    page = http.get("/regulations", params={"q": "Interplanetary"}, headers={"Accept": "text/html"})
    assert "No act in the registry matches" in page.text


def test_without_a_query_every_act_is_listed_and_level_filters(http: httpx.Client) -> None:
    everything = _search(http)
    assert len(everything) >= 150
    assert {item["method"] for item in everything} == {"registry"}
    plans = _search(http, level="plan")
    assert plans and {item["level"] for item in plans} == {"plan"}
    laws = _search(http, q="pollution", level="law")
    assert laws and {item["level"] for item in laws} == {"law"}


def test_bad_parameters_are_refused(http: httpx.Client) -> None:
    for params in ({"level": "statute"}, {"lang": "fr"}, {"q": "x" * 600}):
        answer = http.get("/regulations", params=params)
        assert answer.status_code in (400, 422), params
    assert http.get("/regulations", params={"format": "csv"}).status_code == 406


def test_search_page_is_html_and_escaped(http: httpx.Client) -> None:
    attack = "<script>alert('x')</script>"
    page = http.get("/regulations", params={"q": attack}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text
    assert "&lt;script&gt;" in page.text
    found = http.get("/regulations", params={"q": "Water Law"}, headers={"Accept": "text/html"})
    assert f'href="/regulations/{WATER_LAW}"' in found.text
    assert "中华人民共和国水法" in found.text


# -- the page of one act ----------------------------------------------------------------------


def test_water_law_page_lists_the_citing_report_and_sentence(http: httpx.Client) -> None:
    rid = _sample_id(http)
    page = http.get(f"/regulations/{WATER_LAW}", params={"format": "json"}).json()
    assert page["title_zh"] == "中华人民共和国水法"
    assert page["title_en"] == "Water Law of the People's Republic of China"
    assert page["level"] == "law"
    assert page["dataset"] == "registry/cn"
    # The 2016 amendment of the Water Law is one of its versions.
    assert "2016-07-02" in [v["date"] for v in page["versions"]]
    (citation,) = page["citations"]
    assert citation["report_id"] == rid
    assert citation["quote"] == "Water Law"
    assert citation["before"].endswith("projects that occupy rivers in violation of the ")
    assert citation["before"].startswith("Zhenjiang City failed to include")
    assert citation["role"] == "violates"
    assert citation["method"] == "exact"
    assert citation["link"].startswith(f"/ui/reports/{rid}#at-")


def test_the_sentence_links_to_its_line_of_the_report_page(http: httpx.Client) -> None:
    rid = _sample_id(http)
    (citation,) = http.get(f"/regulations/{WATER_LAW}", params={"format": "json"}).json()[
        "citations"
    ]
    html = http.get(f"/regulations/{WATER_LAW}", headers={"Accept": "text/html"}).text
    assert "<mark>Water Law</mark>" in html
    assert "in violation of the <mark>" in html
    anchor = re.search(rf'href="/ui/reports/{rid}#(at-\d+)"', html)
    assert anchor is not None
    report_page = http.get(f"/ui/reports/{rid}").text
    line = re.search(rf'id="{anchor.group(1)}">\s*<p[^>]*>(.*?)</p>', report_page, re.S)
    # That line holds the words, highlighted as the mention.
    assert line is not None
    assert f'data-iri="{citation["mention"]}"' in line.group(1)
    assert "failed to include all the projects that occupy rivers" in line.group(1)
    # Titles with quotes are escaped, never raw.
    assert "Water Law of the People&#39;s Republic of China" in html


def test_page_as_turtle_has_the_act_and_its_citation(
    http: httpx.Client, sample_server: Server
) -> None:
    answer = http.get(f"/regulations/{WATER_LAW}", headers={"Accept": "text/turtle"})
    assert answer.headers["content-type"].startswith("text/turtle")
    triples = {q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.TURTLE)}
    act = ox.NamedNode(f"{sample_server.settings.base_iri}eli/{WATER_LAW}")
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    assert ox.Triple(act, title, ox.Literal("中华人民共和国水法", language="zh")) in triples
    report = ox.NamedNode(f"{sample_server.settings.base_iri}report/{_sample_id(http)}")
    cited = ox.NamedNode("https://w3id.org/ducha/ontology#citedIn")
    assert ox.Triple(act, cited, report) in triples


def test_other_forms_of_the_iri_redirect_to_the_page(
    http: httpx.Client, sample_server: Server
) -> None:
    full = f"{sample_server.settings.base_iri}eli/{WATER_LAW}"
    for form in (full, f"eli/{WATER_LAW}", f"dr:eli/{WATER_LAW}"):
        answer = http.get(f"/regulations/{form}", params={"format": "json"})
        assert answer.status_code == 301, form
        assert answer.headers["location"] == f"/regulations/{WATER_LAW}?format=json"
    version = http.get(f"/regulations/{WATER_LAW}/2016-07-02")
    assert version.status_code == 303
    assert version.headers["location"] == f"/regulations/{WATER_LAW}#version-2016-07-02"
    html = http.get(f"/regulations/{WATER_LAW}", headers={"Accept": "text/html"}).text
    assert 'id="version-2016-07-02"' in html


def test_unknown_act_is_404(http: httpx.Client) -> None:
    for path in ("cn/law/1988/no-such-law", "nothing-here", "cn/law/../../report"):
        answer = http.get(f"/regulations/{path}", headers={"Accept": "application/json"})
        assert answer.status_code == 404, path
        assert answer.json()["error"] == "NotFound"


def test_page_of_an_uncited_act_has_no_citations(http: httpx.Client) -> None:
    page = http.get(f"/regulations/{WATER_POLLUTION_LAW}", params={"format": "json"}).json()
    assert page["title_zh"] == "中华人民共和国水污染防治法"
    assert page["citations"] == [] and page["items"] == []
    # Revised in 2017 (in force 2018-01-01): one of its versions.
    assert "2017-06-27" in [v["date"] for v in page["versions"]]


def test_a_store_without_the_registry_still_shows_the_act(update_server: Server) -> None:
    with update_server.client() as client:
        page = client.get(f"/regulations/{WATER_LAW}", params={"format": "json"})
        assert page.status_code == 200
        assert page.json()["title_zh"] == "中华人民共和国水法"


# -- the seeds --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    seeds = tuple(sorted(SEEDS.glob("*.txt"))) if SEEDS.is_dir() else ()
    if len(seeds) < 2:
        pytest.skip(f"the seed reports are not in {SEEDS}")
    with running_server(tmp_path_factory.mktemp("regulations-seed-store"), seeds) as running:
        yield running


@pytest.mark.seeds
def test_seed_000_cites_the_supervision_law_implementing_regulations(seed_server: Server) -> None:
    with seed_server.client() as client:
        reports = {r["fileName"]: r["id"] for r in client.get("/reports").json()}
        path = "cn/administrative-regulation/2021/supervision-law-implementing-regulations"
        page = client.get(f"/regulations/{path}", params={"format": "json"}).json()
        assert page["title_zh"] == "中华人民共和国监察法实施条例"
        assert [link["url"] for link in page["implements"]] == [
            "/regulations/cn/law/2018/supervision-law"
        ]
        cited = {c["report_id"] for c in page["citations"]}
        assert cited == {reports["000_f20d1e9dac4159b8.txt"]}
        assert all("Supervision Law" in c["quote"] for c in page["citations"])


@pytest.mark.seeds
def test_seed_001_guizhou_measures_implement_the_inspection_rules(seed_server: Server) -> None:
    with seed_server.client() as client:
        rules = (
            "cn/party-regulation/2019/central-eco-environmental-protection-inspection-work-rules"
        )
        page = client.get(f"/regulations/{rules}", params={"format": "json"}).json()
        guizhou = [d for d in page["implemented_by"] if d["place"] == "Guizhou"]
        assert len(guizhou) == 1
        local = client.get(guizhou[0]["url"], params={"format": "json"}).json()
        assert local["level"] == "local-document"
        assert local["place"] == "Guizhou"
        assert "Guizhou Province" in local["title_en"]
        assert [link["url"] for link in local["implements"]] == [f"/regulations/{rules}"]
        seed = {r["fileName"]: r["id"] for r in client.get("/reports").json()}
        (citation,) = local["citations"]
        assert citation["report_id"] == seed["001_dfd117c0899df549.txt"]
        assert citation["method"] == "local"
        html = client.get(f"/regulations/{rules}", headers={"Accept": "text/html"}).text
        assert "Documents implementing it" in html and "Guizhou" in html
