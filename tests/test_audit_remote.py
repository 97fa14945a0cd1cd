"""`ducha audit` on an external store: Virtuoso finds what the embedded store finds.

Runs against the real Virtuoso that tests/test_remote_store.py starts (its fixtures are
imported here); skipped with the reason given there when Virtuoso cannot be installed. The
cross-report check's query (shapes/comparable-figures.rq) is the audit's one query over the
whole store, so it must be portable SPARQL: both stores must give the same findings.
"""

from __future__ import annotations

from pathlib import Path

from ducha.loaders.remote import RemoteStore
from ducha.loaders.store import Store
from ducha.service.corpus import load_paths, sample_files
from ducha.service.settings import Settings
from ducha.shapes.audit import audit_store
from ducha.shapes.findings import Finding

from tests.test_remote_store import _settings, remote, virtuoso

__all__ = ["remote", "virtuoso"]  # the imported fixtures, so that pytest finds them here


def _key(finding: Finding) -> tuple[object, ...]:
    return (
        finding.iri,
        finding.severity,
        finding.check,
        finding.message,
        finding.expected,
        finding.reported,
        finding.quote,
    )


# Reports about one inspection (case 1 of the query) and about one region with as-of dates
# (case 2), each pair with a figure that contradicts the other report.
AUDIT_DATA = Path(__file__).parent / "data" / "audit"


def test_the_audit_finds_the_same_on_virtuoso(
    virtuoso: dict[str, str], remote: RemoteStore
) -> None:
    files = [*sample_files(), *sorted(AUDIT_DATA.glob("*.txt"))]
    embedded = Store.open(None)
    load_paths(embedded, files, settings=Settings(store=None, workers=1))
    load_paths(remote, files, settings=_settings(virtuoso).model_copy(update={"workers": 1}))
    local = audit_store(embedded)
    served = audit_store(remote)
    assert len([f for f in local if f.check == "cross-report-value"]) >= 2
    assert sorted(map(_key, served)) == sorted(map(_key, local))
