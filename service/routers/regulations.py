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

The page reads the store. A store the registry has not been written to yet (no report loaded
since issue 7) is answered from the shipped registry alone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Annotated, Any

import pyoxigraph as ox
from ducha.loaders.act_titles import has_chinese, normalize_title, title_words
from ducha.loaders.errors import InputError, NotFound
from ducha.loaders.registry import LEVELS, Registry, RegistryEntry, default_registry, entry_iri
from ducha.loaders.registry_rdf import ensure_registry, store_registry
from ducha.loaders.resolve import Resolver
from ducha.loaders.store import PREFIXES, Store
from ducha.service import formats
from ducha.service.dependencies import ServiceDep
from ducha.service.errors import ERROR_RESPONSES
from ducha.service.links import link_for, report_id
from ducha.service.pages import render
from ducha.service.resource_view import sentence_bounds
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

__all__ = [
    "ActVersion",
    "Citation",
    "CitingItem",
    "Hit",
    "Link",
    "RegulationPage",
    "page_path",
    "regulation_page",
    "regulation_triples",
    "router",
    "search",
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

_D = PREFIXES["ducha"]
_DCT = PREFIXES["dcterms"]
_SKOS = PREFIXES["skos"]


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


# -- the page of one act ----------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Another regulation (or an issuer, a place) the page links to."""

    iri: str
    title: str
    url: str
    place: str = ""
    date: str = ""


@dataclass(frozen=True)
class ActVersion:
    """One version of the act: the date and event (adopted, revised, amended …) that made it."""

    iri: str
    date: str
    event: str
    in_force: str = ""


@dataclass(frozen=True)
class CitingItem:
    """A problem or measure of a report that names the act (``violates`` when the text says
    the problem breaks it)."""

    iri: str
    kind: str  # problem, measure
    report: str
    report_id: str
    number: str
    label: str
    violates: bool
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Citation:
    """One sentence of a report that names the act: ``before``, ``quote`` (the mention's
    span ``[start, end)``), ``after``; ``link`` opens the report page at that line."""

    mention: str
    report: str
    report_id: str
    report_title: str
    round: str
    start: int
    end: int
    before: str
    quote: str
    after: str
    link: str
    role: str = ""
    method: str = ""
    score: float | None = None
    item: CitingItem | None = None


@dataclass
class RegulationPage:
    """Everything the page of one regulation shows."""

    iri: str
    path: str  # after /regulations/
    title_en: str = ""
    title_zh: str = ""
    other_titles: list[tuple[str, str]] = field(default_factory=list)  # (text, language)
    level: str = ""  # notation, e.g. law
    level_label: str = ""
    document_type: str = ""
    issuer: list[Link] = field(default_factory=list)
    number: str = ""
    date: str = ""
    in_force: str = ""
    versions: list[ActVersion] = field(default_factory=list)
    source: str = ""
    note: str = ""
    dataset: str = ""  # registry/cn, registry/user, or "" for a document only reports name
    place: str = ""
    implements: list[Link] = field(default_factory=list)
    replaces: list[Link] = field(default_factory=list)
    replaced_by: list[Link] = field(default_factory=list)
    implemented_by: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    items: list[CitingItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.title_en or self.title_zh or self.iri

    def reports(self) -> list[tuple[str, str, list[Citation]]]:
        """The citing reports (id, title, their citations) in the order first cited."""
        grouped: dict[str, tuple[str, str, list[Citation]]] = {}
        for citation in self.citations:
            key = citation.report_id or citation.report
            grouped.setdefault(key, (key, citation.report_title, []))[2].append(citation)
        return list(grouped.values())

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["other_titles"] = [{"text": t, "lang": lang} for t, lang in self.other_titles]
        data["title"] = self.title
        return data


def _rows(store: Store, sparql: str, node: ox.NamedNode) -> list[ox.QuerySolution]:
    result = store.query(sparql, substitutions={"r": node})
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    return "" if term is None else str(term.value)


# Oxigraph substitutes only projected variables, hence ?r in every SELECT.
_FACTS = "SELECT ?r ?p ?o WHERE { ?r ?p ?o }"
_NAMES = """SELECT ?r ?name ?notation WHERE {
  OPTIONAL { ?r rdfs:label|skos:prefLabel|dcterms:title ?name }
  OPTIONAL { ?r skos:notation ?notation }
}"""
_VERSIONS = """SELECT ?r ?v ?date ?event ?force WHERE {
  ?r dcterms:hasVersion ?v .
  OPTIONAL { ?v dcterms:date ?date } OPTIONAL { ?v ducha:versionEvent ?event }
  OPTIONAL { ?v ducha:entryIntoForce ?force }
} ORDER BY ?date"""
_IMPLEMENTED_BY = """SELECT ?r ?doc ?place ?date WHERE {
  ?doc ducha:implements ?r .
  OPTIONAL { ?doc dcterms:spatial/rdfs:label ?place }
  OPTIONAL { ?doc dcterms:date ?date }
}"""
_MENTIONS = """SELECT ?r ?mention ?report ?start ?end ?role ?method ?score WHERE {
  ?mention ducha:mentionOf ?r ; ducha:inReport ?report ;
           prov:wasDerivedFrom/oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  OPTIONAL { ?mention ducha:role ?role }
  OPTIONAL { ?mention ducha:resolutionMethod ?method }
  OPTIONAL { ?mention ducha:resolutionScore ?score }
} ORDER BY ?report ?start"""
_REPORT = """SELECT ?r ?text ?title ?fileName ?round WHERE {
  GRAPH ?r { ?r ducha:text ?text OPTIONAL { ?r dcterms:title ?title }
             OPTIONAL { ?r ducha:fileName ?fileName } }
  OPTIONAL { ?r ducha:answers/ducha:round ?round }
} LIMIT 1"""
_ITEMS = """SELECT ?r ?item ?type ?report ?number ?label ?start ?end ?violates WHERE {
  { ?item ducha:violates ?r BIND (true AS ?violates) }
  UNION { ?item ducha:mentions ?r BIND (false AS ?violates) }
  ?item a ?type ; ducha:inReport ?report .
  FILTER (?type IN (ducha:Problem, ducha:Measure))
  OPTIONAL { ?item ducha:number ?number }
  OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item prov:wasDerivedFrom/oa:hasSelector ?selector .
             ?selector oa:start ?start ; oa:end ?end }
}"""
_DESCRIBE = """CONSTRUCT { ?r ?p ?o . ?s ?q ?r . ?v ?vp ?vo } WHERE {
  { ?r ?p ?o } UNION { ?s ?q ?r } UNION { ?r dcterms:hasVersion ?v . ?v ?vp ?vo }
}"""


class _Names:
    """The English and Chinese names (and SKOS notation) of linked nodes, looked up once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, tuple[str, str, str]] = {}

    def __call__(self, iri: str) -> tuple[str, str, str]:
        """``(english, chinese, notation)``; an unnamed node is named by its IRI."""
        if iri not in self.known:
            english = chinese = notation = ""
            for row in _rows(self.store, _NAMES, ox.NamedNode(iri)):
                name, code = row["name"], row["notation"]
                if isinstance(name, ox.Literal):
                    if has_chinese(name.value) or name.language == "zh":
                        chinese = chinese or name.value
                    elif name.language in ("en", None, ""):
                        english = english or name.value
                notation = notation or _value(code)
            self.known[iri] = (english, chinese, notation)
        return self.known[iri]


def page_path(iri: str, base: str) -> str | None:
    """The path under ``/regulations/`` of a regulation IRI minted under ``base``."""
    prefix = base + "eli/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


def _link(iri: str, base: str, names: _Names, **extra: str) -> Link:
    english, chinese, _ = names(iri)
    path = page_path(iri, base)
    url = f"/regulations/{path}" if path else link_for(iri, base)
    return Link(iri, english or chinese or iri, url, **extra)


def _describe(page: RegulationPage, store: Store, base: str) -> None:
    node = ox.NamedNode(page.iri)
    names = _Names(store)
    for row in _rows(store, _FACTS, node):
        predicate, term = row["p"].value, row["o"]
        text = _value(term)
        is_iri = isinstance(term, ox.NamedNode)
        if predicate == _DCT + "title" and isinstance(term, ox.Literal):
            if term.language == "zh" and not page.title_zh:
                page.title_zh = text
            elif term.language != "zh" and not page.title_en:
                page.title_en = text
            else:
                page.other_titles.append((text, term.language or ""))
        elif predicate == _SKOS + "altLabel" and isinstance(term, ox.Literal):
            page.other_titles.append((text, term.language or ""))
        elif predicate == _D + "level" and is_iri:
            english, _, page.level = names(text)
            page.level_label = english or page.level
        elif predicate == _D + "documentType" and is_iri:
            english, _, notation = names(text)
            page.document_type = english or notation
        elif predicate == _D + "issuedBy" and is_iri:
            page.issuer.append(_link(text, base, names))
        elif predicate == _DCT + "identifier":
            page.number = text
        elif predicate == _DCT + "date":
            page.date = text
        elif predicate == _D + "entryIntoForce":
            page.in_force = text
        elif predicate == _DCT + "source":
            page.source = text
        elif predicate == _SKOS + "editorialNote":
            page.note = text
        elif predicate == "http://rdfs.org/ns/void#inDataset":
            page.dataset = text.removeprefix(base)
        elif predicate == _DCT + "spatial" and is_iri:
            english, chinese, _ = names(text)
            page.place = english or chinese
        elif predicate == _D + "implements" and is_iri:
            page.implements.append(_link(text, base, names))
        elif predicate == _DCT + "replaces" and is_iri:
            page.replaces.append(_link(text, base, names))
        elif predicate == _DCT + "isReplacedBy" and is_iri:
            page.replaced_by.append(_link(text, base, names))
    # rdfs:label repeats the titles; other titles that merely repeat them are left out.
    titles = {page.title_en, page.title_zh}
    page.other_titles = sorted(
        set(page.other_titles) - {(t, lang) for t, lang in page.other_titles if t in titles}
    )
    for row in _rows(store, _VERSIONS, node):
        page.versions.append(
            ActVersion(
                row["v"].value, _value(row["date"]), _value(row["event"]), _value(row["force"])
            )
        )
    seen: set[str] = set()
    for row in _rows(store, _IMPLEMENTED_BY, node):
        doc = row["doc"].value
        if doc not in seen:
            seen.add(doc)
            page.implemented_by.append(
                _link(doc, base, names, place=_value(row["place"]), date=_value(row["date"]))
            )
    page.implemented_by.sort(key=lambda link: (link.place, link.title))


def _citations(page: RegulationPage, store: Store) -> None:
    node = ox.NamedNode(page.iri)
    items: dict[str, CitingItem] = {}
    for row in _rows(store, _ITEMS, node):
        iri = row["item"].value
        known = items.get(iri)
        violates = row["violates"] is not None and row["violates"].value == "true"
        items[iri] = CitingItem(
            iri=iri,
            kind=row["type"].value.removeprefix(_D).lower(),
            report=row["report"].value,
            report_id=report_id(row["report"].value) or "",
            number=_value(row["number"]),
            label=_value(row["label"]),
            violates=violates or (known is not None and known.violates),
            start=int(row["start"].value) if row["start"] is not None else -1,
            end=int(row["end"].value) if row["end"] is not None else -1,
        )
    page.items = sorted(items.values(), key=lambda i: (i.report_id, i.kind, i.start))
    reports: dict[str, tuple[str, str, str]] = {}  # report → text, title, round
    for row in _rows(store, _MENTIONS, node):
        report = row["report"].value
        if report not in reports:
            found = _rows(store, _REPORT, ox.NamedNode(report))
            first = found[0] if found else None
            reports[report] = (
                _value(first["text"]) if first else "",
                (_value(first["title"]) or _value(first["fileName"])) if first else "",
                _value(first["round"]) if first else "",
            )
        text, title, round_ = reports[report]
        start, end = int(row["start"].value), int(row["end"].value)
        if not 0 <= start <= end <= len(text):
            continue
        left, right = sentence_bounds(text, start, end)
        digest = report_id(report) or ""
        line = text.rfind("\n", 0, start) + 1  # the report page anchors each line
        # An item's span is its heading: the text under the last heading before the mention,
        # among the items that name the act, is where the mention is.
        above = [i for i in page.items if i.report == report and 0 <= i.start <= start]
        score = row["score"]
        page.citations.append(
            Citation(
                mention=row["mention"].value,
                report=report,
                report_id=digest,
                report_title=title,
                round=round_,
                start=start,
                end=end,
                before=text[left:start],
                quote=text[start:end],
                after=text[end:right],
                link=f"/ui/reports/{digest}#at-{line}" if digest else report,
                role=_value(row["role"]),
                method=_value(row["method"]),
                score=float(score.value) if score is not None else None,
                item=max(above, key=lambda i: i.start) if above else None,
            )
        )


@cache
def _shipped_registry(base: str) -> Store:
    """An in-memory store holding only the shipped registry (for a store without it)."""
    store = Store.open(None)
    ensure_registry(store, base=base)
    return store


def _is_regulation(store: Store, node: ox.NamedNode) -> bool:
    return bool(store.query("ASK { ?r a ducha:Regulation }", substitutions={"r": node}))


def _source(store: Store, iri: str, base: str) -> Store:
    """The store that describes the regulation ``iri``; NotFound when none does."""
    try:
        node = ox.NamedNode(iri)
    except ValueError as error:
        raise NotFound(f"{iri!r} is not an IRI: {error}") from error
    if _is_regulation(store, node):
        return store
    path = page_path(iri, base) or ""
    if path.startswith("cn/") and path[3:] in default_registry():
        return _shipped_registry(base)
    raise NotFound(
        f"no regulation <{iri}> in the registry or the loaded reports; "
        "search for it with /regulations?q=TITLE"
    )


def regulation_page(store: Store, iri: str, base: str) -> RegulationPage:
    """The page of the regulation ``iri``: its registry facts and everything citing it."""
    source = _source(store, iri, base)
    page = RegulationPage(iri, page_path(iri, base) or iri)
    _describe(page, source, base)
    _citations(page, store)
    return page


def regulation_triples(store: Store, iri: str, base: str) -> list[ox.Triple]:
    """The act's statements, its versions' and those pointing to it."""
    result = _source(store, iri, base).query(_DESCRIBE, substitutions={"r": ox.NamedNode(iri)})
    assert isinstance(result, ox.QueryTriples)
    return list(result)


# -- routes -----------------------------------------------------------------------------------

FormatParam = Annotated[
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
    format: FormatParam = None,
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
    request: Request, service: ServiceDep, path: str, format: FormatParam = None
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
