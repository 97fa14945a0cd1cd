"""The ``ducha`` command: a thin shell over the library.

Results go to stdout, messages and progress to stderr. Exit codes: 0 ok, 1 findings or an
inconsistency, 2 bad input or usage, 3 an internal fault. Errors become exit codes here only.
"""

from __future__ import annotations

import csv
import enum
import io
import logging
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
import rdflib
import typer
from ducha.loaders.errors import DuchaError, InputError
from ducha.loaders.remote import open_store
from ducha.loaders.store import PREFIXES, Store
from ducha.queries.catalogue import NamedQuery, bind_value, catalogue, get_query, parse_query
from ducha.service.allocator import loaded
from ducha.service.audit_cli import audit
from ducha.service.corpus import LoadOutcome, load_paths, report_files, sample_files
from ducha.service.regulations_cli import app as regulations_app
from ducha.service.settings import Settings
from ducha.service.terminal import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    StoreOption,
    err,
    out,
    reported_errors,
    settings_for,
)
from ducha.shapes.consistency import REASONING_DATA_QUERY, check_consistency
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = [
    "ExportFormat",
    "ResultFormat",
    "app",
    "check",
    "export",
    "load",
    "main",
    "query",
    "reports",
    "serve",
]

_log = logging.getLogger(__name__)

app = typer.Typer(
    name="ducha",
    help="Eco-environmental inspection reports as a queryable, traceable knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ResultFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(enum.StrEnum):
    trig = "trig"
    nquads = "nquads"


def _open(settings: Settings) -> Store:
    return open_store(settings)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# -- load ---------------------------------------------------------------------------------


def _load_with_progress(store: Store, paths: list[Any], settings: Settings) -> list[LoadOutcome]:
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )
    with progress:
        task = progress.add_task("loading", total=None)

        def advance(done: int, total: int, outcome: LoadOutcome) -> None:
            progress.update(task, completed=done, total=total, description=Path(outcome.file).name)

        outcomes: list[LoadOutcome] = load_paths(store, paths, settings=settings, progress=advance)
        return outcomes


# Above this many files `ducha load` prints a count per status instead of a row per file.
_MAX_SUMMARY_ROWS = 50


def _summary(outcomes: list[LoadOutcome]) -> Table:
    if len(outcomes) > _MAX_SUMMARY_ROWS:
        return _status_counts(outcomes)
    table = Table(title=f"{len(outcomes)} file(s)")
    table.add_column("file", overflow="fold")
    table.add_column("report", overflow="fold")
    for column in ("problems", "figures", "entities"):
        table.add_column(column, justify="right")
    table.add_column("status")
    styles = {"new": "green", "replaced": "yellow", "unchanged": "dim", "error": "bold red"}
    for o in outcomes:
        # A file skipped by its digest was not extracted again: it has no counts to show.
        counts = (
            ("-", "-", "-") if o.skipped else (str(o.problems), str(o.figures), str(o.entities))
        )
        table.add_row(
            Path(o.file).name,
            _short(o.report_iri) if o.report_iri else "-",
            *counts,
            f"[{styles[o.status]}]{o.status}[/]",
        )
    return table


def _status_counts(outcomes: list[LoadOutcome]) -> Table:
    table = Table(title=f"{len(outcomes)} file(s)")
    table.add_column("status")
    for column in ("files", "problems", "figures", "findings"):
        table.add_column(column, justify="right")
    for status in ("new", "replaced", "unchanged", "error"):
        some = [o for o in outcomes if o.status == status]
        if some:
            sums = (sum(o.problems for o in some), sum(o.figures for o in some))
            findings = sum(o.findings for o in some)
            table.add_row(status, str(len(some)), *map(str, sums), str(findings))
    return table


