"""Facts derived from the whole report at load time, so that catalogue queries over every
report join on one triple instead of recomputing them from mentions and text.

Written into the report's own graph (replacing a report replaces them):

- ``report ducha:mainProvince province``: the province the report names most often, each of
  them on a tie. Counted over the report's mentions of places whose class is
  ``ducha:Province`` (what water-bodies-across-provinces used to compute with two nested
  GROUP BYs over every mention in the store).
- ``part ducha:accountabilityLevel "county level"``: the level a part figure of an
  accountability count names ("42 ... were held accountable, of which 30 at the county
  level"), only where its whole counts accountability (what accountability-by-level used to
  read with a regular expression from the words after every part figure). The wording is
  English and lives in :mod:`ducha.loaders.lang.en.accountability`; reports in other
  languages get no level until their table exists.
"""

from __future__ import annotations

from collections import Counter

from ducha.loaders import iri
from ducha.loaders.lang.en import accountability as en_accountability
from ducha.loaders.model import EntityKind, RelationKind
from ducha.loaders.rdf_shared import entity_class
from ducha.loaders.rdf_terms import Term, ducha_term, iri_term, string_literal
from ducha.loaders.rdf_writer import QuadWriter

__all__ = ["write_derived"]

_PROVINCE = ducha_term("Province")


def write_derived(writer: QuadWriter) -> None:
    """The report's main provinces and its figures' accountability levels."""
    _main_provinces(writer)
    _accountability_levels(writer)


def _main_provinces(writer: QuadWriter) -> None:
    report = writer.report
    times: Counter[Term] = Counter()
    for mention in report.mentions:
        if mention.kind is not EntityKind.PLACE:
            continue
        entity = report.entities.get(f"{EntityKind.PLACE.value}/{mention.entity}")
        if entity is not None and entity_class(entity) == _PROVINCE:
            times[writer.entity_node(mention.kind, mention.entity)] += 1
    if not times:
        return
    most = max(times.values())
    # Ordered by IRI, not by "<iri>": "<a>" sorts after "<a-b>", "a" before "a-b".
    for province in sorted((p for p, n in times.items() if n == most), key=lambda p: p[1:-1]):
        writer.add(writer.report_node, ducha_term("mainProvince"), province)


def _accountability_levels(writer: QuadWriter) -> None:
    report = writer.report
    if (report.language or "en") != "en":
        return
    text, figures = report.text, report.figures
    levels: dict[int, str] = {}
    for rel in report.relations:
        if rel.kind is not RelationKind.PART_OF or not isinstance(rel.target, int):
            continue
        whole, part = figures[rel.target], figures[rel.source]
        if whole.value is None or part.value is None or rel.source in levels:
            continue
        after_whole = text[whole.span.end : whole.span.end + en_accountability.WHOLE_WINDOW]
        if not en_accountability.ACCOUNTABLE.search(after_whole):
            continue
        after_part = text[part.span.end : part.span.end + en_accountability.LEVEL_WINDOW]
        level = en_accountability.LEVEL.match(after_part)
        if level:
            levels[rel.source] = level.group(1)
    for index in sorted(levels):
        node = iri_term(iri.item_iri(writer.report_iri, "figure", index + 1))
        writer.add(node, ducha_term("accountabilityLevel"), string_literal(levels[index]))
