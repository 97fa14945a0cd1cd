"""Report text as HTML: paragraphs with highlighted, clickable marks and flagged sentences.

The report's normalised text is the one source; every mark is a half-open character range
``[start, end)`` into it (the ``oa:start``/``oa:end`` of a span). Marks may nest (a figure
inside a problem's title) or cross; the text is cut at every mark boundary, and each piece
carries the classes of all marks over it and links to the innermost (shortest) one, the
thing a reader most likely clicked. Every piece of report text is escaped: a report that
holds ``<script>`` shows it as text.

>>> text = "Of 115 tasks, 83 are done.\\nNext <b>line</b>."
>>> marks = [Mark(3, 6, "figure", "urn:f1", "figure"), Mark(14, 16, "figure", "urn:f2", "figure"),
...          Mark(0, 26, "problem", "urn:p1", "problem")]
>>> paragraphs = annotated_paragraphs(text, marks, [Flag(14, 16, "violation", "finding-1")])
>>> [p.start for p in paragraphs]
[0, 27]
>>> 'data-iri="urn:f2"' in paragraphs[0].html and "flag-violation" in paragraphs[0].html
True
>>> str(paragraphs[1].html)
'Next &lt;b&gt;line&lt;/b&gt;.'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

__all__ = ["Flag", "Mark", "Paragraph", "annotated_paragraphs", "paragraph_of"]


@dataclass(frozen=True)
class Mark:
    """A highlighted range: ``kind`` names its CSS class (``k-<kind>``), ``iri`` the resource a
    click opens, ``label`` the tooltip."""

    start: int
    end: int
    kind: str
    iri: str
    label: str


@dataclass(frozen=True)
class Flag:
    """A range an audit finding is about: ``severity`` is violation, warning or info and
    ``anchor`` the HTML id of the finding's note in the margin."""

    start: int
    end: int
    severity: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    """One line of the text (``[start, end)``, without its line break) as safe HTML."""

    start: int
    end: int
    html: Markup


# When two marks are equally long, the more specific kind is the one a click opens.
_PRIORITY = {"figure": 0, "unreadable": 0}
_SEVERITY_ORDER = ("violation", "warning", "info")


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of ``text`` as ``(start, end)`` ranges."""
    ranges = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            ranges.append((start, end))
        start = end + 1
    return ranges


def _piece(text: str, marks: Sequence[Mark], flags: Sequence[Flag]) -> Markup:
    if not marks and not flags:
        return escape(text)
    classes: list[str] = []
    attributes = Markup("")
    if marks:
        inner = min(marks, key=lambda m: (m.end - m.start, _PRIORITY.get(m.kind, 1)))
        classes.append("mk")
        classes += dict.fromkeys(f"k-{m.kind}" for m in marks)
        title = " · ".join(dict.fromkeys(m.label for m in sorted(marks, key=_length)))
        attributes += Markup(' data-iri="{}" title="{}" tabindex="0" role="button"').format(
            inner.iri, title
        )
    if flags:
        worst = min(flags, key=lambda f: _SEVERITY_ORDER.index(f.severity))
        classes += ["flag", f"flag-{worst.severity}"]
        attributes += Markup(' data-finding="{}"').format(" ".join(f.anchor for f in flags))
    return Markup('<span class="{}"{}>{}</span>').format(" ".join(classes), attributes, text)


def _length(mark: Mark) -> int:
    return mark.end - mark.start


def annotated_paragraphs(
    text: str, marks: Sequence[Mark], flags: Sequence[Flag] = ()
) -> list[Paragraph]:
    """The non-blank lines of ``text``, each as escaped HTML with ``marks`` and ``flags``
    wrapped in ``<span>`` s. Ranges outside the text or empty are ignored; a range that runs
    over a line break is cut at it."""
    every: list[Mark | Flag] = [*marks, *flags]
    ranges = [r for r in every if 0 <= r.start < r.end <= len(text)]
    ranges.sort(key=lambda r: r.start)
    paragraphs = []
    waiting = 0  # ranges[waiting:] start at or after the end of the lines seen so far
    active: list[Mark | Flag] = []  # ranges that began before the current line's end
    for line_start, line_end in _lines(text):
        while waiting < len(ranges) and ranges[waiting].start < line_end:
            active.append(ranges[waiting])
            waiting += 1
        here = active = [r for r in active if r.end > line_start]
        cuts = sorted(
            {line_start, line_end}
            | {min(max(r.start, line_start), line_end) for r in here}
            | {min(max(r.end, line_start), line_end) for r in here}
        )
        html = Markup("")
        for a, b in pairwise(cuts):
            over = [r for r in here if r.start <= a and r.end >= b]
            html += _piece(
                text[a:b],
                [r for r in over if isinstance(r, Mark)],
                [r for r in over if isinstance(r, Flag)],
            )
        paragraphs.append(Paragraph(line_start, line_end, html))
    return paragraphs


def paragraph_of(paragraphs: Sequence[Paragraph], offset: int) -> int:
    """The index of the paragraph holding ``offset`` (or the nearest one before it)."""
    starts = [p.start for p in paragraphs]
    return max(0, bisect_right(starts, offset) - 1)
