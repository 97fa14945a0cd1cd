"""Verdicts across reports: figures counting the same thing, compared group by group.

A *group* holds the figures of several reports that count the same thing (same key and
unit, see ``shapes/comparable-figures.rq``) about one inspection: either an inspection the
extraction pinned down (by round or date), or a region, for reports whose inspection was
not pinned down. In a region group two figures of pinned-down reports are never compared
(they may answer two inspections of one province); a region group holds dated figures
only.

Two verdicts, each at most once per figure and group, against one other figure:

- **Same day, different values** (a warning). Among a figure and the figures of other
  reports stated as of the same day, the value most reports give is the reference; on a tie,
  the value of the earliest report (by issue date, then file name; a report without an issue
  date counts as the latest). Every figure giving another value is flagged against the
  earliest report giving the reference. Two reports that disagree: the later one is flagged.
  Flagging each pair instead grows with the square of the reports about an inspection
  (55,531 warnings at 1,000 generated reports, most on figures that agree with every report
  but one; beyond 24 GB of memory at 10,000).
- **A running total that falls** (a violation when both dates are printed as-of dates, a
  warning when one is only a report's issue date, and then only within a pinned-down
  inspection): a figure below a figure of another report at an earlier date, where either
  is a running total and this one does not count unfinished work. It is flagged against
  the highest such earlier figure (ties: the earliest date, then the earliest report),
  preferring one that makes a violation.

>>> def said(report, value, issued):
...     return Figure(f"{report}/f1", report, Decimal(value), str(value), "cases",
...                   "2021-06-30", issued, f"{report}.txt", False, False)
>>> a, b, c = said("a", 50, "2021-07-01"), said("b", 50, "2021-07-05"), said("c", 40, "2021-07-03")
>>> [(v.figure.report, v.other.report, v.reports_agreeing) for v in group_verdicts([a, b, c])]
[('c', 'a', 2)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

__all__ = ["Figure", "Verdict", "VerdictKind", "group_verdicts"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated figure as the cross-report check sees it."""

    iri: str
    report: str
    value: Decimal
    printed: str  # the value's lexical form, as messages show it
    counts: str  # what it counts, as printed
    as_of: str | None  # ISO dates: their strings order like the dates
    issued: str | None  # the report's issue date
    file_name: str | None
    cumulative: bool  # a running total
    unfinished: bool  # counts work not yet done, which falls as the work gets done
    pinned: bool = True  # its report answers an inspection the extraction pinned down

    @property
    def day(self) -> str | None:
        """The day the figure speaks of: its as-of date, else its report's issue date."""
        return self.as_of or self.issued

    @property
    def report_order(self) -> tuple[bool, str, str, str]:
        """Earlier reports sort first: by issue date, then file name, then IRI."""
        return (self.issued is None, self.issued or "", self.file_name or "", self.report)


class VerdictKind(Enum):
    SAME_DAY = "same-day"
    FALLS = "falls"


@dataclass(frozen=True, slots=True)
class Verdict:
    """``figure`` contradicts ``other`` (a figure of another report)."""

    kind: VerdictKind
    figure: Figure
    other: Figure
    violation: bool = False
    reports_agreeing: int = 1  # same day: the reports that give ``other``'s value


def group_verdicts(figures: Sequence[Figure], *, region: bool = False) -> Iterator[Verdict]:
    """The verdicts within one group (``region``: a region group, see the module doc)."""
    yield from _same_day(figures, region)
    yield from _falls(figures, region)


# -- same day ---------------------------------------------------------------------------


@dataclass
class _Tally:
    """Who gives which value as of one day: the reports giving each value, and the two
    earliest figures of two different reports giving it."""

    reports: dict[Decimal, set[str]] = field(default_factory=lambda: defaultdict(set))
    earliest: dict[Decimal, list[Figure]] = field(default_factory=lambda: defaultdict(list))

    def add(self, figure: Figure) -> None:
        self.reports[figure.value].add(figure.report)
        self.earliest[figure.value] = _two_earliest([*self.earliest[figure.value], figure])

    def reference(self, figure: Figure) -> tuple[Figure, int]:
        """Among ``figure`` and the figures of other reports: the earliest figure giving
        the value most reports give, and how many reports give it."""
        standings: list[tuple[int, Figure]] = []
        for value, reports in self.reports.items():
            count = len(reports - {figure.report})
            first = next((f for f in self.earliest[value] if f.report != figure.report), None)
            if value == figure.value:
                count += 1
                first = figure if first is None else min(first, figure, key=_figure_order)
            if first is not None:
                standings.append((count, first))
        if figure.value not in self.reports:
            standings.append((1, figure))
        count, first = min(standings, key=lambda s: (-s[0], _figure_order(s[1])))
        return first, count


