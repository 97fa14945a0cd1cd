"""The matching rules of benchmarks/scoring.py, on small hand-made cases."""

from __future__ import annotations

from decimal import Decimal

from benchmarks.scoring import Extracted, Score, failed_checks, normalise_name, score_file


def test_names_compare_without_case_quotes_article_and_province() -> None:
    assert normalise_name("the Yunnan Province") == normalise_name("Yunnan")
    assert normalise_name('"Regulations on X"') == normalise_name("regulations on x")
    assert normalise_name("People's Government") == normalise_name("Peoples Government")
    assert normalise_name("Hefei Water Group Co.") != normalise_name("Hefei Water Group Co., Ltd.")


def test_figures_are_a_multiset_of_values() -> None:
    truth = {"figures": [158, 158, 0.333333, 2874000]}
    found = Extracted(figures=[Decimal("158"), Decimal("0.3333333333"), Decimal("2874000.000")])
    score = score_file(truth, found, kinds=["figures"])["figures"]
    assert (score.tp, score.fp, score.fn) == (3, 0, 1)
    assert score.missed == ["158"]


def test_parts_rates_and_stated_counts() -> None:
    truth = {
        "parts": [[64, [52, 8, 4]]],
        "rates": [[81.3, 52, 64], [92, 1850, None]],
        "stated_counts": [[3, "outstanding problems"]],
    }
    found = Extracted(
        parts=[(Decimal(64), Decimal(52)), (Decimal(64), Decimal(8)), (Decimal(52), Decimal(8))],
        # A rate tied to two numerators counts their sum.
        rates=[(Decimal("81.3"), Decimal(52), Decimal(64)), (Decimal(92), None, None)],
        stated_counts=[Decimal(3)],
    )
    scores = score_file(truth, found, kinds=["parts", "rates", "stated_counts"])
    assert (scores["parts"].tp, scores["parts"].fp, scores["parts"].fn) == (2, 1, 1)
    assert (scores["rates"].tp, scores["rates"].fp, scores["rates"].fn) == (1, 1, 1)
    assert scores["stated_counts"].f1 == 1.0


def test_entities_match_once_through_aliases() -> None:
    truth = {
        "places": ["Songyuan City", "Qian'an County"],
        "people": ["Wei Hongtao (Mayor of Zunyi)"],
        "aliases": {"Songyuan City": ["Songyuan"]},
    }
    found = Extracted(
        entities={
            # Two nodes for one city: one matches, the other is a false positive.
            "places": [("Songyuan", set()), ("Songyuan Municipality", set())],
            "people": [("Wei Hongtao", {"Mayor Wei Hongtao"})],
        }
    )
    scores = score_file(truth, found, kinds=["places", "people"])
    assert (scores["places"].tp, scores["places"].fp, scores["places"].fn) == (1, 1, 1)
    assert scores["places"].missed == ["Qian'an County"]
    assert scores["people"].f1 == 1.0


def test_dates_match_at_the_precision_the_truth_gives() -> None:
    truth = {"dates": {"start": "2020-09", "feedback": "2022-03-18", "issued": "2022-08-31"}}
    found = Extracted(
        dates=[("start", "2020-09-07"), ("feedback", "2022-03-18"), ("end", "2022-01-05")]
    )
    score = score_file(truth, found, kinds=["dates"])["dates"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.missed == ["issued 2022-08-31"]


def test_problems_are_scored_only_when_counted() -> None:
    assert (
        score_file({"problems": None}, Extracted(problems=4), kinds=["problems"])["problems"]
        == Score()
    )
    score = score_file({"problems": 17}, Extracted(problems=15), kinds=["problems"])["problems"]
    assert (score.tp, score.fp, score.fn) == (15, 0, 2)


def test_failed_checks_name_the_differences() -> None:
    perfect, poor = Score(tp=4), Score(tp=1, fp=1, fn=2, missed=["12"], extra=["1"])
    assert failed_checks({"figures": perfect}, 0.8) == []
    (line,) = failed_checks({"figures": poor}, 0.8)
    assert "precision 0.50" in line and "recall 0.33" in line and "['12']" in line
