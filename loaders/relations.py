"""Relations between reported figures: parts and wholes, rates, stated counts, same quantity.

Reports state their arithmetic in a few fixed shapes. :func:`find_relations` reads them
with the rules of :mod:`ducha.loaders.parts` (partitive wording: "83 of the 115",
"of which", "including", a colon), :mod:`ducha.loaders.breakdowns` (classified lists,
funnels, "the remaining", parts continued in later sentences), :mod:`ducha.loaders.rates`
and :mod:`ducha.loaders.stated_counts`, all reading one
:class:`~ducha.loaders.relation_reader.RelationReader`.

Relations are never chosen by arithmetic: checking the sums is the audit's job.
A part belongs to at most one whole. Each breakdown the text presents as complete gets its
own ``group`` id (a whole may have two: by channel and by type), and its part relations
carry the span of the sentence(s) the breakdown is read from.
"""

from __future__ import annotations

from collections.abc import Sequence

from ducha.loaders import breakdowns, parts
from ducha.loaders.lang.en import relations as en_relations
from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import Figure, FigureRelation, RelationKind, Section, Span
from ducha.loaders.rates import find_rates
from ducha.loaders.relation_reader import RelationReader, split_spans
from ducha.loaders.stated_counts import find_stated_counts

__all__ = ["fill_from_relations", "find_relations", "link_quantities"]


def find_relations(
    text: str, figures: Sequence[Figure], sections: Sequence[Section] = ()
) -> list[FigureRelation]:
    """Part-of, rate and stated-count relations between ``figures`` found in ``text``.

    ``figures`` must come from :func:`ducha.loaders.figures.extract_figures` on the same
    text (spans, units, counted nouns and statuses filled). ``sections`` is the report's
    outline, when known: a stated count of problems is looked for before the problems are
    listed, and a count of measures right before a numbered list. Relations index into
    ``figures``; ``STATED_COUNT`` targets the name of the counted list.
    """
    reader = RelationReader(text, figures)
    for rule in parts.RULES:
        rule(reader)
    breakdowns.classified(reader)
    for rule in parts.LATE_RULES:
        rule(reader)
    breakdowns.remaining(reader)
    breakdowns.funnel(reader)
    breakdowns.place_share(reader)
    breakdowns.named_subarea(reader)
    breakdowns.mark_complete(reader)
    breakdowns.continued_parts(reader)
    breakdowns.number_groups(reader)
    for b in reader.breakdowns:
        span = breakdowns.breakdown_span(reader, b) if b.group is not None else None
        for p in b.parts:
            reader.relations.append(
                FigureRelation(RelationKind.PART_OF, p, b.whole, b.complete, b.group, span)
            )
    find_rates(reader)
    find_stated_counts(reader, sections)
    reader.relations.sort(key=lambda r: (r.source, r.kind.value))
    return reader.relations


def fill_from_relations(figures: Sequence[Figure], relations: Sequence[FigureRelation]) -> None:
    """Give a part that names nothing ("19 have been basically completed") its whole's noun."""
    for relation in relations:
        if relation.kind is RelationKind.PART_OF and isinstance(relation.target, int):
            part, whole = figures[relation.source], figures[relation.target]
            if part.counts is None and part.unit == whole.unit:
                part.counts = whole.counts


def link_quantities(
    figures: Sequence[Figure], relations: Sequence[FigureRelation] = (), text: str = ""
) -> None:
    """Give figures that report the same counted thing one ``quantity`` key.

    The key is what is counted: the normalised counted noun, unit, status and as-of date.
    For a specific noun (``en_units.SPECIFIC_COUNTS``: "letters and visits", "petitions"
    ...) that is enough, so two mentions with different numbers share a quantity and the
    audit can flag them. A generic noun ("problems", "rectification measures") names many
    different counts in one report, so its mentions are linked only when their printed
    numbers agree too ("95 problems" … "78 of the 95 problems"). Parts of a whole
    ("70 letters and visits came in by telephone") count a subset and are never linked, and
    a running total in ``text`` ("Up to September 4th, 24 batches with 4697 letters") is
    not the same thing as one batch's count.
    """
    parts = {r.source for r in relations if r.kind is RelationKind.PART_OF}
    sentences: list[Span] | None = None  # split only when a running total is asked about
    groups: dict[str, list[Figure]] = {}
    for index, figure in enumerate(figures):
        noun = _counted_thing(figure.counts)
        if figure.value is None or noun is None or index in parts:
            continue
        specific = noun in en_units.SPECIFIC_COUNTS
        fields = [noun if specific else noun.split()[-1], figure.unit, figure.status or ""]
        fields.append(str(figure.as_of or ""))
        if specific and figure.as_of is None:
            if sentences is None:
                sentences = split_spans(text, en_relations.SENTENCE_END)
            if _running_total(text, sentences, figure):
                fields.append("to date")
        if not specific:
            fields.append(format(figure.value.normalize(), "f"))
        groups.setdefault("|".join(fields), []).append(figure)
    for key, members in groups.items():
        # a generic head with the same number: "1,310 letters" is "1,310 valid letters", but
        # "4 study meetings" is not "4 special work meetings"
        linked = [
            f
            for f in members
            if any(g is not f and _same_phrase(f.counts, g.counts) for g in members)
        ]
        for figure in linked:
            figure.quantity = key


def _same_phrase(a: str | None, b: str | None) -> bool:
    words_a = set((a or "").split()) - en_units.NEUTRAL_MODIFIERS
    words_b = set((b or "").split()) - en_units.NEUTRAL_MODIFIERS
    return words_a <= words_b or words_b <= words_a


def _running_total(text: str, sentences: Sequence[Span], figure: Figure) -> bool:
    start = next((s.start for s in sentences if s.start <= figure.span.start < s.end), 0)
    return bool(en_units.RUNNING_TOTAL.search(text[start : figure.span.start]))


def _counted_thing(counts: str | None) -> str | None:
    """ "valid letters and visits" → "letters and visits": the noun without neutral words."""
    words = [w for w in (counts or "").split() if w not in en_units.NEUTRAL_MODIFIERS]
    return " ".join(words) or None
