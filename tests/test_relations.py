"""Relations between figures: parts, complete breakdowns, rates, stated counts, quantities.

The short texts are our own; the seed checks read ../shared/seeds and skip without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ducha.loaders.figures import extract_figures
from ducha.loaders.model import Extraction, RelationKind

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


class Found:
    """An extraction read by the printed numbers, so tests name figures as printed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.extraction: Extraction = extract_figures(text)
        self.quotes = [text[f.span.start : f.span.end] for f in self.extraction.figures]

    def index(self, quote: str, nth: int = 0) -> int:
        return [i for i, q in enumerate(self.quotes) if q == quote][nth]

    def related(self, kind: RelationKind, quote: str, nth: int = 0) -> list[str]:
        """What the figure printed ``quote`` points to by ``kind`` (printed or list name)."""
        source = self.index(quote, nth)
        return [
            self.quotes[r.target] if isinstance(r.target, int) else r.target
            for r in self.extraction.relations
            if r.kind is kind and r.source == source
        ]

    def parts(self, whole: str, nth: int = 0) -> list[str]:
        target = self.index(whole, nth)
        return [
            self.quotes[r.source]
            for r in self.extraction.relations
            if r.kind is RelationKind.PART_OF and r.target == target
        ]

    def complete(self, whole: str, nth: int = 0) -> bool:
        target = self.index(whole, nth)
        flags = {
            r.complete
            for r in self.extraction.relations
            if r.kind is RelationKind.PART_OF and r.target == target
        }
        assert len(flags) == 1, flags
        return flags.pop()

    def breakdowns(self, whole: str, nth: int = 0) -> list[list[str]]:
        """The complete breakdowns of a whole, each as its parts printed, in text order."""
        target = self.index(whole, nth)
        groups: dict[int, list[str]] = {}
        for r in self.extraction.relations:
            if r.kind is RelationKind.PART_OF and r.target == target and r.group is not None:
                assert r.complete and r.span is not None
                assert self.text[r.span.start : r.span.end].strip()
                groups.setdefault(r.group, []).append(self.quotes[r.source])
        return [groups[g] for g in sorted(groups)]

    def status(self, quote: str, nth: int = 0) -> str | None:
        return self.extraction.figures[self.index(quote, nth)].status


# --- parts ---------------------------------------------------------------------------------


def test_x_of_the_y_with_a_status_breakdown_is_complete() -> None:
    found = Found(
        "So far, 40 of the 52 rectification tasks have been completed, 7 have been basically "
        "completed, and 5 are progressing in an orderly manner."
    )
    assert found.parts("52") == ["40", "7", "5"]
    assert [found.status(q) for q in ("40", "7", "5")] == [
        "completed",
        "basicallyCompleted",
        "inProgress",
    ]
    assert found.complete("52")
    assert found.status("52") is None


def test_a_single_part_is_not_a_complete_breakdown() -> None:
    found = Found("As a result, 1204 of the 1210 petitions have been settled.")
    assert found.parts("1210") == ["1204"]
    assert not found.complete("1210")


def test_whole_first_then_parts() -> None:
    found = Found(
        "Of the 3,210 cases reported by the masses, 3,150 have been completed and 60 have been "
        "completed in stages, with a completion rate of 98.1%."
    )
    assert found.parts("3,210") == ["3,150", "60"]
    assert found.complete("3,210")
    # 3,150 / 3,210 = 98.1%: the rate leaves the work completed in stages out
    assert found.related(RelationKind.RATE_OF, "98.1%") == ["3,150"]
    assert found.related(RelationKind.RATE_OVER, "98.1%") == ["3,210"]


def test_a_rate_counting_work_in_stages_as_done() -> None:
    found = Found(
        "Of the 400 cases reported by the masses, 300 have been completed and 80 have been "
        "completed in stages, with a completion rate of 95%."
    )
    # (300 + 80) / 400 = 95%, where 300 / 400 would be 75%
    assert found.related(RelationKind.RATE_OF, "95%") == ["300", "80"]
    assert found.related(RelationKind.RATE_OVER, "95%") == ["400"]


