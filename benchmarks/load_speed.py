"""Load speed: processor time per report for each loading stage, and whole-load throughput.

    python benchmarks/load_speed.py [--sizes 100 1000] [--seed 0] [--seed-copies 10]
                                    [--workers 2] [--store memory|disk] [--corpora DIR]
                                    [--baseline REF] [--skip validate] [--no-load]

Corpora: for each of ``--sizes``, that many generated reports (benchmarks/generate_corpus.py;
kept in ``--corpora``, default benchmarks/.corpora, git-ignored, and reused when present),
and ``--seed-copies`` copies of each real seed report (../shared/seeds; copied to a
temporary folder, never into the repo; skipped when the seeds are absent).

For each corpus, in a new process each, so that warm-up and peak memory are the corpus's own:

- **stages**: every report once through each stage in turn, one process, no workers,
  timing processor seconds per stage: extract (read, clean, segment, extractors),
  resolve (regulations to the registry), rdf (:func:`~ducha.loaders.rdf.report_quads`),
  validate (SHACL), serialize (N-Quads bytes, what workers send) and store (writing the
  report into a fresh store). The first report is prepared once before timing, so one-off
  loading (ontology, gazetteer, shapes) is not counted; it is printed as ``warm-up``.
- **load**: :func:`ducha.service.corpus.load_paths` into a new store with ``--workers``
  (what ``ducha load`` does; like ``ducha load``, the measuring process starts the workers'
  fork server before it imports ducha and opens the store, so that the server's imports
  overlap its own): wall seconds, reports/s, MB/s, peak RSS of the loading process
  and of the largest of its workers; ``--repeat N`` loads each corpus N times (each in a new
  process and a new store) and prints the median run with the range of reports/s, since
  one run on a shared machine varies by some 10%.
- **processor budget** of the median load, in ms per report: the workers' (extract to
  serialize) and the loading process's, split by thread: its Python threads (reading
  results, parsing N-Quads for the store), the bulk loader's threads (sorting and writing
  each batch's files; gone when the load ends, so counted as the rest of the process's
  time) and RocksDB's background threads (compaction, which grows with the store). With
  ``--workers`` cores, ``ceiling`` is the rate that budget allows: cores x 1000 / ms.

The benchmark runs with the memory allocator the ``ducha`` command runs with (jemalloc where
it is installed: :mod:`ducha.service.allocator`); ``--compare-malloc`` also loads each corpus
with the C library's allocator, the two alternating, and prints the ratio.

``--baseline REF`` also times the stages with the loaders of git revision REF (its package
folders exported to a temporary directory), in the same run on the same files, and prints
each stage's ratio to it: before/after numbers measured under the same machine load.
Ratios ``x first`` compare each corpus with the first one (per report and per KB).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.service.allocator import ALLOCATOR_VARIABLE, loaded, restart_with_allocator

if TYPE_CHECKING:
    from ducha.loaders.store import Store
    from ducha.service.settings import Settings

__all__ = [
    "PACKAGE_DIRS",
    "SEEDS",
    "STAGES",
    "corpus_folder",
    "export_revision",
    "main",
    "measure_load",
    "measure_stages",
    "seed_copies",
]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO / "benchmarks" / ".corpora"
SEEDS = REPO.parent / "shared" / "seeds"
STAGES = ("extract", "resolve", "rdf", "validate", "serialize", "store")
# The folders that make up the ``ducha`` package (pyproject.toml's package-dir).
PACKAGE_DIRS = ("loaders", "ontology", "queries", "service", "shapes")


def corpus_folder(root: Path, reports: int, seed: int) -> Path:
    """The generated corpus of ``reports`` reports for ``seed`` under ``root``, made once per
    version of the generator (its truth changes with the generator's rules)."""
    folder = root / f"seed{seed}-{reports}-{_generator_version()}"
    if not (folder / "truth.json").is_file():
        # Imported here: the loading workers re-import this script (multiprocessing runs the
        # main module in each), and `ducha load`'s workers import no generator.
        from benchmarks.generate_corpus import generate_corpus

        generate_corpus(folder, reports, seed=seed)
    return folder


# The modules that make a generated corpus and its truth (not corpus_audit.py, which scores).
_GENERATOR_SOURCES = (
    "generate_corpus.py",
    "corpus_conflicts.py",
    "corpus_inspections.py",
    "corpus_pools.py",
    "corpus_text.py",
)


def _generator_version() -> str:
    """A digest of the generator's source files."""
    digest = hashlib.sha256()
    for name in _GENERATOR_SOURCES:
        digest.update((REPO / "benchmarks" / name).read_bytes())
    return digest.hexdigest()[:8]


def seed_copies(folder: Path, copies: int) -> Path | None:
    """``copies`` copies of each seed report in ``folder`` (None when there are no seeds).

    Each copy ends with a line of its own ("Copy 3."), so that its text, and so its report
    IRI, is new: identical copies would replace one another in the store, which measures
    replacing a report, not loading a corpus of seed-sized reports."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for seed in seeds:
            text = seed.read_bytes().rstrip() + f"\nCopy {copy}.\n".encode()
            (folder / f"copy{copy:03d}-{seed.name}").write_bytes(text)
    return folder


def measure_stages(folder: Path, *, skip: Sequence[str] = ()) -> dict[str, Any]:
    """Processor seconds per stage over every report of ``folder``, one report at a time."""
    import pyoxigraph as ox
    from ducha.loaders import iri
    from ducha.loaders.pipeline import extract_report
    from ducha.loaders.rdf import report_quads
    from ducha.loaders.registry_rdf import ensure_registry, store_registry
    from ducha.loaders.resolve import Resolver, resolve_report
    from ducha.loaders.store import ReportWrite, Store
    from ducha.service.corpus import report_files
    from ducha.service.prepare import settle_after_warm_up
    from ducha.shapes.audit import validate_quads

    files = report_files([folder])
    store = Store.open(None)
    ensure_registry(store)
    resolver = Resolver(store_registry(store))
    seconds = dict.fromkeys(STAGES, 0.0)
    quads = 0

    def one(data: bytes, name: str, timed: bool) -> None:
        nonlocal quads
        clock = time.process_time()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.process_time()
            if timed:
                seconds[stage] += now - clock
            clock = now

        report = extract_report(data, name, max_bytes=10**9)
        lap("extract")
        report = resolve_report(report, resolver)
        lap("resolve")
        mapped = report_quads(report)
        lap("rdf")
        findings = validate_quads(mapped) if "validate" not in skip else []
        lap("validate")
        # As service/prepare.py does: the findings in the report's findings graph.
        findings_graph = iri.findings_graph_iri(mapped.report_iri)
        graph = ox.NamedNode(findings_graph)
        found = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in findings]
        if hasattr(mapped, "nquads"):
            nquads = mapped.nquads() + (ox.serialize(found, format=ox.RdfFormat.N_QUADS) or b"")
        else:  # a --baseline from before the mapping wrote N-Quads text (ducha 0.1, 2026-11)
            everything = [*mapped.report, *found, *mapped.shared]
            nquads = ox.serialize(everything, format=ox.RdfFormat.N_QUADS) or b""
        lap("serialize")
        graphs = (mapped.report_iri, findings_graph)
        store.put_reports([ReportWrite(mapped.report_iri, nquads, graphs)])
        lap("store")
        if timed:
            quads += nquads.count(b"\n")

    started = time.process_time()
    one(files[0].read_bytes(), files[0].name, timed=False)
    warm_up = time.process_time() - started
    settle_after_warm_up()  # as a loading worker does: else collections land in any stage
    size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        one(data, path.name, timed=True)
    return {
        "reports": len(files),
        "mb": size / 1e6,
        "stages": seconds,
        "warm_up": warm_up,
        "quads": quads,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_load(folder: Path, *, workers: int, on_disk: bool) -> dict[str, Any]:
    """Load every report of ``folder`` into a new store (in this process); the numbers."""
    from ducha.loaders.store import Store
    from ducha.service.corpus import report_files
    from ducha.service.settings import Settings

    files = report_files([folder])
    size = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory(prefix="ducha-load-") as scratch:
        path = Path(scratch) / "store" if on_disk else None
        store = Store.open(path)
        result = _timed_load(store, files, Settings(store=path, workers=workers))
        result.update(mb=size / 1e6, mb_per_s=size / 1e6 / result["seconds"], quads=len(store))
        del store  # closes the store before its folder goes (a store is 0.3-1 GB per load)
    return result


def _timed_load(store: Store, files: list[Path], settings: Settings) -> dict[str, Any]:
    """:func:`measure_load`'s numbers but the sizes."""
    from ducha.service.corpus import load_paths

    workers_peak = _DescendantPeak()
    workers_peak.start()
    threads_before, cpu_before = _thread_seconds(), time.process_time()
    started = time.perf_counter()
    outcomes = load_paths(store, files, settings=settings)
    seconds = time.perf_counter() - started
    cpu, threads = time.process_time() - cpu_before, _thread_seconds()
    workers_peak.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    by_kind = {kind: threads.get(kind, 0.0) - threads_before.get(kind, 0.0) for kind in threads}
    python = sum(v for kind, v in by_kind.items() if not kind.startswith("rocksdb"))
    background = sum(v for kind, v in by_kind.items() if kind.startswith("rocksdb"))
    per_report = 1000 / len(files)
    return {
        "reports": len(files),
        "errors": sum(1 for o in outcomes if o.status == "error"),
        "seconds": seconds,
        "reports_per_s": len(files) / seconds,
        "ms_per_report": 1000 * seconds / len(files),
        "peak_rss_mb": own / 1024,  # Linux reports KiB
        "peak_worker_rss_mb": workers_peak.kib / 1024,
        "findings": sum(o.findings for o in outcomes),
        "cpu_ms": {  # processor ms per report
            "workers": per_report * sum(o.cpu_seconds for o in outcomes),
            "loader": per_report * cpu,
            "python": per_report * python,
            "bulk": per_report * max(0.0, cpu - python - background),
            "rocksdb": per_report * background,
        },
    }


def _thread_seconds() -> dict[str, float]:
    """Processor seconds of this process's live threads, summed by thread name (Python's
    threads are named after the executable, RocksDB's "rocksdb:low"/"rocksdb:high");
    empty where /proc is missing."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds: dict[str, float] = {}
    for task in Path(f"/proc/{os.getpid()}/task").glob("*"):
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended
        # utime and stime, the 14th and 15th fields of stat (11th and 12th after the name)
        seconds[name] = seconds.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return seconds


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median rate (the slower of the middle two for an even count), with
    every run's rate in ``rates`` (``{}`` when no run finished)."""
    if not runs:
        return {}
    ordered = sorted(runs, key=lambda run: float(run["reports_per_s"]))
    return {**ordered[(len(ordered) - 1) // 2], "rates": [r["reports_per_s"] for r in ordered]}


class _DescendantPeak(threading.Thread):
    """The largest peak RSS of any process below this one, polled from /proc (the loading
    pool's workers are children of a fork server, so ``RUSAGE_CHILDREN`` misses them)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self._sample()

    def stop(self) -> None:
        self._sample()
        self._done.set()
        self.join()

    def _sample(self) -> None:
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # "pid (name) state ppid ...": the name may hold spaces, so split after ")".
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        mine = {os.getpid()}
        grew = True
        while grew:
            below = {pid for pid, parent in parents.items() if parent in mine} - mine
            grew = bool(below)
            mine |= below
        for pid in mine - {os.getpid()}:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    self.kib = max(self.kib, int(line.split()[1]))


def export_revision(ref: str, target: Path) -> Path:
    """The ``ducha`` package as of git revision ``ref``, in ``target``/ducha; ``target``
    is what to put on PYTHONPATH (ahead of the editable install) to import it."""
    package = target / "ducha"
    package.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref, *PACKAGE_DIRS],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    tar_path = target / "revision.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(package, filter="data")
    (package / "__init__.py").touch()
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seed-copies", type=int, default=10, help="0: no seed corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", choices=("memory", "disk"), default="disk")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--baseline", metavar="REF", help="git revision to compare stages with")
    parser.add_argument("--skip", nargs="*", default=[], choices=["validate"])
    parser.add_argument("--no-load", action="store_true", help="time the stages only")
    parser.add_argument("--repeat", type=int, default=1, help="loads per corpus (median shown)")
    parser.add_argument(
        "--compare-malloc", action="store_true", help="also load with the C library's allocator"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per measurement")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child: one folder
    parser.add_argument("--mode", choices=("load", "stages"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        if args.mode == "load" and args.workers > 1:
            # As `ducha load` does first (service/entry.py): the workers' fork server imports
            # the pipeline while this process imports its own modules and opens the store.
            from ducha.service.fork_server import start_fork_server

            start_fork_server()
        if args.mode == "stages":
            result = measure_stages(args.one, skip=args.skip)
        else:
            result = measure_load(args.one, workers=args.workers, on_disk=args.store == "disk")
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="ducha-speed-") as scratch:
        corpora = [(f"generated {size}", corpus_folder(args.corpora, size, args.seed))
                   for size in args.sizes]  # fmt: skip
        if args.seed_copies > 0:
            seeds = seed_copies(Path(scratch) / "seeds", args.seed_copies)
            if seeds is not None:
                corpora.append((f"seeds x{args.seed_copies}", seeds))
        baseline = export_revision(args.baseline, Path(scratch) / "baseline") if (
            args.baseline) else None  # fmt: skip
        rows: list[dict[str, Any]] = []
        for label, folder in corpora:
            row: dict[str, Any] = {"label": label}
            row["stages"] = _child(args, label, folder, "stages")
            if baseline is not None:
                row["baseline"] = _child(args, label, folder, "stages", pythonpath=baseline)
            if not args.no_load:
                runs, plain = [], []
                for _ in range(max(1, args.repeat)):  # alternating: the machine's speed drifts
                    runs.append(_child(args, label, folder, "load"))
                    if args.compare_malloc:
                        plain.append(_child(args, label, folder, "load", c_malloc=True))
                row["load"] = _median_run([run for run in runs if run])
                if args.compare_malloc:
                    row["c_malloc"] = _median_run([run for run in plain if run])
            rows.append(row)
        allocator = loaded() or "the C library's"
        print(f"\nmemory allocator: {allocator}" + (" (and, to compare, the C library's)" if (
            args.compare_malloc) else ""))  # fmt: skip
        # How the interpreter was built moves every stage by some 10% (docs/loading.md).
        print(f"python: {platform.python_version()} ({os.path.realpath(sys.executable)})")
        _print(rows, args.baseline, args.workers)
    return 0


def _child(
    args: argparse.Namespace,
    label: str,
    folder: Path,
    mode: str,
    pythonpath: Path | None = None,
    *,
    c_malloc: bool = False,
) -> dict[str, Any]:
    """One measurement in a new process; ``{}`` when it fails or runs out of time.
    ``c_malloc``: with the C library's allocator rather than the one this process has."""
    note = " (baseline)" if pythonpath else " (C malloc)" if c_malloc else ""
    print(f"{label}: {mode}{note} ...", file=sys.stderr, flush=True)
    env = dict(os.environ)
    if c_malloc:
        env[ALLOCATOR_VARIABLE] = ""
        preloaded = env.get("LD_PRELOAD", "").replace(":", " ").split()
        env["LD_PRELOAD"] = " ".join(name for name in preloaded if name != loaded())
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    command = [sys.executable, __file__, "--one", str(folder), "--mode", mode,
               "--workers", str(args.workers), "--store", args.store]  # fmt: skip
    if args.skip:
        command += ["--skip", *args.skip]
    try:
        child = subprocess.run(
            command, check=True, capture_output=True, text=True, env=env, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        print(f"  timed out after {args.timeout:.0f} s", file=sys.stderr)
        return {}
    except subprocess.CalledProcessError as error:
        print(f"  failed: {error.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return {}
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def _per_report_ms(stages: dict[str, Any]) -> dict[str, float]:
    times = {s: 1000 * stages["stages"][s] / stages["reports"] for s in STAGES}
    times["total"] = sum(times.values())
    return times


def _print(rows: list[dict[str, Any]], baseline: str | None, workers: int) -> None:
    columns = [*STAGES, "total"]
    print("\nprocessor ms per report, by stage (one process, warm)")
    print(f"{'corpus':<16} {'reports':>7} {'KB/rep':>7} "
          + " ".join(f"{c:>9}" for c in columns)
          + f" {'ms/KB':>6} {'x first':>7} {'warm-up':>8} {'RSS MB':>7}")  # fmt: skip
    measured = [row for row in rows if row["stages"]]
    first = _per_report_ms(measured[0]["stages"])["total"] / _kb(measured[0]["stages"]) if (
        measured) else 1.0  # fmt: skip
    for row in rows:
        for name in ("stages", "baseline"):
            if name == "baseline" and baseline is None:
                continue
            if not row.get(name):
                print(f"{row['label'] if name == 'stages' else '  (before)':<16} not measured")
                continue
            stages = row[name]
            ms = _per_report_ms(stages)
            label = row["label"] if name == "stages" else f"  {baseline} (before)"
            per_kb = ms["total"] / _kb(stages)
            print(f"{label:<16} {stages['reports']:>7} {_kb(stages):>7.1f} "
                  + " ".join(f"{ms[c]:>9.1f}" for c in columns)
                  + f" {per_kb:>6.2f} {per_kb / first:>7.2f} {1000 * stages['warm_up']:>7.0f}ms"
                  f" {stages['peak_rss_mb']:>7.0f}")  # fmt: skip
        if row.get("baseline") and row["stages"]:
            now, before = _per_report_ms(row["stages"]), _per_report_ms(row["baseline"])
            ratios = " ".join(
                f"{(now[c] / before[c] if before[c] else float('nan')):>9.2f}" for c in columns
            )
            print(f"{'  now / before':<16} {'':>7} {'':>7} {ratios}")
    loads = [row for row in rows if row.get("load")]
    if not loads:
        return
    print("\nwhole load with workers (service.corpus.load_paths; the median of the runs)")
    print(f"{'corpus':<16} {'reports':>7} {'MB':>6} {'s':>7} {'rep/s':>7} {'runs rep/s':>13} "
          f"{'MB/s':>6} {'ms/rep':>7} {'x first':>7} {'RSS MB':>7} {'worker MB':>9} "
          f"{'quads':>10} {'errors':>6}")  # fmt: skip
    base = loads[0]["load"]["ms_per_report"]
    for row in loads:
        for label, r in _load_runs(row):
            rates = r["rates"]
            spread = f"{rates[0]:.1f}-{rates[-1]:.1f} ({len(rates)})"
            print(f"{label:<16} {r['reports']:>7} {r['mb']:>6.2f} {r['seconds']:>7.1f} "
                  f"{r['reports_per_s']:>7.2f} {spread:>13} {r['mb_per_s']:>6.3f} "
                  f"{r['ms_per_report']:>7.0f} {r['ms_per_report'] / base:>7.2f} "
                  f"{r['peak_rss_mb']:>7.0f} {r['peak_worker_rss_mb']:>9.0f} {r['quads']:>10,} "
                  f"{r['errors']:>6}", flush=True)  # fmt: skip
        if row.get("c_malloc"):
            ratio = row["load"]["reports_per_s"] / row["c_malloc"]["reports_per_s"]
            print(f"{'  / C malloc':<16} {'':>7} {'':>6} {'':>7} {ratio:>7.2f}")
    print(f"\nprocessor ms per report in that load; ceiling: the reports/s {workers} cores allow")
    print(f"{'corpus':<16} {'workers':>8} {'loader':>8} {'python':>8} {'bulk':>8} "
          f"{'rocksdb':>8} {'all':>8} {'ceiling':>8} {'rep/s':>7}")  # fmt: skip
    for row in loads:
        for label, r in _load_runs(row):
            ms = r["cpu_ms"]
            total = ms["workers"] + ms["loader"]
            print(f"{label:<16} {ms['workers']:>8.1f} {ms['loader']:>8.1f} {ms['python']:>8.1f} "
                  f"{ms['bulk']:>8.1f} {ms['rocksdb']:>8.1f} {total:>8.1f} "
                  f"{workers * 1000 / total:>8.1f} {r['reports_per_s']:>7.2f}")  # fmt: skip


def _load_runs(row: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """A corpus's median load, and its median load with the C library's allocator."""
    runs = [(row["label"], row["load"])]
    if row.get("c_malloc"):
        runs.append(("  C malloc", row["c_malloc"]))
    return runs


def _kb(stages: dict[str, Any]) -> float:
    return 1000 * float(stages["mb"]) / int(stages["reports"])


if __name__ == "__main__":
    restart_with_allocator()  # as the ducha command does (its loading workers inherit it)
    sys.exit(main())
