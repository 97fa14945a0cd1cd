"""The ``ducha`` command and its loading workers run with jemalloc where it is installed
(ducha.service.allocator); DUCHA_ALLOCATOR names another library or turns it off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ducha.service.allocator import library
from processes import watch

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
EXTRA = Path(__file__).parent / "data" / "extra"
DUCHA = Path(sys.executable).with_name("ducha")

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="LD_PRELOAD is Linux's")


def _python_maps(pid: int) -> str | None:
    """The memory map of a Python process (None: ended, or another program, such as the
    ``ldconfig`` that looks the library up)."""
    try:
        if Path(f"/proc/{pid}/exe").resolve() != Path(sys.executable).resolve():
            return None
        return Path(f"/proc/{pid}/maps").read_text(errors="replace")
    except OSError:
        return None  # ended meanwhile


def test_the_setting_names_a_library_or_turns_it_off(tmp_path: Path) -> None:
    assert library("") is None
    assert library("  ") is None
    assert library(str(tmp_path / "missing.so")) is None
    present = tmp_path / "liballoc.so"
    present.write_bytes(b"")
    assert library(str(present)) == str(present)
    assert library("no-such-allocator-anywhere") is None


def test_ducha_load_and_its_workers_run_with_jemalloc(tmp_path: Path) -> None:
    jemalloc = library(None)
    if jemalloc is None:
        pytest.skip("jemalloc is not installed (.ci/setup installs Debian's libjemalloc2)")
    env = {**os.environ, "DUCHA_WORKERS": "2", "DUCHA_STORE": str(tmp_path / "store")}
    env.pop("DUCHA_ALLOCATOR", None)
    env.pop("LD_PRELOAD", None)
    load = subprocess.Popen(
        [str(DUCHA), "-v", "load", str(SAMPLES), str(EXTRA)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The command itself is checked by its log line (it keeps its process id when it
    # restarts); below it, every Python process: the fork server, the workers forked from
    # it, multiprocessing's resource tracker.
    seen = watch(load, _python_maps, enough=3)
    _, errors = load.communicate(timeout=300)
    assert load.returncode == 0, errors
    assert f"memory allocator: {jemalloc}" in errors
    assert len(seen) >= 3, "the load started a fork server and two workers"
    without = [pid for pid, maps in seen.items() if "libjemalloc" not in maps]
    assert not without, f"processes of the load without jemalloc: {without}"


def test_an_empty_setting_keeps_the_c_library_allocator(tmp_path: Path) -> None:
    env = {**os.environ, "DUCHA_ALLOCATOR": "", "DUCHA_STORE": str(tmp_path / "store")}
    env.pop("LD_PRELOAD", None)
    report = sorted(SAMPLES.glob("*.txt"))[0]
    done = subprocess.run(
        [str(DUCHA), "-v", "load", str(report)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "memory allocator: the C library's" in done.stderr


def test_a_library_that_is_not_there_is_named_and_passed_over(tmp_path: Path) -> None:
    env = {**os.environ, "DUCHA_ALLOCATOR": "no-such-allocator", "DUCHA_STORE": str(tmp_path)}
    env.pop("LD_PRELOAD", None)
    done = subprocess.run([str(DUCHA), "reports"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "DUCHA_ALLOCATOR=no-such-allocator: no such library" in done.stderr
