"""Part-of rules read from partitive wording: "of the", "of them", "including", a colon.

Each rule reads one shape of sentence and records what it finds on a
:class:`~ducha.loaders.relation_reader.RelationReader`:

- "83 **of the** 115 tasks have been completed, 19 …, and 13 …", "3 **of its** 5 ponds";
- "1,692 **of whom**", "24 **of which**", "9.4 hectares **of them**";
- "21 **of the handed-over cases**" — the whole named by its noun or by the verb that
  introduced it;
- "**of the** 9,070 problems …, 8,963 had been rectified" — the whole comes first;
- "the 42 stations … were classified and rectified**:** 21 …, 16 … and 5 …" — a complete
  breakdown after a colon;
- "A total of 42 … **including** 3 …, 30 … and 9 …", "**among whom** there are …";
- "**of which** 522 noise pollution problems …" — parts matched to earlier categories;
- "**Of these**, …", "**Of the total**, …", "**Of the petitions**, …" — a whole in an
  earlier sentence.

Rules are run in the order of :data:`RULES`; a part keeps the first whole it is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ducha.loaders.lang.en import relations as en
from ducha.loaders.relation_reader import RelationReader

__all__ = ["LATE_RULES", "RULES"]


def _colon_list(reader: RelationReader) -> None:
    """ "the 42 hydropower stations … were classified and rectified: 21 were demolished,
    16 were rectified and kept, and 5 were taken over" — parts that complete their whole."""
    n = len(reader.figures)
    for j in range(n - 1):
        first = j + 1
        if not (reader.is_count(j) and reader.is_count(first)) or j in reader.part_of:
            continue
        lead = reader.between(j, first)
        if reader.sentence_of[j] != reader.sentence_of[first] or not en.COLON_LEAD.match(lead):
            continue
        if not re.search(r"[A-Za-z]", lead) or not reader.is_bare(first, j):
            continue  # "2021: 5" names nothing; "… rectified: 5 enterprises" counts another thing
        parts = [first]
        for k in range(first + 1, n):
            if reader.sentence_of[k] != reader.sentence_of[j] or not reader.is_bare(k, j):
                break
            if not en.COLON_LIST.match(reader.between(k - 1, k)):
                break
            parts.append(k)
        if len(parts) < 2:
            continue  # "… in seven provincial regions: 405 detained" is a headline, not a list
        breakdown = reader.add_breakdown(j, parts)
        if breakdown is not None and len(breakdown.parts) > 1:
            breakdown.complete = True


def _x_of_the_y(reader: RelationReader) -> None:
    """ "83 of the 115 tasks have been completed, 19 …, and 13 …" """
    n = len(reader.figures)
    for i in range(n - 1):
        j = i + 1
        if not (reader.is_count(i) and reader.is_count(j)):
            continue
        if reader.sentence_of[i] != reader.sentence_of[j]:
            continue
        if not en.X_OF_THE_Y.match(reader.between(i, j)):
            continue
        parts = [i]
        for k in range(j + 1, n):
            if reader.sentence_of[k] != reader.sentence_of[j] or not reader.is_bare(k, j):
                break
            if k + 1 < n and en.X_OF_THE_Y.match(reader.between(k, k + 1)):
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


def _x_of_them(reader: RelationReader) -> None:
    """ "1,692 of whom", "24 of which", "(1 urgent letter among them)", "9.4 hectares of
    them" — the whole is the last figure before it in the sentence that counts the same."""
    for i in range(len(reader.figures)):
        figure = reader.figures[i]
        if figure.value is None or figure.unit == "percent" or i in reader.part_of:
            continue
        match = en.X_OF_THEM.match(reader.after(i))
        if not match:
            continue
        candidates = [
            j
            for j in range(i)
            if reader.joined(j, i)
            and reader.figures[j].value is not None
            and reader.figures[j].unit == figure.unit
        ]
        # "the 2,138 residents of 5 villages …; 2,095 of them": not the villages
        candidates = [
            j for j in candidates if not (j > 0 and en.NESTED.match(reader.between(j - 1, j)))
        ] or candidates
        if "whom" in match.group().lower():
            candidates = [j for j in candidates if reader.is_person(j)] or candidates
        candidates = [j for j in candidates if reader.part_of.get(j) is None]
        if candidates:
            reader.add_breakdown(candidates[-1], [i])