def test_a_misprinted_rate_keeps_the_standard_definition() -> None:
    found = Found(
        "Of the 400 cases reported by the masses, 300 have been completed and 80 have been "
        "completed in stages, with a completion rate of 85%."
    )
    # neither 300 / 400 (75%) nor 380 / 400 (95%) gives 85%: completed over total, flagged
    assert found.related(RelationKind.RATE_OF, "85%") == ["300"]
    assert found.related(RelationKind.RATE_OVER, "85%") == ["400"]


def test_a_rate_counting_basically_completed_work_as_done() -> None:
    found = Found(
        "Of the 50 rectification tasks, 40 have been completed, 6 have been basically "
        "completed and 4 are progressing, with a completion rate of 92%."
    )
    # (40 + 6) / 50 = 92%
    assert found.related(RelationKind.RATE_OF, "92%") == ["40", "6"]
    assert found.related(RelationKind.RATE_OVER, "92%") == ["50"]


def test_parts_by_level_are_a_complete_breakdown() -> None:
    found = Found(
        "A total of 57 officials were held accountable, including 4 at the department level, "
        "21 at the county level and 32 at the township level and below."
    )
    assert found.parts("57") == ["4", "21", "32"]
    assert found.complete("57")


def test_a_list_after_two_possible_wholes_is_left_alone() -> None:
    found = Found(
        "Talks were held with 33 leading cadres and 2 units, including 15 main leaders and "
        "more than 40 people in charge."
    )
    assert [r for r in found.extraction.relations if r.kind is RelationKind.PART_OF] == []


def test_of_whom_and_of_which() -> None:
    found = Found(
        "For 90 issues, 2,004 persons have been held accountable, 1,100 of whom were given "
        "sanctions. The city treated 31 black and odorous water bodies, 29 of which are clean."
    )
    assert found.parts("2,004") == ["1,100"]
    assert found.parts("31") == ["29"]


def test_of_these_refers_to_the_last_count_and_skips_people() -> None:
    found = Found(
        "The provinces have completed 8,500 cases. Of these, 900 companies were fined, 40 "
        "cases were filed for investigation and 300 leading cadres were interviewed."
    )
    assert found.parts("8,500") == ["900", "40"]


def test_two_classified_breakdowns_of_one_whole_are_two_groups() -> None:
    found = Found(
        "The batch contains 120 letters altogether. Classified by the type of pollution, of "
        "the 120 letters, 70 concern water, 30 air and 20 other pollutants. Classified by "
        "region, 80 concern Hangzhou (1 urgent letter among them) and 40 Ningbo."
    )
    assert found.breakdowns("120", 1) == [["70", "30", "20"], ["80", "40"]]
    assert found.complete("120", 1)
    assert found.parts("80") == ["1"]
    assert found.breakdowns("80") == []  # one part is no complete breakdown


def test_the_remaining_ones_are_parts() -> None:
    found = Found(
        "Since 2019, 25 problems were found, and the rectification of 22 has been finished, "
        "the remaining three are pushed forward in order."
    )
    assert found.parts("25") == ["22", "three"]
    assert found.complete("25")


def test_category_parts_match_earlier_categories() -> None:
    found = Found(
        "The teams handed over 900 letters, involving 400 noise pollution problems and 200 "
        "dust pollution problems. So far 700 cases have been completed, of which 300 noise "
        "pollution problems and 150 dust pollution problems have been completed."
    )
    assert found.parts("400") == ["300"]
    assert found.parts("200") == ["150"]


def test_siblings_are_not_parts() -> None:
    found = Found(
        "In 2023, 7 people applied to join, 12 have been listed as activists, and 5 "
        "probationary members have been accepted. It held 4 study meetings and 3 seminars."
    )
    assert [r for r in found.extraction.relations if r.kind is RelationKind.PART_OF] == []


def test_a_funnel_is_a_chain_of_parts() -> None:
    found = Found(
        "By May the teams had received 1,200 calls and letters and accepted 1,000 valid "
        "reports. The cities have completed 800 cases. Of these, 90 companies were fined."
    )
    assert found.parts("1,200") == ["1,000"]
    assert found.parts("1,000") == ["800"]
    assert found.parts("800") == ["90"]


