"""Relations between reported figures: parts and wholes, rates, stated counts, same quantity.

Reports state their arithmetic in a few fixed shapes, and each rule below reads one:

- "83 **of the** 115 tasks have been completed, 19 …, and 13 …" — parts of a whole, and
  the bare counts that follow it in the sentence are more parts;
- "**of the** 9,070 problems …, 8,963 had been rectified" — the whole comes first;
- "1,692 **of whom**", "24 **of which**", "(1 urgent letter **among them**)";
- "A total of 42 … **including** 3 …, 30 … and 9 …", "**among whom** there are …",
  "**Of these**, …", "**Of the total**, …";
- "**Classified by** region, 64 …, 50 …" — a breakdown of the last total;
- "**of which** 522 noise pollution problems …" — parts matched to earlier categories;
- "46 problems were disclosed …, 43 has been finished, the remaining three …";
- rates: "a completion **rate** of 98.7%" over the parts and whole of its sentence, and
  "7.11 km …, **accounting for** 59.5% of … 11.95 km";
- stated counts: "18 problems in 6 aspects", "four categories as follows:",
  "7 provinces (Beijing, …)", "the seven teams … Beijing, Tianjin, … respectively".

Relations are never chosen by arithmetic: checking the sums is the audit's job.
A part belongs to at most one whole. Each breakdown the text presents as complete gets its
own ``group`` id (a whole may have two: by channel and by type), and its part relations
carry the span of the sentence(s) the breakdown is read from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ducha.loaders.lang.en import units as en_units
from ducha.loaders.model import Figure, FigureRelation, RelationKind, Span

__all__ = ["fill_from_relations", "find_relations", "link_quantities"]

# "4 p.m. on September 4th" does not end a sentence
_SENTENCE_END = re.compile(r"(?<!\bNo)(?<![ap]\.m)[.!?;]+(?=\s|$)|(?<=[a-z])\.(?=[A-Z])|\n+")
_X_OF_THE_Y = re.compile(r"^\s*(?:of|out\s+of)\s+(?:the\s+|all\s+(?:the\s+)?)?$", re.I)
_X_OF_THEM = re.compile(
    r"^[^,;()\d]{0,30}?\b(?:of|among)\s+(?:them|these|those|which|whom)\b", re.I
)
_X_OF_THE_NOUN = re.compile(
    r"^\s+of\s+the\s+(?:[a-z-]+\s+){0,3}(?P<head>[a-z-]+)\s*(?:[.,;)]|$)", re.I
)
_LEAD_OF = re.compile(r"\b(?P<lead>of|among)\s+(?:the\s+|all\s+(?:the\s+)?)?$", re.I)
_LIST_MARKER = re.compile(
    r"\b(?:including|among\s+(?:whom|them|which)(?:\s+there\s+(?:are|were|is))?"
    r"|of\s+(?:which|whom))\b",
    re.I,
)
_THESE = re.compile(r"\W*(?:of|among)\s+(?:these|them|the\s+total|this\s+total)\b", re.I)
_CLASSIFIED = re.compile(
    r"\b(?:classified|divided|broken\s+down|sorted|grouped)\s+(?:by|according\s+to|into)\b",
    re.I,
)
_CONTINUED = re.compile(r"^\W*as\s+for\b|\bin\s+turn\b|\brespectively\b", re.I)
_CLOSING = re.compile(r"\b(?:remaining|the\s+rest|other|others|and\s+below|below)\b", re.I)
_LEVEL = re.compile(r"\blevel\b", re.I)
_ACCOUNTING = re.compile(r"\baccount(?:ing|ed|s)?\s+for\s*$", re.I)
_AFTER_RATE_OF = re.compile(r"^\s*of\b", re.I)
_PROBLEMS_IN_ASPECTS = re.compile(r"^\s*(?:problems?|issues?)\s+in\s*$", re.I)
_AS_FOLLOWS = re.compile(r"\b(?:as\s+follows|the\s+following|namely)\b|:\s*$", re.I)
_PAREN_LIST = re.compile(r"^[^()]{0,60}?\(\s*([A-Z][^()]*?,[^()]*)\)")
_NAME_LIST = re.compile(
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:\s*,\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*){1,}"
    r",?\s+and\s+[A-Z][\w'-]*"
)
_NAME_LIST_RESPECTIVELY = re.compile(_NAME_LIST.pattern + r"\s+respectively\b")
# "four cities of Liuzhou, Beihai, Laibin and Chongzuo"
_NAME_LIST_OF = re.compile(r"[a-z -]{0,40}?\b(?:of|namely|:)\s+" + _NAME_LIST.pattern)
_DONE = frozenset({"completed", "completedInStages", "rectified", "closed"})
# "received 19,815 calls … and accepted 16,700 valid reports": a funnel of one batch
_RECEIVED = re.compile(r"\b(?:received|collected|took\s+in)\b", re.I)
_ACCEPTED = re.compile(r"\b(?:accepted|verified|admitted|registered)\b|\bvalid\s*$", re.I)
_DONE_WORDS = re.compile(
    r"\b(?:completed|settled|handled|closed|resolved|rectified|concluded)\b", re.I
)
# "must complete 14 items before the end of September", "Of the 127 letters still remaining"
_SCHEDULED = re.compile(
    r"\b(?:before|by\s+the\s+end\s+of|timetable|schedule|deadline|must|plan(?:ned|s)?\s+to)\b",
    re.I,
)
_REMAINING = re.compile(r"\b(?:remaining|the\s+rest|still)\b", re.I)
_DEFINITE = re.compile(r"\bthe\s+$", re.I)
# "The reclamation area of the Sun Moon Island project is 97 hectares, and … on Moon
# Island, 49.1 hectares": names of places in an area or length statement
_PROPER_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_MEASURES = frozenset({"hectare", "mu", "squareKilometre", "squareMetre", "kilometre", "metre"})
# "Aluminum Corporation of China and China National Building Material Group Co, both …"
_BOTH = re.compile(r"\b[A-Z][\w'-]*(?:\s+[\w'-]+){0,7}\s+and\s+[A-Z][^,;.]{2,80},\s+both\b")
_STATIONED_IN = re.compile(
    r"[a-z ,-]{0,80}?\b(?:stationed|based|located|deployed)\s+in\s+" + _NAME_LIST.pattern
)


@dataclass
class _Breakdown:
    whole: int
    parts: list[int] = field(default_factory=list)
    complete: bool = False
    group: int | None = None


class _Reader:
    """The figures of one text with their sentences, and the breakdowns found so far."""

    def __init__(self, text: str, figures: Sequence[Figure]) -> None:
        self.text = text
        self.figures = figures
        self.sentences = _split(text, _SENTENCE_END)
        self.paragraph_of = [text.count("\n", 0, f.span.start) for f in figures]
        self.sentence_of = [self._sentence_index(f.span.start) for f in figures]
        self.breakdowns: list[_Breakdown] = []
        self.part_of: dict[int, int] = {}
        self.relations: list[FigureRelation] = []

    def _sentence_index(self, offset: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return len(self.sentences)

    def is_count(self, i: int) -> bool:
        return self.figures[i].value is not None and self.figures[i].unit == "count"

    def in_sentence(self, sentence: int) -> list[int]:
        return [i for i, s in enumerate(self.sentence_of) if s == sentence]

    def between(self, i: int, j: int) -> str:
        return self.text[self.figures[i].span.end : self.figures[j].span.start]

    def before(self, i: int, width: int = 40) -> str:
        start = self.figures[i].span.start
        sentence = (
            self.sentences[self.sentence_of[i]]
            if self.sentence_of[i] < len(self.sentences)
            else Span(0, start)
        )
        return self.text[max(sentence.start, start - width) : start]

    def after(self, i: int, width: int = 60) -> str:
        end = self.figures[i].span.end
        return self.text[end : end + width]

    def head(self, i: int) -> str | None:
        return _head(self.figures[i].counts)

    def is_person(self, i: int) -> bool:
        return (self.head(i) or "") in en_units.PERSON_NOUNS

    def kinds_differ(self, part: int, whole: int) -> bool:
        """A part that names its own noun of another kind (cadres among cases)."""
        if self.figures[part].counts is None or self.figures[whole].counts is None:
            return False
        return self.is_person(part) != self.is_person(whole)

    def add_breakdown(self, whole: int, parts: Sequence[int]) -> _Breakdown | None:
        parts = [p for p in parts if p not in self.part_of and p != whole]
        if not parts:
            return None
        breakdown = _Breakdown(whole, list(parts))
        for p in parts:
            self.part_of[p] = whole
        self.breakdowns.append(breakdown)
        return breakdown


def _split(text: str, boundary: re.Pattern[str]) -> list[Span]:
    spans, start = [], 0
    for match in boundary.finditer(text):
        if match.start() > start:
            spans.append(Span(start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def _head(counts: str | None) -> str | None:
    """The head noun of a counted noun phrase: "valid letters and visits" → "visits"."""
    if not counts:
        return None
    return counts.split()[-1]


def _bare(reader: _Reader, k: int, whole: int) -> bool:
    """A count that names nothing of its own, or the same thing as ``whole``."""
    return reader.is_count(k) and (
        reader.figures[k].counts is None or reader.head(k) == reader.head(whole)
    )


def _x_of_the_y(reader: _Reader) -> None:
    """ "83 of the 115 tasks have been completed, 19 …, and 13 …" """
    n = len(reader.figures)
    for i in range(n - 1):
        j = i + 1
        if not (reader.is_count(i) and reader.is_count(j)):
            continue
        if reader.sentence_of[i] != reader.sentence_of[j]:
            continue
        if not _X_OF_THE_Y.match(reader.between(i, j)):
            continue
        parts = [i]
        for k in range(j + 1, n):
            if reader.sentence_of[k] != reader.sentence_of[j] or not _bare(reader, k, j):
                break
            if k + 1 < n and _X_OF_THE_Y.match(reader.between(k, k + 1)):
                break  # "491 of 507 …" starts its own whole
            if reader.figures[k].status is None:
                break
            parts.append(k)
        # "83 of the 115 tasks have been completed": the status read after the whole
        # belongs to the part
        part, whole = reader.figures[i], reader.figures[j]
        if part.status is None and whole.status is not None:
            part.status, whole.status = whole.status, None
        reader.add_breakdown(j, parts)


def _x_of_them(reader: _Reader) -> None:
    """ "1,692 of whom", "24 of which", "(1 urgent letter among them)" """
    for i in range(len(reader.figures)):
        if not reader.is_count(i) or i in reader.part_of:
            continue
        match = _X_OF_THEM.match(reader.after(i))
        if not match:
            continue
        candidates = [
            j for j in reader.in_sentence(reader.sentence_of[i]) if j < i and reader.is_count(j)
        ]
        if "whom" in match.group().lower():
            candidates = [j for j in candidates if reader.is_person(j)] or candidates
        candidates = [j for j in candidates if reader.part_of.get(j) is None]
        if candidates:
            reader.add_breakdown(candidates[-1], [i])


def _x_of_the_noun(reader: _Reader) -> None:
    """ "919 of the reported water bodies", "29 of the letters" — the whole named earlier."""
    for i in range(len(reader.figures)):
        if not reader.is_count(i) or i in reader.part_of:
            continue
        match = _X_OF_THE_NOUN.match(reader.after(i))
        if not match or re.search(r"\d", match.group()):
            continue
        head = match["head"].lower()
        earlier = [
            j
            for j in range(i)
            if reader.is_count(j)
            and reader.head(j) == head
            and j not in reader.part_of
            and reader.paragraph_of[j] == reader.paragraph_of[i]
        ]
        if earlier:
            reader.add_breakdown(earlier[-1], [i])


def _lead_whole(reader: _Reader) -> None:
    """ "of the 9,070 problems …, 8,963 had been rectified" """
    n = len(reader.figures)
    for j in range(n):
        found = _LEAD_OF.search(reader.before(j, 20))
        if not reader.is_count(j) or not found:
            continue
        if reader.figures[j].counts is None:
            continue  # "the rectification of 43 has been finished" is no whole
        lead = found["lead"].lower()
        if j > 0 and _X_OF_THE_Y.match(reader.between(j - 1, j)):
            continue  # already the whole of "X of the Y"
        parts: list[int] = []
        for k in range(j + 1, n):
            if reader.sentence_of[k] != reader.sentence_of[j]:
                break
            figure = reader.figures[k]
            if figure.unit == "percent":
                break  # a rate, read by _rates
            if not parts and "," not in reader.between(j, k):
                break
            if reader.figures[k].counts is not None and not (
                lead.startswith("among") and _bare(reader, k, j)
            ):
                break  # a count of its own ("594 enterprises"), unless "among the 46 items"
            parts.append(k)
        reader.add_breakdown(j, parts)


def _listed_parts(reader: _Reader) -> None:
    """ "a total of 42 …, including 3 …, 30 … and 9 …", "among whom there are …" """
    for sentence_index, sentence in enumerate(reader.sentences):
        inside = reader.in_sentence(sentence_index)
        for marker in _LIST_MARKER.finditer(reader.text, sentence.start, sentence.end):
            after = [
                k
                for k in inside
                if reader.figures[k].span.start > marker.end() and reader.is_count(k)
            ]
            before = [
                k
                for k in inside
                if reader.figures[k].span.end <= marker.start() and reader.is_count(k)
            ]
            if not after:
                continue
            if _category_parts(reader, after):
                continue
            if "whom" in marker.group().lower():
                before = [k for k in before if reader.is_person(k)] or before
            if not before:
                continue
            whole = before[-1]
            if (
                len(before) > 1
                and not reader.figures[whole].cumulative
                and not ("whom" in marker.group().lower() and reader.is_person(whole))
            ):
                continue  # which of several figures the list breaks down is unclear
            parts = [k for k in after if not reader.kinds_differ(k, whole)]
            reader.add_breakdown(whole, parts)


def _category_parts(reader: _Reader, listed: Sequence[int]) -> bool:
    """ "of which 522 noise pollution problems …": parts of the earlier 795 of that name."""
    matched = 0
    for k in listed:
        counts = reader.figures[k].counts
        if not counts or len(counts.split()) < 2:
            continue
        earlier = [
            j
            for j in range(k)
            if reader.figures[j].counts == counts
            and j not in reader.part_of
            and reader.paragraph_of[j] == reader.paragraph_of[k]
            and reader.sentence_of[j] < reader.sentence_of[k]
        ]
        if earlier:
            reader.add_breakdown(earlier[-1], [k])
            matched += 1
    return matched > 0


def _these(reader: _Reader) -> None:
    """ "Of these, 1,232 companies …", "Of the total, 70 …" — a whole in an earlier sentence."""
    for sentence_index, sentence in enumerate(reader.sentences):
        if not _THESE.match(reader.text, sentence.start):
            continue
        earlier = [
            j
            for j in range(len(reader.figures))
            if reader.sentence_of[j] < sentence_index
            and reader.is_count(j)
            and reader.paragraph_of[j] == reader.text.count("\n", 0, sentence.start)
        ]
        if not earlier:
            continue
        whole = earlier[-1]
        totals = [j for j in earlier if reader.figures[j].cumulative]
        if "total" in reader.text[sentence.start : sentence.start + 20].lower() and totals:
            whole = totals[-1]
        parts = [
            k
            for k in reader.in_sentence(sentence_index)
            if reader.is_count(k) and not reader.kinds_differ(k, whole)
        ]
        reader.add_breakdown(whole, parts)


def _classified(reader: _Reader) -> None:
    """ "Classified by region, 64 concern Hangzhou, 50 Ningbo, …" — a complete breakdown."""
    last_whole: int | None = None
    for sentence_index, sentence in enumerate(reader.sentences):
        inside = [k for k in reader.in_sentence(sentence_index) if reader.is_count(k)]
        if _CLASSIFIED.search(reader.text, sentence.start, sentence.end):
            own = [k for k in inside if _LEAD_OF.search(reader.before(k, 20))]
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
    reader: _Reader, sentence_index: int, whole: int, inside: Sequence[int]
) -> None:
    parts = [k for k in inside if k > whole or whole not in inside]
    # the list may run on: "As for …, their numbers were 19, 18 and 12 in turn."
    follow = sentence_index + 1
    while follow < len(reader.sentences) and _CONTINUED.search(
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


def _remaining(reader: _Reader) -> None:
    """ "46 problems were disclosed …, 43 has been finished, the remaining three …" """
    for j in range(len(reader.figures)):
        if not reader.is_count(j) or reader.figures[j].counts is None:
            continue
        if reader.figures[j].status is not None or j in reader.part_of:
            continue
        parts: list[int] = []
        for k in range(j + 1, len(reader.figures)):
            if reader.sentence_of[k] != reader.sentence_of[j] or not reader.is_count(k):
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


def _funnel(reader: _Reader) -> None:
    """ "received 19,815 calls …, accepted 16,700 valid reports. … completed 11,457 cases" """
    for j in range(1, len(reader.figures)):
        i = j - 1
        if not (reader.is_count(i) and reader.is_count(j)) or j in reader.part_of:
            continue
        if reader.sentence_of[i] != reader.sentence_of[j]:
            continue
        if not _RECEIVED.search(reader.before(i, 30)):
            continue
        if not _ACCEPTED.search(reader.between(i, j) + " " + (reader.figures[j].counts or "")):
            continue
        reader.add_breakdown(i, [j])
        # the next sentence of the paragraph may carry the funnel on: "completed … 11,457"
        following = [
            k
            for k in reader.in_sentence(reader.sentence_of[j] + 1)
            if reader.is_count(k) and reader.paragraph_of[k] == reader.paragraph_of[j]
        ]
        if following and _DONE_WORDS.search(reader.before(following[0], 60)):
            reader.add_breakdown(j, following[:1])


def _continued_parts(reader: _Reader) -> None:
    """Parts of a whole in the next sentences: "among the 46 items …, 9 items have been
    finished. The 9 items … Our province must complete 14 items before … and 27 items …",
    "among the 6920 letters …, 6793 have been answered. Of the 127 letters still remaining"."""
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
            if any(other.whole == k for other in reader.breakdowns) and not _REMAINING.search(
                reader.after(k, 30)
            ):
                break  # a whole of its own: the text has moved on
            sentence = reader.sentences[reader.sentence_of[k]]
            said = reader.text[sentence.start : sentence.end]
            again = _DEFINITE.search(reader.before(k, 10)) and reader.figures[k].value in values
            if again or _SCHEDULED.search(said) or _REMAINING.search(reader.after(k, 30)):
                found.append(k)
        if found:
            b.parts += [k for k in found if k not in reader.part_of and k != whole]
            for k in found:
                reader.part_of.setdefault(k, whole)


def _named_subarea(reader: _Reader) -> None:
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
        outer = _PROPER_NAME.findall(reader.before(i, 80))
        inner = _PROPER_NAME.findall(reader.between(i, j))
        if outer and inner and _named_within(inner[-1], outer[-1]):
            reader.add_breakdown(i, [j])


def _named_within(inner: str, outer: str) -> bool:
    """ "Moon Island" is a place inside "Sun Moon Island": its words end the longer name."""
    a, b = inner.split(), outer.split()
    return len(a) < len(b) and b[-len(a) :] == a


def _mark_complete(reader: _Reader) -> None:
    for b in reader.breakdowns:
        if b.complete or len(b.parts) < 2:
            continue
        statuses = [reader.figures[p].status for p in b.parts]
        tails = [reader.after(p, 50) for p in b.parts]
        by_status = None not in statuses and len(set(statuses)) >= 2
        by_level = all(_LEVEL.search(t.split(",")[0]) for t in tails)
        closing = bool(
            _CLOSING.search(reader.before(b.parts[-1], 25) + reader.after(b.parts[-1], 40))
        )
        b.complete = by_status or by_level or closing
    # one group id per complete breakdown, numbered in the order of the text so that the
    # same text always gives the same ids
    complete = [b for b in reader.breakdowns if b.complete and b.parts]
    complete.sort(key=lambda b: (reader.figures[b.whole].span.start, min(b.parts)))
    for group, b in enumerate(complete, start=1):
        b.group = group


def _breakdown_span(reader: _Reader, b: _Breakdown) -> Span:
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


def _rates(reader: _Reader) -> None:
    for r, rate in enumerate(reader.figures):
        if rate.unit != "percent" or rate.value is None:
            continue
        same = reader.in_sentence(reader.sentence_of[r])
        before = [k for k in same if k < r and reader.figures[k].value is not None]
        # "7.11 km …, accounting for 59.5% of the total … 11.95 km"
        if _ACCOUNTING.search(reader.before(r, 30)) and _AFTER_RATE_OF.match(reader.after(r)):
            later = [k for k in same if k > r and reader.figures[k].unit != "percent"]
            if later and before:
                unit = reader.figures[later[0]].unit
                numerators = [k for k in before if reader.figures[k].unit == unit]
                if numerators:
                    reader.relations.append(FigureRelation(RelationKind.RATE_OF, r, numerators[-1]))
                    reader.relations.append(FigureRelation(RelationKind.RATE_OVER, r, later[0]))
            continue
        # "of the 204 violations …, 79 percent had been rectified"
        lead = [k for k in before if reader.is_count(k) and _LEAD_OF.search(reader.before(k, 20))]
        if lead and not [k for k in before if k > lead[-1] and reader.is_count(k)]:
            reader.relations.append(FigureRelation(RelationKind.RATE_OVER, r, lead[-1]))
            continue
        if not en_units.RATE_WORDS.search(reader.before(r, 40)):
            continue
        parts = [k for k in before if k in reader.part_of]
        if parts:
            whole: int | None = reader.part_of[parts[-1]]
            group = [k for k in parts if reader.part_of[k] == whole]
            done = [k for k in group if reader.figures[k].status in _DONE] or (
                group if len(group) == 1 else []
            )
        else:
            done = [k for k in before if reader.is_count(k) and reader.figures[k].status in _DONE]
            whole = _recent_total(reader, done[0]) if done else None
            if whole is None:
                continue  # done counts with no total: nothing to tie the rate to
        for k in done:
            reader.relations.append(FigureRelation(RelationKind.RATE_OF, r, k))
        if whole is not None and done:
            reader.relations.append(FigureRelation(RelationKind.RATE_OVER, r, whole))


def _recent_total(reader: _Reader, first: int) -> int | None:
    """The total a bare set of done counts is a rate of: a "total" one or two sentences back."""
    for j in range(first - 1, -1, -1):
        if reader.sentence_of[first] - reader.sentence_of[j] > 2:
            return None
        if reader.is_count(j) and reader.figures[j].cumulative:
            return j
    return None


def _stated_counts(reader: _Reader, first_section: int | None) -> None:
    figures = reader.figures
    seen_problems = False
    for i, figure in enumerate(figures):
        if not reader.is_count(i):
            continue
        nxt = i + 1 if i + 1 < len(figures) else None
        # "18 problems in 6 aspects", once, before the problems are listed
        if (
            nxt is not None
            and not seen_problems
            and reader.is_count(nxt)
            and _PROBLEMS_IN_ASPECTS.match(reader.between(i, nxt))
            and (reader.head(nxt) or "").startswith("aspect")
            and (first_section is None or figure.span.start < first_section)
        ):
            seen_problems = True
            reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, i, "problems"))
            reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, nxt, "aspects"))
            continue
        if figure.counts is None or i in reader.part_of:
            continue
        sentence = reader.sentences[reader.sentence_of[i]]
        rest = reader.text[figure.span.end : sentence.end]
        listed = (
            _PAREN_LIST.match(rest)
            or (_AS_FOLLOWS.search(rest[:80]) and "(" not in rest[:80])
            or _NAME_LIST_RESPECTIVELY.search(rest)
            or _NAME_LIST_OF.match(rest)
            or _STATIONED_IN.match(rest)
            or (figure.value == 2 and _both_named_next(reader, i))
        )
        if not listed:
            continue
        target = figure.counts
        if any(r.source == i for r in reader.relations):
            continue
        reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, i, target))


def _both_named_next(reader: _Reader, i: int) -> bool:
    """ "two … enterprises" and, in the next sentence, "A and B, both …" names the two."""
    following = reader.sentence_of[i] + 1
    if following >= len(reader.sentences):
        return False
    sentence = reader.sentences[following]
    return bool(_BOTH.search(reader.text, sentence.start, sentence.end))


def find_relations(
    text: str, figures: Sequence[Figure], first_section: int | None = None
) -> list[FigureRelation]:
    """Part-of, rate and stated-count relations between ``figures`` found in ``text``.

    ``figures`` must come from :func:`ducha.loaders.figures.extract_figures` on the same
    text (spans, units, counted nouns and statuses filled). ``first_section`` is the offset
    where the report's list of problems starts, when known: a stated count of problems is
    looked for before it. Relations index into ``figures``; ``STATED_COUNT`` targets the
    name of the counted list.
    """
    reader = _Reader(text, figures)
    _x_of_the_y(reader)
    _x_of_them(reader)
    _x_of_the_noun(reader)
    _these(reader)
    _classified(reader)
    _listed_parts(reader)
    _lead_whole(reader)
    _remaining(reader)
    _funnel(reader)
    _named_subarea(reader)
    _mark_complete(reader)
    _continued_parts(reader)
    for b in reader.breakdowns:
        span = _breakdown_span(reader, b) if b.group is not None else None
        for p in b.parts:
            reader.relations.append(
                FigureRelation(RelationKind.PART_OF, p, b.whole, b.complete, b.group, span)
            )
    _rates(reader)
    _stated_counts(reader, first_section)
    reader.relations.sort(key=lambda r: (r.source, r.kind.value))
    return reader.relations


def fill_from_relations(figures: Sequence[Figure], relations: Sequence[FigureRelation]) -> None:
    """Give a part that names nothing ("19 have been basically completed") its whole's noun."""
    for relation in relations:
        if relation.kind is RelationKind.PART_OF and isinstance(relation.target, int):
            part, whole = figures[relation.source], figures[relation.target]
            if part.counts is None and part.unit == whole.unit:
                part.counts = whole.counts