def _report_errors(outcomes: list[LoadOutcome]) -> int:
    code = 0
    for outcome in outcomes:
        if outcome.error is None:
            continue
        err.print(f"[bold red]error:[/] {outcome.message}", highlight=False)
        code = max(code, EXIT_INPUT if isinstance(outcome.error, InputError) else EXIT_INTERNAL)
    return code


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders of them.")],
    store: StoreOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes that extract and validate [default: DUCHA_WORKERS or one per core].",
        ),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            min=1,
            help="Most reports per store write; a load's first batches are smaller and a "
            "crash loses at most one [default: DUCHA_BATCH_SIZE or 1024].",
        ),
    ] = None,
) -> None:
    """Load report files (.txt, .html, .md) and folders of them into the store.

    Files already stored byte for byte are skipped, so running it again after a crash or
    an interruption resumes where it stopped.
    """
    with reported_errors():
        settings = settings_for(store)
        tuning = {"workers": workers, "batch_size": batch_size}
        settings = settings.model_copy(update={k: v for k, v in tuning.items() if v is not None})
        _log.info("memory allocator: %s", loaded() or "the C library's")
        outcomes = _load_with_progress(_open(settings), list(paths), settings)
        out.print(_summary(outcomes))
        code = _report_errors(outcomes)
    if code:
        raise typer.Exit(code)


# -- query --------------------------------------------------------------------------------


def _short(value: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _short(term.value)
    if isinstance(term, ox.Literal | ox.BlankNode):
        return str(term.value)
    return str(term)


def _resolve_query(name_or_file: str | None, expression: str | None) -> NamedQuery:
    if (name_or_file is None) == (expression is None):
        raise InputError("give either a query (a .rq file or a catalogue name) or -e 'SPARQL'")
    if expression is not None:
        return NamedQuery("-e", "", (), (), expression)
    assert name_or_file is not None
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8")
        try:
            return parse_query(text, path.stem)
        except DuchaError:  # a file without the catalogue header is still a query
            return NamedQuery(path.stem, "", (), (), text)
    return get_query(name_or_file)


def _bindings(query: NamedQuery, params: list[str]) -> dict[str, Any]:
    values: dict[str, str] = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {param!r}: write it as name=value")
        values[name.strip().lstrip("?")] = value
    if query.parameters:
        bound: dict[str, Any] = query.bind(values)
        return bound
    return {name: bind_value(value, None) for name, value in values.items()}


def _print_results(result: Any, fmt: ResultFormat) -> None:
    if isinstance(result, ox.QueryBoolean):
        if fmt is ResultFormat.table:
            out.print("yes" if bool(result) else "no")
        else:
            formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV}
            sys.stdout.write((result.serialize(format=formats[fmt.value]) or b"").decode() + "\n")
        return
    if isinstance(result, ox.QueryTriples):
        triples = list(result)
        if fmt is ResultFormat.json:
            data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
            sys.stdout.write(data.decode() if data else "")
            return
        rows = [[t.subject, t.predicate, t.object] for t in triples]
        _print_rows(["subject", "predicate", "object"], rows, fmt)
        return
    if fmt is ResultFormat.json:
        sys.stdout.write(result.serialize(format=ox.QueryResultsFormat.JSON).decode() + "\n")
        return
    if fmt is ResultFormat.csv:
        sys.stdout.write(result.serialize(format=ox.QueryResultsFormat.CSV).decode())
        return
    names = [v.value for v in result.variables]
    _print_rows(names, [[row[name] for name in names] for row in result], fmt)


def _print_rows(names: list[str], rows: list[list[Any]], fmt: ResultFormat) -> None:
    if fmt is ResultFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(names)
        writer.writerows([[_cell(c) for c in row] for row in rows])
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(caption=f"{len(rows)} row(s)")
    for name in names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(c) for c in row))
    out.print(table)


