"""Enterprises and named projects: companies, groups, plants, mines, stations, projects.

A name is a run of capitalised words ending in a head ("Co., Ltd.", "Group", "Company",
"Corporation of China", "Plant", "Mine", "Hydropower Station", "Project", "Facility",
"Dam"); a run may hold several names joined by "and" ("Bayi Dam and Shangliting
Hydropower Station"), and a plural head is shared ("Maiba and Wangjiazhai Bauxite Mines"
are two mines). A city followed by an industry word ("Baotou Aluminum") is a company
too. Short forms of a full legal name in the same report ("Yinyi Company", "Yinyi" for
"Guangxi Yinyi New Materials Co., Ltd.") are aliases of it, and so is a short name the
report declares ("X Co., Ltd. (hereinafter referred to as "Y")").

Decisions: plural groups are not enterprises ("enterprises", "three aluminum profile
enterprises", "Renhuai Liquor Enterprises" name a set of firms, not one); bodies of the
Party and the state ("Party Group", "Eighth Inspection Group", "Leading Group") are not
enterprises; "X Reservoir Project" is a project (subtype ``project``), not the reservoir.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ducha.loaders.anchors import CAPITAL_WORD, Anchored, scan_text, whole_word
from ducha.loaders.gazetteer import load_gazetteer
from ducha.loaders.lang.en.names import (
    ENTERPRISE_HEADS,
    GENERIC_WORDS,
    LEAD_WORDS,
    NOT_FIRM_WORDS,
    is_pinyin,
    name_key,
)
from ducha.loaders.model import Entity, EntityKind, Extraction, Mention, Span

__all__ = ["extract_enterprises"]

# A bracketed word inside a legal name ("China Nonferrous Metal Mining (Group) Co., Ltd.")
# counts only when the name goes on after it; a bracket at the end is a short form.
_WORD = (
    r"(?:Co\.,?[ \t]?Ltd\.?|[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)*"
    r"|\([A-Z][A-Za-z]*\)(?=[ \t]+[A-Z]))"
)
# "Ltd." ends a name: a capitalised word after it starts the next sentence or name.
_RUN = re.compile(rf"{_WORD}(?:(?<!Ltd\.)(?:[ \t]+(?:(?:and|of|&)[ \t]+)?|,[ \t]*(?=Ltd)){_WORD})*")
_HEAD = re.compile(rf"(?:^|[ \t])(?P<head>{'|'.join(h for h, _ in ENTERPRISE_HEADS)})$")
# A capitalised word after the run: matched at the run's end, not on a copy of the rest of
# the text (one per run).
_GOES_ON = re.compile(r"[ \t]+[A-Z]")
_CAPITALISED = re.compile(rf"{CAPITAL_WORD}[a-z]+\b")
_LOWER_PROJECT = re.compile(r"[ \t]+(?:(?:real estate|construction|resort)[ \t]+)?project\b")
# The comma of "Group Co., Ltd." is inside the name, never between two names.
_JOINER = re.compile(r"[ \t]+and[ \t]+|,[ \t]+(?!Ltd)")
_INDUSTRY_WORDS = (
    "Aluminum", "Aluminium", "Iron and Steel", "Steel", "Cement", "Petrochemical", "Paper",
    "Coal", "Pharmaceutical",
)  # fmt: skip
# Tried only at the spaces before an industry word (a few in a report), not after each of
# the thousand capitalised words of a seed-sized report.
_INDUSTRY = Anchored(
    re.compile(rf"[ \t]+(?:{'|'.join(_INDUSTRY_WORDS)})\b(?![ \t]+[A-Za-z])"),
    tuple(word.lower() for word in _INDUSTRY_WORDS),
    back=r"[ \t]",
)
_SHORT_HEADS = ("Company", "Group", "Co.", "Corporation", "Corp.")
# "X Co., Ltd. (hereinafter referred to as "Y")": Y is the report's short name for X.
_HEREINAFTER = re.compile(
    r"[ \t]*[(（][ \t]*(?:hereinafter|hereafter)[ \t]+(?:referred[ \t]+to[ \t]+as|called)"
    r"[ \t]+(?:the[ \t]+)?[\"“”]?(?P<short>[A-Z][A-Za-z'’ \t-]{1,40}?)[\"“”]?[ \t]*[)）]"
)
_SHARED_HEAD = re.compile(r"(?P<first>[A-Z]\S*) and (?P<last>[A-Z]\S*)(?P<rest>.*) (?P<head>\w+s)")
_SUBTYPES = [(re.compile(rf"{h}$"), s) for h, s in ENTERPRISE_HEADS]


@dataclass
class _Name:
    span: Span
    name: str
    subtype: str
    extra_spans: list[Span] = field(default_factory=list)


def extract_enterprises(text: str) -> Extraction:
    """Every enterprise and named project in ``text``: one entity each, a mention per use.

    ``subtype`` is company, group, plant, mine or project. The key is a slug of the full
    name as printed ("guangxi-yinyi-new-materials-co-ltd").

    >>> found = extract_enterprises(
    ...     "Guangxi Yinyi New Materials Co., Ltd. ... the problem of Yinyi Company")
    >>> [(e.key, sorted(e.aliases)) for e in found.entities]
    [('guangxi-yinyi-new-materials-co-ltd', ['Yinyi Company'])]
    """
    headed = _headed_names(text)
    industry = [n for n in _industry_names(text) if not _inside(n.span, headed)]
    names = [*headed, *industry]
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    short = _short_forms(names)
    short.update(_industry_short_forms(industry, headed))
    full = {name_key(n.name): n for n in names}
    declared = _declared_short_forms(text, names)
    short.update({form: key for form, (key, _) in declared.items()})
    for found in names:
        key = short.get(found.name, name_key(found.name))
        entity = entities.setdefault(key, Entity(EntityKind.ENTERPRISE, key, full[key].name,
                                                 full[key].subtype))  # fmt: skip
        if found.name != entity.name:
            entity.aliases.add(found.name)
        for span in [found.span, *found.extra_spans]:
            if span.quote(text) != entity.name:
                entity.aliases.add(span.quote(text))
            mentions.append(Mention(key, EntityKind.ENTERPRISE, span))
    mentions += _declared_mentions(text, declared, entities, mentions)
    mentions += _bare_cores(text, entities, mentions)
    mentions.sort(key=lambda m: m.span)
    return Extraction(entities=list(entities.values()), mentions=mentions)


def _headed_names(text: str) -> list[_Name]:
    found: list[_Name] = []
    for run in _RUN.finditer(text):
        start, end = run.start(), run.end()
        lower = _LOWER_PROJECT.match(text, end)
        if lower is not None:
            end = lower.end()
        phrase = text[start:end]
        if not phrase.endswith("Ltd.") and _GOES_ON.match(text, end):
            continue  # the run goes on past a line of connectors: not a name we can trust
        if " " not in phrase and "\t" not in phrase and not phrase.endswith("project"):
            # One word (most runs: "The", "Guangxi"): a head follows a space or is the whole
            # phrase, and a head alone names nothing, so only "...project" can give a name.
            continue
        parts = _split_joined(text, start, end)
        found += [n for n in (_name(text, s, e, parts) for s, e in parts) if n is not None]
    return _coordinated(text, found)


def _split_joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run at "and"/"," that follow a head: each part is one name."""
    parts: list[tuple[int, int]] = []
    cursor = start
    for joiner in _JOINER.finditer(text, start, end):
        if _HEAD.search(text[cursor : joiner.start()]):
            parts.append((cursor, joiner.start()))
            cursor = joiner.end()
    parts.append((cursor, end))
    return parts


