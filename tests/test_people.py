"""People and their posts."""

from __future__ import annotations

import doctest
from pathlib import Path

import ducha.loaders.people
import pytest
from ducha.loaders.clean import clean_text
from ducha.loaders.organizations import extract_organizations
from ducha.loaders.people import extract_people
from truth_scores import SAMPLES, score_kind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def _people(text: str):  # type: ignore[no-untyped-def]
    return extract_people(text, extract_organizations(text))


def test_development_reports_score() -> None:
    score = score_kind("people")
    assert score.precision >= 0.8, score.extras
    assert score.recall >= 0.8, score.misses


def test_seed_000_chen_liang_holds_two_posts() -> None:
    path = SEEDS / "000_f20d1e9dac4159b8.txt"
    if not path.exists():
        pytest.skip("the seed reports are not in ../shared/seeds")
    text = path.read_text(encoding="utf-8")
    found = _people(text)
    assert [e.name for e in found.entities] == ["Chen Liang"]  # Xi Jinping is in slogans only
    posts = {(p.role, p.organization) for p in found.posts}
    assert posts == {
        (
            "Secretary of the Party Group",
            "guangxi-party-group-of-department-of-ecology-and-environment",
        ),
        ("Director of the Department", "guangxi-department-of-ecology-and-environment"),
    }
    mentions = [text[m.span.start : m.span.end] for m in found.mentions]
    assert mentions.count("Chen Liang") >= 3  # "Comrade Chen Liang" is the same person


def test_titles_bylines_and_speech() -> None:
    text = (
        "By Li Rongde and Zhou Dongxu | Caixin\n\n"
        "A meeting was chaired by Governor Lou Yangsheng. Chief Inspector Yang Song spoke. "
        "Luo Huining, Secretary of the provincial Party committee, replied in Shanxi. "
        "Ma Sunjie lives by the river. Ma said he sleeps well. Shanxi agreed."
    )
    found = _people(text)
    assert sorted(e.name for e in found.entities) == [
        "Li Rongde",
        "Lou Yangsheng",
        "Luo Huining",
        "Ma Sunjie",
        "Yang Song",
        "Zhou Dongxu",
    ]
    roles = {(p.person, p.role, p.organization) for p in found.posts}
    assert ("lou-yangsheng", "Governor", None) in roles
    assert (
        "luo-huining",
        "Secretary of the provincial Party committee",
        "shanxi-party-committee",
    ) in roles
    assert ("li-rongde", "author", None) in roles


def test_names_without_evidence_are_not_people() -> None:
    text = (
        "Shizuishan, Wu Zhong and other areas were polluted. The spirit of General Secretary "
        "Xi Jinping's speech and Xi Jinping Thought guide the work."
    )
    assert _people(text).entities == []


def test_post_before_the_name() -> None:
    text = (
        "The spokesperson of the Ministry of Ecology and Environment, Pei Xiaofei, said on "
        "March 27 that quality improved."
    )
    (post,) = _people(text).posts
    assert (post.person, post.role, post.organization) == (
        "pei-xiaofei",
        "spokesperson of the Ministry of Ecology and Environment",
        "ministry-of-ecology-and-environment",
    )


def test_all_caps_byline() -> None:
    text = (SAMPLES / "shaanxi-qinling-villas-2018.txt").read_text(encoding="utf-8")
    names = {e.name: e for e in _people(text).entities}
    assert names["Huo Yan"].aliases == {"HUO YAN"}
    assert "Zhang Yi" in names


@pytest.mark.parametrize(
    ("name", "people"),
    [
        (
            "guangdong-raw-sewage-2017.txt",
            {("li-rongde", "author"), ("zhou-dongxu", "author")},
        ),
        ("guangxi-lijiang-quarries-2017.txt", {("yang-yi", "editor")}),
        ("second-round-accountability.txt", {("zhang-wei", "Rule of Law Daily reporter")}),
        ("shaanxi-qinling-villas-2018.txt", {("huo-yan", "author"), ("zhang-yi", "author")}),
    ],
)
def test_bylines_survive_cleaning(name: str, people: set[tuple[str, str]]) -> None:
    text, _ = clean_text((SAMPLES / name).read_text(encoding="utf-8"))
    roles = {(p.person, p.role) for p in _people(text).posts}
    assert people <= roles


def test_surname_beyond_the_commonest() -> None:
    text = (
        "Ni Yanfeng, Deputy Secretary of the Hebei Provincial Party Committee and Governor, "
        "presided over a meeting of the provincial government in Hebei."
    )
    found = _people(text)
    assert [e.name for e in found.entities] == ["Ni Yanfeng"]
    assert {(p.role, p.organization) for p in found.posts} == {
        ("Deputy Secretary of the Hebei Provincial Party Committee", "hebei-party-committee"),
        ("Governor", None),
    }


def test_name_that_is_not_pinyin_needs_a_post() -> None:
    text = (
        "Lhasa City cleaned up 64 yards. Tenzin Norbu, Vice Chairman of the People's "
        "Government of the Autonomous Region, led 4 visits in Tibet. Tenzin Norbu said so."
    )
    found = _people(text)
    assert [e.name for e in found.entities] == ["Tenzin Norbu"]
    (post,) = found.posts
    assert post.role == "Vice Chairman of the People's Government of the Autonomous Region"
    assert len(found.mentions) == 2  # the second naming has no post but is the same name
    places = (
        "In Tibet, Lhasa City, head of the list, and Yamdrok Lake, Director of the survey "
        "office, were named. Norbu Lhamo visited."
    )
    assert _people(places).entities == []
    later = _people(
        "He said that Comrade Shohrat Zakir, Chairman of the Autonomous Region, agreed."
    )
    assert [e.name for e in later.entities] == ["Shohrat Zakir"]


def test_docstring_examples() -> None:
    assert doctest.testmod(ducha.loaders.people).failed == 0
