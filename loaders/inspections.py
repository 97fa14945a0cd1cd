"""The inspections a report answers or names, with their group, target, kind and dates.

One inspection per inspection group the report names. Its facts come from the paragraphs
that name the group: a date range in a sentence about the inspection is the stationing
(start and end; a range of a few days is only the arrival, so it gives the start), a single
date in a sentence about the feedback is the feedback date (explicit years preferred over
inferred ones), "the second round", "the first batch of the third round" give round and
batch. The kind is ``party-tour`` for a routine inspection by a Party committee's group
(巡视), ``look-back`` for a "looking back", ``special``, ``central`` for central groups and
``provincial`` otherwise stated. A report that names no group but says when the inspection
came ("both inspected in September 2020") still gets one inspection.

Keys: ``{type}-r{round}[-b{batch}]-{target}`` when the round is known, else
``{type}-{year}-{target}`` with the year of the first date, else ``{type}-{target}``;
``target`` is the inspected province's short name ("central-r2-guizhou") or the inspected
body's key. Dates keep the precision printed only as far as :class:`~datetime.date` can:
a month ("November 2016") is stored as its first day.
"""

from __future__ import annotations

import re
from datetime import date

from ducha.loaders.anchors import Anchored, scan_text
from ducha.loaders.bodyunits import slug
from ducha.loaders.dates import DateMention, find_dates
from ducha.loaders.lang.en import bodies
from ducha.loaders.lang.en import inspections as en
from ducha.loaders.model import EntityKind, Extraction, Inspection, Mention, Span
from ducha.loaders.organizations import home_province

__all__ = ["extract_inspections"]

# tried only after stops and at newlines (see ducha.loaders.anchors)
_SENTENCE_END = Anchored(re.compile(r"(?<=[.!?])\s+|\n+"), (r"[.!?](?P<at>)\s", "\n"))
_ORDINALS = bodies.ORDINALS
_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Mr|Ms|Dr|St|Co)\.$"
)
# Longer than any abbreviation above with its dot (``\b`` still sees the text before).
_ABBREVIATION_WINDOW = 8


def extract_inspections(
    text: str,
    organizations: Extraction,
    places: Extraction | None = None,
    reference: date | None = None,
) -> list[Inspection]:
    """The inspections ``text`` reports, in order of first mention.

    ``organizations`` is the organisation extraction of the same text (its inspection
    groups and bodies are referred to by key); ``places``, when given, supplies the keys of
    inspected provinces (else a slug of the province name is used); ``reference`` (the
    report's date) supplies the year of dates printed without one.
    """
    dates = find_dates(text, reference)
    if places is None:
        places = _places(text)
    groups = _group_mentions(organizations)
    found: list[Inspection] = []
    for group, mentions in groups.items():
        sentences = _sentences_about(text, mentions)
        found.append(_inspection(text, group, sentences, dates, organizations, places))
    if not found:
        fallback = _inspection_without_group(text, dates, places)
        if fallback is not None:
            found.append(fallback)
    return found


def _group_mentions(organizations: Extraction) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for mention in sorted(organizations.mentions, key=lambda m: m.span.start):
        if mention.kind is EntityKind.INSPECTION_GROUP:
            groups.setdefault(mention.entity, []).append(mention)
    return groups


