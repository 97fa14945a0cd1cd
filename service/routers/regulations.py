"""``/regulations``: search the registry of laws and rules, and one page per act.

- ``GET /regulations?q=…&lang=en|zh&level=…`` searches the registry (the shipped acts and
  those users imported into the store) by title in either language: the resolver's matches
  (exact, alias, fuzzy) first, then titles that contain the words asked for (English) or the
  characters (Chinese), method ``substring``. Without ``q`` it lists every act. JSON (a list of
  ``{iri, title_zh, title_en, level, score, method}``, best first, ``[]`` when nothing
  matches) or HTML.
- ``GET /regulations/cn/{level}/{year}/{slug}`` (the act IRI's path after ``eli/``) is the
  act's page: titles in both languages, level, type, issuer, number, dates, every version,
  source, the acts it implements or replaces, the local documents that implement it, and
  every report, problem and measure that cites it with the sentence (linking to the report
  page at that line). HTML, JSON, or the act's statements as Turtle, JSON-LD, N-Triples or
  RDF/XML. Any other form of the IRI (``eli/cn/…``, ``dr:eli/cn/…``, the full Linked Data IRI)
  redirects to it, and a version's IRI to its act's page at that version.

The page itself is built by :mod:`ducha.service.regulation_view`; this module holds the
search and the routes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Annotated, Any

import pyoxigraph as ox
from ducha.loaders.act_titles import has_chinese, normalize_title, title_words
from ducha.loaders.errors import InputError, NotFound
from ducha.loaders.registry import LEVELS, Registry, RegistryEntry, entry_iri
from ducha.loaders.registry_rdf import store_registry
from ducha.loaders.resolve import Resolver
from ducha.loaders.store import PREFIXES, Store
from ducha.service import formats
from ducha.service.dependencies import ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.pages import render
from ducha.service.regulation_view import page_path, regulation_page, regulation_triples
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

__all__ = [
    "Hit",
    "regulation",
    "router",
    "search",
    "search_regulations",
]

router = APIRouter(prefix="/regulations", tags=["Regulations"], responses=ERROR_RESPONSES)

_SEARCH_FORMATS = (formats.JSON, formats.HTML)
_PAGE_FORMATS = (formats.JSON, formats.HTML, *formats.GRAPH_FORMATS[:4])
_RDF_FORMATS = {f.name for f in formats.GRAPH_FORMATS}
# Substring matches rank below every resolver match (whose scores start at its threshold).
_SUBSTRING_WEIGHT = 0.85
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Prefixes of the RDF answers; no dr: (IRIs with slashes would print as dr:eli\/cn\/…).
_RDF_PREFIXES = {
    **{prefix: ns for prefix, ns in PREFIXES.items() if prefix != "dr"},
    "eli": "http://data.europa.eu/eli/ontology#",
    "void": "http://rdfs.org/ns/void#",
}
_VERSION_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# -- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """A registry act found by a search, how, and how well it matches."""

    entry: RegistryEntry
    score: float
    method: str  # exact, alias, fuzzy (the resolver's), substring, or registry (a listing)

    def item(self, base: str) -> dict[str, Any]:
        return {
            "iri": entry_iri(self.entry, base),
            "title_zh": self.entry.title_zh,
            "title_en": self.entry.title_en,
            "level": self.entry.level,
            "score": round(self.score, 4),
            "method": self.method,
        }


def _substring_score(query: str, entry: RegistryEntry, chinese: bool) -> float:
    """How much of one of the act's titles the query covers, if some title contains it."""
    best = 0.0
    if chinese:
        needle = normalize_title(query)
        for label in (entry.title_zh, *entry.alt_zh):
            title = normalize_title(label)
            if needle and needle in title:
                best = max(best, len(needle) / len(title))
    else:
        words = title_words(query)
        for label in (entry.title_en, *entry.alt_en, *entry.short):
            label_words = title_words(label)
            if words and words <= label_words:
                best = max(best, len(words) / len(label_words))
    return _SUBSTRING_WEIGHT * best


