"""Rate relations: which counts a percentage is a rate of, and over which total.

- "a completion **rate** of 98.7%" — over the parts and whole of its sentence. The
  numerators are the parts the rate counts as done: "3,867 completed and 50 completed in
  stages, a completion rate of 98.7%" is 3,867 / 3,917, but "1,641 completed, 905 completed
  in stages, a completion rate of 93.4%" (over 2,726) is (1,641 + 905) / 2,726. Reports use
  both definitions, and only the printed value tells which one a rate follows, so the
  wider readings (with work completed in stages, or basically completed) are taken only
  when they, and not the standard one, give the printed rate; a rate no reading gives (a
  misprint) keeps the standard numerators, completed over total, for the audit to flag;
- "7.11 km …, **accounting for** 59.5% **of** … 11.95 km" — numerator before, denominator
  after;
- "31 items have been accepted, **accounting for** 72.1 percent", "398 have been settled,
  **or** 96.6 per cent" — a rate restating the figure right before it, over that figure's
  whole when it has one;
- "the completion **rate of the handed-over cases** reached 99.3 per cent" — over the count
  the text introduced with that verb, numerator unprinted;
- "**of the** 204 violations …, 79 percent had been rectified" — a denominator only.
"""

from __future__ import annotations

from decimal import Decimal

from ducha.loaders.lang.en import relations as en
from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import FigureRelation, RelationKind
from ducha.loaders.relation_reader import RelationReader

__all__ = ["find_rates"]

# "Done" in the standard definition of a completion rate, and the wider definitions reports
# also use (the same three the audit's rate shapes, shapes/rates.ttl, try).
_DONE = frozenset({"completed", "rectified", "closed"})
_IN_STAGES = frozenset({"completedInStages"})
_BASICALLY = frozenset({"basicallyCompleted"})
_DEFINITIONS = (_DONE, _DONE | _IN_STAGES, _DONE | _BASICALLY)


def find_rates(reader: RelationReader) -> None:
    """Add the ``RATE_OF`` and ``RATE_OVER`` relations of every percentage to ``reader``."""
    for r, rate in enumerate(reader.figures):
        if rate.unit != "percent" or rate.value is None:
            continue
        same = reader.in_sentence(reader.sentence_of[r])
        before = [k for k in same if k < r and reader.figures[k].value is not None]
        accounting = en.ACCOUNTING.search(reader.before(r, 30))
        # "7.11 km …, accounting for 59.5% of the total … 11.95 km"
        if accounting and en.AFTER_RATE_OF.match(reader.after(r)):
            later = [k for k in same if k > r and reader.figures[k].unit != "percent"]
            if later and before:
                unit = reader.figures[later[0]].unit
                numerators = [k for k in before if reader.figures[k].unit == unit]
                if numerators:
                    _relate(reader, r, [numerators[-1]], later[0])
                continue
        # "31 items have been accepted, accounting for 72.1 percent", "398 …, or 96.6 per cent"
        if (accounting or en.OR_RATE.search(reader.before(r, 30))) and before:
            numerator = before[-1]
            if reader.figures[numerator].unit != "percent":
                _relate(reader, r, [numerator], reader.part_of.get(numerator))
                continue
        # "the completion rate of the handed-over cases reached 99.3 per cent"
        named = en.RATE_OF_THE.search(reader.before(r, 80))
        if named:
            referent = reader.participle_referent(named["mods"], r)
            if referent is not None:
                _relate(reader, r, [], referent)
                continue
        # "of the 204 violations …, 79 percent had been rectified"
        lead = [k for k in before if reader.is_count(k) and en.LEAD_OF.search(reader.before(k, 20))]
        if lead and not [k for k in before if k > lead[-1] and reader.is_count(k)]:
            _relate(reader, r, [], lead[-1])
            continue
        if not en_units.RATE_WORDS.search(reader.before(r, 40)):
            continue
        _rate_of_parts(reader, r, before)


def _rate_of_parts(reader: RelationReader, r: int, before: list[int]) -> None:
    """ "… 83 completed, 19 basically completed …, a completion rate of 98.7%" """
    parts = [k for k in before if k in reader.part_of]
    if parts:
        whole: int | None = reader.part_of[parts[-1]]
        group = [k for k in parts if reader.part_of[k] == whole]
        done = _numerators(reader, r, group, whole)
        if not done and len(group) == 1:
            # a lone part is the numerator unless the text says it is not done yet
            status = reader.figures[group[0]].status
            done = [] if status in en_units.UNFINISHED_STATUSES else group
    else:
        counts = [k for k in before if reader.is_count(k)]
        wide = [k for k in counts if reader.figures[k].status in _DEFINITIONS[1]]
        whole = _recent_total(reader, wide[0]) if wide else None
        if whole is None:
            return  # done counts with no total: nothing to tie the rate to
        done = _numerators(reader, r, counts, whole)
    if done:
        _relate(reader, r, done, whole)


def _numerators(reader: RelationReader, r: int, counts: list[int], whole: int | None) -> list[int]:
    """The counts of ``counts`` the rate ``r`` is a rate of: the done ones of the first
    definition (standard, plus work in stages, plus basically completed) whose sum over
    ``whole`` gives the printed rate; else the standard ones (or, when no count is done in
    the standard sense, those completed in stages)."""
    by_definition = [
        [k for k in counts if reader.figures[k].status in statuses] for statuses in _DEFINITIONS
    ]
    total = reader.figures[whole].value if whole is not None else None
    if total:
        for numerators in by_definition:
            if numerators and _gives(reader, r, numerators, total):
                return numerators
    return by_definition[0] or by_definition[1]


def _gives(reader: RelationReader, r: int, numerators: list[int], total: Decimal) -> bool:
    """Whether the numerators over ``total`` round to the printed rate (half a unit of its
    last printed digit; a point for "about", one side only for "more than" / "less than")."""
    rate = reader.figures[r]
    assert rate.value is not None
    computed = sum((reader.figures[k].value or Decimal(0) for k in numerators), Decimal(0))
    computed = computed * 100 / total
    if rate.qualifier == "approximately":
        return abs(computed - rate.value) <= 1
    tolerance = Decimal(5) / Decimal(10) ** (rate.printed_precision + 1)
    if rate.qualifier == "atLeast":
        return rate.value - computed <= tolerance
    if rate.qualifier == "atMost":
        return computed - rate.value <= tolerance
    return abs(computed - rate.value) <= tolerance


def _relate(reader: RelationReader, r: int, numerators: list[int], whole: int | None) -> None:
    for k in numerators:
        reader.relations.append(FigureRelation(RelationKind.RATE_OF, r, k))
    if whole is not None:
        reader.relations.append(FigureRelation(RelationKind.RATE_OVER, r, whole))


def _recent_total(reader: RelationReader, first: int) -> int | None:
    """The total a bare set of done counts is a rate of: a "total" one or two sentences back."""
    for j in range(first - 1, -1, -1):
        if reader.sentence_of[first] - reader.sentence_of[j] > 2:
            return None
        if reader.is_count(j) and reader.figures[j].cumulative:
            return j
    return None
