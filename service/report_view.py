"""What the service shows of a report: its summary, metadata, highlighted text and findings.

The report page and the report JSON are built from one :class:`ReportView`. The text is cut
into :class:`Segment` s, plain or highlighted (a figure, an unreadable number or a mention,
each linking to its resource page; a figure an audit finding is about carries the finding's
message), so a template can print it with escaping and never treats report text as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from ducha.loaders.errors import NotFound
from ducha.loaders.store import Store
from ducha.service.links import compact, report_id
from ducha.shapes.audit import stored_findings
from ducha.shapes.findings import Finding

__all__ = [
    "ReportSummary",
    "ReportView",
    "Segment",
    "find_report",
    "report_summaries",
    "report_view",
    "segments",
]

_DUCHA = "https://w3id.org/ducha/ontology#"
_DIGEST = re.compile(r"[0-9a-f]{16}")

_FINDING_COUNTS = """
SELECT ?report (COUNT(DISTINCT ?finding) AS ?findings) WHERE {
  GRAPH ?graph { ?finding a sh:ValidationResult ; ducha:inReport ?report }
} GROUP BY ?report
"""

_METADATA = """
SELECT ?report ?p ?o WHERE { GRAPH ?report { ?report ?p ?o } FILTER(?p != ducha:text) }
"""

_TEXT = "SELECT ?report ?text WHERE { GRAPH ?report { ?report ducha:text ?text } }"

_SPANS = """
SELECT ?report ?node ?type ?start ?end ?entity WHERE {
  GRAPH ?report {
    ?node ducha:inReport ?report ; a ?type ; prov:wasDerivedFrom/oa:hasSelector ?selector .
    ?selector oa:start ?start ; oa:end ?end .
    OPTIONAL { ?node ducha:mentionOf ?entity }
  }
  VALUES ?type { ducha:ReportedFigure ducha:UnreadableNumber ducha:Mention }
}
"""

_COUNTS = """
SELECT ?report ?type (COUNT(DISTINCT ?node) AS ?n) WHERE {
  GRAPH ?report { ?node ducha:inReport ?report ; a ?type }
} GROUP BY ?report ?type
"""


@dataclass(frozen=True)
class ReportSummary:
    """One report as listed."""

    id: str
    iri: str
    title: str | None
    file_name: str | None
    problems: int
    figures: int
    findings: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iri": self.iri,
            "title": self.title,
            "fileName": self.file_name,
            "problems": self.problems,
            "figures": self.figures,
            "findings": self.findings,
        }


@dataclass(frozen=True)
class Segment:
    """A run of the report's text; ``kind`` is None for plain text."""

    text: str
    start: int
    kind: str | None = None  # figure, unreadable, mention
    node: str | None = None  # the resource it links to
    finding: str | None = None  # the message of a finding about it


@dataclass
class ReportView:
    """Everything the report page and report JSON show."""

    summary: ReportSummary
    text: str
    metadata: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "metadata": [{"property": p, "value": v} for p, v in self.metadata],
            "counts": self.counts,
            "findings": [f.as_dict() for f in self.findings],
            "text": self.text,
        }


def _rows(store: Store, sparql: str, report: str | None = None) -> list[ox.QuerySolution]:
    result = store.query(sparql, substitutions={"report": ox.NamedNode(report)} if report else None)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def report_summaries(store: Store) -> list[ReportSummary]:
    """Every loaded report with its counts of problems, figures and findings."""
    findings = {
        row["report"].value: int(row["findings"].value) for row in _rows(store, _FINDING_COUNTS)
    }
    return [
        ReportSummary(
            id=report_id(s.iri) or s.iri,
            iri=s.iri,
            title=s.title,
            file_name=s.file_name,
            problems=s.problems,
            figures=s.figures,
            findings=findings.get(s.iri, 0),
        )
        for s in store.reports()
    ]


def find_report(store: Store, id_or_iri: str) -> ReportSummary:
    """The report with this digest (16 hex digits) or IRI; ``NotFound`` otherwise."""
    wanted = id_or_iri.strip()
    if not (_DIGEST.fullmatch(wanted) or wanted.startswith(("http://", "https://"))):
        raise NotFound(
            f"{id_or_iri[:80]!r} is not a report id: ids are the 16 hex digits at the end "
            "of a report's IRI (GET /reports lists them)"
        )
    for summary in report_summaries(store):
        if wanted in (summary.id, summary.iri):
            return summary
    raise NotFound(f"no report {id_or_iri!r} is loaded (GET /reports lists them)")


def segments(text: str, marks: list[Segment]) -> list[Segment]:
    """Cut ``text`` into plain runs and the given marks (overlaps: the earlier one wins)."""
    cut: list[Segment] = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, -len(m.text))):
        if mark.start < position:
            continue
        if mark.start > position:
            cut.append(Segment(text[position : mark.start], position))
        cut.append(mark)
        position = mark.start + len(mark.text)
    if position < len(text):
        cut.append(Segment(text[position:], position))
    return cut


def report_view(store: Store, summary: ReportSummary) -> ReportView:
    """The report's metadata, counts, highlighted text and stored findings."""
    iri = summary.iri
    texts = _rows(store, _TEXT, iri)
    text = str(texts[0]["text"].value) if texts else ""
    metadata = sorted(
        (compact(row["p"].value), row["o"].value)
        for row in _rows(store, _METADATA, iri)
        if row["p"] is not None and row["o"] is not None
    )
    counts = {
        compact(row["type"].value).removeprefix("ducha:"): int(row["n"].value)
        for row in _rows(store, _COUNTS, iri)
        if row["type"].value.startswith(_DUCHA)
    }
    findings = stored_findings(store, report=iri)
    about: dict[str, str] = {}
    for finding in findings:
        for node in (finding.focus, *finding.involves):
            about.setdefault(node, finding.message)
    kinds = {"ReportedFigure": "figure", "UnreadableNumber": "unreadable", "Mention": "mention"}
    marks = []
    for row in _rows(store, _SPANS, iri):
        start, end = int(row["start"].value), int(row["end"].value)
        node = row["node"].value
        target = row["entity"].value if row["entity"] is not None else node
        kind = kinds[row["type"].value.removeprefix(_DUCHA)]
        if 0 <= start < end <= len(text):
            marks.append(Segment(text[start:end], start, kind, target, about.get(node)))
    return ReportView(summary, text, metadata, counts, segments(text, marks), findings)
