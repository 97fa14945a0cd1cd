"""Compare what ducha extracted from a report with the truth written by hand for it.

The truth is one entry of a corpus's ``truth.json`` (format: service/samples/README.md).
What was extracted is an :class:`Extracted` (built by :mod:`benchmarks.extracted` from a
``Report`` or from the store). :func:`score_file` counts, per kind, the items found in
both (true positives), only in the extraction (false positives) and only in the truth
(false negatives); :class:`Score` turns those into precision, recall and F1 and keeps the
items that differ so a person can see what went wrong.

How each kind is matched:

- figures, stated counts: multisets of values (rounded to 6 decimals), so a number
  printed twice must be found twice; a stated count is matched by its number only.
- malformed numbers: multisets of the printed tokens (surrounding space and punctuation
  stripped).
- parts: multisets of ``(whole, part)`` value pairs, one per ``ducha:partOf``.
- rates: multisets of ``(rate, numerator, denominator)``; a rate tied to several
  numerators counts their sum; ``None`` where the text (or the extraction) gives none.
- problems: the number of problems; ``min`` of the two counts is the agreement. Not scored
  when the truth says ``null``.
- dates: ``(which, value)`` pairs, a truth value given as ``YYYY-MM`` matching any day of
  that month.
- named entities (groups, bodies, people, places, water bodies, enterprises, regulations):
  one-to-one, a truth name (with its aliases from ``aliases``) matching an extracted entity
  when any of their names agree after :func:`normalise_name`. People are matched by name;
  the post in ``Name (post)`` is left out.

>>> truth = {"figures": [115, 83, 98.7], "places": ["Guangxi"], "aliases": {}}
>>> found = Extracted(figures=[Decimal("115"), Decimal("83.0")],
...                   entities={"places": [("Guangxi Zhuang Autonomous Region", {"Guangxi"})]})
>>> scores = score_file(truth, found, kinds=("figures", "places"))
>>> scores["figures"].precision, scores["figures"].recall, scores["figures"].missed
(1.0, 0.6666666666666666, ['98.7'])
>>> scores["places"].f1
1.0
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = [
    "ENTITY_KINDS",
    "KINDS",
    "Extracted",
    "Score",
    "failed_checks",
    "load_truth",
    "normalise_name",
    "score_file",
    "sum_scores",
]

# Truth keys that name entities, in the order the table prints them.
ENTITY_KINDS = (
    "inspection_groups",
    "party_bodies",
    "government_bodies",
    "people",
    "places",
    "water_bodies",
    "enterprises",
    "regulations",
)
KINDS = (
    "figures",
    "malformed_numbers",
    "parts",
    "rates",
    "stated_counts",
    "problems",
    *ENTITY_KINDS,
    "dates",
)
DATE_KEYS = ("start", "end", "feedback", "issued")

Rate = tuple[Decimal, Decimal | None, Decimal | None]
Names = tuple[str, set[str]]  # canonical name and other surface forms


@dataclass
class Extracted:
    """What the extraction found in one report, in the shapes the truth uses."""

    figures: list[Decimal] = field(default_factory=list)
    malformed_numbers: list[str] = field(default_factory=list)
    parts: list[tuple[Decimal, Decimal]] = field(default_factory=list)  # (whole, part)
    rates: list[Rate] = field(default_factory=list)
    stated_counts: list[Decimal] = field(default_factory=list)
    problems: int = 0
    entities: dict[str, list[Names]] = field(default_factory=dict)  # truth key -> names
    dates: list[tuple[str, str]] = field(default_factory=list)  # ("feedback", "2022-03-18")


@dataclass
class Score:
    """Counts for one kind in one file (or summed over many)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)  # in the truth, not extracted
    extra: list[str] = field(default_factory=list)  # extracted, not in the truth

    @property
    def precision(self) -> float:
        """Share of extracted items that are true; 1.0 when nothing was extracted."""
        found = self.tp + self.fp
        return self.tp / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of true items that were extracted; 1.0 when the truth has none."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.missed += other.missed
        self.extra += other.extra
        return self


def load_truth(corpus: Path) -> dict[str, dict[str, Any]]:
    """The ``truth.json`` of a corpus folder, keyed by file name."""
    with (corpus / "truth.json").open(encoding="utf-8") as handle:
        truth: dict[str, dict[str, Any]] = json.load(handle)
    return truth


# -- normalisation ------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_ADMIN_SUFFIX = re.compile(r" (province|city|municipality|autonomous region)$")
_POST = re.compile(r"\s*\(.*\)\s*$")


