"""Load throughput on generated corpora: reports/s, MB/s and peak memory, at several sizes.

    python benchmarks/load_speed.py [--sizes 100 1000] [--seed 0] [--workers 2]
                                    [--store memory|disk] [--corpora DIR]

For each size, generates that many reports (benchmarks/generate_corpus.py; kept in
``--corpora``, default benchmarks/.corpora, git-ignored, and reused when present), then
loads them with :func:`ducha.service.corpus.load_paths` (extraction, RDF, SHACL validation
with all findings, store) into a new store, each size in its own process so that peak
memory (``resource.getrusage``, the loading process and its workers) is that size's own.
Prints per size: reports, MB, seconds, reports/s, MB/s, per-report ms, peak RSS, quads,
and the ratio of its per-report time to the first size's, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import generate_corpus

__all__ = ["corpus_folder", "main", "measure_load"]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO / "benchmarks" / ".corpora"


def corpus_folder(root: Path, reports: int, seed: int) -> Path:
    """The generated corpus of ``reports`` reports for ``seed`` under ``root``, made once."""
    folder = root / f"seed{seed}-{reports}"
    if not (folder / "truth.json").is_file():
        generate_corpus(folder, reports, seed=seed)
    return folder


def measure_load(folder: Path, *, workers: int, on_disk: bool) -> dict[str, Any]:
    """Load every report of ``folder`` into a new store (in this process); the numbers."""
    from ducha.loaders.store import Store
    from ducha.service.corpus import load_paths, report_files
    from ducha.service.settings import Settings

    files = report_files([folder])
    size = sum(f.stat().st_size for f in files)
    path = Path(tempfile.mkdtemp(prefix="ducha-load-")) / "store" if on_disk else None
    store = Store.open(path)
    settings = Settings(store=path, workers=workers)
    started = time.perf_counter()
    outcomes = load_paths(store, files, settings=settings)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "reports": len(files),
        "errors": sum(1 for o in outcomes if o.status == "error"),
        "mb": size / 1e6,
        "seconds": seconds,
        "reports_per_s": len(files) / seconds,
        "mb_per_s": size / 1e6 / seconds,
        "ms_per_report": 1000 * seconds / len(files),
        "peak_rss_mb": own / 1024,  # Linux reports KiB
        "peak_worker_rss_mb": children / 1024,
        "quads": len(store),
        "findings": sum(o.findings for o in outcomes),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", choices=("memory", "disk"), default="disk")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child: load one folder
    args = parser.parse_args(argv)
    if args.one:
        result = measure_load(args.one, workers=args.workers, on_disk=args.store == "disk")
        print(json.dumps(result))
        return 0
    rows = []
    for size in args.sizes:
        folder = corpus_folder(args.corpora, size, args.seed)
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(folder), "--workers", str(args.workers),
             "--store", args.store],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        _print(rows)
    return 0


def _print(rows: list[dict[str, Any]]) -> None:
    base = rows[0]["ms_per_report"]
    print(
        f"{'reports':>8} {'MB':>6} {'s':>8} {'rep/s':>7} {'MB/s':>6} {'ms/rep':>8} "
        f"{'x first':>7} {'RSS MB':>7} {'worker MB':>9} {'quads':>11} {'errors':>6}"
    )
    for r in rows:
        print(
            f"{r['reports']:>8} {r['mb']:>6.1f} {r['seconds']:>8.1f} {r['reports_per_s']:>7.2f} "
            f"{r['mb_per_s']:>6.3f} {r['ms_per_report']:>8.0f} {r['ms_per_report'] / base:>7.2f} "
            f"{r['peak_rss_mb']:>7.0f} {r['peak_worker_rss_mb']:>9.0f} {r['quads']:>11,} "
            f"{r['errors']:>6}",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
