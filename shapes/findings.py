"""Audit findings: the :class:`Finding` record, its stable IRI and its RDF form.

A finding is data, not an error: an ``sh:ValidationResult`` in the report's findings graph
``dr:report/{d}/findings`` with ``sh:focusNode``, ``sh:resultMessage``, ``sh:resultSeverity``,
``sh:sourceShape``, ``sh:sourceConstraintComponent`` and ducha's own ``ducha:check`` (short
id), ``ducha:expected`` / ``ducha:reported`` (xsd:decimal when numeric), ``ducha:involves``
and ``ducha:inReport`` (docs/data-model.md, "Findings graph").

Its IRI is ``{report}/finding/{hash}`` with the hash taken over check, focus node and
``sh:value``, so validating the same report again mints the same IRIs.

>>> finding_iri("https://w3id.org/ducha/id/report/abc", "stated-count",
...             "https://w3id.org/ducha/id/report/abc/figure/3")
'https://w3id.org/ducha/id/report/abc/finding/0c4f8a3df62d0c26'
>>> sentence_around("First point. Up to now, 83 of the 115 tasks are done. Next.", 23, 25)
'Up to now, 83 of the 115 tasks are done.'
>>> Severity.parse("warning") is Severity.WARNING
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ducha.loaders import iri
from ducha.loaders.errors import InputError
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

__all__ = [
    "DSH",
    "DUCHA",
    "SH",
    "Finding",
    "Severity",
    "add_finding",
    "finding_iri",
    "findings_graph",
    "sentence_around",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
DUCHA = Namespace(iri.ONTOLOGY_NS)
# The shapes' own namespace: shape IRIs and the dsh:check annotation on each constraint.
DSH = Namespace("https://w3id.org/ducha/shapes#")


class Severity(StrEnum):
    """SHACL's three severities, in the order a ``--fail-on`` threshold compares them."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        return SH[self.value]

    @property
    def rank(self) -> int:
        """3 for a violation, 2 for a warning, 1 for info."""
        return {"Violation": 3, "Warning": 2, "Info": 1}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``violation``, ``Warning``, ``sh:Info`` or the full SHACL IRI; ``InputError`` else."""
        name = text.rsplit("#", 1)[-1].removeprefix("sh:").strip().lower()
        for severity in cls:
            if severity.value.lower() == name:
                return severity
        raise InputError(f"unknown severity {text!r}: use violation, warning or info")


@dataclass(frozen=True)
class Finding:
    """One audit finding, as stored and as shown.

    ``expected`` is what the other stated figures imply (a sum, a count, a computed rate),
    ``reported`` what the focus states; both are ``Decimal`` when numeric. ``quote`` is the
    focus's own span and ``sentence`` the sentence around it (or around ``value`` when the
    focus is the report itself).
    """

    iri: str
    report: str
    severity: Severity
    check: str
    message: str
    focus: str
    source_shape: str | None = None
    component: str | None = None
    value: str | None = None
    expected: Decimal | str | None = None
    reported: Decimal | str | None = None
    involves: tuple[str, ...] = ()
    quote: str | None = None
    sentence: str | None = None

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Findings sort by report, then the most severe first, then check and focus."""
        return (self.report, -self.severity.rank, self.check, self.focus, self.iri)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as strings keep their printed digits)."""
        return {
            "iri": self.iri,
            "report": self.report,
            "severity": self.severity.value,
            "check": self.check,
            "message": self.message,
            "focus": self.focus,
            "value": self.value,
            "expected": None if self.expected is None else str(self.expected),
            "reported": None if self.reported is None else str(self.reported),
            "involves": list(self.involves),
            "quote": self.quote,
            "sentence": self.sentence,
            "sourceShape": self.source_shape,
        }


def finding_iri(report: str, check: str, focus: str, value: str | None = None) -> str:
    """The stable IRI of a finding: the same check on the same nodes gives the same IRI."""
    key = "\x1f".join((check, focus, value or ""))
    return f"{report}/finding/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def _number_literal(value: Decimal | str) -> Literal:
    if isinstance(value, Decimal):
        return Literal(format(value, "f"), datatype=XSD.decimal)
    return Literal(value)


def add_finding(graph: Graph, finding: Finding, value: Node | None = None) -> None:
    """Add ``finding`` as an ``sh:ValidationResult``; ``value`` is its ``sh:value`` term
    (a literal for a Core constraint, an IRI otherwise; rebuilt from ``finding.value``
    as an IRI when not given)."""
    node = URIRef(finding.iri)
    graph.add((node, RDF.type, SH.ValidationResult))
    graph.add((node, SH.focusNode, URIRef(finding.focus)))
    graph.add((node, SH.resultMessage, Literal(finding.message)))
    graph.add((node, SH.resultSeverity, finding.severity.iri))
    if finding.source_shape:
        graph.add((node, SH.sourceShape, URIRef(finding.source_shape)))
    if finding.component:
        graph.add((node, SH.sourceConstraintComponent, URIRef(finding.component)))
    if value is None and finding.value is not None:
        value = URIRef(finding.value)
    if value is not None:
        graph.add((node, SH.value, value))
    graph.add((node, DUCHA.check, Literal(finding.check)))
    graph.add((node, DUCHA.inReport, URIRef(finding.report)))
    if finding.expected is not None:
        graph.add((node, DUCHA.expected, _number_literal(finding.expected)))
    if finding.reported is not None:
        graph.add((node, DUCHA.reported, _number_literal(finding.reported)))
    for involved in finding.involves:
        graph.add((node, DUCHA.involves, URIRef(involved)))


def findings_graph(findings: Iterable[Finding]) -> Graph:
    """The findings as one RDF graph (``sh:value`` rebuilt as IRIs)."""
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("ducha", DUCHA)
    for finding in findings:
        add_finding(graph, finding)
    return graph


# A sentence ends at ". ", ";", "!", "?" (or their Chinese forms) or a line break; a decimal
# point ("98.7%") is not followed by a space and does not end one.
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|[。；！？]|\n")
_LONGEST = 600


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span ``[start, end)``, trimmed to a readable
    length around the span."""
    # The sentence's start, looked for only as far back as a sentence is shown uncut: a
    # sentence that starts further back is cut there anyway (below). Scanning from the
    # text's start made quoting every finding of a long report quadratic.
    begin = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - _LONGEST // 2 - 1), start):
        begin = match.end()
    found = _SENTENCE_END.search(text, max(end, begin))
    stop = found.end() if found else len(text)
    if found and found.group() == "\n":
        stop = found.start()
    head, tail = "", ""
    if start - begin > _LONGEST // 2:  # cut a long sentence at a word, and say so
        begin = text.find(" ", start - _LONGEST // 2, start) + 1 or start - _LONGEST // 2
        head = "… "
    if stop - end > _LONGEST // 2:
        stop = (
            text.rfind(" ", end, end + _LONGEST // 2)
            if " " in text[end : end + _LONGEST // 2]
            else end + _LONGEST // 2
        )
        tail = " …"
    return head + text[begin:stop].strip() + tail
