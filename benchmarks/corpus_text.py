"""Sentences with figures for generated reports, each recording its own truth.

A :class:`Truth` collects what a generated report states, in the shape of one entry of a
``truth.json`` (service/samples/README.md), while the report is written: every sentence
function here takes a :class:`Slot` (where the sentence goes and what it must say), returns
its text and adds its figures (in order of appearance), the relations between them
(``parts``, ``rates``, ``stated_counts``) and, when asked to be inconsistent, the finding
the audit should report (``findings``; consistent relations go to ``clean``). Numbers are
printed the way reports print them ("3,917", "98.7%", "86 million yuan") and recorded in
base units.

Figures about the inspection (how many petitions it assigned and how many are completed
as of a date, running totals of cases and of people held accountable) are read from its
:class:`~benchmarks.corpus_inspections.InspectionState`, so that reports about one
inspection agree, and each is recorded as a :class:`Fact` for the cross-report truth
(:mod:`benchmarks.corpus_conflicts`). A *skewed* sentence contradicts the state on purpose:
a completed count lower than other reports give as of the same day, a running total lower
than earlier reports give.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from benchmarks.corpus_inspections import InspectionState

__all__ = ["FIGURE_SENTENCES", "SKEWABLE", "Fact", "Slot", "Truth", "count", "day"]


@dataclass(frozen=True)
class Fact:
    """A figure about the inspection, with what makes it comparable across reports.

    ``thing`` names what is counted as the generator means it (the completed petitions
    and the petitions filed for punishment are different things even where the text
    says "cases" of both); ``as_of`` is the printed as-of date, ``None`` when the figure
    is as of the report's date; ``cumulative`` when the text presents it as a running
    total ("a total of").
    """

    thing: str
    status: str | None
    unit: str
    as_of: date | None
    cumulative: bool
    value: float | int
    skewed: bool = False


@dataclass
class Truth:
    """The truth of one report, filled while its text is written."""

    figures: list[float | int] = field(default_factory=list)
    parts: list[list[Any]] = field(default_factory=list)
    rates: list[list[Any]] = field(default_factory=list)
    stated_counts: list[list[Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    clean: list[list[Any]] = field(default_factory=list)
    entities: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    not_figures: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # not in truth.json
    problems: int = 0  # numbered fed-back problems
    aspects: int = 0

    def figure(self, value: float | int) -> None:
        self.figures.append(value)

    def fact(self, thing: str, value: float | int, **how: Any) -> None:
        """Record a figure about the inspection (see :class:`Fact`); ``how`` as there."""
        how.setdefault("status", None)
        how.setdefault("unit", "count")
        how.setdefault("as_of", None)
        how.setdefault("cumulative", False)
        self.facts.append(Fact(thing=thing, value=value, **how))

    def name(self, kind: str, name: str) -> str:
        """Record an entity once (truth lists are sets of canonical names); returns it."""
        names = self.entities.setdefault(kind, [])
        if name not in names:
            names.append(name)
        return name

    def relation(self, whole: int, parts: list[int], *, complete: bool) -> None:
        """A whole with its parts; whether it holds decides ``clean`` or ``findings``.

        A complete breakdown whose parts do not add up is a ``breakdown-sum`` finding; a
        part larger than its whole is a ``part-exceeds-whole`` finding (both can hold).
        """
        self.parts.append([whole, parts])
        total = sum(parts)
        wrong = False
        if complete and total != whole:
            what = f"The parts {' + '.join(map(str, parts))} = {total} do not add up to {whole}."
            self.violation("breakdown-sum", [whole, total], what)
            wrong = True
        for part in sorted({p for p in parts if p > whole}):
            self.violation(
                "part-exceeds-whole", [whole, part], f"The part {part} exceeds its whole {whole}."
            )
            wrong = True
        if not wrong:
            self.clean.append([whole, parts])

    def violation(self, check: str, numbers: list[float | int], what: str) -> None:
        """A planted inconsistency within the report, flagged by ``check``."""
        self.findings.append(
            {"check": check, "severity": "Violation", "numbers": numbers, "what": what}
        )


@dataclass
class Slot:
    """Where a figure sentence goes: the report's truth and inspection, and what to say."""

    truth: Truth
    rng: random.Random
    inspection: InspectionState
    as_of: date  # the date a dated sentence prints
    issued: date  # the report's date: undated figures about the inspection are as of it
    bad: bool = False  # inconsistent in itself (planted, within the report)
    skewed: bool = False  # contradicting the inspection's state (planted, across reports)


def count(value: int) -> str:
    """An integer as reports print it: thousands separated by commas."""
    return f"{value:,}"


