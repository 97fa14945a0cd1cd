"""Everything loading does to a report before the store: extract, resolve, map to RDF,
validate. Pure (no store), so it runs in worker processes, one report at a time.

:func:`prepare_report` turns a file's bytes into a :class:`PreparedReport`: its quads as
N-Quads bytes (the report's graph, its findings graph and its additions to the shared graph),
ready for :meth:`~ducha.loaders.store.Store.put_reports`, and the counts a load outcome shows.
N-Quads rather than pyoxigraph objects because that is what crosses the process boundary:
for a seed-sized report (8,000 quads) pickling the objects takes 0.6 s, the bytes 30 ms to
write and parse. A worker writes them to a file rather than through the pool's pipe
(:func:`prepare_in_worker`).

The report's graph also records the SHA-256 of the file's raw bytes (``schema:sha256``), so
that a later load can skip a file it has already stored without reading past its bytes
(:data:`SOURCE_DIGEST`).

>>> from ducha.loaders.resolve import Resolver
>>> text = (
...     "Circular on the progress of rectification of the feedback of the provincial inspection\\n"
...     "From May 6 to June 5, 2023, the Third Inspection Group of the Provincial Party Committee "
...     "conducted a routine inspection of the Party Group of the Provincial Water Resources "
...     "Department. Of the 24 rectification tasks, 20 have been completed.\\n")
>>> prepared = prepare_report(text.encode(), "circular.txt", base="https://w3id.org/ducha/id/",
...                           max_bytes=10_000, resolver=Resolver())
>>> prepared.figures, b"<https://schema.org/sha256>" in prepared.mark
(2, True)
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.loaders.model import SectionKind
from ducha.loaders.pipeline import extract_report
from ducha.loaders.rdf import report_quads
from ducha.loaders.registry import Registry, default_registry
from ducha.loaders.resolve import Resolver, resolve_report
from ducha.loaders.store import SOURCE_DIGEST
from ducha.shapes.audit import validate_quads
from ducha.shapes.validation import Engine

__all__ = [
    "SOURCE_DIGEST",
    "PreparedReport",
    "file_digest",
    "prepare_in_worker",
    "prepare_report",
    "settle_after_warm_up",
    "start_worker",
    "warm_up",
]

_log = logging.getLogger(__name__)


_VALIDATION_RESULT = ox.NamedNode("http://www.w3.org/ns/shacl#ValidationResult")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class PreparedReport:
    """A report ready to write: its IRI, its quads and its commit mark as N-Quads, and what
    the outcome counts."""

    name: str
    report_iri: str
    nquads: bytes
    mark: bytes
    problems: int
    figures: int
    entities: int
    findings: int
    cpu_seconds: float  # processor time preparing it took (benchmarks sum it over workers)
    # Where a worker wrote ``nquads`` (then empty) instead of sending them: see
    # prepare_in_worker. None for a report prepared in the loading process.
    spooled: str | None = None

    @property
    def graphs(self) -> tuple[str, str]:
        """The graphs the report owns (replaced when it is written again)."""
        return (self.report_iri, iri.findings_graph_iri(self.report_iri))

    def unspooled(self) -> PreparedReport:
        """This report with its N-Quads read back from the worker's file (which is removed).

        Raises ``InternalError`` when the file cannot be read."""
        if self.spooled is None:
            return self
        path = Path(self.spooled)
        try:
            nquads = path.read_bytes()
            path.unlink()
        except OSError as error:
            raise InternalError(
                f"{self.name}: the N-Quads its worker wrote to {path} cannot be read: {error}"
            ) from error
        return replace(self, nquads=nquads, spooled=None)


def file_digest(data: bytes) -> str:
    """The hex SHA-256 of a file's raw bytes (what :data:`SOURCE_DIGEST` records)."""
    return hashlib.sha256(data).hexdigest()


def prepare_report(
    data: bytes,
    name: str,
    *,
    base: str,
    max_bytes: int,
    resolver: Resolver,
    validator: Engine = "compiled",
) -> PreparedReport:
    """Extract, resolve regulations, map to RDF and validate one report file's bytes.

    ``name`` is the file name that identifies the report across versions; ``validator`` the
    SHACL engine (``compiled`` or ``pyshacl``, the reference). Raises the
    ``DuchaError`` of bad input (``UnreadableInput``, ``NotAReport``), of a broken shape
    (``SchemaError``) or of an extractor bug (``InternalError``).
    """
    started = time.process_time()
    report = extract_report(data, name, max_bytes=max_bytes)
    report = resolve_report(report, resolver)
    quads = report_quads(report, base=base)
    # SHACL runs on the report as extracted; the digest of the file is bookkeeping.
    findings = validate_quads(quads, engine=validator)
    report_node = ox.NamedNode(quads.report_iri)
    findings_graph = ox.NamedNode(iri.findings_graph_iri(quads.report_iri))
    digest = ox.Quad(report_node, SOURCE_DIGEST, ox.Literal(file_digest(data)), report_node)
    found = ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object, findings_graph) for t in findings],
        format=ox.RdfFormat.N_QUADS,
    )
    mark = ox.serialize([digest], format=ox.RdfFormat.N_QUADS)
    assert found is not None and mark is not None  # the bytes, when given no output
    nquads = quads.nquads() + found
    return PreparedReport(
        name=name,
        report_iri=quads.report_iri,
        nquads=nquads,
        mark=mark,
        problems=len(report.sections_of(SectionKind.PROBLEM)),
        figures=len(report.figures),
        entities=len(report.entities),
        findings=sum(
            1 for t in findings if t.predicate == _RDF_TYPE and t.object == _VALIDATION_RESULT
        ),
        cpu_seconds=time.process_time() - started,
    )