def search(
    resolver: Resolver,
    query: str,
    *,
    lang: str | None = None,
    level: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The acts of the resolver's registry whose titles in ``lang`` (by default the language
    ``query`` is written in) match ``query``, best first; every act when ``query`` is blank."""
    entries = [e for e in resolver.registry if level is None or e.level == level]
    if not query.strip():
        return [Hit(entry, 1.0, "registry") for entry in entries][:limit]
    chinese = lang == "zh" if lang else has_chinese(query)
    found: dict[str, Hit] = {}
    for match in resolver.candidates(query, limit=limit):
        if has_chinese(match.label) == chinese:
            found[match.entry.key] = Hit(match.entry, match.score, match.method)
    for entry in entries:
        score = _substring_score(query, entry, chinese)
        if score > 0 and entry.key not in found:
            found[entry.key] = Hit(entry, score, "substring")
    hits = [hit for hit in found.values() if level is None or hit.entry.level == level]
    hits.sort(key=lambda h: (-h.score, _LEVEL_RANK.get(h.entry.level, 99), h.entry.key))
    return hits[:limit]


_resolvers: dict[str, Resolver] = {}
_resolvers_lock = threading.Lock()


def _resolver(store: Store, base: str) -> Resolver:
    """A resolver over the shipped registry and the store's user entries, kept while they
    stay the same."""
    registry: Registry = store_registry(store, base=base)
    digest = registry.digest()
    with _resolvers_lock:
        resolver = _resolvers.get(digest)
        if resolver is None:
            if len(_resolvers) > 8:
                _resolvers.clear()
            resolver = _resolvers[digest] = Resolver(registry)
    return resolver


# -- routes -----------------------------------------------------------------------------------

_FormatParam = Annotated[
    str | None,
    Query(description="json or html; on a regulation page also turtle, jsonld, ntriples, rdfxml."),
]


@router.get(
    "",
    summary="Search the registry of regulations by title, in English or Chinese",
    responses={200: {"content": {f.media_type: {} for f in _SEARCH_FORMATS}}},
)
async def search_regulations(
    request: Request,
    service: ServiceDep,
    q: Annotated[
        str,
        Query(
            max_length=500,
            description="A title, part of one, a short form or a Chinese title; "
            "empty lists every act.",
            examples=["Water Pollution Prevention and Control Law", "水污染防治法"],
        ),
    ] = "",
    lang: Annotated[
        str | None,
        Query(description="en or zh: the titles to search (default: the language of q)."),
    ] = None,
    level: Annotated[
        str | None, Query(description="Only acts of this level: " + ", ".join(LEVELS) + ".")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many acts.")] = 50,
    format: _FormatParam = None,
) -> Response:
    if lang not in (None, "", "en", "zh"):
        raise InputError(f"lang {lang!r} is not one of en, zh")
    if level not in (None, "") and level not in LEVELS:
        raise InputError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    chosen = formats.negotiate(request.headers.get("accept"), _SEARCH_FORMATS, requested=format)
    base = service.settings.base_iri

    def found() -> list[Hit]:
        resolver = _resolver(service.store, base)
        return search(
            resolver,
            q,
            lang=lang or None,
            level=level or None,
            limit=limit if q.strip() else max(limit, len(resolver.registry)),
        )

    hits = await run_in_threadpool(found)
    items = [hit.item(base) for hit in hits]
    if chosen is formats.JSON:
        return JSONResponse(items, headers={"Vary": "Accept"})
    pages = [f"/regulations/{page_path(item['iri'], base)}" for item in items]
    page: Response = render(
        "regulations.html",
        base,
        q=q,
        lang=lang or "",
        level=level or "",
        levels=LEVELS,
        items=list(zip(items, pages, strict=True)),
    )
    return page


def _canonical(path: str) -> str | None:
    """The page path another form of a regulation's IRI names (``eli/cn/…``, ``dr:eli/cn/…``,
    the full IRI), or None when ``path`` already is one."""
    if path.startswith("cn/"):
        return None
    _, found, rest = path.partition("eli/")
    if found and rest.startswith("cn/"):
        return rest
    raise NotFound(
        f"/regulations/{path} names no regulation: use the path after eli/ of its IRI "
        "(cn/{level}/{year}/{slug}) or search with /regulations?q=TITLE"
    )


@router.get(
    "/{path:path}",
    summary="One regulation: titles, versions, and every report and problem citing it",
    responses={
        200: {"content": {f.media_type: {} for f in _PAGE_FORMATS}},
        301: {"description": "Another form of the IRI: the page's own path."},
        303: {"description": "A version: its act's page at that version."},
    },
)
async def regulation(
    request: Request, service: ServiceDep, path: str, format: _FormatParam = None
) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    if not path.strip("/"):
        return RedirectResponse(f"/regulations{query}", status_code=301)
    canonical = _canonical(path)
    if canonical is not None:
        return RedirectResponse(f"/regulations/{canonical}{query}", status_code=301)
    parts = path.strip("/").split("/")
    if ".." in parts or not all(parts):
        raise NotFound(f"/regulations/{path} names no regulation")
    base = service.settings.base_iri
    iri = f"{base}eli/{'/'.join(parts)}"
    # A version ({act}/{date}) is shown on its act's page.
    if len(parts) >= 5 and _VERSION_DATE.match(parts[-1]):
        act = "/".join(parts[:-1])
        return RedirectResponse(f"/regulations/{act}{query}#version-{parts[-1]}", status_code=303)
    chosen = formats.negotiate(request.headers.get("accept"), _PAGE_FORMATS, requested=format)
    if chosen.name in _RDF_FORMATS and isinstance(chosen.oxigraph, ox.RdfFormat):
        rdf_format = chosen.oxigraph

        def rdf() -> bytes:
            triples = regulation_triples(service.store, iri, base)
            return ox.serialize(triples, format=rdf_format, prefixes=_RDF_PREFIXES) or b""

        body = await run_in_threadpool(rdf)
        return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})
    page = await run_in_threadpool(regulation_page, service.store, iri, base)
    if chosen is formats.JSON:
        return JSONResponse(page.as_json(), headers={"Vary": "Accept"})
    html: Response = render("regulation.html", base, page=page)
    return html
