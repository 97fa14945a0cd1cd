"""Turn a :class:`~ducha.loaders.model.Report` into RDF, exactly as docs/data-model.md says.

One pass over the report writes its triples as text for two graphs: the report's own
graph (the report, its text, sections, figures, mentions and their spans) and the shared graph
(canonical entities, posts and inspections, merged across reports by the store).

This module maps the report itself and its outline (sections and item lists); figures
(:mod:`ducha.loaders.rdf_figures`), mentions (:mod:`ducha.loaders.rdf_mentions`) and the
shared graph (:mod:`ducha.loaders.rdf_shared`) have their own modules, all writing through
one :class:`~ducha.loaders.rdf_writer.QuadWriter`.

Every extracted resource gets ``prov:wasDerivedFrom`` a span whose ``oa:exact`` is
``report.text[start:end]``; a span outside the text is a bug in an extractor and raises
:class:`~ducha.loaders.errors.InternalError` rather than storing a wrong quote.

>>> from ducha.loaders.model import Report
>>> quads = report_quads(Report(text="Rectification report."))
>>> quads.report_iri.removeprefix("https://w3id.org/ducha/id/report/")
'4128a03f629a8d46'
>>> len(quads.shared)
0
"""

from __future__ import annotations

from ducha.loaders import iri
from ducha.loaders.model import EntityKind, RelationKind, Report, Section, SectionKind, Span
from ducha.loaders.rdf_derived import write_derived
from ducha.loaders.rdf_figures import write_figures
from ducha.loaders.rdf_mentions import write_mentions
from ducha.loaders.rdf_shared import write_entities, write_inspections, write_posts
from ducha.loaders.rdf_terms import (
    DCT_ISSUED,
    DCT_PUBLISHER,
    DCT_SOURCE,
    DCT_TITLE,
    LABEL,
    A,
    Term,
    boolean_literal,
    checked_iri,
    date_literal,
    ducha_term,
    integer_literal,
    iri_term,
    string_literal,
)
from ducha.loaders.rdf_writer import ORGANIZATION_KINDS, QuadWriter, ReportQuads

__all__ = ["ReportQuads", "report_quads"]

_SECTION_CLASS = {
    SectionKind.PART: "Part",
    SectionKind.ASPECT: "Aspect",
    SectionKind.PROBLEM: "Problem",
    SectionKind.MEASURE: "Measure",
}
# The section a section belongs to, and the property that says so.
_SECTION_OWNER = {
    SectionKind.ASPECT: (SectionKind.PART, "inPart"),
    SectionKind.PROBLEM: (SectionKind.ASPECT, "inAspect"),
    SectionKind.MEASURE: (SectionKind.PROBLEM, "addresses"),
}
_LIST_ITEM_CLASS = {"problems": "Problem", "aspects": "Aspect", "measures": "Measure"}
_LIST_SECTION_KIND = {
    "problems": SectionKind.PROBLEM,
    "aspects": SectionKind.ASPECT,
    "measures": SectionKind.MEASURE,
}


def report_quads(report: Report, *, base: str = iri.DEFAULT_BASE) -> ReportQuads:
    """Map ``report`` to RDF per docs/data-model.md.

    Pure and deterministic: the same report always gives the same quads, so loading twice
    changes nothing. Raises ``InternalError`` when an extractor produced a span outside the
    text or a term the ontology does not define.
    """
    writer = QuadWriter(report, base)
    _report(writer)
    _sections(writer)
    write_figures(writer)
    write_mentions(writer)
    write_entities(writer)
    write_posts(writer)
    write_inspections(writer)
    write_derived(writer)
    return writer.out


def _report(writer: QuadWriter) -> None:
    """The report node: text, language, metadata, publisher and regions."""
    me, meta = writer.report_node, writer.report.metadata
    writer.add(me, A, ducha_term("Report"))
    writer.add(me, ducha_term("text"), string_literal(writer.report.text))
    writer.add(me, ducha_term("language"), string_literal(writer.lang))
    if meta.title:
        writer.add(me, DCT_TITLE, writer.text(meta.title))
    if meta.issued:
        writer.add(me, DCT_ISSUED, date_literal(meta.issued))
    if meta.source:
        is_url = meta.source.startswith(("http://", "https://")) and " " not in meta.source
        writer.add(me, DCT_SOURCE, _source(meta.source) if is_url else string_literal(meta.source))
    if meta.released:
        writer.add(me, ducha_term("releaseTime"), string_literal(meta.released))
    for region in meta.regions:
        writer.add(me, ducha_term("region"), _region_node(writer, region))
    for contact in meta.contacts:
        writer.add(me, ducha_term("contact"), string_literal(contact))
    if meta.publisher:
        writer.add(me, ducha_term("signatory"), string_literal(meta.publisher))
        publisher = writer.find_entity(meta.publisher, ORGANIZATION_KINDS)
        if publisher is not None:
            writer.add(me, DCT_PUBLISHER, writer.entity_node(publisher.kind, publisher.key))
    writer.add(me, ducha_term("truncatedStart"), boolean_literal(meta.truncated_start))
    writer.add(me, ducha_term("truncatedEnd"), boolean_literal(meta.truncated_end))
    if meta.file_name:
        writer.add(me, ducha_term("fileName"), string_literal(meta.file_name))


