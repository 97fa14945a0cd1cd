"""Loading resumes: files already stored byte for byte are skipped before extraction, a load
stopped half-way (an exception in the loading process, or the process killed) keeps every
report it wrote whole, and loading the same files again completes the store."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ducha.loaders.store import Store
from ducha.service.corpus import LoadOutcome, load_paths
from ducha.service.settings import Settings

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
ONTOLOGY_GRAPH = b"<https://w3id.org/ducha/ontology> ."


def quads(store: Store) -> set[bytes]:
    """Every quad but the ontology graph's (its blank nodes are new on each parse)."""
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return {line for line in buffer.getvalue().splitlines() if not line.endswith(ONTOLOGY_GRAPH)}


def report_quads(store: Store, report_iri: str) -> set[bytes]:
    """The quads of a report's own graphs (the report and its findings)."""
    return {line for line in quads(store) if f"<{report_iri}".encode() in line.split(b" ")[-2]}


@pytest.fixture(scope="module")
def complete() -> Store:
    """The samples loaded in one go, serially: what every resumed load must end as."""
    store = Store.open(None)
    load_paths(store, [SAMPLES], settings=Settings(store=None, workers=1))
    return store


def test_loading_again_skips_every_stored_file_without_extracting(
    complete: Store, tmp_path: Path
) -> None:
    settings = Settings(store=tmp_path / "store", workers=2)
    store = Store.open(settings.store)
    first = load_paths(store, [SAMPLES], settings=settings)
    before = quads(store)
    again = load_paths(store, [SAMPLES], settings=settings)
    assert [o.status for o in again] == ["unchanged"] * len(first)
    # Skipped on the file's digest: nothing extracted, so no counts.
    assert all(o.skipped and o.figures == 0 for o in again)
    assert [o.report_iri for o in again] == [o.report_iri for o in first]
    assert quads(store) == before == quads(complete)


def test_a_changed_file_is_not_skipped(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLES / "shanxi-feedback-2017.txt", report)
    store = Store.open(None)
    settings = Settings(store=None, workers=1)
    (first,) = load_paths(store, [report], settings=settings)
    # The same text in another encoding: new bytes, so extracted, and the same report.
    report.write_bytes(report.read_text(encoding="utf-8").encode("utf-16"))
    (same,) = load_paths(store, [report], settings=settings)
    assert (same.status, same.skipped, same.report_iri) == ("unchanged", False, first.report_iri)
    report.write_text(report.read_text(encoding="utf-16") + "\nThe end.\n", encoding="utf-8")
    (changed,) = load_paths(store, [report], settings=settings)
    assert changed.status == "replaced" and not changed.skipped


def test_a_file_is_not_skipped_for_a_report_the_same_load_replaces(tmp_path: Path) -> None:
    shanxi, sichuan = SAMPLES / "shanxi-feedback-2017.txt", SAMPLES / "sichuan-petitions-2020.txt"
    for name, sample in (
        ("a/report.txt", shanxi),
        ("b/report.txt", sichuan),
        ("c/copy.txt", shanxi),
    ):
        (tmp_path / name).parent.mkdir()
        shutil.copy(sample, tmp_path / name)
    store = Store.open(None)
    for batch_size in (1, 2):
        settings = Settings(store=None, workers=1, batch_size=batch_size)
        (first,) = load_paths(store, [tmp_path / "a" / "report.txt"], settings=settings)
        # b/report.txt replaces a/report.txt's report; c/copy.txt has a/report.txt's bytes.
        later = [tmp_path / "b" / "report.txt", tmp_path / "c" / "copy.txt"]
        replaced, copy = load_paths(store, later, settings=settings)
        assert (replaced.status, copy.status, copy.skipped) == ("replaced", "new", False)
        assert store.has_graph(first.report_iri or "")
        for report in (replaced.report_iri, copy.report_iri):
            store.delete_report(report or "")


class Interrupted(Exception):
    """Stands for the loading process dying: raised from the progress callback."""


