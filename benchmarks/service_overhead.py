"""The cost of the HTTP service: catalogue queries through /queries/{name} against the same
queries run on the store in this process.

Loads a corpus into a fresh on-disk store (the bundled samples, the seed reports when
../shared/seeds is there, and ``--copies`` renamed copies of the samples to make a larger
corpus), serves it with ``ducha serve`` on 127.0.0.1, then for each of three catalogue queries
measures, ``--requests`` times each:

- direct: ``Store.query`` plus serializing the answer as SPARQL JSON, in this process;
- http: ``GET /queries/{name}`` with httpx (one keep-alive connection), answered by a query
  worker process.

It prints requests per second, p50 and p99 latency of both and their ratio (the service
overhead). Run: ``.venv/bin/python benchmarks/service_overhead.py --copies 4``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from ducha.loaders.store import Store
from ducha.queries.catalogue import get_query
from ducha.service.corpus import load_bytes, sample_files
from ducha.service.executor import QueryJob, answer
from ducha.service.settings import Settings

QUERIES = ("completion-figures", "problems-per-aspect", "water-bodies-across-provinces")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _load(store: Store, settings: Settings, copies: int) -> int:
    files: list[tuple[str, bytes]] = [(f.name, f.read_bytes()) for f in sample_files()]
    if SEEDS.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    base = list(files)
    for copy in range(1, copies + 1):
        # A changed last line makes a new text, hence a new report with its own graphs.
        files += [
            (f"copy{copy}-{name}", data + f"\nCopy {copy}.\n".encode()) for name, data in base
        ]
    loaded = 0
    for name, data in files:
        outcome = load_bytes(store, data, name, settings=settings)
        loaded += outcome.status in ("new", "replaced", "unchanged")
    return loaded


def _time(call: Callable[[], object], requests: int) -> list[float]:
    call()  # warm up (caches, the worker's view of the store)
    latencies = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)
    return latencies


def _summary(latencies: list[float]) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return len(latencies) / sum(latencies), statistics.median(ordered) * 1000, p99 * 1000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=0, help="extra copies of the samples")
    parser.add_argument("--requests", type=int, default=200, help="requests per query and path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        settings = Settings(store=Path(folder) / "store", base_iri=f"http://127.0.0.1:{port}/id/")
        store = Store.open(settings.store)
        started = time.perf_counter()
        reports = _load(store, settings, args.copies)
        quads = len(store)
        del store  # closes it: the server process opens it for writing
        print(
            f"{reports} reports, {quads} quads, loaded in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        # The server runs as deployed, in its own process (`ducha serve`): a server thread in
        # this process would share the GIL with the client and measure that instead.
        ducha = Path(sys.executable).with_name("ducha")
        server = subprocess.Popen(
            [str(ducha), "serve", "--store", str(settings.store), "--port", str(port)],
            env={**os.environ, "DUCHA_BASE_IRI": settings.base_iri},
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
                _wait(http)
                direct_store = Store.open(settings.store, read_only=True)
                _measure(http, direct_store, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait(http: httpx.Client) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if http.get("/sparql", params={"query": "ASK {}"}).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def _measure(http: httpx.Client, store: Store, requests: int) -> None:
    print(f"{'query':32} {'path':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'rows':>6}")
    for name in QUERIES:
        job = QueryJob(get_query(name).sparql)
        rows = len(http.get(f"/queries/{name}").json()["results"]["bindings"])
        direct = _summary(_time(lambda job=job: answer(store, job), requests))
        served = _summary(
            _time(lambda name=name: http.get(f"/queries/{name}").raise_for_status(), requests)
        )
        for label, (rps, p50, p99) in (("direct", direct), ("http", served)):
            print(f"{name:32} {label:6} {rps:8.0f} {p50:8.2f} {p99:8.2f} {rows:6}")
        print(
            f"{name:32} ratio  {direct[0] / served[0]:8.2f}x "
            f"(HTTP adds {served[1] - direct[1]:.2f} ms at p50)"
        )


if __name__ == "__main__":
    main()
