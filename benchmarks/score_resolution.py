"""Precision and recall of regulation-title resolution on the hand-made mention test set.

Reads ``tests/data/mentions.csv`` (``mention,expected,kind``: ``expected`` is the registry key
the mention must resolve to, empty when it must stay unresolved: local documents, acts not in
the registry, near misses) and prints precision, recall and every miss.

- a true positive resolves to the expected act;
- a false positive resolves to an act when none or another one was expected;
- a false negative fails to resolve to the expected act.

Run: ``.venv/bin/python benchmarks/score_resolution.py [--threshold 0.88]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ducha.loaders.resolve import THRESHOLD, Resolver

MENTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "mentions.csv"


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int
    misses: list[tuple[str, str, str]]  # mention, expected, got

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def score(path: Path = MENTIONS, *, threshold: float = THRESHOLD) -> Score:
    """Resolve every mention of ``path`` and count hits and misses."""
    resolver = Resolver(threshold=threshold)
    tp = fp = fn = 0
    misses = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            expected = row["expected"].strip()
            match = resolver.resolve(row["mention"])
            got = match.entry.key if match else ""
            if got == expected:  # a hit, or rightly left unresolved
                tp += bool(got)
                continue
            if got:
                fp += 1
            if expected:
                fn += 1
            misses.append((row["mention"], expected, got))
    return Score(tp, fp, fn, misses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--mentions", type=Path, default=MENTIONS)
    args = parser.parse_args()
    started = time.perf_counter()
    result = score(args.mentions, threshold=args.threshold)
    elapsed = time.perf_counter() - started
    total = sum(1 for _ in csv.DictReader(args.mentions.open(encoding="utf-8")))
    print(f"mentions: {total}  threshold: {args.threshold}  time: {elapsed:.2f}s")
    print(
        f"precision: {result.precision:.3f}  recall: {result.recall:.3f}  "
        f"(tp {result.true_positives}, fp {result.false_positives}, "
        f"fn {result.false_negatives})"
    )
    for mention, expected, got in result.misses:
        print(f"  miss: {mention!r}: expected {expected or '-'}, got {got or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