@app.command()
def query(
    name_or_file: Annotated[
        str | None, typer.Argument(help="A .rq file or a catalogue name (see --list).")
    ] = None,
    expression: Annotated[
        str | None, typer.Option("--expression", "-e", help="SPARQL text to run.")
    ] = None,
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f")] = ResultFormat.table,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value, bound as an RDF term.")
    ] = None,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the catalogue's questions.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Ask a SPARQL question: a .rq file, a named query from the catalogue, or -e 'SPARQL'."""
    with reported_errors():
        if list_queries:
            table = Table("name", "question", "parameters")
            for named in catalogue().values():
                params = ", ".join(f"?{p.name} ({p.type})" for p in named.parameters)
                table.add_row(named.name, named.question, params or "none")
            out.print(table)
            return
        named = _resolve_query(name_or_file, expression)
        substitutions = _bindings(named, param or [])
        missing = [p.name for p in named.parameters if p.name not in substitutions]
        if missing:
            example = named.parameters[0].example or "..."
            raise InputError(
                f"query {named.name!r} needs --param {missing[0]}=VALUE (e.g. {example})"
            )
        result = _open(settings_for(store)).query(named.sparql, substitutions=substitutions)
        _print_results(result, fmt)


# -- export, reports, check ---------------------------------------------------------------


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.trig,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if absent.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write every graph in the store as TriG or N-Quads."""
    with reported_errors():
        opened = _open(settings_for(store))
        if output is None:
            opened.dump(sys.stdout.buffer, fmt.value)
            sys.stdout.buffer.flush()
        else:
            with output.open("wb") as handle:
                opened.dump(handle, fmt.value)
            err.print(f"wrote {len(opened)} quads to {output}")


@app.command()
def reports(store: StoreOption = None) -> None:
    """List the loaded reports."""
    with reported_errors():
        table = Table("report", "file", "title", "problems", "figures")
        for summary in _open(settings_for(store)).reports():
            table.add_row(
                _short(summary.iri),
                summary.file_name or "",
                summary.title or "",
                str(summary.problems),
                str(summary.figures),
            )
        out.print(table)


@app.command()
def check(store: StoreOption = None) -> None:
    """Run the OWL reasoner over the ontology plus the loaded data; exit 1 when inconsistent."""
    with reported_errors():
        found = _open(settings_for(store)).query(REASONING_DATA_QUERY)
        assert isinstance(found, ox.QueryTriples)
        triples = list(found)
        data = rdflib.Graph()
        if triples:
            data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        report = check_consistency(data)
        out.print(report.describe(), highlight=False)
        consistent = bool(report.consistent)
    if not consistent:
        raise typer.Exit(EXIT_FINDINGS)


# -- serve --------------------------------------------------------------------------------


def _create_app(settings: Settings, store: Store) -> Any:
    # Imported here: the web app (FastAPI, templates) is only needed by `serve`.
    from ducha.service.app import create_app

    return create_app(settings=settings, store=store)


@app.command()
def serve(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Report files or folders to load first.")
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    load_samples: Annotated[
        bool, typer.Option("--load-samples", help="Load the bundled sample reports first.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Serve the store over HTTP (SPARQL endpoint and web pages)."""
    with reported_errors():
        settings = settings_for(store)
        opened = _open(settings)
        to_load: list[Any] = [*(sample_files() if load_samples else []), *report_files(paths or [])]
        if to_load:
            outcomes = _load_with_progress(opened, to_load, settings)
            out.print(_summary(outcomes))
            _report_errors(outcomes)
        import uvicorn

        application = _create_app(settings, opened)
        bind_host, bind_port = host or settings.host, port or settings.port
        err.print(f"serving {len(opened.reports())} report(s) on http://{bind_host}:{bind_port}/")
        # loop and http "auto": uvloop and httptools, which ducha depends on, where installed
        uvicorn.run(application, host=bind_host, port=bind_port, log_level="warning")


# `ducha audit` lives in service/audit_cli.py (the audit engineer's); register it here.
app.command("audit")(audit)
# `ducha regulations ...` lives in service/regulations_cli.py (issue 7).
app.add_typer(regulations_app, name="regulations")


def main() -> None:
    """The ``ducha`` command line (the console script reaches it through
    :mod:`ducha.service.entry`)."""
    # A kill ends the command like Ctrl-C does, through its `finally` and `with` blocks: a
    # load stops its worker processes instead of leaving them running without it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    app()
