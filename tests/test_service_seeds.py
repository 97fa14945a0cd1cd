"""The acceptance path on the two real seed reports: serve them, run a catalogue query, and
click through from a figure to the sentence behind it.

Seed 000 (Guangxi) says the sewage outlets of urban built-up areas were investigated "with
a length of 4,983 kilometers and a total of 9,583 registered sewage outlets".
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from conftest import SEEDS, Server, running_server

pytestmark = pytest.mark.seeds

FIGURE = """
SELECT ?figure WHERE {
  ?figure a ducha:ReportedFigure ; ducha:value ?v ; ducha:unit ducha:kilometre .
  FILTER(?v = 4983)
}
"""


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    seeds = tuple(sorted(SEEDS.glob("*.txt"))) if SEEDS.is_dir() else ()
    if len(seeds) < 2:
        pytest.skip(f"the seed reports are not in {SEEDS}")
    with running_server(tmp_path_factory.mktemp("seed-store"), seeds) as running:
        yield running


def test_seed_reports_are_served(seed_server: Server) -> None:
    with seed_server.client() as http:
        reports = http.get("/reports").json()
        assert sorted(r["fileName"] for r in reports) == sorted(p.name for p in SEEDS.glob("*.txt"))
        assert all(r["figures"] > 20 for r in reports)
        answer = http.get("/queries/completion-figures", headers={"Accept": "text/csv"})
        assert answer.status_code == 200
        assert len(answer.text.splitlines()) > 1


def test_click_through_to_the_sentence_behind_a_figure(seed_server: Server) -> None:
    with seed_server.client() as http:
        rows = http.get("/sparql", params={"query": FIGURE}).json()["results"]["bindings"]
        assert len(rows) == 1
        figure = rows[0]["figure"]["value"]
        rid = figure.split("/report/")[1].split("/")[0]
        report_page = http.get(f"/reports/{rid}", headers={"Accept": "text/html"}).text
        assert f'href="{figure.removeprefix(seed_server.url)}"' in report_page
        page = httpx.get(figure, headers={"Accept": "text/html"}).text
        assert "<mark>4,983" in page
        assert "with a length of <mark>" in page
        assert "9,583 registered sewage outlets" in page
