"""Load report files into the store: in parallel, idempotent, resumable.

- Extraction, RDF and SHACL validation (:mod:`ducha.service.prepare`) run in a pool of
  ``settings.workers`` processes; this process reads the files and writes to the store, in
  file order, so a parallel load leaves exactly the store a serial one does.
- Reports are written in batches that grow up to ``settings.batch_size``; a report's commit
  mark is written once its batch is stored, so a crash loses at most the batch in flight,
  and loading the same files again resumes (docs/loading.md).
- A file whose exact bytes are already stored (its SHA-256 is recorded with its report) is
  skipped before extraction: ``unchanged`` with ``skipped`` set and no counts.
- The same text loaded again gives the same report IRI and writes nothing (``unchanged``).
- A changed text under the same file name replaces that file's report: the old report's
  graphs go and the new ones come in one transaction (``replaced``).
- Bad input raises its ``DuchaError`` from :func:`load_bytes` before anything is written;
  :func:`load_paths` records it per file and goes on with the others.
- In the worker pool a report gets ``settings.report_timeout_s`` seconds (from when its
  turn to be written comes): over it, it fails with a message naming the file and the
  limit, the workers are replaced (a stuck one cannot be stopped alone) and the files in
  flight are prepared again. Reports prepared in this process are not timed.

>>> from ducha.loaders.store import Store
>>> outcome = load_bytes(Store.open(None), b"", "empty.txt", settings=Settings(store=None))
Traceback (most recent call last):
...
ducha.loaders.errors.UnreadableInput: ...
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from ducha.loaders.errors import DuchaError, InputError, InternalError, UnreadableInput
from ducha.loaders.registry import Registry
from ducha.loaders.registry_rdf import ensure_registry, store_registry
from ducha.loaders.resolve import Resolver
from ducha.loaders.store import ReportWrite, Store
from ducha.service.fork_server import fork_server_context, start_fork_server
from ducha.service.prepare import (
    SOURCE_DIGEST,
    PreparedReport,
    file_digest,
    prepare_in_worker,
    prepare_report,
    start_worker,
)
from ducha.service.settings import Settings

__all__ = [
    "REPORT_SUFFIXES",
    "LoadOutcome",
    "Progress",
    "Status",
    "load_bytes",
    "load_paths",
    "report_files",
    "sample_files",
]

_log = logging.getLogger(__name__)

REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md"})
# Files that sit beside reports in a corpus folder but are not reports.
_NOT_REPORTS = frozenset({"truth.json", "readme.md"})

# Below this many files a load stays in this process: starting the pool (importing ducha and
# warming its tables in each worker) costs about 2 s, some ten small reports' extraction.
_MIN_FILES_FOR_POOL = 8
_FIRST_BATCH = 64  # reports in a load's first batches (they grow, see _Writer.flush)
_TAIL_DIVISOR = 8  # batches this many times smaller once every file is handed out
# Oxigraph's RocksDB keeps its write-ahead logs and memtables until it flushes them: flushing
# every 32 MB of N-Quads (some 16 seed-sized reports) took the loading process of 100 such
# reports from 704 to 315 MB of memory and the store from 567 to 365 MB on disk, and cut its
# processor time by a sixth; without it the next open replays the logs (12 s).
_FLUSH_EVERY_BYTES = 32 * 1024 * 1024
# Workers run this much below the loading process's priority. The one process that writes the
# store falls behind two workers that share the cores with it: when they are done, it still
# had some 70 of 200 seed-sized reports to write, 1.5-2 s on 1.7 cores. Ahead of them it
# keeps up, and two cores were 93-94% busy instead of 90-91%: 17.7 against 17.2, 18.2 against
# 16.7 and 19.2 against 18.7 reports/s (medians of five loads, alternating). At 7 RocksDB's
# merges cost more; a niceness of 10 cost throughput (docs/loading.md, "tried").
_WORKER_NICENESS = 4
# Workers write each report's N-Quads into a folder of this name (see _Preparer).
_SPOOL_PREFIX = "ducha-spool-"

Status = Literal["new", "unchanged", "replaced", "error"]


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one file did. ``skipped``: its bytes were already stored, so nothing
    was extracted and the counts are 0. ``cpu_seconds``: processor time extraction, RDF and
    validation took (in whichever process ran them)."""

    file: str
    status: Status
    report_iri: str | None = None
    problems: int = 0
    figures: int = 0
    entities: int = 0
    findings: int = 0
    error: DuchaError | None = None
    skipped: bool = False
    cpu_seconds: float = 0.0

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""


