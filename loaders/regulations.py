"""Laws, regulations, plans, notices and other named documents a report cites or issues.

Titles are found by :func:`ducha.loaders.doctitles.find_titles` (quoted, unquoted
Title-Case, lower-case after an issuing verb); this module makes them documents.

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
from functools import lru_cache

from ducha.loaders.bodyunits import slug
from ducha.loaders.doctitles import Title, clean_title, find_titles, title_head
from ducha.loaders.lang.en import bodies
from ducha.loaders.lang.en import titles as en
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span
from ducha.loaders.organizations import extract_organizations, home_province

__all__ = ["extract_regulations", "normalise_title"]

_log = logging.getLogger(__name__)

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LEADING_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s+(?=[A-Z])")
_PRC = re.compile(r"\s+of\s+the\s+People'?s\s+Republic\s+of\s+China\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"^\W*(?:and\W*)*(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
    r"(?:\w+\s+){0,3}?(?:issued|formulated|promulgated|printed|revised|released|compiled|"
    r"introduced)\b",
    re.IGNORECASE,
)
_SUBJECT_GAP = re.compile(r"^\s*(?:has|have|had)?\s*(?:\w+ly\s+)?$")


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
    found = find_titles(text)
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


def _documents(title: Title, home: str | None) -> list[tuple[Entity, Span]]:
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
        entity.aliases.add(clean_title(name.split('"')[1]))  # the words MT put in quotes
    found = [(entity, title.span)]
    implemented = en.IMPLEMENTS.search(name)
    if implemented:
        inner_name = clean_title(implemented["implemented"])
        inner_head = title_head(inner_name)
        if inner_head is not None and inner_name[0].isupper():
            offset = title.span.end - len(name) + implemented.start("implemented")
            inner = Title(Span(offset, offset + len(inner_name)), inner_name, inner_head, True)
            nested = _documents(inner, home)
            entity.attributes["implements"] = nested[0][0].key
            found += nested
    return found


def _place(title: str, home: str | None) -> str | None:
    if bodies.ANY_PROVINCE_WORD.search(title):
        for province, named in bodies.PROVINCE_WORDS.items():
            if named.search(title):
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


@lru_cache(maxsize=64)
def _head_of(head: str) -> re.Pattern[str]:
    """A title's head followed by "of (the)": its author comes next ("Notice of the ...")."""
    return re.compile(rf"{re.escape(head.title())}\s+of\s+(?:the\s+)?")


def _issuer(text: str, title: Title, organizations: Extraction) -> str | None:
    """Who the text says issued the document: the subject just before the issuing verb,
    or the body a title names as its author ("Notice of the Department ... on ...")."""
    inside = _head_of(title.head).match(title.name)
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
