"""Per-report validation time of the two SHACL engines on the same reports, and the ratio.

Run from the repository::

    .venv/bin/python benchmarks/audit_speed.py [files or folders …] [-n 3] [--generate 20]

Without files it takes the seeds (../shared/seeds, when present) and the bundled samples;
``--generate N`` adds a generated corpus of N reports (seed 0). Each report is extracted
once; then each engine validates it ``-n`` times (best kept): ``compiled`` (the shapes as
set-wise SPARQL, the load default) and ``pyshacl`` (the reference). Prints one line per
report (quads, findings, both times, the ratio), whether the findings agree, and totals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.loaders.pipeline import extract_report
from ducha.loaders.rdf import report_quads
from ducha.loaders.resolve import Resolver, resolve_report
from ducha.shapes.validation import Engine, Findings, findings_of_quads, shapes_graph

from benchmarks.generate_corpus import generate_corpus

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def _best(quads: object, engine: Engine, runs: int) -> tuple[float, Findings]:
    best, found = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        found = findings_of_quads(quads, engine=engine)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    assert found is not None
    return best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="report files or folders")
    parser.add_argument("-n", type=int, default=3, help="runs per engine; the best is kept")
    parser.add_argument("--generate", type=int, default=0, help="add N generated reports")
    args = parser.parse_args()
    files = [f for p in args.paths for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    if not files:
        files = sorted(SEEDS.glob("*.txt")) + sorted((REPO / "service" / "samples").glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        if args.generate:
            generate_corpus(Path(folder), args.generate, seed=0)
            files += sorted(Path(folder).glob("gen-*.txt"))
        shapes_graph()
        resolver = Resolver()
        totals = {"compiled": 0.0, "pyshacl": 0.0}
        differ = 0
        print(f"{'report':<48} {'quads':>6} {'finds':>5} {'compiled':>9} {'pyshacl':>9} ratio")
        for path in files:
            report = extract_report(path.read_bytes(), path.name, max_bytes=10**8)
            quads = report_quads(resolve_report(report, resolver))
            fast, compiled = _best(quads, "compiled", args.n)
            slow, reference = _best(quads, "pyshacl", args.n)
            totals["compiled"] += fast
            totals["pyshacl"] += slow
            same = compiled.findings == reference.findings
            differ += not same
            print(
                f"{path.name[:48]:<48} {len(quads.report):>6} {len(compiled.findings):>5} "
                f"{fast * 1000:>7.1f}ms {slow * 1000:>7.1f}ms {slow / fast:>5.1f}x"
                + ("" if same else "  FINDINGS DIFFER")
            )
    print(
        f"{len(files)} reports: compiled {totals['compiled']:.2f} s, pySHACL "
        f"{totals['pyshacl']:.2f} s ({totals['pyshacl'] / totals['compiled']:.1f}x); "
        f"findings differ on {differ}"
    )


if __name__ == "__main__":
    main()
