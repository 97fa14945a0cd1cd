"""Water bodies: one canonical node per river, lake or sea, shared across reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from ducha.loaders.model import EntityKind, Extraction
from ducha.loaders.waters import extract_water_bodies

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is absent (../shared/seeds is not checked out)")
    return path.read_text(encoding="utf-8")


def surfaces(text: str, found: Extraction, key: str) -> set[str]:
    return {m.span.quote(text) for m in found.mentions if m.entity == key}


def test_seed_water_bodies_and_the_shared_yangtze() -> None:
    guangxi, guizhou = seed("000_f20d1e9dac4159b8.txt"), seed("001_dfd117c0899df549.txt")
    in_guangxi, in_guizhou = extract_water_bodies(guangxi), extract_water_bodies(guizhou)
    keys_000 = {e.key for e in in_guangxi.entities}
    keys_001 = {e.key for e in in_guizhou.entities}
    assert {"nanliu-river", "li-river", "xiabao-river", "maowei-sea", "pearl-river"} <= keys_000
    assert {"wu-river", "chishui-river"} <= keys_001
    assert "yangtze-river" in keys_000 & keys_001
    assert {"Nanliu River", "Nanliu River Basin"} <= surfaces(guangxi, in_guangxi, "nanliu-river")
    assert "Lijiang River basin" in surfaces(guangxi, in_guangxi, "li-river")
    assert "Pearl River Basin" in surfaces(guangxi, in_guangxi, "pearl-river")
    # "the poor water quality of Maowei Seawater": the sea, quoted without "water".
    assert surfaces(guangxi, in_guangxi, "maowei-sea") == {"Maowei Sea"}
    # "visits to Wujiang River", "the Wujiang and Chishui River basins", "Wujiang River Basin"
    assert {"Wujiang River", "Wujiang", "Wujiang River Basin"} <= surfaces(
        guizhou, in_guizhou, "wu-river"
    )
    assert "Chishui River Basin" in surfaces(guizhou, in_guizhou, "chishui-river")
    for text, found in [(guangxi, in_guangxi), (guizhou, in_guizhou)]:
        assert all(m.kind is EntityKind.WATER_BODY and m.span.quote(text) for m in found.mentions)
        assert {e.subtype for e in found.entities} <= {"river", "sea", "lake"}


def test_name_variants_are_one_node() -> None:
    text = (
        "In the Yangjiahe ditch, about 3 kilometers long, Jiangbei District pushed forward "
        "the rectification of Yangjiahegou and made Yangjiahe Gully a part of the project."
    )
    found = extract_water_bodies(text)
    assert [e.key for e in found.entities] == ["yangjiahe-ditch"]
    assert surfaces(text, found, "yangjiahe-ditch") == {
        "Yangjiahe ditch",
        "Yangjiahegou",
        "Yangjiahe Gully",
    }


def test_also_called_and_suffixed_names() -> None:
    text = "a resort at Riyue Bay, also called Sun Moon Bay. The water quality of Shahu dropped."
    found = extract_water_bodies(text)
    bodies = {e.key: e for e in found.entities}
    assert set(bodies) == {"riyue-bay", "sha-lake"}
    assert "Sun Moon Bay" in bodies["riyue-bay"].aliases
    assert bodies["sha-lake"].subtype == "lake"


def test_generic_phrases_regions_and_projects_are_not_water_bodies() -> None:
    text = (
        "The River Chief System covers rivers and lakes and the key river basins. "
        "46 problems of the Yangtze River Economic Belt and the Yangtze River Delta. "
        "The construction of Bing'an Reservoir Project. Jinhe Metallurgical Chemical Plant."
    )
    assert extract_water_bodies(text).entities == []


def test_counted_list_of_garbled_river_names() -> None:
    text = (
        "flood control on 4 grade rivers of the area, namely the trembling River, "
        "the Canghe, the Qinghua and the Heihe, and slope greening of 100 square meters."
    )
    found = extract_water_bodies(text)
    assert {m.span.quote(text) for m in found.mentions} == {
        "trembling River",
        "Canghe",
        "Qinghua",
        "Heihe",
    }
    assert {e.subtype for e in found.entities} == {"river"}


def test_a_number_word_can_start_a_name() -> None:
    text = "The Three Gorges Reservoir is clean, and Three Key Rivers were dredged."
    assert [e.name for e in extract_water_bodies(text).entities] == ["Three Gorges Reservoir"]