def _name(text: str, start: int, end: int, parts: list[tuple[int, int]]) -> _Name | None:
    phrase = text[start:end]
    head = _HEAD.search(phrase) or re.search(r"(?P<head>project)$", phrase)
    if head is None:
        return None
    words = phrase[: head.start("head")].split()
    while words and (words[0].lower() in LEAD_WORDS or words[0] in ("and", "of", "&")):
        start += len(words[0]) + 1
        words = words[1:]
        while start < end and text[start] in " \t":
            start += 1
    if not words or not _is_firm(words):
        return None
    printed = text[start:end]
    subtype = next((s for p, s in _SUBTYPES if p.search(printed)), "project")
    return _Name(Span(start, end), " ".join(printed.split()), subtype)


def _is_firm(words: list[str]) -> bool:
    plain = [w.lower() for w in words if w not in ("and", "of", "&")]
    if any(w in NOT_FIRM_WORDS for w in plain):
        return False
    return any(w not in GENERIC_WORDS or w in ("china", "national") for w in plain)


def _coordinated(text: str, names: list[_Name]) -> list[_Name]:
    """Split "Maiba and Wangjiazhai Bauxite Mines" into two mines sharing their head."""
    result = []
    for found in names:
        match = _SHARED_HEAD.fullmatch(found.name)
        if match is None or found.subtype not in ("mine", "plant", "project"):
            result.append(found)
            continue
        tail = f"{match.group('rest')} {match.group('head')[:-1]}"
        first = Span(found.span.start, found.span.start + len(match.group("first")))
        last_start = text.index(match.group("last"), first.end)
        result.append(_Name(first, match.group("first") + tail, found.subtype))
        result.append(_Name(Span(last_start, found.span.end), match.group("last") + tail,
                            found.subtype))  # fmt: skip
    return result


