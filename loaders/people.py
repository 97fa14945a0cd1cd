"""People named in a report and the posts the text gives them.

A pinyin name ("Chen Liang": a surname from the table and a given name that reads as
pinyin) is a person only where the text shows it: a title before it ("Governor Lou
Yangsheng", "Comrade Chen Liang"), a post after it ("Chen Liang, Secretary of the Party Group
and Director of the Department"), a post before it ("the spokesperson of the Ministry of
Ecology and Environment, Pei Xiaofei"), a byline ("By Li Rongde and Zhou Dongxu") or a verb
of speech ("Ma said"). That keeps places such as "Wu Zhong" out. A name that does not read
as pinyin ("Tenzin Norbu") counts only when a post with its body sets it off ("Tenzin Norbu,
Vice Chairman of the People's Government of the Autonomous Region"). The Party leader named in
slogans ("General Secretary Xi Jinping's important instructions", "Xi Jinping Thought") is
not a person of the report. Each post becomes a :class:`~ducha.loaders.model.Post` whose
organisation is the body the post phrase names, keyed as
:func:`~ducha.loaders.organizations.extract_organizations` keys it.

>>> from ducha.loaders.organizations import extract_organizations
>>> text = "Chen Liang, Director of the State Council, spoke."
>>> found = extract_people(text, extract_organizations(text))
>>> [(p.person, p.role, p.organization) for p in found.posts]
[('chen-liang', 'Director of the State Council', 'state-council')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ducha.loaders.anchors import Anchored, scan_text, whole_word
from ducha.loaders.bodyunits import slug
from ducha.loaders.lang.en import posts as en
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Post, Span

__all__ = ["extract_people"]

# The given name in a lookahead, so that "Governor Lou Yangsheng" yields "Lou Yangsheng"
# after "Governor Lou". The pattern opens with a capital (the word boundary checked behind
# it) so that the engine skips to capitals; opened with \b it is tried at every character.
_NAME = re.compile(
    r"(?P<surname>[A-Z](?<=\b[A-Z])(?:[a-z]+|[A-Z]+))"
    r"(?=\s(?P<given>[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]{2,})\b)"
)
# After a surname: ", who ..." or ", 45," (an age) says the surname is the person's.
_WHO = re.compile(r"\s*,\s*(?:who|\d+,)")
_POST_PHRASE_END = re.compile(r"[,.;:()\n]|\s+(?:said|took|has|had|was|is|who|made|and\s+the)\b")
_SPLIT_POSTS = re.compile(rf"\s+and\s+(?={en.POST_TITLE.pattern})", re.IGNORECASE)
# A name of any language set off by a post: "Tenzin Norbu, Vice Chairman of the People's
# Government of the Autonomous Region". Only a post with its body ("... of ...") is enough
# evidence for a name that does not read as pinyin.
_APPOSED_POST = rf",\s+(?i:(?:the\s+)?(?:{en.POST_TITLE.pattern})\s+of)\b"
# Tried only in the run of letters, spaces and hyphens before a comma that a post follows
# (a few in a report): at every word of the text, the look-ahead cost 1 ms a seed report.
_APPOSED_NAME = Anchored(
    re.compile(rf"\b(?=(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{1,2}}){_APPOSED_POST})"),
    (_APPOSED_POST,),
    back=r"[A-Za-z \-]",
)
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s$")
_POST_BEFORE = re.compile(
    rf"(?:the\s+)?(?P<post>{en.POST_TITLE.pattern}\s+of\s+[^,.;]+?),?\s+$", re.IGNORECASE
)


@dataclass
class _Person:
    name: str
    spans: list[Span] = field(default_factory=list)
    surfaces: set[str] = field(default_factory=set)
    posts: list[tuple[str, Span]] = field(default_factory=list)  # (role phrase, its span)
    evidence: bool = False


def extract_people(text: str, organizations: Extraction) -> Extraction:
    """Every person the text names, with a mention per naming and a post per post phrase.

    ``organizations`` is the organisation extraction of the same text; post organisations
    are its keys. Never raises on odd text.
    """
    people: dict[str, _Person] = {}
    for match in _NAME.finditer(text):
        if not _is_name(match):
            continue
        span = Span(match.start(), match.end("given"))
        before = text[max(0, span.start - 120) : span.start]
        after = text[span.end : span.end + 200]
        if en.NOT_OF_THE_REPORT.search(before) or re.match(r"(?:'s|\s+Thought)\b", after):
            continue  # the Party leader in a slogan
        name = _display(match)
        person = people.setdefault(slug(name), _Person(name))
        person.spans.append(span)
        person.surfaces.add(text[span.start : span.end])
        _read_context(text, span, before, after, person)
    _apposed_names(text, people)
    _surname_mentions(text, people)
    return _extraction(text, people, organizations)


def _apposed_names(text: str, people: dict[str, _Person]) -> None:
    """Names that do not read as pinyin but that a post sets off ("Tenzin Norbu, Vice
    Chairman of ..."), when the name starts its phrase (or follows a title) and holds no
    body or place word."""
    for match in scan_text(text).finditer(_APPOSED_NAME):
        name = match["name"]
        span = Span(match.start("name"), match.end("name"))
        taken = (s for person in people.values() for s in person.spans)
        if slug(name) in people or any(span.start in range(*s) for s in taken):
            continue
        if any(w.lower() in en.NOT_NAME_WORDS for w in re.split(r"[ -]", name)):
            continue  # "Lhasa City, head of ...": a body or a place
        before = text[max(0, span.start - 120) : span.start]
        if _CAPITALISED_BEFORE.search(before) and not en.TITLE_BEFORE_NAME.search(before):
            continue  # the tail of a longer capitalised phrase
        person = people.setdefault(slug(name), _Person(name))
        person.surfaces.add(name)
        _read_context(text, span, before, text[span.end : span.end + 200], person)
        # Every naming of the full name is the same person ("Tenzin Norbu said").
        for naming in whole_word(name).finditer(text):
            person.spans.append(Span(naming.start(), naming.end()))


def _is_name(match: re.Match[str]) -> bool:
    surname, given = match["surname"], match["given"]
    if surname.isupper() != given.isupper():
        return False
    return surname.title() in en.SURNAMES and en.is_pinyin_given_name(given)


def _display(match: re.Match[str]) -> str:
    return f"{match['surname'].title()} {match['given'].title()}"


def _read_context(text: str, span: Span, before: str, after: str, person: _Person) -> None:
    """Record the evidence and the posts the text gives around one naming."""
    title = en.TITLE_BEFORE_NAME.search(before)
    reporter = en.REPORTER_BYLINE.search(before)
    if reporter:
        # "Rule of Law Daily reporter Zhang Wei": the outlet belongs to the post.
        person.evidence = True
        role = reporter["role"]
        role_start = span.start - len(before) + reporter.start("role")
        person.posts.append((role, Span(role_start, role_start + len(role))))
    elif title:
        person.evidence = True
        role = title[0].strip()
        if role not in ("Comrade", "Mr.", "Ms.", "Dr."):
            person.posts.append((role, Span(span.start - len(title[0]), span.start - 1)))
    byline = en.BYLINE.search(before)
    if byline or re.search(r"\bBy\s+[A-Z][\w ]+(?:\s+and\s+|/)$", before):
        person.evidence = True
        person.posts.append(("editor" if byline and byline["editor"] else "author", span))
    apposition = re.match(r",\s+(?:the\s+|a\s+|an\s+)?", after)
    if apposition and en.POST_TITLE.match(after, apposition.end()):
        start = span.end + apposition.end()
        end_match = _POST_PHRASE_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        person.evidence = True
        _add_posts(text, Span(start, end), person)
    post_before = _POST_BEFORE.search(before)
    if post_before and not title:
        start = span.start - len(before) + post_before.start("post")
        person.evidence = True
        _add_posts(text, Span(start, start + len(post_before["post"])), person)
    if en.SPEECH.match(after):
        person.evidence = True


def _add_posts(text: str, phrase: Span, person: _Person) -> None:
    """"Secretary of the Party Group and Director of the Department" is two posts."""
    position = phrase.start
    for part in _SPLIT_POSTS.split(text[phrase.start : phrase.end]):
        start = text.index(part, position)
        position = start + len(part)
        person.posts.append((part, Span(start, position)))


def _surname_mentions(text: str, people: dict[str, _Person]) -> None:
    """"Ma said", "Xu, who spoke": a surname alone refers to the one person of that name."""
    by_surname: dict[str, list[_Person]] = {}
    for person in people.values():
        by_surname.setdefault(person.name.split()[0], []).append(person)
    for surname, persons in by_surname.items():
        if len(persons) != 1:
            continue
        person = persons[0]
        first = min(s.start for s in person.spans)
        for match in whole_word(surname, r"(?!\s+[A-Z])").finditer(text):
            if match.start() <= first or any(match.start() in range(*s) for s in person.spans):
                continue
            if en.SPEECH.match(text[match.end() : match.end() + 40]) or _WHO.match(
                text, match.end()
            ):
                person.evidence = True
                person.spans.append(Span(match.start(), match.end()))


def _extraction(text: str, people: dict[str, _Person], organizations: Extraction) -> Extraction:
    found = Extraction()
    for key, person in people.items():
        if not person.evidence:
            continue
        aliases = {s for s in person.surfaces if s != person.name}
        found.entities.append(Entity(EntityKind.PERSON, key, person.name, aliases=aliases))
        found.mentions.extend(
            Mention(key, EntityKind.PERSON, span) for span in sorted(set(person.spans))
        )
        seen: set[tuple[str, str | None]] = set()
        for phrase, span in person.posts:
            # The role as printed ("Secretary of the Party Group", "Director of the
            # Department", "Governor"): it names the post, its organisation is linked apart.
            role = re.sub(r"\s+", " ", phrase).strip()
            organization = _organization_in(span, organizations)
            if (role.lower(), organization) in seen:
                continue
            seen.add((role.lower(), organization))
            found.posts.append(Post(key, role, organization, span))
    found.mentions.sort(key=lambda m: m.span)
    return found


def _organization_in(span: Span, organizations: Extraction) -> str | None:
    inside = [m for m in organizations.mentions if span.start <= m.span.start < span.end]
    if not inside:
        return None
    first: str = min(inside, key=lambda m: (m.span.start, -m.span.end)).entity
    return first
