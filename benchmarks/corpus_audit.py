"""Score the audit and the report structure on a generated corpus against its truth.

    python benchmarks/corpus_audit.py CORPUS_DIR [--store DIR] [--workers 2]

Loads the corpus (benchmarks/generate_corpus.py writes one) into a new store with
``ducha load``, runs ``ducha audit --format json`` on it, and compares:

- the audit's findings with the inconsistencies planted in the truth's ``findings``: a
  planted one is found when a Violation or Warning of the same report carries both its
  numbers (as ``expected``/``reported``, rates within 0.06); a finding that matches no
  planted one is false. Info findings are counted apart (they flag structure, not figures),
  and so are the cross-report checks (``cross-report-*``): the generator invents every
  report on its own, so two reports it happens to write about the same inspection (there
  are 31 provinces and a few rounds) disagree in fact, and the truth, which lists planted
  inconsistencies per report, cannot say whether such a finding is right;
- the aspects and measures in the store with the truth's ``aspects`` and ``measures``
  counts (``min`` of the two counts agrees, as scoring.py does for problems).

Prints recall of planted findings, the share of false findings (by check), and precision
and recall of aspects and measures; ``--json`` prints them as JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["main", "match_findings"]

REPO = Path(__file__).resolve().parents[1]
DUCHA = str(Path(sys.executable).with_name("ducha"))
_TOLERANCE = Decimal("0.06")


def _numbers(finding: dict[str, Any]) -> list[Decimal]:
    return [Decimal(str(finding[k])) for k in ("expected", "reported") if finding.get(k)]


def _carries(numbers: list[Decimal], wanted: list[float | int]) -> bool:
    return all(any(abs(n - Decimal(str(w))) <= _TOLERANCE for n in numbers) for w in wanted)


def match_findings(
    planted: dict[str, list[dict[str, Any]]], found: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Planted and audit findings, both by file name, compared (see the module docstring)."""
    hit = missed = 0
    false: Counter[str] = Counter()
    true = 0
    missed_items: list[str] = []
    for name in sorted(set(planted) | set(found)):
        claims = [
            f
            for f in found.get(name, [])
            if f["severity"] in ("Violation", "Warning") and not _across_reports(f)
        ]
        wanted = planted.get(name, [])
        for item in wanted:
            if any(_carries(_numbers(f), item["numbers"]) for f in claims):
                hit += 1
            else:
                missed += 1
                missed_items.append(f"{name}: {item['what']}")
        for f in claims:
            if any(_carries(_numbers(f), item["numbers"]) for item in wanted):
                true += 1
            else:
                false[f["check"]] += 1
    claimed = true + sum(false.values())
    return {
        "planted": hit + missed,
        "found": hit,
        "recall": hit / (hit + missed) if hit + missed else 1.0,
        "findings": claimed,
        "false": sum(false.values()),
        "false_share": sum(false.values()) / claimed if claimed else 0.0,
        "false_by_check": dict(false),
        "missed": missed_items,
    }


def _across_reports(finding: dict[str, Any]) -> bool:
    return str(finding["check"]).startswith("cross-report")


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
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    truth: dict[str, dict[str, Any]] = json.loads((args.corpus / "truth.json").read_text())
    store = args.store or Path(tempfile.mkdtemp(prefix="ducha-corpus-audit-")) / "store"
    started = time.perf_counter()
    subprocess.run(
        [DUCHA, "load", "--store", str(store), "--workers", str(args.workers), str(args.corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    loaded = time.perf_counter() - started
    audited = subprocess.run(
        [DUCHA, "audit", "--store", str(store), "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    by_file: dict[str, list[dict[str, Any]]] = {}
    files = _report_files(store)
    for finding in json.loads(audited.stdout):
        by_file.setdefault(files.get(finding["report"], finding["report"]), []).append(finding)
    scores = match_findings({n: e.get("findings", []) for n, e in truth.items()}, by_file)
    infos = Counter(f["check"] for fs in by_file.values() for f in fs if f["severity"] == "Info")
    across = Counter(
        f"{f['check']} ({f['severity']})"
        for fs in by_file.values()
        for f in fs
        if f["severity"] != "Info" and _across_reports(f)
    )
    output = {
        "reports": len(truth),
        "load_s": round(loaded, 1),
        "audit": scores,
        "info_findings": dict(infos),
        "cross_report_findings": dict(across),
        **_structure(store, truth),
    }
    if args.json:
        print(json.dumps(output, indent=2))
        return 0
    a = scores
    print(f"{len(truth)} reports loaded in {loaded:.1f} s")
    print(
        f"planted inconsistencies found: {a['found']} of {a['planted']} "
        f"(recall {a['recall']:.3f}); audit findings {a['findings']}, false {a['false']} "
        f"({a['false_share']:.1%}) by check {a['false_by_check']}; info findings {dict(infos)}"
    )
    print(f"cross-report findings (not scored): {dict(across)}")
    for key in ("aspects", "measures"):
        s = output[key]
        print(f"{key}: tp {s['tp']} fp {s['fp']} fn {s['fn']} "
              f"precision {s['precision']:.3f} recall {s['recall']:.3f}")  # fmt: skip
    for line in a["missed"][:20]:
        print("  missed:", line)
    return 0


def _report_files(store: Path) -> dict[str, str]:
    from ducha.loaders.store import Store

    db = Store.open(store, read_only=True)
    rows = db.query("SELECT ?r ?file WHERE { ?r a ducha:Report ; ducha:fileName ?file }")
    return {row["r"].value: row["file"].value for row in rows}  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
