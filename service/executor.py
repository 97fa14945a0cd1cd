"""Run SPARQL queries with a time limit, in worker processes that can be stopped.

Oxigraph cannot cancel a running query, and a pathological query (a cross join of every
triple, a parser recursion) can run for hours or abort its process. So queries do not run in
the server process: each of a few worker processes opens a read-only view of the on-disk
store (``Store.open(path, read_only=True)``), runs one query at a time and sends back the
serialized answer. When the time limit passes, the worker is killed and replaced; the server
answers 503 and goes on serving.

A read-only view sees the store as it was when opened, so after each write the service calls
:meth:`QueryExecutor.store_changed` and every worker reopens its view before its next query.
Reopening happens under the service's write lock: RocksDB reads the write-ahead log while
opening, which must not be appended to at that moment. Writes themselves (updates, uploads)
stay in the server process.

A store kept in memory cannot be shared with another process: then queries run on threads
of the server process, still answered with 503 at the limit, but the abandoned query keeps
its thread until it ends (logged as a warning).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from anyio import to_thread
from ducha.loaders.errors import BadQuery, DuchaError, InternalError, QueryTimeout, StoreError
from ducha.loaders.store import Store, Term

__all__ = ["AnswerKind", "QueryAnswer", "QueryExecutor", "QueryJob", "answer", "default_workers"]

_log = logging.getLogger(__name__)

AnswerKind = Literal["solutions", "boolean", "graph"]


@dataclass(frozen=True)
class QueryJob:
    """A query to run and the formats to write its answer in (media types).

    ``results_format`` is used for SELECT and ASK, ``graph_format`` for CONSTRUCT and
    DESCRIBE: the service does not parse the query, so it names both and the kind of the
    answer picks one.
    """

    sparql: str
    results_format: str = "application/sparql-results+json"
    graph_format: str = "text/turtle"
    substitutions: dict[str, Term] | None = None
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class QueryAnswer:
    """A serialized answer: its kind, the media type it is written in and the bytes."""

    kind: AnswerKind
    media_type: str
    body: bytes


def answer(store: Store, job: QueryJob) -> QueryAnswer:
    """Run ``job`` on ``store`` and serialize the answer (in this process, no time limit)."""
    result = store.query(
        job.sparql,
        substitutions=job.substitutions,
        default_graph=job.default_graph,
        named_graphs=job.named_graphs,
    )
    try:
        if isinstance(result, ox.QueryTriples):
            rdf_format = ox.RdfFormat.from_media_type(job.graph_format)
            if rdf_format is None:
                raise BadQuery(f"cannot write a graph as {job.graph_format}")
            graph = result.serialize(format=rdf_format)
            return QueryAnswer("graph", job.graph_format, graph or b"")
        results_format = ox.QueryResultsFormat.from_media_type(job.results_format)
        if results_format is None:
            raise BadQuery(f"cannot write query results as {job.results_format}")
        kind: AnswerKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        body = result.serialize(format=results_format)
        return QueryAnswer(kind, job.results_format, body or b"")
    except OSError as error:
        raise StoreError(f"the store failed while answering the query: {error}") from error
    except (SyntaxError, ValueError, RuntimeError) as error:
        # Evaluation errors (an unbound substitution, a SERVICE call that fails) surface
        # only while the results are read.
        raise BadQuery(f"the query failed while running: {error}") from error


def default_workers() -> int:
    """Two to four workers: enough that one slow query never blocks the others."""
    return max(2, min(4, os.cpu_count() or 2))


# -- the worker process ----------------------------------------------------------------------


def _worker_main(connection: Connection, path: str) -> None:
    """Serve jobs from ``connection`` until told to stop (runs in the worker process)."""
    store: Store | None = None
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        if message[0] == "reopen":
            try:
                store = Store.open(Path(path), read_only=True)
                connection.send(("ok", None))
            except DuchaError as error:
                connection.send(("error", error.with_traceback(None)))
            continue
        try:
            if store is None:
                raise InternalError("a query reached a worker before it opened the store")
            try:
                result = answer(store, message[1])
            except StoreError:
                # The writer compacted files this view still expected: look again, once.
                store = Store.open(Path(path), read_only=True)
                result = answer(store, message[1])
            connection.send(("ok", result))
        except DuchaError as error:
            connection.send(("error", error.with_traceback(None)))
        except Exception as error:  # a bug must reach the client as a 500, not hang it
            connection.send(("error", InternalError(f"the query worker failed: {error!r}")))


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    generation: int = -1  # the store version its view shows; -1: not opened yet

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


@dataclass
class QueryExecutor:
    """Runs queries on ``store`` with a time limit of ``timeout_s`` seconds.

    ``write_lock`` is the lock the service holds while it writes to the store. Call
    :meth:`start` once, :meth:`run` from any thread (it blocks), :meth:`store_changed` after
    every write, :meth:`close` at shutdown.
    """

    store: Store
    timeout_s: float
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    workers: int = field(default_factory=default_workers)
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue, init=False)
    _generation: int = field(default=0, init=False)
    _closed: bool = field(default=False, init=False)
    _threads: ThreadPoolExecutor | None = field(default=None, init=False)

    @property
    def isolated(self) -> bool:
        """True when queries run in worker processes (the store is on disk)."""
        return self.store.path is not None

    def start(self) -> None:
        if self.isolated:
            for _ in range(self.workers):
                self._idle.put(self._spawn())
        else:
            self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="ducha-query")

    def close(self) -> None:
        self._closed = True
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            with contextlib.suppress(OSError):
                worker.connection.send(("stop",))
            worker.stop()

    def store_changed(self) -> None:
        """Tell the workers the store was written: each reopens its view before its next
        query. Call it after the write, still holding ``write_lock`` or not."""
        self._generation += 1

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run one query; raises ``QueryTimeout`` past the limit, ``BadQuery``, ``StoreError``."""
        if self._threads is not None:
            return self._run_on_thread(job)
        deadline = time.monotonic() + self.timeout_s
        try:
            worker = self._idle.get(timeout=self.timeout_s)
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.workers} query workers stayed busy for {self.timeout_s:g} s; "
                "try again in a moment"
            ) from None
        healthy = False
        try:
            self._refresh(worker, deadline)
            worker.connection.send(("query", job))
            reply = self._reply(worker, deadline)
            healthy = True
        finally:
            if healthy or self._closed:
                self._idle.put(worker)
            else:
                worker.stop()
                self._replace()
        status, payload = reply
        if status == "error" and isinstance(payload, BaseException):
            raise payload
        if not isinstance(payload, QueryAnswer):
            raise InternalError(f"a query worker answered {payload!r}")
        return payload

    async def run_async(self, job: QueryJob) -> QueryAnswer:
        """:meth:`run` for the event loop: on an in-memory store the query goes straight to
        a query thread (one hop, where ``run`` in a thread pool makes two: about 0.1 ms of
        a point lookup's 1 ms budget); a worker process is waited for from a thread."""
        if self._threads is None:
            return await to_thread.run_sync(self.run, job)
        future = self._threads.submit(answer, self.store, job)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
        except TimeoutError:
            raise self._thread_timeout() from None

    # -- internals ------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        # spawn, not fork: the server process has threads (and RocksDB's) that fork would copy
        # in an unknown state.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_worker_main,
            args=(theirs, str(self.store.path)),
            daemon=True,
            name="ducha-query-worker",
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _replace(self) -> None:
        def add() -> None:
            if not self._closed:
                self._idle.put(self._spawn())

        threading.Thread(target=add, name="ducha-query-respawn", daemon=True).start()

    def _refresh(self, worker: _Worker, deadline: float) -> None:
        generation = self._generation
        if worker.generation == generation:
            return
        if not self.write_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise QueryTimeout("the store was being written for the whole time limit; try again")
        try:
            worker.connection.send(("reopen",))
            status, payload = self._reply(worker, deadline)
        finally:
            self.write_lock.release()
        if status == "error" and isinstance(payload, BaseException):
            raise payload
        worker.generation = generation

    def _reply(self, worker: _Worker, deadline: float) -> tuple[str, object]:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not worker.connection.poll(remaining):
            _log.warning("query over %.1f s: stopping its worker", self.timeout_s)
            raise QueryTimeout(
                f"the query ran longer than the limit of {self.timeout_s:g} s and was stopped; "
                "narrow it (a LIMIT, more specific patterns) or run it on your own copy"
            )
        try:
            reply: tuple[str, object] = worker.connection.recv()
        except (EOFError, OSError):
            # The engine aborted its process: a query it could not handle (too complex).
            raise BadQuery(
                "the query engine stopped while running this query; simplify it"
            ) from None
        return reply

    def _run_on_thread(self, job: QueryJob) -> QueryAnswer:
        assert self._threads is not None
        future = self._threads.submit(answer, self.store, job)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            raise self._thread_timeout() from None

    def _thread_timeout(self) -> QueryTimeout:
        _log.warning("query over %.1f s on an in-memory store keeps its thread", self.timeout_s)
        return QueryTimeout(
            f"the query ran longer than the limit of {self.timeout_s:g} s; narrow it "
            "(a LIMIT, more specific patterns)"
        )
