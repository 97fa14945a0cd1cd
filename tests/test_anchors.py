"""Anchored patterns find exactly what ``finditer`` finds, only faster."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import ducha.loaders
import pytest
from ducha.loaders.anchors import (
    CAPITAL_WORD,
    DIGITS_SCOUT,
    LINE_SCOUT,
    Anchored,
    AnchorScan,
    whole_word,
)
from ducha.loaders.clean import clean_text

REPO = Path(__file__).parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _every_anchored_pattern() -> list[tuple[str, Anchored]]:
    """Every module-level :class:`Anchored` of ``ducha.loaders``, alone or in a list."""
    found: dict[int, tuple[str, Anchored]] = {}
    for info in pkgutil.walk_packages(ducha.loaders.__path__, "ducha.loaders."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            items = value if isinstance(value, list | tuple) else [value]
            for index, item in enumerate(items):
                if isinstance(item, Anchored):
                    found.setdefault(id(item), (f"{info.name}.{name}[{index}]", item))
    return list(found.values())


PATTERNS = _every_anchored_pattern()


def _texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned, _ = clean_text(raw, name=path.name)
        texts += [raw, cleaned, cleaned.upper(), cleaned.swapcase()]
    return texts


def _assert_same_matches(texts: list[str]) -> None:
    for text in texts:
        scan = AnchorScan(text)
        for name, anchored in PATTERNS:
            assert _spans(scan.finditer(anchored)) == _spans(anchored.pattern.finditer(text)), name
        # within a range, as a search over each paragraph does
        ranges = [(0, len(text) // 3), (len(text) // 3, len(text) // 2), (len(text) // 2, 10**9)]
        for name, anchored in PATTERNS:
            for start, end in ranges:
                found = _spans(scan.finditer(anchored, start, end))
                assert found == _spans(anchored.pattern.finditer(text, start, end)), name
                if not scan.can_match(anchored, start, end):
                    assert anchored.pattern.search(text, start, end) is None, name


def test_the_loaders_anchor_their_slow_patterns() -> None:
    names = {name.rsplit("[", 1)[0] for name, _ in PATTERNS}
    assert "ducha.loaders.lang.en.numbers.NON_FIGURES" in names
    assert "ducha.loaders.lang.en.dates.DATE_ATOM" in names
    assert "ducha.loaders.lang.en.relations.SENTENCE_END" in names


def test_anchored_patterns_match_as_finditer_on_the_bundled_reports() -> None:
    _assert_same_matches(
        _texts(REPO / "service" / "samples") + _texts(REPO / "tests" / "data" / "extra")
    )


def test_anchored_patterns_match_as_finditer_on_the_seed_reports() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed reports are not at {SEEDS}")
    _assert_same_matches(_texts(SEEDS))


def test_digit_line_and_word_scouts() -> None:
    clock = Anchored(re.compile(r"\b\d{1,2}:\d\d\b"), (DIGITS_SCOUT,))
    text = "At 9:30 and 14:05, 3 times; 123:45 is no time."
    assert [m.group() for m in AnchorScan(text).finditer(clock)] == ["9:30", "14:05"]
    numbered = Anchored(re.compile(r"(?:^|(?<=\n))[ \t]*\d{1,2}\.(?=\s)"), (LINE_SCOUT,))
    text = "1. First\n  2. Second\nsee 3. here"
    assert [m.group() for m in AnchorScan(text).finditer(numbered)] == ["1.", "  2."]
    # case-insensitive words are scouted in lower case
    month = Anchored(re.compile(r"\bmay\s+\d+", re.IGNORECASE), ("may",))
    assert [m.group() for m in AnchorScan("MAY 4, May 5 and dismay 6").finditer(month)] == [
        "MAY 4",
        "May 5",
    ]


def test_back_scouts_reach_the_start_of_the_word_before_the_literal() -> None:
    village = Anchored(re.compile(r"\b[A-Z][a-z]+cun\b"), ("cun",), back=r"[A-Za-z]")
    text = "Xiaocun and Dacun, not Xcun or bigcun"
    assert [m.group() for m in AnchorScan(text).finditer(village)] == ["Xiaocun", "Dacun"]


def test_a_match_hides_the_candidates_it_covers_as_finditer_does() -> None:
    pair = Anchored(re.compile(r"\d+ \d+"), (DIGITS_SCOUT,))
    # "1 2" is taken, so "2 3" cannot start inside it; "3 4" follows
    assert [m.group() for m in AnchorScan("1 2 3 4").finditer(pair)] == ["1 2", "3 4"]


def test_text_that_folds_unlike_its_lower_case_uses_plain_finditer() -> None:
    section = Anchored(re.compile(r"\bsection\s+\d+", re.IGNORECASE), ("section",))
    # "ſ" (long s) matches "s" when case is ignored, but lower-cases to itself
    assert [m.group() for m in AnchorScan("ſection 5").finditer(section)] == ["ſection 5"]
    # "İ" lower-cases to two characters; a fullwidth digit is a digit to \d
    digits = Anchored(re.compile(r"\b\d+"), (DIGITS_SCOUT,))
    assert [m.group() for m in AnchorScan("İ No ５ and 6").finditer(digits)] == ["５", "6"]
    assert [m.group() for m in AnchorScan("No ５ and 6").finditer(digits)] == ["５", "6"]


def test_whole_word_matches_as_word_boundaries_do() -> None:
    assert _spans(whole_word("Li").finditer("Li, Lijiang and Li")) == [(0, 2), (16, 18)]
    assert _spans(whole_word("Wu").finditer("Wujiang Wu")) == [(8, 10)]
    # the pattern after the word applies too
    core = whole_word("Yinyi", r"(?![ \t]+[A-Z])")
    assert _spans(core.finditer("Yinyi Group and Yinyi's plant")) == [(16, 21)]
    # a literal that starts with a non-word character needs a word before it for \b
    assert _spans(whole_word("-A").finditer("x-A -A")) == [(1, 3)]
    for literal in ("Li", "-A", "A.", "a b", "’s"):
        for text in ("Li Li-A A. a b ’s", "xLi -A-A A.A a bc ’s’s", ""):
            expected = re.finditer(rf"\b{re.escape(literal)}\b", text)
            assert _spans(whole_word(literal).finditer(text)) == _spans(expected)


def test_ranges_and_can_match() -> None:
    month = Anchored(re.compile(r"\bmay\s+\d+", re.IGNORECASE), ("may",))
    text = "May 4. In June. On May 5 and 6."
    scan = AnchorScan(text)
    assert [m.group() for m in scan.finditer(month, 7)] == ["May 5"]
    # the range ends the match as endpos does: "May 5" is cut to "May " and fails
    assert [m.group() for m in scan.finditer(month, 7, 22)] == []
    assert not scan.can_match(month, 7, 15)  # "In June." has no "may"
    assert scan.can_match(month, 16, 31)


def test_plain_text_scouts_found_in_one_pass_match_as_finditer() -> None:
    # "aa" overlaps itself: finditer takes 0 and 2 in "aaaa", not 1
    doubled = Anchored(re.compile(r"aa"), ("aa",))
    assert _spans(AnchorScan("aaaa aaa").finditer(doubled)) == [(0, 2), (2, 4), (5, 7)]
    # a scout that is the start of another: both found
    words = Anchored(re.compile(r"\bten(?:th)?\b", re.IGNORECASE), ("ten", "tenth"))
    assert [m.group() for m in AnchorScan("Tenth of ten, not often").finditer(words)] == [
        "Tenth",
        "ten",
    ]


def test_capital_word_is_a_capital_at_a_word_start() -> None:
    pattern = re.compile(rf"{CAPITAL_WORD}[a-z]+")
    text = "Guiyang, McDonald, 3Ab and xYz Lake"
    assert [m.group() for m in pattern.finditer(text)] == ["Guiyang", "Mc", "Lake"]
    assert _spans(pattern.finditer(text)) == _spans(re.finditer(r"\b[A-Z][a-z]+", text))


def test_scouts_of_one_character_match_as_finditer() -> None:
    # a class of plain characters (a dash first, a non-ASCII dash, a newline) and one
    # escaped bracket are found character by character; a range is left to the regex
    dash = Anchored(re.compile(r"\s[-–—]{1,2}\s|\n"), (r"[-–—\n]", r"\("), back=r"\s")
    text = "A - b – c\n(d) -- e—f"
    assert _spans(AnchorScan(text).finditer(dash)) == [(1, 4), (5, 8), (9, 10), (13, 17)]
    letters = Anchored(re.compile(r"[b-d]\)"), (r"[b-d]",))
    assert _spans(AnchorScan(text).finditer(letters)) == [(11, 13)]
