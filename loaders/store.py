"""The one store interface: embedded Oxigraph now, an external SPARQL store later.

A :class:`Store` holds one named graph per report (plus its findings graph), the shared graph
of canonical entities and the ontology in its own graph. The default graph of a query is the
union of all graphs.

What is atomic:

- :meth:`Store.put_report` replaces a report's graphs (and drops the graphs of the report it
  ``replaces``) and adds to the shared graph in ONE transaction: on any failure, before or
  during the write, the store is as it was.
- :meth:`Store.put_reports` writes several reports (a loading batch). New reports go through
  Oxigraph's bulk loader (3x the transactional insertion), which is not atomic, so each
  report's file digest (:data:`SOURCE_DIGEST`) is written last, in one transaction for the
  batch: it is the report's commit mark. A crash can leave a report's quads without its
  mark; :meth:`Store.is_complete` says so, and loading the file again replaces them. A
  batch that replaces stored reports is written in ONE transaction.
- :meth:`Store.put_graph`, :meth:`Store.replace_graph`, :meth:`Store.delete_report` and
  :meth:`Store.update` are each one transaction too.

Writing a new report (nothing to drop) goes through Oxigraph's transactional quad insertion
rather than a SPARQL ``INSERT DATA``: on disk that is about half the time for a seed-sized
report (0.25 s against 0.6 s for 8,000 quads), and in memory a seventh.

**Serving from memory.** ``Store.open(path, in_memory=True)`` reads the on-disk store into an
in-memory Oxigraph store that answers every query (joins across reports run 5-8x faster
there) and keeps the disk store as the durable copy: each write goes to disk first, then to
memory, so what is on disk is never behind. Its ``path`` is None, like any store in memory:
no other process can open what it serves.

>>> store = Store.open(None)
>>> from pyoxigraph import Literal, NamedNode, Triple
>>> t = Triple(NamedNode("http://example.org/r"), NamedNode("http://example.org/p"), Literal("1"))
>>> store.put_report("http://example.org/r", {"http://example.org/r": [t]})
>>> [s["o"].value for s in store.query("SELECT ?o WHERE { ?s <http://example.org/p> ?o }")]
['1']
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, TypeAlias

import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.errors import BadQuery, InternalError, SchemaError, StoreError
from ducha.ontology.terms import ontology_path

__all__ = [
    "PREFIXES",
    "SOURCE_DIGEST",
    "QueryResult",
    "ReportSummary",
    "ReportWrite",
    "Store",
    "Term",
]

_log = logging.getLogger(__name__)

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
QueryResult: TypeAlias = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

# schema.org's "SHA-2 SHA256 hash of the content of the item": here of the file a report was
# read from, before decoding and cleaning (the report's IRI hashes the cleaned text). Written
# last, it also marks the report as completely stored.
SOURCE_DIGEST = ox.NamedNode("https://schema.org/sha256")

# Below this many bytes of N-Quads (about 20,000 quads) a batch is inserted in one
# transaction: the bulk loader's fixed cost (files written and ingested) outweighs its speed.
_BULK_MIN_BYTES = 3_000_000

# Prefixes every query may use without declaring them (declared ones take precedence).
PREFIXES = {
    "ducha": iri.ONTOLOGY_NS,
    "dr": iri.DEFAULT_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "sh": "http://www.w3.org/ns/shacl#",
}

_RDF_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}

_REPORTS_QUERY = """
SELECT ?report ?title ?fileName
       (COUNT(DISTINCT ?figure) AS ?figures) (COUNT(DISTINCT ?problem) AS ?problems)
