"""Breakdowns read from the order of a text rather than from partitive words.

- "**Classified by** region, 64 …, 50 …", "**By city**, Jinan has 27, …" — a complete
  breakdown of the last total;
- "46 problems were disclosed …, 43 has been finished, the remaining three …";
- funnels: "**received** 23,681 reports, of which 21,009 were **accepted** …; 19,874 had
  been **handed over** … The localities had **finished** 13,526 cases" — each stage a part
  of the one before;
- "31,457 cases altogether **in the seven provincial regions**" … "the regulators of **the
  province** … 4,583 cases" — one place's share of a total over several;
- "the Sun Moon Island project is 97 hectares, and … on Moon Island, 49.1 hectares";
- parts continued in the next sentences ("… 14 items before …", "the remaining 12 items").

:func:`mark_complete` then decides which breakdowns the text presents as complete and
numbers them. Relations are never chosen by arithmetic: checking the sums is the audit's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ducha.loaders.anchors import scan_text
from ducha.loaders.lang.en import relations as en
from ducha.loaders.model import Span
from ducha.loaders.relation_reader import Breakdown, RelationReader

__all__ = [
    "breakdown_span",
    "classified",
    "continued_parts",
    "funnel",
    "mark_complete",
    "named_subarea",
    "number_groups",
    "place_share",
    "remaining",
]

_MEASURES = frozenset({"hectare", "mu", "squareKilometre", "squareMetre", "kilometre", "metre"})
_FUNNEL_STAGES = (en.RECEIVED, en.ACCEPTED, en.HANDED, en.DONE_WORDS)
_CLAUSE_END = re.compile(r"[,;:.()]|\d")


def classified(reader: RelationReader) -> None:
    """ "Classified by region, 64 concern Hangzhou, 50 Ningbo, …" — a complete breakdown."""
    last_whole: int | None = None
    scan = scan_text(reader.text)
    for sentence_index, sentence in enumerate(reader.sentences):
        inside = [k for k in reader.in_sentence(sentence_index) if reader.is_count(k)]
        classified_here = scan.can_match(
            en.CLASSIFIED_AT, sentence.start, sentence.end
        ) and en.CLASSIFIED.search(reader.text, sentence.start, sentence.end)
        if classified_here or (
            en.BY_DIMENSION.match(reader.text, sentence.start, sentence.end)
        ):
            own = [k for k in inside if en.LEAD_OF.search(reader.before(k, 20))]
            whole = own[0] if own else last_whole
            if whole is not None:
                _classified_breakdown(reader, sentence_index, whole, inside)
                last_whole = whole
                continue
        for k in inside:
            wholes = {b.whole for b in reader.breakdowns}
            if (k in wholes or reader.figures[k].cumulative) and k not in reader.part_of:
                last_whole = k


def _classified_breakdown(
    reader: RelationReader, sentence_index: int, whole: int, inside: Sequence[int]
) -> None:
    parts = [k for k in inside if k > whole or whole not in inside]
    # the list may run on: "As for …, their numbers were 19, 18 and 12 in turn."
    follow = sentence_index + 1
    while follow < len(reader.sentences) and en.CONTINUED.search(
        reader.text, reader.sentences[follow].start, reader.sentences[follow].end
    ):
        parts += [k for k in reader.in_sentence(follow) if reader.is_count(k)]
        follow += 1
    # "64 concern Hangzhou (1 urgent letter among them)": the 1 stays a part of the 64
    parts = [k for k in parts if reader.part_of.get(k) not in parts]
    for k in parts:  # these parts belong to this breakdown, not to an earlier guess
        reader.part_of.pop(k, None)
        for b in reader.breakdowns:
            if k in b.parts:
                b.parts.remove(k)
    breakdown = reader.add_breakdown(whole, parts)
    if breakdown:
        breakdown.complete = True


def remaining(reader: RelationReader) -> None:
    """ "46 problems were disclosed …, 43 has been finished, the remaining three …",
    "received 412 reports …; 398 have been settled" """
    for j in range(len(reader.figures)):
        if not reader.is_count(j) or reader.figures[j].counts is None:
            continue
        if reader.figures[j].status is not None or j in reader.part_of:
            continue
        parts: list[int] = []
        for k in range(j + 1, len(reader.figures)):
            if not reader.joined(j, k) or not reader.is_count(k):
                break
            if reader.figures[k].counts is not None or k in reader.part_of:
                break
            if not parts and reader.figures[k].status is None:
                break
            if not parts and not re.search(r",|;|\band\b", reader.between(j, k)):
                break
            parts.append(k)
        if parts:
            reader.add_breakdown(j, parts)


def _stage(reader: RelationReader, k: int) -> int | None:
    """Which stage of a complaint funnel figure ``k`` counts, by the verb nearest to it."""
    # the words since the figure before it, within its sentence
    start = reader.figures[k].span.start - 80
    if k > 0:
        start = max(start, reader.figures[k - 1].span.end)
    before = reader.before(k, reader.figures[k].span.start - max(start, 0))
    found = [
        (m.end(), stage)
        for stage, pattern in enumerate(_FUNNEL_STAGES)
        for m in pattern.finditer(before)
    ]
    if found:
        return max(found)[1]
    after = reader.after(k, 60)
    stop = _CLAUSE_END.search(after)
    after = after[: stop.start()] if stop else after
    found = [
        (m.start(), stage)
        for stage, pattern in enumerate(_FUNNEL_STAGES)
        for m in pattern.finditer(after)
    ]
    return min(found)[1] if found else None


def funnel(reader: RelationReader) -> None:
    """ "received 19,815 calls …, accepted 16,700 valid reports. … completed 11,457 cases" """
    n = len(reader.figures)
    for i in range(n):
        if not reader.is_count(i) or _stage(reader, i) != 0:
            continue
        last, last_stage = i, 0
        for k in range(i + 1, n):
            if reader.paragraph_of[k] != reader.paragraph_of[i]:
                break
            if reader.sentence_of[k] - reader.sentence_of[last] > 1:
                break
            if not reader.is_count(k):
                continue
            stage = _stage(reader, k)
            head = reader.head(k)
            if stage is None or stage <= last_stage:
                break
            if head is not None and head not in en.FUNNEL_NOUNS and head != reader.head(last):
                break
            if reader.part_of.get(k, last) != last:
                break  # a part of something else: the funnel has ended
            reader.add_breakdown(last, [k])
            last, last_stage = k, stage


def place_share(reader: RelationReader) -> None:
    """ "31,457 cases altogether in the seven provincial regions" … "the regulators of the
    province … deal with 4,583 cases" — one place's share of a total over several places."""
    n = len(reader.figures)
    for j in range(n - 1):
        if not reader.is_count(j) or not reader.figures[j].cumulative or j in reader.part_of:
            continue
        places = j + 1
        if not (
            reader.is_count(places)
            and (reader.head(places) or "") in en.PLACE_NOUNS
            and re.match(r"^[^.;,\d]{0,60}\bin\s+(?:the\s+|all\s+)?$", reader.between(j, places))
        ):
            continue
        for k in range(places + 1, n):
            if reader.paragraph_of[k] - reader.paragraph_of[j] > 2:
                break
            if not reader.is_count(k) or reader.head(k) != reader.head(j):
                continue
            if reader.figures[k].cumulative or k in reader.part_of:
                break  # another total of the same thing: the text has moved on
            if en.SINGLE_PLACE.search(reader.sentence_text(k)):
                reader.add_breakdown(j, [k])
            break


