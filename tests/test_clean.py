"""Tests for ducha.loaders.clean: normalised text, page chrome and page metadata."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from ducha.loaders import clean as clean_module
from ducha.loaders.clean import check_is_report, clean_text
from ducha.loaders.errors import NotAReport
from hypothesis import given, settings
from hypothesis import strategies as st

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
SAMPLES = Path(__file__).parents[1] / "service" / "samples"
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is not available (../shared/seeds is absent)")
    return path.read_text(encoding="utf-8")


def _sample(name: str):
    return clean_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)


# --- normalisation -----------------------------------------------------------------------


def test_normalisation_of_spaces_newlines_and_unicode():
    raw = (
        "Source: http://example.org/a\r\n\r\n"
        "Rectification progress of the provincial inspection  \r\n\r\n\r\n\r\n"
        "The  inspection\u00a0group\tfound 18\u200b problems.\rCafe\u0301 owners complained.\n"
        "   Indented line with trailing spaces   \n"
    )
    text, _ = clean_text(raw)
    assert text == (
        "Rectification progress of the provincial inspection\n\n"
        "The inspection group found 18 problems.\nCafé owners complained.\n"
        "Indented line with trailing spaces"
    )


def test_every_line_break_and_space_character_is_normalised():
    # "\r\r\n" is two breaks; a line or paragraph separator, a form feed and a vertical
    # tab break lines too (and a line cut before a lower-case word is joined again); runs of
    # any spaces (ideographic, em, tab) become one space.
    raw = (
        "Rectification progress of the provincial inspection\r\r\n"
        "The\u3000\u3000group\u2003 found\t\t18 problems.\u2028Two were\x0cclosed.\x0bOne"
        "\u2029remains\x85open \u00ad\x07 now.\r\n"
    )
    text, _ = clean_text(raw)
    assert text == (
        "Rectification progress of the provincial inspection\n\n"
        "The group found 18 problems.\nTwo were closed.\nOne remains open now."
    )


def test_line_wrapped_inside_a_sentence_is_joined():
    raw = (
        "Rectification progress of the provincial inspection\n\n"
        "1. Unswervingly shoulder the political responsibility\n"
        "of rectifying the problem of supervisory feedback (1) Strengthen guidance.\n"
        "The problems fall into two groups:\n"
        "a. some cities failed;\n"
        "b. some firms cheated.\n"
    )
    text, _ = clean_text(raw)
    assert text.split("\n")[2:] == [
        "1. Unswervingly shoulder the political responsibility of rectifying the problem of "
        "supervisory feedback (1) Strengthen guidance.",
        "The problems fall into two groups:",
        "a. some cities failed;",
        "b. some firms cheated.",
    ]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_cleaning_twice_changes_nothing(name):
    once, meta = _sample(name)
    twice, again = clean_text(once, name=name)
    assert twice == once
    assert again.title == meta.title


# --- seed 000: the Guangxi page with its chrome ---------------------------------------


@pytest.fixture(scope="module")
def guangxi():
    return clean_text(_seed("000_f20d1e9dac4159b8.txt"), name="000_f20d1e9dac4159b8.txt")


@pytest.mark.seeds
def test_seed_000_chrome_is_stripped(guangxi):
    text, _ = guangxi
    for chrome in (
        "Like(0)",
        "Collect(0)",
        "HomeProducts",
        "Log in",
        "Sign up",
        "China Carbon Credit Platform",
        "Analytic Tools",
        "Release Time",
        "Source:",
        "Region:",
        "File Download",
        "Related Links",
        "Facebook",
        "Weibo",
        "logo_kcomber",
        "Kcomber",
        "All rights reserved",
    ):
        assert chrome not in text
    assert "\n\n\n" not in text
    assert text.startswith("Circular of the Party Group")
    assert text.split("\n")[2].startswith("According to")  # title, blank line, first paragraph


@pytest.mark.seeds
def test_seed_000_metadata_is_kept(guangxi):
    text, meta = guangxi
    assert meta.title is not None
    assert meta.title.startswith("Circular of the Party Group")
    assert meta.title.endswith(" Commit")  # cut off on the page
    assert text.split("\n", 1)[0] == meta.title
    assert meta.source == "SthjtGxzfGovCn"
    assert meta.released == "2 years ago"
    assert set(meta.regions) == {"Shanxi", "Shandong", "Guangxi"}
    assert meta.publisher is not None
    assert meta.publisher.startswith("Party Group of the Department")
    assert meta.publisher.endswith("Communist Party of China")
    assert meta.issued == date(2023, 11, 16)
    assert "Tel: 0771-5714871" in meta.contacts
    assert "Zip Code: 530028" in meta.contacts
    assert "E-mail: jgdw@sthjt.gxzf.gov.cn" in meta.contacts
    assert any(c.startswith("Address: No. 16,") for c in meta.contacts)
    assert len(meta.contacts) == 4
    assert meta.file_name == "000_f20d1e9dac4159b8.txt"
    assert not meta.truncated_start
    assert not meta.truncated_end


@pytest.mark.seeds
def test_seed_000_signatory_date_and_contacts_stay_in_the_text(guangxi):
    text, meta = guangxi
    assert text.endswith(f"{meta.publisher}\n\nNovember 16, 2023")
    assert "Tel: 0771-5714871, Address:" in text


# --- seed 001: cut off at its start -------------------------------------------------------


@pytest.mark.seeds
def test_seed_001_is_truncated_at_its_start():
    text, meta = clean_text(_seed("001_dfd117c0899df549.txt"))
    assert meta.truncated_start
    assert not meta.truncated_end
    assert meta.title is None
    assert text.startswith("2021 to January 5, 2022,")
    # The part heading wrapped onto a second line is joined into one line.
    heading = next(line for line in text.split("\n") if line.startswith("1. "))
    assert "supervisory feedback (1) Strengthen" in heading
    assert text.endswith("ecological civilization.")


# --- the development samples --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_sample_keeps_its_body_and_drops_its_page_fields(name):
    text, meta = _sample(name)
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    assert text.count(TRUTH[name]["marker"]) == 1
    assert meta.source == raw.split("\n", 1)[0].removeprefix("Source:").strip()
    assert meta.title is not None
    assert text.split("\n", 1)[0] == meta.title
    for line in text.split("\n"):
        assert not line.startswith(("Source:", "Release Time:", "Region:"))
    check_is_report(text, name)


@pytest.mark.parametrize(
    ("name", "gone", "kept"),
    [
        (
            "zhejiang-24th-batch-letters-2017.txt",
            ["home >", "[Print]", "Produced By", "\n2017-09-07 09:31:44\n"],
            ["178 cadres below the section level."],
        ),
        (
            "shaanxi-qinling-villas-2018.txt",
            [
                "Global Edition",
                "Home / China",
                "China Daily |",
                "Share - WeChat",
                "\nChina\n",
                "Updated:",
            ],
            ["A group has been dispatched", "\nBy HUO YAN/ZHANG YI\n"],
        ),
        (
            "guangdong-raw-sewage-2017.txt",
            ["Caixin Global", "April 14th, 2017"],
            ["470,000 tons/day", "\nBy Li Rongde and Zhou Dongxu\n"],  # the byline's names stay
        ),
        (
            "guangxi-lijiang-quarries-2017.txt",
            ["Video Player", "Source: Xinhua", "14:36:32"],
            ["NANNING, Aug. 25 (Xinhua) -- Ma Sunjie", "\nEditor: Yang Yi\n"],
        ),
        ("jiangsu-fifth-batch-petitions-2022.txt", ["0 By"], ["On March 30th at 9 o 'clock"]),
        (
            "hainan-accountability-2018.txt",
            ["date 2018-01-18", "(Photo/"],
            ["The reclamation area of the Sun Moon Island project is 97 hectares"],
        ),
        ("third-batch-hunan-dongting-2017.txt", ["\nGlobal Times"], ["Sina Weibo account"]),
        (
            "qinghai-muli-river-acceptance.txt",
            ["Leave a Reply"],
            ["\nWater conservancy department\n"],
        ),
        (
            "mep-air-mobile-inspection-2017.txt",
            ["Hot Keywords", "Home > News", "reference only"],
            ["\na. some cities failed", "before a given deadline."],
        ),
        (
            "second-round-accountability.txt",
            ["□"],
            [
                "Now that the second round of accountability",
                "\nRule of Law Daily reporter Zhang Wei\n",
            ],
        ),
    ],
)
def test_sample_chrome(name, gone, kept):
    text, _ = _sample(name)
    for chrome in gone:
        assert chrome not in text
    for body in kept:
        assert body in text


@pytest.mark.parametrize(
    ("name", "issued", "regions"),
    [
        (
            "central-inspection-accountability-2018.txt",
            date(2018, 3, 30),
            ["Beijing", "Shanghai", "Hubei", "Guangdong", "Chongqing", "Shaanxi", "Gansu"],
        ),
        ("zhejiang-24th-batch-letters-2017.txt", date(2017, 9, 7), ["Zhejiang"]),
        ("shaanxi-qinling-villas-2018.txt", date(2018, 8, 4), ["Shaanxi"]),
        ("black-odorous-water-70-cities-2018.txt", date(2018, 7, 27), []),
        ("chongqing-rectification-two-rounds.txt", None, ["Chongqing"]),
    ],
)
def test_sample_release_time_and_regions(name, issued, regions):
    _, meta = _sample(name)
    assert meta.issued == issued
    assert meta.regions == regions


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_sample_issue_date_matches_the_truth(name):
    # From the release time, or (guizhou-lookback) from the dateline "Beijing, May 10 --"
    # whose year the text states ("fed these opinions back on May 10, 2019").
    _, meta = _sample(name)
    expected = TRUTH[name]["dates"].get("issued")
    assert (meta.issued.isoformat() if meta.issued else None) == expected


def test_dateline_without_a_stated_year_gives_no_date():
    raw = (
        "Guizhou receives the feedback of the central inspection group\n\n"
        "Xinhua News Agency, Beijing, May 10 -- The inspection group fed back its opinions.\n"
    )
    assert clean_text(raw)[1].issued is None
    assert clean_text(raw + "The feedback came on May 10, 2019.")[1].issued == date(2019, 5, 10)


@pytest.mark.parametrize(
    ("byline", "kept"),
    [
        (
            "By Li Rongde and Zhou Dongxu | Caixin Global | April 14th, 2017",
            "By Li Rongde and Zhou Dongxu",
        ),
        ("China Daily | By HUO YAN/ZHANG YI | Updated: 2018-08-04 09:49", "By HUO YAN/ZHANG YI"),
        ("Source: Xinhua | 2017-08-25 14:36:32 | Editor: Yang Yi", "Editor: Yang Yi"),
        ("  □ Rule of Law Daily reporter Zhang Wei", "Rule of Law Daily reporter Zhang Wei"),
        ("2022-06-02 0 By", None),
    ],
)
def test_byline_keeps_only_its_names(byline, kept):
    raw = (
        "Guizhou receives the feedback of the central inspection group\n"
        f"{byline}\n"
        "Xinhua News Agency, Beijing, May 10 -- The inspection group fed back its opinions "
        "on May 10, 2019.\n"
    )
    text, meta = clean_text(raw)
    lines = text.split("\n")
    assert lines[1:] == [*([kept] if kept else []), raw.split("\n")[2]]
    assert meta.issued == date(2019, 5, 10)  # the dateline is read past the byline
    assert clean_text(text)[0] == text


def test_release_time_is_kept_as_printed():
    _, meta = _sample("guangxi-lijiang-quarries-2017.txt")
    assert meta.released == "2017-08-25 14:36:32"
    assert meta.source == "http://www.xinhuanet.com/english/2017-08-25/c_136554780.htm"


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("guizhou-lookback-caohai-2019.txt", True),  # "... the land acquisit"
        ("chongqing-rectification-two-rounds.txt", True),  # 'the "boss'
        ("hainan-accountability-2018.txt", True),
        ("sichuan-petitions-2020.txt", False),
        ("zhejiang-24th-batch-letters-2017.txt", False),
        ("qinghai-muli-river-acceptance.txt", False),
        ("mep-air-mobile-inspection-2017.txt", False),
    ],
)
def test_sample_cut_off_at_the_end(name, cut):
    _, meta = _sample(name)
    assert meta.truncated_end is cut
    assert not meta.truncated_start


# --- is it a report? -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Preheat the oven to 180 degrees. Mix the flour, sugar and two eggs, pour the batter "
        "into a tin and bake for forty minutes until golden. Serve warm with cream.",
        "# ducha\n\nInstall with pip install -e . and run the tests with pytest. Set up a "
        "virtual environment first; see CONTRIBUTING.md for the code style.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.",
        "We went to the park on Sunday and the weather was lovely.",
        "The inspection was fine.",
    ],
)
def test_texts_that_are_not_reports_are_refused(text):
    with pytest.raises(NotAReport) as caught:
        check_is_report(text, "notes.txt")
    assert "'notes.txt'" in str(caught.value)
    assert "rectification" in str(caught.value)


def test_chinese_report_passes():
    check_is_report("中央生态环境保护督察反馈问题整改情况", "zh.txt")


@pytest.mark.seeds
@pytest.mark.parametrize("name", ["000_f20d1e9dac4159b8.txt", "001_dfd117c0899df549.txt"])
def test_seeds_are_reports(name):
    text, _ = clean_text(_seed(name))
    check_is_report(text, name)


def test_docstring_examples_run():
    import doctest

    assert doctest.testmod(clean_module, optionflags=doctest.ELLIPSIS).failed == 0


_PAGE_FRAGMENTS = st.sampled_from(
    [
        "Source: http://x.cn/a\n",
        "Release Time: 2023-11-16\n",
        "Region:China,Hainan\n",
        "Home > News\n",
        "Like(0)\n",
        "File Download:\n",
        "Leave a Reply\n",
        "Tel: 0771-1, ",
        "The inspection group fed back 18 problems",
        ".",
        "\n",
        "\n\n\n",
        "  ",
        "\t",
        "\r\n",
        "\u00a0",
        "e\u0301",
        "\u200b",
        "of the problem",
        "November 16, 2023",
        "Party Group\n",
        "By Li | Xinhua\n",
        "1. ",
        "(1) ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_PAGE_FRAGMENTS, max_size=40).map("".join)))
def test_cleaned_text_is_always_normalised(raw):
    text, meta = clean_text(raw)
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text
    assert "\n\n\n" not in text
    assert text == text.strip()
    for line in text.split("\n"):
        assert line == line.strip()
        assert "  " not in line
    if meta.title is not None:
        assert text.split("\n", 1)[0] == meta.title
