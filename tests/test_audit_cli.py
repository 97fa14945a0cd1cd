"""``ducha audit``: formats, filters and exit codes, on a real store in tmp_path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from ducha.service.cli import app
from typer.testing import CliRunner

AUDIT_DATA = Path(__file__).parent / "data" / "audit"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the two cross-report test reports and one with a broken breakdown."""
    folder = tmp_path_factory.mktemp("audit-cli")
    july = (AUDIT_DATA / "petitions-progress-july.txt").read_text(encoding="utf-8")
    (folder / "july.txt").write_text(july, encoding="utf-8")
    (folder / "august.txt").write_text(
        (AUDIT_DATA / "petitions-progress-august.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "broken.txt").write_text(
        july.replace("3,801 have been completed", "3,800 have been completed"), encoding="utf-8"
    )
    data = folder / "store"
    result = runner.invoke(
        app,
        [
            "load",
            "--store",
            str(data),
            str(folder / "july.txt"),
            str(folder / "august.txt"),
            str(folder / "broken.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    return data


def _json(args: list[str]) -> list[dict[str, object]]:
    result = runner.invoke(app, ["audit", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_lists_findings_with_numbers_and_sentences(store: Path) -> None:
    findings = _json(["--store", str(store)])
    checks = {(f["check"], f["severity"]) for f in findings}
    assert ("breakdown-sum", "Violation") in checks
    assert ("cross-report-value", "Warning") in checks
    broken = next(f for f in findings if f["check"] == "breakdown-sum")
    assert (broken["expected"], broken["reported"]) == ("3916", "3917")
    assert "3,917 environmental petitions" in str(broken["sentence"])


def test_filters(store: Path) -> None:
    only = _json(["--store", str(store), "--check", "cross-report-value"])
    assert {f["check"] for f in only} == {"cross-report-value"}
    violations = _json(["--store", str(store), "--severity", "violation"])
    assert violations and {f["severity"] for f in violations} == {"Violation"}
    one = _json(["--store", str(store), "--report", "broken.txt"])
    assert one and len({f["report"] for f in one}) == 1


def test_csv_and_table(store: Path) -> None:
    result = runner.invoke(app, ["audit", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"severity", "check", "message", "sentence"} <= set(rows[0])
    table = runner.invoke(app, ["audit", "--store", str(store)])
    assert table.exit_code == 0 and "breakdown-sum" in table.stdout


def test_exit_codes(store: Path) -> None:
    failing = runner.invoke(app, ["audit", "--store", str(store), "--fail-on", "violation"])
    assert failing.exit_code == 1
    passing = runner.invoke(
        app,
        ["audit", "--store", str(store), "--check", "cross-report-value", "--fail-on", "violation"],
    )
    assert passing.exit_code == 0
    bad = runner.invoke(app, ["audit", "--store", str(store), "--fail-on", "sometimes"])
    assert bad.exit_code == 2
    unknown = runner.invoke(app, ["audit", "--store", str(store), "--report", "nope.txt"])
    assert unknown.exit_code == 2
