"""Stated changes: "fell from 45 to 38, down 15.6%", "98.1%, an increase of 3.7 percentage
points year-on-year".

A figure states a change when direction words stand right before it ("an increase of",
"down") or right after it ("… percentage points higher than"). :func:`find_changes` sets
its ``direction`` and ties it to the values it compares: ``CHANGE_OF`` the newer value
stated right before it in the same sentence, and ``CHANGE_FROM`` the older value when the
text says "from X … to Y". Without direction words nothing is read as a change, so ranges
("from 8 to 20 o'clock") stay plain figures. Checking the arithmetic is the audit's job.

The wording is in :mod:`ducha.loaders.lang.en.changes`; the logic here is language-neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ducha.loaders.lang.en import changes as en_changes
from ducha.loaders.model import Figure, FigureRelation, RelationKind

__all__ = ["find_changes"]

# a full stop, semicolon or line break between two figures ends the sentence
_SENTENCE_BREAK = re.compile(r"[.;!?](?:\s|$)|\n")
_RATES = ("percent", "percentagePoint")


def find_changes(text: str, figures: Sequence[Figure]) -> list[FigureRelation]:
    """The change relations among ``figures`` (from :func:`extract_figures` on ``text``).

    Sets ``Figure.direction`` ("increase" or "decrease") on each figure stated as a change
    and returns its ``CHANGE_OF`` / ``CHANGE_FROM`` relations, indexing into ``figures``.

    >>> from ducha.loaders.figures import extract_figures
    >>> text = "The count fell from 45 to 38, down 15.6%."
    >>> found = extract_figures(text)
    >>> changes = (RelationKind.CHANGE_OF, RelationKind.CHANGE_FROM)
    >>> [(r.kind.value, r.source, r.target) for r in found.relations if r.kind in changes]
    [('changeFrom', 2, 0), ('changeOf', 2, 1)]
    >>> found.figures[2].direction
    'decrease'
    """
    relations: list[FigureRelation] = []
    for k, change in enumerate(figures):
        if change.value is None:
            continue
        before = text[max(0, change.span.start - 40) : change.span.start]
        found = en_changes.CHANGE_BEFORE.search(before)
        if found is None:
            found = en_changes.CHANGE_AFTER.match(text, change.span.end)
        if found is None:
            continue
        change.direction = "increase" if found["up"] else "decrease"
        newer = _newer_value(text, figures, k)
        if newer is None:
            continue
        relations.append(FigureRelation(RelationKind.CHANGE_OF, k, newer))
        older = _older_value(text, figures, newer)
        if older is not None:
            relations.append(FigureRelation(RelationKind.CHANGE_FROM, k, older))
    return relations


def _newer_value(text: str, figures: Sequence[Figure], k: int) -> int | None:
    """The value stated right before the change ("98.1%, an increase of 3.7 points")."""
    if k == 0 or figures[k - 1].value is None:
        return None
    value, change = figures[k - 1], figures[k]
    between = text[value.span.end : change.span.start]
    words = en_changes.CHANGE_BEFORE.search(between)
    if words is not None:  # only what leads to the direction words joins the two
        between = between[: words.start()]
    if _SENTENCE_BREAK.search(between) or not en_changes.JOINS_VALUE.match(between):
        return None
    if not _comparable(value, change):
        return None
    return k - 1


def _older_value(text: str, figures: Sequence[Figure], newer: int) -> int | None:
    """The value of "from X … to Y", when the newer value Y is the "to" one."""
    if newer == 0 or figures[newer - 1].value is None:
        return None
    older, value = figures[newer - 1], figures[newer]
    if older.unit != value.unit:
        return None
    between = text[older.span.end : value.span.start]
    before = text[max(0, older.span.start - 20) : older.span.start]
    if _SENTENCE_BREAK.search(between) or not en_changes.TO_BETWEEN.match(between):
        return None
    if not en_changes.FROM_BEFORE.search(before):
        return None
    return newer - 1


def _comparable(value: Figure, change: Figure) -> bool:
    """A change in points is of a percentage; one in percent of anything; else same unit."""
    if change.unit == "percentagePoint":
        return value.unit == "percent"
    if change.unit == "percent":
        return True
    return change.unit == value.unit and value.unit not in _RATES