def link_quantities(
    figures: Sequence[Figure], relations: Sequence[FigureRelation] = (), text: str = ""
) -> None:
    """Give figures that report the same counted thing one ``quantity`` key.

    The key is what is counted: the normalised counted noun, unit, status and as-of date.
    For a specific noun (``en_units.SPECIFIC_COUNTS``: "letters and visits", "petitions"
    ...) that is enough, so two mentions with different numbers share a quantity and the
    audit can flag them. A generic noun ("problems", "rectification measures") names many
    different counts in one report, so its mentions are linked only when their printed
    numbers agree too ("95 problems" … "78 of the 95 problems"). Parts of a whole
    ("70 letters and visits came in by telephone") count a subset and are never linked, and
    a running total in ``text`` ("Up to September 4th, 24 batches with 4697 letters") is
    not the same thing as one batch's count.
    """
    parts = {r.source for r in relations if r.kind is RelationKind.PART_OF}
    sentences = _split(text, _SENTENCE_END)
    groups: dict[str, list[Figure]] = {}
    for index, figure in enumerate(figures):
        noun = _counted_thing(figure.counts)
        if figure.value is None or noun is None or index in parts:
            continue
        specific = noun in en_units.SPECIFIC_COUNTS
        fields = [noun if specific else noun.split()[-1], figure.unit, figure.status or ""]
        fields.append(str(figure.as_of or ""))
        if specific and figure.as_of is None and _running_total(text, sentences, figure):
            fields.append("to date")
        if not specific:
            fields.append(format(figure.value.normalize(), "f"))
        groups.setdefault("|".join(fields), []).append(figure)
    for key, members in groups.items():
        # a generic head with the same number: "1,310 letters" is "1,310 valid letters", but
        # "4 study meetings" is not "4 special work meetings"
        linked = [
            f
            for f in members
            if any(g is not f and _same_phrase(f.counts, g.counts) for g in members)
        ]
        for figure in linked:
            figure.quantity = key


def _same_phrase(a: str | None, b: str | None) -> bool:
    words_a = set((a or "").split()) - en_units.NEUTRAL_MODIFIERS
    words_b = set((b or "").split()) - en_units.NEUTRAL_MODIFIERS
    return words_a <= words_b or words_b <= words_a


def _running_total(text: str, sentences: Sequence[Span], figure: Figure) -> bool:
    start = next((s.start for s in sentences if s.start <= figure.span.start < s.end), 0)
    return bool(en_units.RUNNING_TOTAL.search(text[start : figure.span.start]))


def _counted_thing(counts: str | None) -> str | None:
    """ "valid letters and visits" → "letters and visits": the noun without neutral words."""
    words = [w for w in (counts or "").split() if w not in en_units.NEUTRAL_MODIFIERS]
    return " ".join(words) or None
