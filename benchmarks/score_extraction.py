"""Print how well ducha's extraction matches the hand-made truth of one or more corpora.

    python benchmarks/score_extraction.py [CORPUS_DIR ...] [--verbose] [--json]

Each corpus folder holds report files and a ``truth.json`` (format: service/samples/
README.md); the default corpora are service/samples and tests/data/extra. Every file the
truth lists is run through ``ducha.loaders.pipeline.extract_report`` and compared with its
entry by :mod:`benchmarks.scoring`. The table gives precision, recall and F1 per kind,
micro-averaged over each corpus and over all of them; ``--verbose`` adds each file's
scores and the items it missed or added; ``--json`` prints everything as one JSON object.
Exit status: 0, or 2 when a corpus folder or a listed file is missing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.loaders.errors import DuchaError
from ducha.loaders.pipeline import extract_report

from benchmarks.extracted import from_report
from benchmarks.scoring import KINDS, Extracted, Score, load_truth, score_file, sum_scores

__all__ = ["main", "score_corpus"]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (REPO / "service" / "samples", REPO / "tests" / "data" / "extra")
MAX_BYTES = 50 * 1024 * 1024

FileScores = dict[str, dict[str, Score]]


def score_corpus(corpus: Path) -> FileScores:
    """Scores per file (then per kind) of every file listed in the corpus's truth.json.

    A file the pipeline refuses scores as if nothing had been extracted from it.
    """
    results: FileScores = {}
    for name, truth in sorted(load_truth(corpus).items()):
        path = corpus / name
        try:
            report = extract_report(path.read_bytes(), name, max_bytes=MAX_BYTES)
        except DuchaError as error:
            logging.getLogger(__name__).warning("%s: %s", name, error)
            results[name] = score_file(truth, Extracted())
            continue
        results[name] = score_file(truth, from_report(report))
    return results


def _shown(path: Path) -> str:
    """A corpus path as short as the current directory allows."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _row(label: str, score: Score) -> str:
    return (
        f"{label:<20} {score.tp:>5} {score.fp:>5} {score.fn:>5} "
        f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
    )


def _table(title: str, totals: Mapping[str, Score]) -> list[str]:
    header = f"{'kind':<20} {'tp':>5} {'fp':>5} {'fn':>5} {'prec':>6} {'recall':>6} {'f1':>6}"
    lines = [title, header, "-" * len(header)]
    lines += [_row(kind, totals[kind]) for kind in KINDS if kind in totals]
    overall = Score()
    for score in totals.values():
        overall += score
    lines += ["-" * len(header), _row("all kinds", overall), ""]
    return lines


def _as_json(score: Score, *, details: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
    }
    if details:
        data |= {"missed": score.missed, "extra": score.extra}
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="corpus folders with truth.json")
    parser.add_argument("--verbose", action="store_true", help="per-file scores and misses")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    corpora: list[Path] = args.corpora or list(DEFAULT_CORPORA)

    by_corpus: dict[str, FileScores] = {}
    for corpus in corpora:
        if not (corpus / "truth.json").is_file():
            print(f"error: {corpus} has no truth.json; give a corpus folder", file=sys.stderr)
            return 2
        missing = [name for name in load_truth(corpus) if not (corpus / name).is_file()]
        if missing:
            print(f"error: {corpus}: truth.json lists missing files {missing}", file=sys.stderr)
            return 2
        by_corpus[_shown(corpus)] = score_corpus(corpus)

    corpus_totals = {name: sum_scores(files.values()) for name, files in by_corpus.items()}
    overall = sum_scores(corpus_totals.values())

    if args.json:
        output: dict[str, Any] = {
            "all": {kind: _as_json(s, details=False) for kind, s in overall.items()},
            "corpora": {
                name: {
                    "files": len(by_corpus[name]),
                    "kinds": {kind: _as_json(s, details=False) for kind, s in totals.items()},
                }
                for name, totals in corpus_totals.items()
            },
        }
        if args.verbose:
            output["files"] = {
                f"{corpus}/{file}": {kind: _as_json(s, details=True) for kind, s in scores.items()}
                for corpus, files in by_corpus.items()
                for file, scores in files.items()
            }
        print(json.dumps(output, indent=2, ensure_ascii=False))
        return 0

    lines: list[str] = []
    for name, files in by_corpus.items():
        if args.verbose:
            for file, scores in files.items():
                lines += _table(f"== {name}/{file}", scores)
                for kind in KINDS:
                    score = scores[kind]
                    if score.missed or score.extra:
                        lines.append(f"  {kind}: missed {score.missed}; extra {score.extra}")
                lines.append("")
        lines += _table(
            f"== corpus {name} ({len(files)} files), micro-averaged", corpus_totals[name]
        )
    if len(by_corpus) > 1:
        total_files = sum(len(files) for files in by_corpus.values())
        lines += _table(f"== all corpora ({total_files} files), micro-averaged", overall)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
