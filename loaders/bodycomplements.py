"""What follows a body's head noun: its ``of``/``for`` complements ("of the Department of
Ecology and Environment of the Autonomous Region") and the lower-case task of a leading
group ("for the comprehensive management of the ecological environment of ...").

:mod:`ducha.loaders.bodynames` calls these while it reads a name.
"""

from __future__ import annotations

from ducha.loaders.bodyplaces import PLACE_SUFFIXES
from ducha.loaders.bodyunits import Token, is_modifier, joined
from ducha.loaders.lang.en import bodies as en

__all__ = ["extend_right", "task_complement"]

_TASK_MAX_TOKENS = 30


def extend_right(
    text: str, tokens: list[Token], head_tokens: set[int], end: int, kind: str
) -> tuple[int, list[tuple[int, int]]]:
    """Take ``of``/``for`` complements; returns the end token and each complement's range.

    ``head_tokens`` are the indices of every token inside a head noun of the text."""
    segments: list[tuple[int, int]] = []
    while end + 1 < len(tokens) and tokens[end].lower in ("of", "for"):
        if not joined(text, tokens[end - 1], tokens[end]):
            break
        first = end + 1
        if tokens[first].lower == "the" and first + 1 < len(tokens):
            first += 1
        last = first
        while last < len(tokens) and joined(text, tokens[last - 1], tokens[last]):
            token = tokens[last]
            if token.lower in ("of", "for") and last not in head_tokens:
                break
            if token.lower in en.NOUNS_AFTER_HEAD:
                break
            if last - 1 in head_tokens and last not in head_tokens and (
                token.lower not in PLACE_SUFFIXES
            ):
                break  # a body named in a complement ends with its head
            if token.lower == "and" and (
                last + 1 >= len(tokens) or tokens[last + 1].lower == "the"
            ):
                break
            if not (
                is_modifier(token)
                or token.lower in PLACE_SUFFIXES
                or token.lower in ("and", "batch", "round", "people's")
                or last in head_tokens
            ):
                break
            last += 1
        while last > first and tokens[last - 1].lower == "and":
            last -= 1
        after_party = bool(segments) and [t.lower for t in tokens[slice(*segments[-1])]] == [
            "communist",
            "party",
        ]
        if last == first or not (
            after_party or _complement_ok(tokens, head_tokens, first, last, kind)
        ):
            break
        segments.append((first, last))
        end = last
    return end, segments


def _complement_ok(
    tokens: list[Token], head_tokens: set[int], first: int, last: int, kind: str
) -> bool:
    words = [t.lower for t in tokens[first:last]]
    if words == ["china"]:
        return False  # "Ministry of Environmental Protection of China": the country
    if any(i in head_tokens for i in range(first, last)):
        return True
    if any(t.capital for t in tokens[first:last]):
        return True
    if kind == "inspection-group" and ("batch" in words or "round" in words):
        return True
    return " ".join(words) in ("autonomous region", "province", "department")


def task_complement(text: str, tokens: list[Token], head_tokens: set[int], end: int) -> int | None:
    """The end token of a lower-case task after "for" that names a leading group ("leading
    group for the comprehensive management of the ecological environment of the Muli mining
    area and the natural protection zone of Qilian Mountains"): to the end of the noun
    phrase (a comma, a verb, a number or another body); None when there is none."""
    if end + 1 >= len(tokens) or tokens[end].lower != "for":
        return None
    if not joined(text, tokens[end - 1], tokens[end]):
        return None
    last = end + 1
    while last < len(tokens) and last - end <= _TASK_MAX_TOKENS:
        token = tokens[last]
        if not joined(text, tokens[last - 1], token) or last in head_tokens:
            break
        if token.lower in en.TASK_STOPS or token.text[0].isdigit() or (
            token.lower.endswith("ed") and token.lower not in en.TASK_PARTICIPLES
        ):
            break
        if token.lower == "and" and _body_follows(text, tokens, head_tokens, last):
            break  # "leading group for X and the provincial government"
        last += 1
    while last > end + 1 and tokens[last - 1].lower in en.CONNECTING_WORDS:
        last -= 1
    return last if last - end >= 3 else None


def _body_follows(text: str, tokens: list[Token], head_tokens: set[int], index: int) -> bool:
    while index + 1 < len(tokens) and joined(text, tokens[index], tokens[index + 1]):
        index += 1
        if index in head_tokens:
            return True
    return False
