"""The registry as RDF: its acts in the shared graph, user imports, and reading them back.

Each act becomes a ``ducha:Regulation`` at ``dr:eli/cn/{key}`` with its titles in both
languages, every other rendering as ``skos:altLabel``, its normalised titles as
``skos:hiddenLabel`` (what the SHACL shapes compare), level, document type, issuer, document
number, dates and one ``ducha:RegulationVersion`` per adoption, revision or amendment
(``dcterms:hasVersion``). Acts that are state legislation also get ELI's act-level
properties (``eli:date_document``, ``eli:first_date_entry_in_force``, ``eli:passed_by``); ELI's
expression-level ones (``eli:title``) are not used on acts.

Writing is idempotent (the same triples each time, so loading twice adds nothing) and atomic:
:func:`ensure_registry` and :func:`import_registry` each write in one store update, after
every entry has been validated.

>>> from ducha.loaders.registry import default_registry
>>> quads = registry_quads(default_registry())
>>> len(quads) > 3000
True
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import rdflib
from ducha.loaders import iri
from ducha.loaders.act_titles import normalize_title
from ducha.loaders.errors import InputError
from ducha.loaders.rdf_terms import (
    ALT_LABEL,
    DCT_DATE,
    DCT_HAS_VERSION,
    DCT_IDENTIFIER,
    DCT_IS_REPLACED_BY,
    DCT_IS_VERSION_OF,
    DCT_REPLACES,
    DCT_SOURCE,
    DCT_SPATIAL,
    DCT_TITLE,
    EDITORIAL_NOTE,
    ELI_DATE_DOCUMENT,
    ELI_FIRST_DATE_ENTRY_IN_FORCE,
    ELI_PASSED_BY,
    HIDDEN_LABEL,
    LABEL,
    ORG_ORGANIZATION,
    OWL_VERSION_INFO,
    VOID_DATASET,
    VOID_IN_DATASET,
    A,
    Term,
    ducha_term,
)
from ducha.loaders.rdf_terms import node as term_node
from ducha.loaders.registry import (
    LEGISLATION_LEVELS,
    LEVELS,
    REGISTRY_DATASET,
    USER_DATASET,
    Registry,
    RegistryEntry,
    default_registry,
    entry_from_row,
    entry_iri,
    literal_date,
    read_registry_text,
)
from ducha.loaders.store import Store
from ducha.ontology.concepts import concept_for
from ducha.ontology.terms import DUCHA
from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions
from rdflib.namespace import DCTERMS, SKOS

__all__ = [
    "ensure_registry",
    "entries_from_turtle",
    "import_registry",
    "read_registry_file",
    "registry_quads",
    "store_registry",
]

_log = logging.getLogger(__name__)

_LEVEL_NAMES = {level: concept_for(DUCHA.levelScheme, level) for level in LEVELS}
# The registry is written as pyoxigraph quads (once per store, so speed does not matter);
# the terms module gives N-Triples text.
_REGULATION = term_node(ducha_term("Regulation"))
_REGULATION_VERSION = term_node(ducha_term("RegulationVersion"))
_ORGANIZATION = term_node(ORG_ORGANIZATION)
_DATASET = term_node(VOID_DATASET)


@lru_cache(maxsize=64)
def _predicate(term: Term) -> NamedNode:
    return term_node(term)


class _Writer:
    def __init__(self, graph: str, base: str) -> None:
        self.graph = NamedNode(graph)
        self.base = base
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: Term, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, _predicate(p), o, self.graph))

    def entry(self, entry: RegistryEntry, dataset: NamedNode) -> None:
        node = NamedNode(entry_iri(entry, self.base))
        add = self.add
        add(node, A, _REGULATION)
        add(node, VOID_IN_DATASET, dataset)
        for text, lang in ((entry.title_en, "en"), (entry.title_zh, "zh")):
            add(node, LABEL, Literal(text, language=lang))
            add(node, DCT_TITLE, Literal(text, language=lang))
        for text in (*entry.alt_en, *entry.short):
            add(node, ALT_LABEL, Literal(text, language="en"))
        for text in entry.alt_zh:
            add(node, ALT_LABEL, Literal(text, language="zh"))
        for text in {normalize_title(entry.title_en), normalize_title(entry.title_zh)}:
            add(node, HIDDEN_LABEL, Literal(text))
        level = _LEVEL_NAMES.get(entry.level)
        if level is not None:
            add(node, ducha_term("level"), NamedNode(str(level)))
        if entry.document_type:
            doc = concept_for(DUCHA.documentTypeScheme, entry.document_type)
            if doc is not None:
                add(node, ducha_term("documentType"), NamedNode(str(doc)))
        add(node, DCT_DATE, literal_date(entry.date))
        legislation = entry.level in LEGISLATION_LEVELS
        if legislation and len(entry.date) == 10:
            add(node, ELI_DATE_DOCUMENT, literal_date(entry.date))
        if entry.in_force:
            add(node, ducha_term("entryIntoForce"), literal_date(entry.in_force))
            if legislation and len(entry.in_force) == 10:
                add(node, ELI_FIRST_DATE_ENTRY_IN_FORCE, literal_date(entry.in_force))
        if entry.number:
            add(node, DCT_IDENTIFIER, Literal(entry.number))
        if entry.issuer_en or entry.issuer_zh:
            issuer = self.issuer(entry)
            add(node, ducha_term("issuedBy"), issuer)
            if legislation:
                add(node, ELI_PASSED_BY, issuer)
        if entry.place:
            place = NamedNode(iri.entity_iri("place", iri.slug(entry.place), self.base))
            add(node, DCT_SPATIAL, place)
            add(place, LABEL, Literal(entry.place, language="en"))
        if entry.implements:
            add(node, ducha_term("implements"), NamedNode(entry_iri(entry.implements, self.base)))
        if entry.replaces:
            older = NamedNode(entry_iri(entry.replaces, self.base))
            add(node, DCT_REPLACES, older)
            add(older, DCT_IS_REPLACED_BY, node)
        for source in entry.sources:
            is_url = source.startswith(("http://", "https://")) and " " not in source
            add(node, DCT_SOURCE, NamedNode(source) if is_url else Literal(source))
        if entry.note:
            add(node, EDITORIAL_NOTE, Literal(entry.note, language="en"))
        for version in entry.versions:
            self.version(node, entry, version.date, version.event, version.in_force)

    def version(
        self, act: NamedNode, entry: RegistryEntry, day: str, event: str, in_force: str | None
    ) -> None:
        node = NamedNode(f"{act.value}/{day}")
        self.add(act, DCT_HAS_VERSION, node)
        self.add(node, DCT_IS_VERSION_OF, act)
        self.add(node, A, _REGULATION_VERSION)
        self.add(node, DCT_DATE, literal_date(day))
        self.add(node, ducha_term("versionEvent"), Literal(event))
        self.add(node, LABEL, Literal(f"{entry.title_en} ({event} {day})", language="en"))
        if in_force:
            self.add(node, ducha_term("entryIntoForce"), literal_date(in_force))

    def issuer(self, entry: RegistryEntry) -> NamedNode:
        name = entry.issuer_en or entry.issuer_zh
        node = NamedNode(iri.entity_iri("organization", iri.slug(name), self.base))
        self.add(node, A, _ORGANIZATION)
        if entry.issuer_en:
            self.add(node, LABEL, Literal(entry.issuer_en, language="en"))
        if entry.issuer_zh:
            self.add(node, LABEL, Literal(entry.issuer_zh, language="zh"))
        return node


def _dataset(writer: _Writer, name: str, title: str, digest: str | None) -> NamedNode:
    node = NamedNode(writer.base + name)
    writer.add(node, A, _DATASET)
    writer.add(node, LABEL, Literal(title, language="en"))
    if digest is not None:
        writer.add(node, OWL_VERSION_INFO, Literal(digest))
    return node


def registry_quads(
    registry: Registry, *, base: str = iri.DEFAULT_BASE, user: bool = False
) -> list[Quad]:
    """The acts of ``registry`` (only its user entries when ``user``) in the shared graph."""
    writer = _Writer(iri.shared_graph_iri(base), base)
    if user:
        dataset = _dataset(writer, USER_DATASET, "Regulations added by users", None)
    else:
        dataset = _dataset(
            writer, REGISTRY_DATASET, "ducha registry of Chinese laws and rules", registry.digest()
        )
    for entry in registry:
        if entry.user == user:
            writer.entry(entry, dataset)
    return writer.quads


def ensure_registry(store: Store, *, base: str = iri.DEFAULT_BASE) -> bool:
    """Put the shipped registry into the store's shared graph unless this version is there.

    Returns whether it wrote. Idempotent; one transaction.
    """
    registry = default_registry()
    # Our own IRI and a hex digest: nothing user-supplied is pasted into the query.
    ask = store.query(
        f'ASK {{ GRAPH ?g {{ <{base}{REGISTRY_DATASET}> owl:versionInfo "{registry.digest()}" }} }}'
    )
    if bool(ask):
        return False
    store.put_graph(iri.shared_graph_iri(base), registry_quads(registry, base=base))
    _log.info("registry: %d acts written to the shared graph", len(registry))
    return True


# -- user entries -----------------------------------------------------------------------------

_USER_QUERY = """
SELECT ?e ?title ?alt ?level ?date ?implements WHERE {
  ?e void:inDataset <{dataset}> ; dcterms:date ?date ; ducha:level ?levelConcept .
  ?levelConcept skos:notation ?level .
  { ?e dcterms:title ?title } UNION { ?e skos:altLabel ?alt }
  OPTIONAL { ?e ducha:implements ?implements }
}
"""


def store_registry(store: Store, *, base: str = iri.DEFAULT_BASE) -> Registry:
    """The shipped registry plus every entry users imported into ``store``."""
    query = _USER_QUERY.replace("{dataset}", base + USER_DATASET)
    rows = store.query("PREFIX void: <http://rdfs.org/ns/void#>\n" + query)
    assert isinstance(rows, QuerySolutions)
    fields: dict[str, dict[str, set[str]]] = {}
    prefix = base + "eli/cn/"
    for row in rows:
        key = row["e"].value.removeprefix(prefix)
        values = fields.setdefault(key, {})
        for name in ("title", "alt", "level", "date", "implements"):
            term = row[name]
            if term is None:
                continue
            text = term.value.removeprefix(prefix)
            lang = getattr(term, "language", None)
            values.setdefault(f"{name}_{lang}" if lang else name, set()).add(text)
    entries = []
    for key, values in sorted(fields.items()):
        row = {
            "key": key,
            "level": min(values.get("level", {""})),
            "title_en": min(values.get("title_en", {""})),
            "title_zh": min(values.get("title_zh", {""})),
            "alt_en": "|".join(sorted(values.get("alt_en", set()))),
            "alt_zh": "|".join(sorted(values.get("alt_zh", set()))),
            "date": min(values.get("date", {""})),
            "implements": min(values.get("implements", {""})),
        }
        entries.append(entry_from_row(row, user=True))
    registry = default_registry()
    return Registry({**registry.entries, **{e.key: e for e in entries if e.key not in registry}})


def entries_from_turtle(text: str, *, name: str) -> list[RegistryEntry]:
    """User entries from Turtle: each ``ducha:Regulation`` under ``dr:eli/cn/`` with
    ``dcterms:title`` in ``@zh`` and ``@en``, ``ducha:level``, ``dcterms:date`` and optionally
    ``skos:altLabel``, ``dcterms:identifier``, ``ducha:implements``. Raises
    :class:`InputError` naming the entry and the reason."""
    graph = rdflib.Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib raises many kinds for bad syntax
        raise InputError(f"{name}: not valid Turtle: {error}") from None
    levels = {str(concept): level for level, concept in _LEVEL_NAMES.items() if concept}
    entries = []
    for subject in sorted(set(graph.subjects(rdflib.RDF.type, DUCHA.Regulation)), key=str):
        where = f"{name}: entry {subject}"
        key = str(subject).split("/eli/cn/", 1)[-1] if "/eli/cn/" in str(subject) else ""
        if not key:
            raise InputError(f"{where}: the IRI must contain /eli/cn/level/year/slug")

        def texts(
            predicate: rdflib.URIRef, lang: str | None = None, node: rdflib.term.Node = subject
        ) -> list[str]:
            return sorted(
                str(o)
                for o in graph.objects(node, predicate)
                if lang is None or getattr(o, "language", None) == lang
            )

        level_iri = graph.value(subject, DUCHA.level)
        implements = graph.value(subject, DUCHA.implements)
        row = {
            "key": key,
            "level": levels.get(str(level_iri), str(level_iri or "")),
            "title_zh": next(iter(texts(DCTERMS.title, "zh")), ""),
            "title_en": next(iter(texts(DCTERMS.title, "en")), ""),
            "alt_en": "|".join(texts(SKOS.altLabel, "en")),
            "alt_zh": "|".join(texts(SKOS.altLabel, "zh")),
            "date": next(iter(texts(DCTERMS.date)), ""),
            "number": next(iter(texts(DCTERMS.identifier)), ""),
            "source": "|".join(texts(DCTERMS.source)),
            "implements": str(implements).split("/eli/cn/", 1)[-1] if implements else "",
        }
        try:
            entries.append(entry_from_row(row, user=True))
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
    if not entries:
        raise InputError(f"{name}: no ducha:Regulation found; see docs/registry.md for the form")
    return entries


def read_registry_file(path: Path, *, registry: Registry | None = None) -> list[RegistryEntry]:
    """User entries from a CSV or Turtle file, checked against ``registry`` (the shipped one
    by default). Raises :class:`InputError` (row or entry, and reason); changes nothing."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read it as UTF-8 text: {error}") from error
    if path.suffix.lower() in (".ttl", ".turtle"):
        entries = entries_from_turtle(text, name=str(path))
    else:
        entries = read_registry_text(text, name=str(path))
    (registry or default_registry()).with_entries(entries, source=str(path))
    return entries


def import_registry(
    store: Store, path: Path, *, base: str = iri.DEFAULT_BASE
) -> list[RegistryEntry]:
    """Validate the entries of ``path`` against the registry in ``store`` and add them, in one
    transaction. A malformed row, a duplicate title or an invalid date raises
    :class:`InputError` with the row and the reason, and nothing is written."""
    current = store_registry(store, base=base)
    entries = read_registry_file(path, registry=current)
    merged = current.with_entries(entries, source=str(path))
    only_new = Registry({e.key: e for e in entries})
    ensure_registry(store, base=base)
    quads = registry_quads(only_new, base=base, user=True)
    store.put_graph(iri.shared_graph_iri(base), quads)
    _log.info("registry: imported %d acts from %s (%d in all)", len(entries), path, len(merged))
    return entries
