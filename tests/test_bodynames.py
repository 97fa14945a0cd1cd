"""Finding bodies' names: the longest head noun wins, plurals are no single body, an owner
named before its organ is part of the organ's name."""

from __future__ import annotations

from ducha.loaders.bodynames import find_bodies
from ducha.loaders.model import EntityKind


def test_the_longest_head_is_taken() -> None:
    # "commission", "commission for discipline inspection" and "... and supervision" are all
    # heads: the six-word one names the body.
    text = "Reported to the Commission for Discipline Inspection and Supervision of Hechi City."
    [name] = find_bodies(text, "Guangxi")
    assert name.head == "commission for discipline inspection and supervision"
    assert name.kind is EntityKind.PARTY_BODY
    assert name.surface == "Commission for Discipline Inspection and Supervision of Hechi City"


def test_a_plural_head_is_no_single_body() -> None:
    assert find_bodies("The relevant departments and bureaus were told to act.", None) == []


def test_a_plural_inspection_group_counts_when_qualified_as_central() -> None:
    text = "Feedback from the central environmental protection inspection groups was received."
    [name] = find_bodies(text, None)
    assert name.kind is EntityKind.INSPECTION_GROUP
    assert name.surface == "central environmental protection inspection groups"


def test_an_owner_named_before_its_organ_starts_the_name() -> None:
    text = "The Guangxi Party Committee Organization Department issued a notice."
    [name] = find_bodies(text, None)
    assert name.surface == "Guangxi Party Committee Organization Department"
    assert name.head == "organization department"
    assert [unit.head for unit in name.units] == ["organization department", "party committee"]
    assert name.units[1].place == "Guangxi"
