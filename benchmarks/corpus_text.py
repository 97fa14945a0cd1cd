"""Sentences with figures for generated reports, each recording its own truth.

A :class:`Truth` collects what a generated report states, in the shape of one entry of a
``truth.json`` (service/samples/README.md), while the report is written: every sentence
function here returns its text and adds its figures (in order of appearance), the
relations between them (``parts``, ``rates``, ``stated_counts``) and, when asked to be
inconsistent, the finding the audit should report (``findings``; consistent relations go
to ``clean``). Numbers are printed the way reports print them ("3,917", "98.7%",
"86 million yuan") and recorded in base units.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["FIGURE_SENTENCES", "Truth", "count", "day"]


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
    problems: int = 0  # numbered fed-back problems
    aspects: int = 0

    def figure(self, value: float | int) -> None:
        self.figures.append(value)

    def name(self, kind: str, name: str) -> str:
        """Record an entity once (truth lists are sets of canonical names); returns it."""
        names = self.entities.setdefault(kind, [])
        if name not in names:
            names.append(name)
        return name

    def relation(self, whole: int, parts: list[int], *, complete: bool) -> None:
        """A whole with its parts; whether it holds decides ``clean`` or ``findings``."""
        self.parts.append([whole, parts])
        total = sum(parts)
        if (complete and total != whole) or any(p > whole for p in parts):
            over = max(parts) if any(p > whole for p in parts) else total
            what = (
                f"The parts {' + '.join(map(str, parts))} = {total} do not add up to {whole}."
                if complete and total != whole
                else f"The part {over} exceeds its whole {whole}."
            )
            self.findings.append({"severity": "Violation", "numbers": [whole, over], "what": what})
        else:
            self.clean.append([whole, parts])


def count(value: int) -> str:
    """An integer as reports print it: thousands separated by commas."""
    return f"{value:,}"


def day(when: date) -> str:
    """ "November 6, 2023"."""
    return f"{when:%B} {when.day}, {when.year}"


def _rate(numerator: int, denominator: int) -> Decimal:
    return (Decimal(100 * numerator) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


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


def status_breakdown(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "Up to now, 83 of the 115 tasks have been completed, 19 …, and 13 are progressing"."""
    whole = rng.randint(30, 400)
    done = rng.randint(whole // 2, whole - 2)
    basic = rng.randint(1, whole - done - 1)
    going = whole - done - basic
    if bad:  # a remainder off by a few: the breakdown no longer adds up
        going += rng.choice((-2, -1, 1, 2, 3))
        going = going if going > 0 else going + 5
    thing, _ = rng.choice(THINGS)
    for value in (done, whole, basic, going):
        t.figure(value)
    t.relation(whole, [done, basic, going], complete=True)
    return (
        f"As of {day(as_of)}, {count(done)} of the {count(whole)} {thing} have been completed, "
        f"{count(basic)} have been basically completed, and {count(going)} are progressing "
        "in an orderly manner."
    )


def rate_with_stages(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "Of the 3,917 petitions, 3,867 have been completed and 50 completed in stages, with a
    completion rate of 98.7%"."""
    whole = rng.randint(200, 5000)
    done = rng.randint(int(whole * 0.8), whole - 1)
    stages = whole - done
    right = _rate(done, whole)
    printed = _wrong_rate(right, rng) if bad else right
    thing, _ = rng.choice(THINGS[1:])
    for value in (whole, done, stages):
        t.figure(value)
    t.figure(_num(printed))
    t.relation(whole, [done, stages], complete=True)
    t.rates.append([_num(printed), done, whole])
    if bad:
        t.findings.append(
            {
                "severity": "Violation",
                "numbers": [_num(printed), _num(right)],
                "what": f"The completion rate is printed as {printed}%, but {done} of {whole} "
                f"is {right}%.",
            }
        )
    return (
        f"As of {day(as_of)}, of the {count(whole)} {thing} assigned by the inspection group, "
        f"{count(done)} have been completed and {count(stages)} have been completed in stages, "
        f"with a completion rate of {printed}%."
    )


def rate_of_whole(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "Of the 46 enterprises, 44 have passed the acceptance, an acceptance rate of 95.7%"."""
    whole = rng.randint(20, 300)
    done = rng.randint(whole // 2, whole - 1)
    right = _rate(done, whole)
    printed = _wrong_rate(right, rng) if bad else right
    t.figure(whole)
    t.figure(done)
    t.figure(_num(printed))
    t.relation(whole, [done], complete=False)
    t.rates.append([_num(printed), done, whole])
    if bad:
        t.findings.append(
            {
                "severity": "Violation",
                "numbers": [_num(printed), _num(right)],
                "what": f"The acceptance rate is printed as {printed}%, but {done} of {whole} "
                f"is {right}%.",
            }
        )
    return (
        f"Of the {count(whole)} key enterprises involved, {count(done)} have passed the "
        f"acceptance of their wastewater treatment, an acceptance rate of {printed}%."
    )


def of_which(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "Investigated and dealt with 236 cases, of which 58 were filed for punishment"."""
    whole = rng.randint(40, 900)
    part = rng.randint(whole + 5, whole * 2) if bad else rng.randint(3, whole - 3)
    t.figure(whole)
    t.figure(part)
    t.relation(whole, [part], complete=False)
    return (
        f"A total of {count(whole)} environmental violation cases were investigated and dealt "
        f"with, of which {count(part)} were filed for administrative punishment."
    )


def accountability(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "142 people were held accountable, including 15 at the department and bureau level,
    60 at the county level and 67 at the township and section level"."""
    levels = [rng.randint(1, 20), rng.randint(5, 80), rng.randint(5, 90)]
    whole = sum(levels) + (rng.choice((-2, -1, 1, 2, 3)) if bad else 0)
    t.figure(whole)
    for value in levels:
        t.figure(value)
    t.relation(whole, levels, complete=True)
    a, b, c = (count(v) for v in levels)
    return (
        f"A total of {count(whole)} people were held accountable, including {a} at the "
        f"department and bureau level, {b} at the county level and {c} at the township and "
        "section level."
    )


def money(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "invested 86.5 million yuan and built 12.6 km of pipe network"."""
    millions = Decimal(rng.randint(12, 9000)) / 10
    km = Decimal(rng.randint(15, 600)) / 10
    t.figure(_num(millions * 1_000_000))
    t.figure(_num(km))
    return (
        f"A total of {millions} million yuan was invested, and {km} km of sewage pipe network "
        "was newly built and renovated."
    )


def capacity(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "built a treatment facility of 7,000 tons per day"."""
    tons = rng.randint(5, 400) * 100
    t.figure(tons)
    return (
        f"An emergency sewage treatment facility with a capacity of {count(tons)} tons per day "
        "was built to solve the problem of wastewater overflow in the flood season."
    )


def meetings(t: Truth, rng: random.Random, bad: bool, as_of: date) -> str:
    """ "held 12 special meetings and carried out 45 on-site inspections"."""
    held, visits = rng.randint(2, 40), rng.randint(5, 300)
    t.figure(held)
    t.figure(visits)
    return (
        f"The department held {held} special meetings to study and deploy the rectification, "
        f"and carried out {count(visits)} on-site inspections of the responsible units."
    )


# Sentence kinds and how often each is drawn; the first three can be made inconsistent.
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
