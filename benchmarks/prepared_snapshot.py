"""Golden snapshot for validation and RDF speed work: what loading writes for each test report.

    python benchmarks/prepared_snapshot.py OUT [--baseline REF] [--paths FILE...] [--reports 100]

Runs :func:`ducha.service.prepare.prepare_report` (extract, resolve, map to RDF, validate,
serialize) over the reports :func:`benchmarks.extraction_snapshot.snapshot_files` lists
(bundled samples, extra reports, seeds when present, a generated corpus) and writes one file
per report to OUT: the counts a load outcome shows, then the sorted lines of its N-Quads (the
report's graph, its findings graph and its shared-graph additions) and of its commit mark.

With ``--baseline REF`` it also writes the same with the ``ducha`` package of git revision
REF and lists the reports whose output differs: a speed change must list none. With
``--paths FILE...`` the baseline is the working tree with only those files as of REF, so
that other people's uncommitted changes are on both sides. Prints processor seconds, for both.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.extraction_snapshot import _working_tree_with, snapshot_files
from benchmarks.generate_corpus import generate_corpus
from benchmarks.load_speed import export_revision

__all__ = ["main", "snapshot"]


def snapshot(files: Sequence[Path], out: Path) -> float:
    """Write each file's prepared output, sorted, to ``out``; processor seconds spent."""
    from ducha.loaders import iri
    from ducha.loaders.errors import DuchaError
    from ducha.loaders.resolve import Resolver
    from ducha.service.prepare import prepare_report

    out.mkdir(parents=True, exist_ok=True)
    resolver = Resolver()
    seconds = 0.0
    for path in files:
        target = out / f"{path.parent.name}__{path.name}.nq"
        clock = time.process_time()
        try:
            prepared = prepare_report(
                path.read_bytes(),
                path.name,
                base=iri.DEFAULT_BASE,
                max_bytes=10**9,
                resolver=resolver,
            )
        except DuchaError as error:
            target.write_text(f"{type(error).__name__}: {error}\n")
            continue
        finally:
            seconds += time.process_time() - clock
        counts = (
            f"# {prepared.report_iri} problems {prepared.problems} figures {prepared.figures} "
            f"entities {prepared.entities} findings {prepared.findings}"
        )
        lines = [counts, *sorted(prepared.nquads.decode().splitlines())]
        lines += ["# mark", *sorted(prepared.mark.decode().splitlines())]
        target.write_text("\n".join(lines) + "\n")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--baseline", metavar="REF")
    parser.add_argument(
        "--paths", nargs="+", help="baseline: the working tree with only these files at REF"
    )
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--generated", type=Path, help=argparse.SUPPRESS)  # child
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ducha-prepared-") as scratch:
        generated = args.generated
        if generated is None:
            generated = Path(scratch) / "generated"
            generate_corpus(generated, args.reports, seed=args.seed)
        print(f"processor s: {snapshot(snapshot_files(generated), args.out):.2f}")
        if args.baseline is None:
            return 0
        baseline = Path(scratch) / "baseline"
        if args.paths:
            tree = _working_tree_with(args.paths, args.baseline, baseline)
        else:
            tree = export_revision(args.baseline, baseline)
        before = args.out.with_name(args.out.name + "-" + args.baseline.replace("/", "_"))
        command = [sys.executable, __file__, str(before), "--generated", str(generated)]
        env = {**os.environ, "PYTHONPATH": str(tree)}
        child = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        print(f"{args.baseline}: {child.stdout.strip()}")
    written = sorted(path.name for path in args.out.glob("*.nq"))
    differing = [
        name
        for name in written
        if not (before / name).is_file()
        or (before / name).read_bytes() != (args.out / name).read_bytes()
    ]
    print(f"{len(differing)} of {len(written)} reports differ")
    for name in differing:
        print(f"  {name}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
