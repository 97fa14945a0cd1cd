"""Where the reports cite a regulation: the problems and measures, and the sentences.

A report cites an act through a mention (``ducha:mentionOf``) with its span, and through the
problems and measures that name it (``ducha:mentions``) or breach it (``ducha:violates``).
:func:`citations_of` reads both for the regulation page (:mod:`ducha.service.regulation_view`):
each cited sentence with the mention's quote marked, the report it is in, and the problem or
measure it falls under.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from ducha.loaders.store import PREFIXES, Store
from ducha.service.links import report_id
from ducha.service.resource_view import named_node, sentence_bounds, solutions_about, value_of

__all__ = ["Citation", "CitingItem", "citations_of"]

_D = PREFIXES["ducha"]

# Oxigraph substitutes only projected variables, hence ?r in every SELECT.
_MENTIONS = """SELECT ?r ?mention ?report ?start ?end ?role ?method ?score WHERE {
  ?mention ducha:mentionOf ?r ; ducha:inReport ?report ;
           prov:wasDerivedFrom/oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  OPTIONAL { ?mention ducha:role ?role }
  OPTIONAL { ?mention ducha:resolutionMethod ?method }
  OPTIONAL { ?mention ducha:resolutionScore ?score }
} ORDER BY ?report ?start"""
_REPORT = """SELECT ?r ?text ?title ?fileName ?round WHERE {
  GRAPH ?r { ?r ducha:text ?text OPTIONAL { ?r dcterms:title ?title }
             OPTIONAL { ?r ducha:fileName ?fileName } }
  OPTIONAL { ?r ducha:answers/ducha:round ?round }
} LIMIT 1"""
_ITEMS = """SELECT ?r ?item ?type ?report ?number ?label ?start ?end ?violates WHERE {
  { ?item ducha:violates ?r BIND (true AS ?violates) }
  UNION { ?item ducha:mentions ?r BIND (false AS ?violates) }
  ?item a ?type ; ducha:inReport ?report .
  FILTER (?type IN (ducha:Problem, ducha:Measure))
  OPTIONAL { ?item ducha:number ?number }
  OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item prov:wasDerivedFrom/oa:hasSelector ?selector .
             ?selector oa:start ?start ; oa:end ?end }
}"""


@dataclass(frozen=True)
class CitingItem:
    """A problem or measure of a report that names the act (``violates`` when the text says
    the problem breaks it)."""

    iri: str
    kind: str  # problem, measure
    report: str
    report_id: str
    number: str
    label: str
    violates: bool
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Citation:
    """One sentence of a report that names the act: ``before``, ``quote`` (the mention's
    span ``[start, end)``), ``after``; ``link`` opens the report page at that line."""

    mention: str
    report: str
    report_id: str
    report_title: str
    round: str
    start: int
    end: int
    before: str
    quote: str
    after: str
    link: str
    role: str = ""
    method: str = ""
    score: float | None = None
    item: CitingItem | None = None


def citations_of(store: Store, iri: str) -> tuple[list[CitingItem], list[Citation]]:
    """The problems and measures that name the act ``iri`` (by report, kind and position),
    and every sentence that names it (by report and position)."""
    node = named_node(iri)
    items: dict[str, CitingItem] = {}
    for row in solutions_about(store, _ITEMS, node):
        iri = row["item"].value
        known = items.get(iri)
        violates = row["violates"] is not None and row["violates"].value == "true"
        items[iri] = CitingItem(
            iri=iri,
            kind=row["type"].value.removeprefix(_D).lower(),
            report=row["report"].value,
            report_id=report_id(row["report"].value) or "",
            number=value_of(row["number"]),
            label=value_of(row["label"]),
            violates=violates or (known is not None and known.violates),
            start=int(row["start"].value) if row["start"] is not None else -1,
            end=int(row["end"].value) if row["end"] is not None else -1,
        )
    cited_in = sorted(items.values(), key=lambda i: (i.report_id, i.kind, i.start))
    citations: list[Citation] = []
    reports: dict[str, tuple[str, str, str]] = {}  # report → text, title, round
    for row in solutions_about(store, _MENTIONS, node):
        report = row["report"].value
        if report not in reports:
            found = solutions_about(store, _REPORT, ox.NamedNode(report))
            first = found[0] if found else None
            reports[report] = (
                value_of(first["text"]) if first else "",
                (value_of(first["title"]) or value_of(first["fileName"])) if first else "",
                value_of(first["round"]) if first else "",
            )
        text, title, round_ = reports[report]
        start, end = int(row["start"].value), int(row["end"].value)
        if not 0 <= start <= end <= len(text):
            continue
        left, right = sentence_bounds(text, start, end)
        digest = report_id(report) or ""
        line = text.rfind("\n", 0, start) + 1  # the report page anchors each line
        # An item's span is its heading: the text under the last heading before the mention,
        # among the items that name the act, is where the mention is.
        above = [i for i in cited_in if i.report == report and 0 <= i.start <= start]
        score = row["score"]
        citations.append(
            Citation(
                mention=row["mention"].value,
                report=report,
                report_id=digest,
                report_title=title,
                round=round_,
                start=start,
                end=end,
                before=text[left:start],
                quote=text[start:end],
                after=text[end:right],
                link=f"/ui/reports/{digest}#at-{line}" if digest else report,
                role=value_of(row["role"]),
                method=value_of(row["method"]),
                score=float(score.value) if score is not None else None,
                item=max(above, key=lambda i: i.start) if above else None,
            )
        )
    return cited_in, citations
