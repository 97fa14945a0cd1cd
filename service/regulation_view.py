"""What the page of one regulation shows: its registry facts and everything citing it.

:func:`regulation_page` gathers the act's titles in both languages, level, type, issuer,
number, dates, every version, source, the acts it implements or replaces, the local
documents that implement it, and every report, problem and measure that cites it with the
sentence around the mention (read by :mod:`ducha.service.regulation_citations`).
:func:`regulation_triples` is the same act as RDF (its statements, its versions' and those
pointing to it).

A store the registry has not been written to yet (no report loaded since issue 7) is
answered from the shipped registry alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox
from ducha.loaders.act_titles import has_chinese
from ducha.loaders.errors import NotFound
from ducha.loaders.registry import default_registry
from ducha.loaders.registry_rdf import ensure_registry
from ducha.loaders.store import PREFIXES, Store
from ducha.service.links import link_for
from ducha.service.regulation_citations import Citation, CitingItem, citations_of
from ducha.service.resource_view import named_node, solutions_about, value_of

__all__ = [
    "ActVersion",
    "Link",
    "RegulationPage",
    "page_path",
    "regulation_page",
    "regulation_triples",
]

_D = PREFIXES["ducha"]
_DCT = PREFIXES["dcterms"]
_SKOS = PREFIXES["skos"]


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
            for row in solutions_about(self.store, _NAMES, ox.NamedNode(iri)):
                name, code = row["name"], row["notation"]
                if isinstance(name, ox.Literal):
                    if has_chinese(name.value) or name.language == "zh":
                        chinese = chinese or name.value
                    elif name.language in ("en", None, ""):
                        english = english or name.value
                notation = notation or value_of(code)
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
    for row in solutions_about(store, _FACTS, node):
        predicate, term = row["p"].value, row["o"]
        text = value_of(term)
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
    for row in solutions_about(store, _VERSIONS, node):
        page.versions.append(
            ActVersion(
                row["v"].value,
                value_of(row["date"]),
                value_of(row["event"]),
                value_of(row["force"]),
            )
        )
    seen: set[str] = set()
    for row in solutions_about(store, _IMPLEMENTED_BY, node):
        doc = row["doc"].value
        if doc not in seen:
            seen.add(doc)
            page.implemented_by.append(
                _link(doc, base, names, place=value_of(row["place"]), date=value_of(row["date"]))
            )
    page.implemented_by.sort(key=lambda link: (link.place, link.title))


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
    if _is_regulation(store, named_node(iri)):
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
    page.items, page.citations = citations_of(store, iri)
    return page


def regulation_triples(store: Store, iri: str, base: str) -> list[ox.Triple]:
    """The act's statements, its versions' and those pointing to it."""
    result = _source(store, iri, base).query(_DESCRIBE, substitutions={"r": ox.NamedNode(iri)})
    assert isinstance(result, ox.QueryTriples)
    return list(result)