def _sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in scan_text(text).finditer(_SENTENCE_END):
        # The abbreviation must end at the stop: looking at the few characters before it
        # finds the same as searching the whole text before it, without quadratic time.
        window = max(0, match.start() - _ABBREVIATION_WINDOW)
        if "\n" not in match[0] and _ABBREVIATION.search(text, window, match.start()):
            continue  # "From Apr. 28 to May 28": the dot ends a word, not the sentence
        if match.start() > start:
            spans.append(Span(start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def _sentences_about(text: str, mentions: list[Mention]) -> list[Span]:
    """The sentences of every paragraph that names the group, group sentences first."""
    paragraphs = [p for p in _paragraphs(text) if any(p.covers(m.span) for m in mentions)]
    naming: list[Span] = []
    other: list[Span] = []
    for sentence in _sentences(text):
        if not any(sentence.start >= p.start and sentence.end <= p.end for p in paragraphs):
            continue
        if any(sentence.covers(m.span) for m in mentions):
            naming.append(sentence)
        else:
            other.append(sentence)
    return naming + other


def _paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append(Span(start, match.start()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return spans


def _inspection(
    text: str,
    group: str,
    sentences: list[Span],
    dates: list[DateMention],
    organizations: Extraction,
    places: Extraction | None,
) -> Inspection:
    span = sentences[0] if sentences else Span(0, 0)
    start, end, feedback = _stationing_and_feedback(text, sentences, dates)
    about = " ".join(text[s.start : s.end] for s in sentences)
    naming = text[span.start : span.end]
    kind = _kind(group, about, naming)
    round_number = _ordinal(en.ROUND, en.ROUND_WORD, naming) or _ordinal(
        en.ROUND, en.ROUND_WORD, about
    )
    batch = _ordinal(en.BATCH, en.BATCH_WORD, naming) or _ordinal(en.BATCH, en.BATCH_WORD, about)
    inspected, target = _inspected(text, sentences, organizations, places, kind)
    inspection = Inspection(
        key="",
        span=span,
        group=group,
        inspected=inspected,
        inspection_type=kind,
        round=round_number,
        batch=batch,
        start=start,
        end=end,
        feedback=feedback,
    )
    inspection.key = _key(inspection, target)
    return inspection


def _stationing_and_feedback(
    text: str, sentences: list[Span], dates: list[DateMention]
) -> tuple[date | None, date | None, date | None]:
    start: date | None = None
    end: date | None = None
    feedbacks: list[DateMention] = []
    singles: list[DateMention] = []
    for sentence in sentences:
        words = text[sentence.start : sentence.end]
        inside = [d for d in dates if sentence.covers(d.span)]
        for mention in inside:
            if mention.end is not None and en.STATIONING.search(words) and start is None:
                first, last = mention.start, mention.end
                if first.precision == "year":
                    end = last.first_day()  # "2021 to January 5, 2022": start cut off
                    continue
                start = first.first_day()
                if (last.first_day() - start).days >= 7:
                    end = last.first_day()
            elif mention.end is None and en.FEEDBACK.search(words):
                feedbacks.append(mention)
            elif mention.end is None and en.STARTED.search(
                text[sentence.start : mention.span.start]
            ):
                singles.append(mention)
    if start is None and singles:
        start = singles[0].start.first_day()
    # Explicit years first, then the date nearest to the word "feedback" / "fed back".
    feedbacks.sort(key=lambda d: (d.year_inferred, _distance_to_feedback(text, d.span)))
    feedback = feedbacks[0].start.first_day() if feedbacks else None
    return start, end, feedback


def _distance_to_feedback(text: str, span: Span) -> int:
    window_start = max(0, span.start - 200)
    cues = [m for m in en.FEEDBACK.finditer(text, window_start, span.end + 200)]
    if not cues:
        return 1 << 30
    nearest: int = min(min(abs(m.start() - span.end), abs(span.start - m.end())) for m in cues)
    return nearest


def _kind(group: str, about: str, naming: str) -> str:
    if en.PARTY_TOUR.search(about) or (
        "party-committee" in group and not re.search(r"environment|ecolog|eco-", group)
    ):
        return "party-tour"
    if en.LOOK_BACK.search(about):
        return "look-back"
    if "central" in group or re.search(r"\bcentral\b", naming, re.IGNORECASE):
        return "central"
    if en.SPECIAL.search(about):
        return "special"
    if en.PROVINCIAL.search(about):
        return "provincial"
    return "central"


def _ordinal(pattern: re.Pattern[str], keyword: str, words: str) -> int | None:
    # A text without the pattern's keyword in any case is not searched: a case-insensitive
    # pattern opening with \b is tried at every character of the inspection's sentences.
    if keyword not in words.lower():
        return None
    match = pattern.search(words)
    return _ORDINALS.get(match["ordinal"].lower()) if match else None


def _inspected(
    text: str,
    sentences: list[Span],
    organizations: Extraction,
    places: Extraction | None,
    kind: str,
) -> tuple[str | None, str | None]:
    """The inspected body or province: (its key, the short name used in the inspection key)."""
    for sentence in sentences[:2]:
        for mention in organizations.mentions:
            if mention.kind is EntityKind.INSPECTION_GROUP or not sentence.covers(mention.span):
                continue
            if en.INSPECTED_OF.search(text[sentence.start : mention.span.start]):
                return mention.entity, mention.entity
    provinces: list[str] = []
    for sentence in sentences[:3]:
        words = text[sentence.start : sentence.end]
        provinces += [p for p, named in bodies.PROVINCE_WORDS.items() if named.search(words)]
    named = list(dict.fromkeys(provinces))
    home = home_province(text)
    if home is not None and (home in named or not named):
        province: str | None = home
    else:
        province = named[0] if len(named) == 1 else None
    if province is None:
        return None, None
    return _place_key(province, places), slug(province)


def _places(text: str) -> Extraction | None:
    """The places stage's entities, so inspected provinces get its keys (adcodes)."""
    try:
        from ducha.loaders.places import extract_places
    except ImportError:  # the places stage is optional: fall back to name slugs
        return None
    return extract_places(text)


def _place_key(province: str, places: Extraction | None) -> str:
    if places is not None:
        for entity in places.entities:
            if entity.kind is EntityKind.PLACE and (
                entity.name.startswith(province) or province in entity.aliases
            ):
                key: str = entity.key
                return key
    full: str = bodies.PROVINCES.get(province, province)
    return str(slug(full))


def _key(inspection: Inspection, target: str | None) -> str:
    parts = [inspection.inspection_type or "inspection"]
    if inspection.round is not None:
        parts.append(f"r{inspection.round}")
        if inspection.batch is not None:
            parts.append(f"b{inspection.batch}")
    else:
        first = inspection.start or inspection.end or inspection.feedback
        if first is not None:
            parts.append(str(first.year))
    if target:
        parts.append(target)
    return "-".join(parts)


def _inspection_without_group(
    text: str, dates: list[DateMention], places: Extraction | None
) -> Inspection | None:
    """An inspection the text dates without naming its group ("inspected in September
    2020")."""
    for mention in dates:
        sentence_start = max(text.rfind(". ", 0, mention.span.start), 0)
        if mention.end is None and en.STARTED.search(text[sentence_start : mention.span.start]):
            home = home_province(text)
            inspection = Inspection(
                key="",
                span=mention.span,
                inspected=_place_key(home, places) if home else None,
                inspection_type="central" if re.search(r"\bcentral\b", text, re.I) else None,
                start=mention.start.first_day(),
            )
            inspection.key = _key(inspection, slug(home) if home else None)
            return inspection
    return None
