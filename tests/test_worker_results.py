"""A loading worker hands each report back in a message the pipe takes in one atomic write:
its N-Quads go through a file in the load's spool folder. A worker killed while sending
megabytes (a load stopped by Ctrl-C, workers replaced after the time limit) left half a
message that the pool waited on for ever, so the loading process never exited."""

from __future__ import annotations

import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from ducha.loaders.resolve import Resolver
from ducha.loaders.store import Store
from ducha.service import prepare
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
LARGEST = max(SAMPLES.glob("*.txt"), key=lambda path: path.stat().st_size)
BASE = Settings(store=None).base_iri


def test_a_workers_result_is_one_atomic_write_and_reads_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This process plays a worker: its state is restored afterwards, and it skips the
    # garbage-collector settings a worker takes after its first report.
    monkeypatch.setattr(prepare, "_state", None)
    monkeypatch.setattr(prepare, "_warm", True)
    prepare.start_worker(BASE, 10_000_000, Resolver().registry, "compiled", str(tmp_path))
    data = LARGEST.read_bytes()

    sent = prepare.prepare_in_worker(data, LARGEST.name)

    assert sent.nquads == b"" and sent.spooled is not None
    # The pool wraps the result in a small record of its own: a few dozen bytes more.
    assert len(pickle.dumps(sent)) < select.PIPE_BUF - 512
    received = sent.unspooled()
    here = prepare.prepare_report(
        data, LARGEST.name, base=BASE, max_bytes=10_000_000, resolver=Resolver()
    )
    assert len(here.nquads) > select.PIPE_BUF  # what used to go through the pipe
    assert received.nquads == here.nquads
    assert received.spooled is None
    assert list(tmp_path.iterdir()) == []  # read back, then removed


def test_a_missing_spool_file_is_an_error_naming_the_report(tmp_path: Path) -> None:
    lost = tmp_path / "gone.nq"
    report = prepare.PreparedReport("a.txt", "urn:r", b"", b"", 0, 0, 0, 0, 0.0, spooled=str(lost))
    with pytest.raises(prepare.InternalError, match=r"a\.txt: .*gone\.nq"):
        report.unspooled()


def test_a_parallel_load_leaves_no_spool_folder_behind() -> None:
    def spools() -> set[Path]:
        return set(Path(tempfile.gettempdir()).glob("ducha-spool-*"))

    before = spools()
    outcomes = load_paths(Store.open(None), [SAMPLES], settings=Settings(store=None, workers=2))
    assert [o.status for o in outcomes] == ["new"] * len(outcomes)
    assert spools() == before


def test_a_load_removes_the_spool_folders_of_killed_loads_only() -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    temp = Path(tempfile.gettempdir())
    killed = temp / f"ducha-spool-{gone.stdout.strip()}-test"  # its process has ended
    running = temp / f"ducha-spool-{os.getpid()}-test"  # this process: still loading
    for folder in (killed, running):
        folder.mkdir()
        (folder / "left.nq").write_bytes(b"<urn:s> <urn:p> <urn:o> .\n")
    try:
        load_paths(Store.open(None), [SAMPLES], settings=Settings(store=None, workers=2))
        assert not killed.exists()
        assert (running / "left.nq").exists()
    finally:
        for folder in (killed, running):
            shutil.rmtree(folder, ignore_errors=True)


def test_the_fork_servers_warm_up_prepares_a_bundled_sample_and_settles_the_collector() -> None:
    # In a process of its own: the warm-up freezes the collector of the process it runs in.
    script = (
        "import gc\n"
        "from ducha.service import prepare\n"
        "prepare.warm_up()\n"
        "print(gc.get_threshold()[0] == prepare._YOUNG_THRESHOLD, gc.get_freeze_count() > 0)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "True"]
    assert "Traceback" not in run.stderr
