"""What the report page shows: the text with every extracted thing marked, and the findings.

:func:`report_page` reads one report from the store: its text; every resource of its graph
derived from a span (problems, measures, aspects and parts, figures, unreadable numbers,
mentions of regulations, places, water bodies, organisations, enterprises and people) as a
:class:`~ducha.service.ui.annotate.Mark` of a kind named for the CSS; and its stored findings,
each placed beside the line of the sentence it is about (its focus node's span, else the span
of ``sh:value`` or of a resource it involves; a finding about the whole report goes above
the text).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox
from ducha.loaders.store import Store
from ducha.service.ui.annotate import Flag, Mark, Paragraph, annotated_paragraphs, paragraph_of
from ducha.shapes.audit import stored_findings
from ducha.shapes.findings import Finding, sentence_around

__all__ = ["KINDS", "MarginNote", "ReportPage", "mark_kind", "report_page"]

_DUCHA = "https://w3id.org/ducha/ontology#"
_ORG = "http://www.w3.org/ns/org#"

# The kinds a reader can tell apart, with the legend's wording, in the legend's order.
KINDS = {
    "problem": "problem",
    "measure": "measure",
    "heading": "part or aspect",
    "figure": "figure",
    "unreadable": "unreadable number",
    "regulation": "regulation",
    "organization": "organisation",
    "enterprise": "enterprise",
    "person": "person",
    "place": "place",
    "water": "water body",
    "entity": "other entity",
}

# A resource's own class → kind (the first that matches wins).
_NODE_KINDS = (
    (_DUCHA + "ReportedFigure", "figure"),
    (_DUCHA + "UnreadableNumber", "unreadable"),
    (_DUCHA + "Problem", "problem"),
    (_DUCHA + "Measure", "measure"),
    (_DUCHA + "Aspect", "heading"),
    (_DUCHA + "Part", "heading"),
)
# A mentioned entity's class, or any superclass in the ontology → kind (most specific first:
# an enterprise is also an organisation).
_ENTITY_KINDS = (
    (_DUCHA + "Regulation", "regulation"),
    (_DUCHA + "Person", "person"),
    (_DUCHA + "Enterprise", "enterprise"),
    (_DUCHA + "WaterBody", "water"),
    (_DUCHA + "Place", "place"),
    (_ORG + "Organization", "organization"),
)

_TEXT = "SELECT ?report ?text WHERE { GRAPH ?report { ?report ducha:text ?text } }"

_SPANS = """
SELECT ?report ?node ?type ?start ?end ?entityType WHERE {
  GRAPH ?report {
    ?node prov:wasDerivedFrom ?span ; a ?type .
    ?span oa:hasSource ?report ; oa:hasSelector ?selector .
    ?selector oa:start ?start ; oa:end ?end .
  }
  OPTIONAL { GRAPH ?report { ?node ducha:mentionOf ?entity } ?entity a ?entityType }
}
"""

# Every class at or under the classes that decide an entity's kind.
_SUBCLASSES = """
SELECT ?class ?super WHERE {
  ?class rdfs:subClassOf* ?super .
  VALUES ?super {
    ducha:Regulation ducha:Person ducha:Enterprise ducha:WaterBody ducha:Place org:Organization
  }
}
"""


@dataclass(frozen=True)
class MarginNote:
    """A finding beside the text: ``anchor`` is its HTML id, ``quote`` the text it is about."""

    finding: Finding
    anchor: str
    quote: str | None

    @property
    def severity(self) -> str:
        return self.finding.severity.value.lower()


@dataclass
class ReportPage:
    """The report's text as paragraphs, each with the findings noted beside it."""

    iri: str
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: dict[int, list[MarginNote]] = field(default_factory=dict)  # by paragraph index
    report_notes: list[MarginNote] = field(default_factory=list)  # about the whole report
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def findings(self) -> int:
        return sum(len(n) for n in self.notes.values()) + len(self.report_notes)


def _solutions(store: Store, sparql: str, report: str | None = None) -> list[ox.QuerySolution]:
    result = store.query(sparql, substitutions={"report": ox.NamedNode(report)} if report else None)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _entity_kinds(store: Store) -> dict[str, str]:
    """Every class that decides a mention's kind → that kind."""
    order = {cls: rank for rank, (cls, _) in enumerate(_ENTITY_KINDS)}
    kind_of = dict(_ENTITY_KINDS)
    best: dict[str, str] = {}
    for row in _solutions(store, _SUBCLASSES):
        cls, sup = row["class"].value, row["super"].value
        if cls not in best or order[sup] < order[best[cls]]:
            best[cls] = sup
    return {cls: kind_of[sup] for cls, sup in best.items()}


