"""The ``ducha`` command's entry point: it imports the command line only when it runs.

``ducha load`` prepares reports in worker processes started from a fork server, and
``multiprocessing`` runs the program's main script again in each of them (as
``__mp_main__``, so its ``if __name__ == "__main__"`` block does not run). The console
script imports its entry point at the top: were that :mod:`ducha.service.cli`, each worker
would import the whole command line (typer, rich, httpx, the settings: 0.25 s) to no use.
A load of 16 reports took 2.26–2.39 s that way, 2.00–2.16 s with this module.

Before anything else it starts the process again with jemalloc preloaded, where it is
installed (:mod:`ducha.service.allocator`): the loading workers inherit it.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Run the ``ducha`` command line (:func:`ducha.service.cli.main`)."""
    from ducha.service.allocator import restart_with_allocator

    restart_with_allocator()
    from ducha.service.cli import main as run_command_line

    run_command_line()
