"""The external-store backend of the store interface: any SPARQL 1.1 server, via SPARQLWrapper.

:class:`RemoteStore` has the public methods of :class:`~ducha.loaders.store.Store` with the
same meaning, errors and result types, so callers do not know which one they hold:

- query results are pyoxigraph's own ``QuerySolutions`` / ``QueryBoolean`` (the server's
  SPARQL JSON results parsed by ``pyoxigraph.parse_query_results``) and, for CONSTRUCT and
  DESCRIBE, ``QueryTriples`` (the server's Turtle put through an in-memory Oxigraph store);
- ``BadQuery`` when the server rejects a query or update as malformed (HTTP 400),
  ``QueryTimeout`` when it does not answer within the time limit, ``StoreError`` otherwise;
- the default graph of a query is the server's default graph, which is the union of all
  graphs on Virtuoso (and on Fuseki with ``unionDefaultGraph``); the server's own graphs
  (Virtuoso keeps a few system graphs) are left out of :meth:`__len__` and :meth:`dump`;
- ``substitutions`` are sent as a ``VALUES`` block opening the query's WHERE group, with
  the terms written by pyoxigraph in N-Triples syntax: a value can never become SPARQL text.

What is atomic (measured on Virtuoso 7.2, Debian's package, in tests/test_remote_store.py):

- An update request that does not parse changes nothing.
- A request is NOT one transaction on Virtuoso: when an operation fails at run time, the
  operations before it in the same request stay applied. So a write goes through staging
  graphs: one request fills ``urn:x-ducha:staging:<graph>``, adds to the shared graph,
  then for each graph ``DROP`` + ``MOVE`` the staging graph onto it (a report's own graph
  last), then drops the older version's graphs. A graph is therefore either its old or its
  new content, never half of it; a failure part-way can leave a report without its graph
  (it counts as not loaded, and loading it again repairs it), staging graphs (dropped by the
  next write, left out of :meth:`RemoteStore.__len__` and :meth:`RemoteStore.dump`), extra
  shared-graph triples (the shared graph is a union, so they are right anyway) or, when the
  failure hits the last operations, the older version of a file beside the new one.
- The graph store protocol is not atomic either (a PUT whose body breaks at its end leaves
  the triples before the break): ducha reads through it but never writes through it.
- A client-side failure (an exception while the triples are produced) happens before
  anything is sent.

Virtuoso's parser gives up near 5,000 triples in one INSERT DATA and its SQL compiler near
1,000 unless ``DEFINE sql:big-data-const 1`` is given: ducha sends that pragma to Virtuoso
(recognised by its ``Server`` header) and at most 2,000 triples per operation.

>>> _with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
"""

from __future__ import annotations

import logging
import re
import urllib.error
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol
from typing import Literal as LiteralType

import httpx
import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.errors import (
    BadQuery,
    InternalError,
    QueryTimeout,
    SchemaError,
    StoreError,
)
from ducha.loaders.store import (
    PREFIXES,
    QueryResult,
    ReportWrite,
    Store,
    Term,
    _ontology_file,
    _statements,
)
from SPARQLWrapper import DIGEST, JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

__all__ = ["SERVER_GRAPH_PREFIXES", "AuthScheme", "RemoteStore", "StoreSettings", "open_store"]

_log = logging.getLogger(__name__)

AuthScheme = LiteralType["basic", "digest"]

# Graphs a server keeps for itself (Virtuoso's schema, DAV and LDP graphs): not ducha's data.
SERVER_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/",
    "http://localhost:8890/",
    "http://www.w3.org/ns/ldp#",
)

_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_PREFIX_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][\w.:-]*")
_RDF_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
_CHUNK = 2000  # triples per INSERT DATA operation
# A graph is written into its staging graph first and then MOVEd onto it in one operation.
_STAGING = "urn:x-ducha:staging:"


