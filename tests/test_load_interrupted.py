"""A load that is killed stops its worker processes and keeps what it had committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
EXTRA = Path(__file__).parent / "data" / "extra"
DUCHA = Path(sys.executable).with_name("ducha")


def _descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (read from /proc: no extra dependency)."""
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


def test_a_killed_load_leaves_no_worker_running(tmp_path: Path) -> None:
    env = {**os.environ, "DUCHA_WORKERS": "2", "DUCHA_STORE": str(tmp_path / "store")}
    load = subprocess.Popen(
        [str(DUCHA), "load", str(SAMPLES), str(EXTRA)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and load.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _descendants(load.pid)
    assert len(workers) >= 2, "the load started its worker processes"
    load.send_signal(signal.SIGTERM)
    assert load.wait(timeout=60) == 143
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = {pid for pid in workers if Path(f"/proc/{pid}").exists()}
    assert not left, f"worker processes still running after the load was killed: {left}"
