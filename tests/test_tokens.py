"""Token columns are what ``finditer`` finds, as three lists."""

from __future__ import annotations

import importlib
import re

import pytest
from ducha.loaders.errors import InternalError
from ducha.loaders.tokens import token_columns

WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?|\d+(?:st|nd|rd|th)?")


def test_words_with_their_offsets() -> None:
    text = "The 2nd Group's  work, 2023."
    assert token_columns(WORD, text) == (
        ["The", "2nd", "Group's", "work", "2023"],
        [0, 4, 8, 17, 23],
        [3, 7, 15, 21, 27],
    )


@pytest.mark.parametrize("text", ["", "...", "a", " a", "a ", "ab-cd e", "1st\n2 x", "é a"])
def test_same_as_finditer(text: str) -> None:
    words, starts, ends = token_columns(WORD, text)
    assert list(zip(words, starts, ends, strict=True)) == [
        (m[0], m.start(), m.end()) for m in WORD.finditer(text)
    ]


def test_a_pattern_with_a_group_is_refused() -> None:
    with pytest.raises(InternalError):
        token_columns(re.compile(r"(a)b"), "ab")


def _compiled_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every pattern the extraction and validation modules compile at import, by name."""
    import pkgutil

    import ducha.loaders
    import ducha.shapes

    found = []
    for package in (ducha.loaders, ducha.shapes):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                values = value if isinstance(value, (tuple, list)) else (value,)
                found += [(f"{info.name}.{name}", v) for v in values if isinstance(v, re.Pattern)]
    return found


def _possessive(items: object) -> bool:
    """Whether a parsed pattern (``re._parser``'s tree) has a possessive repeat or an atomic
    group anywhere."""
    from re import _constants

    if isinstance(items, (list, tuple)) or hasattr(items, "data"):
        return any(_possessive(item) for item in getattr(items, "data", items))
    return items in (_constants.POSSESSIVE_REPEAT, _constants.ATOMIC_GROUP)


def test_no_pattern_is_possessive_since_python_3_11_before_5_mis_matches_them() -> None:
    # gh-100061, gh-106052: CPython 3.11.0-3.11.4 (Debian 12's python3 is 3.11.2) found other
    # words with ``[A-Za-z]++(?:...)*+`` than with the same pattern unpossessive.
    from re import _parser

    patterns = _compiled_patterns()
    assert len(patterns) > 100
    possessive = [name for name, p in patterns if _possessive(_parser.parse(p.pattern, p.flags))]
    assert possessive == []
    assert _possessive(_parser.parse(r"[A-Za-z]++", 0))
    assert _possessive(_parser.parse(r"(?:a(?>b|c))?", 0))
