"""p50/p99 of every catalogue query on the embedded store, on Virtuoso and on rdflib in memory.

    python benchmarks/query_speed.py [REPORTS_DIR ...] [-n 20] [--no-virtuoso] [--no-rdflib]

Loads the report files (default: the bundled samples and, when present, the seeds) into an
in-memory embedded store, into a Virtuoso started by .ci/virtuoso for the run (stopped at the
end) and into an rdflib Dataset with a union default graph, then runs each catalogue query
``-n`` times on each and prints p50 and p99 in milliseconds and the ratio of each engine's
p50 to the embedded store's, measured in the same run. Queries with parameters get the first
report (and its first figure). A query an engine cannot answer shows its error instead.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
import rdflib
from ducha.loaders.remote import RemoteStore
from ducha.loaders.store import PREFIXES, Store
from ducha.queries.catalogue import catalogue
from ducha.service.corpus import load_paths, sample_files
from ducha.service.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

Runner = Callable[[str, Mapping[str, ox.NamedNode]], int]


def _timings(run: Runner, sparql: str, bindings: Mapping[str, ox.NamedNode], n: int) -> list[float]:
    started = time.perf_counter()
    run(sparql, bindings)  # warm-up
    if time.perf_counter() - started > 2:  # a slow engine: a few runs tell enough
        n = min(n, 3)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        run(sparql, bindings)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _oxigraph_runner(store: Store) -> Runner:
    def run(sparql: str, bindings: Mapping[str, ox.NamedNode]) -> int:
        return sum(1 for _ in store.query(sparql, substitutions=dict(bindings)))  # type: ignore[union-attr]

    return run


def _rdflib_runner(store: Store) -> Runner:
    dataset = rdflib.Dataset(default_union=True)
    with tempfile.TemporaryFile() as dump:
        store.dump(dump, "nquads")
        dump.seek(0)
        dataset.parse(dump, format="nquads")
    namespaces = {name: rdflib.Namespace(ns) for name, ns in PREFIXES.items()}

    def run(sparql: str, bindings: Mapping[str, ox.NamedNode]) -> int:
        init = {name: rdflib.URIRef(term.value) for name, term in bindings.items()}
        return len(list(dataset.query(sparql, initNs=namespaces, initBindings=init)))

    return run


def _virtuoso(folder: Path) -> dict[str, str]:
    started = subprocess.run(
        ["bash", str(REPO / ".ci" / "virtuoso"), "start", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={"VIRTUOSO_BUFFERS": "170000", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
    )
    return dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("-n", type=int, default=20, help="runs per query and engine")
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args()
    # Stop the Virtuoso started here (the finally below) on a kill too, not just on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    files: list[Any] = list(args.paths) or [*sample_files(), *sorted(SEEDS.glob("*.txt"))]
    settings = Settings(store=None)
    embedded = Store.open(None)
    started = time.perf_counter()
    outcomes = load_paths(embedded, files, settings=settings)
    print(
        f"embedded: {len(outcomes)} files, {len(embedded):,} quads in "
        f"{time.perf_counter() - started:.1f} s"
    )
    engines: dict[str, Runner] = {"oxigraph-mem": _oxigraph_runner(embedded)}
    folder = Path(tempfile.mkdtemp(prefix="ducha-virtuoso-"))
    virtuoso_started = False
    try:
        if not args.no_virtuoso:
            env = _virtuoso(folder)
            virtuoso_started = True
            remote = RemoteStore.connect(
                env["DUCHA_STORE_URL"],
                update_url=env["DUCHA_UPDATE_URL"],
                user=env["DUCHA_STORE_USER"],
                password=env["DUCHA_STORE_PASSWORD"],
            )
            started = time.perf_counter()
            load_paths(remote, files, settings=settings)
            print(f"virtuoso: loaded in {time.perf_counter() - started:.1f} s over SPARQL update")
            engines["virtuoso"] = _oxigraph_runner(remote)
        if not args.no_rdflib:
            started = time.perf_counter()
            engines["rdflib-mem"] = _rdflib_runner(embedded)
            print(f"rdflib: parsed in {time.perf_counter() - started:.1f} s")
        report = next(o.report_iri for o in outcomes if o.report_iri and o.figures)
        _table(engines, report, args.n)
    finally:
        if virtuoso_started:
            subprocess.run(
                ["bash", str(REPO / ".ci" / "virtuoso"), "stop", str(folder)], check=False
            )


def _table(engines: Mapping[str, Runner], report: str, n: int) -> None:
    names = list(engines)
    print(f"\n{'query':34}" + "".join(f"{name:>26}" for name in names))
    print(f"{'':34}" + "".join(f"{'p50 / p99 ms (x embedded)':>26}" for _ in names))
    for named in catalogue().values():
        bindings = {
            p.name: ox.NamedNode(report if p.name == "report" else f"{report}/figure/1")
            for p in named.parameters
        }
        cells, base = [], None
        for name in names:
            try:
                times = _timings(engines[name], named.sparql, bindings, n)
            except Exception as error:  # an engine that cannot answer: show why, go on
                cells.append(f"{type(error).__name__:>26}")
                continue
            p50 = statistics.median(times)
            base = base if base is not None else p50
            cells.append(f"{p50:9.2f} / {_p(times, 0.99):7.2f} ({p50 / base:5.1f}x)")
        print(f"{named.name:34}" + "".join(f"{c:>26}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
