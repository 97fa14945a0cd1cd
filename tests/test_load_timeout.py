"""A report that takes too long to prepare fails alone: the load goes on, nothing is lost."""

from __future__ import annotations

from pathlib import Path

from ducha.loaders.store import Store
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
# Eight files: a load of fewer stays in the loading process, where nothing is timed.
FILES = sorted(SAMPLES.glob("*.txt"))[:8]
KEPT = SAMPLES / "zhejiang-announcement-no18.txt"


def _reports(store: Store) -> set[str]:
    rows = store.query(
        "SELECT DISTINCT ?r WHERE { GRAPH ?r { ?r a <https://w3id.org/ducha/ontology#Report> } }"
    )
    return {row["r"].value for row in rows}  # type: ignore[union-attr]


def test_reports_over_the_time_limit_fail_and_the_rest_is_kept() -> None:
    store = Store.open(None)
    (kept,) = load_paths(store, [KEPT], settings=Settings(store=None, workers=1))
    assert kept.status == "new"

    tiny = Settings(store=None, workers=2, report_timeout_s=0.001)
    outcomes = load_paths(store, FILES, settings=tiny)

    timed_out = [o for o in outcomes if o.status == "error"]
    assert timed_out, "a limit of a millisecond stops at least the first report"
    for outcome in timed_out:
        assert outcome.file in outcome.message  # names the file …
        assert "0.001 s" in outcome.message  # … and the limit
        assert "DUCHA_REPORT_TIMEOUT_S" in outcome.message
    loaded = {o.report_iri for o in outcomes if o.status != "error"}
    assert _reports(store) == loaded | {kept.report_iri}  # the earlier report is still there

    # New workers replaced the stopped ones: with a normal limit everything loads.
    again = load_paths(store, FILES, settings=Settings(store=None, workers=2))
    assert [o.status for o in again if o.status == "error"] == []
    assert len(_reports(store)) == len({o.report_iri for o in again} | {kept.report_iri})