def mark_kind(types: set[str], entity_types: set[str], entity_kinds: dict[str, str]) -> str | None:
    """The kind of a resource with these classes (mentioning an entity of ``entity_types``),
    or None for things the page does not mark (lists, quantities, posts, inspections)."""
    for cls, kind in _NODE_KINDS:
        if cls in types:
            return kind
    if _DUCHA + "Mention" in types:
        kinds = {entity_kinds[t] for t in entity_types if t in entity_kinds}
        for _, kind in _ENTITY_KINDS:
            if kind in kinds:
                return kind
        return "entity"
    return None


@dataclass
class _Node:
    """What the report graph says about one resource derived from a span."""

    types: set[str] = field(default_factory=set)
    entity_types: set[str] = field(default_factory=set)
    spans: set[tuple[int, int]] = field(default_factory=set)


def _marks(store: Store, report: str, text: str) -> tuple[list[Mark], dict[str, tuple[int, int]]]:
    """The marks of the report, and the first span of every resource derived from one."""
    entity_kinds = _entity_kinds(store)
    nodes: dict[str, _Node] = {}
    for row in _solutions(store, _SPANS, report):
        node = nodes.setdefault(row["node"].value, _Node())
        node.types.add(row["type"].value)
        node.spans.add((int(row["start"].value), int(row["end"].value)))
        if row["entityType"] is not None:
            node.entity_types.add(row["entityType"].value)
    marks = []
    spans: dict[str, tuple[int, int]] = {}
    for iri, node in nodes.items():
        ordered = sorted(node.spans)
        spans[iri] = ordered[0]
        kind = mark_kind(node.types, node.entity_types, entity_kinds)
        if kind is None:
            continue
        for start, end in ordered:
            if 0 <= start < end <= len(text):
                marks.append(Mark(start, end, kind, iri, _tooltip(kind, iri, text[start:end])))
    return marks, spans


def _tooltip(kind: str, node: str, quote: str) -> str:
    number = node.rsplit("/", 1)[-1]
    if kind in ("problem", "measure"):
        return f"{KINDS[kind]} {number}"
    if kind in ("figure", "unreadable"):
        return f"{KINDS[kind]} {number}: {quote}"
    return KINDS[kind]


def _anchor(finding: Finding) -> str:
    return "finding-" + finding.iri.rsplit("/", 1)[-1]


def _sentence_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The range of the sentence around ``[start, end)``, as the audit quotes it."""
    sentence = sentence_around(text, start, end)
    found = text.find(sentence, max(0, end - len(sentence)))
    if not sentence or found < 0 or found > start:
        return start, end
    return found, found + len(sentence)


def report_page(store: Store, report: str) -> ReportPage:
    """The report's marked text and its findings, read from ``store``."""
    rows = _solutions(store, _TEXT, report)
    text = str(rows[0]["text"].value) if rows else ""
    marks, spans = _marks(store, report, text)
    page = ReportPage(report, text)
    page.counts.update(mark.kind for mark in {(m.iri, m.kind): m for m in marks}.values())
    flags: list[Flag] = []
    placed: list[tuple[int, MarginNote]] = []
    for finding in stored_findings(store, report=report):
        anchor = _anchor(finding)
        candidates = (finding.focus, finding.value, *finding.involves)
        span = next((spans[c] for c in candidates if c and c in spans), None)
        if span is None:
            page.report_notes.append(MarginNote(finding, anchor, finding.sentence))
            continue
        start, end = span
        flags.append(Flag(start, end, finding.severity.value.lower(), anchor))
        sentence_start, sentence_end = _sentence_range(text, start, end)
        quote = finding.sentence or text[sentence_start:sentence_end]
        placed.append((start, MarginNote(finding, anchor, quote)))
    page.paragraphs = annotated_paragraphs(text, marks, flags)
    for start, note in placed:
        page.notes.setdefault(paragraph_of(page.paragraphs, start), []).append(note)
    return page
