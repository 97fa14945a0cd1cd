"""The formats the service speaks, and content negotiation between them.

One :class:`Format` type serves every surface (SPARQL results, RDF graphs, report and
resource pages, tables): its media type, file extension, the pyoxigraph format that writes it
and the other media types clients use for it. :func:`negotiate` picks one from an ``Accept``
header (with q-values and wildcards) or from an explicit ``format`` parameter.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).name
'xml'
>>> negotiate("*/*", GRAPH_FORMATS).media_type
'text/turtle'
>>> negotiate(None, RESULT_FORMATS, requested="tsv").extension
'tsv'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from ducha.service.errors import NotAcceptable, UnsupportedMediaType

__all__ = [
    "CSV",
    "GRAPH_FORMATS",
    "HTML",
    "JSON",
    "JSON_LD",
    "N_QUADS",
    "N_TRIPLES",
    "RDF_XML",
    "RESULTS_CSV",
    "RESULTS_JSON",
    "RESULTS_TSV",
    "RESULTS_XML",
    "RESULT_FORMATS",
    "TRIG",
    "TURTLE",
    "Format",
    "by_name",
    "negotiate",
    "parse_accept",
    "rdf_format_of",
]


@dataclass(frozen=True)
class Format:
    """One representation: ``name`` is what ``?format=`` takes, ``media_type`` what is sent."""

    name: str
    media_type: str
    extension: str
    oxigraph: ox.QueryResultsFormat | ox.RdfFormat | None = None
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text formats say they are UTF-8)."""
        return f"{self.media_type}; charset=utf-8"

    def accepts(self, media_type: str) -> bool:
        return media_type == self.media_type or media_type in self.aliases


RESULTS_JSON = Format(
    "json",
    "application/sparql-results+json",
    "srj",
    ox.QueryResultsFormat.JSON,
    ("application/json", "text/json"),
)
RESULTS_XML = Format(
    "xml",
    "application/sparql-results+xml",
    "srx",
    ox.QueryResultsFormat.XML,
    ("application/xml", "text/xml"),
)
RESULTS_CSV = Format("csv", "text/csv", "csv", ox.QueryResultsFormat.CSV)
RESULTS_TSV = Format("tsv", "text/tab-separated-values", "tsv", ox.QueryResultsFormat.TSV)

TURTLE = Format(
    "turtle", "text/turtle", "ttl", ox.RdfFormat.TURTLE, ("application/x-turtle", "text/n3")
)
N_TRIPLES = Format("ntriples", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES)
JSON_LD = Format("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD)
RDF_XML = Format("rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML)
TRIG = Format("trig", "application/trig", "trig", ox.RdfFormat.TRIG)
N_QUADS = Format("nquads", "application/n-quads", "nq", ox.RdfFormat.N_QUADS)

HTML = Format("html", "text/html", "html", None, ("application/xhtml+xml",))
JSON = Format("json", "application/json", "json", None, ("text/json",))
CSV = Format("csv", "text/csv", "csv", None)

# The first of each list is what a client that accepts anything gets.
RESULT_FORMATS: tuple[Format, ...] = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML, TRIG, N_QUADS)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their q-values, best first.

    Ties keep the client's order, except that a more specific range wins over a wildcard.
    A missing or empty header accepts anything.
    """
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float, int, int]] = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, quality, specificity, position))
    ranges.sort(key=lambda r: (-r[1], -r[2], r[3]))
    return [(media, quality) for media, quality, _, _ in ranges]


def _matches(media_range: str, candidate: Format) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        kind = media_range[:-1]
        return candidate.media_type.startswith(kind) or any(
            a.startswith(kind) for a in candidate.aliases
        )
    return candidate.accepts(media_range)


def by_name(name: str, choices: Sequence[Format]) -> Format:
    """The format called ``name`` (or with that media type or extension) among ``choices``."""
    wanted = name.strip().lower()
    for candidate in choices:
        if wanted in (candidate.name, candidate.extension) or candidate.accepts(wanted):
            return candidate
    names = ", ".join(c.name for c in choices)
    raise NotAcceptable(f"unknown format {name!r} here; use one of: {names}")


def negotiate(
    accept: str | None,
    choices: Sequence[Format],
    *,
    requested: str | None = None,
    browser_default: Format | None = None,
) -> Format:
    """Pick the representation to send.

    ``requested`` (a ``?format=`` value) wins over the header. A browser (its ``Accept``
    names text/html first and is not one of ``choices``) gets ``browser_default`` or the
    first choice; ``*/*`` gets the first choice. Raises :class:`NotAcceptable` when nothing
    the client accepts is available.
    """
    if requested:
        return by_name(requested, choices)
    ranges = parse_accept(accept)
    for media_range, quality in ranges:
        if quality <= 0:
            continue
        if media_range in ("text/html", "application/xhtml+xml") and not any(
            _matches(media_range, c) for c in choices
        ):
            return browser_default or choices[0]
        for candidate in choices:
            if _matches(media_range, candidate):
                return candidate
    raise NotAcceptable(
        f"none of the formats asked for ({accept}) is available here; ask for one of: "
        + ", ".join(c.media_type for c in choices)
    )


def rdf_format_of(content_type: str | None) -> ox.RdfFormat:
    """The RDF syntax of a request body from its ``Content-Type`` (charset ignored)."""
    media = (content_type or "").split(";")[0].strip().lower()
    for candidate in GRAPH_FORMATS:
        if candidate.accepts(media) and isinstance(candidate.oxigraph, ox.RdfFormat):
            return candidate.oxigraph
    raise UnsupportedMediaType(
        f"cannot read RDF sent as {media or 'no content type'!r}; send one of: "
        + ", ".join(f.media_type for f in GRAPH_FORMATS)
    )