def named_subarea(reader: RelationReader) -> None:
    """ "the Sun Moon Island project is 97 hectares, and … on Moon Island, 49.1 hectares" """
    for j in range(1, len(reader.figures)):
        i = j - 1
        first, second = reader.figures[i], reader.figures[j]
        if first.value is None or second.value is None or j in reader.part_of:
            continue
        if first.unit != second.unit or first.unit not in _MEASURES:
            continue
        if reader.sentence_of[i] != reader.sentence_of[j]:
            continue
        outer = en.PROPER_NAME.findall(reader.before(i, 80))
        inner = en.PROPER_NAME.findall(reader.between(i, j))
        if outer and inner and _named_within(inner[-1], outer[-1]):
            reader.add_breakdown(i, [j])


def _named_within(inner: str, outer: str) -> bool:
    """ "Moon Island" is a place inside "Sun Moon Island": its words end the longer name."""
    a, b = inner.split(), outer.split()
    return len(a) < len(b) and b[-len(a) :] == a


def continued_parts(reader: RelationReader) -> None:
    """Parts of a whole in the next sentences: "among the 46 items …, 9 items have been
    finished. The 9 items … Our province must complete 14 items before … and 27 items …",
    "among the 6920 letters …, 6793 have been answered. Of the 127 letters still remaining",
    "31 items have been accepted …; the remaining 12 items are being rectified"."""
    for b in list(reader.breakdowns):
        whole = b.whole
        head = reader.head(whole)
        if head is None or not b.parts or b.complete:
            continue  # a complete breakdown has all its parts already
        values = {reader.figures[p].value for p in b.parts}
        last = max(reader.sentence_of[p] for p in b.parts)
        found: list[int] = []
        for k in range(max(b.parts) + 1, len(reader.figures)):
            if (
                reader.sentence_of[k] > last + 2
                or reader.paragraph_of[k] != reader.paragraph_of[whole]
            ):
                break
            if reader.sentence_of[k] == last:
                continue  # the sentence of the breakdown is read by the rules above
            if not reader.is_count(k) or reader.head(k) != head or k in reader.part_of:
                continue
            if any(other.whole == k for other in reader.breakdowns) and not en.REMAINING.search(
                reader.after(k, 30)
            ):
                break  # a whole of its own: the text has moved on
            said = reader.sentence_text(k)
            again = en.DEFINITE.search(reader.before(k, 10)) and reader.figures[k].value in values
            closing = bool(en.REMAINING_BEFORE.search(reader.before(k, 20)))
            if (
                again
                or closing
                or en.SCHEDULED.search(said)
                or en.REMAINING.search(reader.after(k, 30))
            ):
                found.append(k)
                b.complete = b.complete or closing
        if found:
            b.parts += [k for k in found if k not in reader.part_of and k != whole]
            for k in found:
                reader.part_of.setdefault(k, whole)


