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

import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.extraction_snapshot import compare

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
    return compare(argv, __doc__, script=__file__, write=_timed_snapshot, reports=100)


def _timed_snapshot(files: Sequence[Path], out: Path) -> str:
    return f"processor s: {snapshot(files, out):.2f}"


if __name__ == "__main__":
    sys.exit(main())
