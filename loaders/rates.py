"""Rate relations: which counts a percentage is a rate of, and over which total.

- "a completion **rate** of 98.7%" — over the parts and whole of its sentence (only the
  parts that are done count as the numerator);
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

from ducha.loaders.lang.en import relations as en
from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import FigureRelation, RelationKind
from ducha.loaders.relation_reader import RelationReader

__all__ = ["find_rates"]

_DONE = frozenset({"completed", "completedInStages", "rectified", "closed"})


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
        done = [k for k in group if reader.figures[k].status in _DONE]
        if not done and len(group) == 1:
            # a lone part is the numerator unless the text says it is not done yet
            status = reader.figures[group[0]].status
            done = [] if status in en_units.UNFINISHED_STATUSES else group
    else:
        done = [k for k in before if reader.is_count(k) and reader.figures[k].status in _DONE]
        whole = _recent_total(reader, done[0]) if done else None
        if whole is None:
            return  # done counts with no total: nothing to tie the rate to
    if done:
        _relate(reader, r, done, whole)


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
