"""The inconsistencies across reports that a generated corpus holds, with the finding each
should give.

Reports about one inspection read their figures from its state
(:mod:`benchmarks.corpus_inspections`), so they agree unless a figure was made to
contradict it: skewed on purpose, or made wrong by an inconsistency planted within its
report. Which figures then contradict which, and on which report the finding belongs, is
what ducha's cross-report check (:mod:`ducha.shapes.figure_groups`) defines, written here
again, plainly and figure by figure, over what the generator knows the figures mean (the
:class:`~benchmarks.corpus_text.Fact` of each figure) instead of what ducha extracted.
Figures are compared within (inspection, counted thing, status, unit); reports are ordered
by issue date, then file name:

- as of the same printed day, among a figure and the figures of other reports, the value
  most reports give is the reference (on a tie, the value of the earliest report); a figure
  giving another value gets a warning against the earliest report giving the reference;
- a figure (not a count of unfinished work) below a figure of another report at an earlier
  date (the as-of date, else the issue date), either of them a running total ("a total
  of"), gets one finding against the highest such figure (then the earliest date, then the
  earliest report), preferring one where both dates are printed as-of dates: a violation;
  else a warning.

Each finding is a truth ``findings`` entry of the report it belongs to: ``check``,
``severity``, ``numbers`` (the other report's value, then this report's: the finding's
``expected`` and ``reported``), ``other`` (the other report's file), ``planted`` (True
when a figure of the pair was skewed or made wrong on purpose) and ``what``.

>>> from datetime import date
>>> from benchmarks.corpus_text import Fact
>>> early = ReportFacts("a.txt", "central-hunan", date(2021, 3, 1),
...                     (Fact("people held accountable", None, "count", None, True, 50),))
>>> late = ReportFacts("b.txt", "central-hunan", date(2021, 9, 1),
...                    (Fact("people held accountable", None, "count", None, True, 40, True),))
>>> found = cross_report_conflicts([early, late])
>>> [(name, f["numbers"], f["severity"]) for name, fs in found.items() for f in fs]
[('b.txt', [50, 40], 'Warning')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from benchmarks.corpus_text import Fact

__all__ = ["CHECK", "ReportFacts", "cross_report_conflicts"]

CHECK = "cross-report-value"
# Statuses of unfinished work, whose counts fall as work gets done.
_UNFINISHED = frozenset({"inProgress", "onSchedule", "longTerm"})


@dataclass(frozen=True)
class ReportFacts:
    """What one report states about its inspection."""

    name: str  # file name
    inspection: str  # the inspection's key
    issued: date
    facts: tuple[Fact, ...]


def cross_report_conflicts(reports: Iterable[ReportFacts]) -> dict[str, list[dict[str, Any]]]:
    """The findings across ``reports``, by the file name of the report each belongs to."""
    groups: dict[tuple[str, str, str | None, str], list[_Said]] = defaultdict(list)
    for report in reports:
        for index, fact in enumerate(report.facts):
            groups[(report.inspection, fact.thing, fact.status, fact.unit)].append(
                _Said(report, fact, index)
            )
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for members in groups.values():
        for said in members:
            for finding in (_same_day(said, members), _falls(said, members)):
                if finding is not None:
                    found[said.report.name].append(finding)
    return dict(found)


@dataclass(frozen=True)
class _Said:
    """A fact as one report states it."""

    report: ReportFacts
    fact: Fact
    index: int  # its place among the report's facts, as its figure's among the figures

    @property
    def order(self) -> tuple[date, str, int]:
        """Reports by issue date, then file name; a report's figures as they come."""
        return (self.report.issued, self.report.name, self.index)

    @property
    def day(self) -> date:
        return self.fact.as_of or self.report.issued


def _same_day(here: _Said, members: list[_Said]) -> dict[str, Any] | None:
    """The same-day warning on ``here``: its value is not the one most reports give."""
    if here.fact.as_of is None:
        return None
    that_day = [
        m
        for m in members
        if m.fact.as_of == here.fact.as_of and (m is here or m.report.name != here.report.name)
    ]
    reports: dict[float | int, set[str]] = defaultdict(set)
    for said in that_day:
        reports[said.fact.value].add(said.report.name)

    def standing(value: float | int) -> tuple[int, tuple[date, str, int]]:
        earliest = min(m.order for m in that_day if m.fact.value == value)
        return (-len(reports[value]), earliest)

    reference = min(reports, key=standing)
    if reference == here.fact.value:
        return None
    there = min((m for m in that_day if m.fact.value == reference), key=lambda m: m.order)
    what = (
        f"{here.fact.thing} ({here.fact.status or 'all'}) as of {here.fact.as_of}: "
        f"{reference} in {there.report.name} and {len(reports[reference]) - 1} more, "
        f"{here.fact.value} here"
    )
    return _entry("Warning", here, there, what)


def _falls(here: _Said, members: list[_Said]) -> dict[str, Any] | None:
    """The finding on ``here`` if it is below an earlier figure, one being a running total."""
    if here.fact.status in _UNFINISHED:
        return None
    above = [
        m
        for m in members
        if m.report.name != here.report.name
        and m.day < here.day
        and m.fact.value > here.fact.value
        and (m.fact.cumulative or here.fact.cumulative)
    ]
    printed = [m for m in above if m.fact.as_of is not None and here.fact.as_of is not None]
    candidates = printed or above
    if not candidates:
        return None
    there = min(candidates, key=lambda m: (-m.fact.value, m.day, m.order))
    what = (
        f"running total of {here.fact.thing} falls from {there.fact.value} ({there.day}, "
        f"{there.report.name}) to {here.fact.value} ({here.day}) here"
    )
    return _entry("Violation" if printed else "Warning", here, there, what)


def _entry(severity: str, here: _Said, there: _Said, what: str) -> dict[str, Any]:
    return {
        "check": CHECK,
        "severity": severity,
        "numbers": [there.fact.value, here.fact.value],
        "other": there.report.name,
        "planted": here.fact.skewed or there.fact.skewed,
        "what": what,
    }