@pytest.mark.parametrize("batch_size", [1, 4])
def test_a_load_stopped_half_way_keeps_whole_reports_and_resumes(
    complete: Store, tmp_path: Path, batch_size: int
) -> None:
    settings = Settings(store=tmp_path / "store", workers=2, batch_size=batch_size)
    store = Store.open(settings.store)
    recorded: list[LoadOutcome] = []

    def stop_after_ten(done: int, total: int, outcome: LoadOutcome) -> None:
        recorded.append(outcome)
        if done == 10:
            raise Interrupted

    with pytest.raises(Interrupted):
        load_paths(store, [SAMPLES], settings=settings, progress=stop_after_ten)
    stored = {r.iri for r in store.reports()}
    # Every report whose outcome came out is stored; at most one batch more is.
    assert {o.report_iri for o in recorded} <= stored
    assert len(stored) <= 10 + batch_size - 1
    for report in stored:
        assert report_quads(store, report) == report_quads(complete, report)
    resumed = load_paths(store, [SAMPLES], settings=settings)
    assert sum(o.skipped for o in resumed) == len(stored)
    assert sum(o.status == "new" for o in resumed) == 35 - len(stored)
    assert quads(store) == quads(complete)


def test_ducha_load_killed_half_way_resumes(complete: Store, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    ducha = Path(sys.executable).parent / "ducha"
    # Small batches, so that the load is killed with some reports stored and others not.
    command = [str(ducha), "-v", "load", "--batch-size", "4", "--store", str(store_dir)]
    # The loading process logs each report it stores: kill it, without warning, after five.
    process = subprocess.Popen(
        [*command, str(SAMPLES)], stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stderr is not None
    stored = 0
    for line in process.stderr:
        stored += " new report " in line
        if stored == 5:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    store = Store.open(store_dir)
    reports = {r.iri for r in store.reports()}
    assert 5 <= len(reports) < 35
    for report in reports:
        assert report_quads(store, report) == report_quads(complete, report)
    del store  # release the store's lock for the next process
    finished = subprocess.run([*command, str(SAMPLES)], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert quads(Store.open(store_dir)) == quads(complete)


def test_a_batch_through_the_bulk_loader_stores_the_same_quads() -> None:
    # One batch of every sample and extra report (over 3 MB of N-Quads) takes the bulk
    # loader; a batch of one report at a time, one transaction each.
    folders = [SAMPLES, Path(__file__).parent / "data" / "extra"]
    one_by_one = Store.open(None)
    load_paths(one_by_one, folders, settings=Settings(store=None, workers=1, batch_size=1))
    dump = io.BytesIO()
    one_by_one.dump(dump, "nquads")
    assert len(dump.getvalue()) > 3_000_000
    bulk = Store.open(None)
    outcomes = load_paths(bulk, folders, settings=Settings(store=None, workers=1, batch_size=64))
    assert {o.status for o in outcomes} == {"new"}
    assert quads(bulk) == quads(one_by_one)
    assert all(bulk.is_complete(o.report_iri) for o in outcomes)


def test_a_report_without_its_commit_mark_is_written_again(complete: Store) -> None:
    store = Store.open(None)
    first = load_paths(store, [SAMPLES], settings=Settings(store=None, workers=1))
    cut = first[3].report_iri
    findings = f"{cut}/findings"
    # What a crash between the bulk write and the commit marks leaves: quads, no mark.
    store.update(
        f"DELETE WHERE {{ GRAPH <{cut}> {{ <{cut}> <https://schema.org/sha256> ?digest }} }} ;"
        f" DROP SILENT GRAPH <{findings}>"
    )
    assert store.has_graph(cut) and not store.is_complete(cut)
    again = load_paths(store, [SAMPLES], settings=Settings(store=None, workers=1))
    rewritten = [o for o in again if not o.skipped]
    assert [o.report_iri for o in rewritten] == [cut]
    assert quads(store) == quads(complete)
