"""The memory allocator ducha's processes run with: jemalloc, where it is installed.

Oxigraph (the store each report is validated in, the bulk loader, query evaluation) and
Python's larger objects allocate through the C library's ``malloc``. With jemalloc in place
of glibc's, a seed-sized report's stages took 7–9% less processor time and whole loads ran
5–10% faster (docs/loading.md, benchmarks/RESULTS.md).

A process picks its allocator when it starts (``LD_PRELOAD``), so
:func:`restart_with_allocator` starts the process again with the library preloaded: the
``ducha`` command calls it before it imports anything, and the loading workers it starts
inherit it. ``DUCHA_ALLOCATOR`` names another library, by the short name the linker knows
(``tcmalloc_minimal``) or by its path; empty, it keeps the C library's allocator; a name
that is not found is warned about. It is read here, before the settings exist
(:mod:`ducha.service.settings`), and only on Linux. Where the library is missing the
process runs on as it is: ``.ci/setup`` installs Debian's ``libjemalloc2``.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["ALLOCATOR_VARIABLE", "DEFAULT_ALLOCATOR", "library", "loaded", "restart_with_allocator"]

_log = logging.getLogger(__name__)

ALLOCATOR_VARIABLE = "DUCHA_ALLOCATOR"
DEFAULT_ALLOCATOR = "jemalloc"
_PRELOAD = "LD_PRELOAD"


def library(setting: str | None) -> str | None:
    """The library to preload for a ``DUCHA_ALLOCATOR`` value (None: the default), or None
    when it is turned off or not installed."""
    name = (DEFAULT_ALLOCATOR if setting is None else setting).strip()
    if not name:
        return None
    if "/" in name:
        return name if Path(name).is_file() else None
    return ctypes.util.find_library(name)  # "jemalloc" -> "libjemalloc.so.2"


def _preloaded(environ: Mapping[str, str]) -> list[str]:
    # ld.so reads LD_PRELOAD as a list separated by spaces or colons.
    return environ.get(_PRELOAD, "").replace(":", " ").split()


def restart_with_allocator() -> None:
    """Start this process again (same program, arguments and process id) with the allocator
    preloaded, unless a library is preloaded already, this one is turned off or missing, or
    this is not Linux."""
    if sys.platform != "linux" or loaded() is not None:
        return  # restarted already, or started with an allocator of the user's
    setting = os.environ.get(ALLOCATOR_VARIABLE)
    wanted = library(setting)
    if wanted is None and setting and setting.strip():
        _log.warning(
            "%s=%s: no such library; running with the C library's allocator",
            ALLOCATOR_VARIABLE,
            setting,
        )
    if wanted is None or wanted in _preloaded(os.environ):
        return
    environ = {**os.environ, _PRELOAD: " ".join([*_preloaded(os.environ), wanted])}
    try:
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], environ)
    except OSError as error:  # runs on with the C library's allocator
        _log.warning("could not restart with the allocator %s: %s", wanted, error)


def loaded() -> str | None:
    """The ``LD_PRELOAD`` library this process runs with, read from its memory map: the
    allocator, when ducha preloaded it (None: nothing preloaded, so the C library's own
    allocator, or not Linux)."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for name in _preloaded(os.environ):
        if Path(name).name in maps:
            return name
    return None
