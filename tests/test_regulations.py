"""Named documents: quoted and unquoted titles, slogans, attributes and roles."""

from __future__ import annotations

import doctest
from pathlib import Path

import ducha.loaders.doctitles
import ducha.loaders.quotes
import ducha.loaders.regulations
import pytest
from ducha.loaders.model import Entity, Extraction
from ducha.loaders.quotes import quoted_spans
from ducha.loaders.regulations import extract_regulations, normalise_title
from truth_scores import SAMPLES, score_kind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

# The documents seed 000 names in quotes, each by the first words of its title (read by
# hand from the report; whole titles are not copied here).
SEED_000_TITLES = [
    "Eighth Inspection Group of the",
    "Learning System for the",
    "Notice on Clarifying",
    "Key Points of the Work",
    "2023 Party and Government Leaders",
    "Notice on Adjusting",
    "Guangxi Maowei Sea",
    "Guangxi Zhuang Autonomous Region Implementation",
    "14th Five-Year Plan for",
    "Key Tasks for Responding",
    "Implementation Plan for Synergy",
    'Guangxi Zhuang Autonomous Region "Two High"',
    "Guiding Opinions on Promoting",
    "Classification Construction Standards",
    "2023 Guidance Plan",
    "Implementation Plan for the Prevention",
    "Letter on Further Improving",
    "Guangxi Zhuang Autonomous Region Ecological and Environmental Administrative",
    "Technical Guiding Opinions",
    "Guiding Opinions on the Construction",
    "Rules for the Work of Discipline",
    "Guidelines for the Supervision",
    "Rules for the Supervision and Enforcement",
    "Regulations on the Implementation",
    "Rules for the Work of the Discipline",
    "Notice of the Department",
    "Interim Measures for",
    "Working Rules for",
    "Meeting System",
    "Measures for the Party Group",
    "Opinions on Further Strengthening",
    "Regulations on the Work of the Party Group",
    '"Triple and One Major" Decision-making System',
    "2023 Cadre Work Plan",
    "Clean-up Plan for",
    "Work Plan for the Acceptance",
]

# The unquoted titles of seed 001 the issue names.
SEED_001_TITLES = [
    "Measures for the Implementation of Eco-environmental Protection Supervision in Guizhou "
    "Province",
    "Measures for the Implementation of Eco-environmental Protection Supervision and "
    "Rectification in Guizhou Province",
    "Three-year Action Plan for Urban Domestic Sewage Treatment in Guizhou Province (2022-2024)",
    "Action Plan for the Treatment of Domestic Waste in Guizhou Province",
]

SLOGANS = [
    "two high",
    "road map",
    "construction drawing",
    "first topic",
    "one post and two responsibilities",
    "registering accounts, checking accounts, and canceling accounts",
]


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("the seed reports are not in ../shared/seeds")
    return path.read_text(encoding="utf-8")


def _by_name(found: Extraction) -> dict[str, Entity]:
    return {e.name: e for e in found.entities}


def _roles(found: Extraction, key: str) -> list[str | None]:
    return [m.role for m in found.mentions if m.entity == key]


def test_development_reports_score() -> None:
    score = score_kind("regulations")
    assert score.precision >= 0.8, score.extras
    assert score.recall >= 0.8, score.misses


def test_seed_000_quoted_titles() -> None:
    found = extract_regulations(_seed("000_f20d1e9dac4159b8.txt"))
    names = [e.name for e in found.entities]
    for start in SEED_000_TITLES:
        assert sum(n.startswith(start) for n in names) == 1, start
    assert "14th Five-Year Plan" in names
    lowered = {normalise_title(n) for n in names} | {
        normalise_title(a) for e in found.entities for a in e.aliases if a != "Two High"
    }
    assert not lowered & {normalise_title(s) for s in SLOGANS}
    documents = _by_name(found)
    notice = next(e for n, e in documents.items() if n.startswith("Notice on Clarifying"))
    assert notice.attributes["document_type"] == "notice"
    assert _roles(found, notice.key) == ["issues"]
    plan = next(e for n, e in documents.items() if n.startswith("Guangxi Maowei Sea"))
    assert plan.attributes["place"] == "Guangxi"
    assert _roles(found, plan.key) == [None]  # followed, not issued
    regulation = next(e for n, e in documents.items() if n.startswith("Regulations on the Work"))
    assert regulation.attributes["document_type"] == "partyRegulation"
    # A self-check "whether there is a violation of" it is not a violation.
    assert _roles(found, regulation.key) == [None]
    implementing = next(e for n, e in documents.items() if n.startswith("Regulations on the Impl"))
    assert implementing.attributes["implements"] == "supervision-law"
    law = {e.key: e for e in found.entities}["supervision-law"]
    assert law.attributes["document_type"] == "law"
    meeting = documents["Meeting System"]
    assert meeting.attributes["issuer"] == "guangxi-department-of-ecology-and-environment"