def normalise_name(name: str) -> str:
    """A name reduced for comparison: case, quotes and punctuation, a leading "the" and a
    trailing "Province", "City", "Municipality" or "Autonomous Region" do not count.

    >>> normalise_name('The "Guizhou Province"  Water Pollution-Prevention Plan.')
    'guizhou province water pollution prevention plan'
    >>> normalise_name("Sichuan Province") == normalise_name("Sichuan")
    True
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _PUNCTUATION.sub(" ", re.sub(r"['’]s\b", "s", text))
    text = _SPACES.sub(" ", text).strip()
    text = text.removeprefix("the ")
    return _ADMIN_SUFFIX.sub("", text)


def _number(value: float | int | str | Decimal) -> Decimal:
    """A value rounded to 6 decimals: JSON floats and extracted decimals compare equal."""
    return Decimal(str(value)).quantize(Decimal("0.000001")).normalize()


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    return str(value)


def _token(token: str) -> str:
    return token.strip().strip(".,;:()\"'")


# -- matching -----------------------------------------------------------------------------


def _multiset(truth: Iterable[Hashable], found: Iterable[Hashable]) -> Score:
    expected, got = Counter(truth), Counter(found)
    common = expected & got
    missed = expected - got
    extra = got - expected
    return Score(
        tp=sum(common.values()),
        fp=sum(extra.values()),
        fn=sum(missed.values()),
        missed=[_show(item) for item in missed.elements()],
        extra=[_show(item) for item in extra.elements()],
    )


def _optional(value: float | int | Decimal | None) -> Decimal | None:
    return None if value is None else _number(value)


def _entities(
    truth: Sequence[str], aliases: Mapping[str, list[str]], found: list[Names], *, people: bool
) -> Score:
    def forms(name: str) -> set[str]:
        if people:
            name = _POST.sub("", name)
        return {normalise_name(name)}

    wanted = [
        (name, forms(name).union(*(forms(a) for a in aliases.get(name, [])))) for name in truth
    ]
    candidates = [(name, forms(name).union(*(forms(a) for a in others))) for name, others in found]
    unused = list(range(len(candidates)))
    score = Score()

    # Names with fewer candidates pick first, so a greedy match rarely steals a partner.
    def options(item: tuple[str, set[str]]) -> list[int]:
        return [i for i in unused if candidates[i][1] & item[1]]

    for name, names in sorted(wanted, key=lambda item: len(options(item))):
        choice = options((name, names))
        if choice:
            unused.remove(choice[0])
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(name)
    score.fp = len(unused)
    score.extra = [candidates[i][0] for i in unused]
    return score


def _dates(truth: Mapping[str, str], found: Iterable[tuple[str, str]]) -> Score:
    remaining = sorted(set(found))
    score = Score()
    for key in DATE_KEYS:
        value = truth.get(key)
        if value is None:
            continue
        match = next((d for d in remaining if d[0] == key and d[1].startswith(value)), None)
        if match is None:
            score.fn += 1
            score.missed.append(f"{key} {value}")
        else:
            remaining.remove(match)
            score.tp += 1
    score.fp = len(remaining)
    score.extra = [f"{key} {value}" for key, value in remaining]
    return score


def _problems(truth: int | None, found: int) -> Score:
    if truth is None:
        return Score()
    agreed = min(truth, found)
    score = Score(tp=agreed, fp=found - agreed, fn=truth - agreed)
    if score.fn:
        score.missed.append(f"{truth} problems, found {found}")
    if score.fp:
        score.extra.append(f"{found} problems, truth {truth}")
    return score


def score_file(
    truth: Mapping[str, Any], found: Extracted, *, kinds: Sequence[str] = KINDS
) -> dict[str, Score]:
    """Per kind, how the extraction of one file compares with its truth entry."""
    aliases: Mapping[str, list[str]] = truth.get("aliases") or {}
    scores: dict[str, Score] = {}
    for kind in kinds:
        if kind == "figures":
            scores[kind] = _multiset(
                (_number(v) for v in truth.get("figures", [])), (_number(v) for v in found.figures)
            )
        elif kind == "malformed_numbers":
            scores[kind] = _multiset(
                (_token(t) for t in truth.get(kind, [])),
                (_token(t) for t in found.malformed_numbers),
            )
        elif kind == "parts":
            scores[kind] = _multiset(
                (
                    (_number(whole), _number(part))
                    for whole, parts in truth.get("parts", [])
                    for part in parts
                ),
                ((_number(whole), _number(part)) for whole, part in found.parts),
            )
        elif kind == "rates":
            scores[kind] = _multiset(
                ((_number(r), _optional(n), _optional(d)) for r, n, d in truth.get("rates", [])),
                ((_number(r), _optional(n), _optional(d)) for r, n, d in found.rates),
            )
        elif kind == "stated_counts":
            scores[kind] = _multiset(
                (_number(n) for n, _what in truth.get(kind, [])),
                (_number(n) for n in found.stated_counts),
            )
        elif kind == "problems":
            scores[kind] = _problems(truth.get("problems"), found.problems)
        elif kind == "dates":
            scores[kind] = _dates(truth.get("dates") or {}, found.dates)
        elif kind in ENTITY_KINDS:
            scores[kind] = _entities(
                truth.get(kind, []),
                aliases,
                found.entities.get(kind, []),
                people=kind == "people",
            )
        else:
            raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    return scores


def sum_scores(files: Iterable[Mapping[str, Score]]) -> dict[str, Score]:
    """Micro-averaged totals: the counts of every file added per kind."""
    totals: dict[str, Score] = {}
    for scores in files:
        for kind, score in scores.items():
            totals.setdefault(kind, Score())
            totals[kind] += score
    return totals


def failed_checks(scores: Mapping[str, Score], threshold: float) -> list[str]:
    """One line per kind whose precision or recall is below ``threshold``, naming the
    missed and the extra items (for a test's assertion message)."""
    lines = []
    for kind, score in scores.items():
        if score.precision >= threshold and score.recall >= threshold:
            continue
        lines.append(
            f"{kind}: precision {score.precision:.2f}, recall {score.recall:.2f} "
            f"(threshold {threshold}); missed {score.missed}; extra {score.extra}"
        )
    return lines
