"""Loading in a pool of worker processes leaves exactly the store a serial load leaves, in
whatever batches it writes; files that collide (the same name, the same text) come out as
they do one by one. The workers run below the loading process's priority, and ``ducha load``
starts their fork server before anything else."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ducha.loaders.store import Store
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings
from processes import lowered, watch

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
EXTRA = Path(__file__).parent / "data" / "extra"
ONTOLOGY_GRAPH = b"<https://w3id.org/ducha/ontology> ."


def quads(store: Store) -> set[bytes]:
    """Every quad as N-Quads, but the ontology graph's: its blank nodes are new on each
    parse of ducha.ttl (the rest of the store has none)."""
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return {line for line in buffer.getvalue().splitlines() if not line.endswith(ONTOLOGY_GRAPH)}


def load(paths: list[Path], *, workers: int, batch_size: int = 1) -> tuple[Store, list]:
    store = Store.open(None)
    settings = Settings(store=None, workers=workers, batch_size=batch_size)
    return store, load_paths(store, paths, settings=settings)


def test_a_parallel_load_of_the_samples_equals_a_serial_one() -> None:
    serial, serial_outcomes = load([SAMPLES], workers=1)
    parallel, parallel_outcomes = load([SAMPLES], workers=2, batch_size=3)
    # Every sample, English and Chinese (service/samples/zh), loads as a new report.
    assert len(serial_outcomes) == 35
    assert [o.status for o in serial_outcomes] == ["new"] * 35
    assert [(o.file, o.status, o.report_iri, o.figures, o.findings) for o in parallel_outcomes] == [
        (o.file, o.status, o.report_iri, o.figures, o.findings) for o in serial_outcomes
    ]
    assert quads(parallel) == quads(serial)
    assert len(quads(serial)) > 10_000


def test_files_that_collide_in_one_batch_end_as_they_do_one_by_one(tmp_path: Path) -> None:
    # Eight other reports so that the load runs in the pool, and one batch holds the rest.
    folder = tmp_path / "corpus"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.txt"))[:8]:
        shutil.copy(sample, folder / sample.name)
    shanxi, sichuan = SAMPLES / "shanxi-feedback-2017.txt", SAMPLES / "sichuan-petitions-2020.txt"
    files = {
        "a/report.txt": shanxi,  # new
        "b/report.txt": sichuan,  # the same file name: replaces a/report.txt's report
        "b/copy.txt": sichuan,  # the same text under another name: the same report
        "c/again.txt": shanxi,  # the text whose report was just replaced: new again
    }
    for name, sample in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(sample, tmp_path / name)
    paths = [folder, *(tmp_path / name for name in files)]
    store, outcomes = load(paths, workers=2, batch_size=4)
    assert [o.status for o in outcomes[-4:]] == ["new", "replaced", "unchanged", "new"]
    first, second, copy, again = (o.report_iri for o in outcomes[-4:])
    assert copy == second and again == first
    assert store.report_for_file("report.txt") == second
    assert store.report_for_file("again.txt") == first
    serial, serial_outcomes = load(paths, workers=1)
    assert [o.status for o in serial_outcomes] == [o.status for o in outcomes]
    assert quads(store) == quads(serial)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are POSIX's")
def test_the_workers_yield_to_the_process_that_writes_the_store(tmp_path: Path) -> None:
    own = os.getpriority(os.PRIO_PROCESS, 0)
    env = {**os.environ, "DUCHA_WORKERS": "2", "DUCHA_STORE": str(tmp_path / "store")}
    load = subprocess.Popen(
        [str(Path(sys.executable).with_name("ducha")), "load", str(SAMPLES), str(EXTRA)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lowered_ones = watch(load, lowered, enough=2)
    _, errors = load.communicate(timeout=300)
    assert load.returncode == 0, errors
    # The two workers, 4 below the command (which runs at this test's priority); the fork
    # server they come from and the command itself stay where they started.
    assert sorted(lowered_ones.values()) == [own + 4, own + 4]


def fork_server(pid: int) -> bool | None:
    """True for the workers' fork server (None for any other process, or one that ended)."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return True if b"multiprocessing.forkserver" in command_line else None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no workers to start")
def test_ducha_load_starts_the_fork_server_first_and_other_commands_do_not(
    tmp_path: Path,
) -> None:
    ducha = str(Path(sys.executable).with_name("ducha"))
    env = {**os.environ, "DUCHA_STORE": str(tmp_path / "store")}
    started = {}
    # `--help` ends before any load could start workers: the server comes from the entry point.
    for command in (["-v", "load", "--help"], ["reports", "--help"]):
        run = subprocess.Popen([ducha, *command], env=env, stdout=subprocess.DEVNULL, text=True)
        started[command[-2]] = bool(watch(run, fork_server, enough=1))
        assert run.wait(timeout=60) == 0
    assert started == {"load": True, "reports": False}
