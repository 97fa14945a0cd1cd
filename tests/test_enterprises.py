"""Enterprises and named projects, with short forms as aliases of the full legal name."""

from __future__ import annotations

from pathlib import Path

import pytest
from ducha.loaders.enterprises import extract_enterprises
from ducha.loaders.model import EntityKind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is absent (../shared/seeds is not checked out)")
    return path.read_text(encoding="utf-8")


def test_guangxi_seed_enterprises() -> None:
    text = seed("000_f20d1e9dac4159b8.txt")
    found = extract_enterprises(text)
    firms = {e.key: e for e in found.entities}
    yinyi = firms["guangxi-yinyi-new-materials-co-ltd"]
    assert (yinyi.name, yinyi.subtype) == ("Guangxi Yinyi New Materials Co., Ltd.", "company")
    assert "Yinyi Company" in yinyi.aliases
    assert {m.span.quote(text) for m in found.mentions if m.entity == yinyi.key} == {
        "Guangxi Yinyi New Materials Co., Ltd.",
        "Yinyi Company",
    }
    assert firms["jinhe-metallurgical-chemical-plant"].subtype == "plant"
    assert all(m.kind is EntityKind.ENTERPRISE and m.span.quote(text) for m in found.mentions)
    assert not any("Party" in e.name or "Group" in e.name for e in found.entities)


def test_guizhou_seed_enterprises_and_projects() -> None:
    text = seed("001_dfd117c0899df549.txt")
    firms = {e.key: e for e in extract_enterprises(text).entities}
    assert firms["guizhou-phosphate-chemical-group"].subtype == "group"
    assert firms["bingan-reservoir-project"].name == "Bing'an Reservoir Project"
    assert firms["bingan-reservoir-project"].subtype == "project"
    facility = firms["golden-bridge-sewage-emergency-treatment-facility"]
    assert facility.subtype == "project"
    # "Maiba and Wangjiazhai Bauxite Mines in Huangping County": two mines.
    assert firms["maiba-bauxite-mine"].subtype == "mine"
    assert firms["wangjiazhai-bauxite-mine"].subtype == "mine"
    # A set of firms is not one enterprise.
    assert not any("Enterprises" in e.name or "enterprises" in e.name for e in firms.values())
    assert not any("Supervision Group" in e.name for e in firms.values())


def test_central_soes_and_city_industry_names() -> None:
    text = (
        "Aluminum Corporation of China and China National Building Material Group Co, both "
        "inspected in 2020. Residents complained about Baotou Aluminum, located in the "
        "Inner Mongolia autonomous region. The Eighth Inspection Group and the Party Group "
        "of the Department met the Leading Group."
    )
    assert {e.name for e in extract_enterprises(text).entities} == {
        "Aluminum Corporation of China",
        "China National Building Material Group Co",
        "Baotou Aluminum",
    }


def test_short_forms_and_bare_core_need_the_full_name() -> None:
    text = "Hongshi Cement Co., Ltd. in Tonglu County. Hongshi Company paid; Hongshi appealed."
    found = extract_enterprises(text)
    assert [e.key for e in found.entities] == ["hongshi-cement-co-ltd"]
    assert len(found.mentions) == 3
    alone = extract_enterprises("Yinyi Company disposed of hazardous waste.")
    assert [e.key for e in alone.entities] == ["yinyi-company"]


def test_group_co_ltd_and_a_declared_short_name() -> None:
    text = (
        'Chaoyang Water Group Co., Ltd. (hereinafter referred to as "Chaoyang Water") '
        "rebuilt the plant. Chaoyang Water then paid the fine."
    )
    found = extract_enterprises(text)
    assert [e.key for e in found.entities] == ["chaoyang-water-group-co-ltd"]
    firm = found.entities[0]
    assert firm.name == "Chaoyang Water Group Co., Ltd." and "Chaoyang Water" in firm.aliases
    assert [m.span.quote(text) for m in found.mentions] == [
        "Chaoyang Water Group Co., Ltd.",
        "Chaoyang Water",
        "Chaoyang Water",
    ]


def test_a_pair_of_legal_names_with_a_bracketed_word() -> None:
    text = (
        "and 2 central enterprises, China Tin Mining (Group) Co., Ltd. and China National "
        "Silver Group Co., Ltd. Later Baotou Steel (Group) Co., Ltd. was fined."
    )
    assert [e.name for e in extract_enterprises(text).entities] == [
        "China Tin Mining (Group) Co., Ltd.",
        "China National Silver Group Co., Ltd.",
        "Baotou Steel (Group) Co., Ltd.",
    ]


def test_city_industry_short_name_of_a_full_name() -> None:
    text = "Baotou Steel (Group) Co., Ltd. was fined; the fine on Baotou Steel, paid in May."
    found = extract_enterprises(text)
    assert [e.key for e in found.entities] == ["baotou-steel-group-co-ltd"]
    assert "Baotou Steel" in found.entities[0].aliases
    assert len(found.mentions) == 2