def _two_earliest(figures: list[Figure]) -> list[Figure]:
    """The earliest figure of each report, the two earliest of those."""
    firsts: dict[str, Figure] = {}
    for figure in sorted(figures, key=_figure_order):
        firsts.setdefault(figure.report, figure)
    return list(firsts.values())[:2]


def _figure_order(figure: Figure) -> tuple[tuple[bool, str, str, str], tuple[str, int]]:
    return figure.report_order, _in_text_order(figure.iri)


def _in_text_order(figure_iri: str) -> tuple[str, int]:
    """A report's figures in the order its text gives them: ".../figure/9" before
    ".../figure/10" (figure IRIs end in their ordinal)."""
    stem = figure_iri.rstrip("0123456789")
    ordinal = figure_iri[len(stem) :]
    return stem, int(ordinal) if ordinal else -1


def _same_day(figures: Sequence[Figure], region: bool) -> Iterator[Verdict]:
    by_day: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.as_of is not None:
            by_day[figure.as_of].append(figure)
    for day_figures in by_day.values():
        if len({f.value for f in day_figures}) < 2:
            continue
        everyone, unpinned = _Tally(), _Tally()
        for figure in day_figures:
            everyone.add(figure)
            if not figure.pinned:
                unpinned.add(figure)
        for figure in day_figures:
            tally = unpinned if region and figure.pinned else everyone
            reference, agreeing = tally.reference(figure)
            if reference.value != figure.value:
                yield Verdict(VerdictKind.SAME_DAY, figure, reference, reports_agreeing=agreeing)


# -- running totals -----------------------------------------------------------------------


def _rank(figure: Figure) -> tuple[Decimal, str, tuple[bool, str, str, str], tuple[str, int]]:
    """Candidates for "the earlier figure it falls below": the highest value first, then
    the earliest day, then the earliest report."""
    return (-figure.value, figure.day or "", *_figure_order(figure))


@dataclass
class _Best:
    """The two best-ranked figures seen so far, of two different reports (so that one of
    them is of a report other than any given one)."""

    top: list[Figure] = field(default_factory=list)

    def add(self, figure: Figure) -> None:
        kept = [f for f in self.top if f.report != figure.report]
        mine = [*(f for f in self.top if f.report == figure.report), figure]
        self.top = sorted([*kept, min(mine, key=_rank)], key=_rank)[:2]

    def best_for(self, figure: Figure) -> Figure | None:
        return next((f for f in self.top if f.report != figure.report), None)


# A class of earlier figures: (pinned down, running total, dated by an as-of date).
_Class = tuple[bool, bool, bool]


def _falls(figures: Sequence[Figure], region: bool) -> Iterator[Verdict]:
    dated = sorted((f for f in figures if f.day is not None), key=lambda f: f.day or "")
    seen: dict[_Class, _Best] = defaultdict(_Best)
    start = 0
    while start < len(dated):
        day = dated[start].day
        stop = start
        while stop < len(dated) and dated[stop].day == day:
            stop += 1
        for figure in dated[start:stop]:
            verdict = None if figure.unfinished else _fall_of(figure, seen, region)
            if verdict is not None:
                yield verdict
        for figure in dated[start:stop]:
            seen[(figure.pinned, figure.cumulative, figure.as_of is not None)].add(figure)
        start = stop


def _fall_of(figure: Figure, seen: dict[_Class, _Best], region: bool) -> Verdict | None:
    """The verdict on ``figure`` against the earlier figures in ``seen``, if it falls."""
    pins = (False,) if region and figure.pinned else (True, False)
    runs = (True, False) if figure.cumulative else (True,)

    def highest(as_of: Iterable[bool]) -> Figure | None:
        found = [
            best
            for key in ((p, r, d) for p in pins for r in runs for d in as_of)
            if key in seen and (best := seen[key].best_for(figure)) is not None
        ]
        top = min(found, key=_rank, default=None)
        return top if top is not None and top.value > figure.value else None

    if figure.as_of is not None and (other := highest((True,))) is not None:
        return Verdict(VerdictKind.FALLS, figure, other, violation=True)
    if not region and (other := highest((True, False))) is not None:
        return Verdict(VerdictKind.FALLS, figure, other)  # one of the two dates is an issue date
    return None
