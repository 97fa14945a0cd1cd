"""Expected answers of the catalogue queries that tests/test_queries.py does not cover.

Every expected value was written by reading the report texts (service/samples, the seeds,
tests/data/catalogue), not from ducha's output; the sentence each one comes from is quoted
beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from ducha.loaders.store import Store
from ducha.queries.catalogue import get_query
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "service" / "samples"
CATALOGUE = ROOT / "tests" / "data" / "catalogue"
SEEDS = ROOT.parent / "shared" / "seeds"
GUIZHOU_SEED = "001_dfd117c0899df549.txt"
ELI = "https://w3id.org/ducha/id/eli/cn/"
WATER_LAW = ELI + "law/1988/water-law"
WATER_POLLUTION_LAW = ELI + "law/1984/water-pollution-prevention-and-control-law"
INSPECTION_WORK_RULES = (
    ELI + "party-regulation/2019/central-eco-environmental-protection-inspection-work-rules"
)
NINGXIA, ACCOUNTABILITY, JIANGSU = (
    "ningxia-eighth-inspectorate-2016.txt",
    "second-round-accountability.txt",
    "jiangsu-fifth-batch-petitions-2022.txt",
)
HEBEI, ANHUI, JIANGXI = (
    "hebei-paper-mill-feedback-2021.txt",
    "anhui-chemical-park-feedback-2021.txt",
    "jiangxi-rectification-sand-2021.txt",
)


def _load(paths: list[Path]) -> Store:
    store = Store.open(None)
    outcomes = load_paths(store, paths, settings=Settings(store=None))
    assert all(o.error is None for o in outcomes), [o.message for o in outcomes]
    return store


@pytest.fixture(scope="module")
def samples() -> Store:
    return _load([SAMPLES / NINGXIA, SAMPLES / ACCOUNTABILITY, SAMPLES / JIANGSU])


@pytest.fixture(scope="module")
def written() -> Store:
    """The short reports of tests/data/catalogue, in the style of service/samples."""
    return _load([CATALOGUE / HEBEI, CATALOGUE / ANHUI, CATALOGUE / JIANGXI])


@pytest.fixture(scope="module")
def seed() -> Store:
    if not (SEEDS / GUIZHOU_SEED).is_file():
        pytest.skip(f"seed {GUIZHOU_SEED} is not in {SEEDS} (the shared seeds are absent)")
    return _load([SEEDS / GUIZHOU_SEED])


def rows(store: Store, name: str, **params: str) -> list[dict[str, Any]]:
    query = get_query(name)
    result = store.query(query.sparql, substitutions=query.bind(params))
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: None if r[n] is None else r[n].value for n in names} for r in result]


# -- unreadable-numbers -----------------------------------------------------------------


def test_unreadable_numbers_find_the_garbled_year(samples: Store) -> None:
    # Ningxia: "Jiang Jufeng pointed out: 21013 years to 2015, ..." (2013 garbled); the
    # other two reports print only readable numbers (truth.json: malformed_numbers []).
    ningxia = samples.report_for_file(NINGXIA)
    found = rows(samples, "unreadable-numbers")
    assert [(r["report"], r["quote"]) for r in found] == [(ningxia, "21013")]
    text = (SAMPLES / NINGXIA).read_text(encoding="utf-8")
    assert text.count("21013") == 1
    assert int(found[0]["start"]) > 0


# -- checked-relations ------------------------------------------------------------------


def test_checked_relations_on_jiangsu_petitions(samples: Store) -> None:
    # "This batch has 94 letters and visits in total. Of the total, 70 ... by telephone calls
    # and 24 came in by letters, and 13 ... were listed as key letters and visits."
    # 70 + 24 = 94 holds; 13 of 94 holds. "50 complaints were about air pollution ... 19, 18,
    # 9, 7, 1 and 12 in turn": 116, more than 94, so each of those parts is a violation.
    jiangsu = samples.report_for_file(JIANGSU)
    found = [
        r
        for r in rows(samples, "checked-relations")
        if r["report"] == jiangsu and r["relation"] == "partOf" and r["targetValue"] == "94"
    ]
    verdicts = {(int(r["value"]), r["verdict"], r["check"]) for r in found}
    assert {(70, "holds", None), (24, "holds", None), (13, "holds", None)} <= verdicts
    for part in (50, 19, 18, 9, 7, 1, 12):
        assert (part, "Violation", "breakdown-sum") in verdicts, part
    violations = [r for r in found if r["verdict"] == "Violation"]
    assert len(violations) == 7
    assert all("116" in r["message"] and "94" in r["message"] for r in violations)


# -- problems-by-regulation -------------------------------------------------------------


def test_problems_by_regulation_on_a_numbered_problem(written: Store) -> None:
    # Jiangxi: problem "1. Rectification of the issue of "sand dug from the Gan River without
    # a permit". ... in violation of the Water Law."; problem 2 names no law.
    jiangxi = written.report_for_file(JIANGXI)
    found = rows(written, "problems-by-regulation", regulation=WATER_LAW)
    assert [(r["report"], r["problemNumber"], r["problemLabel"], r["quote"]) for r in found] == [
        (jiangxi, "1.", "sand dug from the Gan River without a permit", "Water Law")
    ]
    assert found[0]["title"] == "Water Law of the People's Republic of China"


# -- regulations-cited-across-provinces -------------------------------------------------


def test_no_regulation_cited_across_provinces_in_the_samples(samples: Store) -> None:
    # Ningxia cites its own air plan, Jiangsu the Water Law, the petitions report no act.
    assert rows(samples, "regulations-cited-across-provinces") == []


def test_water_pollution_law_cited_in_two_provinces(written: Store) -> None:
    # Hebei: "... into the Fu River ..., in violation of the Water Pollution Prevention and
    # Control Law."; Anhui: "... entered the Huai River without treatment, in violation of the
    # Water Pollution Prevention and Control Law."; Jiangxi cites only the Water Law.
    found = rows(written, "regulations-cited-across-provinces")
    assert [(r["regulation"], r["level"], r["provinces"], r["reports"]) for r in found] == [
        (WATER_POLLUTION_LAW, "law", "2", "2")
    ]
    names = set(found[0]["provinceNames"].split(", "))
    assert {n.removesuffix(" Province") for n in names} == {"Hebei", "Anhui"}


# -- unresolved-mentions ----------------------------------------------------------------


def test_unresolved_mentions_in_the_samples(samples: Store) -> None:
    # Ningxia: 'set in 2014 by the "Ningxia autonomous air pollution control action plan
    # (2013-2017)"' is a local document of Ningxia; the Water Law is a registry act.
    ningxia = samples.report_for_file(NINGXIA)
    found = rows(samples, "unresolved-mentions")
    assert [(r["report"], r["quote"], r["method"], r["place"]) for r in found] == [
        (
            ningxia,
            "Ningxia autonomous air pollution control action plan (2013-2017)",
            "local",
            "Ningxia",
        )
    ]


def test_unresolved_mentions_guizhou_local_measures(seed: Store) -> None:
    # "Measures for the Implementation of Eco-environmental Protection Supervision in Guizhou
    # Province and Measures for the Implementation of Eco-environmental Protection
    # Supervision and Rectification in Guizhou Province were issued ..."
    found = {r["quote"]: r for r in rows(seed, "unresolved-mentions")}
    for title in (
        "Measures for the Implementation of Eco-environmental Protection Supervision in "
        "Guizhou Province",
        "Measures for the Implementation of Eco-environmental Protection Supervision and "
        "Rectification in Guizhou Province",
    ):
        assert (found[title]["method"], found[title]["place"]) == ("local", "Guizhou"), title


# -- implementing-documents -------------------------------------------------------------


def test_guizhou_measures_implement_the_inspection_work_rules(seed: Store) -> None:
    # The measures above implement the 2019 central inspection work rules in Guizhou; the
    # group "formally fed back the supervision report ... on March 18, 2022". The text gives
    # no issue date for the measures, so no day count.
    title = (
        "Measures for the Implementation of Eco-environmental Protection Supervision in "
        "Guizhou Province"
    )
    found = [r for r in rows(seed, "implementing-documents") if r["documentTitle"] == title]
    assert [(r["central"], r["place"], r["feedback"], r["issued"], r["days"]) for r in found] == [
        (INSPECTION_WORK_RULES, "Guizhou", "2022-03-18", None, None)
    ]