# Called after each file with (files done, files in all, that file's outcome).
Progress = Callable[[int, int, LoadOutcome], None]


def load_bytes(store: Store, data: bytes, name: str, *, settings: Settings) -> LoadOutcome:
    """Load one report file's bytes; ``name`` (the file name) identifies it across versions.

    Raises the ``DuchaError`` of bad input (``UnreadableInput``, ``NotAReport``) or of the
    store (``StoreError``); in every such case the store is left as it was.
    """
    # Regulations: the registry in the shared graph, mentions resolved to its acts (issue 7).
    ensure_registry(store, base=settings.base_iri)
    resolver = Resolver(store_registry(store, base=settings.base_iri))
    prepared = prepare_report(
        data,
        name,
        base=settings.base_iri,
        max_bytes=settings.max_upload_bytes,
        resolver=resolver,
    )
    outcome, write = _plan_write(store, name, prepared)
    if write is not None:
        store.put_reports([write])
        _log.info("%s: %s report %s", name, outcome.status, outcome.report_iri)
    return outcome


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The report files among ``paths``: files as given, folders searched recursively for
    .txt/.html/.htm/.md (skipping truth.json and README.md), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in REPORT_SUFFIXES
                    and p.name.lower() not in _NOT_REPORTS
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def sample_files() -> list[Traversable]:
    """The development reports bundled with ducha (service/samples/*.txt)."""
    folder = resources.files("ducha.service") / "samples"
    return sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(".txt")),
        key=lambda f: f.name,
    )


def load_paths(
    store: Store,
    paths: Sequence[Path | Traversable],
    *,
    settings: Settings,
    progress: Progress | None = None,
) -> list[LoadOutcome]:
    """Load files and folders; a file that fails is reported in its outcome, the rest load.

    Folders are expanded with :func:`report_files`. Outcomes come in file order, and so do
    the writes: the store ends the same whatever ``settings.workers`` is. A file that fails is
    not written and the others are.
    """
    files: list[Path | Traversable] = []
    for path in paths:
        if isinstance(path, Path):
            files.extend(report_files([path]))
        else:
            files.append(path)
    parallel = settings.workers > 1 and len(files) >= _MIN_FILES_FOR_POOL
    if parallel:
        start_fork_server()  # it imports the pipeline while this process reads the store
    # The workers need the registry's entries (the shipped ones and users'), not the shipped
    # ones written into the store: that write (0.1 s into a new store) waits for the writer's
    # first batch, beside the workers' start rather than before it.
    registry = store_registry(store, base=settings.base_iri)
    outcomes: list[LoadOutcome | None] = [None] * len(files)
    done = 0

    def record(slot: int, outcome: LoadOutcome) -> None:
        nonlocal done
        outcomes[slot] = outcome
        done += 1
        if progress is not None:
            progress(done, len(files), outcome)

    writer = _Writer(store, settings.batch_size, record)
    writer.before_first_write(lambda: ensure_registry(store, base=settings.base_iri))
    with _Preparer(settings, registry, workers=settings.workers if parallel else 1) as preparer:
        # Futures of the files ahead of the one being written, to keep every worker busy,
        # also while this process writes a batch (a batch's worth more than the workers).
        window: deque[tuple[_Job | _Done, Future[PreparedReport] | None]] = deque()
        for item in _read_files(files, _stored_digests(store), settings):
            future = preparer.submit(item) if isinstance(item, _Job) else None
            window.append((item, future))
            ahead = 2 * preparer.workers + (writer.batch_size if preparer.workers > 1 else 0)
            while len(window) > ahead:
                _write_next(window, preparer, writer)
        writer.finishing()
        while window:
            _write_next(window, preparer, writer)
        writer.flush()
    store.flush()
    assert all(o is not None for o in outcomes)
    return [o for o in outcomes if o is not None]


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """A file to prepare."""

    slot: int
    label: str
    name: str
    data: bytes


@dataclass(frozen=True)
class _Done:
    """A file settled without preparing it: unreadable, or skipped (``job`` to prepare it
    after all, should this load drop the report it was skipped for)."""

    slot: int
    outcome: LoadOutcome
    job: _Job | None = None


