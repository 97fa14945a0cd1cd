"""Golden snapshot for speed work: the sorted N-Quads every test report maps to.

    python benchmarks/extraction_snapshot.py OUT [--baseline REF] [--reports 80] [--seed 5]

Runs extract_report, resolve_report and report_quads over the bundled samples
(service/samples, tests/data/extra, service/samples/zh), the seed reports (../shared/seeds,
when present) and a generated corpus, and writes one file per report to OUT: its report
graph's quads, then its shared-graph quads, each sorted, as N-Quads.

With ``--baseline REF`` it also writes the same with the ``ducha`` package of git revision
REF (exported to a temporary folder, as :mod:`benchmarks.load_speed` does) and lists the
reports whose quads differ: a speed change must list none. With ``--paths FILE...`` the
baseline is the working tree with only those files as of REF, so that other people's
uncommitted changes are on both sides. Prints processor seconds spent per stage, for both.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import generate_corpus
from benchmarks.load_speed import PACKAGE_DIRS, SEEDS, export_revision

__all__ = ["compare", "main", "snapshot", "snapshot_files"]

REPO = Path(__file__).resolve().parents[1]


def snapshot_files(generated: Path) -> list[Path]:
    """The reports to snapshot: bundled samples, seeds when present, ``generated``/*.txt."""
    folders = [
        REPO / "service" / "samples",
        REPO / "tests" / "data" / "extra",
        REPO / "service" / "samples" / "zh",
        SEEDS,
        generated,
    ]
    return [path for folder in folders for path in sorted(folder.glob("*.txt"))]


def snapshot(files: Sequence[Path], out: Path) -> dict[str, float]:
    """Write each file's sorted quads to ``out``; processor seconds per stage."""
    from ducha.loaders.errors import DuchaError
    from ducha.loaders.pipeline import extract_report
    from ducha.loaders.rdf import report_quads
    from ducha.loaders.resolve import Resolver, resolve_report

    out.mkdir(parents=True, exist_ok=True)
    resolver = Resolver()
    seconds = {"extract": 0.0, "resolve": 0.0, "rdf": 0.0}
    for path in files:
        target = out / f"{path.parent.name}__{path.name}.nq"
        clock = time.process_time()
        try:
            report = extract_report(path.read_bytes(), path.name, max_bytes=10**9)
        except DuchaError as error:
            target.write_text(f"{type(error).__name__}: {error}\n")
            continue
        now = time.process_time()
        seconds["extract"], clock = seconds["extract"] + now - clock, now
        report = resolve_report(report, resolver)
        now = time.process_time()
        seconds["resolve"], clock = seconds["resolve"] + now - clock, now
        quads = report_quads(report)
        seconds["rdf"] += time.process_time() - clock
        lines = sorted(f"{quad} ." for quad in quads.report)
        lines += ["# shared graph", *sorted(f"{quad} ." for quad in quads.shared)]
        target.write_text("\n".join(lines) + "\n")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    return compare(argv, __doc__, script=__file__, write=_timed_snapshot, reports=80)


def _timed_snapshot(files: Sequence[Path], out: Path) -> str:
    seconds = snapshot(files, out)
    return "processor s: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items())


def compare(
    argv: Sequence[str] | None,
    usage: str | None,
    *,
    script: str,
    write: Callable[[Sequence[Path], Path], str],
    reports: int,
) -> int:
    """The command line of a snapshot script: ``write`` (which says what it spent) the
    snapshot of every test report to OUT, and with ``--baseline`` the same with the
    baseline's ``ducha`` (``script`` run again in a child process), listing the reports
    whose files differ. Exit status 1 when some differ."""
    parser = argparse.ArgumentParser(description=(usage or "").split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--baseline", metavar="REF")
    parser.add_argument(
        "--paths", nargs="+", help="baseline: the working tree with only these files at REF"
    )
    parser.add_argument("--reports", type=int, default=reports)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--generated", type=Path, help=argparse.SUPPRESS)  # child
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ducha-snapshot-") as scratch:
        generated = args.generated
        if generated is None:
            generated = Path(scratch) / "generated"
            generate_corpus(generated, args.reports, seed=args.seed)
        print(write(snapshot_files(generated), args.out))
        if args.baseline is None:
            return 0
        baseline = Path(scratch) / "baseline"
        if args.paths:
            tree = _working_tree_with(args.paths, args.baseline, baseline)
        else:
            tree = export_revision(args.baseline, baseline)
        before = args.out.with_name(args.out.name + "-" + args.baseline.replace("/", "_"))
        command = [sys.executable, script, str(before), "--generated", str(generated)]
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


def _working_tree_with(paths: Sequence[str], ref: str, target: Path) -> Path:
    """The working tree's ``ducha`` package with ``paths`` (repo-relative) as of ``ref``:
    compares one's own changes while others' uncommitted work stays the same on both sides."""
    package = target / "ducha"
    package.mkdir(parents=True)
    for folder in PACKAGE_DIRS:
        shutil.copytree(REPO / folder, package / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    (package / "__init__.py").touch()
    for path in paths:
        old = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{ref}:{path}"], capture_output=True, check=False
        )
        if old.returncode == 0:
            (package / path).write_bytes(old.stdout)
        else:  # new since ref: absent there
            (package / path).unlink(missing_ok=True)
    return target


if __name__ == "__main__":
    sys.exit(main())
