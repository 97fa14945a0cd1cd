"""p50/p99 of every catalogue query through ducha's HTTP endpoint, directly on its store, on
rdflib-endpoint and on Virtuoso, with the ratios measured in the same run.

    python benchmarks/query_speed.py [--sizes 0 100 1000] [-n 20] [--engines ...] [--work DIR]

Size 0 (the default) is the bundled samples and the seed reports; a size N is a corpus of N
reports from ``benchmarks/generate_corpus.py --reports N --seed 0``, loaded into a store under
``--work`` (kept there, so a second run reuses it). For each size, one engine at a time:

- ``direct``: ``Store`` in memory, the query and its SPARQL JSON in this process (what
  ducha's endpoint does for a request, without HTTP);
- ``http``: ``ducha serve`` on 127.0.0.1 with ``DUCHA_IN_MEMORY=true`` (the disk store as the
  durable copy), POSTed to ``/sparql`` over one keep-alive connection;
- ``rdflib``: rdflib-endpoint 0.6.3 (installed here into benchmarks/.venv/rdflib-endpoint,
  which git ignores) serving the same quads, dumped as N-Quads, from a Dataset whose default
  graph is the union (up to ``--rdflib-max-size`` reports: it needs about 2 KB per triple);
- ``virtuoso``: Virtuoso started by .ci/virtuoso for the run (stopped after it), the same
  N-Quads bulk-loaded with ``ld_dir``/``rdf_loader_run``, queried at its public ``/sparql``.

Every engine gets the same text: the catalogue query, the prefixes ducha predeclares, the
parameters as a ``VALUES`` block, and a comment with a counter, since rdflib-endpoint caches
parsed query strings. The first run of each query warms up and is not counted; an engine
slower than ``--timeout`` seconds on a query shows ``>T s`` (rdflib-endpoint is restarted).
Point lookups: ``resource`` (every triple of one figure) and ``figure-sentence``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
import multiprocessing.connection
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
from ducha.loaders.store import PREFIXES, Store
from ducha.queries.catalogue import catalogue
from ducha.service.allocator import restart_with_allocator
from ducha.service.corpus import load_paths, sample_files
from ducha.service.executor import QueryJob, answer
from ducha.service.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
RDFLIB_VENV = REPO / "benchmarks" / ".venv" / "rdflib-endpoint"  # .gitignore has .venv/
ENGINES = ("direct", "http", "rdflib", "virtuoso")
_JSON = "application/sparql-results+json"

# A query that takes a parameter gets: the report / figure below, or its header's example.
Queries = dict[str, str]


class TooSlow(Exception):
    """An engine took longer than the time limit on one query."""


# -- the queries ----------------------------------------------------------------------------


def _declared(text: str) -> set[str]:
    return set(re.findall(r"PREFIX\s+(\w*):", text, re.IGNORECASE))


def _with_prefixes(text: str) -> str:
    missing = [f"PREFIX {n}: <{ns}>" for n, ns in PREFIXES.items() if n not in _declared(text)]
    return "\n".join([*missing, text])


def _with_values(text: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``text`` with ``VALUES`` binding each parameter at the start of its WHERE group."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    assert where is not None
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    return text[: where.end()] + block + text[where.end() :]


def benchmark_queries(store: Store) -> Queries:
    """Every catalogue query with its parameters bound, plus the ``resource`` point lookup."""
    rows = store.query(
        "SELECT ?report WHERE { GRAPH ?report { ?report a ducha:Report . "
        "?f a ducha:ReportedFigure } } ORDER BY ?report LIMIT 1"
    )
    assert isinstance(rows, ox.QuerySolutions)
    report = next(iter(rows))["report"]
    assert isinstance(report, ox.NamedNode)
    figure = ox.NamedNode(f"{report.value}/figure/1")
    # The regulation the most problems violate, so that the query has something to find.
    rows = store.query(
        "SELECT ?regulation (COUNT(*) AS ?n) WHERE { ?p ducha:violates ?regulation } "
        "GROUP BY ?regulation ORDER BY DESC(?n) ?regulation LIMIT 1"
    )
    assert isinstance(rows, ox.QuerySolutions)
    regulation = next((row["regulation"] for row in rows), None)
    queries: Queries = {}
    for named in catalogue().values():
        bindings: dict[str, ox.NamedNode | ox.Literal] = {}
        for parameter in named.parameters:
            if parameter.name == "report":
                bindings[parameter.name] = report
            elif parameter.name == "figure":
                bindings[parameter.name] = figure
            elif parameter.name == "regulation" and isinstance(regulation, ox.NamedNode):
                bindings[parameter.name] = regulation
            elif parameter.type == "iri":
                bindings[parameter.name] = ox.NamedNode(parameter.example or "")
            else:
                bindings[parameter.name] = ox.Literal(parameter.example or "")
        queries[named.name] = _with_prefixes(_with_values(named.sparql, bindings))
    queries["resource"] = f"SELECT ?p ?o WHERE {{ {figure} ?p ?o }}"
    return queries


# -- timing -----------------------------------------------------------------------------------

Runner = Callable[[str], int]  # runs a query text, returns the size of the answer in bytes


@dataclass
class Timing:
    times_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p99(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _time(run: Runner, text: str, n: int, timeout_s: float) -> Timing:
    timing = Timing()
    counter = iter(range(10**9))
    try:
        started = time.perf_counter()
        run(f"{text}\n# run {next(counter)}")  # warm-up
        first = time.perf_counter() - started
        if first > timeout_s:
            return Timing(error=f">{timeout_s:g} s")
        if first > 2:  # a slow engine: a few runs tell enough
            n = min(n, 3)
        for _ in range(n):
            started = time.perf_counter()
            run(f"{text}\n# run {next(counter)}")
            timing.times_ms.append((time.perf_counter() - started) * 1000)
    except TooSlow:
        return Timing(error=f">{timeout_s:g} s")
    except Exception as error:  # an engine that cannot answer: show why, go on
        print(f"    {type(error).__name__}: {str(error)[:2000]}", file=sys.stderr, flush=True)
        return Timing(error=type(error).__name__)
    return timing


def _direct_runner(store: Store) -> Runner:
    def run(text: str) -> int:
        return len(answer(store, QueryJob(text)).body)

    return run


class _HttpClient:
    """POSTs queries as a form over one keep-alive connection (the protocol's usual way;
    httpx alone spends 1.6 ms building a GET with a catalogue query in its URL)."""

    def __init__(self, port: int, path: str, timeout_s: float) -> None:
        self.port, self.path, self.timeout_s = port, path, timeout_s
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)

    def run(self, text: str) -> int:
        try:
            self._connection.request(
                "POST",
                self.path,
                body=urlencode({"query": text}),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _JSON},
            )
            response = self._connection.getresponse()
            body = response.read()
        except TimeoutError:
            self._connection.close()
            raise TooSlow from None
        except (ConnectionError, http.client.HTTPException):
            self._connection.close()
            raise
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")
        return len(body)

    def wait(self, process: subprocess.Popen[bytes], limit_s: float = 1800) -> None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"the server on port {self.port} exited: {process.returncode}")
            with contextlib.suppress(Exception):
                self.timeout_s, saved = 5, self.timeout_s
                try:
                    self.run("ASK {}")
                    return
                finally:
                    self.timeout_s = saved
            self._connection.close()
            time.sleep(0.5)
        raise SystemExit(f"the server on port {self.port} did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _server(
    command: list[str], env: Mapping[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env={**os.environ, **(env or {})})
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- loading a generated corpus ----------------------------------------------------------------
#
# `ducha load` can hang for minutes inside pySHACL on some generated reports (RESULTS.md,
# "blocked by one shape"), so the benchmark loads with its own workers and a time limit per
# report: a report still being prepared at the limit is left out (and counted).


def _prepare_worker(connection: Connection, base: str, registry: Any) -> None:
    from ducha.service.prepare import prepare_in_worker, start_worker

    start_worker(base, 50 * 1024 * 1024, registry)
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        try:
            connection.send(prepare_in_worker(*message))
        except Exception as error:  # a report ducha refuses: leave it out, go on
            connection.send(error)


def load_corpus(
    store: Store, files: Sequence[Path], *, timeout_s: float = 60, workers: int = 2
) -> tuple[int, int]:
    """Load ``files`` with ``workers`` processes, leaving out any report that takes longer
    than ``timeout_s`` to prepare or that ducha refuses. Returns (loaded, left out)."""
    from ducha.loaders.registry_rdf import ensure_registry, store_registry
    from ducha.loaders.store import ReportWrite

    settings = Settings(store=None)
    ensure_registry(store, base=settings.base_iri)
    registry = store_registry(store, base=settings.base_iri)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ducha.service.prepare"])

    def spawn() -> tuple[BaseProcess, Connection]:
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_prepare_worker, args=(theirs, settings.base_iri, registry), daemon=True
        )
        process.start()
        theirs.close()
        return process, ours

    pending = list(reversed(files))
    idle = [spawn() for _ in range(workers)]
    busy: dict[int, tuple[BaseProcess, Connection, Path, float]] = {}
    loaded = left_out = 0
    while pending or busy:
        while pending and idle:
            process, connection = idle.pop()
            file = pending.pop()
            connection.send((file.read_bytes(), file.name))
            busy[id(connection)] = (process, connection, file, time.monotonic())
        ready = multiprocessing.connection.wait([c for _, c, _, _ in busy.values()], timeout=1)
        for done in ready:
            process, conn, file, _ = busy.pop(id(done))
            prepared = conn.recv()
            idle.append((process, conn))
            if isinstance(prepared, Exception):
                print(f"{file.name}: left out: {prepared}", file=sys.stderr)
                left_out += 1
                continue
            write = ReportWrite(
                prepared.report_iri, prepared.nquads, prepared.graphs, mark=prepared.mark
            )
            store.put_reports([write])
            loaded += 1
        for key, (process, conn, file, since) in list(busy.items()):
            if time.monotonic() - since > timeout_s:
                print(f"{file.name}: left out after {timeout_s:g} s", file=sys.stderr)
                process.kill()
                process.join()
                conn.close()
                del busy[key]
                idle.append(spawn())
                left_out += 1
    for process, connection in idle:
        connection.send(None)
        process.join(timeout=10)
    store.flush()
    return loaded, left_out


# -- the engines ------------------------------------------------------------------------------

Results = dict[str, Timing]

_RDFLIB_SERVER = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
dataset = rdflib.Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
print(f"rdflib-endpoint: {len(dataset)} quads parsed", file=sys.stderr, flush=True)
app = SparqlEndpoint(graph=dataset, path="/", cors_enabled=False)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def _rdflib_python() -> Path:
    """The Python of rdflib-endpoint's own venv, made on first use."""
    python = RDFLIB_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(RDFLIB_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "rdflib-endpoint==0.6.3", "uvicorn"],
            check=True,
        )
    return python