def _x_of_the_noun(reader: RelationReader) -> None:
    """ "919 of the reported water bodies", "21 of the handed-over cases" — the whole
    counted earlier under that noun, or introduced by that verb."""
    for i in range(len(reader.figures)):
        if not reader.is_count(i) or i in reader.part_of:
            continue
        match = en.X_OF_THE_NOUN.match(reader.after(i))
        if not match or re.search(r"\d", match.group()):
            named = en.X_OF_THE_PARTICIPLE.match(reader.after(i))
            referent = reader.participle_referent(named["mods"], i) if named else None
            if referent is not None:
                reader.add_breakdown(referent, [i])
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
            continue
        referent = reader.participle_referent(match["mods"], i)
        if referent is not None:
            reader.add_breakdown(referent, [i])


def _lead_whole(reader: RelationReader) -> None:
    """ "of the 9,070 problems …, 8,963 had been rectified" """
    n = len(reader.figures)
    for j in range(n):
        found = en.LEAD_OF.search(reader.before(j, 20))
        if not reader.is_count(j) or not found:
            continue
        if reader.figures[j].counts is None:
            continue  # "the rectification of 43 has been finished" is no whole
        # "of the 43 items" names a definite whole; "a total of 4,691 units" does not
        definite = found["lead"].lower() == "among" or "the" in found.group().lower()
        if j > 0 and en.X_OF_THE_Y.match(reader.between(j - 1, j)):
            continue  # already the whole of "X of the Y"
        parts: list[int] = []
        for k in range(j + 1, n):
            if reader.sentence_of[k] != reader.sentence_of[j]:
                break
            if reader.figures[k].unit == "percent":
                break  # a rate, read by the rate rules
            if not parts and "," not in reader.between(j, k):
                break
            if reader.figures[k].counts is not None and not (definite and reader.is_bare(k, j)):
                break  # a count of its own ("594 enterprises"), unless "of the 43 items, 31 items"
            parts.append(k)
        reader.add_breakdown(j, parts)


def _listed_parts(reader: RelationReader) -> None:
    """ "a total of 42 …, including 3 …, 30 … and 9 …", "among whom there are …" """
    for sentence_index, sentence in enumerate(reader.sentences):
        inside = reader.in_sentence(sentence_index)
        if not inside:
            continue  # no figure after a marker: most sentences, not searched for one
        for marker in en.LIST_MARKER.finditer(reader.text, sentence.start, sentence.end):
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


def _category_parts(reader: RelationReader, listed: Sequence[int]) -> bool:
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


def _these(reader: RelationReader) -> None:
    """ "Of these, 1,232 companies …", "Of the total, 70 …", "Of the petitions, 37 …" —
    a whole in an earlier sentence."""
    for sentence_index in range(len(reader.sentences)):
        whole = _these_whole(reader, sentence_index)
        if whole is None:
            continue
        parts = [
            k
            for k in reader.in_sentence(sentence_index)
            if reader.is_count(k) and not reader.kinds_differ(k, whole)
        ]
        reader.add_breakdown(whole, parts)


def _these_whole(reader: RelationReader, sentence_index: int) -> int | None:
    sentence = reader.sentences[sentence_index]
    these = en.THESE.match(reader.text, sentence.start)
    named = None if these else en.THE_NOUN_LEAD.match(reader.text, sentence.start)
    if these is None and named is None:
        return None
    earlier = [
        j
        for j in range(len(reader.figures))
        if reader.sentence_of[j] < sentence_index and reader.is_count(j)
    ]
    if these:
        paragraph = reader.text.count("\n", 0, sentence.start)
        earlier = [j for j in earlier if reader.paragraph_of[j] == paragraph]
        if not earlier:
            return None
        totals = [j for j in earlier if reader.figures[j].cumulative]
        if "total" in reader.text[sentence.start : sentence.start + 20].lower() and totals:
            return totals[-1]
        return earlier[-1]
    # "Of the petitions, …": the last whole counted under that noun, in any paragraph
    assert named is not None
    head = named["noun"].split()[-1].lower()
    wholes = [j for j in earlier if reader.head(j) == head and j not in reader.part_of]
    return wholes[-1] if wholes else None


_Rule = Callable[[RelationReader], None]

# The part-of rules read from partitive wording, in the order they run.
RULES: tuple[_Rule, ...] = (
    _colon_list,
    _x_of_the_y,
    _x_of_them,
    _x_of_the_noun,
    _these,
)
# run after the classified breakdowns (ducha.loaders.breakdowns), which may take the parts
LATE_RULES: tuple[_Rule, ...] = (_listed_parts, _lead_whole)
