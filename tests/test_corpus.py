"""Every bundled development report (service/samples) loads through the real pipeline into
a real store, and its graph holds the figures, part-whole relations, places, inspection
groups and dates written by hand in service/samples/truth.json.

Each check passes when precision and recall of that kind both reach its threshold below
(the lead tightens them as the extractors improve); a failure lists what was missed and
what was extracted in excess. ``benchmarks/score_extraction.py`` prints the same scores
for every kind over the whole corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.extracted import store_extraction
from benchmarks.scoring import failed_checks, load_truth, score_file

CORPUS = Path(__file__).parents[1] / "service" / "samples"
TRUTH = load_truth(CORPUS)

# Minimum precision and recall per kind, per file.
THRESHOLDS = {
    "figures": 0.8,
    "parts": 0.8,
    "places": 0.8,
    "inspection_groups": 0.8,
    "dates": 0.8,
}


def test_truth_lists_every_report_file() -> None:
    files = {p.name for p in CORPUS.glob("*.txt")}
    assert files == set(TRUTH)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_marker_finds_exactly_one_report(name: str) -> None:
    marker = TRUTH[name]["marker"]
    holders = [p.name for p in CORPUS.glob("*.txt") if marker in p.read_text(encoding="utf-8")]
    assert holders == [name]
    assert (CORPUS / name).read_text(encoding="utf-8").count(marker) == 1


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_report_graph_matches_truth(name: str) -> None:
    found = store_extraction(CORPUS / name)
    scores = score_file(TRUTH[name], found, kinds=tuple(THRESHOLDS))
    failures = [
        line
        for kind, threshold in THRESHOLDS.items()
        for line in failed_checks({kind: scores[kind]}, threshold)
    ]
    assert not failures, f"{name}:\n" + "\n".join(failures)
