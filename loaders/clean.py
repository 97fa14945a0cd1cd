"""Normalise a report's text, strip the web page around it and keep the page's metadata.

The text :func:`clean_text` returns is the one ducha stores and every span indexes, so
everything here is about making it plain and stable: NFC, one kind of newline, single
spaces, at most one blank line, no page chrome. What the chrome says about the report
(source, release time, region tags) goes into :class:`~ducha.loaders.model.Metadata`;
what the report itself says at its end (contact lines, the signatory and its date) stays
in the text, because those are facts with spans, and is copied into the metadata too.

The page layout this expects (see ``service/samples/README.md`` and the seeds): optional
navigation and ``Source:`` / ``Release Time:`` / ``Region:`` lines, the title line, bylines
and share buttons, the body, then a footer (``File Download:``, ``Like(0)``, ``[Print]``,
comment forms, copyright). Of a byline under the title only the names stay ("By Li Rongde
and Zhou Dongxu"): the authors are people of the report, the outlet and date are chrome.
A line that ends in the middle of a sentence and is continued by a line starting in lower
case is one wrapped line; the two are joined with a space, so that a heading such as
"1. Unswervingly shoulder the political responsibility / of rectifying ..." reads as one
line.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date
from itertools import islice

from ducha.loaders.anchors import scan_text
from ducha.loaders.errors import NotAReport
from ducha.loaders.lang.en.chrome import (
    BREADCRUMB,
    BYLINE,
    BYLINE_PEOPLE,
    CONTACT_LABEL,
    CONTACT_LABEL_AT,
    DATE_PREFIX,
    DATELINE,
    FOOTER_START,
    FULL_DATE,
    LABELLED_FIELD,
    MONTHS,
    NAVIGATION_WORDS,
    PAGE_DATE_LINE,
    PHOTO_CREDIT,
    PHOTO_CREDIT_MARK,
    SIGNATORY_WORDS,
    TRAILING_CHROME,
    WIDGET,
)
from ducha.loaders.lang.en.genre import CHINESE_REPORT_WORDS, ENFORCEMENT_WORDS, REPORT_WORDS
from ducha.loaders.lang.en.outline import LINE_MARKERS, PROBLEM_HEADING
from ducha.loaders.model import Metadata

__all__ = ["check_is_report", "clean_text"]

_log = logging.getLogger(__name__)

# Line breaks other than "\n" once "\r\n" is one: a single character class, which the
# engine scans for quickly (an alternation opening with "\r\n?" is tried at every character).
_NEWLINES = re.compile(r"[\r\u2028\u2029\x85\x0b\x0c]")
# Invisible (zero-width, soft hyphen, BOM) and control characters, removed in one pass.
_INVISIBLE_OR_CONTROL = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])|\s*[|/·•]\s*")
_LANGUAGE_MENU = re.compile(r"中文|Français|Español|Deutsch|Русский|日本語|한국어")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_FINAL = ".!?。！？…"
_CLAUSE_FINAL = _SENTENCE_FINAL + ";:；："
_CLOSERS = "\"”’')）]」』"
_LETTERED_ITEM = re.compile(r"[a-h][.)]\s")
# Seed 001 starts "2021 to January 5, 2022, ...": the end of a cut-off date range.
_CUT_START = re.compile(
    r"(?:[a-z]|[,;:.)\]）」』]|\d{1,4}(?:,\s*\d{4})?\s+(?:to|and|until|till|through|-|–)\s)"
)
_TITLE_MIN_WORDS = 5
_TITLE_MAX_CHARS = 500
_HEADER_SCAN_LINES = 60
_FOOTER_LINE_MAX_WORDS = 6
_SIGNATORY_MAX_WORDS = 30
_MIN_REPORT_WORDS = 12


def clean_text(text: str, *, name: str | None = None) -> tuple[str, Metadata]:
    """The normalised report text and what the page says about the report.

    Takes decoded text (see :func:`ducha.loaders.read.read_document`); ``name`` is recorded
    as ``Metadata.file_name``. The returned text starts with the title line when the page
    has one and keeps the closing contact lines, signatory and date. Pure and idempotent
    on its own output's body: cleaning the same input always gives the same text.

    >>> text, meta = clean_text("Source: http://x.cn/a\\nRegion: China,Hainan\\n\\n"
    ...     "Hainan holds officials accountable after the inspection\\n\\n"
    ...     "The inspectors  found 9 cases.\\nLike(0)\\nCollect(0)\\n")
    >>> text
    'Hainan holds officials accountable after the inspection\\n\\nThe inspectors found 9 cases.'
    >>> meta.source, meta.regions, meta.title
    ('http://x.cn/a', ['Hainan'], 'Hainan holds officials accountable after the inspection')
    """
    metadata = Metadata(file_name=name)
    lines = _normalised_lines(text)
    title_index, body_start = _strip_header(lines, metadata)
    _strip_footer(lines, body_start, metadata)
    first_body = lines[body_start] if body_start < len(lines) else None
    if first_body is not None:
        lines[body_start] = DATE_PREFIX.sub("", first_body)
    kept = [line for line in lines if line is not None]
    title_position = None
    if title_index is not None:
        title_position = sum(1 for line in lines[:title_index] if line is not None)
    kept = _join_wrapped(kept, title_position)
    cleaned = _assemble(kept)
    _read_ending(cleaned, metadata)
    if metadata.issued is None and title_position is not None:
        metadata.issued = _dateline_date(cleaned)
    first_line = cleaned.split("\n", 1)[0]
    metadata.truncated_start = metadata.title is None and bool(_CUT_START.match(first_line))
    return cleaned, metadata


def check_is_report(text: str, name: str) -> None:
    """Raise :class:`NotAReport` unless ``text`` reads like an inspection or rectification report.

    A report talks about inspecting, supervising, rectifying, feedback, petitions or
    accountability, or at least about pollution and its enforcement, or it numbers
    fed-back problems. Chinese text with 督察, 整改 or 巡视 passes at once.

    >>> check_is_report("Mix the flour with two eggs and bake for ten minutes.", "cake.txt")
    Traceback (most recent call last):
    ...
    ducha.loaders.errors.NotAReport: 'cake.txt' is not an inspection or rectification report: ...
    """
    if CHINESE_REPORT_WORDS.search(text):
        return
    # Counting stops as soon as the answer is known: a report passes on its first words.
    if _at_least(_TOKEN, text, _MIN_REPORT_WORDS) and (
        _at_least(REPORT_WORDS, text, 2)
        or (_at_least(REPORT_WORDS, text, 1) and ENFORCEMENT_WORDS.search(text))
        or len({match.lower()[:5] for match in ENFORCEMENT_WORDS.findall(text)}) >= 3
        or _has_numbered_problem(text)
    ):
        return
    words = len(_TOKEN.findall(text))
    report_words = len(REPORT_WORDS.findall(text))
    enforcement = {match.lower()[:5] for match in ENFORCEMENT_WORDS.findall(text)}
    raise NotAReport(
        f"{name!r} is not an inspection or rectification report: it has "
        f"{'only ' + str(words) + ' words and ' if words < _MIN_REPORT_WORDS else ''}"
        f"no inspection, supervision or rectification vocabulary and no numbered problems "
        f"({report_words} inspection words, {len(enforcement)} kinds of enforcement words). "
        "Load the text of an eco-environmental inspection or rectification report; if this "
        "file is one, check that it is the report itself and not a page around it."
    )


# --- normalising -------------------------------------------------------------------------


def _normalised_lines(text: str) -> list[str | None]:
    """NFC, one newline, no invisible or control characters, single spaces, stripped lines."""
    text = _NEWLINES.sub("\n", text.replace("\r\n", "\n"))
    text = _INVISIBLE_OR_CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)  # after the removals, which can expose pairs
    # Each run of spaces made one space and the line stripped, as a substitution of
    # ``[^\S\n]+`` and strip() would (str.split and re's \s agree on every whitespace
    # character): several times faster.
    return [" ".join(line.split()) for line in text.split("\n")]


def _assemble(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _join_wrapped(lines: list[str], title: int | None) -> list[str]:
    """Join a line cut mid-sentence to the lower-case line that continues it."""
    out: list[str] = []
    for index, line in enumerate(lines):
        previous = out[-1] if out else ""
        if (
            line
            and previous
            and index - 1 != title
            and line[0].islower()
            and line[0].isascii()
            and not _LETTERED_ITEM.match(line)
            and previous[-1] not in _CLAUSE_FINAL
        ):
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


# --- header ------------------------------------------------------------------------------


def _strip_header(lines: list[str | None], metadata: Metadata) -> tuple[int | None, int]:
    """Drop chrome before and after the title; return ``(title index, first body line)``."""
    title: int | None = None
    tentative: list[int] = []
    index = 0
    while index < min(len(lines), _HEADER_SCAN_LINES):
        line = lines[index]
        if not line:
            index += 1
            continue
        if _is_header_chrome(line, metadata):
            lines[index] = None
        elif _is_title(line):
            title = index
            metadata.title = line
            break
        elif _word_count(line) < _TITLE_MIN_WORDS and line[-1] not in _CLAUSE_FINAL:
            tentative.append(index)  # a menu word or site name, unless no title follows
        else:
            break
        index += 1
    if title is None:
        return None, index
    for dropped in tentative:
        lines[dropped] = None
    index = title + 1
    while index < len(lines):
        line = lines[index]
        if line and not _is_byline_chrome(line, metadata):
            break
        if line:
            lines[index] = _byline_people(line)
        index += 1
    return title, index


def _byline_people(line: str) -> str | None:
    """The part of a byline line that names its authors ("By Li Rongde and Zhou Dongxu"),
    or None when the line names nobody. The people are facts of the report (the people
    extractor reads them); outlet, date and "Updated:" are chrome."""
    parts = [m["people"] or m["reporter"] for m in BYLINE_PEOPLE.finditer(line)]
    return " | ".join(parts) if parts else None


def _is_header_chrome(line: str, metadata: Metadata) -> bool:
    return (
        _read_labelled(line, metadata)
        or bool(BREADCRUMB.search(line))
        or _is_navigation(line)
        or bool(WIDGET.match(line))
        or (bool(_LANGUAGE_MENU.search(line)) and _word_count(line) < 10)
    )


def _is_byline_chrome(line: str, metadata: Metadata) -> bool:
    return (
        _read_labelled(line, metadata)
        or bool(BYLINE.search(line))
        or bool(PAGE_DATE_LINE.match(line))
        or bool(WIDGET.match(line))
        or _is_navigation(line)
    )


def _is_navigation(line: str) -> bool:
    parts = [part.strip().lower() for part in _GLUED_WORDS.split(line) if part.strip()]
    return bool(parts) and all(part in NAVIGATION_WORDS for part in parts)


def _is_title(line: str) -> bool:
    return (
        _word_count(line) >= _TITLE_MIN_WORDS
        and len(line) <= _TITLE_MAX_CHARS
        and line[-1] not in ".;:,，。；："
        and not line[0].islower()
        and not any(pattern.match(line) for _, pattern in LINE_MARKERS)
        and not CONTACT_LABEL.search(line)
    )


def _word_count(line: str) -> int:
    # A Chinese title has no spaces: count two characters as a word.
    return len(_TOKEN.findall(_CJK.sub(" ", line))) + len(_CJK.findall(line)) // 2


def _read_labelled(line: str, metadata: Metadata) -> bool:
    """Whether ``line`` is a labelled page field; keep its value in ``metadata``."""
    match = LABELLED_FIELD.match(line)
    if match is None:
        return False
    label = " ".join(match.group("label").lower().split())
    value = match.group("value").strip()
    if label in ("source", "来源") and metadata.source is None and value:
        metadata.source = value.split(" | ")[0].split("|")[0].strip()
    elif label in ("release time", "release date", "publish time", "published time", "发布时间"):
        if metadata.released is None and value:
            metadata.released = value
            metadata.issued = metadata.issued or _full_date(value)
    elif label in ("region", "regions", "地区"):
        for region in re.split(r"[,，、;；]", value):
            region = region.strip()
            if region and region.lower() != "china" and region not in metadata.regions:
                metadata.regions.append(region)
    return True


# --- footer ------------------------------------------------------------------------------


def _strip_footer(lines: list[str | None], body_start: int, metadata: Metadata) -> None:
    start = _footer_start(lines, body_start)
    for index in range(start, len(lines)):
        line = lines[index]
        if line:
            _read_labelled(line, metadata)
        lines[index] = None
    # Lone widgets and outlet names at the very end ("Global Times", "Leave a Reply").
    for index in range(min(start, len(lines)) - 1, body_start - 1, -1):
        line = lines[index]
        if line is None or not line:
            continue
        if not (
            WIDGET.match(line)
            or TRAILING_CHROME.match(line)
            or FOOTER_START.search(line)
            or _read_labelled(line, metadata)
        ):
            break
        lines[index] = None
    for index in range(body_start, len(lines)):
        line = lines[index]
        if line and PHOTO_CREDIT_MARK in line:
            lines[index] = PHOTO_CREDIT.sub("", line)


def _footer_start(lines: list[str | None], body_start: int) -> int:
    """The first footer-start line after which every line is footer; ``len(lines)`` if none."""
    last_body = body_start - 1
    for index in range(len(lines) - 1, body_start - 1, -1):
        line = lines[index]
        if line and not _is_footer_line(line):
            last_body = index
            break
    for index in range(last_body + 1, len(lines)):
        line = lines[index]
        if line and FOOTER_START.search(line):
            return index
    return len(lines)


def _is_footer_line(line: str) -> bool:
    return bool(
        FOOTER_START.search(line)
        or WIDGET.match(line)
        or TRAILING_CHROME.match(line)
        or LABELLED_FIELD.match(line)
        or BYLINE.search(line)
        or (_word_count(line) <= _FOOTER_LINE_MAX_WORDS and line[-1] not in _SENTENCE_FINAL)
    )


# --- the report's own ending -------------------------------------------------------------


def _read_ending(text: str, metadata: Metadata) -> None:
    """Signatory, its date and contact lines at the end; whether the text is cut off."""
    lines = [line for line in text.split("\n") if line]
    signed = False
    if lines:
        day = _full_date(lines[-1], whole=True)
        if day is not None:
            signed = True
            metadata.issued = day
            if len(lines) > 1 and _is_signatory(lines[-2]):
                metadata.publisher = lines[-2]
    # Contact lines are few: only lines where a label's word stands are read for them.
    scan, line_start = scan_text(text), 0
    for line in text.split("\n"):
        if line and scan.can_match(CONTACT_LABEL_AT, line_start, line_start + len(line)):
            metadata.contacts.extend(_contacts(line))
        line_start += len(line) + 1
    if lines and not signed:
        last = lines[-1].rstrip(_CLOSERS)
        ends_clean = bool(last) and last[-1] in _SENTENCE_FINAL
        metadata.truncated_end = not ends_clean and not CONTACT_LABEL.search(lines[-1])


def _is_signatory(line: str) -> bool:
    return (
        _word_count(line) <= _SIGNATORY_MAX_WORDS
        and line[-1] not in _CLAUSE_FINAL
        and bool(SIGNATORY_WORDS.search(line))
        and not CONTACT_LABEL.search(line)
    )


def _contacts(line: str) -> list[str]:
    """'Tel: 1, Address: 2, E-mail: 3.' -> ['Tel: 1', 'Address: 2', 'E-mail: 3']."""
    starts = [match.start() for match in CONTACT_LABEL.finditer(line)]
    pieces = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(line)
        piece = line[start:end].rstrip(" ,;，；")
        if k + 1 == len(starts):
            piece = piece.rstrip(".。")
        if piece:
            pieces.append(piece)
    return pieces


def _full_date(value: str, *, whole: bool = False) -> date | None:
    """A complete printed date in ``value`` (the whole of it when ``whole``), else None."""
    match = FULL_DATE.fullmatch(value.strip(" .")) if whole else FULL_DATE.search(value)
    if match is None:
        return None
    groups = match.groupdict()
    for k in "123":
        if groups[f"y{k}"]:
            month = groups[f"m{k}"]
            month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                return date(int(groups[f"y{k}"]), month_number, int(groups[f"d{k}"]))
            except ValueError:
                return None
    return None


def _dateline_date(text: str) -> date | None:
    """The date of a news dateline ("Beijing, May 10 --") opening the first paragraph.

    The dateline has no year; the year is that of the first full date in the text with the
    same month and day ("... fed back on May 10, 2019"), so nothing is guessed.
    """
    lines = text.split("\n")
    first_body = next(
        (line for line in lines[1:] if line and not BYLINE_PEOPLE.fullmatch(line)), ""
    )
    match = DATELINE.match(first_body)
    if match is None or not (match.group().rstrip().endswith(("--", "—", "–", ")"))):
        return None
    month, day = MONTHS[match.group("m").lower()], int(match.group("d"))
    for found in FULL_DATE.finditer(text):
        stated = _full_date(found.group())
        if stated is not None and (stated.month, stated.day) == (month, day):
            return stated
    return None


def _at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether ``pattern`` matches ``text`` at least ``count`` times."""
    return sum(1 for _ in islice(pattern.finditer(text), count)) == count


def _has_numbered_problem(text: str) -> bool:
    for line in text.split("\n"):
        line = line.strip()
        for _, pattern in LINE_MARKERS:
            marker = pattern.match(line)
            if marker and PROBLEM_HEADING.match(line, marker.end()):
                return True
    return False
