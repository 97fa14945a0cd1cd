"""Split a report's normalised text into its numbered outline and into sentences.

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

Provincial reports (seed 001) have parts "1." and "2." whose "(1) Comprehensively rectify
the problem of '...'" items are ASPECTS without numbered problems under them; the inline
enumerations inside them become their MEASUREs. Inline enumerations ("The first is …
The second is …", "First, … Second, …", "One is … The second is …", mixed freely) need
at least two consecutive items starting from one; they become MEASURE sections under the
innermost numbered section they sit in (a sub-measure when that is a measure). Runs of
this kind in text before the first numbered heading are not sections: news articles use
"First, … Second, …" for arguments, not measures.

A number that is printed on its parent's heading line ("... supervisory feedback (1)
Strengthen ...") starts a child when it is a one and precedes the first sentence end.
A heading that runs into the next line is joined by :func:`ducha.loaders.clean.clean_text`.

Labels: a PROBLEM's or ASPECT's label is its quoted title without the quotes; any other
section's label is its lead sentence without the number and final punctuation (for
"The first is to clarify …" the label starts at "clarify"). The ``heading`` span covers
the label exactly; ``extent`` runs from the number to where the next section of the same
or a higher level starts (for an inline item: the next item, or the end of its paragraph).
The report's closing after the last numbered block belongs to no section: a "Next, ..."
paragraph, contact lines, and the signatory and date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ducha.loaders.lang.en.chrome import CONTACT_LABEL, FULL_DATE
from ducha.loaders.lang.en.outline import (
    INLINE_CHILD,
    INLINE_ENUMERATOR,
    LINE_MARKERS,
    NEXT_STEPS,
    PROBLEM_HEADING,
    PROBLEM_LIST_INTRO,
    QUOTE_PAIRS,
    SENTENCE_ABBREVIATIONS,
    MarkerStyle,
    ordinal_of,
    word_ordinal,
)
from ducha.loaders.model import Section, SectionKind, Span

__all__ = ["segment", "sentence_spans"]

log = logging.getLogger(__name__)

# "First," and "1." both translate 一、, so they continue each other.
_DECIMAL_FAMILY = frozenset({MarkerStyle.DECIMAL, MarkerStyle.WORD})
_PAREN_STYLES = frozenset({MarkerStyle.PAREN, MarkerStyle.CJK_PAREN})
_SENTENCE_END = re.compile(r"[.!?。！？]+[\"”’')）]*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NUMBER_ONLY = re.compile(r"\s*[(（]?\w{1,2}[)）]?\s*$")
_ENUMERATION_CONTEXT = frozenset(".;:。；：!?！？")
_TRAILING_PUNCTUATION = " \t.;:,。；：，、"
# How far back a lettered list's introduction may be.
_INTRO_WINDOW = 300
# Characters looked at around a full stop to decide whether it ends a sentence.
_LOOK_BACK = 40
# Deeper numbering than this is taken as continuing the deepest level: real outlines have
# four levels, and unbounded nesting would let a crafted file make segmenting quadratic.
_MAX_DEPTH = 8


@dataclass
class _Marker:
    start: int  # first character of the printed number
    body: int  # first character after the number
    style: MarkerStyle
    ordinal: int
    number: str


@dataclass
class _Node:
    marker: _Marker
    kind: SectionKind
    parent: int | None
    depth: int
    heading: Span
    end: int = 0


def segment(text: str) -> list[Section]:
    """The numbered outline of a report: parts, aspects, problems and measures.

    Takes the normalised text of :func:`ducha.loaders.clean.clean_text` (any string is
    accepted). Returns sections in document order; ``parent`` indexes the returned list and
    a parent always comes before its children. For every section
    ``text[s.heading.start:s.heading.end] == s.label`` and the heading lies within the
    extent; extents of a parent contain those of its children, and extents of two sections
    are either nested or disjoint.

    >>> sections = segment('2. Problems\\n(1) Rectification of the problem of "weak links".\\n'
    ...                    '1. Rectification of the issue of "slow work".\\nThe first is to act.'
    ...                    ' The second is to check.')
    >>> [(s.kind.value, s.number, s.label) for s in sections]  # doctest: +NORMALIZE_WHITESPACE
    [('part', '2.', 'Problems'), ('aspect', '(1)', 'weak links'), ('problem', '1.', 'slow work'),
     ('measure', 'The first', 'act'), ('measure', 'The second', 'check')]
    """
    nodes = _outline(text)
    items = _inline_items(text, nodes)
    return _sections(text, nodes, items)


def sentence_spans(text: str) -> list[Span]:
    """Sentence boundaries as half-open spans, without surrounding whitespace.

    A line break always ends a sentence; so does ".", "!", "?" or "。" (with any closing
    quotes) before a space and a word that is not in lower case, unless the word before the
    full stop is an abbreviation ("No.", "Co.", "bn.") or an outline number ("1."). Machine
    translation often drops the space ("work.On March 24"): a full stop between a lower-case
    letter and a capitalised word ends a sentence too.

    >>> text = "Work began.On March 24, No. 3 met. Then 1.5 tons."
    >>> [text[s.start:s.end] for s in sentence_spans(text)]
    ['Work began.', 'On March 24, No. 3 met.', 'Then 1.5 tons.']
    """
    spans: list[Span] = []
    for line_start, line_end in _lines(text):
        position = line_start
        for _, stop in _sentence_breaks(text, line_start, line_end):
            _add_stripped(text, position, stop, spans)
            position = stop
        _add_stripped(text, position, line_end, spans)
    return spans


# --- sentences ------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield start, end
        start = end + 1


def _add_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


def _sentence_breaks(
    text: str, line_start: int, line_end: int, scan_from: int | None = None
) -> Iterator[tuple[int, int]]:
    """``(punctuation start, sentence end)`` for each sentence end within one line."""
    start = line_start if scan_from is None else scan_from
    for match in _SENTENCE_END.finditer(text, start, line_end):
        if _ends_sentence(text, match, line_start, line_end):
            yield match.start(), match.end()


def _ends_sentence(text: str, match: re.Match[str], line_start: int, line_end: int) -> bool:
    if match.group()[0] != ".":
        return True
    after = match.end()
    # Only the last word matters; looking further back would make long lines quadratic.
    before = text[max(line_start, match.start() - _LOOK_BACK) : match.start()]
    at_line_start = match.start() - line_start <= _LOOK_BACK
    if _is_abbreviation(before) or (at_line_start and _NUMBER_ONLY.match(before)):
        return False  # "No.", "bn." or an outline number "1." at the start of the line
    if after >= line_end or text[after].isspace():
        rest = text[after : min(line_end, after + _LOOK_BACK)].lstrip()
        return not rest or not rest[0].islower()
    # No space after the stop: only "work.On" (lower case, stop, capitalised word) counts;
    # "1.5", "No.18", "gov.cn" and "U.S." do not.
    return (
        bool(before)
        and before[-1].islower()
        and text[after].isupper()
        and after + 1 < line_end
        and text[after + 1].islower()
    )


def _is_abbreviation(before: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1)
    return token.lower().rstrip(".") in SENTENCE_ABBREVIATIONS or (
        len(token) == 1 and token.isupper()
    )


def _first_sentence_stop(text: str, start: int, stop: int) -> int:
    """Where the first sentence starting at ``start`` ends (before its punctuation)."""
    line_end = text.find("\n", start, stop)
    line_end = stop if line_end < 0 else line_end
    line_start = text.rfind("\n", 0, start) + 1
    for punctuation_start, _ in _sentence_breaks(text, line_start, line_end, start):
        return punctuation_start
    return line_end


# --- numbered outline -------------------------------------------------------------------


def _outline(text: str) -> list[_Node]:
    markers = _line_markers(text)
    nodes: list[_Node] = []
    stack: list[int] = []  # open sections, outermost first
    last_problem: int | None = None
    for marker in markers:
        wording = _problem_wording(text, marker.body)
        parent, sibling = _place(nodes, stack, last_problem, marker, wording)
        kind = _kind(text, nodes, parent, sibling, marker, wording)
        depth = 0 if parent is None else nodes[parent].depth + 1
        nodes.append(_Node(marker, kind, parent, depth, _heading(text, marker, kind, wording)))
        stack.append(len(nodes) - 1)
        if kind is SectionKind.PROBLEM:
            last_problem = len(nodes) - 1
    _set_ends(text, nodes, _closing_start(text, nodes))
    return nodes


def _line_markers(text: str) -> list[_Marker]:
    markers: list[_Marker] = []
    for line_start, line_end in _lines(text):
        marker = _match_marker(text, line_start, line_end)
        if marker is None:
            continue
        markers.append(marker)
        # A first child printed on the heading's own line, before its first sentence end.
        child = _inline_child(text, marker.body, line_end)
        if child is not None:
            printed = child.group("marker")
            style = MarkerStyle.PAREN if printed[0] in "(（" else MarkerStyle.DECIMAL
            markers.append(_Marker(child.start("marker"), child.end(), style, 1, printed))
    return markers


def _match_marker(text: str, line_start: int, line_end: int) -> _Marker | None:
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
        return _Marker(line_start, match.end(), style, ordinal, number)
    return None


def _enumeration_follows(text: str, start: int, stop: int, ordinal: int) -> bool:
    return any(value == ordinal + 1 for _, _, value, _ in _enumerators(text, start, stop))


def _problem_wording(text: str, body: int) -> bool:
    return PROBLEM_HEADING.match(text, body, min(len(text), body + 200)) is not None


def _place(
    nodes: list[_Node],
    stack: list[int],
    last_problem: int | None,
    marker: _Marker,
    wording: bool,
) -> tuple[int | None, int | None]:
    """Pop ``stack`` to where ``marker`` belongs; return ``(parent, continued sibling)``."""
    candidates = [
        i
        for i in reversed(stack)
        if _same_run(nodes[i].marker, marker) and nodes[i].marker.ordinal + 1 == marker.ordinal
    ]
    sibling: int | None = None
    if wording and candidates:
        wanted = SectionKind.ASPECT if marker.style in _PAREN_STYLES else SectionKind.PROBLEM
        sibling = next((i for i in candidates if nodes[i].kind is wanted), candidates[0])
    elif candidates:
        sibling = candidates[0]
    elif (
        last_problem is not None
        and last_problem not in stack
        and _same_run(nodes[last_problem].marker, marker)
        and nodes[last_problem].marker.ordinal + 1 == marker.ordinal
    ):
        # Problem numbers run on across aspects: "4." under aspect (2) continues problem 3.
        del stack[nodes[last_problem].depth :]
        return (stack[-1] if stack else None), last_problem
    elif marker.ordinal > 1:
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


def _same_run(previous: _Marker, marker: _Marker) -> bool:
    """Whether two numbers are printed alike, so that one can continue the other."""
    return previous.style is marker.style or (
        previous.style in _DECIMAL_FAMILY and marker.style in _DECIMAL_FAMILY
    )


def _kind(
    text: str,
    nodes: list[_Node],
    parent: int | None,
    sibling: int | None,
    marker: _Marker,
    wording: bool,
) -> SectionKind:
    if marker.style is MarkerStyle.LETTER:
        if sibling is not None:
            return nodes[sibling].kind
        parent_kind = None if parent is None else nodes[parent].kind
        intro = text[max(0, marker.start - _INTRO_WINDOW) : marker.start]
        if parent_kind in (None, SectionKind.PART) and PROBLEM_LIST_INTRO.search(intro):
            return SectionKind.PROBLEM
        return SectionKind.MEASURE
    parent_kind = None if parent is None else nodes[parent].kind
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


def _heading(text: str, marker: _Marker, kind: SectionKind, wording: bool) -> Span:
    line_end = text.find("\n", marker.body)
    line_end = len(text) if line_end < 0 else line_end
    if wording and kind in (SectionKind.PROBLEM, SectionKind.ASPECT):
        quoted = _quoted_title(text, marker.body, line_end)
        if quoted is not None:
            return quoted
    stop = _first_sentence_stop(text, marker.body, line_end)
    child = _inline_child(text, marker.body, line_end)
    if child is not None:
        stop = child.start()
    return _trimmed(text, marker.body, stop)


def _inline_child(text: str, body: int, line_end: int) -> re.Match[str] | None:
    """A first child number on the heading's line, before the heading's first sentence ends.

    The sentence end may be the child's own full stop ("... measures 1. In accordance").
    """
    stop = _first_sentence_stop(text, body, line_end)
    child: re.Match[str] | None = INLINE_CHILD.search(text, body, min(line_end, stop + 3))
    if child is None or child.start() >= stop:
        return None
    return child


def _quoted_title(text: str, body: int, line_end: int) -> Span | None:
    match = PROBLEM_HEADING.match(text, body, line_end)
    if match is None:
        return None
    if match.group("unquoted"):
        return _trimmed(text, match.end(), _first_sentence_stop(text, match.end(), line_end))
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


def _trimmed(text: str, start: int, stop: int) -> Span:
    while stop > start and text[stop - 1] in _TRAILING_PUNCTUATION + "\n":
        stop -= 1
    while start < stop and text[start].isspace():
        start += 1
    return Span(start, stop)


def _set_ends(text: str, nodes: list[_Node], closing: int) -> None:
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


def _closing_start(text: str, nodes: list[_Node]) -> int:
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
        for start, end in _lines(text[tail:])
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


# --- inline enumerations -------------------------------------------------------------


@dataclass
class _Item:
    start: int
    end: int
    number: str
    ordinal: int
    heading: Span
    parent: int  # index into the outline nodes


def _inline_items(text: str, nodes: list[_Node]) -> list[_Item]:
    items: list[_Item] = []
    for index, node in enumerate(nodes):
        region_start = max(node.heading.end, node.marker.body)
        region_end = node.end
        if index + 1 < len(nodes):
            region_end = max(region_start, min(region_end, nodes[index + 1].marker.start))
        for run in _runs(text, region_start, region_end):
            items.extend(_run_items(text, run, region_end, index))
    return items


def _enumerators(text: str, start: int, stop: int) -> Iterator[tuple[int, int, int, str]]:
    """``(start, label start, ordinal, number as printed)`` at sentence starts."""
    for match in INLINE_ENUMERATOR.finditer(text, start, stop):
        before = text[max(0, match.start() - _LOOK_BACK) : match.start()].rstrip(" \t")
        if before and before[-1] not in _ENUMERATION_CONTEXT and before[-1] != "\n":
            continue
        if match.group("the"):
            number, value = f"The {match.group('the')}", word_ordinal(match.group("the"))
        else:
            word = match.group("card") or match.group("ord")
            number, value = word, word_ordinal(word)
        yield match.start(), match.end(), value, number


def _runs(text: str, start: int, stop: int) -> list[list[tuple[int, int, int, str]]]:
    runs: list[list[tuple[int, int, int, str]]] = []
    current: list[tuple[int, int, int, str]] = []
    for found in _enumerators(text, start, stop):
        if found[2] == 1:
            if len(current) > 1:
                runs.append(current)
            current = [found]
        elif current and found[2] == current[-1][2] + 1:
            current.append(found)
    if len(current) > 1:
        runs.append(current)
    return runs


def _run_items(
    text: str, run: list[tuple[int, int, int, str]], region_end: int, parent: int
) -> list[_Item]:
    items = []
    for k, (start, label_start, ordinal, number) in enumerate(run):
        if k + 1 < len(run):
            end = run[k + 1][0]
        else:
            paragraph_end = text.find("\n", label_start, region_end)
            end = region_end if paragraph_end < 0 else paragraph_end
        while end > start and text[end - 1].isspace():
            end -= 1
        heading = _trimmed(text, label_start, _first_sentence_stop(text, label_start, end))
        items.append(_Item(start, end, number, ordinal, heading, parent))
    return items


# --- assembly --------------------------------------------------------------------------


def _sections(text: str, nodes: list[_Node], items: list[_Item]) -> list[Section]:
    entries: list[tuple[int, int, int, str, Section]] = []
    for index, node in enumerate(nodes):
        section = Section(
            kind=node.kind,
            number=node.marker.number,
            ordinal=node.marker.ordinal,
            label=text[node.heading.start : node.heading.end],
            heading=node.heading,
            extent=Span(node.marker.start, node.end),
        )
        entries.append((node.marker.start, -node.end, node.depth, f"n{index}", section))
    for index, item in enumerate(items):
        section = Section(
            kind=SectionKind.MEASURE,
            number=item.number,
            ordinal=item.ordinal,
            label=text[item.heading.start : item.heading.end],
            heading=item.heading,
            extent=Span(item.start, item.end),
        )
        depth = nodes[item.parent].depth + 1
        entries.append((item.start, -item.end, depth, f"i{index}", section))
    entries.sort(key=lambda entry: entry[:3])
    position = {entry[3]: k for k, entry in enumerate(entries)}
    sections = []
    for _, _, _, key, section in entries:
        if key.startswith("n"):
            parent = nodes[int(key[1:])].parent
            section.parent = None if parent is None else position[f"n{parent}"]
        else:
            section.parent = position[f"n{items[int(key[1:])].parent}"]
        sections.append(section)
    log.debug("segmented %d sections", len(sections))
    return sections
