"""The ``ducha`` command's entry point: it imports the command line only when it runs.

``ducha load`` prepares reports in worker processes started from a fork server, and
``multiprocessing`` runs the program's main script again in each of them (as
``__mp_main__``, so its ``if __name__ == "__main__"`` block does not run). The console
script imports its entry point at the top: were that :mod:`ducha.service.cli`, each worker
would import the whole command line (typer, rich, httpx, the settings: 0.25 s) to no use.
A load of 16 reports took 2.26–2.39 s that way, 2.00–2.16 s with this module.

Before anything else it starts the process again with jemalloc preloaded, where it is
installed (:mod:`ducha.service.allocator`): the loading workers inherit it. For ``ducha
load`` it then starts the workers' fork server (:mod:`ducha.service.fork_server`), whose
import of the pipeline runs on the other core while this process imports the command line
and opens the store: a load's first result came 0.2-0.3 s sooner. On a machine with one
core there are no workers to start.
"""

from __future__ import annotations

import os
import sys

__all__ = ["main"]


def main() -> None:
    """Run the ``ducha`` command line (:func:`ducha.service.cli.main`)."""
    from ducha.service.allocator import restart_with_allocator

    restart_with_allocator()
    if _command(sys.argv[1:]) == "load" and (os.cpu_count() or 1) > 1:
        from ducha.service.fork_server import start_fork_server

        start_fork_server()
    from ducha.service.cli import main as run_command_line

    run_command_line()


def _command(arguments: list[str]) -> str | None:
    """The subcommand ``arguments`` name: the first that is not an option (the command
    line's own options, such as ``-v``, take no value).

    >>> _command(["-v", "load", "reports/"]), _command(["--help"])
    ('load', None)
    """
    return next((argument for argument in arguments if not argument.startswith("-")), None)