def _industry_names(text: str) -> list[_Name]:
    """A city's name and an industry word name a company ("Baotou Aluminum")."""
    gazetteer = load_gazetteer()
    found = []
    # Each industry word, then the capitalised word right before it: the same names, in the
    # same order, as an industry word looked for after every capitalised word.
    for industry in scan_text(text).finditer(_INDUSTRY):
        word = _capitalised_before(text, industry.start())
        if word is None or not gazetteer.lookup(word.group(0)):
            continue
        if any(d.level == "province" for d in gazetteer.lookup(word.group(0))):
            continue  # "Guizhou Steel" would be an industry of a province, too vague
        span = Span(word.start(), industry.end())
        found.append(_Name(span, span.quote(text), "company"))
    return found


def _capitalised_before(text: str, end: int) -> re.Match[str] | None:
    """The capitalised word (a match of ``_CAPITALISED``) that ends at ``end``, if any."""
    start = end
    while start > 0 and "a" <= text[start - 1] <= "z":
        start -= 1
    word = _CAPITALISED.match(text, start - 1) if start > 0 else None
    return word if word is not None and word.end() == end else None


def _inside(span: Span, names: list[_Name]) -> bool:
    return any(n.span.start <= span.start and span.end <= n.span.end for n in names)


def _industry_short_forms(industry: list[_Name], headed: list[_Name]) -> dict[str, str]:
    """Map "Baotou Steel" to the key of "Baotou Steel (Group) Co., Ltd.", when the report gives
    exactly one full name that starts with it."""
    short: dict[str, str] = {}
    for found in industry:
        keys = {name_key(n.name) for n in headed if n.name.startswith(found.name + " ")}
        if len(keys) == 1:
            short[found.name] = keys.pop()
    return short


def _core(name: str) -> str | None:
    """The distinctive word of a full name: "Yinyi" in "Guangxi Yinyi New Materials Co."."""
    gazetteer = load_gazetteer()
    words = name.split()
    while words and gazetteer.lookup(words[0]):
        words = words[1:]
    if len(words) < 2 or not is_pinyin(words[0]) or words[0].lower() in GENERIC_WORDS:
        return None
    return words[0]


def _short_forms(names: list[_Name]) -> dict[str, str]:
    """Short names ("Yinyi Company") -> key of the one full name they abbreviate."""
    cores: dict[str, set[str]] = {}
    for found in names:
        core = _core(found.name)
        if core is not None and found.subtype in ("company", "group"):
            cores.setdefault(core, set()).add(name_key(found.name))
    short: dict[str, str] = {}
    for found in names:
        words = found.name.split()
        if len(words) == 2 and words[1] in _SHORT_HEADS:
            keys = cores.get(words[0], set()) - {name_key(found.name)}
            if len(keys) == 1:
                short[found.name] = keys.pop()
    return short


def _bare_cores(text: str, entities: dict[str, Entity], mentions: list[Mention]) -> list[Mention]:
    """The bare core ("Yinyi") of a full name the report gives, as a mention of it."""
    found = []
    taken = [m.span for m in mentions]
    for entity in entities.values():
        core = _core(entity.name)
        if core is None or entity.subtype not in ("company", "group"):
            continue
        for match in whole_word(core, r"(?![ \t]+[A-Z])").finditer(text):
            span = Span(match.start(), match.end())
            if not any(t.start <= span.start and span.end <= t.end for t in taken):
                entity.aliases.add(core)
                found.append(Mention(entity.key, EntityKind.ENTERPRISE, span))
    return found


def _declared_short_forms(text: str, names: list[_Name]) -> dict[str, tuple[str, Span]]:
    """Short names a report declares ("(hereinafter referred to as "Hefei Water")") ->
    the key of the full name before the bracket and the span of the short name in it."""
    declared: dict[str, tuple[str, Span]] = {}
    for found in names:
        match = _HEREINAFTER.match(text, found.span.end)
        if match is None or found.subtype not in ("company", "group"):
            continue
        short = " ".join(match.group("short").split())
        declared[short] = (name_key(found.name), Span(match.start("short"), match.end("short")))
    return declared


def _declared_mentions(
    text: str, declared: dict[str, tuple[str, Span]], entities: dict[str, Entity],
    mentions: list[Mention],
) -> list[Mention]:  # fmt: skip
    """Every use of a declared short name, the declaration included, as a mention."""
    found: list[Mention] = []
    taken = [m.span for m in mentions]
    for short, (key, _) in declared.items():
        entity = entities.get(key)
        if entity is None:
            continue
        entity.aliases.add(short)
        for match in whole_word(short).finditer(text):
            span = Span(match.start(), match.end())
            if not any(t.start < span.end and span.start < t.end for t in taken):
                found.append(Mention(key, EntityKind.ENTERPRISE, span))
                taken.append(span)
    return found