def test_a_list_after_a_colon_completes_its_whole() -> None:
    found = Found(
        "Around the lake, the 30 quarries found in the county were dealt with: 12 were closed, "
        "10 were restored and 8 were moved into industrial parks."
    )
    assert found.parts("30") == ["12", "10", "8"]
    assert found.complete("30")
    assert found.related(RelationKind.STATED_COUNT, "30") == []


def test_a_headline_colon_is_no_list() -> None:
    found = Found("Inspection ends in five provinces: 20 detained and 300 held accountable")
    assert found.parts("five") == []


def test_x_of_its_y_and_measures_of_them() -> None:
    found = Found(
        "The company invested in its ponds, and 3 of its 7 tailings ponds were closed. The "
        "works occupied 20.5 hectares, and 8.2 hectares of them were returned to farmland."
    )
    assert found.parts("7") == ["3"]
    assert found.parts("20.5 hectares") == ["8.2 hectares"]


def test_of_them_across_a_semicolon_skips_a_nested_count() -> None:
    found = Found(
        "The first is to move the 1,500 residents of 4 villages; by May, 1,200 of them had "
        "moved out."
    )
    assert found.parts("1,500") == ["1,200"]
    assert found.parts("4") == []


def test_a_breakdown_by_one_dimension() -> None:
    found = Found(
        "A total of 60 persons were punished. By type of sanction, twenty were warned, thirty "
        "were fined and ten were dismissed. By the end of May, 5 cases were closed."
    )
    assert found.breakdowns("60") == [["twenty", "thirty", "ten"]]
    assert found.parts("60") == ["twenty", "thirty", "ten"]


def test_of_the_noun_finds_its_whole_in_an_earlier_paragraph() -> None:
    found = Found("The batch holds 80 complaints.\nOf the complaints, 30 concern noise.")
    assert found.parts("80") == ["30"]


def test_the_handed_over_cases_are_those_handed_over() -> None:
    found = Found(
        "The team received 500 reports and handed over 450 of them. So far 20 of the "
        "handed-over cases are still under investigation, and the completion rate of the "
        "handed-over cases is 95.6 percent."
    )
    assert found.parts("500") == ["450"]
    assert found.parts("450") == ["20"]
    assert found.related(RelationKind.RATE_OVER, "95.6 percent") == ["450"]
    assert found.related(RelationKind.RATE_OF, "95.6 percent") == []


def test_a_definite_whole_with_its_noun_repeated_and_the_remaining_ones() -> None:
    found = Found(
        "Of the 40 rectification items, 30 items have been closed, accounting for 75 percent; "
        "the remaining 10 items are being rectified."
    )
    assert found.parts("40") == ["30", "10"]
    assert found.complete("40")
    assert found.related(RelationKind.RATE_OF, "75 percent") == ["30"]
    assert found.related(RelationKind.RATE_OVER, "75 percent") == ["40"]


def test_a_total_of_is_no_definite_whole() -> None:
    found = Found("A total of 900 units were urged to rectify, and 400 units were punished.")
    assert found.parts("900") == []


def test_a_funnel_runs_through_its_stages() -> None:
    found = Found(
        "The groups received 5,000 reports, of which 4,000 were accepted; 3,500 had been "
        "handed over to the cities. The cities had finished 3,000 cases, of which 2,000 were "
        "completed and 1,000 were completed in stages. They fined 90 enterprises."
    )
    assert found.parts("5,000") == ["4,000"]
    assert found.parts("4,000") == ["3,500"]
    assert found.parts("3,500") == ["3,000"]
    assert found.parts("3,000") == ["2,000", "1,000"]
    assert found.parts("1,000") == []


def test_a_share_of_one_place_in_a_total_over_several() -> None:
    found = Found(
        "Inspectors looked into 10,000 cases altogether in the five provinces.\nThey asked "
        "the regulators of the province to handle 2,000 cases."
    )
    assert found.parts("10,000") == ["2,000"]
    found = Found(
        "Inspectors looked into 10,000 cases altogether in the five provinces.\nThey asked "
        "the companies to explain 2,000 cases."
    )
    assert found.parts("10,000") == []


