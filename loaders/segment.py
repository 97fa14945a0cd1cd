"""Split a report's normalised text into its outline: parts, aspects, problems, measures.

Two kinds of numbering make the outline:

- **Numbered lines** ("1.", "(2)", "First,", "a."), whose level and kind
  :func:`ducha.loaders.outline.numbered_outline` decides from wording, continuity and
  nesting (its docstring tells how).
- **Inline enumerations** ("The first is … The second is …", "First, … Second, …"), found
  by :func:`ducha.loaders.enumerations.inline_items` in the body of each numbered section.
  They become MEASURE sections under the innermost numbered section they sit in (a
  sub-measure when that is a measure). Provincial reports (seed 001) have parts "1." and
  "2." whose "(1) Comprehensively rectify the problem of '...'" items are ASPECTS without
  numbered problems under them; the inline enumerations inside them become their MEASUREs.
  Runs of this kind in text before the first numbered heading are not sections: news
  articles use "First, … Second, …" for arguments, not measures.

Labels: a PROBLEM's or ASPECT's label is its quoted title without the quotes; any other
section's label is its lead sentence without the number and final punctuation (for
"The first is to clarify …" the label starts at "clarify"). The ``heading`` span covers
the label exactly; ``extent`` runs from the number to where the next section of the same
or a higher level starts (for an inline item: the next item, or the end of its paragraph).
The report's closing after the last numbered block belongs to no section.

Sentences (:func:`sentence_spans`) live in :mod:`ducha.loaders.sentences`; they are
importable from here too.
"""

from __future__ import annotations

import logging

from ducha.loaders.enumerations import InlineItem, inline_items
from ducha.loaders.model import Section, SectionKind, Span
from ducha.loaders.outline import OutlineNode, numbered_outline
from ducha.loaders.sentences import sentence_spans

__all__ = ["segment", "sentence_spans"]

_log = logging.getLogger(__name__)


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
    nodes = numbered_outline(text)
    items = inline_items(text, _bodies(nodes))
    return _sections(text, nodes, items)


def _bodies(nodes: list[OutlineNode]) -> list[tuple[int, int]]:
    """Each section's own text: after its heading, up to its end or its first child."""
    bodies = []
    for index, node in enumerate(nodes):
        start = max(node.heading.end, node.marker.body)
        end = node.end
        if index + 1 < len(nodes):
            end = max(start, min(end, nodes[index + 1].marker.start))
        bodies.append((start, end))
    return bodies


def _sections(text: str, nodes: list[OutlineNode], items: list[InlineItem]) -> list[Section]:
    """Numbered and inline sections merged in document order, outer before inner."""
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
        depth = nodes[item.region].depth + 1
        entries.append((item.start, -item.end, depth, f"i{index}", section))
    entries.sort(key=lambda entry: entry[:3])
    position = {entry[3]: k for k, entry in enumerate(entries)}
    sections = []
    for _, _, _, key, section in entries:
        if key.startswith("n"):
            parent = nodes[int(key[1:])].parent
            section.parent = None if parent is None else position[f"n{parent}"]
        else:
            section.parent = position[f"n{items[int(key[1:])].region}"]
        sections.append(section)
    _log.debug("segmented %d sections", len(sections))
    return sections
