"""Party bodies, state bodies and inspection groups: names, keys, parents, anaphora."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import ducha.loaders.bodynames
import ducha.loaders.bodyunits
import ducha.loaders.organizations
import pytest
from ducha.loaders.model import Entity, EntityKind, Extraction
from ducha.loaders.organizations import extract_organizations, home_province
from truth_scores import SAMPLES, score_aliases, score_kind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("the seed reports are not in ../shared/seeds")
    return path.read_text(encoding="utf-8")


def _by_name(found: Extraction) -> dict[str, Entity]:
    return {e.name: e for e in found.entities}


@pytest.mark.parametrize("kind", ["inspection_groups", "party_bodies", "government_bodies"])
def test_development_reports_score(kind: str) -> None:
    score = score_kind(kind)
    assert score.precision >= 0.8, score.extras
    assert score.recall >= 0.8, score.misses


def test_aliases_score() -> None:
    score = score_aliases()
    assert score.precision >= 0.8, score.extras
    assert score.recall >= 0.8, score.misses


def test_mentions_quote_the_text() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = extract_organizations(text)
        keys = {e.key for e in found.entities}
        for mention in found.mentions:
            assert mention.entity in keys
            assert text[mention.span.start : mention.span.end].strip()


def test_acronyms_resolve_to_one_body() -> None:
    text = (
        "The Ministry of Ecology and Environment (MEE) said the MEE will act. The Central "
        "Commission for Discipline Inspection said so on the website of the CCDI."
    )
    bodies = _by_name(extract_organizations(text))
    assert bodies["Ministry of Ecology and Environment"].aliases == {"MEE"}
    assert bodies["Central Commission for Discipline Inspection"].kind is EntityKind.PARTY_BODY
    assert "CCDI" in bodies["Central Commission for Discipline Inspection"].aliases


def test_generic_plurals_and_indefinites_are_not_bodies() -> None:
    text = (
        "Hunan said local governments, relevant departments and Party committees (Party "
        "groups) at all levels must act. An inspection team came. The inspection teams left. "
        "Hunan was told."
    )
    assert extract_organizations(text).entities == []


def test_same_body_gets_one_key_in_two_reports() -> None:
    keys = set()
    for name in ("black-odorous-water-70-cities-2018.txt", "shanghai-feedback-2020.txt"):
        found = extract_organizations((SAMPLES / name).read_text(encoding="utf-8"))
        keys |= {e.key for e in found.entities if e.name == "Ministry of Ecology and Environment"}
    assert keys == {"ministry-of-ecology-and-environment"}


def test_bare_head_refers_back() -> None:
    text = (
        "The Ministry of Ecology and Environment said on Monday that the ministry will publish "
        "the report in Hunan. The ministry added that Hunan has done well."
    )
    found = extract_organizations(text)
    assert [e.name for e in found.entities] == ["Ministry of Ecology and Environment"]
    assert len(found.mentions) == 3


def test_unnumbered_group_is_the_numbered_one() -> None:
    text = (
        "Petition letters handed over by the Central Environmental Protection Inspectorate. "
        "On September 4th the 2nd Central Environmental Protection Inspectorate handed the "
        "letters to Zhejiang. Zhejiang answered."
    )
    (group,) = extract_organizations(text).entities
    assert group.kind is EntityKind.INSPECTION_GROUP
    assert group.name == "2nd Central Environmental Protection Inspectorate"
    assert group.aliases == {"Central Environmental Protection Inspectorate"}


def test_short_group_name_is_the_one_fuller_group() -> None:
    text = (
        "Shandong discloses the petitions handed over by the central inspection group\n\n"
        "The department released the petitions handed over by the Second Central Ecological "
        "and Environmental Protection Inspection Group in Shandong."
    )
    groups = [
        e for e in extract_organizations(text).entities if e.kind is EntityKind.INSPECTION_GROUP
    ]
    assert [g.name for g in groups] == [
        "Second Central Ecological and Environmental Protection Inspection Group"
    ]
    assert groups[0].aliases == {"central inspection group"}


def test_numbered_short_group_name_is_the_group_named_with_its_owner() -> None:
    text = (
        "From May 10 to June 30, the Third Inspection Group of the Yunnan Provincial Party "
        "Committee conducted a routine inspection of the Party Group of the Department of "
        "Ecology and Environment. On August 2, the Third Inspection Group gave feedback. The "
        "Fourth Inspection Group inspected another department."
    )
    groups = [
        e for e in extract_organizations(text).entities if e.kind is EntityKind.INSPECTION_GROUP
    ]
    names = sorted(g.name for g in groups)
    assert names == [
        "Fourth Inspection Group",
        "Third Inspection Group of the Yunnan Provincial Party Committee",
    ]
    third = next(g for g in groups if g.name.startswith("Third"))
    assert third.aliases == {"Third Inspection Group"}


def test_short_group_name_stays_apart_when_two_groups_fit() -> None:
    text = (
        "The central inspection group came. The First Central Environmental Protection "
        "Inspection Group and the Second Central Environmental Protection Inspection Group "
        "went to Hunan and Hubei."
    )
    groups = [
        e for e in extract_organizations(text).entities if e.kind is EntityKind.INSPECTION_GROUP
    ]
    assert len(groups) == 3


def test_organ_named_after_its_owner_is_one_body() -> None:
    text = (
        "The Heilongjiang Provincial Commission for Discipline Inspection, together with the "
        "provincial Party committee organization department, investigated 9 problems in "
        "Heilongjiang."
    )
    bodies = _by_name(extract_organizations(text))
    assert set(bodies) == {
        "Heilongjiang Provincial Commission for Discipline Inspection",
        "Heilongjiang provincial Party committee organization department",
    }
    department = bodies["Heilongjiang provincial Party committee organization department"]
    assert department.kind is EntityKind.PARTY_BODY
    # The same organ named with "of" is the same node.
    other = extract_organizations(
        "The Organization Department of the Heilongjiang Provincial Party Committee met."
    )
    assert department.key in {e.key for e in other.entities}


def test_subject_of_a_document_title_is_not_a_body() -> None:
    text = (
        'The "Regulations of Gansu Province on the Administration of the Qilian Mountains '
        "National Nature Reserve\" were revised by the Gansu Provincial People's Government."
    )
    assert [e.name for e in extract_organizations(text).entities] == [
        "Gansu Provincial People's Government"
    ]
    named = extract_organizations(
        "The State Forestry Administration inspected the reserve and reported on the National "
        "Forestry and Grassland Administration."
    )
    assert [e.name for e in named.entities] == [
        "State Forestry Administration",
        "National Forestry and Grassland Administration",
    ]


def test_an_administration_a_title_is_about_is_not_a_body() -> None:
    text = (
        "Hubei enforced the Land Administration Law of the People's Republic of China, the "
        '"Regulations on Pesticide Administration" and the Regulations on the Supervision and '
        "Administration of Civil Nuclear Safety Equipment, and the Hubei Provincial Forestry "
        'Administration issued the "Notice of the State Forestry Administration on Land '
        'Administration" in Hubei.'
    )
    names = sorted(e.name for e in extract_organizations(text).entities)
    assert len(names) == 2
    assert names[0] == "Hubei Provincial Forestry Administration"
    assert names[1].endswith("State Forestry Administration")  # the author of the notice


def test_long_lower_case_names() -> None:
    text = (SAMPLES / "qinghai-muli-river-acceptance.txt").read_text(encoding="utf-8")
    bodies = _by_name(extract_organizations(text))
    assert set(bodies) == {
        "Qinghai province Muli mining area ecological environment comprehensive management office",
        "leading group for the comprehensive management of the ecological environment of the "
        "Muli mining area and the natural protection zone of Qilian Mountains",
        "Qinghai Provincial Water Resources Department",
    }
    assert all(e.kind is EntityKind.GOVERNMENT_BODY for e in bodies.values())


def test_leading_group_task_ends_before_a_verb_or_another_body() -> None:
    text = (
        "The leading group for ecological protection of the Yellow River organized a meeting "
        "in Henan, and the leading group for water control and the provincial government met. "
        "The leading group for flood control met in Henan."
    )
    names = sorted(e.name for e in extract_organizations(text).entities)
    assert names == [
        "Henan provincial government",
        "leading group for ecological protection of the Yellow River",
        "leading group for flood control",
        "leading group for water control",
    ]


def test_municipal_body_takes_a_city_the_gazetteer_knows() -> None:
    text = (
        "Vice Minister Zhao Yingmin led an inspection team to Anyang, told the municipal "
        "government about the problems found and asked for action."
    )
    (government,) = extract_organizations(text).entities
    assert (government.name, government.key) == ("Anyang municipal government", "anyang-government")
    assert government.aliases == {"municipal government"}


def test_home_province() -> None:
    assert home_province("Guizhou Province ... Guizhou ... Hunan") == "Guizhou"
    assert home_province("Fujian, Henan, Hainan. Fujian, Henan, Hainan.") is None
    assert home_province("only Qinghai is named here") is None
    assert home_province("only Qinghai is named here", sole=True) == "Qinghai"
    assert home_province("Qinghai once, Gansu once", sole=True) is None


def test_seed_000_department_and_its_party_group() -> None:
    found = extract_organizations(_seed("000_f20d1e9dac4159b8.txt"))
    bodies = {e.key: e for e in found.entities}
    department = bodies["guangxi-department-of-ecology-and-environment"]
    assert department.name == (
        "Department of Ecology and Environment of the Guangxi Zhuang Autonomous Region"
    )
    assert department.kind is EntityKind.GOVERNMENT_BODY
    assert "Department" in department.aliases
    assert "Autonomous Region Department of Ecology and Environment" in department.aliases
    group = bodies["guangxi-party-group-of-department-of-ecology-and-environment"]
    assert group.kind is EntityKind.PARTY_BODY
    assert group.parent == department.key
    assert {"Party Group", "party group of the department"} <= group.aliases
    inspectors = bodies["guangxi-eighth-inspection-group-of-party-committee"]
    assert inspectors.kind is EntityKind.INSPECTION_GROUP
    committee = bodies["guangxi-party-committee"]
    assert committee.name == "Party Committee of the Guangxi Zhuang Autonomous Region"
    assert bodies["hechi-government"].kind is EntityKind.GOVERNMENT_BODY
    assert bodies["ministry-of-ecology-and-environment"].aliases == {"MEE"}


def test_seed_001_provincial_bodies() -> None:
    found = extract_organizations(_seed("001_dfd117c0899df549.txt"))
    bodies = {e.key: e for e in found.entities}
    assert bodies["guizhou-government"].name == "Guizhou provincial government"
    assert bodies["guizhou-party-committee"].name == "Guizhou Provincial Party Committee"
    standing = bodies["guizhou-standing-committee-of-party-committee"]
    assert standing.parent == "guizhou-party-committee"
    groups = [e for e in found.entities if e.kind is EntityKind.INSPECTION_GROUP]
    assert [g.name for g in groups] == [
        "Second Eco-environmental Protection Supervision Group of the Central Committee"
    ]
    # "Provincial Party committees and provincial governments" (plural) is not a body.
    assert all("committees" not in alias for e in found.entities for alias in e.aliases)


def test_docstring_examples() -> None:
    assert doctest.testmod(ducha.loaders.organizations).failed == 0
    assert doctest.testmod(ducha.loaders.bodynames).failed == 0
    assert doctest.testmod(ducha.loaders.bodyunits).failed == 0


def test_no_province_name_contains_another_so_one_search_counts_them_all() -> None:
    from ducha.loaders.lang.en import bodies as en

    for name in en.PROVINCES:
        for other in en.PROVINCES:
            if name != other:
                assert re.search(rf"\b{re.escape(other)}\b", name) is None, (name, other)