def test_seed_001_unquoted_titles() -> None:
    found = extract_regulations(_seed("001_dfd117c0899df549.txt"))
    documents = _by_name(found)
    for title in SEED_001_TITLES:
        assert title in documents, title
        assert documents[title].attributes["place"] == "Guizhou"
        assert _roles(found, documents[title].key) == ["issues"]
    assert documents[SEED_001_TITLES[2]].attributes["year"] == "2022"
    assert documents[SEED_001_TITLES[0]].attributes["document_type"] == "measures"
    program = next(n for n in documents if n.startswith("Work Program for"))
    assert "Heavy Metal Pollution in Guizhou Province" in program
    assert not {normalise_title(n) for n in documents} & {normalise_title(s) for s in SLOGANS}


def test_laws_and_roles_in_development_reports() -> None:
    found = extract_regulations(
        (SAMPLES / "guangdong-raw-sewage-2017.txt").read_text(encoding="utf-8")
    )
    (law,) = found.entities
    assert (law.name, law.attributes["year"], law.attributes["document_type"]) == (
        "Water Protection Law",
        "2008",
        "law",
    )
    assert _roles(found, law.key) == ["violates"]
    shanxi = extract_regulations((SAMPLES / "shanxi-feedback-2017.txt").read_text(encoding="utf-8"))
    assert sorted(e.name for e in shanxi.entities) == [
        "environmental protection regulations",
        "regulations on the ecological restoration of Fenhe River Basin",
        "regulations on the water resources protection of spring catchments",
    ]
    assert {m.role for m in shanxi.mentions} == {"issues"}


def test_two_unquoted_titles_joined_by_and_the() -> None:
    text = (
        "Hunan Province issued the Three-year Action Plan for the Prevention and Control of "
        "Heavy Metal Pollution in the Xiangjiang River Basin of Hunan Province (2022-2024) and "
        "the Work Program for the Comprehensive Treatment of Cadmium Pollution in Farmland."
    )
    found = extract_regulations(text)
    assert [e.name for e in found.entities] == [
        "Three-year Action Plan for the Prevention and Control of Heavy Metal Pollution in the "
        "Xiangjiang River Basin of Hunan Province (2022-2024)",
        "Work Program for the Comprehensive Treatment of Cadmium Pollution in Farmland",
    ]
    # "Prevention and Control" joins words of one title: no document head follows it.
    one = extract_regulations(
        "They issued the Regulations on the Prevention and Control of Water Pollution."
    )
    assert [e.name for e in one.entities] == [
        "Regulations on the Prevention and Control of Water Pollution"
    ]


def test_the_civil_code_is_a_law_quoted_or_not() -> None:
    text = (
        "The Civil Code of the People's Republic of China was strictly implemented. Disputes "
        'were settled according to the "Civil Code of the People\'s Republic of China". '
        "Visitors showed the Health Code and scanned the QR Code."
    )
    found = extract_regulations(text)
    assert [(e.name, e.attributes["document_type"]) for e in found.entities] == [
        ("Civil Code of the People's Republic of China", "law")
    ]
    assert len(found.mentions) == 2


def test_same_title_same_key() -> None:
    one = extract_regulations(
        'They studied the "Environmental Protection Law of the People\'s Republic of China".'
    )
    other = extract_regulations("The Environmental Protection Law was passed.")
    assert [e.key for e in one.entities] == [e.key for e in other.entities]
    assert [e.key for e in other.entities] == ["environmental-protection-law"]


def test_mentions_quote_the_title() -> None:
    text = _seed("000_f20d1e9dac4159b8.txt")
    found = extract_regulations(text)
    for mention in found.mentions:
        quoted = text[mention.span.start : mention.span.end]
        assert quoted == quoted.strip() and quoted


def test_quoted_spans() -> None:
    nested = 'issue the "Opinions on the "Two High" Projects" and a "road map".'
    assert [nested[s:e] for s, e in quoted_spans(nested)] == [
        'Opinions on the "Two High" Projects',
        "road map",
    ]
    curly = "the “Notice on Work” was issued"
    assert [curly[s:e] for s, e in quoted_spans(curly)] == ["Notice on Work"]
    unclosed = 'Issued the "Region "Two High" Management Measures, regularly checked.\nNext'
    assert quoted_spans(unclosed) == []
    assert [unclosed[s:e] for s, e in quoted_spans(unclosed, lambda t, s, e: t.index(",", s))] == [
        'Region "Two High" Management Measures'
    ]


def test_docstring_examples() -> None:
    assert doctest.testmod(ducha.loaders.regulations).failed == 0
    assert doctest.testmod(ducha.loaders.quotes).failed == 0
    assert doctest.testmod(ducha.loaders.doctitles).failed == 0
