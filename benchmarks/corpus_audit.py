"""Score the audit and the report structure on a generated corpus against its truth.

    python benchmarks/corpus_audit.py CORPUS_DIR [--store DIR] [--loaded] [--workers 2]
        [--findings FILE]

Loads the corpus (benchmarks/generate_corpus.py writes one) into a new store with
``ducha load`` (``--loaded``: the store already holds it), runs ``ducha audit --format
json`` on it (``--findings``: reads that output from a file instead), and compares:

- every finding of the audit with the inconsistencies in the truth's ``findings``, by check.
  An inconsistency planted within a report is found when a finding of the same report and
  check carries both its numbers (as ``expected``/``reported``, rates within 0.06). An
  inconsistency across reports (check ``cross-report-value``, listed by
  :mod:`benchmarks.corpus_conflicts`) names a figure and the one other figure it is checked
  against: found by a finding of the report it is listed under whose ``expected`` is the
  other report's figure and ``reported`` this report's, the other figure lying in the named
  report; a finding on the other figure is not a match. A finding that matches no
  inconsistency is false, whatever its severity.
- the aspects and measures in the store with the truth's ``aspects`` and ``measures``
  counts (``min`` of the two counts agrees, as scoring.py does for problems).

Prints, per check, the inconsistencies planted and found (recall) and the findings and
false ones (the share of false findings), then precision and recall of aspects and
measures; ``--json`` prints them as JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["CheckScore", "main", "match_findings"]

REPO = Path(__file__).resolve().parents[1]
DUCHA = str(Path(sys.executable).with_name("ducha"))
_TOLERANCE = Decimal("0.06")
_ACROSS = "cross-report-value"


@dataclass
class CheckScore:
    """How one check did: inconsistencies planted and found, findings and false ones."""

    planted: int = 0
    found: int = 0
    findings: int = 0
    false: int = 0
    severity_differs: int = 0  # true findings whose severity is not the truth's
    missed: list[str] = field(default_factory=list)
    false_examples: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def false_share(self) -> float:
        return self.false / self.findings if self.findings else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "planted": self.planted,
            "found": self.found,
            "recall": round(self.recall, 4),
            "findings": self.findings,
            "false": self.false,
            "false_share": round(self.false_share, 4),
            "severity_differs": self.severity_differs,
            "missed": self.missed[:10],
            "false_examples": self.false_examples[:10],
        }


def _numbers(finding: dict[str, Any]) -> list[Decimal]:
    return [Decimal(str(finding[k])) for k in ("expected", "reported") if finding.get(k)]


def _carries(numbers: list[Decimal], wanted: list[float | int]) -> bool:
    return all(any(abs(n - Decimal(str(w))) <= _TOLERANCE for n in numbers) for w in wanted)


def _exact(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def _within_matches(item: dict[str, Any], finding: dict[str, Any]) -> bool:
    """A finding of the report carries a planted inconsistency within it."""
    same_check = finding["check"] == item.get("check", finding["check"])
    return same_check and _carries(_numbers(finding), item["numbers"])


def _across_matches(item: dict[str, Any], finding: dict[str, Any], other: str | None) -> bool:
    """A finding names the pair of figures of an inconsistency across reports."""
    expected, reported = item["numbers"]
    return (
        finding["check"] == item["check"]
        and other == item["other"]
        and _exact(finding.get("expected")) == _exact(expected)
        and _exact(finding.get("reported")) == _exact(reported)
    )


def match_findings(
    planted: dict[str, list[dict[str, Any]]],
    found: dict[str, list[dict[str, Any]]],
    files: dict[str, str] | None = None,
) -> dict[str, CheckScore]:
    """Truth findings and audit findings, both by file name, compared by check.

    ``files`` maps report IRIs to file names: it names the other report of a cross-report
    finding (its ``value`` is the other report's figure).
    """
    files = files or {}
    scores: dict[str, CheckScore] = {}
    for name in sorted(set(planted) | set(found)):
        items = planted.get(name, [])
        claims = found.get(name, [])
        used: set[int] = set()  # claims matched to a pair across reports (one each)
        for item in items:
            score = scores.setdefault(item.get("check", "?"), CheckScore())
            score.planted += 1
            hit = _find(item, claims, used, files)
            if hit is None:
                score.missed.append(f"{name}: {item['what']}")
                continue
            score.found += 1
            if hit["severity"] != item["severity"]:
                score.severity_differs += 1
        for index, claim in enumerate(claims):
            score = scores.setdefault(claim["check"], CheckScore())
            score.findings += 1
            if index in used or any(
                _within_matches(i, claim) for i in items if i.get("check") != _ACROSS
            ):
                continue
            score.false += 1
            score.false_examples.append(f"{name}: {claim['severity']}: {claim['message']}")
    return scores


def _find(
    item: dict[str, Any],
    claims: list[dict[str, Any]],
    used: set[int],
    files: dict[str, str],
) -> dict[str, Any] | None:
    """The claim that finds ``item`` (marking a cross-report one used), or None."""
    if item.get("check") != _ACROSS:
        return next((c for c in claims if _within_matches(item, c)), None)
    for index, claim in enumerate(claims):
        other = files.get(str(claim.get("value", "")).rsplit("/figure/", 1)[0])
        if index not in used and _across_matches(item, claim, other):
            used.add(index)
            return claim
    return None


def _total(scores: dict[str, CheckScore]) -> CheckScore:
    total = CheckScore()
    for score in scores.values():
        total.planted += score.planted
        total.found += score.found
        total.findings += score.findings
        total.false += score.false
        total.severity_differs += score.severity_differs
    return total


def _structure(store: Path, truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Aspects and measures per file in the store against the truth's counts."""
    from ducha.loaders.store import Store

    db = Store.open(store, read_only=True)
    counts: dict[tuple[str, str], int] = {}
    for row in db.query(
        "SELECT ?file ?kind (COUNT(?item) AS ?n) WHERE { ?r ducha:fileName ?file . "
        "VALUES ?kind { ducha:Aspect ducha:Measure } ?item a ?kind ; ducha:inReport ?r } "
        "GROUP BY ?file ?kind"
    ):  # type: ignore[union-attr]
        counts[(row["file"].value, row["kind"].value.rsplit("#", 1)[1])] = int(row["n"].value)
    result: dict[str, Any] = {}
    for key, kind in (("aspects", "Aspect"), ("measures", "Measure")):
        tp = fp = fn = 0
        for name, entry in truth.items():
            want, got = int(entry.get(key) or 0), counts.get((name, kind), 0)
            tp, fp, fn = tp + min(want, got), fp + max(0, got - want), fn + max(0, want - got)
        result[key] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
        }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--store", type=Path, help="store folder (default: a new temporary one)")
    parser.add_argument(
        "--loaded", action="store_true", help="the store already holds the corpus: only audit"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--findings", type=Path, help="output of `ducha audit --format json` on the store"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    truth: dict[str, dict[str, Any]] = json.loads((args.corpus / "truth.json").read_text())
    if args.store is not None:
        return _score(args, truth, args.store)
    with tempfile.TemporaryDirectory(prefix="ducha-corpus-audit-") as scratch:
        return _score(args, truth, Path(scratch) / "store")  # 1-10 GB: not left behind


def _score(args: argparse.Namespace, truth: dict[str, dict[str, Any]], store: Path) -> int:
    """Load (unless ``--loaded``) and audit the corpus in ``store``; print the scores."""
    started = time.perf_counter()
    if not args.loaded:
        subprocess.run(
            [
                DUCHA,
                "load",
                "--store",
                str(store),
                "--workers",
                str(args.workers),
                str(args.corpus),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    if args.findings:
        audit_output = args.findings.read_text()
    else:
        audit_output = subprocess.run(
            [DUCHA, "audit", "--store", str(store), "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    audit_s = time.perf_counter() - started
    by_file: dict[str, list[dict[str, Any]]] = {}
    files = _report_files(store)
    for finding in json.loads(audit_output):
        by_file.setdefault(files.get(finding["report"], finding["report"]), []).append(finding)
    planted = {n: e.get("findings", []) for n, e in truth.items()}
    scores = match_findings(planted, by_file, files)
    total = _total(scores)
    output = {
        "reports": len(truth),
        "load_s": None if args.loaded else round(loaded, 1),
        "audit_s": round(audit_s, 1),
        "audit": {"all": total.as_dict()} | {c: s.as_dict() for c, s in sorted(scores.items())},
        **_structure(store, truth),
    }
    if args.json:
        print(json.dumps(output, indent=2))
        return 0
    if not args.loaded:
        print(f"{len(truth)} reports loaded in {loaded:.1f} s")
    print(f"audit in {audit_s:.1f} s")
    print(f"{'check':<24} {'planted':>7} {'found':>6} {'recall':>7} {'findings':>8} "
          f"{'false':>6} {'false %':>7} {'sev≠':>5}")  # fmt: skip
    for check, score in [*sorted(scores.items()), ("all", total)]:
        print(
            f"{check:<24} {score.planted:>7} {score.found:>6} {score.recall:>7.3f} "
            f"{score.findings:>8} {score.false:>6} {score.false_share:>7.1%} "
            f"{score.severity_differs:>5}"
        )
    for key in ("aspects", "measures"):
        st = output[key]
        print(f"{key}: tp {st['tp']} fp {st['fp']} fn {st['fn']} "
              f"precision {st['precision']:.3f} recall {st['recall']:.3f}")  # fmt: skip
    for check, score in sorted(scores.items()):
        for line in score.missed[:5]:
            print(f"  missed ({check}):", line)
        for line in score.false_examples[:5]:
            print(f"  false ({check}):", line[:400])
    return 0


def _report_files(store: Path) -> dict[str, str]:
    from ducha.loaders.store import Store

    db = Store.open(store, read_only=True)
    rows = db.query("SELECT ?r ?file WHERE { ?r a ducha:Report ; ducha:fileName ?file }")
    return {row["r"].value: row["file"].value for row in rows}  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