def day(when: date) -> str:
    """ "November 6, 2023"."""
    return f"{when:%B} {when.day}, {when.year}"


def _rate(numerator: int, denominator: int) -> Decimal:
    return (Decimal(100 * numerator) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _printed_rate(s: Slot, done: int, whole: int, name: str) -> Decimal:
    """The rate of ``done`` over ``whole`` as the report prints it (wrong in a bad slot), with
    its figure, its rate relation and, when wrong, the rate-mismatch the audit should find."""
    right = _rate(done, whole)
    printed = _wrong_rate(right, s.rng) if s.bad else right
    s.truth.figure(_num(printed))
    s.truth.rates.append([_num(printed), done, whole])
    if s.bad:
        s.truth.violation(
            "rate-mismatch",
            [_num(printed), _num(right)],
            f"The {name} rate is printed as {printed}%, but {done} of {whole} is {right}%.",
        )
    return printed


def _wrong_rate(right: Decimal, rng: random.Random) -> Decimal:
    """A printed rate at least 2 points off the right one (so no rounding rule excuses it)."""
    shift = Decimal(rng.choice((-1, 1))) * Decimal(rng.randint(20, 90)) / 10
    wrong = right + shift
    if wrong <= 0 or wrong >= 100:
        wrong = right - abs(shift)
    return wrong.quantize(Decimal("0.1"))


def _num(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


THINGS = (
    ("rectification tasks", "have been completed"),
    ("environmental petitions", "have been completed"),
    ("outstanding environmental problems", "have been rectified"),
    ("letters and visits from the masses", "have been handled"),
)
_LEVELS = ("department and bureau level", "county level", "township and section level")


def _shift(rng: random.Random, most: int) -> int:
    """How far a skewed count moves: 1 to 5, and at most ``most``."""
    return rng.randint(1, max(1, min(5, most)))


def status_breakdown(s: Slot) -> str:
    """ "As of …, 83 of the 115 tasks have been completed, 19 …, and 13 are progressing"."""
    t, rng = s.truth, s.rng
    thing, _ = rng.choice(THINGS)
    state = s.inspection.progress(thing, s.as_of)
    whole, done, basic, going = state.whole, state.completed, state.basic, state.going
    if s.bad:  # a remainder off by a few: the breakdown no longer adds up
        going += rng.choice((-2, -1, 1, 2, 3))
        going = going if going > 0 else going + 5
    elif s.skewed:  # fewer completed than other reports say as of the same day
        moved = _shift(rng, done - 1)
        done, basic = done - moved, basic + moved
    for value in (done, whole, basic, going):
        t.figure(value)
    t.relation(whole, [done, basic, going], complete=True)
    for status, value, meant in (
        (None, whole, state.whole),
        ("completed", done, state.completed),
        ("basicallyCompleted", basic, state.basic),
        ("inProgress", going, state.going),
    ):
        t.fact(thing, value, status=status, as_of=s.as_of, skewed=value != meant)
    return (
        f"As of {day(s.as_of)}, {count(done)} of the {count(whole)} {thing} have been "
        f"completed, {count(basic)} have been basically completed, and {count(going)} are "
        "progressing in an orderly manner."
    )


def rate_with_stages(s: Slot) -> str:
    """ "Of the 3,917 petitions, 3,867 have been completed and 50 completed in stages, with a
    completion rate of 98.7%"."""
    t, rng = s.truth, s.rng
    thing, _ = rng.choice(THINGS[1:])
    state = s.inspection.progress(thing, s.as_of)
    whole, done = state.whole, state.completed
    if s.skewed and not s.bad:
        done -= _shift(rng, done - 1)
    stages = whole - done
    for value in (whole, done, stages):
        t.figure(value)
    printed = _printed_rate(s, done, whole, "completion")
    t.relation(whole, [done, stages], complete=True)
    meant_rate = _rate(state.completed, state.whole)
    facts: tuple[tuple[str, str | None, str, float | int, float | int], ...] = (
        (thing, None, "count", whole, state.whole),
        (thing, "completed", "count", done, state.completed),
        (thing, "completedInStages", "count", stages, state.unfinished),
        (f"completion rate of {thing}", None, "percent", _num(printed), _num(meant_rate)),
    )
    for fact_thing, status, unit, stated, meant in facts:
        t.fact(fact_thing, stated, status=status, unit=unit, as_of=s.as_of, skewed=stated != meant)
    return (
        f"As of {day(s.as_of)}, of the {count(whole)} {thing} assigned by the inspection "
        f"group, {count(done)} have been completed and {count(stages)} have been completed "
        f"in stages, with a completion rate of {printed}%."
    )


def rate_of_whole(s: Slot) -> str:
    """ "Of the 46 enterprises, 44 have passed the acceptance, an acceptance rate of 95.7%"."""
    t = s.truth
    state = s.inspection.progress("key enterprises", s.issued)
    whole, done = state.whole, state.completed
    t.figure(whole)
    t.figure(done)
    printed = _printed_rate(s, done, whole, "acceptance")
    t.relation(whole, [done], complete=False)
    t.fact("key enterprises", whole)
    t.fact("key enterprises accepted", done)
    t.fact("acceptance rate of key enterprises", _num(printed), unit="percent", skewed=s.bad)
    return (
        f"Of the {count(whole)} key enterprises involved, {count(done)} have passed the "
        f"acceptance of their wastewater treatment, an acceptance rate of {printed}%."
    )


def of_which(s: Slot) -> str:
    """ "A total of 236 cases were investigated and dealt with, of which 58 were filed"."""
    t, rng = s.truth, s.rng
    skew = rng.uniform(0.5, 0.95) if s.skewed and not s.bad else 1.0
    (whole,) = s.inspection.running("cases", s.issued, skewed=skew)
    part = max(1, min(whole - 3, int(whole * s.inspection.share("filed", 0.1, 0.9))))
    if s.bad:
        part = rng.randint(whole + 5, whole * 2)
    t.figure(whole)
    t.figure(part)
    t.relation(whole, [part], complete=False)
    cases = "environmental violation cases"
    t.fact(cases, whole, cumulative=True, skewed=skew < 1.0)
    t.fact(f"{cases} filed for punishment", part, skewed=skew < 1.0 or s.bad)
    return (
        f"A total of {count(whole)} environmental violation cases were investigated and dealt "
        f"with, of which {count(part)} were filed for administrative punishment."
    )


def accountability(s: Slot) -> str:
    """ "142 people were held accountable, including 15 at the department and bureau level,
    60 at the county level and 67 at the township and section level"."""
    t, rng = s.truth, s.rng
    skew = rng.uniform(0.5, 0.95) if s.skewed and not s.bad else 1.0
    levels = list(s.inspection.running("accountable", s.issued, skewed=skew))
    whole = sum(levels) + (rng.choice((-2, -1, 1, 2, 3)) if s.bad else 0)
    t.figure(whole)
    for value in levels:
        t.figure(value)
    t.relation(whole, levels, complete=True)
    t.fact("people held accountable", whole, cumulative=True, skewed=skew < 1.0 or s.bad)
    for level, value in zip(_LEVELS, levels, strict=True):
        t.fact(f"people held accountable at {level}", value, skewed=skew < 1.0)
    a, b, c = (count(v) for v in levels)
    return (
        f"A total of {count(whole)} people were held accountable, including {a} at the "
        f"department and bureau level, {b} at the county level and {c} at the township and "
        "section level."
    )


def money(s: Slot) -> str:
    """ "invested 86.5 million yuan and built 12.6 km of pipe network"."""
    millions = Decimal(s.rng.randint(12, 9000)) / 10
    km = Decimal(s.rng.randint(15, 600)) / 10
    s.truth.figure(_num(millions * 1_000_000))
    s.truth.figure(_num(km))
    return (
        f"A total of {millions} million yuan was invested, and {km} km of sewage pipe network "
        "was newly built and renovated."
    )


def capacity(s: Slot) -> str:
    """ "built a treatment facility of 7,000 tons per day"."""
    tons = s.rng.randint(5, 400) * 100
    s.truth.figure(tons)
    return (
        f"An emergency sewage treatment facility with a capacity of {count(tons)} tons per day "
        "was built to solve the problem of wastewater overflow in the flood season."
    )


def meetings(s: Slot) -> str:
    """ "held 12 special meetings and carried out 45 on-site inspections"."""
    held, visits = s.rng.randint(2, 40), s.rng.randint(5, 300)
    s.truth.figure(held)
    s.truth.figure(visits)
    return (
        f"The department held {held} special meetings to study and deploy the rectification, "
        f"and carried out {count(visits)} on-site inspections of the responsible units."
    )


# Sentence kinds and how often each is drawn.
FIGURE_SENTENCES = (
    (status_breakdown, 3),
    (rate_with_stages, 2),
    (rate_of_whole, 2),
    (of_which, 2),
    (accountability, 1),
    (money, 3),
    (capacity, 2),
    (meetings, 3),
)
# Kinds that can contradict other reports about the inspection when skewed.
SKEWABLE = frozenset({"status_breakdown", "rate_with_stages", "of_which", "accountability"})
