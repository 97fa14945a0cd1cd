"""A load that is killed stops its worker processes and keeps what it had committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from processes import descendants, lowered, watch

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
EXTRA = Path(__file__).parent / "data" / "extra"
DUCHA = Path(sys.executable).with_name("ducha")


def test_a_killed_load_leaves_no_worker_running(tmp_path: Path) -> None:
    env = {**os.environ, "DUCHA_WORKERS": "2", "DUCHA_STORE": str(tmp_path / "store")}
    load = subprocess.Popen(
        [str(DUCHA), "load", str(SAMPLES), str(EXTRA)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The workers run below the load's priority; its fork server and resource tracker, which
    # start before its command line, do not.
    workers = set(watch(load, lowered, enough=2))
    assert len(workers) >= 2, "the load started its worker processes"
    workers |= descendants(load.pid)  # and the fork server they come from
    load.send_signal(signal.SIGTERM)
    assert load.wait(timeout=60) == 143
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = {pid for pid in workers if Path(f"/proc/{pid}").exists()}
    assert not left, f"worker processes still running after the load was killed: {left}"