class RemoteStore(Store):
    """ducha's store on a SPARQL 1.1 server. Create it with :meth:`connect`.

    A subclass of :class:`Store` so that code typed for ``Store`` takes it: the methods that
    touch Oxigraph are reimplemented over HTTP; those written as SPARQL through
    :meth:`query` (``report_for_file``) are inherited. Nothing of Oxigraph's store is used.
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: AuthScheme = "digest",
        timeout_s: float | None = None,
    ) -> None:
        self.path = None
        self.query_url = query_url
        self.update_url = update_url
        self.graph_store_url = graph_store_url
        self._user, self._password, self._auth = user, password, auth
        self._timeout_s = timeout_s
        # Virtuoso needs its own pragma for large updates; connect() finds out.
        self.virtuoso = False
        self._last_server = ""

    @classmethod
    def connect(
        cls,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: AuthScheme = "digest",
        timeout_s: float | None = None,
        read_only: bool = False,
    ) -> RemoteStore:
        """Reach the server and (unless ``read_only`` or there is no update endpoint) make
        sure it holds the current ontology. ``StoreError`` when the server cannot be reached.
        """
        store = cls(
            query_url,
            update_url=update_url,
            graph_store_url=graph_store_url,
            user=user,
            password=password,
            auth=auth,
            timeout_s=timeout_s,
        )
        store.virtuoso = "virtuoso" in store._server_name().lower()
        if not read_only and update_url is not None:
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
        """Run a SPARQL 1.1 query on the server; see :meth:`Store.query`."""
        text = _with_prefixes(_with_values(sparql, substitutions) if substitutions else sparql)
        wrapper = self._wrapper(self.query_url, text)
        form = _query_form(text) or str(wrapper.queryType).upper()
        if form not in _QUERY_FORMS:
            raise BadQuery(f"expected a SELECT, ASK, CONSTRUCT or DESCRIBE query, not {form}")
        wrapper.queryType = form
        for graph in default_graph or ():
            wrapper.addDefaultGraph(graph)
        for graph in named_graphs or ():
            wrapper.addNamedGraph(graph)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_form else JSON)
        body = self._send(wrapper, "query")
        try:
            if graph_form:
                return _query_triples(ox.parse(body, format=ox.RdfFormat.TURTLE))
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.query_url} sent results ducha cannot read: {error}") from error

    def triples(self, graph: str) -> Iterator[ox.Triple]:
        """Every triple of one named graph (through the graph store protocol when set)."""
        if self.graph_store_url is not None:
            body = self._graph_store("GET", graph)
        else:
            rows = self.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            )
            assert isinstance(rows, ox.QueryTriples)
            yield from rows
            return
        for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            yield quad.triple

    def has_graph(self, graph: str) -> bool:
        answer = self.query(f"ASK {{ GRAPH <{_checked_iri(graph)}> {{ ?s ?p ?o }} }}")
        return bool(answer)

    def dump(self, out: BinaryIO, format: LiteralType["trig", "nquads"] = "trig") -> None:
        """Write every ducha graph on the server to ``out``, one graph at a time."""
        try:
            rdf_format = _RDF_FORMATS[format]
        except KeyError:
            raise BadQuery(f"unknown export format {format!r}: use trig or nquads") from None
        for graph in self._graphs():
            quads = [
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                for t in self.triples(graph)
            ]
            ox.serialize(quads, out, rdf_format)

    def __len__(self) -> int:
        """The number of quads in the ducha graphs (the server's own graphs left out)."""
        rows = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        assert isinstance(rows, ox.QuerySolutions)
        return sum(
            int(row["n"].value)
            for row in rows
            if row["n"] is not None and not _server_graph(row["g"].value)
        )

    # -- writing --------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update as one request; ``BadQuery`` when the server says it
        does not parse (then nothing changed), ``StoreError`` when it fails it (on Virtuoso
        the operations before the failing one stay applied: see this module's docstring).
        """
        if self.update_url is None:
            raise StoreError(
                "this store has no update endpoint: set DUCHA_UPDATE_URL to write to it"
            )
        text = _with_prefixes(sparql)
        if self.virtuoso:
            # Pass INSERT DATA constants as data, not as generated SQL code: without this
            # Virtuoso fails on more than about 1,000 triples (generated SQL too long).
            text = "DEFINE sql:big-data-const 1\n" + text
        wrapper = self._wrapper(self.update_url, text)
        wrapper.queryType = "INSERT"  # an update, whatever its first keyword
        self._send(wrapper, "update")

    def put_report(
        self,
        report_iri: str,
        graphs: Mapping[str, Iterable[ox.Triple | ox.Quad]],
        *,
        replaces: Sequence[str] = (),
        additions: Mapping[str, Iterable[ox.Triple | ox.Quad]] | None = None,
    ) -> None:
        """Write a report in one update request; see :meth:`Store.put_report` and, for what
        is atomic, this module's docstring."""
        olds = [g for old in replaces if old != report_iri for g in self._graphs_of(old)]
        replaced = {graph: list(triples) for graph, triples in graphs.items()}
        added = {graph: list(triples) for graph, triples in (additions or {}).items()}
        self.update(_write_operations([(report_iri, replaced)], added, olds))
        _log.info("stored %s (%d graphs, replacing %s)", report_iri, len(graphs), list(replaces))

    def put_reports(self, writes: Sequence[ReportWrite]) -> None:
        """Write several reports in one update request; see :meth:`Store.put_reports`."""
        reports: list[tuple[str, dict[str, list[ox.Triple]]]] = []
        added: dict[str, list[ox.Triple]] = {}
        olds: list[str] = []
        for write in writes:
            try:
                quads = list(ox.parse(write.nquads + write.mark, format=ox.RdfFormat.N_QUADS))
            except SyntaxError as error:
                raise InternalError(f"a report's quads do not parse as N-Quads: {error}") from error
            replaced: dict[str, list[ox.Triple]] = {graph: [] for graph in write.graphs}
            for quad in quads:
                graph = quad.graph_name
                assert isinstance(graph, ox.NamedNode)  # ducha writes named graphs only
                target = replaced if graph.value in replaced else added
                target.setdefault(graph.value, []).append(quad.triple)
            reports.append((write.report_iri, replaced))
            olds += [
                g for old in write.replaces if old != write.report_iri for g in self._graphs_of(old)
            ]
        self.update(_write_operations(reports, added, olds))
        _log.info("stored %d report(s) in one update request", len(writes))

    def put_graph(self, graph_iri: str, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Add triples to a graph, keeping what is there."""
        operations = _insert_operations(graph_iri, triples)
        if operations:
            self.update(" ;\n".join(operations))

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Replace the whole content of one graph in one update request (through a staging
        graph, so that the graph is either the old or the new one)."""
        staging = _staging(graph_iri)
        operations = [
            f"DROP SILENT GRAPH <{staging}>",
            *_insert_operations(staging, triples),
            f"DROP SILENT GRAPH <{graph_iri}>",
            f"MOVE SILENT <{staging}> TO <{graph_iri}>",
        ]
        self.update(" ;\n".join(operations))

    # delete_report and reports are Store's: they send their SPARQL through update() and
    # query(), which this class answers over HTTP.

    def _graphs_of(self, report_iri: str) -> list[str]:
        """The report's graph and its findings graph, those of them the server holds."""
        candidates = [report_iri, iri.findings_graph_iri(report_iri)]
        return [graph for graph in candidates if self.has_graph(graph)]

    def _graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        assert isinstance(rows, ox.QuerySolutions)
        return [
            row["g"].value
            for row in rows
            if isinstance(row["g"], ox.NamedNode) and not _server_graph(row["g"].value)
        ]

    def _ensure_ontology(self) -> None:
        """Keep the ontology graph equal to ontology/ducha.ttl (replaced when it differs)."""
        source = _ontology_file()
        if source is None:
            return
        try:
            parsed = [q.triple for q in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)]
        except SyntaxError as error:
            raise SchemaError(f"{source} does not parse as Turtle: {error}") from error
        stored = list(self.triples(iri.ONTOLOGY_GRAPH))
        if len(stored) == len(parsed) and _ground(stored) == _ground(parsed):
            return
        self.replace_graph(iri.ONTOLOGY_GRAPH, parsed)
        _log.info("loaded the ontology (%d triples) into %s", len(parsed), self.update_url)

    # -- HTTP -----------------------------------------------------------------------------

    def _wrapper(self, endpoint: str, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)
        if self._user is not None:
            if self._auth == "digest":
                wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self._user, self._password or "")
        if self._timeout_s is not None:
            wrapper.setTimeout(max(1, round(self._timeout_s)))
        with warnings.catch_warnings():  # it warns when it cannot tell the query form
            warnings.simplefilter("ignore", RuntimeWarning)
            wrapper.setQuery(text)
        return wrapper

    def _server_name(self) -> str:
        """The server's ``Server`` header (after checking that it answers queries)."""
        wrapper = self._wrapper(self.query_url, "ASK { }")
        wrapper.setReturnFormat(JSON)
        self._send(wrapper, "query")
        return self._last_server

    def _send(self, wrapper: SPARQLWrapper, what: str) -> bytes:
        """Send one request; map the HTTP client's errors to ducha's."""
        endpoint = wrapper.endpoint
        try:
            response = wrapper.query().response
            body: bytes = response.read()
            self._last_server = str(response.headers.get("Server", ""))
            return body
        except QueryBadFormed as error:
            raise BadQuery(f"the SPARQL {what} does not parse: {_server_message(error)}") from error
        except Unauthorized as error:
            raise StoreError(
                f"{endpoint} refused the credentials: check DUCHA_STORE_USER and "
                "DUCHA_STORE_PASSWORD"
            ) from error
        except EndPointNotFound as error:
            raise StoreError(f"{endpoint}: no SPARQL endpoint there (HTTP 404)") from error
        except URITooLong as error:
            raise StoreError(f"{endpoint}: the {what} is too long for the server") from error
        except EndPointInternalError as error:
            raise StoreError(
                f"{endpoint} failed the {what}; nothing changed: {_server_message(error)}"
            ) from error
        except TimeoutError as error:
            raise QueryTimeout(
                f"{endpoint} did not answer the {what} within {self._timeout_s} s"
            ) from error
        except urllib.error.HTTPError as error:
            raise StoreError(f"{endpoint} answered HTTP {error.code} to the {what}") from error
        except (urllib.error.URLError, OSError, SPARQLWrapperException) as error:
            if isinstance(getattr(error, "reason", None), TimeoutError):
                raise QueryTimeout(
                    f"{endpoint} did not answer the {what} within {self._timeout_s} s"
                ) from error
            raise StoreError(f"cannot reach the SPARQL store at {endpoint}: {error}") from error

    def _graph_store(self, method: str, graph: str, body: bytes | None = None) -> bytes:
        assert self.graph_store_url is not None
        auth: httpx.Auth | None = None
        if self._user is not None:
            auth = (
                httpx.DigestAuth(self._user, self._password or "")
                if self._auth == "digest"
                else httpx.BasicAuth(self._user, self._password or "")
            )
        try:
            response = httpx.request(
                method,
                self.graph_store_url,
                params={"graph": graph},
                headers={"Accept": "application/n-triples"},
                content=body,
                auth=auth,
                timeout=self._timeout_s,
            )
        except httpx.TimeoutException as error:
            raise QueryTimeout(f"{self.graph_store_url} did not answer in time") from error
        except httpx.HTTPError as error:
            raise StoreError(f"cannot reach {self.graph_store_url}: {error}") from error
        if response.status_code == 404:
            return b""
        if response.status_code >= 400:
            raise StoreError(
                f"{self.graph_store_url} answered HTTP {response.status_code} for graph "
                f"<{graph}>: {response.text[:300]}"
            )
        return response.content


class StoreSettings(Protocol):
    """What :func:`open_store` reads of ``ducha.service.settings.Settings``."""

    @property
    def store(self) -> Path | None: ...
    @property
    def store_url(self) -> str | None: ...
    @property
    def update_url(self) -> str | None: ...
    @property
    def graph_store_url(self) -> str | None: ...
    @property
    def store_user(self) -> str | None: ...
    @property
    def store_password(self) -> str | None: ...
    @property
    def store_auth(self) -> AuthScheme: ...
    @property
    def query_timeout_s(self) -> float: ...
    @property
    def in_memory(self) -> bool: ...


def open_store(settings: StoreSettings, *, read_only: bool = False) -> Store:
    """The store the settings name: a :class:`RemoteStore` when ``store_url``
    (``DUCHA_STORE_URL``) is set, else the embedded store in ``store`` (``DUCHA_STORE``),
    served from memory when ``in_memory`` (``DUCHA_IN_MEMORY``) is set.

    >>> from types import SimpleNamespace
    >>> type(open_store(SimpleNamespace(store=None, store_url=None, in_memory=False))).__name__
    'Store'
    """
    if settings.store_url is None:
        return Store.open(settings.store, read_only=read_only, in_memory=settings.in_memory)
    return RemoteStore.connect(
        settings.store_url,
        update_url=settings.update_url,
        graph_store_url=settings.graph_store_url,
        user=settings.store_user,
        password=settings.store_password,
        auth=settings.store_auth,
        timeout_s=settings.query_timeout_s,
        read_only=read_only,
    )


def _write_operations(
    reports: Sequence[tuple[str, Mapping[str, Sequence[ox.Triple | ox.Quad]]]],
    additions: Mapping[str, Sequence[ox.Triple | ox.Quad]],
    drops: Iterable[str],
) -> str:
    """One update that writes reports: fill staging graphs, add to the shared graph, then
    drop and MOVE each staging graph onto its graph (each report's own graph after its
    findings: while it is absent the report counts as not loaded), then drop ``drops``.
    """
    ordered = [
        (graph, triples)
        for report_iri, graphs in reports
        for graph, triples in sorted(graphs.items(), key=lambda item: item[0] == report_iri)
    ]
    operations = [f"DROP SILENT GRAPH <{_staging(graph)}>" for graph, _ in ordered]
    for graph, triples in ordered:
        operations += _insert_operations(_staging(graph), triples)
    for graph, triples in additions.items():
        operations += _insert_operations(graph, triples)
    for graph, _ in ordered:
        operations.append(f"DROP SILENT GRAPH <{graph}>")
        operations.append(f"MOVE SILENT <{_staging(graph)}> TO <{graph}>")
    operations += [f"DROP SILENT GRAPH <{graph}>" for graph in dict.fromkeys(drops)]
    return " ;\n".join(operations)


def _insert_operations(graph: str, triples: Iterable[ox.Triple | ox.Quad]) -> list[str]:
    """INSERT DATA operations of at most :data:`_CHUNK` triples each into ``graph``.

    Virtuoso's parser gives up near 5,000 triples in one operation. Triples with blank
    nodes go together into one ``INSERT { ... } WHERE { }``: Virtuoso refuses blank nodes in
    INSERT DATA, and a blank node label means one node only within one operation.
    """
    plain: list[ox.Triple | ox.Quad] = []
    blank: list[ox.Triple | ox.Quad] = []
    for t in triples:
        has_blank = isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
        (blank if has_blank else plain).append(t)
    operations = [
        "INSERT DATA {\n" + _statements(graph, plain[start : start + _CHUNK]) + "\n}"
        for start in range(0, len(plain), _CHUNK)
    ]
    if blank:
        operations.append("INSERT {\n" + _statements(graph, blank) + "\n} WHERE { }")
    return operations


def _staging(graph: str) -> str:
    return _STAGING + graph


def _with_prefixes(sparql: str) -> str:
    """``sparql`` with PREFIX lines for every one of ducha's prefixes it does not declare."""
    declared = {match.group(1) or "" for match in _PREFIX_DECLARED.finditer(sparql)}
    lines = [
        f"PREFIX {name}: <{namespace}>"
        for name, namespace in PREFIXES.items()
        if name not in declared and f"{name}:" in sparql
    ]
    return "\n".join([*lines, sparql]) if lines else sparql


def _with_values(sparql: str, substitutions: Mapping[str, Term]) -> str:
    """Bind variables by a VALUES block that opens the query's outermost WHERE group."""
    if any(isinstance(term, ox.BlankNode) for term in substitutions.values()):
        raise BadQuery("a query parameter cannot be a blank node")
    at = _where_group(sparql)
    if at is None:
        raise BadQuery("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    return f"{sparql[: at + 1]} VALUES ({names}) {{ ({terms}) }}{sparql[at + 1 :]}"


def _where_group(sparql: str) -> int | None:
    """The offset of the ``{`` that opens the query's WHERE group, skipping comments,
    strings and IRIs (a CONSTRUCT's template comes before its WHERE)."""
    return _scan(sparql)[1]


def _query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, or "" when none of them opens the query.

    Not SPARQLWrapper's guess: it keeps every other line of a block of comments and takes
    the first form keyword found anywhere in them ("loaded" made a query a LOAD).
    """
    return _scan(sparql)[0]


def _scan(sparql: str) -> tuple[str, int | None]:
    """The query form and the offset of the ``{`` opening its WHERE group (see above)."""
    depth, index, form, after_where = 0, 0, "", False
    while index < len(sparql):
        char = sparql[index]
        if char == "#":
            end = sparql.find("\n", index)
            index = len(sparql) if end < 0 else end
        elif char in "\"'":
            quote = char * 3 if sparql.startswith(char * 3, index) else char
            index += len(quote)
            while index < len(sparql) and not sparql.startswith(quote, index):
                index += 2 if sparql[index] == "\\" else 1
            index += len(quote)
            continue
        elif char == "<" and (iri_match := _IRIREF.match(sparql, index)):
            index = iri_match.end()
            continue
        elif char in "?$":
            word = _WORD.match(sparql, index + 1)
            index = word.end() if word else index + 1
            continue
        elif char == "{":
            if depth == 0 and (form != "CONSTRUCT" or after_where):
                return form, index
            depth += 1
        elif char == "}":
            depth -= 1
        elif (word := _WORD.match(sparql, index)) is not None:
            keyword = word.group().upper()
            if depth == 0 and not form and keyword in _QUERY_FORMS:
                form = keyword
            after_where = after_where or (depth == 0 and keyword == "WHERE")
            index = word.end()
            continue
        index += 1
    return form, None


def _query_triples(quads: Iterable[ox.Quad]) -> ox.QueryTriples:
    """Triples as pyoxigraph's ``QueryTriples``, the type the embedded store returns."""
    holder = ox.Store()
    holder.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    result = holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def _ground(triples: Iterable[ox.Triple]) -> set[ox.Triple]:
    # Blank nodes get new ids on every parse and every server round trip: compare the rest.
    return {
        t
        for t in triples
        if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
    }


def _server_graph(graph: str) -> bool:
    return graph.startswith((*SERVER_GRAPH_PREFIXES, _STAGING))


def _checked_iri(value: str) -> str:
    if not _IRIREF.fullmatch(f"<{value}>"):
        raise BadQuery(f"{value!r} is not an IRI")
    return value


def _server_message(error: SPARQLWrapperException) -> str:
    """The server's own words, without SPARQLWrapper's boilerplate and the echoed query."""
    text = str(error)
    text = text.split("Response:", 1)[-1].strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1].encode().decode("unicode_escape", errors="replace")
    text = text.split("SPARQL query:", 1)[0].strip()
    return " ".join(text.split())[:500]
