"""The fork server the loading workers start from.

Workers are forked from a server process that has imported the pipeline and warmed it up
once (:mod:`ducha.service.worker_warm_up`: about half a second of processor time): forking
the loading process itself would copy the store's RocksDB threads and locks into the
children.

The server's start is on the way to a load's first result, so it starts as early as it can:
``ducha load`` starts it before it imports its own command line and opens the store
(:mod:`ducha.service.entry`; also when the load then runs in its own process, with
``DUCHA_WORKERS=1`` or fewer than 8 files, which costs the other core, not the load), and
:func:`ducha.service.corpus.load_paths` starts it (once per process) for callers that did
not. This module imports nothing of ducha's, so that starting the server costs the caller
nothing but the start of a process.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver

__all__ = ["fork_server_context", "start_fork_server"]

_log = logging.getLogger(__name__)

_PRELOAD = ["ducha.service.worker_warm_up"]


def fork_server_context() -> multiprocessing.context.BaseContext:
    """The ``multiprocessing`` context that starts workers from the fork server."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the fork server now (a no-op when it runs already), so that its import of the
    pipeline overlaps whatever this process does before it starts workers. A server that
    fails to start is warned about: the pool tries again, and falls back to this process."""
    fork_server_context()
    try:
        multiprocessing.forkserver.ensure_running()
    except OSError as error:
        _log.warning("the loading workers' fork server did not start: %r", error)
