"""Tests for ducha.loaders.segment: the numbered outline and sentence boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ducha.loaders import enumerations as enumerations_module
from ducha.loaders import outline as outline_module
from ducha.loaders import segment as segment_module
from ducha.loaders import sentences as sentences_module
from ducha.loaders.clean import clean_text
from ducha.loaders.model import Section, SectionKind
from ducha.loaders.segment import segment, sentence_spans
from hypothesis import given, settings
from hypothesis import strategies as st

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
SAMPLES = Path(__file__).parents[1] / "service" / "samples"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is not available (../shared/seeds is absent)")
    return clean_text(path.read_text(encoding="utf-8"), name=name)[0]


def _ancestor(sections: list[Section], index: int, kind: SectionKind) -> int | None:
    parent = sections[index].parent
    while parent is not None:
        if sections[parent].kind is kind:
            return parent
        parent = sections[parent].parent
    return None


def _children(sections: list[Section], parent: int) -> list[Section]:
    return [s for s in sections if s.parent == parent]


@pytest.fixture(scope="module")
def guangxi() -> tuple[str, list[Section]]:
    text = _seed("000_f20d1e9dac4159b8.txt")
    return text, segment(text)


@pytest.fixture(scope="module")
def guizhou() -> tuple[str, list[Section]]:
    text = _seed("001_dfd117c0899df549.txt")
    return text, segment(text)


# --- seed 000: a party group's report on an inspection tour ---------------------------


@pytest.mark.seeds
def test_seed_000_has_six_aspects_and_seventeen_problems(guangxi):
    _, sections = guangxi
    aspects = [s for s in sections if s.kind is SectionKind.ASPECT]
    problems = [s for s in sections if s.kind is SectionKind.PROBLEM]
    assert [a.number for a in aspects] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert [p.number for p in problems] == [f"{n}." for n in range(1, 18)]
    assert [p.ordinal for p in problems] == list(range(1, 18))


@pytest.mark.seeds
def test_seed_000_problems_sit_in_their_aspects(guangxi):
    _, sections = guangxi
    expected = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 4, 9: 4, 10: 4, 11: 4}
    expected |= {12: 5, 13: 5, 14: 5, 15: 6, 16: 6, 17: 6}
    for index, section in enumerate(sections):
        if section.kind is SectionKind.PROBLEM:
            aspect = _ancestor(sections, index, SectionKind.ASPECT)
            assert aspect is not None
            assert sections[aspect].ordinal == expected[section.ordinal or 0], section.label


@pytest.mark.seeds
def test_seed_000_labels_are_the_quoted_titles(guangxi):
    text, sections = guangxi
    problems = [s for s in sections if s.kind is SectionKind.PROBLEM]
    aspects = [s for s in sections if s.kind is SectionKind.ASPECT]
    assert problems[0].label.startswith("insufficient sense of mission")
    assert "main responsibility for rectification is not realistic" in problems[14].label
    assert problems[4].label.endswith("livable villages")
    # An aspect title with a nested quotation in single quotes keeps it whole.
    assert "'development to be safe'" in aspects[2].label
    assert aspects[2].label.endswith("in the south")
    for section in sections:
        assert text[section.heading.start : section.heading.end] == section.label
        if section.kind in (SectionKind.PROBLEM, SectionKind.ASPECT):
            assert section.label[0] not in '"“' and section.label[-1] not in '"”.'


@pytest.mark.seeds
def test_seed_000_opening_and_closing_measures_belong_to_their_parts(guangxi):
    _, sections = guangxi
    parts = [i for i, s in enumerate(sections) if s.kind is SectionKind.PART]
    assert [sections[i].number for i in parts] == ["1.", "2.", "Third"]
    assert sections[parts[2]].label == "the next step"
    opening = _children(sections, parts[0])
    closing = _children(sections, parts[2])
    assert [m.number for m in opening] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert [m.number for m in closing] == ["(1)", "(2)", "(3)", "(4)"]
    assert all(m.kind is SectionKind.MEASURE for m in opening + closing)
    assert opening[0].label.startswith("Deepen ideological understanding")
    assert opening[0].label.endswith("rectification work")  # "work.On March 24" is split
    for index, section in enumerate(sections):
        if section.kind is SectionKind.MEASURE and _ancestor(sections, index, SectionKind.PART) in (
            parts[0],
            parts[2],
        ):
            assert _ancestor(sections, index, SectionKind.PROBLEM) is None


@pytest.mark.seeds
def test_seed_000_measures_under_a_problem_address_it(guangxi):
    _, sections = guangxi
    for index, section in enumerate(sections):
        if section.kind is not SectionKind.PROBLEM:
            continue
        inside = [
            i
            for i, s in enumerate(sections)
            if s.kind is SectionKind.MEASURE and section.extent.covers(s.extent)
        ]
        assert inside, f"problem {section.number} has no measures"
        for i in inside:
            assert _ancestor(sections, i, SectionKind.PROBLEM) == index
    # Problem 1 has the measures (1) and (2); (2) has three inline sub-measures.
    problem_1 = next(i for i, s in enumerate(sections) if s.kind is SectionKind.PROBLEM)
    measures = _children(sections, problem_1)
    assert [m.number for m in measures] == ["(1)", "(2)"]
    second = sections.index(measures[1])
    subs = _children(sections, second)
    assert [m.number for m in subs] == ["The first", "The second", "The third"]
    assert subs[0].label.startswith("clarify responsibilities")  # "The first is to" dropped


@pytest.mark.seeds
def test_seed_000_problem_without_numbered_measures_gets_the_inline_ones(guangxi):
    _, sections = guangxi
    problem_16 = next(
        i for i, s in enumerate(sections) if s.kind is SectionKind.PROBLEM and s.ordinal == 16
    )
    measures = _children(sections, problem_16)
    assert [(m.number, m.ordinal) for m in measures] == [
        ("First", 1),
        ("The second", 2),
        ("The third", 3),
    ]
    assert measures[0].label == "strict tracking and supervision"


@pytest.mark.seeds
def test_seed_000_closing_contacts_and_signature_are_outside_every_section(guangxi):
    text, sections = guangxi
    closing = text.index("Tel: 0771-5714871")
    paragraph = text.rindex("\n", 0, closing)
    assert max(s.extent.end for s in sections) < paragraph
    last = sections[-1]
    assert (last.kind, last.number) == (SectionKind.MEASURE, "(4)")


# --- seed 001: a provincial report -------------------------------------------------------


@pytest.mark.seeds
def test_seed_001_parts_aspects_and_measures(guizhou):
    text, sections = guizhou
    parts = [i for i, s in enumerate(sections) if s.kind is SectionKind.PART]
    assert [sections[i].number for i in parts] == ["1.", "2."]
    # The heading runs into the next line and into its first measure "(1)".
    assert sections[parts[0]].label.startswith("Unswervingly shoulder")
    assert sections[parts[0]].label.endswith("supervisory feedback")
    assert not [s for s in sections if s.kind is SectionKind.PROBLEM]
    part_1 = _children(sections, parts[0])
    assert [(m.kind, m.number) for m in part_1] == [
        (SectionKind.MEASURE, "(1)"),
        (SectionKind.MEASURE, "(2)"),
        (SectionKind.MEASURE, "(3)"),
        (SectionKind.MEASURE, "(4)"),
    ]
    assert part_1[0].label.startswith("Strengthen ideological guidance")
    aspects = _children(sections, parts[1])
    assert all(a.kind is SectionKind.ASPECT for a in aspects)
    starts = ["there is a gap", "the protection and restoration", "outstanding problems", "more"]
    assert [a.label.split()[: len(w.split())] for a, w in zip(aspects, starts, strict=True)] == [
        w.split() for w in starts
    ]
    # The closing "Next, Guizhou Province will ..." is no part of the last aspect.
    assert aspects[-1].extent.end < text.index("Next, Guizhou Province")
    inline = [[m.number for m in _children(sections, sections.index(a))] for a in aspects]
    assert inline == [
        ["First", "Second", "Third"],
        ["First", "Second", "Third"],
        ["One", "The second", "Third", "Fourth"],
        ["One", "The second", "Third"],
    ]
    third = _children(sections, sections.index(aspects[2]))
    assert third[0].label.startswith("strengthen the protection")
    assert all(m.kind is SectionKind.MEASURE for m in third)


# --- the development samples -----------------------------------------------------------

_TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(n for n, v in _TRUTH.items() if v["problems"] is not None))
def test_sample_problem_counts_match_the_truth(name):
    text, _ = clean_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)
    problems = [s for s in segment(text) if s.kind is SectionKind.PROBLEM]
    assert len(problems) == _TRUTH[name]["problems"]


def test_lettered_problems_of_the_mep_inspection():
    name = "mep-air-mobile-inspection-2017.txt"
    text, _ = clean_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)
    problems = [s for s in segment(text) if s.kind is SectionKind.PROBLEM]
    assert [p.number for p in problems] == ["a.", "b.", "c.", "d."]
    assert (
        problems[1].label == "some companies falsified the online monitoring data of air pollutants"
    )


def test_zhejiang_announcement_word_and_decimal_numbering_continue_each_other():
    name = "zhejiang-announcement-no18.txt"
    text, _ = clean_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)
    sections = segment(text)
    assert [(s.kind, s.number, s.parent) for s in sections] == [
        (SectionKind.PROBLEM, "First", None),
        (SectionKind.PART, "2.", None),
        (SectionKind.PART, "3.", None),
        (SectionKind.MEASURE, "1.", 2),  # printed on its part's heading line
    ]
    assert sections[2].label == "Completion of the rectification measures"
    assert sections[0].label.startswith("the feedback problem is that certain cities lack")


def test_inner_mongolia_word_part_with_measure():
    name = "inner-mongolia-rectification-2023.txt"
    text, _ = clean_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)
    sections = segment(text)
    assert [(s.kind, s.number, s.parent) for s in sections] == [
        (SectionKind.PART, "First", None),
        (SectionKind.MEASURE, "(1)", 0),
    ]
    assert sections[1].label == "Keep on strengthening the theoretical arming"


def test_prose_enumeration_before_any_heading_is_not_a_section():
    text = "First, the inspectors came. Second, they left.\nNothing else happened."
    assert segment(text) == []


def test_problem_numbers_run_on_across_aspects():
    text = (
        "2. Rectification of problems\n"
        '(1) Rectification of the problem of "weak responsibility".\n'
        '1. Rectification of the issue of "slow work".\n'
        "(1) Speed up work. Details.\n"
        "(2) Check work.\n"
        '(2) Rectification of the problem of "poor results".\n'
        '2. Rectification of the issue of "bad data".\n'
        "(1) Fix the data.\n"
    )
    sections = segment(text)
    assert [(s.kind.value, s.number, s.parent) for s in sections] == [
        ("part", "2.", None),
        ("aspect", "(1)", 0),
        ("problem", "1.", 1),
        ("measure", "(1)", 2),
        ("measure", "(2)", 2),
        ("aspect", "(2)", 0),
        ("problem", "2.", 5),
        ("measure", "(1)", 6),
    ]
    assert [s.label for s in sections[5:7]] == ["poor results", "bad data"]


def test_roman_parts_and_unquoted_problem_titles():
    text = (
        "I. Overall progress\n"
        "By the end of June, 46 of the 50 rectification tasks had been completed.\n"
        "II. Rectification of key problems\n"
        "(1) Rectification of the problem of insufficient sewage treatment capacity.\n"
        "1. Rectification of the issue that the Liuxi River is polluted.\n"
        "The first is to build pipes. The second is to close outlets.\n"
        "2. Rectification of the problem of illegal quarries in Guilin.\n"
        "(1) Close the quarries. All 21 were closed.\n"
        "III. Next steps\n"
        "(1) Keep going.\n"
    )
    sections = segment(text)
    assert [(s.kind.value, s.number, s.ordinal, s.parent, s.label) for s in sections] == [
        ("part", "I.", 1, None, "Overall progress"),
        ("part", "II.", 2, None, "Rectification of key problems"),
        ("aspect", "(1)", 1, 1, "insufficient sewage treatment capacity"),
        ("problem", "1.", 1, 2, "the Liuxi River is polluted"),
        ("measure", "The first", 1, 3, "build pipes"),
        ("measure", "The second", 2, 3, "close outlets"),
        ("problem", "2.", 2, 2, "illegal quarries in Guilin"),
        ("measure", "(1)", 1, 6, "Close the quarries"),
        ("part", "III.", 3, None, "Next steps"),
        ("measure", "(1)", 1, 8, "Keep going"),
    ]


# --- sentences -------------------------------------------------------------------------


def test_sentence_spans_split_run_together_sentences():
    text = (
        "(1) Deepen understanding of the work.On March 24, the group met.\n"
        "1. The party group held 46 meetings. Address: No. 16, Foziling Road.\n"
        "It spent 1.5 million yuan (4.5 U.S. dollars) in Jan. this year"
    )
    quotes = [text[s.start : s.end] for s in sentence_spans(text)]
    assert quotes == [
        "(1) Deepen understanding of the work.",
        "On March 24, the group met.",
        "1. The party group held 46 meetings.",
        "Address: No. 16, Foziling Road.",
        "It spent 1.5 million yuan (4.5 U.S. dollars) in Jan. this year",
    ]


def test_sentence_spans_keep_closing_quotes_with_their_sentence():
    text = 'They issued the "Plan." Then they met! Did it work? 是的。好'
    quotes = [text[s.start : s.end] for s in sentence_spans(text)]
    assert quotes == ['They issued the "Plan."', "Then they met!", "Did it work?", "是的。", "好"]


@pytest.mark.seeds
def test_sentence_spans_on_a_seed_cover_every_word(guangxi):
    text, _ = guangxi
    spans = sentence_spans(text)
    starts = [text[s.start : s.start + 12] for s in spans]
    assert "On March 24," in starts  # after "... work.On March 24"
    assert "On March 30," in starts
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == "".join(text.split())


# --- properties --------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "1. ",
        "2. ",
        "3. ",
        "(1) ",
        "(2) ",
        "(3) ",
        "First, ",
        "Second, ",
        "Third, ",
        "The first is to ",
        "The second is ",
        "One is ",
        "a. ",
        "b. ",
        "一、",
        "（一）",
        'Rectification of the problem of "',
        '"',
        "'",
        "problem",
        "word ",
        "Work",
        ".",
        ". ",
        ".On ",
        "\n",
        "\n\n",
        " ",
        "No. 5",
        "1.5",
        ";",
        ":",
        "。",
        "“",
        "”",
    ]
)
_TEXTS = st.one_of(
    st.lists(_FRAGMENTS, max_size=60).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_sections_lie_in_the_text_and_nest(text):
    sections = segment(text)
    for index, section in enumerate(sections):
        assert 0 <= section.extent.start <= section.extent.end <= len(text)
        assert section.extent.covers(section.heading)
        assert text[section.heading.start : section.heading.end] == section.label
        if section.parent is not None:
            assert section.parent < index
            assert sections[section.parent].extent.covers(section.extent)
    for a in sections:
        for b in sections:
            nested = b.extent.covers(a.extent) or a.extent.covers(b.extent)
            disjoint = a.extent.end <= b.extent.start or b.extent.end <= a.extent.start
            assert nested or disjoint


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_sentence_spans_are_ordered_stripped_and_in_the_text(text):
    previous_end = 0
    for span in sentence_spans(text):
        assert previous_end <= span.start < span.end <= len(text)
        quote = text[span.start : span.end]
        assert quote == quote.strip()
        previous_end = span.end


def test_docstring_examples_run():
    import doctest

    for module in (segment_module, outline_module, enumerations_module, sentences_module):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_problem_numbers_run_on_under_a_new_aspect_even_where_a_part_number_fits() -> None:
    # Parts and problems are both printed "n.": "3." after aspect (2) of part 2 could be
    # part 3, but its wording names a problem, and problem 2 was the last one.
    text = (
        "1. The party group organizes the implementation\n\n"
        "(1) Strengthen supervision. The work went on.\n\n"
        "2. Rectification of the problems fed back\n\n"
        '(1) Rectification of the problem of "the responsibility is weak"\n\n'
        '1. Rectification of the problem of "insufficient sense of mission".\n\n'
        "(1) Tighten the responsibility. The work went on.\n\n"
        '2. Rectification of the problem of "the treatment of sewage lags behind".\n\n'
        "(1) Build capacity. The work went on.\n\n"
        "(2) Carry out supervision. The work went on.\n\n"
        "(3) Optimize the system. The work went on.\n\n"
        '(2) Rectification of the problem of "the overall coordination is not strong"\n\n'
        '3. Rectification of the problem of "poor results in water pollution control".\n\n'
        "(1) Strengthen inspection. The work went on.\n"
    )
    sections = segment(text)
    kinds = [(s.kind, s.number) for s in sections]
    aspect_2 = kinds.index((SectionKind.ASPECT, "(2)"))
    problem_3 = kinds.index((SectionKind.PROBLEM, "3."))
    assert sections[problem_3].parent == aspect_2
    assert [s.number for s in sections if s.kind is SectionKind.PART] == ["1.", "2."]
