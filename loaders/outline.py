"""The numbered outline of a report: numbered lines, their levels, kinds and extents.

Chinese reports number their outline 一、 / （一） / 1. / （1）, and machine translation
prints both 一、 and 1. as "1." and both （一） and （1） as "(1)". The level of a number is
therefore decided from three signals, in this order:

1. **Wording.** A heading that names a fed-back problem in quotes ('Rectification of the
   problem of "..."', 'Comprehensively rectify the problem of "..."') is an ASPECT when it is
   numbered "(n)" and a PROBLEM when it is numbered "n." or "First,". Only the first words
   of a heading count, so a measure that merely mentions a problem stays a measure.
2. **Continuity.** A number continues the open section of the same style numbered one less
   ("(2)" after "(1)"; "Third," continues "2." because "First,"/"1." translate the same
   一、). Problem numbers run on across aspects: "4." after the aspect "(2)" continues
   problem 3 even though problem 3 is already closed.
3. **Nesting.** A "1." or "(1)" that continues nothing opens a level under the deepest
   open section.

The kind then follows from the parent: at the top a section is a PART (or a PROBLEM when
its wording says so); under a PART, problem wording makes an ASPECT ("(n)") or a PROBLEM
("n.") and anything else is a MEASURE of the part (the opening "(1)…(5)" of seed 000 and
the "(1) Strengthen …" items of seed 001's part 1 — they answer no single problem); under
an ASPECT a "n." is a PROBLEM; under a PROBLEM or MEASURE everything is a MEASURE.
A lettered list ("a. … b. …") is a list of PROBLEMs when the sentence introducing it talks
of problems or issues, else of measures.

A number that is printed on its parent's heading line ("... supervisory feedback (1)
Strengthen ...") starts a child when it is a one and precedes the first sentence end.
A heading that runs into the next line is joined by :func:`ducha.loaders.clean.clean_text`.

Headings: a PROBLEM's or ASPECT's heading is its quoted title without the quotes; any other
section's heading is its lead sentence without the number and final punctuation. A section
ends where the next section of the same or a higher level starts. The report's closing
after the last numbered block belongs to no section: a "Next, ..." paragraph, contact lines,
and the signatory and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ducha.loaders.enumerations import enumerators
from ducha.loaders.lang.en.chrome import CONTACT_LABEL, FULL_DATE
from ducha.loaders.lang.en.outline import (
    INLINE_CHILD,
    LINE_MARKERS,
    NEXT_STEPS,
    PROBLEM_HEADING,
    PROBLEM_LIST_INTRO,
    QUOTE_PAIRS,
    MarkerStyle,
    ordinal_of,
)
from ducha.loaders.model import SectionKind, Span
from ducha.loaders.sentences import first_sentence_stop, line_bounds, trimmed_span

__all__ = ["Marker", "OutlineNode", "numbered_outline"]

# "First," and "1." both translate 一、, so they continue each other.
_DECIMAL_FAMILY = frozenset({MarkerStyle.DECIMAL, MarkerStyle.WORD})
_PAREN_STYLES = frozenset({MarkerStyle.PAREN, MarkerStyle.CJK_PAREN})
# How far back a lettered list's introduction may be.
_INTRO_WINDOW = 300
# Deeper numbering than this is taken as continuing the deepest level: real outlines have
# four levels, and unbounded nesting would let a crafted file make segmenting quadratic.
_MAX_DEPTH = 8


@dataclass
class Marker:
    """A number printed at the start of a line (or as a first child on its parent's line)."""

    start: int  # first character of the printed number
    body: int  # first character after the number
    style: MarkerStyle
    ordinal: int
    number: str


@dataclass
class OutlineNode:
    """One numbered section; ``parent`` indexes the outline, ``end`` closes its extent."""

    marker: Marker
    kind: SectionKind
    parent: int | None
    depth: int
    heading: Span
    end: int = 0


def numbered_outline(text: str) -> list[OutlineNode]:
    """The numbered sections of ``text`` in document order, a parent before its children.

    >>> nodes = numbered_outline('1. Problems\\n(1) Rectification of the problem of "weak".')
    >>> [(n.kind.value, n.marker.number, n.parent) for n in nodes]
    [('part', '1.', None), ('aspect', '(1)', 0)]
    """
    nodes: list[OutlineNode] = []
    stack: list[int] = []  # open sections, outermost first
    last_problem: int | None = None
    for marker in _line_markers(text):
        wording = _problem_wording(text, marker.body)
        parent, sibling = _place(nodes, stack, last_problem, marker, wording)
        kind = _kind(text, nodes, parent, sibling, marker, wording)
        depth = 0 if parent is None else nodes[parent].depth + 1
        heading = _heading(text, marker, kind, wording)
        nodes.append(OutlineNode(marker, kind, parent, depth, heading))
        stack.append(len(nodes) - 1)
        if kind is SectionKind.PROBLEM:
            last_problem = len(nodes) - 1
    _set_ends(text, nodes, _closing_start(text, nodes))
    return nodes


# -- numbers -----------------------------------------------------------------------------


def _line_markers(text: str) -> list[Marker]:
    markers: list[Marker] = []
    for line_start, line_end in line_bounds(text):
        marker = _match_marker(text, line_start, line_end)
        if marker is None:
            continue
        markers.append(marker)
        # A first child printed on the heading's own line, before its first sentence end.
        child = _inline_child(text, marker.body, line_end)
        if child is not None:
            printed = child.group("marker")
            style = MarkerStyle.PAREN if printed[0] in "(（" else MarkerStyle.DECIMAL
            markers.append(Marker(child.start("marker"), child.end(), style, 1, printed))
    return markers


def _match_marker(text: str, line_start: int, line_end: int) -> Marker | None:
    for style, pattern in LINE_MARKERS:
        match = pattern.match(text, line_start, line_end)
        if match is None:
            continue
        ordinal = ordinal_of(style, match.group("n"))
        if ordinal < 1:
            return None
        if style is MarkerStyle.WORD and _enumeration_follows(text, match.end(), line_end, ordinal):
            return None  # "First, … The second is …" in one paragraph: an inline run
        number = match.group().strip().rstrip(",，、").strip()
        return Marker(line_start, match.end(), style, ordinal, number)
    return None


def _enumeration_follows(text: str, start: int, stop: int, ordinal: int) -> bool:
    return any(found.ordinal == ordinal + 1 for found in enumerators(text, start, stop))


def _problem_wording(text: str, body: int) -> bool:
    return PROBLEM_HEADING.match(text, body, min(len(text), body + 200)) is not None


# -- levels and kinds --------------------------------------------------------------------


def _place(
    nodes: list[OutlineNode],
    stack: list[int],
    last_problem: int | None,
    marker: Marker,
    wording: bool,
) -> tuple[int | None, int | None]:
    """Pop ``stack`` to where ``marker`` belongs; return ``(parent, continued sibling)``."""
    candidates = [
        i
        for i in reversed(stack)
        if _same_run(nodes[i].marker, marker) and nodes[i].marker.ordinal + 1 == marker.ordinal
    ]
    runs_on = (
        last_problem is not None
        and last_problem not in stack
        and _same_run(nodes[last_problem].marker, marker)
        and nodes[last_problem].marker.ordinal + 1 == marker.ordinal
    )
    wanted = SectionKind.ASPECT if marker.style in _PAREN_STYLES else SectionKind.PROBLEM
    sibling: int | None = None
    if wording and candidates:
        sibling = next((i for i in candidates if nodes[i].kind is wanted), None)
    if sibling is None and last_problem is not None and runs_on and (not candidates or wording):
        # Problem numbers run on across aspects: "4." under aspect (2) continues problem 3,
        # even when a part numbered "3." would also fit ("2." parts are printed like problems).
        del stack[nodes[last_problem].depth :]
        return (stack[-1] if stack else None), last_problem
    if sibling is None and candidates:
        sibling = candidates[0]
    elif sibling is None and marker.ordinal > 1:
        # A gap in the numbering ("(3)" after "(1)"): the nearest lower number of its style.
        sibling = next(
            (
                i
                for i in reversed(stack)
                if _same_run(nodes[i].marker, marker) and nodes[i].marker.ordinal < marker.ordinal
            ),
            None,
        )
    if sibling is None:
        if len(stack) >= _MAX_DEPTH:
            sibling = stack[-1]  # too deep to be an outline: continue the deepest level
        else:
            return (stack[-1] if stack else None), None
    del stack[stack.index(sibling) :]
    return nodes[sibling].parent, sibling


def _same_run(previous: Marker, marker: Marker) -> bool:
    """Whether two numbers are printed alike, so that one can continue the other."""
    return previous.style is marker.style or (
        previous.style in _DECIMAL_FAMILY and marker.style in _DECIMAL_FAMILY
    )


def _kind(
    text: str,
    nodes: list[OutlineNode],
    parent: int | None,
    sibling: int | None,
    marker: Marker,
    wording: bool,
) -> SectionKind:
    parent_kind = None if parent is None else nodes[parent].kind
    if marker.style is MarkerStyle.LETTER:
        if sibling is not None:
            return nodes[sibling].kind
        intro = text[max(0, marker.start - _INTRO_WINDOW) : marker.start]
        if parent_kind in (None, SectionKind.PART) and PROBLEM_LIST_INTRO.search(intro):
            return SectionKind.PROBLEM
        return SectionKind.MEASURE
    if parent_kind in (SectionKind.PROBLEM, SectionKind.MEASURE):
        return SectionKind.MEASURE
    if wording:
        if marker.style in _PAREN_STYLES and parent_kind is not SectionKind.ASPECT:
            return SectionKind.ASPECT
        return SectionKind.PROBLEM
    if parent_kind is None:
        return SectionKind.PART
    if parent_kind is SectionKind.ASPECT and marker.style in _DECIMAL_FAMILY:
        return SectionKind.PROBLEM
    return SectionKind.MEASURE


# -- headings ----------------------------------------------------------------------------


def _heading(text: str, marker: Marker, kind: SectionKind, wording: bool) -> Span:
    line_end = text.find("\n", marker.body)
    line_end = len(text) if line_end < 0 else line_end
    if wording and kind in (SectionKind.PROBLEM, SectionKind.ASPECT):
        quoted = _quoted_title(text, marker.body, line_end)
        if quoted is not None:
            return quoted
    stop = first_sentence_stop(text, marker.body, line_end)
    child = _inline_child(text, marker.body, line_end, stop)
    if child is not None:
        stop = child.start()
    return trimmed_span(text, marker.body, stop)


def _inline_child(
    text: str, body: int, line_end: int, stop: int | None = None
) -> re.Match[str] | None:
    """A first child number on the heading's line, before the heading's first sentence ends
    (at ``stop`` when the caller has found it already).

    The sentence end may be the child's own full stop ("... measures 1. In accordance").
    """
    if stop is None:
        stop = first_sentence_stop(text, body, line_end)
    child: re.Match[str] | None = INLINE_CHILD.search(text, body, min(line_end, stop + 3))
    if child is None or child.start() >= stop:
        return None
    return child


def _quoted_title(text: str, body: int, line_end: int) -> Span | None:
    match = PROBLEM_HEADING.match(text, body, line_end)
    if match is None:
        return None
    if match.group("unquoted"):
        stop = first_sentence_stop(text, match.end(), line_end)
        return trimmed_span(text, match.end(), stop)
    if match.group("quote") is None:
        return None
    opening = match.group("quote")
    start = match.end()
    closing = QUOTE_PAIRS[opening]
    if closing != opening:
        end = _matching_close(text, start, line_end, opening, closing)
    else:
        end = _plain_close(text, start, line_end)
    return Span(start, end) if end is not None else None


def _matching_close(text: str, start: int, stop: int, opening: str, closing: str) -> int | None:
    depth = 1
    for i in range(start, stop):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i
    return None


def _plain_close(text: str, start: int, stop: int) -> int | None:
    """The closing '"' of a title: the first one that ends a clause, else the last one."""
    last = None
    for i in range(start, stop):
        if text[i] != '"':
            continue
        last = i
        following = text[i + 1 : i + 3]
        if not following.strip() or following[0] in ".。;；:：,，)）":
            return i
        if following[0].isspace() and following[1:2].isupper():
            return i
    return last


# -- extents -----------------------------------------------------------------------------


def _set_ends(text: str, nodes: list[OutlineNode], closing: int) -> None:
    """A section ends where the next section of the same or a higher level starts."""
    ends = [closing] * len(nodes)
    open_nodes: list[int] = []
    for index, node in enumerate(nodes):
        while open_nodes and nodes[open_nodes[-1]].depth >= node.depth:
            ends[open_nodes.pop()] = min(closing, node.marker.start)
        open_nodes.append(index)
    for node, end in zip(nodes, ends, strict=True):
        while end > node.marker.start and text[end - 1].isspace():
            end -= 1
        node.end = max(end, node.heading.end)


def _closing_start(text: str, nodes: list[OutlineNode]) -> int:
    """Where the report's closing begins; no section covers it.

    The closing is what follows the last numbered block: an unnumbered paragraph on what
    comes next ("Next, Guizhou Province will ..."), or the contact paragraph, signatory
    and date that end a notice.
    """
    if not nodes:
        return len(text)
    tail = text.find("\n", nodes[-1].heading.end) + 1
    if tail == 0:
        return len(text)
    paragraphs = [
        (tail + start, tail + end)
        for start, end in line_bounds(text[tail:])
        if text[tail + start : tail + end].strip()
    ]
    for start, end in paragraphs:
        if NEXT_STEPS.match(text, start, end):
            return start
    closing = len(text)
    remaining = list(paragraphs)
    if remaining and FULL_DATE.fullmatch(_paragraph(text, remaining[-1]).strip(" .")):
        closing = remaining.pop()[0]
        signatory = _paragraph(text, remaining[-1]) if remaining else ""
        if signatory and signatory[-1] not in ".;:!?。；：！？" and len(signatory.split()) <= 30:
            closing = remaining.pop()[0]
    while remaining and CONTACT_LABEL.search(_paragraph(text, remaining[-1])):
        closing = remaining.pop()[0]
    return closing


def _paragraph(text: str, bounds: tuple[int, int]) -> str:
    return text[bounds[0] : bounds[1]].strip()
