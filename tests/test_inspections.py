"""The inspections a report answers: group, target, kind, round, batch and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ducha.loaders.inspections import extract_inspections
from ducha.loaders.model import Inspection
from ducha.loaders.organizations import extract_organizations
from truth_scores import SAMPLES, score_dates

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
EXTRA = Path(__file__).parent / "data" / "extra"


def _inspections(text: str) -> list[Inspection]:
    found: list[Inspection] = extract_inspections(text, extract_organizations(text))
    return found


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("the seed reports are not in ../shared/seeds")
    return path.read_text(encoding="utf-8")


def test_development_report_dates_score() -> None:
    score = score_dates()
    assert score.precision >= 0.8, score.extras
    assert score.recall >= 0.8, score.misses


def test_seed_000_party_inspection_tour() -> None:
    (inspection,) = _inspections(_seed("000_f20d1e9dac4159b8.txt"))
    assert inspection.inspection_type == "party-tour"
    assert inspection.group == "guangxi-eighth-inspection-group-of-party-committee"
    assert inspection.inspected == "guangxi-party-group-of-department-of-ecology-and-environment"
    assert (inspection.start, inspection.end, inspection.feedback) == (
        date(2022, 9, 22),
        date(2022, 12, 20),
        date(2023, 3, 3),
    )


def test_seed_001_central_second_round() -> None:
    (inspection,) = _inspections(_seed("001_dfd117c0899df549.txt"))
    assert inspection.inspection_type == "central"
    assert inspection.round == 2
    assert inspection.group is not None and inspection.group.startswith("second-")
    assert inspection.inspected == "520000"  # Guizhou, keyed by the places stage
    assert inspection.key == "central-r2-guizhou"
    # The start is cut off with the report's beginning: only its year survives.
    assert (inspection.start, inspection.end, inspection.feedback) == (
        None,
        date(2022, 1, 5),
        date(2022, 3, 18),
    )


def test_look_back_with_round() -> None:
    text = (SAMPLES / "guizhou-lookback-caohai-2019.txt").read_text(encoding="utf-8")
    (inspection,) = _inspections(text)
    assert (inspection.inspection_type, inspection.round, inspection.key) == (
        "look-back",
        1,
        "look-back-r1-guizhou",
    )
    # "on May 10" has no year; the explicit "May 10, 2019" of the same feedback wins.
    assert inspection.feedback == date(2019, 5, 10)


def test_batch_of_a_round_and_short_arrival_range() -> None:
    text = (SAMPLES / "third-round-first-batch-2024.txt").read_text(encoding="utf-8")
    (inspection,) = _inspections(text)
    assert (inspection.round, inspection.batch) == (3, 1)
    assert (inspection.start, inspection.end) == (date(2023, 11, 21), None)
    assert inspection.inspected is None  # five provinces at once


def test_complaint_batches_are_not_inspection_batches() -> None:
    text = (SAMPLES / "zhejiang-24th-batch-letters-2017.txt").read_text(encoding="utf-8")
    (inspection,) = _inspections(text)
    assert inspection.batch is None
    assert inspection.start is None and inspection.feedback is None


def test_provincial_party_inspection_tour_group() -> None:
    text = (EXTRA / "liaoning-party-tour-problems-2022.txt").read_text(encoding="utf-8")
    (inspection,) = _inspections(text)
    assert inspection.inspection_type == "party-tour"
    assert inspection.group == "liaoning-third-inspection-group-of-party-committee"
    assert (inspection.start, inspection.end, inspection.feedback) == (
        date(2022, 3, 10),
        date(2022, 5, 12),
        date(2022, 7, 5),
    )
    groups = [
        e
        for e in extract_organizations(text).entities
        if e.key == "liaoning-third-inspection-group-of-party-committee"
    ]
    assert "inspection tour group" in groups[0].aliases


def test_no_group_no_dates_no_inspection() -> None:
    text = (SAMPLES / "black-odorous-water-70-cities-2018.txt").read_text(encoding="utf-8")
    assert _inspections(text) == []
