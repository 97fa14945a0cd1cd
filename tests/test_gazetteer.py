"""The gazetteer of administrative divisions, built from the installed adcode table."""

from __future__ import annotations

import time

from ducha.loaders.gazetteer import load_gazetteer


def test_first_build_is_fast_and_cached() -> None:
    load_gazetteer.cache_clear()
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    assert time.perf_counter() - started < 1.0
    assert load_gazetteer() is gazetteer


def test_all_34_province_level_divisions_with_english_names() -> None:
    gazetteer = load_gazetteer()
    provinces = [d for d in gazetteer if d.level == "province"]
    assert len(provinces) == 34
    assert gazetteer["450000"].name == "Guangxi Zhuang Autonomous Region"
    assert {"Guangxi", "Guangxi Zhuang Autonomous Region"} <= set(gazetteer["450000"].forms)
    assert gazetteer["150000"].name == "Inner Mongolia Autonomous Region"
    assert gazetteer["650000"].name == "Xinjiang Uygur Autonomous Region"
    assert gazetteer["610000"].name == "Shaanxi Province"  # not Shanxi (140000)
    assert [d.adcode for d in gazetteer.lookup("macau")] == ["820000"]


def test_cities_counties_and_districts_are_romanised_with_their_parents() -> None:
    gazetteer = load_gazetteer()
    nanning = gazetteer["450100"]
    assert (nanning.name, nanning.name_zh, nanning.level) == ("Nanning", "南宁市", "prefecture")
    assert "Nanning City" in nanning.forms
    qingxiu = gazetteer["450103"]
    assert (qingxiu.name, qingxiu.parent, qingxiu.province) == (
        "Qingxiu District",
        "450100",
        "450000",
    )
    songtao = gazetteer["520628"]
    assert songtao.name == "Songtao Miao Autonomous County"
    assert "Songtao County" in songtao.forms
    assert songtao.weak_forms == ("Songtao",)
    assert gazetteer["522700"].name == "Qiannan Buyei and Miao Autonomous Prefecture"
    assert gazetteer["610100"].name == "Xi'an" and "Xian" in gazetteer["610100"].forms
    assert gazetteer["140400"].name == "Changzhi"  # 长 read cháng, not zhǎng
    assert gazetteer["510100"].name == "Chengdu"


def test_municipality_districts_hang_from_the_municipality() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer["110105"].parent == "110000"  # Chaoyang District, Beijing
    assert gazetteer["500105"].name == "Jiangbei District"  # missing from the source table
    assert gazetteer["500105"].parent == "500000"
    assert "110100" not in gazetteer  # the municipality's own repeat is not a division
    assert gazetteer["469006"].parent == "460000"  # Wanning: a county-level city of Hainan


def test_homonyms_are_all_kept_for_the_caller_to_resolve() -> None:
    gazetteer = load_gazetteer()
    assert {d.adcode for d in gazetteer.lookup("Yulin")} == {"450900", "610800"}
    assert {d.province for d in gazetteer.lookup("Chaoyang District")} == {
        "110000",
        "220000",
        "440000",
    }


def test_every_division_has_a_known_parent_chain() -> None:
    gazetteer = load_gazetteer()
    for division in gazetteer:
        chain = gazetteer.ancestors(division.adcode)
        if division.level != "province":
            assert chain and chain[-1] == division.province