def test_parts_continued_in_the_next_sentences() -> None:
    found = Found(
        "So far, among the 30 items to be rectified, 5 items have been finished. The 5 items "
        "involving 8 problems were due by June. The city must complete 10 items before the "
        "end of September and 15 items before the end of the year."
    )
    assert found.parts("30") == ["5", "5", "10", "15"]
    assert found.breakdowns("30") == []  # a schedule, not a breakdown the text says is whole


def test_a_named_place_inside_a_named_project_is_a_part_of_its_area() -> None:
    found = Found(
        "The area of the Red Cliff Harbour project is 60 hectares, and the works on Cliff "
        "Harbour, 25.5 hectares, began without permits. The county has 40 hectares of forest."
    )
    assert found.parts("60 hectares") == ["25.5 hectares"]
    assert found.parts("25.5 hectares") == []


def test_stated_counts_of_teams_stationed_in_places_and_of_both() -> None:
    found = Found("The 3 inspection teams were stationed in Hebei, Henan and Hunan in May.")
    assert found.related(RelationKind.STATED_COUNT, "3") == ["inspection teams"]
    found = Found(
        "The ministry named two state-owned enterprises. Northern Steel Group and Eastern "
        "Cement Co, both inspected in 2021, have reported their progress."
    )
    assert found.related(RelationKind.STATED_COUNT, "two") == ["state-owned enterprises"]


# --- rates ---------------------------------------------------------------------------------


def test_rate_of_part_over_whole_in_another_unit() -> None:
    found = Found(
        "So far 3.2 kilometers of pipes have been laid, accounting for 40% of the total "
        "design length of 8 kilometers."
    )
    assert found.related(RelationKind.RATE_OF, "40%") == ["3.2 kilometers"]
    assert found.related(RelationKind.RATE_OVER, "40%") == ["8 kilometers"]


def test_rate_counts_only_the_done_parts() -> None:
    found = Found(
        "Up to now, 50 of the 60 problems have been rectified, and 10 are being rectified, "
        "with a completion rate of 83.3%."
    )
    assert found.related(RelationKind.RATE_OF, "83.3%") == ["50"]
    assert found.related(RelationKind.RATE_OVER, "83.3%") == ["60"]


def test_rate_over_a_total_in_the_previous_sentence() -> None:
    found = Found(
        "A total of 400 letters were transferred to the cities. By now, 300 cases have been "
        "completed, 50 cases have been completed in stages, and the completion rate is 87.5%."
    )
    assert found.related(RelationKind.RATE_OF, "87.5%") == ["300", "50"]
    assert found.related(RelationKind.RATE_OVER, "87.5%") == ["400"]


def test_a_share_with_only_its_denominator() -> None:
    found = Found("Of the 150 violations found in total, 80 percent had been rectified.")
    assert found.related(RelationKind.RATE_OVER, "80 percent") == ["150"]
    assert found.related(RelationKind.RATE_OF, "80 percent") == []


def test_a_rate_restating_the_count_before_it() -> None:
    found = Found(
        "The team received 200 reports and handed all of them over; 190 have been settled, "
        "or 95 per cent."
    )
    assert found.parts("200") == ["190"]
    assert found.related(RelationKind.RATE_OF, "95 per cent") == ["190"]
    assert found.related(RelationKind.RATE_OVER, "95 per cent") == ["200"]
    found = Found(
        "Restoration of 900 hectares of mines was completed, accounting for eighty percent of "
        "the planned area."
    )
    assert found.related(RelationKind.RATE_OF, "eighty percent") == ["900 hectares"]
    assert found.related(RelationKind.RATE_OVER, "eighty percent") == []


def test_a_rate_with_nothing_to_tie_to_stays_alone() -> None:
    found = Found(
        "At present, 900 villages have completed sewage treatment, and the sewage treatment "
        "rate has increased to 31.2%."
    )
    assert found.related(RelationKind.RATE_OF, "31.2%") == []


# --- stated counts -------------------------------------------------------------------------


