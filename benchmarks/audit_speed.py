"""How long loading and validating the larger seed takes, and validation's share of it.

Run from the repository: ``.venv/bin/python benchmarks/audit_speed.py [report.txt] [-n 5]``.
Prints the best of ``-n`` runs of extraction (read → RDF), validation (pySHACL over the report
graph, with the findings post-processed) and the whole load into an in-memory store, and the
ratio of validation to extraction time. The issue asks for load plus validation of the larger
seed to stay under a few seconds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ducha.loaders.pipeline import extract_report
from ducha.loaders.rdf import report_quads
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes
from ducha.service.settings import Settings
from ducha.shapes.audit import shapes_graph, validate_quads

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_f20d1e9dac4159b8.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=SEED)
    parser.add_argument("-n", type=int, default=5, help="runs; the best one is reported")
    args = parser.parse_args()
    data = args.report.read_bytes()
    started = time.perf_counter()
    shapes_graph()
    warm_up = time.perf_counter() - started
    extraction, validation, load = [], [], []
    for _ in range(args.n):
        started = time.perf_counter()
        quads = report_quads(extract_report(data, args.report.name, max_bytes=10**8))
        extracted = time.perf_counter()
        findings = validate_quads(quads)
        validated = time.perf_counter()
        load_bytes(Store.open(None), data, args.report.name, settings=Settings(store=None))
        loaded = time.perf_counter()
        extraction.append(extracted - started)
        validation.append(validated - extracted)
        load.append(loaded - validated)
    best_x, best_v, best_l = min(extraction), min(validation), min(load)
    print(
        f"report            {args.report.name} ({len(data):,} bytes, {len(quads.report):,} triples)"
    )
    print(f"shapes (once)     {warm_up:.3f} s")
    print(f"extraction        {best_x:.3f} s")
    print(f"validation        {best_v:.3f} s ({len(findings)} finding triples)")
    print(f"load + validation {best_l:.3f} s (into an in-memory store)")
    print(f"validation / extraction = {best_v / best_x:.2f}")


if __name__ == "__main__":
    main()
