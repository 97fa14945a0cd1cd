"""Places: gazetteer divisions keyed by adcode, homonyms resolved by context, named areas.

Also scores places, water bodies and enterprises against the bundled samples' truth.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ducha.loaders.enterprises import extract_enterprises
from ducha.loaders.model import Entity, EntityKind, Extraction
from ducha.loaders.places import extract_places
from ducha.loaders.waters import extract_water_bodies

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
SAMPLES = Path(__file__).parents[1] / "service" / "samples"


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is absent (../shared/seeds is not checked out)")
    return path.read_text(encoding="utf-8")


def by_key(found: Extraction) -> dict[str, Entity]:
    return {e.key: e for e in found.entities}


def surfaces(text: str, found: Extraction, key: str) -> set[str]:
    return {m.span.quote(text) for m in found.mentions if m.entity == key}


def assert_spans_exact(text: str, found: Extraction) -> None:
    keys = {e.key for e in found.entities}
    for mention in found.mentions:
        assert mention.entity in keys and mention.kind is EntityKind.PLACE
        quote = mention.span.quote(text)
        assert quote and quote == quote.strip()


def test_guangxi_seed_places() -> None:
    text = seed("000_f20d1e9dac4159b8.txt")
    found = extract_places(text)
    places = by_key(found)
    assert_spans_exact(text, found)
    guangxi = places["450000"]
    assert guangxi.subtype == "province" and guangxi.attributes["name_zh"] == "广西壮族自治区"
    assert {"Guangxi", "Guangxi Zhuang Autonomous Region"} <= surfaces(text, found, "450000")
    assert places["450100"].name == "Nanning"
    assert "Nanning City" in surfaces(text, found, "450100")
    assert places["450103"].name == "Qingxiu District"
    assert places["450103"].parent == "450100"
    assert places["450103"].attributes["province"] == "450000"
    # "Nanning, Liuzhou, Yulin and Hechi cities in our district": Guangxi's Yulin, not Shaanxi's.
    assert "450900" in places and "610800" not in places
    assert places["451202"].name == "Jinchengjiang District"
    assert places["451202"].parent == "451200"  # Hechi


def test_guizhou_seed_places() -> None:
    text = seed("001_dfd117c0899df549.txt")
    found = extract_places(text)
    places = by_key(found)
    assert_spans_exact(text, found)
    assert places["520000"].name == "Guizhou Province"
    assert surfaces(text, found, "520628") == {"Songtao County", "Songtao"}
    assert places["520628"].name == "Songtao Miao Autonomous County"
    for adcode, name in [
        ("522728", "Luodian County"),
        ("520123", "Xiuwen County"),
        ("522622", "Huangping County"),
        ("520381", "Chishui City"),
    ]:
        assert places[adcode].name == name
    assert places["huangguoshu-national-scenic-spot"].subtype == "scenic-spot"
    assert places["xiayun-industrial-park"].subtype == "park"
    reserve = places["luodian-county-aquatic-germplasm-resources-reserve"]
    assert (reserve.subtype, reserve.parent) == ("nature-reserve", "522728")
    # "Xi Jinping" is a person, although Jinping is also a county of Guizhou.
    assert "522628" not in places
    # "Chishui River Basin" is the river; only "Chishui City" is the place.
    assert surfaces(text, found, "520381") == {"Chishui City"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yulin and Nanning set up groups.", {"450900", "450100"}),
        ("Yulin in Shaanxi Province closed mines.", {"610800", "610000"}),
        ("Yulin closed mines.", set()),  # two prefecture-level Yulins: left out
        ("Taizhou and Wenzhou", {"331000", "330300"}),  # Zhejiang's Taizhou
        ("manganese pollution in Songtao", set()),  # a bare county name needs its province
        ("Qinghai, Gansu and Hainan", {"630000", "620000", "460000"}),  # province over prefecture
        ("Mao Dongli, deputy director, spoke in Tianjin.", {"120000"}),  # a person, not Dongli
        ("Chaoyang District", set()),  # three Chaoyang Districts, no context
        ("Chaoyang District, Beijing", {"110105", "110000"}),
        ("Wu Zhong and Shizuishan, Ningxia", {"640300", "640200", "640000"}),
        ("in the autonomous region of Guangxi", {"450000"}),
        ("the Lijiang River in Guilin", {"450300"}),  # not Lijiang, Yunnan
        ("Baotou Aluminum, located in Inner Mongolia", {"150000"}),  # a company's name
    ],
)
def test_context_resolves_or_drops_homonyms(text: str, expected: set[str]) -> None:
    found = extract_places(text)
    assert {e.key for e in found.entities if e.key.isdigit()} == expected


def test_named_areas_get_slug_keys() -> None:
    text = (
        "In the Yangjiahe ditch of Shimahe Street, Jiangbei District, Chongqing, and in the "
        "Qinling Mountains, the Yangtze River Economic Belt and the Muli coal mining area; "
        "the village of Majiacun; the East Dongting Lake Nature Reserve."
    )
    found = extract_places(text)
    places = by_key(found)
    assert places["500105"].name == "Jiangbei District"
    assert places["shimahe-street"].subtype == "township"
    assert places["shimahe-street"].parent == "500105"
    assert places["qinling-mountains"].subtype == "region"
    assert places["yangtze-river-economic-belt"].subtype == "region"
    assert places["muli-mining-area"].aliases == {"Muli coal mining area"}
    assert places["majiacun"].subtype == "village"
    assert places["east-dongting-lake-nature-reserve"].subtype == "nature-reserve"


def normalised(name: str) -> str:
    name = re.sub(r"^the ", "", name.lower().replace("’", "'").strip())
    return re.sub(r"\s+(province|city|municipality)$", "", name)


def score(kind: str, extract: Callable[[str], Extraction]) -> tuple[float, float]:
    """Precision and recall of ``extract`` over the samples' hand-made truth for ``kind``.

    A found entity matches an expected name when any of its surface forms does, ignoring
    case and a trailing "Province"/"City"/"Municipality" (truth.json keeps the text's own
    wording, ducha a canonical name plus every form seen).
    """
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    right = wrong = found_expected = expected_total = 0
    for file_name, expected in truth.items():
        text = (SAMPLES / file_name).read_text(encoding="utf-8").split("\n", 1)[1]
        aliases = expected.get("aliases", {})
        wanted = [
            {normalised(x), *(normalised(a) for a in aliases.get(x, []))} for x in expected[kind]
        ]
        hit: set[int] = set()
        for entity in extract(text).entities:
            forms = {normalised(entity.name), *(normalised(a) for a in entity.aliases)}
            matches = [i for i, w in enumerate(wanted) if w & forms]
            right, wrong = (right + 1, wrong) if matches else (right, wrong + 1)
            hit.update(matches)
        found_expected += len(hit)
        expected_total += len(wanted)
    precision = right / (right + wrong) if right + wrong else 1.0
    return precision, found_expected / expected_total if expected_total else 1.0


@pytest.mark.parametrize(
    ("kind", "extract"),
    [
        ("places", extract_places),
        ("water_bodies", extract_water_bodies),
        ("enterprises", extract_enterprises),
    ],
)
def test_samples_precision_and_recall(kind: str, extract: Callable[[str], Extraction]) -> None:
    precision, recall = score(kind, extract)
    assert precision >= 0.85, f"{kind} precision {precision:.3f}"
    assert recall >= 0.85, f"{kind} recall {recall:.3f}"


def test_exonyms_and_named_zones() -> None:
    text = (
        "Two officials of Qiqihar City were warned. Altay Prefecture cut farmland. Four "
        "plants in the Zhundong Economic and Technological Development Zone stopped work. "
        "The Qingshuitang industrial area in Zhuzhou closed 30 firms. A Technological "
        "Development Zone and a High-tech Zone were named without a name."
    )
    found = extract_places(text)
    places = by_key(found)
    assert_spans_exact(text, found)
    assert surfaces(text, found, "230200") == {"Qiqihar City"}
    assert surfaces(text, found, "654300") == {"Altay Prefecture"}
    zone = places["zhundong-economic-and-technological-development-zone"]
    assert zone.name == "Zhundong Economic and Technological Development Zone"
    area = places["qingshuitang-industrial-area"]
    assert (area.name, area.parent) == ("Qingshuitang industrial area", "430200")
    assert not any(key.startswith(("technological", "high-tech")) for key in places)


def test_coordinated_mountains_and_mount_names() -> None:
    text = "Mines in the Qinling and Helan Mountains, and hotels on Mount Tai, were closed."
    places = by_key(extract_places(text))
    assert places["helan-mountains"].subtype == "region"
    assert places["mount-tai"].name == "Mount Tai"
    assert "qinling-and-helan-mountains" not in places