def test_problems_in_aspects_are_stated_counts_once() -> None:
    found = Found(
        "It formulates 60 rectification measures for the 12 problems in 4 aspects. Later the "
        "ministry pointed out 30 problems in 3 aspects of the fund projects."
    )
    assert found.related(RelationKind.STATED_COUNT, "12") == ["problems"]
    assert found.related(RelationKind.STATED_COUNT, "4") == ["aspects"]
    assert found.related(RelationKind.STATED_COUNT, "30") == []


def test_stated_count_before_a_list() -> None:
    found = Found("The problems fall into three categories as follows: a. air; b. water.")
    assert found.related(RelationKind.STATED_COUNT, "three") == ["categories"]
    found = Found("Teams visited 5 provinces (Hebei, Shanxi, Henan, Hubei and Hunan) in May.")
    assert found.related(RelationKind.STATED_COUNT, "5") == ["provinces"]


def test_stated_counts_of_a_list_after_a_colon_or_in_apposition() -> None:
    found = Found(
        "The group found 3 outstanding problems: the lake is polluted, the forest is cut, and "
        "the air is dirty."
    )
    assert found.related(RelationKind.STATED_COUNT, "3") == ["outstanding problems"]
    found = Found(
        "Inspections covered 2 state-owned companies, Eastern Steel Co., Ltd. and Northern "
        "Coal Co., Ltd.\nThe work ended in May."
    )
    assert found.related(RelationKind.STATED_COUNT, "2") == ["state-owned companies"]
    found = Found(
        "The teams visited 4 provinces (municipalities), namely Hebei, Henan, Hubei and Hunan."
    )
    assert found.related(RelationKind.STATED_COUNT, "4") == ["provinces"]


def test_stated_count_of_a_numbered_list_that_follows() -> None:
    from ducha.loaders.model import Section, SectionKind, Span

    text = (
        "The city formulated 3 rectification measures for the lake.\n"
        "(1) Move the villages.\n(2) Dredge the river.\n(3) Hold people accountable."
    )

    def items(first: int) -> list[Section]:
        starts = [text.index(f"({n})") for n in (1, 2, 3)] + [len(text)]
        return [
            Section(SectionKind.PART, f"({n})", n, "", Span(a, a + 3), Span(a, b))
            for n, a, b in zip((first, first + 1, first + 2), starts[:-1], starts[1:], strict=True)
        ]

    stated = [
        r.target for r in extract_figures(text, items(1)).relations if r.kind.value == "statedCount"
    ]
    assert stated == ["rectification measures"]
    # "(3) …" right after the count goes on with an outer list: not this count's items
    assert [
        r for r in extract_figures(text, items(3)).relations if r.kind.value == "statedCount"
    ] == []


def test_no_stated_count_for_visits_to_places() -> None:
    found = Found("Leaders made 16 visits to Wujiang River, Chishui River and Songtao County.")
    assert found.related(RelationKind.STATED_COUNT, "16") == []


# --- same quantity -------------------------------------------------------------------------


def test_same_counted_thing_shares_a_quantity() -> None:
    found = Found(
        "The group transferred 1,310 letters and visits from the masses. In May, a total of "
        "1,310 valid letters and visits were transferred. It held 4 study meetings and 4 "
        "special work meetings."
    )
    figures = found.extraction.figures
    first, second = figures[found.index("1,310", 0)], figures[found.index("1,310", 1)]
    assert first.quantity is not None and first.quantity == second.quantity
    assert figures[found.index("4", 0)].quantity is None


def test_a_specific_counted_thing_shares_a_quantity_whatever_its_value() -> None:
    found = Found(
        "The group transferred 1,310 letters and visits. In May, a total of 1,301 valid "
        "letters and visits were transferred, of which 70 letters and visits came by phone."
    )
    figures = found.extraction.figures
    first, second = figures[found.index("1,310")], figures[found.index("1,301")]
    assert first.quantity is not None and first.quantity == second.quantity
    assert figures[found.index("70")].quantity is None  # a part counts a subset