def _stored_digests(store: Store) -> dict[str, str]:
    """The SHA-256 of every stored report's file → that report's IRI."""
    # Our own constant IRI: nothing user-supplied is pasted into the query.
    rows = store.query(f"SELECT ?r ?digest WHERE {{ GRAPH ?r {{ ?r {SOURCE_DIGEST} ?digest }} }}")
    assert isinstance(rows, ox.QuerySolutions)
    return {str(row["digest"].value): row["r"].value for row in rows}


def _read_files(
    files: Sequence[Path | Traversable], stored: dict[str, str], settings: Settings
) -> Iterator[_Job | _Done]:
    """Each file's bytes, in order; files already stored byte for byte come back settled."""
    for slot, file in enumerate(files):
        label = str(file)
        try:
            if isinstance(file, Path) and not file.is_file():
                raise InputError(f"{file}: no such file; give a report file or a folder of them")
            if isinstance(file, Path) and file.stat().st_size > settings.max_upload_bytes:
                raise UnreadableInput(
                    f"{file}: {file.stat().st_size} bytes is over the limit of "
                    f"{settings.max_upload_bytes} bytes (DUCHA_MAX_UPLOAD_BYTES)"
                )
            data = file.read_bytes()
        except DuchaError as error:
            yield _Done(slot, _failed(label, error))
            continue
        except OSError as error:
            yield _Done(slot, _failed(label, InputError(f"{label}: cannot read it: {error}")))
            continue
        job = _Job(slot, label, file.name, data)
        known = stored.get(file_digest(data))
        if known is not None:
            yield _Done(slot, LoadOutcome(label, "unchanged", known, skipped=True), job)
        else:
            yield job


def _failed(label: str, error: DuchaError) -> LoadOutcome:
    _log.warning("%s: %s", label, error)
    # Drop the traceback: its frames would keep the store (and its lock) alive.
    return LoadOutcome(label, "error", error=error.with_traceback(None))


# -- preparing --------------------------------------------------------------------------------


