"""Processes below a process, read from /proc (no extra dependency)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if fields[0] != "Z":  # a zombie has ended; its parent only has not reaped it
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def watch(
    process: subprocess.Popen[str],
    probe: Callable[[int], T | None],
    *,
    enough: int,
    timeout: float = 60,
) -> dict[int, T]:
    """What ``probe`` reads of the processes below ``process`` while it runs, each process
    probed until it gives a value (None: not yet, or not one to watch), until ``enough``
    processes gave one or ``process`` ends."""
    seen: dict[int, T] = {}
    deadline = time.monotonic() + timeout
    while len(seen) < enough and process.poll() is None and time.monotonic() < deadline:
        for pid in descendants(process.pid) - seen.keys():
            value = probe(pid)
            if value is not None:
                seen[pid] = value
        time.sleep(0.05)
    return seen


def lowered(pid: int) -> int | None:
    """The niceness of a process that runs below this one's priority (the loading workers
    do), None for one that does not, or that ended."""
    try:
        niceness = os.getpriority(os.PRIO_PROCESS, pid)
    except OSError:
        return None  # ended meanwhile
    return niceness if niceness != os.getpriority(os.PRIO_PROCESS, 0) else None
