"""``ducha regulations``: the registry of laws and rules, and title resolution, from the shell.

- ``resolve "TEXT"`` prints the acts a title resolves to, best first, with score and method;
  ``--format json`` prints a JSON list of ``{iri, title_zh, title_en, level, score, method}``
  (``[]`` when nothing passes the threshold).
- ``list`` prints every act (``--format json``: the same items, score 1, method "registry").
- ``show IRI`` prints one act: titles, level, issuer, number, dates, versions, source.
- ``import FILE`` validates a CSV or Turtle file of new acts and adds them to the store; a bad
  row is refused with its row number and reason, and nothing is written.

Exit codes: 0 ok, 2 bad input (unknown IRI, bad import file), 3 an internal fault.
:mod:`ducha.service.cli` mounts :data:`app` as ``ducha regulations``.
"""

from __future__ import annotations

import enum
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from ducha.loaders.errors import InputError, NotFound
from ducha.loaders.registry import (
    Registry,
    RegistryEntry,
    default_registry,
    entry_iri,
    entry_key_from_iri,
)
from ducha.loaders.registry_rdf import ensure_registry, import_registry, store_registry
from ducha.loaders.remote import open_store
from ducha.loaders.resolve import Resolver
from ducha.service.terminal import (
    StoreOption,
    err,
    out,
    reported_errors,
    settings_for,
)
from rich.table import Table

__all__ = ["Format", "app", "import_", "list_", "resolve", "show"]

_log = logging.getLogger(__name__)

app = typer.Typer(
    name="regulations",
    help="The registry of Chinese eco-environmental laws and rules; resolve titles to it.",
    no_args_is_help=True,
)


class Format(enum.StrEnum):
    table = "table"
    json = "json"


_FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _registry(store: Path | None, *, use_store: bool) -> tuple[Registry, str]:
    """The shipped registry, plus the store's user entries when ``use_store``."""
    settings = settings_for(store)
    if not use_store or settings.store is None or not settings.store.exists():
        return default_registry(), settings.base_iri
    opened = open_store(settings, read_only=True)
    return store_registry(opened, base=settings.base_iri), settings.base_iri


def _item(entry: RegistryEntry, base: str, score: float, method: str) -> dict[str, Any]:
    return {
        "iri": entry_iri(entry, base),
        "title_zh": entry.title_zh,
        "title_en": entry.title_en,
        "level": entry.level,
        "score": round(score, 4),
        "method": method,
    }


def _print_items(items: list[dict[str, Any]], fmt: Format, extra: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return
    if not items:
        err.print("no registry act passes the threshold")
        return
    table = Table("score", "method", "level", "title", "iri")
    for item in items:
        table.add_row(
            f"{item['score']:.2f}",
            item["method"],
            item["level"],
            f"{item['title_en']}\n{item['title_zh']}",
            item["iri"],
        )
    out.print(table)
    if extra:
        err.print(extra, highlight=False)


@app.command()
def resolve(
    text: Annotated[str, typer.Argument(help="A regulation title as printed, in any rendering.")],
    fmt: _FormatOption = Format.table,
    limit: Annotated[int, typer.Option(help="At most this many matches.")] = 5,
    year: Annotated[
        int | None, typer.Option(help="Only acts that existed by this year (a report's year).")
    ] = None,
    store: StoreOption = None,
    with_store: Annotated[
        bool, typer.Option("--with-store", help="Also match acts users imported into the store.")
    ] = False,
) -> None:
    """Resolve a title to registry acts: best first, with score and evidence."""
    with reported_errors():
        registry, base = _registry(store, use_store=with_store)
        matches = Resolver(registry).candidates(text, limit=limit, as_of=year)
        items = [_item(m.entry, base, m.score, m.method) for m in matches]
        evidence = "; ".join(
            f"{m.entry.key}: matched {m.label!r}"
            + (f", version {m.version.date} ({m.version.event})" if m.version else "")
            for m in matches
        )
        _print_items(items, fmt, f"evidence: {evidence}" if evidence else None)


@app.command("list")
def list_(
    fmt: _FormatOption = Format.table,
    level: Annotated[str | None, typer.Option(help="Only acts of this level.")] = None,
    store: StoreOption = None,
    with_store: Annotated[
        bool, typer.Option("--with-store", help="Include acts users imported into the store.")
    ] = False,
) -> None:
    """List the registry's acts."""
    with reported_errors():
        registry, base = _registry(store, use_store=with_store)
        items = [
            _item(entry, base, 1.0, "registry")
            for entry in registry
            if level is None or entry.level == level
        ]
        _print_items(items, fmt)


@app.command()
def show(
    act: Annotated[str, typer.Argument(help="The act's IRI, dr:eli/cn/... or its key.")],
    fmt: _FormatOption = Format.table,
    store: StoreOption = None,
    with_store: Annotated[
        bool, typer.Option("--with-store", help="Include acts users imported into the store.")
    ] = False,
) -> None:
    """Show one act: titles, level, issuer, number, dates, versions and source."""
    with reported_errors():
        registry, base = _registry(store, use_store=with_store)
        key = entry_key_from_iri(act, base)
        entry = registry.get(key) if key else None
        if entry is None:
            raise NotFound(f"{act!r} is not a registry act; see `ducha regulations list`")
        data = {
            **_item(entry, base, 1.0, "registry"),
            "other_titles": [*entry.alt_en, *entry.alt_zh],
            "short_forms": list(entry.short),
            "document_type": entry.document_type,
            "issuer": entry.issuer_en or entry.issuer_zh,
            "number": entry.number,
            "date": entry.date,
            "in_force": entry.in_force,
            "versions": [
                {"date": v.date, "event": v.event, "in_force": v.in_force} for v in entry.versions
            ],
            "implements": entry_iri(entry.implements, base) if entry.implements else None,
            "replaces": entry_iri(entry.replaces, base) if entry.replaces else None,
            "place": entry.place,
            "source": entry.source,
            "note": entry.note,
        }
        if fmt is Format.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return
        table = Table("field", "value", show_header=False)
        for name, value in data.items():
            if value in (None, "", []):
                continue
            if name == "versions":
                value = "\n".join(
                    f"{v['date']} {v['event']}"
                    + (f", in force {v['in_force']}" if v["in_force"] else "")
                    for v in value
                )
            elif isinstance(value, list):
                value = "\n".join(value)
            table.add_row(name, str(value))
        out.print(table)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A CSV (registry columns) or Turtle file.")],
    store: StoreOption = None,
) -> None:
    """Validate a file of new acts and add them to the store's registry, all or nothing."""
    with reported_errors():
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        settings = settings_for(store)
        opened = open_store(settings)
        ensure_registry(opened, base=settings.base_iri)
        entries = import_registry(opened, file, base=settings.base_iri)
        err.print(f"imported {len(entries)} act(s) from {file}")
        for entry in entries:
            out.print(entry_iri(entry, settings.base_iri))