def _measure_each(run: Runner, queries: Queries, n: int, timeout_s: float) -> Results:
    results: Results = {}
    for name, text in queries.items():
        results[name] = _time(run, text, n, timeout_s)
        shown = results[name].error or f"{results[name].p50:.2f} ms"
        print(f"  {name:36} {shown}", file=sys.stderr, flush=True)
    return results


def measure_http(store_dir: Path, queries: Queries, n: int, timeout_s: float) -> Results:
    port = _free_port()
    ducha = Path(sys.executable).with_name("ducha")
    command = [str(ducha), "serve", "--store", str(store_dir), "--port", str(port)]
    env = {"DUCHA_IN_MEMORY": "true", "DUCHA_QUERY_TIMEOUT_S": str(timeout_s)}
    with _server(command, env) as process:
        client = _HttpClient(port, "/sparql", timeout_s)
        client.wait(process)
        return _measure_each(client.run, queries, n, timeout_s)


def measure_rdflib(
    dump: Path, queries: Queries, n: int, timeout_s: float, smaller: tuple[int, Results] | None
) -> Results:
    """rdflib-endpoint on ``dump``, restarted after each query over the limit (it keeps
    working on it). ``smaller``: the results at a smaller size of the same run; a query
    over the limit there is not run again (each restart reparses the whole corpus)."""
    python = _rdflib_python()
    results: Results = {}
    pending = dict(queries)
    if smaller is not None:
        size, before = smaller
        for name, timing in before.items():
            if name in pending and timing.error and timing.error.startswith(">"):
                del pending[name]
                results[name] = Timing(error=f"{timing.error} at {size}")
    while pending:
        port = _free_port()
        command = [str(python), "-c", _RDFLIB_SERVER, str(dump), str(port)]
        with _server(command) as process:
            client = _HttpClient(port, "/", timeout_s)
            started = time.perf_counter()
            client.wait(process)
            print(
                f"  (rdflib-endpoint up in {time.perf_counter() - started:.0f} s)", file=sys.stderr
            )
            while pending:
                name, text = next(iter(pending.items()))
                del pending[name]
                results[name] = _time(client.run, text, n, timeout_s)
                shown = results[name].error or f"{results[name].p50:.2f} ms"
                print(f"  {name:36} {shown}", file=sys.stderr, flush=True)
                if (results[name].error or "").startswith(">"):
                    break  # the server still works on it: start a fresh one for the rest
    return {name: results[name] for name in queries}


