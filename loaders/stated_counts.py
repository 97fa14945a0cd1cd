"""Stated counts: a figure that says how many items the text then lists.

- "18 problems in 6 aspects" — once, before the report lists its problems;
- "four categories **as follows**:", "8 provinces (autonomous regions), **namely** Shanxi, …";
- "7 provinces **(**Beijing, …**)**", "the seven teams … Beijing, Tianjin, … **respectively**",
  "four cities **of** Liuzhou, Beihai, …", "3 teams **stationed in** A, B and C";
- "3 outstanding problems**:** the wetlands …, the sewage …, and straw …" — a list after a
  colon, with no figures in it;
- "2 central enterprises**,** China Nonferrous … Co., Ltd. and China National Gold …" —
  names in apposition;
- "two … enterprises" and, in the next sentence, "A and B, both …";
- "4 rectification measures" in the paragraph right before the numbered list "(1) … (4)".

Whether the count matches the list is the audit's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ducha.loaders.lang.en import relations as en
from ducha.loaders.model import FigureRelation, RelationKind, Section, SectionKind
from ducha.loaders.relation_reader import RelationReader

__all__ = ["find_stated_counts"]

_COLON_LIST = re.compile(r"^[^:\d]{0,120}:\s*(?P<list>[^:\d]+)$")
_COMPANY_SUFFIX = re.compile(r"\bCo\.?,\s*Ltd\b\.?")
_LISTED = (SectionKind.ASPECT, SectionKind.PROBLEM)
_WORD_CHAR = re.compile(r"\w")
_NON_WORDS = re.compile(r"\W*")
_SOME_NON_WORDS = re.compile(r"\W+")
_COMMA_BEFORE_CAPITAL = re.compile(r"\s*,\s*(?=[A-Z])")


def find_stated_counts(reader: RelationReader, sections: Sequence[Section] = ()) -> None:
    """Add the ``STATED_COUNT`` relations of ``reader``'s figures.

    ``sections`` is the report's outline: a count of problems is looked for before the
    problems are listed, and a count of measures right before a numbered list.
    """
    figures = reader.figures
    first_section = min((s.extent.start for s in sections if s.kind in _LISTED), default=None)
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
            and en.PROBLEMS_IN_ASPECTS.match(reader.between(i, nxt))
            and (reader.head(nxt) or "").startswith("aspect")
            and (first_section is None or figure.span.start < first_section)
        ):
            seen_problems = True
            reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, i, "problems"))
            reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, nxt, "aspects"))
            continue
        if figure.counts is None or i in reader.part_of:
            continue
        if any(r.source == i for r in reader.relations):
            continue
        if _lists_after(reader, i) or _numbered_list_follows(reader, i, sections):
            reader.relations.append(FigureRelation(RelationKind.STATED_COUNT, i, figure.counts))


def _lists_after(reader: RelationReader, i: int) -> bool:
    """The sentence of figure ``i`` goes on to list what it counts."""
    figure = reader.figures[i]
    sentence = reader.sentences[reader.sentence_of[i]]
    rest = reader.text[figure.span.end : sentence.end]
    # the figures after it in its sentence (in_sentence lists them in order)
    following = [k for k in reader.in_sentence(reader.sentence_of[i]) if k > i]
    upto = reader.figures[following[0]].span.start if following else sentence.end
    # "8 provinces (autonomous regions), namely …": the aside is not the list
    lead = en.SHORT_ASIDE.sub("", reader.text[figure.span.end : upto])
    return bool(
        en.PAREN_LIST.match(rest)
        or (
            en.AS_FOLLOWS.search(lead[:80])
            and "(" not in lead[:80]
            and not _breakdown_next(lead, following)
        )
        or en.NAME_LIST_RESPECTIVELY.search(rest)
        or en.NAME_LIST_OF.match(rest)
        or en.STATIONED_IN.match(rest)
        or _colon_list(rest)
        or _apposition(rest, figure.counts or "")
        or (figure.value == 2 and _both_named_next(reader, i))
    )


def _breakdown_next(lead: str, following: Sequence[int]) -> bool:
    """ "the 42 stations … were classified: 21 were demolished, …" lists parts, not items."""
    return bool(following) and lead.rstrip().endswith(":")


def _colon_list(rest: str) -> bool:
    """ "3 outstanding problems: the wetlands …, the sewage …, and straw …" """
    found = _COLON_LIST.match(rest)
    return bool(found and re.search(r",|\band\b", found["list"]))


def _apposition(rest: str, counts: str) -> bool:
    """ "2 central enterprises, China Nonferrous … Co., Ltd. and China National Gold …" """
    listed = _listed_after_phrase(rest, counts.split())
    if listed is None or re.search(r"\d", listed):
        return False
    items = re.split(r",\s*|\s+and\s+", _COMPANY_SUFFIX.sub("Co Ltd", listed))
    return len(items) >= 2 and all(item[:1].isupper() for item in items)


def _listed_after_phrase(rest: str, words: list[str]) -> str | None:
    """What follows "{words}, " in ``rest`` from its capital on: ``(?P<list>…)`` of
    ``^\\W*{w1}\\W+{w2}…\\s*,\\s*(?P<list>[A-Z].*)$``, matched word by word rather than
    with a pattern compiled per phrase. Each word starts with a letter, so every run of
    non-word characters before one is taken whole, as the pattern would."""
    if not words or not all(_WORD_CHAR.match(word) for word in words):
        pattern = r"\W+".join(re.escape(w) for w in words)
        found = re.match(rf"^\W*{pattern}\s*,\s*(?P<list>[A-Z].*)$", rest, re.S)
        return found["list"] if found else None
    position = 0
    for index, word in enumerate(words):
        gap = (_NON_WORDS if index == 0 else _SOME_NON_WORDS).match(rest, position)
        if gap is None or not rest.startswith(word, gap.end()):
            return None
        position = gap.end() + len(word)
    comma = _COMMA_BEFORE_CAPITAL.match(rest, position)
    return rest[comma.end() :] if comma else None


def _both_named_next(reader: RelationReader, i: int) -> bool:
    """ "two … enterprises" and, in the next sentence, "A and B, both …" names the two."""
    following = reader.sentence_of[i] + 1
    if following >= len(reader.sentences):
        return False
    sentence = reader.sentences[following]
    return bool(en.BOTH.search(reader.text, sentence.start, sentence.end))


def _numbered_list_follows(reader: RelationReader, i: int, sections: Sequence[Section]) -> bool:
    """ "formulated 4 rectification measures …" and the next paragraph starts "(1)", with
    more items of that outline level after it."""
    if (reader.head(i) or "") not in en.LIST_NOUNS:
        return False
    text, figure = reader.text, reader.figures[i]
    end = text.find("\n", figure.span.end)
    if end < 0:
        return False
    later = [k for k in range(i + 1, len(reader.figures)) if reader.figures[k].span.start < end]
    if any(reader.is_count(k) for k in later):
        return False  # not the last count before the list
    starts = [s for s in sections if s.extent.start >= end]
    if not starts:
        return False
    first = min(starts, key=lambda s: s.extent.start)
    if text[end : first.extent.start].strip() or first.ordinal != 1:
        return False  # "(3) …" goes on with an outer list
    siblings = [s for s in sections if s.kind is first.kind and s.parent == first.parent]
    return len(siblings) >= 2