# -- in a worker process ----------------------------------------------------------------------


@dataclass(frozen=True)
class _WorkerState:
    base: str
    max_bytes: int
    resolver: Resolver
    validator: Engine
    spool: Path | None


# Tracked objects allocated (net) between two young collections in a warm worker: above what
# preparing one report holds at once, so that its transient objects trigger none.
_YOUNG_THRESHOLD = 20_000

_state: _WorkerState | None = None
_warm = False


def start_worker(
    base: str,
    max_bytes: int,
    registry: Registry,
    validator: Engine = "compiled",
    spool: str | None = None,
    niceness: int = 0,
) -> None:
    """Initialise a loading worker process: the registry's resolver is built once here.

    ``spool`` is a folder where the worker writes each report's N-Quads (see
    :func:`prepare_in_worker`). ``niceness`` lowers the worker's priority by that much
    (``os.nice``), so that the process that writes the store goes first."""
    global _state
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    folder = Path(spool) if spool is not None else None
    _state = _WorkerState(base, max_bytes, Resolver(registry), validator, folder)


def settle_after_warm_up() -> None:
    """Tune the garbage collector once a worker's first report has loaded what lives as
    long as the worker (ontology, shapes, gazetteer, registry)."""
    # Out of the collector's full passes, which otherwise walk it every few reports (about
    # 5% of a seed-sized report's time).
    gc.freeze()
    # A report's quads (thousands of Oxigraph objects, which the collector tracks) are
    # freed by reference counting; with the default threshold (700) their allocation alone
    # ran 15 young collections per seed-sized report (about 1.5 ms of its time).
    gc.set_threshold(_YOUNG_THRESHOLD)


# A bundled sample with figures, bodies, places, waters and regulations to read: preparing it
# loads every table the pipeline loads on first use.
_WARM_UP_SAMPLE = "inner-mongolia-rectification-2023.txt"


def warm_up() -> None:
    """Load what preparing any report reads once per process (the ontology's concept
    indexes, the gazetteer, the compiled shapes, the registry's index) by preparing a bundled
    sample report, then :func:`settle_after_warm_up`. The workers' fork server runs it
    (:mod:`ducha.service.worker_warm_up`): workers forked from it start warm, where each
    spent about 0.1 s of processor time on its first report loading them again."""
    sample = resources.files("ducha.service") / "samples" / _WARM_UP_SAMPLE
    prepare_report(
        sample.read_bytes(),
        sample.name,
        base=iri.DEFAULT_BASE,
        max_bytes=1_000_000,
        resolver=Resolver(default_registry()),
    )
    settle_after_warm_up()


def prepare_in_worker(data: bytes, name: str) -> PreparedReport:
    """:func:`prepare_report` with the settings :func:`start_worker` was given.

    With a spool folder, the N-Quads go to a file there and the result names it
    (:meth:`PreparedReport.unspooled` reads it back). The result is then a few hundred bytes,
    which the pipe to the loading process takes in one atomic write: a worker killed while
    sending a report's megabytes (a load stopped by Ctrl-C, or workers replaced after a time
    limit) left half a message that the pool waited on for ever, and the loading process never
    exited. The file also costs less than the pipe: for a seed-sized report (1.4 MB) 0.6
    processor-ms in the worker and the loading process together, against 2.1."""
    global _warm
    if _state is None:
        raise InternalError("prepare_in_worker runs only in a process started by start_worker")
    prepared = prepare_report(
        data,
        name,
        base=_state.base,
        max_bytes=_state.max_bytes,
        resolver=_state.resolver,
        validator=_state.validator,
    )
    if not _warm:
        settle_after_warm_up()
        _warm = True
    if _state.spool is None:
        return prepared
    try:
        handle, path = tempfile.mkstemp(suffix=".nq", dir=_state.spool)
        with os.fdopen(handle, "wb") as file:
            file.write(prepared.nquads)
    except OSError as error:  # a full disk: send the bytes after all
        _log.warning("%s: spooling its N-Quads failed (%s); sending them", name, error)
        return prepared
    return replace(prepared, nquads=b"", spooled=path)
