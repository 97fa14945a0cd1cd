"""The inconsistencies across reports that a generated corpus holds, with the finding each
should give.

Reports about one inspection read their figures from its state
(:mod:`benchmarks.corpus_inspections`), so they agree unless a figure was made to
contradict it: skewed on purpose, or made wrong by an inconsistency planted within its
report. Which pairs of figures then contradict each other, and on which report the
finding belongs, is what ducha's cross-report check (``shapes/cross-report-value.rq``)
defines, applied here to what the generator knows the figures mean (the
:class:`~benchmarks.corpus_text.Fact` of each figure) instead of to what ducha extracted:

- same counted thing, status and unit, about the same inspection, different values;
- both printed as of the same day: a warning on the figure of the later report (by issue
  date; on the same issue date the check picks the report with the larger IRI, which the
  generator does not know, so the finding is listed on both with ``tie`` and the scorer
  keeps the one the check picks);
- a running total (either figure "a total of …", and not a count of unfinished work) that
  is smaller at a later date (the as-of date, else the issue date) than the other: a
  violation when both dates are printed as-of dates, else a warning, on the later figure.

Each finding is a truth ``findings`` entry of the report it belongs to: ``check``,
``severity``, ``numbers`` (the other report's value, then this report's: the finding's
``expected`` and ``reported``), ``other`` (the other report's file), ``planted`` (True
when a figure of the pair was skewed or made wrong on purpose), ``tie`` and ``what``.

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
    groups: dict[tuple[str, str, str | None, str], list[tuple[ReportFacts, Fact]]] = defaultdict(
        list
    )
    for report in reports:
        for fact in report.facts:
            groups[(report.inspection, fact.thing, fact.status, fact.unit)].append((report, fact))
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for members in groups.values():
        for here, this in members:
            for there, that in members:
                if here.name == there.name or this.value == that.value:
                    continue
                finding = _finding(here, this, there, that)
                if finding is not None:
                    found[here.name].append(finding)
    return dict(found)


def _finding(
    here: ReportFacts, this: Fact, there: ReportFacts, that: Fact
) -> dict[str, Any] | None:
    """The finding on ``this`` figure of ``here`` against ``that`` of ``there``, if any."""
    dated = this.as_of is not None and that.as_of is not None
    if dated and this.as_of == that.as_of:
        if here.issued < there.issued:
            return None
        what = (
            f"{this.thing} ({this.status or 'all'}) as of {this.as_of}: {that.value} in "
            f"{there.name}, {this.value} here"
        )
        return _entry("Warning", this, there, that, what, tie=here.issued == there.issued)
    running = this.cumulative or that.cumulative
    this_date = this.as_of or here.issued
    that_date = that.as_of or there.issued
    if (
        running
        and this.status not in _UNFINISHED
        and this_date > that_date
        and this.value < that.value
    ):
        what = (
            f"running total of {this.thing} falls from {that.value} ({that_date}, "
            f"{there.name}) to {this.value} ({this_date}) here"
        )
        return _entry("Violation" if dated else "Warning", this, there, that, what, tie=False)
    return None


def _entry(
    severity: str, this: Fact, there: ReportFacts, that: Fact, what: str, *, tie: bool
) -> dict[str, Any]:
    return {
        "check": CHECK,
        "severity": severity,
        "numbers": [that.value, this.value],
        "other": there.name,
        "planted": this.skewed or that.skewed,
        "tie": tie,
        "what": what,
    }
