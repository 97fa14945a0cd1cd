"""Mentions as RDF: where the text names an entity, and what the report does with it.

Each mention is a ``ducha:Mention`` with its span; the report and the innermost problem or
measure holding it get ``ducha:mentions`` the entity. A regulation is ``ducha:citedIn`` the
report; one the report issues (``role="issues"``) is ``ducha:issues``-linked from the report
and its measure, one a problem breaches (``role="violates"``) is ``ducha:violates``-linked
from that problem. How a regulation mention was resolved to the registry (method, score) is
kept on the mention.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ducha.loaders import iri
from ducha.loaders.model import EntityKind, Mention, Section, SectionKind, Span
from ducha.loaders.rdf_terms import Term, decimal_literal, ducha_term, iri_term, string_literal
from ducha.loaders.rdf_writer import QuadWriter

__all__ = ["write_mentions"]

# (subject, object, property) already written: the same link is stated once.
_Seen = set[tuple[Term, Term, str]]
# Each regulation's resolution evidence (its "resolution" attribute, read), by entity key.
_Resolutions = dict[str, Any]


def write_mentions(writer: QuadWriter) -> None:
    """Every mention of the report, and the links from report and sections to what it names.

    Needs ``writer.section_nodes`` (written by the outline mapping first).
    """
    mentioned: set[tuple[Term, Term]] = set()
    seen: _Seen = set()
    resolutions: _Resolutions = {}
    sections = _Sections(writer.report.sections)
    for k, mention in enumerate(writer.report.mentions, start=1):
        node = iri_term(iri.item_iri(writer.report_iri, "mention", k))
        entity = writer.entity_node(mention.kind, mention.entity)
        writer.extracted(node, "Mention", mention.span)
        writer.add(node, ducha_term("mentionOf"), entity)
        if mention.role:
            writer.add(node, ducha_term("role"), string_literal(mention.role))
        if mention.kind is EntityKind.REGULATION:
            _resolution_evidence(writer, node, mention, resolutions)
        holders = [writer.report_node]
        inner = sections.innermost(mention.span, (SectionKind.PROBLEM, SectionKind.MEASURE))
        if inner is not None:
            holders.append(writer.section_nodes[inner])
        for holder in holders:
            if (holder, entity) not in mentioned:
                mentioned.add((holder, entity))
                writer.add(holder, ducha_term("mentions"), entity)
        if mention.kind is EntityKind.REGULATION:
            _regulation_links(writer, seen, sections, mention, entity)


def _regulation_links(
    writer: QuadWriter, seen: _Seen, sections: _Sections, mention: Mention, act: Term
) -> None:
    _once(writer, seen, act, "citedIn", writer.report_node)
    if mention.role == "issues":
        _once(writer, seen, writer.report_node, "issues", act)
        measure = sections.innermost(mention.span, (SectionKind.MEASURE,))
        if measure is not None:
            _once(writer, seen, writer.section_nodes[measure], "issues", act)
    elif mention.role == "violates":
        problem = sections.innermost(mention.span, (SectionKind.PROBLEM,))
        if problem is not None:
            _once(writer, seen, writer.section_nodes[problem], "violates", act)


class _Sections:
    """The report's sections by where they start, to find the one holding a mention without
    testing every section for every mention."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._sections = sections
        self._by_kinds: dict[tuple[SectionKind, ...], tuple[list[int], list[int]]] = {}

    def innermost(self, span: Span, kinds: tuple[SectionKind, ...]) -> int | None:
        """The index of the smallest section of ``kinds`` whose extent covers ``span``; of
        equally small ones, the last."""
        starts, indices = self._starting(kinds)
        best: int | None = None
        best_length = 0
        # Only sections starting at or before the span can cover it.
        for index in indices[: bisect_right(starts, span.start)]:
            extent = self._sections[index].extent
            if span.end <= extent.end:
                length = extent.end - extent.start
                if best is None or (length, -index) < (best_length, -best):
                    best, best_length = index, length
        return best

    def _starting(self, kinds: tuple[SectionKind, ...]) -> tuple[list[int], list[int]]:
        """Starts and indices of the sections of ``kinds``, in order of start."""
        if kinds not in self._by_kinds:
            found = sorted(
                (section.extent.start, index)
                for index, section in enumerate(self._sections)
                if section.kind in kinds
            )
            self._by_kinds[kinds] = ([start for start, _ in found], [i for _, i in found])
        return self._by_kinds[kinds]


def _resolution_evidence(
    writer: QuadWriter, node: Term, mention: Mention, resolutions: _Resolutions
) -> None:
    """How the mention was linked to its regulation (loaders/resolve.py): method, score."""
    key = f"{EntityKind.REGULATION.value}/{mention.entity}"
    entity = writer.report.entities.get(key)
    if entity is None or "resolution" not in entity.attributes:
        return
    if key not in resolutions:  # read once per regulation, not once per mention of it
        resolutions[key] = json.loads(entity.attributes["resolution"])
    found = resolutions[key].get(f"{mention.span.start}-{mention.span.end}")
    if not found:
        return
    method, score = found
    writer.add(node, ducha_term("resolutionMethod"), string_literal(str(method)))
    writer.add(node, ducha_term("resolutionScore"), decimal_literal(Decimal(str(score))))


def _once(writer: QuadWriter, seen: _Seen, s: Term, p: str, o: Term) -> None:
    if (s, o, p) not in seen:
        seen.add((s, o, p))
        writer.add(s, ducha_term(p), o)
