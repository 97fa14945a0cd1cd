"""The tokens of a text with their offsets, without a match object per token.

Several extractors read a report as a list of tokens with offsets. Built with ``finditer``
(a match object, ``span()`` and a tuple per token, in Python) that list costs several times
the regex search itself. :func:`token_columns` splits the text on the token pattern instead
(``re.split`` keeps the tokens when the whole pattern is one capturing group), and the
offsets are the running sum of the pieces' lengths: the same tokens as ``finditer``, listed
by C loops, and extractors read the columns (or zip them into the tuples they want).

Token patterns use plain greedy quantifiers, never possessive ones (``[A-Za-z]++``) or
atomic groups: they would save 0.35 of the 4.2 ms the word tokenisations of a seed-sized
report take, but CPython 3.11.0-3.11.4 mis-match them (gh-100061, gh-106052; fixed in
3.11.5), and Debian 12's python3 is 3.11.2: there the possessive word pattern of
:mod:`ducha.loaders.places` found 8,897 words in seed 000 instead of 8,924, and places went
missing. ``tests/test_tokens.py`` checks that no pattern the package compiles at import uses them.

>>> import re
>>> token_columns(re.compile(r"[A-Za-z]+"), "Li, Lijiang and Li")
TokenColumns(words=['Li', 'Lijiang', 'and', 'Li'], starts=[0, 4, 12, 16], ends=[2, 11, 15, 18])
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from ducha.loaders.errors import InternalError

__all__ = ["TokenColumns", "token_columns"]


class TokenColumns(NamedTuple):
    """A text's tokens as three columns (no object per token)."""

    words: list[str]  # each token's text
    starts: list[int]  # where each starts
    ends: list[int]  # where each ends


def token_columns(pattern: re.Pattern[str], text: str) -> TokenColumns:
    """The tokens ``pattern.finditer(text)`` finds, as three lists: their texts, where each
    starts and where each ends.

    ``pattern`` must have no capturing group and never match the empty string."""
    pieces = _splitter(pattern).split(text)
    # Pieces alternate: text before the first token, a token, text between, ..., text after
    # the last. offsets[i] is where piece i starts: token j is piece 2j + 1 and ends where
    # piece 2j + 2 starts.
    offsets = list(accumulate(map(len, pieces), initial=0))
    return TokenColumns(pieces[1::2], offsets[1:-2:2], offsets[2:-1:2])


# Big enough for every token pattern and every scout of ducha.loaders.anchors: a pattern
# compiled again per report would cost more than the split saves.
@lru_cache(maxsize=256)
def _splitter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if pattern.groups:
        raise InternalError(f"token pattern {pattern.pattern!r} has a capturing group")
    return re.compile(f"({pattern.pattern})", pattern.flags)
