"""Load report files into the store: idempotent, one transaction per report.

- The same text loaded again gives the same report IRI and writes nothing (``unchanged``).
- A changed text under the same file name replaces that file's report: the old report's
  graphs go and the new ones come in one transaction (``replaced``).
- Bad input raises its ``DuchaError`` from :func:`load_bytes` before anything is written;
  :func:`load_paths` records it per file and goes on with the others.

>>> from ducha.loaders.store import Store
>>> outcome = load_bytes(Store.open(None), b"", "empty.txt", settings=Settings(store=None))
Traceback (most recent call last):
...
ducha.loaders.errors.UnreadableInput: ...
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from ducha.loaders import iri
from ducha.loaders.errors import DuchaError, InputError, InternalError, UnreadableInput
from ducha.loaders.model import SectionKind
from ducha.loaders.pipeline import extract_report
from ducha.loaders.rdf import report_quads
from ducha.loaders.store import Store
from ducha.service.settings import Settings
from ducha.shapes.audit import validate_quads
from pyoxigraph import NamedNode, Triple

__all__ = [
    "REPORT_SUFFIXES",
    "LoadOutcome",
    "Progress",
    "load_bytes",
    "load_paths",
    "report_files",
    "sample_files",
]

log = logging.getLogger(__name__)

REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md"})
# Files that sit beside reports in a corpus folder but are not reports.
_NOT_REPORTS = frozenset({"truth.json", "readme.md"})

Status = Literal["new", "unchanged", "replaced", "error"]


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one file did."""

    file: str
    status: Status
    report_iri: str | None = None
    problems: int = 0
    figures: int = 0
    entities: int = 0
    findings: int = 0
    error: DuchaError | None = None

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""


# Called after each file with (files done, files in all, that file's outcome).
Progress = Callable[[int, int, LoadOutcome], None]


_VALIDATION_RESULT = NamedNode("http://www.w3.org/ns/shacl#ValidationResult")
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _count_findings(triples: Iterable[Triple]) -> int:
    return sum(1 for t in triples if t.predicate == _RDF_TYPE and t.object == _VALIDATION_RESULT)


def load_bytes(store: Store, data: bytes, name: str, *, settings: Settings) -> LoadOutcome:
    """Load one report file's bytes; ``name`` (the file name) identifies it across versions.

    Raises the ``DuchaError`` of bad input (``UnreadableInput``, ``NotAReport``) or of the
    store (``StoreError``); in every such case the store is left as it was.
    """
    report = extract_report(data, name, max_bytes=settings.max_upload_bytes)
    quads = report_quads(report, base=settings.base_iri)
    counts = {
        "problems": len(report.sections_of(SectionKind.PROBLEM)),
        "figures": len(report.figures),
        "entities": len(report.entities),
    }
    if store.has_graph(quads.report_iri):
        return LoadOutcome(name, "unchanged", quads.report_iri, **counts)
    previous = store.report_for_file(name)
    # SHACL runs before anything is written; its findings go in the same transaction.
    findings = validate_quads(quads)
    store.put_report(
        quads.report_iri,
        {quads.report_iri: quads.report, iri.findings_graph_iri(quads.report_iri): findings},
        replaces=[previous] if previous else [],
        additions={quads.shared_graph: quads.shared},
    )
    status: Status = "replaced" if previous else "new"
    log.info("%s: %s report %s", name, status, quads.report_iri)
    return LoadOutcome(name, status, quads.report_iri, findings=_count_findings(findings), **counts)


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The report files among ``paths``: files as given, folders searched recursively for
    .txt/.html/.htm/.md (skipping truth.json and README.md), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in REPORT_SUFFIXES
                    and p.name.lower() not in _NOT_REPORTS
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def sample_files() -> list[Traversable]:
    """The development reports bundled with ducha (service/samples/*.txt)."""
    folder = resources.files("ducha.service") / "samples"
    return sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(".txt")),
        key=lambda f: f.name,
    )


def load_paths(
    store: Store,
    paths: Sequence[Path | Traversable],
    *,
    settings: Settings,
    progress: Progress | None = None,
) -> list[LoadOutcome]:
    """Load files and folders; a file that fails is reported in its outcome, the rest load.

    Folders are expanded with :func:`report_files`. Outcomes come in file order.
    """
    files: list[Path | Traversable] = []
    for path in paths:
        if isinstance(path, Path):
            files.extend(report_files([path]))
        else:
            files.append(path)
    outcomes: list[LoadOutcome] = []
    for done, file in enumerate(files, start=1):
        outcome = _load_file(store, file, settings)
        outcomes.append(outcome)
        if progress is not None:
            progress(done, len(files), outcome)
    return outcomes


def _load_file(store: Store, file: Path | Traversable, settings: Settings) -> LoadOutcome:
    label = str(file)
    try:
        if isinstance(file, Path) and not file.is_file():
            raise InputError(f"{file}: no such file; give a report file or a folder of them")
        if isinstance(file, Path) and file.stat().st_size > settings.max_upload_bytes:
            raise UnreadableInput(
                f"{file}: {file.stat().st_size} bytes is over the limit of "
                f"{settings.max_upload_bytes} bytes (DUCHA_MAX_UPLOAD_BYTES)"
            )
        data = file.read_bytes()
        return load_bytes(store, data, file.name, settings=settings)
    except DuchaError as error:
        log.warning("%s: %s", label, error)
        # Drop the traceback: its frames would keep the store (and its lock) alive.
        return LoadOutcome(label, "error", error=error.with_traceback(None))
    except OSError as error:
        return LoadOutcome(label, "error", error=InputError(f"{label}: cannot read it: {error}"))
    except Exception as error:  # a bug in one extractor must not stop the other files
        log.exception("%s: internal error while loading", label)
        return LoadOutcome(label, "error", error=InternalError(f"{label}: {error!r}"))