def mark_complete(reader: RelationReader) -> None:
    """Mark the breakdowns the text presents as complete: by status, by level, or closed
    by "the remaining", "others"."""
    for b in reader.breakdowns:
        if b.complete or len(b.parts) < 2:
            continue
        statuses = [reader.figures[p].status for p in b.parts]
        tails = [reader.after(p, 50) for p in b.parts]
        by_status = None not in statuses and len(set(statuses)) >= 2
        by_level = all(en.LEVEL.search(t.split(",")[0]) for t in tails)
        # "the remaining three", "the other cities 24", "47 at section level and below"; not
        # "25 by 2025, and the others are long-term", where the rest has no figure
        own_clause = re.split(r"[,;.]", reader.after(b.parts[-1], 40))[0]
        closing = bool(en.CLOSING.search(reader.before(b.parts[-1], 25) + own_clause))
        b.complete = by_status or by_level or closing


def number_groups(reader: RelationReader) -> None:
    """One group id per complete breakdown, numbered in the order of the text so that the
    same text always gives the same ids."""
    complete = [b for b in reader.breakdowns if b.complete and b.parts]
    complete.sort(key=lambda b: (reader.figures[b.whole].span.start, min(b.parts)))
    for group, b in enumerate(complete, start=1):
        b.group = group


def breakdown_span(reader: RelationReader, b: Breakdown) -> Span:
    """The sentence(s) a breakdown is read from: from the first of its figures to the last."""
    members = [b.whole, *b.parts]
    first = min(members, key=lambda k: reader.figures[k].span.start)
    last = max(members, key=lambda k: reader.figures[k].span.end)
    start, end = reader.figures[first].span.start, reader.figures[last].span.end
    if reader.sentence_of[first] < len(reader.sentences):
        start = min(start, reader.sentences[reader.sentence_of[first]].start)
    if reader.sentence_of[last] < len(reader.sentences):
        end = max(end, reader.sentences[reader.sentence_of[last]].end)
    return Span(start, end)
