"""The verdicts across reports (ducha.shapes.figure_groups), by hand and against the plain
figure-by-figure rule the corpus generator writes its truth with."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ducha.shapes.figure_groups import Figure, Verdict, VerdictKind, group_verdicts

from benchmarks.corpus_conflicts import ReportFacts, cross_report_conflicts
from benchmarks.corpus_text import Fact


def said(
    report: str,
    value: int,
    *,
    as_of: str | None = "2021-06-30",
    issued: str | None = "2021-07-15",
    cumulative: bool = False,
    unfinished: bool = False,
    pinned: bool = True,
    n: int = 1,
) -> Figure:
    return Figure(
        f"{report}/figure/{n}", report, Decimal(value), str(value), "cases", as_of, issued,
        f"{report}.txt", cumulative, unfinished, pinned,
    )  # fmt: skip


def found(figures: list[Figure], *, region: bool = False) -> list[tuple[str, str, str]]:
    """(figure, other figure, kind and severity) of each verdict."""

    def kind(v: Verdict) -> str:
        if v.kind is VerdictKind.SAME_DAY:
            return f"same-day:{v.reports_agreeing}"
        return "falls:Violation" if v.violation else "falls:Warning"

    verdicts = group_verdicts(figures, region=region)
    return sorted((v.figure.iri, v.other.iri, kind(v)) for v in verdicts)


def test_the_one_report_that_disagrees_is_flagged_once():
    agreeing = [said(name, 50, issued=f"2021-07-1{i}") for i, name in enumerate("abcde")]
    odd = said("f", 40, issued="2021-07-01")  # the earliest, but alone
    assert found([*agreeing, odd]) == [("f/figure/1", "a/figure/1", "same-day:5")]


def test_of_two_reports_that_disagree_the_later_is_flagged():
    assert found([said("a", 50, issued="2021-07-20"), said("b", 40, issued="2021-07-10")]) == [
        ("a/figure/1", "b/figure/1", "same-day:1")
    ]
    # issued the same day: the file name decides
    assert found([said("b", 50), said("a", 40)]) == [("b/figure/1", "a/figure/1", "same-day:1")]
    # a report without an issue date counts as the latest
    assert found([said("a", 50, issued=None), said("b", 40)]) == [
        ("a/figure/1", "b/figure/1", "same-day:1")
    ]


def test_a_report_is_not_compared_with_itself():
    # "a" gives 50 and 40 as of one day: a matter within "a" (duplicate-value), not across
    fifty, forty = said("a", 50, issued="2021-07-01"), said("a", 40, n=2, issued="2021-07-01")
    assert found([fifty, forty]) == []
    # "b" gives 45: all three values have one report; "a" is the earlier report
    assert found([fifty, forty, said("b", 45)]) == [("b/figure/1", "a/figure/1", "same-day:1")]
    # within "a", its figures in the order of its text (figure 9 before figure 10)
    ninth, tenth = said("a", 32, n=9, issued="2021-07-01"), said("a", 33, n=10, issued="2021-07-01")
    assert found([tenth, ninth, said("b", 45)]) == [("b/figure/1", "a/figure/9", "same-day:1")]


def test_in_a_region_two_pinned_down_reports_are_not_compared():
    first_round = said("a", 4371, pinned=True)
    second_round = said("b", 2450, pinned=True)
    assert found([first_round, second_round], region=True) == []
    # a report whose round is not known agreeing with one of them is not flagged (it may
    # well be about that round), and the other is compared with it alone (a tie, and the
    # other is the earlier report)
    unpinned = said("c", 2450, pinned=False, issued="2021-08-01")
    assert found([first_round, second_round, unpinned], region=True) == []
    # agreeing with neither, it is flagged once
    unpinned = said("c", 3000, pinned=False, issued="2021-08-01")
    assert found([first_round, second_round, unpinned], region=True) == [
        ("c/figure/1", "a/figure/1", "same-day:1")
    ]
    # issued before both, it is the one the two are each flagged against
    unpinned = said("c", 3000, pinned=False, issued="2021-07-01")
    assert found([first_round, second_round, unpinned], region=True) == [
        ("a/figure/1", "c/figure/1", "same-day:1"),
        ("b/figure/1", "c/figure/1", "same-day:1"),
    ]


def test_a_running_total_that_falls():
    march = said("a", 2450, as_of="2022-03-31", cumulative=True)
    undated = said("b", 2500, as_of=None, issued="2022-04-15", cumulative=True)
    june = said("c", 2430, as_of="2022-06-30", cumulative=True, issued="2022-07-15")
    # both dates printed beats the higher figure dated by its report's issue date
    assert found([march, undated, june]) == [
        ("c/figure/1", "a/figure/1", "falls:Violation"),
    ]
    assert found([undated, june]) == [("c/figure/1", "b/figure/1", "falls:Warning")]
    # in a region group only printed dates count, and only violations are possible
    assert found([undated, june], region=True) == []
    # a count of unfinished work may fall; two counts of one batch each may differ
    assert found([march, said("c", 10, as_of="2022-06-30", unfinished=True)]) == []
    batch = said("a", 2450, as_of="2022-03-31")
    assert found([batch, said("c", 2430, as_of="2022-06-30")]) == []
    # a batch count below an earlier running total falls too
    assert found([march, said("c", 2430, as_of="2022-06-30")]) == [
        ("c/figure/1", "a/figure/1", "falls:Violation")
    ]


def test_a_fall_names_the_highest_earlier_figure():
    figures = [said("a", 100, as_of="2022-01-31", cumulative=True),
               said("b", 120, as_of="2022-02-28", cumulative=True),
               said("c", 120, as_of="2022-03-31", cumulative=True),
               said("d", 90, as_of="2022-04-30", cumulative=True)]  # fmt: skip
    assert found(figures) == [("d/figure/1", "b/figure/1", "falls:Violation")]


def test_the_generators_plain_rule_gives_the_same_verdicts():
    """On random groups, the grouped verdicts equal those of the plain figure-by-figure rule
    the corpus generator writes its truth with (benchmarks/corpus_conflicts.py)."""
    rng = random.Random(7)
    days = [date(2021, m, 28) for m in range(1, 7)]
    for _ in range(200):
        reports, figures = [], []
        for r in range(rng.randint(2, 7)):
            issued = rng.choice(days[2:])
            facts = []
            for n in range(rng.randint(1, 3)):
                as_of = rng.choice([None, *[d for d in days if d <= issued]])
                fact = Fact("cases", None, "count", as_of, rng.random() < 0.4,
                            rng.choice([40, 45, 50]))  # fmt: skip
                facts.append(fact)
                figures.append(
                    said(f"r{r}", int(fact.value), as_of=as_of and as_of.isoformat(),
                         issued=issued.isoformat(), cumulative=fact.cumulative, n=n)
                )  # fmt: skip
            reports.append(ReportFacts(f"r{r}.txt", "central-hunan", issued, tuple(facts)))
        plain = sorted(
            (name.removesuffix(".txt"), f["other"].removesuffix(".txt"), tuple(f["numbers"]),
             f["severity"])
            for name, fs in cross_report_conflicts(reports).items() for f in fs
        )  # fmt: skip
        grouped = sorted(
            (v.figure.report, v.other.report, (int(v.other.value), int(v.figure.value)),
             "Violation" if v.violation else "Warning")
            for v in group_verdicts(figures)
        )  # fmt: skip
        assert grouped == plain
