"""Every extra test report (tests/data/extra) loads through the real pipeline into a real
store, and its graph holds the figures, part-whole relations, places, inspection groups
and dates written by hand in tests/data/extra/truth.json.

The reports are our own inventions in the register of machine-translated Chinese
government reports (see each entry's ``notes``). Each check passes when precision and
recall of that kind both reach its threshold below (the lead tightens them as the
extractors improve); a failure lists what was missed and what was extracted in excess.
``benchmarks/score_extraction.py`` prints the same scores for every kind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.extracted import store_extraction
from benchmarks.scoring import ENTITY_KINDS, failed_checks, load_truth, score_file

CORPUS = Path(__file__).parent / "data" / "extra"
SAMPLES = Path(__file__).parents[1] / "service" / "samples"
TRUTH = load_truth(CORPUS)
SAMPLES_TRUTH = load_truth(SAMPLES)

# Minimum precision and recall per kind, per file.
THRESHOLDS = {
    "figures": 0.8,
    "parts": 0.8,
    "places": 0.8,
    "inspection_groups": 0.8,
    "dates": 0.8,
}


def _body(name: str) -> str:
    """The annotated text: everything after the ``Source:`` line."""
    return (CORPUS / name).read_text(encoding="utf-8").split("\n", 1)[1]


def test_truth_lists_every_report_file_in_the_samples_format() -> None:
    assert {p.name for p in CORPUS.glob("*.txt")} == set(TRUTH)
    assert len(TRUTH) >= 15
    keys = list(next(iter(SAMPLES_TRUTH.values())))
    for name, entry in TRUTH.items():
        assert list(entry) == keys, name
        assert 1000 <= (CORPUS / name).stat().st_size <= 3072, name


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_marker_finds_exactly_one_report(name: str) -> None:
    marker = TRUTH[name]["marker"]
    texts = [*CORPUS.glob("*.txt"), *SAMPLES.glob("*.txt")]
    holders = [p.name for p in texts if marker in p.read_text(encoding="utf-8")]
    assert holders == [name]
    assert _body(name).count(marker) == 1


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_truth_is_consistent_with_its_text(name: str) -> None:
    """The hand-made truth quotes the text: tokens and names occur in it, clean sums hold."""
    entry, body = TRUTH[name], _body(name).casefold()
    for token in entry["not_figures"] + entry["malformed_numbers"]:
        assert token.casefold() in body, token
    canonical = {n for kind in ENTITY_KINDS for n in entry[kind]}
    for name_with_post in entry["people"]:
        assert re.sub(r" \(.*\)$", "", name_with_post).casefold() in body
    for name_in_text, others in entry["aliases"].items():
        assert name_in_text in canonical, name_in_text
        assert all(other.casefold() in body for other in others), others
    for whole, parts in entry["clean"]:
        assert sum(parts) <= whole, (whole, parts)


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
