"""Checks on SPARQL text made before the engine sees it.

The engine (Oxigraph) parses recursively and aborts the whole process on a deeply nested
query, and it would call any URL a ``SERVICE`` clause names. So the service reads the text
with a small tokenizer first, one that knows comments, strings and IRIs and so is not fooled
by a keyword inside them: how deep the brackets nest, whether ``SERVICE`` is used, and, for
updates, the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` parameters, which
become ``USING`` clauses. IRIs put into the text are checked as IRIs first, so nothing a
client sends is ever pasted as SPARQL.

>>> nesting_depth('SELECT * { { ?s ?p "{{{" } }')
2
>>> uses_service('SELECT * { ?s <http://x/SERVICE> ?o }  # SERVICE in a comment')
False
>>> uses_service('select * { service <http://example.org/sparql> { ?s ?p ?o } }')
True
>>> with_using('INSERT { ?s a <http://x/C> } WHERE { ?s ?p ?o }', ["http://g/1"], [])
'INSERT { ?s a <http://x/C> } USING <http://g/1> WHERE { ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pyoxigraph as ox
from ducha.loaders.errors import BadQuery

__all__ = [
    "MAX_NESTING",
    "check_query_text",
    "nesting_depth",
    "uses_service",
    "with_base",
    "with_using",
]

# Far deeper than any real query; far shallower than what crashes the parser (thousands).
MAX_NESTING = 100

_ABSOLUTE_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:")
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?[A-Za-z_:][\w\-.:%\\]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<semicolon>;)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterator[re.Match[str]]:
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match


def nesting_depth(text: str) -> int:
    """How deep ``{``, ``(`` and ``[`` nest in the text (outside strings, IRIs, comments)."""
    depth = deepest = 0
    for token in _tokens(text):
        if token.lastgroup == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif token.lastgroup == "close":
            depth = max(0, depth - 1)
    return deepest


def uses_service(text: str) -> bool:
    """True when the text has a ``SERVICE`` clause (federation)."""
    return any(
        token.lastgroup == "word" and token.group().upper() == "SERVICE" for token in _tokens(text)
    )


def check_query_text(text: str, *, federation: bool, what: str = "query") -> None:
    """Refuse text the engine must not see: too deeply nested, or federated when that is off.

    Raises ``BadQuery`` with a message that says what to change.
    """
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise BadQuery(
            f"the {what} nests brackets {depth} levels deep; the limit is {MAX_NESTING}. "
            "Flatten it (most nested groups can be written side by side)."
        )
    if not federation and uses_service(text):
        raise BadQuery(
            f"the {what} uses SERVICE (federation), which is off on this server because it "
            "would make the server fetch any URL; run it on your own endpoint, or ask the "
            "operator to set DUCHA_FEDERATION=true"
        )


def with_base(text: str, base: str) -> str:
    """The text with ``base`` declared as its base IRI when it has relative IRIs
    (the protocol lets the service choose the base; ducha uses the endpoint's URL).

    A declaration the text makes itself comes later and so takes precedence. Text without
    relative IRIs is returned unchanged, so the parser's line and column numbers hold.

    >>> with_base("SELECT * { <s> ?p ?o }", "http://example.org/sparql")
    'BASE <http://example.org/sparql> SELECT * { <s> ?p ?o }'
    """
    relative = any(
        token.lastgroup == "iri" and not _ABSOLUTE_IRI.match(token.group())
        for token in _tokens(text)
    )
    return f"BASE {_iri(base)} {text}" if relative else text


def _iri(value: str) -> str:
    try:
        return str(ox.NamedNode(value))
    except ValueError as error:
        raise BadQuery(f"{value!r} is not an IRI: {error}") from error


def with_using(update: str, graphs: Sequence[str], named: Sequence[str]) -> str:
    """The update with the protocol's dataset as ``USING`` / ``USING NAMED`` clauses.

    Each ``DELETE``/``INSERT ... WHERE`` operation gets the clauses before its ``WHERE``.
    Raises ``BadQuery`` when the update already names its dataset (``USING`` or ``WITH``),
    which the protocol forbids together with the parameters, or uses the ``DELETE WHERE``
    shorthand, which cannot take ``USING``.
    """
    if not graphs and not named:
        return update
    clauses = " ".join(
        [f"USING {_iri(g)}" for g in graphs] + [f"USING NAMED {_iri(g)}" for g in named]
    )
    depth = 0
    operation: list[str] = []  # top-level keywords of the current operation
    insert_at: list[int] = []
    for token in _tokens(update):
        kind = token.lastgroup
        if kind == "open":
            if depth == 0:
                operation.append("{")  # so DELETE { ... } WHERE is not DELETE WHERE
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "semicolon" and depth == 0:
            operation = []
        elif kind == "word" and depth == 0:
            word = token.group().upper()
            if word in ("USING", "WITH"):
                raise BadQuery(
                    f"the update has its own {word} clause and the request has "
                    "using-graph-uri/using-named-graph-uri: give the dataset one way only"
                )
            if word == "WHERE" and operation[-1:] == ["DELETE"]:
                raise BadQuery(
                    "DELETE WHERE cannot take using-graph-uri/using-named-graph-uri; write "
                    "it as DELETE { ... } WHERE { ... }"
                )
            if word == "WHERE" and ({"DELETE", "INSERT"} & set(operation)):
                insert_at.append(token.start())
            operation.append(word)
    for position in reversed(insert_at):
        update = f"{update[:position]}{clauses} {update[position:]}"
    return update
