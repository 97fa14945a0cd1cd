"""The gazetteer of administrative divisions, built from the installed adcode table."""

from __future__ import annotations

from pathlib import Path

from ducha.loaders.gazetteer import Gazetteer, load_gazetteer, read_or_build


def test_the_gazetteer_is_built_once() -> None:
    # How long the build takes is measured by benchmarks, not asserted here.
    load_gazetteer.cache_clear()
    gazetteer = load_gazetteer()
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


def test_transcribed_names_use_their_english_exonym_and_keep_the_pinyin() -> None:
    gazetteer = load_gazetteer()
    qiqihar = gazetteer["230200"]  # 齐齐哈尔市
    assert qiqihar.name == "Qiqihar"
    assert {"Qiqihar City", "Qiqiha'er", "Qiqihaer City"} <= set(qiqihar.forms)
    assert gazetteer["654300"].name == "Altay Prefecture"  # 阿勒泰地区, pinyin Aletai
    assert "Aletai Prefecture" in gazetteer["654300"].forms
    assert gazetteer["540400"].name == "Nyingchi" and "Linzhi" in gazetteer["540400"].forms
    assert [d.adcode for d in gazetteer.lookup("Xigaze City")] == ["540200"]
    # 兴安盟 is Hinggan League; Guangxi's 兴安县 keeps its pinyin.
    assert gazetteer["152200"].name == "Hinggan League"
    assert gazetteer["450325"].name == "Xing'an County"


def test_er_after_a_vowel_is_also_written_as_a_bare_r() -> None:
    gazetteer = load_gazetteer()
    assert [d.adcode for d in gazetteer.lookup("Hailar District")] == ["150702"]  # 海拉尔区
    # 洱 in 普洱 and 儿 in 台儿庄 are Chinese syllables, not a transcribed "r".
    assert gazetteer.lookup("Pur") == [] and gazetteer.lookup("Tairzhuang District") == []


def test_autonomous_names_without_zu_and_other_spellings_of_groups() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer["654000"].name == "Ili Kazak Autonomous Prefecture"  # 伊犁哈萨克自治州
    assert gazetteer["652700"].name == "Bortala Mongol Autonomous Prefecture"
    assert gazetteer["653000"].name == "Kizilsu Kirgiz Autonomous Prefecture"
    for form, adcode in [
        ("Bayingolin Mongolian Autonomous Prefecture", "652800"),
        ("Ili Kazakh Autonomous Prefecture", "654000"),
        ("Qiannan Buyi and Miao Autonomous Prefecture", "522700"),
        ("Haixi Mongolian and Tibetan Autonomous Prefecture", "632800"),
        ("Xinjiang Uighur Autonomous Region", "650000"),
    ]:
        assert [d.adcode for d in gazetteer.lookup(form)] == [adcode], form


def test_place_name_readings_of_polyphonic_characters() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer["510682"].name == "Shifang City"  # 什邡: shí, not shén
    assert gazetteer["222404"].name == "Hunchun City"  # 珲春: hún, not huī
    assert "Kuerle City" in gazetteer["652801"].forms  # 库尔勒: lè, not lēi


def test_continues_says_whether_a_longer_form_starts_with_the_words() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.continues("Inner")  # "Inner Mongolia"
    assert gazetteer.continues("guangxi zhuang")  # "Guangxi Zhuang Autonomous Region"
    assert gazetteer.continues("Nanning")  # "Nanning City"
    assert not gazetteer.continues("Nanning City")
    assert not gazetteer.continues("Rectification")


def _same(a: Gazetteer, b: Gazetteer) -> bool:
    return (
        list(a) == list(b)
        and all(a.lookup(form) == b.lookup(form) for d in a for form in d.forms)
        and all(a.lookup_weak(form) == b.lookup_weak(form) for d in a for form in d.weak_forms)
    )


def test_the_gazetteer_is_cached_per_machine_and_read_back_the_same(tmp_path: Path) -> None:
    built = read_or_build(tmp_path)
    cached = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(cached) == 1 and not list(tmp_path.glob("*.tmp"))
    assert _same(read_or_build(tmp_path), built)
    assert _same(built, load_gazetteer())


def test_a_damaged_cache_is_built_again(tmp_path: Path) -> None:
    read_or_build(tmp_path)
    (cached,) = tmp_path.glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert _same(read_or_build(tmp_path), load_gazetteer())
    assert cached.read_bytes() != b"not a pickle"  # written again


def test_a_cache_folder_that_cannot_be_written_is_passed_over(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    assert _same(read_or_build(blocked / "ducha"), load_gazetteer())