def test_generic_nouns_and_running_totals_are_not_linked_across_values() -> None:
    found = Found(
        "The plan lists 18 problems and 115 rectification measures. For the other inspection "
        "it found 39 problems and formulated 208 rectification measures. This batch has 286 "
        "petition letters. Up to now, 4,697 petition letters have been handed over."
    )
    figures = found.extraction.figures
    assert [figures[found.index(q)].quantity for q in ("18", "39", "115", "208")] == [None] * 4
    batch, to_date = figures[found.index("286")], figures[found.index("4,697")]
    assert batch.quantity is None or batch.quantity != to_date.quantity


# --- the seed reports ----------------------------------------------------------------------


def _seed(name: str) -> Found:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed report {path} is absent (it lives outside the repository)")
    return Found(path.read_text(encoding="utf-8"))


@pytest.mark.seeds
def test_seed_000_relations() -> None:
    found = _seed("000_f20d1e9dac4159b8.txt")
    assert found.parts("115", 1) == ["83", "19", "13"]
    assert [found.status(q) for q in ("83", "19", "13")] == [
        "completed",
        "basicallyCompleted",
        "inProgress",
    ]
    assert found.complete("115", 1)
    assert found.parts("3,917") == ["3,867", "50"]
    assert (found.status("3,867"), found.status("50")) == ("completed", "completedInStages")
    # 3,867 / 3,917 = 98.7%, but 93.4% below is (1,641 + 905) / 2,726
    assert found.related(RelationKind.RATE_OF, "98.7%") == ["3,867"]
    assert found.related(RelationKind.RATE_OVER, "98.7%") == ["3,917"]
    figures = found.extraction.figures
    assert figures[found.index("2,726", 0)].quantity is not None
    assert figures[found.index("2,726", 0)].quantity == figures[found.index("2,726", 1)].quantity
    assert found.related(RelationKind.RATE_OF, "93.4%") == ["1,641", "905"]
    assert found.related(RelationKind.RATE_OVER, "93.4%") == ["2,726"]
    assert found.parts("95", 1) == ["78", "17"]
    assert found.related(RelationKind.RATE_OF, "82.1%") == ["78"]
    assert found.related(RelationKind.RATE_OVER, "82.1%") == ["95"]
    assert found.related(RelationKind.RATE_OF, "59.5%") == ["7.11 kilometers"]
    assert found.related(RelationKind.RATE_OVER, "59.5%") == ["11.95 kilometers"]
    assert found.related(RelationKind.STATED_COUNT, "18") == ["problems"]
    assert found.related(RelationKind.STATED_COUNT, "6") == ["aspects"]
    assert found.parts("42") == ["41", "1"]
    assert found.parts("39") == ["23", "16"]
    assert found.parts("795") == ["522", "170"]
    assert found.parts("178") == ["108", "43"]
    assert found.parts("164") == ["76", "55"]
    # the later "95 problems in five aspects" is another inspection's list
    assert found.related(RelationKind.STATED_COUNT, "95", 0) == []


@pytest.mark.seeds
def test_seed_001_relations() -> None:
    found = _seed("001_dfd117c0899df549.txt")
    assert found.parts("42") == ["3", "30", "9"]
    assert found.parts("142") == ["15", "60", "67"]
    assert found.complete("42") and found.complete("142")
    assert found.parts("2307") == ["2291"]
    assert found.parts("826") == ["821"]
    assert found.parts("507") == ["491"]


def test_stated_problems_must_come_before_the_listed_problems() -> None:
    from ducha.loaders.model import Section, SectionKind, Span

    text = "It formulates 60 measures for the 12 problems in 4 aspects.\n(1) Rectification of air."
    aspect_at = text.index("(1)")
    aspect = Section(
        SectionKind.ASPECT, "(1)", 1, "air", Span(aspect_at, len(text)), Span(aspect_at, len(text))
    )
    stated = [r for r in extract_figures(text, [aspect]).relations if r.kind.value == "statedCount"]
    assert [r.target for r in stated] == ["problems", "aspects"]
    early = Section(SectionKind.ASPECT, "(1)", 1, "air", Span(0, 5), Span(0, len(text)))
    assert [
        r for r in extract_figures(text, [early]).relations if r.kind.value == "statedCount"
    ] == []