def _new_spool() -> str:
    """A spool folder for this load's workers, named by this process, after removing those
    of loads that were killed (their process is gone, their files are not)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_SPOOL_PREFIX}*-*"):
        owner = folder.name.removeprefix(_SPOOL_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"{_SPOOL_PREFIX}{os.getpid()}-")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


class _Preparer:
    """Prepares reports in this process (``workers`` 1) or in a pool started on first use."""

    def __init__(self, settings: Settings, registry: Registry, *, workers: int) -> None:
        self.workers = workers
        self._settings = settings
        self._registry = registry
        self._resolver: Resolver | None = None
        self._pool: ProcessPoolExecutor | None = None
        # Where workers write the reports' N-Quads (prepare.prepare_in_worker); this process
        # reads and removes each file, and the folder goes with the pool's last use.
        self._spool: str | None = None

    def __enter__(self) -> _Preparer:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        if error_type is not None:
            # Interrupted (Ctrl-C, a kill turned into SystemExit, a store fault): the workers'
            # reports will not be written, so they are stopped rather than waited for.
            self.replace_workers()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)  # what stopped workers left
            self._spool = None

    def submit(self, job: _Job) -> Future[PreparedReport]:
        for attempt in range(2 if self.workers > 1 else 0):
            try:
                return self._running_pool().submit(prepare_in_worker, job.data, job.name)
            except (BrokenProcessPool, OSError) as error:
                # A worker died (killed for memory?) and its files fail: new workers take the
                # rest. When workers cannot start at all, this process prepares the rest.
                then = "starting new ones" if attempt == 0 else "preparing in this process"
                _log.error("loading workers failed (%r); %s", error, then)
                self._stop_pool()
        self.workers = 1
        return self.prepare_here(job)

    def _stop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def replace_workers(self) -> None:
        """Kill the workers (one is stuck past the time limit) so that new ones start on the
        next submit; the futures they held fail."""
        if self._pool is not None:
            # The pool cannot stop one task; its processes are killed by their own ids.
            for process in list(self._pool._processes.values()):
                process.kill()
            self._stop_pool()

    @property
    def timeout(self) -> float | None:
        """Seconds a pooled report may take (None in this process: nothing could stop it)."""
        return self._settings.report_timeout_s if self.workers > 1 else None

    def prepare_here(self, job: _Job) -> Future[PreparedReport]:
        """Prepare ``job`` in this process (its result or exception in a done future)."""
        if self._resolver is None:
            self._resolver = Resolver(self._registry)
        future: Future[PreparedReport] = Future()
        try:
            future.set_result(
                prepare_report(
                    job.data,
                    job.name,
                    base=self._settings.base_iri,
                    max_bytes=self._settings.max_upload_bytes,
                    resolver=self._resolver,
                    validator=self._settings.validator,
                )
            )
        except Exception as error:  # handed to the caller like a worker's exception
            future.set_exception(error)
        return future

    def _running_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            if self._spool is None:
                self._spool = _new_spool()
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=fork_server_context(),
                initializer=start_worker,
                initargs=(
                    self._settings.base_iri,
                    self._settings.max_upload_bytes,
                    self._registry,
                    self._settings.validator,
                    self._spool,
                    _WORKER_NICENESS,
                ),
            )
        return self._pool


def _write_next(
    window: deque[tuple[_Job | _Done, Future[PreparedReport] | None]],
    preparer: _Preparer,
    writer: _Writer,
) -> None:
    """Write (or record) the first file of ``window``; past the time limit, fail it, replace
    the workers and submit the files behind it again."""
    item, future = window.popleft()
    try:
        writer.add(*_result(item, future, preparer, writer))
    except FutureTimeout:
        assert isinstance(item, _Job)  # only a job has a future to wait for
        message = (
            f"{item.label}: preparing it took longer than the limit of {preparer.timeout:g} s "
            "(DUCHA_REPORT_TIMEOUT_S); it was stopped and not loaded"
        )
        writer.add(item.slot, _failed(item.label, InternalError(message)), item.label)
        preparer.replace_workers()
        pending = list(window)
        window.clear()
        for waiting, _ in pending:
            window.append(
                (waiting, preparer.submit(waiting) if isinstance(waiting, _Job) else None)
            )


def _result(
    item: _Job | _Done,
    future: Future[PreparedReport] | None,
    preparer: _Preparer,
    writer: _Writer,
) -> tuple[int, LoadOutcome | PreparedReport, str]:
    """A file's slot, its prepared report or settled outcome, and its label."""
    if isinstance(item, _Done):
        if item.job is not None and writer.drops(item.outcome.report_iri):
            # Skipped for a report this load replaces (a file of the same name came first).
            return _result(item.job, preparer.prepare_here(item.job), preparer, writer)
        return item.slot, item.outcome, item.outcome.file
    assert future is not None
    try:
        return item.slot, future.result(timeout=preparer.timeout).unspooled(), item.label
    except FutureTimeout:
        raise  # the caller stops the workers
    except DuchaError as error:
        return item.slot, _failed(item.label, error), item.label
    except (BrokenProcessPool, OSError):
        message = f"{item.label}: the worker preparing it died (out of memory?); load it again"
        return item.slot, _failed(item.label, InternalError(message)), item.label
    except Exception as error:  # a bug in one extractor must not stop the other files
        _log.error("%s: internal error while loading: %r", item.label, error)
        return item.slot, _failed(item.label, InternalError(f"{item.label}: {error!r}")), item.label


# -- writing ----------------------------------------------------------------------------------


def _plan_write(
    store: Store, label: str, prepared: PreparedReport
) -> tuple[LoadOutcome, ReportWrite | None]:
    """The outcome of loading ``prepared`` and the write it takes (None: nothing to write)."""
    outcome = LoadOutcome(
        label,
        "unchanged",
        prepared.report_iri,
        problems=prepared.problems,
        figures=prepared.figures,
        entities=prepared.entities,
        cpu_seconds=prepared.cpu_seconds,
    )
    if store.has_graph(prepared.report_iri) and store.is_complete(prepared.report_iri):
        return outcome, None
    previous = store.report_for_file(prepared.name)
    write = ReportWrite(
        prepared.report_iri,
        prepared.nquads,
        graphs=prepared.graphs,
        replaces=(previous,) if previous else (),
        mark=prepared.mark,
    )
    status: Status = "replaced" if previous else "new"
    return replace(outcome, status=status, findings=prepared.findings), write