WHERE {
  GRAPH ?report {
    ?report a ducha:Report .
    OPTIONAL { ?report dcterms:title ?title }
    OPTIONAL { ?report ducha:fileName ?fileName }
    OPTIONAL { ?figure a ducha:ReportedFigure }
    OPTIONAL { ?problem a ducha:Problem }
  }
}
GROUP BY ?report ?title ?fileName
ORDER BY ?fileName ?report
"""


@dataclass(frozen=True)
class ReportSummary:
    """One loaded report, as listed by :meth:`Store.reports`."""

    iri: str
    title: str | None
    file_name: str | None
    figures: int
    problems: int


@dataclass(frozen=True)
class ReportWrite:
    """One report on its way into the store, as :meth:`Store.put_reports` takes it.

    ``nquads`` holds the quads to write, as N-Quads: the report's graphs and its additions
    to the shared graph (the form a loading worker process sends, which Oxigraph loads
    without a Python object per quad). ``mark`` holds its commit mark (:data:`SOURCE_DIGEST`),
    also as N-Quads, written after every report of the batch. ``graphs`` are the graphs the
    write replaces (the report's own and its findings graph: dropped first); ``replaces`` are
    reports whose graphs go too (an older version of the same file).
    """

    report_iri: str
    nquads: bytes
    graphs: tuple[str, ...]
    replaces: tuple[str, ...] = ()
    mark: bytes = b""


def _statements(graph: str, triples: Iterable[ox.Triple | ox.Quad]) -> str:
    """The body of ``GRAPH <g> { ... }`` in SPARQL syntax.

    pyoxigraph prints terms in N-Triples syntax, which is also valid SPARQL (checked in
    tests/test_store.py for quotes, backslashes, control characters and astral characters).
    """
    lines = [f"{t.subject} {t.predicate} {t.object} ." for t in triples]
    return f"GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n}"


class Store:
    """ducha's RDF store. Create it with :meth:`open`."""

    # The on-disk copy behind a store served from memory (None otherwise; a subclass that
    # talks to a server never sets it).
    _durable: ox.Store | None = None

    def __init__(
        self, backend: ox.Store, path: Path | None, *, durable: ox.Store | None = None
    ) -> None:
        self._store = backend
        self.path = path
        self._durable = durable

    @classmethod
    def open(cls, path: Path | None, *, read_only: bool = False, in_memory: bool = False) -> Store:
        """Open the store kept in the directory ``path`` (created if missing), or an
        in-memory one when ``path`` is None, and make sure it holds the current ontology.

        ``in_memory`` serves the store in ``path`` from a copy in memory (see above); it
        needs about 500 bytes of RAM per triple. Raises ``StoreError`` when the directory
        cannot be used (another process has it open for writing, or it is not a store).
        """
        try:
            if path is None:
                backend = ox.Store()
            elif read_only:
                backend = _open_read_only(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
                backend = ox.Store(str(path))
        except OSError as error:
            raise StoreError(
                f"cannot open the store in {path}: {error}. Is another ducha process using "
                "it? Stop it or pick another directory with --store / DUCHA_STORE."
            ) from error
        if in_memory and path is not None and not read_only:
            store = cls(_copy_in_memory(backend), None, durable=backend)
        else:
            store = cls(backend, path)
        if not read_only:
            store._ensure_ontology()
        return store

    # -- reading --------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query.

        The default graph is the union of all graphs unless ``default_graph`` names the
        graphs to use. ``substitutions`` binds variables to RDF terms before evaluation
        (never by pasting text into the query). Raises ``BadQuery`` with the parser's message
        when the query does not parse, ``StoreError`` when the store fails.
        """
        try:
            return self._store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=default_graph is None,
                default_graph=[ox.NamedNode(g) for g in default_graph] if default_graph else None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs else None,
                substitutions=(
                    {ox.Variable(name): term for name, term in substitutions.items()}
                    if substitutions
                    else None
                ),
            )
        except SyntaxError as error:
            raise BadQuery(f"the SPARQL query does not parse: {error}") from error
        except (ValueError, RuntimeError) as error:  # bad graph IRI, unprojected substitution
            if _is_storage_fault(error):
                raise StoreError(f"the store failed to answer the query: {error}") from error
            raise BadQuery(f"the SPARQL query cannot run: {error}") from error
        except OSError as error:
            raise StoreError(f"the store failed to answer the query: {error}") from error

    def triples(self, graph: str) -> Iterator[ox.Triple]:
        """Every triple of one named graph."""
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            yield quad.triple

    def report_for_file(self, file_key: str) -> str | None:
        """The IRI of the loaded report of that file name (or source URL), if any."""
        # The name as a VALUES row rather than a substitution: Oxigraph plans the query with
        # the literal and uses its index (0.04 ms), where a substituted variable makes it scan
        # every report (9 ms at 1,000 reports, once per file loaded).
        rows = self.query(
            f"SELECT ?r WHERE {{ VALUES ?key {{ {ox.Literal(file_key)} }} "
            "GRAPH ?r { ?r ducha:fileName ?key ; a ducha:Report } } ORDER BY ?r LIMIT 1"
        )
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            node = row["r"]
            return node.value if node is not None else None
        return None

    def is_complete(self, report_iri: str) -> bool:
        """Whether the report's commit mark (its file digest, :data:`SOURCE_DIGEST`) is stored:
        a report without it was cut short by a crash, or stored by a path that records no
        file (then loading its file again rewrites it)."""
        node = str(ox.NamedNode(report_iri))  # checked as an IRI, written as <...>
        answer = self.query(f"ASK {{ GRAPH {node} {{ {node} {SOURCE_DIGEST} ?digest }} }}")
        return bool(answer)

    def has_graph(self, graph: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph)))

    def reports(self) -> list[ReportSummary]:
        """Every loaded report with its title, file name and how many figures and problems."""
        rows = self.query(_REPORTS_QUERY)
        assert isinstance(rows, ox.QuerySolutions)
        summaries = []
        for row in rows:
            title, file_name = row["title"], row["fileName"]
            figures, problems = row["figures"], row["problems"]
            summaries.append(
                ReportSummary(
                    iri=row["report"].value,
                    title=title.value if title is not None else None,
                    file_name=file_name.value if file_name is not None else None,
                    figures=int(figures.value) if figures is not None else 0,
                    problems=int(problems.value) if problems is not None else 0,
                )
            )
        return summaries

    def dump(self, out: BinaryIO, format: Literal["trig", "nquads"] = "trig") -> None:
        """Write every graph to ``out`` as TriG or N-Quads."""
        try:
            rdf_format = _RDF_FORMATS[format]
        except KeyError:
            raise BadQuery(f"unknown export format {format!r}: use trig or nquads") from None
        prefixes = PREFIXES if format == "trig" else None
        self._store.dump(out, rdf_format, prefixes=prefixes)

    def __len__(self) -> int:
        """The number of quads in the store, in every graph."""
        return len(self._store)

    # -- writing --------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update as one transaction. ``BadQuery`` when it does not parse."""
        try:
            self._apply(lambda backend: backend.update(sparql, prefixes=PREFIXES))
        except SyntaxError as error:
            raise BadQuery(f"the SPARQL update does not parse: {error}") from error
        except (OSError, ValueError) as error:
            raise StoreError(f"the store refused the update; nothing changed: {error}") from error

    def _apply(self, write: Callable[[ox.Store], None]) -> None:
        """Apply one transaction to the durable copy, if any, then to the store queries read."""
        if self._durable is None:
            write(self._store)
            return
        write(self._durable)
        try:
            write(self._store)
        except Exception as error:  # the disk has it: only the in-memory copy is behind
            raise StoreError(
                f"the write is stored on disk but the in-memory copy failed: {error}. "
                "Restart ducha to serve the store as it is on disk."
            ) from error

    def put_report(
        self,
        report_iri: str,
        graphs: Mapping[str, Iterable[ox.Triple | ox.Quad]],
        *,
        replaces: Sequence[str] = (),
        additions: Mapping[str, Iterable[ox.Triple | ox.Quad]] | None = None,
    ) -> None:
        """Write a report in one transaction.

        Each graph in ``graphs`` (the report's graph, its findings graph) is replaced by the
        given triples; the graphs of every report in ``replaces`` (an older version of the
        same file) are dropped; ``additions`` (the shared graph) are added to what is there.
        All of it is built before anything is written and applied as one transaction, so
        an exception at any point leaves the store exactly as it was.
        """
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
            for graph, triples in [*graphs.items(), *(additions or {}).items()]
            for t in triples
        ]
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        assert data is not None  # serialize returns the bytes when given no output
        self._write(self._drops([*graphs], replaces, report_iri), data, b"")
        _log.info("stored %s (%d graphs, replacing %s)", report_iri, len(graphs), list(replaces))

    def put_reports(self, writes: Sequence[ReportWrite]) -> None:
        """Write several reports in ONE transaction (see :class:`ReportWrite`).

        Raises ``InternalError`` when a write's N-Quads do not parse (they are ducha's own)
        and ``StoreError`` when the store refuses; either way none of the reports is written.
        """
        drops: list[str] = []
        for write in writes:
            drops += self._drops(write.graphs, write.replaces, write.report_iri)
        data = b"".join(write.nquads for write in writes)
        marks = b"".join(write.mark for write in writes)
        self._write(list(dict.fromkeys(drops)), data, marks)
        _log.info("stored %d report(s) in one transaction", len(writes))

    def _drops(self, graphs: Iterable[str], replaces: Iterable[str], report_iri: str) -> list[str]:
        """The graphs a write must drop: its own and those of the reports it replaces."""
        drops = [*graphs]
        for old in replaces:
            if old != report_iri:
                drops.extend(self._graphs_of(old))
        return drops

    def _write(self, drops: Sequence[str], data: bytes, marks: bytes) -> None:
        """Drop ``drops`` and insert the N-Quads ``data``, then ``marks``, in one transaction
        (or, for a large batch of new reports, ``data`` through the bulk loader first)."""
        live = [graph for graph in dict.fromkeys(drops) if self.has_graph(graph)]
        # A store on a server (a subclass) has no embedded Oxigraph: it takes the SPARQL path.
        backend: ox.Store | None = getattr(self, "_store", None)
        if not live and backend is not None:
            # Nothing to drop (new reports): Oxigraph reads the N-Quads itself (no Python
            # object per quad): the bulk loader for a large batch, then the commit marks in one
            # transaction; one transactional load otherwise. Lenient: the N-Quads are
            # pyoxigraph's own output, their IRIs checked when the terms were made.
            nquads = ox.RdfFormat.N_QUADS
            try:
                if marks and len(data) >= _BULK_MIN_BYTES:
                    self._apply(lambda target: target.bulk_load(data, nquads, lenient=True))
                    self._apply(lambda target: target.load(marks, nquads, lenient=True))
                else:
                    self._apply(lambda target: target.load(data + marks, nquads, lenient=True))
            except SyntaxError as error:
                raise InternalError(f"a report's quads do not parse as N-Quads: {error}") from error
            except (OSError, ValueError) as error:
                raise StoreError(
                    f"the store refused the write: {error}. Reports of this batch may be "
                    "partly stored, without their commit mark: loading them again replaces them."
                ) from error
            return
        try:
            quads = list(ox.parse(data + marks, format=ox.RdfFormat.N_QUADS))
        except SyntaxError as error:
            raise InternalError(f"a report's quads do not parse as N-Quads: {error}") from error
        by_graph: dict[str, list[ox.Quad]] = {}
        for quad in quads:
            assert isinstance(quad.graph_name, ox.NamedNode)  # ducha writes named graphs only
            by_graph.setdefault(quad.graph_name.value, []).append(quad)
        parts = [f"DROP SILENT GRAPH <{graph}>" for graph in live]
        inserts = [_statements(graph, graph_quads) for graph, graph_quads in by_graph.items()]
        parts.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        self.update(" ;\n".join(parts))

    def flush(self) -> None:
        """Write what the store holds in its log into its files, so that the next open does
        not replay the log (after loading 100 seed-sized reports: 12 s at the next open
        without this, 0.2 s here and 0.1 s to open). Nothing to do for a store in memory."""
        # A subclass that talks to a server has no embedded Oxigraph store.
        if self._durable is not None:
            backend: ox.Store | None = self._durable
        else:
            backend = getattr(self, "_store", None) if self.path is not None else None
        if backend is None:
            return
        try:
            backend.flush()
        except OSError as error:
            raise StoreError(f"the store could not write its log to its files: {error}") from error

    def put_graph(self, graph_iri: str, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Add triples to a graph, keeping what is there (the shared graph is a union)."""
        self.update("INSERT DATA {\n" + _statements(graph_iri, triples) + "\n}")

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Replace the whole content of one graph in one transaction."""
        body = _statements(graph_iri, triples)
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{\n{body}\n}}")

    def delete_report(self, report_iri: str) -> bool:
        """Drop a report's graph and its findings graph; False when there was no such report.

        The shared graph keeps the report's entities: other reports may name them too.
        """
        graphs = self._graphs_of(report_iri)
        if not graphs:
            return False
        self.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs))
        return True

    def _graphs_of(self, report_iri: str) -> list[str]:
        """The report's own graph and the graphs under its IRI (findings)."""
        return [
            graph.value
            for graph in self._store.named_graphs()
            if isinstance(graph, ox.NamedNode)
            and (graph.value == report_iri or graph.value.startswith(report_iri + "/"))
        ]

    def _ensure_ontology(self) -> None:
        """Keep the graph ``https://w3id.org/ducha/ontology`` equal to ontology/ducha.ttl."""
        source = _ontology_file()
        if source is None:
            return
        try:
            parsed = [q.triple for q in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)]
        except SyntaxError as error:
            raise SchemaError(f"{source} does not parse as Turtle: {error}") from error
        graph = ox.NamedNode(iri.ONTOLOGY_GRAPH)
        stored = list(self._store.quads_for_pattern(None, None, None, graph))

        def ground(triples: Iterable[ox.Triple]) -> set[ox.Triple]:
            # Blank nodes get new ids on every parse: compare the rest.
            return {
                t
                for t in triples
                if not isinstance(t.subject, ox.BlankNode)
                and not isinstance(t.object, ox.BlankNode)
            }

        if len(stored) == len(parsed) and ground(q.triple for q in stored) == ground(parsed):
            return
        self.replace_graph(iri.ONTOLOGY_GRAPH, parsed)
        _log.info("loaded the ontology (%d triples) into its graph", len(parsed))


def _is_storage_fault(error: Exception) -> bool:
    # RocksDB reports a file its reader expected but the writer had compacted away this way.
    return "Corruption" in str(error) or "IO error" in str(error)


def _open_read_only(path: Path, attempts: int = 20) -> ox.Store:
    """A read-only view of the store in ``path``, taken while its writer may be compacting.

    RocksDB's writer deletes files that a view opened a moment later still expects, which
    shows as "Corruption ... No such file" on open; a fresh attempt sees the new file list.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError as error:
            if attempt == attempts - 1:
                raise StoreError(f"cannot open a read-only view of {path}: {error}") from error
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _copy_in_memory(disk: ox.Store) -> ox.Store:
    """An in-memory store holding every quad of ``disk``."""
    memory = ox.Store()
    started = time.perf_counter()
    # Streamed quad by quad (about 100,000 quads/s): as fast as parsing one N-Quads dump of
    # the store, without holding the dump (some 250 bytes per quad) in memory.
    memory.bulk_extend(disk)
    _log.info("read %d quads into memory in %.1f s", len(memory), time.perf_counter() - started)
    return memory


def _ontology_file() -> Path | None:
    path = Path(ontology_path())
    return path if path.is_file() else None
