"""Quoted passages, nested quotes included, found even when MT prints every quote as '"'.

A straight quote opens when it follows a space (or an opening bracket) and precedes a word,
and closes when it follows a word or punctuation and precedes a space or punctuation; so
'"Guiding Opinions on the Reform of the "Integration of Bureaus" of Departments"' is one
outer passage with one inner one. A passage left open at the end of its paragraph is
handed to a ``recover`` callback, which may say where it really ends.

>>> text = 'issue the "Opinions on the "Two High" Projects", and "road map".'
>>> [text[s:e] for s, e in quoted_spans(text)]
['Opinions on the "Two High" Projects', 'road map']
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["quoted_spans"]

_OPENING = "“‘"
_CLOSING = "”’"
_BEFORE_OPENER = "([{:—-/\"“"
_AFTER_WORD = ".,;:!?)%'’"
_AFTER_CLOSER = ".,;:!?)]”\"'"
_MARKS = re.compile(f'[{_OPENING}{_CLOSING}"\n]')


def quoted_spans(
    text: str, recover: Callable[[str, int, int], int | None] | None = None
) -> list[tuple[int, int]]:
    """The outermost quoted passages as ``(start, end)`` offsets of their words (quotes
    excluded), in order. ``recover(text, start, paragraph_end)`` may give the end of a
    passage whose closing quote is missing; without it such passages are dropped."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    # Only quote marks and line breaks change anything: visit those, not every character.
    for mark in _MARKS.finditer(text):
        index, char = mark.start(), mark[0]
        if char == "\n":
            if index > 0:  # a line break ends the paragraph (the text's first one does not)
                _flush(text, stack, index, recover, spans)
            continue
        side = _side(text, index, char)
        if side == "open":
            stack.append(index)
        elif side == "close" and stack:
            opened = stack.pop()
            if not stack:
                spans.append((opened + 1, index))
    _flush(text, stack, len(text), recover, spans)
    spans.sort()
    return spans


def _side(text: str, index: int, char: str) -> str | None:
    if char in _OPENING:
        return "open"
    if char in _CLOSING:
        return "close"
    if char != '"':
        return None
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if (before.isspace() or before in _BEFORE_OPENER) and (after.isalnum() or after in "'‘“\"("):
        return "open"
    if (before.isalnum() or before in _AFTER_WORD) and (after.isspace() or after in _AFTER_CLOSER):
        return "close"
    return None


def _flush(
    text: str,
    stack: list[int],
    limit: int,
    recover: Callable[[str, int, int], int | None] | None,
    spans: list[tuple[int, int]],
) -> None:
    if stack and recover is not None:
        start = stack[0] + 1
        end = recover(text, start, limit)
        if end is not None and not any(s <= start < e for s, e in spans):
            spans.append((start, end))
    stack.clear()