@dataclass(frozen=True)
class _Pending:
    """A file's outcome waiting for its batch to be written (``write`` None: no write)."""

    slot: int
    outcome: LoadOutcome
    write: ReportWrite | None = None
    name: str = ""

    def depends(self, prepared: PreparedReport) -> bool:
        """Whether the outcome of writing ``prepared`` depends on this write."""
        if self.write is None:
            return False
        return prepared.name == self.name or prepared.report_iri in (
            self.write.report_iri,
            *self.write.replaces,
        )


class _Writer:
    """Writes prepared reports in file order, ``batch_size`` reports per transaction, and
    hands each file's outcome to ``record`` once its batch is stored."""

    def __init__(
        self, store: Store, batch_size: int, record: Callable[[int, LoadOutcome], None]
    ) -> None:
        self._store = store
        self._max_batch = batch_size
        self._batch_size = min(batch_size, _FIRST_BATCH)
        self._written = 0  # reports this load has written
        self._record = record
        self._pending: list[_Pending] = []
        self._dropped: set[str] = set()  # reports this load replaced
        self._unflushed = 0  # bytes of N-Quads written since the store last flushed
        self._first_write: Callable[[], object] | None = None

    def before_first_write(self, prepare: Callable[[], object]) -> None:
        """Have ``prepare`` run on the store once, before the first batch is written or the
        first outcome is recorded (so once in every load, whatever it writes)."""
        self._first_write = prepare

    def add(self, slot: int, item: LoadOutcome | PreparedReport, label: str) -> None:
        if isinstance(item, LoadOutcome):
            self._pending.append(_Pending(slot, item))
            if all(p.write is None for p in self._pending):
                self.flush()  # nothing to wait for: report it now, keeping file order
            return
        if any(p.depends(item) for p in self._pending):
            # Its status hangs on a pending write: the same file or text again, or a text
            # whose report a pending write replaces.
            self.flush()
        outcome, write = _plan_write(self._store, label, item)
        self._pending.append(_Pending(slot, outcome, write, item.name))
        writes = sum(p.write is not None for p in self._pending)
        if writes == 0 or writes >= self._batch_size:
            self.flush()

    @property
    def batch_size(self) -> int:
        """Reports in the batch being gathered."""
        return self._batch_size

    def finishing(self) -> None:
        """Every file is handed out: write smaller batches from here on, so that the last
        write runs beside the workers' last reports rather than after them (a full batch
        written when the workers are done left a core idle for a second or more)."""
        self._max_batch = self._batch_size = max(1, self._batch_size // _TAIL_DIVISOR)

    def drops(self, report_iri: str | None) -> bool:
        """Whether this load replaces ``report_iri`` (written, or in the pending batch)."""
        pending = {old for p in self._pending if p.write is not None for old in p.write.replaces}
        return report_iri in self._dropped | pending

    def flush(self) -> None:
        if self._first_write is not None:
            prepare, self._first_write = self._first_write, None
            prepare()
        pending, self._pending = self._pending, []
        writes = [p.write for p in pending if p.write is not None]
        failed: dict[str, DuchaError] = {}
        if writes:
            # Batches grow to half of what the load has written, up to batch_size: RocksDB
            # merges each bulk load into what the store holds, which costs less per report
            # when the batch is a fair share of it (1,000 seed-sized reports: 14.1 reports/s
            # with batches of 64, 17.2 growing; 200 reports: the same 18).
            self._written += len(writes)
            self._batch_size = min(self._max_batch, max(_FIRST_BATCH, self._written // 2))
            try:
                self._store.put_reports(writes)
            except DuchaError as error:
                failed = {writes[0].report_iri: error}
                if len(writes) > 1:
                    failed = self._one_by_one(writes)
            self._unflushed += sum(len(w.nquads) for w in writes)
            if self._unflushed >= _FLUSH_EVERY_BYTES:
                self._store.flush()
                self._unflushed = 0
        for item in pending:
            outcome = item.outcome
            if item.write is not None and item.write.report_iri in failed:
                outcome = _failed(outcome.file, failed[item.write.report_iri])
            elif item.write is not None:
                self._dropped.update(item.write.replaces)
                _log.info("%s: %s report %s", outcome.file, outcome.status, outcome.report_iri)
            self._record(item.slot, outcome)

    def _one_by_one(self, writes: list[ReportWrite]) -> dict[str, DuchaError]:
        """Write a batch that failed report by report; the errors of those that fail."""
        failed = {}
        for write in writes:
            try:
                self._store.put_reports([write])
            except DuchaError as error:
                failed[write.report_iri] = error
        return failed