def measure_virtuoso(dump: Path, queries: Queries, n: int, timeout_s: float) -> Results:
    folder = Path(tempfile.mkdtemp(prefix="ducha-virtuoso-"))
    script = REPO / ".ci" / "virtuoso"
    started = subprocess.run(
        ["bash", str(script), "start", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        # 170,000 buffers (1.3 GB) hold 1,000 reports; set VIRTUOSO_BUFFERS for more.
        env={"VIRTUOSO_BUFFERS": "170000", **os.environ},
    )
    env = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
    try:
        (folder / "data.nq").symlink_to(dump.resolve())
        loading = time.perf_counter()
        load = f"ld_dir('{folder}', 'data.nq', 'urn:ducha:none'); rdf_loader_run(); checkpoint;"
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{env['VIRTUOSO_SQL_PORT']}", "dba", "dba", f"exec={load}"],
            check=True,
            capture_output=True,
        )
        print(f"  (virtuoso: bulk load {time.perf_counter() - loading:.0f} s)", file=sys.stderr)
        client = _HttpClient(int(env["VIRTUOSO_HTTP_PORT"]), "/sparql", timeout_s)
        return _measure_each(client.run, queries, n, timeout_s)
    finally:
        subprocess.run(["bash", str(script), "stop", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)  # its database: 2 GB at 1,000 reports


# -- corpora ----------------------------------------------------------------------------------


def prepare_size(size: int, work: Path) -> Path:
    """The on-disk store of a size (loaded on first use) under ``work``."""
    store_dir = work / f"store-{size}"
    done = store_dir / "LOADED"
    if done.exists():
        return store_dir
    store = Store.open(store_dir)
    started = time.perf_counter()
    if size == 0:
        files: list[Any] = [*sample_files(), *sorted(SEEDS.glob("*.txt"))]
        load_paths(store, files, settings=Settings(store=None))
        loaded, left_out = len(files), 0
    else:
        corpus = work / f"corpus-{size}"
        if not corpus.is_dir():
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "benchmarks" / "generate_corpus.py"),
                    "--reports",
                    str(size),
                    "--seed",
                    "0",
                    "--out",
                    str(corpus),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        loaded, left_out = load_corpus(store, sorted(corpus.glob("*.txt")))
    quads = len(store)
    store.flush()
    del store
    done.write_text(f"{loaded} reports loaded, {left_out} left out, {quads} quads\n")
    print(
        f"size {size}: {loaded} loaded, {left_out} left out, {quads:,} quads in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return store_dir


# -- the run ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[0], help="0: samples and seeds")
    parser.add_argument("-n", type=int, default=20, help="timed runs per query and engine")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "ducha-query-speed"
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds per query run")
    parser.add_argument("--rdflib-max-size", type=int, default=1000)
    parser.add_argument("--only", nargs="*", help="only these queries")
    args = parser.parse_args()
    # Stop the servers started here (the finally blocks) on a kill too, not just on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.work.mkdir(parents=True, exist_ok=True)
    smaller: tuple[int, Results] | None = None
    for size in sorted(args.sizes):
        store_dir = prepare_size(size, args.work)
        print(f"\n## size {size}: {(store_dir / 'LOADED').read_text().strip()}", flush=True)
        results: dict[str, Results] = {}
        store = Store.open(store_dir, in_memory=True)
        queries = benchmark_queries(store)
        if args.only:
            queries = {k: v for k, v in queries.items() if k in args.only}
        dump = args.work / f"store-{size}.nq"
        if not dump.exists() and {"rdflib", "virtuoso"} & set(args.engines):
            with dump.open("wb") as out:
                store.dump(out, "nquads")
        if "direct" in args.engines:
            print("direct:", file=sys.stderr)
            results["direct"] = _measure_each(_direct_runner(store), queries, args.n, args.timeout)
        del store  # the server opens the store
        if "http" in args.engines:
            print("http:", file=sys.stderr)
            results["http"] = measure_http(store_dir, queries, args.n, args.timeout)
        if "rdflib" in args.engines and size <= args.rdflib_max_size:
            print("rdflib:", file=sys.stderr)
            results["rdflib"] = measure_rdflib(dump, queries, args.n, args.timeout, smaller)
            smaller = (size, results["rdflib"])
        if "virtuoso" in args.engines:
            print("virtuoso:", file=sys.stderr)
            results["virtuoso"] = measure_virtuoso(dump, queries, args.n, args.timeout)
        print_table(results, list(queries))


def _cell(timing: Timing | None) -> str:
    if timing is None:
        return "–"
    if timing.error:
        return timing.error
    return f"{timing.p50:,.2f} / {timing.p99:,.2f}"


def _ratio(over: Timing | None, under: Timing | None, fmt: str = "{:,.1f}×") -> str:
    if over is None or under is None or under.error or not under.times_ms:
        return "–"
    if over.error:
        limit = re.match(r">(\d+)", over.error)
        return f">{float(limit.group(1)) * 1000 / under.p50:,.0f}×" if limit else "–"
    return fmt.format(over.p50 / under.p50)


def print_table(results: Mapping[str, Results], names: Sequence[str]) -> None:
    engines = list(results)
    header = ["query", *(f"{e} p50 / p99 ms" for e in engines)]
    ratios = []
    if "http" in results and "direct" in results:
        ratios.append(("http / direct", "http", "direct"))
    if "rdflib" in results and "http" in results:
        ratios.append(("rdflib / http", "rdflib", "http"))
    if "virtuoso" in results and "http" in results:
        ratios.append(("virtuoso / http", "virtuoso", "http"))
    header += [label for label, _, _ in ratios]
    print("\n| " + " | ".join(header) + " |")
    print("| --- |" + " ---: |" * (len(header) - 1))
    for name in names:
        cells = [name, *(_cell(results[e].get(name)) for e in engines)]
        cells += [_ratio(results[a].get(name), results[b].get(name)) for _, a, b in ratios]
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    # With the allocator `ducha serve` has (the http engine), so that direct compares like
    # with like.
    restart_with_allocator()
    main()
