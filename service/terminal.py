"""The command line's edge, shared by every ``ducha`` command.

Here, and only here, ducha's errors become exit codes: 0 ok, 1 findings or an
inconsistency reached ``--fail-on``, 2 bad input or usage, 3 an internal fault. Results go
to stdout (``out``), messages and progress to stderr (``err``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from ducha.loaders.errors import DuchaError, InputError
from ducha.loaders.remote import open_store
from ducha.loaders.store import Store
from ducha.service.settings import Settings
from rich.console import Console

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "StoreOption",
    "err",
    "fail",
    "opened_store",
    "out",
    "reported_errors",
    "settings_for",
]

_log = logging.getLogger(__name__)

out = Console(soft_wrap=True)
err = Console(stderr=True)

EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 1, 2, 3

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="DUCHA_STORE",
        help="Data directory of the store [default: ./.ducha/store].",
        file_okay=False,
    ),
]


def fail(message: str, code: int) -> NoReturn:
    """Print ``message`` on stderr and leave with exit ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Map ducha's errors to exit codes: bad input 2, anything else 3."""
    try:
        yield
    except InputError as error:
        fail(str(error), EXIT_INPUT)
    except DuchaError as error:
        fail(str(error), EXIT_INTERNAL)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:
        _log.exception("internal error")
        fail(f"internal error, please report it: {error!r}", EXIT_INTERNAL)


def settings_for(store: Path | None) -> Settings:
    """The settings, with ``--store`` (when given) over ``DUCHA_STORE``."""
    settings = Settings()
    return settings.model_copy(update={"store": store}) if store is not None else settings


def opened_store(store: Path | None, *, read_only: bool = False) -> Store:
    """The store the settings and ``--store`` name (embedded or external)."""
    return open_store(settings_for(store), read_only=read_only)
