"""Laws, regulations, plans, notices and other named documents a report cites or issues.

Three ways a report names a document:

* a quoted title whose head noun is a document word ("Notice on Clarifying ...", with
  nested quotes kept, and a title whose closing quote MT lost recovered up to its head noun);
  a quoted slogan ("two high", "road map") has no document head and is not a document;
* an unquoted Title-Case title with a document head ("Three-year Action Plan for Urban
  Domestic Sewage Treatment in Guizhou Province (2022-2024)", "the Water Law");
* a lower-case title right after an issuing verb ("promulgated ... the regulations on the
  ecological restoration of Fenhe River Basin").

Each document is one entity keyed by its normalised title (lower-case, quotes, "of the
People's Republic of China" and a law's leading year dropped), with ``document_type``,
``year``, ``place``, ``issuer`` (an organisation key) and ``implements`` (the key of the
higher document) attributes when the text gives them. A mention's ``role`` is ``"issues"``
when the text says the document was formulated, issued, printed or revised, and
``"violates"`` when it says something breaches it.

>>> found = extract_regulations('Formulate and issue the "Notice on Clarifying the Matters", '
...     'and build a "road map". Projects in violation of the Water Law were closed.')
>>> [(e.name, e.attributes["document_type"]) for e in found.entities]
[('Notice on Clarifying the Matters', 'notice'), ('Water Law', 'law')]
>>> [m.role for m in found.mentions]
['issues', 'violates']
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ducha.loaders.bodynames import slug
from ducha.loaders.lang.en import bodies
from ducha.loaders.lang.en import titles as en
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span
from ducha.loaders.organizations import extract_organizations, home_province
from ducha.loaders.quotes import quoted_spans

__all__ = ["extract_regulations", "normalise_title"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\([^()\n]{1,40}\)|[A-Za-z0-9][A-Za-z0-9'\-]*")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LEADING_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s+(?=[A-Z])")
_PRC = re.compile(r"\s+of\s+the\s+People'?s\s+Republic\s+of\s+China\b", re.IGNORECASE)
_HEAD_WORDS = sorted(en.DOCUMENT_HEADS, key=lambda h: -len(h.split()))
_PASSIVE = re.compile(
    r"^\W*(?:and\W*)*(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
    r"(?:\w+\s+){0,3}?(?:issued|formulated|promulgated|printed|revised|released|compiled|"
    r"introduced)\b",
    re.IGNORECASE,
)
_SUBJECT_GAP = re.compile(r"^\s*(?:has|have|had)?\s*(?:\w+ly\s+)?$")
_LOWER_PIECE = re.compile(r",\s*|\s+and\s+(?=the\s)|\s+among\s+|\s+so as\s+|\s+to\s+(?=\w+\s)")


@dataclass
class _Title:
    span: Span  # the title's own words (quotes of a quoted title excluded)
    name: str
    head: str
    quoted: bool


def normalise_title(title: str) -> str:
    """The form a title is keyed by: lower-case, no quotes, no "of the People's Republic of
    China", no trailing punctuation.

    >>> normalise_title('Environmental Protection Law of the People\\'s Republic of China.')
    'environmental protection law'
    """
    text = _PRC.sub("", title)
    text = re.sub(r"[\"“”‘’]", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return text.lower()


def extract_regulations(text: str, organizations: Extraction | None = None) -> Extraction:
    """Every named document in ``text``, one entity per title, a mention per naming.

    ``organizations`` (from :func:`~ducha.loaders.organizations.extract_organizations` on
    the same text) supplies issuers; it is computed when not given.
    """
    organizations = organizations or extract_organizations(text)
    home = home_province(text)
    found = _quoted_titles(text)
    found += _lowercase_titles(text, [t.span for t in found])
    found += _unquoted_titles(text, [t.span for t in found])
    found.sort(key=lambda t: t.span.start)
    spans = [t.span for t in found]
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for title in found:
        for entity, span in _documents(title, home):
            known = entities.setdefault(entity.key, entity)
            if known is not entity:
                known.aliases |= {entity.name} - {known.name}
                for key, value in entity.attributes.items():
                    known.attributes.setdefault(key, value)
            role = _role(text, title.span, spans) if span == title.span else None
            if role == "issues":
                issuer = _issuer(text, title, organizations)
                if issuer is not None:
                    known.attributes.setdefault("issuer", issuer)
            mentions.append(Mention(known.key, EntityKind.REGULATION, span, role))
    return Extraction(entities=list(entities.values()), mentions=mentions)


def _quoted_titles(text: str) -> list[_Title]:
    titles: list[_Title] = []
    for start, end in quoted_spans(text, _recover_end):
        start, end = _continued(text, start, end)
        name = _clean(text[start:end])
        head = _head(name)
        if head is not None and (name[0].isupper() or name[0].isdigit() or name[0] == '"'):
            titles.append(_Title(Span(start, start + len(name)), name, head, quoted=True))
    return titles


def _recover_end(text: str, start: int, limit: int) -> int | None:
    """The end of a quoted title whose closing quote is missing: its first document head
    followed by punctuation ("... Management Measures, regularly dispatched ...")."""
    heads = "|".join(re.escape(h.title()) for h in _HEAD_WORDS)
    match = re.compile(rf"\b(?:{heads})\b(?=[,;.])").search(text, start, min(limit, start + 300))
    return match.end() if match else None


def _continued(text: str, start: int, end: int) -> tuple[int, int]:
    """'"Triple and One Major" Decision-making System': a quote followed by the rest of
    the title's words up to a document head; the title then starts at the opening quote."""
    heads = "|".join(re.escape(h.title()) for h in _HEAD_WORDS)
    after = re.compile(
        rf"[\"”]\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{heads})\b(?:\s*\([^()\n]{{1,30}}\))?"
    ).match(text, end)
    if after is None:
        return start, end
    return start - 1, after.end()


def _clean(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,;:")
    if title.count('"') % 2:
        title = title.rstrip('"').strip() if title.endswith('"') else title
    return title


def _head(title: str) -> str | None:
    """The document head of a title: the first capitalised document word that ends the
    title or is followed by a preposition; a lower-case one only at the very end."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", title)
    words = re.sub(r"\s*\([^()]*\)\s*$", "", words)  # "(Trial)", "(2023 Edition)"
    found: list[tuple[int, int, str]] = []
    for head in _HEAD_WORDS:
        capital = head.title()
        pattern = rf"\b{re.escape(capital)}\b(?=\s+(?:for|on|of|in|to|about|during)\b|\s*$)"
        match = re.search(pattern, words)
        if match:
            found.append((match.start(), -len(head), head))
    if found:
        return min(found)[2]
    for head in _HEAD_WORDS:
        if re.search(rf"\b{re.escape(head)}$", words):
            return str(head)
    return None


def _unquoted_titles(text: str, taken: list[Span]) -> list[_Title]:
    """Title-Case runs with a document head: "Measures for the Implementation of ...",
    "the 2008 Water Protection Law"."""
    tokens = [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]
    titles: list[_Title] = []
    index = 0
    while index < len(tokens):
        word, start, _ = tokens[index]
        if not _title_word(word) or word.lower() in en.TITLE_STOPS or _inside(start, taken):
            index += 1
            continue
        last = _run_end(text, tokens, index)
        for first, final in _split_run(tokens, index, last):
            title = _run_title(text, tokens, first, final)
            if title is not None and not any(_overlaps(title.span, s) for s in taken):
                titles.append(title)
        index = last + 1
    return titles


def _title_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word.startswith("(")


def _run_end(text: str, tokens: list[tuple[str, int, int]], index: int) -> int:
    """The last token of the Title-Case run starting at ``index``."""
    last = index
    seen_head = False
    position = index + 1
    while position < len(tokens):
        gap = text[tokens[position - 1][2] : tokens[position][1]]
        if gap.strip():
            break
        word = tokens[position][0]
        if _title_word(word) or word in en.CONNECTORS:
            position += 1
            if _title_word(word):
                last = position - 1
                seen_head = seen_head or word.lower() in en.UNQUOTED_HEADS
            continue
        # MT drops words into titles ("Work Program for provention and control and
        # Control of ..."): a few lower-case words may stand inside a title already headed.
        gap_end = position
        while gap_end < len(tokens) and gap_end - position < 4 and not _title_word(
            tokens[gap_end][0]
        ):
            gap_end += 1
        head_so_far = seen_head or any(
            t[0].lower() in en.UNQUOTED_HEADS for t in tokens[index:position]
        )
        joined = all(
            not text[tokens[i - 1][2] : tokens[i][1]].strip() for i in range(position, gap_end + 1)
            if i < len(tokens)
        )
        if head_so_far and joined and gap_end < len(tokens) and _title_word(tokens[gap_end][0]):
            position = gap_end
            continue
        break
    return last


def _split_run(
    tokens: list[tuple[str, int, int]], first: int, last: int
) -> list[tuple[int, int]]:
    """Split "Measures for ... and Measures for ..." into its two titles."""
    parts: list[tuple[int, int]] = []
    start = first
    for position in range(first + 1, last):
        word, following = tokens[position][0], tokens[position + 1][0]
        if word == "and" and following.lower() in en.UNQUOTED_HEADS and following[0].isupper():
            parts.append((start, position - 1))
            start = position + 1
    parts.append((start, last))
    return parts


def _run_title(
    text: str, tokens: list[tuple[str, int, int]], first: int, last: int
) -> _Title | None:
    while last > first and tokens[last][0] in en.CONNECTORS:
        last -= 1
    words = [t[0] for t in tokens[first : last + 1]]
    for position, word in enumerate(words):
        if word.lower() not in en.UNQUOTED_HEADS or not word[0].isupper():
            continue
        rest = words[position + 1 :]
        at_end = all(w.startswith("(") for w in rest)
        followed = bool(rest) and rest[0] in ("for", "on", "of", "in", "during")
        if at_end or followed:
            span = Span(tokens[first][1], tokens[last][2])
            return _Title(span, _clean(text[span.start : span.end]), word.lower(), quoted=False)
    return None


def _lowercase_titles(text: str, taken: list[Span]) -> list[_Title]:
    """Lower-case titles after an issuing verb: "promulgated the regulations on ..."."""
    titles: list[_Title] = []
    for verb in en.ISSUE_VERBS.finditer(text):
        stop = re.compile(r"[.;\n]").search(text, verb.end())
        clause_end = stop.start() if stop else len(text)
        position = verb.end()
        for piece in [*_LOWER_PIECE.split(text[position:clause_end]), ""]:
            start = text.find(piece, position) if piece else -1
            if start < 0:
                break
            position = start + len(piece)
            title = _lowercase_title(text, start, piece)
            if title is not None and not any(_overlaps(title.span, s) for s in taken + [
                t.span for t in titles
            ]):
                titles.append(title)
    return titles


def _lowercase_title(text: str, start: int, piece: str) -> _Title | None:
    lead = re.match(r"\s*(?:and\s+\w+\s+)?(?:the\s+)?(?:amendments?\s+to\s+the\s+)?", piece)
    offset = lead.end() if lead else 0
    body = piece[offset:].rstrip()
    words = body.split()
    if not words or not words[0][0].islower() or words[0] in ("a", "an"):
        return None
    heads = [i for i, w in enumerate(words) if w in en.LOWERCASE_HEADS]
    if not heads:
        return None
    head = heads[0]
    if any(w in ("the", "and", "of", "to", "a", "out") for w in words[:head]) or head > 5:
        return None  # a clause, not a name ("carry out ... the relevant regulations")
    if head + 1 < len(words) and words[head + 1] not in ("on", "for", "of"):
        return None
    if head == len(words) - 1 or head + 1 < len(words):
        span = Span(start + offset, start + offset + len(body))
        return _Title(span, body, words[head], quoted=False)
    return None


def _documents(title: _Title, home: str | None) -> list[tuple[Entity, Span]]:
    """The document a title names, and the higher document it says it implements."""
    name = title.name
    attributes = {"document_type": en.document_type(title.head, name)}
    leading = _LEADING_YEAR.match(name)
    if leading and not title.quoted and title.head == "law":
        name = name[leading.end() :]  # "the 2008 Water Protection Law" is the Water Protection Law
    year = _YEAR.search(title.name)
    if year:
        attributes["year"] = year[0]
    place = _place(name, home)
    if place:
        attributes["place"] = place
    entity = Entity(EntityKind.REGULATION, slug(normalise_title(name)), name,
                    attributes=attributes)
    if title.quoted and '"' in name:
        entity.aliases.add(_clean(name.split('"')[1]))  # the words MT put in quotes
    found = [(entity, title.span)]
    implemented = en.IMPLEMENTS.search(name)
    if implemented:
        inner_name = _clean(implemented["implemented"])
        inner_head = _head(inner_name)
        if inner_head is not None and inner_name[0].isupper():
            offset = title.span.end - len(name) + implemented.start("implemented")
            inner = _Title(Span(offset, offset + len(inner_name)), inner_name, inner_head, True)
            nested = _documents(inner, home)
            entity.attributes["implements"] = nested[0][0].key
            found += nested
    return found


def _place(title: str, home: str | None) -> str | None:
    for province in bodies.PROVINCES:
        if re.search(rf"\b{province}\b", title):
            return str(province)
    if home and re.search(r"\b(?:Autonomous Region|Provincial|Province)\b", title):
        return home
    return None


def _role(text: str, span: Span, titles: list[Span]) -> str | None:
    sentence_start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start),
                         text.rfind(";", 0, span.start)) + 1
    before = text[sentence_start : span.start].rstrip(' "“')
    if en.VIOLATION.search(before + " "):
        return "violates"
    if en.ISSUE_VERBS.search(before):
        return "issues"
    stop = re.compile(r"\.\s|\n|;").search(text, span.end)
    end = stop.start() if stop else len(text)
    # Other titles listed after this one ("A", "B" and "C" were issued) do not break the
    # sentence: drop them before reading the verb.
    pieces, position = [], span.end
    for other in sorted(t for t in titles if span.end <= t.start < end):
        pieces.append(text[position : other.start])
        position = max(position, other.end)
    pieces.append(text[position:end])
    after = re.sub(r"[\"“”]", "", "".join(pieces))
    if _PASSIVE.search(after):
        return "issues"
    return None


def _issuer(text: str, title: _Title, organizations: Extraction) -> str | None:
    """Who the text says issued the document: the subject just before the issuing verb,
    or the body a title names as its author ("Notice of the Department ... on ...")."""
    inside = re.match(rf"{re.escape(title.head.title())}\s+of\s+(?:the\s+)?", title.name)
    for mention in organizations.mentions:
        if inside and mention.span.start == title.span.start + inside.end():
            return str(mention.entity)
    sentence_start = max(text.rfind(". ", 0, title.span.start),
                         text.rfind("\n", 0, title.span.start)) + 1
    verb = None
    for match in en.ISSUE_VERBS.finditer(text, sentence_start, title.span.start):
        verb = match
        break
    if verb is None:
        return None
    for mention in organizations.mentions:
        if mention.span.end <= verb.start() and mention.span.start >= sentence_start and (
            _SUBJECT_GAP.match(text[mention.span.end : verb.start()])
        ):
            return str(mention.entity)
    return None


def _inside(position: int, spans: list[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _overlaps(one: Span, other: Span) -> bool:
    return bool(one.start < other.end and other.start < one.end)
