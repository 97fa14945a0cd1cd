"""Dates and date ranges as English reports print them."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import ducha.loaders.dates
import pytest
from ducha.loaders.dates import When, find_dates

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from September 22 to December 20, 2022, the group", ["2022-09-22/2022-12-20"]),
        ("2021 to January 5, 2022, the group carried out", ["2021/2022-01-05"]),
        ("On March 3, 2023, the group gave feedback", ["2023-03-03"]),
        ("signed November 16, 2023", ["2023-11-16"]),
        ("2022-06-02 0 By", ["2022-06-02"]),
        ("By the end of May 2023, 30 tasks", ["2023-05"]),
        ("In May and October 2023, we will", ["2023-05", "2023-10"]),
        ("inspected in November 2018", ["2018-11"]),
        ("from November to December 2016. Feedback in April 2017", ["2016-11/2016-12", "2017-04"]),
        ("from November 4 th to December 4 th, 2018, the", ["2018-11-04/2018-12-04"]),
        ("stationed from November 21 to 22, 2023.", ["2023-11-21/2023-11-22"]),
        (
            "From March 25th to April 25th, 2022, and on June 2nd, 2022",
            ["2022-03-25/2022-04-25", "2022-06-02"],
        ),
        ("Mar 30, 2018", ["2018-03-30"]),
        ("From 2013 to 2015, in", ["2013/2015"]),
        # Bare years and a title's validity span are not dates.
        ("Since 2013, the plan (2022-2024) in 2023, 11 meetings", []),
        # "may" the verb, ordinals and impossible days are not dates.
        ("the 24th batch may be late; February 30, 2022 is no day", []),
    ],
)
def test_dates_as_printed(text: str, expected: list[str]) -> None:
    assert [m.isoformat() for m in find_dates(text)] == expected


def test_span_covers_the_printed_date() -> None:
    text = "In the period from November 4 th to December 4 th, 2018, the review"
    (mention,) = find_dates(text)
    assert text[mention.span.start : mention.span.end] == "November 4 th to December 4 th, 2018"


def test_year_comes_from_earlier_date_then_reference() -> None:
    text = "On March 3, 2023, feedback. On March 24, a meeting."
    assert [m.isoformat() for m in find_dates(text)] == ["2023-03-03", "2023-03-24"]
    assert find_dates(text)[1].year_inferred
    shanxi = "From Apr. 28 to May 28, the team inspected. On Jul. 30, the team gave feedback."
    assert find_dates(shanxi) == []  # no year anywhere and no reference: nothing guessed
    dated = find_dates(shanxi, reference=date(2017, 8, 2))
    assert [m.isoformat() for m in dated] == ["2017-04-28/2017-05-28", "2017-07-30"]


def test_day_month_order() -> None:
    assert [m.isoformat() for m in find_dates("held on 1st August 2018")] == ["2018-08-01"]


def test_when_precision() -> None:
    assert When(2023, 5).precision == "month"
    assert When(2023, 5).as_date() is None
    assert When(2023, 5).first_day() == date(2023, 5, 1)
    assert When(2022, 1, 5).as_date() == date(2022, 1, 5)


def test_seed_001_cut_off_start() -> None:
    path = SEEDS / "001_dfd117c0899df549.txt"
    if not path.exists():
        pytest.skip("the seed reports are not in ../shared/seeds")
    found = [m.isoformat() for m in find_dates(path.read_text(encoding="utf-8"))]
    assert found[:3] == ["2021/2022-01-05", "2022-03-18", "2023-05"]


def test_docstring_examples() -> None:
    assert doctest.testmod(ducha.loaders.dates).failed == 0