def _source(url: str) -> Term:
    """A source URL as a node, or as printed when it is no valid IRI ("http://a/{b}")."""
    try:
        return checked_iri(url)
    except ValueError:
        return string_literal(url)


def _region_node(writer: QuadWriter, region: str) -> Term:
    place = writer.find_entity(region, {EntityKind.PLACE})
    if place is not None:
        return writer.entity_node(place.kind, place.key)
    # A region tag the text never names: still a place, minted from its name.
    node = writer.entity_node(EntityKind.PLACE, iri.slug(region))
    writer.share(node, A, ducha_term("Place"))
    writer.share(node, LABEL, writer.text(region))
    return node


def _sections(writer: QuadWriter) -> None:
    """Every section (numbered per kind) and the lists of problems, aspects and measures."""
    sections = writer.report.sections
    counters: dict[SectionKind, int] = {}
    for section in sections:
        counters[section.kind] = counters.get(section.kind, 0) + 1
        ordinal = counters[section.kind]
        node = iri_term(iri.item_iri(writer.report_iri, section.kind.value, ordinal))
        writer.section_nodes.append(node)
    for index, section in enumerate(sections):
        _section(writer, index, section)
    stated = {
        rel.target
        for rel in writer.report.relations
        if rel.kind is RelationKind.STATED_COUNT and isinstance(rel.target, str)
    }
    for name in sorted(set(_LIST_SECTION_KIND) | stated):
        _item_list(writer, name)


def _section(writer: QuadWriter, index: int, section: Section) -> None:
    node = writer.section_nodes[index]
    writer.extracted(node, _SECTION_CLASS[section.kind], section.heading)
    writer.add(node, ducha_term("number"), string_literal(section.number))
    if section.ordinal is not None:
        writer.add(node, ducha_term("ordinal"), integer_literal(section.ordinal))
    if section.label:
        writer.add(node, LABEL, writer.text(section.label))
    if section.kind in _SECTION_OWNER:
        kind, prop = _SECTION_OWNER[section.kind]
        owner = writer.report.ancestor(index, kind)
        if owner is not None:
            writer.add(node, ducha_term(prop), writer.section_nodes[owner])
    parent = section.parent
    if (
        section.kind is SectionKind.MEASURE
        and parent is not None
        and writer.report.sections[parent].kind is SectionKind.MEASURE
    ):
        writer.add(node, ducha_term("subMeasureOf"), writer.section_nodes[parent])


def _item_list(writer: QuadWriter, name: str) -> None:
    """The list ``name`` ("problems" …) when the report has such items or states a count."""
    sections = writer.report.sections
    kind = _LIST_SECTION_KIND.get(name)
    items = [i for i, s in enumerate(sections) if s.kind is kind] if kind else []
    stated = any(
        rel.kind is RelationKind.STATED_COUNT and rel.target == name
        for rel in writer.report.relations
    )
    if not items and not stated:
        return
    node = iri_term(iri.list_iri(writer.report_iri, name))
    writer.add(node, A, ducha_term("ItemList"))
    writer.add(node, ducha_term("inReport"), writer.report_node)
    writer.add(node, LABEL, writer.text(name))
    if name in _LIST_ITEM_CLASS:
        writer.add(node, ducha_term("itemKind"), ducha_term(_LIST_ITEM_CLASS[name]))
    for index in items:
        writer.add(node, ducha_term("hasItem"), writer.section_nodes[index])
    if items:
        # The list as a whole comes from the stretch of text its items cover.
        first, last = sections[items[0]], sections[items[-1]]
        writer.derive(node, Span(first.heading.start, max(last.extent.end, last.heading.end)))
