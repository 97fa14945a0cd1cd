"""Stated changes: direction, the newer value (changeOf) and the older one (changeFrom), and
the yoy-contradiction check running on them end to end.

The short texts are our own.
"""

from __future__ import annotations

import pytest
from ducha.loaders.figures import extract_figures
from ducha.loaders.model import RelationKind
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes
from ducha.service.settings import Settings
from ducha.shapes.audit import audit_store

CHANGES = (RelationKind.CHANGE_OF, RelationKind.CHANGE_FROM)


def _changes(text: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str, str]]]:
    """(printed figure, direction) for each figure, and (kind, change, value) relations."""
    found = extract_figures(text)
    quotes = [text[f.span.start : f.span.end] for f in found.figures]
    directions = [(q, f.direction) for q, f in zip(quotes, found.figures, strict=True)]
    relations = [
        (r.kind.value, quotes[r.source], quotes[r.target])  # type: ignore[index]
        for r in found.relations
        if r.kind in CHANGES
    ]
    return directions, relations


def test_from_to_with_a_relative_change() -> None:
    directions, relations = _changes("Complaints fell from 45 to 38, down 15.6%.")
    assert directions == [("45", None), ("38", None), ("15.6%", "decrease")]
    assert relations == [("changeFrom", "15.6%", "45"), ("changeOf", "15.6%", "38")]


def test_from_last_year_to_this_year_in_points() -> None:
    _, relations = _changes(
        "The share of good days rose from 90.2% last year to 98.1%, an increase of 7.9 "
        "percentage points."
    )
    assert relations == [
        ("changeFrom", "7.9 percentage points", "90.2%"),
        ("changeOf", "7.9 percentage points", "98.1%"),
    ]


def test_a_change_with_only_its_newer_value() -> None:
    directions, relations = _changes(
        "The rate of good days was 96.3%, an increase of 2.1 percentage points year-on-year. "
        "The completion rate is 97.4%, which is 1.4 percentage points higher than last quarter."
    )
    assert relations == [
        ("changeOf", "2.1 percentage points", "96.3%"),
        ("changeOf", "1.4 percentage points", "97.4%"),
    ]
    assert dict(directions)["1.4 percentage points"] == "increase"


@pytest.mark.parametrize(
    ("text", "quote", "direction"),
    [
        ("Energy use per unit of output decreased by about 10% year on year.", "10%", "decrease"),
        ("The water level of the lake has risen by 0.62 meters.", "0.62 meters", "increase"),
        (
            "Its forest coverage was 2.47 pct. higher than the level of 2013.",
            "2.47 pct.",
            "increase",
        ),
    ],
)
def test_a_change_without_values_keeps_its_direction(text: str, quote: str, direction: str) -> None:
    directions, relations = _changes(text)
    assert (quote, direction) in directions
    assert relations == []


@pytest.mark.parametrize(
    "text",
    [
        "The province set up nine inspection teams and 33 monitoring stations.",
        "Letters received from 8 o'clock to 20 o'clock were 94 in total.",
        "The county cleaned up 64 sand yards, up to 5 per town.",
        "The count went from 45 to 38 in the second batch.",
    ],
)
def test_no_change_without_direction_words(text: str) -> None:
    directions, relations = _changes(text)
    assert relations == []
    assert all(d is None for _, d in directions)


# -- the audit on a stated change -----------------------------------------------------------

REPORT = (
    "Rectification progress of the county\n"
    "Since the inspection, the county has rectified its water problems. The number of "
    "complaints about black and odorous water fell from 45 last year to 38 this year, down "
    "{change}%.\n"
)


def _yoy_findings(change: str) -> list[str]:
    store = Store.open(None)
    text = REPORT.format(change=change)
    outcome = load_bytes(store, text.encode("utf-8"), "county.txt", settings=Settings(store=None))
    assert outcome.report_iri is not None
    return [f.message for f in audit_store(store) if f.check == "yoy-contradiction"]


def test_a_change_that_agrees_with_its_values_is_not_flagged() -> None:
    assert _yoy_findings("15.6") == []


def test_a_change_that_contradicts_its_values_is_flagged() -> None:
    messages = _yoy_findings("25.6")
    assert len(messages) == 1
    assert "45" in messages[0] and "38" in messages[0] and "-25.6" in messages[0]
