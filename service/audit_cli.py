"""``ducha audit``: the consistency audit of the loaded reports, for people and pipelines.

Runs the cross-report checks on the store, then prints every stored finding: a table per
report (severity, check, message, the quoted sentence), or ``--format json|csv``. Exit codes:
0 when no finding reaches ``--fail-on`` (or none is given), 1 when one does, 2 on bad usage
or input, 3 on an internal fault. :mod:`ducha.service.cli` mounts :func:`audit`.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from ducha.loaders import iri
from ducha.loaders.errors import InputError
from ducha.loaders.remote import open_store
from ducha.loaders.store import PREFIXES, Store
from ducha.service.settings import Settings
from ducha.service.terminal import (
    EXIT_FINDINGS,
    err,
    out,
    reported_errors,
    settings_for,
)
from ducha.shapes.audit import audit_store
from ducha.shapes.findings import Finding, Severity
from rich.table import Table

__all__ = ["AuditFormat", "FailOn", "audit", "resolve_report"]

_log = logging.getLogger(__name__)


class AuditFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class FailOn(enum.StrEnum):
    violation = "violation"
    warning = "warning"
    info = "info"


_STYLES = {Severity.VIOLATION: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_CSV_COLUMNS = (
    "report",
    "severity",
    "check",
    "message",
    "focus",
    "value",
    "expected",
    "reported",
    "quote",
    "sentence",
    "iri",
)


def resolve_report(store: Store, report: str, *, base: str = iri.DEFAULT_BASE) -> str:
    """A report's IRI from its IRI, ``dr:`` name, 16-digit digest or file name.

    Raises ``InputError`` when no loaded report matches.
    """
    if report.startswith("dr:"):
        report = base + report.removeprefix("dr:")
    candidates = [report] if "://" in report else [iri.report_iri(report, base)]
    known = {summary.iri for summary in store.reports()}
    for candidate in candidates:
        if candidate in known:
            return candidate
    by_file: str | None = store.report_for_file(report)
    if by_file is not None:
        return by_file
    raise InputError(
        f"no loaded report {report!r}: give its IRI, digest or file name (see `ducha reports`)"
    )


def _short(value: str | None) -> str:
    if value is None:
        return ""
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value


def _tables(findings: Sequence[Finding], titles: dict[str, str]) -> list[Table]:
    tables: list[Table] = []
    by_report: dict[str, list[Finding]] = {}
    for finding in findings:
        by_report.setdefault(finding.report, []).append(finding)
    for report, rows in by_report.items():
        name = titles.get(report) or _short(report)
        table = Table(title=f"{name} ({len(rows)} finding(s))", show_lines=True)
        table.add_column("severity")
        table.add_column("check")
        table.add_column("message", overflow="fold", ratio=3)
        table.add_column("sentence", overflow="fold", ratio=3)
        for f in rows:
            style = _STYLES[f.severity]
            table.add_row(
                f"[{style}]{f.severity.value}[/]", f.check, f.message, f.sentence or f.quote or ""
            )
        tables.append(table)
    return tables


def _csv(findings: Sequence[Finding]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for finding in findings:
        writer.writerow({k: ("" if v is None else v) for k, v in finding.as_dict().items()})
    return buffer.getvalue()


def _audit(
    settings: Settings, report: str | None, check: str | None, severity: FailOn | None
) -> tuple[list[Finding], dict[str, str]]:
    # The store is opened and dropped here, so it is closed (and its lock released) before
    # the command exits, whatever the exit code.
    opened = open_store(settings)
    report_iri = resolve_report(opened, report, base=settings.base_iri) if report else None
    findings = audit_store(
        opened, report=report_iri, check=check, severity=severity.value if severity else None
    )
    titles = {s.iri: s.title or s.file_name or "" for s in opened.reports()}
    return findings, titles


def audit(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            envvar="DUCHA_STORE",
            help="Data directory of the store [default: ./.ducha/store].",
            file_okay=False,
        ),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option("--report", "-r", help="Only this report (IRI, digest or file name)."),
    ] = None,
    check: Annotated[
        str | None, typer.Option("--check", "-c", help="Only this check (e.g. breakdown-sum).")
    ] = None,
    severity: Annotated[
        FailOn | None, typer.Option("--severity", "-s", help="Only findings of this severity.")
    ] = None,
    format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AuditFormat.table,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding of this severity or worse is shown."),
    ] = None,
) -> None:
    """Audit the reported figures: sums, parts, rates, stated counts, across reports."""
    settings = settings_for(store)
    with reported_errors():
        findings, titles = _audit(settings, report, check, severity)
    if format is AuditFormat.json:
        typer.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    elif format is AuditFormat.csv:
        typer.echo(_csv(findings), nl=False)
    elif findings:
        for table in _tables(findings, titles):
            out.print(table)
    else:
        err.print("no findings")
    if fail_on is not None:
        threshold = Severity.parse(fail_on.value)
        if any(f.severity.rank >= threshold.rank for f in findings):
            raise typer.Exit(EXIT_FINDINGS)
